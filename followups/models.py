import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aleforetag.core.querysets import SignallingQuerySet


def default_promised_date(year: int) -> datetime.date:
    """The promise "at the latest early next year": 31 January of the following year."""
    return datetime.date(year + 1, 1, 31)


class Conference(models.Model):
    """The annual näringslivsråd conference and planning meeting where follow-ups are discussed."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=100, unique=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    promised_feedback_date = models.DateField(
        _("feedback promised by"),
        blank=True,
        help_text=_("Empty: 31 January of the following year."),
    )
    workshops = models.ManyToManyField(
        "workshops.Workshop", verbose_name=_("workshops"), related_name="conferences", blank=True
    )

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.promised_feedback_date is None and self.year:
            self.promised_feedback_date = default_promised_date(self.year)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("followups:conference-detail", args=[self.slug])

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The conference cannot end before it starts.")})


class FollowUpQuerySet(SignallingQuerySet):
    def with_promise(self, today: datetime.date | None = None):
        """Annotate ``promise`` (a ``FollowUp.Promise`` value) and ``feedback_published_on``.

        Computed in the database from the conference's promised date, the day the answer was
        published (local time) and ``today``: on time, late, overdue (no answer and the promised
        date has passed) or pending. Nothing of it is stored.
        """
        today = today or timezone.localdate()
        promised = F("conference__promised_feedback_date")
        return self.annotate(
            feedback_published_on=TruncDate("feedback_published_at", tzinfo=timezone.get_current_timezone())
        ).annotate(
            promise=Case(
                When(
                    feedback_published_at__isnull=False,
                    feedback_published_on__lte=promised,
                    then=Value(FollowUp.Promise.ON_TIME),
                ),
                When(feedback_published_at__isnull=False, then=Value(FollowUp.Promise.LATE)),
                When(conference__promised_feedback_date__lt=today, then=Value(FollowUp.Promise.OVERDUE)),
                default=Value(FollowUp.Promise.PENDING),
                output_field=CharField(),
            )
        )

    def answered(self):
        """Follow-ups whose answer is public: feedback published or declined with a reason."""
        return self.filter(feedback_published_at__isnull=False)

    def unanswered(self):
        return self.filter(feedback_published_at__isnull=True)

    def due_within(self, days: int, today: datetime.date | None = None):
        """Unanswered follow-ups whose promised date falls within ``days`` days from today (or has passed)."""
        today = today or timezone.localdate()
        return self.unanswered().filter(
            conference__promised_feedback_date__lte=today + datetime.timedelta(days=days)
        )

    def promise_counts(self, today: datetime.date | None = None) -> dict[str, int]:
        """One aggregate query: how many follow-ups are on time, late, overdue and pending."""
        qs = self.with_promise(today)
        return qs.aggregate(
            **{value: Count("pk", filter=Q(promise=value)) for value in FollowUp.Promise.values}
        )


class FollowUp(models.Model):
    """A matter (ärende) that gathers inputs and carries them to a decision and feedback.

    Declining is also an answer: the reason is published and ``feedback_published_at`` records
    when, so the promise is judged the same way for both outcomes.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ON_AGENDA = "on_agenda", _("On the agenda")
        DISCUSSED = "discussed", _("Discussed")
        DECIDED = "decided", _("Decided")
        FEEDBACK_PUBLISHED = "feedback_published", _("Feedback published")
        DECLINED = "declined", _("Declined")

    class Promise(models.TextChoices):
        PENDING = "pending", _("Not yet due")
        ON_TIME = "on_time", _("On time")
        LATE = "late", _("Late")
        OVERDUE = "overdue", _("Overdue")

    # The only allowed moves; feedback published and declined are final.
    TRANSITIONS = {
        Status.NEW: (Status.ON_AGENDA, Status.DECLINED),
        Status.ON_AGENDA: (Status.DISCUSSED, Status.DECLINED),
        Status.DISCUSSED: (Status.DECIDED, Status.DECLINED),
        Status.DECIDED: (Status.FEEDBACK_PUBLISHED,),
        Status.FEEDBACK_PUBLISHED: (),
        Status.DECLINED: (),
    }
    ANSWERED = (Status.FEEDBACK_PUBLISHED, Status.DECLINED)

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.PROTECT, related_name="followups"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        "feedback.Theme",
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followups",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_followups",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    decision = models.TextField(_("decision"), blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    feedback_text = models.TextField(_("feedback"), blank=True)
    feedback_published_at = models.DateTimeField(_("feedback published"), null=True, blank=True)
    notes = models.ManyToManyField(
        "feedback.Note", verbose_name=_("notes"), related_name="followups", blank=True
    )
    disagreements = models.ManyToManyField(
        "feedback.Disagreement", verbose_name=_("disagreements"), related_name="followups", blank=True
    )
    summary_points = models.ManyToManyField(
        "feedback.SummaryPoint", verbose_name=_("summary points"), related_name="followups", blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["conference", "status"], name="followup_conf_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="followup_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="feedback_published") | ~Q(feedback_text=""),
                name="followup_published_has_feedback",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status__in=["feedback_published", "declined"], feedback_published_at__isnull=False)
                    | (
                        ~Q(status__in=["feedback_published", "declined"])
                        & Q(feedback_published_at__isnull=True)
                    )
                ),
                name="followup_answered_iff_published_at",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("followups:followup-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.status == self.Status.DECLINED and not self.decline_reason.strip():
            errors["decline_reason"] = _("Give the reason for declining.")
        if self.status in (self.Status.DECIDED, self.Status.FEEDBACK_PUBLISHED) and not self.decision.strip():
            errors["decision"] = _("Write what was decided.")
        if self.status == self.Status.FEEDBACK_PUBLISHED and not self.feedback_text.strip():
            errors["feedback_text"] = _("Write the feedback to publish.")
        if errors:
            raise ValidationError(errors)

    @property
    def allowed_moves(self) -> tuple:
        """The statuses this follow-up may move to next."""
        return self.TRANSITIONS.get(self.status, ())

    def can_move_to(self, status: str) -> bool:
        return status in self.allowed_moves

    @property
    def is_answered(self) -> bool:
        return self.status in self.ANSWERED

    def get_promise_display(self) -> str:
        """The label of the ``promise`` annotation from ``FollowUpQuerySet.with_promise()``."""
        return self.Promise(self.promise).label


class StatusChange(models.Model):
    """One step in a follow-up's timeline."""

    followup = models.ForeignKey(
        FollowUp, verbose_name=_("follow-up"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=FollowUp.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=FollowUp.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["followup", "changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.followup}: {self.from_status} → {self.to_status}"


class FeedbackNotice(models.Model):
    """The one notice a business owner gets when feedback on a follow-up they fed is published.

    The unique constraint is what makes the e-mail go exactly once per person and follow-up.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="feedback_notices",
    )
    followup = models.ForeignKey(
        FollowUp, verbose_name=_("follow-up"), on_delete=models.CASCADE, related_name="notices"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback notice")
        verbose_name_plural = _("feedback notices")
        constraints = [
            models.UniqueConstraint(fields=["user", "followup"], name="one_notice_per_user_and_followup")
        ]
        indexes = [
            # Mitt inflytande lists a business owner's notices unread first, then latest read,
            # each newest first (descending puts NULL first in PostgreSQL's index order).
            models.Index(fields=["user", "-read_at", "-created_at"], name="notice_user_unread_first_idx")
        ]

    def __str__(self):
        return f"{self.user} – {self.followup}"
