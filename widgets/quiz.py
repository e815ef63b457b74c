"""Self-check quizzes that work in the static book (no kernel, offline).

Questions live in ``book/quizzes/<name>.json`` (jupyterquiz format), where an
instructor can edit them without touching code.  jupyterquiz renders them in
the browser with its own JavaScript, embedded in the page.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["QUIZ_DIR", "load_quiz", "show_quiz"]

#: Folder of the question files.
QUIZ_DIR = Path(__file__).resolve().parents[1] / "book" / "quizzes"


def load_quiz(name: str) -> list[dict]:
    """Questions of quiz ``name`` as a list of dicts.

    Parameters
    ----------
    name : str
        File stem in ``book/quizzes`` (e.g. ``"step01"``).

    Returns
    -------
    list of dict
        The questions.
    """
    path = QUIZ_DIR / f"{name}.json"
    if not path.is_file():
        known = sorted(p.stem for p in QUIZ_DIR.glob("*.json"))
        raise ValueError(f"name must be one of {', '.join(known)}; got {name!r}")
    return json.loads(path.read_text(encoding="utf-8"))


def show_quiz(name: str) -> None:
    """Display quiz ``name`` with jupyterquiz (answers checked in the browser)."""
    from jupyterquiz import display_quiz

    display_quiz(load_quiz(name), shuffle_answers=False, max_width=760)
