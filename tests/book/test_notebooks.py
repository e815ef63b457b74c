"""Chapters as notebooks, the way Binder and `make live` run them.

Each chapter is converted with jupytext and executed top to bottom in a fresh
kernel whose working directory is ``book/`` and whose environment is *not* the
book build's, so every figure is displayed as a live explorer.
"""

from __future__ import annotations

import os

import jupytext
import nbclient
import pytest

from tests.conftest import ROOT, chapter_pages
from widgets.display import STATIC_ENV

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.mark.parametrize("stem", chapter_pages())
def test_chapter_runs_as_a_live_notebook_from_the_book_folder(stem, monkeypatch):
    monkeypatch.delenv(STATIC_ENV, raising=False)
    nb = jupytext.read(ROOT / f"{stem}.md")
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "book")}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    views = [o for o in outputs if WIDGET_VIEW in o.get("data", {})]
    n_figures = sum("show(" in cell.source for cell in nb.cells if cell.cell_type == "code")
    assert len(views) == n_figures >= 1, "every figure is a live explorer in a notebook"
    assert os.environ.get(STATIC_ENV) is None
