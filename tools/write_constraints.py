"""Write constraints.txt: the exact version of every package `pip install -e '.[dev]'`
brings in, read from the environment it was installed into (no index is asked).

pyproject.toml gives compatible ranges, so that eventwire installs into an existing
spaCy or pandas environment; `make` installs with `-c constraints.txt`, so that CI and
every fresh checkout test the same versions. After changing a range in pyproject.toml:
install, run the tests, then `.venv/bin/python tools/write_constraints.py`.
"""

from __future__ import annotations

import argparse
import re
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = """\
# The exact versions CI and `make` install eventwire's runtime and dev dependencies at
# (`pip install -c constraints.txt -e '.[dev]'`); pyproject.toml holds the ranges a user
# installs within. Written by tools/write_constraints.py from a tested environment: do
# not edit by hand.
"""


def _name(requirement: str) -> str:
    return re.split(r"[\s;\[<>=!~(]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _wanted(requirement: str, extras: set[str]) -> bool:
    """A requirement applies unless its marker asks for an extra not chosen."""
    marker = requirement.split(";", 1)[1] if ";" in requirement else ""
    asked = re.findall(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker)
    return not asked or any(extra in extras for extra in asked)


def closure(root: str, extras: set[str]) -> dict[str, str]:
    """Installed name -> version of every distribution `root[extras]` depends on."""
    found: dict[str, str] = {}
    pending = [(root, extras)]
    while pending:
        name, chosen = pending.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement whose marker does not hold here (another platform)
        for requirement in dist.requires or ():
            if not _wanted(requirement, chosen):
                continue
            child = _name(requirement)
            if child not in found:
                try:
                    found[child] = metadata.version(child)
                except metadata.PackageNotFoundError:
                    continue
                pending.append((child, set()))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "constraints.txt")
    args = parser.parse_args()
    pins = closure("eventwire", {"dev"})
    lines = [f"{name}=={version}" for name, version in sorted(pins.items())]
    args.out.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} pins to {args.out}")


if __name__ == "__main__":
    main()
