"""Form widgets drawn in Python where Django's templates are too slow for their size."""

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html`` in Python: False leaves an attribute out, True
    writes it bare."""
    return mark_safe(
        "".join(  # each part escaped by format_html
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class Select(forms.Select):
    """Django's select with the same HTML, its options drawn in Python: Django draws each
    option through a template of its own, which for a select of hundreds of follow-ups or
    workshops costs tens of milliseconds a page."""

    def render(self, name, value, attrs=None, renderer=None):
        # ChoiceWidget.get_context and optgroups, without a dict per option: a select's
        # options carry no attributes but "selected" (Select does not pass its own on).
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        chosen = set(self.format_value(value))
        html = [format_html('<select name="{}"{}>', name, _attrs(attrs))]
        has_selected = False
        for group_value, group_label in self.choices:
            if group_value is None:
                group_value = ""
            grouped = isinstance(group_label, (list, tuple))
            if grouped:
                html.append(format_html('\n  <optgroup label="{}">', group_value))
            for option_value, option_label in group_label if grouped else [(group_value, group_label)]:
                if option_value is None:
                    option_value = ""
                selected = (not has_selected or self.allow_multiple_selected) and str(option_value) in chosen
                has_selected |= selected
                # Each option ends in the newline its template file ends with.
                html.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        str(option_value),
                        " selected" if selected else "",
                        option_label,
                    )
                )
            if grouped:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        # Every part is escaped by format_html or a constant.
        return mark_safe("".join(html))
