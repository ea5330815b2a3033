"""Form fields shared by the apps."""

from django import forms

from .widgets import Select


class _FetchedChoices(forms.models.ModelChoiceIterator):
    """The choices read in one plain query. Django's iterator() opens a server-side cursor on
    PostgreSQL (DECLARE, FETCH, CLOSE: three round trips, and WITH HOLD outside a
    transaction) to save memory that a select of a few hundred rows does not need."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ModelChoiceField(forms.ModelChoiceField):
    """A model choice drawn as a select of many options at a cost close to a query."""

    widget = Select
    iterator = _FetchedChoices
