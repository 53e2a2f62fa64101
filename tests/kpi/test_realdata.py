"""Import every public data set in ../shared/realdata as a new user would, and check it with pandas.

Skipped when the folder is absent (a fresh clone has no real data).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import kpi

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/realdata is absent")


@pytest.fixture(scope="module")
def ws():
    ws = kpi.Workspace.open(":memory:")
    yield ws
    ws.close()


def test_online_retail_csv_no_amount_cancellations_blank_customers(ws):
    path = REAL / "online_retail" / "online_retail.csv.gz"
    res = ws.import_file(path, kind="orders", name="retail")
    ref = pd.read_csv(path, dtype={"InvoiceNo": str, "StockCode": str})
    assert (res.rows, res.rejected) == (len(ref), 0) == (541909, 0)
    assert res.dataset.mapping == {"date": "InvoiceDate", "order_id": "InvoiceNo", "customer_id": "CustomerID",
                                   "quantity": "Quantity", "unit_price": "UnitPrice"}
    assert set(res.dataset.dimensions) >= {"Country", "Description"}
    got = ws.cursor().execute(
        'SELECT sum(amount), count(DISTINCT customer_id), count(*) FILTER (WHERE customer_id IS NULL), '
        'count(*) FILTER (WHERE amount < 0), min(date), max(date) FROM "ds"."retail"').fetchall()[0]
    amount = ref["Quantity"] * ref["UnitPrice"]
    dates = pd.to_datetime(ref["InvoiceDate"]).dt.date
    assert got[0] == pytest.approx(amount.sum(), rel=1e-12)
    assert got[1] == ref["CustomerID"].nunique()
    assert got[2] == ref["CustomerID"].isna().sum() == 135080
    assert got[3] == (amount < 0).sum()
    assert (got[4], got[5]) == (dates.min(), dates.max())
    # Customer IDs are clean text ("17850", not "17850.0") so they join with other files.
    assert ws.table("retail", 1)["customer_id"].iloc[0] == "17850"
    assert res.quality.item("returns").count == (amount < 0).sum()
    assert res.quality.item("missing_customer").count == 135080


def test_online_retail_parquet_matches_the_csv(ws):
    res = ws.import_file(REAL / "online_retail" / "online_retail.parquet", kind="orders", name="retail_pq")
    assert (res.rows, res.rejected) == (541909, 0)
    a, b = (ws.cursor().execute(f'SELECT sum(amount), count(DISTINCT customer_id), count(DISTINCT order_id) '
                                f'FROM "ds"."{n}"').fetchall()[0] for n in ("retail", "retail_pq"))
    assert a[1:] == b[1:] and a[0] == pytest.approx(b[0], rel=1e-12)


def test_online_retail_ii(ws):
    path = REAL / "online_retail_ii_2009_2010" / "online_retail_ii_year_2009_2010.csv.gz"
    res = ws.import_file(path, kind="orders", name="retail2")
    ref = pd.read_csv(path, dtype={"Invoice": str, "StockCode": str})
    assert (res.rows, res.rejected) == (len(ref), 0) == (525461, 0)
    assert res.dataset.mapping["customer_id"] == "Customer ID" and res.dataset.mapping["unit_price"] == "Price"
    total = ws.cursor().execute('SELECT sum(amount) FROM "ds"."retail2"').fetchall()[0][0]
    assert total == pytest.approx((ref["Quantity"] * ref["Price"]).sum(), rel=1e-12)


def test_superstore_us_dates_and_bom(ws):
    path = REAL / "superstore" / "Sample - Superstore.csv"
    res = ws.import_file(path, kind="orders", name="superstore")
    ref = pd.read_csv(path, encoding="utf-8-sig")
    assert (res.rows, res.rejected) == (len(ref), 0) == (9994, 0)
    assert res.options["date_order"] == "month-first"
    assert "Region" in res.dataset.dimensions and "Row ID" not in res.dataset.dimensions
    by_region = ws.cursor().execute(
        'SELECT "Region", sum(amount) FROM "ds"."superstore" GROUP BY 1 ORDER BY 1').df().set_index("Region")
    expected = ref.groupby("Region")["Sales"].sum()
    pd.testing.assert_series_equal(by_region.iloc[:, 0], expected, check_names=False, rtol=1e-12)
    dates = pd.to_datetime(ref["Order Date"], format="%m/%d/%Y").dt.date
    got = ws.cursor().execute('SELECT min(date), max(date) FROM "ds"."superstore"').fetchall()[0]
    assert got == (dates.min(), dates.max())


def test_olist_leads_with_closed_deals_file(ws):
    folder = REAL / "olist_marketing_funnel"
    leads = ws.import_file(folder / "olist_marketing_qualified_leads_dataset.csv", kind="leads", name="olist")
    deals = ws.import_file(folder / "olist_closed_deals_dataset.csv", kind="deals", name="olist_deals",
                           leads="olist")
    ref_leads = pd.read_csv(folder / "olist_marketing_qualified_leads_dataset.csv")
    ref_deals = pd.read_csv(folder / "olist_closed_deals_dataset.csv")
    assert (leads.rows, leads.rejected) == (8000, 0)
    assert (deals.rows, deals.rejected) == (len(ref_deals), 0) == (842, 0)
    merged = ref_leads.merge(ref_deals[["mql_id", "won_date"]], on="mql_id", how="left")
    got = ws.cursor().execute(
        'SELECT origin, count(*) AS leads, count(*) FILTER (WHERE converted) AS won FROM "ds"."olist" '
        "GROUP BY ALL ORDER BY origin NULLS LAST").df()
    expected = (merged.assign(won=merged["won_date"].notna()).groupby("origin", dropna=False)
                .agg(leads=("mql_id", "size"), won=("won", "sum")).reset_index())
    assert got["leads"].tolist() == expected["leads"].tolist()
    assert got["won"].tolist() == expected["won"].tolist()
    first_won = ws.cursor().execute('SELECT min(converted_date) FROM "ds"."olist"').fetchall()[0][0]
    assert first_won == pd.to_datetime(merged["won_date"]).min().date()


def test_bank_marketing_semicolons_quotes_no_dates_no_ids(ws):
    path = REAL / "bank_marketing" / "bank-additional-full.csv"
    with pytest.raises(kpi.DataSchemaError) as err:
        ws.import_file(path, kind="leads", name="bank")
    assert "date" in str(err.value)
    res = ws.import_file(path, kind="leads", name="bank", default_date="2010-11-30")
    ref = pd.read_csv(path, sep=";")
    assert (res.rows, res.rejected) == (len(ref), 0) == (41188, 0)
    assert res.options["delimiter"] == ";"
    assert {w.code for w in res.warnings} >= {"lead_id_from_line", "default_date_used"}
    by_contact = ws.cursor().execute(
        'SELECT contact, avg(converted::INT) FROM "ds"."bank" GROUP BY 1 ORDER BY 1').fetchall()
    expected = (ref["y"] == "yes").groupby(ref["contact"]).mean()
    assert [c for c, _ in by_contact] == expected.index.tolist()
    assert [v for _, v in by_contact] == pytest.approx(expected.tolist(), rel=1e-12)


def test_fb_ads_bom_and_spend(ws):
    path = REAL / "fb_ads" / "KAG_conversion_data.csv"
    res = ws.import_file(path, kind="spend", name="fb", default_date="2017-08-31")
    ref = pd.read_csv(path, encoding="utf-8-sig")
    assert (res.rows, res.rejected) == (1143, 0)
    assert res.dataset.mapping == {"spend": "Spent", "impressions": "Impressions", "clicks": "Clicks",
                                   "conversions": "Total_Conversion"}
    assert "ad_id" in res.dataset.columns  # BOM stripped from the first header
    got = ws.cursor().execute('SELECT sum(spend), sum(clicks) / sum(impressions) FROM "ds"."fb"').fetchall()[0]
    assert got[0] == pytest.approx(ref["Spent"].sum(), rel=1e-12)
    assert got[1] == pytest.approx(ref["Clicks"].sum() / ref["Impressions"].sum(), rel=1e-12)


def test_cdnow_whitespace_aligned(ws):
    path = REAL / "cdnow" / "CDNOW_master.txt"
    res = ws.import_file(path, kind="orders", name="cdnow")
    ref = pd.read_csv(path, sep=r"\s+", dtype={"customer_id": str, "date": str})
    assert (res.rows, res.rejected) == (len(ref), 0) == (69659, 0)
    assert res.options["delimiter"] == "whitespace"
    got = ws.cursor().execute(
        'SELECT sum(amount), count(DISTINCT customer_id), min(date), max(date) FROM "ds"."cdnow"').fetchall()[0]
    dates = pd.to_datetime(ref["date"], format="%Y%m%d").dt.date
    assert got[0] == pytest.approx(ref["dollar_value"].sum(), rel=1e-12)
    assert got[1] == ref["customer_id"].nunique()
    assert (got[2], got[3]) == (dates.min(), dates.max())
