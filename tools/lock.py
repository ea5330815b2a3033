"""Finish the two locks after pip-compile (called by `make lock`).

pip-compile writes every package the development tools need, including those the production
lock already pins (through its `-c requirements.lock`). This leaves in the development lock
only what production does not have and makes it start with `-r requirements.lock`, so that a
development install is exactly the production one plus the tools. Each lock gets a first line
saying what it is for.

    python tools/lock.py            # in the repository's root, after pip-compile
"""

import re
import sys
from pathlib import Path

NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def blocks(text: str) -> tuple[list[str], list[list[str]]]:
    """The header comment lines, then each requirement with its hash and `# via` lines."""
    header: list[str] = []
    found: list[list[str]] = []
    for line in text.splitlines():
        if NAME.match(line):
            found.append([line])
        elif found and (line.startswith(" ") or not line.strip()):
            found[-1].append(line)
        elif found:
            # A comment after the requirements (pip-compile's note on unsafe packages).
            found[-1].append(line)
        else:
            header.append(line)
    return header, found


def pinned_names(path: Path) -> set[str]:
    return {normalise(m.group(1)) for line in path.read_text().splitlines() if (m := NAME.match(line))}


PRODUCTION_NOTE = (
    "# Production: what the portal runs on, every file hashed; nothing for tests or lint.\n"
    "# pip install --require-hashes -r requirements.lock (docs/operations.md). Edit requirements.in\n"
    "# and run `make lock`, never this file by hand.\n"
)
DEVELOPMENT_NOTE = (
    "# Development, tests and lint: the production lock plus their tools (make install uses it).\n"
    "# Edit requirements-dev.in and run `make lock`, never this file by hand.\n"
)


def main(root: Path) -> None:
    prod, dev = root / "requirements.lock", root / "requirements-dev.lock"
    if not prod.read_text().startswith(PRODUCTION_NOTE):
        prod.write_text(PRODUCTION_NOTE + prod.read_text())
    in_production = pinned_names(prod)
    header, requirements = blocks(dev.read_text().removeprefix(DEVELOPMENT_NOTE))
    kept = [block for block in requirements if normalise(NAME.match(block[0]).group(1)) not in in_production]
    header = [line for line in header if line != f"-r {prod.name}"]
    lines = [*header, f"-r {prod.name}", *(line for block in kept for line in block)]
    dev.write_text(DEVELOPMENT_NOTE + "\n".join(lines).rstrip("\n") + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
