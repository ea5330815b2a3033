from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportLog(models.Model):
    """One export or import of a table: who, which table, how many rows, when.

    The model also carries the permissions that guard export and import; admins hold them
    through their role, and an admin may grant them to someone else.
    """

    class Direction(models.TextChoices):
        EXPORT = "export", _("Export")
        IMPORT = "import", _("Import")

    class Channel(models.TextChoices):
        ADMIN = "admin", _("Admin")
        STREAM = "stream", _("Admin, streamed")
        COMMAND = "command", _("Command line")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user_email = models.CharField(_("user's e-mail address"), max_length=254, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    table = models.CharField(_("table"), max_length=100)
    file_format = models.CharField(_("format"), max_length=10)
    row_count = models.PositiveIntegerField(_("rows"))
    personal_data = models.BooleanField(_("with personal data"), default=False)
    filters = models.CharField(_("filters"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export or import")
        verbose_name_plural = _("export and import log")
        permissions = [
            ("export_data", _("Can export tables")),
            ("export_personal_data", _("Can export names, e-mail addresses and phone numbers")),
            ("import_data", _("Can import tables")),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.direction} {self.table} ({self.row_count})"
