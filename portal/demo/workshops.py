"""Demo workshops: the lunch with the municipal board in November 2017, and upcoming meetings
open for registration."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from portal.factories import (
    DiscussionGroupFactory,
    OrganisationFactory,
    ParticipationFactory,
    RegistrationFactory,
    WorkshopFactory,
)
from workshops.models import Participation, Registration, Workshop
from workshops.validators import with_check_digit

STOCKHOLM = ZoneInfo("Europe/Stockholm")

ORGANISATIONS = [
    ("Lindqvists Bygg AB", "556712345"),
    ("Nödinge Kafé & Bageri", "559034512"),
    ("Alafors Mekaniska", "556398761"),
    ("Surte Redovisning", "559112233"),
    ("Skepplanda Gårdsbutik", "556845670"),
    ("Älvängen Transport AB", "556601928"),
]

GROUPS = [
    ("Bord 1", "Sara Ekström"),
    ("Bord 2", "Johan Berg"),
    ("Bord 3", "Anders Holm"),
    ("Bord 4", ""),
]

# Walk-in participants without accounts: name, role, organisation index or None, group index.
WALK_INS = [
    ("Per Andersson", Participation.Role.POLITICIAN, None, 0),
    ("Eva Johansson", Participation.Role.POLITICIAN, None, 1),
    ("Mikael Persson", Participation.Role.POLITICIAN, None, 3),
    ("Fatima Ali", Participation.Role.OFFICIAL, None, 2),
    ("Olof Karlsson", Participation.Role.BUSINESS_OWNER, 3, 0),
    ("Birgitta Svensson", Participation.Role.BUSINESS_OWNER, 4, 1),
    ("Jonas Gustafsson", Participation.Role.BUSINESS_OWNER, 5, 3),
]


def _local(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def ensure(factory_class, lookup: dict, **fields):
    """The row that ``lookup`` finds, its ``fields`` brought up to date, or a new one built by
    ``factory_class``: running the demo again changes nothing."""
    model = factory_class._meta.model
    found = model.objects.filter(**lookup).first()
    if found is None:
        return factory_class(**lookup, **fields)
    changed = [name for name, value in fields.items() if getattr(found, name) != value]
    for name in changed:
        setattr(found, name, fields[name])
    if changed:
        found.save(update_fields=changed)
    return found


def load_demo_workshops(users) -> dict[str, Workshop]:
    """Create or update the demo workshops and their people; running it again changes nothing."""
    organisations = [
        ensure(OrganisationFactory, {"organisation_number": with_check_digit(digits)}, name=name)
        for name, digits in ORGANISATIONS
    ]
    lunch = ensure(
        WorkshopFactory,
        {"slug": "lunch-med-kommunstyrelsen-2017"},
        title="Lunch med kommunstyrelsen om företagsklimatet",
        kind=Workshop.Kind.LUNCH,
        starts_at=_local(2017, 11, 7, 11, 30),
        ends_at=_local(2017, 11, 7, 14, 0),
        venue="Kommunhus Nödinge, Ale torg 7",
        host="Kommunstyrelsen och näringslivsenheten",
        description=(
            "Politiker i kommunstyrelsen, tjänstepersoner och företagare åt lunch tillsammans och "
            "samtalade i bordsgrupper om hur företagsklimatet i Ale kan bli starkare: kommunens "
            "service, förståelsen mellan oss och hur vi samarbetar."
        ),
        status=Workshop.Status.PUBLISHED,
        notes_open_until=_local(2017, 11, 14, 23, 59),
        pre_moderation=True,
    )
    groups = [
        ensure(DiscussionGroupFactory, {"workshop": lunch, "name": name}, order=order, table_host=host)
        for order, (name, host) in enumerate(GROUPS, start=1)
    ]
    for name, role, org_index, group_index in WALK_INS:
        ensure(
            ParticipationFactory,
            {"workshop": lunch, "name": name, "user": None},
            role=role,
            organisation=organisations[org_index] if org_index is not None else None,
            group=groups[group_index],
            attended=True,
        )
    account_participants = [
        ("business_owner", Participation.Role.BUSINESS_OWNER, 0, 0),
        ("business_owner_2", Participation.Role.BUSINESS_OWNER, 1, 1),
        ("business_owner_3", Participation.Role.BUSINESS_OWNER, 2, 2),
        ("staff", Participation.Role.OFFICIAL, None, 0),
        ("staff_reviewer", Participation.Role.OFFICIAL, None, 1),
        ("politician", Participation.Role.POLITICIAN, None, 2),
    ]
    for key, role, org_index, group_index in account_participants:
        ensure(
            ParticipationFactory,
            {"workshop": lunch, "user": users[key]},
            name="",
            role=role,
            organisation=organisations[org_index] if org_index is not None else None,
            group=groups[group_index],
            attended=True,
        )

    next_year = timezone.localdate().year + 1
    upcoming = ensure(
        WorkshopFactory,
        {"slug": f"dialogmote-foretagsklimat-{next_year}"},
        title=f"Dialogmöte om företagsklimatet {next_year}",
        kind=Workshop.Kind.DIALOGUE,
        starts_at=_local(next_year, 3, 17, 7, 30),
        ends_at=_local(next_year, 3, 17, 9, 30),
        venue="Kommunhus Nödinge, Ale torg 7",
        host="Näringslivsenheten",
        description=(
            "Frukostmöte där vi berättar vad som hänt sedan förra året och samlar nya förslag "
            "från företagen i Ale."
        ),
        status=Workshop.Status.PUBLISHED,
        notes_open_until=_local(next_year, 3, 31, 23, 59),
        registration_open=True,
        capacity=24,
        registration_closes_at=_local(next_year, 3, 10, 23, 59),
        invitation_text="Välkommen på frukost och samtal om företagsklimatet i Ale.",
    )
    upcoming_groups = [
        ensure(DiscussionGroupFactory, {"workshop": upcoming, "name": name}, order=order)
        for order, name in enumerate(["Bord A", "Bord B", "Bord C"], start=1)
    ]
    procurement = _load_demo_registrations(users, upcoming, upcoming_groups, next_year)
    return {
        "lunch": lunch,
        "upcoming": upcoming,
        "procurement_breakfast": procurement,
        "organisations": organisations,
        "groups": groups,
    }


# Registrations: made-up visitors, combined from these names so that the demo has a full room.
FIRST_NAMES = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Sofia",
    "Nils",
    "Elin",
    "Omar",
    "Karin",
    "Peter",
    "Hanna",
    "Ali",
]
LAST_NAMES = ["Lund", "Berglund", "Hedlund", "Nyström", "Falk", "Sandberg", "Åberg", "Wikström"]
COMPANIES = [
    "Nödinge Bilservice",
    "Surte Hantverk",
    "Bohus Blommor",
    "Alafors Elteknik",
    "Skepplanda Måleri",
    "Älvängen Frisörer",
    "Ale Städ & Fönsterputs",
    "Starrkärr Lantbruk",
]
DIETS = ["Vegetarisk kost", "Glutenfritt", "Nötallergi", "Laktosfritt", ""]


def _demo_people(count, offset):
    for index in range(offset, offset + count):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index // len(FIRST_NAMES) + index) % len(LAST_NAMES)]
        email = f"{first}.{last}.{index}@example.se".lower().translate(str.maketrans("åäö", "aao"))
        yield index, f"{first} {last}", email, COMPANIES[index % len(COMPANIES)]


def _register(workshop, groups, people, status, first_queued):
    for position, (index, name, email, company) in enumerate(people):
        ensure(
            RegistrationFactory,
            {"workshop": workshop, "email": email},
            name=name,
            organisation_name=company,
            status=status,
            queued_at=first_queued + datetime.timedelta(hours=position),
            preferred_group=groups[index % len(groups)] if groups and index % 3 else None,
            dietary_needs=DIETS[index % len(DIETS)],
            accessibility_needs="Hörslinga" if index % 11 == 4 else "",
        )


def _load_demo_registrations(users, upcoming, upcoming_groups, next_year) -> Workshop:
    """The dialogue meeting has a few seats left; a smaller breakfast is full with a waiting list."""
    opened = upcoming.starts_at - datetime.timedelta(days=60)
    owner = users["business_owner_2"]
    ensure(
        RegistrationFactory,
        {"workshop": upcoming, "email": owner.email},
        user=owner,
        name=owner.full_name,
        organisation_name=owner.organisation_name,
        status=Registration.Status.CONFIRMED,
        queued_at=opened,
        dietary_needs="Laktosfritt",
    )
    _register(upcoming, upcoming_groups, _demo_people(20, 0), Registration.Status.CONFIRMED, opened)

    breakfast = ensure(
        WorkshopFactory,
        {"slug": f"frukost-upphandling-{next_year}"},
        title="Frukost: så lämnar små företag anbud till kommunen",
        kind=Workshop.Kind.WORKSHOP,
        starts_at=_local(next_year, 2, 10, 7, 30),
        ends_at=_local(next_year, 2, 10, 9, 0),
        venue="Ale gymnasium, Nödinge",
        host="Näringslivsenheten och upphandlingsenheten",
        description=(
            "Upphandlingsenheten går igenom hur ett anbud läggs och vad kommunen köper. Frågan om att "
            "göra det lättare för små företag att lämna anbud kom upp vid lunchen med kommunstyrelsen."
        ),
        status=Workshop.Status.PUBLISHED,
        notes_open_until=None,
        registration_open=True,
        capacity=12,
        registration_closes_at=_local(next_year, 2, 3, 23, 59),
        invitation_text="Välkommen på frukost och en genomgång av kommunens upphandlingar.",
    )
    opened = breakfast.starts_at - datetime.timedelta(days=45)
    _register(breakfast, [], _demo_people(12, 20), Registration.Status.CONFIRMED, opened)
    _register(
        breakfast,
        [],
        _demo_people(3, 32),
        Registration.Status.WAITLISTED,
        opened + datetime.timedelta(days=5),
    )
    return breakfast
