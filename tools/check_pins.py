"""Do the pinned requirements install, from binary wheels, for a given Python on Linux?

    python tools/check_pins.py [--python 3.11] [REQUIREMENTS ...]

This asks pip, without installing anything (``pip install --dry-run --ignore-installed
--only-binary=:all: --python-version X --platform ... --target <empty folder>``), whether
every requirement in ``.binder/requirements.txt`` (by default) resolves for Python X on
64-bit Linux with the glibc of Binder's image.  That is what a Binder launch (repo2docker)
and ``make book`` on Linux install.  The requirement files are flattened first: ``-r``
lines are followed (relative to the file that names them) and the ``-e .`` line, the
course's own package, is replaced by that package's dependencies from ``pyproject.toml``.

When the whole set does not resolve, each pin is asked again on its own, so that the
answer names every pin that breaks and why (for example "numpy==2.4.6: this version
requires Python >=3.11").  pip needs the package index (PyPI) for this, and says so when it
cannot reach it.  pip checks each package's Requires-Python and wheel tags against the asked
version, but evaluates environment markers (``; python_version < "3.12"``) for the interpreter
that runs it; the course's pins carry none.
Without ``--python``, the Python version is the one ``.binder/runtime.txt`` names.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
BINDER_REQUIREMENTS = ROOT / ".binder" / "requirements.txt"
#: repo2docker builds Binder's image FROM buildpack-deps:24.04, i.e. Ubuntu 24.04, whose glibc is 2.39
#: (tests/test_binder.py checks the FROM line).  Wheels tagged manylinux_2_Y with Y <= 39 run there.
BINDER_BASE_IMAGE = "buildpack-deps:24.04"
BINDER_GLIBC = (2, 39)
ARCH = "x86_64"
#: What pip prints when the package index cannot be reached.
_NO_NETWORK = ("NewConnectionError", "NameResolutionError", "ConnectTimeoutError", "Could not fetch URL")


def linux_platforms(glibc: tuple[int, int] = BINDER_GLIBC, arch: str = ARCH) -> list[str]:
    """Every manylinux platform tag a Linux with this glibc accepts.

    pip expands ``--platform manylinux2014_x86_64`` to the older legacy tags, but takes a
    ``manylinux_2_Y`` tag literally, so the whole list is spelled out (newest first).
    """
    major, minor = glibc
    tags = [f"manylinux_{major}_{y}_{arch}" for y in range(minor, 4, -1)]
    legacy = {17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}
    return tags + [f"{name}_{arch}" for y, name in legacy.items() if y <= minor]


def flatten(path: Path) -> list[str]:
    """The requirement lines of ``path``, following ``-r`` includes; ``-e .`` becomes the package's dependencies."""
    lines: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-r ", "--requirement ")):
            lines += flatten((path.parent / line.split(None, 1)[1]).resolve())
        elif line.startswith(("-e ", "--editable ")):
            # pip reads an editable path against its working folder: the repository, in Binder and in make.
            target = (ROOT / line.split(None, 1)[1]).resolve()
            if target != ROOT:
                raise ValueError(f"{path}: only the course's own package may be editable, not {line!r}")
            lines += project_dependencies()
        elif line.startswith("-"):
            raise ValueError(f"{path}: option {line!r} is not understood by this check")
        else:
            lines.append(line)
    return lines


def project_dependencies() -> list[str]:
    """``[project] dependencies`` of the course's own package (what ``-e .`` would bring)."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]


def pins(requirements: list[str]) -> dict[str, str]:
    """``{canonical name: version}`` for every ``name==version`` requirement."""
    found = {}
    for line in requirements:
        req = Requirement(line)
        exact = [s.version for s in req.specifier if s.operator == "=="]
        if exact:
            found[canonicalize_name(req.name)] = exact[0]
    return found


@dataclass
class Resolution:
    python: str
    requirements: list[str]
    installed: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    returncode: int = 0

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and bool(self.installed)

    def off_pin(self) -> dict[str, tuple[str, str | None]]:
        """Pins that pip would install at another version (or not at all): ``{name: (pinned, resolved)}``."""
        return {
            name: (version, self.installed.get(name))
            for name, version in pins(self.requirements).items()
            if self.installed.get(name) != version
        }


def resolve(requirements: list[str], python: str, platforms: list[str] | None = None) -> Resolution:
    """What ``pip install --dry-run`` would install for ``requirements`` on Python ``python`` (Linux, wheels only)."""
    platforms = platforms or linux_platforms()
    with tempfile.TemporaryDirectory(prefix="check-pins-") as tmp:
        report = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--only-binary=:all:"]
        cmd += ["--python-version", python, "--implementation", "cp"]
        for platform in platforms:
            cmd += ["--platform", platform]
        cmd += ["--target", str(Path(tmp) / "target"), "--report", str(report)]
        # On the command line rather than in a file, so that pip names the requirements in its messages.
        result = subprocess.run([*cmd, *requirements], capture_output=True, text=True, timeout=600)
        resolution = Resolution(python, list(requirements), returncode=result.returncode)
        output = (result.stdout + "\n" + result.stderr).splitlines()
        resolution.errors = [line for line in output if line.startswith("ERROR:")]
        unreachable = [line for line in output if any(sign in line for sign in _NO_NETWORK)]
        if unreachable:
            resolution.errors.insert(0, "ERROR: pip could not reach the package index: " + unreachable[0].strip())
        # pip explains a conflict in indented lines after "The conflict is caused by:".
        if "The conflict is caused by:" in output:
            start = output.index("The conflict is caused by:") + 1
            for line in output[start:]:
                if not line.startswith(" ") or not line.strip():
                    break
                resolution.errors.append("ERROR: " + line.strip())
        if result.returncode == 0 and report.is_file():
            for item in json.loads(report.read_text(encoding="utf-8"))["install"]:
                meta = item["metadata"]
                resolution.installed[canonicalize_name(meta["name"])] = meta["version"]
        elif result.returncode == 0:
            resolution.errors.append("ERROR: pip wrote no installation report")
    return resolution


def _reason(requirement: str, resolution: Resolution) -> str:
    """Why one requirement does not resolve, in a few words, from pip's error lines."""
    req = Requirement(requirement)
    version = next((s.version for s in req.specifier if s.operator == "=="), None)
    text = "\n".join(resolution.errors)
    if version:
        needs = re.search(rf"(?:^|[ :;]){re.escape(version)} Requires-Python ([^;\n]+)", text)
        if needs:
            return f"this version requires Python {needs.group(1).strip()}"
    if "No matching distribution found for" in text:
        return f"no wheel of it for Python {resolution.python} on Linux {ARCH} (or no such version)"
    return " / ".join(line.removeprefix("ERROR: ") for line in resolution.errors[-3:]) or "pip could not resolve it"


def explain(resolution: Resolution, platforms: list[str] | None = None) -> list[str]:
    """One line per requirement that breaks the resolution (each pin asked again on its own)."""
    if resolution.ok and not resolution.off_pin():
        return []
    lines = []
    if resolution.ok:
        for name, (pinned, got) in sorted(resolution.off_pin().items()):
            lines.append(f"{name}=={pinned}: pip would install {got or 'nothing'} instead")
        return lines
    if any("could not reach the package index" in e for e in resolution.errors):
        return [resolution.errors[0].removeprefix("ERROR: ") + " (the check needs PyPI)"]
    conflict = [e.removeprefix("ERROR: ") for e in resolution.errors if "ResolutionImpossible" not in e]
    if not any("ResolutionImpossible" in e for e in resolution.errors):
        # Something is missing for this Python or platform: find each requirement that is.
        for requirement in resolution.requirements:
            alone = resolve([requirement], resolution.python, platforms)
            if not alone.ok:
                lines.append(f"{requirement}: {_reason(requirement, alone)}")
    return lines or ["the requirements conflict with one another: " + " / ".join(conflict[-6:])]


def binder_python() -> str:
    """The version in ``.binder/runtime.txt`` (``python-3.11`` gives ``3.11``)."""
    text = (ROOT / ".binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(\d+\.\d+)", text)
    if not match:
        raise ValueError(f".binder/runtime.txt should read python-X.Y, not {text!r}")
    return match.group(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("requirements", nargs="*", type=Path, default=[BINDER_REQUIREMENTS])
    parser.add_argument("--python", help="Python version X.Y (default: the one in .binder/runtime.txt)")
    args = parser.parse_args(argv)
    python = args.python or binder_python()
    requirements = [line for path in args.requirements for line in flatten(path.resolve())]
    resolution = resolve(requirements, python)
    problems = explain(resolution)
    where = f"Python {python} on Linux {ARCH} (glibc {'.'.join(map(str, BINDER_GLIBC))}), binary wheels only"
    if problems:
        print(f"These requirements do not install for {where}:")
        print("\n".join("  " + line for line in problems))
        return 1
    print(f"All {len(requirements)} requirements resolve for {where}: {len(resolution.installed)} packages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
