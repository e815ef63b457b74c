"""The built book, inspected as HTML: strict build, figures, no widget state, nothing from outside the site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import can_isolate_network, chapter_pages, toc_pages

CHAPTER_HEADINGS = [
    "The metaphor",
    "The science",
    "On the timeline",
    "What people report",
    "Evidence check",
    "Check your understanding",
    "Key takeaways",
]
PLOTLY_JS = "_static/course/plotly-basic.min.js"


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
    entries = dict(re.findall(r'<div class="citation" id="([^"]+)" role="doc-biblioentry">(.*?)</div>', refs, re.S))
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


@pytest.mark.parametrize("stem", chapter_pages())
def test_every_chapter_has_a_plotly_figure_with_native_sliders(html_dir, stem):
    html = _page(html_dir, stem)
    figures = html.count('class="plotly-graph-div"')
    assert figures >= 1
    assert len(re.findall(r'"sliders":\[\{', html)) == figures


@pytest.mark.parametrize("stem", toc_pages())
def test_plotly_js_is_loaded_once_and_only_where_needed(html_dir, stem):
    html = _page(html_dir, stem)
    scripts = [s for s in _resources(html).scripts if "plotly" in s]
    if 'class="plotly-graph-div"' in html:
        assert len(scripts) == 1 and scripts[0].endswith(PLOTLY_JS)
    else:
        assert scripts == []
    assert (html_dir / PLOTLY_JS).stat().st_size > 1_000_000


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
