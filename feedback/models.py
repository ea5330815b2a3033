from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from aleforetag.core.querysets import SignallingQuerySet

NOTE_MAX_LENGTH = 2000


class BilingualNameMixin:
    """Pick the Swedish or English name and description for the active language."""

    @property
    def name(self):
        return self.name_en if (get_language() or "sv").startswith("en") and self.name_en else self.name_sv

    @property
    def description(self):
        en = getattr(self, "description_en", "")
        return en if (get_language() or "sv").startswith("en") and en else getattr(self, "description_sv", "")


class Theme(BilingualNameMixin, models.Model):
    """A theme that notes, summaries and follow-ups are grouped under."""

    slug = models.SlugField(_("web address"), max_length=60, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name_sv"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class Topic(BilingualNameMixin, models.Model):
    """A finer tag under a theme, for example opening hours."""

    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="topics")
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=120, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ["theme__order", "order", "name_sv"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class NoteQuerySet(SignallingQuerySet):
    def published(self):
        return self.filter(status=Note.Status.PUBLISHED)

    def pending(self):
        return self.filter(status=Note.Status.PENDING)


class Note(models.Model):
    """One piece of input from a workshop: typed by a business owner or transcribed by staff."""

    class Source(models.TextChoices):
        BROWSER = "browser", _("Browser")
        PAPER = "paper", _("Paper note")
        IMPORT = "import", _("Import")

    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", _("Suggestion")
        PROBLEM = "problem", _("Problem")
        PRAISE = "praise", _("Praise")
        QUESTION = "question", _("Question")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    workshop = models.ForeignKey(
        "workshops.Workshop", verbose_name=_("workshop"), on_delete=models.PROTECT, related_name="notes"
    )
    group = models.ForeignKey(
        "workshops.DiscussionGroup",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notes",
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.BROWSER)
    text = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SUGGESTION)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="notes")
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), related_name="notes", blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        indexes = [
            models.Index(fields=["workshop", "status", "created_at"], name="note_workshop_status_idx"),
            models.Index(fields=["status", "created_at"], name="note_status_created_idx"),
            # A business owner's own notes, newest first (Mitt inflytande, the account's data).
            models.Index(fields=["author", "-created_at"], name="note_author_created_idx"),
        ]

    def __str__(self):
        return self.text[:60]

    def clean(self):
        # TextField's max_length binds only forms; services call full_clean, so check here too.
        if len(self.text or "") > NOTE_MAX_LENGTH:
            raise ValidationError(
                {"text": _("A note may be at most %(limit)d characters.") % {"limit": NOTE_MAX_LENGTH}}
            )
        if self.group_id and self.workshop_id and self.group.workshop_id != self.workshop_id:
            raise ValidationError({"group": _("The group belongs to another workshop.")})
        if self.status == self.Status.HIDDEN and not self.hidden_reason.strip():
            raise ValidationError({"hidden_reason": _("Give a reason for hiding the note.")})


class Summary(models.Model):
    """What the municipality heard on one theme at one workshop, checked by a second person."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")

    workshop = models.ForeignKey(
        "workshops.Workshop", verbose_name=_("workshop"), on_delete=models.PROTECT, related_name="summaries"
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="summaries"
    )
    introduction = models.TextField(_("introduction"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent back by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    returned_at = models.DateTimeField(_("sent back"), null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True, max_length=2000)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ["workshop", "theme__order"]
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")
        constraints = [models.UniqueConstraint(fields=["workshop", "theme"], name="one_summary_per_theme")]

    def __str__(self):
        return f"{self.workshop} – {self.theme}"


class SummaryPoint(models.Model):
    """One point of a summary, citing the notes it rests on."""

    summary = models.ForeignKey(
        Summary, verbose_name=_("summary"), on_delete=models.CASCADE, related_name="points"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.TextField(_("text"))
    notes = models.ManyToManyField(Note, verbose_name=_("cited notes"), related_name="cited_in", blank=True)

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ["summary", "order", "pk"]
        verbose_name = _("summary point")
        verbose_name_plural = _("summary points")

    def __str__(self):
        return self.text[:60]


class SummaryRevision(models.Model):
    """A saved version of a summary: its text and points as they stood, who saved it and when."""

    summary = models.ForeignKey(
        Summary, verbose_name=_("summary"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("version"))
    introduction = models.TextField(_("introduction"), blank=True)
    points = models.JSONField(_("points"), default=list)
    status = models.CharField(_("status"), max_length=12, choices=Summary.Status.choices)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["summary", "number"]
        verbose_name = _("summary version")
        verbose_name_plural = _("summary versions")
        constraints = [models.UniqueConstraint(fields=["summary", "number"], name="one_revision_per_version")]

    def __str__(self):
        return f"{self.summary} v{self.number}"


class Disagreement(models.Model):
    """A business owner's "that is not what we meant" about one summary point."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_FOLLOWUP = "in_followup", _("Taken into a follow-up")
        ANSWERED = "answered", _("Answered")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    point = models.ForeignKey(
        SummaryPoint, verbose_name=_("summary point"), on_delete=models.PROTECT, related_name="disagreements"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disagreements",
    )
    text = models.TextField(_("why you disagree"), max_length=NOTE_MAX_LENGTH)
    wants_contact = models.BooleanField(_("I would like to be contacted"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("disagreement")
        verbose_name_plural = _("disagreements")
        constraints = [
            models.UniqueConstraint(
                fields=["point", "author"],
                condition=~models.Q(status="withdrawn") & models.Q(author__isnull=False),
                name="one_disagreement_per_point_and_author",
            )
        ]

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self):
        return reverse("portal:workshop-detail", args=[self.point.summary.workshop.slug])
