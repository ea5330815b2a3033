import rules
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
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
    email_confirmed = models.BooleanField(_("e-mail address confirmed"), default=False)
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
