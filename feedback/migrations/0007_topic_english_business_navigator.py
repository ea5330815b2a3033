"""The English name of the topic "Företagslots" reads as English: "A business navigator" (one
official who guides a business through the municipality), not "Business pilot (företagslots)"."""

from django.db import migrations

OLD, NEW = "Business pilot (företagslots)", "A business navigator"


def forwards(apps, schema_editor):
    apps.get_model("feedback", "Topic").objects.filter(slug="foretagslots", name_en=OLD).update(name_en=NEW)


def backwards(apps, schema_editor):
    apps.get_model("feedback", "Topic").objects.filter(slug="foretagslots", name_en=NEW).update(name_en=OLD)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0006_pg_trgm_note_trigram_index")]

    operations = [migrations.RunPython(forwards, backwards)]
