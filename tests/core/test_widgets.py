"""The Python-drawn select writes exactly the HTML of Django's own."""

import pytest
from django import forms

from aleforetag.core.widgets import Select
from feedback.models import Theme

CHOICES = [
    ("", "Alla"),
    ("Service", [("1", "Öppettider & <bygglov>"), ("2", 'Svar "inom" en vecka')]),
    ("3", "Samarbete"),
]


@pytest.mark.parametrize("value", [None, "", "2", "3"])
@pytest.mark.parametrize(
    "attrs", [{}, {"class": "form-select", "required": True, "disabled": False, "aria-describedby": "x_help"}]
)
def test_same_html_as_djangos_select(value, attrs):
    ours = Select(attrs=attrs, choices=CHOICES).render("tema", value, attrs={"id": "id_tema"})
    django = forms.Select(attrs=attrs, choices=CHOICES).render("tema", value, attrs={"id": "id_tema"})
    assert ours == django
    assert "&lt;bygglov&gt;" in ours and "&amp;" in ours


@pytest.mark.django_db
def test_same_html_for_a_model_choice_field():
    class Ours(forms.Form):
        theme = forms.ModelChoiceField(queryset=Theme.objects.order_by("pk"), widget=Select)

    class Djangos(forms.Form):
        theme = forms.ModelChoiceField(queryset=Theme.objects.order_by("pk"))

    chosen = Theme.objects.order_by("pk")[1]
    ours, django = Ours(data={"theme": chosen.pk}), Djangos(data={"theme": chosen.pk})
    assert str(ours["theme"]) == str(django["theme"])
    assert f'<option value="{chosen.pk}" selected>' in str(ours["theme"])
