"""Start a new step chapter from the chapter standard (or: make chapter STEP=2 SLUG=glutamate_surge).

    python tools/new_chapter.py STEP SLUG [--title TITLE] [--part minutes|hours|days]

Creates, for step ``NN`` and slug ``<slug>``:

* ``book/stepNN_<slug>.md``: the chapter, with its front matter, the headings of the standard in order,
  the "At a glance" box, a first figure, the "On the timeline" figure, a quiz, an exercise with a hidden
  solution and the key takeaways, every section marked TODO;
* ``book/quizzes/stepNN.json``: five template questions to replace;
* ``book/_teaching/stepNN_<slug>.md``: discussion questions and the answer key for the instructors' page;
* ``widgets/figures/stepNN_<slug>.py``: a figure module with one FigureSpec (the step's process from the
  cascade model, with a time slider), its ``PARAMS``, ``FIGURES`` and ``NUMBERS``;
* ``tests/figures/test_stepNN_<slug>.py``: that figure's own tests.

Nothing else is edited.  Then add ``book/stepNN_<slug>`` to ``_toc.yml``; the introduction's course map,
the instructors' tables, the figure and parameter registries and the contract tests pick the chapter up
by themselves.  See CONTRIBUTING.md.  The files are a scaffold: every TODO must be replaced before the
chapter is published.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("minutes", "hours", "days")


def _chapter(key: str, stem: str, name: str, step: int, title: str, part: str) -> str:
    return f'''---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3
  language: python
  name: python3
course:
  step: {step}
  part: {part}
  study_time_min: 25
  where_in_time: >-
    TODO: when the step begins, peaks and ends after one infusion, in one or two sentences.
  metaphors: "TODO: the article's pictures for this step"
  objectives:
    - "TODO: first learning objective, a verb students can be checked on (explain, read, compare ...);"
    - "TODO: second learning objective;"
    - "TODO: third learning objective."
  figures: [{name}, timeline]
---

({key})=
# Step {step}: {title}

*TODO: a one-line summary of the step, and the question the chapter asks about it.*

```{{chapter-start}}
```

```{{code-cell}} ipython3
:tags: [remove-input]
from widgets import show, show_quiz
```

## The metaphor

TODO: the article's picture first, in your own words; then what in the figure comes from the model.
Link each technical term to the glossary at its first use, for example an {{term}}`infusion`.

```{{code-cell}} ipython3
---
tags: [hide-input]
mystnb:
  figure:
    caption: >-
      TODO: what the figure shows, whether it is human data, animal data or a teaching model, and what each slider
      does.
    name: fig-{key}-{name.replace("_", "-")}
---
show("{name}")
```

Try this with the slider:

- TODO: two or three things to try, with the model's numbers written as roles, for example: the process peaks at
  about {{num}}`{key[:1]}{key[4:]}_peak_h:.0f` hours after the infusion starts.

## The science

TODO: the mechanism, every term defined at first use, short paragraphs, the model's figures with units and
sources.

## On the timeline

TODO: where this step sits on the overlapping timeline, and what runs before and after it.

```{{timeline-figure}} {key}
```

## What people report

TODO: the experiences the article lists, framed as reports, with how common they are where data exist.

## Evidence check

### What is established in people

- TODO, with citations, for example {{cite}}`zanos2018`.
  (**human evidence**)

### What rests on animal data

- TODO, for example {{cite}}`modasava2019`.
  (**animal evidence**)

### What is hypothesis or teaching choice

- TODO.
  (**hypothesis**)

### Where the article overstates

- TODO.

## Check your understanding

The quiz works in the static book: click an answer to see why it is right or wrong.

```{{code-cell}} ipython3
:tags: [remove-input]
show_quiz("{key}")
```

```{{exercise-start}}
:label: ex-{key}-explore
```

**TODO: the exercise's title.**

TODO: a question that uses the live explorer or a model function (see {{doc}}`running_live`).

```{{exercise-end}}
```

```{{solution-start}} ex-{key}-explore
:class: dropdown
```

TODO: the worked solution.

```{{code-cell}} ipython3
from widgets.models.timeline import simulate

print(simulate([1.0, 24.0])["mood"])
```

```{{solution-end}}
```

## Key takeaways

- TODO: three to five points to remember.
'''


def _quiz(key: str) -> list[dict]:
    return [
        {
            "question": f"TODO: question {i} of the {key} quiz.",
            "type": "multiple_choice",
            "answers": [
                {"answer": "TODO: the right answer.", "correct": True, "feedback": "TODO: why it is right."},
                {"answer": "TODO: a tempting wrong answer.", "correct": False, "feedback": "TODO: why it is wrong."},
            ],
        }
        for i in range(1, 6)
    ]


def _teaching(key: str, step: int) -> str:
    return f"""# Teaching notes: {key}

The instructors' page shows each chapter's teaching notes, in the order of `_toc.yml`.
This file is not a page of its own: only its sections below are used.

## Discussion questions

1. TODO: a question for class discussion.

## Answer keys

:::{{admonition}} Answer key: {{ref}}`TODO: the exercise's title <ex-{key}-explore>` (step {step})
:class: dropdown answer-key

- TODO: the expected results, with the model's numbers written as roles (`` {{num}}`name:.0f` ``), and the reasoning
  to look for.
:::
"""


def _module(key: str, name: str, title: str) -> str:
    upper = name.upper()
    short = f"{key[:1]}{key[4:]}"
    return f'''"""Step {int(key[4:])}, {title.lower()}: the figures of the chapter.

* ``{name}``: TODO: what the figure shows.  It starts as the step's process from the cascade model after
  one standard infusion, with a time slider; replace it with the chapter's own figures.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..models.timeline import STEP_CURVES, simulate
from ..params import TIME
from ..style import layout_defaults
from .axes import add_readout, add_time_cursor, log_time_axis, log_time_grid_min
from .core import FigureSpec, Patch
from .curves import curve_line, curve_name

__all__ = ["{upper}", "{name}_figure"]

#: The step's curve in the cascade model (a chapter beyond the article's steps starts from the mood benefit).
CURVE = STEP_CURVES.get("{key}", "mood")
_T_MIN = log_time_grid_min(240)

#: This chapter's own sliders (shared ones come from widgets.params).
PARAMS = ()


def _curve() -> np.ndarray:
    out = simulate(_T_MIN / 60.0)[CURVE]
    return 100.0 * out / out.max()


def {name}_figure() -> go.Figure:
    """The step's process after one infusion, in % of its peak, on the log time axis.

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0 the curve; trace 1 the "now" marker (patched).
    """
    fig = go.Figure()
    name = curve_name(CURVE, numbered=False)
    line = curve_line(CURVE, 3)
    fig.add_trace(go.Scatter(x=_T_MIN, y=_curve(), mode="lines", name=name, line=line, showlegend=False))
    fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name="now", showlegend=False, marker=dict(size=9)))
    add_time_cursor(fig, 40.0)
    add_readout(fig)
    fig.update_layout(**layout_defaults(height=380, margin=dict(t=80)))
    fig.update_xaxes(**log_time_axis())
    fig.update_yaxes(title_text=f"{{name}} (% of its peak)", range=[0, 105])
    return fig


def {name}_patch(*, time_min) -> Patch:
    """The marker and the readout at one time."""
    level = float(np.interp(np.log(time_min), np.log(_T_MIN), _curve()))
    text = f"at {{TIME.label_of(time_min)}}: {{curve_name(CURVE, numbered=False)}} at {{level:.0f}}% of its peak"
    return Patch(
        traces={{1: {{"x": [time_min], "y": [level]}}}},
        layout={{"shapes[0].x0": time_min, "shapes[0].x1": time_min, "annotations[0].text": text}},
    )


def {name}_description(*, time_min) -> str:
    """Text alternative: when the process peaks, and its level at the chosen time."""
    peak_h = _T_MIN[int(np.argmax(_curve()))] / 60.0
    return (
        f"{{curve_name(CURVE, numbered=False).capitalize()}} after one research infusion (0.5 mg/kg over 40 minutes), "
        f"in % of its peak, on a log time axis from 1 minute to 6 weeks (teaching model). It peaks about "
        f"{{peak_h:.1f}} hours after the infusion starts; at {{TIME.label_of(time_min)}} it is at "
        f"{{float(np.interp(np.log(time_min), np.log(_T_MIN), _curve())):.0f}}% of its peak."
    )


{upper} = FigureSpec("{name}", (TIME,), {name}_figure, {name}_patch, {name}_description)

FIGURES = ({upper},)

#: Numbers the chapter quotes from the model, shown with {{num}}`name:format`.
NUMBERS = {{
    "{short}_peak_h": lambda: float(_T_MIN[int(np.argmax(_curve()))] / 60.0),
}}
'''


def _test(key: str, stem: str, name: str) -> str:
    return f'''"""Step {int(key[4:])}: what only this chapter's figures must do (the contract tests do the rest)."""

from __future__ import annotations

from widgets.figures import FIGURES, NUMBERS, make_figure


def test_trace_count():
    assert len(make_figure(FIGURES["{name}"]).data) == 2


def test_the_marker_sits_on_the_curve():
    fig = make_figure(FIGURES["{name}"], time_min=1440)
    assert 0.0 <= fig.data[1].y[0] <= 100.0
    assert NUMBERS["{key[:1]}{key[4:]}_peak_h"]() > 0
'''


def scaffold(step: int, slug: str, title: str | None = None, part: str = "minutes", root: Path = ROOT) -> list[Path]:
    """Create the files of a new chapter; refuses to overwrite anything.  Returns the created paths."""
    if not 1 <= step <= 99:
        raise ValueError(f"step must be from 1 to 99; got {step}")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", slug):
        raise ValueError(f"slug must be lower case letters, digits and underscores; got {slug!r}")
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}; got {part!r}")
    key = f"step{step:02d}"
    stem = f"{key}_{slug}"
    name = slug
    title = title or slug.replace("_", " ").capitalize()
    files = {
        root / "book" / f"{stem}.md": _chapter(key, stem, name, step, title, part),
        root / "book" / "quizzes" / f"{key}.json": json.dumps(_quiz(key), indent=2) + "\n",
        root / "book" / "_teaching" / f"{stem}.md": _teaching(key, step),
        root / "widgets" / "figures" / f"{stem}.py": _module(key, name, title),
        root / "tests" / "figures" / f"test_{stem}.py": _test(key, stem, name),
    }
    existing = [str(p.relative_to(root)) for p in files if p.exists()]
    clash = [p.name for p in (root / "book").glob(f"{key}_*.md")]
    if existing or clash:
        raise FileExistsError(f"step {step} already has files: {', '.join(existing or clash)}")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", type=int, help="step number, e.g. 2")
    parser.add_argument("slug", help="file-name slug, e.g. glutamate_surge")
    parser.add_argument("--title", help="chapter title after 'Step N:', e.g. 'The glutamate surge'")
    parser.add_argument("--part", default="minutes", choices=PARTS, help="time scale of the step")
    args = parser.parse_args(argv)
    try:
        created = scaffold(args.step, args.slug, args.title, args.part)
    except (ValueError, FileExistsError) as err:
        sys.exit(f"new_chapter: {err}")
    print("Created:")
    for path in created:
        print(f"  {path.relative_to(ROOT)}")
    print(
        f"Next: add 'book/step{args.step:02d}_{args.slug}' to _toc.yml, then replace every TODO (see CONTRIBUTING.md)."
    )


if __name__ == "__main__":
    main()
