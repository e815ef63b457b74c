"""Accessibility of the built book: keyboard controls for every figure, and axe-core on every page.

* Plotly's own sliders cannot be used from the keyboard (plotly.js #562, #6940), so
  ``_ext/static/figures.js`` adds a labelled ``<input type="range">`` under every figure for each
  Plotly slider, as soon as the page is read (before plotly.js is loaded).  These tests reach each input with
  the Tab key alone, move it with the arrow/End/Home keys,
  and check that the figure and Plotly's slider follow; and they move a Plotly slider with the mouse and
  check that the input follows.
* axe-core (bundled with axe-playwright-python) runs on every page of ``_toc.yml`` with the WCAG 2.0/2.1
  A and AA rules; no serious or critical violation is allowed, with no exception.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import OfflinePage, chapter_pages, draw_all_figures, toc_pages

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

#: Keyboard controls, as figures.js writes them.
FORM = "form.a11y-sliders"

_STATE = """(gd) => JSON.stringify({
    active: (gd.layout.sliders || []).map(s => s.active),
    data: gd._fullData.map(t => [t.x, t.y, t.opacity]),
})"""

_PLOTLY_SLIDER = """(gd, k) => {
    const group = gd.querySelectorAll('g.slider-group')[k];
    const grip = group.querySelector('.slider-grip-rect');
    const label = group.querySelector('.slider-label');
    return {grip: grip.getAttribute('transform'), label: label ? label.textContent : null};
}"""


def _figures_with_sliders(page):
    return page.locator("div.plotly-graph-div").filter(has=page.locator("g.slider-group"))


def _open(op, url):
    """Load a page and draw every figure, as a reader scrolling through it would."""
    page = op.page
    page.goto(url)
    page.wait_for_load_state("load")
    draw_all_figures(page)
    return page.locator("div.plotly-graph-div")


def _controls(page, gd):
    """The keyboard form that belongs to figure ``gd`` (a Locator)."""
    fig_id = gd.get_attribute("id")
    return page.locator(f'{FORM}[data-figure="{fig_id}"]')


def _tab_to(page, selector: str, max_presses: int = 600) -> None:
    """Press Tab (keyboard only) until the element matching ``selector`` has the focus."""
    for _ in range(max_presses):
        if page.evaluate("(sel) => document.activeElement === document.querySelector(sel)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} was not reached with the Tab key in {max_presses} presses")


def _wait_active(gd, k: int, value: int) -> None:
    gd.page.wait_for_function(
        "([id, k, v]) => { const gd = document.getElementById(id); return gd.layout.sliders[k].active === v; }",
        arg=[gd.get_attribute("id"), k, value],
        timeout=10_000,
    )


def _css_id(value: str) -> str:
    return "#" + re.sub(r"([^\w-])", r"\\\1", value)


@pytest.mark.parametrize("stem", chapter_pages())
def test_every_plotly_slider_has_a_labelled_range_input(offline_page, site_url, stem):
    page = offline_page.page
    _open(offline_page, f"{site_url}/{stem}.html")
    figures = _figures_with_sliders(page)
    assert figures.count() >= 1
    assert page.locator(FORM).count() == figures.count()
    for i in range(figures.count()):
        gd = figures.nth(i)
        sliders = gd.evaluate(
            "gd => gd.layout.sliders.map(s => ({prefix: s.currentvalue.prefix, n: s.steps.length, active: s.active,"
            " label: s.steps[s.active].label}))"
        )
        form = _controls(page, gd)
        assert form.count() == 1
        # Right after the figure (or plotly.py's sized wrapper around it), and before the figure's caption.
        assert gd.evaluate(
            """(gd, sel) => {
                const form = document.querySelector(sel), before = form.previousElementSibling;
                const caption = form.closest('figure') && form.closest('figure').querySelector('figcaption');
                return !!before && before.contains(gd) &&
                    (!caption || !!(form.compareDocumentPosition(caption) & Node.DOCUMENT_POSITION_FOLLOWING));
            }""",
            f'{FORM}[data-figure="{gd.get_attribute("id")}"]',
        )
        inputs = form.locator('input[type="range"]')
        assert inputs.count() == len(sliders)
        for k, s in enumerate(sliders):
            box = inputs.nth(k)
            assert box.get_attribute("min") == "0"
            assert box.get_attribute("max") == str(s["n"] - 1)
            assert box.input_value() == str(s["active"])
            assert box.get_attribute("aria-valuetext") == s["label"]
            # The label is the slider's title, without the ": " of Plotly's prefix.
            label = page.locator(f'label[for="{box.get_attribute("id")}"]')
            assert label.inner_text().strip() == s["prefix"].removesuffix(": ").strip()
            readout = box.locator("xpath=following-sibling::*[contains(@class, 'a11y-slider-readout')]")
            assert readout.is_visible() and readout.inner_text().strip() == s["label"]
    assert offline_page.blocked == []


@pytest.mark.parametrize("stem", chapter_pages())
def test_keyboard_alone_moves_every_figure(offline_page, site_url, stem):
    """Tab to each range input, press End/ArrowLeft/Home: the figure, its Plotly slider and the input agree."""
    page = offline_page.page
    _open(offline_page, f"{site_url}/{stem}.html")
    figures = _figures_with_sliders(page)
    assert figures.count() >= 1
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # Tab from the top
    for i in range(figures.count()):
        gd = figures.nth(i)
        inputs = _controls(page, gd).locator('input[type="range"]')
        for k in range(inputs.count()):
            input_id = inputs.nth(k).get_attribute("id")
            _tab_to(page, _css_id(input_id))
            n_steps = gd.evaluate(f"gd => gd.layout.sliders[{k}].steps.length")
            before = json.loads(gd.evaluate(_STATE))
            plotly_before = gd.evaluate(_PLOTLY_SLIDER, k)
            key, target = ("End", n_steps - 1) if before["active"][k] != n_steps - 1 else ("Home", 0)
            page.keyboard.press(key)
            _wait_active(gd, k, target)
            after = json.loads(gd.evaluate(_STATE))
            plotly_after = gd.evaluate(_PLOTLY_SLIDER, k)
            label = gd.evaluate(f"gd => gd.layout.sliders[{k}].steps[{target}].label")
            assert after["data"] != before["data"], f"figure {i}, slider {k}: {key} did not change the plotted data"
            assert plotly_after["grip"] != plotly_before["grip"], f"figure {i}, slider {k}: Plotly's grip stayed"
            assert plotly_after["label"].endswith(label)
            assert inputs.nth(k).get_attribute("aria-valuetext") == label
            # The sliders combine: the others stay where they were, and their inputs show it.
            assert [a for j, a in enumerate(after["active"]) if j != k] == [
                a for j, a in enumerate(before["active"]) if j != k
            ]
            assert [inputs.nth(j).input_value() for j in range(inputs.count())] == [str(a) for a in after["active"]]
            # One arrow key press is one step.
            step_key, expected = ("ArrowLeft", target - 1) if target > 0 else ("ArrowRight", 1)
            page.keyboard.press(step_key)
            _wait_active(gd, k, expected)
            assert inputs.nth(k).input_value() == str(expected)
            assert page.evaluate("() => document.activeElement.id") == input_id, "the focus stays on the input"
    assert offline_page.blocked == []
    assert offline_page.errors == []


@pytest.mark.parametrize("stem", chapter_pages())
def test_range_inputs_follow_the_plotly_sliders(offline_page, site_url, stem):
    """Move each Plotly slider with the mouse (a click on its rail): the range input follows."""
    page = offline_page.page
    _open(offline_page, f"{site_url}/{stem}.html")
    figures = _figures_with_sliders(page)
    for i in range(figures.count()):
        gd = figures.nth(i)
        gd.scroll_into_view_if_needed()
        rails = gd.locator("g.slider-group .slider-rail-touch-rect")
        inputs = _controls(page, gd).locator('input[type="range"]')
        for k in range(rails.count()):
            state = json.loads(gd.evaluate(_STATE))
            n_steps = gd.evaluate(f"gd => gd.layout.sliders[{k}].steps.length")
            target = n_steps - 1 if state["active"][k] != n_steps - 1 else 0
            box = rails.nth(k).bounding_box()
            page.mouse.click(box["x"] + box["width"] * (target + 0.5) / n_steps, box["y"] + box["height"] / 2)
            _wait_active(gd, k, target)
            label = gd.evaluate(f"gd => gd.layout.sliders[{k}].steps[{target}].label")
            page.wait_for_function(
                "([sel, v]) => document.querySelector(sel).value === v",
                arg=[_css_id(inputs.nth(k).get_attribute("id")), str(target)],
                timeout=10_000,
            )
            assert inputs.nth(k).get_attribute("aria-valuetext") == label
            # Every input shows what its slider shows.
            active = json.loads(gd.evaluate(_STATE))["active"]
            assert [inputs.nth(j).input_value() for j in range(inputs.count())] == [str(a) for a in active]
    assert offline_page.blocked == []


# --- axe-core -------------------------------------------------------------------------------------------


def _import_fixups(html_dir: Path) -> dict[str, Path]:
    """File name -> file, for every stylesheet that the site's CSS pulls in with a relative ``@import``.

    axe-core 4.12.1 fetches ``@import``-ed stylesheets relative to the *page* instead of the stylesheet
    (dequelabs/axe-core#5268, fix proposed in #5269), e.g. ``/basic.css`` for pydata-sphinx-theme's
    ``@import "../basic.css"`` in ``_static/styles/theme.css``: a 404, and the sheet is then left out of
    axe's CSS checks.  The axe tests answer those mistaken requests with the right file.
    """
    fixups = {}
    for css in html_dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for target in re.findall(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""", text):
            path = (css.parent / target).resolve()
            if not re.match(r"^[a-z]+:", target) and path.is_file():
                fixups[Path(target).name] = path
    return fixups


def _serve_mistaken_imports(page, html_dir: Path) -> None:
    fixups = _import_fixups(html_dir)

    def route(r):
        path = urlparse(r.request.url).path
        local = html_dir / path.lstrip("/")
        name = Path(path).name
        if name in fixups and not local.is_file():
            r.fulfill(path=str(fixups[name]), content_type="text/css")
        else:
            r.fallback()

    page.route("**/*.css", route)


def _run_axe(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return results.response["violations"]


def _blocking(violations: list[dict]) -> list[str]:
    """Serious and critical violations, one line per element."""
    found = []
    for v in violations:
        if v["impact"] not in BLOCKING_IMPACTS:
            continue
        for node in v["nodes"]:
            target = " ".join(map(str, node["target"]))
            found.append(f"{v['id']} ({v['impact']}) at {target}: {node['failureSummary']!s:.300}")
    return found


def _expand_everything(page) -> None:
    """Open every dropdown, solution and <details>, so that axe also checks the hidden content."""
    page.evaluate(
        """() => {
            document.querySelectorAll('details').forEach(d => { d.open = true; });
            document.querySelectorAll('.toggle-hidden button.toggle-button, button.toggle-button.toggle-button-hidden')
                .forEach(b => b.click());
        }"""
    )
    page.wait_for_timeout(400)


@pytest.mark.parametrize("stem", toc_pages())
def test_axe_finds_no_serious_or_critical_violation(offline_page, site_url, html_dir, stem):
    page = offline_page.page
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    _serve_mistaken_imports(page, html_dir)
    _open(offline_page, f"{site_url}/{stem}.html")
    assert _blocking(_run_axe(page)) == []
    _expand_everything(page)
    assert _blocking(_run_axe(page)) == []
    assert offline_page.blocked == []
    assert failed == [], "every file axe (or the page) asked for exists"


def test_axe_after_answering_the_quizzes(browser, site_url, html_dir):
    """Answer every question (right on even, wrong on odd ones) so that both feedback styles are checked."""
    found = {}
    for stem in chapter_pages():
        op = OfflinePage(browser, site_url + "/")
        try:
            page = op.page
            _serve_mistaken_imports(page, html_dir)
            _open(op, f"{site_url}/{stem}.html")
            questions = page.locator("div.Quiz")
            assert questions.count() >= 1
            for i in range(questions.count()):
                pick = "true" if i % 2 == 0 else "false"
                answer = questions.nth(i).locator(f'label.MCButton[data-correct="{pick}"]')
                if answer.count():
                    answer.first.click()
            page.wait_for_timeout(1_000)  # jupyterquiz animates the feedback colors for 0.6-0.8 s
            found[stem] = _blocking(_run_axe(page))
        finally:
            op.close()
    assert {stem: v for stem, v in found.items() if v} == {}


_SVG_TEXT_CONTRAST = """() => {
    const parse = (c) => { const m = /rgba?\\(([^)]+)\\)/.exec(c || ''); if (!m) return null;
        const p = m[1].split(',').map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
    const f = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); };
    const lum = (c) => 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
    const low = [];
    document.querySelectorAll('div.plotly-graph-div').forEach((gd) => {
        const bg = parse(gd._fullLayout.paper_bgcolor) || {r: 255, g: 255, b: 255, a: 1};
        gd.querySelectorAll('svg.main-svg text').forEach((t) => {
            // Text drawn on markers (.textpoint) has the marker, not the paper, behind it.
            if (!t.textContent.trim() || t.closest('.textpoint, .hoverlayer')) return;
            const cs = getComputedStyle(t);
            if (cs.visibility === 'hidden' || cs.display === 'none' || +cs.opacity === 0) return;
            const fg = parse(cs.fill); if (!fg) return;
            const a = fg.a * (cs.fillOpacity === '' ? 1 : +cs.fillOpacity);
            const mix = {r: a * fg.r + (1 - a) * bg.r, g: a * fg.g + (1 - a) * bg.g, b: a * fg.b + (1 - a) * bg.b};
            const l1 = lum(mix), l2 = lum(bg);
            const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
            const size = parseFloat(cs.fontSize);
            const bold = parseInt(cs.fontWeight, 10) >= 700 || !!t.querySelector('b, tspan[style*="bold"]');
            const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
            if (ratio < need) low.push(`${gd.id}: "${t.textContent.slice(0, 60)}" ${cs.fill} ${ratio.toFixed(2)}:1`);
        });
    });
    return low;
}"""


def test_text_inside_figures_has_enough_contrast(browser, site_url):
    found = {}
    for stem in chapter_pages():
        op = OfflinePage(browser, site_url + "/")
        try:
            _open(op, f"{site_url}/{stem}.html")
            found[stem] = op.page.evaluate(_SVG_TEXT_CONTRAST)
        finally:
            op.close()
    assert {stem: v for stem, v in found.items() if v} == {}


def test_keyboard_controls_exist_before_the_figure_and_apply_when_it_draws(offline_page, site_url):
    """The controls are part of the text: a reader can set a slider before plotly.js has loaded."""
    page = offline_page.page
    page.goto(f"{site_url}/book/step10_complete_journey.html")
    page.wait_for_load_state("load")
    assert page.evaluate("() => typeof window.Plotly") == "undefined"
    gd = page.locator("div.plotly-graph-div").first
    inputs = _controls(page, gd).locator('input[type="range"]')
    assert inputs.count() >= 1
    inputs.first.focus()
    page.keyboard.press("End")
    gd.scroll_into_view_if_needed()
    page.wait_for_function("(id) => document.getElementById(id).dataset.fitted === '1'", arg=gd.get_attribute("id"))
    n = gd.evaluate("gd => gd.layout.sliders[0].steps.length")
    assert gd.evaluate("gd => gd.layout.sliders[0].active") == n - 1
    assert offline_page.blocked == []
