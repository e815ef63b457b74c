"""Step 5: dissociation as a direct effect of the effect-site concentration."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.models.dissociation import DISSOCIATION_RANGE_NG_PER_ML, dissociation


def test_zero_below_fifty_and_linear_to_the_ceiling():
    """Ratings rose linearly over 50-200 ng/mL in volunteers (Bowdle 1998); the ceiling at 250 is a teaching choice."""
    lo, hi = DISSOCIATION_RANGE_NG_PER_ML
    assert dissociation([0.0, lo, (lo + hi) / 2, hi, 2 * hi]).tolist() == [0.0, 0.0, 0.5, 1.0, 1.0]
    c = np.linspace(lo, hi, 9)
    assert np.allclose(np.diff(dissociation(c)), np.diff(dissociation(c))[0])


@pytest.mark.parametrize("bad", [np.nan, -5.0, np.inf])
def test_bad_input_raises_instead_of_returning_nan(bad):
    with pytest.raises(ValueError, match="ce_ng_per_mL must hold finite numbers from 0"):
        dissociation([bad])
