"""The one call a chapter makes to show an interactive figure.

``show("pk_concentration")`` returns an object that Jupyter displays in the
best form the reader's environment supports:

* in the built book (no kernel), a static Plotly figure with Plotly's own
  sliders, precomputed over the ParamSpec grids (``text/html``; plotly.js is
  loaded once per page by the book, never embedded or fetched from a CDN);
* in a live notebook with a widget frontend, the live explorer
  (ipywidgets sliders + ``FigureWidget``), with the static HTML as fallback.

While the book is built, the environment variable :data:`STATIC_ENV` is set
(by the local Sphinx extension ``_ext/course_build.py``, and inherited by the
kernels), and no widget is created at all: a widget would save its whole
state, several megabytes, into the page.
"""

from __future__ import annotations

import itertools
import os
from html import escape

from .figures import FIGURES
from .figures.core import FigureSpec, make_figure, static_figure

__all__ = ["STATIC_ENV", "InteractiveFigure", "show"]

#: Set to "1" while the book is being built: render static figures only.
STATIC_ENV = "KETAMINE_COURSE_STATIC"

_PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
}
_counter = itertools.count(1)


def static_mode() -> bool:
    """True while the book is being built (no widgets may be created)."""
    return os.environ.get(STATIC_ENV, "") not in ("", "0")


class InteractiveFigure:
    """A figure shown live or static, from one :class:`FigureSpec`.

    Parameters
    ----------
    spec : FigureSpec
        The figure, with any fixed options applied.
    """

    def __init__(self, spec: FigureSpec):
        self.spec = spec
        self._explorer = None
        self._div_id = f"fig-{spec.name.replace('_', '-')}-{next(_counter)}"

    def figure(self, **values):
        """The plain ``go.Figure`` at the given slider values (no sliders)."""
        return make_figure(self.spec, **values)

    def static_figure(self):
        """The kernel-free figure with Plotly sliders."""
        return static_figure(self.spec)

    def static_html(self) -> str:
        """HTML of the static figure, without plotly.js and without MathJax.

        The figure is followed by its text alternative in a ``<details>``
        element ("Text description"), referenced by ``aria-describedby``, so
        that readers who cannot see the plot get what it shows at its
        default settings.
        """
        html = self.static_figure().to_html(
            include_plotlyjs=False, include_mathjax=False, full_html=False, div_id=self._div_id, config=_PLOTLY_CONFIG
        )
        desc_id = f"{self._div_id}-description"
        marker = f'<div id="{self._div_id}" class="plotly-graph-div"'
        html = html.replace(marker, f'{marker} role="group" aria-describedby="{desc_id}"', 1)
        text = escape(self.spec.description())
        return (
            f'{html}\n<details class="figure-text"><summary>Text description</summary>'
            f'<p id="{desc_id}">{text}</p></details>'
        )

    @property
    def explorer(self):
        """The live explorer (created on first use; needs ipywidgets)."""
        if static_mode():
            raise RuntimeError("no widgets are created while the book is built")
        if self._explorer is None:
            from .interactive import Explorer

            self._explorer = Explorer(self.spec)
        return self._explorer

    def _repr_mimebundle_(self, include=None, exclude=None):
        html = self.static_html()
        if static_mode():
            return {"text/html": html}
        bundle = dict(self.explorer._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/html"] = html
        return bundle


def show(name: str, **fixed) -> InteractiveFigure:
    """Show the interactive figure ``name`` (see :data:`widgets.figures.FIGURES`).

    Parameters
    ----------
    name : str
        Registry name, e.g. ``"pk_concentration"``.
    **fixed
        Options that are not sliders, e.g. ``highlight="step01"``.

    Returns
    -------
    InteractiveFigure
        Displayed by Jupyter as a live explorer or a static figure.
    """
    if name not in FIGURES:
        raise ValueError(f"name must be one of {', '.join(sorted(FIGURES))}; got {name!r}")
    return InteractiveFigure(FIGURES[name].with_fixed(**fixed))
