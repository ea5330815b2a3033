"""An indicator's years as a server-drawn SVG line chart with its target line; the markup is
in ``indicators/components/indicator_chart.html`` and the figures in the table beside it.

Colours keep at least 4.5:1 contrast against white; the target line is dashed as well as
coloured, so it is told apart without colour."""

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.translation import gettext as _

from .selectors import Series
from .templatetags.indicators_tags import figure_text

VALUE_COLOUR = "#0a4d94"
TARGET_COLOUR = "#8a3b00"


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int


# The wide layout, and one drawn for a phone's width (shown below 768 px) so that its 13-unit
# text stays about 13 px on the screen.
WIDE = Layout(width=640, height=250, plot_left=56, plot_right=620, plot_top=24, plot_bottom=200)
NARROW = Layout(width=340, height=240, plot_left=44, plot_right=330, plot_top=24, plot_bottom=196)


@dataclass
class Mark:
    x: float
    y: float
    text: str


@dataclass
class IndicatorChart:
    chart_id: str
    title: str
    description: str
    values: list[Mark] = field(default_factory=list)
    targets: list[Mark] = field(default_factory=list)
    years: list[Mark] = field(default_factory=list)
    ticks: list[Mark] = field(default_factory=list)
    layout: Layout = WIDE

    @property
    def width(self) -> int:
        return self.layout.width

    @property
    def height(self) -> int:
        return self.layout.height

    @property
    def plot_left(self) -> int:
        return self.layout.plot_left

    @property
    def plot_right(self) -> int:
        return self.layout.plot_right

    @property
    def plot_bottom(self) -> int:
        return self.layout.plot_bottom

    @property
    def value_path(self) -> str:
        return " ".join(f"{mark.x},{mark.y}" for mark in self.values)

    @property
    def target_path(self) -> str:
        return " ".join(f"{mark.x},{mark.y}" for mark in self.targets)

    @property
    def is_empty(self) -> bool:
        return not self.values and not self.targets


def _range(series: Series) -> tuple[Decimal, Decimal]:
    """The part of the scale the chart shows: the figures with a tenth of the scale's span
    around them, within the scale (both ends are labelled, so nothing is hidden); without a
    scale, from zero to a tenth above the largest figure."""
    indicator = series.indicator
    numbers = [n for p in series.points for n in (p.value, p.target) if n is not None]
    if not numbers:
        return Decimal(0), Decimal(1)
    if indicator.scale_min is None or indicator.scale_max is None:
        low, high = min(Decimal(0), *numbers), max(numbers) * Decimal("1.1")
    else:
        pad = (indicator.scale_max - indicator.scale_min) / 10
        low = max(indicator.scale_min, min(numbers) - pad)
        high = min(indicator.scale_max, max(numbers) + pad)
    step = Decimal(1).scaleb(-indicator.decimals)
    low = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
    high = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
    return (low, high) if high > low else (low, low + 1)


def indicator_chart(series: Series, *, chart_id: str, layout: Layout = WIDE) -> IndicatorChart:
    """The chart of ``series``: a point per measured year joined by a line, the targets joined
    by a dashed line, on the indicator's scale (or from zero to the largest figure)."""
    indicator = series.indicator
    low, high = _range(series)
    points = series.points
    slot = (layout.plot_right - layout.plot_left) / max(len(points), 1)

    def x(index):
        return round(layout.plot_left + slot * index + slot / 2, 1)

    def y(number):
        # Better is always up: a ranking (lower is better) has its first place at the top.
        share = (Decimal(number) - low) / (high - low)
        if not indicator.higher_is_better:
            share = 1 - share
        return round(float(layout.plot_bottom - share * (layout.plot_bottom - layout.plot_top)), 1)

    chart = IndicatorChart(chart_id=chart_id, title=str(indicator.name), description="", layout=layout)
    words = []
    for index, point in enumerate(points):
        chart.years.append(Mark(x(index), layout.plot_bottom + 20, str(point.year)))
        parts = []
        if point.value is not None:
            chart.values.append(Mark(x(index), y(point.value), figure_text(point.value, indicator)))
            parts.append(figure_text(point.value, indicator))
        if point.target is not None:
            chart.targets.append(Mark(x(index), y(point.target), figure_text(point.target, indicator)))
            parts.append(_("target %(target)s") % {"target": figure_text(point.target, indicator)})
        words.append(f"{point.year}: {', '.join(parts)}")
    chart.ticks = [
        Mark(layout.plot_left - 8, y(number) + 4, figure_text(number, indicator)) for number in (low, high)
    ]
    direction = _("higher is better") if indicator.higher_is_better else _("lower is better")
    chart.description = f"{indicator.unit}, {direction}. " + "; ".join(words) + "."
    return chart


def indicator_charts(series: Series, *, chart_id: str) -> tuple[IndicatorChart, IndicatorChart]:
    """The wide and the narrow chart of ``series`` (the page shows one, by its width)."""
    return (
        indicator_chart(series, chart_id=chart_id),
        indicator_chart(series, chart_id=f"{chart_id}-narrow", layout=NARROW),
    )
