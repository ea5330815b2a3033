"""The load phase: gunicorn with two workers on 127.0.0.1, driven by wrk on loopback.

Each page is first requested one at a time (its single-request median through gunicorn), which
predicts what two workers serve without contention: ``2 x 1000 / median`` requests a second.
Then wrk loads it; the share of that prediction it reaches is the figure the target judges.
Without wrk (``make bench`` installs Debian's package when it runs as root) a bounded Python
load generator with keep-alive connections takes its place.
"""

import http.client
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from django.conf import settings

from .pages import percentile

WORKERS = 2
CONNECTIONS = 4
WARMUP_SECONDS = 2
SINGLE_REQUESTS = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """A gunicorn master this process starts and stops (by its own pid, nothing else)."""

    def __init__(self, env: dict, workers: int = WORKERS):
        """``env`` is the environment of its processes (settings, database, cache)."""
        self.port = free_port()
        var = Path(settings.VAR_DIR)
        var.mkdir(exist_ok=True)
        self.pidfile = var / f"bench-gunicorn-{self.port}.pid"
        self.log = var / "bench-gunicorn.log"
        self.command = [
            sys.executable,
            "-m",
            "gunicorn",
            "aleforetag.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--no-control-socket",
            "--pid",
            str(self.pidfile),
            "--log-level",
            "warning",
            "--error-logfile",
            str(self.log),
        ]
        self.env = env
        self.process = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            self.command, env=self.env, cwd=settings.BASE_DIR, stdin=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start; see {self.log}")
            try:
                with urllib.request.urlopen(self.base_url + "/driftstatus/", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer within 60 seconds")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.pidfile.unlink(missing_ok=True)


def wrk_path() -> str | None:
    return shutil.which("wrk")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> dict:
    """Requests per second, latency percentiles (ms) and errors from ``wrk --latency`` output."""
    result = {"requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for pct, value in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.MULTILINE):
        result[f"p{pct}_ms"] = _ms(value)
    total = re.search(r"(\d+) requests in", output)
    result["requests"] = int(total.group(1)) if total else None
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["errors"] = (int(non2xx.group(1)) if non2xx else 0) + (
        sum(map(int, errors.groups())) if errors else 0
    )
    return result


def run_wrk(url: str, *, seconds: float, cookie: str | None) -> dict:
    command = [
        wrk_path(),
        "-t",
        "2",
        "-c",
        str(CONNECTIONS),
        "-d",
        f"{int(seconds)}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    return parse_wrk(output) | {"tool": "wrk", "output": output}


def run_python(url: str, *, seconds: float, cookie: str | None) -> dict:
    """A bounded load generator: ``CONNECTIONS`` keep-alive connections for ``seconds``."""
    host, _, rest = url.removeprefix("http://").partition("/")
    hostname, port = host.split(":")
    path = "/" + rest
    headers = {"Cookie": cookie} if cookie else {}
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def worker():
        conn = http.client.HTTPConnection(hostname, int(port), timeout=10)
        mine, bad = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection(hostname, int(port), timeout=10)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    if not latencies:
        return {"requests_per_s": 0.0, "errors": errors[0], "tool": "python"}
    return {
        "tool": "python",
        "requests": len(latencies),
        "requests_per_s": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies),
        "p90_ms": percentile(latencies, 0.90),
        "p99_ms": percentile(latencies, 0.99),
        "errors": errors[0],
    }


def single_request_ms(url: str, *, cookie: str | None = None, requests: int = SINGLE_REQUESTS) -> list[float]:
    """The time (ms) of ``requests`` requests of ``url`` made one after another."""
    host, _, rest = url.removeprefix("http://").partition("/")
    hostname, port = host.split(":")
    headers = {"Cookie": cookie} if cookie else {}
    times = []
    for _ in range(requests):
        conn = http.client.HTTPConnection(hostname, int(port), timeout=30)
        started = time.perf_counter()
        conn.request("GET", "/" + rest, headers=headers)
        response = conn.getresponse()
        response.read()
        times.append((time.perf_counter() - started) * 1000)
        conn.close()
        if response.status >= 400:
            raise RuntimeError(f"{url} answered {response.status}")
    return times


def drive(url: str, *, seconds: float, cookie: str | None = None) -> dict:
    """Warm the workers up briefly, then load ``url`` for ``seconds``."""
    runner = run_wrk if wrk_path() else run_python
    runner(url, seconds=min(WARMUP_SECONDS, seconds), cookie=cookie)
    return runner(url, seconds=seconds, cookie=cookie)


def load_pages(
    server: Gunicorn, targets: list[tuple[str, str, str | None]], *, seconds: float, log=print
) -> dict:
    """Load each ``(key, path, cookie)`` on ``server`` in turn, after timing it one request at
    a time. Each result holds its requests a second, the single-request median, the throughput
    that median predicts for the workers and the share of it reached."""
    results = {}
    for key, path, cookie in targets:
        url = server.base_url + path
        single_request_ms(url, cookie=cookie, requests=3)
        single = statistics.median(single_request_ms(url, cookie=cookie))
        result = drive(url, seconds=seconds, cookie=cookie)
        result["path"] = path
        result["single_ms"] = single
        result["predicted_rps"] = WORKERS * 1000 / single
        result["share"] = result["requests_per_s"] / result["predicted_rps"]
        results[key] = result
        log(
            f"  {key}: {result['requests_per_s']:.1f} req/s, single request {single:.1f} ms, "
            f"{result['share']:.0%} of the {result['predicted_rps']:.0f} req/s it predicts "
            f"({result['tool']})"
        )
    return results
