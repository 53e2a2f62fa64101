"""KPI values, changes and periods as text, in Bahasa Indonesia or English.

Every separator, sign and month name comes from Babel (CLDR), never from a
hand-written table, so ``1.234.567`` in Indonesian and ``1,234,567`` in English
follow the same rules as the rest of the user's software.

Money shows the symbol Indonesians write for the currency (CLDR ``id``: ``Rp``,
``US$``...) in both languages, with the language's separators: ``Rp1.234.567``
in Indonesian and ``Rp1,234,567`` in English (Babel's English default would be
``IDR1,234,567``, which readers of an Indonesian business app do not write).
Rupiah have no decimals (sen are not used); other currencies keep theirs.

Units (``Metric.unit``):

========== ============================= ====================
unit       value given as                 shown as (id / en)
========== ============================= ====================
currency   money                          Rp1.234.567
count      a count                        1.234 / 1,234
percent    a fraction (0.123)             12,3% / 12.3%
points     NPS points (-100..100)         +35 / -12
ratio      a multiple (ROAS)              3,2x / 3.2x
number     anything else                  1.234,56 / 1,234.56
========== ============================= ====================
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, get_currency_precision, get_currency_symbol

__all__ = ["BLANK", "LOCALES", "UNITS", "change", "format_change", "format_period", "format_value"]

UNITS: tuple[str, ...] = ("currency", "count", "percent", "points", "ratio", "number")
#: Babel locale per app language; unknown languages read as English.
LOCALES: dict[str, str] = {"id": "id_ID", "en": "en_US"}
#: What a missing value (NaN, None) looks like: an en dash.
BLANK = "–"

# CLDR number patterns; Babel fills in the locale's separators and minus sign.
_PATTERNS: dict[str, str] = {
    "count": "#,##0",
    "percent": "#,##0.0%",
    "points": "+#,##0;-#,##0",
    "ratio": "#,##0.0x",
    "number": "#,##0.##",
}
_CHANGE_PATTERNS: dict[str, str] = {
    "relative": "+#,##0.0%;-#,##0.0%",
    "percent": "+#,##0.0;-#,##0.0",
    "points": "+#,##0.#;-#,##0.#",
}
_POINTS_WORD = {"id": "poin", "en": "pts"}
# Period labels as CLDR date patterns (QQQ is "K4" in Indonesian, "Q4" in English).
_PERIOD_PATTERNS = {"day": "d MMM y", "week": "d MMM y", "month": "MMM y", "quarter": "QQQ y", "year": "y"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, "en_US")


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def format_value(value: float | None, unit: str, lang: str = "id", currency: str = "IDR",
                 compact: bool = False) -> str:
    """``value`` of a KPI measured in ``unit``, as text in ``lang``.

    Parameters
    ----------
    value
        The number; ``None`` and NaN show as an en dash.
    unit
        One of :data:`UNITS`; ``percent`` takes a fraction (0.123 is 12,3%).
    lang
        ``"id"`` or ``"en"``.
    currency
        ISO 4217 code for ``currency`` values.
    compact
        Short forms for big money and counts (``Rp1,2 jt``, ``Rp1.2M``), for axes and tight spaces.

    Examples
    --------
    >>> format_value(1234567, "currency"), format_value(1234567, "currency", "en")
    ('Rp1.234.567', 'Rp1,234,567')
    >>> format_value(1234567, "currency", compact=True), format_value(1234567, "currency", "en", compact=True)
    ('Rp1,2\\xa0jt', 'Rp1.2M')
    >>> format_value(0.123, "percent"), format_value(0.123, "percent", "en")
    ('12,3%', '12.3%')
    >>> format_value(35, "points"), format_value(-12.4, "points"), format_value(0, "points")
    ('+35', '-12', '0')
    >>> format_value(3.21, "ratio"), format_value(3.21, "ratio", "en")
    ('3,2x', '3.2x')
    >>> format_value(15110, "count"), format_value(1234.567, "number", "en"), format_value(float("nan"), "count")
    ('15.110', '1,234.57', '–')
    """
    if _missing(value):
        return BLANK
    value = float(value)
    locale = _locale(lang)
    if unit == "currency":
        return _money(value, currency, locale, compact)
    if compact and unit in ("count", "number") and abs(value) >= 10_000:
        return format_compact_decimal(value, locale=locale, fraction_digits=1)
    if unit == "points" and round(value) == 0:
        return format_decimal(0, locale=locale)  # "+0" would read as a change, not as a score
    return format_decimal(value, format=_PATTERNS.get(unit, _PATTERNS["number"]), locale=locale)


def _money(value: float, currency: str, locale: str, compact: bool) -> str:
    symbol = get_currency_symbol(currency, locale="id_ID").replace("'", "''")
    if compact and abs(value) >= 10_000:
        sign = "-" if value < 0 else ""
        return f"{sign}{symbol}{format_compact_decimal(abs(value), locale=locale, fraction_digits=1)}"
    digits = 0 if currency == "IDR" else get_currency_precision(currency)
    pattern = f"'{symbol}'#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale)


def change(current: float | None, previous: float | None, unit: str) -> float:
    """How ``current`` differs from ``previous``, the way :func:`format_change` reads it.

    Rates (``percent``, ``points``) change by their difference (in percentage
    points for ``percent``); sums, counts and ratios by their relative change.
    NaN when either value is missing, or when a relative change has no positive base.

    Examples
    --------
    >>> round(change(104.1, 100, "currency"), 3), round(change(0.135, 0.123, "percent"), 3)
    (0.041, 1.2)
    >>> change(5, 0, "count")
    nan
    """
    if _missing(current) or _missing(previous):
        return math.nan
    current, previous = float(current), float(previous)
    if unit == "percent":
        return (current - previous) * 100
    if unit == "points":
        return current - previous
    if previous <= 0:
        return math.nan
    return current / previous - 1


def format_change(current: float | None, previous: float | None, unit: str, lang: str = "id") -> str:
    """The change from ``previous`` to ``current`` as signed text in ``lang``.

    Sums, counts and ratios give a relative change (``+4,1%``); percentages give
    percentage points (``+1,2 poin`` / ``+1.2 pts``) and NPS its points.

    Examples
    --------
    >>> format_change(104100, 100000, "currency"), format_change(96, 100, "count", "en")
    ('+4,1%', '-4.0%')
    >>> format_change(0.135, 0.123, "percent"), format_change(0.135, 0.123, "percent", "en")
    ('+1,2\\xa0poin', '+1.2\\xa0pts')
    >>> format_change(30, 35, "points"), format_change(1, 0, "count"), format_change(None, 1, "count")
    ('-5\\xa0poin', '–', '–')
    """
    diff = change(current, previous, unit)
    if math.isnan(diff):
        return BLANK
    locale = _locale(lang)
    if unit in ("percent", "points"):
        shown = format_decimal(diff, format=_CHANGE_PATTERNS[unit], locale=locale)
        if shown.lstrip("+-") in ("0", "0,0", "0.0"):
            shown = shown.lstrip("+-")
        return f"{shown}\xa0{_POINTS_WORD.get(lang, _POINTS_WORD['en'])}"
    shown = format_decimal(diff, format=_CHANGE_PATTERNS["relative"], locale=locale)
    return shown.lstrip("+-") if shown.lstrip("+-") in ("0,0%", "0.0%") else shown


def format_period(period: Any, grain: str = "month", lang: str = "id") -> str:
    """The period starting on ``period`` at ``grain``, as a short label in ``lang``.

    Examples
    --------
    >>> format_period("2026-10-01", "month"), format_period("2026-10-01", "month", "en")
    ('Okt 2026', 'Oct 2026')
    >>> format_period("2026-10-01", "quarter"), format_period("2026-10-01", "quarter", "en")
    ('K4 2026', 'Q4 2026')
    >>> format_period("2026-10-26", "week"), format_period("2026-01-01", "year")
    ('26 Okt 2026', '2026')
    """
    stamp = pd.Timestamp(period) if period is not None else pd.NaT
    if pd.isna(stamp):
        return BLANK
    return format_date(stamp.date(), _PERIOD_PATTERNS.get(grain, "d MMM y"), locale=_locale(lang))
