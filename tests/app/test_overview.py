"""The Overview page, driven through the whole app (``app.py``) with Streamlit's AppTest, on the sample data."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

import kpi
from kpi.formats import format_change
from kpi.metrics import CATALOG

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
TIMEOUT = 60  # the first run loads the sample data and computes every card
RUPIAH_ID = re.compile(r"^Rp\d{1,3}(\.\d{3})+$")
RUPIAH_EN = re.compile(r"^Rp\d{1,3}(,\d{3})+$")
DEFAULT_CARDS = ["revenue", "orders", "aov", "active_customers", "conversion_rate", "roas"]


@pytest.fixture(autouse=True)
def workspace_home(tmp_path, monkeypatch):
    """A fresh workspace folder per test, nothing cached from an earlier test, every run through app.py."""
    monkeypatch.setenv("KINERJA_HOME", str(tmp_path))
    monkeypatch.syspath_prepend(str(ROOT))
    st.cache_resource.clear()
    st.cache_data.clear()
    init = PagesManager.__init__

    def patched(self, *args, **kwargs):  # see tests/app/test_data.py::_keep_navigation
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", patched)
    yield tmp_path
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture(scope="module")
def sample_ws():
    """The sample in a workspace of its own, to check the cards against the engine."""
    ws = kpi.Workspace.open(":memory:")
    kpi.load_sample(ws)
    yield ws
    ws.close()


def open_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    ok(at)
    return at


def ok(at: AppTest) -> AppTest:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def charts(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_overview_is_the_first_page_and_shows_the_default_cards():
    at = open_app()
    assert texts(at.title) == ["Ringkasan KPI"]
    assert [m.label for m in at.metric] == [CATALOG[n].label("id") for n in DEFAULT_CARDS]
    revenue, orders, aov = (m.value for m in at.metric[:3])
    assert RUPIAH_ID.match(revenue) and RUPIAH_ID.match(aov), (revenue, aov)
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*", orders)
    assert re.fullmatch(r"\d+,\dx", at.metric[5].value)  # ROAS
    assert "Okt 2026 · dibanding Sep 2026 dan Okt 2025" in texts(at.caption)
    assert len(charts(at)) == len(DEFAULT_CARDS) + 1  # a sparkline per card and the trend
    assert any(m.endswith("vs tahun lalu") for m in texts(at.markdown))


def test_cards_show_the_engine_values_of_the_latest_complete_period(sample_ws):
    at = open_app()
    for card, name in zip(at.metric, DEFAULT_CARDS):
        row = sample_ws.compute(name, "month", "2024-11-01", "2026-10-31", compare=True).iloc[-1]
        assert row["period"].date() == dt.date(2026, 10, 1)
        assert card.value == CATALOG[name].format(row["value"], "id")
        assert card.proto.delta == format_change(row["value"], row["previous"], CATALOG[name].unit)


def test_delta_colour_follows_higher_is_better():
    at = open_app()
    at.multiselect(key="overview.kpis").set_value(["revenue", "spend", "cpl"]).run()
    ok(at)
    assert [m.label for m in at.metric] == ["Angka Penjualan", "Biaya Pemasaran", "Biaya per Prospek"]
    for card, name in zip(at.metric, ["revenue", "spend", "cpl"]):
        rising = not card.proto.delta.startswith("-")
        good = rising == CATALOG[name].higher_is_better
        assert card.proto.color == (card.proto.GREEN if good else card.proto.RED), (name, card.proto.delta)


def test_english():
    at = open_app()
    at.selectbox(key="lang").set_value("en").run()
    ok(at)
    assert texts(at.title) == ["KPI overview"]
    assert [m.label for m in at.metric][:2] == ["Revenue", "Orders"]
    assert RUPIAH_EN.match(at.metric[0].value), at.metric[0].value
    assert re.fullmatch(r"\d+\.\d%", at.metric[4].value)  # conversion rate
    assert "Oct 2026 · against Sep 2026 and Oct 2025" in texts(at.caption)
    labels = [e.label for e in at.expander]
    assert labels[0] == "Add your own KPI"
    assert labels[1:1 + len(DEFAULT_CARDS)] == ["Definition & SQL"] * len(DEFAULT_CARDS)
    assert at.multiselect(key="overview.kpis").value == DEFAULT_CARDS  # the choice survives the switch
    trend = charts(at)[-1]  # the line over the expected range, with the unusual months marked
    assert [layer["mark"]["type"] for layer in trend["layer"]][:2] == ["area", "line"]
    assert trend["layer"][1]["encoding"]["y"]["title"] == "Revenue"


def test_changing_the_grain():
    at = open_app()
    at.segmented_control(key="overview.grain").set_value("quarter").run()
    ok(at)
    assert "K3 2026 · dibanding K2 2026 dan K3 2025" in texts(at.caption)
    assert "Dihitung per periode penuh: K1 2025 – K3 2026." in texts(at.caption)
    assert len(at.metric) == len(DEFAULT_CARDS)


def test_no_comparison_with_a_period_the_data_only_partly_covers(sample_ws):
    at = open_app()
    at.segmented_control(key="overview.grain").set_value("year").run()  # the sample starts on 1 Nov 2024
    ok(at)
    assert "Dihitung per periode penuh: 2025." in texts(at.caption)
    assert "2025 · dibanding 2024 (2024: data belum lengkap, jadi tidak dibandingkan)" in texts(at.caption)
    year = sample_ws.compute("revenue", "year", "2025-01-01", "2025-12-31")["value"].iloc[-1]
    assert at.metric[0].value == CATALOG["revenue"].format(year)
    assert at.metric[0].proto.delta == "–"  # not "+531,9%" against two months of 2024
    assert at.metric[0].proto.color == at.metric[0].proto.GRAY
    assert "– vs tahun lalu" in texts(at.markdown)


def test_a_narrower_date_range():
    at = open_app()
    at.date_input(key="overview.dates").set_value((dt.date(2025, 1, 15), dt.date(2025, 6, 30))).run()
    ok(at)
    assert "Jun 2025 · dibanding Mei 2025 dan Jun 2024 (Jun 2024: data belum lengkap, jadi tidak dibandingkan)" \
        in texts(at.caption)
    assert at.metric[0].proto.delta.startswith(("+", "-"))  # May 2025 is in the data: compared
    assert "Dihitung per periode penuh: Feb 2025 – Jun 2025." in texts(at.caption)


def test_split_the_trend_by_a_dimension():
    at = open_app()
    at.selectbox(key="overview.split").set_value("kanal").run()
    ok(at)
    trend = charts(at)[-1]
    assert trend["encoding"]["color"]["field"] == "segment"
    assert trend["encoding"]["color"]["title"] == "kanal"


def test_filter_by_a_dimension_and_a_kpi_that_cannot_use_it_gets_a_notice():
    at = open_app()
    before = at.metric[0].value
    at.selectbox(key="overview.filter.dimension").set_value("kanal").run()
    ok(at)
    values = at.multiselect(key="overview.filter.values.kanal")
    assert "Shopee" in values.options and "Offline" in values.options
    values.set_value(["Shopee"]).run()
    ok(at)
    cards = {m.label: m.value for m in at.metric}
    assert RUPIAH_ID.match(cards["Angka Penjualan"]) and cards["Angka Penjualan"] != before
    assert cards["Persentase Konversi"] == "–"  # leads have no `kanal`
    [notice] = at.info
    assert "`leads`" in notice.value and "`kanal`" in notice.value
    assert len(charts(at)) == len(DEFAULT_CARDS)  # five sparklines and the trend


def test_a_split_the_trend_kpi_cannot_use_shows_a_notice():
    at = open_app()
    at.selectbox(key="overview.trend").set_value("roas").run()
    at.selectbox(key="overview.split").set_value("provinsi").run()  # spend has no `provinsi`
    ok(at)
    assert any("`provinsi`" in n.value for n in at.info)
    assert len(charts(at)) == len(DEFAULT_CARDS)  # sparklines only


def test_definition_and_sql():
    at = open_app()
    box = [e for e in at.expander if e.label == "Definisi & SQL"][0]  # the first card's
    assert CATALOG["revenue"].description("id") in texts(box.markdown)
    [code] = box.code
    assert code.language == "sql" and "SELECT" in code.value and '"amount"' in code.value


def test_other_kpis():
    at = open_app()
    at.multiselect(key="overview.kpis").set_value(["nps", "csat", "engagement"]).run()
    ok(at)
    nps, csat, engagement = (m.value for m in at.metric)
    assert re.fullmatch(r"[+-]?\d+", nps) and re.fullmatch(r"\d+,\d%", csat)
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*", engagement)
    assert {"platform", "kanal", "pertanyaan"} <= set(at.selectbox(key="overview.split").options)  # social, survey
    assert "kategori" not in at.selectbox(key="overview.split").options  # orders are not in play
    at.multiselect(key="overview.kpis").set_value([]).run()
    ok(at)
    assert texts(at.info) == ["Pilih minimal satu KPI."]


def test_without_data_the_overview_says_so_and_a_new_session_opens_on_the_data_page():
    at = open_app()
    ws = kpi.Workspace.open()
    for ds in ws.datasets():
        ws.drop_dataset(ds.name)
    at.run()
    ok(at)
    assert texts(at.info) == ["Belum ada data untuk menghitung KPI. Impor data di halaman Data."]
    assert texts(open_app().title) == ["Data"]


@pytest.mark.parametrize(("start", "end", "grain", "expected"), [
    ("2024-11-01", "2026-10-31", "month", ("2024-11-01", "2026-10-31")),
    ("2024-11-02", "2026-10-30", "month", ("2024-12-01", "2026-09-30")),
    ("2024-11-01", "2026-10-31", "week", ("2024-11-04", "2026-10-25")),
    ("2024-11-01", "2026-10-31", "quarter", ("2025-01-01", "2026-09-30")),
    ("2024-11-01", "2026-10-31", "year", ("2025-01-01", "2025-12-31")),
    ("2026-10-05", "2026-10-20", "month", ("2026-11-01", "2026-09-30")),  # no whole month: first > last
])
def test_whole_periods(start, end, grain, expected, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    from ui.widgets import whole_periods

    got = whole_periods(dt.date.fromisoformat(start), dt.date.fromisoformat(end), grain)
    assert got == tuple(dt.date.fromisoformat(d) for d in expected)


def _fill_custom(at: AppTest, name: str, formula: str, unit: str = "currency") -> AppTest:
    at.text_input(key="overview.custom.name").input(name)
    at.text_input(key="overview.custom.label").input("Penjualan per Pelanggan")
    at.text_input(key="overview.custom.formula").input(formula)
    at.selectbox(key="overview.custom.unit").set_value(unit)
    submit = [b for b in at.button if b.label == "Simpan KPI"]
    assert len(submit) == 1
    return submit[0].click().run()


def test_a_custom_kpi_typed_as_a_formula_joins_the_picker(sample_ws):
    at = _fill_custom(open_app(), "revenue_per_customer", "revenue / active_customers")
    ok(at)
    assert any("revenue_per_customer" in s.value for s in at.success)
    picker = at.multiselect(key="overview.kpis")
    assert "revenue_per_customer" in picker.options or "Penjualan per Pelanggan" in picker.options
    picker.set_value([*picker.value, "revenue_per_customer"]).run()
    ok(at)
    card = [m for m in at.metric if m.label == "Penjualan per Pelanggan"]
    assert len(card) == 1 and RUPIAH_ID.match(card[0].value), [m.label for m in at.metric]
    # the card shows the engine's value for the last whole month: revenue / active customers
    expected = sample_ws.compute("revenue", start="2026-10-01", end="2026-10-31")["value"].iloc[0] / \
        sample_ws.compute("active_customers", start="2026-10-01", end="2026-10-31")["value"].iloc[0]
    assert card[0].value == CATALOG["revenue"].format(expected, "id")


def test_a_bad_formula_is_explained_not_saved():
    at = _fill_custom(open_app(), "oops", "revenue / pelanggan_aktif")
    assert not at.exception
    assert any("pelanggan_aktif" in e.value and "Rumus" in e.value for e in at.error)
    assert "oops" not in kpi.Workspace.open().metrics()


def verdict_captions(at: AppTest) -> list:
    words = ("Perubahan nyata", "Masih dalam variasi wajar", "Data terlalu sedikit", "A real change",
             "Within normal variation", "Too little data")
    return [c for c in at.caption if any(w in c.value for w in words)]


def test_each_card_says_whether_its_change_is_real(sample_ws):
    at = open_app()
    found = verdict_captions(at)
    assert len(found) == len(DEFAULT_CARDS)
    revenue = sample_ws.compare("revenue", "2026-10-01", "2026-09-01")
    trend = sample_ws.trend("revenue", "month")
    first = found[0]
    assert ("Perubahan nyata" in first.value) == revenue.significant
    assert ("Tren naik" in first.value) == (trend.direction == "increasing")
    # The tooltip holds the full sentences: the test, its p-value and the trend.
    assert revenue.summary("id", "Angka Penjualan", "currency") in first.proto.help
    assert trend.summary("id", "Angka Penjualan", "currency", "month") in first.proto.help


def test_verdicts_speak_english():
    at = open_app()
    at.selectbox(key="lang").set_value("en").run()
    ok(at)
    found = verdict_captions(at)
    assert len(found) == len(DEFAULT_CARDS)
    assert not any("nyata" in c.value or "wajar" in c.value or "Tren" in c.value for c in found)


def test_the_daily_trend_marks_the_whatsapp_outage():
    at = open_app()
    at.segmented_control(key="overview.grain").set_value("day").run()
    at.selectbox(key="overview.filter.dimension").set_value("kanal").run()
    at.multiselect(key="overview.filter.values.kanal").set_value(["WhatsApp"]).run()
    at.selectbox(key="overview.trend").set_value("orders").run()
    ok(at)
    spec = charts(at)[-1]
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]
    assert marks[:2] == ["area", "line"] and "point" in marks
    expander = next(e for e in at.expander if e.label.startswith("Titik tidak biasa"))
    assert "10 Jun 2026" in expander.markdown[0].value  # the only day marked (story d)
    assert marks.count("point") == 1


def test_the_report_of_the_view_can_be_downloaded():
    at = open_app()
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [
        "Grafik (PNG)", "Laporan (HTML)", "Laporan (PDF)", "Tabel (Excel)", "Ringkasan (CSV)"]
    # The files are made when clicked; tests/e2e downloads them in a real browser and reads them.
