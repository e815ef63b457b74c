"""The Python version, stated once and checked.

``requires-python`` in ``pyproject.toml`` is the one statement of the minimum.  The README and the
"Running the course live" page say the same, Binder's ``.binder/runtime.txt`` names it, every pin
installs for it, and ``make`` refuses an older interpreter with one sentence before pip runs
(``tools/check_python.py``).  An old interpreter is simulated by raising the minimum in a copy of
the Makefile's folder, so no second Python is needed.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import check_pins  # noqa: E402
import check_python  # noqa: E402

#: Pages that tell a reader which Python to install.
STATED_IN = ["README.md", "book/running_live.md"]


def _minimum() -> str:
    return "{}.{}".format(*check_python.minimum_python())


def test_requires_python_is_one_lower_bound_that_the_check_reads():
    spec = SpecifierSet(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"])
    assert [s.operator for s in spec] == [">="]
    assert next(iter(spec)).version == _minimum()


@pytest.mark.parametrize("page", STATED_IN)
def test_the_docs_state_the_same_minimum(page):
    stated = re.findall(r"You need Python (\d+\.\d+) or newer", (ROOT / page).read_text(encoding="utf-8"))
    assert stated == [_minimum()], f"{page} should say 'You need Python {_minimum()} or newer' once"


def test_binder_runs_the_minimum():
    assert check_pins.binder_python() == _minimum()


def test_this_interpreter_is_new_enough():
    """CI and `make test` run on the interpreter the Makefile checked; it satisfies the minimum."""
    assert sys.version_info[:2] >= check_python.minimum_python()


def test_every_pin_resolves_for_the_stated_minimum():
    """What `make book`, `make test` and Binder install, asked of pip for the minimum Python (PyPI, binary wheels)."""
    requirements = check_pins.flatten(ROOT / "requirements-dev.txt")
    requirements += [r for r in check_pins.flatten(ROOT / ".binder" / "requirements.txt") if r not in requirements]
    resolution = check_pins.resolve(requirements, _minimum())
    if not resolution.ok or resolution.off_pin():
        pytest.fail(
            f"requires-python says {_minimum()}, but these pins do not install there:\n  "
            + "\n  ".join(check_pins.explain(resolution))
        )
    assert {"numpy", "jupyter-book", "pytest", "jupyter-repo2docker", "notebook"} <= set(resolution.installed)


# The sentence itself.


def _runs(*present):
    """A stand-in for check_python.probe: these interpreters run (python3.N reports 3.N), no others."""
    return lambda name: tuple(int(x) for x in name.removeprefix("python").split(".")) if name in present else None


def test_old_interpreter_gets_one_sentence_naming_a_newer_one():
    message = check_python.problem((3, 10, 12), "/usr/bin/python3", (3, 11), probe=_runs("python3.12", "python3.13"))
    assert message == ("this course needs Python 3.11 or newer; found 3.10 at /usr/bin/python3; set PYTHON=python3.12")


def test_without_a_newer_interpreter_it_says_what_to_install():
    message = check_python.problem((3, 9, 1), "/usr/bin/python3", (3, 11), probe=_runs("python3.10"))
    assert message == (
        "this course needs Python 3.11 or newer; found 3.9 at /usr/bin/python3; "
        "install Python 3.11 or newer and set PYTHON= to it (for example PYTHON=python3.11)"
    )


def test_an_old_venv_is_named():
    message = check_python.problem((3, 10, 0), "/x/.venv/bin/python", (3, 11), venv=".venv", probe=_runs("python3.11"))
    assert message == (
        "this course needs Python 3.11 or newer; .venv was made with Python 3.10 (/x/.venv/bin/python); "
        "remove it (rm -rf .venv) and run make again with PYTHON=python3.11"
    )


@pytest.mark.parametrize("version", [(3, 11, 0), (3, 12, 4), (4, 0, 0)])
def test_new_enough_interpreters_pass(version):
    assert check_python.problem(version, "/usr/bin/python3", (3, 11), probe=_runs()) is None


def test_the_check_itself_runs_on_old_interpreters():
    """It must give its sentence on the Pythons it turns away: Python 3.6 syntax, no tomllib."""
    source = (ROOT / "tools" / "check_python.py").read_text(encoding="utf-8")
    ast.parse(source, feature_version=(3, 6))
    with pytest.raises(SyntaxError):  # the guard above can fail: a 3.8 feature is refused
        ast.parse("if (n := 1): pass", feature_version=(3, 6))
    assert "tomllib" not in source.replace("no tomllib", "")


# Through make, as a reader would meet it.


@pytest.fixture()
def course_copy(tmp_path) -> Path:
    """The files `make book` and `make test` start from, with a minimum no interpreter meets (Python 3.99)."""
    for name in ["Makefile", "requirements.txt", "requirements-dev.txt", "tools/check_python.py"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, tmp_path / name)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    raised, n = re.subn(r'^requires-python = ">=[\d.]+"$', 'requires-python = ">=3.99"', pyproject, flags=re.M)
    assert n == 1
    (tmp_path / "pyproject.toml").write_text(raised, encoding="utf-8")
    return tmp_path


def _make(folder: Path, *args: str) -> subprocess.CompletedProcess:
    # A bounded run: were the check missing, make would go on to create .venv and call pip.
    return subprocess.run(["make", "-C", str(folder), *args], capture_output=True, text=True, timeout=300)


def _own_lines(result: subprocess.CompletedProcess) -> list[str]:
    """What the recipe printed, without make's own "Entering directory" and "Error 1" lines."""
    return [line for line in (result.stdout + result.stderr).splitlines() if not line.startswith("make")]


@pytest.mark.parametrize("target", ["book", "test"])
def test_make_stops_with_one_sentence_before_creating_the_venv(course_copy, target):
    result = _make(course_copy, target, f"PYTHON={sys.executable}")
    assert result.returncode != 0
    found = "{}.{}".format(*sys.version_info[:2])
    assert _own_lines(result) == [
        f"this course needs Python 3.99 or newer; found {found} at {sys.executable}; "
        "install Python 3.99 or newer and set PYTHON= to it (for example PYTHON=python3.99)"
    ]
    assert not (course_copy / ".venv").exists()


def test_make_names_a_missing_interpreter(course_copy):
    result = _make(course_copy, "book", "PYTHON=python-that-does-not-exist")
    assert result.returncode != 0
    assert _own_lines(result) == [
        "there is no python-that-does-not-exist on this machine: "
        "install Python (see the README's Quick start) or set PYTHON= to one"
    ]


def test_make_checks_an_existing_venv(course_copy):
    (course_copy / ".venv" / "bin").mkdir(parents=True)
    (course_copy / ".venv" / "bin" / "python").symlink_to(sys.executable)
    result = _make(course_copy, "book")
    assert result.returncode != 0
    [line] = _own_lines(result)
    assert line.startswith("this course needs Python 3.99 or newer; .venv was made with Python ")
    assert "rm -rf .venv" in line


def test_make_passes_quietly_here():
    result = _make(ROOT, "--no-print-directory", "check-python")
    assert result.returncode == 0, result.stderr
    assert result.stdout == result.stderr == ""
