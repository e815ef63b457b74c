"""The build extensions: the plotly.js bundle the site ships, and the chapter kit's metadata and numbers."""

from __future__ import annotations

import importlib.util
import re
import sys

import plotly.offline
import pytest

from tests.conftest import ROOT, chapter_pages
from widgets.figures import FIGURES, NUMBERS, make_figure, trace_types
from widgets.models.landmarks import LANDMARKS


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "_ext" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ext():
    return _load("course_build")


@pytest.fixture(scope="module")
def chapters():
    return _load("chapters")


@pytest.mark.parametrize("index", [0, 1])
def test_every_vendored_bundle_is_the_plotly_js_version_plotly_py_bundles(ext, index):
    name, _ = ext.BUNDLES[index]
    header = (ext.VENDOR / name).read_text(encoding="utf-8")[:300]
    found = re.search(r"plotly\.js \((\w+) - minified\) v(\S+)", header)
    assert found, header
    assert name == f"plotly-{found.group(1)}.min.js"
    assert found.group(2) == plotly.offline.get_plotlyjs_version()


def test_bundles_are_listed_smallest_first(ext):
    sizes = [(ext.VENDOR / name).stat().st_size for name, _ in ext.BUNDLES]
    assert sizes == sorted(sizes)


def test_the_smallest_bundle_that_draws_every_trace_type_is_picked(ext):
    assert ext.pick_bundle({"scatter", "bar"}) == "plotly-basic.min.js"
    assert ext.pick_bundle({"scatter", "heatmap"}) == "plotly-cartesian.min.js"
    with pytest.raises(ValueError, match="no vendored plotly.js bundle draws \\['scatter3d'\\]"):
        ext.pick_bundle({"scatter", "scatter3d"})


def _variants():
    for name, spec in FIGURES.items():
        yield name, spec
        if "highlight" in spec.options:
            for lm in LANDMARKS:
                yield f"{name}-{lm.key}", spec.with_fixed(highlight=lm.key)


@pytest.mark.parametrize(("name", "spec"), list(_variants()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_trace_type_is_in_the_shipped_bundle(ext, name, spec):
    shipped = dict(ext.BUNDLES)[ext.pick_bundle(trace_types())]
    types = {trace.type for trace in make_figure(spec).data}
    assert types <= shipped, f"{name} uses {types - shipped}"


# --- the chapter kit ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", chapter_pages())
def test_every_chapter_has_valid_metadata(chapters, stem):
    meta = chapters.chapter_meta(ROOT / f"{stem}.md")
    assert meta["study_time_min"] > 0 and 3 <= len(meta["objectives"]) <= 4


def test_bad_metadata_is_reported_with_the_file_and_the_key(chapters, tmp_path):
    page = tmp_path / "step99_x.md"
    page.write_text("---\ncourse:\n  step: 99\n  part: weeks\n---\n# x\n", encoding="utf-8")
    with pytest.raises(chapters.ChapterMetaError, match="step99_x.md: 'course:' lacks study_time_min"):
        chapters.chapter_meta(page)
    page.write_text("# no front matter\n", encoding="utf-8")
    with pytest.raises(chapters.ChapterMetaError, match="needs a 'course:' block"):
        chapters.chapter_meta(page)


def test_glossary_links_are_reduced_to_their_words_in_tables(chapters):
    assert chapters.plain("using {term}`lipophilicity <lipophilic>` and the {term}`plasma`") == (
        "using lipophilicity and the plasma"
    )


def test_timeline_cell_has_the_figure_name_and_a_caption_naming_the_step(chapters):
    cell = chapters.timeline_cell("step07")
    assert 'show("timeline", highlight="step07")' in cell
    assert "name: fig-step07-timeline" in cell and "step 7 (new spines) highlighted" in cell
    source = ["intro\n```{timeline-figure} step07\n```\nend"]
    chapters._expand_timeline(None, "book/step07_x", source)
    assert cell in source[0]


def test_every_model_number_is_finite(chapters):
    import math

    for key in NUMBERS:
        assert math.isfinite(chapters.model_number(key)), key


def test_every_number_a_page_quotes_exists():
    """A {num} role or quiz placeholder naming an unknown number would fail the build; this says which."""
    used = set()
    for path in list((ROOT / "book").glob("*.md")) + list((ROOT / "book" / "quizzes").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\{num\}`([A-Za-z0-9_]+)", text)) | set(re.findall(r"\{num:([A-Za-z0-9_]+)", text))
    assert used and used <= set(NUMBERS)
