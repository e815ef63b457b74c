"""The built book, inspected as HTML: strict build, figures, no widget state, nothing from outside the site."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT, can_isolate_network, chapter_pages, toc_pages

CHAPTER_HEADINGS = [
    "The metaphor",
    "The science",
    "On the timeline",
    "What people report",
    "Evidence check",
    "Check your understanding",
    "Key takeaways",
]


class _Resources(HTMLParser):
    """Collect every URL the browser would load by itself (not hyperlinks)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
            self.scripts.append(a["src"])
        elif (
            tag == "link"
            and a.get("href")
            and (a.get("rel") or "") not in ("canonical", "next", "prev", "index", "search")
        ):
            self.urls.append(a["href"])
        elif tag in ("img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.urls.append(a["src"])


def _page(html_dir: Path, stem: str) -> str:
    return (html_dir / f"{stem}.html").read_text(encoding="utf-8")


def _resources(html: str) -> _Resources:
    parser = _Resources()
    parser.feed(html)
    return parser


def _is_external(url: str) -> bool:
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:)?//", url, re.I)) or url.startswith(("http:", "https:"))


def _cited_with_doi(html_dir: Path, html: str) -> set[str]:
    """Ids of the bibliography entries cited in ``html`` whose entry links a DOI."""
    refs = _page(html_dir, "book/references")
    entries = dict(re.findall(r'<div class="citation" id="([^"]+)" role="listitem">(.*?)</div>', refs, re.S))
    cited = set(re.findall(r'href="references.html#([^"]+)"', html))
    return {c for c in cited if "doi.org/" in entries.get(c, "")}


def test_build_ran_without_network(book_build):
    if not can_isolate_network():
        pytest.skip("a private network namespace needs root, unshare and ip (CI has them)")
    assert book_build.args[:2] == ["unshare", "--net"]
    assert book_build.returncode == 0


def test_strict_build_passes_without_warnings(book_build):
    assert book_build.returncode == 0, book_build.stdout[-3000:] + book_build.stderr[-3000:]
    log = book_build.stdout + book_build.stderr
    # Sphinx warnings only; the kernel's own start-up notice on stderr is not a build warning.
    warnings = [line for line in log.splitlines() if "WARNING" in line and "[IPKernelApp]" not in line]
    assert warnings == []
    assert "build succeeded" in log


@pytest.mark.parametrize("stem", toc_pages())
def test_no_page_loads_anything_from_outside_the_site(html_dir, stem):
    res = _resources(_page(html_dir, stem))
    assert res.urls, "parser found no resources at all"
    external = [u for u in res.urls if _is_external(u)]
    assert external == []


def test_no_stylesheet_imports_from_outside_the_site(html_dir):
    for css in html_dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"(@import|url\()\s*['\"]?(https?:)?//", text), css


@pytest.mark.parametrize("stem", toc_pages())
def test_no_page_embeds_widget_state(html_dir, stem):
    html = _page(html_dir, stem)
    assert "application/vnd.jupyter.widget-state+json" not in html
    assert "application/vnd.jupyter.widget-view+json" not in html


def _payloads(html: str) -> list[dict]:
    """The JSON of every static figure on a page (widgets/display.py)."""
    found = re.findall(r'<script type="application/json" class="course-figure-data"[^>]*>(.*?)</script>', html, re.S)
    return [json.loads(f) for f in found]


@pytest.mark.parametrize("stem", chapter_pages())
def test_every_chapter_has_figures_whose_sliders_combine(html_dir, stem):
    html = _page(html_dir, stem)
    payloads = _payloads(html)
    assert len(payloads) == html.count("course-figure-plot") >= 1
    for p in payloads:
        sizes = [len(s["steps"]) for s in p["layout"]["sliders"]]
        assert sizes and len(p["combine"]["frame_of"]) == math.prod(sizes), "a frame for every slider combination"
        assert all(st["method"] == "skip" for s in p["layout"]["sliders"] for st in s["steps"])


@pytest.mark.parametrize("stem", chapter_pages())
def test_figures_show_their_code_behind_a_toggle_and_setup_cells_not_at_all(html_dir, stem):
    html = _page(html_dir, stem)
    assert "from widgets import show" not in html, "the setup cell's input is removed"
    assert "show_quiz(" not in html, "the quiz cell's input is removed"
    calls = html.count('<span class="n">show</span><span class="p">(</span>')
    assert calls == len(_payloads(html)), "each figure's code is on the page"
    assert html.count('class="cell tag_hide-input') == calls, "... behind the theme's show-code toggle"


@pytest.mark.parametrize("stem", toc_pages())
def test_the_figure_script_is_deferred_and_only_on_pages_with_figures(html_dir, stem):
    """plotly.js is never in the page itself: figures.js loads it when a figure comes near the screen."""
    html = _page(html_dir, stem)
    assert [s for s in _resources(html).scripts if "plotly" in s] == []
    tags = re.findall(r"<script [^>]*src=\"[^\"]*_static/course/figures\.js[^>]*>", html)
    if "course-figure-plot" in html:
        assert len(tags) == 1 and "defer" in tags[0]
        bundle = re.search(r'data-plotly-bundle="([^"]+)"', tags[0]).group(1)
        assert (html_dir / "_static" / "course" / bundle).stat().st_size > 1_000_000
    else:
        assert tags == []


@pytest.mark.parametrize("stem", toc_pages())
def test_no_script_blocks_the_text_and_no_fontawesome_js(html_dir, stem):
    """Text renders first: every external script is deferred or async, and the icon set is not loaded as a script."""
    html = _page(html_dir, stem)
    assert "fontawesome.js" not in html
    head = html[: html.index("</head>")]
    blocking = [t for t in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head) if " defer" not in t and " async" not in t]
    assert blocking == []


def test_no_page_draws_the_empty_header_strip(html_dir):
    """The theme pair draws a header whose only content was a second search button; none is configured."""
    for stem in toc_pages():
        html = _page(html_dir, stem)
        header = re.search(r'<header id="pst-header"[^>]*>(.*?)</header>', html, re.S)
        assert header is None or header.group(1).strip() == ""


@pytest.mark.parametrize("stem", toc_pages())
def test_footer_states_the_licenses(html_dir, stem):
    html = _page(html_dir, stem)
    assert "CC BY 4.0" in html and "MIT" in html


@pytest.mark.parametrize("stem", chapter_pages() + ["book/running_live", "book/evidence_safety"])
def test_disclaimer_on_every_teaching_page(html_dir, stem):
    assert "Educational material, not medical advice" in _page(html_dir, stem)


@pytest.mark.parametrize("stem", chapter_pages())
def test_launch_in_binder_and_download_as_notebook(html_dir, stem):
    html = _page(html_dir, stem)
    assert f"https://mybinder.org/v2/gh/ketamine-course/ketamine-step-by-step/main?urlpath=lab/tree/{stem}.md" in html
    assert (html_dir / "_sources" / f"{stem}.ipynb").is_file()
    assert f"../_sources/{stem}.ipynb" in html


@pytest.mark.parametrize("stem", [p for p in chapter_pages() if "/step" in p])
def test_step_chapters_follow_the_chapter_standard(html_dir, stem):
    html = _page(html_dir, stem)
    headings = re.findall(r"<h2>(.*?)<a class=\"headerlink\"", html)
    assert [h for h in headings if h in CHAPTER_HEADINGS] == CHAPTER_HEADINGS
    assert "At a glance" in html
    assert 'class="solution dropdown' in html, "an exercise with a hidden solution"
    evidence = html[html.index('<section id="evidence-check">') : html.index('<section id="check-your-understanding">')]
    assert len(_cited_with_doi(html_dir, evidence)) >= 2, "the evidence check cites at least two works with DOIs"


@pytest.mark.parametrize("stem", chapter_pages())
def test_every_chapter_has_a_self_check_quiz(html_dir, stem):
    html = _page(html_dir, stem)
    assert "jupyterquiz" in html.lower() or "jq-" in html


def test_references_page_lists_dois(html_dir):
    html = _page(html_dir, "book/references")
    assert html.count('href="https://doi.org/') >= 20


@pytest.mark.parametrize("stem", [p for p in chapter_pages() if "/step" in p])
def test_every_step_chapter_says_how_to_run_it_live(html_dir, stem):
    html = _page(html_dir, stem)
    assert "Run this chapter live:" in html
    assert 'href="running_live.html"' in html


def test_icon_fonts_hold_exactly_the_icons_the_pages_use(html_dir):
    """The theme's Font Awesome fonts are trimmed to the icons used (a few KB instead of 275 KB per first visit)."""
    import importlib.util

    from fontTools.ttLib import TTFont

    spec = importlib.util.spec_from_file_location("course_build", ROOT / "_ext" / "course_build.py")
    ext = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ext)
    used = ext.icon_codepoints(html_dir)
    assert {0xF002, 0xF0C9, 0xF09B} <= used, "search, menu and GitHub icons are among those used"
    fonts = sorted((html_dir / ext.ICON_FONTS).glob("fa-*.woff2"))
    assert fonts
    drawn = set()
    for path in fonts:
        assert path.stat().st_size < 10_000, path.name
        drawn |= set(TTFont(path).getBestCmap())
    assert used <= drawn
