"""The student edition (``make book-student``): every page and exercise, but no solution and no answer key.

The student edition is built once per session into a temporary folder with ``tools/student_config.py``.
The text that must not appear is read from the sources: every sentence of every solution in the
chapters and of every answer key on the instructors page, and every line of solution code.  The same
text must appear in the full book (so the check can fail), and the exercises must stay.
"""

from __future__ import annotations

import html as html_lib
import json
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, chapter_pages

sys.path.insert(0, str(ROOT / "tools"))
import student_config  # noqa: E402

#: Files of the site that carry text a reader can see or download.
TEXT_SUFFIXES = {".html", ".js", ".ipynb", ".md", ".txt", ".json"}
_FENCE = r"(?P<fence>`{3,}|~{3,}|:{3,})"


def _normalize(text: str) -> str:
    """Plain text for comparison: entities decoded, typographic quotes straightened, spaces collapsed."""
    text = html_lib.unescape(text)
    for curly, plain in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2026", "...")):
        text = text.replace(curly, plain)
    return re.sub(r"\s+", " ", text)


def _visible_text(path: Path) -> str:
    """What a reader sees in a page, or reads in a downloaded source (markup removed)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
        return _normalize(re.sub(r"<[^>]+>", "", raw))
    if path.suffix == ".ipynb":
        cells = json.loads(raw).get("cells", [])
        raw = "\n\n".join(c["source"] if isinstance(c["source"], str) else "".join(c["source"]) for c in cells)
    if path.suffix in (".md", ".ipynb"):
        return _normalize(raw) + "\n" + _plain(raw, keep_breaks=False)
    return _normalize(raw)


def _site_text(site: Path) -> str:
    return "\n".join(_visible_text(p) for p in sorted(site.rglob("*")) if p.suffix in TEXT_SUFFIXES and p.is_file())


def _plain(markdown: str, keep_breaks: bool = True) -> str:
    """Markdown prose as it reads on the page: roles and emphasis removed.

    A role whose rendered text differs from its source (a citation, a reference by label) becomes a
    paragraph break, so that no sentence fragment spans it.
    """
    gap = "\n\n" if keep_breaks else " "
    text = re.sub(r"\{(cite|numref|doc|ref|num)[^}]*\}`[^`<]*`", gap, markdown)
    text = re.sub(r"\{[a-z]+\}`([^`<]*?)\s*<[^`]*>`", r"\1", text)  # {term}`text <target>`
    text = re.sub(r"\{[a-z]+\}`([^`]*)`", r"\1", text)
    text = text.replace("**", "").replace("`", "").replace("*", "")
    if not keep_breaks:
        return _normalize(text)
    return "\n\n".join(_normalize(part) for part in re.split(r"\n\s*\n", text))


def _sentences(markdown: str, min_words: int = 6) -> list[str]:
    """Sentences (or citation-free fragments) of at least ``min_words`` words in the prose of ``markdown``."""
    markdown = re.sub(r"^```(\{code-cell\}[^\n]*|[A-Za-z]+)\n.*?^```\s*$", "", markdown, flags=re.M | re.S)
    prose = "\n".join(line for line in markdown.splitlines() if not re.match(r"^\s*([`~:]{3,}|:[a-z-]+:)", line))
    prose = re.sub(r"^\s*(\d+\.|-)\s+", "", prose, flags=re.M)
    found = []
    for sentence in re.split(r"(?<=[.?!])\s+|\n\s*\n", _plain(prose)):
        sentence = sentence.strip(" .")
        if len(sentence.split()) >= min_words:
            found.append(sentence)
    return found


def _blocks(source: str, start: str, end: str | None = None) -> list[str]:
    """Bodies of gated blocks (``start`` ... ``end`` directives) or, without ``end``, of ``start`` directives."""
    if end:
        pattern = rf"^{_FENCE}\{{{start}\}}.*?^(?P=fence)\s*$(?P<body>.*?)^[`~:]{{3,}}\{{{end}\}}"
    else:
        pattern = rf"^{_FENCE}\{{{start}\}}[^\n]*\n(?P<body>.*?)^(?P=fence)\s*$"
    return [m.group("body") for m in re.finditer(pattern, source, re.M | re.S)]


def _code_lines(block: str) -> list[str]:
    lines = []
    for cell in re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", block, re.M | re.S):
        lines += [line.strip() for line in cell.splitlines() if len(line.strip()) >= 25]
    return lines


def _answer_keys() -> list[str]:
    """Bodies of the answer keys that the instructors' page shows (each chapter's teaching notes)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "book" / "_teaching").glob("*.md")))
    bodies = []
    for m in re.finditer(rf"^{_FENCE}\{{admonition\}}[^\n]*\n(?P<body>.*?)^(?P=fence)\s*$", source, re.M | re.S):
        if re.search(r"^:class:.*\banswer-key\b", m.group("body"), re.M):
            bodies.append(m.group("body"))
    return bodies


def _hidden_text() -> dict[str, list[str]]:
    """For each source, the sentences and code lines that the student edition must not contain."""
    hidden: dict[str, list[str]] = {}
    for stem in chapter_pages():
        source = (ROOT / f"{stem}.md").read_text(encoding="utf-8")
        outside = source
        items: list[str] = []
        for block in _blocks(source, "solution-start", "solution-end") + _blocks(source, "solution"):
            outside = outside.replace(block, "")
            items += _sentences(block)
            items += [_normalize(line) for line in _code_lines(block)]
        # A line that also appears outside the solution (e.g. in the exercise) is not a leak.
        hidden[stem] = [item for item in items if item not in _plain(outside, keep_breaks=False)]
    hidden["book/instructors"] = [s for body in _answer_keys() for s in _sentences(body)]
    return hidden


def _exercise_text() -> dict[str, list[str]]:
    return {
        stem: [
            s
            for block in _blocks((ROOT / f"{stem}.md").read_text(encoding="utf-8"), "exercise-start", "exercise-end")
            for s in _sentences(block)
        ]
        for stem in chapter_pages()
    }


@pytest.fixture(scope="session")
def student_site(tmp_path_factory) -> Path:
    """The student edition, built strictly once per session."""
    output = tmp_path_factory.mktemp("student")
    try:
        return student_config.build(output)
    except SystemExit as exc:
        pytest.fail(f"the student build failed (exit code {exc.code})")


def test_student_config_only_hides_solutions():
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    student = student_config.student_config(yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")))
    assert student["sphinx"]["config"].pop("hide_solutions") is True
    local = student["sphinx"].pop("local_extensions")
    assert Path(local.pop("student_build")) == ROOT / "_ext"
    assert {k: Path(v) for k, v in local.items()} == {
        k: (ROOT / v).resolve() for k, v in config["sphinx"]["local_extensions"].items()
    }
    config["sphinx"].pop("local_extensions")
    assert student == config, "everything else is the book's own configuration"


def test_the_sources_have_solutions_and_answer_keys_to_hide():
    hidden = _hidden_text()
    for stem in chapter_pages():
        assert hidden[stem], f"{stem}: no solution text found in the source"
    assert len(hidden["book/instructors"]) >= len(chapter_pages())


def test_full_book_contains_the_solution_text(html_dir):
    """Guards the check below: the text it looks for is really on the pages of the full book."""
    site = _site_text(html_dir)
    for stem, items in _hidden_text().items():
        missing = [item for item in items if item not in site]
        assert missing == [], f"{stem}: the sentence extraction does not match the built text"


@pytest.mark.parametrize("stem", chapter_pages() + ["book/instructors"])
def test_student_edition_contains_no_solution_text(student_site, stem):
    site = _site_text(student_site)
    leaked = [item for item in _hidden_text()[stem] if item in site]
    assert leaked == []


@pytest.mark.parametrize("stem", chapter_pages())
def test_student_edition_keeps_every_page_and_exercise(student_site, stem):
    html = (student_site / f"{stem}.html").read_text(encoding="utf-8")
    assert 'class="solution' not in html
    assert 'class="exercise' in html
    page = _visible_text(student_site / f"{stem}.html")
    sentences = _exercise_text()[stem]
    assert sentences, "the chapter has exercise text"
    assert [s for s in sentences if s not in page] == []


def test_student_edition_marks_the_omitted_answer_keys(student_site):
    html = (student_site / "book" / "instructors.html").read_text(encoding="utf-8")
    assert "answer-key-omitted" in html
    assert re.findall(r'class="[^"]*(?<![\w-])answer-key(?![\w-])', html) == []
