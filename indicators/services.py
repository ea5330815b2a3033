"""Writes for indicators, their values and targets, and the action plan. Each service checks
the data (``full_clean``), writes in one transaction and records who did it in the audit log."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aleforetag.core.services import audit_record

from .importing import Row
from .models import ActionPoint, Indicator, IndicatorYear

INDICATOR_FIELDS = (
    "slug",
    "name_sv",
    "name_en",
    "description_sv",
    "description_en",
    "source",
    "unit",
    "scale_min",
    "scale_max",
    "decimals",
    "higher_is_better",
    "theme",
    "order",
)
ACTION_POINT_FIELDS = (
    "year",
    "title",
    "description",
    "owner",
    "deadline",
    "status",
    "report",
    "is_published",
    "theme",
)


@transaction.atomic
def indicator_create(*, actor, **fields) -> Indicator:
    """Add an indicator to the register."""
    indicator = Indicator(**fields)
    indicator.full_clean()
    indicator.save()
    audit_record(actor=actor, action="indicator.create", target=indicator)
    return indicator


@transaction.atomic
def indicator_update(*, actor, indicator: Indicator, **fields) -> Indicator:
    """Change an indicator's description; its values and targets stay."""
    changed = sorted(name for name, value in fields.items() if getattr(indicator, name) != value)
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    indicator.save()
    audit_record(actor=actor, action="indicator.update", target=indicator, fields=changed)
    return indicator


@transaction.atomic
def indicator_year_set(
    *, actor, indicator: Indicator, year: int, value: Decimal | None, target: Decimal | None
) -> IndicatorYear | None:
    """Set (or with neither a value nor a target, remove) an indicator's value and target for
    ``year``. Figures entered by staff are real: the row is no longer an example."""
    existing = IndicatorYear.objects.select_for_update().filter(indicator=indicator, year=year).first()
    if value is None and target is None:
        if existing is not None:
            existing.delete()
            audit_record(actor=actor, action="indicator.year_remove", target=indicator, year=year)
        return None
    row = existing or IndicatorYear(indicator=indicator, year=year)
    row.value, row.target, row.is_example = value, target, False
    row.updated_by, row.updated_at = actor, timezone.now()
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        action="indicator.year_set",
        target=indicator,
        year=year,
        value=None if value is None else str(value),
        target_value=None if target is None else str(target),
    )
    return row


@dataclass(frozen=True)
class ImportOutcome:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def indicator_years_import(*, actor, rows: Iterable[Row], source: str) -> ImportOutcome:
    """Store checked rows (``importing.read_rows``): a missing year is added, a stored one gets
    the row's value and target (an empty cell keeps what is stored), and a row that changes
    nothing writes nothing, so importing the same file twice changes nothing the second time.
    All rows or none: the caller checked them all first."""
    rows = list(rows)
    years = {row.year for row in rows}
    existing = {
        (item.indicator_id, item.year): item
        for item in IndicatorYear.objects.select_for_update().filter(
            indicator__in={row.indicator.pk for row in rows}, year__in=years
        )
    }
    now = timezone.now()
    created, updated, unchanged = [], [], 0
    for row in rows:
        item = existing.get((row.indicator.pk, row.year))
        if item is None:
            item = IndicatorYear(
                indicator=row.indicator,
                year=row.year,
                value=row.value,
                target=row.target,
                updated_by=actor,
                updated_at=now,
            )
            item.full_clean(validate_unique=False, validate_constraints=False)
            created.append(item)
            continue
        value = row.value if row.value is not None else item.value
        target = row.target if row.target is not None else item.target
        if (value, target, item.is_example) == (item.value, item.target, False):
            unchanged += 1
            continue
        item.value, item.target, item.is_example = value, target, False
        item.updated_by, item.updated_at = actor, now
        updated.append(item)
    IndicatorYear.objects.bulk_create(created)
    IndicatorYear.objects.bulk_update(updated, ["value", "target", "is_example", "updated_by", "updated_at"])
    if created or updated:
        audit_record(
            actor=actor, action="indicator.import", source=source, created=len(created), updated=len(updated)
        )
    return ImportOutcome(created=len(created), updated=len(updated), unchanged=unchanged)


def _set_done_on(point: ActionPoint) -> None:
    if point.status == ActionPoint.Status.DONE:
        point.done_on = point.done_on or timezone.localdate()
    else:
        point.done_on = None


@transaction.atomic
def action_point_create(
    *, actor, followups: Iterable = (), indicators: Iterable = (), **fields
) -> ActionPoint:
    """Add a point to the action plan of ``fields["year"]``, linked to the follow-ups and
    indicators it serves; a point created as done is done today."""
    point = ActionPoint(**fields)
    _set_done_on(point)
    point.full_clean()
    point.save()
    point.followups.set(list(followups))
    point.indicators.set(list(indicators))
    audit_record(actor=actor, action="action_point.create", target=point)
    return point


class StaleActionPointError(ValidationError):
    """Someone else saved the point after this edit started; nothing was changed."""

    def __init__(self):
        super().__init__(
            _(
                "Someone else changed this point while you were working on it. Your change was not "
                "saved: look at the current version and try again."
            ),
            code="stale",
        )


@transaction.atomic
def action_point_update(
    *,
    actor,
    point: ActionPoint,
    expected_version: int | None = None,
    followups: Iterable = (),
    indicators: Iterable = (),
    **fields,
) -> ActionPoint:
    """Change a point of the plan: its status, report, deadline or links. Marking it done
    records the day; moving it back from done clears it. With ``expected_version`` (the version
    the edit started from) a point saved by someone else meanwhile is refused unchanged
    (``StaleActionPointError``): the row is locked while its version is compared."""
    current = ActionPoint.objects.select_for_update().values_list("version", flat=True).get(pk=point.pk)
    if expected_version is not None and current != expected_version:
        raise StaleActionPointError()
    before = point.status
    for name, value in fields.items():
        setattr(point, name, value)
    _set_done_on(point)
    point.version = current + 1
    point.full_clean()
    point.save()
    point.followups.set(list(followups))
    point.indicators.set(list(indicators))
    audit_record(
        actor=actor, action="action_point.update", target=point, status_from=before, status_to=point.status
    )
    return point
