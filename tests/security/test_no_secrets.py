"""No secrets in the repository: private keys, cloud tokens, passwords or keys in code."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SELF = Path(__file__).resolve().relative_to(ROOT).as_posix()

# Documented on purpose: the demo users' password (printed by `make run`, in the README),
# the test users' password, and the development key that production refuses to start with.
ALLOWED_VALUES = {"ale-demo-2017", "correct-horse-battery", "insecure-development-key-not-for-production"}

PLACEHOLDERS = {"password", "pass", "secret", "<password>"}

ALWAYS_SECRET = [
    ("private key", re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY-----")),
    ("AWS access key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("GitHub token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b")),
    ("Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("Stripe key", re.compile(r"\b[sr]k_live_[0-9A-Za-z]{16,}\b")),
]
# `password = "..."`, `"secret_key": "..."`, `API_TOKEN='...'`: a literal value for a secret-looking name.
ASSIGNED_SECRET = re.compile(
    r"(?i)\b[a-z_]*(password|passwd|secret|api_?key|token|private_?key)[a-z_]*[\"']?\s*[:=]\s*[\"']([^\"'\s{}%]{6,})[\"']"
)
# postgres://user:password@host
URL_WITH_PASSWORD = re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@\"']+:([^/\s:@\"']+)@([^/\s\"']+)")

FORBIDDEN_FILES = re.compile(
    r"(^|/)(\.env(\..+)?|id_rsa|id_ed25519|.*\.pem|.*\.key|.*\.p12|.*\.sqlite3?|.*\.dump)$"
)


def _tracked_text_files():
    names = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
    ).stdout.split(b"\0")
    for name in filter(None, names):
        path = ROOT / name.decode()
        if not path.is_file() or path.suffix in {".mo", ".png", ".ico", ".woff", ".woff2", ".gif", ".jpg"}:
            continue
        data = path.read_bytes()
        if b"\0" in data[:4096]:
            continue
        yield path.relative_to(ROOT).as_posix(), data.decode("utf-8", errors="replace")


def _findings():
    findings = []
    for name, text in _tracked_text_files():
        if name == SELF:
            continue  # holds sample secrets to prove that the patterns work
        if FORBIDDEN_FILES.search(name):
            findings.append(f"{name}: a file of a kind that holds secrets or data is tracked")
        in_tests = name.startswith("tests/")
        for number, line in enumerate(text.splitlines(), 1):
            for label, pattern in ALWAYS_SECRET:
                if pattern.search(line):
                    findings.append(f"{name}:{number}: {label}")
            for match in ASSIGNED_SECRET.finditer(line):
                kind, value = match.group(1).lower(), match.group(2)
                # Test users' passwords protect nothing outside the test database.
                if value in ALLOWED_VALUES or (in_tests and kind in ("password", "passwd")):
                    continue
                findings.append(f"{name}:{number}: a literal {kind}")
            for match in URL_WITH_PASSWORD.finditer(line):
                password, host = match.groups()
                if in_tests and (host.startswith(("db.example", "127.0.0.1", "localhost"))):
                    continue
                # Documentation and templates show the shape: postgres://user:password@host/name.
                if name.endswith((".md", ".example")) and password.lower() in PLACEHOLDERS:
                    continue
                findings.append(f"{name}:{number}: a URL with a password")
    return findings


def test_no_secrets_are_tracked():
    """Every tracked file is free of private keys, cloud tokens, literal passwords or keys
    (except the documented demo and test passwords) and URLs with passwords."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    assert _findings() == []


@pytest.mark.parametrize(
    "line",
    [
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        'SECRET_KEY = "k3#v9Qxv9Qxv9Qxv9Qx"',
        "AWS_KEY=AKIAIOSFODNN7EXAMPLE",
        'DATABASE_URL = "postgres://ale:hunter22@db.ale.se/foretag"',
        "token: 'ghp_" + "a" * 36 + "'",
    ],
)
def test_the_scanner_recognises_secrets(line, tmp_path, monkeypatch):
    """The patterns catch the kinds of secret they are for (a scanner that finds nothing proves nothing)."""
    monkeypatch.setattr(
        "tests.security.test_no_secrets._tracked_text_files",
        lambda: iter([("aleforetag/settings/x.py", line)]),
    )
    assert _findings()
