"""KPI values, changes and periods as text (Babel/CLDR), in Indonesian and English."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from kpi.formats import BLANK, UNITS, change, format_change, format_period, format_value
from kpi.metrics import CATALOG

NBSP = "\xa0"


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (1234567, "id", "Rp1.234.567"),
    (1234567, "en", "Rp1,234,567"),
    (1234567.6, "id", "Rp1.234.568"),  # Rupiah have no decimals
    (-250000, "id", "-Rp250.000"),
    (0, "id", "Rp0"),
    (213466000, "id", "Rp213.466.000"),
])
def test_rupiah(value, lang, expected):
    assert format_value(value, "currency", lang) == expected


def test_other_currencies_keep_their_decimals():
    assert format_value(1234.5, "currency", "id", currency="USD") == "US$1.234,50"
    assert format_value(1234.5, "currency", "en", currency="USD") == "US$1,234.50"


def test_compact_money_and_counts():
    assert format_value(1234567, "currency", "id", compact=True) == f"Rp1,2{NBSP}jt"
    assert format_value(2_500_000_000, "currency", "id", compact=True) == f"Rp2,5{NBSP}M"
    assert format_value(2_500_000_000, "currency", "en", compact=True) == "Rp2.5B"
    assert format_value(-1234567, "currency", "en", compact=True) == "-Rp1.2M"
    assert format_value(9999, "currency", "id", compact=True) == "Rp9.999"  # small amounts stay exact
    assert format_value(15110, "count", "id", compact=True) == f"15,1{NBSP}rb"


@pytest.mark.parametrize(("value", "unit", "id_text", "en_text"), [
    (0.123, "percent", "12,3%", "12.3%"),
    (0.0, "percent", "0,0%", "0.0%"),
    (1.0, "percent", "100,0%", "100.0%"),
    (35, "points", "+35", "+35"),
    (-12, "points", "-12", "-12"),
    (0.3, "points", "0", "0"),
    (3.21, "ratio", "3,2x", "3.2x"),
    (15110, "count", "15.110", "15,110"),
    (1234.567, "number", "1.234,57", "1,234.57"),
])
def test_units(value, unit, id_text, en_text):
    assert (format_value(value, unit, "id"), format_value(value, unit, "en")) == (id_text, en_text)


@pytest.mark.parametrize("missing", [None, math.nan, np.nan, pd.NA, float("nan")])
@pytest.mark.parametrize("unit", UNITS)
def test_missing_values_show_a_dash(missing, unit):
    assert format_value(missing, unit) == BLANK == "–"


def test_unknown_language_reads_as_english():
    assert format_value(1234567, "currency", "fr") == "Rp1,234,567"


@pytest.mark.parametrize(("current", "previous", "unit", "id_text", "en_text"), [
    (104100, 100000, "currency", "+4,1%", "+4.1%"),
    (96, 100, "count", "-4,0%", "-4.0%"),
    (100, 100, "count", "0,0%", "0.0%"),
    (3.3, 3.0, "ratio", "+10,0%", "+10.0%"),
    (0.135, 0.123, "percent", f"+1,2{NBSP}poin", f"+1.2{NBSP}pts"),
    (0.111, 0.123, "percent", f"-1,2{NBSP}poin", f"-1.2{NBSP}pts"),
    (40, 35, "points", f"+5{NBSP}poin", f"+5{NBSP}pts"),
])
def test_changes(current, previous, unit, id_text, en_text):
    assert format_change(current, previous, unit, "id") == id_text
    assert format_change(current, previous, unit, "en") == en_text


@pytest.mark.parametrize(("current", "previous"), [(1, 0), (1, -5), (None, 1), (1, math.nan), (math.nan, 1)])
def test_changes_without_a_base_show_a_dash(current, previous):
    assert format_change(current, previous, "currency") == BLANK
    assert math.isnan(change(current, previous, "currency"))


def test_change_of_a_rate_is_in_percentage_points():
    assert change(0.135, 0.123, "percent") == pytest.approx(1.2)
    assert change(0.135, 0, "percent") == pytest.approx(13.5)  # a rate from zero still has a change
    assert change(110, 100, "currency") == pytest.approx(0.1)


@pytest.mark.parametrize(("period", "grain", "id_text", "en_text"), [
    ("2026-10-01", "month", "Okt 2026", "Oct 2026"),
    (pd.Timestamp("2026-10-01"), "quarter", "K4 2026", "Q4 2026"),
    (dt.date(2026, 10, 26), "week", "26 Okt 2026", "26 Oct 2026"),
    (dt.datetime(2026, 8, 17), "day", "17 Agu 2026", "17 Aug 2026"),
    ("2025-01-01", "year", "2025", "2025"),
])
def test_periods(period, grain, id_text, en_text):
    assert (format_period(period, grain, "id"), format_period(period, grain, "en")) == (id_text, en_text)


def test_missing_period():
    assert format_period(None) == format_period(pd.NaT) == BLANK


@pytest.mark.parametrize("metric", CATALOG.values(), ids=lambda m: m.name)
def test_every_catalog_unit_is_formatted(metric):
    assert metric.unit in UNITS
    assert format_value(1.5, metric.unit, "id") != BLANK
    assert metric.format(1234567, "id") == format_value(1234567, metric.unit, "id")
