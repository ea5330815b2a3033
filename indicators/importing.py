"""Reading indicator values from a CSV file: the portal's own template, or the shape of the
file Kolada (kolada.se) lets anyone download for one key figure (municipality, year, value).

Nothing here writes: ``read_rows`` returns the rows to store, or raises ``ImportRowsError``
naming every bad row and column; the service stores all rows or none."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aleforetag.exports.formats import ImportFileError, csv_to_dataset

from .models import FIRST_YEAR, LAST_YEAR, Indicator
from .templatetags.indicators_tags import figure_text

MAX_ROWS = 5000
CENT = Decimal("0.01")
LARGEST = Decimal("1000000")  # the stored values hold eight digits, two of them decimals

# Column names as they may be written (lower case), Swedish and English alike.
COLUMNS = {
    "indicator": ("indicator", "indikator"),
    "year": ("year", "år", "ar", "period"),
    "value": ("value", "värde", "varde"),
    "target": ("target", "mål", "mal"),
    "municipality": ("municipality", "kommun"),
    "gender": ("gender", "kön", "kon"),
}
# Kolada gives many figures per gender too: T is the total, the only one an indicator holds.
TOTAL_GENDERS = ("", "t", "totalt", "total")

TEMPLATE_HEADERS = ["indikator", "år", "värde", "mål"]
COLUMN_LABELS = {
    "indicator": gettext_lazy("indicator"),
    "year": gettext_lazy("year"),
    "value": gettext_lazy("value"),
    "target": gettext_lazy("target"),
    "municipality": gettext_lazy("municipality"),
}


@dataclass(frozen=True)
class Row:
    """One row to store; ``target`` None leaves the stored target as it is (so does ``value``)."""

    number: int
    indicator: Indicator
    year: int
    value: Decimal | None
    target: Decimal | None


@dataclass(frozen=True)
class Problem:
    row: int  # 0: the file or its header
    column: str
    message: str

    def __str__(self):
        if self.row == 0:
            return f"{self.column}: {self.message}" if self.column else str(self.message)
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column or "–",
            "message": self.message,
        }


class ImportRowsError(ValueError):
    """The file cannot be imported; ``problems`` names each bad row and column."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class ReadFile:
    rows: list[Row]
    kind: str  # "template" or "kolada"
    other_rows: int  # Kolada rows of other municipalities or genders, or without a value: left out


def _columns(headers: list[str]) -> dict[str, int]:
    found = {}
    for index, header in enumerate(headers):
        name = header.strip().lower()
        for key, aliases in COLUMNS.items():
            if name in aliases and key not in found:
                found[key] = index
    return found


def parse_number(text: str) -> Decimal | None:
    """A decimal written either way (``3,7`` or ``3.7``, spaces as thousands separators);
    None for an empty cell; ValueError when it is not a number."""
    text = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if text == "":
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite() or abs(number) >= LARGEST:
        raise ValueError(text)
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def _municipality_matches(cell: str, municipality: str) -> bool:
    """Kolada names a municipality by name, by code, or both (``1440 Ale``)."""
    wanted = municipality.strip().lower().removesuffix(" kommun")
    words = cell.strip().lower().removesuffix(" kommun").split()
    return bool(wanted) and (" ".join(words) == wanted or wanted in words)


def read_rows(data: bytes, *, indicator: Indicator | None = None, municipality: str = "") -> ReadFile:
    """The rows of an uploaded CSV file, each checked; ``ImportRowsError`` names every problem.

    A file with an indicator column is the portal's template (indicator, year, value, target);
    a file with a municipality column is Kolada's shape, whose rows all belong to ``indicator``
    and of which only ``municipality``'s total rows are kept. Two rows for the same indicator
    and year are an error: the file must say one thing."""
    try:
        dataset = csv_to_dataset(data)
    except ImportFileError as error:
        raise ImportRowsError(
            [Problem(row, column, message) for row, column, message in error.problems]
            or [Problem(0, "", str(error))]
        ) from None
    columns = _columns(list(dataset.headers or []))
    if "indicator" in columns:
        kind, required = "template", ("indicator", "year")
    elif "municipality" in columns:
        kind, required = "kolada", ("municipality", "year", "value")
    else:
        raise ImportRowsError(
            [
                Problem(
                    0,
                    "",
                    _(
                        "The file has neither an indicator column (the portal's template) nor a "
                        "municipality column (Kolada's file)."
                    ),
                )
            ]
        )
    missing = [key for key in required if key not in columns]
    if kind == "template" and "value" not in columns and "target" not in columns:
        missing.append("value")
    if missing:
        raise ImportRowsError(
            [Problem(0, str(COLUMN_LABELS[key]), _("The column is missing.")) for key in missing]
        )
    if kind == "kolada" and indicator is None:
        raise ImportRowsError([Problem(0, "", _("Choose the indicator the Kolada file holds."))])
    if len(dataset) > MAX_ROWS:
        raise ImportRowsError([Problem(0, "", _("The file has more than %(max)s rows.") % {"max": MAX_ROWS})])
    indicators = {item.slug: item for item in Indicator.objects.all()} if kind == "template" else {}

    rows, problems, seen, other_rows = [], [], {}, 0
    for number, cells in enumerate(dataset, start=1):

        def cell(key, cells=cells):
            return str(cells[columns[key]]).strip() if key in columns else ""

        if kind == "kolada":
            if (
                not _municipality_matches(cell("municipality"), municipality)
                or cell("gender").lower() not in TOTAL_GENDERS
                or cell("value") == ""  # Kolada leaves a year without a figure empty
            ):
                other_rows += 1
                continue
            row_indicator = indicator
        else:
            row_indicator = indicators.get(cell("indicator").lower())
            if row_indicator is None:
                problems.append(
                    Problem(
                        number,
                        str(COLUMN_LABELS["indicator"]),
                        _("No indicator has the short name “%(name)s”.") % {"name": cell("indicator")},
                    )
                )
                continue
        row_problems = []
        year_text = cell("year")
        year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            row_problems.append(
                Problem(
                    number,
                    str(COLUMN_LABELS["year"]),
                    _("“%(text)s” is not a year between %(first)s and %(last)s.")
                    % {"text": year_text, "first": FIRST_YEAR, "last": LAST_YEAR},
                )
            )
        numbers = {}
        for key in ("value", "target"):
            try:
                numbers[key] = parse_number(cell(key))
            except ValueError:
                row_problems.append(
                    Problem(
                        number,
                        str(COLUMN_LABELS[key]),
                        _("“%(text)s” is not a number.") % {"text": cell(key)},
                    )
                )
                continue
            if numbers[key] is not None and row_indicator.out_of_scale(numbers[key]):
                row_problems.append(
                    Problem(
                        number,
                        str(COLUMN_LABELS[key]),
                        _("“%(text)s” is outside the indicator's scale, %(min)s–%(max)s.")
                        % {
                            "text": cell(key),
                            "min": figure_text(row_indicator.scale_min, row_indicator),
                            "max": figure_text(row_indicator.scale_max, row_indicator),
                        },
                    )
                )
        if not row_problems and numbers.get("value") is None and numbers.get("target") is None:
            row_problems.append(Problem(number, str(COLUMN_LABELS["value"]), _("Give a value or a target.")))
        if not row_problems:
            key = (row_indicator.pk, year)
            if key in seen:
                row_problems.append(
                    Problem(
                        number,
                        str(COLUMN_LABELS["year"]),
                        _("Row %(first)s already gives %(indicator)s for %(year)s.")
                        % {"first": seen[key], "indicator": row_indicator.slug, "year": year},
                    )
                )
            else:
                seen[key] = number
        if row_problems:
            problems.extend(row_problems)
            continue
        rows.append(Row(number, row_indicator, year, numbers.get("value"), numbers.get("target")))
    if problems:
        raise ImportRowsError(problems)
    if not rows:
        message = (
            _("The file has no row for %(municipality)s.") % {"municipality": municipality}
            if kind == "kolada"
            else _("The file has no rows.")
        )
        raise ImportRowsError([Problem(0, "", message)])
    return ReadFile(rows=rows, kind=kind, other_rows=other_rows)
