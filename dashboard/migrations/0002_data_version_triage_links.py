"""Data versions for the link tables that decide whether an input still waits in the triage
inbox (follow-up <-> note, disagreement and summary point, and summary point <-> cited note),
so the staff navigation's inbox badge can be cached under a fingerprint that any write to what
it counts changes. The triggers of dashboard/triggers.py (per statement on PostgreSQL, per row
on SQLite)."""

from django.db import migrations

from dashboard import triggers

TABLES = [
    "followups_followup_notes",
    "followups_followup_disagreements",
    "followups_followup_summary_points",
    "feedback_summarypoint_notes",
]


def create(apps, schema_editor):
    for table in TABLES:
        triggers.add(schema_editor, table)


def drop(apps, schema_editor):
    for table in TABLES:
        triggers.drop(schema_editor, table)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0001_data_version_triggers"),
        ("feedback", "0003_note_text_search_index"),
        ("followups", "0002_followup_status_invariants"),
    ]

    operations = [migrations.RunPython(create, drop)]
