"""``kpi.report``: the KPI report of a period and its HTML, PDF, PNG, Excel and CSV writers.

Card values are recomputed here with pandas straight from the sample CSV files (``kpi.samples.SAMPLE_DIR``),
not through the engine; the files are read back with independent parsers (``html.parser``, pypdf,
openpyxl, ``pandas.read_csv``). A second, tiny workspace holds hostile names (an HTML script, a spreadsheet
formula, text outside Latin-1) to check escaping, formula neutralisation and the PDF's font fallback.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import struct
from html.parser import HTMLParser

import numpy as np
import openpyxl
import pandas as pd
import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kpi
from kpi import report, report_pdf
from kpi.i18n import message
from kpi.samples import SAMPLE_DIR

SPAN = ("2026-08-01", "2026-10-31")
METRICS = ("revenue", "orders", "conversion_rate")
EVIL = "=cmd|' /C calc'!A0"
XSS = "<script>alert(1)</script>"
ODD = "東京 → Ōsaka"  # outside Latin-1: '?' and '->' with the core PDF font
PNG = b"\x89PNG\r\n\x1a\n"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


# ---- fixtures: each workspace and report is built once ----------------------------------------------
@pytest.fixture(scope="module")
def ws():
    ws = kpi.Workspace.open(":memory:")
    kpi.load_sample(ws)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def reports(ws):
    """Reports without targets (id, en), then with two conversion targets set above what happened."""
    out = {"id": report.build(ws, METRICS, *SPAN, lang="id"), "en": report.build(ws, METRICS, *SPAN, lang="en")}
    # Planted story a: Instagram leads in Jawa Barat stop converting from 2026-08, so 20% is not reached.
    ws.set_target("conversion_rate", "2026-08-01", "2026-12-31", value=0.20, note="Q4 push")  # running
    ws.set_target("conversion_rate", *SPAN, value=0.20)  # over by 2026-10-31
    out["targets"] = report.build(ws, METRICS, *SPAN, lang="id")
    return out


@pytest.fixture(scope="module")
def files(reports):
    """Each writer's output, made once per report."""
    return {key: {"html": report.to_html(rep), "pdf": report.to_pdf(rep), "xlsx": report.to_excel(rep)}
            for key, rep in reports.items()}


def _evil_orders() -> pd.DataFrame:
    """Daily orders 2025-01..2026-03 over four channels with hostile names; one of them triples in 2026."""
    rng = np.random.default_rng(7)
    rows = []
    for day in pd.date_range("2025-01-01", "2026-03-31", freq="D"):
        for channel, mean in ((XSS, 6 if day.year == 2026 else 2), (EVIL, 2), ("Shopee", 2), (ODD, 2)):
            rows += [{"tanggal": day.date().isoformat(), "kanal": channel, "total": float(rng.integers(50, 150) * 1000)}
                     for _ in range(rng.poisson(mean))]
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def evil():
    """A workspace whose KPI label, segment names and target notes are hostile, and its report."""
    ws = kpi.Workspace.open(":memory:")
    ws.import_frame(_evil_orders(), kind="orders", mapping={"date": "tanggal", "amount": "total"})
    ws.add_metric("evil_kpi", "revenue / orders", label_id=XSS, label_en=XSS, unit="currency")
    ws.set_target("revenue", "2026-01-01", "2026-03-31", value=1e9, note=XSS, filters={"kanal": [ODD]})
    ws.set_target("revenue", "2026-01-01", "2026-03-31", value=1e9, note="@SUM(A1)")
    rep = report.build(ws, ["revenue", "evil_kpi"], "2026-01-01", "2026-03-31", filters={"kanal": [EVIL, XSS, ODD]})
    yield rep
    ws.close()


# ---- independent readers -------------------------------------------------------------------------
class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def _flat(text: str) -> str:
    """Whitespace (including no-break spaces) as single spaces, for comparing extracted text."""
    return " ".join(text.replace("\xa0", " ").split())


def _pdf_text(data: bytes) -> str:
    return _flat(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages))


def _pdf_fonts(data: bytes) -> set[str]:
    fonts = set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return fonts


def _cells(book: openpyxl.Workbook):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from (c for c in row if c.value is not None)


def _records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


# ---- the numbers ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample():
    orders = pd.read_csv(SAMPLE_DIR / "orders.csv", parse_dates=["tanggal"])
    leads = pd.read_csv(SAMPLE_DIR / "leads.csv", parse_dates=["tanggal"])
    return orders, leads


def _month(frame: pd.DataFrame, first: str) -> pd.DataFrame:
    return frame[frame["tanggal"].dt.to_period("M") == pd.Period(first, "M")]


def _expected(sample, metric: str, first: str) -> float:
    orders, leads = sample
    if metric == "revenue":
        return float(_month(orders, first)["total"].sum())
    if metric == "orders":
        return float(_month(orders, first).query("total > 0")["no_pesanan"].nunique())
    month = _month(leads, first)
    return float((month["terkonversi"] == "ya").sum() / len(month))


def test_cards_equal_a_pandas_computation_from_the_sample_files(reports, sample):
    cards = reports["id"].cards.set_index("metric")
    assert list(cards.index) == list(METRICS)
    for metric in METRICS:
        row = cards.loc[metric]
        assert row["period"] == pd.Timestamp("2026-10-01")
        assert row["value"] == pytest.approx(_expected(sample, metric, "2026-10"))
        assert row["previous"] == pytest.approx(_expected(sample, metric, "2026-09"))
        assert row["last_year"] == pytest.approx(_expected(sample, metric, "2025-10"))
    revenue = _expected(sample, "revenue", "2026-10")
    assert cards.loc["revenue", "value_text"] == "Rp" + f"{revenue:,.0f}".replace(",", ".")
    growth = revenue / _expected(sample, "revenue", "2026-09") - 1
    assert cards.loc["revenue", "vs_previous"] == pytest.approx(growth)
    assert cards.loc["revenue", "vs_previous_text"] == f"{growth * 100:+.1f}%".replace(".", ",")
    points = (cards.loc["conversion_rate", "value"] - cards.loc["conversion_rate", "last_year"]) * 100
    assert cards.loc["conversion_rate", "vs_last_year_text"] == f"{points:+.1f}\xa0poin".replace(".", ",")


def test_comparisons_before_the_first_data_are_left_out(ws):
    # The sample starts on 2024-11-01: Jan 2025 has a previous month but no last year.
    rep = report.build(ws, ["revenue"], "2024-11-01", "2025-01-31", findings=0)
    card = rep.cards.iloc[0]
    assert card["period"] == pd.Timestamp("2025-01-01")
    assert not math.isnan(card["previous"]) and math.isnan(card["last_year"])
    assert card["vs_last_year_text"] == "–" and math.isnan(card["vs_last_year"])


def test_trends_are_ws_compute_and_charts_the_app_builder(ws, reports):
    assert kpi.report.build is report.build and kpi.report.to_pdf is report_pdf.to_pdf
    rep = reports["en"]
    for metric in METRICS:
        expected = ws.compute(metric, "month", *SPAN)
        pd.testing.assert_series_equal(rep.trends[metric]["value"], expected["value"])
    spec = rep.charts()["revenue"].to_dict()
    assert spec["mark"]["type"] == "line" and spec["encoding"]["y"]["title"] == "Revenue"


def test_defaults_are_the_last_three_whole_months_and_every_kpi_with_data(ws, reports):
    rep = report.build(ws, findings=0)
    assert (rep.start, rep.end) == (dt.date(2026, 8, 1), dt.date(2026, 10, 31))
    names = [m.name for m in rep.metrics]
    assert {"revenue", "conversion_rate", "roas", "nps", "follower_growth"} <= set(names)
    assert "revenue_cumulative" not in names  # a running total has no like-for-like previous period
    before = report.build(ws, ["orders"], end="2026-06-30", grain="month", findings=0)
    assert (before.start, before.end) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))


# ---- targets and findings ------------------------------------------------------------------------------
def test_targets_above_what_happened_are_behind_and_explained(reports):
    rep = reports["targets"]
    targets = rep.targets.set_index("id")
    assert list(targets["metric"]) == ["conversion_rate", "conversion_rate"]
    assert list(targets["status"]) == ["behind", "missed"]  # as of 2026-10-31: one running, one over
    assert list(targets["status_text"]) == [message("status_behind", "id"), message("status_missed", "id")]
    assert (targets["actual"] < targets["target"]).all() and (targets["attainment"] < 0.9).all()
    for target_id in targets.index:
        found = rep.findings[rep.findings["target"] == target_id]
        assert list(found["rank"]) == list(range(1, len(found) + 1)) and 2 <= len(found) <= 3
        assert found["heading"].iloc[0] in rep.narratives
        # The planted cause is among the top findings (the first is the mix shift towards TikTok leads).
        planted = found[found["segment"] == "Instagram, Jawa Barat"]
        assert len(planted) == 1 and planted["change"].iloc[0] < -0.1
        assert planted["sentence"].iloc[0].startswith("Instagram, Jawa Barat: Persentase Konversi turun")


def test_without_targets_each_kpi_is_explained_against_last_year(reports):
    rep = reports["id"]
    assert set(rep.narratives) == {"Angka Penjualan", "Jumlah Pesanan", "Persentase Konversi"}
    conversion = rep.findings[rep.findings["metric"] == "conversion_rate"]
    assert "Instagram, Jawa Barat" in set(conversion["segment"])
    assert rep.findings.groupby("metric")["rank"].max().max() <= 3
    assert rep.notes == ()


def test_kpis_that_cannot_be_split_are_noted_not_fatal(ws):
    rep = report.build(ws, ["retention_rate", "revenue"], *SPAN, lang="en", findings=1)
    assert list(rep.narratives) == ["Revenue"] and len(rep.findings) == 1
    assert rep.notes == (message("report_not_splittable", "en", label="Retention rate"),)


# ---- HTML ----------------------------------------------------------------------------------------------
def test_html_is_one_self_contained_document(reports, files):
    rep, page = reports["id"], files["id"]["html"]
    parsed = _parse(page)
    assert parsed.tags[0] == ("html", {"lang": "id"})
    assert [t for t, _ in parsed.tags].count("svg") == len(rep.trends) == 3
    for tag, attrs in parsed.tags:
        assert tag not in ("script", "link", "iframe", "img", "object", "embed")
        for name in ("src", "href", "xlink:href", "action"):
            assert not attrs.get(name), (tag, attrs)
    assert "url(" not in page and "@import" not in page
    text = _flat(" ".join(parsed.texts))
    for row in rep.cards.to_dict("records"):
        assert row["label"] in text and _flat(row["value_text"]) in text
        assert _flat(row["vs_previous_text"]) in text and _flat(row["vs_last_year_text"]) in text
    assert "Ringkasan KPI" in text and "Tren" in text and _flat(rep.narratives["Persentase Konversi"]) in text


def test_html_escapes_every_user_value(evil):
    page = report.to_html(evil)
    assert "<script" not in page.lower()
    parsed = _parse(page)
    text = " ".join(parsed.texts)
    assert text.count(XSS) >= 4  # the KPI label (card, chart title), a segment, a filter value, a note
    assert EVIL in text and ODD in text
    assert set(evil.findings["segment"]) >= {XSS, EVIL}
    assert [t for t, _ in parsed.tags].count("script") == 0


# ---- PDF -------------------------------------------------------------------------------------------------
def _check_pdf(data: bytes, rep: report.Report) -> str:
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    for row in rep.cards.to_dict("records"):
        assert row["label"] in text and _flat(row["value_text"]) in text
    images = sum(len(page.images) for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert images == len(rep.trends)
    return text


def test_pdf_with_dejavu_has_the_labels_values_and_charts(reports, files, evil):
    if report_pdf.find_fonts() is None:
        pytest.skip("DejaVu Sans is not installed here; the Helvetica test covers the fallback")
    text = _check_pdf(files["en"]["pdf"], reports["en"])
    assert "KPI summary" in text and "Trends" in text
    assert any("DejaVu" in font for font in _pdf_fonts(files["en"]["pdf"]))
    assert "Instagram, Jawa Barat" in _pdf_text(files["targets"]["pdf"])
    # Characters DejaVu Sans lacks become '?' rather than nothing; the rest of Unicode stays.
    assert "?? → Ōsaka" in _pdf_text(report.to_pdf(evil))


def test_pdf_without_a_unicode_font_falls_back_to_helvetica(reports, evil, monkeypatch):
    monkeypatch.setattr(report_pdf, "FONT_DIRS", ())
    assert report_pdf.find_fonts() is None
    data = report.to_pdf(reports["id"])
    text = _check_pdf(data, reports["id"])
    assert _pdf_fonts(data) <= {"/Helvetica", "/Helvetica-Bold"}
    assert "Periode Agu 2026 - Okt 2026 (bulanan)" in text  # the en dash, transliterated
    hostile = _pdf_text(report.to_pdf(evil))
    assert "?? -> ?saka" in hostile and XSS in hostile


def test_latin1_transliteration():
    text = "−5 → 6 … ‘a’ “b” – — 東 é\xa0"
    assert report_pdf.latin1(text) == "-5 -> 6 ... 'a' \"b\" - - ? é\xa0"


# ---- PNG ------------------------------------------------------------------------------------------------
def test_chart_png_renders_any_chart_at_its_scale(reports):
    chart = reports["id"].charts()["orders"]
    small, large = report.chart_png(chart, scale=1), report.chart_png(chart)
    assert small.startswith(PNG) and large.startswith(PNG)
    width = struct.unpack(">I", small[16:20])[0]
    assert abs(struct.unpack(">I", large[16:20])[0] - 2 * width) <= 2


# ---- Excel ----------------------------------------------------------------------------------------------
def test_excel_sheets_hold_the_cards_and_trends_as_numbers_and_dates(ws, reports, files):
    rep = reports["id"]
    book = openpyxl.load_workbook(io.BytesIO(files["id"]["xlsx"]))
    assert book.sheetnames == ["Ringkasan", "Tren", "Target", "Temuan", "Tentang"]
    summary = _records(book["Ringkasan"])
    assert [r["Kode KPI"] for r in summary] == list(METRICS)
    for row, card in zip(summary, rep.cards.to_dict("records"), strict=True):
        assert row["Nama KPI"] == card["label"] and row["Periode"] == dt.datetime(2026, 10, 1)
        for column, field in (("Nilai", "value"), ("Periode sebelumnya", "previous"), ("Tahun lalu", "last_year")):
            assert row[column] == pytest.approx(card[field])
    assert book["Ringkasan"]["A1"].font.b
    trend = pd.DataFrame(_records(book["Tren"]))
    for metric in METRICS:
        mine = trend[trend["Kode KPI"] == metric]
        expected = ws.compute(metric, "month", *SPAN)
        assert list(mine["Periode"]) == list(expected["period"])
        assert mine["Nilai"].tolist() == pytest.approx(expected["value"].tolist())
    assert book["Tren"].column_dimensions["B"].width > 10


def test_excel_targets_and_findings_sheets(reports, files):
    book = openpyxl.load_workbook(io.BytesIO(files["targets"]["xlsx"]))
    targets = _records(book["Target"])
    assert [r["Status target"] for r in targets] == ["Tertinggal", "Tidak tercapai"]
    assert targets[0]["Mulai"] == dt.datetime(2026, 8, 1) and targets[0]["Nilai target"] == 0.2
    findings = _records(book["Temuan"])
    assert len(findings) == len(reports["targets"].findings)
    assert "Instagram, Jawa Barat" in {r["Segmen"] for r in findings}


def test_excel_never_holds_a_formula(evil):
    book = openpyxl.load_workbook(io.BytesIO(report.to_excel(evil)))
    cells = list(_cells(book))
    assert not [c for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if c.data_type == "s"]
    assert "'" + EVIL in texts and "'@SUM(A1)" in texts and XSS in texts
    assert not [t for t in texts if t.startswith(DANGEROUS)]


def test_excel_speaks_english(files):
    book = openpyxl.load_workbook(io.BytesIO(files["en"]["xlsx"]))
    assert book.sheetnames == ["Summary", "Trend", "Targets", "Findings", "About"]
    assert [c.value for c in book["Summary"][1]][:4] == ["KPI name", "KPI code", "Period", "Value"]


# ---- CSV ------------------------------------------------------------------------------------------------
def test_csv_round_trips_and_neutralises_formulas():
    frame = pd.DataFrame({
        "segment": [EVIL, "+62 812", "@SUM(A1)", "Toko Kinerja", "-2+3", "\tTab"],
        "change": [-5, 3, 0, 7, -1, 2],
        "share": [-0.5, 0.25, 0.0, 1.0, 0.1, 0.2],
        "period": pd.to_datetime(["2026-10-01"] * 6),
    })
    data = report.to_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", parse_dates=["period"])
    assert back["segment"].tolist() == ["'" + EVIL, "'+62 812", "'@SUM(A1)", "Toko Kinerja", "'-2+3", "'\tTab"]
    assert back["change"].tolist() == [-5, 3, 0, 7, -1, 2] and back["change"].dtype.kind == "i"
    assert back["share"].tolist() == [-0.5, 0.25, 0.0, 1.0, 0.1, 0.2]
    assert (back["period"] == pd.Timestamp("2026-10-01")).all()
    assert frame["segment"].iloc[0] == EVIL  # the caller's frame is untouched


def test_csv_for_a_spreadsheet_set_to_indonesian():
    frame = pd.DataFrame({"segment": [EVIL, "Jawa Barat"], "share": [-0.5, 1234.25]})
    text = report.to_csv(frame, sep=";", decimal=",").decode("utf-8-sig")
    assert text.splitlines() == ["segment;share", "'" + EVIL + ";-0,5", "Jawa Barat;1234,25"]
    back = pd.read_csv(io.StringIO(text), sep=";", decimal=",")
    assert back["share"].tolist() == [-0.5, 1234.25]
    with pytest.raises(kpi.KpiError) as err:
        report.to_csv(frame, sep=",", decimal=",")
    assert "`sep`" in err.value.message("id") and "`sep`" in err.value.message("en")


def test_neutralize_covers_string_and_category_columns_and_headers():
    frame = pd.DataFrame({"=SUM(A1)": pd.Series(["=1", "ok", None], dtype="string"),
                          "kanal": pd.Categorical(["-x", "Shopee", "-x"]), "n": [-1.5, 2.0, np.nan]})
    out = report.neutralize(frame)
    assert list(out.columns) == ["'=SUM(A1)", "kanal", "n"]
    assert out.iloc[:, 0].tolist()[:2] == ["'=1", "ok"] and pd.isna(out.iloc[2, 0])
    assert out["kanal"].tolist() == ["'-x", "Shopee", "'-x"]
    assert out["n"].tolist()[:2] == [-1.5, 2.0]


@given(st.lists(st.tuples(st.text(max_size=12), st.integers(-10**6, 10**6)), min_size=1, max_size=20))
def test_neutralized_text_never_starts_a_formula_and_keeps_its_value(rows):
    frame = pd.DataFrame(rows, columns=["text", "number"])
    out = report.neutralize(frame)
    for before, after in zip(frame["text"], out["text"], strict=True):
        assert not after.startswith(DANGEROUS)
        assert after == ("'" + before if before.startswith(DANGEROUS) else before)
        assert (after[1:] if before.startswith(DANGEROUS) else after) == before
    assert out["number"].tolist() == frame["number"].tolist()


# ---- languages and errors -----------------------------------------------------------------------------
def test_each_language_has_its_own_words(reports, files):
    assert reports["id"].title == "Laporan KPI" and reports["en"].title == "KPI report"
    id_text = _flat(" ".join(_parse(files["id"]["html"]).texts))
    en_text = _flat(" ".join(_parse(files["en"]["html"]).texts))
    assert "Ringkasan KPI" in id_text and "vs tahun lalu" in id_text and "KPI summary" not in id_text
    assert "KPI summary" in en_text and "vs last year" in en_text and "Ringkasan" not in en_text
    assert _parse(files["en"]["html"]).tags[0] == ("html", {"lang": "en"})
    assert "Rp213,466,000" in en_text and "Rp213.466.000" in id_text


@pytest.mark.parametrize(("kwargs", "error", "code", "argument"), [
    ({"metrics": ["revnue"]}, kpi.UnknownMetricError, "unknown_metric", "`revnue`"),
    ({"metrics": []}, kpi.QueryError, "report_no_metrics", "`metrics`"),
    ({"start": "2026-10-31", "end": "2026-08-01"}, kpi.QueryError, "start_after_end", "`start`"),
    ({"start": "31/31/2026"}, kpi.QueryError, "bad_date", "`start`"),
    ({"grain": "fortnight"}, kpi.QueryError, "bad_grain", "`grain`"),
    ({"lang": "fr"}, kpi.QueryError, "report_bad_lang", "`lang`"),
    ({"findings": -1}, kpi.QueryError, "report_bad_findings", "`findings`"),
    ({"findings": True}, kpi.QueryError, "report_bad_findings", "`findings`"),
    ({"filters": ["kanal"]}, kpi.QueryError, "report_bad_filters", "`filters`"),
])
def test_bad_arguments_raise_clear_errors_in_both_languages(ws, kwargs, error, code, argument):
    args = {"metrics": ["revenue"], **kwargs}
    with pytest.raises(error) as info:
        report.build(ws, **args)
    exc = info.value
    assert isinstance(exc, kpi.KpiError) and exc.code == code
    assert argument in exc.message("id") and argument in exc.message("en")
    assert exc.message("id") != exc.message("en")


def test_an_empty_workspace_and_bad_writer_inputs_raise_kpi_errors():
    with kpi.Workspace.open(":memory:") as empty:
        with pytest.raises(kpi.QueryError, match="import a dataset"):
            report.build(empty)
        with pytest.raises(kpi.KpiError) as info:
            report.build(empty, ["revenue"], *SPAN)
        assert info.value.code == "no_dataset_for_kpi"
    with pytest.raises(kpi.QueryError, match="`frame`"):
        report.to_csv([1, 2])
    with pytest.raises(kpi.QueryError, match="`chart`"):
        report.chart_png("not a chart")
    with pytest.raises(kpi.QueryError, match="`scale`"):
        report.chart_png({"mark": "point"}, scale=100)
