"""Plotly figure builders, one module per metaphor or model view.

See :mod:`widgets.figures.core` for the builder template every module
follows.  :data:`FIGURES` is the registry that :func:`widgets.show` reads.
"""

from __future__ import annotations

from .checkpoint import CHECKPOINT
from .core import FigureSpec, Patch, apply_patch, make_figure, static_figure
from .course_map import COURSE_MAP
from .pharmacokinetics import CONCENTRATION, MODELS
from .timeline import CITY, JOURNEY, TIMELINE

#: Every interactive figure of the course, by name.
FIGURES: dict[str, FigureSpec] = {
    s.name: s for s in (COURSE_MAP, CONCENTRATION, MODELS, CHECKPOINT, TIMELINE, JOURNEY, CITY)
}

__all__ = ["FIGURES", "FigureSpec", "Patch", "apply_patch", "make_figure", "static_figure"]
