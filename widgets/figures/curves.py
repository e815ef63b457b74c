"""How every figure draws the curves of the cascade: one name, colour and dash per process.

Shared by the timeline strip, the city, the complete journey and the step
chapters, so that a process looks the same wherever it appears.
"""

from __future__ import annotations

from ..style import COLORS

__all__ = ["CURVES", "DASH", "curve_color", "curve_line", "curve_name"]

#: Display name and colour key of every curve of :func:`widgets.models.timeline.simulate`, in step order.
CURVES = {
    "plasma": ("1. ketamine in blood", "drug"),
    "glutamate": ("2. glutamate burst", "glutamate"),
    "nmda_block": ("3. NMDA receptor block", "nmda"),
    "dmn": ("4. default mode network shift", "dmn"),
    "dissociation": ("5. dissociation", "dissociation"),
    "bdnf": ("6. BDNF signaling", "bdnf"),
    "spines": ("7. new spines", "spines"),
    "inflammation": ("8. inflammation change", "inflammation"),
    "network": ("9. network balance", "network"),
    "mood": ("mood benefit", "mood"),
}
#: Dash patterns, so that curves sharing a panel differ by more than colour.
DASH = {"spines": "dash", "network": "dot", "dmn": "dashdot", "inflammation": "longdash", "mood": "solid"}


def curve_name(key: str, *, numbered: bool = True) -> str:
    """Display name of a curve: ``"7. new spines"``, or ``"new spines"`` without its step number."""
    name = CURVES[key][0]
    return name if numbered else name.split(". ", 1)[-1]


def curve_color(key: str) -> str:
    """Line colour of a curve."""
    return COLORS[CURVES[key][1]]


def curve_line(key: str, width: float = 2.0) -> dict:
    """Plotly ``line`` properties of a curve: its colour and dash."""
    return dict(color=curve_color(key), width=width, dash=DASH.get(key, "solid"))
