"""The production lock holds only what the portal runs on, and every file it installs is hashed."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")

# Test, lint and development tools: none of them belongs on a production server.
DEVELOPMENT_ONLY = {
    "aiosmtpd",
    "atpublic",
    "axe-playwright-python",
    "djlint",
    "factory-boy",
    "faker",
    "hypothesis",
    "import-linter",
    "grimp",
    "pip-tools",
    "playwright",
    "polib",
    "pytest",
    "pytest-django",
    "pytest-playwright",
    "pytest-xdist",
    "ruff",
    "time-machine",
}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(path: Path) -> list[tuple[str, str, list[str]]]:
    """Each requirement of a pip-compile lock: (name, version, its hashes)."""
    found: list[tuple[str, str, list[str]]] = []
    for line in path.read_text().splitlines():
        if match := PIN.match(line):
            found.append((normalise(match.group(1)), match.group(2), []))
        elif (stripped := line.strip()).startswith("--hash="):
            assert found, f"{path.name}: a hash before any requirement"
            found[-1][2].append(stripped.removeprefix("--hash=").rstrip(" \\"))
        elif stripped and not stripped.startswith("#"):
            assert stripped == "-r requirements.lock", f"{path.name}: unexpected line {line!r}"
    return found


def test_production_lock_holds_no_test_or_lint_tool():
    """requirements.lock pins the portal's packages and none of the development tools."""
    names = {name for name, _, _ in requirements(ROOT / "requirements.lock")}
    assert {"django", "gunicorn", "psycopg", "django-tasks-db", "whitenoise"} <= names
    assert names & DEVELOPMENT_ONLY == set()


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_pinned_package_is_hashed(lock):
    """Every requirement is pinned to one version and carries sha256 hashes (pip --require-hashes)."""
    found = requirements(ROOT / lock)
    assert found
    for name, version, hashes in found:
        assert hashes, f"{lock}: {name}=={version} has no --hash"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), name


def test_development_lock_is_production_plus_tools():
    """requirements-dev.lock starts from the production lock and pins no package twice."""
    text = (ROOT / "requirements-dev.lock").read_text()
    assert "-r requirements.lock" in text.splitlines()
    production = {name for name, _, _ in requirements(ROOT / "requirements.lock")}
    development = [name for name, _, _ in requirements(ROOT / "requirements-dev.lock")]
    assert len(development) == len(set(development))
    assert production.isdisjoint(development)
    assert {"pytest", "ruff", "aiosmtpd", "atpublic", "attrs"} <= set(development)


def test_each_input_is_locked():
    """Every package named in requirements.in and requirements-dev.in has a pin in its lock."""
    for source, lock in (
        ("requirements.in", "requirements.lock"),
        ("requirements-dev.in", "requirements-dev.lock"),
    ):
        pinned = {name for name, _, _ in requirements(ROOT / lock)}
        if lock == "requirements-dev.lock":
            pinned |= {name for name, _, _ in requirements(ROOT / "requirements.lock")}
        for line in (ROOT / source).read_text().splitlines():
            line = line.split("#")[0].strip()
            if not line or line.startswith("-"):
                continue
            name = normalise(re.split(r"[\[<>=!~ ;]", line)[0])
            assert name in pinned, f"{name} from {source} is not in {lock}: run make lock"
