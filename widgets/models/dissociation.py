"""Step 5: dissociative and psychedelic effects as a direct effect of concentration, and the EEG.

In 10 volunteers held at steady plasma levels of 50, 100, 150 and 200 ng/mL,
ratings of psychedelic and dissociative effects rose linearly with
concentration (Bowdle 1998).  The fact sheet's model: zero below ≈50 ng/mL,
rising over 50-250 ng/mL, driven by the effect-site concentration (no delay
beyond ke0).  The ceiling at 250 ng/mL (top of the dissociative band of Zanos
2018) is a TEACHING CHOICE: the score is a fraction of the maximum effect.

Chapter-level views (step 5)
----------------------------
* :func:`dissociation_time_course`: the effect-site concentration and the
  dissociation score over time for a dose and a route, with the score also on
  the points of the Clinician-Administered Dissociative States Scale (CADSS,
  total 0-92).  The conversion, :data:`CADSS_POINTS_AT_FULL_EFFECT`, is a
  TEACHING CHOICE: no trial's mean CADSS was available to fit it; the
  threshold the esketamine trials used to count a dissociative or perceptual
  change, a total above 4 points (:data:`CADSS_THRESHOLD_POINTS`), is drawn
  for orientation.  The intranasal route treats esketamine with racemic
  ketamine's potency and disposition, another simplification.
* :func:`eeg_power_spectrum`: a TEACHING MODEL of the resting EEG power
  spectrum, a 1/f background with an alpha peak, in which delta and alpha
  power fall and gamma power rises with the effect-site concentration, the
  directions reported in human EEG and MEG (Hong 2010; de la Salle 2016;
  Vlisides 2018).  Only one size is fitted: the alpha fall of about 1.8 dB
  (occipital) during the standard infusion (Vlisides 2018).  The other sizes
  are illustrative; the shape is not fitted to any recording.  At anesthetic
  concentrations the EEG changes differently (slow waves grow), which the model
  does not describe.
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np

from ._validate import check_array, check_choice, check_number
from .pharmacokinetics import MAX_CONCENTRATION_NG_PER_ML, MAX_DOSE_MG_PER_KG, ROUTES
from .pharmacokinetics import simulate as pk_simulate

__all__ = [
    "ALPHA_FALL_DB_AT_STANDARD",
    "BAND_CHANGE_DB_AT_FULL",
    "CADSS_MAX_POINTS",
    "CADSS_POINTS_AT_FULL_EFFECT",
    "CADSS_THRESHOLD_POINTS",
    "DISSOCIATION_RANGE_NG_PER_ML",
    "EEG_BANDS_HZ",
    "EEG_EC50_NG_PER_ML",
    "EEG_FREQUENCY_RANGE_HZ",
    "band_power",
    "band_power_change_pct",
    "cadss_points",
    "dissociation",
    "dissociation_time_course",
    "eeg_drive",
    "eeg_power_spectrum",
]

#: Effect-site concentrations (ng/mL) where the effect starts and where it saturates.
DISSOCIATION_RANGE_NG_PER_ML = (50.0, 250.0)


def dissociation(ce_ng_per_mL) -> np.ndarray:
    """Dissociative effect (fraction of maximum) at an effect-site concentration.

    Parameters
    ----------
    ce_ng_per_mL : array_like
        Effect-site concentration (ng/mL, 0 to 100,000).

    Returns
    -------
    numpy.ndarray
        Values in [0, 1]: 0 below 50 ng/mL, linear to 1 at 250 ng/mL.

    Examples
    --------
    >>> dissociation([0.0, 150.0, 400.0]).tolist()
    [0.0, 0.5, 1.0]
    """
    ce = check_array("ce_ng_per_mL", ce_ng_per_mL, 0.0, MAX_CONCENTRATION_NG_PER_ML, "ng/mL")
    lo, hi = DISSOCIATION_RANGE_NG_PER_ML
    # The score saturates by design (a fraction of the maximum effect); the input itself is checked above.
    return np.clip((ce - lo) / (hi - lo), 0.0, 1.0)


# --- the clinical scale --------------------------------------------------------------------------------------

#: Highest possible CADSS total (23 items scored 0-4).
CADSS_MAX_POINTS = 92.0
#: CADSS points drawn for the model's full effect (TEACHING CHOICE, not fitted: the course found no trial mean to
#: fit it to).  With it the standard infusion peaks near 12 points and the 56 mg spray above the 4-point threshold,
#: where most esketamine-treated patients crossed it (61-84%, manufacturer's medical information).
CADSS_POINTS_AT_FULL_EFFECT = 20.0
#: The esketamine trials counted a CADSS total above 4 points (and a rise from before dosing) as a dissociative or
#: perceptual change.
CADSS_THRESHOLD_POINTS = 4.0


def cadss_points(score) -> np.ndarray:
    """The dissociation score (fraction of the model's maximum) on the CADSS's points (teaching scale).

    Parameters
    ----------
    score : array_like
        Dissociation score in [0, 1].

    Returns
    -------
    numpy.ndarray
        CADSS points (0 to :data:`CADSS_POINTS_AT_FULL_EFFECT`).

    Examples
    --------
    >>> cadss_points([0.0, 0.5]).tolist()
    [0.0, 10.0]
    """
    return CADSS_POINTS_AT_FULL_EFFECT * check_array("score", score, 0.0, 1.0)


def dissociation_time_course(
    t_min, *, dose_mg_per_kg: float = 0.5, route: str = "iv", duration_min: float = 40.0
) -> dict[str, np.ndarray]:
    """Effect-site concentration and dissociation over time for one dose (70 kg adult, Clements model).

    Parameters
    ----------
    t_min : array_like
        Times after dosing starts (min), 0 to 90 days.
    dose_mg_per_kg : float
        Dose (0-5 mg/kg); for ``route="intranasal"`` the esketamine dose (56 mg is 0.8 mg/kg at 70 kg).
    route : {"iv", "im", "oral", "intranasal"}
        Route of administration.
    duration_min : float
        Length of an IV infusion (>0-1440 min); ignored by the other routes.

    Returns
    -------
    dict of str to numpy.ndarray
        ``ce_ng_per_mL``, ``dissociation`` (fraction of maximum) and ``cadss_points`` (teaching
        scale), each shaped like ``t_min``.

    Examples
    --------
    >>> out = dissociation_time_course([40.0])
    >>> 0.5 < float(out["dissociation"][0]) < 0.7
    True
    """
    check_number("dose_mg_per_kg", dose_mg_per_kg, 0.0, MAX_DOSE_MG_PER_KG, "mg/kg")
    check_choice("route", route, ROUTES)
    _, ce = pk_simulate(t_min, dose_mg_per_kg=dose_mg_per_kg, route=route, duration_min=duration_min)
    d = dissociation(ce)
    return {"ce_ng_per_mL": ce, "dissociation": d, "cadss_points": cadss_points(d)}


# --- the EEG power spectrum (teaching model) -----------------------------------------------------------------------

#: The classical EEG bands (Hz): lower and upper edge.
EEG_BANDS_HZ = MappingProxyType(
    {"delta": (1.0, 4.0), "theta": (4.0, 8.0), "alpha": (8.0, 13.0), "beta": (13.0, 30.0), "gamma": (30.0, 80.0)}
)
#: Frequencies the spectrum is defined on (Hz).
EEG_FREQUENCY_RANGE_HZ = (1.0, 80.0)
#: Effect-site concentration at half of the full spectral change (TEACHING CHOICE).
EEG_EC50_NG_PER_ML = 150.0
#: Alpha fall (dB) during the standard infusion, whose effect-site peak the model puts near 168 ng/mL: about 1.8 dB
#: over occipital cortex (0.94 dB parietal) in 15 volunteers (Vlisides 2018).
ALPHA_FALL_DB_AT_STANDARD = 1.8
_STANDARD_PEAK_CE_NG_PER_ML = 168.0
#: Change of each band's power (dB) at the full effect (eeg_drive = 1).  Alpha is fitted to Vlisides 2018 through
#: the drive at the standard infusion's peak; the other sizes are TEACHING CHOICES with the reported signs (gamma up,
#: delta and theta down: Hong 2010, de la Salle 2016).
BAND_CHANGE_DB_AT_FULL = MappingProxyType(
    {
        "delta": -3.0,
        "theta": -2.0,
        "alpha": -ALPHA_FALL_DB_AT_STANDARD * (1.0 + EEG_EC50_NG_PER_ML / _STANDARD_PEAK_CE_NG_PER_ML),
        "beta": 0.5,
        "gamma": 4.0,
    }
)

# Background spectrum (TEACHING CHOICE): 1/f^1.2 plus an alpha peak at 10 Hz, in µV²/Hz.
_APERIODIC_UV2 = 20.0
_APERIODIC_EXPONENT = 1.2
_ALPHA_PEAK_UV2 = 3.0
_ALPHA_PEAK_HZ = 10.0
_ALPHA_WIDTH_HZ = 1.5


def eeg_drive(ce_ng_per_mL) -> np.ndarray:
    """Strength of the spectral change at an effect-site concentration: Ce / (Ce + EC50), 0 to 1.

    Parameters
    ----------
    ce_ng_per_mL : array_like
        Effect-site concentration (ng/mL, 0 to 100,000).

    Returns
    -------
    numpy.ndarray
        Drive in [0, 1).

    Examples
    --------
    >>> float(eeg_drive(150.0))
    0.5
    """
    ce = check_array("ce_ng_per_mL", ce_ng_per_mL, 0.0, MAX_CONCENTRATION_NG_PER_ML, "ng/mL")
    return ce / (ce + EEG_EC50_NG_PER_ML)


def _check_freq(freq_hz) -> np.ndarray:
    lo, hi = EEG_FREQUENCY_RANGE_HZ
    f = check_array("freq_hz", freq_hz, lo, hi, "Hz")
    if f.ndim != 1:
        raise ValueError(f"freq_hz must be a 1-D array of frequencies in Hz; got shape {f.shape}")
    return f


def _change_db(freq_hz: np.ndarray) -> np.ndarray:
    """Change (dB) at full drive at each frequency: band values at band centers, smooth in log frequency."""
    centers = [np.sqrt(lo * hi) for lo, hi in EEG_BANDS_HZ.values()]
    values = list(BAND_CHANGE_DB_AT_FULL.values())
    return np.interp(np.log(freq_hz), np.log(centers), values)


def eeg_power_spectrum(freq_hz, ce_ng_per_mL) -> np.ndarray:
    """Resting EEG power spectral density at each frequency for one or more concentrations (teaching model).

    Parameters
    ----------
    freq_hz : array_like
        Frequencies (Hz, 1 to 80), 1-D.
    ce_ng_per_mL : array_like
        Effect-site concentration(s) (ng/mL, 0 to 100,000); a scalar or any shape.

    Returns
    -------
    numpy.ndarray
        Power (µV²/Hz, illustrative units), shape ``np.shape(ce_ng_per_mL) + (len(freq_hz),)``; positive.

    Examples
    --------
    >>> p0, p1 = eeg_power_spectrum([10.0, 40.0], [0.0, 200.0])
    >>> bool(p1[0] < p0[0] and p1[1] > p0[1])
    True
    """
    f = _check_freq(freq_hz)
    drive = eeg_drive(ce_ng_per_mL)
    base = _APERIODIC_UV2 * f**-_APERIODIC_EXPONENT + _ALPHA_PEAK_UV2 * np.exp(
        -0.5 * ((f - _ALPHA_PEAK_HZ) / _ALPHA_WIDTH_HZ) ** 2
    )
    return base * 10.0 ** (np.asarray(drive)[..., None] * _change_db(f) / 10.0)


def band_power(band: str, ce_ng_per_mL) -> np.ndarray:
    """Power in one EEG band (µV², illustrative), the spectrum integrated over the band.

    Parameters
    ----------
    band : {"delta", "theta", "alpha", "beta", "gamma"}
        The band.
    ce_ng_per_mL : array_like
        Effect-site concentration(s) (ng/mL).

    Returns
    -------
    numpy.ndarray
        Band power, shaped like ``ce_ng_per_mL``.

    Examples
    --------
    >>> bool(band_power("gamma", 200.0) > band_power("gamma", 0.0))
    True
    """
    check_choice("band", band, tuple(EEG_BANDS_HZ))
    lo, hi = EEG_BANDS_HZ[band]
    f = np.linspace(lo, hi, 200)
    return np.trapezoid(eeg_power_spectrum(f, ce_ng_per_mL), f, axis=-1)


def band_power_change_pct(band: str, ce_ng_per_mL) -> np.ndarray:
    """Change of one band's power from the drug-free spectrum (%), e.g. +40 for a rise of 40%.

    Parameters
    ----------
    band : {"delta", "theta", "alpha", "beta", "gamma"}
        The band.
    ce_ng_per_mL : array_like
        Effect-site concentration(s) (ng/mL).

    Returns
    -------
    numpy.ndarray
        Change in %, shaped like ``ce_ng_per_mL``.

    Examples
    --------
    >>> float(band_power_change_pct("alpha", 0.0))
    0.0
    """
    return 100.0 * (band_power(band, ce_ng_per_mL) / band_power(band, 0.0) - 1.0)
