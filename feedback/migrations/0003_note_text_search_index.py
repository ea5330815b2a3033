"""A GIN index for the Swedish full-text search on the notes page, on PostgreSQL only.

The index lives outside the model state (Meta.indexes would also be created on SQLite,
which has no GIN); the expression matches ``selectors.notes.NOTE_SEARCH_VECTOR``.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "note_text_search_idx"


def _index():
    return GinIndex(SearchVector("text", config="swedish"), name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("feedback", "Note"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("feedback", "Note"), _index())


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_seed_themes_and_topics")]

    operations = [migrations.RunPython(create_index, drop_index)]
