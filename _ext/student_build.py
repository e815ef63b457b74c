"""Local Sphinx extension for the student build: solutions and answer keys removed whole.

``tools/student_config.py`` loads it together with sphinx-exercise's ``hide_solutions: true``;
it does nothing when ``hide_solutions`` is false.

sphinx-exercise removes plain ``{solution}`` directives itself, but not *gated* solutions
(``solution-start`` ... ``solution-end``, which a solution needs when it contains a code cell):
the start directive returns nothing, so the content in between stays on the page and the
leftover end marker crashes the HTML writer (executablebooks/sphinx-exercise#89).  Here:

1. ``solution-start`` leaves a marker, and a transform removes everything from the marker to
   the matching ``solution-end`` (text, code cells and their outputs);
2. every element with the class ``answer-key`` (the answer keys on the instructors page) is
   replaced by a one-line note;
3. the page sources copied for download (``_sources``: ``.md`` and ``.ipynb``) are scrubbed of
   the same blocks, so the "download as notebook" button gives no solutions away either.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx_exercise.directive import SolutionStartDirective
from sphinx_exercise.nodes import solution_end_node

logger = logging.getLogger(__name__)

#: Class of the blocks that only instructors see (e.g. ``:class: dropdown answer-key``).
ANSWER_KEY_CLASS = "answer-key"
ANSWER_KEY_NOTE = "The answer key is not part of the student build."

_FENCE = r"(?P<fence>`{3,}|~{3,}|:{3,})"
_SOLUTION_START = re.compile(r"^" + _FENCE + r"\{solution-start\}")
_SOLUTION_END = re.compile(r"^" + _FENCE + r"\{solution-end\}")
_SOLUTION = re.compile(r"^" + _FENCE + r"\{solution\}")
_DIRECTIVE = re.compile(r"^" + _FENCE + r"\{[A-Za-z0-9_:-]+\}")
_CLASS_OPTION = re.compile(r"^:class:\s*(?P<classes>.*)$")


class hidden_solution_marker(nodes.Element):
    """Where a gated solution started; removed with the solution before writing."""


class _StudentSolutionStart(SolutionStartDirective):
    def run(self):
        result = super().run()  # registers the gated directive; returns [] when solutions are hidden
        if self.env.app.config.hide_solutions:
            return [hidden_solution_marker()]
        return result


class RemoveHiddenSolutions(SphinxTransform):
    """Drop each gated solution whole, and replace answer keys by a note."""

    # After sphinx-exercise checks the gated structure (1), before it merges gated solutions (10).
    default_priority = 5

    def apply(self):
        if not self.config.hide_solutions:
            return
        for marker in list(self.document.findall(hidden_solution_marker)):
            parent = marker.parent
            start = parent.index(marker)
            end = next(
                (i for i in range(start + 1, len(parent.children)) if isinstance(parent[i], solution_end_node)),
                None,
            )
            if end is None:
                logger.warning("a gated solution has no solution-end at the same level", location=marker)
                parent.remove(marker)
                continue
            for child in parent.children[start : end + 1]:
                parent.remove(child)
        for node in list(
            self.document.findall(lambda n: isinstance(n, nodes.Element) and ANSWER_KEY_CLASS in n.get("classes", []))
        ):
            note = nodes.paragraph(text=ANSWER_KEY_NOTE)
            node.replace_self(note)
            note["classes"] = ["answer-key-omitted"]  # replace_self copies the old classes


def _directive_classes(lines: list[str], start: int) -> list[str]:
    """Classes given in the option lines that follow a directive's opening fence."""
    classes: list[str] = []
    for line in lines[start + 1 :]:
        stripped = line.strip()
        if not stripped.startswith(":") or _DIRECTIVE.match(stripped):
            break
        match = _CLASS_OPTION.match(stripped)
        if match:
            classes += match.group("classes").split()
    return classes


def scrub_markdown(lines: list[str], state: dict) -> list[str]:
    """Lines without solutions and answer keys; ``state`` carries an open block across notebook cells."""
    bare_lines = [line.rstrip("\n") for line in lines]
    kept: list[str] = []
    for i, line in enumerate(lines):
        bare = bare_lines[i]
        mode = state.get("mode")
        if mode == "gated":
            # Skip up to the solution-end directive, then to its closing fence.
            end = _SOLUTION_END.match(bare)
            if end:
                state.update(mode="closing", fence=end.group("fence"))
        elif mode in ("closing", "block"):
            if bare.strip() == state["fence"]:
                state.clear()
        else:
            start = _SOLUTION_START.match(bare)
            plain = _SOLUTION.match(bare)
            directive = _DIRECTIVE.match(bare)
            if start:
                state.update(mode="gated")
            elif plain:
                state.update(mode="block", fence=plain.group("fence"))
            elif directive and ANSWER_KEY_CLASS in _directive_classes(bare_lines, i):
                state.update(mode="block", fence=directive.group("fence"))
            else:
                kept.append(line)
    return kept


def scrub_notebook(notebook: dict) -> dict:
    """The notebook without solutions (a gated solution spans markdown and code cells)."""
    state: dict = {}
    cells = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            if not state:  # a code cell inside a solution goes, with its outputs
                cells.append(cell)
            continue
        source = cell.get("source", "")
        lines = source.splitlines(keepends=True) if isinstance(source, str) else list(source)
        kept = scrub_markdown(lines, state)
        if kept != lines:
            if not "".join(kept).strip():
                continue
            cell["source"] = kept
        cells.append(cell)
    notebook["cells"] = cells
    return notebook


def _scrub_sources(app: Sphinx, exception) -> None:
    if exception is not None or not app.config.hide_solutions or app.builder.format != "html":
        return
    sources = Path(app.outdir) / "_sources"
    if not sources.is_dir():
        return
    for path in sources.rglob("*"):
        if path.suffix == ".ipynb":
            notebook = json.loads(path.read_text(encoding="utf-8"))
            path.write_text(json.dumps(scrub_notebook(notebook), indent=1, ensure_ascii=False), encoding="utf-8")
        elif path.suffix in (".md", ".txt"):
            text = path.read_text(encoding="utf-8")
            path.write_text("".join(scrub_markdown(text.splitlines(keepends=True), {})), encoding="utf-8")


def _skip(self, node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_exercise")
    app.add_node(hidden_solution_marker, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.add_directive("solution-start", _StudentSolutionStart, override=True)
    app.add_transform(RemoveHiddenSolutions)
    app.connect("build-finished", _scrub_sources)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
