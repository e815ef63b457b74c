"""The build extension's plotly.js: the vendored partial bundle must match plotly.py and our figures."""

from __future__ import annotations

import importlib.util
import re

import plotly.offline
import pytest

from tests.conftest import ROOT
from widgets.figures import FIGURES, make_figure
from widgets.models.landmarks import LANDMARKS


@pytest.fixture(scope="module")
def ext():
    spec = importlib.util.spec_from_file_location("course_build", ROOT / "_ext" / "course_build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_vendored_bundle_is_the_plotly_js_version_plotly_py_bundles(ext):
    header = ext.PLOTLY_BUNDLE.read_text(encoding="utf-8")[:300]
    found = re.search(r"plotly\.js \(basic - minified\) v(\S+)", header)
    assert found, header
    assert found.group(1) == plotly.offline.get_plotlyjs_version()


def _variants():
    for name, spec in FIGURES.items():
        yield name, spec
        if name in ("timeline", "course_map"):
            for lm in LANDMARKS:
                yield f"{name}-{lm.key}", spec.with_fixed(highlight=lm.key)


@pytest.mark.parametrize(("name", "spec"), list(_variants()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_trace_type_is_in_the_shipped_bundle(ext, name, spec):
    types = {trace.type for trace in make_figure(spec).data}
    assert types <= ext.PLOTLY_BUNDLE_TRACES, f"{name} uses {types - ext.PLOTLY_BUNDLE_TRACES}"
