"""Small pieces shared by the drawn metaphor scenes (the radio, the phone, the orchestra).

A scene draws many small shapes with few traces: the pieces of one kind go into one trace, separated by
gaps (``None``), and a slider shows some of them by replacing the others' ``y`` with gaps.  Keeping the
trace count fixed is what lets a slider patch a scene without redrawing it.
"""

from __future__ import annotations

from ..style import TEXT_COLORS


def line_style(color: str, width: float, dash: str = "solid") -> dict:
    """A Plotly line ``dict``.

    >>> line_style("#000000", 2)
    {'color': '#000000', 'width': 2, 'dash': 'solid'}
    """
    return dict(color=color, width=width, dash=dash)


def segments(parts) -> list:
    """Coordinates of several line pieces in one trace, separated by gaps.

    >>> segments([(0, 1), (2, 3)])
    [0, 1, None, 2, 3, None]
    """
    out: list = []
    for part in parts:
        out += [*part, None]
    return out


def showing(parts_y, shown) -> list:
    """The ``y`` of a trace of pieces that shows only the pieces in ``shown`` (the others become gaps).

    >>> showing([(0, 1), (2, 3)], {1})
    [None, None, None, 2, 3, None]
    """
    out: list = []
    for k, part in enumerate(parts_y):
        out += [*(part if k in shown else [None] * len(part)), None]
    return out


def rounded_rect(x0, y0, x1, y1, r) -> str:
    """An SVG path of a rectangle with corners rounded by ``r`` (for ``fig.add_shape(type="path")``).

    >>> rounded_rect(0, 0, 2, 1, 0.5).startswith("M0.5,0 L1.5,0")
    True
    """
    return (
        f"M{x0 + r},{y0} L{x1 - r},{y0} Q{x1},{y0} {x1},{y0 + r} L{x1},{y1 - r} Q{x1},{y1} {x1 - r},{y1} "
        f"L{x0 + r},{y1} Q{x0},{y1} {x0},{y1 - r} L{x0},{y0 + r} Q{x0},{y0} {x0 + r},{y0} Z"
    )


def label_healthy(fig, y: float, text: str = "healthy level", *, xref: str = "x2 domain", yref: str = "y2") -> None:
    """Label a healthy reference line at its right end, just below it, in the healthy (green) text color."""
    fig.add_annotation(
        x=0.99,
        y=y,
        xref=xref,
        yref=yref,
        xanchor="right",
        yanchor="top",
        showarrow=False,
        text=text,
        font=dict(size=11, color=TEXT_COLORS["bdnf"]),
    )
