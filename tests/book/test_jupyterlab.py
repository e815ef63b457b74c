"""A chapter in a real JupyterLab, the way Binder serves it, driven by headless Chromium.

JupyterLab is started from this environment on 127.0.0.1 (random free port, a token, the repository as its
root) with the settings override Binder installs (``.binder/overrides.json``, copied by ``.binder/postBuild``
into ``<prefix>/share/jupyter/lab/settings``).  jupyterlab_server 2.28 reads ``overrides.json`` from the
*application* settings directory only, so the test copies it into a temporary ``--LabApp.app_settings_dir``;
the user settings and workspaces go to empty temporary folders, so that nothing of the developer's own
``~/.jupyter`` takes part.  The chapter ``.md`` must then open with the "Jupytext Notebook" viewer.

The test runs all cells, moves the first ipywidgets slider of the first live explorer with the keyboard,
and checks that the Plotly ``FigureWidget`` (rendered by anywidget) redraws its traces.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, ROOT
from widgets.display import STATIC_ENV

pytestmark = pytest.mark.browser

CHAPTER = "book/step01_brain_entry.md"
#: jupyterquiz's show_questions.js loads MathJax 3 from this CDN when it runs inside JupyterLab (whose MathJax it
#: does not find); offline, the request fails and the quiz still works.  Nothing else may leave the machine.
ALLOWED_BLOCKED = ("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-svg.js",)

#: Where the traces of a Plotly figure are drawn: their SVG geometry and the annotation texts.
_PLOT_SNAPSHOT = """(root) => JSON.stringify({
    paths: [...root.querySelectorAll('.scatterlayer path')]
        .map(p => [p.getAttribute('d'), p.getAttribute('transform')]),
    annotations: [...root.querySelectorAll('.annotation-text')].map(t => t.textContent),
})"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with Binder's settings override; yields (base URL, token)."""
    tmp = tmp_path_factory.mktemp("jupyterlab")
    app_settings = tmp / "app-settings"
    (app_settings / "overrides.d").mkdir(parents=True)
    shutil.copyfile(ROOT / ".binder" / "overrides.json", app_settings / "overrides.json")
    # Test-only, in the lower-priority overrides.d: do not ask about (or fetch) Jupyter news.
    (app_settings / "overrides.d" / "no-news.json").write_text(
        json.dumps({"@jupyterlab/apputils-extension:notification": {"fetchNews": "false"}})
    )
    port, token = _free_port(), secrets.token_hex(24)
    env = {k: v for k, v in os.environ.items() if k != STATIC_ENV}  # live explorers, as on Binder
    env.update(JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"))
    cmd = [
        str(Path(sys.executable).parent / "jupyter-lab"),
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={ROOT}",
        f"--LabApp.app_settings_dir={app_settings}",
        f"--LabApp.user_settings_dir={tmp / 'user-settings'}",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        "--LabApp.news_url=None",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--ServerApp.allow_root=True")  # CI runs as root
    log = (tmp / "jupyterlab.log").open("w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail("JupyterLab exited:\n" + (tmp / "jupyterlab.log").read_text()[-3000:])
            try:
                with direct.open(f"{base}/api/status?token={token}", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("JupyterLab did not answer in 120 s:\n" + (tmp / "jupyterlab.log").read_text()[-3000:])
            time.sleep(0.5)
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
        log.close()


@pytest.fixture()
def lab_page(browser, jupyterlab):
    """A Chromium page that may load only from 127.0.0.1."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM}")
    blocked: list[str] = []
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def route(r):
        url = r.request.url
        if url.startswith("http://127.0.0.1:") or url.startswith("ws://127.0.0.1:"):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page, blocked
    context.close()


def _menu(page, top: str, item: str) -> None:
    """Click ``top`` in JupyterLab's menu bar, then ``item`` in the menu that opens."""
    page.get_by_role("menuitem", name=top, exact=True).click()
    page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile(f"^{re.escape(item)}$")).first.click()


def test_chapter_opens_as_a_notebook_and_its_explorer_follows_the_keyboard(jupyterlab, lab_page):
    base, token = jupyterlab
    page, blocked = lab_page
    page.goto(f"{base}/lab/tree/{CHAPTER}?token={token}")

    # Binder's override makes the .md open as a notebook (jupytext), not in the text editor.
    page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(state="visible", timeout=120_000)
    assert page.locator(".jp-FileEditor").count() == 0
    # The kernel has started: the status bar reads "Python 3 (ipykernel) | Idle" (not "Initializing").
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]"
        ".some(e => /\\|\\s*Idle\\s*$/.test(e.textContent))",
        timeout=120_000,
    )

    _menu(page, "Run", "Run All Cells")
    explorer = page.locator(".jp-OutputArea-output .widget-vbox").first
    explorer.wait_for(state="attached", timeout=180_000)
    # Every code cell has run (no "[*]" prompt left) and the kernel is idle again.
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent);
            return prompts.length > 0 && prompts.every(t => /\\[\\d+\\]/.test(t));
        }""",
        timeout=300_000,
    )
    n_show = page.evaluate(
        """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-editor')]
                 .filter(e => /\\bshow\\(/.test(e.textContent)).length"""
    )
    assert n_show >= 1
    for mime in ("application/vnd.jupyter.stderr", "application/vnd.jupyter.error"):
        assert page.locator(f".jp-OutputArea-output[data-mime-type='{mime}']").count() == 0, mime

    # Each figure is a live explorer: ipywidgets sliders above a FigureWidget drawn by plotly.js (anywidget).
    explorers = page.locator(".jp-OutputArea-output .widget-vbox:has(.js-plotly-plot)")
    explorers.first.wait_for(state="attached", timeout=120_000)
    page.wait_for_function(
        "(n) => document.querySelectorAll('.jp-OutputArea-output .widget-vbox .js-plotly-plot .main-svg').length >= n",
        arg=n_show,
        timeout=120_000,
    )
    assert explorers.count() == n_show

    explorer = explorers.first
    explorer.scroll_into_view_if_needed()
    plot = explorer.locator(".js-plotly-plot").first
    plot.locator(".scatterlayer path").first.wait_for(state="attached", timeout=60_000)
    before_raw = plot.evaluate(_PLOT_SNAPSHOT)
    before = json.loads(before_raw)
    readout = explorer.locator(".widget-readout").first
    value_before = readout.inner_text()

    # The slider's handle takes the keyboard focus (noUiSlider in ipywidgets 8); move it with End, then ArrowLeft.
    handle = explorer.locator(".widget-slider .noUi-handle").first
    handle.focus()
    assert page.evaluate("() => document.activeElement.classList.contains('noUi-handle')")
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "([el, v]) => el.textContent.trim() !== v",
        arg=[readout.element_handle(), value_before.strip()],
        timeout=60_000,
    )
    # The kernel recomputes the model and the FigureWidget redraws its traces.
    page.wait_for_function(
        f"([root, before]) => ({_PLOT_SNAPSHOT})(root) !== before",
        arg=[plot.element_handle(), before_raw],
        timeout=90_000,
    )
    after = json.loads(plot.evaluate(_PLOT_SNAPSHOT))
    assert after["paths"] != before["paths"], "the slider moved but the traces were not redrawn"
    assert readout.inner_text().strip() != value_before.strip()

    assert [u for u in blocked if u not in ALLOWED_BLOCKED] == []
