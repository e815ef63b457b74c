"""Step 8: inflammatory tone, a weak and uncertain modulator.

Rodents: ketamine lowers IL-1β, IL-6 and TNF-α raised by stress or LPS
(Kopra 2021 review), but in LPS mice it worked without changing cytokines
(Walker 2013).  People: changes are transient (hours to ≈3 days) and
inconsistent (IL-6 even rose in Park 2017) and did not track or predict mood
(Park 2017; Kiraly 2017).

Model (rodent-based, TEACHING CHOICE): a transient fall in inflammatory tone
driven by the signalling pulse after the first delay stage M1 of
:mod:`plasticity` (a 7-h lag), peaking within a day and gone in ≈3 days:

    dI/dt = K_INFLAMMATION·M1·(1 − I) − I/TAU_INFLAMMATION_H.

By default it does not feed into mood (weight 0): no human study has shown
that it mediates the antidepressant effect.
"""

from __future__ import annotations

__all__ = ["K_INFLAMMATION_PER_H", "TAU_INFLAMMATION_H"]

K_INFLAMMATION_PER_H = 2.0
TAU_INFLAMMATION_H = 16.0
