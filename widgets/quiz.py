"""Self-check quizzes that work in the static book (no kernel, offline).

Questions live in ``book/quizzes/<name>.json`` (jupyterquiz format), where an
instructor can edit them without touching code.  A number that a question
quotes from the model is written ``{num:name:format}`` and filled in from the
model when the quiz is shown.  jupyterquiz renders them in
the browser with its own JavaScript, embedded in the page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

__all__ = ["QUIZ_COLORS", "QUIZ_DIR", "load_quiz", "show_quiz"]

#: jupyterquiz's default "correct" green (#009113) is below the WCAG AA contrast of 4.5:1
#: with white text; this darker green reaches about 5.3:1.
QUIZ_COLORS = {"--jq-correct-color": "#007a10"}

#: Folder of the question files.
QUIZ_DIR = Path(__file__).resolve().parents[1] / "book" / "quizzes"
#: A number from the model in a question or its feedback: ``{num:name}`` or ``{num:name:format}``.
_NUMBER = re.compile(r"\{num:([A-Za-z0-9_]+)(?::([^}]*))?\}")


def fill_numbers(text: str) -> str:
    """Replace every ``{num:name:format}`` in ``text`` by the model's number (see :data:`widgets.figures.NUMBERS`).

    Examples
    --------
    >>> fill_numbers("no numbers here")
    'no numbers here'
    """
    if "{num:" not in text:
        return text
    from .figures import NUMBERS

    def value(match: re.Match) -> str:
        key, spec = match.group(1), match.group(2) or "g"
        if key not in NUMBERS:
            raise ValueError(f"the quiz asks for the model number {key!r}, which no figure module's NUMBERS defines")
        return format(NUMBERS[key](), spec)

    return _NUMBER.sub(value, text)


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
    return json.loads(fill_numbers(path.read_text(encoding="utf-8")))


def _closed(obj):
    """jupyterquiz 2.9 leaves its container ``<div>`` open; close it.

    Otherwise the browser nests everything after the quiz (the exercise, its
    solution, the takeaways) inside the quiz's output.
    """
    from IPython.display import HTML

    if isinstance(obj, HTML) and obj.data.count("<div") > obj.data.count("</div>"):
        return HTML(obj.data + "</div>")
    return obj


def show_quiz(name: str) -> None:
    """Display quiz ``name`` with jupyterquiz (answers checked in the browser)."""
    import jupyterquiz.dynamic.display as jq

    original = jq.display
    jq.display = lambda obj, *args, **kwargs: original(_closed(obj), *args, **kwargs)
    try:
        jq.display_quiz(load_quiz(name), shuffle_answers=False, max_width=760, colors=QUIZ_COLORS)
    finally:
        jq.display = original
