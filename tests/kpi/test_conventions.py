"""Tests for kpi.conventions: number and date conventions, run through DuckDB against hand-written values."""

from __future__ import annotations

import datetime as dt
import math

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kpi
from kpi import conventions as conv
from kpi.sql import ident

COL = 'v"; DROP TABLE t; --'  # every test column has a hostile name: SQL must quote it


@pytest.fixture
def con():
    c = duckdb.connect(":memory:")
    yield c
    c.close()


def _table(con, values: list, dtype: str = "VARCHAR") -> None:
    con.execute(f"CREATE OR REPLACE TABLE t (i INTEGER, {ident(COL)} {dtype})")
    con.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(values)))


def _numbers(con, values: list, decimal: str, dtype: str = "VARCHAR") -> list:
    _table(con, values, dtype)
    sql = conv.number_sql(ident(COL), dtype, decimal)
    return [r[0] for r in con.execute(f"SELECT {sql} FROM t ORDER BY i").fetchall()]


def _dates(con, values: list, formats: list[str], dtype: str = "VARCHAR") -> list:
    _table(con, values, dtype)
    sql = conv.date_sql(ident(COL), dtype, "fmt", formats)
    rows = con.execute(f"SELECT {sql} FROM t ORDER BY i", {"fmt": formats} if "$fmt" in sql else {}).fetchall()
    return [r[0] for r in rows]


# --- decimal detection ---------------------------------------------------------


@pytest.mark.parametrize(("values", "expected"), [
    (["1.234.567", "12,5"], ","),
    (["1.234,56"], ","),
    (["Rp 1.234.567"], ","),
    (["-7,25", "500"], ","),
    (["1 234,50"], ","),                       # space as thousands mark
    (["1,234.50", "3.99"], "."),
    (["1,234,567"], "."),
    (["0.125"], "."),                          # a leading 0 is never a thousands group
    (["0,125"], ","),
    (["1.234", "500"], None),                  # three digits after one mark settle nothing
    (["1,500"], None),
    (["500", "12", "", "n/a"], None),
    ([], None),
    (["1.234,5", "2.5", "3.75"], "."),         # the majority wins
])
def test_detect_decimal(values, expected):
    assert conv.detect_decimal(values) == expected


@pytest.mark.parametrize(("values", "expected"), [
    (["1.500", "12.500", "750"], ","),
    (["Rp 250.000"], ","),
    (["1,500", "2,750"], "."),
    (["750", "0.125"], None),
    (["12,5"], None),                          # settled values are detect_decimal's business
])
def test_guess_decimal(values, expected):
    assert conv.guess_decimal(values) == expected


@pytest.mark.parametrize(("text", "clean"), [
    ("Rp 1.250.000,-", "1.250.000"),
    ("-Rp 2.500", "-2.500"),
    ("rp. 2.000", "2.000"),
    ("7.500 IDR", "7.500"),
    ("$ 1,234.50", "1,234.50"),
    ("1\u00a0234,5", "1234,5"),
    ("  12  ", "12"),
])
def test_clean_number_text(text, clean):
    assert conv.clean_number_text(text) == clean


def test_number_text_is_unambiguous():
    assert [conv.number_text(x) for x in (1.234, 12.345, 1.5, 2.0, 1234.567, -0.25)] == [
        "1.2340", "12.3450", "1.5", "2", "1234.567", "-0.25"]
    assert conv.detect_decimal([conv.number_text(1.234)]) == "."


# --- number_sql through DuckDB ---------------------------------------------------

ID_CASES = [("1.234,56", 1234.56), ("1.234.567", 1234567.0), ("12,5", 12.5), ("-7,25", -7.25),
            ("500", 500.0), ("Rp 1.234.567", 1234567.0), ("Rp1.500", 1500.0), ("Rp. 2.000.000", 2000000.0),
            ("IDR 750.000", 750000.0), ("Rp 15.000,-", 15000.0), ("-Rp 2.500", -2500.0),
            ("1 234,5", 1234.5), ("(1.234,5)", -1234.5), ("(Rp 5.000)", -5000.0), (",5", 0.5), ("+3", 3.0), ("1.23.4", None), ("1.2345", None),
            ("1,234.56", None), ("0.125", None), ("n/a", None), ("", None), (None, None), ("12abc", None), ("-", None)]
EN_CASES = [("1,234.56", 1234.56), ("1,234,567", 1234567.0), ("12.5", 12.5), ("-7.25", -7.25),
            ("$1,234.50", 1234.5), ("USD 10", 10.0), ("1.5e3", 1500.0), ("0.125", 0.125),
            ("(12.5)", -12.5), ("((1))", None), ("1.234,56", None), ("1,2345", None), ("nan", None), ("inf", None)]


@pytest.mark.parametrize(("text", "expected"), ID_CASES)
def test_number_sql_indonesian(con, text, expected):
    assert _numbers(con, [text], ",") == [expected]


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_number_sql_english(con, text, expected):
    assert _numbers(con, [text], ".") == [expected]


def test_number_sql_typed_columns(con):
    assert _numbers(con, [3, None], ",", "INTEGER") == [3.0, None]
    assert _numbers(con, [True, False], ".", "BOOLEAN") == [1.0, 0.0]
    assert _numbers(con, [dt.date(2026, 1, 2)], ".", "DATE") == [None]


def test_parses_as_number_agrees_with_sql(con):
    for decimal, cases in ((",", ID_CASES), (".", EN_CASES)):
        for text, expected in cases:
            if text is None or text == "":
                continue
            assert conv.parses_as_number([text], decimal) == (expected is not None), text


# --- dates ---------------------------------------------------------------------------


def test_date_sql_formats(con):
    got = _dates(con, ["2026-01-02", "02/01/2026", "x", None, ""], ["%Y-%m-%d", "%d/%m/%Y"])
    assert got == [dt.date(2026, 1, 2), dt.date(2026, 1, 2), None, None, None]


def test_date_sql_indonesian_names(con):
    values = ["5 Agustus 2026", "27 Des 2025", "1 MEI 2026", "17 okt 2026", "3 Maret 2026", "9 Sept 2026",
              "2 Pebruari 2026", "10 Nopember 2026", "4 Ags 2026", "6 June 2026"]
    got = _dates(con, values, ["%d %b %Y", "%d %B %Y"])
    assert got == [dt.date(2026, 8, 5), dt.date(2025, 12, 27), dt.date(2026, 5, 1), dt.date(2026, 10, 17),
                   dt.date(2026, 3, 3), dt.date(2026, 9, 9), dt.date(2026, 2, 2), dt.date(2026, 11, 10),
                   dt.date(2026, 8, 4), dt.date(2026, 6, 6)]


def test_date_sql_weekday_in_front(con):
    values = ["Senin, 5 Januari 2026", "Jumat 9 Januari 2026", "Mon, 5 Jan 2026", "Sabtu, 10 Jan 2026"]
    got = _dates(con, values, ["%d %B %Y", "%d %b %Y"])
    assert got == [dt.date(2026, 1, 5), dt.date(2026, 1, 9), dt.date(2026, 1, 5), dt.date(2026, 1, 10)]


def test_date_sql_time_zones_keep_the_written_date(con):
    values = ["2026-01-02T23:30:00+07:00", "2026-01-03T01:15:00Z", "2026-01-04 08:00:00 WIB",
              "2026-01-05T00:30:00-0500"]
    formats = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
    assert _dates(con, values, formats) == [dt.date(2026, 1, d) for d in (2, 3, 4, 5)]


def test_date_sql_compact_numbers_and_typed(con):
    assert _dates(con, [20261127, 2026.5], ["%Y%m%d"], "DOUBLE")[0] == dt.date(2026, 11, 27)
    ts = dt.datetime(2026, 1, 2, 23, 59)
    assert _dates(con, [ts], ["%Y-%m-%d"], "TIMESTAMP") == [dt.date(2026, 1, 2)]


def test_date_sql_formats_are_parameters(con):
    """A user's format never becomes SQL text."""
    evil = "%Y'); DROP TABLE t; --"
    assert _dates(con, ["2026"], [evil]) == [None]
    assert con.execute("SELECT count(*) FROM t").fetchone()[0] == 1


@pytest.mark.parametrize(("text", "fmt"), [
    ("DD/MM/YYYY", "%d/%m/%Y"),
    ("dd/mm/yyyy", "%d/%m/%Y"),
    ("D-M-YY", "%d-%m-%y"),
    ("MM/DD/YYYY", "%m/%d/%Y"),
    ("YYYY-MM-DD HH:mm:ss", "%Y-%m-%d %H:%M:%S"),
    ("YYYY-MM-DDTHH:mm", "%Y-%m-%dT%H:%M"),
    ("D MMMM YYYY", "%d %B %Y"),
    ("DD MMM YY", "%d %b %y"),
    ("%d.%m.%Y", "%d.%m.%Y"),
])
def test_user_date_format(text, fmt):
    assert conv.user_date_format(text) == fmt


@pytest.mark.parametrize("text", ["tanggal", "DDD/MM/YYYY", "", "YYY"])
def test_user_date_format_errors(text):
    with pytest.raises(kpi.DataFormatError) as info:
        conv.user_date_format(text)
    assert info.value.code == "bad_option" and info.value.params["option"] == "date_format"


def _detect(con, values, dtype="VARCHAR", **kw):
    _table(con, values, dtype)
    kw.setdefault("dayfirst", None)
    kw.setdefault("date_format", None)
    return conv.detect_date_formats(con, "t", ident(COL), dtype=dtype, **kw)


def test_detect_date_order(con):
    assert _detect(con, ["01/02/2026", "03/04/2026"]) == (["%d/%m/%Y"], "day-first", True)
    assert _detect(con, ["01/02/2026"], dayfirst=False) == (["%m/%d/%Y"], "month-first", True)
    assert _detect(con, ["01/02/2026", "13/02/2026"]) == (["%d/%m/%Y"], "day-first", False)
    # Values settle the order against the option.
    assert _detect(con, ["01/02/2026", "02/13/2026"], dayfirst=True) == (["%m/%d/%Y"], "month-first", False)
    assert _detect(con, ["2026-01-02", "2026-02-13"]) == (["%Y-%m-%d"], None, False)


def test_detect_two_digit_years_before_four(con):
    formats, order, _ = _detect(con, ["15/03/26", "31/12/2025"])
    assert formats.index("%d/%m/%y") < formats.index("%d/%m/%Y") and order == "day-first"
    formats, _, _ = _detect(con, ["15/03/26"])
    assert "%d/%m/%Y" not in formats  # the year 26 is no fit


def test_detect_mixed_and_named(con):
    formats, order, _ = _detect(con, ["2026-01-02", "15/01/2026", "5 Agustus 2026", "2026-01-02T10:00:00"])
    assert {"%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%Y-%m-%dT%H:%M:%S"} <= set(formats)
    assert order == "day-first"
    assert _detect(con, [20260102, 20260103], "BIGINT")[0] == ["%Y%m%d"]
    assert _detect(con, ["abc", "n/a"])[0] == []


def test_detect_with_user_format(con):
    assert _detect(con, ["x"], date_format="MM/DD/YYYY") == (["%m/%d/%Y"], "month-first", False)
    assert _detect(con, ["x"], date_format="YYYY-MM-DD") == (["%Y-%m-%d"], None, False)


# --- yes/no and date-looking values -------------------------------------------------------


def test_bool_sql(con):
    _table(con, ["ya", "Tidak", " YES ", "closed won", "batal", "mungkin", None])
    got = [r[0] for r in con.execute(f"SELECT {conv.bool_sql(ident(COL), 'VARCHAR')} FROM t ORDER BY i").fetchall()]
    assert got == [True, False, True, True, False, None, None]


def test_looks_like_dates():
    assert conv.looks_like_dates(["2026-01-02", "02/01/2026", "1.2.2026"])
    assert not conv.looks_like_dates(["Shopee", "Tokopedia"])
    assert not conv.looks_like_dates([])


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.text(alphabet="0123456789.,-+ eE_Rp()nafi", max_size=12), min_size=1, max_size=40),
       decimal=st.sampled_from([",", "."]))
def test_fast_number_path_agrees_with_the_careful_one(values, decimal):
    con = duckdb.connect()
    fast, slow = (conv.number_sql("v", "VARCHAR", decimal, fast=f) for f in (True, False))
    rows = con.execute(f"SELECT {fast}, {slow} FROM unnest($v) AS t(v)", {"v": values}).fetchall()
    for value, (a, b) in zip(values, rows):
        assert a == b or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-15)), value
