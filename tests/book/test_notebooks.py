"""Chapters as notebooks, the way Binder and `make live` run them.

Each chapter is converted with jupytext and executed top to bottom in a fresh
kernel whose working directory is ``book/`` and whose environment is *not* the
book build's, so every figure is displayed as a live explorer.
"""

from __future__ import annotations

import os

import jupytext
import nbclient
import nbformat
import pytest

from tests.conftest import ROOT, chapter_pages
from widgets.display import STATIC_ENV

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

DRIVE_EXPLORERS = """
from widgets.display import InteractiveFigure
shown = [v for v in Out.values() if isinstance(v, InteractiveFigure)]
moved = 0
for fig in shown:
    ex = fig.explorer
    for name, slider in ex.sliders.items():
        before = ex.figure.to_json()
        spec = next(s for s in fig.spec.specs if s.name == name)
        grid = spec.grid()
        ex.set(**{name: grid[0] if slider.value != grid[0] else grid[-1]})
        assert ex.figure.to_json() != before, (fig.spec.name, name)
        ex.set(**{name: spec.default})
        moved += 1
print("moved", len(shown), moved)
"""


@pytest.mark.parametrize("stem", chapter_pages())
def test_chapter_runs_as_a_live_notebook_from_the_book_folder(stem, monkeypatch):
    monkeypatch.delenv(STATIC_ENV, raising=False)
    nb = jupytext.read(ROOT / f"{stem}.md")
    # After the chapter, drive every explorer it showed from Python, as a reader moving the sliders would.
    nb.cells.append(nbformat.v4.new_code_cell(DRIVE_EXPLORERS))
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "book")}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    views = [o for o in outputs if WIDGET_VIEW in o.get("data", {})]
    n_figures = sum("show(" in cell.source for cell in nb.cells if cell.cell_type == "code")
    assert len(views) == n_figures >= 1, "every figure is a live explorer in a notebook"
    n_sliders = sum(len(s.params) for s in _figure_specs(nb))
    assert nb.cells[-1].outputs[0]["text"].split() == ["moved", str(n_figures), str(n_sliders)]
    assert os.environ.get(STATIC_ENV) is None


def _figure_specs(nb):
    """The FigureSpec of every show(...) call in the notebook, from its source."""
    import ast

    from widgets.figures import FIGURES

    specs = []
    for cell in nb.cells[:-1]:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "show":
                specs.append(FIGURES[node.args[0].value])
    return specs
