"""Step 1: how ketamine gets into the blood and the brain.

Linear compartment models of racemic ketamine with an effect-site compartment.

Two published parameter sets are provided:

``"clements"``
    Two compartments, fitted to a 250 µg/kg IV bolus in volunteers
    (Clements & Nimmo 1981, doi:10.1093/bja/53.1.27), as encoded in the open
    TCI library opentiva: V1 = 1.7522 L/kg, k10 = 0.0109, k12 = 0.0186,
    k21 = 0.0137 /min.  Clearance 19.1 mL/min/kg (80 L/h per 70 kg, matching
    the meta-analysis value of 79 L/h, Kamp 2020) and a terminal half-life of
    about 3 h.
``"domino"``
    Three compartments, as coded in STANPUMP and opentiva: V1 = 0.063 L/kg,
    k10 = 0.4381, k12 = 0.5921, k13 = 0.5900, k21 = 0.2470, k31 = 0.0146 /min.
    Attributed to Domino et al. 1982 (Anesth Analg 61:87) by opentiva and to
    Domino et al. 1984 (Clin Pharmacol Ther 36:645) by STANPUMP.

The effect site (the "brain" compartment of pharmacodynamics) follows plasma
with the first-order rate constant ``ke0``.  There is no consensus value for
ketamine: 0.238 /min (95% CI 0.20-0.28) was fitted to an analgesia index
(Navarrete-Ibacache 2025) and is the default here; the ke0 of the
dissociative or antidepressant effect has never been estimated.

Teaching choices (not fitted values) are marked ``TEACHING CHOICE`` below.

Units: time in minutes, doses in mg/kg, amounts in mg, volumes in L,
concentrations in ng/mL (1 mg/L = 1000 ng/mL).  Ketamine base has a molar
mass of 237.7 g/mol, so 1 µM ≈ 238 ng/mL.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.linalg import expm

from ._validate import check_choice, check_number, check_times

__all__ = [
    "BANDS_NG_PER_ML",
    "BIOAVAILABILITY",
    "BRAIN_TO_PLASMA_RAT",
    "KETAMINE_PKA",
    "MODELS",
    "OBSERVED_END_OF_INFUSION_NG_PER_ML",
    "ROUTES",
    "PKModel",
    "effect_site_concentration",
    "fraction_unionized",
    "plasma_concentration",
    "simulate",
    "terminal_half_life_min",
]

#: Molar mass of ketamine base (g/mol); 1 µM = 237.7 ng/mL.
MOLAR_MASS_G_PER_MOL = 237.7

#: Acid dissociation constant of ketamine (a weak base).
KETAMINE_PKA = 7.5

#: Brain-to-plasma concentration ratio in rats after IV ketamine (Cohen 1973).
BRAIN_TO_PLASMA_RAT = 6.5

#: Plasma concentration bands (ng/mL) from Zanos et al. 2018, Table 1.
BANDS_NG_PER_ML = {
    "analgesic": (70.0, 160.0),
    "dissociative": (100.0, 250.0),
    "anesthetic": (1200.0, 2400.0),
}

#: Mean plasma level at the end of a 0.5 mg/kg, 40-min infusion in depressed
#: patients (Zarate 2006, as tabulated by Zanos 2018): ≈185 ng/mL (0.78 µM).
OBSERVED_END_OF_INFUSION_NG_PER_ML = 185.0

#: Routes of administration.
ROUTES = ("iv", "im", "oral", "intranasal")

#: Fraction of the dose that reaches the circulation.
#: IM 93% and oral 17% for racemic ketamine (Clements, Nimmo & Grant 1982);
#: intranasal esketamine ≈48% (Spravato label; 51-54% in the population
#: analysis of Perez-Ruixo 2021).
BIOAVAILABILITY = {"iv": 1.0, "im": 0.93, "oral": 0.17, "intranasal": 0.48}

#: First-order absorption rate constants (1/min).  TEACHING CHOICE: chosen so
#: that the simulated time of peak plasma level falls in the reported range
#: (IM about 5-30 min; oral about 30-60 min; intranasal esketamine 20-40 min
#: after the last spray, Spravato label).  Not fitted to individual data.
ABSORPTION_PER_MIN = {"im": 0.12, "oral": 0.045, "intranasal": 0.07}

#: Allometric exponent for clearance.  TEACHING CHOICE: the published sets
#: scale volumes linearly with body weight and keep rate constants fixed; we
#: additionally scale clearances with (weight/70)^0.75, the convention of
#: population models (e.g. the Herd 2007 and Hornik 2018 ketamine models).
#: At 70 kg the published parameters are used unchanged.
ALLOMETRIC_EXPONENT = 0.75

MAX_DOSE_MG_PER_KG = 5.0
#: Highest concentration the concentration-driven models accept (ng/mL): far above any anesthetic
#: level (1,200-2,400 ng/mL) and above what the largest accepted dose gives.
MAX_CONCENTRATION_NG_PER_ML = 100_000.0
MAX_DURATION_MIN = 24 * 60.0
MAX_TIME_MIN = 90 * 24 * 60.0
WEIGHT_RANGE_KG = (20.0, 200.0)
KE0_RANGE_PER_MIN = (0.01, 5.0)


@dataclass(frozen=True)
class PKModel:
    """A mammillary compartment model, per kg at 70 kg.

    Parameters
    ----------
    name : str
        Short name.
    v1_L_per_kg : float
        Central volume (L/kg).
    k10_per_min, k12_per_min, k21_per_min, k13_per_min, k31_per_min : float
        Micro rate constants (1/min); ``k13 = k31 = 0`` for two compartments.
    citation : str
        Bibliography key of the source.
    """

    name: str
    v1_L_per_kg: float
    k10_per_min: float
    k12_per_min: float
    k21_per_min: float
    k13_per_min: float = 0.0
    k31_per_min: float = 0.0
    citation: str = ""

    @property
    def n_compartments(self) -> int:
        """Number of disposition compartments (2 or 3)."""
        return 3 if self.k13_per_min > 0 else 2

    def clearance_L_per_min(self, weight_kg: float = 70.0) -> float:
        """Elimination clearance V1·k10 (L/min), allometrically scaled."""
        scaled = self.scaled(weight_kg)
        return scaled[0] * scaled[1]

    def scaled(self, weight_kg: float) -> tuple[float, float, float, float, float, float]:
        """``(V1_L, k10, k12, k21, k13, k31)`` for a body weight.

        Volumes scale with weight; rate constants with (weight/70)^-0.25 so
        that clearances scale with (weight/70)^0.75.
        """
        f = (weight_kg / 70.0) ** (ALLOMETRIC_EXPONENT - 1.0)
        return (
            self.v1_L_per_kg * weight_kg,
            self.k10_per_min * f,
            self.k12_per_min * f,
            self.k21_per_min * f,
            self.k13_per_min * f,
            self.k31_per_min * f,
        )


MODELS = {
    "clements": PKModel("clements", 1.7522, 0.0109, 0.0186, 0.0137, citation="clements1981"),
    "domino": PKModel("domino", 0.063, 0.4381, 0.5921, 0.2470, 0.5900, 0.0146, citation="domino1982"),
}


def fraction_unionized(pka: float = KETAMINE_PKA, ph: float = 7.4) -> float:
    """Fraction of a weak base in the un-ionized (membrane-crossing) form.

    Henderson-Hasselbalch for a base: ``1 / (1 + 10**(pKa - pH))``.  For
    ketamine (pKa 7.5) at blood pH 7.4 this is about 0.44.

    Parameters
    ----------
    pka : float
        Acid dissociation constant of the drug (0-14).
    ph : float
        pH of the fluid (0-14).

    Returns
    -------
    float
        Fraction in [0, 1].
    """
    pka = check_number("pka", pka, 0.0, 14.0)
    ph = check_number("ph", ph, 0.0, 14.0)
    return 1.0 / (1.0 + 10.0 ** (pka - ph))


def _system(model: PKModel, route: str, weight_kg: float, ke0_per_min: float):
    """Rate matrix of the state [depot, A1, A2, A3 (mg), Ce (mg/L)] and V1."""
    v1, k10, k12, k21, k13, k31 = model.scaled(weight_kg)
    ka = ABSORPTION_PER_MIN.get(route, 0.0)
    a = np.zeros((5, 5))
    a[0, 0] = -ka
    a[1, 0] = ka
    a[1, 1] = -(k10 + k12 + k13)
    a[1, 2] = k21
    a[1, 3] = k31
    a[2, 1] = k12
    a[2, 2] = -k21
    a[3, 1] = k13
    a[3, 3] = -k31
    a[4, 1] = ke0_per_min / v1
    a[4, 4] = -ke0_per_min
    return a, v1


def _propagate(a: np.ndarray, rate: np.ndarray, x0: np.ndarray, t_off: float, times: np.ndarray) -> np.ndarray:
    """Exact solution of x' = A x + rate·[t < t_off] at sorted ``times``.

    Each interval uses the matrix exponential of the augmented matrix
    [[A, rate], [0, 0]] (Van Loan), cached by interval length, so a uniform
    grid costs only a handful of matrix exponentials.
    """
    n = a.shape[0]
    cache: dict[tuple[float, bool], tuple[np.ndarray, np.ndarray]] = {}

    def step(dt: float, on: bool):
        key = (round(dt, 9), on)
        if key not in cache:
            m = np.zeros((n + 1, n + 1))
            m[:n, :n] = a
            if on:
                m[:n, n] = rate
            e = expm(m * dt)
            cache[key] = (e[:n, :n], e[:n, n])
        return cache[key]

    out = np.empty((times.size, n))
    x, t_cur = x0.astype(float).copy(), 0.0
    for i, target in enumerate(times):
        while t_cur < target:
            seg_end = t_off if t_cur < t_off < target else target
            phi, gamma = step(seg_end - t_cur, t_cur < t_off)
            x = phi @ x + gamma
            t_cur = seg_end
        out[i] = x
    return out


@lru_cache(maxsize=256)
def _unit_profile(
    t_key: bytes, route: str, duration_min: float, weight_kg: float, model: str, ke0_per_min: float
) -> tuple[np.ndarray, np.ndarray]:
    """Plasma and effect-site concentration (ng/mL) for a 1 mg/kg dose."""
    t = np.frombuffer(t_key, dtype=float)
    a, v1 = _system(MODELS[model], route, weight_kg, ke0_per_min)
    dose_mg = 1.0 * weight_kg
    x0 = np.zeros(5)
    rate = np.zeros(5)
    t_off = 0.0
    if route == "iv":
        rate[1] = dose_mg / duration_min
        t_off = duration_min
    else:
        x0[0] = BIOAVAILABILITY[route] * dose_mg
    order = np.argsort(t, kind="stable")
    states = np.empty((t.size, 5))
    states[order] = _propagate(a, rate, x0, t_off, t[order])
    # Round-off can leave values of order -1e-15; concentrations are never negative.
    cp = np.clip(states[:, 1] / v1 * 1000.0, 0.0, None)
    ce = np.clip(states[:, 4] * 1000.0, 0.0, None)
    cp.setflags(write=False)
    ce.setflags(write=False)
    return cp, ce


def _checked(t_min, dose_mg_per_kg, duration_min, route, weight_kg, model, ke0_per_min):
    t = check_times("t_min", t_min, MAX_TIME_MIN, "min")
    dose = check_number("dose_mg_per_kg", dose_mg_per_kg, 0.0, MAX_DOSE_MG_PER_KG, "mg/kg")
    dur = check_number("duration_min", duration_min, 0.0, MAX_DURATION_MIN, "min", lo_open=True)
    check_choice("route", route, ROUTES)
    w = check_number("weight_kg", weight_kg, *WEIGHT_RANGE_KG, "kg")
    check_choice("model", model, tuple(MODELS))
    ke0 = check_number("ke0_per_min", ke0_per_min, *KE0_RANGE_PER_MIN, "1/min")
    return t, dose, dur, w, ke0


def simulate(
    t_min,
    *,
    dose_mg_per_kg: float = 0.5,
    duration_min: float = 40.0,
    route: str = "iv",
    weight_kg: float = 70.0,
    model: str = "clements",
    ke0_per_min: float = 0.24,
):
    """Plasma and effect-site concentration of ketamine over time.

    Parameters
    ----------
    t_min : array_like
        Times after the start of dosing (min), 0 to 90 days, any order.
    dose_mg_per_kg : float
        Dose per kg of body weight (0-5 mg/kg).  For ``route="intranasal"``
        it is the esketamine dose (56 mg in a 70 kg adult is 0.8 mg/kg).
    duration_min : float
        Length of the IV infusion (>0 to 1440 min).  Ignored by the other
        routes, whose dose is absorbed from a depot from time 0.
    route : {"iv", "im", "oral", "intranasal"}
        Route of administration.
    weight_kg : float
        Body weight (20-200 kg).
    model : {"clements", "domino"}
        Disposition parameter set.
    ke0_per_min : float
        Effect-site equilibration rate constant (0.01-5 /min).

    Returns
    -------
    tuple of numpy.ndarray
        ``(plasma_ng_per_mL, effect_site_ng_per_mL)``, each shaped like ``t_min``.

    Examples
    --------
    >>> cp, ce = simulate([40.0])
    """
    t, dose, dur, w, ke0 = _checked(t_min, dose_mg_per_kg, duration_min, route, weight_kg, model, ke0_per_min)
    cp, ce = _unit_profile(t.tobytes(), route, dur if route == "iv" else 1.0, w, model, ke0)
    return dose * cp, dose * ce


def plasma_concentration(
    t_min,
    *,
    dose_mg_per_kg: float = 0.5,
    duration_min: float = 40.0,
    route: str = "iv",
    weight_kg: float = 70.0,
    model: str = "clements",
    ke0_per_min: float = 0.24,
) -> np.ndarray:
    """Plasma ketamine concentration (ng/mL) at times ``t_min``.

    Parameters are those of :func:`simulate`.  The standard research infusion
    (0.5 mg/kg over 40 min) gives ≈177 ng/mL at 40 min with the Clements set,
    close to the ≈185 ng/mL measured in patients.

    Returns
    -------
    numpy.ndarray
        Concentration in ng/mL, one value per time.

    Examples
    --------
    >>> round(float(plasma_concentration([40.0])[0]))
    177
    """
    return simulate(
        t_min,
        dose_mg_per_kg=dose_mg_per_kg,
        duration_min=duration_min,
        route=route,
        weight_kg=weight_kg,
        model=model,
        ke0_per_min=ke0_per_min,
    )[0]


def effect_site_concentration(
    t_min,
    *,
    dose_mg_per_kg: float = 0.5,
    duration_min: float = 40.0,
    route: str = "iv",
    weight_kg: float = 70.0,
    model: str = "clements",
    ke0_per_min: float = 0.24,
) -> np.ndarray:
    """Effect-site ketamine concentration (ng/mL) at times ``t_min``.

    The effect site is a virtual compartment with no volume of its own whose
    concentration follows plasma with rate constant ``ke0_per_min``
    (half-time ln 2 / ke0, ≈2.9 min at the default).  Parameters are those of
    :func:`simulate`.

    Returns
    -------
    numpy.ndarray
        Concentration in ng/mL, one value per time.

    Examples
    --------
    >>> effect_site_concentration([0.0, 40.0]).shape
    (2,)
    """
    return simulate(
        t_min,
        dose_mg_per_kg=dose_mg_per_kg,
        duration_min=duration_min,
        route=route,
        weight_kg=weight_kg,
        model=model,
        ke0_per_min=ke0_per_min,
    )[1]


def terminal_half_life_min(model: str = "clements", weight_kg: float = 70.0) -> float:
    """Terminal (slowest) disposition half-life of a parameter set (min).

    It is ln 2 divided by the smallest eigenvalue (in magnitude) of the
    disposition rate matrix: about 183 min for Clements, 115 min for Domino.

    Parameters
    ----------
    model : {"clements", "domino"}
        Parameter set.
    weight_kg : float
        Body weight (20-200 kg).

    Returns
    -------
    float
        Half-life in minutes.
    """
    check_choice("model", model, tuple(MODELS))
    w = check_number("weight_kg", weight_kg, *WEIGHT_RANGE_KG, "kg")
    a, _ = _system(MODELS[model], "iv", w, 1.0)
    n = MODELS[model].n_compartments
    eig = np.linalg.eigvals(a[1 : 1 + n, 1 : 1 + n])
    return float(np.log(2) / np.min(np.abs(eig.real)))
