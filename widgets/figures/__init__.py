"""Plotly figure builders: one module per chapter, plus a few shared modules.

Chapter modules are called ``stepNN_<slug>.py`` (the chapter's file name);
each declares its own sliders in ``PARAMS`` and its figures in ``FIGURES``
(tuples).  Shared modules (the core, axes, curve styles, the timeline strip,
the course map, the city) may declare figures too.  A chapter module imports
shared modules, never another chapter's module.  See :mod:`.core` for the
builder template.

This package finds every module itself, so a new chapter needs no edit here:

* :data:`FIGURES`: every interactive figure of the course, by name (what
  :func:`widgets.show` reads);
* :data:`PARAMS`: every slider parameter, the shared ones of
  :mod:`widgets.params` and every module's own, by name;
* :data:`NUMBERS`: every number the chapters quote from the model (a module's
  ``NUMBERS``: name -> function of no arguments), shown in the book by the
  ``{num}`` role and in quizzes by ``{num:name:format}``, so that no sentence
  can disagree with the model.

Two figures or two numbers with the same name, or two different parameters
with the same name, raise ``ValueError`` at import.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType

from ..params import SHARED, ParamSpec
from .core import FigureSpec, Patch, apply_patch, make_figure, static_payload

__all__ = [
    "FIGURES",
    "MODULES",
    "NUMBERS",
    "PARAMS",
    "FigureSpec",
    "Patch",
    "apply_patch",
    "make_figure",
    "static_payload",
    "trace_types",
]


def _modules() -> dict[str, ModuleType]:
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            found[info.name] = importlib.import_module(f"{__name__}.{info.name}")
    return found


def _assemble(modules: dict[str, ModuleType]) -> tuple[dict[str, FigureSpec], dict[str, ParamSpec]]:
    figures: dict[str, FigureSpec] = {}
    params: dict[str, ParamSpec] = dict(SHARED)
    owner = dict.fromkeys(SHARED, "widgets.params")
    for mod_name, module in modules.items():
        for p in getattr(module, "PARAMS", ()):
            if p.name in params and params[p.name] != p:
                raise ValueError(f"two different parameters are called {p.name!r}: in {owner[p.name]} and {mod_name}")
            params.setdefault(p.name, p)
            owner.setdefault(p.name, mod_name)
        for spec in getattr(module, "FIGURES", ()):
            if spec.name in figures:
                raise ValueError(f"two figures are called {spec.name!r} (the second in {mod_name})")
            figures[spec.name] = spec
    for spec in figures.values():
        for p in spec.sliders:
            if params.get(p.name) != p:
                raise ValueError(
                    f"figure {spec.name!r} uses the parameter {p.name!r}, which no module's PARAMS declares "
                    "(add it to the PARAMS of the figure's module, or use the shared one of widgets.params)"
                )
    return figures, params


def _numbers(modules: dict[str, ModuleType]) -> dict[str, Callable[[], float]]:
    numbers: dict[str, Callable[[], float]] = {}
    for mod_name, module in modules.items():
        for key, fn in getattr(module, "NUMBERS", {}).items():
            if key in numbers:
                raise ValueError(f"two model numbers are called {key!r} (the second in {mod_name})")
            numbers[key] = fn
    return numbers


#: Every figure module, by module name (e.g. ``"step01_brain_entry"``).
MODULES: dict[str, ModuleType] = _modules()
FIGURES, PARAMS = _assemble(MODULES)
NUMBERS: dict[str, Callable[[], float]] = _numbers(MODULES)


def trace_types() -> set[str]:
    """Every Plotly trace type that the registered figures draw (the book ships a bundle that draws them)."""
    return {trace.type for spec in FIGURES.values() for trace in make_figure(spec).data}
