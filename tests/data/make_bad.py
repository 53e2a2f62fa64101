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
from pathlib import Path

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


def _sheet_orders(ws: object, first_row: int = 0, n: int = 5) -> None:
    ws.write_row(first_row, 0, ["tanggal", "no_pesanan", "kanal", "total"])
    for i in range(n):
        ws.write_datetime(first_row + 1 + i, 0, dt.datetime(2026, 1, i + 2))
        ws.write_row(first_row + 1 + i, 1, [f"P{i + 1}", "Shopee", 1000 * (i + 1)])


@corpus("xlsx_renamed.csv")
def _xlsx_renamed() -> bytes:
    return _workbook(lambda book: _sheet_orders(book.add_worksheet("Data")))


@corpus("multi_sheet.xlsx")
def _multi_sheet() -> bytes:
    def build(book: object) -> None:
        book.add_worksheet("Kosong")
        _sheet_orders(book.add_worksheet("Januari"), n=3)
        _sheet_orders(book.add_worksheet("Februari"), n=4)

    return _workbook(build)


@corpus("merged_header.xlsx")
def _merged_header() -> bytes:
    def build(book: object) -> None:
        ws = book.add_worksheet("Laporan")
        bold = book.add_format({"bold": True})
        ws.merge_range(0, 0, 0, 4, "Laporan Penjualan Januari 2026", bold)    # row 1: title
        ws.merge_range(2, 0, 3, 0, "Tanggal", bold)                          # rows 3-4
        ws.merge_range(2, 1, 3, 1, "No Pesanan", bold)
        ws.merge_range(2, 2, 2, 3, "Penjualan", bold)                        # upper level
        ws.write_row(3, 2, ["Qty", "Total"], bold)                          # lower level
        ws.merge_range(2, 4, 3, 4, "Kanal", bold)
        for i in range(4):                                                  # data: rows 5-8
            ws.write_datetime(4 + i, 0, dt.datetime(2026, 1, i + 2))
            ws.write_row(4 + i, 1, [f"P{i + 1}", i + 1, 1000 * (i + 1), "Shopee"])
        ws.write_row(6, 3, ["n/a"])                                          # row 7: not a number

    return _workbook(build)


@corpus("empty_rows_bottom.xlsx")
def _empty_rows() -> bytes:
    def build(book: object) -> None:
        ws = book.add_worksheet("Data")
        _sheet_orders(ws, n=4)
        fmt = book.add_format({"bg_color": "#FFFF00"})
        for r in range(5, 40):             # formatted but empty rows below the data
            ws.write_blank(r, 0, None, fmt)
            ws.write_blank(r, 3, None, fmt)

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


def main() -> None:
    """Write every file of the corpus."""
    HERE.mkdir(parents=True, exist_ok=True)
    for name, build in FILES.items():
        (HERE / name).write_bytes(build())
    print(f"wrote {len(FILES)} files to {HERE}")


if __name__ == "__main__":
    main()
