"""Write the corpus of malformed and tricky input files in ``tests/data/bad/``.

Deterministic: running it twice gives byte-identical files (fixed dates in
workbooks, ``mtime=0`` in gzip, no random numbers). The expected outcome of
each file is in ``README.md`` beside the files and in
``tests/kpi/test_ingest.py``.

Run: ``python tests/data/make_bad.py``
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "bad"
FILES: dict[str, Callable[[], bytes]] = {}
FIXED = dt.datetime(2026, 1, 1, 0, 0, 0)


def corpus(name: str) -> Callable[[Callable[[], bytes]], Callable[[], bytes]]:
    """Register a function that returns the bytes of file ``name``."""

    def wrap(fn: Callable[[], bytes]) -> Callable[[], bytes]:
        FILES[name] = fn
        return fn

    return wrap


def lines(*rows: str, eol: str = "\n") -> bytes:
    return (eol.join(rows) + eol).encode("utf-8")


def orders(n: int, delim: str = ",", start: int = 1) -> list[str]:
    """``n`` well-formed order rows: tanggal, no_pesanan, pelanggan, kanal, total."""
    kanal = ("Shopee", "Tokopedia", "WhatsApp", "Instagram")
    return [delim.join((f"2026-01-{(i % 28) + 1:02d}", f"P{i:05d}", f"C{i % 7:03d}", kanal[i % 4],
                        str(10000 + 500 * i))) for i in range(start, start + n)]


HEADER = "tanggal,no_pesanan,pelanggan,kanal,total"


# --- CSV shape ---------------------------------------------------------------

@corpus("ragged_rows.csv")
def _ragged() -> bytes:
    rows = orders(10)
    rows[2] = "2026-01-04,P00003,C003"                      # line 4: too few columns
    rows[5] = "2026-01-07,P00006,C006,Shopee,13000,extra"   # line 7: too many columns
    return lines(HEADER, *rows)


@corpus("semicolon.csv")
def _semicolon() -> bytes:
    return lines("tanggal;no_pesanan;pelanggan;kanal;total", *orders(6, ";"))


@corpus("tab.tsv")
def _tab() -> bytes:
    return lines("tanggal\tno_pesanan\tpelanggan\tkanal\ttotal", *orders(6, "\t"))


@corpus("pipe.txt")
def _pipe() -> bytes:
    return lines("tanggal|no_pesanan|pelanggan|kanal|total", *orders(6, "|"))


@corpus("crlf.csv")
def _crlf() -> bytes:
    return lines(HEADER, *orders(5), eol="\r\n")


@corpus("quoted_multiline.csv")
def _quoted() -> bytes:
    return lines(
        "tanggal,no_pesanan,pelanggan,catatan,total",
        '2026-01-02,P1,"Toko Maju, Jaya",biasa,10000',
        '2026-01-03,P2,Budi,"baris satu',
        'baris dua, dengan koma",20000',
        '2026-01-04,P3,"Sari ""Ayu""",x,30000',
        "2026-01-05,P4,Dewi,y,abc",                           # line 6: not a number
    )


@corpus("duplicate_headers.csv")
def _dupes() -> bytes:
    return lines("tanggal,total,kanal,kanal,total", "2026-01-02,1000,A,B,1",
                 "2026-01-03,2000,C,D,2")


@corpus("header_spaces.csv")
def _header_spaces() -> bytes:
    return lines(" Tanggal ,NO_PESANAN ,  Pelanggan,Kanal   ,TOTAL  ", *orders(4))


@corpus("formula.csv")
def _formula() -> bytes:
    return lines(HEADER, '2026-01-02,P1,"=HYPERLINK(""http://x"",""klik"")",Shopee,1000',
                 "2026-01-03,P2,=1+1,Shopee,2000", "2026-01-04,P3,@SUM(A1),Shopee,3000")


@corpus("whitespace_aligned.txt")
def _whitespace() -> bytes:
    # Like the CDNOW master file: leading spaces, runs of spaces, no quotes, no header names
    # with spaces. Line 5 has a missing field.
    return lines(
        "customer_id   date       number_of_cds   dollar_value",
        "   00001    19970101      1     11.77",
        "   00002    19970112      1     12.00",
        "   00002    19970112      5     77.00",
        "   00003    19970102     2",
        "   00003    19970330      2     20.76",
    )


# --- numbers -----------------------------------------------------------------

@corpus("id_numbers.csv")
def _id_numbers() -> bytes:
    return lines("tanggal;kanal;total", "2026-01-02;A;1.234,56", "2026-01-03;B;12,5",
                 "2026-01-04;A;1.000.000", "2026-01-05;B;-7,25", "2026-01-06;A;500")


@corpus("rupiah.csv")
def _rupiah() -> bytes:
    return lines("tanggal,kanal,total", '2026-01-02,A,"Rp 1.234.567"', "2026-01-03,B,Rp1.500",
                 '2026-01-04,A,"Rp. 2.000.000"', "2026-01-05,B,IDR 750.000", '2026-01-06,A,"Rp 99.999,50"')


@corpus("deep_na.csv")
def _deep_na() -> bytes:
    rows = orders(6000)
    rows[4998] = rows[4998].rsplit(",", 1)[0] + ",n/a"     # line 5000
    return lines(HEADER, *rows)


@corpus("empty_amount.csv")
def _empty_amount() -> bytes:
    rows = orders(8)
    rows[1] = rows[1].rsplit(",", 1)[0] + ","              # line 3
    rows[6] = rows[6].rsplit(",", 1)[0] + ",   "           # line 8 (only spaces)
    return lines(HEADER, *rows)


@corpus("all_bad.csv")
def _all_bad() -> bytes:
    return lines(HEADER, "2026-01-02,P1,C1,A,satu", "2026-01-03,P2,C2,A,dua", "2026-01-04,P3,C3,A,-")


# --- dates -------------------------------------------------------------------

def dated(*dates: str) -> bytes:
    return lines("tanggal,kanal,total", *(f'"{d}",A,{1000 * (i + 1)}' for i, d in enumerate(dates)))


@corpus("dates_ambiguous.csv")
def _ambiguous() -> bytes:
    return dated("01/02/2026", "03/04/2026", "05/06/2026")


@corpus("dates_dayfirst.csv")
def _dayfirst() -> bytes:
    return dated("01/02/2026", "13/02/2026", "05/03/2026")


@corpus("dates_monthfirst.csv")
def _monthfirst() -> bytes:
    return dated("01/02/2026", "02/13/2026", "05/03/2026")


@corpus("dates_mixed.csv")
def _mixed() -> bytes:
    return dated("2026-01-02", "15/01/2026", "2026-02-01", "03/02/2026")


@corpus("dates_indonesian.csv")
def _indo_months() -> bytes:
    return dated("5 Agustus 2026", "27 Des 2025", "1 Mei 2026", "17 Okt 2026", "3 Maret 2026")


# --- encodings ---------------------------------------------------------------

@corpus("latin1.csv")
def _latin1() -> bytes:
    return "\n".join([HEADER, "2026-01-02,P1,José,A,1000", "2026-01-03,P2,Muñoz,B,2000",
                      "2026-01-04,P3,Budi,A,3000"]).encode("latin-1") + b"\n"


@corpus("bom.csv")
def _bom() -> bytes:
    return b"\xef\xbb\xbf" + lines(HEADER, *orders(3))


@corpus("utf16.csv")
def _utf16() -> bytes:
    text = "\r\n".join(["tanggal\tpelanggan\ttotal", "2026-01-02\tSiti Nurhaliza\t1000",
                        "2026-01-03\tJosé\t2000"]) + "\r\n"
    return text.encode("utf-16")   # with a BOM, as Excel's "Unicode text" export


# --- empty and not text ------------------------------------------------------

@corpus("empty.csv")
def _empty() -> bytes:
    return b""


@corpus("whitespace_only.csv")
def _blank() -> bytes:
    return b"  \n\n\t \r\n   \n"


@corpus("header_only.csv")
def _header_only() -> bytes:
    return lines(HEADER)


@corpus("binary.csv")
def _binary() -> bytes:
    return bytes((i * 37 + 11) % 256 for i in range(2048))


@corpus("missing_column.csv")
def _missing() -> bytes:
    return lines("no_pesanan,pelanggan,kanal,total", "P1,C1,A,1000", "P2,C2,B,2000")


# --- other formats -----------------------------------------------------------

@corpus("orders.csv.gz")
def _gz() -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as fh:
        fh.write(lines(HEADER, *orders(7)))
    return buf.getvalue()


@corpus("orders.json")
def _json() -> bytes:
    rows = [{"tanggal": f"2026-01-0{i}", "no_pesanan": f"P{i}", "kanal": "A", "total": 1000 * i}
            for i in range(1, 5)]
    return json.dumps(rows, indent=1).encode()


@corpus("orders.ndjson")
def _ndjson() -> bytes:
    rows = [{"tanggal": f"2026-01-0{i}", "no_pesanan": f"P{i}", "kanal": "B", "total": 1500.5 * i}
            for i in range(1, 4)]
    return b"".join(json.dumps(r).encode() + b"\n" for r in rows)


@corpus("typed.parquet")
def _parquet() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({
        "order_date": pa.array([dt.date(2026, 1, d) for d in (2, 3, 4)], pa.date32()),
        "created_at": pa.array([dt.datetime(2026, 1, d, 10, 30) for d in (2, 3, 4)], pa.timestamp("us")),
        "order_id": pa.array([1001, 1002, 1003], pa.int64()),
        "customer_id": pa.array([17850, 17850, 13047], pa.int64()),
        "quantity": pa.array([2, 1, 5], pa.int32()),
        "unit_price": pa.array([15000.0, 20000.0, 3500.5], pa.float64()),
        "channel": pa.array(["Shopee", "Tokopedia", "Shopee"]),
    })
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def _workbook(build: Callable[[object], None]) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    book.set_properties({"created": FIXED})
    build(book)
    book.close()
    return buf.getvalue()


def _sheet_orders(book: object, ws: object, first_row: int = 0, n: int = 5) -> None:
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(first_row, 0, ["tanggal", "no_pesanan", "kanal", "total"])
    for i in range(n):
        ws.write_datetime(first_row + 1 + i, 0, dt.datetime(2026, 1, i + 2), date)
        ws.write_row(first_row + 1 + i, 1, [f"P{i + 1}", "Shopee", 1000 * (i + 1)])


@corpus("xlsx_renamed.csv")
def _xlsx_renamed() -> bytes:
    return _workbook(lambda book: _sheet_orders(book, book.add_worksheet("Data")))


@corpus("multi_sheet.xlsx")
def _multi_sheet() -> bytes:
    def build(book: object) -> None:
        book.add_worksheet("Kosong")
        _sheet_orders(book, book.add_worksheet("Januari"), n=3)
        _sheet_orders(book, book.add_worksheet("Februari"), n=4)

    return _workbook(build)


@corpus("merged_header.xlsx")
def _merged_header() -> bytes:
    def build(book: object) -> None:
        ws = book.add_worksheet("Laporan")
        bold = book.add_format({"bold": True})
        date = book.add_format({"num_format": "d mmm yyyy"})
        ws.merge_range(0, 0, 0, 4, "Laporan Penjualan Januari 2026", bold)    # row 1: title
        ws.merge_range(2, 0, 3, 0, "Tanggal", bold)                          # rows 3-4
        ws.merge_range(2, 1, 3, 1, "No Pesanan", bold)
        ws.merge_range(2, 2, 2, 3, "Penjualan", bold)                        # upper level
        ws.write_row(3, 2, ["Qty", "Total"], bold)                          # lower level
        ws.merge_range(2, 4, 3, 4, "Kanal", bold)
        for i in range(4):                                                  # data: rows 5-8
            ws.write_datetime(4 + i, 0, dt.datetime(2026, 1, i + 2), date)
            ws.write_row(4 + i, 1, [f"P{i + 1}", i + 1, 1000 * (i + 1), "Shopee"])
        ws.write_row(6, 3, ["n/a"])                                          # row 7: not a number

    return _workbook(build)


@corpus("empty_rows_bottom.xlsx")
def _empty_rows() -> bytes:
    def build(book: object) -> None:
        ws = book.add_worksheet("Data")
        _sheet_orders(book, ws, n=4)
        fmt = book.add_format({"bg_color": "#FFFF00"})
        for r in range(5, 40):             # formatted but empty rows below the data...
            ws.write_blank(r, 0, None, fmt)
            ws.write_blank(r, 3, None, fmt)
        ws.write_string(40, 1, " ")        # ... and cells holding only spaces (rows 41-42)
        ws.write_string(41, 3, "  ")

    return _workbook(build)


# --- kinds other than orders ---------------------------------------------------

@corpus("leads_converted.csv")
def _leads() -> bytes:
    return lines("tanggal,id_prospek,sumber,terkonversi", "2026-01-02,L1,IG,ya", "2026-01-02,L2,IG,tidak",
                 "2026-01-03,L3,WA,mungkin", "2026-01-04,L4,WA,Ya", "2026-01-05,L5,IG,?", "2026-01-06,L6,WA,")


@corpus("survey_out_of_range.csv")
def _survey() -> bytes:
    return lines("tanggal,id_pelanggan,pertanyaan,skor", "2026-01-02,C1,nps,9", "2026-01-03,C2,nps,11",
                 "2026-01-04,C3,nps,0", "2026-01-05,C4,nps,-1", "2026-01-06,C5,nps,10")

# --- more line-number and value traps --------------------------------------------

@corpus("blank_lines.csv")
def _blank_lines() -> bytes:
    return lines("tanggal,total", "2026-01-01,1000", "", "2026-01-02,2000", "2026-01-03", "", "",
                 "2026-01-04,x", "2026-01-05,5000", "")


@corpus("sep_hint.csv")
def _sep_hint() -> bytes:
    return lines("sep=;", "tanggal;total", "2026-01-01;1.000,5", "2026-01-02", "2026-01-03;2.500,25")


@corpus("stray_quote.csv")
def _stray_quote() -> bytes:
    return lines("tanggal,produk,total", '2026-01-01,TV 32" LED,1000', '2026-01-02,"Kabel', 'HDMI",2000',
                 "2026-01-03,c", "2026-01-04,d,x", "2026-01-05,e,5000")


@corpus("unclosed_quote.csv")
def _unclosed() -> bytes:
    return lines("tanggal,produk,total", "2026-01-01,a,1000", '2026-01-02,"b,2000', "2026-01-03,c,3000")


@corpus("thousands_only.csv")
def _thousands_only() -> bytes:
    return lines("tanggal,kanal,total", "2026-01-01,A,1.500", "2026-01-02,B,12.500", "2026-01-03,A,250.000",
                 "2026-01-04,B,750")


@corpus("rupiah_suffix.csv")
def _rupiah_suffix() -> bytes:
    return lines("tanggal,kanal,total", '2026-01-01,A,"Rp 15.000,-"', "2026-01-02,B,-Rp 2.500",
                 '2026-01-03,A,"Rp 1.250.000,-"', "2026-01-04,B,7.500 IDR")


@corpus("dates_2digit_year.csv")
def _two_digit() -> bytes:
    return dated("01/02/26", "15/03/26", "31/12/25")


@corpus("dates_timezone.csv")
def _timezone() -> bytes:
    return dated("2026-01-02T23:30:00+07:00", "2026-01-03T01:15:00Z", "2026-01-04 08:00:00")


@corpus("leading_zeros.csv")
def _leading_zeros() -> bytes:
    return lines("tanggal,telepon,total", "2026-01-01,081234567890,1000", "2026-01-02,085700011122,2000",
                 "2026-01-03,081234567890,3000")


# --- the expected outcome of each file ------------------------------------------

@dataclass(frozen=True)
class Case:
    """One import of a corpus file and what it must give (see ``tests/kpi/test_ingest.py``).

    ``rejects`` maps file line -> reason; ``lines`` are the imported rows' lines;
    ``values`` the imported columns (dates as ``YYYY-MM-DD``); ``used`` entries of
    ``ImportResult.options``; ``error`` the code of the error raised instead.
    """

    file: str
    what: str
    kind: str = "orders"
    options: dict[str, Any] = field(default_factory=dict)
    rows: int = 0
    rejects: dict[int, str] = field(default_factory=dict)
    lines: list[int] | None = None
    values: dict[str, list[Any]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    no_warnings: tuple[str, ...] = ()
    used: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    error_params: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """A readable pytest id."""
        extra = ",".join(f"{k}={v}" for k, v in self.options.items() if k != "mapping")
        return self.file + (f"[{extra}]" if extra else "")


AMOUNTS = {"amount": [10500.0, 11000.0, 11500.0, 12000.0, 12500.0, 13000.0]}
ABC = {"mapping": {"date": "tanggal", "amount": "total"}}
CASES: tuple[Case, ...] = (
    Case("ragged_rows.csv", "line 4 has too few columns, line 7 too many", rows=8,
         rejects={4: "missing_columns", 7: "too_many_columns"}, lines=[2, 3, 5, 6, 8, 9, 10, 11]),
    Case("semicolon.csv", "`;` delimiter", rows=6, values=AMOUNTS, used={"delimiter": ";"}),
    Case("tab.tsv", "tab delimiter", rows=6, values=AMOUNTS, used={"delimiter": "\t"}),
    Case("pipe.txt", "`|` delimiter", rows=6, values=AMOUNTS, used={"delimiter": "|"}),
    Case("crlf.csv", "Windows line ends (CRLF)", rows=5, lines=[2, 3, 4, 5, 6],
         values={"kanal": ["Tokopedia", "WhatsApp", "Instagram", "Shopee", "Tokopedia"]}),
    Case("quoted_multiline.csv", "quoted values with commas, doubled quotes and a line break; `abc` amount "
         "on line 6", rows=3, rejects={6: "not_number"}, lines=[2, 3, 5],
         values={"customer_id": ["Toko Maju, Jaya", "Budi", 'Sari "Ayu"'],
                 "catatan": ["biasa", "baris satu\nbaris dua, dengan koma", "x"]}),
    Case("duplicate_headers.csv", "`kanal` and `total` twice in the header", rows=2,
         values={"amount": [1000.0, 2000.0], "kanal": ["A", "C"], "kanal_1": ["B", "D"]}),
    Case("header_spaces.csv", "header names with spaces around them and mixed case", rows=4,
         values={"amount": [10500.0, 11000.0, 11500.0, 12000.0], "Kanal": ["Tokopedia", "WhatsApp",
                                                                            "Instagram", "Shopee"]}),
    Case("formula.csv", "spreadsheet formulas in a text column (`=HYPERLINK(...)`, `=1+1`, `@SUM`)", rows=3,
         values={"customer_id": ['=HYPERLINK("http://x","klik")', "=1+1", "@SUM(A1)"]}),
    Case("whitespace_aligned.txt", "columns aligned with runs of spaces (like CDNOW), line 5 short", rows=4,
         rejects={5: "missing_columns"}, lines=[2, 3, 4, 6], used={"delimiter": "whitespace"},
         values={"amount": [11.77, 12.0, 77.0, 20.76], "customer_id": ["00001", "00002", "00002", "00003"]}),
    Case("id_numbers.csv", "Indonesian numbers `1.234,56`, `12,5`, `1.000.000`", rows=5, used={"decimal": ","},
         values={"amount": [1234.56, 12.5, 1000000.0, -7.25, 500.0]}),
    Case("id_numbers.csv", "the same with `decimal=','`", options={"decimal": ","}, rows=5,
         values={"amount": [1234.56, 12.5, 1000000.0, -7.25, 500.0]}),
    Case("rupiah.csv", "`Rp 1.234.567`, `Rp1.500`, `Rp. 2.000.000`, `IDR 750.000`, `Rp 99.999,50`", rows=5,
         values={"amount": [1234567.0, 1500.0, 2000000.0, 750000.0, 99999.5]}),
    Case("rupiah_suffix.csv", "`Rp 15.000,-`, `-Rp 2.500`, `7.500 IDR`", rows=4,
         values={"amount": [15000.0, -2500.0, 1250000.0, 7500.0]}),
    Case("thousands_only.csv", "only `1.500`-like amounts: three digits after the dot are a thousands group",
         rows=4, values={"amount": [1500.0, 12500.0, 250000.0, 750.0]}, used={"decimal": ","}),
    Case("deep_na.csv", "6000 rows, `n/a` amount on line 5000", rows=5999, rejects={5000: "not_number"}),
    Case("empty_amount.csv", "amount empty on line 3, only spaces on line 8", rows=6,
         rejects={3: "empty", 8: "empty"}),
    Case("all_bad.csv", "no amount is a number", options=ABC, error="all_rows_rejected"),
    Case("dates_ambiguous.csv", "only `01/02/2026`-like dates: day-first assumed", rows=3,
         values={"date": ["2026-02-01", "2026-04-03", "2026-06-05"]}, warnings=("date_order_assumed",),
         used={"date_order": "day-first"}),
    Case("dates_ambiguous.csv", "the same with `dayfirst=False`", options={"dayfirst": False}, rows=3,
         values={"date": ["2026-01-02", "2026-03-04", "2026-05-06"]}, used={"date_order": "month-first"}),
    Case("dates_dayfirst.csv", "`13/02/2026` settles day-first", rows=3,
         values={"date": ["2026-02-01", "2026-02-13", "2026-03-05"]}, no_warnings=("date_order_assumed",)),
    Case("dates_monthfirst.csv", "`02/13/2026` settles month-first, even against `dayfirst=True`",
         options={"dayfirst": True}, rows=3, values={"date": ["2026-01-02", "2026-02-13", "2026-05-03"]},
         used={"date_order": "month-first"}, no_warnings=("date_order_assumed",)),
    Case("dates_mixed.csv", "ISO and `dd/mm/yyyy` dates in one column", rows=4,
         values={"date": ["2026-01-02", "2026-01-15", "2026-02-01", "2026-02-03"]}),
    Case("dates_indonesian.csv", "`5 Agustus 2026`, `27 Des 2025`, `1 Mei 2026`, `17 Okt 2026`", rows=5,
         values={"date": ["2026-08-05", "2025-12-27", "2026-05-01", "2026-10-17", "2026-03-03"]}),
    Case("dates_2digit_year.csv", "two-digit years `01/02/26` (not the year 26)", rows=3,
         values={"date": ["2026-02-01", "2026-03-15", "2025-12-31"]}),
    Case("dates_timezone.csv", "ISO timestamps with `+07:00` and `Z`: the written date is kept", rows=3,
         values={"date": ["2026-01-02", "2026-01-03", "2026-01-04"]}),
    Case("latin1.csv", "Latin-1 bytes (`José`, `Muñoz`)", rows=3, warnings=("encoding_latin1",),
         values={"customer_id": ["José", "Muñoz", "Budi"]}, used={"encoding": "latin-1"}),
    Case("bom.csv", "UTF-8 byte-order mark before the header", rows=3, values={"order_id": ["P00001", "P00002",
                                                                                       "P00003"]}),
    Case("utf16.csv", "UTF-16 with BOM, tab-separated (Excel \"Unicode text\")", rows=2,
         values={"customer_id": ["Siti Nurhaliza", "José"]}, used={"encoding": "utf-16"}),
    Case("empty.csv", "0 bytes", error="empty_file"),
    Case("whitespace_only.csv", "only spaces and line breaks", error="empty_file"),
    Case("header_only.csv", "a header and no rows", error="no_rows"),
    Case("binary.csv", "binary bytes named `.csv`", error="binary_file"),
    Case("unclosed_quote.csv", "a quote opened on line 3 and never closed", error="unclosed_quote",
         error_params={"line": 3}),
    Case("missing_column.csv", "no date column", error="missing_role", error_params={"role": "`date`"}),
    Case("orders.csv.gz", "gzip-compressed CSV", rows=7),
    Case("orders.json", "JSON array of objects", rows=4, used={"format": "json"},
         values={"amount": [1000.0, 2000.0, 3000.0, 4000.0]}),
    Case("orders.ndjson", "newline-delimited JSON", rows=3, values={"amount": [1500.5, 3001.0, 4501.5]}),
    Case("typed.parquet", "Parquet with DATE, TIMESTAMP, BIGINT, INT and DOUBLE columns", rows=3,
         values={"amount": [30000.0, 20000.0, 17502.5], "order_id": ["1001", "1002", "1003"],
                 "date": ["2026-01-02", "2026-01-03", "2026-01-04"]}),
    Case("xlsx_renamed.csv", "an Excel workbook named `.csv`", rows=5, used={"format": "excel"}),
    Case("multi_sheet.xlsx", "an empty first sheet, then `Januari` and `Februari`", rows=3,
         warnings=("excel_sheet_chosen",), used={"sheet": "Januari"}),
    Case("multi_sheet.xlsx", "the same with `sheet='Februari'`", options={"sheet": "Februari"}, rows=4,
         no_warnings=("excel_sheet_chosen",), used={"sheet": "Februari"}),
    Case("merged_header.xlsx", "merged title row, two-level merged header (rows 3-4), `n/a` on row 7", rows=3,
         rejects={7: "not_number"}, lines=[5, 6, 8], warnings=("excel_header_row",),
         values={"amount": [1000.0, 2000.0, 4000.0], "quantity": [1.0, 2.0, 4.0]}),
    Case("empty_rows_bottom.xlsx", "formatted empty rows and cells of spaces below the data", rows=4),
    Case("blank_lines.csv", "empty lines between rows (line numbers still count them)", rows=3,
         rejects={5: "missing_columns", 8: "not_number"}, lines=[2, 4, 9]),
    Case("sep_hint.csv", "Excel's `sep=;` first line", rows=2, rejects={4: "missing_columns"}, lines=[3, 5],
         values={"amount": [1000.5, 2500.25]}, used={"delimiter": ";"}),
    Case("stray_quote.csv", 'an inch mark (`32"`) inside a value, then a quoted line break', rows=3,
         rejects={5: "missing_columns", 6: "not_number"}, lines=[2, 3, 7]),
    Case("leading_zeros.csv", "phone numbers `0812...` stay text", rows=3,
         values={"telepon": ["081234567890", "085700011122", "081234567890"]}),
    Case("leads_converted.csv", "`ya`/`tidak`/`Ya` plus unknown `mungkin` and `?`", kind="leads", rows=6,
         values={"converted": [True, False, None, True, None, None]}, warnings=("values_emptied",)),
    Case("survey_out_of_range.csv", "NPS scores 11 and -1", kind="survey", rows=3,
         rejects={3: "out_of_range", 5: "out_of_range"}),
)


def _outcome(case: Case) -> str:
    if case.error:
        return f"error `{case.error}`"
    text = f"{case.rows} rows"
    if case.rejects:
        text += ", rejected: " + ", ".join(f"line {n} `{r}`" for n, r in case.rejects.items())
    if case.warnings:
        text += "; warns " + ", ".join(f"`{w}`" for w in case.warnings)
    return text


def readme() -> str:
    """The corpus table, for ``README.md``."""
    head = ("# Malformed and tricky input files\n\nWritten by `tests/data/make_bad.py` (do not edit by hand: "
            "run `python tests/data/make_bad.py`); imported by `tests/kpi/test_ingest.py`, which checks "
            "each expected outcome. Line numbers are the file's lines (the header is line 1) or the "
            "sheet's rows.\n\n| file | what is in it | kind, options | expected |\n|---|---|---|---|\n")
    rows = []
    for case in CASES:
        opts = ", ".join(f"{k}={v!r}" for k, v in case.options.items())
        what = case.what.replace("|", "\\|")
        rows.append(f"| `{case.file}` | {what} | {case.kind}{', ' + opts if opts else ''} | "
                    f"{_outcome(case)} |")
    return head + "\n".join(rows) + "\n"


def main() -> None:
    """Write every file of the corpus."""
    HERE.mkdir(parents=True, exist_ok=True)
    for name, build in FILES.items():
        (HERE / name).write_bytes(build())
    (HERE / "README.md").write_text(readme(), encoding="utf-8")
    print(f"wrote {len(FILES)} files and README.md to {HERE}")


if __name__ == "__main__":
    main()
