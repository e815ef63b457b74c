"""Every chapter downloaded as a notebook runs top to bottom on a Jupyter server of its own.

The download button of a chapter serves ``_sources/<chapter>.ipynb``, which the build converts
from the MyST source.  A reader or an instructor runs it elsewhere, with the course package
installed from a clone (``pip install -r requirements.txt``, as the README says): here, a copy
in a temporary folder outside ``book/`` and outside the repository, executed by nbclient in a
fresh ``python3`` kernel of this environment, without the book build's static switch, as a
Jupyter server would run it.  Its figures must come back as live explorers.
"""

from __future__ import annotations

import json
import re
import sys

import jupytext
import nbclient
import nbformat
import pytest

from tests.conftest import ROOT, chapter_pages
from widgets.display import STATIC_ENV

pytestmark = pytest.mark.book

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: How plotly's FigureWidget (an anywidget) identifies itself in the saved widget state.
FIGURE_WIDGET = "plotly.graph_objs._figurewidget.FigureWidget"
WHERE_AM_I = "import os, widgets; print(os.getcwd()); print(widgets.__file__)"


def _code(nb) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


def _expanded(stem: str) -> str:
    """The chapter's source as the build reads it: ``{timeline-figure}`` expanded into its code cell."""
    sys.path.insert(0, str(ROOT / "_ext"))
    try:
        import chapters
    finally:
        sys.path.pop(0)
    source = [(ROOT / f"{stem}.md").read_text(encoding="utf-8")]
    chapters._expand_timeline(None, stem, source)
    return source[0]


@pytest.mark.parametrize("stem", chapter_pages())
def test_downloaded_notebook_is_the_chapter(html_dir, stem):
    """The download holds every code cell of the chapter, the "On the timeline" figure included."""
    downloaded = nbformat.read(html_dir / "_sources" / f"{stem}.ipynb", as_version=4)
    chapter = jupytext.reads(_expanded(stem), fmt="md:myst")
    assert _code(downloaded) == _code(chapter)
    assert downloaded.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("stem", chapter_pages())
def test_downloaded_notebook_runs_outside_the_book(html_dir, stem, tmp_path, monkeypatch):
    monkeypatch.delenv(STATIC_ENV, raising=False)  # a Jupyter server, not the book build
    assert not tmp_path.resolve().is_relative_to(ROOT)
    nb = nbformat.read(html_dir / "_sources" / f"{stem}.ipynb", as_version=4)
    # The download carries the build's outputs: clear them, so that every output checked below is from this run.
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("widgets", None)
    nb.cells.append(nbformat.v4.new_code_cell(WHERE_AM_I))
    downloaded = tmp_path / f"{stem.rsplit('/', 1)[-1]}.ipynb"
    nbformat.write(nb, downloaded)

    nb = nbformat.read(downloaded, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name=nb.metadata.kernelspec.name, resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()

    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    errors = [f"{o.ename}: {o.evalue}" for o in outputs if o.output_type == "error"]
    assert errors == []
    cwd, package = nb.cells[-1].outputs[0]["text"].splitlines()
    assert cwd == str(tmp_path)
    assert package.startswith(str(ROOT / "widgets")), "the course package installed from the clone"

    # Every show(...) cell displays a live explorer: a widget whose children include a Plotly FigureWidget with traces.
    n_figures = sum("show(" in source for source in _code(nb)[:-1])
    views = [o["data"][WIDGET_VIEW]["model_id"] for o in outputs if WIDGET_VIEW in o.get("data", {})]
    assert len(views) == n_figures >= 1
    state = nb.metadata["widgets"][WIDGET_STATE]["state"]
    for view in views:
        figures = [m for m in _tree(state, view) if m["state"].get("_anywidget_id") == FIGURE_WIDGET]
        assert len(figures) == 1, f"explorer {view} shows no Plotly figure"
        assert figures[0]["state"]["_widget_data"], "the figure has traces"


def _tree(state: dict, model_id: str) -> list[dict]:
    """The widget model ``model_id`` and every model it refers to (children, layout, ...)."""
    seen, todo, found = set(), [model_id], []
    while todo:
        current = todo.pop()
        if current in seen or current not in state:
            continue
        seen.add(current)
        found.append(state[current])
        todo += re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(state[current]["state"]))
    return found
