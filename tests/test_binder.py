"""Binder's launch, short of Docker: what repo2docker would build for this repository.

Binder (mybinder.org) builds the image with repo2docker.  Without a Docker engine,
``jupyter-repo2docker --no-build --debug <repo>`` still picks the buildpack and the Python
version, prints them in its log and renders the Dockerfile.  These tests read that output
(not a guess at it) and check:

* the Python version it picks is the one ``.binder/runtime.txt`` names (not its default);
* the Dockerfile installs ``.binder/requirements.txt`` -- the same pins as ``make book`` -- after
  the repository is copied in (its ``-r ../requirements.txt`` and ``-e .`` need the files);
* every pinned requirement resolves for that Python on the image's Linux, from binary wheels
  (``tools/check_pins.py``: ``pip install --dry-run`` against PyPI), without breaking what
  repo2docker's own base environment keeps;
* ``postBuild`` runs after the install and puts the notebook-viewer override where the
  installed JupyterLab reads it.

The rest of the path (a chapter opened as a notebook, cells run, a slider moves the figure)
is proven by ``tests/book/test_jupyterlab.py``.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import check_pins  # noqa: E402

BINDER = ROOT / ".binder"
#: conda-forge names in repo2docker's base environment whose PyPI name differs.
CONDA_TO_PYPI = {
    "brotli-python": "brotli",
    "python-fastjsonschema": "fastjsonschema",
    "jupyterhub-base": "jupyterhub",
    "nbconvert-core": "nbconvert",
}
#: Installers and build tools of the base environment, not part of what the course installs against.
NOT_CHECKED = {"pip", "setuptools", "wheel", "python", "conda", "mamba"}
#: The Dockerfile's install of the repository's requirements, with the pip of the kernel's environment.
PIP_INSTALL = r"RUN \$\{KERNEL_PYTHON_PREFIX\}/bin/pip install"


@dataclass
class Rendered:
    log: str  # what repo2docker logs (stderr)
    dockerfile: str  # the Dockerfile it would build (stdout)


@pytest.fixture(scope="module")
def repo2docker() -> Rendered:
    exe = Path(sys.executable).parent / "jupyter-repo2docker"
    result = subprocess.run(
        [str(exe), "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "FROM " in result.stdout, "repo2docker printed no Dockerfile"
    return Rendered(log=result.stderr, dockerfile=result.stdout)


def _picked_python(rendered: Rendered) -> str:
    found = re.findall(r"Building conda environment for python=(\d+\.\d+)", rendered.log)
    assert len(found) == 1, "repo2docker's log does not say which Python it builds:\n" + rendered.log
    return found[0]


def _lock_file(rendered: Rendered, python: str) -> Path:
    """The conda lock file of the base environment, as the Dockerfile copies it to /tmp/env/environment.lock."""
    with warnings.catch_warnings():  # repo2docker's logging imports a deprecated python-json-logger module
        warnings.simplefilter("ignore", DeprecationWarning)
        from repo2docker.buildpacks.base import BuildPack

    # repo2docker's own naming of the files it adds to the build context (relative to its buildpacks folder).
    context_name, path = BuildPack.generate_build_context_filename(f"conda/environment.py-{python}-linux-64.lock")
    assert Path(path).is_file(), path
    assert f"COPY --chown=0:0 {context_name} /tmp/env/environment.lock" in rendered.dockerfile
    return Path(path)


def _lines(dockerfile: str) -> list[str]:
    return [line.strip() for line in dockerfile.splitlines()]


def _index(lines: list[str], pattern: str) -> int:
    hits = [i for i, line in enumerate(lines) if re.fullmatch(pattern, line)]
    assert len(hits) == 1, f"expected exactly one Dockerfile line matching {pattern!r}, found {len(hits)}"
    return hits[0]


@functools.cache
def _resolution(python: str) -> check_pins.Resolution:
    return check_pins.resolve(check_pins.flatten(BINDER / "requirements.txt"), python)


def _failure(resolution: check_pins.Resolution, who: str) -> str:
    problems = check_pins.explain(resolution)
    return f"{who}: these pins would stop the install (Python {resolution.python}, Linux x86_64):\n  " + "\n  ".join(
        problems
    )


def test_repo2docker_uses_the_python_of_runtime_txt(repo2docker):
    assert "Python version unspecified" not in repo2docker.log, "repo2docker found no .binder/runtime.txt"
    assert _picked_python(repo2docker) == check_pins.binder_python()


def test_the_base_image_is_the_one_the_wheel_check_assumes(repo2docker):
    """check_pins asks for wheels that run on BINDER_GLIBC; that is the glibc of this base image."""
    base = re.findall(r"^FROM (\S+)", repo2docker.dockerfile, re.M)
    assert [b.removeprefix("docker.io/library/") for b in base] == [check_pins.BINDER_BASE_IMAGE], (
        "repo2docker's base image changed: update BINDER_BASE_IMAGE and BINDER_GLIBC in tools/check_pins.py"
    )


def test_the_conda_environment_has_that_python(repo2docker):
    python = _picked_python(repo2docker)
    lock = _lock_file(repo2docker, python).read_text(encoding="utf-8")
    versions = re.findall(r"/python-(\d+\.\d+\.\d+)-[^/]*cpython", lock)
    assert len(versions) == 1 and versions[0].startswith(python + "."), versions


def test_the_image_installs_the_binder_requirements_after_copying_the_repository(repo2docker):
    lines = _lines(repo2docker.dockerfile)
    workdir = _index(lines, r"WORKDIR \$\{REPO_DIR\}")
    copy = _index(lines, r"COPY --chown=\S+ src/ \$\{REPO_DIR\}/")
    pip = _index(lines, PIP_INSTALL + r' --no-cache-dir -r "?\.binder/requirements\.txt"?')
    # -r ../requirements.txt and -e . are read against the repository, which must be in place by then.
    assert workdir < copy < pip
    # The pip of the environment that runs JupyterLab and the kernel.
    assert "ENV KERNEL_PYTHON_PREFIX=${NB_PYTHON_PREFIX}" in lines


def test_binder_installs_the_same_pins_as_make_book():
    binder = check_pins.pins(check_pins.flatten(BINDER / "requirements.txt"))
    book = check_pins.pins(check_pins.flatten(ROOT / "requirements.txt"))
    assert book and {name: binder.get(name) for name in book} == book
    assert "-e ." in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()


def test_every_pin_resolves_for_binders_python(repo2docker):
    python = _picked_python(repo2docker)
    resolution = _resolution(python)
    if not resolution.ok or resolution.off_pin():
        pytest.fail(_failure(resolution, "Binder's image build"))
    assert {"numpy", "scipy", "jupyterlab", "jupyter-book"} <= set(resolution.installed)


def _base_environment(lock: Path) -> dict[str, str]:
    """``{PyPI name: version}`` of the Python packages in repo2docker's base environment (conda lock file)."""
    packages = {}
    for url in re.findall(r"^https://\S+", lock.read_text(encoding="utf-8"), re.M):
        filename = re.sub(r"\.(conda|tar\.bz2)$", "", url.split("#")[0].rsplit("/", 1)[1])
        name, version, build = filename.rsplit("-", 2)
        if build.startswith("py") and name not in NOT_CHECKED:  # Python packages have py* build strings
            packages[canonicalize_name(CONDA_TO_PYPI.get(name, name))] = version
    return packages


def test_the_pins_leave_binders_base_environment_consistent(repo2docker):
    """pip installs over repo2docker's base environment; what it does not replace must still fit.

    Otherwise the image still builds, but pip reports a dependency conflict and the older package may
    break (e.g. the base environment's notebook 7.4 requires jupyterlab<4.5).
    """
    python = _picked_python(repo2docker)
    ours = _resolution(python)
    if not ours.ok:
        pytest.fail(_failure(ours, "Binder's image build"))
    base = _base_environment(_lock_file(repo2docker, python))
    assert {"jupyterlab", "notebook", "ipykernel"} <= set(base), "the lock file was not read"
    kept = {name: version for name, version in base.items() if name not in ours.installed}
    together = check_pins.resolve(ours.requirements + [f"{n}=={v}" for n, v in sorted(kept.items())], python)
    if not together.ok or together.off_pin():
        pytest.fail(
            "a package that repo2docker's base environment keeps conflicts with the pins; pin a compatible version "
            "in .binder/requirements.txt:\n  " + "\n  ".join(check_pins.explain(together))
        )


def test_postbuild_runs_after_the_install(repo2docker):
    lines = _lines(repo2docker.dockerfile)
    pip = _index(lines, PIP_INSTALL + r" .*-r .*")
    post = _index(lines, r"RUN \./\.binder/postBuild")
    assert pip < post


def test_postbuild_installs_the_notebook_viewer_override(tmp_path, monkeypatch):
    """Run postBuild as the image does, with NB_PYTHON_PREFIX pointing at a temporary folder."""
    result = subprocess.run(
        ["bash", str(BINDER / "postBuild")],
        cwd=ROOT,
        env={**os.environ, "NB_PYTHON_PREFIX": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    installed = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert installed.read_bytes() == (BINDER / "overrides.json").read_bytes()
    viewers = json.loads(installed.read_text())["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers == {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}
    # That folder is the application settings folder of a JupyterLab installed in the prefix.
    monkeypatch.delenv("JUPYTERLAB_DIR", raising=False)
    from jupyterlab.commands import get_app_dir

    assert Path(get_app_dir()) == Path(sys.prefix) / "share" / "jupyter" / "lab"
    assert shutil.which("jupytext", path=str(Path(sys.executable).parent)), "the viewer comes with jupytext"
