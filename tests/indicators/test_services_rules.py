"""The indicators' services (validation, audit log, one transaction) and permissions (every
role against every permission: politicians read, staff write, the public neither)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from aleforetag.core.models import AuditEntry
from indicators.models import ActionPoint, Indicator, IndicatorYear
from indicators.services import action_point_create, indicator_create, indicator_year_set
from portal.factories import IndicatorFactory, IndicatorYearFactory

pytestmark = pytest.mark.django_db

PERMISSIONS = {
    # permission: (anonymous, owner, other_owner, staff, politician, admin)
    "indicators.read_indicators": (False, False, False, True, True, True),
    "indicators.read_whole_plan": (False, False, False, True, True, True),
    "indicators.manage_indicators": (False, False, False, True, False, True),
    "indicators.manage_action_plan": (False, False, False, True, False, True),
}


@pytest.mark.parametrize("perm", sorted(PERMISSIONS))
def test_each_role_holds_exactly_its_permissions(users, perm):
    from django.contrib.auth.models import AnonymousUser

    roles = ("anonymous", "owner", "other_owner", "staff", "politician", "admin")
    held = tuple((users[role] or AnonymousUser()).has_perm(perm) for role in roles)
    assert held == PERMISSIONS[perm]


def test_a_year_is_set_recorded_and_removed(staff):
    indicator = IndicatorFactory()
    row = indicator_year_set(actor=staff, indicator=indicator, year=2018, value=Decimal("3.5"), target=None)
    assert (row.value, row.target, row.updated_by) == (Decimal("3.5"), None, staff)
    assert AuditEntry.objects.filter(action="indicator.year_set", actor=staff).count() == 1
    assert indicator_year_set(actor=staff, indicator=indicator, year=2018, value=None, target=None) is None
    assert not IndicatorYear.objects.exists()
    assert AuditEntry.objects.filter(action="indicator.year_remove").count() == 1


def test_entering_figures_over_an_example_makes_them_real(staff):
    row = IndicatorYearFactory(is_example=True)
    indicator_year_set(actor=staff, indicator=row.indicator, year=row.year, value=row.value, target=None)
    assert IndicatorYear.objects.get(pk=row.pk).is_example is False


def test_an_indicator_whose_scale_is_upside_down_is_refused(staff):
    with pytest.raises(ValidationError) as raised:
        indicator_create(
            actor=staff,
            slug="x",
            name_sv="X",
            source="other",
            unit="st",
            scale_min=Decimal(5),
            scale_max=Decimal(1),
        )
    assert "scale_max" in raised.value.message_dict
    assert not Indicator.objects.exists()


def test_a_point_created_done_is_done_today_and_the_database_keeps_the_rule(staff):
    point = action_point_create(
        actor=staff, year=2018, title="Klart", owner=staff, deadline=datetime.date(2018, 5, 1), status="done"
    )
    assert point.done_on is not None
    with pytest.raises(ValidationError):
        ActionPoint(
            year=2018,
            title="Fel",
            owner=staff,
            deadline=datetime.date(2018, 5, 1),
            status="planned",
            done_on=point.done_on,
        ).full_clean()


def test_behind_or_overdue_is_judged_by_today():
    today = datetime.date(2019, 3, 1)
    point = ActionPoint(deadline=datetime.date(2019, 2, 28), status=ActionPoint.Status.IN_PROGRESS)
    assert point.is_overdue(today) and point.is_behind_or_overdue(today)
    point.status = ActionPoint.Status.DONE
    assert not point.is_behind_or_overdue(today)
    point.status, point.deadline = ActionPoint.Status.BEHIND, datetime.date(2019, 12, 31)
    assert point.is_behind_or_overdue(today) and not point.is_overdue(today)
