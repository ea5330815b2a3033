"""The benchmark at a tiny size, so it never rots. No timing assertions: timings belong in
the benchmark's own output."""

import json

import pytest
from django.core.management import call_command
from django.db.models import Count

from feedback.models import Disagreement, Note, Summary
from followups.models import FollowUp, StatusChange
from portal.bench import builder, database, load, pages, report

TINY = builder.SIZES["tiny"]


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
    for note in Note.objects.filter(status=Note.Status.HIDDEN):
        note.full_clean()


@pytest.mark.django_db
def test_every_key_page_answers_with_a_query_count():
    """Each key page that exists answers 200 for its role, and the floor view is measured per role."""
    builder.build(TINY)

    measured = pages.measure_pages(repeats=1, warmup=0, log=lambda line: None)

    rows = measured["pages"]
    present = {key: row for key, row in rows.items() if not row.get("missing")}
    assert {"home", "workshop_list", "workshop_detail", "floor_anonymous"} <= set(present)
    for key, row in present.items():
        assert row["status"] == 200, key
        assert row["queries"] >= 1, key
        assert row["median_ms"] > 0
    assert {row["role"] for row in rows.values() if row["kind"] == "floor"} == {
        row["role"] for row in present.values() if row["kind"] != "floor"
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
    briefly, prints one table with the targets and writes the JSON; its database is dropped."""
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
    assert tiny["load"]["floor"]["requests_per_s"] > 0
    assert {"workshop_detail", "floor"} <= set(tiny["load"])
    assert result["targets"]
    assert result["table"] == report.render(result)
    printed = capsys.readouterr().out
    assert "Targets:" in printed
    if result["engine"] == "sqlite3":
        assert not (tmp_path / "bench-tiny.sqlite3").exists()


def _row(label, median, floor, queries=3, kind="paginated"):
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
