"""The Data page, driven through the whole app (``app.py``) with Streamlit's AppTest.

Uploads go through the real ``st.file_uploader``: in Streamlit 1.67,
``FileUploader.set_value((name, bytes, mime))`` (``testing/v1/element_tree.py``)
stages the file, and the next ``run()`` registers it with the test session's
upload manager, so the page receives a genuine ``UploadedFile``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

import kpi
from kpi.samples import SAMPLE_FILES

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
TIMEOUT = 30  # the first run loads the sample data (about 2 s)

# Indonesian headers, Indonesian numbers (1.234,56) and day-first dates (15/02/2026 settles the order).
ORDERS_ID = (
    b"Tanggal;No Pesanan;Pelanggan;Kanal;Total\n"
    b"01/02/2026;A1;P01;Shopee;1.234,56\n"
    b"15/02/2026;A2;P02;Tokopedia;250.000\n"
    b"28/02/2026;A3;P01;Instagram;99,50\n"
)


@pytest.fixture(autouse=True)
def workspace_home(tmp_path, monkeypatch):
    """A fresh workspace folder per test, and no workspace cached from an earlier test."""
    monkeypatch.setenv("KINERJA_HOME", str(tmp_path))
    monkeypatch.syspath_prepend(str(ROOT))  # the scripts import ui/, also when pytest runs outside the repo
    from ui import upload

    monkeypatch.setattr(upload, "SPOOL_DIR", tmp_path / "uploads")
    st.cache_resource.clear()
    _keep_navigation(monkeypatch)
    yield tmp_path
    st.cache_resource.clear()


def _keep_navigation(monkeypatch):
    """Make every AppTest run go through app.py, as a running server does after its first run.

    AppTest resets ``PagesManager.uses_pages_directory`` before each run; with a
    ``pages/`` folder beside app.py it becomes True again, so from the second
    run on Streamlit's legacy multipage path starts the page script alone.
    ``ui.route_through_app`` then reruns it through app.py (tested in
    test_smoke.py), but that rerun drops the button click or widget change the
    test just made. In a server the flag stays False for the life of the process
    once ``st.navigation`` has run; this patch keeps it so here too.
    """
    init = PagesManager.__init__

    def patched(self, *args, **kwargs):
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", patched)


def open_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    at.switch_page("pages/data.py").run()  # the app opens on the Overview
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="data.file").set_value((name, content, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_app_opens_on_the_data_page_with_the_sample():
    at = open_app()
    assert texts(at.title) == ["Data"]
    listed = at.dataframe[0].value
    assert sorted(listed["Nama"]) == sorted(f.name for f in SAMPLE_FILES)
    assert "Penjualan" in set(listed["Jenis"])  # kinds are labelled in Indonesian
    assert any("5 dataset" in c for c in texts(at.sidebar.caption))
    assert sorted(d.name for d in kpi.Workspace.open().datasets()) == sorted(f.name for f in SAMPLE_FILES)


def test_upload_indonesian_csv_and_import():
    at = upload(open_app(), "penjualan.csv", ORDERS_ID)
    chosen = {s.label: s.value for s in at.selectbox if s.key and s.key.startswith("data.map.")}
    assert chosen["Tanggal *"] == "Tanggal" and chosen["Nilai penjualan"] == "Total"
    at.text_input(key="data.name").input("toko").run()
    at.button(key="data.import").click().run()
    assert not at.exception, at.exception
    assert not at.error, texts(at.error)
    assert "3 baris diimpor ke dataset `toko` dari `penjualan.csv`." in texts(at.success)
    ds = kpi.Workspace.open().dataset("toko")
    assert (ds.kind, ds.rows, ds.rejected, ds.source) == ("orders", 3, 0, "penjualan.csv")
    table = kpi.Workspace.open().table("toko")
    assert table["amount"].tolist() == [1234.56, 250000.0, 99.5]
    assert [d.isoformat() for d in table["date"].dt.date] == ["2026-02-01", "2026-02-15", "2026-02-28"]
    assert "toko" in set(at.dataframe[0].value["Nama"])  # the list was refreshed after the import
    assert any("6 dataset" in c for c in texts(at.sidebar.caption))


def test_header_only_file_is_refused_at_the_preview():
    at = upload(open_app(), "kosong.csv", b"Tanggal;Total\n")
    assert not at.exception, at.exception
    assert texts(at.error) == [kpi.DataFormatError("no_rows", file="kosong.csv").message("id")]
    assert "data.import" not in [b.key for b in at.button]


def test_a_file_whose_rows_all_fail_shows_the_indonesian_error_and_changes_nothing():
    at = upload(open_app(), "rusak.csv", b"Tanggal;Total\nbesok;abc\nlusa;xyz\n")
    at.text_input(key="data.name").input("rusak").run()
    for role, column in (("date", "Tanggal"), ("amount", "Total")):
        [box] = [b for b in at.selectbox if (b.key or "").endswith(f".{role}")]
        box.set_value(column).run()
    at.button(key="data.import").click().run()
    assert not at.exception, at.exception
    expected = kpi.DataSchemaError("not_dates", file="rusak.csv", column="Tanggal", role="date",
                                   examples="'besok', 'lusa'").message("id")
    assert texts(at.error) == [expected]
    assert "rusak" not in {d.name for d in kpi.Workspace.open().datasets()}


def test_empty_file_is_refused_before_the_preview():
    at = upload(open_app(), "nol.csv", b"")
    assert texts(at.error) == [kpi.DataFormatError("empty_file", file="nol.csv").message("id")]
    assert "data.import" not in [b.key for b in at.button]


def test_switching_to_english_changes_the_labels():
    at = open_app()
    assert at.file_uploader(key="data.file").label == "File data"
    at.selectbox(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    assert at.file_uploader(key="data.file").label == "Data file"
    assert "Datasets in the workspace" in texts(at.subheader)
    assert "Orders" in set(at.dataframe[0].value["Kind"])


def test_delete_a_dataset():
    at = open_app()
    at.selectbox(key="data.delete.name").set_value("survey").run()
    at.button(key="data.delete.confirm").click().run()
    assert not at.exception, at.exception
    assert "survey" not in {d.name for d in kpi.Workspace.open().datasets()}
    assert "Dataset `survey` sudah dihapus." in texts(at.success)
    assert "survey" not in set(at.dataframe[0].value["Nama"])
