"""Calendar periods: days, weeks from Monday, months, quarters and years, named by their first day.

The engine groups rows by these periods in SQL; this module does the same
arithmetic in Python for the dates around a query (its first period, the
period before, the same period a year earlier) so the app and notebooks agree
with the SQL.

Examples
--------
>>> import datetime as dt
>>> period_of(dt.date(2026, 3, 19), "week"), previous_start(dt.date(2026, 3, 1), "month")
(datetime.date(2026, 3, 16), datetime.date(2026, 2, 1))
"""

from __future__ import annotations

import datetime as dt

__all__ = ["GRAINS", "last_year_start", "period_end", "period_of", "previous_start", "whole_periods"]

GRAINS = ("day", "week", "month", "quarter", "year")


def period_of(day: dt.date, grain: str) -> dt.date:
    """The first day of the ``grain`` period holding ``day``.

    Examples
    --------
    >>> period_of(dt.date(2026, 3, 19), "quarter")
    datetime.date(2026, 1, 1)
    """
    if grain == "day":
        return day
    if grain == "week":
        return day - dt.timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, 1, 1)


def period_end(period: dt.date, grain: str) -> dt.date:
    """The last day of the ``grain`` period holding ``period``.

    Examples
    --------
    >>> period_end(dt.date(2024, 2, 10), "month")
    datetime.date(2024, 2, 29)
    """
    after = period_of(period, grain) + dt.timedelta(days={"day": 1, "week": 7, "month": 31, "quarter": 92,
                                                          "year": 366}[grain])
    return period_of(after, grain) - dt.timedelta(days=1) if grain != "day" else period


def previous_start(period: dt.date, grain: str) -> dt.date:
    """The first day of the period before the one holding ``period``."""
    return period_of(period_of(period, grain) - dt.timedelta(days=1), grain)


def last_year_start(period: dt.date, grain: str) -> dt.date:
    """The first day of the same period a year earlier: 12 months, 4 quarters, a year, or 52 weeks
    (364 days, so a week or day keeps its weekday)."""
    period = period_of(period, grain)
    if grain in ("day", "week"):
        return period - dt.timedelta(days=364)
    return period.replace(year=period.year - 1)


def whole_periods(start: dt.date, end: dt.date, grain: str) -> tuple[dt.date, dt.date]:
    """The first day of the first and the last day of the last whole ``grain`` period in ``start..end``.

    ``(first, last)`` with ``first > last`` when no whole period fits.

    Examples
    --------
    >>> whole_periods(dt.date(2024, 11, 1), dt.date(2026, 10, 31), "quarter")
    (datetime.date(2025, 1, 1), datetime.date(2026, 9, 30))
    """
    first = period_of(start, grain)
    if first != start:
        first = period_end(first, grain) + dt.timedelta(days=1)
    last = end if period_end(end, grain) == end else period_of(end, grain) - dt.timedelta(days=1)
    return first, last
