"""Input checks shared by the models: clear ``ValueError`` messages.

Every message names the parameter, the value received and what is allowed, so
that a reader who mistypes an argument in a live notebook learns how to fix it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np


def check_number(name: str, value, lo: float, hi: float, unit: str = "", *, lo_open: bool = False) -> float:
    """Return ``value`` as a float if it is finite and inside ``[lo, hi]``.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : float
        Value to check.
    lo, hi : float
        Allowed range (inclusive unless ``lo_open``).
    unit : str
        Unit printed after the range.
    lo_open : bool
        If True the lower bound itself is not allowed (e.g. a duration of zero).

    Returns
    -------
    float
        The checked value.
    """
    unit_txt = f" {unit}" if unit else ""
    lower = "greater than" if lo_open else "at least"
    allowed = f"{name} must be a finite number {lower} {lo:g} and at most {hi:g}{unit_txt}"
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{allowed}; got {value!r}")
    x = float(value)
    if not math.isfinite(x) or x > hi or x < lo or (lo_open and x == lo):
        raise ValueError(f"{allowed}; got {value!r}")
    return x


def check_choice(name: str, value, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise ``ValueError``."""
    choices = tuple(choices)
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value


def check_times(name: str, t, hi: float, unit: str) -> np.ndarray:
    """Return ``t`` as a 1-D float array of finite, non-negative times up to ``hi``."""
    try:
        arr = np.asarray(t, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an array of numbers in {unit}; got {t!r}") from None
    if arr.ndim > 1:
        raise ValueError(f"{name} must be a 1-D array of times in {unit}; got shape {arr.shape}")
    arr = np.atleast_1d(arr)
    bad = ~np.isfinite(arr) | (arr < 0) | (arr > hi)
    if bad.any():
        raise ValueError(f"{name} must contain finite times from 0 to {hi:g} {unit}; got {arr[bad][0]!r}")
    return arr


def check_array(name: str, values, lo: float, hi: float, unit: str = "") -> np.ndarray:
    """Return ``values`` as a float array if every value is finite and inside ``[lo, hi]``.

    The model functions that take arrays (concentrations, fractions) call this
    instead of clipping: a NaN or an out-of-range value is a caller's mistake
    and is reported, not hidden.
    """
    unit_txt = f" {unit}" if unit else ""
    allowed = f"{name} must hold finite numbers from {lo:g} to {hi:g}{unit_txt}"
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{allowed}; got {values!r}") from None
    bad = ~np.isfinite(arr) | (arr < lo) | (arr > hi)
    if bad.any():
        raise ValueError(f"{allowed}; got {arr[bad].flat[0]!r}")
    return arr
