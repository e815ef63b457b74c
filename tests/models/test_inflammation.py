"""Step 8: inflammatory tone, a weak and optional modulator (rodent-based)."""

from __future__ import annotations

import numpy as np

from widgets.models import inflammation
from widgets.models._ode import saturating_step


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
