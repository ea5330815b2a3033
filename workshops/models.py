from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aleforetag.accounts import roles
from aleforetag.core.querysets import SignallingQuerySet

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


class WorkshopQuerySet(SignallingQuerySet):
    def published(self):
        return self.filter(status=Workshop.Status.PUBLISHED)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")

    def with_seats_taken(self):
        """Annotate ``seats_taken``: the confirmed registrations, counted in the database."""
        taken = (
            Registration.objects.filter(workshop=models.OuterRef("pk"), status=Registration.Status.CONFIRMED)
            .order_by()
            .values("workshop")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(seats_taken=Coalesce(models.Subquery(taken), 0))


class Workshop(models.Model):
    """A meeting where business owners, officials and politicians talk about the business climate."""

    class Kind(models.TextChoices):
        LUNCH = "lunch", _("Lunch")
        WORKSHOP = "workshop", _("Workshop")
        DIALOGUE = "dialogue", _("Dialogue meeting")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", pgettext_lazy("workshop", "Cancelled")

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
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
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
        return reverse("portal:workshop-detail", args=[self.slug])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The workshop cannot end before it starts.")
        if self.starts_at and self.registration_closes_at and self.registration_closes_at > self.starts_at:
            errors["registration_closes_at"] = _("Registration must close before the workshop starts.")
        if errors:
            raise ValidationError(errors)

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

    @property
    def seats_left(self):
        """Free seats, or None without a capacity; needs ``with_seats_taken()``."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)

    def registration_is_open(self, now=None):
        """Whether people may register: published, opened by staff, before the last day and the start."""
        now = now or timezone.now()
        return (
            self.is_published
            and self.registration_open
            and now < self.starts_at
            and (self.registration_closes_at is None or now < self.registration_closes_at)
        )


class DiscussionGroup(models.Model):
    """A table group (bordsgrupp) at a workshop."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="groups"
    )
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveIntegerField(_("order"), default=0)
    table_host = models.CharField(_("table host"), max_length=150, blank=True)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("table host (staff)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_groups",
    )
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

    def clean(self):
        if self.host_id and not roles.has_role(self.host, roles.STAFF, roles.ADMIN):
            raise ValidationError({"host": _("The table host must be a member of staff.")})


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

    objects = SignallingQuerySet.as_manager()

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


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Registrations that hold a seat or a place in the queue."""
        return self.filter(status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED])

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        """The waiting list, first in line first."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by("queued_at", "created_at", "pk")


class Registration(models.Model):
    """One person's registration for a workshop: a seat, a place on the waiting list, or a
    visitor's registration that waits for its e-mail confirmation.

    Sensitive: ``dietary_needs`` and ``accessibility_needs`` (see ``SENSITIVE_FIELDS``) may be
    health data. Only staff see them, only admins may export them, and they are erased
    ``REGISTRATION_NEEDS_RETENTION_DAYS`` after the workshop."""

    SENSITIVE_FIELDS = ("dietary_needs", "accessibility_needs")

    class Source(models.TextChoices):
        WEB = "web", _("On the web")
        PHONE = "phone", _("By phone")
        WALK_IN = "walk_in", _("At the door")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("Seat confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(
        _("e-mail address"), blank=True, help_text=_("Empty only for someone registered at the door.")
    )
    organisation_name = models.CharField(_("company or organisation"), max_length=200, blank=True)
    language = models.CharField(
        _("language for e-mail"), max_length=5, choices=settings.LANGUAGES, default="sv"
    )
    # Sensitive: staff only, exported to admins only, erased after the retention period.
    dietary_needs = models.TextField(
        _("dietary needs and allergies"),
        blank=True,
        max_length=500,
        help_text=_("For example vegetarian food, or an allergy to nuts."),
    )
    # Sensitive: staff only, exported to admins only, erased after the retention period.
    accessibility_needs = models.TextField(
        _("accessibility needs"),
        blank=True,
        max_length=500,
        help_text=_("For example a hearing loop, step-free access or a seat near the door."),
    )
    preferred_group = models.ForeignKey(
        DiscussionGroup,
        verbose_name=_("preferred table group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    source = models.CharField(_("registered"), max_length=10, choices=Source.choices, default=Source.WEB)
    queued_at = models.DateTimeField(
        _("in line since"),
        null=True,
        blank=True,
        help_text=_("When the registration was confirmed; the waiting list is served in this order."),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved from the waiting list"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    needs_erased_at = models.DateTimeField(_("needs erased"), null=True, blank=True)
    participation = models.OneToOneField(
        Participation,
        verbose_name=_("participation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registration",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["workshop", "name"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "email"],
                condition=~models.Q(status="cancelled") & ~models.Q(email=""),
                name="one_registration_per_email",
            ),
            models.UniqueConstraint(
                fields=["workshop", "user"],
                condition=models.Q(user__isnull=False) & ~models.Q(status="cancelled"),
                name="one_registration_per_user",
            ),
        ]
        indexes = [models.Index(fields=["workshop", "status", "queued_at"], name="registration_queue_idx")]

    def __str__(self):
        return f"{self.name} – {self.workshop}"

    def clean(self):
        self.email = (self.email or "").strip().lower()
        if (
            self.preferred_group_id
            and self.workshop_id
            and self.preferred_group.workshop_id != self.workshop_id
        ):
            raise ValidationError({"preferred_group": _("The group belongs to another workshop.")})

    @property
    def has_seat(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_active(self):
        return self.status in (self.Status.CONFIRMED, self.Status.WAITLISTED)
