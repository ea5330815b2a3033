from django.db import migrations


def create_settings_row(apps, schema_editor):
    apps.get_model("core", "SiteSettings").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_site_settings_and_audit_log")]

    operations = [migrations.RunPython(create_settings_row, migrations.RunPython.noop)]
