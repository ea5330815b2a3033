"""Staff forms for the themes notes are grouped under and the topics under each theme."""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ..models import Theme, Topic

SLUG_HELP = _("Made from the Swedish name when left empty.")
SLUG_KEPT = _("Kept as it is, so that links to it keep working.")


class _SlugFromSwedishName(forms.ModelForm):
    """The web address is made from the Swedish name when left empty, and is kept once made:
    public pages and filters link to it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields["slug"]
        slug.required = False
        if self.instance.pk:
            slug.disabled = True
            slug.help_text = SLUG_KEPT
        else:
            slug.help_text = SLUG_HELP

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and not cleaned.get("slug") and cleaned.get("name_sv"):
            made = slugify(cleaned["name_sv"])[: self._meta.model._meta.get_field("slug").max_length]
            if made:
                cleaned["slug"] = made
            else:
                self.add_error("slug", _("Write a web address with letters a–z, digits or hyphens."))
        return cleaned


class ThemeForm(_SlugFromSwedishName):
    class Meta:
        model = Theme
        fields = ["name_sv", "name_en", "slug", "description_sv", "description_en", "order"]
        widgets = {
            "description_sv": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }


class TopicForm(_SlugFromSwedishName):
    class Meta:
        model = Topic
        fields = ["theme", "name_sv", "name_en", "slug", "order"]
