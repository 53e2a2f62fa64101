"""Tests for kpi.quality: every count is checked against a pandas computation written here."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.quality import QualityReport, quality_report
from kpi.sql import ident, table_ref

TODAY = dt.date(2024, 6, 1)
EVIL = 'x"; DROP TABLE t; --'
FRAME_COLUMNS = ["check", "column", "count", "share", "severity", "meaning"]

TYPES = {
    "_line": "BIGINT", "date": "DATE", "converted_date": "DATE", "converted": "BOOLEAN",
    "amount": "DOUBLE", "quantity": "DOUBLE", "unit_price": "DOUBLE", "value": "DOUBLE",
    "spend": "DOUBLE", "score": "DOUBLE", "clicks": "DOUBLE", "likes": "DOUBLE",
}
ROLE_NAMES = set(TYPES) - {"_line"} | {"order_id", "customer_id", "lead_id", "status", "platform", "question"}


# --- helpers -----------------------------------------------------------------


@pytest.fixture
def con():
    c = duckdb.connect(":memory:")
    yield c
    c.close()


def load(con, df: pd.DataFrame, name: str = "t") -> str:
    """Store ``df`` as the importer would: typed role columns, VARCHAR for the rest."""
    frame = df.copy()
    for col in frame.columns:
        if TYPES.get(col) == "DATE":
            frame[col] = pd.to_datetime(frame[col])
        elif TYPES.get(col) == "DOUBLE":
            frame[col] = pd.to_numeric(frame[col]).astype("float64")
        elif col not in TYPES:
            frame[col] = frame[col].astype(object)
    con.register("_src", frame)
    cols = ", ".join(f"CAST({ident(c)} AS {TYPES.get(c, 'VARCHAR')}) AS {ident(c)}" for c in frame.columns)
    con.execute(f"CREATE OR REPLACE TABLE {ident(name)} AS SELECT {cols} FROM _src")
    con.unregister("_src")
    return ident(name)


def report(con, df: pd.DataFrame, kind: str, **kw) -> QualityReport:
    table = load(con, df)
    roles = [c for c in df.columns if c in ROLE_NAMES]
    return quality_report(con, table, kind, roles=roles, today=kw.pop("today", TODAY), **kw)


def count(rep: QualityReport, code: str, column: str | None = None) -> int:
    it = rep.item(code, column)
    return 0 if it is None else it.count


def blank(s: pd.Series) -> pd.Series:
    """NULL, NaN, or whitespace-only text."""
    flags = [bool(pd.isna(v)) or (isinstance(v, str) and v.strip() == "") for v in s]
    return pd.Series(flags, index=s.index, dtype=bool)


def days(start: str, n: int) -> list[dt.date]:
    return [dt.date.fromisoformat(start) + dt.timedelta(days=i) for i in range(n)]


def plausible_bounds(dates: pd.Series) -> tuple[dt.date, dt.date]:
    """The documented rule: [max(P1 - 1 year, 2000-01-01), P99 + 1 year], P as the inverse of the CDF."""
    ordinals = np.array([d.toordinal() for d in dates.dropna()])
    p1, p99 = (dt.date.fromordinal(int(np.quantile(ordinals, q, method="inverted_cdf"))) for q in (0.01, 0.99))
    year = pd.DateOffset(years=1)  # 29 February moves to 28 February
    low, high = (pd.Timestamp(p1) - year).date(), (pd.Timestamp(p99) + year).date()
    return max(low, dt.date(2000, 1, 1)), high


def expected_gaps(dates: pd.Series, today: dt.date) -> tuple[int, float, list[int]]:
    low, high = plausible_bounds(dates)
    ok = sorted({d for d in dates.dropna() if low <= d <= high and d <= today})
    runs = [(b - a).days - 1 for a, b in zip(ok, ok[1:], strict=False)]
    runs = [r for r in runs if r >= 7]
    span = (ok[-1] - ok[0]).days + 1 if ok else 1
    return sum(runs), sum(runs) / span, sorted(runs, reverse=True)


def expected_outliers(s: pd.Series) -> int:
    s = s.dropna()
    med = s.median()
    mad = (s - med).abs().median()
    if len(s) == 0 or mad == 0:
        return 0
    return int((np.abs(0.6745 * (s - med) / mad) > 3.5).sum())


def expected_conflicts(df: pd.DataFrame) -> int:
    # Returns (negative amounts) may carry their order's ID on a later day: only purchases count.
    d = df[~blank(df["order_id"]) & ~(pd.to_numeric(df.get("amount"), errors="coerce") < 0)].copy()
    d["customer_id"] = d["customer_id"].where(~blank(d["customer_id"]))
    g = d.groupby("order_id")
    bad = (g["date"].nunique() > 1) | (g["customer_id"].nunique() > 1)
    return int(d["order_id"].isin(bad[bad].index).sum())


# --- planted problems ----------------------------------------------------------


def orders_frame() -> pd.DataFrame:
    n = 40
    dates = days("2024-01-01", 20) + days("2024-02-15", 20)  # a 25-day gap
    df = pd.DataFrame({
        "_line": range(2, n + 2),
        "date": dates,
        "amount": [100_000.0 + 1000 * (i % 5) for i in range(n)],
        "unit_price": [50_000.0] * n,
        "order_id": [f"O{i // 2}" for i in range(n)],
        "customer_id": [f"C{i // 2}" for i in range(n)],
        "Wilayah": ["Jawa Barat"] * n,
    })
    df.loc[3, "amount"] = -25_000.0          # a return
    df.loc[4, "amount"] = -5_000.0           # another
    df.loc[5, "amount"] = 0.0                # zero-amount line
    df.loc[6, "amount"] = 90_000_000.0       # an extra-zeros typo
    df.loc[7, "unit_price"] = 0.0
    df.loc[8, "unit_price"] = -1.0
    df.loc[9, "date"] = dt.date(2030, 1, 1)  # future
    df.loc[10, "date"] = dt.date(1900, 1, 1)  # spreadsheet "zero" date
    df.loc[[11, 12], "customer_id"] = [None, "  "]
    df.loc[13, "customer_id"] = "C99"        # order O6 now has two customers
    df.loc[14, "amount"] = None
    df.loc[15, "date"] = None
    df.loc[[16, 17], "Wilayah"] = [None, ""]
    dup = df.iloc[[20, 21]].assign(_line=[100, 101])
    return pd.concat([df, dup], ignore_index=True)


def test_orders_counts_match_pandas(con):
    df = orders_frame()
    rep = report(con, df, "orders")
    assert rep.rows == len(df)
    assert count(rep, "missing_values", "amount") == blank(df["amount"]).sum() == 1
    assert count(rep, "missing_values", "date") == blank(df["date"]).sum() == 1
    assert count(rep, "missing_customer", "customer_id") == blank(df["customer_id"]).sum() == 2
    assert rep.item("missing_values", "customer_id") is None
    assert rep.item("missing_values", "Wilayah") is None  # dimensions are not roles
    assert count(rep, "duplicate_rows") == df.drop(columns="_line").duplicated().sum() == 2
    assert count(rep, "duplicate_ids", "order_id") == expected_conflicts(df) > 0
    neg = df["amount"] < 0
    assert count(rep, "returns", "amount") == neg.sum() == 2
    assert rep.item("returns").params["total"] == df.loc[neg, "amount"].sum()
    assert count(rep, "nonpositive_price", "amount") == (df["amount"] == 0).sum() == 1
    assert count(rep, "nonpositive_price", "unit_price") == (df["unit_price"] <= 0).sum() == 2
    assert count(rep, "future_dates", "date") == (df["date"].dropna() > TODAY).sum() == 1
    assert count(rep, "amount_outliers", "amount") == expected_outliers(df["amount"]) >= 1
    low, high = plausible_bounds(df["date"])
    outlying = df["date"].dropna().map(lambda d: (d < low or d > high) and d <= TODAY)
    assert count(rep, "outlying_dates", "date") == outlying.sum() == 1
    missing, share, runs = expected_gaps(df["date"], TODAY)
    gaps = rep.item("date_gaps")
    assert (gaps.count, gaps.share) == (missing, pytest.approx(share))
    assert list(gaps.examples.columns) == ["start", "end", "days"]
    assert gaps.examples["days"].tolist() == runs[:5]
    assert gaps.severity == "warning"
    assert not rep.ok


def test_returns_share_and_severity(con):
    rep = report(con, orders_frame(), "orders")
    ret = rep.item("returns")
    assert ret.severity == "info"
    assert ret.share == pytest.approx(ret.count / rep.rows)
    assert "-30,000" in ret.meaning("en") and "-30.000" in ret.meaning("id")


def test_examples_carry_line(con):
    df = orders_frame()
    rep = report(con, df, "orders")
    assert len(rep.items) >= 10
    for it in rep.items:
        assert 0 < len(it.examples) <= 5
        if it.code == "date_gaps":
            continue
        assert it.examples.columns[0] == "_line"
        assert set(it.examples["_line"]) <= set(df["_line"])
    assert rep.item("future_dates").examples["_line"].tolist() == [df.loc[9, "_line"]]
    dup = rep.item("duplicate_rows").examples
    assert dup["_line"].tolist() == [100, 101]
    assert dup["_first_line"].tolist() == df.loc[[20, 21], "_line"].tolist()
    assert rep.item("amount_outliers").examples["amount"].iloc[0] == 90_000_000.0


def test_items_ordered_warnings_first(con):
    rep = report(con, orders_frame(), "orders")
    sev = [it.severity for it in rep.items]
    assert sev == sorted(sev, key=["warning", "info"].index)
    assert all(it.count > 0 for it in rep.items)


def test_orders_ids_on_several_lines_are_normal(con):
    df = pd.DataFrame({"_line": [1, 2, 3], "date": days("2024-01-01", 1) * 3, "amount": [1.0, 2, 3],
                       "order_id": ["A", "A", "A"], "customer_id": ["C", "C", None]})
    rep = report(con, df, "orders")
    assert rep.item("duplicate_ids") is None  # a missing customer is not a conflict


def test_leads(con):
    df = pd.DataFrame({
        "_line": range(1, 13),
        "date": days("2024-03-01", 12),
        "lead_id": ["L1", "L2", "L1", "L3", "L1", "L2", None, "", "L4", "L5", "L6", "L7"],
        "customer_id": ["C1", None, "C3", "", "C5", "C6", "C7", "C8", "C9", "C10", "C11", "C12"],
        "value": [10.0, 11, 12, 10, 11, 12, 10, 11, 12, 10, 11, 5000],
        "converted_date": days("2024-03-05", 12),
    })
    rep = report(con, df, "leads")
    ids = df["lead_id"][~blank(df["lead_id"])]
    it = rep.item("duplicate_ids", "lead_id")
    assert it.count == ids.duplicated().sum() == 3
    assert it.params["ids"] == (ids.value_counts() > 1).sum() == 2
    assert it.examples["_line"].tolist() == [3, 5, 6]
    assert it.examples["_first_line"].tolist() == [1, 1, 2]
    assert count(rep, "missing_values", "lead_id") == blank(df["lead_id"]).sum() == 2
    assert rep.item("missing_values", "lead_id").severity == "warning"
    assert count(rep, "missing_customer", "customer_id") == 2
    assert count(rep, "amount_outliers", "value") == expected_outliers(df["value"]) == 1
    assert count(rep, "future_dates", "converted_date") == (df["converted_date"] > TODAY).sum()


def test_deals_customer_is_an_ordinary_missing_value(con):
    df = pd.DataFrame({"_line": [1, 2], "date": days("2024-01-01", 2), "lead_id": ["a", "b"],
                       "customer_id": [None, "c"]})
    rep = report(con, df, "deals")
    assert rep.item("missing_customer") is None
    assert rep.item("missing_values", "customer_id").severity == "info"
    assert rep.ok


def test_spend_gaps_and_duplicates(con):
    dates = days("2024-01-01", 10) + days("2024-01-20", 5) + days("2024-01-28", 30)  # 9- and 3-day holes
    df = pd.DataFrame({"_line": range(1, 46), "date": dates, "spend": [100.0] * 45,
                       "clicks": [float(i) for i in range(45)], "Kanal Iklan": ["Meta"] * 45})
    df.loc[44, ["date", "clicks"]] = [df.loc[43, "date"], df.loc[43, "clicks"]]
    df.loc[0, "spend"] = None
    rep = report(con, df, "spend")
    gaps = rep.item("date_gaps")
    missing, share, runs = expected_gaps(df["date"], TODAY)
    assert gaps.count == missing == 9 and gaps.share == pytest.approx(share)
    assert gaps.examples.iloc[0].tolist()[2] == 9
    assert pd.Timestamp(gaps.examples["start"].iloc[0]).date() == dt.date(2024, 1, 11)
    assert count(rep, "duplicate_rows") == df.drop(columns="_line").duplicated().sum() == 1
    assert rep.item("missing_values", "spend").severity == "warning"
    assert rep.item("missing_values", "clicks") is None
    assert rep.item("amount_outliers") is None  # MAD is 0: the check is skipped


def test_sparse_gaps_are_info(con):
    df = pd.DataFrame({"_line": range(1, 7), "date": [dt.date(2023, m, 1) for m in range(1, 7)],
                       "spend": [1.0, 2, 3, 4, 5, 6]})
    gaps = report(con, df, "spend").item("date_gaps")
    missing, _, _ = expected_gaps(df["date"], TODAY)
    assert gaps.count == missing and gaps.severity == "info"


def test_survey_and_social(con):
    df = pd.DataFrame({"_line": [1, 2, 3], "date": days("2024-01-01", 3), "score": [9.0, None, 7],
                       "customer_id": [None, "a", "b"], "question": ["q", None, "q"]})
    rep = report(con, df, "survey")
    assert rep.item("missing_values", "score").severity == "warning"
    assert rep.item("missing_values", "question").severity == "info"
    assert count(rep, "missing_customer") == 1
    social = pd.DataFrame({"_line": [1, 2], "date": days("2024-01-01", 2), "platform": ["IG", " "],
                           "likes": [1.0, float("nan")]})
    rep = report(con, social, "social")
    assert count(rep, "missing_values", "platform") == 1
    assert count(rep, "missing_values", "likes") == 1


def test_hostile_and_indonesian_column_names(con):
    con.execute("CREATE SCHEMA ds")
    df = pd.DataFrame({"_line": [1, 2, 3], "date": days("2024-01-01", 1) * 3, "amount": [1.0, 1, 2],
                       EVIL: ["a", "a", "b"], 'Nama "Toko"': ["x", "x", "y"], "kota asal": ["B", "B", "C"]})
    load(con, df, "_tmp")
    con.execute(f"CREATE TABLE {table_ref('Penjualan 2025')} AS SELECT * FROM _tmp")
    con.execute("CREATE TABLE t (x INT)")
    rep = quality_report(con, table_ref("Penjualan 2025"), "orders", roles=["date", "amount"], today=TODAY)
    assert count(rep, "duplicate_rows") == 1
    assert EVIL in rep.item("duplicate_rows").examples.columns
    df.loc[1, EVIL] = "z"  # rows differing only in the hostile column are not copies
    load(con, df, "_tmp")
    rep = quality_report(con, ident("_tmp"), "orders", roles=["date", "amount"], today=TODAY)
    assert rep.item("duplicate_rows") is None
    assert con.execute("SELECT count(*) FROM t").fetchone() == (0,)  # still there


def test_meaning_languages(con):
    rep = report(con, orders_frame(), "orders")
    for it in rep.items:
        en, id_ = it.meaning("en"), it.meaning("id")
        assert en != id_ and en and id_
        if it.column:
            assert f"`{it.column}`" in en and f"`{it.column}`" in id_
    assert "not in customer KPIs" in rep.item("missing_customer").meaning()
    assert "double-count" in rep.item("duplicate_rows").meaning()


def test_to_frame(con):
    rep = report(con, orders_frame(), "orders")
    frame = rep.to_frame("id")
    assert list(frame.columns) == FRAME_COLUMNS
    assert len(frame) == len(rep.items)
    assert frame["check"].tolist() == [it.code for it in rep.items]
    assert frame["meaning"].iloc[0] == rep.items[0].meaning("id")


def test_empty_table(con):
    df = pd.DataFrame({"_line": pd.Series([], dtype="int64"), "date": pd.Series([], dtype="datetime64[us]"),
                       "amount": pd.Series([], dtype="float64"), "customer_id": pd.Series([], dtype=object)})
    rep = report(con, df, "orders")
    assert rep.rows == 0 and rep.items == () and rep.ok
    assert list(rep.to_frame().columns) == FRAME_COLUMNS


def test_all_dates_missing_does_not_crash(con):
    df = pd.DataFrame({"_line": [1, 2], "date": [None, None], "amount": [1.0, 2.0]})
    rep = report(con, df, "orders")
    assert count(rep, "missing_values", "date") == 2
    assert rep.item("date_gaps") is None and rep.item("outlying_dates") is None


def test_clean_data_is_ok(con):
    df = pd.DataFrame({"_line": range(1, 31), "date": days("2024-01-01", 30),
                       "amount": [float(10 + i % 4) for i in range(30)], "customer_id": ["c"] * 30})
    rep = report(con, df, "orders")
    assert rep.items == () and rep.ok
    assert rep.item("returns") is None
    table = load(con, df)
    for today in ("2024-01-10", pd.Timestamp("2024-01-10")):
        rep = quality_report(con, table, "orders", roles=["date", "amount"], today=today)
        assert count(rep, "future_dates") == (df["date"] > dt.date(2024, 1, 10)).sum() == 20


# --- a generated orders table ----------------------------------------------------

_day = st.one_of(
    st.integers(0, 150).map(lambda i: dt.date(2024, 1, 1) + dt.timedelta(days=i)),
    st.sampled_from([None, dt.date(1900, 1, 1), dt.date(2020, 5, 5), dt.date(2031, 1, 1)]),
)
_row = st.fixed_dictionaries({
    "date": _day,
    "amount": st.one_of(st.integers(-3, 12).map(lambda v: v * 10_000.0),
                        st.sampled_from([None, 5_000_000.0])),
    "unit_price": st.sampled_from([None, -1.0, 0.0, 5_000.0, 10_000.0]),
    "order_id": st.sampled_from([None, "", "O1", "O2", "O3", "O4"]),
    "customer_id": st.sampled_from([None, "", " ", "C1", "C2", "C3"]),
    EVIL: st.sampled_from(["a", "b", None]),
})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_row, min_size=1, max_size=60), lines=st.randoms())
def test_generated_orders(con, rows, lines):
    df = pd.DataFrame(rows)
    line_numbers = list(range(2, len(df) + 2))
    lines.shuffle(line_numbers)
    df.insert(0, "_line", line_numbers)
    rep = report(con, df, "orders")
    amount = df["amount"]
    assert rep.rows == len(df)
    for role in ("date", "amount", "unit_price", "order_id"):
        assert count(rep, "missing_values", role) == blank(df[role]).sum()
    assert count(rep, "missing_customer") == blank(df["customer_id"]).sum()
    assert count(rep, "duplicate_rows") == df.drop(columns="_line").duplicated().sum()
    assert count(rep, "duplicate_ids") == expected_conflicts(df)
    assert count(rep, "returns") == (amount < 0).sum()
    assert count(rep, "nonpositive_price", "amount") == (amount == 0).sum()
    assert count(rep, "nonpositive_price", "unit_price") == (df["unit_price"] <= 0).sum()
    dates = df["date"].dropna()
    assert count(rep, "future_dates") == (dates > TODAY).sum()
    assert count(rep, "amount_outliers") == expected_outliers(amount)
    if len(dates):
        low, high = plausible_bounds(df["date"])
        assert count(rep, "outlying_dates") == sum((d < low or d > high) and d <= TODAY for d in dates)
        assert count(rep, "date_gaps") == expected_gaps(df["date"], TODAY)[0]
    for it in rep.items:
        assert it.count > 0 and 0 < it.share <= 1 and len(it.examples) <= 5
        if it.code != "date_gaps":
            assert set(it.examples["_line"]) <= set(line_numbers)
