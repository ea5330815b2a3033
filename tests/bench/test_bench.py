"""The benchmark at a tiny size, so it never rots. No timing assertions: timings belong in
the benchmark's own output; what is asserted is what must hold at any size (equal query counts,
every note of the burst stored once)."""

import json

import pytest
from django.core.management import call_command
from django.db.models import Count

from feedback.models import Disagreement, Note, Summary
from followups.models import FollowUp, StatusChange
from portal.bench import builder, database, load, pages, report
from tests.bench.measure import measured_at

TINY = builder.SIZES["tiny"]
TINY2 = builder.SIZES["tiny2"]


@pytest.mark.django_db
def test_service_status_page_is_a_trivial_public_page(client, django_assert_num_queries):
    """The floor view answers anonymous visitors in Swedish with only the footer's one query."""
    with django_assert_num_queries(1):
        response = client.get("/driftstatus/")
    assert response.status_code == 200
    assert "Driftstatus" in response.content.decode()


@pytest.mark.django_db
def test_builder_creates_a_consistent_municipality():
    """The tiny municipality has the counts of its size and keeps the models' invariants."""
    result = builder.build(TINY)

    assert result.counts["workshops"] == TINY.workshops
    assert result.counts["notes"] == Note.objects.count() == TINY.notes
    assert Disagreement.objects.count() == TINY.disagreements
    assert FollowUp.objects.count() == TINY.followups
    assert builder.is_built(TINY)
    # Every note is tagged; disagreements are only about published summaries.
    assert not Note.objects.annotate(n=Count("themes")).filter(n=0).exists()
    assert not Disagreement.objects.exclude(point__summary__status=Summary.Status.PUBLISHED).exists()
    for followup in FollowUp.objects.all():
        followup.full_clean()
        timeline = list(StatusChange.objects.filter(followup=followup).order_by("changed_at", "pk"))
        assert timeline[0].to_status == FollowUp.Status.NEW
        assert timeline[-1].to_status == followup.status
        # Every step is one the model's transition rules allow.
        for change in timeline[1:]:
            assert change.to_status in FollowUp.TRANSITIONS[change.from_status], change
    for note in Note.objects.filter(status=Note.Status.HIDDEN):
        note.full_clean()


def _measured_at(size) -> dict:
    """Every key page's row at ``size``, measured once in a municipality that is then rolled back."""
    return measured_at(size, lambda: pages.measure_pages(repeats=1, warmup=0, log=lambda line: None)["pages"])


@pytest.mark.django_db
def test_every_key_page_has_the_same_query_count_at_two_sizes():
    """Each key page answers 200 for its role at two tiny sizes (the second twice the first),
    with the same number of SQL queries at both: pages uncached, the dashboard cold and warm, the
    bare SQL of the dashboard's figures and the floor view of every role."""
    small, large = _measured_at(TINY), _measured_at(TINY2)

    present = {key: row for key, row in large.items() if not row.get("missing")}
    assert {
        "home",
        "workshop_detail",
        "notes_first",
        "dashboard_all_cold",
        "dashboard_all_warm",
        "dashboard_all_sql",
        "floor_anonymous",
    } <= set(present)
    counts = {key: (small[key]["queries"], row["queries"]) for key, row in present.items()}
    assert {key: pair for key, pair in counts.items() if pair[0] != pair[1]} == {}
    for key, row in present.items():
        assert row["status"] == 200, key
    # A warm dashboard reads its figures from the cache: fewer queries than a cold one.
    assert present["dashboard_all_warm"]["queries"] < present["dashboard_all_cold"]["queries"]
    assert {row["role"] for row in large.values() if row["kind"] == "floor"} == {
        row["role"] for row in present.values() if row["kind"] not in ("floor", "sql")
    }


def test_wrk_output_is_read_into_milliseconds():
    """Requests per second, latency percentiles in milliseconds and the error count come out of wrk's text."""
    output = """Running 2s test @ http://127.0.0.1:8000/
  Latency Distribution
     50%  812.00us
     75%    1.20ms
     90%    2.50ms
     99%    1.10s\x20
  1234 requests in 2.00s, 1.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    617.00
"""
    parsed = load.parse_wrk(output)

    assert parsed["requests_per_s"] == 617.0
    assert parsed["p50_ms"] == pytest.approx(0.812)
    assert parsed["p99_ms"] == pytest.approx(1100.0)
    assert parsed["requests"] == 1234
    assert parsed["errors"] == 3


def test_benchmark_never_uses_the_working_database(settings, tmp_path):
    """The benchmark database is a separate SQLite file or a separate PostgreSQL database."""
    sqlite = {"ENGINE": database.SQLITE_ENGINE, "NAME": str(tmp_path / "db.sqlite3")}
    postgres = {"ENGINE": database.POSTGRES_ENGINE, "NAME": "ale", "USER": "postgres", "HOST": "127.0.0.1"}

    assert database.bench_database("small", base=sqlite, var_dir=tmp_path)["NAME"] == str(
        tmp_path / "bench-small.sqlite3"
    )
    assert database.bench_database("large", base=postgres)["NAME"] == "ale_bench_large"
    with pytest.raises(ValueError, match="working database"):
        database.bench_database(
            "small", base={**sqlite, "NAME": str(tmp_path / "bench-small.sqlite3")}, var_dir=tmp_path
        )


def test_bench_command_runs_end_to_end(tmp_path, capsys):
    """``manage.py bench`` builds its own tiny database, times the pages, exports, loads gunicorn
    briefly, runs the workshop burst (30 business owners posting a note at once through gunicorn
    while others read) in which every note is stored exactly once without an error, prints one
    table with the targets and writes the JSON; its database is dropped."""
    output = tmp_path / "bench.json"

    call_command(
        "bench",
        size="tiny",
        repeats=1,
        load_seconds=1,
        output=str(output),
        workdir=str(tmp_path),
    )

    result = json.loads(output.read_text(encoding="utf-8"))
    tiny = result["sizes"]["tiny"]
    assert tiny["pages"]["floor_anonymous"]["status"] == 200
    assert tiny["export"]["rows"] == TINY.notes
    imported = tiny["imports"]["import"]
    assert (imported["rows"], imported["second_preview_all_unchanged"]) == (300, True)
    assert tiny["imports"]["export"]["rows"] == TINY.notes
    assert tiny["load"]["floor"]["requests_per_s"] > 0
    assert {"workshop_detail", "notes_first", "dashboard_all", "floor"} <= set(tiny["load"])
    for row in tiny["load"].values():
        assert row["errors"] == 0
        assert row["predicted_rps"] > 0
    burst = tiny["burst"]
    assert (burst["writers"], burst["errors"], burst["stored_once"], burst["duplicated"]) == (30, 0, 30, 0)
    assert all(reader["errors"] == 0 for reader in burst["readers"])
    assert result["targets"]
    assert result["table"] == report.render(result)
    printed = capsys.readouterr().out
    assert "Targets:" in printed
    if result["engine"] == "sqlite3":
        assert not (tmp_path / "bench-tiny.sqlite3").exists()


def _row(label, median, floor, queries=3, kind="public"):
    return {
        "label": label,
        "kind": kind,
        "role": "anonymous",
        "status": 200,
        "queries": queries,
        "median_ms": median,
        "p95_ms": median,
        "floor_ratio": median / floor,
    }


def test_growth_is_judged_against_the_floor_timed_alongside():
    """A page that only follows the machine's drift meets the large/small target (its ms ratio
    is printed beside it); a page that truly grows, or whose query count grows, does not."""

    small = {
        "drifting": _row("Drifting", 4.0, 2.0),
        "growing": _row("Growing", 4.0, 2.0),
        "more_queries": _row("More queries", 4.0, 2.0),
        "floor_anonymous": _row("Floor", 2.0, 2.0, queries=1, kind="floor"),
    }
    large = {
        "drifting": _row("Drifting", 6.0, 3.0),  # the machine got 50 % slower between the runs
        "growing": _row("Growing", 8.0, 2.0),
        "more_queries": _row("More queries", 4.0, 2.0, queries=4),
        "floor_anonymous": _row("Floor", 3.0, 3.0, queries=1, kind="floor"),
    }
    result = {"sizes": {"small": {"pages": small}, "large": {"pages": large}}, "largest": "large"}
    verdicts = {check["target"]: check for check in report.evaluate(result)}
    drifting = verdicts["Drifting: large/small <= 1.3"]
    assert drifting["met"] and drifting["figure"] == "1.00 to the floor (1.50 in ms)"
    assert not verdicts["Growing: large/small <= 1.3"]["met"]
    assert not verdicts["More queries: same query count at both sizes"]["met"]
    assert verdicts["Floor: same query count at both sizes"]["met"]
    assert not any("Floor: large/small" in target for target in verdicts)
