"""Local Sphinx extension: the chapter kit.

A chapter is written in its own files: ``book/stepNN_<slug>.md``, its quiz
``book/quizzes/stepNN.json``, its figure module
``widgets/figures/stepNN_<slug>.py`` and its tests.  What every chapter
repeats, and what other pages say about the chapters, comes from here:

* **Metadata, once.**  Each chapter's front matter has a ``course:`` block:
  ``step``, ``part`` (minutes, hours, days or journey), ``study_time_min``,
  ``where_in_time``, ``metaphors`` (the article's pictures), ``objectives``
  and ``figures`` (the registry names of the figures it shows).
  :func:`chapter_meta` reads and checks it.
* ``{chapter-start}``: the "At a glance" box built from that metadata, then
  the disclaimer and the run-live tip (``book/_includes``).
* ``{timeline-figure} stepNN``: the "On the timeline" figure, with its caption
  and name.  It is expanded into a code cell when the page is read
  (``source-read``), so that it runs like every other figure.
* ``{course-map-table}`` (the introduction) and ``{outcomes-table}`` (the
  instructors' page): one row per chapter of ``_toc.yml``, from the metadata;
  steps that have no chapter yet come from the ``course: planned:`` list of the
  introduction.  ``{planned-steps}`` writes the sentence that lists them.
* ``{chapter-teaching} Discussion questions`` and ``{chapter-teaching} Answer
  keys`` (the instructors' page): each chapter's section from its teaching notes,
  ``book/_teaching/<chapter>.md``.
* ``{num}`key:format```: a number computed by the course's model
  (:data:`widgets.figures.NUMBERS`), e.g. ``{num}`course_peak_pct:.0f```, so
  that no sentence can disagree with the model.  A missing key or a bad format
  is an error, and the strict build fails on it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

#: Key of the chapter metadata in a chapter's front matter.
META_KEY = "course"
#: The time scales of the course's parts, in order, with the words the tables use.
PARTS = {"minutes": "minutes", "hours": "hours", "days": "days", "journey": "minutes to weeks"}
REQUIRED = ("step", "part", "study_time_min", "where_in_time", "metaphors", "objectives", "figures")
#: The introduction (step 0) has no "At a glance" box; the instructors' table needs these.
INTRO_REQUIRED = ("step", "study_time_min", "objectives")
INCLUDES = ("book/_includes/disclaimer.md", "book/_includes/run-live.md")
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_TIMELINE = re.compile(r"^```\{timeline-figure\}[ \t]+(step\d\d)[ \t]*\n```[ \t]*$", re.M)
_TERM = re.compile(r"\{term\}`([^`<]+?)(?:\s*<[^>]*>)?`")


class ChapterMetaError(ValueError):
    """A chapter's ``course:`` front matter is missing or wrong."""


def front_matter(path: Path) -> dict:
    """The YAML front matter of a MyST file (empty if it has none)."""
    match = _FRONT.match(path.read_text(encoding="utf-8"))
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


def chapter_meta(path: Path) -> dict:
    """The checked ``course:`` metadata of a step chapter (or of the introduction, whose ``step`` is 0)."""
    meta = front_matter(path).get(META_KEY)
    if not isinstance(meta, dict):
        raise ChapterMetaError(f"{path.name}: the front matter needs a '{META_KEY}:' block ({', '.join(REQUIRED)})")
    required = INTRO_REQUIRED if meta.get("step") == 0 else REQUIRED
    missing = [k for k in required if k not in meta]
    if missing:
        raise ChapterMetaError(f"{path.name}: '{META_KEY}:' lacks {', '.join(missing)}")
    if meta["step"] != 0 and meta["part"] not in PARTS:
        raise ChapterMetaError(f"{path.name}: part must be one of {', '.join(PARTS)}; got {meta['part']!r}")
    if not isinstance(meta["objectives"], list) or not 3 <= len(meta["objectives"]) <= 4:
        raise ChapterMetaError(f"{path.name}: objectives must be a list of 3-4 items")
    if not isinstance(meta["study_time_min"], int) or meta["study_time_min"] <= 0:
        raise ChapterMetaError(f"{path.name}: study_time_min must be a whole number of minutes")
    from widgets.figures import FIGURES

    unknown = [f for f in meta.get("figures", ()) if f not in FIGURES]
    if unknown:
        raise ChapterMetaError(f"{path.name}: figures {unknown} are not registered in widgets.figures")
    return meta


def _title(path: Path) -> str:
    match = re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), re.M)
    return match.group(1).strip() if match else path.stem


def _label(path: Path) -> str:
    match = re.search(r"^\(([\w-]+)\)=$", path.read_text(encoding="utf-8"), re.M)
    return match.group(1) if match else path.stem


def plain(text: str) -> str:
    """MyST text with its glossary links reduced to their words (for tables that repeat a chapter's objectives)."""
    return _TERM.sub(lambda m: m.group(1).strip(), text)


def toc_chapters(srcdir: Path) -> list[Path]:
    """The introduction and every step chapter of ``_toc.yml``, in order."""
    toc = yaml.safe_load((srcdir / "_toc.yml").read_text(encoding="utf-8"))
    stems = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    return [srcdir / f"{s}.md" for s in stems if Path(s).name == "intro" or Path(s).name.startswith("step")]


def _rows(env) -> tuple[list[tuple[Path, dict]], list[dict]]:
    """Chapters with their metadata, and the planned steps that have no chapter yet."""
    srcdir = Path(env.srcdir)
    chapters = []
    for path in toc_chapters(srcdir):
        env.note_dependency(str(path))
        chapters.append((path, chapter_meta(path)))
    written = {m["step"] for _, m in chapters}
    intro = next((p for p, m in chapters if m["step"] == 0), None)
    planned = front_matter(intro).get(META_KEY, {}).get("planned", []) if intro else []
    return chapters, [p for p in planned if p["step"] not in written]


class _Markdown(SphinxDirective):
    """A directive whose output is MyST text, parsed in place (headings become sections of the page)."""

    def parse(self, text: str) -> list[nodes.Node]:
        container = nodes.container()
        lines = StringList(text.splitlines(), source=self.env.docname)
        self.state.nested_parse(lines, self.content_offset, container, match_titles=True)
        return container.children


class ChapterStart(_Markdown):
    """The "At a glance" box of a chapter, then the disclaimer and the run-live tip."""

    def run(self):
        path = Path(self.env.doc2path(self.env.docname))
        meta = chapter_meta(path)
        lines = [
            "```{admonition} At a glance",
            ":class: note",
            "",
            f"- **Where in time:** {meta['where_in_time'].strip()}",
            f"- **Study time:** about {meta['study_time_min']} minutes.",
            "- **After this chapter you will be able to:**",
        ]
        lines += [f"  {i}. {objective.strip()}" for i, objective in enumerate(meta["objectives"], start=1)]
        lines += ["```", ""]
        srcdir = Path(self.env.srcdir)
        for include in INCLUDES:
            self.env.note_dependency(str(srcdir / include))
            lines += [(srcdir / include).read_text(encoding="utf-8"), ""]
        return self.parse("\n".join(lines))


def _when(step: int) -> str:
    """When the model has a step under way, in words ("—" for a chapter beyond the article's steps)."""
    from widgets.figures.course_map import spans_text
    from widgets.models.landmarks import landmark

    try:
        return spans_text(landmark(f"step{step:02d}"))
    except ValueError:
        return "—"


class CourseMapTable(_Markdown):
    """The introduction's table of every step: chapter, the article's picture, and when the model has it under way."""

    def run(self):
        chapters, planned = _rows(self.env)
        rows = []
        for path, meta in chapters:
            if meta["step"]:
                step = "–" if meta["part"] == "journey" else str(meta["step"])
                doc = f"{{doc}}`{path.stem}`"
                rows.append((meta["step"], step, doc, meta["metaphors"], _when(meta["step"])))
        for p in planned:
            title = f"Step {p['step']}: {p['title']} (in preparation)"
            rows.append((p["step"], str(p["step"]), title, p["metaphors"], _when(p["step"])))
        lines = ["| Step | Chapter | The article's picture | Under way (model) |", "|---|---|---|---|"]
        lines += [f"| {s} | {c} | {m} | {t} |" for _, s, c, m, t in sorted(rows)]
        return self.parse("\n".join(lines))


class OutcomesTable(_Markdown):
    """The instructors' table: every chapter with its label, study time and objectives."""

    def run(self):
        chapters, _ = _rows(self.env)
        lines = ["| Chapter | Study time | After the chapter, students can |", "|---|---|---|"]
        for path, meta in chapters:
            objectives = "; ".join(plain(o).strip().rstrip(".;") for o in meta["objectives"])
            lines.append(
                f"| {{doc}}`{path.stem}` (label `{_label(path)}`) | about {meta['study_time_min']} minutes "
                f"| {objectives}. |"
            )
        return self.parse("\n".join(lines))


class PlannedSteps(_Markdown):
    """Its content, with ``{steps}`` naming the steps that have no chapter yet; nothing once every step is written."""

    has_content = True

    def run(self):
        _, planned = _rows(self.env)
        if not planned:
            return []
        names = [f"step {p['step']} ({p['title']})" for p in sorted(planned, key=lambda p: p["step"])]
        listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
        return self.parse("\n".join(self.content).replace("{steps}", listed))


TEACHING = "book/_teaching"


def teaching_section(path: Path, title: str) -> str:
    """The text under ``## <title>`` in a chapter's teaching notes (empty if there is none)."""
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    return match.group(1).strip() if match else ""


class ChapterTeaching(_Markdown):
    """One section of every chapter's teaching notes (``book/_teaching/<chapter>.md``), in the order of the book.

    The argument names the section, e.g. ``Discussion questions``: each chapter's text under that heading
    follows a heading with the chapter's title (answer keys carry their own titles and get none).
    """

    required_arguments = 1
    final_argument_whitespace = True

    def run(self):
        title = self.arguments[0].strip()
        srcdir = Path(self.env.srcdir)
        parts = []
        for path in toc_chapters(srcdir):
            notes = srcdir / TEACHING / path.name
            self.env.note_dependency(str(notes))
            if not notes.is_file():
                raise self.error(f"{path.name} has no teaching notes: create {TEACHING}/{path.name}")
            body = teaching_section(notes, title)
            if not body:
                raise self.error(f"{TEACHING}/{path.name} has no section '## {title}'")
            if title.lower().startswith("answer"):
                parts.append(body)
            else:
                heading = _title(path)
                if chapter_meta(path)["step"] == 0:
                    heading = f"Introduction: {heading[0].lower()}{heading[1:]}"
                parts.append(f"### {heading}\n\n{body}")
        return self.parse("\n\n".join(parts))


class TimelineFigure(SphinxDirective):
    """Placeholder: ``{timeline-figure}`` is expanded into a code cell when the page is read."""

    required_arguments = 1
    option_spec = {"class": directives.class_option}

    def run(self):
        raise self.error("{timeline-figure} must stand on its own: a fence line, the step, and a closing fence")


def timeline_cell(key: str) -> str:
    """The "On the timeline" code cell of step ``key``, with its caption and figure name.

    A chapter beyond the article's steps (no landmark of its own) gets the timeline without a highlight.
    """
    from widgets.figures.curves import curve_name
    from widgets.models.landmarks import landmark

    try:
        lm = landmark(key)
    except ValueError:
        lm = None
    if lm is None:
        what, call = "every step of the cascade", 'show("timeline")'
        tail = "moves the dotted line and the markers on the curves."
    else:
        process = curve_name(lm.curve, numbered=False)
        what = f"step {lm.step} ({process}) highlighted" if lm.step < 10 else f"the {process} highlighted"
        call = f'show("timeline", highlight="{key}")'
        tail = "moves the dotted line and the marker on the highlighted curve."
    caption = (
        f"The overlapping timeline with {what} (teaching model). "
        "Every process of the course after one research infusion (0.5 mg/kg over 40 minutes, time zero at its "
        "start), each as a percentage of its own peak, on a logarithmic axis from 1 minute to 6 weeks. "
        "The curves come from the course's cascade model, calibrated to published human and animal time courses. "
        f'The slider "time since the infusion started" {tail}'
    )
    return "\n".join(
        [
            "```{code-cell} ipython3",
            "---",
            "tags: [hide-input]",
            "mystnb:",
            "  figure:",
            f"    caption: {json.dumps(caption)}",  # a JSON string is a valid YAML scalar
            f"    name: fig-{key}-timeline",
            "---",
            call,
            "```",
        ]
    )


def _expand_timeline(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0] = _TIMELINE.sub(lambda m: timeline_cell(m.group(1)), source[0])


@cache
def model_number(key: str):
    """The value of model number ``key`` (computed once per build)."""
    from widgets.figures import NUMBERS

    if key not in NUMBERS:
        raise KeyError(f"no model number {key!r}; the figure modules' NUMBERS define: {', '.join(sorted(NUMBERS))}")
    return NUMBERS[key]()


def num_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{num}`key:format``` -> the model's number, formatted (``format`` as in Python's format spec)."""
    key, _, spec = text.partition(":")
    try:
        shown = format(model_number(key.strip()), spec or "g")
    except (KeyError, ValueError, TypeError) as err:
        msg = inliner.reporter.error(f"{{num}}`{text}`: {err}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    return [nodes.inline(rawtext, shown, classes=["model-number"])], []


def setup(app: Sphinx) -> dict:
    app.add_directive("chapter-start", ChapterStart)
    app.add_directive("course-map-table", CourseMapTable)
    app.add_directive("outcomes-table", OutcomesTable)
    app.add_directive("planned-steps", PlannedSteps)
    app.add_directive("chapter-teaching", ChapterTeaching)
    app.add_directive("timeline-figure", TimelineFigure)
    app.add_role("num", num_role)
    app.connect("source-read", _expand_timeline)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
