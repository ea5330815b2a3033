"""pg_trgm and a trigram index on the notes' text, on PostgreSQL only (near-duplicate notes).

SQLite has neither: there ``feedback.similarity.trigram_similarity`` computes the same
similarity in Python, and both steps below do nothing. The index lives outside the model
state for the same reason as the full-text index of migration 0003.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEX_NAME = "note_text_trgm_idx"


def _index():
    return GinIndex(fields=["text"], opclasses=["gin_trgm_ops"], name=INDEX_NAME)


def create_extension_and_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.add_index(apps.get_model("feedback", "Note"), _index())


def drop_index(apps, schema_editor):
    # The extension stays: other databases' objects may use it, and it costs nothing.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("feedback", "Note"), _index())


class Migration(migrations.Migration):
    dependencies = [("feedback", "0005_summary_sent_back_with_comment")]

    operations = [migrations.RunPython(create_extension_and_index, drop_index)]
