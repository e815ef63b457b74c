"""The teaching layer of the built book: quizzes, exercises, glossary, instructors page, progress, printing.

Every test runs over every chapter (``chapter_pages()``), so a new chapter is checked as soon as it
is listed in ``_toc.yml``.  Browser tests serve the book on 127.0.0.1 and block everything else.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, chapter_pages, draw_all_figures, toc_pages

browser = pytest.mark.browser

#: localStorage key of book/_static/progress.js.
PROGRESS_KEY = "ketamine-course-progress-v1"
GLOSSARY = "book/glossary"
QUESTION = "div.Quiz"


def _page(html_dir: Path, stem: str) -> str:
    return (html_dir / f"{stem}.html").read_text(encoding="utf-8")


def _source(stem: str) -> str:
    return (ROOT / f"{stem}.md").read_text(encoding="utf-8")


def _quiz_names(stem: str) -> list[str]:
    """The quizzes a chapter shows, from its ``show_quiz("...")`` calls."""
    return re.findall(r"""show_quiz\(\s*["']([^"']+)["']""", _source(stem))


def _n_questions(stem: str) -> int:
    return sum(len(json.loads((ROOT / "book" / "quizzes" / f"{q}.json").read_text())) for q in _quiz_names(stem))


def _exercise_labels(stem: str) -> list[str]:
    """Labels of the exercises of a chapter (``exercise`` or gated ``exercise-start``)."""
    return re.findall(r"^[`~:]{3,}\{exercise(?:-start)?\}[^\n]*\n(?::[^\n]*\n)*?:label:\s*(\S+)", _source(stem), re.M)


class _Anchors(HTMLParser):
    """Every element id and every hyperlink of a page."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def _anchors(html: str) -> _Anchors:
    parser = _Anchors()
    parser.feed(html)
    return parser


def _glossary_targets(stem: str, html: str) -> list[str]:
    """Ids on the glossary page that the page links to."""
    here = Path(stem).name == Path(GLOSSARY).name
    targets = []
    for href in _anchors(html).hrefs:
        if re.match(r"^(\./)?glossary\.html#", href) or (here and href.startswith("#term-")):
            targets.append(href.split("#", 1)[1])
    return targets


# --- the built HTML --------------------------------------------------------------------------------


def test_glossary_defines_at_least_30_terms(html_dir):
    terms = re.findall(r'<dt id="(term-[^"]+)"', _page(html_dir, GLOSSARY))
    assert len(set(terms)) >= 30


@pytest.mark.parametrize("stem", toc_pages())
def test_every_glossary_link_resolves_to_a_term(html_dir, stem):
    targets = _glossary_targets(stem, _page(html_dir, stem))
    ids = _anchors(_page(html_dir, GLOSSARY)).ids
    assert [t for t in targets if not t.startswith("term-") or t not in ids] == []


@pytest.mark.parametrize("stem", chapter_pages())
def test_every_chapter_links_its_terms_to_the_glossary_at_first_use_only(html_dir, stem):
    targets = _glossary_targets(stem, _page(html_dir, stem))
    assert targets, "the chapter links no glossary term"
    repeated = sorted({t for t in targets if targets.count(t) > 1})
    assert repeated == [], "a term is linked at its first use only"


@pytest.mark.parametrize("stem", chapter_pages())
def test_every_chapter_has_an_exercise_with_a_dropdown_solution(html_dir, stem):
    html = _page(html_dir, stem)
    labels = _exercise_labels(stem)
    assert labels, "at least one exercise"
    ids = _anchors(html).ids
    assert all(label in ids for label in labels)
    assert html.count('class="solution dropdown') >= len(labels), "each exercise has a hidden (dropdown) solution"


@pytest.mark.parametrize("stem", chapter_pages())
def test_instructors_page_covers_the_chapter(html_dir, stem):
    hrefs = _anchors(_page(html_dir, "book/instructors")).hrefs
    name = Path(stem).name
    assert any(h.split("#")[0] == f"{name}.html" for h in hrefs), "the chapter is in the outcomes table"
    for label in _exercise_labels(stem):
        assert f"{name}.html#{label}" in hrefs, f"an answer key for exercise {label}"


@pytest.mark.parametrize("stem", [p for p in chapter_pages() if "/step" in p])
def test_instructors_page_gives_the_study_time_of_the_chapter(html_dir, stem):
    minutes = yaml.safe_load(_source(stem).split("---")[1])["course"]["study_time_min"]
    assert f"<strong>Study time:</strong> about {minutes} minutes" in _page(html_dir, stem), "the At a glance box"
    html = _page(html_dir, "book/instructors")
    rows = [r for r in re.findall(r"<tr.*?</tr>", html, re.S) if f'href="{Path(stem).name}.html"' in r]
    assert rows and f"about {minutes} minutes" in rows[0]


def test_progress_panel_and_print_stylesheet_are_on_the_pages(html_dir):
    intro = _page(html_dir, "book/intro")
    assert '<div id="course-progress"></div>' in intro
    assert re.search(r'<script defer="defer" src="\.\./_static/progress\.js', intro)
    links = [t for t in re.findall(r"<link [^>]*>", intro) if "_static/print.css" in t]
    assert len(links) == 1 and 'media="print"' in links[0]
    for stem in toc_pages():
        assert "_static/progress.js" in _page(html_dir, stem)


# --- in the browser --------------------------------------------------------------------------------


def _open(op, url):
    """Load a page and draw its figures, as a reader who scrolls through it."""
    op.page.goto(url)
    op.page.wait_for_load_state("load")
    draw_all_figures(op.page)
    return op.page


def _rendered_quiz(page, stem):
    questions = page.locator(QUESTION)
    questions.first.wait_for(state="visible", timeout=15_000)
    return questions


@browser
@pytest.mark.parametrize("stem", chapter_pages())
def test_quiz_renders_offline_and_answers_with_feedback(offline_page, site_url, stem):
    page = _open(offline_page, f"{site_url}/{stem}.html")
    questions = _rendered_quiz(page, stem)
    assert questions.count() == _n_questions(stem) >= 1
    for i in range(questions.count()):
        question = questions.nth(i)
        answers = question.locator("label.MCButton")
        assert answers.count() >= 2
        question.scroll_into_view_if_needed()
        answers.first.click()
        feedback = question.locator(".Feedback")
        feedback.wait_for(state="visible")
        assert feedback.inner_text().strip(), "feedback explains the answer"
        assert re.search(r"\b(correct|incorrect)\b", feedback.get_attribute("class"))
    assert offline_page.blocked == []
    assert [e for e in offline_page.errors if "pageerror" in e] == []


@browser
@pytest.mark.parametrize("stem", chapter_pages())
def test_solution_is_hidden_until_asked_for(offline_page, site_url, stem):
    page = _open(offline_page, f"{site_url}/{stem}.html")
    solution = page.locator("div.solution.dropdown").first
    solution.scroll_into_view_if_needed()
    content = solution.locator("#solution-content")
    assert not content.is_visible()
    solution.locator(".admonition-title").click()
    content.wait_for(state="visible")
    assert content.inner_text().strip()


def _progress_item(page, stem):
    return page.locator(f'#course-progress li[data-page="{stem}"]')


@browser
def test_progress_records_chapters_and_quizzes_and_resets(offline_page, site_url):
    chapters = chapter_pages()
    step = next(p for p in chapters if "/step" in p)
    intro = next(p for p in chapters if Path(p).name == "intro")

    page = _open(offline_page, f"{site_url}/{step}.html")
    questions = _rendered_quiz(page, step)
    questions.first.scroll_into_view_if_needed()
    questions.first.locator("label.MCButton").first.click()

    _open(offline_page, f"{site_url}/{intro}.html")
    page.reload()
    page.wait_for_load_state("load")
    panel = page.locator("#course-progress")
    panel.locator("h3", has_text="Your progress").wait_for()
    # Every chapter of the book is listed, in the order of the navigation.
    assert panel.locator("li").evaluate_all("els => els.map(e => e.dataset.page)") == chapters

    item = _progress_item(page, step)
    assert item.get_attribute("data-status") == "opened"
    text = item.inner_text()
    assert "opened" in text and "not yet opened" not in text
    assert f"1 of {_n_questions(step)} questions answered" in text
    assert _progress_item(page, intro).get_attribute("data-status") == "opened"
    for other in chapters:
        if other not in (step, intro):
            assert "not yet opened" in _progress_item(page, other).inner_text()

    panel.get_by_role("button", name="Reset my progress").click()
    item = _progress_item(page, step)
    assert item.get_attribute("data-status") == "not-opened"
    assert "not yet opened" in item.inner_text() and "quiz not answered yet" in item.inner_text()
    assert page.evaluate(f"() => localStorage.getItem('{PROGRESS_KEY}')") is None
    page.reload()
    page.wait_for_load_state("load")
    assert _progress_item(page, step).get_attribute("data-status") == "not-opened"
    assert offline_page.blocked == []
    assert [e for e in offline_page.errors if "pageerror" in e] == []


@browser
def test_progress_never_breaks_a_page_without_local_storage(offline_page, site_url):
    offline_page.context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});"
    )
    # Other scripts (the theme's) may fail without storage; ours must not.
    stacks: list[str] = []
    offline_page.page.on("pageerror", lambda e: stacks.append(e.stack or ""))
    for stem in chapter_pages():
        page = _open(offline_page, f"{site_url}/{stem}.html")
        questions = _rendered_quiz(page, stem)
        questions.first.scroll_into_view_if_needed()
        questions.first.locator("label.MCButton").first.click()
    _open(offline_page, f"{site_url}/book/intro.html")
    assert "cannot be kept" in offline_page.page.locator("#course-progress").inner_text()
    assert [s for s in stacks if "progress.js" in s] == []


@browser
@pytest.mark.parametrize("stem", chapter_pages())
def test_print_stylesheet_shows_the_article_only(offline_page, site_url, stem):
    page = _open(offline_page, f"{site_url}/{stem}.html")
    _rendered_quiz(page, stem)
    figure = page.locator("div.plotly-graph-div").first
    figure.locator("g.slider-group").first.wait_for(state="attached")
    # A reader who opened the solution still does not print it.
    solution = page.locator("div.solution.dropdown").first
    solution.scroll_into_view_if_needed()
    solution.locator(".admonition-title").click()
    solution.locator("#solution-content").wait_for(state="visible")
    assert page.locator(".bd-sidebar-primary").is_visible()

    page.emulate_media(media="print")
    assert not page.locator(".bd-sidebar-primary").is_visible()
    assert not page.locator(".bd-header").first.is_visible()
    assert not page.locator(".bd-sidebar-secondary").is_visible()
    assert not page.locator(".article-header-buttons").first.is_visible()
    assert not figure.locator("g.slider-group").first.is_visible()
    assert not figure.locator(".modebar-container").first.is_visible()
    assert figure.locator(".main-svg").first.is_visible()
    assert page.locator("figure figcaption").first.is_visible()
    assert not page.locator(QUESTION).first.is_visible()
    assert page.locator("div.exercise").first.is_visible(), "the exercise prints"
    assert not page.locator("div.solution").first.is_visible()
    assert page.locator("text=Educational material, not medical advice").first.is_visible()
    citations = page.locator('a[href^="references.html#"]')
    if citations.count():
        assert citations.first.is_visible()


@browser
def test_a_moved_slider_is_reset_for_printing_and_restored_afterwards(offline_page, site_url):
    stem = next(p for p in chapter_pages() if "/step" in p)
    page = _open(offline_page, f"{site_url}/{stem}.html")
    figure = page.locator("div.plotly-graph-div").first
    figure.locator(".main-svg").first.wait_for(state="attached")
    default = figure.evaluate("gd => gd.layout.sliders[0].active")
    n_steps = figure.evaluate("gd => gd.layout.sliders[0].steps.length")
    target = n_steps - 1 if default != n_steps - 1 else 0
    # Move the first slider with its keyboard control, as a reader would.
    fig_id = figure.get_attribute("id")
    page.locator(f'form.a11y-sliders[data-figure="{fig_id}"] input').first.focus()
    page.keyboard.press("End" if target == n_steps - 1 else "Home")
    page.wait_for_function(
        "([id, v]) => { const gd = document.getElementById(id);"
        " return gd.layout.sliders[0].active === v && gd.dataset.fitted === '1'; }",
        arg=[fig_id, target],
    )
    moved = figure.evaluate("gd => JSON.stringify(gd._fullData.map(t => [t.x, t.y]))")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_function("(id) => document.getElementById(id).dataset.fitted === '1'", arg=fig_id)
    assert figure.evaluate("gd => gd.layout.sliders[0].active") == default
    assert figure.evaluate("gd => JSON.stringify(gd._fullData.map(t => [t.x, t.y]))") != moved
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    page.wait_for_function("(id) => document.getElementById(id).dataset.fitted === '1'", arg=fig_id)
    assert figure.evaluate("gd => gd.layout.sliders[0].active") == target
    assert figure.evaluate("gd => JSON.stringify(gd._fullData.map(t => [t.x, t.y]))") == moved
    assert [e for e in offline_page.errors if "pageerror" in e] == []
