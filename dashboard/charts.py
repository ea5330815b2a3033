"""Server-drawn SVG charts: geometry computed here, markup in ``dashboard/dashboard.html``.

Colours are given as SVG ``fill`` attributes (the Content Security Policy forbids ``style``)
and each keeps at least 4.5:1 contrast against white, well above the 3:1 that graphics need.
"""

from dataclasses import dataclass, field

BAR_COLOUR = "#0a4d94"
TEXT_COLOUR = "#1a1a1a"
AXIS_COLOUR = "#50575e"

WIDTH = 640
LABEL_CHARS = 28

# Horizontal bars: labels on the left, bars in the middle, values after the bars.
BAR_PLOT_X = 240
BAR_PLOT_WIDTH = 300
BAR_ROW = 32
BAR_HEIGHT = 22
BAR_MARGIN = 8

# The narrow layout for phones and narrow windows: drawn 340 wide and shown at 340-480 px, so its
# 13-unit text stays 13 px or larger; each bar's label on its own line above it, never cut short.
NARROW_WIDTH = 340
NARROW_LABEL_CHARS = 46
NARROW_BAR_WIDTH = 260
NARROW_ROW = 48
NARROW_BAR_HEIGHT = 18

# Columns: years along the bottom.
COLUMN_PLOT_X = 30
COLUMN_WIDTH = 480
COLUMN_TOP = 28
COLUMN_PLOT_HEIGHT = 180
COLUMN_MAX_WIDTH = 56


@dataclass
class Bar:
    label: str
    value: float
    value_text: str
    fill: str
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    label_x: float = 0
    label_y: float = 0
    value_x: float = 0
    value_y: float = 0

    label_limit: int = LABEL_CHARS

    @property
    def short_label(self) -> str:
        limit = self.label_limit
        return self.label if len(self.label) <= limit else self.label[: limit - 1].rstrip() + "…"


@dataclass
class Chart:
    """One chart: ``kind`` is ``"bars"`` (horizontal) or ``"columns"`` (vertical)."""

    chart_id: str
    title: str
    kind: str
    bars: list[Bar]
    width: int = WIDTH
    height: int = 0
    axis: tuple = (0, 0, 0, 0)
    unit: str = ""
    summary: str = field(default="")
    _maximum: float | None = None

    @property
    def description(self) -> str:
        """The figures in words, for screen readers (the table beside the chart has them too)."""
        values = "; ".join(f"{bar.label}: {bar.value_text}" for bar in self.bars)
        return f"{self.summary} {values}." if self.summary else f"{values}."

    @property
    def is_empty(self) -> bool:
        return not self.bars

    @property
    def narrow(self) -> "Chart":
        """The same chart laid out for a phone's width (see ``NARROW_WIDTH``)."""
        items = [(bar.label, bar.value, bar.value_text, bar.fill) for bar in self.bars]
        maximum = max((bar.value for bar in self.bars), default=0)
        if self.kind == "columns":
            chart = column_chart(
                chart_id=f"{self.chart_id}-narrow",
                title=self.title,
                items=items,
                maximum=self._maximum or maximum,
                unit=self.unit,
                summary=self.summary,
                width=NARROW_WIDTH,
            )
        else:
            chart = _narrow_bar_chart(self, items, self._maximum or maximum)
        return chart


def _scale(values, maximum):
    top = max([maximum or 0, *values]) if values else 0
    return (lambda value: value / top) if top else (lambda value: 0)


def bar_chart(*, chart_id, title, items, maximum=None, unit="", summary="") -> Chart:
    """Horizontal bars for ``items``: ``(label, value, value_text[, fill])`` tuples, in order."""
    bars = [
        Bar(label=str(item[0]), value=item[1], value_text=str(item[2]), fill=_fill(item)) for item in items
    ]
    scale = _scale([bar.value for bar in bars], maximum)
    for index, bar in enumerate(bars):
        top = BAR_MARGIN + index * BAR_ROW
        bar.x, bar.y, bar.height = BAR_PLOT_X, top, BAR_HEIGHT
        bar.width = round(scale(bar.value) * BAR_PLOT_WIDTH, 1)
        bar.label_x, bar.label_y = BAR_PLOT_X - 8, top + BAR_HEIGHT / 2 + 5
        bar.value_x, bar.value_y = BAR_PLOT_X + bar.width + 6, bar.label_y
    height = 2 * BAR_MARGIN + len(bars) * BAR_ROW
    return Chart(
        chart_id=chart_id,
        title=str(title),
        kind="bars",
        bars=bars,
        height=height,
        axis=(BAR_PLOT_X, BAR_MARGIN - 4, BAR_PLOT_X, height - BAR_MARGIN + 4),
        unit=unit,
        summary=str(summary),
        _maximum=maximum,
    )


def _narrow_bar_chart(chart: Chart, items, maximum) -> Chart:
    """Horizontal bars for a phone: the label above each bar, the value after it."""
    bars = [
        Bar(label=str(item[0]), value=item[1], value_text=str(item[2]), fill=_fill(item)) for item in items
    ]
    scale = _scale([bar.value for bar in bars], maximum)
    for index, bar in enumerate(bars):
        top = BAR_MARGIN + index * NARROW_ROW
        bar.label_x, bar.label_y = 0, top + 13
        bar.x, bar.y, bar.height = 0, top + 20, NARROW_BAR_HEIGHT
        bar.width = round(scale(bar.value) * NARROW_BAR_WIDTH, 1)
        bar.value_x, bar.value_y = bar.width + 6, bar.y + NARROW_BAR_HEIGHT / 2 + 5
        bar.label_limit = NARROW_LABEL_CHARS
    height = 2 * BAR_MARGIN + len(bars) * NARROW_ROW
    return Chart(
        chart_id=f"{chart.chart_id}-narrow",
        title=chart.title,
        kind="narrow-bars",
        bars=bars,
        width=NARROW_WIDTH,
        height=height,
        axis=(0, 0, 0, 0),
        unit=chart.unit,
        summary=chart.summary,
        _maximum=maximum,
    )


def column_chart(*, chart_id, title, items, maximum=None, unit="", summary="", width=COLUMN_WIDTH) -> Chart:
    """Vertical columns for ``items``: ``(label, value, value_text[, fill])``, left to right,
    in a chart ``width`` wide (the year charts sit two abreast: drawn narrower than the bars,
    so that their labels stay above 12 px in half the page)."""
    bars = [
        Bar(label=str(item[0]), value=item[1], value_text=str(item[2]), fill=_fill(item)) for item in items
    ]
    scale = _scale([bar.value for bar in bars], maximum)
    plot_width = width - 2 * COLUMN_PLOT_X
    slot = plot_width / max(len(bars), 1)
    column_width = min(COLUMN_MAX_WIDTH, slot * 0.6)
    baseline = COLUMN_TOP + COLUMN_PLOT_HEIGHT
    for index, bar in enumerate(bars):
        centre = COLUMN_PLOT_X + slot * index + slot / 2
        bar.height = round(scale(bar.value) * COLUMN_PLOT_HEIGHT, 1)
        bar.x, bar.width = round(centre - column_width / 2, 1), round(column_width, 1)
        bar.y = round(baseline - bar.height, 1)
        bar.value_x, bar.value_y = round(centre, 1), bar.y - 6
        bar.label_x, bar.label_y = round(centre, 1), baseline + 20
    return Chart(
        chart_id=chart_id,
        title=str(title),
        kind="columns",
        bars=bars,
        height=baseline + 32,
        width=width,
        axis=(COLUMN_PLOT_X, baseline, COLUMN_PLOT_X + plot_width, baseline),
        unit=unit,
        summary=str(summary),
        _maximum=maximum,
    )


def _fill(item) -> str:
    return item[3] if len(item) > 3 else BAR_COLOUR
