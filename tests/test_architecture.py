"""Layering and the static/live switch."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str, **env) -> str:
    import os

    full_env = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=full_env, cwd=ROOT
    ).stdout.strip()


def test_models_import_neither_plotly_nor_ipywidgets():
    out = _run(
        "import sys, widgets.models.pharmacokinetics, widgets.models.brain_entry, widgets.models.landmarks;"
        "print(sorted(m for m in ('plotly', 'ipywidgets') if m in sys.modules))"
    )
    assert out == "[]"


def test_static_build_mode_creates_no_widget():
    code = (
        "import sys; from widgets import show; b = show('pk_concentration')._repr_mimebundle_();"
        "print(sorted(b), 'ipywidgets' in sys.modules)"
    )
    assert _run(code, KETAMINE_COURSE_STATIC="1") == "['text/html'] False"


def test_static_html_loads_no_plotly_js_and_no_mathjax():
    code = "from widgets import show; print(show('checkpoint').static_html())"
    html = _run(code, KETAMINE_COURSE_STATIC="1")
    assert "plotly-graph-div" in html
    assert "cdn" not in html.lower() and "mathjax" not in html.lower()
    assert "<script src" not in html


def test_build_extension_and_display_agree_on_the_switch():
    from widgets.display import STATIC_ENV

    spec = importlib.util.spec_from_file_location("course_build", ROOT / "_ext" / "course_build.py")
    ext = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ext)
    assert ext.STATIC_ENV == STATIC_ENV


def test_unknown_figure_name_is_rejected():
    from widgets import show

    with pytest.raises(ValueError, match="name must be one of .*pk_concentration"):
        show("pk_concentraton")
