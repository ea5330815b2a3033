"""The time to suggest at the benchmark's scale (issue 21): target <= 20 x the floor view.

On a municipality the benchmark's builder made (``builder.SIZES``; "large" is 50,000 notes),
times, as staff meet them and with the floor view requested as staff between each timing (as
``pages.measure_page`` pairs every page with it, uncached):

- **themes and topics** suggested for one waiting note (``suggest_tags_for_notes([note])``,
  what the moderation queue asks per note), for several waiting notes spread over the data;
- **follow-ups** suggested for one input of the triage inbox
  (``attach_suggested_followups(notes=[note])``, the follow-ups the inbox offers by default),
  for several unlinked published notes.

The figure per note is the median of its repeats; the figure reported is the median over the
notes, beside the floor view's median and their ratio. Only reads: nothing is written.
"""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from feedback.models import Note
from feedback.selectors import similar
from followups import selectors as followup_selectors
from followups import suggestions as followup_suggestions

from . import pages

MAX_FLOOR = 20.0  # the target: suggesting for one note <= 20 x the floor view


def _spread(pks: list[int], count: int) -> list[int]:
    """``count`` of ``pks`` evenly spread from first to last (all of them if fewer)."""
    if len(pks) <= count:
        return pks
    step = (len(pks) - 1) / (count - 1) if count > 1 else 0
    return [pks[round(i * step)] for i in range(count)]


def _time_each(items, call, clients, floor_url, *, repeats: int):
    """Per item the median seconds of ``call(item)`` over ``repeats``, each after a floor view
    request by each of ``clients`` (role -> client); the floor's samples by role; the queries
    of one call."""
    call(items[0])  # warm up: connection, the stemmer's cache, the planner
    with CaptureQueriesContext(connection) as captured:
        call(items[0])
    queries = len(captured)
    per_item, floor = [], {role: [] for role in clients}
    for item in items:
        times = []
        for _ in range(repeats):
            for role, client in clients.items():
                floor[role].append(pages._timed(client, floor_url)[0])
            started = time.perf_counter()
            call(item)
            times.append(time.perf_counter() - started)
        per_item.append(statistics.median(times))
    return per_item, floor, queries


def _row(label: str, per_item: list[float], floor: dict[str, list[float]], queries: int) -> dict:
    median_ms = statistics.median(per_item) * 1000
    row = {
        "label": label,
        "items": len(per_item),
        "queries": queries,
        "median_ms": median_ms,
        "min_ms": min(per_item) * 1000,
        "max_ms": max(per_item) * 1000,
        "target_ratio": MAX_FLOOR,
        "floors": {},
    }
    for role, samples in floor.items():
        floor_ms = statistics.median(samples) * 1000
        row["floors"][role] = {
            "floor_median_ms": floor_ms,
            "floor_ratio": median_ms / floor_ms,
            "met": median_ms / floor_ms <= MAX_FLOOR,
        }
    return row


def measure_suggestions(*, notes: int = 9, repeats: int = 3, log=print) -> dict:
    """Time both suggestions for ``notes`` notes each (``repeats`` times a note); a dict of rows."""
    targets = pages.find_targets()
    signed_in = pages.clients_for(targets)
    # Staff ask for suggestions: the bench holds staff pages to the floor view requested as
    # staff (its frame counts the triage inbox); the anonymous floor is the bare trivial page.
    clients = {role: signed_in[role] for role in (pages.STAFF, pages.ANONYMOUS)}
    floor_url = reverse(pages.FLOOR_URL_NAME)
    counts = {
        "notes": Note.objects.count(),
        "published": Note.objects.published().count(),
        "waiting": Note.objects.filter(status=Note.Status.PENDING).count(),
    }
    waiting = _spread(
        list(Note.objects.filter(status=Note.Status.PENDING).order_by("pk").values_list("pk", flat=True)),
        notes,
    )
    waiting_notes = list(Note.objects.filter(pk__in=waiting).prefetch_related("themes", "topics"))
    unlinked = _spread(list(followup_selectors.triage_notes().values_list("pk", flat=True)), notes)
    unlinked_notes = list(Note.objects.filter(pk__in=unlinked))
    offered = followup_selectors.followups_offered_for_linking().count()
    results = {"counts": counts | {"followups_offered": offered}}

    def suggest_tags(note):
        similar.suggest_tags_for_notes([note])

    def suggest_followups(note):
        followup_suggestions.attach_suggested_followups(notes=[note], disagreements=[])

    with override_settings(CACHES=pages.DUMMY_CACHE):
        for key, label, items, call in (
            ("tags", "Themes and topics suggested for one waiting note", waiting_notes, suggest_tags),
            ("followups", "Follow-ups suggested for one inbox input", unlinked_notes, suggest_followups),
        ):
            if not items:
                log(f"  {label}: no notes to time")
                continue
            per_item, floor, queries = _time_each(items, call, clients, floor_url, repeats=repeats)
            results[key] = row = _row(label, per_item, floor, queries)
            ratios = ", ".join(
                f"{figures['floor_ratio']:.1f}x the {role} floor ({figures['floor_median_ms']:.2f} ms)"
                for role, figures in row["floors"].items()
            )
            log(
                f"  {label}: {row['median_ms']:.1f} ms median of {row['items']} notes "
                f"({row['min_ms']:.1f}-{row['max_ms']:.1f}), {queries} queries; {ratios}"
            )
    return results
