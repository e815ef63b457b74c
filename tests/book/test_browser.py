"""The built book in a real browser (Debian's Chromium), offline.

Every page is served on 127.0.0.1 and every other request is blocked and
recorded.  Each figure must render, each Plotly slider must change the
plotted data when a reader clicks it, and the console must stay clean.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import chapter_pages, toc_pages

pytestmark = pytest.mark.browser

#: Console messages that are known upstream defects (none at present: the two known ones, pydata-sphinx-theme's
#: "Got invalid theme mode" and sphinx-thebe's duplicate THEBE_JS_URL declaration, are fixed in _config.yml and
#: _ext/course_build.py).
ALLOWED_CONSOLE_ERRORS: tuple[str, ...] = ()

_SNAPSHOT = """(gd) => JSON.stringify({
    active: (gd.layout.sliders || []).map(s => s.active),
    data: gd._fullData.map(t => [t.x, t.y, t.opacity]),
})"""


def _figure_divs(page):
    return page.locator("div.plotly-graph-div")


def _load(op, url):
    op.page.goto(url)
    op.page.wait_for_load_state("load")
    figures = _figure_divs(op.page)
    for i in range(figures.count()):
        figures.nth(i).locator(".main-svg").first.wait_for(state="attached", timeout=15_000)
    return figures


def _console_errors(op):
    return [e for e in op.errors if not any(a in e for a in ALLOWED_CONSOLE_ERRORS)]


@pytest.mark.parametrize("stem", toc_pages())
def test_page_renders_offline_with_a_clean_console(offline_page, site_url, stem):
    figures = _load(offline_page, f"{site_url}/{stem}.html")
    for i in range(figures.count()):
        assert figures.nth(i).locator(".main-svg").count() >= 1
        assert figures.nth(i).evaluate("gd => gd._fullData.length") >= 1
    assert offline_page.page.evaluate("() => typeof window.Plotly") == ("object" if figures.count() else "undefined")
    assert offline_page.blocked == []
    assert _console_errors(offline_page) == []


@pytest.mark.parametrize("stem", chapter_pages())
def test_clicking_each_slider_changes_the_plotted_data(offline_page, site_url, stem):
    figures = _load(offline_page, f"{site_url}/{stem}.html")
    assert figures.count() >= 1
    page = offline_page.page
    for i in range(figures.count()):
        fig = figures.nth(i)
        fig.scroll_into_view_if_needed()
        rails = fig.locator("g.slider-group .slider-rail-touch-rect")
        n_sliders = fig.evaluate("gd => (gd.layout.sliders || []).length")
        assert rails.count() == n_sliders >= 1
        defaults = json.loads(fig.evaluate(_SNAPSHOT))["active"]
        for k in range(n_sliders):
            before = json.loads(fig.evaluate(_SNAPSHOT))
            n_steps = fig.evaluate(f"gd => gd.layout.sliders[{k}].steps.length")
            target = n_steps - 1 if before["active"][k] != n_steps - 1 else 0
            box = rails.nth(k).bounding_box()
            # Steps are spread evenly along the rail; click the centre of the target step.
            x = box["x"] + box["width"] * (target + 0.5) / n_steps
            page.mouse.click(x, box["y"] + box["height"] / 2)
            page.wait_for_timeout(150)
            after = json.loads(fig.evaluate(_SNAPSHOT))
            assert after["active"][k] == target, f"slider {k} of figure {i} did not move"
            assert after["data"] != before["data"], f"slider {k} of figure {i} moved but the figure did not change"
            # The other sliders return to their defaults, so the labels always match the curves.
            assert [a for j, a in enumerate(after["active"]) if j != k] == [d for j, d in enumerate(defaults) if j != k]
    assert offline_page.blocked == []
    assert _console_errors(offline_page) == []


def test_static_book_works_from_disk(file_page, html_dir):
    page_path = html_dir / "book" / "step01_brain_entry.html"
    figures = _load(file_page, page_path.as_uri())
    assert figures.count() >= 1
    assert file_page.blocked == []
    assert _console_errors(file_page) == []
