"""Build the student edition of the book: every page, no exercise solutions, no answer keys.

    python tools/student_config.py [--output DIR]        (or: make book-student)

The configuration is not copied by hand: this script reads ``_config.yml``, switches on
sphinx-exercise's ``hide_solutions`` and the local extension ``_ext/student_build.py`` (which
removes gated solutions and answer keys whole, and scrubs the downloadable sources), and
builds with it through ``tools/book_config.py`` (a temporary file given to
``jupyter-book build --config``, built strictly with ``-W -n --keep-going``, like ``make book``).

``jupyter-book build --path-output X`` writes to ``X/_build/html`` and keeps its execution
cache and doctrees in ``X/_build``.  The build therefore runs in ``DIR/.work`` (kept, so a
rebuild reuses the cache) and the finished site is moved to ``DIR/html``
(default ``DIR``: ``_build/student``, so the site is ``_build/student/html``).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import book_config

ROOT = book_config.ROOT
DEFAULT_OUTPUT = ROOT / "_build" / "student"


def student_config(config: dict) -> dict:
    """``config`` (the parsed ``_config.yml``) with solutions hidden and the student extension on."""
    # The temporary file lives elsewhere, and Jupyter Book resolves these folders against it.
    config = book_config.with_absolute_paths(config)
    config["sphinx"]["local_extensions"]["student_build"] = str(ROOT / "_ext")
    config["sphinx"].setdefault("config", {})["hide_solutions"] = True
    return config


def build(output: Path = DEFAULT_OUTPUT) -> Path:
    """Build the student edition into ``output/html`` and return that folder."""
    output = output.resolve()
    work = output / ".work"
    result = book_config.build(student_config(book_config.load()), work)
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
