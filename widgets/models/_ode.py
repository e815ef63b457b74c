"""One integration step shared by the slow links of the cascade.

Every slow process of the course has the form

    dX/dt = k_on · u · (1 − X) − X / tau

where X in [0, 1] is the fraction of the process's maximum effect, u >= 0 the
drive from the previous link, k_on the gain (1/h per unit drive) and tau the
decay time (h).  With u held constant over a step this ODE is linear in X and
has an exact solution, so the step below (an exponential integrator) is
stable for any step length and keeps X inside [0, 1]: no slider position can
produce a negative or runaway value.
"""

from __future__ import annotations

import math


def saturating_step(x: float, u: float, k_on_per_h: float, tau_h: float, dt_h: float) -> float:
    """Advance dX/dt = k_on·u·(1 − X) − X/tau by ``dt_h`` hours, exactly for constant u.

    Parameters
    ----------
    x : float
        Current value, in [0, 1].
    u : float
        Drive (>= 0), held constant over the step.
    k_on_per_h : float
        Gain (1/h per unit drive).
    tau_h : float
        Decay time constant (h).
    dt_h : float
        Step length (h).

    Returns
    -------
    float
        Value after the step, in [0, 1].

    Examples
    --------
    >>> round(saturating_step(0.0, 1.0, 1.0, 1.0, 100.0), 6)
    0.5
    """
    a = k_on_per_h * u
    b = a + 1.0 / tau_h
    x_inf = a / b
    return x_inf + (x - x_inf) * math.exp(-b * dt_h)


def lowpass_step(x: float, u: float, tau_h: float, dt_h: float) -> float:
    """Advance dX/dt = (u − X)/tau by ``dt_h`` hours, exactly for constant u.

    Examples
    --------
    >>> lowpass_step(0.0, 1.0, 1.0, 0.0)
    0.0
    """
    return u + (x - u) * math.exp(-dt_h / tau_h)
