"""Tests for kpi.mapping: roles, kinds, header and value suggestions, validation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi.errors import DataSchemaError
from kpi.i18n import MESSAGES
from kpi.mapping import KINDS, ROLES, _is_date, _number, missing_roles, suggest_mapping, validate_mapping

REALDATA = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"


def frame(**columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns, dtype=str)


# --- roles and kinds ---------------------------------------------------------------------------

EXPECTED_TYPES = {
    "date": {"date", "converted_date"},
    "number": {"amount", "quantity", "unit_price", "value", "spend", "impressions", "clicks", "conversions",
               "posts", "likes", "shares", "comments", "followers", "reach", "score"},
    "id": {"order_id", "customer_id", "lead_id"},
    "text": {"status", "platform", "question"},
    "boolean": {"converted"},
}


def test_roles_have_the_specified_types_and_labels():
    assert {name: role.type for name, role in ROLES.items()} == {
        name: kind for kind, names in EXPECTED_TYPES.items() for name in names
    }
    for name, role in ROLES.items():
        assert role.name == name
        assert role.label_id and role.label_en and role.help_id and role.help_en
    assert ROLES["amount"].label("en") == "Amount"


def test_kinds_use_known_roles_once():
    assert set(KINDS) == {"orders", "leads", "deals", "spend", "social", "survey"}
    for name, kind in KINDS.items():
        assert kind.name == name
        assert set(kind.roles) <= set(ROLES)
        assert len(set(kind.roles)) == len(kind.roles)
    labels = {name: (k.label_id, k.label_en) for name, k in KINDS.items()}
    assert labels["orders"] == ("Penjualan", "Orders")
    assert labels["deals"] == ("Closing", "Closed deals")
    assert labels["survey"] == ("Kepuasan pelanggan", "Customer satisfaction")
    assert KINDS["deals"].required == ("lead_id",)
    assert KINDS["social"].required == ("date", "platform")


# --- header suggestions on real-world header sets ----------------------------------------------

SUPERSTORE = ("Row ID,Order ID,Order Date,Ship Date,Ship Mode,Customer ID,Customer Name,Segment,Country,City,State,"
              "Postal Code,Region,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Discount,Profit")
OLIST_DEALS = ("mql_id,seller_id,sdr_id,sr_id,won_date,business_segment,lead_type,lead_behaviour_profile,has_company,"
               "has_gtin,average_stock,business_type,declared_product_catalog_size,declared_monthly_revenue")
FB_ADS = ("ad_id,xyz_campaign_id,fb_campaign_id,age,gender,interest,Impressions,Clicks,Spent,Total_Conversion,"
          "Approved_Conversion")
BANK = ("age,job,marital,education,default,housing,loan,contact,month,day_of_week,duration,campaign,pdays,previous,"
        "poutcome,emp.var.rate,cons.price.idx,cons.conf.idx,euribor3m,nr.employed,y")

HEADER_CASES = {
    "online_retail": (
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country", "orders",
        {"date": "InvoiceDate", "order_id": "InvoiceNo", "customer_id": "CustomerID", "quantity": "Quantity",
         "unit_price": "UnitPrice"},
    ),
    "online_retail_ii": (
        "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country", "orders",
        {"date": "InvoiceDate", "order_id": "Invoice", "customer_id": "Customer ID", "quantity": "Quantity",
         "unit_price": "Price"},
    ),
    "superstore": (
        SUPERSTORE, "orders",
        {"date": "Order Date", "order_id": "Order ID", "customer_id": "Customer ID", "amount": "Sales",
         "quantity": "Quantity"},
    ),
    "olist_leads": (
        "mql_id,first_contact_date,landing_page_id,origin", "leads",
        {"date": "first_contact_date", "lead_id": "mql_id"},
    ),
    "olist_deals": (OLIST_DEALS, "deals", {"lead_id": "mql_id", "date": "won_date"}),
    "fb_ads": (
        FB_ADS, "spend",
        {"spend": "Spent", "impressions": "Impressions", "clicks": "Clicks", "conversions": "Total_Conversion"},
    ),
    "bank_marketing": (BANK, "leads", {"converted": "y"}),
    "cdnow_named": (
        "customer_id,date,number_of_cds,dollar_value", "orders",
        {"date": "date", "customer_id": "customer_id", "amount": "dollar_value", "quantity": "number_of_cds"},
    ),
    "sample_orders": (
        "tanggal,no_pesanan,id_pelanggan,kanal,provinsi,kategori,produk,qty,harga_satuan,total,status", "orders",
        {"date": "tanggal", "order_id": "no_pesanan", "customer_id": "id_pelanggan", "amount": "total",
         "quantity": "qty", "unit_price": "harga_satuan", "status": "status"},
    ),
    "sample_leads": (
        "tanggal,id_prospek,sumber,kampanye,provinsi,terkonversi,tanggal_konversi,nilai", "leads",
        {"date": "tanggal", "lead_id": "id_prospek", "converted": "terkonversi",
         "converted_date": "tanggal_konversi", "value": "nilai"},
    ),
    "sample_spend": (
        "tanggal,kanal,kampanye,biaya,tayangan,klik,konversi", "spend",
        {"date": "tanggal", "spend": "biaya", "impressions": "tayangan", "clicks": "klik", "conversions": "konversi"},
    ),
    "sample_social": (
        "tanggal,platform,postingan,suka,bagikan,komentar,pengikut,tayangan,jangkauan", "social",
        {"date": "tanggal", "platform": "platform", "posts": "postingan", "likes": "suka", "shares": "bagikan",
         "comments": "komentar", "followers": "pengikut", "impressions": "tayangan", "reach": "jangkauan"},
    ),
    "sample_survey": (
        "tanggal,id_pelanggan,kanal,provinsi,pertanyaan,skor", "survey",
        {"date": "tanggal", "score": "skor", "customer_id": "id_pelanggan", "question": "pertanyaan"},
    ),
}


@pytest.mark.parametrize("case", list(HEADER_CASES))
def test_suggestions_on_real_world_headers(case):
    header, kind, expected = HEADER_CASES[case]
    assert suggest_mapping(header.split(","), kind) == expected


def test_online_retail_has_no_amount_but_is_complete():
    header, kind, _ = HEADER_CASES["online_retail"]
    mapping = suggest_mapping(header.split(","), kind)
    assert "amount" not in mapping
    assert missing_roles(kind, mapping) == []


def test_leads_separate_contact_date_from_won_date():
    got = suggest_mapping(["mql_id", "won_date", "first_contact_date", "origin"], "leads")
    assert got == {"date": "first_contact_date", "lead_id": "mql_id", "converted_date": "won_date"}


def test_deals_prefer_the_closing_date():
    got = suggest_mapping(["first_contact_date", "mql_id", "won_date"], "deals")
    assert got == {"lead_id": "mql_id", "date": "won_date"}


def test_order_date_beats_ship_date_whatever_the_order():
    assert suggest_mapping(["Ship Date", "Order Date"], "orders")["date"] == "Order Date"
    assert suggest_mapping(["Ship Date", "Sales"], "orders")["date"] == "Ship Date"


def test_only_roles_of_the_kind_are_suggested():
    assert suggest_mapping(["Tanggal", "Total", "Biaya", "Skor"], "spend") == {"date": "Tanggal", "spend": "Biaya"}
    assert suggest_mapping(["nilai", "tanggal"], "survey") == {"date": "tanggal", "score": "nilai"}


@pytest.mark.parametrize(
    "columns, expected",
    [
        (["Tgl Transaksi", "Nama Pelanggan", "Produk", "Jumlah", "Harga"],
         {"date": "Tgl Transaksi", "customer_id": "Nama Pelanggan", "quantity": "Jumlah", "unit_price": "Harga"}),
        (["Tanggal", "Produk", "Jumlah", "Total Penjualan"],
         {"date": "Tanggal", "amount": "Total Penjualan", "quantity": "Jumlah"}),
        (["Tanggal", "Produk", "Jumlah"], {"date": "Tanggal", "amount": "Jumlah"}),
        (["Tanggal", "Qty", "Jumlah"], {"date": "Tanggal", "amount": "Jumlah", "quantity": "Qty"}),
        (["Tgl. Transaksi", "No. Faktur", "Kode Pelanggan", "Jumlah (Rp)"],
         {"date": "Tgl. Transaksi", "order_id": "No. Faktur", "customer_id": "Kode Pelanggan", "amount": "Jumlah (Rp)"}),
        (["Order #", "Tanggal Pesanan", "Harga", "Total Harga", "Jumlah Barang"],
         {"date": "Tanggal Pesanan", "order_id": "Order #", "amount": "Total Harga", "quantity": "Jumlah Barang",
          "unit_price": "Harga"}),
    ],
)
def test_indonesian_variants(columns, expected):
    assert suggest_mapping(columns, "orders") == expected


def test_headers_that_only_look_alike_are_left_alone():
    columns = ["Tanggal", "Sales Rep", "Kanal Penjualan", "Jumlah Pelanggan", "Tanggal Lahir", "Total"]
    assert suggest_mapping(columns, "orders") == {"date": "Tanggal", "amount": "Total"}


def test_header_normalisation_keeps_original_names():
    columns = ["\ufeffTánggal", "  ORDER_ID ", "customerId", "GrandTotal"]
    assert suggest_mapping(columns, "orders") == {
        "date": "\ufeffTánggal", "order_id": "  ORDER_ID ", "customer_id": "customerId", "amount": "GrandTotal",
    }


# --- the bare "Jumlah" and sample values ------------------------------------------------------


def test_bare_jumlah_with_money_values_is_the_amount():
    sample = frame(Tanggal=["2026-01-05", "2026-01-06", "2026-01-07"], Jumlah=["150000", "275.000", "1.250.000"])
    assert suggest_mapping(list(sample.columns), "orders", sample) == {"date": "Tanggal", "amount": "Jumlah"}


def test_bare_jumlah_with_small_counts_is_the_quantity():
    sample = frame(Tanggal=["05/01/2026", "06/01/2026", "07/01/2026"], Jumlah=["1", "3", "2"])
    assert suggest_mapping(list(sample.columns), "orders", sample) == {"date": "Tanggal", "quantity": "Jumlah"}


def test_bare_jumlah_beside_a_price_is_the_quantity_even_with_large_values():
    sample = frame(Jumlah=["1000", "2000", "1500"], Harga=["12500", "9000", "4000"])
    assert suggest_mapping(list(sample.columns), "orders", sample) == {"quantity": "Jumlah", "unit_price": "Harga"}


UNHELPFUL = frame(
    col1=["2026-01-05", "2026-01-06", "2026-02-01", "2026-02-03", "2026-03-01"],
    col2=["INV-001", "INV-002", "INV-003", "INV-004", "INV-005"],
    col3=["125000", "98000", "250000", "75500", "1.250.000"],
    col4=["Shopee", "Tokopedia", "Shopee", "Shopee", "Tokopedia"],
)


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("orders", {"date": "col1", "order_id": "col2", "amount": "col3"}),
        ("leads", {"date": "col1", "lead_id": "col2"}),
        ("deals", {"lead_id": "col2", "date": "col1"}),
        ("spend", {"date": "col1", "spend": "col3"}),
        ("social", {"date": "col1", "platform": "col4"}),
    ],
)
def test_values_fill_in_when_headers_say_nothing(kind, expected):
    assert suggest_mapping(list(UNHELPFUL.columns), kind, UNHELPFUL) == expected


def test_values_are_not_read_without_a_sample():
    assert suggest_mapping(list(UNHELPFUL.columns), "orders") == {}


def test_survey_scores_are_found_by_their_range():
    sample = frame(a=["27 Nov 2026", "28 Nov 2026", "1 Des 2026"], b=["Toko A", "Toko B", "Toko A"],
                   c=["150000", "20000", "30000"], d=["9", "10", "6"])
    assert suggest_mapping(list(sample.columns), "survey", sample) == {"date": "a", "score": "d"}


def test_low_cardinality_text_never_becomes_an_id():
    sample = frame(tanggal=[f"2026-01-0{i}" for i in range(1, 7)],
                   sumber=["Instagram", "WhatsApp", "Instagram", "TikTok", "WhatsApp", "Instagram"],
                   durasi=["261", "149", "226", "151", "307", "198"])
    assert suggest_mapping(list(sample.columns), "leads", sample) == {"date": "tanggal"}


def test_numeric_ids_of_one_width_are_ids_and_not_amounts():
    sample = frame(a=["20260105", "20260106", "20260107"], b=["536365", "536366", "536367"],
                   c=["125000", "250000", "175000"])
    assert suggest_mapping(list(sample.columns), "orders", sample) == {"date": "a", "order_id": "b", "amount": "c"}


def test_sample_values_veto_a_header_that_lies():
    sample = frame(Date=["Monday", "Tuesday", "Friday"], Total=["lunas", "batal", "lunas"],
                   Tanggal=["2026-01-05", "2026-01-06", "2026-01-07"], Nominal=["Rp 125.000,-", "Rp 98.000,-", "x"])
    assert suggest_mapping(list(sample.columns), "orders", sample) == {"date": "Tanggal", "amount": "Nominal"}


# --- missing_roles ----------------------------------------------------------------------------


def test_missing_roles():
    assert missing_roles("orders", {}) == ["date", "amount"]
    assert missing_roles("orders", {"date": "d", "amount": None, "quantity": "q"}) == ["amount"]
    assert missing_roles("orders", {"date": "d", "amount": "a"}) == []
    assert missing_roles("leads", {"date": "d", "lead_id": None}) == ["lead_id"]
    assert missing_roles("deals", {"lead_id": "x"}) == []


@pytest.mark.parametrize("call", [
    lambda: suggest_mapping(["a"], "sales"),
    lambda: missing_roles("sales", {}),
    lambda: validate_mapping({}, ["a"], "sales"),
])
def test_unknown_kind_is_a_schema_error(call):
    with pytest.raises(DataSchemaError) as info:
        call()
    assert info.value.code == "unknown_kind"
    assert "`orders`" in str(info.value) and "sales" in str(info.value)


# --- validate_mapping -------------------------------------------------------------------------

COLUMNS = ["Tanggal", "No Pesanan", "Total", "Qty"]


def raised(mapping, kind="orders", columns=COLUMNS, file="penjualan.csv") -> DataSchemaError:
    with pytest.raises(DataSchemaError) as info:
        validate_mapping(mapping, columns, kind, file=file)
    assert isinstance(info.value, ValueError)
    for lang in ("en", "id"):  # every message renders fully in both languages
        assert not info.value.message(lang).startswith(info.value.code)
        assert "{'" not in info.value.message(lang)
    return info.value


def test_valid_mapping_is_returned_without_none():
    got = validate_mapping({"date": "Tanggal", "amount": "Total", "status": None}, COLUMNS, "orders")
    assert got == {"date": "Tanggal", "amount": "Total"}


def test_quantity_and_unit_price_stand_in_for_amount():
    got = validate_mapping({"date": "d", "quantity": "q", "unit_price": "p"}, ["d", "q", "p"], "orders")
    assert got == {"date": "d", "quantity": "q", "unit_price": "p"}


def test_unknown_role_names_the_role_and_the_valid_roles():
    err = raised({"date": "Tanggal", "amount": "Total", "spend": "Qty"})
    assert err.code == "unknown_role"
    assert "`spend`" in str(err) and "`unit_price`" in str(err)
    assert "bukan peran" in err.message("id")


def test_unknown_column_suggests_close_matches():
    err = raised({"date": "tanggal ", "amount": "Total"})
    assert err.code == "unknown_column_close"
    assert "`tanggal `" in str(err) and "Did you mean `Tanggal`?" in str(err)
    assert "`No Pesanan`" in str(err) and "`penjualan.csv`" in str(err)
    assert "Mungkin maksud Anda `Tanggal`?" in err.message("id")


def test_unknown_column_without_close_match_lists_the_columns():
    err = raised({"date": "Tanggal", "amount": "Omzet Bersih"})
    assert err.code == "unknown_column"
    assert "`Omzet Bersih`" in str(err) and "`amount`" in str(err) and "`Qty`" in str(err)


def test_one_column_for_two_roles():
    err = raised({"date": "Tanggal", "amount": "Total", "quantity": "Total"})
    assert err.code == "column_twice"
    assert "`Total`" in str(err) and "`amount`" in str(err) and "`quantity`" in str(err)
    assert "lebih dari satu peran" in err.message("id")


def test_missing_role_names_file_role_columns_and_how_to_map():
    err = raised({"date": "Tanggal"}, kind="leads", columns=["Tanggal", "Kode"], file="prospek.xlsx")
    assert err.code == "missing_role"
    text = str(err)
    assert "`prospek.xlsx`" in text and "`lead_id`" in text and "`Kode`" in text and "mapping={" in text
    assert "tidak punya kolom" in err.message("id")


def test_missing_amount_says_quantity_and_unit_price_will_do():
    err = raised({"date": "Tanggal", "quantity": "Qty"})
    assert err.code == "missing_amount"
    assert "`amount`" in str(err) and "`quantity` and `unit_price`" in str(err)
    assert "`quantity` dan `unit_price`" in err.message("id")


def test_missing_several_roles_without_file_name():
    with pytest.raises(DataSchemaError) as info:
        validate_mapping({}, ["a"], "spend")
    assert "`date`, `spend`" in str(info.value) and "`data`" in str(info.value)


def test_mapping_messages_exist_in_both_languages():
    for code in ("unknown_role", "unknown_column", "unknown_column_close", "column_twice", "missing_role",
                 "missing_amount"):
        assert set(MESSAGES[code]) == {"en", "id"}


# --- properties -------------------------------------------------------------------------------

WORDS = ["tanggal", "Tgl", "Order Date", "Jumlah", "Total", "qty", "Harga", "status", "id_pelanggan", "pelanggan",
         "Customer ID", "Sales", "y", "won_date", "mql_id", "Biaya", "klik", "platform", "skor", "nilai", "Kanal"]
HEADERS = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=12, unique=True)
KIND = st.sampled_from(sorted(KINDS))


@given(columns=HEADERS, kind=KIND)
@settings(max_examples=300, deadline=None)
def test_suggestions_use_each_input_column_at_most_once(columns, kind):
    got = suggest_mapping(columns, kind)
    assert set(got) <= set(KINDS[kind].roles)
    assert set(got.values()) <= set(columns)
    assert len(set(got.values())) == len(got)
    if not missing_roles(kind, got):
        assert validate_mapping(got, columns, kind) == got


CELL = st.one_of(st.sampled_from(["2026-01-05", "27 Agustus 2026", "INV-9", "125.000", "7", "Shopee", ""]),
                 st.text(max_size=8))


@given(data=st.data(), columns=HEADERS.filter(bool), kind=KIND)
@settings(max_examples=150, deadline=None)
def test_suggestions_with_samples_use_each_input_column_at_most_once(data, columns, kind):
    rows = data.draw(st.integers(1, 6))
    sample = pd.DataFrame({c: data.draw(st.lists(CELL, min_size=rows, max_size=rows)) for c in columns}, dtype=str)
    got = suggest_mapping(columns, kind, sample)
    assert set(got.values()) <= set(columns) and len(set(got.values())) == len(got)
    assert set(got) <= set(KINDS[kind].roles)


@given(day=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
       fmt=st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%Y%m%d", "%d %b %Y", "%d-%b-%y", "%B %d, %Y",
                            "%Y-%m-%d %H:%M:%S", "%d.%m.%Y"]))
def test_dates_in_common_formats_are_recognised(day, fmt):
    assert _is_date(day.strftime(fmt))


@given(value=st.integers(0, 10**9))
def test_indonesian_and_english_money_formats_parse(value):
    grouped = f"{value:,}"
    assert _number(grouped) == value
    assert _number("Rp " + grouped.replace(",", ".")) == value


# --- the real files, when the shared folder is there ----------------------------------------

REAL_FILES = [
    ("superstore/Sample - Superstore.csv", "orders", {}, HEADER_CASES["superstore"][2]),
    ("online_retail/online_retail.csv.gz", "orders", {}, HEADER_CASES["online_retail"][2]),
    ("olist_marketing_funnel/olist_closed_deals_dataset.csv", "deals", {}, {"lead_id": "mql_id", "date": "won_date"}),
    ("bank_marketing/bank-additional-full.csv", "leads", {"sep": ";"}, {"converted": "y"}),
    ("cdnow/CDNOW_master.txt", "orders", {"sep": r"\s+", "header": None}, {"date": "1", "amount": "3"}),
]


@pytest.mark.parametrize("path, kind, options, expected", REAL_FILES)
def test_real_files_with_their_first_rows(path, kind, options, expected):
    if not (REALDATA / path).exists():
        pytest.skip("shared/realdata is not present")
    sample = pd.read_csv(REALDATA / path, dtype=str, nrows=50, keep_default_na=False, **options)
    sample.columns = [str(c) for c in sample.columns]
    assert suggest_mapping(list(sample.columns), kind, sample) == expected
