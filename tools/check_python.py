"""Stop early, with one sentence, when the Python interpreter is too old for this course.

    python3 tools/check_python.py                (make runs it as: $(PYTHON) tools/check_python.py)
    .venv/bin/python tools/check_python.py --venv .venv

The minimum is read from ``requires-python`` in ``pyproject.toml``, the one place where it is
stated.  The interpreter checked is the one running this script: ``make`` runs it with
``$(PYTHON)`` before it creates ``.venv``, and with ``.venv/bin/python`` once ``.venv`` exists.
On success it prints nothing and exits 0; otherwise it prints one sentence to stderr, such as
"this course needs Python 3.11 or newer; found 3.10 at /usr/bin/python3; set PYTHON=python3.12",
and exits 1, before pip would fail with a long resolver error.

The script itself must run on old interpreters (that is its purpose), so it uses no syntax or
module newer than Python 3.6 (no tomllib: the one line it needs is read with a regular expression).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: ``requires-python = ">=3.11"`` (a lower bound only; the course states no upper bound).
_REQUIRES = re.compile(r'^requires-python\s*=\s*["\']\s*>=\s*(\d+)\.(\d+)\s*["\']\s*$', re.M)
#: The newest minor version looked for on PATH when suggesting an interpreter.
_NEWEST_MINOR = 20


def minimum_python(pyproject=None):
    """The minimum (major, minor) of ``requires-python`` in ``pyproject.toml``."""
    pyproject = pyproject or os.path.join(ROOT, "pyproject.toml")
    with open(pyproject, encoding="utf-8") as f:
        match = _REQUIRES.search(f.read())
    if not match:
        raise ValueError(f'{pyproject} has no line of the form requires-python = ">=3.X"')
    return int(match.group(1)), int(match.group(2))


def probe(name):
    """(major, minor) of the interpreter ``name`` on PATH, or None if there is none that runs.

    A name on PATH is not enough: pyenv, for one, puts shims there for versions it cannot run.
    """
    path = shutil.which(name)
    if not path:
        return None
    try:
        out = subprocess.run(
            [path, "-c", "import sys; print(*sys.version_info[:2])"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            universal_newlines=True,  # noqa: UP021 -- `text=` needs Python 3.7; this runs on older ones too
            timeout=20,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.stdout.split()
    return (int(parts[0]), int(parts[1])) if out.returncode == 0 and len(parts) == 2 else None


def suggestion(minimum, probe=probe):
    """``PYTHON=python3.N`` for the oldest new-enough interpreter that runs here, or None."""
    major, minor = minimum
    for n in range(minor, _NEWEST_MINOR + 1):
        name = f"python{major}.{n}"
        version = probe(name)
        if version and version >= tuple(minimum):
            return "PYTHON=" + name
    return None


def problem(version, executable, minimum, venv=None, probe=probe):
    """The sentence to print when ``version`` is older than ``minimum``, else None."""
    if tuple(version[:2]) >= tuple(minimum):
        return None
    wanted = "{}.{}".format(*minimum)
    need = f"this course needs Python {wanted} or newer"
    found = "{}.{}".format(*version[:2])
    hint = suggestion(minimum, probe)
    if venv:
        again = hint or f"PYTHON= set to Python {wanted} or newer"
        fix = f"remove it (rm -rf {venv}) and run make again with {again}"
        return f"{need}; {venv} was made with Python {found} ({executable}); {fix}"
    if hint:
        fix = "set " + hint
    else:
        fix = f"install Python {wanted} or newer and set PYTHON= to it (for example PYTHON=python{wanted})"
    return f"{need}; found {found} at {executable}; {fix}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--venv", help="the virtual environment this interpreter belongs to (changes the advice)")
    args = parser.parse_args(argv)
    message = problem(sys.version_info, sys.executable, minimum_python(), venv=args.venv)
    if message:
        sys.stderr.write(message + "\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
