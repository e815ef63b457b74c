"""Step 8: inflammatory tone, a weak and optional modulator (rodent-based), and the chapter's view of it."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.models import inflammation
from widgets.models import inflammation as inf
from widgets.models._ode import saturating_step
from widgets.models.schedules import SCHEDULES

T_H = np.concatenate([np.arange(0.0, 72.0, 0.25), np.arange(72.0, 42 * 24.0, 2.0)])
COURSE = SCHEDULES["course"]


def test_a_transient_drive_gives_a_transient_change_that_stays_in_the_unit_interval():
    x, values = 0.0, []
    for t in np.arange(0.0, 96.0, 0.5):
        drive = 1.0 if t < 2.0 else 0.0
        x = saturating_step(x, drive, inflammation.K_INFLAMMATION_PER_H, inflammation.TAU_INFLAMMATION_H, 0.5)
        values.append(x)
    values = np.array(values)
    assert 0.0 <= values.min() and values.max() <= 1.0
    assert values[-1] < 0.05 * values.max(), "gone within about 3 days (Park 2017; Kiraly 2017)"


def test_the_module_says_it_is_rodent_based_and_not_causal_by_default():
    assert "TEACHING CHOICE" in inflammation.__doc__ and "weight 0" in inflammation.__doc__


# --- the chapter view (step 8) ----------------------------------------------------------------------------------


def test_the_stress_raised_baseline_is_the_meta_analysis_of_people_with_depression():
    """Haapakoski et al. 2015 (cumulative meta-analysis): IL-6 higher in depression with d = 0.54, TNF-α with
    d = 0.40.  The IDO baseline is a teaching choice (raised by chronic stress in rats, Wang et al. 2015)."""
    assert inf.BASELINE_SD["il6"] == 0.54
    assert inf.BASELINE_SD["tnf"] == 0.40
    out = inf.tone_sd([0.0])
    assert float(out["tone"][0]) == pytest.approx(np.mean(list(inf.BASELINE_SD.values())))


def test_the_change_follows_the_cascade_and_is_gone_within_about_three_days():
    """In people, cytokine changes after one infusion last hours to about 3 days (Park 2017: 230 min to day 3;
    Kiraly 2017: transient changes at 4 and 24 h); the model's shape peaks within hours and is below 5% of its
    peak by day 3."""
    shape = inf.response_shape(T_H)
    peak = int(np.argmax(shape))
    assert shape[peak] == pytest.approx(1.0, abs=0.01)
    assert 2.0 < T_H[peak] < 12.0
    assert float(np.interp(72.0, T_H, shape)) < 0.05
    assert np.all(shape[T_H >= 7 * 24.0] < 1e-3), "nothing is left a week after one infusion"


def test_rodent_evidence_gives_robust_reductions_of_most_of_the_stress_raised_excess():
    """Rodent studies strongly support lower IL-1β, IL-6, TNF-α and IDO after ketamine (Kopra 2021, 22 rodent
    studies); chronic-stress increases were attenuated in rats (Wang 2015)."""
    for marker in inf.MARKERS:
        out = inf.marker_change_sd(T_H, marker, "rodent")
        deepest = float(out["change"].min())
        assert deepest == pytest.approx(-inf.RODENT_REDUCTION_SHARE * inf.BASELINE_SD[marker], rel=0.03)
        assert np.all(out["change"] >= -inf.BASELINE_SD[marker]), "never below the healthy average"
        assert np.array_equal(out["low"], out["change"]) and np.array_equal(out["high"], out["change"])


def test_human_evidence_gives_small_changes_whose_range_spans_the_reported_directions():
    """IL-6 rose after one infusion (Park 2017, n = 80) and fell after six (Zhan 2020, n = 60); TNF-α fell within
    hours (Chen 2018, n = 71) and rose with two infusions (Chen 2021, n = 78); IDO fell (Kadriu 2019, n = 39).
    Small: the range stays within a quarter of a standard deviation."""
    for marker in inf.MARKERS:
        out = inf.marker_change_sd(T_H, marker, "human")
        assert np.all(out["low"] <= out["change"]) and np.all(out["change"] <= out["high"])
        assert float(np.abs(np.concatenate([out["low"], out["high"]])).max()) <= 0.25
    for marker in ("il6", "tnf"):
        lo, hi = inf.HUMAN_RANGE_SD[marker]
        assert lo < 0 < hi, f"{marker}: studies found both a rise and a fall"
    assert inf.HUMAN_RANGE_SD["ido"][0] < 0


def test_the_evidence_switch_changes_the_curves():
    rodent = inf.tone_sd(T_H, "rodent")["tone"]
    human = inf.tone_sd(T_H, "human")["tone"]
    assert rodent.min() < 0.3 * human.min(), "rodent reductions are far larger than the human changes"
    assert not np.allclose(rodent, human)
    assert float(inf.phone_temperature_c(rodent.min())) < inf.OVERHEAT_C < float(inf.phone_temperature_c(human.min()))


def test_a_course_lowers_tone_the_day_after_its_last_infusion_but_not_two_weeks_later():
    """After six infusions over 12 days many cytokines were lower than before the course, in blood taken 1 and 14
    days after the last infusion (Zhan 2020); the model's change comes back with each infusion and is gone days
    after the last one, so it can show the first sample's fall but not a lasting one."""
    t = np.array([12 * 24.0, 26 * 24.0])
    rodent = inf.marker_change_sd(t, "tnf", "rodent", infusion_days=COURSE)["change"]
    human = inf.marker_change_sd(t, "tnf", "human", infusion_days=COURSE)
    assert rodent[0] < -0.1 and abs(rodent[1]) < 1e-3
    assert human["low"][0] < 0 and abs(human["low"][1]) < 1e-3


def test_a_higher_dose_changes_tone_more_but_never_beyond_the_whole_excess():
    low = inf.tone_sd(T_H, "rodent", dose_mg_per_kg=0.2)["tone"].min()
    high = inf.tone_sd(T_H, "rodent", dose_mg_per_kg=5.0)["tone"].min()
    assert high < low
    assert high >= 0.0


def test_the_study_list_matches_the_abstracts():
    """Sample sizes and directions as reported: Park 2017 (80, IL-6 up and sTNFR1 down, no link with mood);
    Kiraly 2017 (33 patients, no link); Chen 2018 (71, TNF-α down, linked); Zhan 2020 (60, lower after a course,
    weakly linked); Wang 2015 (48 rats, lower); Walker 2013 (no cytokine change)."""
    by_key = {s.key: s for s in inf.STUDIES}
    assert (by_key["park2017"].n, by_key["park2017"].direction, by_key["park2017"].mood_link) == (
        80,
        "mixed",
        "not linked",
    )
    assert (by_key["kiraly2017"].n, by_key["kiraly2017"].mood_link) == (33, "not linked")
    assert (by_key["chen2018"].n, by_key["chen2018"].direction, by_key["chen2018"].mood_link) == (71, "lower", "linked")
    assert (by_key["zhan2020"].n, by_key["zhan2020"].direction) == (60, "lower")
    assert (by_key["wang2015"].species, by_key["wang2015"].n, by_key["wang2015"].direction) == ("rodent", 48, "lower")
    assert by_key["walker2013"].direction == "mixed" and by_key["walker2013"].mood_link == "not linked"
    for s in inf.STUDIES:
        assert s.species in inf.EVIDENCE and s.direction in ("lower", "mixed", "higher")
        assert s.mood_link in ("linked", "not linked", "not tested")
    for f in inf.FINDINGS:
        assert f.marker in inf.MARKERS and 0.0 <= f.from_h <= f.to_h
        assert f.key in by_key and by_key[f.key].n == f.n


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: inf.marker_change_sd([1.0], "crp"), "marker"),
        (lambda: inf.marker_change_sd([1.0], "tnf", "monkey"), "evidence"),
        (lambda: inf.tone_sd([np.nan]), "t_h"),
        (lambda: inf.tone_sd([-1.0]), "t_h"),
        (lambda: inf.tone_sd([1.0], dose_mg_per_kg=-0.1), "dose_mg_per_kg"),
        (lambda: inf.tone_sd([1.0], infusion_days=(3.0, 1.0)), "infusion_days"),
        (lambda: inf.phone_temperature_c(5.0), "tone"),
    ],
)
def test_bad_input_raises_a_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()
