"""Layering and the static/live switch."""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import widgets.figures
import widgets.models

ROOT = Path(__file__).resolve().parents[1]
MODEL_MODULES = sorted(m.name for m in pkgutil.iter_modules(widgets.models.__path__))
FIGURE_MODULES = sorted(m.name for m in pkgutil.iter_modules(widgets.figures.__path__))


def _run(code: str, **env) -> str:
    import os

    full_env = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=full_env, cwd=ROOT
    ).stdout.strip()


def test_no_model_module_imports_plotly_or_ipywidgets():
    imports = "; ".join(f"import widgets.models.{name}" for name in MODEL_MODULES)
    out = _run(f"import sys; {imports}; print(sorted(m for m in ('plotly', 'ipywidgets') if m in sys.modules))")
    assert len(MODEL_MODULES) >= 10
    assert out == "[]"


def _imported_modules(path: Path) -> set[str]:
    """Sibling modules of widgets.figures that a figure module imports (relative imports, one level)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("widgets.figures."):
            found.add(node.module.split(".")[2])
    return found


@pytest.mark.parametrize("name", FIGURE_MODULES)
def test_figure_modules_import_shared_modules_never_a_chapter(name):
    """A chapter module imports shared modules only; no shared module imports a chapter's."""
    chapters = {m for m in FIGURE_MODULES if m.startswith("step")}
    imported = _imported_modules(ROOT / "widgets" / "figures" / f"{name}.py")
    assert imported & chapters == set(), f"widgets/figures/{name}.py imports a chapter module"


def test_static_build_mode_creates_no_widget():
    code = (
        "import sys; from widgets import show; b = show('pk_concentration')._repr_mimebundle_();"
        "print(sorted(b), 'ipywidgets' in sys.modules)"
    )
    assert _run(code, KETAMINE_COURSE_STATIC="1") == "['text/html'] False"


def test_static_html_is_data_for_the_page_script_not_code():
    code = "from widgets import show; print(show('checkpoint').static_html())"
    html = _run(code, KETAMINE_COURSE_STATIC="1")
    assert 'class="plotly-graph-div course-figure-plot"' in html
    assert '<script type="application/json" class="course-figure-data"' in html
    assert "cdn" not in html.lower() and "mathjax" not in html.lower()
    assert "<script src" not in html and "Plotly.newPlot" not in html
    assert "</b>" not in html.split('class="course-figure-data"', 1)[1].split("</script>", 1)[0], "'</' is escaped"


def test_build_extension_and_display_agree_on_the_switch():
    from widgets.display import STATIC_ENV

    spec = importlib.util.spec_from_file_location("course_build", ROOT / "_ext" / "course_build.py")
    ext = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ext)
    assert ext.STATIC_ENV == STATIC_ENV


def test_unknown_figure_name_and_option_are_rejected():
    from widgets import show

    with pytest.raises(ValueError, match="name must be one of .*pk_concentration"):
        show("pk_concentraton")
    with pytest.raises(TypeError, match="unknown option.*the options of this figure: highlight"):
        show("timeline", highlights="step01")


def test_every_public_module_has_its_test_file():
    missing = [
        f"tests/{package}/test_{name}.py"
        for package, names in (("models", MODEL_MODULES), ("figures", FIGURE_MODULES))
        for name in names
        if not name.startswith("_") and not (ROOT / "tests" / package / f"test_{name}.py").is_file()
    ]
    assert missing == []
