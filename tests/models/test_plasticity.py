"""Steps 6 and 7: signalling, and new spines that are first labile, then stable."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.models import plasticity
from widgets.models.plasticity import formation_rate_per_h, spine_step


def test_without_a_later_pulse_new_spines_stay_labile_and_fade_with_their_lifetime():
    labile, stable = 0.5, 0.0
    labile, stable = spine_step(labile, stable, 0.0, 0.0, plasticity.TAU_LABILE_H)
    assert stable == 0.0
    assert labile == pytest.approx(0.5 * math.exp(-1.0))


def test_a_pulse_stabilizes_labile_spines_which_then_last_much_longer():
    labile, stable = spine_step(0.5, 0.0, 0.0, 1.0, 1.0)
    assert stable > 0.2 and labile + stable == pytest.approx(0.5, rel=0.01), "moved, not lost"
    assert plasticity.TAU_STABLE_H > 3 * plasticity.TAU_LABILE_H


@settings(max_examples=200, deadline=None)
@given(
    labile=st.floats(0.0, 1.0),
    share=st.floats(0.0, 1.0),
    drive=st.floats(0.0, 1.0),
    signal=st.floats(0.0, 1.0),
    dt=st.floats(0.0, 1000.0),
)
def test_any_step_keeps_both_pools_non_negative_and_within_the_room(labile, share, drive, signal, dt):
    stable = (1.0 - labile) * share
    lab, stb = spine_step(labile, stable, drive, signal, dt)
    assert lab >= -1e-12 and stb >= -1e-12 and lab + stb <= 1.0 + 1e-12


def test_formation_needs_drive_and_room():
    assert formation_rate_per_h(1.0, 0.0, 0.0) == pytest.approx(plasticity.K_FORM_PER_H)
    assert formation_rate_per_h(1.0, 0.6, 0.4) == pytest.approx(0.0)
    with pytest.raises(ValueError, match="drive must be a finite number"):
        formation_rate_per_h(float("nan"), 0.0, 0.0)
    with pytest.raises(ValueError, match="stable must be"):
        formation_rate_per_h(0.5, 0.8, 0.5)


def test_the_module_documents_what_was_fitted_to_what():
    doc = plasticity.__doc__
    assert "TEACHING CHOICE" in doc and "Murrough 2013" in doc and "Moda-Sava 2019" in doc
