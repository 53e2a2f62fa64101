"""KPIs computed by the engine on public data sets, each checked against pandas written from the raw file.

Every file is imported as a new user would (``ws.import_file``, suggested mapping) once per module; the
reference numbers are computed here with pandas from the raw file, under the definitions of
``docs/engine_contract.md``. Skipped when ``../shared/realdata`` is absent (a fresh clone has no real data).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kpi

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/realdata is absent")

RETAIL = REAL / "online_retail" / "online_retail.csv.gz"
SUPERSTORE = REAL / "superstore" / "Sample - Superstore.csv"
OLIST_LEADS = REAL / "olist_marketing_funnel" / "olist_marketing_qualified_leads_dataset.csv"
OLIST_DEALS = REAL / "olist_marketing_funnel" / "olist_closed_deals_dataset.csv"
BLANK = "(blank)"


# ---- helpers -------------------------------------------------------------------------------------------
def _month(dates: pd.Series) -> pd.Series:
    return dates.dt.to_period("M").dt.to_timestamp().astype("datetime64[ns]")


def _months(first: str, last: str) -> pd.DatetimeIndex:
    return pd.date_range(first, last, freq="MS").astype("datetime64[ns]")


def _got(df: pd.DataFrame, by: tuple[str, ...] = (), column: str = "value") -> pd.Series:
    """The engine's result as a Series indexed by (period, *by); blank segments become ``BLANK``."""
    assert list(df.columns[: 1 + len(by)]) == ["period", *by]
    assert df["period"].dtype.kind == "M"
    out = df.assign(period=df["period"].astype("datetime64[ns]"))
    for col in by:
        out[col] = out[col].astype(object).where(out[col].notna(), BLANK)
    index = ["period", *by]
    # Rows come sorted by period then segment; sort here only to line them up with pandas.
    assert out["period"].is_monotonic_increasing
    return out.set_index(index)[column].astype(float).sort_index()


def _expected(values: pd.Series, index: pd.Index, fill: float) -> pd.Series:
    return values.astype(float).reindex(index, fill_value=fill).sort_index()


def _assert_same(got: pd.Series, expected: pd.Series, rel: float = 0.0) -> None:
    assert got.index.equals(expected.index), (got.index.difference(expected.index),
                                              expected.index.difference(got.index))
    if rel:
        np.testing.assert_allclose(got.to_numpy(), expected.to_numpy(), rtol=rel, atol=1e-6)
    else:
        np.testing.assert_array_equal(got.to_numpy(), expected.to_numpy())


def _open(imports: list[tuple[Path, dict]]) -> tuple[kpi.Workspace, list[kpi.ImportResult]]:
    ws = kpi.Workspace.open(":memory:")
    results = []
    for path, options in imports:
        res = ws.import_file(path, **options)
        # Every line was kept, so pandas on the whole raw file sees the same rows as the engine.
        assert res.rejected == 0 and ws.rejects(res.dataset.name).empty
        results.append(res)
    return ws, results


# ---- Online Retail -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def retail():
    ws, (res,) = _open([(RETAIL, {"kind": "orders", "name": "retail"})])
    yield ws, res
    ws.close()


@pytest.fixture(scope="module")
def retail_ref() -> pd.DataFrame:
    """The raw file with ``amount``, ``day`` and ``month``; rows in file order (= the importer's _line)."""
    ref = pd.read_csv(RETAIL, dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str})
    dates = pd.to_datetime(ref["InvoiceDate"])
    return ref.assign(amount=ref["Quantity"] * ref["UnitPrice"], day=dates.dt.normalize(), month=_month(dates),
                      line=np.arange(len(ref)))


@pytest.fixture(scope="module")
def retail_first(retail_ref) -> pd.DataFrame:
    """Each customer's first purchase row: earliest by (date, line) among rows with amount > 0."""
    buyers = retail_ref[(retail_ref["amount"] > 0) & retail_ref["CustomerID"].notna()]
    return buyers.sort_values(["day", "line"], kind="stable").drop_duplicates("CustomerID")


MONTHS = _months("2010-12-01", "2011-12-01")


def test_retail_import_matches_the_raw_file(retail, retail_ref):
    ws, res = retail
    assert res.rows == len(retail_ref) == 541909
    assert res.dataset.mapping == {"date": "InvoiceDate", "order_id": "InvoiceNo", "customer_id": "CustomerID",
                                   "quantity": "Quantity", "unit_price": "UnitPrice"}
    # Sanity of the reference against published facts: about 9.75M GBP net, 4,338 buying customers.
    assert retail_ref["amount"].sum() == pytest.approx(9_747_747.934, abs=0.01)
    purchases = retail_ref[retail_ref["amount"] > 0]
    assert purchases["CustomerID"].nunique() == 4338
    assert not purchases["InvoiceNo"].str.startswith("C").any()  # cancellations are never purchases


def test_retail_monthly_revenue(retail, retail_ref):
    ws, _ = retail
    got = ws.compute("revenue")
    assert len(got) == len(MONTHS)
    expected = _expected(retail_ref.groupby("month")["amount"].sum(), pd.Index(MONTHS, name="period"), 0)
    _assert_same(_got(got), expected, rel=1e-9)
    assert got["value"].sum() == pytest.approx(9_747_747.934, abs=0.01)


def test_retail_monthly_orders_and_aov(retail, retail_ref):
    ws, _ = retail
    purchases = retail_ref[retail_ref["amount"] > 0]
    assert purchases["InvoiceNo"].notna().all()
    index = pd.Index(MONTHS, name="period")
    orders = _expected(purchases.groupby("month")["InvoiceNo"].nunique(), index, 0)
    _assert_same(_got(ws.compute("orders")), orders)
    assert orders.sum() == 19960
    aov = ws.compute("aov")
    revenue = _expected(retail_ref.groupby("month")["amount"].sum(), index, 0)
    _assert_same(_got(aov, column="numerator"), revenue, rel=1e-9)
    _assert_same(_got(aov, column="denominator"), orders)
    _assert_same(_got(aov), revenue / orders, rel=1e-9)


def test_retail_monthly_active_customers(retail, retail_ref):
    ws, _ = retail
    buyers = retail_ref[(retail_ref["amount"] > 0) & retail_ref["CustomerID"].notna()]
    expected = _expected(buyers.groupby("month")["CustomerID"].nunique(), pd.Index(MONTHS, name="period"), 0)
    _assert_same(_got(ws.compute("active_customers")), expected)
    assert expected.loc["2011-11-01"] == 1664


def test_retail_monthly_new_customers(retail, retail_first):
    ws, _ = retail
    expected = _expected(retail_first.groupby("month").size(), pd.Index(MONTHS, name="period"), 0)
    _assert_same(_got(ws.compute("new_customers")), expected)
    assert expected.sum() == 4338 and expected.loc["2010-12-01"] == 885


def test_retail_new_customers_by_country_use_the_first_purchase_row(retail, retail_ref, retail_first):
    ws, _ = retail
    got = ws.compute("new_customers", grain="year", by=("Country",))
    index = pd.MultiIndex.from_product(
        [pd.DatetimeIndex(["2010-01-01", "2011-01-01"]).astype("datetime64[ns]"),
         sorted(retail_ref["Country"].unique())], names=["period", "Country"])
    first = retail_first.assign(period=retail_first["day"].dt.to_period("Y").dt.to_timestamp())
    expected = _expected(first.groupby(["period", "Country"]).size(), index, 0)
    _assert_same(_got(got, ("Country",)), expected)
    # A start/end window counts only first purchases inside it, never a later purchase of an old customer.
    late = ws.compute("new_customers", start="2011-06-15", end="2011-07-31")
    day = retail_first["day"]
    assert late["value"].tolist() == [
        float(((day >= "2011-06-15") & (day <= "2011-06-30")).sum()),
        float(((day >= "2011-07-01") & (day <= "2011-07-31")).sum())]


def test_retail_monthly_retention_rate(retail, retail_ref):
    ws, _ = retail
    buyers = retail_ref[(retail_ref["amount"] > 0) & retail_ref["CustomerID"].notna()]
    active = buyers.groupby("month")["CustomerID"].agg(set).reindex(MONTHS, fill_value=set())
    previous = [set(), *active.iloc[:-1]]
    kept = pd.Series([len(a & p) for a, p in zip(active, previous, strict=True)], index=MONTHS)
    before = pd.Series([len(p) for p in previous], index=MONTHS)
    got = ws.compute("retention_rate")
    index = pd.Index(MONTHS, name="period")
    _assert_same(_got(got, column="numerator"), _expected(kept, index, 0))
    _assert_same(_got(got, column="denominator"), _expected(before, index, 0))
    rate = _got(got)
    assert np.isnan(rate.iloc[0])  # no purchases in November 2010
    # Percent KPIs are fractions (Metric.scale 1); only NPS is scaled by 100.
    _assert_same(rate.iloc[1:], _expected(kept / before, index, 0).iloc[1:], rel=1e-12)
    assert rate.loc["2011-01-01"] == pytest.approx(324 / 885)


def _cohort_matrix(first: pd.DataFrame, buyers: pd.DataFrame, last: pd.Timestamp) -> pd.DataFrame:
    """Long cohort matrix from first-purchase rows and purchase rows, k from 0 to the last period."""
    cohort = first.set_index("CustomerID")["month"].rename("cohort")
    active = buyers[["CustomerID", "month"]].drop_duplicates().join(cohort, on="CustomerID", how="inner")
    k = (active["month"].dt.year - active["cohort"].dt.year) * 12 + active["month"].dt.month \
        - active["cohort"].dt.month
    counts = active.assign(period_index=k).groupby(["cohort", "period_index"]).size()
    size = first.groupby("month").size()
    rows = [(c, i) for c in sorted(size.index)
            for i in range((last.year - c.year) * 12 + last.month - c.month + 1)]
    index = pd.MultiIndex.from_tuples(rows, names=["cohort", "period_index"])
    out = counts.reindex(index, fill_value=0).rename("customers").reset_index().astype({"period_index": "int64"})
    out["retention"] = out["customers"] / out["cohort"].map(size)
    return out


def _check_cohorts(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(got.columns[:4]) == ["cohort", "period_index", "customers", "retention"]
    assert got["cohort"].dtype.kind == "M"
    got = (got.assign(cohort=got["cohort"].astype("datetime64[ns]"), period_index=got["period_index"].astype("int64"))
           .sort_values(["cohort", "period_index"]).reset_index(drop=True))
    pd.testing.assert_frame_equal(got[["cohort", "period_index"]], expected[["cohort", "period_index"]])
    np.testing.assert_array_equal(got["customers"].to_numpy(float), expected["customers"].to_numpy(float))
    np.testing.assert_allclose(got["retention"].to_numpy(float), expected["retention"].to_numpy(float),
                               rtol=1e-12)


def test_retail_monthly_cohort_matrix(retail, retail_ref, retail_first):
    ws, _ = retail
    buyers = retail_ref[(retail_ref["amount"] > 0) & retail_ref["CustomerID"].notna()]
    expected = _cohort_matrix(retail_first, buyers, MONTHS[-1])
    assert len(expected) == 13 * 14 // 2
    dec = expected[expected["cohort"] == "2010-12-01"].set_index("period_index")
    assert dec.loc[0, "customers"] == 885 and dec.loc[1, "customers"] == 324
    assert dec.loc[1, "retention"] == pytest.approx(0.3661, abs=1e-4)
    _check_cohorts(ws.cohorts(), expected)


def test_retail_cohorts_filtered_by_the_first_purchase_country(retail, retail_ref, retail_first):
    ws, _ = retail
    buyers = retail_ref[(retail_ref["amount"] > 0) & retail_ref["CustomerID"].notna()]
    first = retail_first[retail_first["Country"] == "Germany"]
    # Activity afterwards counts purchases anywhere, in any country.
    expected = _cohort_matrix(first, buyers, MONTHS[-1])
    got = ws.cohorts(filters={"Country": "Germany"})
    assert got["customers"][got["period_index"] == 0].sum() == len(first) == 94
    _check_cohorts(got, expected)


# ---- Superstore ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def superstore():
    ws, (res,) = _open([(SUPERSTORE, {"kind": "orders", "name": "superstore"})])
    assert res.dataset.mapping["amount"] == "Sales" and res.dataset.mapping["date"] == "Order Date"
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def superstore_ref() -> pd.DataFrame:
    ref = pd.read_csv(SUPERSTORE, encoding="utf-8-sig")
    dates = pd.to_datetime(ref["Order Date"], format="%m/%d/%Y")
    return ref.assign(year=dates.dt.to_period("Y").dt.to_timestamp().astype("datetime64[ns]"),
                      month=_month(dates))


YEARS = pd.DatetimeIndex(["2014-01-01", "2015-01-01", "2016-01-01", "2017-01-01"]).astype("datetime64[ns]")


def test_superstore_revenue_by_year(superstore, superstore_ref):
    assert len(superstore_ref) == 9994
    assert superstore_ref["Sales"].sum() == pytest.approx(2_297_200.86, abs=0.01)
    expected = _expected(superstore_ref.groupby("year")["Sales"].sum(), pd.Index(YEARS, name="period"), 0)
    _assert_same(_got(superstore.compute("revenue", grain="year")), expected, rel=1e-9)
    assert expected.loc["2017-01-01"] == pytest.approx(733_215.2552, abs=1e-4)


def test_superstore_revenue_by_region(superstore, superstore_ref):
    by = ("Region",)
    regions = sorted(superstore_ref["Region"].unique())
    yearly = superstore.compute("revenue", grain="year", by=by)
    index = pd.MultiIndex.from_product([YEARS, regions], names=["period", "Region"])
    _assert_same(_got(yearly, by), _expected(superstore_ref.groupby(["year", "Region"])["Sales"].sum(), index, 0),
                 rel=1e-9)
    monthly = superstore.compute("revenue", by=by)
    index = pd.MultiIndex.from_product([_months("2014-01-01", "2017-12-01"), regions], names=["period", "Region"])
    _assert_same(_got(monthly, by), _expected(superstore_ref.groupby(["month", "Region"])["Sales"].sum(), index, 0),
                 rel=1e-9)
    totals = monthly.groupby("Region")["value"].sum()
    pd.testing.assert_series_equal(totals, superstore_ref.groupby("Region")["Sales"].sum(), check_names=False,
                                   check_index_type=False, rtol=1e-9)
    assert totals["West"] == pytest.approx(725_457.8245, abs=1e-4)


# ---- Olist marketing funnel ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def olist():
    ws, (leads, deals) = _open([(OLIST_LEADS, {"kind": "leads", "name": "olist"}),
                                (OLIST_DEALS, {"kind": "deals", "name": "olist_deals", "leads": "olist"})])
    assert leads.dataset.mapping == {"date": "first_contact_date", "lead_id": "mql_id"}
    assert deals.dataset.mapping == {"lead_id": "mql_id", "date": "won_date"}
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def olist_ref() -> pd.DataFrame:
    leads = pd.read_csv(OLIST_LEADS)
    deals = pd.read_csv(OLIST_DEALS)
    assert (len(leads), len(deals)) == (8000, 842)
    assert leads["mql_id"].is_unique and deals["mql_id"].is_unique
    won = pd.to_datetime(leads["mql_id"].map(deals.set_index("mql_id")["won_date"])).dt.normalize()
    created = pd.to_datetime(leads["first_contact_date"])
    return leads.assign(month=_month(created), origin=leads["origin"].fillna(BLANK),
                        converted=leads["mql_id"].isin(deals["mql_id"]), days=(won - created).dt.days)


OLIST_MONTHS = _months("2017-06-01", "2018-05-01")


def _olist_expected(ref: pd.DataFrame, keys: list[str], index: pd.Index) -> tuple[pd.Series, pd.Series]:
    grouped = ref.groupby(keys)
    return _expected(grouped["converted"].sum(), index, 0), _expected(grouped.size(), index, 0)


def test_olist_conversion_rate_by_month(olist, olist_ref):
    got = olist.compute("conversion_rate")
    won, leads = _olist_expected(olist_ref, ["month"], pd.Index(OLIST_MONTHS, name="period"))
    assert (won.sum(), leads.sum()) == (842, 8000)
    _assert_same(_got(got, column="numerator"), won)
    _assert_same(_got(got, column="denominator"), leads)
    _assert_same(_got(got), won / leads, rel=1e-12)
    assert won.loc["2018-01-01"] / leads.loc["2018-01-01"] == pytest.approx(152 / 1141)


def test_olist_conversion_rate_by_origin(olist, olist_ref):
    by = ("origin",)
    got = olist.compute("conversion_rate", by=by)
    origins = sorted(olist_ref["origin"].unique())
    assert len(origins) == 11  # ten origins and 60 leads with a blank one
    index = pd.MultiIndex.from_product([OLIST_MONTHS, origins], names=["period", "origin"])
    won, leads = _olist_expected(olist_ref, ["month", "origin"], index)
    _assert_same(_got(got, by, "numerator"), won)
    _assert_same(_got(got, by, "denominator"), leads)
    rate = _got(got, by)
    assert rate[leads == 0].isna().all()
    _assert_same(rate[leads > 0], (won / leads)[leads > 0], rel=1e-12)
    # Over the whole period, per origin.
    per_origin = got.assign(origin=got["origin"].astype(object).where(got["origin"].notna(), BLANK)) \
        .groupby("origin")[["numerator", "denominator"]].sum()
    expected = olist_ref.groupby("origin")["converted"].agg(["sum", "size"])
    assert per_origin["numerator"].tolist() == expected["sum"].tolist()
    assert per_origin["denominator"].tolist() == expected["size"].tolist()
    assert (expected.loc["organic_search"].tolist(), expected.loc["paid_search"].tolist()) == ([271, 2296],
                                                                                            [195, 1586])


def test_olist_conversion_rate_within_a_window(olist, olist_ref):
    got = olist.compute("conversion_rate", window=30)
    fast = olist_ref.assign(converted=olist_ref["converted"] & (olist_ref["days"] <= 30))
    won, leads = _olist_expected(fast, ["month"], pd.Index(OLIST_MONTHS, name="period"))
    assert 0 < won.sum() < 842
    _assert_same(_got(got, column="numerator"), won)
    _assert_same(_got(got, column="denominator"), leads)
