"""Quiz files and their display."""

from __future__ import annotations

import json

import pytest
from IPython.core.interactiveshell import InteractiveShell

from widgets.quiz import QUIZ_DIR, load_quiz, show_quiz

QUIZZES = sorted(p.stem for p in QUIZ_DIR.glob("*.json"))


@pytest.mark.parametrize("name", QUIZZES)
def test_every_answer_explains_itself(name):
    questions = load_quiz(name)
    assert len(questions) >= 3
    for q in questions:
        assert q["type"] in {"multiple_choice", "many_choice", "numeric"}
        assert any(a.get("correct") for a in q["answers"]), q["question"]
        assert all(a.get("feedback") for a in q["answers"]), q["question"]
    assert "$" not in json.dumps(questions), "no LaTeX: the book has no MathJax"


def test_unknown_quiz_is_rejected():
    with pytest.raises(ValueError, match="name must be one of .*step01"):
        load_quiz("step99")


def test_quiz_container_is_closed(monkeypatch):
    shown = []
    shell = InteractiveShell.instance()
    monkeypatch.setattr(shell.display_pub, "publish", lambda data, **kw: shown.append(data))
    show_quiz("step01")
    html = [d["text/html"] for d in shown if "text/html" in d]
    assert html and all(h.count("<div") == h.count("</div>") for h in html)
