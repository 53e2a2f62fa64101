"""The whole journey of a marketer, in a real browser (Debian's Chromium driven by Playwright).

A fresh workspace; a CSV and an Excel file uploaded through the uploader, mapped
and imported; the Overview; a target set from a suggestion; its progress; a
drill-down into the miss; a corrective action; the language switched; the
report exported. Screenshots of each step are kept in ``test-artifacts/e2e/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from kpi.samples import SAMPLE_DIR

from .browser import CHROMIUM, CHROMIUM_FLAGS, ROOT, choose, go, main_text, settle, shoot, streamlit_app

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
ARTIFACTS = ROOT / "test-artifacts" / "e2e"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """The user's own files: sales as CSV, leads as an Excel workbook (from the sample's rows)."""
    folder = tmp_path_factory.mktemp("uploads")
    csv = folder / "penjualan.csv"
    # No unit price, an amount header Kinerja does not recognise, and a shipping fee before it that looks like
    # money too: the suggested amount is the fee, and the user maps the amount by hand.
    orders = pd.read_csv(SAMPLE_DIR / "orders.csv", dtype=str)
    orders = orders.drop(columns=["harga_satuan"]).rename(columns={"total": "uang_masuk"})
    orders.insert(orders.columns.get_loc("uang_masuk"), "ongkir", [str(9000 * (1 + i % 3)) for i in range(len(orders))])
    orders.to_csv(csv, index=False)
    xlsx = folder / "prospek.xlsx"
    pd.read_csv(SAMPLE_DIR / "leads.csv", dtype=str).to_excel(xlsx, index=False, sheet_name="Prospek")
    return {"csv": csv, "xlsx": xlsx}


@pytest.fixture(scope="module")
def page(tmp_path_factory, request):
    from playwright.sync_api import sync_playwright

    home = tmp_path_factory.mktemp("workspace")
    with streamlit_app(home, KINERJA_SAMPLE="0") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 2200}, accept_downloads=True)
        tab = context.new_page()
        tab.set_default_timeout(60_000)
        tab.goto(url)
        yield tab
        if request.session.testsfailed:  # what the page showed when a step failed
            shoot(tab, ARTIFACTS, "failure")
        browser.close()


def upload(page, path: Path, kind: str | None = None, mapping: dict[str, str] | None = None) -> str:
    """Upload ``path``, pick the kind of data, map columns by hand (role label -> column), check the mapping is
    complete, import; return the page's text."""
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    page.get_by_text("Pratinjau", exact=True).wait_for()
    settle(page)
    if kind:
        choose(page, "Jenis data", kind)
    for role, column in (mapping or {}).items():
        assert not page.get_by_role("combobox", name=role, exact=True).input_value().startswith(column)
        choose(page, role, re.compile(rf"^{column}\b"))  # options read "uang_masuk  (contoh 59900)"
    button = page.get_by_role("button", name="Impor", exact=True)
    assert button.is_enabled(), "the suggested mapping should be complete"
    button.click()
    page.get_by_test_id("stAlert").filter(has_text="diimpor").filter(has_text=path.name).wait_for()
    settle(page)
    return main_text(page)


def test_the_marketers_journey(page, files, tmp_path):
    # 1. A fresh workspace opens on the Data page.
    page.get_by_role("heading", name="Data", exact=True).wait_for()
    settle(page, 1.0)
    assert "Belum ada dataset" in main_text(page)
    shoot(page, ARTIFACTS, "01_data_empty")

    # 2. Sales as CSV, then leads as Excel, through the uploader.
    text = upload(page, files["csv"], mapping={"Nilai penjualan": "uang_masuk"})
    assert "31.583" in text  # every row of the file, in Indonesian digits
    shoot(page, ARTIFACTS, "02_import_csv")
    # The tables' own CSV download is off (.streamlit/config.toml): it would not neutralise formulas.
    page.get_by_test_id("stDataFrame").first.hover()
    toolbar = page.get_by_test_id("stElementToolbar").first
    toolbar.get_by_label("Search").wait_for()
    assert toolbar.get_by_label("Download as CSV").count() == 0
    text = upload(page, files["xlsx"], kind="Prospek")
    assert "12.770" in text
    shoot(page, ARTIFACTS, "03_import_excel")

    # 3. The Overview shows the KPIs of the imported data.
    go(page, "Ringkasan")
    page.get_by_role("button", name="Laporan (PDF)").wait_for()  # the page's last element: it is all drawn
    settle(page)
    assert "Angka Penjualan" in main_text(page) and "Persentase Konversi" in main_text(page)
    # October 2026's revenue is the hand-mapped column's sum (pandas on the sample file: Rp213,466,000).
    orders = pd.read_csv(SAMPLE_DIR / "orders.csv")
    october = orders.loc[orders["tanggal"].str.startswith("2026-10"), "total"].sum()
    assert f"Rp{october:,.0f}".replace(",", ".") in main_text(page)
    shoot(page, ARTIFACTS, "04_overview")

    # 4. A goal, then a conversion target for Aug-Oct 2026 from the realistic (P50) suggestion.
    go(page, "Target")
    choose(page, "Mulai dari contoh", "Mendapat pelanggan baru")
    page.get_by_role("button", name="Simpan tujuan").click()
    settle(page)
    choose(page, "KPI", re.compile("Persentase Konversi$"))  # "★ ..." when the goal names it
    choose(page, "Bulan mulai", "Agu 2026")
    length = page.get_by_label("Lama (bulan)")
    length.fill("3")
    length.press("Enter")  # a number input sends its value on Enter or blur
    page.get_by_text("Rentang target: Agu 2026 – Okt 2026.").wait_for()
    settle(page)
    # Last year's conversion: the "at least as good as last year" target, which the drop missed.
    page.get_by_text("Periode sama tahun lalu").last.click()
    settle(page)
    page.get_by_label("Pemilik").fill("Rina")
    page.get_by_role("button", name="Simpan target").click()
    settle(page, 1.0)
    assert "Target Persentase Konversi tersimpan" in main_text(page)
    shoot(page, ARTIFACTS, "05_targets")

    # 5. Progress: the target is behind its plan.
    go(page, "Progres")
    page.get_by_text("Persentase Konversi").first.wait_for()
    shoot(page, ARTIFACTS, "06_progress")
    assert "Tidak tercapai" in main_text(page)  # the span is over, below its target

    # 6. Drill down into the miss: the clearest cause is Instagram in Jawa Barat.
    go(page, "Telusuri")
    page.get_by_text("Instagram, Jawa Barat").first.wait_for()
    shoot(page, ARTIFACTS, "07_drilldown")

    # 7. A corrective action from that finding.
    page.get_by_text("Buat tindakan", exact=True).first.click()  # the expander
    settle(page)
    choose(page, "Temuan", re.compile("^Instagram, Jawa Barat"))
    page.get_by_label("Pemilik").last.fill("Dewi")
    page.get_by_role("button", name="Buat tindakan").click()
    settle(page, 1.0)
    go(page, "Tindakan")
    page.get_by_role("heading", name="Tindakan perbaikan").wait_for()
    # Tables are drawn on a canvas; the chosen action and its owner are in the form's inputs.
    assert "Instagram, Jawa Barat" in page.get_by_role("combobox", name="Tindakan", exact=True).input_value()
    assert page.get_by_label("Pemilik", exact=True).first.input_value() == "Dewi"
    shoot(page, ARTIFACTS, "08_actions")

    # 8. English, remembered in the link.
    choose(page, "Bahasa", "English")
    page.get_by_role("heading", name="Corrective actions").wait_for()
    assert "lang=en" in page.url
    # Choices drawn in Indonesian are drawn again in English (a select box keeps its old words otherwise).
    assert page.get_by_role("combobox", name="Status", exact=True).input_value() == "Planned"
    assert "Conversion rate" in page.get_by_role("combobox", name="Action", exact=True).input_value()
    shoot(page, ARTIFACTS, "09_actions_english")
    go(page, "Overview")
    page.get_by_role("heading", name="KPI overview").wait_for()
    page.get_by_role("button", name="Report (HTML)").wait_for()
    shoot(page, ARTIFACTS, "10_overview_english")

    # 9. The report of this view, downloaded as HTML, PDF, Excel and CSV, and read back.
    saved = {}
    for label, suffix in (("Report (HTML)", "html"), ("Report (PDF)", "pdf"), ("Tables (Excel)", "xlsx"),
                          ("Summary (CSV)", "csv"), ("Chart (PNG)", "png")):
        with page.expect_download(timeout=90_000) as download:
            page.get_by_role("button", name=label).click()
        saved[suffix] = tmp_path / f"report.{suffix}"
        download.value.save_as(saved[suffix])
        assert download.value.suggested_filename.endswith(f".{suffix}")
    html = saved["html"].read_text(encoding="utf-8")
    assert '<html lang="en"' in html and "Revenue" in html and "Conversion rate" in html
    assert "Missed" in html and "Instagram, Jawa Barat" in html  # the target's status and its top findings
    from pypdf import PdfReader

    pdf = "\n".join(p.extract_text() for p in PdfReader(saved["pdf"]).pages)
    assert "Revenue" in pdf and "Conversion rate" in pdf and "Missed" in pdf
    sheets = pd.read_excel(saved["xlsx"], sheet_name=None, engine="calamine")
    assert {"Summary", "Trend", "Targets", "Findings"} <= set(sheets)
    assert "Revenue" in pd.read_csv(saved["csv"], encoding="utf-8-sig")["label"].tolist()
    assert saved["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The page the report came from, opened by its link in a new tab, shows the same view in English.
    other = page.context.new_page()
    other.goto(page.url)
    other.get_by_role("heading", name="KPI overview").wait_for()
    settle(other, 1.0)
    shoot(other, ARTIFACTS, "11_overview_from_link")
    other.close()
