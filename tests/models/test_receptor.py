"""Step 3: NMDA receptor block by simple binding."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.models import pharmacokinetics as pk
from widgets.models import receptor
from widgets.models.receptor import DEFAULT_K_UM, FREE_FRACTION, K_RANGE_UM, ng_per_mL_to_uM, nmda_block


def test_unit_conversion_uses_the_molar_mass_of_ketamine_base():
    # 1 µM of ketamine base is 237.7 ng/mL (molar mass 237.7 g/mol).
    assert float(ng_per_mL_to_uM(237.7)) == pytest.approx(1.0)
    assert float(ng_per_mL_to_uM(185.0)) == pytest.approx(0.78, abs=0.01)


def test_half_block_where_the_free_concentration_equals_k():
    c_half = DEFAULT_K_UM / FREE_FRACTION * 237.7
    assert float(nmda_block(c_half)) == pytest.approx(0.5)


def test_block_at_the_measured_end_of_infusion_level_spans_the_taught_range():
    """At 185 ng/mL the block runs over roughly 10-70% across the plausible K (fact sheet, step 3)."""
    low_k, high_k = K_RANGE_UM
    assert float(nmda_block(185.0, k_uM=high_k)) == pytest.approx(0.1, abs=0.05)
    assert float(nmda_block(185.0, k_uM=low_k)) == pytest.approx(0.65, abs=0.05)


def test_block_rises_with_concentration_and_stays_below_one():
    block = nmda_block(np.geomspace(1.0, 1e5, 50))
    assert np.all(np.diff(block) > 0) and block.max() < 1.0


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (([np.nan],), {}, "ce_ng_per_mL must hold finite numbers from 0 to 100000 ng/mL"),
        (([-1.0],), {}, "ce_ng_per_mL must hold finite numbers"),
        (([1.0],), {"k_uM": 0.0}, "k_uM must be a finite number at least 0.05"),
        (([1.0],), {"free_fraction": 2.0}, "free_fraction must be"),
    ],
)
def test_bad_input_raises_a_clear_value_error(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        nmda_block(*args, **kwargs)
    with pytest.raises(ValueError, match="c_ng_per_mL must hold finite numbers"):
        ng_per_mL_to_uM([np.inf])


# --- the chapter's views (step 3): occupancy by compound, use-dependent trapping block -----------------------------


def test_occupancy_rises_with_concentration_and_stays_in_zero_one():
    c = np.geomspace(1e-4, 1000.0, 200)
    for compound in receptor.COMPOUNDS:
        for k in (0.05, receptor.DEFAULT_K_UM, 20.0):
            occ = receptor.occupancy(c, k_uM=k, compound=compound)
            assert np.all(np.diff(occ) > 0)
            assert np.all((occ >= 0.0) & (occ < 1.0))
    assert float(receptor.occupancy(0.0)) == 0.0
    assert float(receptor.occupancy(DEFAULT_K_UM)) == pytest.approx(0.5)


def test_enantiomer_and_metabolite_constants_follow_the_binding_study():
    """Ki at the PCP site of rat brain: S-ketamine 0.30 µM, R-ketamine 1.4 µM, S-norketamine 1.7 µM, R-norketamine
    13 µM (Ebert et al. 1997, Eur J Pharmacol 333:99); a 50:50 mixture then binds with Ki ≈ 0.49 µM."""
    assert receptor.racemate_ki_uM(0.30, 1.4) == pytest.approx(0.494, abs=0.001)
    k = {c: receptor.compound_k_uM(c) for c in receptor.COMPOUNDS}
    assert k["arketamine"] / k["esketamine"] == pytest.approx(1.4 / 0.30)
    assert k["esketamine"] < k["racemic"] < k["arketamine"] < k["norketamine"]
    assert k["racemic"] == pytest.approx(DEFAULT_K_UM)


def test_the_range_of_k_covers_the_block_seen_in_cultured_neurons():
    """10 µM ketamine blocked 80 ± 2% of NMDA currents in cultured cortical neurons (Mealing et al. 1999,
    J Pharmacol Exp Ther 288:204): the K that gives this, 2.5 µM, lies inside the taught range."""
    k_needed = 10.0 * (1 - 0.80) / 0.80
    assert K_RANGE_UM[0] <= k_needed <= K_RANGE_UM[1]
    ce_10uM = 10.0 * 237.7
    assert float(nmda_block(ce_10uM, k_uM=k_needed, free_fraction=1.0)) == pytest.approx(0.80)


def test_block_stays_trapped_while_channels_are_closed():
    """After washout with the channels closed, 86 ± 1% of the ketamine block remained trapped for the 120 s tested
    (Mealing et al. 1999): with almost no opening the model keeps at least that share over 120 s."""
    t = np.array([0.0, 600.0, 602.0])
    out = receptor.trapping_block(t, [2000.0, 0.0, 0.0], open_probability=1.0)
    loaded = out["block"][1]
    quiet = receptor.trapping_block(np.array([0.0, 2.0]), [0.0, 0.0], open_probability=0.0001)
    assert quiet["block"][1] == 0.0  # nothing enters a closed channel
    kept = np.exp(-0.0001 * receptor.K_OFF_OPEN_PER_MIN * 2.0)
    assert kept >= 0.86 and loaded > 0.5


def test_states_sum_to_one_and_block_relaxes_to_equilibrium():
    t = np.arange(0.0, 3000.0, 5.0)
    out = receptor.trapping_block(t, np.full(t.shape, 200.0))
    total = out["open_blocked"] + out["trapped"] + out["open"] + out["closed"]
    np.testing.assert_allclose(total, 1.0)
    assert out["block"][-1] == pytest.approx(out["equilibrium"][-1], rel=1e-6)
    assert np.all(np.diff(out["block"]) >= 0)


@pytest.fixture(scope="module")
def two_days():
    t = np.arange(0.0, 2881.0, 1.0)
    return t, {a: receptor.block_after_infusion(t, activity=a) for a in receptor.ACTIVITY_OPEN_PROBABILITY}


def test_trapped_block_outlasts_the_fall_of_the_drug(two_days):
    """Ketamine kept blocking NMDA receptors of the lateral habenula for up to 24 h after one injection in mice, by
    use-dependent trapping (Ma et al. 2023, Nature 622:802, doi:10.1038/s41586-023-06624-1): once the drug falls,
    the modeled block stays above the occupancy the remaining drug would give, the more so the quieter the cell."""
    t, runs = two_days
    for run in runs.values():
        after_peak = t >= t[np.argmax(run["block"])]
        assert np.all(run["block"][after_peak] >= run["equilibrium"][after_peak] - 1e-12)
    at_12h = {a: float(run["block"][t == 720.0][0]) for a, run in runs.items()}
    eq_12h = float(runs["low"]["equilibrium"][t == 720.0][0])
    assert at_12h["low"] > 2 * eq_12h
    assert at_12h["low"] > at_12h["medium"] > at_12h["high"]
    assert float(runs["low"]["block"][t == 1440.0][0]) > 10 * float(runs["low"]["equilibrium"][t == 1440.0][0])


def test_channels_must_open_to_be_blocked(two_days):
    """Use dependence: the quieter the cell, the later and lower the peak of the block; a busy cell follows the
    drug, like the mouse hippocampus, where occupancy peaked 15 min after an injection and was gone by 1 h
    (Lord et al. 2013, Eur J Pharmacol 715:21)."""
    t, runs = two_days
    peaks = {a: (float(run["block"].max()), float(t[np.argmax(run["block"])])) for a, run in runs.items()}
    assert peaks["high"][0] > peaks["medium"][0] > peaks["low"][0]
    assert peaks["high"][1] < peaks["medium"][1] < peaks["low"][1]
    lag = np.abs(runs["high"]["block"] - runs["high"]["equilibrium"])
    assert lag.max() < 0.1 and lag[t >= 120.0].max() < 0.02


def test_peak_occupancy_spans_the_taught_range_across_k():
    """Teach a range, roughly 10-70% of channels at the peak (fact sheet, step 3)."""
    ce_end = pk.effect_site_concentration([40.0])
    low, high = (float(nmda_block(ce_end, k_uM=k)[0]) for k in (K_RANGE_UM[1], K_RANGE_UM[0]))
    assert 0.05 <= low <= 0.15 and 0.55 <= high <= 0.7


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(k_uM=0.05),
        dict(k_uM=20.0),
        dict(dose_mg_per_kg=0.0),
        dict(dose_mg_per_kg=5.0),
        dict(activity="low"),
        dict(activity="high"),
        dict(duration_min=1.0),
    ],
)
def test_every_extreme_is_finite_and_bounded(kwargs):
    out = receptor.block_after_infusion(np.arange(0.0, 3 * 1440.0 + 1, 10.0), **kwargs)
    for key, values in out.items():
        assert np.all(np.isfinite(values)), key
    assert np.all((out["block"] >= 0.0) & (out["block"] < 1.0))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: receptor.occupancy([-0.1]), "c_free_uM must hold finite numbers"),
        (lambda: receptor.occupancy([0.1], compound="memantine"), "compound must be one of"),
        (lambda: receptor.occupancy([0.1], k_uM=30.0), "k_uM must be a finite number"),
        (lambda: receptor.compound_k_uM("racemic", k_uM=-1.0), "k_uM must be"),
        (lambda: receptor.racemate_ki_uM(0.0, 1.0), "ki_a_uM must be"),
        (lambda: receptor.trapping_block([0.0, 1.0], [1.0]), "ce_ng_per_mL must hold one value per time"),
        (lambda: receptor.trapping_block([1.0, 0.0], [1.0, 1.0]), "t_min must be increasing"),
        (lambda: receptor.trapping_block([0.0], [1.0], open_probability=0.0), "open_probability must be"),
        (lambda: receptor.block_after_infusion([10.0], activity="frantic"), "activity must be one of"),
        (lambda: receptor.block_after_infusion([10.0], dose_mg_per_kg=6.0), "dose_mg_per_kg must be"),
        (lambda: receptor.block_after_infusion([5000.0]), "t_min must contain finite times"),
    ],
)
def test_chapter_functions_reject_bad_input_by_name(call, message):
    with pytest.raises(ValueError, match=message):
        call()
