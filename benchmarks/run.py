"""Speed and size of the course, measured against the budgets of the quality gates; writes benchmarks/REPORT.md.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/run.py``; ``make bench`` first installs the pinned
Lighthouse of ``benchmarks/lighthouse`` into ``.venv/lighthouse``).  Everything is built in a temporary
folder, never in ``_build``.  The built site is served on 127.0.0.1 as a web host would serve it: HTTP/1.1
with keep-alive, text types gzip-compressed when the browser accepts it.  Sections:

1. Build: a clean strict build of the whole book, the same build again with nothing changed, and the
   template book of ``jupyter-book create`` built in the same run (the ratio makes numbers from different
   machines comparable).
2. Page weight: the HTML of every page (with its inline figure data), and the bytes of a first visit by a
   reader who reads the whole page, in headless Chromium: cold cache, every figure drawn
   (``window.CourseFigures.drawAll()``, so plotly.js is counted where the page has figures), every response
   counted gzip-compressed as a web server sends it (fonts and images as they are).  How often each page
   requests the plotly.js bundle and the theme's ``fontawesome.js``.
3. plotly.js: the bundle the build picks (``pick_bundle`` in ``_ext/course_build.py``: the smallest vendored
   official partial bundle that draws every trace type of the figures) against the other vendored bundle and
   the full bundle.
4. Lighthouse (npm ``lighthouse``, pinned in ``benchmarks/lighthouse``) in Debian's Chromium with its default
   mobile settings (simulated throttling), on every chapter page and on the glossary for comparison:
   performance and accessibility scores, FCP, LCP, TBT, CLS, Speed Index, and Lighthouse's diagnostics for
   each page that misses a goal.
5. Interaction: in headless Chromium, the time of one slider step in the static book (the frame of the new
   slider positions applied by ``figures.js``); in Python, one live-explorer update (model + FigureWidget
   patch) per figure, and the 60-day cascade.

Timings are medians of repeated runs; the machine is listed in the report.  Tests never assert on them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
#: Flags for Chromium on a machine without outside network (no background connections, no first-run UI).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Lighthouse as ``make bench`` installs it (benchmarks/lighthouse/package-lock.json, in the venv's folder).
LIGHTHOUSE_PACKAGE = ROOT / "benchmarks" / "lighthouse"
LIGHTHOUSE = Path(
    os.environ.get("COURSE_LIGHTHOUSE", BIN.parent / "lighthouse" / "node_modules" / ".bin" / "lighthouse")
)
STATIC_ENV = "KETAMINE_COURSE_STATIC"  # widgets.display.STATIC_ENV
#: The build extension: it picks the plotly.js bundle (pick_bundle, BUNDLES) from _ext/vendor.
COURSE_BUILD = ROOT / "_ext" / "course_build.py"
#: Compressed formats are counted as they are; everything else as gzip (level 6, what web servers use).
ALREADY_COMPRESSED = (".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico")
#: What the local web server compresses (as web hosts do): text, scripts, JSON, SVG.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")

KB, MB = 1000, 1000_000
BUDGET = {
    "clean_build_s": 180.0,  # on a 2-core machine
    "rebuild_s": 15.0,
    "median_chapter_html": 400 * KB,
    "largest_chapter_html": 1 * MB,
    "first_visit_figure_page": 1 * MB,  # gzip, a reader who reads the whole page (plotly.js included)
    "lighthouse_performance": 90,  # mobile, simulated throttling
    "lighthouse_accessibility": 100,
    "static_step_ms": 50.0,
    "explorer_update_ms": 20.0,
    "explorer_display_ms": 200.0,
    "cascade_ms": 50.0,
}


@dataclass
class Row:
    item: str
    value: str
    budget: str = "—"
    status: str = "—"  # pass / FAIL / — (no budget) / skipped


def _verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def _kb(n: float) -> str:
    return f"{n / KB:,.1f} KB"


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _toc_pages() -> list[str]:
    from tests.conftest import toc_pages

    return toc_pages()


def _chapter_pages() -> list[str]:
    from tests.conftest import chapter_pages

    return chapter_pages()


# --- machine --------------------------------------------------------------------------------------------


def machine() -> list[Row]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    except OSError:
        pass
    versions = []
    for pkg in ("jupyter-book", "sphinx", "plotly", "numpy", "playwright"):
        try:
            from importlib.metadata import version

            versions.append(f"{pkg} {version(pkg)}")
        except Exception:  # noqa: BLE001 - a missing package is only reported
            versions.append(f"{pkg} ?")
    chromium = "not found"
    if Path(CHROMIUM).exists():
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=60)
        chromium = out.stdout.strip() or "unknown"
    return [
        Row("date (UTC)", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")),
        Row("CPU", cpu),
        Row("cores", str(os.cpu_count())),
        Row("RAM", ram),
        Row("OS", f"{platform.system()} {platform.release()}"),
        Row("Python", platform.python_version()),
        Row("packages", ", ".join(versions)),
        Row("browser", chromium),
    ]


# --- builds ---------------------------------------------------------------------------------------------


def _build(source: Path, out: Path, strict: bool) -> tuple[float, subprocess.CompletedProcess]:
    cmd = [str(BIN / "jupyter-book"), "build", str(source), "--path-output", str(out)]
    if strict:
        cmd += ["-W", "-n", "--keep-going"]
    env = {k: v for k, v in os.environ.items() if k != STATIC_ENV}
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
    return time.perf_counter() - t0, proc


def builds(work: Path) -> tuple[list[Row], Path | None, list[str]]:
    notes = []
    course = work / "course"
    clean_s, clean = _build(ROOT, course, strict=True)
    again_s, again = _build(ROOT, course, strict=True)
    template = work / "template"
    subprocess.run([str(BIN / "jupyter-book"), "create", str(template / "book")], capture_output=True, check=True)
    template_s, tproc = _build(template / "book", template / "out", strict=False)
    if "CellExecutionError" in tproc.stdout + tproc.stderr:
        notes.append(
            "The template book's `notebooks.ipynb` imports matplotlib, which the course does not install: "
            "that cell fails during the template build (a warning, not an error), as it would for any user "
            "of this environment; its execution time is still part of the template figure."
        )
    ok = clean.returncode == 0
    if not ok:
        notes.append(
            "The strict build failed; its last lines:\n\n```\n" + (clean.stdout + clean.stderr)[-2500:] + "\n```"
        )
    rows = [
        Row(
            "clean strict build of the whole book (`-W -n --keep-going`, no execution cache)",
            f"{clean_s:.1f} s" + ("" if ok else " (build FAILED)"),
            f"< {BUDGET['clean_build_s']:.0f} s on 2 cores",
            _verdict(ok and clean_s < BUDGET["clean_build_s"]),
        ),
        Row(
            "rebuild with nothing changed",
            f"{again_s:.1f} s",
            f"< {BUDGET['rebuild_s']:.0f} s",
            _verdict(again.returncode == 0 and again_s < BUDGET["rebuild_s"]),
        ),
        Row(
            "Jupyter Book's template book (`jupyter-book create`), clean build",
            f"{template_s:.1f} s" + ("" if tproc.returncode == 0 else " (build failed)"),
        ),
        Row("ratio: course clean build / template book build", f"{clean_s / template_s:.1f} ×"),
    ]
    html = course / "_build" / "html"
    return rows, (html if ok and html.is_dir() else None), notes


# --- browser helpers ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _gzip_file(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files as a web host serves them: HTTP/1.1 keep-alive, text types gzip-compressed on request."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        ctype = self.guess_type(path)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and os.path.isfile(path) and ctype.startswith(COMPRESSIBLE)):
            return super().send_head()
        try:
            data = _gzip_file(path, os.stat(path).st_mtime_ns)
        except OSError:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(data)


class _Site:
    """The built HTML served on 127.0.0.1 (random free port), gzip-compressed like a web host."""

    def __init__(self, html: Path):
        handler = functools.partial(_Handler, directory=str(html))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def _launch(p):
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)


def _local_only(context, site_url: str, blocked: list[str]):
    def route(r):
        url = r.request.url
        if not url.startswith(site_url + "/"):
            blocked.append(url)
            r.abort()
            return
        r.continue_()

    context.route("**/*", route)


_DRAW_ALL = """async () => {
    if (!window.CourseFigures) return 0;
    await window.CourseFigures.drawAll();
    return window.CourseFigures.figures.length;
}"""


def _draw_all_figures(page) -> int:
    """Draw every figure of the page as a reader who scrolls through it would; the number of figures."""
    page.wait_for_load_state("load")
    n = page.locator(".course-figure-plot").count()
    if n:
        page.wait_for_function("() => window.CourseFigures !== undefined", timeout=30_000)
        page.evaluate(_DRAW_ALL)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.course-figure-plot')].every(d => d.dataset.drawn === '1')",
            timeout=60_000,
        )
    return n


def _course_build():
    """The build extension ``_ext/course_build.py`` as a module (it is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("course_build", COURSE_BUILD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- page weight ----------------------------------------------------------------------------------------


def _kind(path: str) -> str:
    ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    if ext in ("html", ""):
        return "HTML"
    if ext == "css":
        return "CSS"
    if ext == "js":
        return "JS"
    if ext in ("woff2", "woff", "ttf", "otf"):
        return "fonts"
    return "images and other"


def page_weight(html: Path) -> tuple[list[Row], list[Row], list[str]]:
    from playwright.sync_api import sync_playwright

    rows, summary, notes = [], [], []
    site = _Site(html)
    chapter = set(_chapter_pages())
    cb = _course_build()
    bundle = cb.pick_bundle(cb.used_trace_types())
    seen: dict[str, int] = {}  # url without query -> gzip bytes (one visit to every page, shared cache)
    html_sizes = {}
    plotly_ok = True
    fontawesome_pages = []
    visits = {}
    try:
        with sync_playwright() as p:
            browser = _launch(p)
            for stem in _toc_pages():
                context = browser.new_context(viewport={"width": 1280, "height": 900})  # cold cache
                blocked: list[str] = []
                _local_only(context, site.url, blocked)
                page = context.new_page()
                requests: list[str] = []
                responses = []
                page.on("request", lambda r, requests=requests: requests.append(r.url.split("?")[0]))
                page.on("response", lambda r, responses=responses: responses.append(r))
                page.goto(f"{site.url}/{stem}.html")
                n_fig = _draw_all_figures(page)
                page.wait_for_timeout(1_500)  # late requests: fonts, the search index, images
                named = page.evaluate(
                    "() => { const s = document.querySelector('script[data-plotly-bundle]');"
                    " return s ? s.getAttribute('data-plotly-bundle') : null; }"
                )
                total = 0
                by_kind: dict[str, int] = {}
                for r in responses:
                    try:
                        body = r.body()
                    except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
                        continue
                    path = r.url.split("?")[0]
                    size = len(body) if path.endswith(ALREADY_COMPRESSED) else _gz(body)
                    total += size
                    seen[path] = size
                    kind = "plotly.js" if "/plotly" in path and path.endswith(".js") else _kind(path)
                    by_kind[kind] = by_kind.get(kind, 0) + size
                context.close()
                plotly_requests = sum(
                    1 for u in requests if u.rsplit("/", 1)[-1].startswith("plotly") and u.endswith(".js")
                )
                bundle_requests = sum(1 for u in requests if u.endswith("/_static/course/" + bundle))
                fontawesome = sum(
                    1 for u in requests if u.rsplit("/", 1)[-1].startswith("fontawesome") and u.endswith(".js")
                )
                if fontawesome:
                    fontawesome_pages.append(stem)
                html_bytes = (html / f"{stem}.html").stat().st_size
                html_sizes[stem] = html_bytes
                # The bundle once on figure pages (and it is the one the build picks), never elsewhere.
                plotly_right = (
                    (bundle_requests == plotly_requests == 1 and named == bundle) if n_fig else not plotly_requests
                )
                plotly_ok &= plotly_right
                budgeted = stem in chapter and n_fig > 0
                visits[stem] = total
                weight_ok = total <= BUDGET["first_visit_figure_page"] if budgeted else True
                order = ("HTML", "CSS", "JS", "plotly.js", "fonts", "images and other")
                parts = ", ".join(f"{k} {_kb(by_kind[k])}" for k in order if by_kind.get(k))
                rows.append(
                    Row(
                        f"`{stem}`" + (" (chapter)" if stem in chapter else ""),
                        f"**{_kb(total)}** gzip, {len(responses)} responses ({parts}); "
                        f"{n_fig} figure(s) drawn; `{bundle}` requested {bundle_requests}×; "
                        f"`fontawesome.js` requested {fontawesome}×"
                        + (f"; {len(blocked)} outside requests blocked" if blocked else ""),
                        (f"≤ {_kb(BUDGET['first_visit_figure_page'])}; " if budgeted else "")
                        + f"plotly.js {1 if n_fig else 0}×; fontawesome.js 0×",
                        _verdict(weight_ok and plotly_right and not fontawesome and not blocked),
                    )
                )
            browser.close()
    finally:
        site.close()
    chapters = [html_sizes[s] for s in _chapter_pages() if s in html_sizes]
    if chapters:
        median = statistics.median(chapters)
        largest_stem = max((s for s in _chapter_pages() if s in html_sizes), key=lambda s: html_sizes[s])
        summary += [
            Row(
                f"median chapter page (HTML incl. inline figure data, {len(chapters)} chapter pages)",
                _kb(median),
                f"≤ {_kb(BUDGET['median_chapter_html'])}",
                _verdict(median <= BUDGET["median_chapter_html"]),
            ),
            Row(
                f"largest chapter page (`{largest_stem}`)",
                _kb(html_sizes[largest_stem]),
                f"≤ {_kb(BUDGET['largest_chapter_html'])}",
                _verdict(html_sizes[largest_stem] <= BUDGET["largest_chapter_html"]),
            ),
        ]
    figure_chapters = [s for s in _chapter_pages() if s in visits]
    if figure_chapters:
        heaviest = max(figure_chapters, key=lambda s: visits[s])
        summary.append(
            Row(
                f"heaviest first visit to a chapter page with figures, whole page read (`{heaviest}`)",
                f"{_kb(visits[heaviest])} gzip",
                f"≤ {_kb(BUDGET['first_visit_figure_page'])} on every such page",
                _verdict(all(visits[s] <= BUDGET["first_visit_figure_page"] for s in figure_chapters)),
            )
        )
    summary += [
        Row(
            "one visit to every page with a shared browser cache (unique files, gzip)",
            f"{_kb(sum(seen.values()))} ({len(seen)} files; plotly.js once)",
        ),
        Row(
            f"plotly.js (`{bundle}`) requested once per page with figures, by no other page",
            "yes" if plotly_ok else "no",
            "yes",
            _verdict(plotly_ok),
        ),
        Row(
            "`fontawesome.js` requested by no page",
            "yes" if not fontawesome_pages else "no: " + ", ".join(f"`{s}`" for s in fontawesome_pages),
            "yes",
            _verdict(not fontawesome_pages),
        ),
    ]
    notes.append(
        "First-visit bytes are every response of a cold-cache visit in headless Chromium (1280×900) by a reader "
        "who reads the whole page: after the load event, `window.CourseFigures.drawAll()` draws every figure (as "
        "scrolling through the page would) and the bench waits until every `.course-figure-plot` has "
        '`data-drawn="1"`, then 1.5 s more for late requests. HTML, CSS, JS, plotly.js, fonts and images are each '
        "counted gzip-compressed at level 6, except already-compressed formats (woff2, png, ...). 1 KB = 1,000 "
        "bytes."
    )
    return rows, summary, notes


# --- plotly.js bundles ----------------------------------------------------------------------------------


def _layout_features() -> set[str]:
    os.environ.pop(STATIC_ENV, None)
    from widgets.figures import FIGURES, static_payload

    features = set()
    for spec in FIGURES.values():
        layout = static_payload(spec, combinations=False)["layout"]
        features |= {k for k in ("shapes", "annotations", "sliders", "updatemenus", "images") if layout.get(k)}
    return features


def plotly_bundles(html: Path | None) -> tuple[list[Row], list[str]]:
    """The plotly.js bundle the build picks, against the other vendored bundles and the full bundle."""
    import plotly

    cb = _course_build()
    rows, notes = [], []
    types = cb.used_trace_types()
    try:
        chosen = cb.pick_bundle(types)
    except ValueError as exc:
        return [Row("bundle for the figures' trace types", f"none: {exc}", "a vendored bundle", "FAIL")], notes
    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    full_bytes = full.read_bytes()
    version = full_bytes[:200].decode("utf-8", "replace").split("plotly.js v", 1)[1].split()[0]
    chosen_bytes = (cb.VENDOR / chosen).read_bytes()
    rows.append(
        Row(
            f"**chosen by the build** (`pick_bundle`): `{chosen}`",
            f"{_kb(len(chosen_bytes))} raw, {_kb(_gz(chosen_bytes))} gzip",
        )
    )
    for name, _ in cb.BUNDLES:
        if name == chosen:
            continue
        b = (cb.VENDOR / name).read_bytes()
        rows.append(Row(f"other vendored bundle `{name}` (not shipped)", f"{_kb(len(b))} raw, {_kb(_gz(b))} gzip"))
    rows.append(
        Row(
            f"full bundle `plotly.min.js` v{version} (from the plotly package, not shipped)",
            f"{_kb(len(full_bytes))} raw, {_kb(_gz(full_bytes))} gzip",
        )
    )
    rows.append(
        Row(
            "saving of the chosen bundle over the full bundle",
            f"{_kb(len(full_bytes) - len(chosen_bytes))} raw ({1 - len(chosen_bytes) / len(full_bytes):.0%}), "
            f"{_kb(_gz(full_bytes) - _gz(chosen_bytes))} gzip ({1 - _gz(chosen_bytes) / _gz(full_bytes):.0%}) "
            "per first visit to a figure page",
        )
    )
    drawable = dict(cb.BUNDLES)[chosen]
    rows.append(
        Row(
            "trace types used by the figures",
            ", ".join(sorted(types)),
            f"drawn by `{chosen}`",
            _verdict(set(types) <= drawable),
        )
    )
    rows.append(Row("layout features used", ", ".join(sorted(_layout_features()))))
    if html is not None:
        shipped = sorted(p.name for p in (html / "_static" / cb.COURSE_STATIC).glob("plotly-*.min.js"))
        rows.append(
            Row(
                "bundle(s) in the built site (`_static/course`)",
                ", ".join(f"`{n}`" for n in shipped) or "none",
                f"`{chosen}` only",
                _verdict(shipped == [chosen]),
            )
        )
    notes.append(
        "The build ships the smallest official partial bundle of plotly.js vendored in `_ext/vendor` (smallest "
        "first: " + ", ".join(f"`{n}`" for n, _ in cb.BUNDLES) + ") that draws every trace type of the registered "
        "figures (`pick_bundle` in `_ext/course_build.py`); core components (annotations, shapes, sliders, legend, "
        "mode bar, log axes) are in every bundle. The live explorers in JupyterLab are not affected: their "
        "FigureWidget brings its own bundle."
    )
    return rows, notes


# --- Lighthouse -----------------------------------------------------------------------------------------

#: Lighthouse audits reported per page: (audit id, column).
LH_METRICS = (
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "Speed Index"),
)
#: The page without figures that is measured for comparison.
LH_COMPARISON_PAGE = "book/glossary"


def _lighthouse_version() -> str:
    lock = json.loads((LIGHTHOUSE_PACKAGE / "package-lock.json").read_text())
    return lock["packages"]["node_modules/lighthouse"]["version"]


def _lighthouse_run(url: str, out: Path) -> dict:
    """One Lighthouse run with its defaults (mobile, simulated throttling) in Debian's Chromium."""
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--only-categories=performance,accessibility",
        "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_FLAGS]),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"Lighthouse failed on {url}: {(proc.stderr or proc.stdout).strip()[-400:]}")
    report = json.loads(out.read_text())
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse failed on {url}: {report['runtimeError'].get('message')}")
    return report


def _score(report: dict, category: str) -> int:
    return round(100 * (report["categories"][category]["score"] or 0))


def _short(url: str, site: str) -> str:
    return "`" + url.split("?")[0].removeprefix(site).lstrip("/") + "`"


def _node(item: dict) -> str:
    node = item.get("node") or {}
    label = (node.get("nodeLabel") or "").replace("\n", " ").replace("|", "/")
    # Cut at a word boundary: a cut word would read as a misspelling (and codespell checks this report).
    label = label if len(label) <= 60 else label[:57].rsplit(" ", 1)[0] + " ..."
    return f"`{node.get('selector', '?')}`" + (f" (“{label}”)" if label else "")


def _items(report: dict, audit: str) -> list[dict]:
    return ((report["audits"].get(audit) or {}).get("details") or {}).get("items") or []


def _longest_chain(report: dict, site: str) -> list[str]:
    """The longest chain of requests of the network-dependency tree (the critical path)."""
    items = _items(report, "network-dependency-tree-insight")
    chains = next((i["value"]["chains"] for i in items if i.get("type") == "list-section" and "value" in i), {})
    out = []
    while chains:
        key = next((k for k, v in chains.items() if v.get("isLongest")), next(iter(chains)))
        node = chains[key]
        out.append(
            f"{_short(node['url'], site)} ({_kb(node.get('transferSize', 0))}, ends {node['navStartToEndTime']:.0f} ms)"
        )
        chains = node.get("children") or {}
    return out


def _late_paint(report: dict) -> bool:
    """True when the observed first paint came after the load event (headless Chromium withholding frames)."""
    metrics = (_items(report, "metrics") or [{}])[0]
    return metrics.get("observedFirstContentfulPaint", 0) > metrics.get("observedLoad", float("inf"))


def _diagnose(report: dict, site: str) -> list[str]:
    """Lighthouse's findings behind a missed goal, as Markdown bullets."""
    a = report["audits"]
    lines = []
    metrics = (_items(report, "metrics") or [{}])[0]
    first_paint, load = metrics.get("observedFirstContentfulPaint", 0), metrics.get("observedLoad", 0)
    lines.append(
        f"- unthrottled load observed by Lighthouse: first contentful paint {first_paint:.0f} ms, load event "
        f"{load:.0f} ms; the scores come from Lantern's simulation of a slow phone on that trace"
        + (
            ". The first paint came after the load event: headless Chromium withheld frames from the page (viz "
            "BeginFrame throttling, GoogleChrome/lighthouse#17148), so Lantern treats every request as finished "
            "before the first paint (an artefact of headless runs, not of the page)"
            if _late_paint(report)
            else ""
        )
    )
    early = [
        i
        for i in _items(report, "network-requests")
        if i.get("networkEndTime", float("inf")) <= first_paint
        and i.get("priority") in ("VeryHigh", "High")
        and i.get("resourceType") != "Document"
    ]
    if early:
        groups: dict[str, list[dict]] = {}
        for i in early:
            groups.setdefault(i.get("resourceType", "Other"), []).append(i)
        parts = []
        for kind, reqs in sorted(groups.items()):
            total = sum(i.get("transferSize", 0) for i in reqs)
            if kind in ("Stylesheet", "Script"):
                parts.append(f"{len(reqs)} {kind.lower()}(s) {_kb(total)}")
            else:
                parts.append(", ".join(f"{_short(i['url'], site)} {_kb(i.get('transferSize', 0))}" for i in reqs))
        lines.append(
            "- finished before that first paint with a high priority, so Lantern counts them as render-blocking "
            "in the simulated FCP and LCP: " + "; ".join(parts)
        )
    rb = a.get("render-blocking-resources") or {}
    if _items(report, "render-blocking-resources"):
        lines.append(
            f"- render-blocking resources ({rb.get('displayValue', '')}): "
            + ", ".join(
                f"{_short(i['url'], site)} {_kb(i.get('totalBytes', 0))} {i.get('wastedMs', 0):.0f} ms"
                for i in sorted(_items(report, "render-blocking-resources"), key=lambda i: -i.get("wastedMs", 0))
            )
        )
    lcp = _items(report, "largest-contentful-paint-element")
    if lcp:
        element = (lcp[0].get("items") or [{}])[0]
        phases = lcp[1].get("items", []) if len(lcp) > 1 else []
        lines.append(
            f"- largest contentful paint element: {_node(element)}; "
            + ", ".join(f"{ph['phase']} {ph['timing']:.0f} ms" for ph in phases)
        )
    chain = _longest_chain(report, site)
    if chain:
        lines.append("- longest chain of requests: " + " → ".join(chain))
    fonts = _items(report, "font-display-insight")
    if fonts:
        lines.append(
            "- web fonts without `font-display: swap` (text or icons invisible until they arrive): "
            + ", ".join(f"{_short(i['url'], site)} ({i.get('wastedMs', 0):.0f} ms)" for i in fonts)
        )
    tasks = sorted(_items(report, "long-tasks"), key=lambda t: -t.get("duration", 0))[:5]
    if tasks:
        lines.append(
            "- long main-thread tasks: "
            + ", ".join(
                f"{_short(t['url'], site) if t['url'].startswith('http') else t['url']} {t['duration']:.0f} ms"
                for t in tasks
            )
        )
    work = _items(report, "mainthread-work-breakdown")[:4]
    if work:
        lines.append(
            f"- main-thread work ({a['mainthread-work-breakdown'].get('displayValue', '')}): "
            + ", ".join(f"{w['groupLabel']} {w['duration']:.0f} ms" for w in work)
        )
    unused_js = _items(report, "unused-javascript")
    if unused_js:
        lines.append(
            "- unused JavaScript: "
            + ", ".join(
                f"{_short(i['url'], site)} {_kb(i['wastedBytes'])} of {_kb(i['totalBytes'])}" for i in unused_js
            )
        )
    unused_css = _items(report, "unused-css-rules")
    if unused_css:
        lines.append(
            "- unused CSS: "
            + ", ".join(
                f"{_short(i['url'], site)} {_kb(i['wastedBytes'])} of {_kb(i['totalBytes'])}" for i in unused_css
            )
        )
    shifts = _items(report, "layout-shifts")
    if shifts:
        parts = []
        for i in shifts:
            causes = []
            for c in (i.get("subItems") or {}).get("items", []):
                extra = c.get("extra") or {}
                source = _short(extra["value"], site) if extra.get("type") == "url" else ""
                causes.append(f"{c.get('cause', '')} {source}".strip())
            parts.append(f"{_node(i)} {i.get('score', 0):.3f}" + (f" ({'; '.join(causes)})" if causes else ""))
        lines.append(f"- layout shifts (CLS {a['cumulative-layout-shift']['displayValue']}): " + ", ".join(parts))
    for ref in report["categories"]["accessibility"]["auditRefs"]:
        audit = a.get(ref["id"]) or {}
        if audit.get("score") is None or audit["score"] >= 1:
            continue
        nodes = [_node(i) for i in _items(report, ref["id"]) if i.get("node")]
        weight = "" if ref.get("weight") else " (not scored by Lighthouse)"
        lines.append(
            f"- accessibility audit `{ref['id']}` fails{weight}: {audit.get('title', '').rstrip('.')}"
            + (": " + ", ".join(nodes[:6]) + (f" and {len(nodes) - 6} more" if len(nodes) > 6 else "") if nodes else "")
        )
    return lines


def lighthouse(html: Path, runs: int, keep: Path | None) -> tuple[str, list[str], list[str]]:
    """Lighthouse on every chapter page and on the comparison page: a Markdown table, diagnostics, notes."""
    if not LIGHTHOUSE.exists():
        where = LIGHTHOUSE.relative_to(ROOT) if LIGHTHOUSE.is_relative_to(ROOT) else LIGHTHOUSE
        raise RuntimeError(f"Lighthouse is not installed at {where}: run `make bench`, which installs it")
    chapters = _chapter_pages()
    pages = chapters + ([LH_COMPARISON_PAGE] if LH_COMPARISON_PAGE in _toc_pages() else [])
    site = _Site(html)
    out_dir = Path(tempfile.mkdtemp(prefix="course-lighthouse-"))
    header = [
        "page",
        f"performance (median of {runs}; all runs)",
        "accessibility",
        *[c for _, c in LH_METRICS],
        "goal",
        "result",
    ]
    table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    diagnostics: list[str] = []
    indices: list[float] = []
    first = None
    try:
        for stem in pages:
            reports = []
            for n in range(runs):
                out = out_dir / f"{stem.replace('/', '_')}-{n}.json"
                reports.append(_lighthouse_run(f"{site.url}/{stem}.html", out))
                if keep:
                    keep.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(out, keep / out.name)
            first = first or reports[0]
            runs_text = ", ".join(str(_score(r, "performance")) + ("†" if _late_paint(r) else "") for r in reports)
            report = sorted(reports, key=lambda r: _score(r, "performance"))[len(reports) // 2]  # the median run
            p, acc = _score(report, "performance"), _score(report, "accessibility")
            is_chapter = stem in chapters
            ok = p >= BUDGET["lighthouse_performance"] and acc >= BUDGET["lighthouse_accessibility"]
            cells = [
                f"`{stem}`" + ("" if is_chapter else " (no figures, for comparison)"),
                f"**{p}** ({runs_text})",
                f"**{acc}**",
                *[report["audits"][audit]["displayValue"].replace("\u00a0", " ") for audit, _ in LH_METRICS],
                f"performance ≥ {BUDGET['lighthouse_performance']}, accessibility {BUDGET['lighthouse_accessibility']}"
                if is_chapter
                else "—",
                _verdict(ok) if is_chapter else "—",
            ]
            table.append("| " + " | ".join(cells) + " |")
            what = ("misses the goal" if not ok else "meets the goal") if is_chapter else "no figures, for comparison"
            diagnostics += ["", f"**`{stem}`** (performance {p}, accessibility {acc}: {what}), median run:", ""]
            diagnostics += _diagnose(report, site.url)
            indices += [r["environment"].get("benchmarkIndex") for r in reports]
    finally:
        site.close()
        shutil.rmtree(out_dir, ignore_errors=True)
    cfg = first["configSettings"]
    thr = cfg.get("throttling", {})
    screen = cfg.get("screenEmulation", {})
    notes = [
        f"Lighthouse {first['lighthouseVersion']} (npm `lighthouse`, pinned in "
        "`benchmarks/lighthouse/package-lock.json`, installed by `make bench` into `.venv/lighthouse`) in "
        "Debian's Chromium (`--headless=new`), default settings: "
        f"form factor {cfg.get('formFactor')}, {screen.get('width')}×{screen.get('height')} at "
        f"{screen.get('deviceScaleFactor')}×, throttling `{cfg.get('throttlingMethod')}` "
        f"(RTT {thr.get('rttMs')} ms, {thr.get('throughputKbps', 0) / 1000:.1f} Mbit/s, "
        f"CPU slowdown {thr.get('cpuSlowdownMultiplier')}×; this machine's benchmark index "
        f"{min(indices):.0f} to {max(indices):.0f} over the runs). Categories performance and accessibility only. "
        f"Each page is run {runs}×; the table shows the run with the median performance score and, in brackets, "
        "the scores of all runs; † marks a run whose first paint came after the load event because headless "
        "Chromium withheld frames from the page (GoogleChrome/lighthouse#17148): Lantern then counts every "
        "high-priority request (stylesheets, preloaded scripts, web fonts) as render-blocking, which cost such "
        "runs here 15 to 20 points. The site is served on 127.0.0.1 "
        "over HTTP/1.1 with keep-alive, text types gzip-compressed (as a web host would; no HTTP/2, no TLS, no "
        "cache headers)."
    ]
    return "\n".join(table), diagnostics, notes


# --- interaction ----------------------------------------------------------------------------------------


_TIME_STEPS = """async (index) => {
    // One slider moved at a time, step by step, the others at their defaults: the path of a real slider move
    // (figures.js applies the frame of the new positions: Plotly.update, then the fit to the screen).
    const f = window.CourseFigures.figures[index];
    const out = [];
    for (let k = 0; k < f.sizes.length; k++) {
        for (let pass = 0; pass < 2; pass++) {           // pass 0 warms up
            for (let i = 0; i < f.sizes[k]; i++) {
                const state = f.defaults.slice();
                state[k] = (f.defaults[k] + i + 1) % f.sizes[k];
                f.state = state;
                f.showState();
                const t0 = performance.now();
                await f.apply(state);
                const t1 = performance.now();
                await new Promise(r => requestAnimationFrame(() => r()));
                const t2 = performance.now();
                if (pass) out.push([t1 - t0, t2 - t0]);
            }
        }
    }
    f.state = f.defaults.slice();
    f.showState();
    await f.apply();
    return {id: f.gd.id, samples: out, n_sliders: f.sizes.length};
}"""


def static_interaction(html: Path) -> list[Row]:
    from playwright.sync_api import sync_playwright

    rows = []
    site = _Site(html)
    try:
        with sync_playwright() as p:
            browser = _launch(p)
            for stem in _chapter_pages():
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                blocked: list[str] = []
                _local_only(context, site.url, blocked)
                page = context.new_page()
                page.goto(f"{site.url}/{stem}.html")
                n = _draw_all_figures(page)
                for i in range(n):
                    res = page.evaluate(_TIME_STEPS, i)
                    if not res["samples"]:
                        continue
                    update = statistics.median(s[0] for s in res["samples"])
                    frame = statistics.median(s[1] for s in res["samples"])
                    worst = max(s[0] for s in res["samples"])
                    rows.append(
                        Row(
                            f"`{stem}` `{res['id']}` ({res['n_sliders']} slider(s), {len(res['samples'])} steps)",
                            f"median {update:.1f} ms (max {worst:.1f}); to next frame {frame:.1f} ms",
                            f"median ≤ {BUDGET['static_step_ms']:.0f} ms",
                            _verdict(update <= BUDGET["static_step_ms"]),
                        )
                    )
                context.close()
            browser.close()
    finally:
        site.close()
    return rows


def _timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def live_explorers(samples_per_figure: int = 40) -> tuple[list[Row], list[str]]:
    os.environ.pop(STATIC_ENV, None)
    rows, notes = [], []
    from widgets.display import show
    from widgets.figures import FIGURES

    for name, spec in FIGURES.items():
        try:
            ex = show(name).explorer
            sliders = list(ex.sliders.items())
            for _, w in sliders:  # time _update alone: no observer runs while a slider is set
                w.unobserve(ex._update, names="value")
            grids = {p.name: p.grid() for p in spec.specs}
            times = []
            for n in range(samples_per_figure + 1):
                pname, w = sliders[n % len(sliders)]
                grid = grids[pname]
                w.value = grid[(grid.index(w.value) + 1) % len(grid)] if w.value in grid else grid[0]
                t = _timed(ex._update, 1)[0]
                if n:  # the first update warms caches up
                    times.append(t)
            med = statistics.median(times)
            rows.append(
                Row(
                    f"`{name}` ({len(sliders)} slider(s))",
                    f"median {med:.1f} ms (max {max(times):.1f}, {len(times)} updates)",
                    f"median ≤ {BUDGET['explorer_update_ms']:.0f} ms",
                    _verdict(med <= BUDGET["explorer_update_ms"]),
                )
            )
        except Exception as exc:  # noqa: BLE001 - one broken figure must not hide the others
            rows.append(Row(f"`{name}`", f"error: {exc.__class__.__name__}: {exc}"[:300], status="FAIL"))
    notes.append(
        "Live-explorer update: `widgets.display.show(name).explorer`; one slider is set to its next grid value "
        "(cycling through the sliders) with the explorer's observer detached, then `explorer._update()` is "
        "timed: the model call and the patch of the FigureWidget's traces in one `batch_update` (no frontend is "
        "attached, so no message is sent)."
    )
    return rows, notes


def live_display(repeat: int = 5) -> tuple[list[Row], list[str]]:
    """How long a live notebook waits between running a figure cell and having its explorer to show."""
    os.environ.pop(STATIC_ENV, None)
    from widgets.display import show
    from widgets.figures import FIGURES

    show(next(iter(FIGURES)))._repr_mimebundle_()  # the kernel imports ipywidgets and plotly's FigureWidget once
    rows = []
    for name in FIGURES:
        times = _timed(lambda name=name: show(name)._repr_mimebundle_(), repeat + 1)[1:]
        med = statistics.median(times)
        rows.append(
            Row(
                f"`{name}`",
                f"median {med:.0f} ms (max {max(times):.0f}, {len(times)} displays)",
                f"median ≤ {BUDGET['explorer_display_ms']:.0f} ms",
                _verdict(med <= BUDGET["explorer_display_ms"]),
            )
        )
    notes = [
        "Live explorer display: `show(name)._repr_mimebundle_()` in a live session (no static switch), after the "
        "first figure of the session has imported ipywidgets and plotly's FigureWidget: the explorer with its "
        "sliders and the HTML fallback, which in a live session is the figure at its defaults with nothing "
        "precomputed."
    ]
    return rows, notes


def cascade() -> tuple[list[Row], list[str]]:
    try:
        import numpy as np

        from widgets.models.timeline import simulate
    except Exception as exc:  # noqa: BLE001 - the module may not exist yet
        return [
            Row(
                "60-day six-infusion cascade",
                f"skipped: `widgets.models.timeline` cannot be imported ({exc})",
                status="skipped",
            )
        ], []
    t = np.linspace(0, 60 * 24, 2000)
    days = (0, 2, 4, 7, 9, 11)
    try:
        simulate(t, infusion_days=days)  # warm-up
        times = _timed(lambda: simulate(t, infusion_days=days), 20)
    except Exception as exc:  # noqa: BLE001
        return [Row("60-day six-infusion cascade", f"error: {exc.__class__.__name__}: {exc}"[:300], status="FAIL")], []
    med = statistics.median(times)
    return [
        Row(
            "`simulate(np.linspace(0, 60*24, 2000), infusion_days=(0, 2, 4, 7, 9, 11))`",
            f"median {med:.1f} ms (max {max(times):.1f}, {len(times)} runs)",
            f"≤ {BUDGET['cascade_ms']:.0f} ms",
            _verdict(med <= BUDGET["cascade_ms"]),
        )
    ], []


# --- report ---------------------------------------------------------------------------------------------


def _table(rows: list[Row], with_budget: bool = True) -> str:
    if not with_budget:
        lines = ["| | |", "|---|---|"] + [f"| {r.item} | {r.value} |" for r in rows]
    else:
        lines = ["| what | measured | budget | result |", "|---|---|---|---|"]
        lines += [f"| {r.item} | {r.value} | {r.budget} | {r.status} |" for r in rows]
    return "\n".join(line.replace("\n", " ") for line in lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "REPORT.md")
    ap.add_argument(
        "--html", type=Path, help="measure this already built site instead of building the book (no Build section)"
    )
    ap.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (the median is reported)")
    ap.add_argument("--lighthouse-json", type=Path, help="keep Lighthouse's JSON reports in this folder")
    args = ap.parse_args(argv)

    # A section is (title, rows, budgeted) or (title, Markdown, True) for tables of their own.
    sections: list[tuple[str, list[Row] | str, bool]] = []
    notes: list[str] = []
    extra_failures: list[str] = []

    def section(title: str, fn, *fn_args):
        """Run one measurement; an exception becomes a failed row instead of ending the report."""
        print(f"{title} ...", flush=True)
        try:
            result = fn(*fn_args)
        except Exception as exc:  # noqa: BLE001
            sections.append((title, [Row(title, f"error: {exc.__class__.__name__}: {exc}"[:500], status="FAIL")], True))
            return None
        return result

    sections.append(("Machine", machine(), False))
    work = Path(tempfile.mkdtemp(prefix="course-bench-"))
    try:
        html = args.html.resolve() if args.html else None
        if html is None:
            result = section("Build", builds, work)
            if result:
                build_rows, html, n = result
                sections.append(("Build", build_rows, True))
                notes += n
        have_browser = html is not None and Path(CHROMIUM).exists()
        if have_browser:
            result = section("Page weight", page_weight, html)
            if result:
                per_page, summary, n = result
                sections.append(("Page weight: budgets", summary, True))
                sections.append(("Page weight: first visit to every page, whole page read", per_page, True))
                notes += n
        else:
            skipped = Row("page weight", "skipped: no built book or no Chromium", status="skipped")
            sections.append(("Page weight", [skipped], True))
        title = "plotly.js: the bundle the build picks"
        result = section(title, plotly_bundles, html)
        if result:
            sections.append((title, result[0], True))
            notes += result[1]
        title = "Lighthouse (mobile, simulated throttling)"
        if have_browser:
            result = section(title, lighthouse, html, args.lighthouse_runs, args.lighthouse_json)
            if result:
                table, diagnostics, n = result
                sections.append((title, table, True))
                extra_failures += [line for line in table.splitlines() if line.endswith("| FAIL |")]
                if diagnostics:
                    sections.append(
                        (
                            "Lighthouse: diagnostics of each page (its median run)",
                            "\n".join(diagnostics).strip(),
                            True,
                        )
                    )
                notes += n
        else:
            sections.append(
                (title, [Row("Lighthouse", "skipped: no built book or no Chromium", status="skipped")], True)
            )
        if have_browser:
            title = (
                "Interaction in the static book "
                "(headless Chromium, 1280×900, one slider step: the frame applied by `figures.js`)"
            )
            result = section(title, static_interaction, html)
            if result is not None:
                sections.append((title, result, True))
        title = "Live explorers (Python, one update)"
        result = section(title, live_explorers)
        if result:
            sections.append((title, result[0], True))
            notes += result[1]
        title = "Live explorers (Python, time from the cell running to the explorer ready to show)"
        result = section(title, live_display)
        if result:
            sections.append((title, result[0], True))
            notes += result[1]
        result = section("Cascade model", cascade)
        if result:
            sections.append(("Cascade model", result[0], True))
            notes += result[1]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    failed = [
        r for _, rows, budgeted in sections if budgeted and isinstance(rows, list) for r in rows if r.status == "FAIL"
    ]
    n_failed = len(failed) + len(extra_failures)
    out = [
        "# Benchmark report",
        "",
        "Written by `make bench` (`benchmarks/run.py`); the numbers hold for the machine below. "
        "Budgets are those of the quality gates; tests never assert on time.",
        "",
        f"**{n_failed} budget(s) failed.**" if n_failed else "**All budgets met.**",
    ]
    for title, rows, budgeted in sections:
        out += ["", f"## {title}", "", rows if isinstance(rows, str) else _table(rows, budgeted)]
    if notes:
        out += ["", "## Notes"]
        for note in notes:
            out += ["", note]
    args.output.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    if n_failed:
        print(f"{n_failed} budget(s) failed: see the report")
    return 0


if __name__ == "__main__":
    sys.exit(main())
