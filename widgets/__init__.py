"""Models, figures and explorers of the course "Ketamine in the depressed brain, step by step".

Chapters import two functions::

    from widgets import show, show_quiz

Layers, imported in one direction only: ``models`` (numpy/scipy) <-
``figures`` (plotly) <- ``interactive`` (ipywidgets) / ``display`` <- chapters.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["show", "show_quiz"]


def show(name: str, **fixed):
    """Show an interactive figure (see :func:`widgets.display.show`)."""
    from .display import show as _show

    return _show(name, **fixed)


def show_quiz(name: str) -> None:
    """Show a self-check quiz (see :func:`widgets.quiz.show_quiz`)."""
    from .quiz import show_quiz as _show_quiz

    _show_quiz(name)
