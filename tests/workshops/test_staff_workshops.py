"""Staff create, edit, copy, publish and cancel workshops with their table groups in the portal."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests import factories
from workshops import services_staff
from workshops.models import DiscussionGroup, Registration, Workshop

pytestmark = pytest.mark.django_db

CREATE = reverse("workshops:workshop-create")


def _form(**overrides) -> dict:
    """A filled-in workshop form with two table groups."""
    start = timezone.localtime() + datetime.timedelta(days=20)
    data = {
        "title": "Frukostmöte om upphandling",
        "slug": "",
        "kind": "workshop",
        "starts_at": start.strftime("%Y-%m-%dT08:00"),
        "ends_at": start.strftime("%Y-%m-%dT10:00"),
        "venue": "Kommunhuset i Nödinge",
        "host": "Näringslivsenheten",
        "description": "Vi pratar om upphandling.",
        "capacity": "30",
        "registration_open": "on",
        "registration_closes_at": (start - datetime.timedelta(days=2)).strftime("%Y-%m-%dT12:00"),
        "notes_open_until": (start + datetime.timedelta(days=7)).strftime("%Y-%m-%dT23:00"),
        "pre_moderation": "on",
        "invitation_text": "",
        "status": "draft",
        "bord-TOTAL_FORMS": "3",
        "bord-INITIAL_FORMS": "0",
        "bord-MIN_NUM_FORMS": "0",
        "bord-MAX_NUM_FORMS": "60",
        "bord-0-name": "Bord 1",
        "bord-0-order": "",
        "bord-0-host": "",
        "bord-1-name": "Bord 2",
        "bord-1-order": "",
        "bord-1-host": "",
        "bord-2-name": "",
        "bord-2-order": "",
        "bord-2-host": "",
    }
    data.update(overrides)
    return data


def test_create_workshop_with_groups_and_slug_from_title(client_for, staff):
    """The web address is made from the title; the groups are saved in the typed order, each
    with its staff host."""
    response = client_for(staff).post(CREATE, _form(**{"bord-1-host": str(staff.pk)}))
    assert response.status_code == 302
    workshop = Workshop.objects.get(slug="frukostmote-om-upphandling")
    assert workshop.status == Workshop.Status.DRAFT and workshop.capacity == 30
    groups = list(workshop.groups.order_by("order"))
    assert [(g.name, g.host) for g in groups] == [("Bord 1", None), ("Bord 2", staff)]
    assert groups[1].table_host == staff.get_full_name()


def test_a_second_workshop_with_the_same_title_gets_a_free_address(client_for, staff):
    """Left empty, the address is made free with a number."""
    factories.WorkshopFactory(slug="frukostmote-om-upphandling")
    assert client_for(staff).post(CREATE, _form()).status_code == 302
    assert Workshop.objects.filter(slug="frukostmote-om-upphandling-2").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": "2020-01-01T08:00"}, "ends_at", "kan inte sluta innan den börjar"),
        ({"capacity": "-3"}, "capacity", "större än eller lika med 0"),
        (
            {"registration_closes_at": "2099-01-01T08:00"},
            "registration_closes_at",
            "innan workshoppen börjar",
        ),
        ({"slug": "taget"}, "slug", "har redan den här webbadressen"),
        ({"slug": "hantera"}, "slug", "portalen själv"),
        ({"title": ""}, "title", "måste fyllas i"),
    ],
)
def test_bad_workshop_input_gives_a_field_error_and_changes_nothing(
    client_for, staff, overrides, field, message
):
    """Each bad value is refused next to its field, with what was typed kept."""
    factories.WorkshopFactory(slug="taget")
    before = (Workshop.objects.count(), DiscussionGroup.objects.count())
    response = client_for(staff).post(CREATE, _form(**overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert (Workshop.objects.count(), DiscussionGroup.objects.count()) == before
    assert "Kommunhuset i Nödinge" in response.content.decode()


def test_empty_group_name_and_a_host_who_is_not_staff_are_refused(client_for, staff, business_owner):
    """A row with a host but no name, and a host who is not staff, get errors on their fields."""
    response = client_for(staff).post(
        CREATE,
        _form(**{"bord-0-name": "", "bord-0-host": str(staff.pk), "bord-1-host": str(business_owner.pk)}),
    )
    assert response.status_code == 400
    rows = response.context["formset"].forms
    assert "name" in rows[0].errors and "host" in rows[1].errors
    assert not Workshop.objects.filter(title="Frukostmöte om upphandling").exists()


def test_a_host_who_is_not_staff_is_refused_by_the_model(staff, business_owner):
    """The invariant also holds outside the form."""
    group = factories.DiscussionGroupFactory(host=business_owner)
    with pytest.raises(Exception, match="personalen"):
        group.full_clean()


def test_more_rows_keeps_what_was_typed(client_for, staff):
    """ "More table groups" redraws the form with every typed value and three more empty rows,
    saving nothing and showing no error."""
    response = client_for(staff).post(
        CREATE, _form(title="", **{"more_groups": "1", "bord-0-name": "Fönsterbordet"})
    )
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 6
    body = response.content.decode()
    assert "Fönsterbordet" in body and "Kommunhuset i Nödinge" in body and "måste fyllas i" not in body
    assert not Workshop.objects.filter(venue="Kommunhuset i Nödinge").exists()


def test_edit_renames_reorders_and_removes_groups(client_for, staff, other_staff):
    workshop = factories.WorkshopFactory(status=Workshop.Status.DRAFT)
    first = factories.DiscussionGroupFactory(workshop=workshop, name="A", order=1)
    second = factories.DiscussionGroupFactory(workshop=workshop, name="B", order=2)
    third = factories.DiscussionGroupFactory(workshop=workshop, name="C", order=3)
    data = _form(
        title=workshop.title,
        slug=workshop.slug,
        **{
            "bord-TOTAL_FORMS": "4",
            "bord-INITIAL_FORMS": "3",
            "bord-0-id": str(first.pk),
            "bord-0-name": "Alfa",
            "bord-0-order": "20",
            "bord-1-id": str(second.pk),
            "bord-1-name": "B",
            "bord-1-order": "10",
            "bord-1-host": str(other_staff.pk),
            "bord-2-id": str(third.pk),
            "bord-2-name": "C",
            "bord-2-order": "3",
            "bord-2-DELETE": "on",
            "bord-3-name": "",
        },
    )
    response = client_for(staff).post(reverse("workshops:workshop-update", args=[workshop.slug]), data)
    assert response.status_code == 302
    assert [(g.name, g.host_id) for g in workshop.groups.order_by("order")] == [
        ("B", other_staff.pk),
        ("Alfa", None),
    ]


def test_copy_is_independent_of_its_original(client_for, staff):
    """A copy starts from the original's facts and groups, a year later to the weekday, as a
    draft; saving it and changing it leaves the original as it was."""
    original = factories.WorkshopFactory(
        title="Lunchworkshop 2025",
        slug="lunchworkshop-2025",
        starts_at=timezone.now() - datetime.timedelta(days=300),
        ends_at=timezone.now() - datetime.timedelta(days=300, hours=-2),
        capacity=40,
    )
    factories.DiscussionGroupFactory(workshop=original, name="Service", order=1, host=staff)
    client = client_for(staff)
    url = reverse("workshops:workshop-copy", args=[original.slug])
    page = client.get(url)
    assert page.status_code == 200
    copy = page.context["form"].instance
    assert copy.starts_at.weekday() == original.starts_at.weekday() and copy.starts_at > timezone.now()
    rows = page.context["formset"].forms
    assert rows[0].initial["name"] == "Service"
    data = _form(
        title="Lunchworkshop 2026",
        **{"bord-0-name": "Service", "bord-0-host": str(staff.pk), "bord-1-name": "Nytt bord"},
    )
    assert client.post(url, data).status_code == 302
    new = Workshop.objects.get(slug="lunchworkshop-2026")
    assert new.pk != original.pk
    new.groups.filter(name="Service").update(name="Ändrat")
    assert list(original.groups.values_list("name", flat=True)) == ["Service"]
    original.refresh_from_db()
    assert original.title == "Lunchworkshop 2025" and original.capacity == 40


def test_publish(client_for, staff):
    workshop = factories.WorkshopFactory(status=Workshop.Status.DRAFT)
    response = client_for(staff).post(reverse("workshops:workshop-publish", args=[workshop.slug]))
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.status == Workshop.Status.PUBLISHED


def test_cancelling_tells_each_registered_person_once(staff, django_capture_on_commit_callbacks):
    """Everyone with a seat or on the waiting list gets one e-mail, even when the notifying
    runs again; unconfirmed visitors get none."""
    workshop = factories.WorkshopFactory(registration_open=True)
    now = timezone.now()
    seated = factories.RegistrationFactory(
        workshop=workshop, status=Registration.Status.CONFIRMED, queued_at=now
    )
    waiting = factories.RegistrationFactory(
        workshop=workshop, status=Registration.Status.WAITLISTED, queued_at=now
    )
    pending = factories.RegistrationFactory(workshop=workshop, status=Registration.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        told = services_staff.workshop_cancel(actor=staff, workshop=workshop)
    with django_capture_on_commit_callbacks(execute=True):
        again = services_staff.workshop_notify_cancelled(workshop_id=workshop.pk)
        services_staff.workshop_cancel(actor=staff, workshop=workshop)
    assert (told, again) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([seated.email, waiting.email])
    assert "inställd" in mail.outbox[0].subject.lower()
    workshop.refresh_from_db()
    assert workshop.status == Workshop.Status.CANCELLED and not workshop.registration_open
    assert set(Registration.objects.filter(workshop=workshop).values_list("status", flat=True)) == {
        "cancelled"
    }
    pending.refresh_from_db()
    assert pending.status == Registration.Status.CANCELLED


def test_cancel_page_then_cancel(client_for, staff):
    workshop = factories.WorkshopFactory()
    client = client_for(staff)
    url = reverse("workshops:workshop-cancel", args=[workshop.slug])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    workshop.refresh_from_db()
    assert workshop.status == Workshop.Status.CANCELLED


@pytest.mark.parametrize("size", [3, 30])
def test_manage_list_query_count(client_for, staff, django_assert_num_queries, size):
    """Session, user, roles, site settings, the nav's inbox count, the page count and one
    query for the page of workshops with their counts, at both sizes."""
    for workshop in factories.WorkshopFactory.create_batch(size):
        factories.RegistrationFactory(workshop=workshop, status=Registration.Status.CONFIRMED)
    client = client_for(staff)
    url = reverse("portal:workshop-manage-list")
    client.get(url)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [2, 20])
def test_edit_page_query_count(client_for, staff, django_assert_num_queries, size):
    """The edit form reads the workshop with its groups and the staff list once, however
    many groups it has."""
    workshop = factories.WorkshopFactory()
    factories.DiscussionGroupFactory.create_batch(size, workshop=workshop)
    factories.StaffFactory.create_batch(size)
    client = client_for(staff)
    url = reverse("workshops:workshop-update", args=[workshop.slug])
    client.get(url)
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200
