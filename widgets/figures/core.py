"""The machinery shared by every interactive figure.

An interactive figure is described once, by a :class:`FigureSpec`:

* ``build(**options)`` draws the figure: axes, labels, bands, and every trace
  (with placeholder data where the model fills it in);
* ``patch(**values, **options)`` runs the model for one set of slider values
  and returns a :class:`Patch`: new data for some traces (by index) and new
  values for a few layout properties;
* ``describe(**values, **options)`` writes the text alternative;
* ``sliders`` holds the :class:`~widgets.params.ParamSpec` of each slider, and
  ``options`` the keyword options a chapter may pass to ``show()`` (with their
  defaults), e.g. which step a timeline highlights.

From that one description come both forms a reader can meet:

* :func:`static_payload`, for the built book: the figure at its defaults, its
  sliders, and the patch precomputed for every combination of the sliders'
  static grids (:meth:`~widgets.params.ParamSpec.static_grid`), as Plotly
  frames.  The sliders carry no action of their own; the page's script
  (``_ext/static/figures.js``) maps their positions to the frame of that
  combination, so sliders combine in plain HTML with no kernel.
* :class:`widgets.interactive.Explorer`, in a live notebook: ipywidgets
  sliders over the full grids call the same ``patch`` and apply it to a
  ``go.FigureWidget`` in place, with :func:`apply_patch`.

Builder template (every figure module follows it):

1. ``<name>_figure(**options) -> go.Figure``: static parts plus placeholder
   traces; keyword-only options; never ``show()``.
2. ``<name>_patch(**values, **options) -> Patch``: model call and trace data,
   no drawing.
3. ``<name>_description(**values, **options) -> str``: the text alternative.
4. ``SPEC = FigureSpec(name, sliders, build, patch, describe, options=...)``,
   listed in the module's ``FIGURES``; the module's own sliders go in its
   ``PARAMS``.  :mod:`widgets.figures` finds both.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import plotly.graph_objects as go

from ..params import ParamSpec

__all__ = [
    "FigureSpec",
    "Patch",
    "apply_patch",
    "compact",
    "make_figure",
    "static_payload",
    "static_size_bytes",
]

#: Vertical space (px) given to each Plotly slider under the plot.
SLIDER_HEIGHT_PX = 78
#: Most combinations a static figure may precompute; past it a figure needs coarser static grids or fewer sliders.
MAX_STATIC_COMBINATIONS = 400


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
    sliders : tuple of ParamSpec
        The parameter of each slider, top to bottom.
    build : callable
        ``build(**options) -> go.Figure``.
    patch : callable
        ``patch(**values, **options) -> Patch``.
    describe : callable
        ``describe(**values, **options) -> str``: the text alternative, a few
        sentences stating what the figure shows at these slider values, with
        the model's numbers.
    options : dict
        The options a chapter may pass to ``show()``, with their defaults
        (e.g. ``{"highlight": None}``).  Any other keyword raises ``TypeError``.
    fixed : dict
        Options set by ``show()`` (see :meth:`with_fixed`).
    narrow : dict
        Layout changes (property path -> value) for a phone-sized screen, where
        the figure is drawn less than 560 px wide, e.g. panels stacked instead
        of side by side; the book's figure script applies them, then fits tick
        labels, titles and readouts to the width by itself.
    """

    name: str
    sliders: tuple[ParamSpec, ...]
    build: Callable[..., go.Figure]
    patch: Callable[..., Patch]
    describe: Callable[..., str]
    options: Mapping[str, Any] = field(default_factory=dict)
    fixed: Mapping[str, Any] = field(default_factory=dict)
    narrow: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        if not self.sliders or not all(isinstance(s, ParamSpec) for s in self.sliders):
            raise ValueError(f"FigureSpec {self.name!r}: sliders must be a non-empty tuple of ParamSpec")
        names = [s.name for s in self.sliders]
        if len(set(names)) != len(names):
            raise ValueError(f"FigureSpec {self.name!r}: two sliders share a name: {names}")
        clash = set(names) & set(self.options)
        if clash:
            raise ValueError(f"FigureSpec {self.name!r}: {sorted(clash)} cannot be both a slider and an option")
        if self.describe is None:
            raise ValueError(f"FigureSpec {self.name!r}: every figure needs a text alternative (describe=...)")

    @property
    def params(self) -> tuple[str, ...]:
        """Names of the sliders, top to bottom."""
        return tuple(s.name for s in self.sliders)

    @property
    def specs(self) -> list[ParamSpec]:
        """The ParamSpec of each slider."""
        return list(self.sliders)

    def defaults(self) -> dict[str, Any]:
        """Default value of every slider."""
        return {s.name: s.default for s in self.sliders}

    def option_values(self) -> dict[str, Any]:
        """Every declared option, at its default or at the value ``show()`` set."""
        return {**self.options, **self.fixed}

    def with_fixed(self, **fixed) -> FigureSpec:
        """Copy of the spec with options set (a misspelt option raises ``TypeError``)."""
        unknown = set(fixed) - set(self.options)
        if unknown:
            known = ", ".join(sorted(self.options)) or "none"
            raise TypeError(f"{self.name}: unknown option(s) {sorted(unknown)}; the options of this figure: {known}")
        return replace(self, fixed={**self.fixed, **fixed})

    def description(self) -> str:
        """Text alternative of the figure at its default slider values."""
        return self.describe(**self.defaults(), **self.option_values())

    def patch_at(self, **values) -> Patch:
        """The patch at the given slider values (defaults for those not given)."""
        _check_sliders(self, values)
        return self.patch(**{**self.defaults(), **values}, **self.option_values())


def _check_sliders(spec: FigureSpec, values: Mapping[str, Any]) -> None:
    unknown = set(values) - set(spec.params)
    if unknown:
        raise TypeError(f"{spec.name}: unknown slider(s) {sorted(unknown)}; sliders are {list(spec.params)}")


def _plain(values: list) -> list:
    """Integral floats as ints ("0" instead of "0.0" in the page), everything else unchanged."""
    return [int(v) if isinstance(v, float) and v.is_integer() and abs(v) < 1e15 else v for v in values]


def compact(value, *, significant: bool = False):
    """Round an array to 4 significant digits and return a JSON-ready list.

    Trace data are written into the page as plain JSON lists, so fewer digits
    mean a lighter page; 4 significant digits are far below what the eye can
    see.  By default the digits count from the array's largest magnitude (a
    curve keeps a common precision); with ``significant=True`` every value
    keeps its own 4 digits (for positions on a logarithmic axis).  ``None``
    entries (gaps between line segments) pass through; a NaN or an infinity is
    a model defect and raises ``ValueError`` instead of reaching the page.
    Non-array values are returned unchanged.
    """
    if not isinstance(value, (np.ndarray, list, tuple)):
        return value
    if isinstance(value, (list, tuple)) and any(v is None for v in value):
        numbers = [v for v in value if v is not None]
        rounded = iter(compact(np.asarray(numbers, dtype=float), significant=significant) if numbers else [])
        return [None if v is None else next(rounded) for v in value]
    arr = np.asarray(value)
    if arr.dtype.kind not in "fiu":
        return arr.tolist()
    arr = arr.astype(float)
    if not np.all(np.isfinite(arr)):
        raise ValueError("a figure received a NaN or infinite value from its model")
    if significant:
        return _plain([float(f"{v:.4g}") for v in arr.tolist()])
    top = np.abs(arr).max() if arr.size else 0.0
    decimals = 3 if top == 0 else max(0, 3 - math.floor(math.log10(top)))
    return _plain(np.round(arr, decimals).tolist())


def _compact_props(props: Mapping[str, Any]) -> dict[str, Any]:
    return {k: compact(v, significant=(k == "x")) for k, v in props.items()}


def apply_patch(fig: go.Figure, patch: Patch) -> None:
    """Write a patch into a Figure or FigureWidget in place (no new traces)."""
    for i, props in patch.traces.items():
        fig.data[i].update(_compact_props(props))
    for path, value in patch.layout.items():
        fig.layout[path] = value


def make_figure(spec: FigureSpec, **values) -> go.Figure:
    """The figure at one set of slider values (defaults for those not given), trace data compacted."""
    _check_sliders(spec, values)
    fig = spec.build(**spec.option_values())
    for trace in fig.data:
        for key in ("x", "y"):
            data = trace[key]
            if data is not None and len(data) and not isinstance(data[0], str):
                trace[key] = compact(list(data), significant=(key == "x"))
    apply_patch(fig, spec.patch_at(**values))
    return fig


def _frame(spec: FigureSpec, values: dict, indices: list[int], keys: list[str]) -> dict:
    patch = spec.patch(**values, **spec.option_values())
    if sorted(patch.traces) != indices:
        raise ValueError(f"{spec.name}: a patch must always touch the same traces {indices}")
    if any(sorted(p) != keys for p in patch.traces.values()):
        raise ValueError(f"{spec.name}: every patched trace must carry the same properties {keys}")
    return {
        "data": [_compact_props(patch.traces[i]) for i in indices],
        "traces": indices,
        "layout": dict(patch.layout),
    }


def static_combinations(spec: FigureSpec) -> list[dict[str, Any]]:
    """Every combination of the sliders' static grids, in row-major order (last slider fastest)."""
    grids = [s.static_grid() for s in spec.sliders]
    return [dict(zip(spec.params, combo, strict=True)) for combo in itertools.product(*grids)]


def static_payload(spec: FigureSpec, *, combinations: bool = True) -> dict[str, Any]:
    """The kernel-free figure: Plotly sliders whose every combination is precomputed.

    Parameters
    ----------
    spec : FigureSpec
        The figure.
    combinations : bool
        False for the figure at its defaults with inert sliders (the fallback
        of a live session, where the explorer does the work).

    Returns
    -------
    dict
        ``{"data", "layout", "frames", "combine", "narrow"}``, ready for ``json.dumps``.
        ``layout.sliders`` has one slider per parameter over its static grid,
        with steps of method ``"skip"``; ``frames`` holds each distinct patch
        as a Plotly frame (``data``, ``traces``, ``layout``); and
        ``combine["frame_of"][i]`` is the frame of the ``i``-th combination of
        slider positions in row-major order (the last slider fastest);
        ``narrow`` is the spec's layout for phone-sized screens.
    """
    fig = make_figure(spec)
    sliders = []
    for j, s in enumerate(spec.sliders):
        grid = s.static_grid()
        sliders.append(
            dict(
                active=grid.index(next(v for v in grid if s.index(v) == s.index(s.default))),
                name=s.name,
                steps=[dict(method="skip", label=label, args=[]) for label in s.static_labels()],
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
    n = len(sliders)
    fig.update_layout(
        sliders=sliders,
        height=(fig.layout.height or 420) + SLIDER_HEIGHT_PX * n,
        margin=dict(b=(fig.layout.margin.b or 48) + SLIDER_HEIGHT_PX * n),
    )
    payload = fig.to_plotly_json()
    payload["frames"] = []
    payload["combine"] = {"frame_of": []}
    payload["narrow"] = dict(spec.narrow)
    if not combinations:
        return payload
    ref = spec.patch(**spec.defaults(), **spec.option_values())
    indices = sorted(ref.traces)
    keys = sorted({k for props in ref.traces.values() for k in props})
    combos = static_combinations(spec)
    if len(combos) > MAX_STATIC_COMBINATIONS:
        raise ValueError(
            f"{spec.name}: {len(combos)} slider combinations to precompute (at most {MAX_STATIC_COMBINATIONS}); "
            "give a ParamSpec coarser static_values or the figure fewer sliders"
        )
    seen: dict[str, int] = {}
    for values in combos:
        frame = _frame(spec, values, indices, keys)
        key = json.dumps(frame, sort_keys=True, default=float)
        if key not in seen:
            seen[key] = len(payload["frames"])
            payload["frames"].append({"name": str(seen[key]), **frame})
        payload["combine"]["frame_of"].append(seen[key])
    return payload


def static_size_bytes(spec: FigureSpec) -> int:
    """Bytes of a figure's static payload as JSON (what it adds to a page)."""
    from plotly.io import to_json

    return len(to_json(static_payload(spec), validate=False).encode())
