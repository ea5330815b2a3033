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
        widget = self.get_context(name, value, attrs)["widget"]
        html = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                # Each option ends in the newline its template file ends with.
                html.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        str(option["value"]),
                        _attrs(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        # Every part is escaped by format_html or a constant.
        return mark_safe("".join(html))
