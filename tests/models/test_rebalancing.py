"""Step 9: four networks composed from the region model of step 4 and the spine model of step 7."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.models import networks as nw
from widgets.models import rebalancing as rb
from widgets.models import spines as sp
from widgets.models._ode import saturating_step
from widgets.models.schedules import SCHEDULES, schedule_days
from widgets.models.timeline import simulate

T_H = np.concatenate([np.arange(0.0, 6.0, 1 / 12), np.arange(6.0, 56 * 24.0, 1.0)])


@pytest.fixture(scope="module")
def single():
    return rb.balance_course(T_H)


@pytest.fixture(scope="module")
def course():
    return rb.balance_course(T_H, infusion_days=SCHEDULES["course"])


def at(curve, day):
    return float(np.interp(day * 24.0, T_H, curve))


@pytest.mark.parametrize("fc", [rb.HEALTHY_FC, rb.DEPRESSED_FC], ids=["healthy", "depressed"])
def test_the_anchors_are_valid_correlation_matrices_that_contain_step_4s(fc):
    assert fc.shape == (9, 9) and np.allclose(fc, fc.T) and np.all(np.diag(fc) == 1.0)
    assert np.linalg.eigvalsh(fc).min() > 0.0
    block = nw.HEALTHY_FC if fc is rb.HEALTHY_FC else nw.DEPRESSED_FC
    assert np.array_equal(fc[:7, :7], block), "step 4's couplings are unchanged"
    assert [r.network for r in rb.REGIONS][-2:] == ["limbic", "limbic"]
    assert rb.NETWORKS == ("default mode", "salience", "executive", "limbic")


def test_step_4s_functions_still_return_what_they_did():
    """Composing, not copying: step 4's model is used as it is, and its own results do not change."""
    assert float(nw.balance_index(nw.connectivity(0.4))) == pytest.approx(0.4)
    assert float(nw.within_network_strength(nw.HEALTHY_FC, "default mode")) == pytest.approx(0.5)
    assert nw.REGIONS == rb.REGIONS[:7]


def test_the_balance_index_is_the_cascades_network_index_once_the_drug_has_gone(single):
    """The same identity as step 4: with no acute term, the index of the matrices equals the curve that made them."""
    late = T_H >= 6.0
    assert np.allclose(single["balance"][late], single["network"][late], atol=1e-9)
    assert np.allclose(single["network"], simulate(T_H)["network"])


def test_the_balance_follows_the_spines_of_step_7():
    """The cascade's link dN/dt = K·S·(1 − N) − N/τ, integrated from step 7's spine curve, gives the balance."""
    t = np.arange(0.0, 21 * 24.0, 0.25)
    spines = sp.spine_course(t)["new_pct"] / sp.room_pct()
    n, out = 0.0, [0.0]
    for j in range(1, t.size):
        n = saturating_step(n, spines[j], nw.K_NETWORK_PER_H, nw.TAU_NETWORK_H, t[j] - t[j - 1])
        out.append(n)
    assert np.allclose(out, rb.balance_course(t)["network"], atol=0.01)


def test_one_infusion_peaks_at_one_to_two_days_and_returns_over_one_to_two_weeks(single):
    """Prefrontal global connectivity normalized 24 h after ketamine in responders (Abdallah 2017); the
    insula-DMN change was seen at day 2 and gone at day 10 (Evans 2018).  The model returns more slowly: below
    half of its peak about 10 days after one infusion, and nearly back by three weeks."""
    b = single["balance"]
    peak = int(np.argmax(b))
    assert 24.0 <= T_H[peak] <= 48.0
    assert at(b, 1.0) > 0.75 * b[peak], "well under way at 24 h"
    assert 7.0 <= rb.fade_days() <= 14.0
    assert at(b, 21.0) < 0.2 * b[peak]
    assert at(b, 42.0) < 0.02


def test_a_course_lasts_longer_than_one_infusion(single, course):
    """After six infusions over 12 days the benefit lasted a median of 18 days (Murrough 2013, Biol Psychiatry);
    in the model the course's spines last longer, and so does its balance."""
    assert course["balance"].max() > 1.3 * single["balance"].max()
    assert rb.fade_days(infusion_days=SCHEDULES["course"]) > 2.0 * rb.fade_days()
    assert at(course["balance"], 35.0) > 5 * at(single["balance"], 35.0)
    weekly = rb.fade_days(infusion_days=schedule_days(6, 1))
    assert rb.fade_days() < weekly < rb.fade_days(infusion_days=SCHEDULES["course"])


def test_the_acute_drug_effect_quiets_every_section_during_the_infusion(single):
    """During the infusion connectivity fell in several networks at once, as it did with midazolam (Adhikari 2020):
    every section is quieter at 40 minutes than before the dose."""
    i = int(np.argmin(np.abs(T_H - 40 / 60)))
    assert np.all(single["loudness"][i] < single["loudness"][0])
    assert single["acute"][i] > 0.2


def test_the_depressed_baseline_is_too_loud_and_too_quiet_in_the_drawn_directions():
    loud = {k: float(rb.section_loudness(rb.DEPRESSED_FC, k)) for k in rb.NETWORKS}
    assert loud["default mode"] > 1.2 and loud["limbic"] > 1.2
    assert loud["executive"] < 0.8
    assert loud["salience"] == pytest.approx(1.0)
    for k in rb.NETWORKS:
        assert float(rb.section_loudness(rb.HEALTHY_FC, k)) == pytest.approx(1.0)
        assert float(rb.section_timing(rb.HEALTHY_FC, k)) == 0.0
        assert float(rb.section_timing(rb.DEPRESSED_FC, k)) == pytest.approx(100.0)


def test_lateral_prefrontal_global_connectivity_is_low_in_the_depressed_baseline():
    """Reduced global connectivity in the prefrontal cortex and increased in the posterior cingulate in depression
    (Abdallah 2017, with global signal regression); the drawn matrices share both directions."""
    idx = {r.abbrev: i for i, r in enumerate(rb.REGIONS)}
    healthy, depressed = rb.global_connectivity(rb.HEALTHY_FC), rb.global_connectivity(rb.DEPRESSED_FC)
    assert depressed[idx["dlPFC"]] < 0.6 * healthy[idx["dlPFC"]]
    assert depressed[idx["PCC"]] > healthy[idx["PCC"]]
    assert np.all((healthy >= 0) & (healthy <= 1))


def test_every_output_is_finite_and_every_matrix_valid_at_extreme_doses():
    for dose in (0.0, 5.0):
        out = rb.balance_course([0.0, 0.7, 24.0, 240.0], dose_mg_per_kg=dose)
        for key, value in out.items():
            assert np.all(np.isfinite(value)), key
        assert np.linalg.eigvalsh(out["fc"]).min() > -1e-12
        assert np.all((out["balance"] <= 1.0) & (out["balance"] > -1.0))


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: rb.balance_course([np.nan]), "t_h"),
        (lambda: rb.balance_course([1.0], dose_mg_per_kg=9.0), "dose_mg_per_kg"),
        (lambda: rb.balance_course([1.0], stress_loss_pct=80.0), "stress_loss_pct"),
        (lambda: rb.balance_course([1.0], infusion_days=()), "infusion_days"),
        (lambda: rb.section_loudness(rb.HEALTHY_FC, "motor"), "network"),
        (lambda: rb.section_timing(np.eye(7), "limbic"), "fc"),
        (lambda: rb.global_connectivity(np.full((9, 9), 2.0)), "fc"),
        (lambda: rb.fade_days(1.0), "share_of_peak"),
        (lambda: rb.fade_days(dose_mg_per_kg=0.0), "dose_mg_per_kg"),
    ],
)
def test_bad_input_raises_a_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@pytest.mark.parametrize("days", [(0.0,), SCHEDULES["course"], schedule_days(8, 1), (0.0, 340.0)])
def test_schedule_course_is_balance_course_and_fade_days_from_one_run(days):
    t_h = np.arange(0.0, 56 * 24.0 + 1e-9, 6.0)
    one = rb.schedule_course(t_h, infusion_days=days)
    full = rb.balance_course(t_h, infusion_days=days)
    assert np.array_equal(one["balance"], full["balance"])
    assert np.array_equal(one["new_spines_pct"], full["new_spines_pct"])
    assert one["fade_days"] == rb.fade_days(infusion_days=days)
    with pytest.raises(ValueError, match="infusion_days"):
        rb.schedule_course(t_h, infusion_days=())
    with pytest.raises(ValueError, match="share_of_peak"):
        rb.schedule_course(t_h, infusion_days=days, share_of_peak=1.0)
