"""One name, colour and dash per process of the cascade, shared by every figure."""

from __future__ import annotations

import pytest

from widgets.figures.curves import CURVES, curve_line, curve_name
from widgets.models.timeline import KEYS, STEP_CURVES
from widgets.style import COLORS


def test_every_step_curve_has_a_style():
    assert set(STEP_CURVES.values()) <= set(CURVES) <= set(KEYS)
    assert all(concept in COLORS for _, concept in CURVES.values())


@pytest.mark.parametrize("key", sorted(CURVES))
def test_names_and_lines(key):
    assert curve_name(key).endswith(curve_name(key, numbered=False))
    line = curve_line(key, width=3)
    assert line["width"] == 3 and line["color"].startswith("#")
