"""Indicators of the business climate (the national surveys' figures), their values and the
municipality's targets per year, and the action plan whose points serve them."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aleforetag.core.querysets import SignallingQuerySet
from feedback.models import BilingualNameMixin

FIRST_YEAR = 2000
LAST_YEAR = 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class Indicator(BilingualNameMixin, models.Model):
    """One measured figure, for example the overall verdict of Svenskt Näringsliv's survey or
    the satisfaction index (NKI) of SKR's Insikt for building permits."""

    class Source(models.TextChoices):
        SVENSKT_NARINGSLIV = "svenskt_naringsliv", _("Svenskt Näringsliv: local business climate survey")
        INSIKT = "insikt", _("SKR Insikt: service measurement")
        OTHER = "other", _("Other source")

    slug = models.SlugField(
        _("short name"),
        max_length=60,
        unique=True,
        help_text=_("Used in web addresses and in the import file's indicator column."),
    )
    name_sv = models.CharField(_("name (Swedish)"), max_length=150, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    source = models.CharField(_("source"), max_length=30, choices=Source.choices)
    unit = models.CharField(
        _("unit"), max_length=40, help_text=_("For example “grade 1–6”, “NKI” or “place”.")
    )
    scale_min = models.DecimalField(
        _("lowest possible value"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    scale_max = models.DecimalField(
        _("highest possible value"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    decimals = models.PositiveSmallIntegerField(
        _("decimals shown"), default=1, validators=[MaxValueValidator(2)]
    )
    higher_is_better = models.BooleanField(
        _("higher is better"), default=True, help_text=_("Untick for a ranking, where place 1 is best.")
    )
    theme = models.ForeignKey(
        "feedback.Theme",
        verbose_name=_("theme of the dialogue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        help_text=_("Empty: the indicator speaks to the business climate as a whole."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name_sv"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_min__isnull=True)
                | Q(scale_max__isnull=True)
                | Q(scale_min__lt=models.F("scale_max")),
                name="indicator_scale_ordered",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicators:indicator-detail", args=[self.slug])

    def clean(self):
        if self.scale_min is not None and self.scale_max is not None and self.scale_min >= self.scale_max:
            raise ValidationError({"scale_max": _("The highest value must be above the lowest.")})

    def out_of_scale(self, value: Decimal) -> bool:
        """True when ``value`` lies outside the indicator's scale."""
        return (self.scale_min is not None and value < self.scale_min) or (
            self.scale_max is not None and value > self.scale_max
        )

    def improved(self, before: Decimal, after: Decimal) -> bool | None:
        """True when the move from ``before`` to ``after`` is for the better, None when unchanged."""
        if before == after:
            return None
        return (after > before) == self.higher_is_better

    def reached(self, value: Decimal, target: Decimal) -> bool:
        """True when ``value`` reaches ``target`` (at or beyond it, in the better direction)."""
        return value >= target if self.higher_is_better else value <= target


class IndicatorYear(models.Model):
    """An indicator's value for one year, and the municipality's target for that year; either
    may be missing (a target set ahead, a value without a target)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="years"
    )
    year = models.PositiveIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("value"), max_digits=8, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=8, decimal_places=2, null=True, blank=True)
    is_example = models.BooleanField(
        _("example figures"),
        default=False,
        help_text=_("Made-up figures (the demo): always shown marked as examples."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("indicator year")
        verbose_name_plural = _("indicator years")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_row_per_indicator_and_year"),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(target__isnull=False),
                name="indicator_year_has_value_or_target",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}"


class ActionPointQuerySet(SignallingQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def behind_or_overdue(self, today):
        """Points marked as behind, and open points whose deadline has passed."""
        return self.filter(
            Q(status=ActionPoint.Status.BEHIND) | (Q(deadline__lt=today) & ~Q(status__in=ActionPoint.CLOSED))
        )


class ActionPoint(models.Model):
    """One point of the municipality's action plan for a year: what is done, by whom, by when,
    and which follow-ups and indicators it serves."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        BEHIND = "behind", _("Behind schedule")
        DONE = "done", _("Done")
        # A context of its own: the registration's "Cancelled" is "Avbokad" in Swedish, a plan
        # point's is "Avbruten".
        CANCELLED = "cancelled", pgettext_lazy("action plan point", "Cancelled")

    CLOSED = (Status.DONE, Status.CANCELLED)

    year = models.PositiveIntegerField(_("plan year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what is to be done"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_points",
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    report = models.TextField(
        _("report"), blank=True, help_text=_("A short report on where the point stands.")
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Published points are shown to everyone.")
    )
    theme = models.ForeignKey(
        "feedback.Theme",
        verbose_name=_("theme of the dialogue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_points",
    )
    followups = models.ManyToManyField(
        "followups.FollowUp", verbose_name=_("follow-ups it serves"), related_name="action_points", blank=True
    )
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators it serves"), related_name="action_points", blank=True
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    # Raised by every save: an edit started from an older version is refused, never lost.
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActionPointQuerySet.as_manager()

    class Meta:
        ordering = ["year", "deadline", "pk"]
        verbose_name = _("action plan point")
        verbose_name_plural = _("action plan points")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False)
                | (~Q(status="done") & Q(done_on__isnull=True)),
                name="action_point_done_iff_done_on",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("indicators:plan-year", args=[self.year])

    def is_overdue(self, today) -> bool:
        return self.status not in self.CLOSED and self.deadline < today

    def is_behind_or_overdue(self, today) -> bool:
        return self.status == self.Status.BEHIND or self.is_overdue(today)
