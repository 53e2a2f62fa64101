"""Tests for kpi.readers (and kpi.csvlines, kpi.excel): formats, delimiters, encodings, line numbers."""

from __future__ import annotations

import gzip
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import kpi
from kpi import excel, readers
from kpi.csvlines import TextFile, unclosed_quote_line

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


@pytest.fixture
def cur():
    con = duckdb.connect(":memory:")
    c = con.cursor()
    yield c
    c.close()
    con.close()


def _read(cur, tmp_path: Path, data: bytes, name: str = "f.csv", **options) -> tuple[readers.Raw, pd.DataFrame]:
    path = tmp_path / name
    path.write_bytes(data)
    raw = readers.read_path(cur, path, **options)
    table = cur.execute(f'SELECT * FROM "{raw.table}" ORDER BY _line').df()
    return raw, table


# --- detect_format -------------------------------------------------------------


@pytest.mark.parametrize(("name", "head", "expected"), [
    ("a.csv", b"PK\x03\x04rest", "excel"),
    ("a.xlsx", b"PK\x03\x04rest", "excel"),
    ("a.csv", b"PAR1\x15\x04", "parquet"),
    ("a.csv", b"\x1f\x8b\x08\x00", "csv.gz"),
    ("a.json", b'[{"a": 1}]', "json"),
    ("a.ndjson", b'{"a": 1}\n{"a": 2}\n', "json"),
    ("a.txt", b'  [\n {"a": 1}]', "json"),        # content says JSON, whatever the name
    ("a.txt", b'{"a": 1}\n', "json"),
    ("a.csv", b"[Tanggal],[Total]\n1,2\n", "csv"),  # brackets in a CSV header are not JSON
    ("a.csv", b"tanggal,total\n2026-01-01,1\n", "csv"),
    ("a.csv", b"\xff\xfet\x00a\x00n\x00", "csv"),  # UTF-16 text has NUL bytes, but a BOM
    ("a.csv", b"\xef\xbb\xbftanggal\n", "csv"),
])
def test_detect_format(name, head, expected):
    assert readers.detect_format(Path(name), head) == expected


@pytest.mark.parametrize(("head", "code"), [
    (b"", "empty_file"),
    (b" \r\n\t\n", "empty_file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1", "old_excel"),
    (b"abc\x00\x01\x02def", "binary_file"),
])
def test_detect_format_errors(head, code):
    with pytest.raises(kpi.DataFormatError) as info:
        readers.detect_format(Path("upload.csv"), head)
    assert info.value.code == code and "upload.csv" in str(info.value)


# --- sniff_delimiter -----------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("a,b,c\n1,2,3\n4,5,6\n", ","),
    ("a;b;c\n1;2,5;3\n4;5,25;6\n", ";"),           # decimal commas inside a semicolon file
    ("a\tb\tc\n1\t2 3\t4\n", "\t"),
    ("a|b|c\n1|2|3\n", "|"),
    ('a,b\n"x;y;z",1\n"p;q",2\n', ","),            # delimiters inside quotes do not count
    ("a,b,c\n1,2,3\n1,2\n1,2,3,4\n1,2,3\n", ","),   # ragged rows do not turn it into one column
    ("sep=;\na,b;c\n1,5;2\n", ";"),                 # Excel's hint wins
    ("\ufeffa;b\n1;2\n", ";"),
    ("id   date      amount\n  1  20260101  11.5\n", None),  # aligned by spaces
    ("tanggal\n2026-01-01\n", None),                 # one column
])
def test_sniff_delimiter(text, expected):
    assert readers.sniff_delimiter(text) == expected


def test_delimiter_option(cur, tmp_path):
    raw, table = _read(cur, tmp_path, b"a\tb\n1\t2\n", delimiter="tab")
    assert list(raw.columns) == ["a", "b"] and raw.options["delimiter"] == "\t"
    raw, _ = _read(cur, tmp_path, b"a\tb\n1\t2\n", delimiter="\\t")
    assert raw.options["delimiter"] == "\t"
    raw, table = _read(cur, tmp_path, b"a  b\n1  2\n", delimiter="whitespace")
    assert table[["a", "b"]].values.tolist() == [["1", "2"]]
    with pytest.raises(kpi.DataFormatError) as info:
        _read(cur, tmp_path, b"a,b\n1,2\n", delimiter=";;")
    assert info.value.code == "bad_option"


# --- encodings -----------------------------------------------------------------


def test_encodings(cur, tmp_path):
    raw, table = _read(cur, tmp_path, "a,b\nJosé,1\n".encode("latin-1"))
    assert raw.options["encoding"] == "latin-1" and table["a"].tolist() == ["José"]
    assert [w.code for w in raw.warnings] == ["encoding_latin1"]
    raw, table = _read(cur, tmp_path, "a,b\nJosé,1\n".encode("latin-1"), encoding="ISO-8859-1")
    assert raw.warnings == [] and table["a"].tolist() == ["José"]
    raw, table = _read(cur, tmp_path, "a,b\nJosé,1\n".encode())
    assert raw.options["encoding"] == "utf-8" and raw.warnings == []
    with pytest.raises(kpi.DataFormatError) as info:
        _read(cur, tmp_path, b"a,b\n1,2\n", encoding="ebcdic")
    assert info.value.code == "bad_option"


def test_latin1_after_the_sniffed_part(cur, tmp_path):
    """A Latin-1 letter past the first 256 KB: the file is read again as Latin-1, nothing rejected."""
    data = b"a,b\n" + b"Budi,1\n" * 50_000 + b"Jos\xe9,2\n"
    raw, table = _read(cur, tmp_path, data)
    assert raw.options["encoding"] == "latin-1" and raw.rejects.empty
    assert table["a"].iloc[-1] == "José" and table["_line"].iloc[-1] == 50_002


def test_stray_byte_in_utf8_file_rejects_its_line(cur, tmp_path):
    data = "a,b\nRené,1\n".encode() + b"Budi,1\n" * 50_000 + b"Jos\xe9,2\n"
    raw, table = _read(cur, tmp_path, data)
    assert raw.options["encoding"] == "utf-8" and table["a"].iloc[0] == "René"
    assert raw.rejects[["line", "reason"]].values.tolist() == [[50_003, "invalid_encoding"]]


# --- line numbers ----------------------------------------------------------------


@pytest.mark.parametrize(("data", "lines", "rejected"), [
    (b"a,b\n1,2\n3\n4,5\n", [2, 4], {3: "missing_columns"}),
    (b"a,b\n1,2\n3,4,5\n\n6,7\n", [2, 5], {3: "too_many_columns"}),
    (b"\n\na,b\n1,2\n\n3,4\n\n\n", [4, 6], {}),                 # blank lines above and between
    (b"a,b\r\n1,2\r\n\r\n3\r\n4,5\r\n", [2, 5], {4: "missing_columns"}),
    (b'a,b\n"x\ny",1\n2\n"p\n\nq",3\n4,5\n', [2, 5, 8], {4: "missing_columns"}),
    (b'a,b\n12" TV,1\n"x\ny",2\n3\n4,5\n', [2, 3, 6], {5: "missing_columns"}),  # stray quote
    (b"sep=,\na,b\n1,2\n", [3], {}),
    (b"a,b\n1,2\n   \n3,4\n", [2, 4], {}),                        # a line of spaces is blank
])
def test_line_numbers(cur, tmp_path, data, lines, rejected):
    raw, table = _read(cur, tmp_path, data)
    assert table["_line"].tolist() == lines
    assert dict(zip(raw.rejects["line"], raw.rejects["reason"])) == rejected
    assert raw.rows == len(lines)


def test_rejects_are_one_row_per_line(cur, tmp_path):
    raw, _ = _read(cur, tmp_path, b"a,b,c,d\n1\n1,2,3,4\n")
    assert raw.rejects[["line", "value", "reason"]].values.tolist() == [[2, "1", "missing_columns"]]


def test_gzip_keeps_line_numbers(cur, tmp_path):
    raw, table = _read(cur, tmp_path, gzip.compress(b"a,b\n1,2\n\n3\n4,5\n", mtime=0), name="x.csv.gz")
    assert table["_line"].tolist() == [2, 5] and raw.rejects["line"].tolist() == [4]


def test_broken_gzip(cur, tmp_path):
    with pytest.raises(kpi.DataFormatError) as info:
        _read(cur, tmp_path, b"\x1f\x8b\x08\x00garbage", name="x.csv.gz")
    assert info.value.code == "unreadable_file"


def test_unclosed_quote(cur, tmp_path):
    with pytest.raises(kpi.DataFormatError) as info:
        _read(cur, tmp_path, b'a,b\n1,2\n"3,4\n5,6\n')
    assert info.value.code == "unclosed_quote" and info.value.params["line"] == 3
    path = tmp_path / "ok.csv"
    path.write_bytes(b'a,b\n"1\n2",3\n')
    assert unclosed_quote_line(TextFile(path, "utf-8", False)) is None


def test_whitespace_file(cur, tmp_path):
    data = b"\n  id   date      amount\n  1  20260101  11.5\n\n  2  20260102\n\t3\t20260103   7\n"
    raw, table = _read(cur, tmp_path, data, name="cd.txt")
    assert list(raw.columns) == ["id", "date", "amount"] and raw.options["delimiter"] == "whitespace"
    assert table[["_line", "id", "amount"]].values.tolist() == [[3, "1", "11.5"], [6, "3", "7"]]
    assert raw.rejects[["line", "reason"]].values.tolist() == [[5, "missing_columns"]]


def test_header_names(cur, tmp_path):
    raw, _ = _read(cur, tmp_path, b"a,a,,_line\n1,2,3,4\n")
    assert len(set(raw.columns)) == 4 and "_line" not in raw.columns
    assert readers._unique_names(["a", "A", " ", "_line", "a"]) == ["a", "A_1", "column_3", "_line_1", "a_2"]


def test_file_not_found(cur, tmp_path):
    with pytest.raises(kpi.DataFormatError) as info:
        readers.read_path(cur, tmp_path / "nope.csv")
    assert info.value.code == "file_not_found"


# --- read_frame and Excel ---------------------------------------------------------


def test_read_frame_mixed_columns(cur):
    frame = pd.DataFrame({"x": [1.234, "n/a", 2.0, None], "y": [1, 2, 3, 4]})
    raw = readers.read_frame(cur, frame, first_line=5)
    table = cur.execute(f'SELECT * FROM "{raw.table}" ORDER BY _line').df()
    assert table["_line"].tolist() == [5, 6, 7, 8]
    # 1.234 must not read as 1234 under Indonesian conventions: written 1.2340.
    assert table["x"].tolist()[:3] == ["1.2340", "n/a", "2"]
    assert raw.columns["y"].upper() == "BIGINT"


def test_excel_header_detection():
    rows = [["Laporan", "", ""], ["", "", ""], ["Tanggal", "Penjualan", ""], ["", "Qty", "Total"],
            [1.0, 2.0, 3.0]]
    at = excel._header_row(rows)
    assert at == 2 and excel._second_level(rows, at)
    assert excel._header_names(rows, at, 2, 3) == ["Tanggal", "Qty", "Total"]
    # A first data row of text is not a second header level.
    data = [["Tanggal", "Produk", ""], ["01/02/2026", "Kaos", "10.000"]]
    assert not excel._second_level(data, 0)


def test_excel_repeated_lower_names():
    """Repeated lower-level names take their group's name."""
    two = [["Jan", "", "Feb", ""], ["Qty", "Total", "Qty", "Total"]]
    assert excel._second_level(two, 0)
    assert excel._header_names(two, 0, 2, 4) == ["Jan Qty", "Jan Total", "Feb Qty", "Feb Total"]


def test_excel_rows_are_sheet_rows(cur):
    raw = readers.read_path(cur, BAD / "merged_header.xlsx")
    table = cur.execute(f'SELECT * FROM "{raw.table}" ORDER BY _line').df()
    assert table["_line"].tolist() == [5, 6, 7, 8]
    assert list(raw.columns) == ["Tanggal", "No Pesanan", "Qty", "Total", "Kanal"]
    assert raw.options["header_row"] == 3 and raw.options["format"] == "excel"


def test_excel_unknown_sheet_lists_sheets(cur):
    with pytest.raises(kpi.DataFormatError) as info:
        readers.read_path(cur, BAD / "multi_sheet.xlsx", sheet=7)
    assert info.value.code == "unknown_sheet" and "Januari" in info.value.message("id")


def test_broken_workbook(cur, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"junk" * 20)
    with pytest.raises(kpi.DataFormatError) as info:
        readers.read_path(cur, path)
    assert info.value.code == "unreadable_file"


def test_reported_file_name(cur, tmp_path):
    """Errors and warnings name the upload, not its temporary copy."""
    path = tmp_path / "tmp123.csv"
    path.write_bytes(b"")
    with pytest.raises(kpi.DataFormatError) as info:
        readers.read_path(cur, path, file="Penjualan Januari.csv")
    assert "Penjualan Januari.csv" in info.value.message("id") and "tmp123" not in str(info.value)
    path.write_bytes("a,b\nJosé,1\n".encode("latin-1"))
    raw = readers.read_path(cur, path, file="Penjualan Januari.csv")
    assert raw.warnings[0].params["file"] == "Penjualan Januari.csv"


def test_excel_sheet_name_any_case(cur):
    raw = readers.read_path(cur, BAD / "multi_sheet.xlsx", sheet=" FEBRUARI ")
    assert raw.options["sheet"] == "Februari" and raw.rows == 4


def test_excel_spacer_columns_are_dropped(cur, tmp_path):
    import xlsxwriter

    path = tmp_path / "offset.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("S")
    sheet.write_row(2, 1, ["tanggal", "total", "", "kanal"])   # table from B3, column D empty
    for i in range(3):
        sheet.write_row(3 + i, 1, [f"2026-01-0{i + 1}", 1000 * i, None, "A"])
    sheet.write_string(4, 6, "catatan")                      # a note without a header is kept
    book.close()
    raw = readers.read_path(cur, path)
    assert list(raw.columns) == ["tanggal", "total", "kanal", "column_7"]
    table = cur.execute(f'SELECT * FROM "{raw.table}" ORDER BY _line').df()
    assert table["_line"].tolist() == [4, 5, 6] and raw.options["header_row"] == 3


def test_all_null_frame_column_is_text(cur):
    raw = readers.read_frame(cur, pd.DataFrame({"a": [1, 2], "b": [None, None]}))
    assert raw.columns["b"] == "VARCHAR"
