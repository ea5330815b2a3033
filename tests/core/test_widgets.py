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


@pytest.mark.django_db
def test_model_choice_field_reads_its_choices_in_one_plain_query(django_assert_num_queries):
    """No server-side cursor (DECLARE, FETCH, CLOSE on PostgreSQL): one SELECT draws the select,
    and the field still validates to the chosen row."""
    from aleforetag.core.forms import ModelChoiceField

    class Form(forms.Form):
        theme = ModelChoiceField(queryset=Theme.objects.order_by("pk"), required=False)

    chosen = Theme.objects.order_by("pk").last()
    form = Form(data={"theme": chosen.pk})
    assert form.is_valid() and form.cleaned_data["theme"] == chosen
    with django_assert_num_queries(1) as captured:
        html = str(form["theme"])
    assert captured.captured_queries[0]["sql"].startswith("SELECT")
    assert html.count("<option") == Theme.objects.count() + 1
    assert f'<option value="{chosen.pk}" selected>' in html
