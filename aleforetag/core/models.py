from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import branding


class SiteSettings(models.Model):
    """The one row of site-wide facts: the municipality's identity in the header (names, logo,
    main colour, favicon) and the contact centre in the footer."""

    municipality_name = models.CharField(_("municipality's name"), max_length=100, default="Ale kommun")
    service_name = models.CharField(
        _("service's name"),
        max_length=100,
        default="Ale företagsklimat",
        help_text=_("Shown beside the logo and in every page title."),
    )
    service_name_en = models.CharField(
        _("service's name (English)"), max_length=100, default="Ale business climate"
    )
    logo = models.FileField(
        _("logo"),
        upload_to="site/",
        blank=True,
        validators=[branding.validate_logo],
        help_text=_("PNG, JPEG or WebP, at most 500 kB; shown about 48 pixels high."),
    )
    logo_alt = models.CharField(
        _("logo's alternative text"),
        max_length=150,
        blank=True,
        help_text=_("What the logo says, for those who cannot see it, e.g. the municipality's name."),
    )
    main_colour = models.CharField(
        _("main colour"),
        max_length=7,
        default=branding.DEFAULT_COLOUR,
        validators=[branding.validate_main_colour],
        help_text=_(
            "Header, buttons and links; white text on it and links in it need at least 4.5:1 contrast."
        ),
    )
    favicon = models.FileField(
        _("favicon"),
        upload_to="site/",
        blank=True,
        validators=[branding.validate_favicon],
        help_text=_("The small icon in the browser's tab: PNG or ICO, at most 100 kB."),
    )

    contact_centre_name = models.CharField(_("contact centre name"), max_length=100, default="Kontaktcenter")
    phone = models.CharField(_("phone"), max_length=40, default="0303-33 00 00")
    email = models.EmailField(_("e-mail"), default="kommun@ale.se")
    visiting_address = models.CharField(
        _("visiting address"), max_length=200, default="Kommunhus Nödinge, Ale torg 7, Nödinge"
    )
    postal_address = models.CharField(
        _("postal address"), max_length=200, default="Ale kommun, 449 80 Alafors"
    )
    opening_hours = models.CharField(
        _("opening hours"), max_length=200, default="Måndag–fredag kl. 8.00–16.30"
    )
    opening_hours_en = models.CharField(
        _("opening hours (English)"), max_length=200, default="Monday–Friday 8.00–16.30"
    )
    accessibility_contact_email = models.EmailField(
        _("e-mail for reporting accessibility barriers"), default="kommun@ale.se"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))

    def clean(self):
        super().clean()
        if self.logo and not self.logo_alt.strip():
            raise ValidationError(
                {"logo_alt": _("Describe the logo for those who cannot see it.")}, code="required"
            )

    @property
    def service_name_here(self) -> str:
        """The service's name in the active language."""
        return self.service_name_en if get_language() == "en" and self.service_name_en else self.service_name

    @property
    def main_colour_dark(self) -> str:
        """The main colour darkened, for hover and pressed states."""
        return branding.darken(self.main_colour)

    @property
    def version(self) -> str:
        """Changes whenever the settings are saved: a cache-busting suffix for the theme's URLs."""
        return self.updated_at.strftime("%Y%m%d%H%M%S") if self.updated_at else "0"

    @classmethod
    def load(cls):
        """Return the single settings row, creating it with the defaults when missing."""
        obj = cls.objects.filter(pk=1).first()
        if obj is None:
            obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class AuditEntry(models.Model):
    """One recorded staff or admin action: who did what to which object, and when."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=60, db_index=True)
    target_type = models.CharField(_("object type"), max_length=60, blank=True)
    target_id = models.CharField(_("object id"), max_length=40, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"


class OutboxEmail(models.Model):
    """One e-mail the portal has decided to send, recorded in the transaction that caused it.

    The worker sends it after commit and marks it sent only once the mail server has accepted
    it; a failure is retried later with a growing delay. Its ``message_id`` is fixed when it
    is recorded, so the one repeat a crash can cause (between the server's acceptance and the
    mark) carries the same Message-ID, which mail clients show once. ``key`` names the event
    the e-mail is about: a second e-mail for the same event is never recorded.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("gave up")

    key = models.CharField(_("event"), max_length=200, unique=True, null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    to = models.CharField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mail")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self):
        return f"{self.to}: {self.subject}"


class WorkerHeartbeat(models.Model):
    """When each background worker last showed it was alive (the health page reads it)."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    beat_at = models.DateTimeField(_("last heartbeat"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.worker_id} {self.beat_at:%Y-%m-%d %H:%M:%S}"
