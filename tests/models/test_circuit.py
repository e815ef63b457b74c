"""Step 2: the glutamate burst through disinhibition, an inverted U in the block."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.models import circuit
from widgets.models.circuit import ADAPTATION, adapted_glutamate, glutamate_drive
from widgets.models.timeline import simulate


def test_inverted_u_low_block_little_subanesthetic_most_anesthetic_less():
    """Moderate doses raise prefrontal glutamate in rats, anesthetic doses lower it (Moghaddam 1997)."""
    block = np.linspace(0.0, 1.0, 101)
    drive = glutamate_drive(block)
    peak = block[np.argmax(drive)]
    assert 0.3 <= peak <= 0.7
    assert drive[0] == 0.0
    assert glutamate_drive(0.95) < 0.5 * drive.max()
    assert np.all((drive >= 0.0) & (drive <= 1.0))


def test_adaptation_turns_a_steady_drive_into_a_smaller_plateau():
    assert adapted_glutamate(0.5, 0.5) == pytest.approx((1 - ADAPTATION) * 0.5)
    assert adapted_glutamate(0.2, 0.9) == 0.0


@pytest.mark.parametrize("bad", [np.nan, -0.1, 1.5])
def test_bad_input_raises_a_clear_value_error(bad):
    with pytest.raises(ValueError, match="block must hold finite numbers from 0 to 1"):
        glutamate_drive([0.2, bad])
    with pytest.raises(ValueError, match="g_raw must be a finite number"):
        adapted_glutamate(bad, 0.0)


# --- the chapter's rate model (step 2) ---------------------------------------------------------------------------

T_MIN = np.arange(0.0, 481.0, 0.5)


@pytest.fixture(scope="module")
def standard():
    return circuit.glutamate_time_course(T_MIN)


def test_peak_matches_human_spectroscopy_during_the_infusion(standard):
    """Glx in medial prefrontal cortex peaked +37.8% ± 7.5% about 26 min into 0.5 mg/kg over 40 min, n = 8
    (Milak et al. 2016, Mol Psychiatry 21:320, doi:10.1038/mp.2015.83)."""
    g = standard["glutamate_pct"]
    assert 37.8 - 7.5 <= g.max() <= 37.8 + 7.5
    assert 15.0 <= T_MIN[np.argmax(g)] <= 40.0


def test_the_rise_is_gone_three_hours_later(standard):
    """No change in glutamate 193 ± 4 min after an infusion, smallest detectable change about 4%
    (Front Neurosci 2021, doi:10.3389/fnins.2021.609485); mostly null 1-3 h after (Lener et al. 2017,
    Biol Psychiatry 81:886, doi:10.1016/j.biopsych.2016.05.005)."""
    g = standard["glutamate_pct"]
    assert abs(float(np.interp(193.0, T_MIN, g))) < 4.0
    assert np.all(np.abs(g[T_MIN >= 120.0]) < 0.1 * g.max())
    # The block is still there when the glutamate rise is over: the burst comes from adaptation, not from washout.
    assert float(np.interp(193.0, T_MIN, standard["block"])) > 0.1


def test_inverted_u_in_dose():
    """In rats 10, 20 and 30 mg/kg raised prefrontal glutamate, 50 mg/kg left it unchanged and an anesthetic
    200 mg/kg lowered it (Moghaddam et al. 1997, J Neurosci 17:2921, doi:10.1523/JNEUROSCI.17-08-02921.1997):
    in the model the first-hour change rises, crosses baseline and falls below it at anesthetic levels."""
    doses = np.round(np.arange(0.0, 5.01, 0.25), 2)
    change = circuit.glutamate_dose_response(doses)
    top = int(np.argmax(change))
    assert change[0] == pytest.approx(0.0, abs=1e-9)
    assert 0.25 <= doses[top] <= 1.5 and change[top] > 10.0
    assert np.all(np.diff(change[: top + 1]) >= 0) and np.all(np.diff(change[top:]) <= 0)
    crossing = doses[top:][np.flatnonzero(change[top:] <= 0.0)[0]]
    assert 1.0 < crossing < 3.6  # baseline is crossed below the anesthetic range (effect site ≥ 1,200 ng/mL)
    assert change[-1] < -10.0


def test_anesthetic_levels_lower_glutamate_after_a_brief_rise():
    out = circuit.glutamate_time_course(T_MIN, dose_mg_per_kg=5.0)["glutamate_pct"]
    assert out.max() > 0 and out.min() < -40.0
    assert T_MIN[np.argmax(out)] < T_MIN[np.argmin(out)]


def test_no_preference_for_interneurons_means_almost_no_surge():
    peaks = [circuit.glutamate_time_course(T_MIN, preference=p)["glutamate_pct"].max() for p in (1.0, 2.0, 4.0, 9.0)]
    assert peaks[0] < 5.0
    assert np.all(np.diff(peaks) > 0)


def test_chapter_view_and_cascade_agree_on_the_timing(standard):
    """The rate model reuses the cascade's constants: its burst peaks within 10 minutes of the cascade's
    glutamate curve, and both are below a tenth of their peaks two hours after the start."""
    t_h = T_MIN / 60.0
    cascade = simulate(t_h)["glutamate"]
    g = standard["glutamate_pct"]
    assert abs(T_MIN[np.argmax(g)] - T_MIN[np.argmax(cascade)]) <= 10.0
    assert cascade[T_MIN == 120.0][0] < 0.1 * cascade.max() and g[T_MIN == 120.0][0] < 0.1 * g.max()


def test_interneurons_lose_firing_before_pyramidal_cells(standard):
    at_40 = T_MIN == 40.0
    assert standard["interneuron_activity"][at_40][0] < 0.5 < standard["pyramidal_capacity"][at_40][0]
    assert circuit.interneuron_half_block() == pytest.approx(0.3)
    assert circuit.interneuron_half_block(1.0) == pytest.approx(0.8)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(dose_mg_per_kg=0.0),
        dict(dose_mg_per_kg=5.0),
        dict(preference=1.0),
        dict(preference=30.0),
        dict(k_uM=0.05),
        dict(k_uM=20.0),
        dict(duration_min=1.0),
        dict(duration_min=1440.0),
    ],
)
def test_every_extreme_is_finite_and_bounded(kwargs):
    out = circuit.glutamate_time_course(np.arange(0.0, 3 * 1440.0 + 1, 30.0), **kwargs)
    for key, values in out.items():
        assert np.all(np.isfinite(values)), key
    assert np.all(out["glutamate_pct"] >= -100.0) and np.all(out["glutamate_pct"] <= 100.0)
    assert np.all((out["interneuron_activity"] >= 0) & (out["interneuron_activity"] <= 1))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: circuit.glutamate_time_course([-1.0]), "t_min must contain finite times"),
        (lambda: circuit.glutamate_time_course([10.0], dose_mg_per_kg=-0.5), "dose_mg_per_kg must be"),
        (
            lambda: circuit.glutamate_time_course([10.0], preference=0.5),
            "preference must be a finite number at least 1",
        ),
        (lambda: circuit.glutamate_time_course([10.0], k_uM=np.nan), "k_uM must be"),
        (lambda: circuit.glutamate_time_course([10.0], duration_min=0.0), "duration_min must be"),
        (lambda: circuit.glutamate_dose_response([0.5, 9.0]), "doses_mg_per_kg must hold finite numbers"),
        (lambda: circuit.glutamate_dose_response([0.5], window_min=1.0), "window_min must be"),
        (lambda: circuit.circuit_losses([0.5], preference=100.0), "preference must be"),
    ],
)
def test_chapter_functions_reject_bad_input_by_name(call, message):
    with pytest.raises(ValueError, match=message):
        call()
