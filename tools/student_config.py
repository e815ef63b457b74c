"""Build the student edition of the book: every page, no exercise solutions, no answer keys.

    python tools/student_config.py [--output DIR]        (or: make book-student)

The configuration is not copied by hand: this script reads ``_config.yml``, switches on
sphinx-exercise's ``hide_solutions`` and the local extension ``_ext/student_build.py`` (which
removes gated solutions and answer keys whole, and scrubs the downloadable sources), writes
the result to a temporary file and runs ``jupyter-book build --config <that file>`` strictly
(``-W -n --keep-going``), like ``make book``.

``jupyter-book build --path-output X`` writes to ``X/_build/html`` and keeps its execution
cache and doctrees in ``X/_build``.  The build therefore runs in ``DIR/.work`` (kept, so a
rebuild reuses the cache) and the finished site is moved to ``DIR/html``
(default ``DIR``: ``_build/student``, so the site is ``_build/student/html``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "_build" / "student"


def student_config(config: dict) -> dict:
    """``config`` (the parsed ``_config.yml``) with solutions hidden and the student extension on."""
    sphinx = config.setdefault("sphinx", {})
    # The temporary file lives elsewhere, and Jupyter Book resolves these folders against it.
    local = {name: str((ROOT / path).resolve()) for name, path in (sphinx.get("local_extensions") or {}).items()}
    local["student_build"] = str(ROOT / "_ext")
    sphinx["local_extensions"] = local
    sphinx.setdefault("config", {})["hide_solutions"] = True
    return config


def build(output: Path = DEFAULT_OUTPUT) -> Path:
    """Build the student edition into ``output/html`` and return that folder."""
    output = output.resolve()
    work = output / ".work"
    config = student_config(yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")))
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    with tempfile.TemporaryDirectory(prefix="student-config-") as tmp:
        config_path = Path(tmp) / "_config.yml"
        config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
        cmd = [
            str(jupyter_book) if jupyter_book.exists() else "jupyter-book",
            "build",
            str(ROOT),
            "--config",
            str(config_path),
            "--path-output",
            str(work),
            "-W",
            "-n",
            "--keep-going",
        ]
        result = subprocess.run(cmd, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(result.returncode)
    site = output / "html"
    shutil.rmtree(site, ignore_errors=True)
    shutil.move(str(work / "_build" / "html"), str(site))
    return site


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="folder for the student edition; the site goes to OUTPUT/html (default: _build/student)",
    )
    args = parser.parse_args(argv)
    site = build(args.output)
    print(f"\nThe student edition (no solutions) is in {site}. Open {site / 'index.html'} in a browser.")


if __name__ == "__main__":
    main()
