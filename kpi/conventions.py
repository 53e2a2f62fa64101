"""Number and date conventions: detect them from the values, parse with them in SQL.

Indonesian files write ``1.234.567,50`` and ``27/11/2026``; English ones
``1,234,567.50`` and often ``11/27/2026``. Values settle the question when they
can (a ``13``-``31`` in the first position, three-digit groups after a dot);
otherwise the caller's option applies, and the importer says which it used.
All parsing happens in DuckDB, so that a ten-million-row file never passes
through Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from kpi.errors import DataFormatError

__all__ = [
    "DATE_FORMATS",
    "bool_sql",
    "date_sql",
    "detect_date_formats",
    "detect_decimal",
    "number_sql",
    "user_date_format",
]

NUMERIC_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE",
                 "DECIMAL", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")
DATE_TYPES = ("DATE", "TIMESTAMP")

_ID_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")   # 1.234.567 or 1.234,5
_ID_DECIMAL = re.compile(r"^-?\d+,\d+$")                     # 12,5
_EN_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")   # 1,234,567 or 1,234.5
_EN_DECIMAL = re.compile(r"^-?\d+\.\d+$")                    # 12.5 (but 1.234 is ambiguous)
_AMBIGUOUS = re.compile(r"^-?\d{1,3}[.,]\d{3}$")
_CURRENCY = r"^\s*(Rp\.?|IDR|USD|US\$|\$|£|€)\s*"

# Formats tried on text dates, in order. Day-first and month-first twins compete;
# the rest are unambiguous.
ISO_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S",
               "%Y-%m-%d %H:%M:%S.%f", "%Y/%m/%d", "%Y%m%d")
DAYFIRST_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S",
                    "%d-%m-%Y %H:%M", "%d/%m/%y", "%d-%m-%y")
MONTHFIRST_FORMATS = ("%m/%d/%Y", "%m-%d-%Y", "%m.%d.%Y", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S",
                      "%m-%d-%Y %H:%M", "%m/%d/%y", "%m-%d-%y")
NAMED_FORMATS = ("%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%d-%b-%y", "%b %d, %Y", "%B %d, %Y",
                 "%d %b %Y %H:%M", "%d %B %Y %H:%M")
DATE_FORMATS = ISO_FORMATS + DAYFIRST_FORMATS + MONTHFIRST_FORMATS + NAMED_FORMATS

# Indonesian month names and abbreviations that differ from English ones.
ID_MONTHS = (("januari", "January"), ("februari", "February"), ("maret", "March"), ("mei", "May"),
             ("juni", "June"), ("juli", "July"), ("agustus", "August"), ("oktober", "October"),
             ("desember", "December"), ("agt", "Aug"), ("agu", "Aug"), ("okt", "Oct"),
             ("des", "Dec"), ("peb", "Feb"), ("nop", "Nov"))

TRUE_WORDS = ("1", "1.0", "true", "t", "yes", "y", "ya", "iya", "won", "win", "closed won", "converted",
              "terkonversi", "closing", "berhasil", "sukses", "deal", "success", "menang")
FALSE_WORDS = ("0", "0.0", "false", "f", "no", "n", "tidak", "tdk", "lost", "lose", "closed lost",
               "gagal", "batal", "open", "proses", "pending", "failure", "nonexistent", "kalah")


def is_numeric_type(dtype: str) -> bool:
    """Whether a DuckDB type name is a number type."""
    return dtype.upper().startswith(NUMERIC_TYPES)


def is_date_type(dtype: str) -> bool:
    """Whether a DuckDB type name is a date or timestamp type."""
    return dtype.upper().startswith(DATE_TYPES)


def detect_decimal(values: Iterable[Any]) -> str | None:
    """``","`` or ``"."`` when the values settle the decimal separator, else ``None``.

    Examples
    --------
    >>> detect_decimal(["1.234.567", "12,5"])
    ','
    >>> detect_decimal(["1,234.50", "3.99"])
    '.'
    >>> detect_decimal(["1.234", "500"]) is None
    True
    """
    votes = {",": 0, ".": 0}
    for value in values:
        text = re.sub(_CURRENCY, "", str(value)).strip().replace(" ", "")
        if not text or _AMBIGUOUS.match(text):
            continue
        if _ID_GROUPED.match(text) or _ID_DECIMAL.match(text):
            votes[","] += 1
        elif _EN_GROUPED.match(text) or _EN_DECIMAL.match(text):
            votes["."] += 1
    if votes[","] == votes["."]:
        return None
    return "," if votes[","] > votes["."] else "."


def number_sql(column: str, dtype: str, decimal: str) -> str:
    """SQL that turns ``column`` (already quoted) into a DOUBLE, NULL when it is not a number.

    ``decimal`` is ``","`` or ``"."``; the other mark is taken as the thousands
    separator. Currency prefixes (``Rp``, ``IDR``, ``$``) and spaces are ignored.
    """
    if is_numeric_type(dtype):
        return f"CAST({column} AS DOUBLE)"
    if dtype.upper() == "BOOLEAN":
        return f"CAST({column} AS DOUBLE)"
    if not dtype.upper().startswith("VARCHAR"):
        return f"TRY_CAST(CAST({column} AS VARCHAR) AS DOUBLE)"
    thousands = "." if decimal == "," else ","
    text = f"regexp_replace(regexp_replace(trim({column}), '{_CURRENCY}', '', 'i'), '\\s', '', 'g')"
    cleaned = f"replace({text}, '{thousands}', '')"
    if decimal == ",":
        cleaned = f"replace({cleaned}, ',', '.')"
    # A lone thousands mark in the wrong place ("1.23.4") must not pass: check the shape first.
    shape = _shape_regex(decimal)
    return f"CASE WHEN regexp_full_match({text}, '{shape}') THEN TRY_CAST({cleaned} AS DOUBLE) END"


def _shape_regex(decimal: str) -> str:
    t = "\\." if decimal == "," else ","
    d = "," if decimal == "," else "\\."
    return (f"[-+]?(\\d{{1,3}}({t}\\d{{3}})+|\\d+)({d}\\d+)?([eE][-+]?\\d+)?"
            f"|[-+]?{d}\\d+")


def _month_names_sql(column: str) -> str:
    expr = f"lower(trim({column}))"
    for indo, english in ID_MONTHS:
        expr = f"regexp_replace({expr}, '\\b{indo}\\b', '{english.lower()}')"
    return expr


def date_sql(column: str, dtype: str, formats_param: str, named: bool) -> str:
    """SQL that turns ``column`` into a DATE, NULL when no format fits.

    ``formats_param`` names the bound parameter that holds the list of
    ``strptime`` formats, so that user-typed formats never become SQL text.
    """
    if is_date_type(dtype):
        return f"CAST({column} AS DATE)"
    if is_numeric_type(dtype):
        # Whole numbers such as 20261127 are compact dates; anything else is not a date.
        column = f"CAST(CAST({column} AS BIGINT) AS VARCHAR)"
    elif not dtype.upper().startswith("VARCHAR"):
        column = f"CAST({column} AS VARCHAR)"
    text = _month_names_sql(column) if named else f"trim({column})"
    return f"CAST(try_strptime({text}, ${formats_param}) AS DATE)"


def bool_sql(column: str, dtype: str) -> str:
    """SQL that reads yes/no words in English and Indonesian (``ya``, ``tidak``...) as BOOLEAN."""
    if dtype.upper() == "BOOLEAN":
        return column
    text = f"lower(trim(CAST({column} AS VARCHAR)))"
    trues = ", ".join(f"'{w}'" for w in TRUE_WORDS)
    falses = ", ".join(f"'{w}'" for w in FALSE_WORDS)
    return f"CASE WHEN {text} IN ({trues}) THEN true WHEN {text} IN ({falses}) THEN false END"


def user_date_format(text: str) -> str:
    """Accept ``DD/MM/YYYY``-style or ``strptime`` formats; return a ``strptime`` format.

    Examples
    --------
    >>> user_date_format("DD/MM/YYYY")
    '%d/%m/%Y'
    >>> user_date_format("%Y-%m-%d")
    '%Y-%m-%d'
    """
    if "%" in text:
        return text
    out = text
    for token, code in (("YYYY", "%Y"), ("YY", "%y"), ("MMMM", "%B"), ("MMM", "%b"), ("MM", "%m"),
                        ("DD", "%d"), ("HH", "%H"), ("mm", "%M"), ("ss", "%S")):
        out = out.replace(token, code)
    if "%" not in out:
        raise DataFormatError("bad_option", option="date_format", value=text,
                              hint="write it like 'DD/MM/YYYY' or '%d/%m/%Y'.")
    return out


def detect_date_formats(cur: Any, table: str, column: str, *, dayfirst: bool | None,
                        date_format: str | None) -> tuple[list[str], str | None, bool]:
    """Pick the formats for a text date column from its distinct values.

    Returns (formats in the order to try, ``"day-first"``/``"month-first"`` or
    ``None`` when the order did not matter, whether the values left the order
    open so the ``dayfirst`` option decided it).
    """
    if date_format:
        fmt = user_date_format(date_format)
        return [fmt], _order_of(fmt), False
    text = _month_names_sql(column)
    # The formats are this module's own constants, so they may be written into the SQL.
    tests = ", ".join(f"count(*) FILTER (WHERE try_strptime(v, '{f}') IS NOT NULL)" for f in DATE_FORMATS)
    row = cur.execute(
        f"SELECT {tests} FROM (SELECT DISTINCT {text} AS v FROM {table} "
        f"WHERE nullif(trim({column}), '') IS NOT NULL LIMIT 5000)").fetchall()[0]
    counts = zip(DATE_FORMATS, row)
    hits = {f: n for f, n in counts if n > 0}
    day = sum(hits.get(f, 0) for f in DAYFIRST_FORMATS)
    month = sum(hits.get(f, 0) for f in MONTHFIRST_FORMATS)
    open_question = day > 0 and day == month
    if open_question:
        use_day = True if dayfirst is None else dayfirst
    else:
        use_day = day > month
    losing = MONTHFIRST_FORMATS if use_day else DAYFIRST_FORMATS
    formats = sorted((f for f in hits if f not in losing), key=lambda f: -hits[f])
    order = None if day == 0 and month == 0 else ("day-first" if use_day else "month-first")
    return formats, order, open_question


def _order_of(fmt: str) -> str | None:
    d, m = fmt.find("%d"), fmt.find("%m")
    if d < 0 or m < 0 or fmt.find("%Y") == 0:
        return None
    return "day-first" if d < m else "month-first"


def looks_like_dates(values: Sequence[Any]) -> bool:
    """Whether most sample values have the shape of a date (used to keep dates out of dimensions)."""
    shaped = [v for v in values if re.match(r"^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", str(v))]
    return bool(values) and len(shaped) >= 0.8 * len(values)
