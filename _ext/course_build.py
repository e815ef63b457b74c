"""Local Sphinx extension: the book build's own rules.

1. Static figures only.  At ``config-inited`` it sets the environment variable
   that tells :mod:`widgets.display` to emit static Plotly figures and never
   create a widget (kernels started by myst-nb inherit it), whatever command
   started the build.
2. A cache that cannot go stale.  jupyter-cache keys executed notebooks on
   their code cells only, and Sphinx re-reads a page only when its source
   changes, not when the ``widgets`` package it imports does.  This extension
   hashes the package, the quiz files it reads and the pinned requirements;
   when the hash changes it clears the execution cache and has Sphinx re-read
   every page, so no figure or model number in the book is ever stale.
3. Figures load after the text.  Pages with a figure get one deferred script,
   ``_static/course/figures.js`` (from ``_ext/static``), which loads plotly.js
   from the site only when a figure comes near the screen, draws it in the box
   that reserves its height, makes its sliders combine and adds keyboard
   controls.  plotly.js is the smallest official partial bundle (vendored in
   ``_ext/vendor``) that draws every trace type of the registered figures
   (:func:`pick_bundle`).  No CDN: the book works offline and from
   ``file://``.  Every other external script of the page is deferred too, and
   the theme's ``fontawesome.js`` (the whole icon set as JavaScript, 1.5 MB)
   is not loaded: the theme's stylesheet already draws the icons with its web
   fonts (``_ext/templates/layout.html``).
4. One thebe configuration script per page.  With jupyter-book 1.0.4 and
   sphinx-thebe 0.3.1 the inline script declaring ``const THEBE_JS_URL`` is
   registered twice, so every page logs "Identifier 'THEBE_JS_URL' has
   already been declared" (a SyntaxError in the console).  Identical inline
   scripts are dropped from each page's script list.
5. Our own CSS and JavaScript, on every page.  Jupyter Book 1 adds every
   ``.css``/``.js`` file of a ``_static`` folder at the *book root* to every
   page, but the book root is the repository and our files live in
   ``book/_static``, which it ignores.  That folder is added to
   ``html_static_path`` and each of its ``.css``/``.js`` files to every page
   (deferred); a stylesheet whose name starts with ``print`` gets
   ``media="print"``.
6. Icon fonts trimmed to the icons used.  The theme's stylesheet draws about 20
   icons from Font Awesome's web fonts, 275 KB of fonts that a first visit
   fetches with high priority.  When the build is finished, the solid, regular
   and brands fonts are cut down to the icons that the pages and the theme's
   scripts name (:func:`trim_icon_fonts`), a few kilobytes.
7. A bibliography that assistive technology can read.  docutils writes the
   bibliography as ``<div role="list">`` whose entries carry
   ``role="doc-biblioentry"``, a role that DPUB-ARIA 1.1 deprecated because it
   is not a list item (w3c/dpub-aria#22), so a list with no items
   (axe ``aria-required-children``).  The entries are given ``role="listitem"``.
   myst-nb labels the toggle of a hidden code cell "Toggle hidden content" while
   it shows "Show code cell source" (WCAG 2.5.3, label in name); that label is
   dropped so that the visible text names the control.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Must match widgets.display.STATIC_ENV (checked by a test).
STATIC_ENV = "KETAMINE_COURSE_STATIC"
#: Our own static files (relative to the book root), added to every page.
OWN_STATIC = "book/_static"
#: Folder under the site's ``_static`` for the figure script and plotly.js.
COURSE_STATIC = "course"
HERE = Path(__file__).parent
FIGURES_JS = HERE / "static" / "figures.js"
VENDOR = HERE / "vendor"
TEMPLATES = HERE / "templates"
_HASH_FILE = "widgets-source.sha256"

#: The official partial bundles of plotly.js that we vendor, smallest first, with the trace types each draws
#: (the README of each npm package ``plotly.js-<name>-dist-min``).
BUNDLES: tuple[tuple[str, frozenset[str]], ...] = (
    ("plotly-basic.min.js", frozenset({"scatter", "bar", "pie"})),
    (
        "plotly-cartesian.min.js",
        frozenset(
            {
                "bar",
                "box",
                "contour",
                "heatmap",
                "histogram",
                "histogram2d",
                "histogram2dcontour",
                "image",
                "pie",
                "scatter",
                "scatterternary",
                "violin",
            }
        ),
    ),
)


def pick_bundle(trace_types) -> str:
    """File name of the smallest vendored plotly.js bundle that draws every one of ``trace_types``."""
    needed = set(trace_types)
    for name, types in BUNDLES:
        if needed <= types:
            return name
    drawable = set().union(*(types for _, types in BUNDLES))
    raise ValueError(
        f"no vendored plotly.js bundle draws {sorted(needed - drawable)}: vendor a larger official "
        "partial bundle in _ext/vendor (see its README) and list it in BUNDLES"
    )


def used_trace_types() -> set[str]:
    """Every trace type that the registered figures draw."""
    from widgets.figures import trace_types

    return trace_types()


def _source_hash(root: Path) -> str:
    digest = hashlib.sha256()
    files = sorted((root / "widgets").rglob("*.py")) + sorted((root / "book" / "quizzes").glob("*.json"))
    files.append(root / "requirements.txt")
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _on_config_inited(app: Sphinx, config) -> None:
    os.environ[STATIC_ENV] = "1"
    # Same default as myst-nb: <build dir>/.jupyter_cache next to the html output.
    cache = getattr(config, "nb_execution_cache_path", "") or Path(app.outdir).parent / ".jupyter_cache"
    cache_dir = Path(cache)
    stamp = cache_dir.parent / _HASH_FILE
    current = _source_hash(Path(app.srcdir))
    app.course_widgets_changed = not stamp.is_file() or stamp.read_text() != current
    if cache_dir.exists() and app.course_widgets_changed:
        logger.info("widgets package changed: clearing the execution cache %s", cache_dir)
        shutil.rmtree(cache_dir)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))
    _add_own_static(app, config)


def _on_env_get_outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Re-read every page when the widgets package changed: its figures and model numbers come from it."""
    if getattr(app, "course_widgets_changed", False):
        return sorted(set(env.found_docs) - set(added) - set(changed) - set(removed))
    return []


def _add_own_static(app: Sphinx, config) -> None:
    static = Path(app.srcdir) / OWN_STATIC
    if not static.is_dir():
        return
    if OWN_STATIC not in config.html_static_path:
        config.html_static_path.append(OWN_STATIC)
    listed_css = {c[0] if isinstance(c, (tuple, list)) else c for c in config.html_css_files}
    listed_js = {j[0] if isinstance(j, (tuple, list)) else j for j in config.html_js_files}
    for path in sorted(static.rglob("*.css")):
        name = path.relative_to(static).as_posix()
        if name not in listed_css:
            # A print stylesheet (print.css, print-*.css) applies to paper only.
            if path.stem.startswith("print"):
                app.add_css_file(name, media="print")
            else:
                app.add_css_file(name)
    for path in sorted(static.rglob("*.js")):
        name = path.relative_to(static).as_posix()
        if name not in listed_js:
            app.add_js_file(name, loading_method="defer")


def _on_builder_inited(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.course_plotly_bundle = pick_bundle(used_trace_types())
    # Copied before any page is written, so that each page's script tag carries the file's checksum.
    target = Path(app.outdir) / "_static" / COURSE_STATIC
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIGURES_JS, target / FIGURES_JS.name)
    shutil.copyfile(VENDOR / app.course_plotly_bundle, target / app.course_plotly_bundle)
    for stale in target.glob("plotly-*.min.js"):
        if stale.name != app.course_plotly_bundle:
            stale.unlink()


_BIBLIOENTRY = re.compile(r'(<div class="citation" id="[^"]*") role="doc-biblioentry"')
#: Where pydata-sphinx-theme puts Font Awesome's web fonts, and the stylesheet that maps icon names to code points.
ICON_FONTS = "_static/vendor/fontawesome/webfonts"
ICON_CSS = "_static/styles/pydata-sphinx-theme.css"
#: The theme's scripts that pages load (fontawesome.js is not loaded, see the layout override).
ICON_SCRIPTS = ("_static/scripts/pydata-sphinx-theme.js", "_static/scripts/sphinx-book-theme.js")
_ICON_NAME = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)")
_ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:{1,2}before,?)+)\{content:"\\([0-9a-f]+)"\}')


def icon_codepoints(outdir: Path) -> set[int]:
    """Code points of every Font Awesome icon that a built page or a loaded theme script names."""
    names: set[str] = set()
    for path in [*outdir.rglob("*.html"), *(outdir / s for s in ICON_SCRIPTS)]:
        if path.is_file():
            names.update(_ICON_NAME.findall(path.read_text(encoding="utf-8", errors="replace")))
    codepoints = set()
    for rule in _ICON_RULE.finditer((outdir / ICON_CSS).read_text(encoding="utf-8")):
        selectors = set(re.findall(r"\.fa-([a-z0-9-]+):", rule.group(1)))
        if selectors & names:
            codepoints.add(int(rule.group(2), 16))
    return codepoints


def trim_icon_fonts(outdir: Path) -> dict[str, tuple[int, int]]:
    """Cut each Font Awesome font of the site down to the icons used; returns name -> (bytes before, after)."""
    from fontTools import subset

    fonts = outdir / ICON_FONTS
    if not fonts.is_dir() or not (outdir / ICON_CSS).is_file():
        return {}
    codepoints = icon_codepoints(outdir)
    sizes = {}
    for path in sorted(fonts.glob("fa-*")):
        if path.suffix not in (".woff2", ".ttf"):
            continue
        options = subset.Options()
        options.flavor = "woff2" if path.suffix == ".woff2" else None
        options.layout_features = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(path), options)
        before = path.stat().st_size
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        subset.save_font(font, str(path), options)
        sizes[path.name] = (before, path.stat().st_size)
    return sizes


def _on_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    if "plotly-graph-div" in body:
        app.add_js_file(
            f"{COURSE_STATIC}/{FIGURES_JS.name}",
            priority=600,
            loading_method="defer",
            **{"data-plotly-bundle": app.course_plotly_bundle},
        )
    if "doc-biblioentry" in body:
        body = context["body"] = _BIBLIOENTRY.sub(r'\1 role="listitem"', body)
    if '<summary aria-label="Toggle hidden content">' in body:
        context["body"] = body.replace('<summary aria-label="Toggle hidden content">', "<summary>")
    scripts = context.get("script_files")
    if scripts:
        seen: set[str] = set()
        unique = []
        for script in scripts:
            attributes = getattr(script, "attributes", {})
            body_js = attributes.get("body")
            if body_js and not getattr(script, "filename", None):
                # The twin is registered once with filename None and once with "".
                if body_js in seen:
                    continue
                seen.add(body_js)
            elif getattr(script, "filename", None) and "async" not in attributes:
                # Nothing on the page needs a script before the text is parsed.
                attributes["defer"] = "defer"
            unique.append(script)
        context["script_files"] = unique


def _on_build_finished(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "html":
        for name, (before, after) in trim_icon_fonts(Path(app.outdir)).items():
            logger.info("icon font %s trimmed to the icons used: %d -> %d bytes", name, before, after)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _on_config_inited)
    app.connect("env-get-outdated", _on_env_get_outdated)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("html-page-context", _on_page_context)
    app.connect("build-finished", _on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
