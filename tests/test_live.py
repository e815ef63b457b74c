"""The live path: explorers driven from Python update their FigureWidget in place."""

from __future__ import annotations

import json

import pytest
from plotly.utils import PlotlyJSONEncoder

from widgets.display import STATIC_ENV, show
from widgets.figures import FIGURES


@pytest.fixture(autouse=True)
def live_mode(monkeypatch):
    monkeypatch.delenv(STATIC_ENV, raising=False)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_moving_each_slider_updates_the_figure_widget(name):
    for param in FIGURES[name].specs:
        ex = show(name).explorer
        assert type(ex.figure).__name__ == "FigureWidget"
        n_traces = len(ex.figure.data)
        before = ex.figure.to_json()
        grid = param.grid()
        target = grid[-1] if grid[-1] != ex.values()[param.name] else grid[0]
        ex.set(**{param.name: target})
        assert ex.figure.to_json() != before, f"moving {param.name} changed nothing"
        assert len(ex.figure.data) == n_traces


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_live_figure_at_defaults_matches_the_static_figure(name):
    fig = show(name)
    live = json.loads(fig.explorer.figure.to_json())["data"]
    static = json.loads(json.dumps(fig.static_payload()["data"], cls=PlotlyJSONEncoder))
    assert live == static


def test_the_live_fallback_precomputes_nothing():
    """In a live session the explorer does the work: its HTML fallback is the figure at its defaults only."""
    fig = show("journey")
    assert fig.static_payload(combinations=False)["frames"] == []
    assert len(fig.static_payload()["frames"]) > 1
    assert len(fig._repr_mimebundle_()["text/html"]) < len(fig.static_html()) / 5


def test_explorer_sliders_come_from_the_param_specs():
    ex = show("pk_concentration").explorer
    dose = ex.sliders["dose_mg_per_kg"]
    assert (dose.min, dose.max, dose.step, dose.value) == (0.1, 1.0, 0.1, 0.5)
    assert dose.description == "dose (mg/kg)"
    assert ex.sliders["route"].options[0] == ("IV infusion", "iv")


def test_live_bundle_offers_the_widget_and_the_static_fallback():
    bundle = show("course_map", highlight="step01")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "plotly-graph-div" in bundle["text/html"]


def test_explorer_rejects_unknown_sliders():
    with pytest.raises(TypeError, match="unknown slider"):
        show("pk_models").explorer.set(dose_mg_per_kg=1.0)
