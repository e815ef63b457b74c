"""The machinery shared by every interactive figure.

An interactive figure is described once, by a :class:`FigureSpec`:

* ``build(**fixed)`` draws the figure: axes, labels, bands, and every trace
  (with placeholder data where the model fills it in);
* ``patch(**values, **fixed)`` runs the model for one set of slider values and
  returns a :class:`Patch`: new data for some traces (by index) and new values
  for a few layout properties;
* ``params`` names the :class:`~widgets.params.ParamSpec` of each slider.

From that one description come both forms a reader can meet:

* :func:`static_figure`, for the built book: the patch is precomputed at every
  grid value of every slider and attached to Plotly's own sliders
  (``layout.sliders``, method ``"update"``), so the figure is interactive in
  plain HTML with no kernel.  Each slider varies its own parameter with the
  others at their defaults, and moving one slider returns the others to
  their defaults so that what the sliders show always matches the curves.
* :class:`widgets.interactive.Explorer`, in a live notebook: ipywidgets
  sliders call the same ``patch`` and apply it to a ``go.FigureWidget`` in
  place, with :func:`apply_patch`.

Builder template (every figure module follows it):

1. ``<name>_figure(**fixed) -> go.Figure``: static parts plus placeholder
   traces; keyword-only options; never ``show()``.
2. ``<name>_patch(**values, **fixed) -> Patch``: model call and trace data,
   no drawing.
3. ``SPEC = FigureSpec(name, params, build, patch)`` registered in
   :data:`widgets.figures.FIGURES`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import plotly.graph_objects as go

from ..params import ParamSpec, get

__all__ = ["FigureSpec", "Patch", "apply_patch", "compact", "make_figure", "static_figure"]

#: Vertical space (px) given to each Plotly slider under the plot.
SLIDER_HEIGHT_PX = 78


@dataclass(frozen=True)
class Patch:
    """What one set of slider values changes in a figure.

    Parameters
    ----------
    traces : dict
        Trace index -> {property: value}, e.g. ``{0: {"y": array}}``.  Every
        patched trace of a figure must carry the same property names.
    layout : dict
        Layout property path -> value, e.g. ``{"shapes[0].x0": 40.0}``.
    """

    traces: Mapping[int, Mapping[str, Any]] = field(default_factory=dict)
    layout: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FigureSpec:
    """One interactive figure: how to draw it, and what its sliders change.

    Parameters
    ----------
    name : str
        Registry name used by :func:`widgets.show`.
    params : tuple of str
        ParamSpec names of the sliders, top to bottom.
    build : callable
        ``build(**fixed) -> go.Figure``.
    patch : callable
        ``patch(**values, **fixed) -> Patch``.
    fixed : dict
        Keyword arguments that are not sliders (e.g. which step to highlight).
    describe : callable
        ``describe(**values, **fixed) -> str``: the text alternative, a few
        sentences stating what the figure shows at these slider values, with
        the model's numbers.
    """

    name: str
    params: tuple[str, ...]
    build: Callable[..., go.Figure]
    patch: Callable[..., Patch]
    fixed: Mapping[str, Any] = field(default_factory=dict)
    describe: Callable[..., str] | None = None

    @property
    def specs(self) -> list[ParamSpec]:
        """The ParamSpec of each slider."""
        return [get(p) for p in self.params]

    def defaults(self) -> dict[str, Any]:
        """Default value of every slider."""
        return {s.name: s.default for s in self.specs}

    def with_fixed(self, **fixed) -> FigureSpec:
        """Copy of the spec with extra fixed keyword arguments."""
        return replace(self, fixed={**self.fixed, **fixed})

    def description(self) -> str:
        """Text alternative of the figure at its default slider values."""
        if self.describe is None:
            raise ValueError(f"{self.name}: every figure needs a text alternative (describe=...)")
        return self.describe(**self.defaults(), **self.fixed)


def compact(value):
    """Round an array to 4 significant digits and return a JSON-ready list.

    Slider steps are serialised as plain JSON lists, so fewer digits means a
    lighter page; 4 significant digits are far below what the eye can see.
    ``None`` entries (gaps between line segments) pass through; a NaN or an
    infinity is a model defect and raises ``ValueError`` instead of reaching
    the page.  Non-array values are returned unchanged.
    """
    if isinstance(value, (np.ndarray, list, tuple)):
        arr = np.asarray(value)
        if arr.dtype.kind in "fi":
            arr = arr.astype(float)
            if not np.all(np.isfinite(arr)):
                raise ValueError("a figure received a NaN or infinite value from its model")
            top = np.abs(arr).max() if arr.size else 0.0
            decimals = 3 if top == 0 else max(0, 3 - math.floor(math.log10(top)))
            return np.round(arr, decimals).tolist()
        return arr.tolist()
    return value


def apply_patch(fig: go.Figure, patch: Patch) -> None:
    """Write a patch into a Figure or FigureWidget in place (no new traces)."""
    for i, props in patch.traces.items():
        fig.data[i].update({k: compact(v) for k, v in props.items()})
    for path, value in patch.layout.items():
        fig.layout[path] = value


def make_figure(spec: FigureSpec, **values) -> go.Figure:
    """The figure at one set of slider values (defaults for those not given)."""
    unknown = set(values) - set(spec.params)
    if unknown:
        raise TypeError(f"{spec.name}: unknown slider(s) {sorted(unknown)}; sliders are {list(spec.params)}")
    fig = spec.build(**spec.fixed)
    apply_patch(fig, spec.patch(**{**spec.defaults(), **values}, **spec.fixed))
    return fig


def _step_args(spec: FigureSpec, values: dict, indices: list[int], keys: list[str], resets: dict) -> list:
    patch = spec.patch(**values, **spec.fixed)
    if sorted(patch.traces) != indices:
        raise ValueError(f"{spec.name}: a patch must always touch the same traces")
    data = {}
    for key in keys:
        data[key] = [compact(patch.traces[i][key]) for i in indices]
    return [data, {**patch.layout, **resets}, indices]


def static_figure(spec: FigureSpec) -> go.Figure:
    """The kernel-free figure: Plotly sliders over every ParamSpec grid.

    Returns
    -------
    plotly.graph_objects.Figure
        The figure at its defaults, with one ``layout.sliders`` entry per
        parameter whose steps carry precomputed ``update`` arguments.
    """
    defaults = spec.defaults()
    fig = make_figure(spec)
    ref = spec.patch(**defaults, **spec.fixed)
    indices = sorted(ref.traces)
    keys = sorted({k for props in ref.traces.values() for k in props})
    if any(sorted(props) != keys for props in ref.traces.values()):
        raise ValueError(f"{spec.name}: every patched trace must carry the same properties {keys}")
    default_index = {s.name: s.index(s.default) for s in spec.specs}
    sliders = []
    n = len(spec.params)
    for j, s in enumerate(spec.specs):
        resets = {f"sliders[{k}].active": default_index[other.name] for k, other in enumerate(spec.specs) if k != j}
        steps = []
        for value, label in zip(s.grid(), s.grid_labels(), strict=True):
            args = _step_args(spec, {**defaults, s.name: value}, indices, keys, resets)
            steps.append(dict(method="update", label=label, args=args))
        sliders.append(
            dict(
                active=default_index[s.name],
                name=s.name,
                steps=steps,
                currentvalue=dict(prefix=f"{s.title}: ", font=dict(size=13)),
                # Inset from both edges so that the first and last step labels are not clipped.
                len=0.9,
                x=0.05,
                xanchor="left",
                y=0.0,
                yanchor="top",
                pad=dict(t=SLIDER_HEIGHT_PX * j + 56, b=0, l=0, r=0),
                font=dict(size=11),
                ticklen=4,
            )
        )
    height = (fig.layout.height or 420) + SLIDER_HEIGHT_PX * n
    margin_b = (fig.layout.margin.b or 48) + SLIDER_HEIGHT_PX * n
    fig.update_layout(sliders=sliders, height=height, margin=dict(b=margin_b))
    return fig
