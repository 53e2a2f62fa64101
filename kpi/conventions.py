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
    "clean_number_text",
    "date_sql",
    "detect_date_formats",
    "detect_decimal",
    "guess_decimal",
    "number_sql",
    "number_text",
    "parses_as_number",
    "user_date_format",
]

NUMERIC_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE",
                 "DECIMAL", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")
DATE_TYPES = ("DATE", "TIMESTAMP")
DATE_SAMPLE_ROWS = 20_000

_ID_GROUPED = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")   # 1.234.567 or 1.234,5
_ID_DECIMAL = re.compile(r"^-?\d+,\d+$")                     # 12,5
_EN_GROUPED = re.compile(r"^-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$")   # 1,234,567 or 1,234.5
_EN_DECIMAL = re.compile(r"^-?\d+\.\d+$")                    # 12.5 (but 1.234 is ambiguous)
_AMBIGUOUS = re.compile(r"^-?[1-9]\d{0,2}([.,])\d{3}$")       # 1.234: a group, or three decimals?
_CURRENCY = r"^\s*(Rp\.?|IDR|USD|US\$|\$|£|€)\s*"
# A sign may stand before the currency ("-Rp 5.000"); a currency code or the Indonesian
# "no cents" mark may follow the number ("Rp 15.000,-", "15.000 IDR"). Spaces, also
# no-break ones, are never part of a number.
_SIGNED_CURRENCY = r"^([-+]?)\s*(Rp\.?|IDR|USD|US\$|\$|£|€)\s*"
_SUFFIX = r"\s*([.,]-|IDR|Rp|USD)$"
_SPACES_SQL = r"[\s\x{00A0}\x{202F}]"
_PARENS = r"^\((.*)\)$"                      # accounting negatives: (1.234) is -1.234
# A time followed by a zone ("10:00:00Z", "10:00+07:00"): the date is read as written, zone dropped.
_ZONE_SQL = r"(\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)\s*(z|utc|gmt|wib|[+-]\d{2}(:?\d{2})?)$"

# A weekday in front of a named date ("Senin, 5 Januari 2026", "Mon 5 Jan 2026") says nothing more.
_WEEKDAY_SQL = r"^(senin|selasa|rabu|kamis|jum.?at|sabtu|minggu|ahad|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+"

# Formats tried on text dates. Day-first and month-first twins compete; the rest are
# unambiguous. A format with a two-digit year (%y) is always tried before its %Y twin,
# since %Y also reads "26" as the year 26.
ISO_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S",
               "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S.%f", "%Y/%m/%d",
               "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y%m%d", "%Y-%m")
DAYFIRST_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S",
                    "%d-%m-%Y %H:%M", "%d/%m/%y", "%d-%m-%y", "%d/%m/%Y %I:%M %p",
                    "%d/%m/%Y %I:%M:%S %p")
MONTHFIRST_FORMATS = ("%m/%d/%Y", "%m-%d-%Y", "%m.%d.%Y", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S",
                      "%m-%d-%Y %H:%M", "%m/%d/%y", "%m-%d-%y", "%m/%d/%Y %I:%M %p",
                      "%m/%d/%Y %I:%M:%S %p")
NAMED_FORMATS = ("%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%d-%b-%y", "%d %b %y", "%b %d, %Y", "%B %d, %Y",
                 "%d %b %Y %H:%M", "%d %B %Y %H:%M", "%B %Y", "%b %Y")
DATE_FORMATS = ISO_FORMATS + DAYFIRST_FORMATS + MONTHFIRST_FORMATS + NAMED_FORMATS

# Indonesian month names, old spellings and abbreviations that differ from English ones.
ID_MONTHS = (("januari", "January"), ("februari", "February"), ("pebruari", "February"),
             ("maret", "March"), ("mei", "May"), ("juni", "June"), ("juli", "July"),
             ("agustus", "August"), ("oktober", "October"), ("nopember", "November"),
             ("desember", "December"), ("agt", "Aug"), ("agu", "Aug"), ("ags", "Aug"), ("okt", "Oct"),
             ("des", "Dec"), ("peb", "Feb"), ("nop", "Nov"), ("sept", "Sep"))

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


def clean_number_text(value: Any) -> str:
    """A value's text without currency marks, spaces or the ``,-`` suffix, as :func:`number_sql` reads it.

    Examples
    --------
    >>> clean_number_text("-Rp 1.250.000,-"), clean_number_text("(Rp 5.000)")
    ('-1.250.000', '-5.000')
    """
    text = re.sub(_PARENS, r"-\1", str(value).strip())
    text = re.sub(_SIGNED_CURRENCY, r"\1", text.strip(), flags=re.IGNORECASE)
    text = re.sub(_SUFFIX, "", text, flags=re.IGNORECASE)
    return re.sub(r"[\s\u00a0\u202f]", "", text)


def detect_decimal(values: Iterable[Any]) -> str | None:
    """``","`` or ``"."`` when the values settle the decimal separator, else ``None``.

    ``1.234`` settles nothing (a thousands group, or three decimals); see
    :func:`guess_decimal` for what such values suggest.

    Examples
    --------
    >>> detect_decimal(["1.234.567", "12,5"])
    ','
    >>> detect_decimal(["1,234.50", "3.99", "0.125"])
    '.'
    >>> detect_decimal(["1.234", "500"]) is None
    True
    """
    votes = {",": 0, ".": 0}
    for value in values:
        text = clean_number_text(value)
        if not text or _AMBIGUOUS.match(text):
            continue
        if _ID_GROUPED.match(text) or _ID_DECIMAL.match(text):
            votes[","] += 1
        elif _EN_GROUPED.match(text) or _EN_DECIMAL.match(text):
            votes["."] += 1
    if votes[","] == votes["."]:
        return None
    return "," if votes[","] > votes["."] else "."


def guess_decimal(values: Iterable[Any]) -> str | None:
    """The decimal mark that values like ``1.500`` suggest when nothing settles it.

    Exactly three digits after the only mark is, for money and counts, far more
    often a thousands group than three decimals: ``12.500`` is twelve thousand
    five hundred Rupiah, so the decimal mark is the other one.

    Examples
    --------
    >>> guess_decimal(["1.500", "12.500", "750"])
    ','
    >>> guess_decimal(["1,500"]), guess_decimal(["750"])
    ('.', None)
    """
    votes = {",": 0, ".": 0}
    for value in values:
        match = _AMBIGUOUS.match(clean_number_text(value))
        if match:
            votes["," if match.group(1) == "." else "."] += 1
    if votes[","] == votes["."]:
        return None
    return "," if votes[","] > votes["."] else "."


def parses_as_number(values: Iterable[Any], decimal: str) -> bool:
    """Whether every non-empty value reads as a number with ``decimal`` (as :func:`number_sql` would).

    Examples
    --------
    >>> parses_as_number(["Rp 1.500", "2.000,50", ""], ","), parses_as_number(["12", "n/a"], ".")
    (True, False)
    """
    shape = re.compile(_shape_regex(decimal))
    texts = (clean_number_text(v) for v in values)
    return all(t == "" or shape.fullmatch(t) for t in texts)


def number_text(value: float) -> str:
    """A float as text that no decimal convention misreads: ``1.234`` becomes ``1.2340``.

    Used where typed numbers share a text column with text values (Excel, DataFrames).

    Examples
    --------
    >>> number_text(1.234), number_text(1500.0), number_text(0.5)
    ('1.2340', '1500', '0.5')
    """
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    return text + "0" if _AMBIGUOUS.match(text) else text


def number_sql(column: str, dtype: str, decimal: str, *, fast: bool = True) -> str:
    """SQL that turns ``column`` (already quoted) into a DOUBLE, NULL when it is not a number.

    ``decimal`` is ``","`` or ``"."``; the other mark is taken as the thousands
    separator. Currency marks (``Rp``, ``IDR``, ``$``, ``,-``) and spaces are ignored;
    ``(1.234)`` is negative, as accounting exports write it.
    """
    if is_numeric_type(dtype) or dtype.upper() == "BOOLEAN":
        return f"CAST({column} AS DOUBLE)"
    if not dtype.upper().startswith("VARCHAR"):
        return f"TRY_CAST(CAST({column} AS VARCHAR) AS DOUBLE)"
    thousands = "." if decimal == "," else ","
    text = f"regexp_replace(trim({column}), '{_PARENS}', '-\\1')"
    text = f"regexp_replace(regexp_replace({text}, '{_SIGNED_CURRENCY}', '\\1', 'i'), '{_SUFFIX}', '', 'i')"
    text = f"regexp_replace({text}, '{_SPACES_SQL}', '', 'g')"
    cleaned = f"replace({text}, '{thousands}', '')"
    if decimal == ",":
        cleaned = f"replace({cleaned}, ',', '.')"
    # A lone thousands mark in the wrong place ("1.23.4") must not pass: check the shape first.
    shape = _shape_regex(decimal)
    slow = f"CASE WHEN regexp_full_match({text}, '{shape}') THEN TRY_CAST({cleaned} AS DOUBLE) END"
    if not fast:
        return slow
    # Most values are plain ("59900", "12.5"): one simple pattern and DuckDB's own cast read
    # them several times faster than the careful path, with which they agree by construction.
    plain = f"TRY_CAST({column} AS DOUBLE)" if decimal == "." else f"TRY_CAST(replace({column}, ',', '.') AS DOUBLE)"
    simple = "-?\\d+(\\.\\d+)?" if decimal == "." else "-?\\d+(,\\d+)?"
    return (f"CASE WHEN regexp_full_match({column}, '{simple}') THEN {plain} "
            f"ELSE {slow} END")


def _shape_regex(decimal: str) -> str:
    """A number's shape: thousands groups (never after a leading 0), decimals, an exponent."""
    t = "\\." if decimal == "," else ","
    d = "," if decimal == "," else "\\."
    return (f"[-+]?([1-9]\\d{{0,2}}({t}\\d{{3}})+|\\d+)({d}\\d+)?([eE][-+]?\\d+)?"
            f"|[-+]?{d}\\d+")


def _named(formats: Sequence[str]) -> bool:
    return any("%b" in f or "%B" in f for f in formats)


def _date_text_sql(text: str, *, named: bool, timed: bool) -> str:
    """The trimmed text expression ``text`` rewritten so that ``strptime`` formats can read it.

    ``timed``: a time zone after a time is dropped, so the date is the one
    written. ``named``: a leading weekday is dropped and month names become English ones in lower case, so that
    Indonesian and English names match whatever their case (lower case would
    break the ``T`` of ISO timestamps, hence two texts).
    """
    expr = text
    if timed:
        expr = f"regexp_replace({expr}, '{_ZONE_SQL}', '\\1', 'i')"
    if named:
        expr = f"regexp_replace(lower({expr}), '{_WEEKDAY_SQL}', '')"
        for indo, english in ID_MONTHS:
            expr = f"regexp_replace({expr}, '\\b{indo}\\b', '{english.lower()}')"
    return expr


def date_sql(column: str, dtype: str, formats_param: str, formats: Sequence[str] = DATE_FORMATS) -> str:
    """SQL that turns ``column`` into a DATE, NULL when no format fits.

    ``formats_param`` names the bound parameter that holds the list of
    ``strptime`` formats (``formats``), so that user-typed formats never become
    SQL text; ``formats`` only decides whether month names and time zones
    need rewriting first.
    """
    if is_date_type(dtype):
        return f"CAST({column} AS DATE)"
    if is_numeric_type(dtype):
        # Whole numbers such as 20261127 are compact dates; anything else is not a date.
        column = f"CAST(TRY_CAST({column} AS BIGINT) AS VARCHAR)"
    elif not dtype.upper().startswith("VARCHAR"):
        column = f"CAST({column} AS VARCHAR)"
    timed = any("%H" in f or "%I" in f for f in formats)
    parsed = f"try_strptime({_date_text_sql(f'trim({column})', named=False, timed=timed)}, ${formats_param})"
    if _named(formats):
        named = _date_text_sql(f"trim({column})", named=True, timed=timed)
        parsed = f"coalesce({parsed}, try_strptime({named}, ${formats_param}))"
    return f"CAST({parsed} AS DATE)"


def bool_sql(column: str, dtype: str) -> str:
    """SQL that reads yes/no words in English and Indonesian (``ya``, ``tidak``...) as BOOLEAN."""
    if dtype.upper() == "BOOLEAN":
        return column
    text = f"lower(trim(CAST({column} AS VARCHAR)))"
    trues = ", ".join(f"'{w}'" for w in TRUE_WORDS)
    falses = ", ".join(f"'{w}'" for w in FALSE_WORDS)
    return f"CASE WHEN {text} IN ({trues}) THEN true WHEN {text} IN ({falses}) THEN false END"


_TOKENS = {"yyyy": "%Y", "yy": "%y", "mmmm": "%B", "mmm": "%b", "mm": "%m", "m": "%m", "dd": "%d",
           "d": "%d", "hh": "%H", "h": "%H", "ss": "%S", "s": "%S"}


def user_date_format(text: str) -> str:
    """Accept ``DD/MM/YYYY``-style (any case) or ``strptime`` formats; return a ``strptime`` format.

    ``mm`` right after an hour and a colon is minutes; elsewhere it is the month.

    Examples
    --------
    >>> user_date_format("DD/MM/YYYY"), user_date_format("d/m/yyyy hh:mm")
    ('%d/%m/%Y', '%d/%m/%Y %H:%M')
    >>> user_date_format("%Y-%m-%d")
    '%Y-%m-%d'
    """
    if "%" in text:
        return text
    out: list[str] = []
    for token in re.findall(r"(?i)y+|m+|d+|h+|s+|[^ymdhs]+", text):
        code = _TOKENS.get(token.lower())
        if token[0].lower() not in "ymdhs":
            code = token
        elif code == "%m" and len(out) >= 2 and out[-1] == ":" and out[-2] == "%H":
            code = "%M"
        if code is None:
            raise DataFormatError("bad_option", option="date_format", value=text,
                                  hint="write it like 'DD/MM/YYYY' or '%d/%m/%Y'.")
        out.append(code)
    if not any(c.startswith("%") for c in out):
        raise DataFormatError("bad_option", option="date_format", value=text,
                              hint="write it like 'DD/MM/YYYY' or '%d/%m/%Y'.")
    return "".join(out)


def detect_date_formats(cur: Any, table: str, column: str, *, dayfirst: bool | None,
                        date_format: str | None, dtype: str = "VARCHAR") -> tuple[list[str], str | None, bool]:
    """Pick the formats for a text date column from its distinct values.

    ``table`` and ``column`` are quoted identifiers. Returns (formats in the
    order to try, ``"day-first"``/``"month-first"`` or ``None`` when the order
    did not matter, whether the values left the order open so the
    ``dayfirst`` option decided it). Values that settle the order win over
    ``dayfirst``: ``13/02/2026`` can only be day-first.
    """
    if date_format:
        fmt = user_date_format(date_format)
        return [fmt], _order_of(fmt), False
    if is_numeric_type(dtype):
        column = f"CAST(TRY_CAST({column} AS BIGINT) AS VARCHAR)"
    elif not dtype.upper().startswith("VARCHAR"):
        column = f"CAST({column} AS VARCHAR)"
    # The formats are this module's own constants, so they may be written into the SQL.
    # A four-digit-year format that reads "26" as the year 26 does not count as a fit.
    tests = ", ".join(f"count(*) FILTER (WHERE try_strptime({'n' if _named([f]) else 'p'}, '{f}') "
                      f">= TIMESTAMP '1000-01-01')" for f in DATE_FORMATS)
    row = cur.execute(
        f"SELECT {tests} FROM (SELECT {_date_text_sql('v', named=False, timed=True)} AS p, "
        f"{_date_text_sql('v', named=True, timed=True)} AS n FROM "
        f"(SELECT DISTINCT trim(c) AS v FROM ({_date_sample(table, column)}) WHERE nullif(trim(c), '') "
        f"IS NOT NULL LIMIT 5000))").fetchall()[0]
    hits = {f: n for f, n in zip(DATE_FORMATS, row) if n > 0}
    day = sum(hits.get(f, 0) for f in DAYFIRST_FORMATS)
    month = sum(hits.get(f, 0) for f in MONTHFIRST_FORMATS)
    open_question = day > 0 and day == month
    use_day = (True if dayfirst is None else dayfirst) if open_question else day > month
    losing = MONTHFIRST_FORMATS if use_day else DAYFIRST_FORMATS
    formats = sorted((f for f in hits if f not in losing), key=lambda f: ("%y" not in f, -hits[f]))
    order = None if day == 0 and month == 0 else ("day-first" if use_day else "month-first")
    return formats, order, open_question


def _date_sample(table: str, column: str) -> str:
    """The file's first rows plus a random sample of the rest: enough to see every format in use.

    Reading every distinct value of a ten-million-row column costs seconds; a
    format used by only a few rows that the sample misses still shows up, as
    those rows are rejected with their line numbers.
    """
    return (f"(SELECT {column} AS c FROM {table} LIMIT {DATE_SAMPLE_ROWS}) UNION ALL "
            f"(SELECT {column} AS c FROM {table} USING SAMPLE reservoir({DATE_SAMPLE_ROWS} ROWS) REPEATABLE (7))")


def _order_of(fmt: str) -> str | None:
    d, m = fmt.find("%d"), fmt.find("%m")
    if d < 0 or m < 0 or fmt.find("%Y") == 0:
        return None
    return "day-first" if d < m else "month-first"


def looks_like_dates(values: Sequence[Any]) -> bool:
    """Whether most sample values have the shape of a date (used to keep dates out of dimensions)."""
    shaped = [v for v in values if re.match(r"^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", str(v))]
    return bool(values) and len(shaped) >= 0.8 * len(values)
