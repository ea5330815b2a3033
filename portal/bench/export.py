"""The export probe: every note as CSV, with the time it takes and how much memory it adds.

Uses the exports app's streaming CSV (the path the admin's export uses) when it is there,
else an equivalent stream of its own. Memory is the growth of the process's peak resident
set (reset just before the export starts), measured in a fresh process so nothing else the
benchmark did is counted.
"""

import csv
import time
from pathlib import Path

from feedback.models import Note


def _rss_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _exports_stream():
    """The exports app's streaming CSV of the notes table, or None while it is missing."""
    try:
        from aleforetag.exports.registry import resource_for_table
        from aleforetag.exports.services import stream_csv
    except ImportError:
        return None
    resource_class = resource_for_table("feedback.note")
    if resource_class is None:
        return None
    return "aleforetag.exports.services.stream_csv", stream_csv(resource=resource_class())


def _own_stream():
    """Every note as CSV lines, read 2,000 rows at a time through a server-side cursor."""

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(
        ["id", "workshop", "created_at", "status", "kind", "source", "text", "themes"]
    )
    notes = Note.objects.select_related("workshop").prefetch_related("themes").order_by("pk")
    for note in notes.iterator(chunk_size=2000):
        themes = ", ".join(theme.slug for theme in note.themes.all())
        yield writer.writerow(
            [
                note.pk,
                note.workshop.slug,
                note.created_at.isoformat(),
                note.status,
                note.kind,
                note.source,
                note.text,
                themes,
            ]
        )


def export_notes(path: Path) -> dict:
    """Write every note to ``path`` as CSV; time it and measure the growth of peak memory."""
    found = _exports_stream()
    method, chunks = found if found else ("portal.bench.export (own stream)", _own_stream())
    baseline_kib = _rss_kib("VmRSS")
    peak_reset = _reset_peak()
    started = time.perf_counter()
    size = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        for chunk in chunks:
            size += len(chunk)
            out.write(chunk)
    seconds = time.perf_counter() - started
    peak_kib = _rss_kib("VmHWM")
    return {
        "method": method,
        "rows": Note.objects.count(),
        "seconds": seconds,
        "characters": size,
        "baseline_mb": baseline_kib / 1024,
        "peak_mb": peak_kib / 1024,
        "growth_mb": max(peak_kib - baseline_kib, 0) / 1024,
        "peak_reset": peak_reset,
    }
