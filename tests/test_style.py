"""One palette: distinguishable line colours, and text colours with WCAG AA contrast."""

from __future__ import annotations

import pytest

from widgets.figures import FIGURES, make_figure
from widgets.style import COLORS, TEXT_COLORS, contrast_on_white


def test_contrast_formula_known_answers():
    assert contrast_on_white("#000000") == pytest.approx(21.0)
    assert contrast_on_white("#FFFFFF") == pytest.approx(1.0)
    assert contrast_on_white("#767676") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("concept", sorted(TEXT_COLORS))
def test_text_colors_reach_aa_contrast_on_white(concept):
    assert contrast_on_white(TEXT_COLORS[concept]) >= 4.5


def test_every_concept_has_a_text_color():
    assert set(COLORS) <= set(TEXT_COLORS)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_text_uses_only_accessible_colors(name):
    fig = make_figure(FIGURES[name])
    for ann in fig.layout.annotations:
        if ann.font.color:
            assert contrast_on_white(ann.font.color) >= 4.5, (name, ann.text, ann.font.color)


def test_every_network_has_a_line_color_and_an_aa_text_color():
    from widgets.models.rebalancing import NETWORKS
    from widgets.style import NETWORK_COLORS, NETWORK_TEXT_COLORS, contrast_on_white

    assert set(NETWORK_COLORS) == set(NETWORK_TEXT_COLORS) == set(NETWORKS)
    assert len(set(NETWORK_COLORS.values())) == len(NETWORKS), "two networks share a color"
    assert all(contrast_on_white(c) >= 4.5 for c in NETWORK_TEXT_COLORS.values())
