"""Build the book with a changed configuration, leaving ``_config.yml`` as it is.

    import book_config
    config = book_config.load()
    config["launch_buttons"]["jupyterhub_url"] = "https://hub.example.edu"
    book_config.build(config, Path("_build/hub"))          # the site is in _build/hub/_build/html

``jupyter-book build --config FILE`` reads the configuration from FILE instead of
``_config.yml``.  The changed configuration is written to a temporary file, so the folders
it names relative to the book (``sphinx.local_extensions``) are made absolute first: Jupyter
Book resolves them against the configuration file's folder.  The build is strict
(``-W -n --keep-going``), like ``make book``.  Used by ``tools/student_config.py`` (the
student edition) and by the test of JupyterHub launch links.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def load() -> dict:
    """The book's own configuration (``_config.yml``), parsed."""
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def with_absolute_paths(config: dict) -> dict:
    """``config`` with its local extension folders made absolute (for a configuration file elsewhere)."""
    sphinx = config.setdefault("sphinx", {})
    local = sphinx.get("local_extensions") or {}
    sphinx["local_extensions"] = {name: str((ROOT / path).resolve()) for name, path in local.items()}
    return config


def build(config: dict, path_output: Path, **run_args) -> subprocess.CompletedProcess:
    """Build the book strictly with ``config`` into ``path_output/_build/html``.

    ``run_args`` go to :func:`subprocess.run` (e.g. ``capture_output=True, text=True``).
    """
    config = with_absolute_paths(config)
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    with tempfile.TemporaryDirectory(prefix="book-config-") as tmp:
        config_path = Path(tmp) / "_config.yml"
        config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
        cmd = [
            str(jupyter_book) if jupyter_book.exists() else "jupyter-book",
            "build",
            str(ROOT),
            "--config",
            str(config_path),
            "--path-output",
            str(path_output),
            "-W",
            "-n",
            "--keep-going",
        ]
        return subprocess.run(cmd, cwd=ROOT, **run_args)
