"""Speed and size of the course, measured against the budgets of the quality gates; writes benchmarks/REPORT.md.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/run.py``).  Everything is built in a temporary
folder, never in ``_build``.  Sections:

1. Build: a clean strict build of the whole book, the same build again with nothing changed, and the
   template book of ``jupyter-book create`` built in the same run (the ratio makes numbers from different
   machines comparable).
2. Page weight: the HTML of every page (with its inline figure data), and the bytes of a first visit in
   headless Chromium (every response gzip-compressed as a web server would, fonts and images as they are;
   plotly.js counted once).
3. plotly.js: the full bundle against the official partial bundle ``plotly.js-basic-dist-min`` (npm), and
   whether every figure works with it (checked by swapping the bundle in the browser).
4. Interaction: in headless Chromium, the time of ``Plotly.update`` for each precomputed slider step; in
   Python, one live-explorer update (model + FigureWidget patch) per figure, and the 60-day cascade.

Timings are medians of repeated runs; the machine is listed in the report.  Tests never assert on them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
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
STATIC_ENV = "KETAMINE_COURSE_STATIC"  # widgets.display.STATIC_ENV
PLOTLY_JS = "_static/course/plotly-basic.min.js"
PARTIAL_BUNDLE = "plotly.js-basic-dist-min"
#: The trace types of the basic partial bundle (plotly.js dist README: scatter, bar, pie).
BASIC_TRACES = {"scatter", "bar", "pie"}
#: The plotly.js bundle the site ships.
VENDORED_BUNDLE = ROOT / "_ext" / "vendor" / "plotly-basic.min.js"
#: Compressed formats are counted as they are; everything else as gzip (level 6, what web servers use).
ALREADY_COMPRESSED = (".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico")

KB, MB = 1000, 1000_000
BUDGET = {
    "clean_build_s": 180.0,  # on a 2-core machine
    "rebuild_s": 15.0,
    "median_chapter_html": 400 * KB,
    "largest_chapter_html": 1 * MB,
    "static_step_ms": 50.0,
    "explorer_update_ms": 20.0,
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
        Row("date (UTC)", dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")),
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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Site:
    """The built HTML served on 127.0.0.1 (random free port)."""

    def __init__(self, html: Path):
        handler = functools.partial(_Quiet, directory=str(html))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()


def _launch(p):
    return p.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    )


def _local_only(context, site_url: str, blocked: list[str], swap: dict[str, bytes] | None = None):
    def route(r):
        url = r.request.url
        if not url.startswith(site_url + "/"):
            blocked.append(url)
            r.abort()
            return
        for suffix, body in (swap or {}).items():
            if url.split("?")[0].endswith(suffix):
                r.fulfill(body=body, content_type="application/javascript")
                return
        r.continue_()

    context.route("**/*", route)


def _wait_for_figures(page) -> int:
    page.wait_for_load_state("load")
    figures = page.locator("div.plotly-graph-div")
    for i in range(figures.count()):
        figures.nth(i).locator(".main-svg").first.wait_for(state="attached", timeout=30_000)
    return figures.count()


# --- page weight ----------------------------------------------------------------------------------------


def page_weight(html: Path) -> tuple[list[Row], list[Row], list[str]]:
    from playwright.sync_api import sync_playwright

    rows, summary, notes = [], [], []
    site = _Site(html)
    chapter = set(_chapter_pages())
    seen: dict[str, int] = {}  # url without query -> gzip bytes (one visit to every page, shared cache)
    html_sizes = {}
    plotly_ok = True
    try:
        with sync_playwright() as p:
            browser = _launch(p)
            for stem in _toc_pages():
                context = browser.new_context(viewport={"width": 1280, "height": 900})  # cold cache
                blocked: list[str] = []
                _local_only(context, site.url, blocked)
                page = context.new_page()
                responses = []
                page.on("response", lambda r, responses=responses: responses.append(r))
                page.goto(f"{site.url}/{stem}.html")
                n_fig = _wait_for_figures(page)
                page.wait_for_timeout(1_500)  # late requests: fonts, the search index, images
                total = 0
                plotly_loads = 0
                for r in responses:
                    try:
                        body = r.body()
                    except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
                        continue
                    path = r.url.split("?")[0]
                    size = len(body) if path.endswith(ALREADY_COMPRESSED) else _gz(body)
                    total += size
                    seen[path] = size
                    plotly_loads += path.endswith(PLOTLY_JS.rsplit("/", 1)[-1])
                context.close()
                html_bytes = (html / f"{stem}.html").stat().st_size
                html_sizes[stem] = html_bytes
                plotly_right = plotly_loads == (1 if n_fig else 0)
                plotly_ok &= plotly_right
                rows.append(
                    Row(
                        f"`{stem}`" + (" (chapter)" if stem in chapter else ""),
                        f"{_kb(html_bytes)} HTML, {n_fig} figure(s); first visit {_kb(total)} gzip, "
                        f"{len(responses)} requests; plotly.js loaded {plotly_loads}×"
                        + (f"; {len(blocked)} outside requests blocked" if blocked else ""),
                        "plotly.js once, only with figures",
                        _verdict(plotly_right and not blocked),
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
    summary += [
        Row(
            "one visit to every page with a shared browser cache (unique files, gzip)",
            f"{_kb(sum(seen.values()))} ({len(seen)} files; plotly.js once)",
        ),
        Row(
            "plotly.js loaded once per page, only on pages with figures",
            "yes" if plotly_ok else "no",
            "yes",
            _verdict(plotly_ok),
        ),
    ]
    notes.append(
        "First-visit bytes are every response of a cold-cache page load in headless Chromium (HTML, CSS, JS, "
        "fonts, images), each gzip-compressed at level 6 except already-compressed formats (woff2, png, ...). "
        "1 KB = 1,000 bytes."
    )
    return rows, summary, notes


# --- plotly.js bundles ----------------------------------------------------------------------------------


def _trace_types() -> tuple[set[str], set[str]]:
    os.environ.pop(STATIC_ENV, None)
    from widgets.figures import FIGURES
    from widgets.figures.core import static_figure

    types, features = set(), set()
    for spec in FIGURES.values():
        fig = static_figure(spec)
        types |= {t.type for t in fig.data}
        layout = fig.to_plotly_json()["layout"]
        features |= {k for k in ("shapes", "annotations", "sliders", "updatemenus", "images") if layout.get(k)}
    return types, features


def plotly_bundles(work: Path, html: Path | None) -> tuple[list[Row], list[str]]:
    """Size of the plotly.js the site ships (the vendored partial bundle) against the full bundle."""
    import plotly

    rows, notes = [], []
    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    full_bytes = full.read_bytes()
    version = full_bytes[:200].decode("utf-8", "replace").split("plotly.js v", 1)[1].split()[0]
    b = VENDORED_BUNDLE.read_bytes()
    rows.append(
        Row(
            f"full bundle `plotly.min.js` v{version} (from the plotly package, not shipped)",
            f"{_kb(len(full_bytes))} raw, {_kb(_gz(full_bytes))} gzip",
        )
    )
    rows.append(
        Row(
            f"shipped: partial bundle `{PARTIAL_BUNDLE}` (`{VENDORED_BUNDLE.name}`)",
            f"{_kb(len(b))} raw, {_kb(_gz(b))} gzip",
        )
    )
    rows.append(
        Row(
            "saving from the partial bundle",
            f"{_kb(len(full_bytes) - len(b))} raw ({1 - len(b) / len(full_bytes):.0%}), "
            f"{_kb(_gz(full_bytes) - _gz(b))} gzip ({1 - _gz(b) / _gz(full_bytes):.0%}) "
            "per first visit to a figure page",
        )
    )
    types, features = _trace_types()
    rows.append(
        Row(
            "trace types used by the figures",
            ", ".join(sorted(types)),
            "scatter, bar, pie",
            _verdict(types <= BASIC_TRACES),
        )
    )
    rows.append(Row("layout features used", ", ".join(sorted(features))))
    notes.append(
        f"The site ships `{PARTIAL_BUNDLE}` (vendored in `_ext/vendor`, the version plotly.py bundles): the "
        "`scatter`, `bar` and `pie` traces plus plotly.js's core components (annotations, shapes, sliders, legend, "
        "mode bar, log axes). The browser tests run every figure with it. The live explorers in JupyterLab are not "
        "affected: their FigureWidget brings its own bundle."
    )
    return rows, notes


# --- interaction ----------------------------------------------------------------------------------------


_TIME_STEPS = """async (gd) => {
    const out = [];
    const sliders = gd.layout.sliders || [];
    for (let k = 0; k < sliders.length; k++) {
        const steps = sliders[k].steps;
        for (let pass = 0; pass < 2; pass++) {           // pass 0 warms up
            for (let i = 0; i < steps.length; i++) {
                const a = steps[(i + 1) % steps.length].args;
                const t0 = performance.now();
                await Plotly.update(gd, a[0], a[1], a[2]);
                const t1 = performance.now();
                await new Promise(r => requestAnimationFrame(() => r()));
                const t2 = performance.now();
                if (pass) out.push([t1 - t0, t2 - t0]);
            }
        }
    }
    return {id: gd.id, samples: out, n_sliders: sliders.length};
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
                n = _wait_for_figures(page)
                figures = page.locator("div.plotly-graph-div")
                for i in range(n):
                    res = figures.nth(i).evaluate(_TIME_STEPS)
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
    args = ap.parse_args(argv)

    sections: list[tuple[str, list[Row], bool]] = []
    notes: list[str] = []

    def section(title: str, fn, *fn_args, budgeted: bool = True):
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
        result = section("Build", builds, work)
        html = None
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
                sections.append(("Page weight: every page", per_page, True))
                notes += n
        else:
            skipped = Row("page weight", "skipped: no built book or no Chromium", status="skipped")
            sections.append(("Page weight", [skipped], True))
        title = "plotly.js: full bundle or partial bundle"
        result = section(title, plotly_bundles, work, html)
        if result:
            sections.append((title, result[0], True))
            notes += result[1]
        if have_browser:
            title = "Interaction in the static book (headless Chromium, `Plotly.update` per slider step)"
            result = section(title, static_interaction, html)
            if result is not None:
                sections.append((title, result, True))
        title = "Live explorers (Python, one update)"
        result = section(title, live_explorers)
        if result:
            sections.append((title, result[0], True))
            notes += result[1]
        result = section("Cascade model", cascade)
        if result:
            sections.append(("Cascade model", result[0], True))
            notes += result[1]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    failed = [r for _, rows, budgeted in sections if budgeted for r in rows if r.status == "FAIL"]
    out = [
        "# Benchmark report",
        "",
        "Written by `make bench` (`benchmarks/run.py`); the numbers hold for the machine below. "
        "Budgets are those of the quality gates; tests never assert on time.",
        "",
        f"**{len(failed)} budget(s) failed.**" if failed else "**All budgets met.**",
    ]
    for title, rows, budgeted in sections:
        out += ["", f"## {title}", "", _table(rows, budgeted)]
    if notes:
        out += ["", "## Notes"]
        for note in notes:
            out += ["", note]
    args.output.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
