"""The contract every registered figure meets: structure, sliders, text alternative, finite data, live = static.

Parametrized over the registries that :mod:`widgets.figures` assembles, so a new chapter's figures are
checked here without being named.  Expectations that belong to one figure live in
``tests/figures/test_<module>.py``, next to its module.
"""

from __future__ import annotations

import base64
import itertools
import json
import math
from types import SimpleNamespace

import numpy as np
import pytest
from plotly.utils import PlotlyJSONEncoder

from widgets.figures import FIGURES, MODULES, PARAMS, apply_patch, make_figure, static_payload
from widgets.figures import _assemble as assemble
from widgets.figures.core import MAX_STATIC_COMBINATIONS, FigureSpec, Patch, compact, static_combinations
from widgets.params import TIME, ParamSpec

SPECS = list(FIGURES.values())
#: The most a single figure may add to a page (the page budgets are checked on the built book).
MAX_FIGURE_BYTES = 150_000


@pytest.fixture(scope="module", params=SPECS, ids=lambda s: s.name)
def spec(request):
    return request.param


@pytest.fixture(scope="module")
def payload(spec):
    return static_payload(spec)


def _axis_titles(layout: dict) -> list[str]:
    titles = []
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")) and axis.get("visible", True) is not False:
            text = (axis.get("title") or {}).get("text")
            if text:
                titles.append(text)
    return titles


def _lists(value):
    """JSON with plotly's base64 typed arrays ({"dtype", "bdata"}) decoded to lists."""
    if isinstance(value, dict):
        if set(value) == {"dtype", "bdata"}:
            return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lists(v) for v in value]
    return value


def _plain(fig) -> dict:
    """The figure as plain JSON (arrays as lists, whatever plotly stores them as)."""
    return _lists(json.loads(json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder)))


def _figure_at(spec: FigureSpec, frame: dict):
    """The static figure after the browser applied ``frame`` (what figures.js does with Plotly.update)."""
    fig = make_figure(spec)
    for i, props in zip(frame["traces"], frame["data"], strict=True):
        fig.data[i].update(props)
    for path, value in frame["layout"].items():
        fig.layout[path] = value
    return _plain(fig)


# --- the registries ----------------------------------------------------------------------------------------


def test_every_figure_module_is_found_and_registers_its_figures():
    chapters = [name for name in MODULES if name.startswith("step")]
    assert chapters, "the chapter figure modules are found by the package itself"
    for module in MODULES.values():
        for spec in getattr(module, "FIGURES", ()):
            assert FIGURES[spec.name] is spec
        for p in getattr(module, "PARAMS", ()):
            assert PARAMS[p.name] is p


def test_every_slider_of_every_figure_is_a_registered_parameter():
    for spec in SPECS:
        for p in spec.sliders:
            assert PARAMS[p.name] == p


def test_two_figures_with_one_name_fail_loudly():
    one = SimpleNamespace(FIGURES=(FIGURES["timeline"],))
    with pytest.raises(ValueError, match="two figures are called 'timeline'"):
        assemble({"a": one, "b": one})


def test_two_different_parameters_with_one_name_fail_loudly():
    other = ParamSpec(TIME.name, "another time", "min", default=1, scale="values", values=(1, 2))
    with pytest.raises(ValueError, match="two different parameters are called 'time_min'"):
        assemble({"a": SimpleNamespace(PARAMS=(other,))})


def test_a_slider_that_no_module_declares_fails_loudly():
    stray = ParamSpec("stray_min", "stray", "min", default=1, min=0, max=2, step=1)
    spec = FigureSpec("stray", (stray,), lambda: None, lambda **kw: Patch(), lambda **kw: "")
    with pytest.raises(ValueError, match="'stray_min', which no module's PARAMS declares"):
        assemble({"a": SimpleNamespace(FIGURES=(spec,))})


def test_chapter_modules_are_named_after_their_chapter_files():
    from tests.conftest import ROOT

    for name in MODULES:
        if name.startswith("step"):
            assert (ROOT / "book" / f"{name}.md").is_file(), f"widgets/figures/{name}.py has no book/{name}.md"


# --- structure ---------------------------------------------------------------------------------------------


def test_axis_titles_are_lower_case_and_numeric_ones_state_units(spec, payload):
    titles = _axis_titles(payload["layout"])
    assert titles, "a figure needs labeled axes"
    for title in titles:
        assert title == title[0].lower() + title[1:], f"axis titles are lower case: {title!r}"
        if "time" in title or any(ch.isdigit() for ch in title):
            assert "(" in title and ")" in title, f"units or scale in parentheses: {title!r}"


def test_one_static_slider_per_parameter_over_its_static_grid(spec, payload):
    sliders = payload["layout"]["sliders"]
    assert [s["name"] for s in sliders] == list(spec.params)
    for slider, param in zip(sliders, spec.sliders, strict=True):
        assert [st["label"] for st in slider["steps"]] == param.static_labels()
        assert all(st["method"] == "skip" for st in slider["steps"]), "figures.js applies the frames"
        assert param.static_grid()[slider["active"]] == param.default
        assert slider["currentvalue"]["prefix"].startswith(param.title)
        assert set(map(str, param.static_grid())) <= set(map(str, param.grid()))


def test_every_combination_of_slider_positions_has_a_frame(spec, payload):
    combos = static_combinations(spec)
    assert len(combos) <= MAX_STATIC_COMBINATIONS
    assert len(payload["combine"]["frame_of"]) == len(combos) == math.prod(len(p.static_grid()) for p in spec.sliders)
    assert sorted(set(payload["combine"]["frame_of"])) == list(range(len(payload["frames"])))
    n = len(payload["data"])
    for frame in payload["frames"]:
        assert all(0 <= i < n for i in frame["traces"])
        assert len(frame["data"]) == len(frame["traces"])


def test_every_frame_is_the_model_at_its_combination_live_equals_static(spec, payload):
    """Apply each combination's frame as the browser does; it must equal the figure the live explorer draws."""
    for values, which in zip(static_combinations(spec), payload["combine"]["frame_of"], strict=True):
        static = _figure_at(spec, payload["frames"][which])
        live_figure = make_figure(spec, **values)
        live = _plain(live_figure)
        assert static["data"] == live["data"], values
        for path in payload["frames"][which]["layout"]:
            assert live_figure.layout[path] == _get(static["layout"], path), (values, path)


def _get(layout: dict, path: str):
    node = layout
    for part in path.replace("]", "").replace("[", ".").split("."):
        node = node[int(part)] if part.isdigit() else node[part]
    return node


def test_every_slider_changes_the_figure(spec, payload):
    combos = static_combinations(spec)
    frame_of = payload["combine"]["frame_of"]
    for param in spec.sliders:
        others = {p: d for p, d in spec.defaults().items() if p != param.name}
        at_defaults = [i for i, c in enumerate(combos) if all(c[p] == d for p, d in others.items())]
        frames = {frame_of[i] for i in at_defaults}
        assert len(frames) == len(param.static_grid()), f"two positions of {param.name} show the same thing"


def test_static_figure_at_defaults_is_the_plain_figure(spec, payload):
    assert _lists(json.loads(json.dumps(payload["data"], cls=PlotlyJSONEncoder))) == _plain(make_figure(spec))["data"]


def test_patches_change_data_in_place_without_adding_traces(spec):
    fig = make_figure(spec)
    n = len(fig.data)
    before = fig.to_json()
    param = spec.sliders[0]
    other = param.grid()[-1] if param.grid()[-1] != param.default else param.grid()[0]
    apply_patch(fig, spec.patch_at(**{param.name: other}))
    assert len(fig.data) == n
    assert fig.to_json() != before


def _assert_finite(patch) -> None:
    for props in patch.traces.values():
        for v in props.values():
            compact(v)  # raises on NaN or infinity


def test_every_live_grid_value_gives_finite_data(spec):
    """Every position of every live slider (the others at their defaults) draws without NaN or error."""
    for param in spec.sliders:
        for value in param.grid():
            _assert_finite(spec.patch_at(**{param.name: value}))


def test_every_combination_of_slider_extremes_gives_finite_data(spec):
    """Every slider at either end of its live grid, in every combination, draws without NaN or error."""
    ends = [(p.grid()[0], p.grid()[-1]) for p in spec.sliders]
    for combo in itertools.product(*ends):
        _assert_finite(spec.patch_at(**dict(zip(spec.params, combo, strict=True))))


def test_text_alternative_names_numbers(spec):
    text = spec.description()
    assert len(text) > 80 and any(ch.isdigit() for ch in text)


def test_unknown_slider_keywords_and_options_are_rejected(spec):
    with pytest.raises(TypeError, match="unknown slider"):
        make_figure(spec, not_a_slider=1)
    with pytest.raises(TypeError, match="unknown option"):
        spec.with_fixed(highlights="step01")


def test_declared_options_reach_the_builder(spec):
    for option in spec.options:
        with pytest.raises(ValueError):
            make_figure(spec.with_fixed(**{option: "no-such-value"}))


def test_each_figure_stays_light(spec):
    from plotly.io import to_json

    size = len(to_json(static_payload(spec), validate=False).encode())
    assert size < MAX_FIGURE_BYTES, f"{spec.name}: {size} bytes; give a slider coarser static_values"


def test_narrow_layout_changes_known_properties_only(spec, payload):
    fig = make_figure(spec)
    for path in payload["narrow"]:
        fig.layout[path] = payload["narrow"][path]  # an unknown property path raises in plotly
