"""A new chapter is a local change: scaffold one in a copy of the repository, build it strictly, test it.

The copy holds the repository's files as they are (tracked and new, not ignored).  The chapter is a
step 11, beyond the article's steps, so that the test keeps working once every step has its chapter.  The scaffold
(``tools/new_chapter.py``, or ``make chapter``) creates the chapter's own files and edits none; the one
shared file touched by hand is ``_toc.yml``.  Then the copy's own test suite runs on it: the registries,
the contract tests, the strict book build and the built pages, and the browser tests of the new page, with
the copy's ``widgets`` package and build folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

pytestmark = pytest.mark.book

#: A chapter beyond the article's nine steps and the journey: a number no chapter will ever take.
NEW = "step11_beyond_the_steps"
#: The copy's tests that cover a chapter without naming it, and the browser tests of its page.
SUITES = [
    "tests/figures",
    "tests/test_params.py",
    "tests/test_architecture.py",
    "tests/test_build_extension.py",
    "tests/test_quiz.py",
    "tests/book/test_book.py",
    "tests/book/test_teaching.py",
    "tests/book/test_links.py",
]


def _repository_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [f for f in out.split("\0") if f and (ROOT / f).is_file()]


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    if not (ROOT / ".git").exists():
        pytest.skip("needs the git repository to know its files")
    dest = tmp_path_factory.mktemp("course-copy") / "course"
    for rel in _repository_files():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)
    return dest


def _env(copy: Path) -> dict[str, str]:
    # The copy's own package, not the one this environment has installed from the repository.
    return {**os.environ, "PYTHONPATH": str(copy), "COURSE_TEST_BUILD": str(copy.parent / "build")}


def test_the_scaffold_creates_the_chapter_files_and_edits_none(copy):
    before = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    run = _python(copy, "tools/new_chapter.py", "11", "beyond_the_steps", "--title", "Beyond the nine steps")
    assert run.returncode == 0, run.stderr
    after = {p for p in copy.rglob("*") if p.is_file()}
    created = sorted(p.relative_to(copy).as_posix() for p in after - set(before))
    assert created == [
        f"book/_teaching/{NEW}.md",
        "book/quizzes/step11.json",
        f"book/{NEW}.md",
        f"tests/figures/test_{NEW}.py",
        f"widgets/figures/{NEW}.py",
    ]
    assert all(p.read_bytes() == data for p, data in before.items()), "no existing file changed"
    again = _python(copy, "tools/new_chapter.py", "11", "another")
    assert again.returncode != 0 and "step 11 already has files" in again.stderr


def test_the_scaffolded_chapter_builds_strictly_and_passes_the_tests(copy):
    if not (copy / "book" / f"{NEW}.md").exists():
        pytest.skip("the scaffold did not run")
    toc_path = copy / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    toc["parts"][1]["chapters"].append({"file": f"book/{NEW}"})
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    where = _python(copy, "-c", "import widgets; print(widgets.__file__)")
    assert where.stdout.strip().startswith(str(copy)), "the copy's own widgets package is tested"
    run = _python(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SUITES)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    browser = _python(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/book/test_browser.py", "-k", NEW[:6])
    assert browser.returncode == 0, browser.stdout[-6000:] + browser.stderr[-3000:]
    assert "passed" in browser.stdout


def _python(copy: Path, *args: str) -> subprocess.CompletedProcess:
    """Run this environment's Python in the copy, with the copy's package and build folder."""
    return subprocess.run(
        [sys.executable, *args], cwd=copy, env=_env(copy), capture_output=True, text=True, timeout=1500
    )
