"""Shared fixtures: the freshly built book, a local web server, and Chromium.

The book is built once per test session into ``_build_test/`` from scratch
(no execution cache), so every chapter is executed afresh against the current
``widgets`` package.  Browser tests serve it on 127.0.0.1 and block every other
request.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
#: Where the test session builds the book; override with COURSE_TEST_BUILD to run two sessions side by side.
TEST_BUILD = Path(os.environ.get("COURSE_TEST_BUILD", ROOT / "_build_test"))
CHROMIUM = "/usr/bin/chromium"


def toc_pages() -> list[str]:
    """Every page stem listed in _toc.yml, root first (e.g. ``book/intro``)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [c["file"] for c in part["chapters"]]
    return pages


def chapter_pages() -> list[str]:
    """The teaching pages: the introduction and every step chapter (not back matter)."""
    return [p for p in toc_pages() if Path(p).name == "intro" or Path(p).name.startswith("step")]


def can_isolate_network() -> bool:
    """True where the build can run in a private network namespace (Linux, as root, with unshare and ip)."""
    return os.geteuid() == 0 and bool(shutil.which("unshare")) and bool(shutil.which("ip"))


@pytest.fixture(scope="session")
def book_build() -> subprocess.CompletedProcess:
    """Build the book strictly, from scratch, once per session.

    Where possible (as root, as in CI) the build runs in a private network namespace with only
    the loopback interface, so a build that reached for the network (a CDN, intersphinx) fails.
    """
    shutil.rmtree(TEST_BUILD, ignore_errors=True)
    cmd = [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        str(ROOT),
        "--path-output",
        str(TEST_BUILD),
        "-W",
        "-n",
        "--keep-going",
    ]
    if can_isolate_network():
        cmd = ["unshare", "--net", "sh", "-c", 'ip link set lo up && exec "$@"', "offline-build", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=1200)


@pytest.fixture(scope="session")
def html_dir(book_build) -> Path:
    """The built HTML (fails every dependent test if the build failed)."""
    if book_build.returncode != 0:
        pytest.fail("the strict book build failed:\n" + book_build.stdout[-4000:] + book_build.stderr[-4000:])
    return TEST_BUILD / "_build" / "html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(html_dir):
    """Serve the built book on 127.0.0.1 (random free port)."""
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, headless."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM}: run tools/ensure-chromium.sh")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


class OfflinePage:
    """A page whose requests outside the local site are blocked and recorded, with console capture."""

    def __init__(self, browser, allowed_prefix: str | None, viewport: dict | None = None):
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})

        def route(r):
            url = r.request.url
            if (allowed_prefix and url.startswith(allowed_prefix)) or url.startswith("file://"):
                r.continue_()
            else:
                self.blocked.append(url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

    def close(self):
        self.context.close()


@pytest.fixture()
def offline_page(browser, site_url):
    """A fresh browser page that may load only from the local site."""
    op = OfflinePage(browser, site_url + "/")
    yield op
    op.close()


@pytest.fixture()
def file_page(browser):
    """A fresh browser page that may load only file:// URLs."""
    op = OfflinePage(browser, None)
    yield op
    op.close()


def draw_all_figures(page, timeout_ms: int = 30_000) -> int:
    """Draw every static figure of a page (as a reader scrolling through it would) and wait until each is fitted.

    Returns the number of figures.
    """
    n = page.locator(".course-figure-plot").count()
    if n:
        page.wait_for_function("() => !!window.CourseFigures", timeout=timeout_ms)
        page.evaluate("() => window.CourseFigures.drawAll()")
        page.wait_for_function(
            """() => [...document.querySelectorAll('.course-figure-plot')]
                     .every(gd => gd.dataset.drawn === '1' && gd.dataset.fitted === '1')""",
            timeout=timeout_ms,
        )
    return n
