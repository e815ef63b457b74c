"""Step 3: NMDA receptor block by simple binding."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.models.receptor import DEFAULT_K_UM, FREE_FRACTION, K_RANGE_UM, ng_per_mL_to_uM, nmda_block


def test_unit_conversion_uses_the_molar_mass_of_ketamine_base():
    # 1 µM of ketamine base is 237.7 ng/mL (molar mass 237.7 g/mol).
    assert float(ng_per_mL_to_uM(237.7)) == pytest.approx(1.0)
    assert float(ng_per_mL_to_uM(185.0)) == pytest.approx(0.78, abs=0.01)


def test_half_block_where_the_free_concentration_equals_k():
    c_half = DEFAULT_K_UM / FREE_FRACTION * 237.7
    assert float(nmda_block(c_half)) == pytest.approx(0.5)


def test_block_at_the_measured_end_of_infusion_level_spans_the_taught_range():
    """At 185 ng/mL the block runs over roughly 10-70% across the plausible K (fact sheet, step 3)."""
    low_k, high_k = K_RANGE_UM
    assert float(nmda_block(185.0, k_uM=high_k)) == pytest.approx(0.1, abs=0.05)
    assert float(nmda_block(185.0, k_uM=low_k)) == pytest.approx(0.65, abs=0.05)


def test_block_rises_with_concentration_and_stays_below_one():
    block = nmda_block(np.geomspace(1.0, 1e5, 50))
    assert np.all(np.diff(block) > 0) and block.max() < 1.0


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (([np.nan],), {}, "ce_ng_per_mL must hold finite numbers from 0 to 100000 ng/mL"),
        (([-1.0],), {}, "ce_ng_per_mL must hold finite numbers"),
        (([1.0],), {"k_uM": 0.0}, "k_uM must be a finite number at least 0.05"),
        (([1.0],), {"free_fraction": 2.0}, "free_fraction must be"),
    ],
)
def test_bad_input_raises_a_clear_value_error(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        nmda_block(*args, **kwargs)
    with pytest.raises(ValueError, match="c_ng_per_mL must hold finite numbers"):
        ng_per_mL_to_uM([np.inf])
