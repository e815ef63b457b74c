"""A university JupyterHub: ``launch_buttons.jupyterhub_url`` puts an nbgitpuller link on every chapter.

An instructor sets ``launch_buttons.jupyterhub_url`` in ``_config.yml`` as the instructors' page
shows.  This test takes the ``launch_buttons`` of that page's example and builds the book with them
(``tools/book_config.py``, the way ``make book-student`` builds its edition), strictly, into a
temporary folder.  It starts from a copy of the session build's execution cache, so the chapters
are not executed a second time; the cache is keyed on the chapters' code, so a stale copy would
only cost time, never give a wrong page.

The link is ``<hub>/hub/user-redirect/git-pull?repo=...&urlpath=...&branch=...``.  nbgitpuller
clones ``repo`` at ``branch`` into a folder named after the last part of the repository address
(its default ``targetpath``) and then opens ``urlpath``, which must therefore be
``lab/tree/<that folder>/<the chapter's path in the repository>``, a file that exists.
"""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from tests.conftest import ROOT, TEST_BUILD, chapter_pages, toc_pages

sys.path.insert(0, str(ROOT / "tools"))
import book_config  # noqa: E402

pytestmark = pytest.mark.book

INSTRUCTORS = ROOT / "book" / "instructors.md"
SECTION = "## Running the chapters on your own JupyterHub"


def documented_launch_buttons() -> dict:
    """The ``launch_buttons`` of the YAML example in the instructors' JupyterHub section."""
    text = INSTRUCTORS.read_text(encoding="utf-8")
    assert text.count(SECTION) == 1, f"the instructors' page has no section {SECTION!r}"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^ *```yaml\n(.*?)^ *```", section, re.M | re.S)
    assert len(blocks) == 1, "the section shows one YAML example"
    return yaml.safe_load(textwrap.dedent(blocks[0]))["launch_buttons"]


HUB = documented_launch_buttons()["jupyterhub_url"]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _hub_links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return [h for h in parser.hrefs if h.startswith(HUB + "/")]


@pytest.fixture(scope="module")
def hub_site(html_dir, tmp_path_factory) -> Path:
    """The book built with ``launch_buttons.jupyterhub_url`` set (and nothing else changed)."""
    work = tmp_path_factory.mktemp("hub")
    for name in (".jupyter_cache", "widgets-source.sha256"):
        source = TEST_BUILD / "_build" / name
        if source.is_dir():
            shutil.copytree(source, work / "_build" / name)
        elif source.is_file():
            shutil.copyfile(source, work / "_build" / name)
    config = book_config.load()
    config["launch_buttons"].update(documented_launch_buttons())
    result = book_config.build(config, work, capture_output=True, text=True, timeout=1200)
    if result.returncode != 0:
        pytest.fail("the book did not build with jupyterhub_url set:\n" + result.stdout[-3000:] + result.stderr[-3000:])
    return work / "_build" / "html"


def test_the_documented_example_changes_only_the_hub():
    """The example keeps the book's own Binder and interface settings and adds a hub address (no /hub)."""
    documented = documented_launch_buttons()
    own = book_config.load()["launch_buttons"]
    assert {k: v for k, v in documented.items() if k != "jupyterhub_url"} == {
        k: own[k] for k in documented if k != "jupyterhub_url"
    }
    assert urlsplit(HUB).scheme == "https" and not HUB.rstrip("/").endswith("/hub")


def test_the_book_itself_has_no_hub_link(html_dir):
    """The published book leaves the hub out; only an instructor's build has it (so the test below can fail)."""
    assert not book_config.load()["launch_buttons"].get("jupyterhub_url")
    for stem in toc_pages():
        assert _hub_links((html_dir / f"{stem}.html").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("stem", chapter_pages())
def test_every_chapter_has_a_working_nbgitpuller_link(hub_site, stem):
    repository = book_config.load()["repository"]
    links = _hub_links((hub_site / f"{stem}.html").read_text(encoding="utf-8"))
    assert len(links) == 1, f"{stem}: expected one JupyterHub launch link, found {links}"
    url = urlsplit(links[0])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{HUB}/hub/user-redirect/git-pull"
    query = {key: values[0] for key, values in parse_qs(url.query, strict_parsing=True).items()}
    assert set(query) == {"repo", "urlpath", "branch"}
    assert query["repo"] == repository["url"]
    assert query["branch"] == repository["branch"]
    parts = query["urlpath"].split("/")
    assert parts[:2] == ["lab", "tree"], "opens JupyterLab, like the Binder link"
    clone_folder, in_repository = parts[2], "/".join(parts[3:])
    assert clone_folder == query["repo"].rstrip("/").split("/")[-1], "nbgitpuller clones into the repository's name"
    assert in_repository == f"{stem}.md"
    assert (ROOT / in_repository).is_file()


@pytest.mark.parametrize("stem", chapter_pages())
def test_the_binder_link_stays_beside_it(hub_site, stem):
    html = (hub_site / f"{stem}.html").read_text(encoding="utf-8")
    assert f"https://mybinder.org/v2/gh/ketamine-course/ketamine-step-by-step/main?urlpath=lab/tree/{stem}.md" in html
