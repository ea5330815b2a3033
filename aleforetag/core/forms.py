"""Form fields shared by the apps."""

from django import forms

from .widgets import Select


class FetchedChoices(forms.models.ModelChoiceIterator):
    """The choices read in one plain query (or taken from ``field.choice_objects`` when a page
    read them already). Django's iterator() opens a server-side cursor on PostgreSQL (DECLARE,
    FETCH, CLOSE: three round trips, and WITH HOLD outside a transaction) to save memory that
    a select of a few hundred rows does not need."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        objects = getattr(self.field, "choice_objects", None)
        for obj in self.queryset if objects is None else objects:
            yield self.choice(obj)


class ModelChoiceField(forms.ModelChoiceField):
    """A model choice drawn as a select of many options at a cost close to a query."""

    widget = Select
    iterator = FetchedChoices
