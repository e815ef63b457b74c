"""Figure structure: traces, axis titles with units, Plotly sliders over the ParamSpec grids."""

from __future__ import annotations

import json
import math

import numpy as np
import plotly.graph_objects as go
import pytest

from widgets.figures import FIGURES, apply_patch, make_figure, static_figure
from widgets.figures.core import compact

SPECS = list(FIGURES.values())
#: Expected trace count of each figure (a change here is a deliberate design change).
TRACES = {
    "course_map": 11,
    "pk_concentration": 3,
    "pk_models": 6,
    "checkpoint": 4,
    "timeline": 11,
    "journey": 7,
    "city": 8,
}


@pytest.fixture(scope="module", params=SPECS, ids=lambda s: s.name)
def spec(request):
    return request.param


@pytest.fixture(scope="module")
def static(spec):
    return static_figure(spec)


def _axis_titles(fig: go.Figure) -> list[str]:
    titles = []
    for name in dir(fig.layout):
        if name.startswith(("xaxis", "yaxis")):
            axis = fig.layout[name]
            if axis.visible is not False and axis.title.text:
                titles.append(axis.title.text)
    return titles


def test_trace_count(spec, static):
    assert len(static.data) == TRACES[spec.name]
    assert len(make_figure(spec).data) == TRACES[spec.name]


def test_axis_titles_state_units_or_scale(spec, static):
    titles = _axis_titles(static)
    assert titles, "a figure needs labeled axes"
    for title in titles:
        assert title == title[0].lower() + title[1:], f"axis titles are lower case: {title!r}"
    numeric = [t for t in titles if spec.name != "course_map" or "time" in t]
    assert all("(" in t and ")" in t for t in numeric), f"units in parentheses: {numeric}"


def test_one_plotly_slider_per_parameter_with_one_step_per_grid_value(spec, static):
    sliders = static.layout.sliders
    assert [s.name for s in sliders] == list(spec.params)
    for slider, param in zip(sliders, spec.specs, strict=True):
        assert len(slider.steps) == len(param.grid())
        assert [st.label for st in slider.steps] == param.grid_labels()
        assert slider.active == param.index(param.default)
        assert slider.currentvalue.prefix.startswith(param.title)


def test_every_step_updates_existing_traces_only(spec, static):
    n = len(static.data)
    for slider in static.layout.sliders:
        for step in slider.steps:
            data, layout, indices = step.args
            assert step.method == "update"
            assert all(0 <= i < n for i in indices)
            for values in data.values():
                assert len(values) == len(indices)
            # Moving one slider returns the other sliders to their defaults.
            others = {k for k in layout if k.startswith("sliders[")}
            assert len(others) == len(static.layout.sliders) - 1


def test_steps_differ_so_every_slider_changes_the_figure(spec, static):
    for slider in static.layout.sliders:
        payloads = {json.dumps(step.args[:2], sort_keys=True) for step in slider.steps}
        assert len(payloads) == len(slider.steps), f"two positions of {slider.name} show the same thing"


def test_slider_payload_is_finite_and_rounded(spec, static):
    for slider in static.layout.sliders:
        for step in slider.steps:
            for values in step.args[0].values():
                for v in values:
                    items = v if isinstance(v, list) else [v]
                    # None marks a gap between line segments; every number must be finite.
                    numbers = [x for x in items if x is not None and not isinstance(x, str)]
                    assert all(math.isfinite(x) for x in numbers), "no NaN may reach the page"


def test_static_figure_at_default_equals_plain_figure(spec, static):
    plain = json.loads(make_figure(spec).to_json())
    assert plain["data"] == json.loads(static.to_json())["data"]


def test_patch_changes_data_in_place_without_adding_traces(spec):
    fig = make_figure(spec)
    before = fig.to_json()
    n = len(fig.data)
    param = spec.specs[0]
    other = param.grid()[-1] if param.grid()[-1] != param.default else param.grid()[0]
    apply_patch(fig, spec.patch(**{**spec.defaults(), param.name: other}, **spec.fixed))
    assert len(fig.data) == n
    assert fig.to_json() != before


def test_unknown_slider_keywords_are_rejected(spec):
    with pytest.raises(TypeError, match="unknown slider"):
        make_figure(spec, not_a_slider=1)


def test_page_weight_of_each_figure_stays_small(spec, static):
    html = static.to_html(include_plotlyjs=False, full_html=False)
    assert len(html.encode()) < 150_000


def test_compact_rounds_to_four_significant_digits():
    assert compact(np.array([123.456789, 0.5])) == [123.5, 0.5]
    assert compact(np.array([0.0012345])) == [0.001234]
    assert compact([1.0, None, 2.0]) == [1.0, None, 2.0]
    with pytest.raises(ValueError, match="NaN"):
        compact(np.array([np.nan, 1.0]))
    assert compact("text") == "text"
    assert all(math.isfinite(v) for v in compact(np.linspace(0, 1, 5)))


def test_course_map_highlight():
    fig = make_figure(FIGURES["course_map"].with_fixed(highlight="step01"))
    widths = [t.line.width for t in fig.data[:10]]
    assert widths[0] > max(widths[1:])
    with pytest.raises(ValueError, match="highlight must be one of"):
        make_figure(FIGURES["course_map"].with_fixed(highlight="nope"))
