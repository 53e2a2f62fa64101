"""A report's tables: as people read them (for HTML and PDF), as an Excel workbook, and any table as CSV.

Both file writers defend against spreadsheet formula injection: segment names,
target notes and labels come from users' files, and a cell such as
``=cmd|' /C calc'!A0`` would run as a formula when the file is opened.
:func:`neutralize` puts a single quote before every text cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return (OWASP's advice); the
workbook is also written with ``strings_to_formulas`` off and every text through
``write_string``, so a user's value can never become a formula.

Examples
--------
>>> import pandas as pd
>>> to_csv(pd.DataFrame({"kanal": ["@SUM(A1)", "Shopee"], "n": [-5, 2]}))
b"\\xef\\xbb\\xbfkanal,n\\n'@SUM(A1),-5\\nShopee,2\\n"
"""

from __future__ import annotations

import datetime as dt
import io
import math
import numbers
from typing import TYPE_CHECKING, Any

import pandas as pd

from kpi.errors import QueryError
from kpi.formats import format_period, format_value
from kpi.i18n import message

if TYPE_CHECKING:
    from kpi.report import Report

__all__ = ["DANGEROUS", "display", "neutralize", "to_csv", "to_excel"]

#: First characters that make a spreadsheet read a text cell as a formula (OWASP, CSV injection).
DANGEROUS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
# Excel number formats per KPI unit; Excel shows them with the reader's own separators.
_UNIT_FORMATS = {"currency": '"Rp"#,##0', "count": "#,##0", "percent": "0.0%", "points": "+0;-0;0",
                 "ratio": '0.0"x"', "number": "#,##0.00"}
_DATE_FORMATS = {"id": "dd/mm/yyyy", "en": "yyyy-mm-dd"}
_POINTS = {"id": "poin", "en": "pts"}


def _cell(value: Any) -> Any:
    """``value`` with a leading quote when it is text that a spreadsheet would read as a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(DANGEROUS) else value


def neutralize(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and column names) cannot start a spreadsheet formula.

    A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading single quote (``'=1+1``); removing that one quote gives the value back. Numbers,
    dates and missing values are left as they are: ``-5`` stays the number -5.

    Raises
    ------
    QueryError
        ``frame`` is not a DataFrame.

    Examples
    --------
    >>> neutralize(pd.DataFrame({"telepon": ["+62 812", "0812"], "saldo": [-5.0, 1.5]}))
      telepon  saldo
    0  '+62 812   -5.0
    1     0812    1.5
    """
    if not isinstance(frame, pd.DataFrame):
        raise QueryError("report_bad_frame", value=type(frame).__name__)
    out = frame.copy()
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if isinstance(column.dtype, pd.CategoricalDtype) or pd.api.types.is_object_dtype(column):
            out.isetitem(i, column.astype(object).map(_cell))
        elif pd.api.types.is_string_dtype(column):
            out.isetitem(i, column.map(_cell, na_action="ignore").astype(column.dtype))
    if not isinstance(out.columns, pd.MultiIndex):
        out.columns = [_cell(c) for c in out.columns]
    return out


def to_csv(frame: pd.DataFrame, *, sep: str = ",", decimal: str = ".") -> bytes:
    """``frame`` as UTF-8 CSV with a byte-order mark (so Excel reads it as UTF-8), neutralized.

    No index; dates as ``YYYY-MM-DD``. ``sep=";", decimal=","`` is what a spreadsheet set to
    Indonesian (or most of Europe) splits into columns on opening. See :func:`neutralize`.

    Examples
    --------
    >>> print(to_csv(pd.DataFrame({"segmen": ["=cmd|' /C calc'!A0", "Shopee"], "n": [-5, 2]})).decode("utf-8-sig"))
    segmen,n
    '=cmd|' /C calc'!A0,-5
    Shopee,2
    <BLANKLINE>
    >>> print(to_csv(pd.DataFrame({"nilai": [1234.5]}), sep=";", decimal=",").decode("utf-8-sig"))
    nilai
    1234,5
    <BLANKLINE>
    """
    if sep == decimal:
        raise QueryError("report_csv_separators", sep=sep)
    return neutralize(frame).to_csv(index=False, sep=sep, decimal=decimal).encode("utf-8-sig")


# ---- tables as people read them (HTML and PDF) -----------------------------------------
def _word(code: str, lang: str) -> str:
    return message(f"report_col_{code}", lang)


def display(rep: Report, section: str, *, full: bool = True) -> pd.DataFrame:
    """``rep.cards`` or ``rep.targets`` as text, with headers in the report's language.

    ``full=False`` keeps the columns that fit a portrait page (for the PDF).
    """
    lang = rep.lang
    if section == "cards":
        c = rep.cards
        return pd.DataFrame({
            _word("label", lang): c["label"],
            _word("period", lang): [format_period(p, rep.grain, lang) for p in c["period"]],
            _word("value", lang): c["value_text"],
            message("report_vs_previous", lang): c["vs_previous_text"],
            message("report_vs_last_year", lang): c["vs_last_year_text"],
        })
    t = rep.targets

    def kpi_values(column: str) -> list[str]:  # in each target's KPI unit
        return [format_value(v, u, lang) for v, u in zip(t[column], t["unit"], strict=True)]

    shown = {
        _word("target_label", lang): t["label"],
        _word("span", lang): [f"{format_period(a, 'day', lang)} – {format_period(b, 'day', lang)}"
                              for a, b in zip(t["start"], t["end"], strict=True)],
        _word("target", lang): kpi_values("target"),
        _word("actual", lang): kpi_values("actual"),
        _word("expected", lang): kpi_values("expected"),
        _word("attainment", lang): [format_value(v, "percent", lang) for v in t["attainment"]],
        _word("projected", lang): kpi_values("projected"),
        _word("probability", lang): [format_value(v, "percent", lang) for v in t["probability"]],
        _word("status", lang): t["status_text"],
        _word("owner", lang): t["owner"].fillna(""),
        _word("note", lang): t["note"].fillna(""),
    }
    if not full:
        for code in ("expected", "projected", "owner", "note"):
            shown.pop(_word(code, lang))
    return pd.DataFrame(shown)


# ---- the workbook ---------------------------------------------------------------------------
class _Sheet:
    """A sheet to write: columns with headers in the report's language, and each cell's Excel format."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.headers: list[str] = []
        self.values: list[list[Any]] = []
        self.formats: list[list[str | None]] = []

    def add(self, code: str, values: Any, fmt: str | list[str | None] | None = None, lang: str = "id") -> None:
        self.headers.append(_word(code, lang))
        self.values.append(list(values))
        self.formats.append(fmt if isinstance(fmt, list) else [fmt] * len(self.values[-1]))


def _change_formats(units: Any, lang: str) -> list[str]:
    """How a change of each unit reads (as :func:`kpi.formats.change` computes it): relative, or in points."""
    word = _POINTS[lang]
    points = f'+0.0" {word}";-0.0" {word}";0.0" {word}"'
    return [points if u in ("percent", "points") else "+0.0%;-0.0%;0.0%" for u in units]


def _unit_formats(units: Any) -> list[str]:
    return [_UNIT_FORMATS.get(u, _UNIT_FORMATS["number"]) for u in units]


def _sheet(name: str, lang: str, columns: list[tuple[str, Any, Any]]) -> _Sheet:
    """A sheet named by message ``name``, from ``(column code, values, Excel format)`` triples."""
    sheet = _Sheet(message(name, lang))
    for code, values, fmt in columns:
        sheet.add(code, values, fmt, lang)
    return sheet


def _summary(rep: Report) -> _Sheet:
    c, units, changes = rep.cards, _unit_formats(rep.cards["unit"]), _change_formats(rep.cards["unit"], rep.lang)
    return _sheet("report_sheet_summary", rep.lang, [
        ("label", c["label"], None), ("metric", c["metric"], None), ("period", c["period"], "date"),
        ("value", c["value"], units), ("previous", c["previous"], units), ("last_year", c["last_year"], units),
        ("vs_previous", c["vs_previous"], changes), ("vs_last_year", c["vs_last_year"], changes),
        ("unit", c["unit"], None)])


def _trend(rep: Report) -> _Sheet:
    """Long format: one row per KPI and period."""
    rows = [(m.name, m.label(rep.lang), m.unit, period, value) for m in rep.metrics if m.name in rep.trends
            for period, value in zip(rep.trends[m.name]["period"], rep.trends[m.name]["value"], strict=True)]
    return _sheet("report_sheet_trend", rep.lang, [
        ("metric", [r[0] for r in rows], None), ("label", [r[1] for r in rows], None),
        ("period", [r[3] for r in rows], "date"), ("value", [r[4] for r in rows], _unit_formats(r[2] for r in rows))])


def _targets(rep: Report) -> _Sheet:
    t, units = rep.targets, _unit_formats(rep.targets["unit"])
    return _sheet("report_sheet_targets", rep.lang, [
        ("id", t["id"], "0"), ("target_label", t["label"], None), ("metric", t["metric"], None),
        ("segment", t["segment"], None), ("owner", t["owner"], None), ("note", t["note"], None),
        ("start", t["start"], "date"), ("end", t["end"], "date"), ("target", t["target"], units),
        ("actual", t["actual"], units), ("expected", t["expected"], units), ("attainment", t["attainment"], "0.0%"),
        ("projected", t["projected"], units), ("probability", t["probability"], "0%"),
        ("status", t["status_text"], None)])


def _findings(rep: Report) -> _Sheet:
    f = rep.findings
    unit_of = {m.name: m.unit for m in rep.metrics}
    return _sheet("report_sheet_findings", rep.lang, [
        ("heading", f["heading"], None), ("rank", f["rank"], "0"), ("segment", f["segment"], None),
        ("dimension", f["dimension"], None), ("sentence", f["sentence"], None),
        ("change", f["change"], _unit_formats(unit_of.get(m, "number") for m in f["metric"])),
        ("share", f["share_of_change"], "0.0%"), ("qvalue", f["qvalue"], "0.0000"), ("label", f["label"], None),
        ("metric", f["metric"], None)])


def _about(rep: Report) -> _Sheet:
    """Title, period, filters, time of making, then the notes and the narratives, one per row."""
    lang = rep.lang
    items: list[tuple[str, Any]] = [
        (_word("title", lang), rep.title),
        (_word("period", lang), f"{rep.period_text()} ({message('report_grain_' + rep.grain, lang)})"),
        (_word("filters", lang), rep.filters_text(prefix=False)), (_word("generated", lang), rep.generated_at)]
    items += [(message("report_notes", lang), note) for note in rep.notes]
    items += [(heading, text) for heading, text in rep.narratives.items()]
    about = _Sheet(message("report_sheet_about", lang))
    about.add("item", [k for k, _ in items], None, lang)
    about.add("text", [v for _, v in items], [None, None, None, "datetime"] + [None] * (len(items) - 4), lang)
    return about


def to_excel(rep: Report) -> bytes:
    """``rep`` as an .xlsx workbook: summary, trend (long: one row per KPI and period), targets, findings, about.

    Sheet names and headers are in the report's language (``Ringkasan, Tren, Target, Temuan,
    Tentang`` / ``Summary, Trend, Targets, Findings, About``). Numbers are numbers with an Excel
    format per KPI unit, dates are dates, headers bold, columns sized to their contents. Every
    text cell is neutralized as in :func:`neutralize` and written as a string.
    """
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    styles: dict[str | None, Any] = {None: None, "bold": book.add_format({"bold": True, "bottom": 1}),
                                     "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
                                     "date": book.add_format({"num_format": _DATE_FORMATS[rep.lang]}),
                                     "datetime": book.add_format({"num_format": _DATE_FORMATS[rep.lang] + " hh:mm",
                                                                  "align": "left"})}
    for sheet in (_summary(rep), _trend(rep), _targets(rep), _findings(rep), _about(rep)):
        _write(book, sheet, styles)
    book.close()
    return buffer.getvalue()


def _write(book: Any, sheet: _Sheet, styles: dict[str | None, Any]) -> None:
    ws = book.add_worksheet(sheet.name)
    table = neutralize(pd.DataFrame(dict(enumerate(sheet.values)), dtype=object))
    table.columns = sheet.headers  # our own words: nothing to neutralize
    for j, header in enumerate(sheet.headers):
        ws.write_string(0, j, header, styles["bold"])
        widths = [len(header)]
        for i, value in enumerate(table.iloc[:, j], start=1):
            code = sheet.formats[j][i - 1]
            if code is not None and code not in styles:
                styles[code] = book.add_format({"num_format": code})
            widths.append(_put(ws, i, j, value, styles[code], styles))
        wide = max(widths) > 60
        ws.set_column(j, j, 80 if wide else max(widths) + 2, styles["wrap"] if wide else None)
    ws.freeze_panes(1, 0)
    if len(table):
        ws.autofilter(0, 0, len(table), max(len(table.columns) - 1, 0))


def _put(ws: Any, row: int, col: int, value: Any, style: Any, styles: dict[str | None, Any]) -> int:
    """Write one cell by its type; the width it needs, in characters."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT or value is pd.NA:
        ws.write_blank(row, col, None, style)
        return 0
    if isinstance(value, str):
        ws.write_string(row, col, value, style)
        return len(value)
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        stamp = pd.Timestamp(value).to_pydatetime()
        ws.write_datetime(row, col, stamp, style or styles["date"])
        return 12
    if isinstance(value, bool):
        ws.write_boolean(row, col, value, style)
        return 5
    if isinstance(value, numbers.Real):
        ws.write_number(row, col, float(value), style)
        return 16
    ws.write_string(row, col, str(_cell(str(value))), style)  # anything else, as neutralized text
    return len(str(value))
