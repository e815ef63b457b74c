"""Live explorers: ipywidgets sliders driving a Plotly ``FigureWidget``.

Used where a kernel and a widget frontend exist (JupyterLab, Binder,
Jupyter Notebook, VS Code).  An explorer is built from the same
:class:`~widgets.figures.core.FigureSpec` as the static figure: the sliders
come from the ParamSpec registry and every change calls the same ``patch``
function, applied to the existing traces in one batch.  No science lives here.
"""

from __future__ import annotations

import ipywidgets as ipw
import plotly.graph_objects as go

from .figures.core import FigureSpec, apply_patch, make_figure
from .params import ParamSpec

__all__ = ["Explorer", "slider_for"]


def slider_for(spec: ParamSpec) -> ipw.ValueWidget:
    """The ipywidgets control of one parameter, with its label and unit."""
    common = dict(
        description=spec.title, style={"description_width": "initial"}, layout=ipw.Layout(width="min(100%, 560px)")
    )
    if spec.is_choice:
        return ipw.Dropdown(
            options=list(zip(spec.grid_labels(), spec.grid(), strict=True)), value=spec.default, **common
        )
    if spec.scale == "values":
        return ipw.SelectionSlider(
            options=list(zip(spec.grid_labels(), spec.grid(), strict=True)),
            value=spec.default,
            continuous_update=True,
            **common,
        )
    return ipw.FloatSlider(
        value=spec.default,
        min=spec.min,
        max=spec.max,
        step=spec.step,
        continuous_update=True,
        readout_format=".2f",
        **common,
    )


class Explorer(ipw.VBox):
    """Sliders above a ``go.FigureWidget`` whose traces follow the model.

    Parameters
    ----------
    spec : FigureSpec
        The figure to explore.

    Examples
    --------
    >>> from widgets.figures import FIGURES
    >>> ex = Explorer(FIGURES["pk_concentration"])
    >>> ex.set(dose_mg_per_kg=0.8)
    """

    def __init__(self, spec: FigureSpec):
        self.spec = spec
        self.figure = go.FigureWidget(make_figure(spec))
        self.sliders = {s.name: slider_for(s) for s in spec.specs}
        for w in self.sliders.values():
            w.observe(self._update, names="value")
        super().__init__([*self.sliders.values(), self.figure])

    def values(self) -> dict:
        """Current value of every slider."""
        return {name: w.value for name, w in self.sliders.items()}

    def set(self, **values) -> None:
        """Move sliders from Python, exactly as a reader would."""
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise TypeError(f"{self.spec.name}: unknown slider(s) {sorted(unknown)}; sliders are {list(self.sliders)}")
        for name, value in values.items():
            self.sliders[name].value = value

    def _update(self, _change=None) -> None:
        patch = self.spec.patch_at(**self.values())
        with self.figure.batch_update():
            apply_patch(self.figure, patch)
