"""Steps 4 and 9: the default mode network shift from its acute and slow parts."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.models.networks import ACUTE_DMN_WEIGHT, dmn_shift


def test_the_two_parts_combine_as_independent_contributions():
    assert float(dmn_shift(1.0, 0.0)) == pytest.approx(ACUTE_DMN_WEIGHT)
    assert float(dmn_shift(0.0, 0.4)) == pytest.approx(0.4)
    a, n = np.meshgrid(np.linspace(0, 1, 11), np.linspace(0, 1, 11))
    shift = dmn_shift(a, n)
    assert np.all((shift >= 0) & (shift <= 1))
    assert np.all(np.diff(shift, axis=0) >= 0) and np.all(np.diff(shift, axis=1) >= 0)


@pytest.mark.parametrize(("acute", "network", "name"), [(np.nan, 0.0, "acute"), (0.0, 1.2, "network")])
def test_bad_input_raises_a_clear_value_error(acute, network, name):
    with pytest.raises(ValueError, match=f"{name} must hold finite numbers from 0 to 1"):
        dmn_shift(acute, network)
