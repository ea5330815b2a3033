from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import normalise_organisation_number, validate_organisation_number


class Organisation(models.Model):
    """A company or association taking part in the dialogue."""

    name = models.CharField(_("name"), max_length=200)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("10 digits, for example 556016-0680."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def clean(self):
        if self.organisation_number:
            self.organisation_number = normalise_organisation_number(self.organisation_number)
        else:
            self.organisation_number = None


class WorkshopQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Workshop.Status.PUBLISHED)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")


class Workshop(models.Model):
    """A meeting where business owners, officials and politicians talk about the business climate."""

    class Kind(models.TextChoices):
        LUNCH = "lunch", _("Lunch")
        WORKSHOP = "workshop", _("Workshop")
        DIALOGUE = "dialogue", _("Dialogue meeting")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WORKSHOP)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200)
    host = models.CharField(
        _("host"), max_length=200, help_text=_("Who invites, for example the municipal board.")
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    notes_open_until = models.DateTimeField(
        _("notes open until"),
        null=True,
        blank=True,
        help_text=_("Business owners may submit and edit notes until this time. Empty: notes are closed."),
    )
    pre_moderation = models.BooleanField(
        _("moderate notes before publishing"),
        default=True,
        help_text=_("Notes from the browser wait for a staff decision before they are shown."),
    )
    registration_open = models.BooleanField(_("registration open"), default=False)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("last day to register"), null=True, blank=True)
    invitation_text = models.TextField(_("invitation"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        indexes = [models.Index(fields=["status", "starts_at"], name="workshop_status_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="workshop_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workshops:workshop-detail", args=[self.slug])

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The workshop cannot end before it starts.")})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def notes_are_open(self, now=None):
        """Whether business owners may still submit, edit or withdraw notes."""
        return (
            self.is_published
            and self.notes_open_until is not None
            and (now or timezone.now()) < self.notes_open_until
        )


class DiscussionGroup(models.Model):
    """A table group (bordsgrupp) at a workshop."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="groups"
    )
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveIntegerField(_("order"), default=0)
    table_host = models.CharField(_("table host"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["workshop", "order", "name"]
        verbose_name = _("discussion group")
        verbose_name_plural = _("discussion groups")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "name"], name="group_name_unique_per_workshop")
        ]

    def __str__(self):
        return self.name


class Participation(models.Model):
    """Someone who took part in a workshop: a registered user or a walk-in."""

    class Role(models.TextChoices):
        BUSINESS_OWNER = "business_owner", _("Business owner")
        POLITICIAN = "politician", _("Politician")
        OFFICIAL = "official", _("Official")
        OTHER = "other", _("Other")

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    name = models.CharField(
        _("name"), max_length=150, blank=True, help_text=_("For walk-ins without an account.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.BUSINESS_OWNER)
    group = models.ForeignKey(
        DiscussionGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    attended = models.BooleanField(_("attended"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["workshop", "name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "user"],
                condition=models.Q(user__isnull=False),
                name="one_participation_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(name=""),
                name="participation_has_person",
            ),
        ]

    def __str__(self):
        return self.display_name

    def clean(self):
        if self.user_id is None and not self.name:
            raise ValidationError({"name": _("Give a name, or choose a user.")})
        if self.group_id and self.workshop_id and self.group.workshop_id != self.workshop_id:
            raise ValidationError({"group": _("The group belongs to another workshop.")})

    @property
    def display_name(self):
        if self.user_id:
            return str(self.user)
        return self.name
