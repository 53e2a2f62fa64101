"""The bundled sample data set: deterministic, well-formed, and carrying its planted stories.

The story checks are plain pandas over the committed CSV files, independent of the
generator's code, so they also catch a regenerated file that lost a story.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from kpi.samples import SAMPLE_DIR, SAMPLE_FILES, load_sample

NAMES = ("orders", "leads", "spend", "social", "survey")
HEADERS = {
    "orders": "tanggal,no_pesanan,id_pelanggan,kanal,provinsi,kategori,produk,qty,harga_satuan,total,status",
    "leads": "tanggal,id_prospek,sumber,kampanye,provinsi,terkonversi,tanggal_konversi,nilai",
    "spend": "tanggal,kanal,kampanye,biaya,tayangan,klik,konversi",
    "social": "tanggal,platform,postingan,suka,bagikan,komentar,pengikut,tayangan,jangkauan",
    "survey": "tanggal,id_pelanggan,kanal,provinsi,pertanyaan,skor",
}
INTS = {"qty", "harga_satuan", "total", "biaya", "tayangan", "klik", "konversi", "postingan", "suka",
        "bagikan", "komentar", "pengikut", "jangkauan", "skor"}


def _read(name: str) -> pd.DataFrame:
    df = pd.read_csv(SAMPLE_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
    for col in INTS & set(df.columns):
        df[col] = df[col].astype("int64")
    df["d"] = pd.to_datetime(df["tanggal"], format="%Y-%m-%d")
    return df


@pytest.fixture(scope="module")
def data() -> dict[str, pd.DataFrame]:
    return {name: _read(name) for name in NAMES}


@pytest.fixture(scope="module")
def daily_revenue(data: dict[str, pd.DataFrame]) -> pd.Series:
    return data["orders"].groupby("d")["total"].sum()


def _ratio(num: int, den: int) -> float:
    return num / den if den else float("nan")


# --- determinism and format ---------------------------------------------------------------


def test_generator_is_deterministic(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("_sample_generate", SAMPLE_DIR / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--out", str(tmp_path)]) == 0
    for name in NAMES:
        fresh, committed = (tmp_path / f"{name}.csv").read_bytes(), (SAMPLE_DIR / f"{name}.csv").read_bytes()
        assert fresh == committed, f"{name}.csv differs from a fresh run of generate.py: regenerate it"


def test_files_are_small_utf8_iso_and_plain_numbers() -> None:
    total = 0
    for name in NAMES:
        raw = (SAMPLE_DIR / f"{name}.csv").read_bytes()
        total += len(raw)
        text = raw.decode("utf-8")
        assert text.split("\n", 1)[0] == HEADERS[name]
        assert "\r" not in text and ";" not in text
        dates = pd.read_csv(SAMPLE_DIR / f"{name}.csv", dtype=str)["tanggal"]
        assert dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
        assert dates.min() >= "2024-11-01" and dates.max() <= "2026-10-31"
    assert total < 5_000_000


def test_row_counts(data: dict[str, pd.DataFrame]) -> None:
    orders = data["orders"]
    assert 30_000 <= len(orders) <= 45_000
    assert 12_000 <= orders.loc[orders["status"] == "selesai", "no_pesanan"].nunique() <= 16_000
    assert 8_000 <= len(data["leads"]) <= 15_000
    assert len(data["social"]) == 3 * 730
    assert 2_000 <= len(data["survey"]) <= 5_000


# --- orders -------------------------------------------------------------------------------


def test_totals_and_returns(data: dict[str, pd.DataFrame]) -> None:
    o = data["orders"]
    assert (o["total"] == o["qty"] * o["harga_satuan"]).all()
    assert set(o["status"]) == {"selesai", "retur"}
    ret, sale = o[o["status"] == "retur"], o[o["status"] == "selesai"]
    assert (ret["qty"] < 0).all() and (ret["total"] < 0).all()
    assert (sale["qty"] > 0).all() and (sale["harga_satuan"] > 0).all()
    assert 0.03 <= len(ret) / len(o) <= 0.06
    assert ret["no_pesanan"].str.endswith("-R").all() and not sale["no_pesanan"].str.endswith("-R").any()
    key = ["no_pesanan", "id_pelanggan", "kanal", "produk"]
    orig = sale.assign(no_pesanan=sale["no_pesanan"] + "-R")[key + ["d"]]
    joined = ret.merge(orig, on=key, suffixes=("", "_sale"), how="left", validate="one_to_one")
    assert joined["d_sale"].notna().all() and (joined["d"] > joined["d_sale"]).all()


def test_orders_lines_and_customers(data: dict[str, pd.DataFrame]) -> None:
    sale = data["orders"][data["orders"]["status"] == "selesai"]
    lines = sale.groupby("no_pesanan").size()
    assert lines.between(1, 3).all() and 1.8 <= lines.mean() <= 2.3
    assert 0.01 <= (data["orders"]["id_pelanggan"] == "").mean() <= 0.03
    assert set(sale.loc[sale["id_pelanggan"] == "", "kanal"]) == {"Offline"}
    known = sale[sale["id_pelanggan"] != ""]
    per_customer = known.groupby("id_pelanggan")["no_pesanan"].nunique()
    assert 0.5 <= (per_customer == 1).mean() <= 0.8  # many one-time buyers...
    assert (per_customer >= 5).sum() >= 300  # ...and a loyal core
    first = known.groupby("id_pelanggan")["d"].min().dt.to_period("M").value_counts()
    assert len(first) == 24 and first.min() >= 100  # new customers every month


def test_channels_provinces_categories(data: dict[str, pd.DataFrame]) -> None:
    o = data["orders"]
    assert set(o["kanal"]) == {"Shopee", "Tokopedia", "Instagram", "WhatsApp", "TikTok Shop", "Offline"}
    assert set(o["provinsi"]) == {"DKI Jakarta", "Jawa Barat", "Jawa Tengah", "Jawa Timur", "Banten", "Bali",
                                  "Sumatera Utara", "Sulawesi Selatan"}
    assert set(o["kategori"]) == {"Fashion", "Kecantikan", "Rumah Tangga"}


def test_seasonality(data: dict[str, pd.DataFrame], daily_revenue: pd.Series) -> None:
    median = daily_revenue.median()
    for year in (2024, 2025):
        assert daily_revenue[f"{year}-12-12"] > 2 * median
        assert median < daily_revenue[f"{year}-11-11"] < daily_revenue[f"{year}-12-12"]
    for last_two_weeks, lebaran in ((("2025-03-17", "2025-03-30"), "2025-03-31"),
                                    (("2026-03-06", "2026-03-19"), "2026-03-20")):
        peak = daily_revenue[last_two_weeks[0] : last_two_weeks[1]].mean()
        assert peak > 1.4 * median
        after = daily_revenue[lebaran : pd.Timestamp(lebaran) + pd.Timedelta(days=2)]
        assert (after < 0.6 * median).all() and daily_revenue[lebaran] < 0.35 * peak
    sale = data["orders"][data["orders"]["status"] == "selesai"]
    per_day = sale.groupby("d")["no_pesanan"].nunique()
    assert per_day[per_day.index.day >= 25].mean() > 1.1 * per_day[per_day.index.day < 25].mean()
    monthly = per_day.groupby(per_day.index.to_period("M")).sum()
    assert monthly["2026-04":"2026-10"].mean() > 1.15 * monthly["2025-04":"2025-10"].mean()


# --- planted stories ----------------------------------------------------------------------


def test_story_a_instagram_jawa_barat_conversion_collapses(data: dict[str, pd.DataFrame]) -> None:
    leads = data["leads"]
    converted, late = leads["terkonversi"] == "ya", leads["d"] >= "2026-08-01"
    seg = (leads["sumber"] == "Instagram") & (leads["provinsi"] == "Jawa Barat")
    before, after = converted[seg & ~late].mean(), converted[seg & late].mean()
    assert 0.11 <= before <= 0.17 and after < 0.5 * before and (seg & late).sum() >= 100
    rest_before, rest_after = converted[~seg & ~late].mean(), converted[~seg & late].mean()
    assert abs(rest_after / rest_before - 1) < 0.2
    for source in ("WhatsApp", "TikTok", "Referral"):
        s = leads["sumber"] == source
        assert abs(converted[s & late].mean() / converted[s & ~late].mean() - 1) < 0.3


def test_story_b_fashion_returns_jump(data: dict[str, pd.DataFrame]) -> None:
    o = data["orders"]

    def share(mask: pd.Series) -> float:
        return _ratio((mask & (o["status"] == "retur")).sum(), (mask & (o["status"] == "selesai")).sum())

    late = o["d"] >= "2026-07-01"
    fashion = o["kategori"] == "Fashion"
    assert share(fashion & late) > 2 * share(fashion & ~late)
    assert 0.02 < share(fashion & ~late) < 0.06 and 0.11 < share(fashion & late) < 0.19
    assert share(~fashion & late) < 1.5 * share(~fashion & ~late)


def test_story_c_tiktok_shop_grows_and_roas_falls(data: dict[str, pd.DataFrame]) -> None:
    o, spend = data["orders"], data["spend"]
    assert {"Shopee", "Tokopedia", "Instagram", "TikTok Shop"} <= set(spend["kanal"]) & set(o["kanal"])
    tiktok = o[o["kanal"] == "TikTok Shop"]
    month = tiktok["d"].dt.to_period("M")
    orders = tiktok[tiktok["status"] == "selesai"].groupby(month)["no_pesanan"].nunique()
    assert orders["2026-06":"2026-10"].mean() > 2.5 * orders["2025-01":"2025-12"].mean()
    revenue = tiktok.groupby(month)["total"].sum()
    ads = spend[spend["kanal"] == "TikTok Shop"]
    cost = ads.groupby(ads["d"].dt.to_period("M"))["biaya"].sum()
    assert cost["2026-08"] > 4 * cost["2025-12"]
    roas = revenue / cost
    assert roas["2026-09":"2026-10"].max() < 0.6 * roas["2026-01":"2026-08"].min()


def test_story_d_whatsapp_outage(data: dict[str, pd.DataFrame]) -> None:
    o = data["orders"]
    wa = o[(o["kanal"] == "WhatsApp") & (o["status"] == "selesai")].groupby("tanggal").size()
    assert "2026-06-10" not in wa.index
    assert wa.get("2026-06-09", 0) > 0 and wa.get("2026-06-11", 0) > 0
    assert len(wa) == 729  # every other day of the two years has WhatsApp orders
    others = o[(o["d"] == "2026-06-10") & (o["status"] == "selesai")]
    assert others["kanal"].nunique() == 5


def test_story_e_influencer_spike(data: dict[str, pd.DataFrame]) -> None:
    social = data["social"]
    ig = social[social["platform"] == "Instagram"].set_index("tanggal")
    gain = ig["pengikut"].diff()
    assert gain["2026-05-16"] > 4_000 > gain.drop(["2026-05-16", "2026-05-17"]).max()
    assert ig.loc["2026-05-16", "tayangan"] > 10 * ig["tayangan"].median()
    for _, one in social.groupby("platform"):
        assert one["pengikut"].iloc[-1] > one["pengikut"].iloc[0]
        assert (one["pengikut"].diff().dropna() >= 0).mean() > 0.7  # mostly growing


# --- the other files ----------------------------------------------------------------------


def test_leads_fields(data: dict[str, pd.DataFrame]) -> None:
    leads = data["leads"]
    assert set(leads["sumber"]) == {"Instagram", "WhatsApp", "TikTok", "Website", "Referral"}
    assert set(leads["terkonversi"]) == {"ya", "tidak"}
    yes = leads["terkonversi"] == "ya"
    assert ((leads["tanggal_konversi"] == "") == ~yes).all() and ((leads["nilai"] == "") == ~yes).all()
    lag = (pd.to_datetime(leads.loc[yes, "tanggal_konversi"]) - leads.loc[yes, "d"]).dt.days
    assert lag.between(0, 30).all()
    assert (leads.loc[yes, "nilai"].astype("int64") > 0).all()
    assert leads["id_prospek"].is_unique


def test_spend_and_survey_fields(data: dict[str, pd.DataFrame]) -> None:
    spend = data["spend"]
    assert spend.groupby("tanggal").size().between(4, 6).all()
    assert not spend.duplicated(["tanggal", "kanal", "kampanye"]).any()
    assert (spend["klik"] <= spend["tayangan"]).all() and (spend["konversi"] <= spend["klik"]).all()
    survey, o = data["survey"], data["orders"]
    nps, csat = survey[survey["pertanyaan"] == "nps"], survey[survey["pertanyaan"] == "csat"]
    assert len(nps) + len(csat) == len(survey)
    assert nps["skor"].between(0, 10).all() and csat["skor"].between(1, 5).all()
    assert survey["id_pelanggan"].isin(o.loc[o["status"] == "selesai", "id_pelanggan"]).all()


# --- kpi.samples --------------------------------------------------------------------------


def test_sample_files_map_existing_columns() -> None:
    assert [f.name for f in SAMPLE_FILES] == list(NAMES)
    for f in SAMPLE_FILES:
        assert f.kind == f.name and f.path == SAMPLE_DIR / f"{f.name}.csv" and f.path.exists()
        assert set(f.mapping.values()) <= set(HEADERS[f.name].split(","))
    assert set(SAMPLE_FILES[0].mapping) == {"date", "order_id", "customer_id", "quantity", "unit_price",
                                            "amount", "status"}


def test_load_sample_calls_import_file() -> None:
    calls = []

    class FakeWorkspace:
        def import_file(self, path, kind="orders", name=None, mapping=None):
            calls.append((path, kind, name, mapping))
            return name

    assert load_sample(FakeWorkspace()) == list(NAMES)
    assert calls[1] == (SAMPLE_FILES[1].path, "leads", "leads", SAMPLE_FILES[1].mapping)


def test_load_sample_into_a_workspace() -> None:
    workspace = pytest.importorskip("kpi.workspace")
    ws = workspace.Workspace.open(":memory:")
    try:
        results = load_sample(ws)
    finally:
        ws.close()
    for f, res in zip(SAMPLE_FILES, results, strict=True):
        lines = f.path.read_bytes().count(b"\n") - 1
        assert (res.rows, res.rejected) == (lines, 0), f.name
