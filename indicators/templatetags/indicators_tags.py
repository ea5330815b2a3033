from django import template
from django.utils.formats import get_format

register = template.Library()


def figure_text(value, indicator) -> str:
    """An indicator's figure as the page shows it: its decimals, the language's decimal mark."""
    if value is None:
        return "–"
    # Django's number_format, without its generality (no thousands grouping is used): a chart
    # or table writes hundreds of these.
    return f"{value:.{indicator.decimals}f}".replace(".", get_format("DECIMAL_SEPARATOR"))


def change_text(change, indicator) -> str:
    """A change with its sign (a true minus sign), ``±0`` when unchanged."""
    if change is None:
        return "–"
    if change == 0:
        return "±0"
    text = figure_text(abs(change), indicator)
    return f"+{text}" if change > 0 else f"\u2212{text}"


register.filter("figure", figure_text)
register.filter("change", change_text)
