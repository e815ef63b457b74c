"""Internal links of the built book: every local href and src points at a file that exists.

Works on the HTML files alone (no server, no network): every ``href``, ``src``, form ``action`` and
``<meta http-equiv="refresh">`` target that is not an external URL must resolve to a file in the
built site, and a ``#fragment`` into one of our pages must name an element id on that page.
Also: every stylesheet and script of ``book/_static`` is linked from every page (``_ext/course_build.py``).
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.conftest import ROOT, toc_pages

#: Attributes whose value the browser resolves as a URL.
URL_ATTRIBUTES = {"href", "src", "action", "poster", "data"}
#: Folders of the built site that hold assets and templates, not pages.
NOT_PAGES = ("_static", "_sources", "_images", "_downloads", "_sphinx_design_static")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        for key in URL_ATTRIBUTES & a.keys():
            if a[key] is not None:
                self.urls.append((f"<{tag} {key}>", a[key].strip()))
        if a.get("srcset"):
            for part in a["srcset"].split(","):
                if part.strip():
                    self.urls.append((f"<{tag} srcset>", part.split()[0]))
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            m = re.search(r"url\s*=\s*['\"]?([^'\";]+)", a.get("content") or "", re.I)
            if m:
                self.urls.append(("<meta refresh>", m.group(1).strip()))


def _is_external(url: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I)) or url.startswith("//")


@cache
def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def _pages(html_dir: Path) -> list[Path]:
    return sorted(p for p in html_dir.rglob("*.html") if p.relative_to(html_dir).parts[0] not in NOT_PAGES)


def _broken_links(html_dir: Path, page: Path) -> list[str]:
    ours = {p.resolve() for p in _pages(html_dir)}
    broken = []
    for where, url in _parse(page).urls:
        if not url or _is_external(url):
            continue
        parts = urlsplit(url)
        path, fragment = unquote(parts.path), unquote(parts.fragment)
        target = (page.parent / path).resolve() if path else page.resolve()
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{where} {url}: no file {target}")
        elif fragment and target in ours and fragment not in _parse(target).ids:
            broken.append(f"{where} {url}: no id {fragment!r} in {target.name}")
    return broken


def test_every_page_of_the_toc_was_checked(html_dir):
    checked = {p.relative_to(html_dir).with_suffix("").as_posix() for p in _pages(html_dir)}
    assert set(toc_pages()) <= checked


def test_every_internal_link_and_source_resolves(html_dir):
    broken = {}
    for page in _pages(html_dir):
        found = _broken_links(html_dir, page)
        if found:
            broken[page.relative_to(html_dir).as_posix()] = found
    assert broken == {}


def test_the_link_check_finds_a_broken_link_and_a_missing_anchor(tmp_path):
    (tmp_path / "a.html").write_text('<p id="here"><a href="b.html#nowhere">x</a><img src="gone.png"><a href="#here">')
    (tmp_path / "b.html").write_text('<a href="a.html#here" id="top">back</a><a href="https://example.org/x">ext</a>')
    assert _broken_links(tmp_path, tmp_path / "b.html") == []
    found = _broken_links(tmp_path, tmp_path / "a.html")
    assert len(found) == 2
    assert "no id 'nowhere'" in found[0] and "gone.png" in found[1]


def test_our_own_css_and_js_are_on_every_page(html_dir):
    """Jupyter Book only adds a ``_static`` at the book root; ``_ext/course_build.py`` adds ``book/_static``."""
    own = sorted(p for p in (ROOT / "book" / "_static").rglob("*") if p.suffix in (".css", ".js"))
    assert any(p.name == "progress.js" for p in own) and any(p.name == "figures.css" for p in own)
    for stem in toc_pages():
        page = html_dir / f"{stem}.html"
        html = page.read_text(encoding="utf-8")
        for path in own:
            rel = path.relative_to(ROOT / "book" / "_static").as_posix()
            tag = "script" if path.suffix == ".js" else "link"
            m = re.search(rf'<{tag}\b[^>]*(?:src|href)="[^"]*_static/{re.escape(rel)}(?:\?[^"]*)?"[^>]*>', html)
            assert m, f"{stem}: no <{tag}> for {rel}"
            if path.suffix == ".css":
                assert ('media="print"' in m.group(0)) == path.stem.startswith("print"), m.group(0)
            assert (html_dir / "_static" / rel).is_file()
