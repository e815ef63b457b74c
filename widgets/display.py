"""The one call a chapter makes to show an interactive figure.

``show("pk_concentration")`` returns an object that Jupyter displays in the
best form the reader's environment supports:

* in the built book (no kernel), a static Plotly figure whose sliders combine:
  every combination of their static grids is precomputed (``text/html``; the
  book's ``figures.js`` loads plotly.js from the site when the figure comes
  near the screen and draws it; nothing is embedded or fetched from a CDN);
* in a live notebook with a widget frontend, the live explorer
  (ipywidgets sliders + ``FigureWidget``), with the figure at its defaults as
  the HTML fallback.

While the book is built, the environment variable :data:`STATIC_ENV` is set
(by the local Sphinx extension ``_ext/course_build.py``, and inherited by the
kernels), and no widget is created at all: a widget would save its whole
state, several megabytes, into the page.
"""

from __future__ import annotations

import itertools
import json
import os
from html import escape

from plotly.io import to_json

from .figures import FIGURES
from .figures.core import FigureSpec, make_figure, static_payload

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

    def static_payload(self, *, combinations: bool = True) -> dict:
        """The kernel-free figure (see :func:`widgets.figures.core.static_payload`)."""
        return static_payload(self.spec, combinations=combinations)

    def static_html(self, *, combinations: bool = True) -> str:
        """HTML of the static figure: a sized box, the figure as JSON, and its text alternative.

        Nothing is drawn here and no script runs inline: the book's
        ``figures.js`` (loaded deferred, only on pages with figures) loads
        plotly.js, draws each figure when it comes near the screen, and makes
        its sliders combine (see :mod:`widgets.figures.core`).  The box keeps
        the figure's height, so the page does not jump when it is drawn.  The
        figure is followed by its text alternative in a ``<details>`` element
        ("Text description"), referenced by ``aria-describedby``, so that
        readers who cannot see the plot get what it shows at its default
        settings.

        Parameters
        ----------
        combinations : bool
            False for the figure at its defaults with inert sliders (the
            fallback of a live session, which the explorer replaces).
        """
        payload = self.static_payload(combinations=combinations)
        payload["config"] = _PLOTLY_CONFIG
        height = int(payload["layout"].get("height") or 450)
        # "</" would end the script element early; "<\/" is the same JSON string.
        data = to_json(payload, validate=False).replace("</", "<\\/")
        desc_id = f"{self._div_id}-description"
        text = escape(self.spec.description())
        return (
            f'<div class="course-figure" style="min-height:{height}px">'
            f'<div id="{self._div_id}" class="plotly-graph-div course-figure-plot" style="height:{height}px;width:100%"'
            f' data-name="{self.spec.name}" data-options="{escape(json.dumps(dict(self.spec.fixed)))}"'
            f' role="group" aria-label="Interactive figure" aria-describedby="{desc_id}"></div>'
            f'<script type="application/json" class="course-figure-data" data-figure="{self._div_id}">{data}</script>'
            f"</div>\n"
            f'<details class="figure-text"><summary>Text description</summary><p id="{desc_id}">{text}</p></details>'
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
        if static_mode():
            return {"text/html": self.static_html()}
        # Live: the explorer does the work; the HTML fallback is the figure at its defaults, with nothing precomputed.
        bundle = dict(self.explorer._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/html"] = self.static_html(combinations=False)
        return bundle


def show(name: str, **fixed) -> InteractiveFigure:
    """Show the interactive figure ``name`` (see :data:`widgets.figures.FIGURES`).

    Parameters
    ----------
    name : str
        Registry name, e.g. ``"pk_concentration"``.
    **fixed
        Options that are not sliders, e.g. ``highlight="step01"``; each figure
        declares its own (a misspelt option raises ``TypeError``).

    Returns
    -------
    InteractiveFigure
        Displayed by Jupyter as a live explorer or a static figure.
    """
    if name not in FIGURES:
        raise ValueError(f"name must be one of {', '.join(sorted(FIGURES))}; got {name!r}")
    return InteractiveFigure(FIGURES[name].with_fixed(**fixed))
