import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from aleforetag.accounts.models import User
from feedback.models import Note, Theme
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def _row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_load_demo_twice_changes_nothing(settings, capsys):
    """The demo loads the 2017 lunch and one user per role; a second run changes no row counts."""
    call_command("load_demo", force=True)
    first = _row_counts()
    call_command("load_demo", force=True)
    assert _row_counts() == first
    lunch = Workshop.objects.get(slug="lunch-med-kommunstyrelsen-2017")
    assert lunch.starts_at.date().isoformat() == "2017-11-07"
    assert lunch.groups.count() >= 3
    assert Note.objects.filter(workshop=lunch).count() >= 15
    for theme in Theme.objects.all():
        assert Note.objects.filter(workshop=lunch, themes=theme).exists(), theme
    roles_seen = {
        group for user in User.objects.all() for group in user.groups.values_list("name", flat=True)
    }
    assert {"företagare", "näringslivsenheten", "politiker", "administratör"} <= roles_seen
    output = capsys.readouterr().out
    assert "foretagare@example.se" in output and "password" in output


def test_load_demo_refuses_without_debug(settings):
    """With DEBUG off the demo refuses to run unless given --force."""
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo")
    assert not Workshop.objects.exists()


@pytest.mark.parametrize("options", [{}, {"force": True}])
def test_load_demo_refuses_a_database_with_real_accounts(settings, options, business_owner):
    """An account the demo did not create means real people: the demo, whose accounts have
    published passwords, refuses that database whatever the flags, and changes nothing."""
    settings.DEBUG = True
    before = _row_counts()
    with pytest.raises(CommandError, match="1 account\\(s\\) that the demo did not create"):
        call_command("load_demo", **options)
    assert _row_counts() == before
    assert not User.objects.filter(email="admin@example.se").exists()


def test_load_demo_runs_again_over_its_own_accounts_and_deleted_ones(settings):
    """The demo's own accounts, and accounts anonymised after their holder deleted them, do
    not stop a second run (make run loads the demo every time)."""
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    User.objects.filter(email="kafe@example.se").update(
        email="deleted-1@anonymised.invalid", anonymised_at="2026-01-01T00:00:00Z"
    )
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert User.objects.filter(email="admin@example.se").count() == 1


@pytest.mark.django_db
def test_loading_the_demo_sends_no_e_mail(mailoutbox, django_capture_on_commit_callbacks):
    """The demo's own steps would e-mail its made-up people (a summary sent for review): none
    of it is recorded or sent."""
    from aleforetag.core.models import OutboxEmail
    from portal.demo import load_demo

    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
    assert mailoutbox == []
    assert not OutboxEmail.objects.exists()
