"""Data versions for the rest of what the public pages show (the workshop page and the
conference page are cached under them for visitors): registrations (seats left), the
conference-workshop links, the site settings (the contact centre), and the users' names
(the named reviewer of a summary); a user's last login or password does not bump it."""

from django.db import migrations

from dashboard import triggers

TABLES = {
    "workshops_registration": (),
    "followups_conference_workshops": (),
    "core_sitesettings": (),
    "accounts_user": ("full_name", "email", "anonymised_at"),
}


def create(apps, schema_editor):
    for table, columns in TABLES.items():
        triggers.add(schema_editor, table, columns=columns)


def drop(apps, schema_editor):
    for table in TABLES:
        triggers.drop(schema_editor, table)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0003_data_version_discussion_groups"),
        ("accounts", "0002_role_groups"),
        ("core", "0002_default_site_settings"),
    ]

    operations = [migrations.RunPython(create, drop)]
