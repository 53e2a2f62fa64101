"""Calendar periods in Python agree with pandas' own periods (and so with the SQL's DATE_TRUNC)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from kpi.periods import GRAINS, last_year_start, period_end, period_of, previous_start, whole_periods

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
grains = st.sampled_from(GRAINS)
PANDAS = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}


@given(days, grains)
def test_period_of_matches_pandas(day, grain):
    expected = pd.Period(day, freq=PANDAS[grain])
    assert period_of(day, grain) == expected.start_time.date()
    assert period_end(day, grain) == expected.end_time.date()


@given(days, grains)
def test_previous_and_last_year(day, grain):
    first = period_of(day, grain)
    assert period_end(previous_start(day, grain), grain) == first - dt.timedelta(days=1)
    last_year = last_year_start(day, grain)
    assert period_of(last_year, grain) == last_year
    if grain in ("day", "week"):
        assert (first - last_year).days == 364
    else:
        assert (last_year.year, last_year.month) == (first.year - 1, first.month)


@given(days, days, grains)
def test_whole_periods_hold_only_whole_periods(a, b, grain):
    start, end = min(a, b), max(a, b)
    first, last = whole_periods(start, end, grain)
    if first <= last:
        assert start <= first and last <= end
        assert period_of(first, grain) == first and period_end(last, grain) == last
        # nothing whole was left out at either end
        assert period_of(first - dt.timedelta(days=1), grain) < start or first == start
        assert period_end(last + dt.timedelta(days=1), grain) > end or last == end
