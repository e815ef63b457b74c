"""Step 2: the glutamate burst through disinhibition, an inverted U in the block."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.models.circuit import ADAPTATION, adapted_glutamate, glutamate_drive


def test_inverted_u_low_block_little_subanesthetic_most_anesthetic_less():
    """Moderate doses raise prefrontal glutamate in rats, anesthetic doses lower it (Moghaddam 1997)."""
    block = np.linspace(0.0, 1.0, 101)
    drive = glutamate_drive(block)
    peak = block[np.argmax(drive)]
    assert 0.3 <= peak <= 0.7
    assert drive[0] == 0.0
    assert glutamate_drive(0.95) < 0.5 * drive.max()
    assert np.all((drive >= 0.0) & (drive <= 1.0))


def test_adaptation_turns_a_steady_drive_into_a_smaller_plateau():
    assert adapted_glutamate(0.5, 0.5) == pytest.approx((1 - ADAPTATION) * 0.5)
    assert adapted_glutamate(0.2, 0.9) == 0.0


@pytest.mark.parametrize("bad", [np.nan, -0.1, 1.5])
def test_bad_input_raises_a_clear_value_error(bad):
    with pytest.raises(ValueError, match="block must hold finite numbers from 0 to 1"):
        glutamate_drive([0.2, bad])
    with pytest.raises(ValueError, match="g_raw must be a finite number"):
        adapted_glutamate(bad, 0.0)
