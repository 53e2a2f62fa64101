"""Property tests of the KPI engine on small generated datasets.

Each example builds small DataFrames (dates in two windows with empty months between them, a few
channels and customers), imports them with ``ws.import_frame`` and an explicit mapping into a fresh
``:memory:`` workspace, and checks ``ws.compute`` against the pandas reference (``reference.py``) applied to
``ws.table``. Special cases get their own strategies: a single customer, only returns, blank customer IDs,
blank order IDs, periods without leads or without spend (zero denominators), blank dimension values.
Then a few properties that need no reference at all: additive KPIs add up over segments, and ratio KPIs
are unchanged when numerator and denominator scale together.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import note as hypothesis_note
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import kpi
from kpi.metrics import CATALOG

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/kpi has no __init__.py
import reference  # noqa: E402
from test_engine import assert_same  # noqa: E402

SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ORDERS_KPIS = ("revenue", "orders", "aov", "active_customers", "new_customers", "retention_rate", "churn_rate",
               "repeat_purchase_rate", "revenue_cumulative")
ORDERS_MAP = {"date": "tanggal", "amount": "total", "order_id": "no", "customer_id": "pelanggan"}
LEADS_MAP = {"date": "tgl", "lead_id": "id", "converted": "jadi", "converted_date": "tgl_jadi"}
SPEND_MAP = {"date": "tgl", "spend": "biaya", "impressions": "tayangan", "clicks": "klik"}
SOCIAL_MAP = {"date": "tgl", "platform": "platform", "likes": "suka", "shares": "bagikan", "comments": "komentar",
              "followers": "pengikut", "impressions": "tayangan"}
SURVEY_MAP = {"date": "tgl", "score": "skor", "question": "tanya"}

# Dates in two windows: December 2024 to February 2025 (across a year end), then June to July 2025;
# March to May never has data, so month, quarter and week grains all see empty periods.
EARLY = st.dates(dt.date(2024, 12, 20), dt.date(2025, 2, 20))
LATE = st.dates(dt.date(2025, 6, 1), dt.date(2025, 7, 15))
DATES = st.one_of(EARLY, LATE).map(dt.date.isoformat)
# Spend runs on other days than sales, so some periods have sales but no spend.
SPEND_DATES = st.one_of(st.dates(dt.date(2025, 1, 10), dt.date(2025, 2, 28)),
                        st.dates(dt.date(2025, 6, 15), dt.date(2025, 7, 31))).map(dt.date.isoformat)

CHANNELS = ["Shopee", "Tokopedia", "Offline"]
CAMPAIGNS = ["Katalog", "Promo", "Brand"]
CUSTOMERS = st.sampled_from(["C1", "C2", "C3", "C4", None])
ORDER_IDS = st.sampled_from(["O1", "O2", "O3", "O4", "O5", "O6", None])
AMOUNTS = st.integers(-40, 120).map(float)  # whole numbers: sums are exact on both sides
FOLLOWERS = st.integers(0, 5000).map(float)
NO = st.just(False)


def frame(rows: list[dict[str, Any]], dimension: str | None = None) -> pd.DataFrame:
    """Rows as a DataFrame; a dimension that came out all blank gets one value (else it is no dimension)."""
    df = pd.DataFrame(rows)
    if dimension and df[dimension].isna().all():
        df.loc[0, dimension] = "Shopee"
    return df


@st.composite
def orders_frames(draw: Any, customers: st.SearchStrategy = CUSTOMERS, order_ids: st.SearchStrategy = ORDER_IDS,
                  amounts: st.SearchStrategy = AMOUNTS) -> pd.DataFrame:
    rows = draw(st.lists(st.fixed_dictionaries({
        "tanggal": DATES, "total": amounts, "no": order_ids, "pelanggan": customers,
        "kanal": st.sampled_from([*CHANNELS, None]), "wilayah": st.sampled_from(["Jawa", "Bali"]),
    }), min_size=1, max_size=16))
    return frame(rows, "kanal")


@st.composite
def leads_frames(draw: Any) -> pd.DataFrame:
    rows = draw(st.lists(st.fixed_dictionaries({
        "tgl": DATES, "jadi": st.sampled_from([True, False, None]), "lag": st.none() | st.integers(-2, 40),
        "sumber": st.sampled_from(["IG", "WA", "Web"]), "kampanye": st.sampled_from(CAMPAIGNS),
    }), min_size=1, max_size=16))
    for i, row in enumerate(rows):
        lag = row.pop("lag")
        row["id"] = f"L{i}"
        row["tgl_jadi"] = None if lag is None else (dt.date.fromisoformat(row["tgl"]) + dt.timedelta(days=lag)
                                                     ).isoformat()
    if all(row["tgl_jadi"] is None for row in rows):  # else the column could not be typed as dates
        rows[0]["tgl_jadi"] = rows[0]["tgl"]
    return pd.DataFrame(rows)


@st.composite
def spend_frames(draw: Any) -> pd.DataFrame:
    rows = draw(st.lists(st.fixed_dictionaries({
        "tgl": SPEND_DATES, "biaya": st.integers(0, 500).map(float),
        "tayangan": st.none() | st.integers(0, 1000).map(float), "klik": st.none() | st.integers(0, 50).map(float),
        "kanal": st.sampled_from(["Shopee", "Tokopedia", "Google"]), "kampanye": st.sampled_from(CAMPAIGNS),
    }), min_size=1, max_size=12))
    df = pd.DataFrame(rows)
    for column in ("tayangan", "klik"):  # keep the roles ctr needs (an all-blank column cannot be typed)
        if df[column].isna().all():
            df.loc[0, column] = 10.0
    return df


@st.composite
def social_frames(draw: Any, followers: st.SearchStrategy = FOLLOWERS) -> tuple[pd.DataFrame, dict[str, str]]:
    counts = st.none() | st.integers(0, 50).map(float)
    rows = draw(st.lists(st.fixed_dictionaries({
        "tgl": DATES, "platform": st.sampled_from(["Instagram", "TikTok"]), "suka": counts, "bagikan": counts,
        "komentar": counts, "pengikut": followers, "tayangan": st.none() | st.integers(0, 900).map(float),
    }), min_size=1, max_size=16))
    df, mapping = pd.DataFrame(rows), dict(SOCIAL_MAP)
    # An all-blank column cannot be typed, so the role would be unmapped: keep followers (follower_growth
    # needs it) and likes (with no engagement role at all, the engine asks for one), and impressions
    # unless the draw below unmaps it on purpose.
    for column, value in (("pengikut", 1000.0), ("suka", 5.0), ("tayangan", 100.0)):
        if df[column].isna().all():
            df.loc[0, column] = value
    for role, column in (("impressions", "tayangan"), ("shares", "bagikan")):
        if draw(st.booleans()):  # an unmapped role: engagement counts it as 0, engagement_rate uses followers
            df, mapping = df.drop(columns=column), {r: c for r, c in mapping.items() if r != role}
    return df, mapping


@st.composite
def survey_frames(draw: Any) -> tuple[pd.DataFrame, dict[str, str]]:
    rows = draw(st.lists(st.fixed_dictionaries({
        "tgl": DATES, "skor": st.integers(0, 10).map(float),
        "tanya": st.sampled_from(["nps", "Skor NPS", "csat", "CSAT toko", "lainnya", None]),
        "kanal": st.sampled_from(CHANNELS),
    }), min_size=1, max_size=16))
    df = frame(rows)
    if draw(st.booleans()):
        return df.drop(columns="tanya"), {r: c for r, c in SURVEY_MAP.items() if r != "question"}
    return df, dict(SURVEY_MAP)


@st.composite
def queries(draw: Any, dims: Sequence[str], filters: Sequence[Mapping[str, Any]] = (),
            compare: st.SearchStrategy[bool] = NO) -> dict[str, Any]:
    """grain, by, start/end (each maybe None), compare, filters (maybe none)."""
    start = draw(st.none() | st.dates(dt.date(2024, 12, 1), dt.date(2025, 2, 28)))
    end = draw(st.none() | st.dates(dt.date(2025, 2, 1), dt.date(2025, 7, 31)))
    return {
        "grain": draw(st.sampled_from(reference.GRAINS)),
        "by": draw(st.sampled_from([(), *[(d,) for d in dims]])),
        "start": start, "end": max(end, start) if start and end else end,
        "compare": draw(compare),
        "filters": draw(st.sampled_from([None, *filters])),
    }


# ---- running both sides ---------------------------------------------------------------------------------
def without_blank_columns(df: pd.DataFrame, mapping: Mapping[str, str]) -> tuple[pd.DataFrame, dict[str, str]]:
    """Drop optional date, number and yes/no columns that came out all blank (the importer cannot type them)."""
    keep = {"date", "order_id", "customer_id", "lead_id", "platform", "question"}
    blank = {r: c for r, c in mapping.items() if r not in keep and df[c].isna().all()}
    return df.drop(columns=list(blank.values())), {r: c for r, c in mapping.items() if r not in blank}


@contextlib.contextmanager
def workspace(**datasets: tuple[pd.DataFrame, Mapping[str, str]]
              ) -> Iterator[tuple[kpi.Workspace, dict[str, pd.DataFrame]]]:
    """A fresh workspace holding each ``kind=(frame, mapping)``, and its tables as the engine sees them."""
    ws = kpi.Workspace.open(":memory:")
    try:
        for kind, (df, mapping) in datasets.items():
            df, mapping = without_blank_columns(df, mapping)
            res = ws.import_frame(df, kind=kind, mapping=mapping)
            assert res.rejected == 0, res.rejected_sample
        yield ws, {kind: ws.table(kind) for kind in datasets}
    finally:
        ws.close()


def in_data(query: dict[str, Any], tables: Mapping[str, pd.DataFrame], metric: str) -> dict[str, Any]:
    """``query`` with a lone start (or end) moved so that the default other end is not before it."""
    dates = pd.concat([pd.to_datetime(tables[k]["date"]) for k in reference.DATASETS[metric]])
    query = {"start": None, "end": None, **query}
    if query["start"] is not None and query["end"] is None and pd.Timestamp(query["start"]) > dates.max():
        query["start"] = dates.max().date()
    if query["end"] is not None and query["start"] is None and pd.Timestamp(query["end"]) < dates.min():
        query["end"] = dates.min().date()
    return query


def note(text: str) -> None:
    """Show ``text`` with a falsifying example (a no-op in the plain example tests)."""
    with contextlib.suppress(InvalidArgument):
        hypothesis_note(text)


def check(ws: kpi.Workspace, tables: Mapping[str, pd.DataFrame], metric: str, **query: Any) -> pd.DataFrame:
    query = in_data(query, tables, metric)
    note(f"{metric} {query}")
    got = ws.compute(metric, **query)
    want = reference.compute(tables, metric, scale=CATALOG[metric].scale, **query)
    try:
        assert_same(got, want, tuple(query.get("by", ())))
    except AssertionError as exc:
        raise AssertionError(f"{metric} {query}:\nengine\n{got}\nreference\n{want}\n{exc}") from exc
    return got


def check_all(ws: kpi.Workspace, tables: Mapping[str, pd.DataFrame], metrics: Sequence[str],
              query: dict[str, Any]) -> None:
    for metric in metrics:
        check(ws, tables, metric, **query)


def check_cohorts(ws: kpi.Workspace, tables: Mapping[str, pd.DataFrame], **query: Any) -> None:
    got = ws.cohorts(**query).reset_index(drop=True)
    want = reference.cohorts(tables, **query)
    note(f"cohorts {query}\n{got}\n{want}")
    assert list(got.columns) == list(want.columns)
    assert len(got) == len(want)
    got = got.astype({"cohort": "datetime64[ns]", "period_index": int, "customers": int, "retention": float})
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-9, atol=1e-12)


ORDERS_FILTERS = ({"kanal": "Shopee"}, {"kanal": [None, "Tokopedia"]}, {"wilayah": ["Bali"]})


# ---- engine discrepancies found so far ------------------------------------------------------------------
# Each known engine bug has a plain example test below (and the property tests that meet it carry that
# example too, via @example, so they fail every time rather than when the search happens to find it).
# The marks are strict: when a fix lands the test XPASSes, which fails the run; then delete the mark.
def orders_example(amounts: Sequence[float], kanal: Sequence[str | None], customers: Sequence[str | None] = ("C1", "C1"),
                   order_ids: Sequence[str | None] = ("A", "A"), dates: Sequence[str] = ("2025-01-05", "2025-01-06")
                   ) -> pd.DataFrame:
    return pd.DataFrame({"tanggal": list(dates), "total": list(amounts), "no": list(order_ids),
                         "pelanggan": list(customers), "kanal": list(kanal), "wilayah": ["Jawa"] * len(dates)})


QUERY = {"grain": "month", "by": (), "start": None, "end": None, "compare": False, "filters": None}
BY_KANAL = {**QUERY, "by": ("kanal",)}
SHOPEE = {**QUERY, "filters": {"kanal": "Shopee"}}
# A purchase and a return in two channels: Tokopedia has no purchase, yet is a segment.
RETURN_ONLY_SEGMENT = orders_example([10.0, -5.0], ["Shopee", "Tokopedia"])
# C1's first purchase has no channel; a later one is on Shopee.
BLANK_FIRST_CHANNEL = orders_example([10.0, 20.0], [None, "Shopee"], order_ids=("A", "B"),
                                     dates=("2025-01-05", "2025-02-07"))
SPEND = pd.DataFrame({"tgl": ["2025-01-05"], "biaya": [100.0], "tayangan": [10.0], "klik": [1.0],
                      "kanal": ["Shopee"], "kampanye": ["Promo"]})
LEADS = pd.DataFrame({"tgl": ["2025-01-05"], "jadi": [True], "sumber": ["IG"], "kampanye": ["Promo"], "id": ["L0"],
                      "tgl_jadi": ["2025-01-06"]})
# TikTok's only row is before start, in the first (cut) month; no impressions role.
FOLLOWERS_BEFORE_START = (pd.DataFrame({"tgl": ["2025-01-01", "2025-01-20"], "platform": ["TikTok", "Instagram"],
                                        "suka": [5.0, 7.0], "pengikut": [100.0, 200.0]}),
                          {"date": "tgl", "platform": "platform", "likes": "suka", "followers": "pengikut"})
START_INSIDE_A_MONTH = {**QUERY, "start": dt.date(2025, 1, 10), "compare": True}


# ---- engine equals reference ------------------------------------------------------------------------------
@SETTINGS
@given(orders=orders_frames(), query=queries(("kanal", "wilayah"), ORDERS_FILTERS))
@example(orders=RETURN_ONLY_SEGMENT, query=BY_KANAL)
@example(orders=BLANK_FIRST_CHANNEL, query=SHOPEE)
def test_orders_kpis(orders, query):
    with workspace(orders=(orders, ORDERS_MAP)) as (ws, tables):
        check_all(ws, tables, ORDERS_KPIS, query)


@FEW
@given(orders=orders_frames(customers=st.just("C1")), query=queries(("kanal",), ORDERS_FILTERS))
@example(orders=RETURN_ONLY_SEGMENT, query=BY_KANAL)
@example(orders=BLANK_FIRST_CHANNEL, query=SHOPEE)
def test_orders_kpis_single_customer(orders, query):
    with workspace(orders=(orders, ORDERS_MAP)) as (ws, tables):
        check_all(ws, tables, ORDERS_KPIS, query)
        check_cohorts(ws, tables, grain=query["grain"])


@FEW
@given(orders=orders_frames(amounts=st.integers(-100, -1).map(float)), spend=spend_frames(),
       query=queries(("kanal",), ORDERS_FILTERS[:2]))
@example(orders=orders_example([-10.0, -5.0], ["Shopee", "Tokopedia"]), spend=SPEND, query=BY_KANAL)
def test_orders_kpis_all_returns(orders, spend, query):
    with workspace(orders=(orders, ORDERS_MAP), spend=(spend, SPEND_MAP)) as (ws, tables):
        check_all(ws, tables, [*ORDERS_KPIS, "roas", "cac"], query)
        check_cohorts(ws, tables, grain=query["grain"])
        assert ws.compute("orders", grain="year")["value"].sum() == 0


@FEW
@given(orders=orders_frames(customers=st.none()), query=queries(("kanal",), ORDERS_FILTERS))
@example(orders=orders_example([10.0, 5.0], ["Shopee", "Tokopedia"], customers=(None, None)), query=BY_KANAL)
def test_orders_kpis_blank_customer_ids(orders, query):
    with workspace(orders=(orders, ORDERS_MAP)) as (ws, tables):
        check_all(ws, tables, ORDERS_KPIS, query)
        check_cohorts(ws, tables, grain=query["grain"])


@FEW
@given(orders=orders_frames(order_ids=st.none()), query=queries(("kanal",), ORDERS_FILTERS))
@example(orders=orders_example([10.0, -5.0], ["Shopee", "Tokopedia"], order_ids=(None, None)), query=BY_KANAL)
@example(orders=BLANK_FIRST_CHANNEL.assign(no=None), query=SHOPEE)
def test_orders_kpis_blank_order_ids(orders, query):
    with workspace(orders=(orders, ORDERS_MAP)) as (ws, tables):
        check_all(ws, tables, ORDERS_KPIS, query)


@FEW
@given(orders=orders_frames(), query=queries(("kanal",), ORDERS_FILTERS))
@example(orders=RETURN_ONLY_SEGMENT, query=BY_KANAL)
def test_orders_kpis_without_order_ids(orders, query):
    mapping = {r: c for r, c in ORDERS_MAP.items() if r != "order_id"}
    with workspace(orders=(orders.drop(columns="no"), mapping)) as (ws, tables):
        check_all(ws, tables, ["orders", "aov", "repeat_purchase_rate"], query)


@SETTINGS
@given(leads=leads_frames(), window=st.none() | st.integers(0, 10),
       query=queries(("sumber", "kampanye"), ({"sumber": "IG"}, {"kampanye": ["Promo", "Brand"]})))
def test_leads_kpis(leads, window, query):
    with workspace(leads=(leads, LEADS_MAP)) as (ws, tables):
        check(ws, tables, "leads", **query)
        check(ws, tables, "conversion_rate", window=window, **query)


@SETTINGS
@given(spend=spend_frames(), query=queries(("kanal", "kampanye"), ({"kanal": "Google"}, {"kampanye": ["Promo"]})))
def test_spend_kpis(spend, query):
    with workspace(spend=(spend, SPEND_MAP)) as (ws, tables):
        check_all(ws, tables, ["spend", "ctr"], query)


@SETTINGS
@given(orders=orders_frames(), leads=leads_frames(), spend=spend_frames(),
       by_channel=queries(("kanal",), ({"kanal": ["Shopee", "Google"]}, {"kanal": "Offline"})),
       by_campaign=queries(("kampanye",), ({"kampanye": ["Promo", "Brand"]},)))
@example(orders=BLANK_FIRST_CHANNEL, leads=LEADS, spend=SPEND, by_channel=SHOPEE, by_campaign=QUERY)
def test_cross_dataset_kpis(orders, leads, spend, by_channel, by_campaign):
    """roas and cac by channel (orders + spend), cpl by campaign (leads + spend)."""
    with workspace(orders=(orders, ORDERS_MAP), leads=(leads, LEADS_MAP), spend=(spend, SPEND_MAP)) as (ws, tables):
        check_all(ws, tables, ["roas", "cac"], by_channel)
        check(ws, tables, "cpl", **by_campaign)


@SETTINGS
@given(social=social_frames(), query=queries(("platform",), ({"platform": "TikTok"},)))
@example(social=FOLLOWERS_BEFORE_START, query={**QUERY, "by": ("platform",), "start": dt.date(2025, 1, 10)})
def test_social_kpis(social, query):
    with workspace(social=social) as (ws, tables):
        check_all(ws, tables, ["engagement", "engagement_rate", "follower_growth"], query)


@FEW
@given(social=social_frames(followers=st.none() | FOLLOWERS), query=queries(("platform",), ({"platform": "TikTok"},)))
@example(social=FOLLOWERS_BEFORE_START, query={**QUERY, "start": dt.date(2025, 1, 10)})
def test_social_kpis_with_blank_followers(social, query):
    """Blank follower counts are skipped: the last (and first) values are the last non-blank ones."""
    with workspace(social=social) as (ws, tables):
        check_all(ws, tables, ["engagement", "engagement_rate", "follower_growth"], query)


@SETTINGS
@given(survey=survey_frames(), query=queries(("kanal",), ({"kanal": ["Shopee", "Offline"]},)))
def test_survey_kpis(survey, query):
    with workspace(survey=survey) as (ws, tables):
        check_all(ws, tables, ["nps", "csat"], query)


@SETTINGS
@given(orders=orders_frames(), leads=leads_frames(),
       by_channel=queries(("kanal",), ORDERS_FILTERS[:2], compare=st.just(True)),
       by_source=queries(("sumber",), ({"kampanye": ["Promo", "Brand"]},), compare=st.just(True)))
@example(orders=BLANK_FIRST_CHANNEL, leads=LEADS, by_channel=START_INSIDE_A_MONTH, by_source=START_INSIDE_A_MONTH)
def test_compare(orders, leads, by_channel, by_source):
    """`previous` and `last_year`: the KPI computed as if start had been one period (a year) earlier."""
    with workspace(orders=(orders, ORDERS_MAP), leads=(leads, LEADS_MAP)) as (ws, tables):
        check_all(ws, tables, ORDERS_KPIS, by_channel)
        check_all(ws, tables, ["leads", "conversion_rate"], by_source)


@SETTINGS
@given(orders=orders_frames(), grain=st.sampled_from(reference.GRAINS),
       filters=st.sampled_from([None, *ORDERS_FILTERS]),
       span=st.none() | st.tuples(st.dates(dt.date(2024, 12, 1), dt.date(2025, 7, 31)), st.integers(0, 200)))
@example(orders=BLANK_FIRST_CHANNEL, grain="month", filters={"kanal": "Shopee"}, span=None)
def test_cohorts(orders, grain, filters, span):
    """Cohorts, with start/end on period boundaries when given."""
    query: dict[str, Any] = {"grain": grain, "filters": filters}
    if span is not None:
        first = reference.period_of(span[0], grain)
        last = reference.period_of(first + pd.Timedelta(days=span[1]), grain)
        query |= {"start": first.date(), "end": (last + reference.step(grain) - pd.Timedelta(days=1)).date()}
    with workspace(orders=(orders, ORDERS_MAP)) as (ws, tables):
        check_cohorts(ws, tables, **query)


# ---- properties without the reference ---------------------------------------------------------------------
def by_period(df: pd.DataFrame, column: str = "value") -> pd.Series:
    return df.groupby("period")[column].sum()


@SETTINGS
@given(orders=orders_frames(), leads=leads_frames(), spend=spend_frames(), grain=st.sampled_from(reference.GRAINS))
def test_additive_kpis_add_up_over_segments(orders, leads, spend, grain):
    with workspace(orders=(orders, ORDERS_MAP), leads=(leads, LEADS_MAP), spend=(spend, SPEND_MAP)) as (ws, _):
        for metric, dims in (("revenue", ("kanal", "wilayah")), ("new_customers", ("kanal", "wilayah")),
                             ("leads", ("sumber", "kampanye")), ("spend", ("kanal", "kampanye"))):
            whole = ws.compute(metric, grain=grain).set_index("period")["value"]
            for dim in dims:
                parts = by_period(ws.compute(metric, grain=grain, by=(dim,)))
                pd.testing.assert_series_equal(parts.reindex(whole.index, fill_value=0.0), whole,
                                               check_names=False, check_index_type=False, check_exact=False,
                                               check_freq=False, rtol=1e-12)
        # a filter that keeps every channel, blank ones included, keeps every row
        everything = {"kanal": [*CHANNELS, None]}
        for metric in ORDERS_KPIS:
            whole = ws.compute(metric, grain=grain)
            pd.testing.assert_frame_equal(ws.compute(metric, grain=grain, filters=everything), whole)


@SETTINGS
@given(leads=leads_frames(), grain=st.sampled_from(reference.GRAINS), window=st.none() | st.integers(0, 10))
def test_duplicated_leads_leave_conversion_rate_unchanged(leads, grain, window):
    twice = pd.concat([leads, leads.assign(id=leads["id"] + "-copy")], ignore_index=True)
    with workspace(leads=(leads, LEADS_MAP)) as (ws, _):
        once = ws.compute("conversion_rate", grain=grain, window=window)
    with workspace(leads=(twice, LEADS_MAP)) as (ws, _):
        double = ws.compute("conversion_rate", grain=grain, window=window)
    pd.testing.assert_series_equal(double["value"], once["value"], rtol=1e-12)
    pd.testing.assert_series_equal(double["numerator"], 2 * once["numerator"])
    pd.testing.assert_series_equal(double["denominator"], 2 * once["denominator"])


@SETTINGS
@given(orders=orders_frames(), spend=spend_frames(), k=st.sampled_from([0.5, 2.0, 3.0, 1000.0]),
       grain=st.sampled_from(reference.GRAINS), by=st.sampled_from([(), ("kanal",)]))
def test_scaling_money_scales_revenue_and_keeps_roas(orders, spend, k, grain, by):
    scaled_orders, scaled_spend = orders.assign(total=orders["total"] * k), spend.assign(biaya=spend["biaya"] * k)
    with workspace(orders=(orders, ORDERS_MAP), spend=(spend, SPEND_MAP)) as (ws, _):
        revenue, roas = (ws.compute(m, grain=grain, by=by) for m in ("revenue", "roas"))
    with workspace(orders=(scaled_orders, ORDERS_MAP), spend=(scaled_spend, SPEND_MAP)) as (ws, _):
        revenue_k, roas_k = (ws.compute(m, grain=grain, by=by) for m in ("revenue", "roas"))
    pd.testing.assert_series_equal(revenue_k["value"], k * revenue["value"], rtol=1e-12)
    pd.testing.assert_series_equal(roas_k["value"], roas["value"], rtol=1e-12)
    pd.testing.assert_series_equal(roas_k["denominator"], k * roas["denominator"], rtol=1e-12)


@pytest.mark.parametrize("grain", reference.GRAINS)
def test_empty_periods_between_data(grain):
    """Two sales five months apart: the months between are rows of zeros (counts) and NaN (ratios)."""
    orders = pd.DataFrame({"tanggal": ["2025-01-15", "2025-06-20"], "total": [100.0, 50.0], "no": ["A", "B"],
                           "pelanggan": ["C1", "C1"]})
    with workspace(orders=(orders, ORDERS_MAP)) as (ws, tables):
        for metric in ORDERS_KPIS:
            got = check(ws, tables, metric, grain=grain)
            assert got["period"].is_unique
        revenue = ws.compute("revenue", grain="month")
        assert revenue["value"].tolist() == [100.0, 0.0, 0.0, 0.0, 0.0, 50.0]
        aov = ws.compute("aov", grain="month")
        assert aov["value"].isna().tolist() == [False, True, True, True, True, False]


# ---- small cases the properties found, kept as plain examples -------------------------------------------
def test_first_purchase_with_a_blank_dimension_counts_in_the_blank_segment():
    """The first purchase row decides the segment, even when its dimension is blank (arg_min skips NULLs)."""
    orders = pd.DataFrame({"tanggal": ["2025-01-05", "2025-02-07"], "total": [10.0, 20.0], "no": ["A", "B"],
                           "pelanggan": ["C1", "C1"], "kanal": [None, "Shopee"]})
    spend = pd.DataFrame({"tgl": ["2025-01-05"], "biaya": [100.0], "tayangan": [10.0], "klik": [1.0],
                          "kanal": ["Shopee"], "kampanye": ["Promo"]})
    with workspace(orders=(orders, ORDERS_MAP), spend=(spend, SPEND_MAP)) as (ws, tables):
        got = check(ws, tables, "new_customers", grain="month", filters={"kanal": "Shopee"})
        assert got["value"].tolist() == [0.0, 0.0]
        check(ws, tables, "new_customers", grain="month", by=("kanal",))
        check(ws, tables, "cac", grain="month", by=("kanal",))
        check_cohorts(ws, tables, grain="month", filters={"kanal": "Shopee"})  # no cohort at all


def test_a_segment_with_only_returns_is_still_a_row():
    """Segments are the `by` values of every row in range (returns too), for every KPI."""
    orders = pd.DataFrame({"tanggal": ["2025-01-05", "2025-01-06"], "total": [10.0, -5.0], "no": ["A", "A"],
                           "pelanggan": ["C1", "C1"], "kanal": ["Shopee", "Tokopedia"]})
    with workspace(orders=(orders, ORDERS_MAP)) as (ws, tables):
        for metric in ORDERS_KPIS:
            got = check(ws, tables, metric, grain="month", by=("kanal",))
            assert got["kanal"].tolist() == ["Shopee", "Tokopedia"], metric


def test_followers_at_period_end_respect_start():
    """Without impressions, engagement_rate divides by followers from rows in [start, end] only."""
    social = pd.DataFrame({"tgl": ["2025-01-01", "2025-01-20"], "platform": ["TikTok", "Instagram"],
                           "suka": [5.0, 7.0], "pengikut": [100.0, 200.0]})
    mapping = {"date": "tgl", "platform": "platform", "likes": "suka", "followers": "pengikut"}
    with workspace(social=(social, mapping)) as (ws, tables):
        got = check(ws, tables, "engagement_rate", grain="month", start="2025-01-10", by=("platform",))
        assert got["platform"].tolist() == ["Instagram"]
        check(ws, tables, "engagement_rate", grain="month", start="2025-01-10")


ONE_TWO_FOUR_EIGHT = pd.DataFrame({"tanggal": ["2025-01-05", "2025-01-20", "2025-02-05", "2025-02-20"],
                                   "total": [1.0, 2.0, 4.0, 8.0], "no": ["A", "B", "C", "D"], "pelanggan": ["C1"] * 4})


def test_compare_with_a_start_inside_a_period():
    """With compare=True a start inside a period counts from the period's first day (contract)."""
    with workspace(orders=(ONE_TWO_FOUR_EIGHT, ORDERS_MAP)) as (ws, tables):
        got = check(ws, tables, "revenue", grain="month", start="2025-02-10", compare=True)
        assert got[["value", "previous"]].values.tolist() == [[12.0, 3.0]]  # all of February, all of January


def test_compare_running_total_starts_one_period_earlier():
    with workspace(orders=(ONE_TWO_FOUR_EIGHT, ORDERS_MAP)) as (ws, tables):
        got = check(ws, tables, "revenue_cumulative", grain="month", start="2025-02-01", compare=True)
        assert got[["value", "previous"]].values.tolist() == [[12.0, 3.0]]  # running total from January
