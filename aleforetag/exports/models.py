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
        BACKGROUND = "background", _("Admin, in the background")

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


class ImportJob(models.Model):
    """A large import run by the background worker: the file, who asked, and how far it got.

    The file is kept in the row (at most the upload limit, 10 MB by default) so that the
    worker needs no shared disk; it is emptied when the job ends.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        CHECKING = "checking", _("Checking every row")
        CHECKED = "checked", _("Checked: waiting for your confirmation")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused: nothing was imported")
        FAILED = "failed", _("Stopped by an error")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    table = models.CharField(_("table"), max_length=100)
    file_name = models.CharField(_("file"), max_length=255)
    file_format = models.CharField(_("format"), max_length=10)
    data = models.BinaryField(_("file contents"), blank=True)
    column_defaults = models.JSONField(_("columns from the form"), default=dict, blank=True)
    include_personal = models.BooleanField(_("with personal data"), default=False)
    confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_("Off while a large file is only being checked (its preview)."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows done"), default=0)
    totals = models.JSONField(_("totals"), default=dict, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("background import")
        verbose_name_plural = _("background imports")

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.CHECKED, self.Status.DONE, self.Status.REFUSED, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.finished else 0
        if self.status in (self.Status.DONE, self.Status.CHECKED):
            return 100
        if not self.confirmed:
            return min(99, self.processed_rows * 100 // self.total_rows)
        # Checking is the first half of the work, importing the second.
        done = self.processed_rows + (self.total_rows if self.status == self.Status.IMPORTING else 0)
        return min(99, done * 50 // self.total_rows)
