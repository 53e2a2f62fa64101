"""Importing the corpus of malformed files in ``tests/data/bad`` (see its README.md), and number round trips.

Every case of ``make_bad.CASES`` is imported into a workspace that already holds
a dataset of the same name: a success must account for every data row
(``rows + rejected``) with the right lines and reasons; a failure must raise
the expected error, name the file in both languages, and leave the workspace
exactly as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import math
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kpi
from kpi import ingest

DATA = Path(__file__).resolve().parents[1] / "data"
BAD = DATA / "bad"
_spec = importlib.util.spec_from_file_location("make_bad", DATA / "make_bad.py")
make_bad = sys.modules.setdefault("make_bad", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(make_bad)
CASES = make_bad.CASES


# --- helpers -----------------------------------------------------------------


@pytest.fixture
def ws():
    w = kpi.Workspace.open(":memory:")
    yield w
    w.close()


def _seed(ws: kpi.Workspace, name: str) -> tuple[list, pd.DataFrame]:
    """A dataset called ``name`` that a failed import must leave as it was."""
    ws.import_file(BAD / "semicolon.csv", kind="orders", name=name)
    return _snapshot(ws, name)


def _snapshot(ws: kpi.Workspace, name: str) -> tuple[list, pd.DataFrame]:
    return ws.datasets(), ws.table(name)


def _plain(values: pd.Series) -> list:
    """Column values as comparable Python values: dates as ISO text, missing as None."""
    out = []
    for v in values.tolist():
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT:
            out.append(None)
        elif isinstance(v, (pd.Timestamp, dt.datetime, dt.date)):
            out.append(pd.Timestamp(v).date().isoformat())
        else:
            out.append(v.item() if hasattr(v, "item") else v)
    return out


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the corpus ----------------------------------------------------------------


def test_corpus_is_current():
    """The committed files are what the generator writes, and every file has a case.

    Workbooks, Parquet and gzip files carry their writer's version, so only
    their presence is checked; text files must match byte for byte.
    """
    for name, build in make_bad.FILES.items():
        assert (BAD / name).is_file(), f"{name}: run python tests/data/make_bad.py"
        if name.endswith((".xlsx", ".parquet", ".gz")) or name == "xlsx_renamed.csv":
            continue
        assert (BAD / name).read_bytes() == build(), f"{name}: run python tests/data/make_bad.py"
    assert (BAD / "README.md").read_text(encoding="utf-8") == make_bad.readme()
    assert {c.file for c in CASES} == set(make_bad.FILES)
    assert len(make_bad.FILES) >= 24


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_file(ws, case):
    name = case.kind
    before = _seed(ws, name) if case.kind == "orders" else None
    options = dict(case.options)
    if case.error:
        with pytest.raises(kpi.KpiError) as info:
            ws.import_file(BAD / case.file, kind=case.kind, **options)
        exc = info.value
        assert isinstance(exc, ValueError)
        assert isinstance(exc, (kpi.DataFormatError, kpi.DataSchemaError))
        assert exc.code == case.error, str(exc)
        for key, value in case.error_params.items():
            assert exc.params[key] == value
        english, indonesian = exc.message("en"), exc.message("id")
        assert case.file in english and case.file in indonesian
        assert english != indonesian and str(exc) == english
        if before is not None:
            datasets, table = _snapshot(ws, name)
            assert datasets == before[0]
            pd.testing.assert_frame_equal(table, before[1])
        return
    res = ws.import_file(BAD / case.file, kind=case.kind, **options)
    rejects = ws.rejects(name)
    assert res.rows == case.rows
    assert res.rejected == len(case.rejects) == rejects["line"].nunique()
    assert dict(zip(rejects["line"], rejects["reason"])) == case.rejects
    assert set(res.rejected_sample["line"]) == set(case.rejects)
    table = ws.table(name)
    assert len(table) == res.rows == res.dataset.rows
    if case.lines is not None:
        assert table["_line"].tolist() == case.lines
    assert not set(table["_line"]) & set(case.rejects), "a line is both imported and rejected"
    for column, expected in case.values.items():
        assert _plain(table[column]) == expected, column
    codes = {w.code for w in res.warnings}
    assert set(case.warnings) <= codes
    assert not set(case.no_warnings) & codes
    for key, value in case.used.items():
        assert res.options[key] == value, key
    for warning in res.warnings:
        assert warning.text("id") != warning.text("en")


def test_ragged_rows_keep_the_raw_line(ws):
    res = ws.import_file(BAD / "ragged_rows.csv")
    rejects = ws.rejects("orders").set_index("line")
    assert rejects.loc[4, "value"] == "2026-01-04,P00003,C003"
    assert rejects.loc[7, "value"].endswith(",extra")
    assert res.rows + res.rejected == 10


def test_missing_column_names_role_and_columns(ws):
    with pytest.raises(kpi.DataSchemaError) as info:
        ws.import_file(BAD / "missing_column.csv")
    for lang in ("en", "id"):
        text = info.value.message(lang)
        assert "`date`" in text and "`no_pesanan`" in text and "`total`" in text


def test_deep_text_value_is_the_only_reject(ws):
    res = ws.import_file(BAD / "deep_na.csv")
    assert (res.rows, res.rejected) == (5999, 1)
    row = ws.rejects("orders").iloc[0]
    # The reject names the file's own column (`total`), not the role it fills.
    assert (row["line"], row["column"], row["value"], row["reason"]) == (5000, "total", "n/a", "not_number")
    table = ws.table("orders")
    assert table["_line"].tolist() == [n for n in range(2, 6002) if n != 5000]


def test_leads_values_emptied_warning(ws):
    res = ws.import_file(BAD / "leads_converted.csv", kind="leads")
    (warning,) = [w for w in res.warnings if w.code == "values_emptied"]
    assert warning.params["count"] == 2 and warning.params["line"] == 4
    assert warning.params["column"] == "terkonversi"


def test_excel_sheet_by_position(ws):
    res = ws.import_file(BAD / "multi_sheet.xlsx", sheet=2)
    assert res.rows == 4 and res.options["sheet"] == "Februari"
    with pytest.raises(kpi.DataFormatError) as info:
        ws.import_file(BAD / "multi_sheet.xlsx", sheet="Maret")
    assert info.value.code == "unknown_sheet" and "Februari" in str(info.value)


def test_preview_reads_every_readable_file(ws):
    for case in CASES:
        if case.error in ("empty_file", "binary_file", "unclosed_quote", "no_rows"):
            with pytest.raises(kpi.DataFormatError):
                ws.preview_file(BAD / case.file, case.kind)
            continue
        preview = ws.preview_file(BAD / case.file, case.kind, sheet=case.options.get("sheet"))
        assert preview.columns and ws.datasets() == []


def test_failed_import_keeps_other_datasets(ws):
    ws.import_file(BAD / "semicolon.csv", name="lama")
    before = _snapshot(ws, "lama")
    with pytest.raises(kpi.DataFormatError):
        ws.import_file(BAD / "all_bad.csv", name="lama", mapping={"date": "tanggal", "amount": "total"})
    datasets, table = _snapshot(ws, "lama")
    assert datasets == before[0]
    pd.testing.assert_frame_equal(table, before[1])


def test_hostile_column_names(ws, tmp_path):
    evil = 'x"; DROP TABLE kinerja_datasets; --'
    path = _write(tmp_path, "evil.csv", f'tanggal,total,"{evil.replace(chr(34), chr(34) * 2)}"\n'
                                        "2026-01-01,1000,a\n2026-01-02,2000,b\n")
    res = ws.import_file(path, mapping={"date": "tanggal", "amount": "total"})
    assert res.rows == 2 and ws.table("orders")[evil].tolist() == ["a", "b"]


def test_unknown_optional_value_warning_names_quoted_column(ws, tmp_path):
    path = _write(tmp_path, "q.csv", 'tanggal,id,"kon""versi"\n2026-01-01,L1,ya\n2026-01-02,L2,entah\n')
    res = ws.import_file(path, kind="leads", mapping={"date": "tanggal", "lead_id": "id",
                                                      "converted": 'kon"versi'})
    (warning,) = [w for w in res.warnings if w.code == "values_emptied"]
    assert warning.params["column"] == 'kon"versi'


def test_text_column_of_numbers_with_leading_zero_is_a_dimension(ws):
    res = ws.import_file(BAD / "leading_zeros.csv")
    assert "telepon" in res.dataset.dimensions


def test_user_decimal_applies_when_values_do_not_settle(ws, tmp_path):
    path = _write(tmp_path, "amb.csv", "tanggal,total\n2026-01-01,1.500\n2026-01-02,2.250\n")
    assert ws.import_file(path, decimal=".").dataset.name == "orders"
    assert ws.table("orders")["amount"].tolist() == [1.5, 2.25]
    ws.import_file(path)  # alone, three digits after the dot read as a thousands group
    assert ws.table("orders")["amount"].tolist() == [1500.0, 2250.0]


def test_required_roles():
    assert ingest.required_roles("orders") == ["date", "amount"]
    assert ingest.required_roles("survey") == ["date", "score"]


def test_all_rejected_error_names_reason_and_column(ws):
    with pytest.raises(kpi.DataFormatError) as info:
        ws.import_file(BAD / "all_bad.csv", mapping={"date": "tanggal", "amount": "total"})
    assert info.value.params["reason"] == "not_number" and info.value.params["column"] == "total"
    assert info.value.params["rows"] == 3


# --- numbers round-trip ------------------------------------------------------------

_amounts = st.lists(st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False,
                                allow_infinity=False), min_size=1, max_size=15)


def _csv_of(texts: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["tanggal", "total"])
    for i, text in enumerate(texts):
        writer.writerow([f"2026-01-{i % 28 + 1:02d}", text])
    return buf.getvalue()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=_amounts, style=st.sampled_from(["id", "en"]), explicit=st.booleans())
def test_numbers_round_trip(tmp_path, values, style, explicit):
    """``f"{x:,.2f}"`` (English) and the same with swapped marks (Indonesian) import as ``x``."""
    texts = [f"{float(v):,.2f}" for v in values]
    if style == "id":
        texts = [t.replace(",", "_").replace(".", ",").replace("_", ".") for t in texts]
    path = _write(tmp_path, f"n_{style}.csv", _csv_of(texts))
    options = {"decimal": "," if style == "id" else "."} if explicit else {}
    with kpi.Workspace.open(":memory:") as w:
        res = w.import_file(path, mapping={"date": "tanggal", "amount": "total"}, **options)
        got = w.table("orders")["amount"].tolist()
    assert res.rejected == 0
    for expected, actual in zip(values, got, strict=True):
        assert math.isclose(actual, float(expected), rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.integers(min_value=-10**9, max_value=10**9), min_size=1, max_size=10),
       style=st.sampled_from(["id", "en"]))
def test_whole_numbers_round_trip(tmp_path, values, style):
    """Grouped whole numbers (``12.500``, ``1,250,000``) import as themselves, unsettled ones included."""
    texts = [f"{v:,d}" for v in values]
    if style == "id":
        texts = [t.replace(",", ".") for t in texts]
    path = _write(tmp_path, f"w_{style}.csv", _csv_of(texts))
    with kpi.Workspace.open(":memory:") as w:
        res = w.import_file(path, mapping={"date": "tanggal", "amount": "total"})
        got = w.table("orders")["amount"].tolist()
    assert res.rejected == 0 and got == [float(v) for v in values]


def test_a_text_value_deep_in_an_unmapped_number_column_is_reported(tmp_path):
    # The column is typed from the first rows; a word far below must not vanish silently.
    lines = ["tanggal,total,diskon"] + [f"2026-01-{1 + i % 28:02d},{1000 + i},{i % 7}" for i in range(6000)]
    lines[5500] = lines[5500].rsplit(",", 1)[0] + ",gratis"
    lines[5800] = "2026-01-05,abc,3"  # a rejected row's own values are not "left empty"
    path = tmp_path / "diskon.csv"
    path.write_text("\n".join(lines) + "\n")
    ws = kpi.Workspace.open(":memory:")
    res = ws.import_file(path, kind="orders")
    assert (res.rows, res.rejected) == (5999, 1)
    assert res.dataset.columns["diskon"] == "DOUBLE"
    [warning] = [w for w in res.warnings if w.code == "values_emptied_column"]
    assert warning.params["count"] == 1 and warning.params["line"] == 5501
    assert warning.params["column"] == "diskon" and "diskon" in warning.text("id")
