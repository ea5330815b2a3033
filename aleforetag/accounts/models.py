import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("email_confirmed", True)
        user = self._create_user(email, password, **extra_fields)
        from django.contrib.auth.models import Group

        from .roles import ADMIN

        # A superuser is an admin in the portal's roles too, so the admin page keeps it one.
        user.groups.add(Group.objects.get_or_create(name=ADMIN)[0])
        return user

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


def default_email_notice_kinds() -> list[str]:
    # E-mail about notes and disagreements only when the person chooses it on Mitt konto;
    # feedback keeps its own switch (``email_notifications``, on by default).
    return []


class User(AbstractUser):
    """A person who signs in with an e-mail address; their roles are Django groups."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation_name = models.CharField(_("company or organisation"), max_length=200, blank=True)
    language = models.CharField(
        _("language for e-mail"),
        max_length=5,
        choices=[("sv", _("Swedish")), ("en", _("English"))],
        default="sv",
    )
    email_notifications = models.BooleanField(
        _("e-mail me when feedback on my input is published"), default=True
    )
    email_notice_kinds = models.JSONField(
        _("notices that also come by e-mail"),
        default=default_email_notice_kinds,
        blank=True,
        help_text=_("The kinds of notice (see Notice.Kind) the person also wants by e-mail."),
    )
    # Kept on the row the site frame already loads, so the navigation's count costs no query;
    # changed only by the notice services, with the notices themselves.
    unread_notice_count = models.PositiveIntegerField(_("unread notices"), default=0)
    email_confirmed = models.BooleanField(_("e-mail address confirmed"), default=False)
    # A new address asked for on "Mitt konto": it replaces ``email`` only when the link sent
    # to it is opened, so the old address keeps working until then.
    pending_email = models.EmailField(_("new e-mail address, not yet confirmed"), blank=True)
    anonymised_at = models.DateTimeField(_("account deleted"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        if self.anonymised_at is not None:
            return str(_("Deleted account"))
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def has_perm(self, perm, obj=None):
        # The portal's own permissions (rules predicates) hold through roles only, superusers
        # included: an admin acts as an admin, never as another person (a note's author).
        # Django's model permissions keep their superuser shortcut, for the admin site.
        if rules.perm_exists(perm):
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def can_receive_email(self):
        return self.is_active and self.anonymised_at is None and self.email_confirmed

    def wants_email_for(self, kind: str) -> bool:
        """Whether a notice of ``kind`` should also be e-mailed: the person chose it and the
        address can receive mail. Feedback keeps its own switch (``email_notifications``)."""
        if not self.can_receive_email:
            return False
        if kind == Notice.Kind.FEEDBACK_PUBLISHED:
            return self.email_notifications
        return kind in (self.email_notice_kinds or ())


class Notice(models.Model):
    """One message to a person in the portal ("Mina sidor"), about something that happened to
    their note, disagreement, feedback or registration.

    ``key`` names the event (for example ``note-published:42``); the (user, key) unique
    constraint is what makes each notice exist once however often the code behind it runs.
    The text is drawn in the reader's language from ``kind`` and ``params`` when shown."""

    class Kind(models.TextChoices):
        NOTE_PUBLISHED = "note_published", _("My note is published")
        NOTE_HIDDEN = "note_hidden", _("My note is hidden, with the reason")
        DISAGREEMENT_TAKEN = "disagreement_taken", _("My disagreement is taken into a follow-up")
        FEEDBACK_PUBLISHED = "feedback_published", _("Feedback on my input is published")
        SEAT_OFFERED = "seat_offered", _("I get a seat from the waiting list")
        WORKSHOP_CANCELLED = "workshop_cancelled", _("A workshop I registered for is cancelled")
        WORKSHOP_MOVED = "workshop_moved", _("A workshop I registered for is moved")

    # The kinds a person chooses to get by e-mail. Registration notices (a seat, a cancelled or
    # moved workshop) always come by e-mail too, as the registration e-mail of issue 16 and the
    # waiting list; feedback keeps its own switch on the user.
    EMAIL_CHOICES = (Kind.NOTE_PUBLISHED, Kind.NOTE_HIDDEN, Kind.DISAGREEMENT_TAKEN)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    key = models.CharField(_("event"), max_length=120)
    params = models.JSONField(_("details"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_notice_per_user_and_event")]
        indexes = [models.Index(fields=["user", "-created_at"], name="notice_user_latest_idx")]

    def __str__(self):
        return f"{self.user} – {self.key}"

    def get_absolute_url(self):
        return self.link

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def message(self) -> str:
        """The notice in the active language."""
        p = self.params or {}
        title = p.get("title", "")
        kind = self.Kind
        if self.kind == kind.NOTE_PUBLISHED:
            return gettext("Your note from “%(title)s” has been published.") % {"title": title}
        if self.kind == kind.NOTE_HIDDEN:
            return gettext(
                "Your note from “%(title)s” will not be shown publicly. The reason given: %(reason)s"
            ) % {
                "title": title,
                "reason": p.get("reason", ""),
            }
        if self.kind == kind.DISAGREEMENT_TAKEN:
            return gettext("Your disagreement has been taken into the follow-up “%(title)s”.") % {
                "title": title
            }
        if self.kind == kind.FEEDBACK_PUBLISHED:
            return gettext(
                "Feedback has been published on “%(title)s”, a follow-up your input is part of."
            ) % {"title": title}
        if self.kind == kind.SEAT_OFFERED:
            return gettext("A seat became free: you now have a seat at “%(title)s”.") % {"title": title}
        if self.kind == kind.WORKSHOP_CANCELLED:
            return gettext("“%(title)s” has been cancelled, and your registration with it.") % {
                "title": title
            }
        if self.kind == kind.WORKSHOP_MOVED:
            return gettext("“%(title)s” has a new time or place: %(when)s, %(where)s.") % {
                "title": title,
                "when": p.get("when", ""),
                "where": p.get("where", ""),
            }
        return title


def unread_notices_label(count: int) -> str:
    """ "1 unread notice" / "2 unread notices" in the active language."""
    return ngettext("%(count)d unread notice", "%(count)d unread notices", count) % {"count": count}
