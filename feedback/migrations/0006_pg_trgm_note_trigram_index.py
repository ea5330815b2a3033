"""pg_trgm on PostgreSQL, for the trigrams of near-duplicate notes (``show_trgm``).

SQLite has no such extension: there ``feedback.similarity.trigrams`` computes the same trigrams
in Python, and this migration does nothing. No trigram index is created: near-duplicates are
paired from each workshop's trigrams in Python (an index probe per note took longer than that
at 1,000 notes), so an index would only slow every write of a note.
"""

from django.db import migrations


def create_extension(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [("feedback", "0005_summary_sent_back_with_comment")]

    # Reversing leaves the extension: it costs nothing and other objects may use it.
    operations = [migrations.RunPython(create_extension, migrations.RunPython.noop)]
