import time

import pytest

from aleforetag.exports.services import table_import
from tests import factories
from workshops.models import Organisation, Participation
from workshops.resources import ParticipationResource


@pytest.mark.django_db
def test_perf():
    w = factories.WorkshopFactory(slug="ws")
    factories.DiscussionGroupFactory(workshop=w, name="Bord 1")
    lines = ["Namn;E-post;Företag;Organisationsnummer;Roll;Bord"]
    for i in range(10000):
        lines.append(f"Person {i};p{i}@example.se;Företag {i % 300};;Företagare;Bord 1")
    data = ("\r\n".join(lines) + "\r\n").encode("cp1252")
    for dry in (True, False, False):
        t = time.perf_counter()
        out = table_import(
            resource=ParticipationResource(include_personal=True, column_defaults={"workshop": "ws"}),
            data=data,
            dry_run=dry,
        )
        print(
            "dry" if dry else "real",
            time.perf_counter() - t,
            out.ok,
            out.problems[:3],
            out.totals,
            out.result.file_notes if out.result else None,
        )
    print(Participation.objects.count(), Organisation.objects.count())
