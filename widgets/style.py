"""One visual style for every figure: a lean Plotly template and one color per concept.

Colors come from the Okabe-Ito palette (distinguishable with the common
forms of color-vision deficiency), extended with two greys.  A concept has
the same color in every chapter, and no figure relies on color alone:
every curve is also named in a legend or a text label, and lines differ in
dash pattern where they share a panel.
"""

from __future__ import annotations

import plotly.graph_objects as go

__all__ = ["COLORS", "FONT", "TEMPLATE", "TEXT_COLORS", "band_fill", "contrast_on_white", "layout_defaults"]

#: Okabe-Ito palette.
_OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermilion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}

#: Concept -> color, shared by all chapters.
COLORS = {
    "drug": _OKABE_ITO["blue"],
    "effect_site": _OKABE_ITO["vermilion"],
    "glutamate": _OKABE_ITO["orange"],
    "nmda": "#555555",
    "dmn": _OKABE_ITO["purple"],
    "dissociation": _OKABE_ITO["sky"],
    "bdnf": _OKABE_ITO["green"],
    "spines": "#8C6D31",
    "inflammation": "#B2182B",
    "network": "#3B4CC0",
    "mood": _OKABE_ITO["black"],
    "ssri": _OKABE_ITO["green"],
    "analgesic": _OKABE_ITO["sky"],
    "dissociative": _OKABE_ITO["purple"],
    "anesthetic": _OKABE_ITO["vermilion"],
    "muted": "#9E9E9E",
}


def _luminance(hex_color: str) -> float:
    """Relative luminance (WCAG 2.1) of an sRGB colour."""
    h = hex_color.lstrip("#")
    channels = []
    for i in (0, 2, 4):
        c = int(h[i : i + 2], 16) / 255.0
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(hex_color: str) -> float:
    """WCAG contrast ratio of a colour against white."""
    return 1.05 / (_luminance(hex_color) + 0.05)


#: Darker shades of the concept colours for text on white: every one reaches the WCAG AA
#: contrast of 4.5:1, which the palette's lighter lines (for example sky blue, 2.3:1) do not.
TEXT_COLORS = {
    **{k: v for k, v in COLORS.items() if contrast_on_white(v) >= 4.5},
    "dissociation": "#1674A9",
    "analgesic": "#1674A9",
    "dmn": "#B04380",
    "dissociative": "#B04380",
    "effect_site": "#AC4C00",
    "anesthetic": "#AC4C00",
    "bdnf": "#007857",
    "ssri": "#007857",
    "glutamate": "#8A5F00",
    "muted": "#6E6E6E",
}

#: The brain networks of steps 4 and 9, each drawn in the color of a concept: lines and marks, and text on white.
NETWORK_CONCEPTS = {"default mode": "dmn", "salience": "glutamate", "executive": "network", "limbic": "effect_site"}
NETWORK_COLORS = {network: COLORS[concept] for network, concept in NETWORK_CONCEPTS.items()}
NETWORK_TEXT_COLORS = {network: TEXT_COLORS[concept] for network, concept in NETWORK_CONCEPTS.items()}

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

#: ``automargin``: the margins grow to fit tick labels and titles, so that neither is clipped on a narrow screen.
_AXIS = dict(
    gridcolor="#E5E5E5",
    linecolor="#444444",
    zeroline=False,
    ticks="outside",
    showline=True,
    automargin=True,
    title=dict(standoff=8),
)

#: A deliberately small template: figures embed it, so every byte counts.
TEMPLATE = go.layout.Template(
    layout=dict(
        font=dict(family=FONT, size=13, color="#222222"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=[COLORS[k] for k in ("drug", "effect_site", "glutamate", "bdnf", "dmn", "dissociation")],
        xaxis=_AXIS,
        yaxis=_AXIS,
        legend=dict(bgcolor="rgba(255,255,255,0.8)", orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom"),
        hoverlabel=dict(font=dict(family=FONT)),
        margin=dict(l=64, r=24, t=56, b=48),
    )
)


def band_fill(color: str, alpha: float = 0.15) -> str:
    """``rgba`` fill for a shaded band in a concept color."""
    h = color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def layout_defaults(**overrides) -> dict:
    """Layout keywords every builder starts from (template, no title)."""
    base = dict(template=TEMPLATE, showlegend=True)
    base.update(overrides)
    return base
