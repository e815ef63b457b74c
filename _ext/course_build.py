"""Local Sphinx extension: the book build's own rules.

1. Static figures only.  At ``config-inited`` it sets the environment variable
   that tells :mod:`widgets.display` to emit static Plotly HTML and never
   create a widget (kernels started by myst-nb inherit it), whatever command
   started the build.
2. A cache that cannot go stale.  jupyter-cache keys executed notebooks on
   their code cells only, not on the ``widgets`` package they import; this
   extension hashes the package, the quiz files it reads and the pinned
   requirements, and clears the execution cache when the hash changes.
3. plotly.js once, from the site itself.  The official partial bundle
   ``plotly-basic`` (vendored in ``_ext/vendor``, at the version plotly.py
   bundles) is copied to ``_static/course/`` and added only to pages that
   contain a Plotly figure (no CDN, works offline and from ``file://``).  It is
   not placed in ``html_static_path``, because Jupyter Book adds every script
   found there to every page.
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
   (e.g. ``a11y-sliders.js``, the keyboard controls of the static figures);
   a stylesheet whose name starts with ``print`` gets ``media="print"``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Must match widgets.display.STATIC_ENV (checked by a test).
STATIC_ENV = "KETAMINE_COURSE_STATIC"
PLOTLY_JS = "course/plotly-basic.min.js"
#: Our own static files (relative to the book root), added to every page.
OWN_STATIC = "book/_static"
_HASH_FILE = "widgets-source.sha256"


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
    if cache_dir.exists() and (not stamp.is_file() or stamp.read_text() != current):
        logger.info("widgets package changed: clearing the execution cache %s", cache_dir)
        shutil.rmtree(cache_dir)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    _add_own_static(app, config)


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
            app.add_js_file(name)


#: The official partial bundle (scatter, bar, pie): a quarter of the full bundle's size.
PLOTLY_BUNDLE = Path(__file__).parent / "vendor" / "plotly-basic.min.js"
#: Trace types that PLOTLY_BUNDLE can draw.
PLOTLY_BUNDLE_TRACES = frozenset({"scatter", "bar", "pie"})


def _plotly_bundle() -> Path:
    return PLOTLY_BUNDLE


def _on_page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if "plotly-graph-div" in context.get("body", ""):
        app.add_js_file(PLOTLY_JS, priority=200)
    scripts = context.get("script_files")
    if scripts:
        seen: set[str] = set()
        unique = []
        for script in scripts:
            body = getattr(script, "attributes", {}).get("body")
            if body and not getattr(script, "filename", None):
                # The twin is registered once with filename None and once with "".
                if body in seen:
                    continue
                seen.add(body)
            unique.append(script)
        context["script_files"] = unique


def _on_build_finished(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir) / "_static" / PLOTLY_JS
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_plotly_bundle(), target)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _on_config_inited)
    app.connect("html-page-context", _on_page_context)
    app.connect("build-finished", _on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
