"""Step 1 model against the literature, its invariants, and its input checks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from widgets.figures import PARAMS
from widgets.models import pharmacokinetics as pk
from widgets.models.pharmacokinetics import (
    effect_site_concentration,
    fraction_unionized,
    plasma_concentration,
    simulate,
    terminal_half_life_min,
)

LONG_T_MIN = np.concatenate([np.arange(0.0, 120.0, 0.25), np.arange(120.0, 6000.0, 2.0)])


def auc_ng_min_per_mL(c, t=LONG_T_MIN):
    return float(np.trapezoid(c, t))


# --- against the literature --------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["clements", "domino"])
def test_standard_infusion_reaches_observed_range_at_end_of_infusion(model):
    # 0.5 mg/kg over 40 min: ≈185 ng/mL measured at 40 min (Zarate 2006 via Zanos 2018, Table 1).
    c40 = plasma_concentration([40.0], model=model)[0]
    assert 150.0 <= c40 <= 250.0


def test_clements_end_of_infusion_close_to_measured_mean():
    c40 = plasma_concentration([40.0])[0]
    assert c40 == pytest.approx(pk.OBSERVED_END_OF_INFUSION_NG_PER_ML, rel=0.1)


def test_clements_terminal_half_life_is_two_to_three_hours():
    # Usual quote 2-3 h; the Clements set gives ≈183 min (derived in the fact sheet).
    t_half_h = terminal_half_life_min("clements") / 60.0
    assert 2.0 <= t_half_h <= 3.1
    # The same from the simulated curve: log-linear slope between 8 h and 12 h.
    c8, c12 = plasma_concentration([480.0, 720.0])
    slope_half_h = 4.0 * math.log(2) / math.log(c8 / c12)
    assert slope_half_h == pytest.approx(t_half_h, rel=0.05)


def test_domino_terminal_half_life_matches_derived_value():
    assert terminal_half_life_min("domino") == pytest.approx(115.0, rel=0.02)


@pytest.mark.parametrize(
    ("model", "t_min", "expected"),
    [
        # Independent simulation in the fact sheet (3-compartment ODE, solve_ivp), ng/mL.
        ("domino", [5, 10, 20, 40, 45, 60, 110, 230, 480], [155, 182, 210, 240, 91, 55, 38, 18, 4]),
        ("clements", [5, 10, 20, 40, 45, 60, 110, 230, 480], [33, 62, 110, 177, 157, 115, 63, 36, 14]),
    ],
)
def test_known_answers_from_independent_simulation(model, t_min, expected):
    assert_allclose(plasma_concentration(t_min, model=model), expected, rtol=0.03, atol=1.0)


def test_clements_clearance_matches_meta_analysis():
    # Kamp 2020: 79 L/h per 70 kg (95% CI 69-90).
    cl_L_per_h = pk.MODELS["clements"].clearance_L_per_min(70.0) * 60.0
    assert 69.0 <= cl_L_per_h <= 90.0


def test_fraction_unionized_of_ketamine_at_blood_ph():
    assert fraction_unionized() == pytest.approx(0.44, abs=0.01)
    # More acidic -> more ionized -> less crosses membranes.
    assert fraction_unionized(ph=7.0) < fraction_unionized(ph=7.4) < fraction_unionized(ph=7.8)


@pytest.mark.parametrize(("route", "f"), [("im", 0.93), ("oral", 0.17), ("intranasal", 0.48)])
def test_bioavailability_is_ratio_of_exposure_to_iv(route, f):
    iv = auc_ng_min_per_mL(plasma_concentration(LONG_T_MIN, duration_min=5.0))
    other = auc_ng_min_per_mL(plasma_concentration(LONG_T_MIN, route=route))
    assert other / iv == pytest.approx(f, rel=0.02)


@pytest.mark.parametrize(("route", "lo", "hi"), [("im", 5, 30), ("oral", 20, 60), ("intranasal", 20, 40)])
def test_time_of_peak_after_extravascular_dosing(route, lo, hi):
    t = np.arange(0.0, 240.0, 0.5)
    t_peak = t[np.argmax(plasma_concentration(t, route=route))]
    assert lo <= t_peak <= hi


def test_effect_site_lags_plasma():
    t = np.arange(0.0, 120.0, 0.1)
    cp = plasma_concentration(t, duration_min=5.0)
    ce = effect_site_concentration(t, duration_min=5.0)
    assert t[np.argmax(ce)] > t[np.argmax(cp)]
    assert ce.max() < cp.max()
    # A faster ke0 brings the effect site closer to plasma.
    fast = effect_site_concentration(t, duration_min=5.0, ke0_per_min=0.65)
    assert np.abs(fast - cp).max() < np.abs(ce - cp).max()


def test_negligible_plasma_level_by_half_a_day():
    assert plasma_concentration([720.0])[0] < 10.0


# --- invariants over every slider position ------------------------------------------------------------------------

GRIDS = {name: PARAMS[name].grid() for name in ("dose_mg_per_kg", "duration_min", "route", "ke0_per_min")}
#: Body weight is not a slider; the model accepts 20-200 kg, and adults span about 40-120 kg.
GRIDS["weight_kg"] = [40.0, 70.0, 120.0]


def _positions():
    defaults = {n: PARAMS[n].default for n in GRIDS if n in PARAMS} | {"weight_kg": 70.0}
    for name, grid in GRIDS.items():
        for value in grid:
            yield {**defaults, name: value}


@pytest.mark.parametrize("model", ["clements", "domino"])
@pytest.mark.parametrize("kwargs", list(_positions()), ids=lambda k: "-".join(f"{v}" for v in k.values()))
def test_every_slider_position_gives_finite_non_negative_concentrations(kwargs, model):
    cp, ce = simulate(LONG_T_MIN, model=model, **kwargs)
    for c in (cp, ce):
        assert np.all(np.isfinite(c))
        assert np.all(c >= 0.0)
    assert cp[0] == 0.0


@pytest.mark.parametrize("route", pk.ROUTES)
@pytest.mark.parametrize("model", ["clements", "domino"])
def test_mass_balance_clearance_times_exposure_equals_absorbed_dose(route, model):
    # Linear model: everything absorbed is eventually eliminated, CL * AUC = F * dose.
    weight = 70.0
    dose_mg = 0.5 * weight
    c_mg_per_L = plasma_concentration(LONG_T_MIN, route=route, model=model) / 1000.0
    eliminated_mg = pk.MODELS[model].clearance_L_per_min(weight) * auc_ng_min_per_mL(c_mg_per_L)
    assert eliminated_mg == pytest.approx(pk.BIOAVAILABILITY[route] * dose_mg, rel=0.02)


@pytest.mark.parametrize("route", pk.ROUTES)
def test_concentration_is_monotonic_and_linear_in_dose(route):
    doses = PARAMS["dose_mg_per_kg"].grid()
    curves = [plasma_concentration(LONG_T_MIN, dose_mg_per_kg=d, route=route) for d in doses]
    for lower, higher in zip(curves, curves[1:], strict=False):
        assert np.all(higher >= lower)
    assert_allclose(curves[-1] / doses[-1], curves[0] / doses[0], rtol=1e-9, atol=1e-12)


def test_time_order_does_not_matter():
    t = np.array([720.0, 0.0, 40.0, 5.0])
    assert_allclose(plasma_concentration(t), plasma_concentration(np.sort(t))[[3, 0, 2, 1]])


@settings(max_examples=60, deadline=None)
@given(
    dose=st.floats(0.0, pk.MAX_DOSE_MG_PER_KG),
    duration=st.floats(0.5, pk.MAX_DURATION_MIN),
    weight=st.floats(*pk.WEIGHT_RANGE_KG),
    ke0=st.floats(*pk.KE0_RANGE_PER_MIN),
    route=st.sampled_from(pk.ROUTES),
    model=st.sampled_from(list(pk.MODELS)),
)
def test_any_valid_input_is_finite_and_non_negative(dose, duration, weight, ke0, route, model):
    cp, ce = simulate(
        np.linspace(0.0, 2000.0, 50),
        dose_mg_per_kg=dose,
        duration_min=duration,
        weight_kg=weight,
        ke0_per_min=ke0,
        route=route,
        model=model,
    )
    assert np.all(np.isfinite(cp)) and np.all(np.isfinite(ce))
    assert np.all(cp >= 0.0) and np.all(ce >= 0.0)


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"dose_mg_per_kg": -0.1}, r"dose_mg_per_kg must be .* at least 0 and at most 5 mg/kg; got -0.1"),
        ({"dose_mg_per_kg": float("nan")}, r"dose_mg_per_kg must be a finite number"),
        ({"dose_mg_per_kg": "0.5"}, r"dose_mg_per_kg must be a finite number"),
        ({"duration_min": 0.0}, r"duration_min must be .* greater than 0 .*; got 0.0"),
        ({"route": "rectal"}, r"route must be one of 'iv', 'im', 'oral', 'intranasal'; got 'rectal'"),
        ({"model": "hijazi"}, r"model must be one of 'clements', 'domino'; got 'hijazi'"),
        ({"weight_kg": 5.0}, r"weight_kg must be .* at least 20 and at most 200 kg; got 5.0"),
        ({"ke0_per_min": 0.0}, r"ke0_per_min must be .* at least 0.01 and at most 5 1/min; got 0.0"),
    ],
)
def test_bad_parameters_raise_clear_value_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        plasma_concentration([0.0, 10.0], **kwargs)
    with pytest.raises(ValueError, match=message):
        effect_site_concentration([0.0, 10.0], **kwargs)


@pytest.mark.parametrize("t", [[-1.0, 5.0], [float("nan")], [[1.0, 2.0]], ["soon"]])
def test_bad_times_raise_clear_value_errors(t):
    with pytest.raises(ValueError, match=r"t_min must"):
        plasma_concentration(t)


def test_fraction_unionized_rejects_impossible_ph():
    with pytest.raises(ValueError, match=r"ph must be .* at most 14; got 15"):
        fraction_unionized(ph=15)
