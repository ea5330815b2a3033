import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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


class FollowUp(models.Model):
    """A matter (ärende) that gathers inputs and carries them to a decision and feedback."""

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

    class Meta:
        ordering = ["conference", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["conference", "status"], name="followup_conf_status_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("followups:followup-detail", args=[self.pk])


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

    def __str__(self):
        return f"{self.user} – {self.followup}"
