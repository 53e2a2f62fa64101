"""Column mapping: which column of an uploaded file plays which role, guessed and checked.

Roles and kinds are defined in :mod:`kpi.roles`; each role maps to one column
of the user's file, under the file's own column name. :func:`suggest_mapping` guesses that mapping from
English and Indonesian headers, and from the values when the headers do not
say; :func:`validate_mapping` checks a mapping before an import uses it.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from kpi.errors import DataSchemaError
from kpi.roles import KINDS, ROLES, Kind, Role

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["KINDS", "ROLES", "Kind", "Role", "missing_roles", "suggest_mapping", "validate_mapping"]

#: A role that can be replaced by several roles together (amount = quantity × unit_price).
_ALTERNATIVES = {"orders": {"amount": ("quantity", "unit_price")}}

# Header synonyms, "|"-separated. "=" marks one that must be the whole header ("y", "day"); "~" one that
# only hints, so that a stronger match wins first ("Total Qty" is a quantity before it is an amount).
_CLOSE_DATE = ("converted date|conversion date|won date|close date|closed date|closing date|tanggal konversi|"
               "tanggal closing|tgl closing|tanggal deal")
_SYNONYMS: dict[str, str] = {
    "date": ("date|tanggal|tgl|order date|invoicedate|tanggal pesanan|tanggal order|tanggal transaksi|"
             "tgl transaksi|transaction date|purchase date|first_contact_date|created|created date|created at|"
             "tanggal dibuat|waktu|timestamp|datetime|=day"),
    "order_id": ("order id|order no|order number|invoice|invoiceno|invoice number|no pesanan|nomor pesanan|"
                 "id pesanan|kode pesanan|no order|no invoice|nomor invoice|no faktur|nomor faktur|transaction id|"
                 "id transaksi|no transaksi|no nota"),
    "customer_id": ("customer id|customerid|id pelanggan|pelanggan|kode pelanggan|customer|buyer|pembeli|konsumen|"
                    "client|klien"),
    "amount": ("amount|sales|revenue|nominal|omzet|omset|penjualan|pendapatan|subtotal|grand total|nilai transaksi|"
               "total harga|total bayar|total belanja|total price|total amount|line total|dollar value|~total|~rp|"
               "~idr|~rupiah"),
    "quantity": "quantity|qty|kuantitas|jumlah barang|jumlah unit|jumlah item|pcs|number_of_cds|=units|=items",
    "unit_price": "unit price|unitprice|price|harga|harga satuan|harga per unit|harga jual",
    "status": "status|order status|status pesanan|status order",
    "lead_id": "lead id|mql_id|id prospek|prospek id|id lead|kode prospek|contact id",
    "converted": "converted|terkonversi|konversi status|status konversi|won|closed|=y|outcome|closing|is converted",
    "converted_date": _CLOSE_DATE,
    "value": "value|nilai|deal value|nilai deal|nilai kontrak|contract value",
    "spend": "spend|spent|cost|biaya|anggaran|amount spent|ad spend|biaya iklan|pengeluaran",
    "impressions": "impressions|impression|tayangan|impresi|views",
    "clicks": "clicks|click|klik|link clicks",
    "conversions": "conversions|conversion|konversi|total_conversion|total conversions|=results",
    "platform": "platform|media|network|~channel|~kanal|~saluran",
    "posts": "posts|post|postingan|unggahan|konten",
    "likes": "likes|like|suka|reactions|reaksi",
    "shares": "shares|share|bagikan|dibagikan",
    "comments": "comments|comment|komentar",
    "followers": "followers|follower|pengikut|subscribers",
    "reach": "reach|jangkauan",
    "score": "score|skor|nilai|rating|nps|csat|penilaian",
    "question": "question|pertanyaan",
}
#: Synonyms preferred for one kind: a closed-deals file's date is the closing date.
_PREFERRED = {("deals", "date"): _CLOSE_DATE}

# A header holding one of these words is not the role its other words suggest, unless the
# whole header is a synonym: "Sales Rep" is no amount, "Jumlah Pelanggan" no customer id.
_DATE_WORDS = frozenset("date tanggal tgl waktu time day hari created timestamp datetime".split())
_BLOCKERS: dict[str, frozenset[str]] = {
    "date": frozenset({"birth", "lahir"}),
    "number": _DATE_WORDS | set("id no nomor code kode name nama rep person channel kanal saluran region wilayah "
                                "type tipe jenis status per rate rasio ratio percent persen pct".split()),
    "id": _DATE_WORDS | set("count jumlah total type tipe jenis segment segmen since city kota country".split()),
    "boolean": _DATE_WORDS,
    "text": frozenset(),
}
#: Roles guessed from values when a required role is still unmapped, in the order tried.
_VALUE_ROLES = {"orders": ("date", "amount", "order_id"), "leads": ("date", "lead_id"),
                "deals": ("lead_id", "date"), "spend": ("date", "spend"), "social": ("date", "platform"),
                "survey": ("date", "score")}
_PLATFORMS = frozenset("instagram ig tiktok facebook fb youtube twitter x linkedin whatsapp wa shopee "
                       "tokopedia threads pinterest google snapchat telegram line".split())
_SNIFF_ROWS = 200  # enough rows to tell dates, money and codes apart; keeps wide files fast
_EMPTY = frozenset({"", "nan", "none", "null", "na", "n/a", "-", "nat"})


@functools.lru_cache(maxsize=4096)
def _tokens(header: object) -> tuple[str, ...]:
    """Lowercase words of a header: accents, punctuation and camelCase folded."""
    text = unicodedata.normalize("NFKD", str(header).replace("#", " no "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text))
    return tuple(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _kind(kind: str) -> Kind:
    if isinstance(kind, str) and kind in KINDS:
        return KINDS[kind]
    raise DataSchemaError("unknown_kind", kind=kind, known=_listing(KINDS))


def _listing(items: Iterable[object], limit: int = 30) -> str:
    names = [f"`{item}`" for item in items]
    extra = f", … (+{len(names) - limit})" if len(names) > limit else ""
    return (", ".join(names[:limit]) or "—") + extra


def _score(role: str, kind: str, header: tuple[str, ...]) -> tuple[int, int, int] | None:
    """How well ``header`` names ``role``: (tier, kind preference, words matched), or None."""
    best = None
    blocked = bool(_BLOCKERS[ROLES[role].type].intersection(header))
    for boost, synonyms in ((1, _PREFERRED.get((kind, role), "")), (0, _SYNONYMS[role])):
        for synonym in synonyms.split("|") if synonyms else ():
            flag, words = synonym[0], _tokens(synonym.lstrip("=~"))
            n = len(words)
            if header == words or "".join(header) == "".join(words):
                tier = 2 if flag == "~" else 4
            elif flag != "=" and not blocked and any(header[i : i + n] == words for i in range(len(header))):
                tier = 1 if flag == "~" else 3
            else:
                continue
            best = max(best or (0, 0, 0), (tier, boost, n))
    return best


def suggest_mapping(columns: Sequence[str], kind: str, sample: pd.DataFrame | None = None) -> dict[str, str]:
    """Guess which column of a file fills each role of ``kind``.

    Headers are read first (English and Indonesian synonyms; the most specific
    match wins). When ``sample`` is given and a required role is still unmapped,
    the values are read too: dates, money, near-unique codes.

    Parameters
    ----------
    columns
        The file's column names, as read.
    kind
        A key of :data:`KINDS`.
    sample
        Optional first rows of the file, values as strings.

    Returns
    -------
    dict
        role -> column name, exactly as given in ``columns``; no column twice.

    Raises
    ------
    DataSchemaError
        ``unknown_kind`` for a kind that is not in :data:`KINDS`.

    Examples
    --------
    >>> suggest_mapping(["Tanggal", "No Pesanan", "Jumlah", "Harga"], "orders")
    {'date': 'Tanggal', 'order_id': 'No Pesanan', 'quantity': 'Jumlah', 'unit_price': 'Harga'}
    """
    spec = _kind(kind)
    candidates = []
    for ci, column in enumerate(columns):
        for ri, role in enumerate(spec.roles):
            score = _score(role, kind, _tokens(column))
            if score and _values_agree(role, _values(sample, column)):
                candidates.append((tuple(-x for x in score), ci, ri, role, column))
    mapping: dict[str, str] = {}
    for *_, role, column in sorted(candidates, key=lambda c: c[:3]):
        if role not in mapping and column not in mapping.values():
            mapping[role] = column
    if kind == "orders":
        _resolve_jumlah(mapping, columns, sample)
    if sample is not None and missing_roles(kind, mapping):
        _suggest_from_values(kind, mapping, columns, sample)
    return {role: mapping[role] for role in spec.roles if role in mapping}


def _resolve_jumlah(mapping: dict[str, str], columns: Sequence[str], sample: pd.DataFrame | None) -> None:
    """Give a bare "Jumlah" (a count or an amount) the role that its neighbours leave for it."""
    free = [c for c in columns if _tokens(c) in {("jumlah",), ("jml",)} and c not in mapping.values()]
    if not free:
        return
    if "amount" in mapping or "unit_price" in mapping:
        order = ("quantity", "amount")  # beside a total or a price, Jumlah counts items
    elif sample is None or _share(_values(sample, free[0]), _is_money) >= 0.5:
        order = ("amount", "quantity")  # alone, only an amount makes the orders complete
    else:
        order = ("quantity", "amount")
    role = next((r for r in order if r not in mapping), None)
    if role is not None:
        mapping[role] = free[0]


def _suggest_from_values(kind: str, mapping: dict[str, str], columns: Sequence[str], sample: pd.DataFrame) -> None:
    """Fill unmapped roles from what the sample's values look like."""
    tests: dict[str, Callable[[list[str]], bool]] = {
        "date": lambda v: _share(v, _is_date) >= 0.8,
        "number": lambda v: _is_numeric(v) and _share(v, _is_money) >= 0.5 and not _is_serial(v),
        "score": lambda v: _is_numeric(v) and all(0 <= (_number(x) or 0) <= 10 for x in v),
        "id": _is_identifier,
        "platform": lambda v: _share(v, lambda x: x.lower() in _PLATFORMS) >= 0.8,
    }
    for role in _VALUE_ROLES[kind]:
        if role in mapping or (role == "amount" and role not in missing_roles(kind, mapping)):
            continue
        test = tests.get(role) or tests[ROLES[role].type]
        dated = ROLES[role].type != "date"  # 20260105 is a number too: keep dates for date roles
        for column in (c for c in columns if c not in mapping.values()):
            values = _values(sample, column)
            if values and test(values) and not (dated and _share(values, _is_date) >= 0.5):
                mapping[role] = column
                break


def _values_agree(role: str, values: list[str]) -> bool:
    """False when sample values plainly contradict a header match ("Date" full of words)."""
    if not values or ROLES[role].type not in ("number", "date"):
        return True
    if ROLES[role].type == "number":
        return _share(values, lambda x: _number(x) is not None) >= 0.5
    return any(_is_date(x) for x in values)  # lenient: ingest reads more date formats than _is_date


def _values(sample: pd.DataFrame | None, column: str) -> list[str]:
    """Non-empty sample values of ``column`` as stripped strings."""
    if sample is None or column not in sample.columns:
        return []
    series = sample[column]
    if getattr(series, "ndim", 1) == 2:  # duplicate column names
        series = series.iloc[:, 0]
    texts = (str(v).strip() for v in series.head(_SNIFF_ROWS).tolist() if v is not None and v == v)
    return [t for t in texts if t.lower() not in _EMPTY]


def _share(values: list[str], test: Callable[[str], bool]) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def _number(text: str) -> float | None:
    """Parse "Rp 1.250.000,-", "$1,234.56", "(12,5)", "7%" ... or return None."""
    s = re.sub(r"^(rp\.?|idr|usd|[$£€])|(idr|usd|%|[.,]-)$", "", re.sub(r"[\s']", "", text.lower()))
    negative = s[:1] == "(" and s[-1:] == ")"
    s = re.sub(r"[.,](?=\d{3}(?!\d))", "", s.strip("()")).replace(",", ".")  # thousands groups out
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", s):
        return None
    return -float(s) if negative else float(s)


def _is_numeric(values: list[str]) -> bool:
    return _share(values, lambda x: _number(x) is not None) >= 0.9


def _is_money(text: str) -> bool:
    """Money rather than a count: a currency, a separator, or a large round number."""
    value = _number(text)
    if value is None:
        return False
    return bool(re.search(r"rp|idr|[$£€.,]", text.lower())) or (abs(value) >= 1000 and text.endswith("00"))


def _is_serial(values: list[str]) -> bool:
    """Numbers that are IDs: distinct digit strings of one width (536365, 536366...), not round sums."""
    widths = {len(v) for v in values}
    return (all(v.isdigit() for v in values) and len(widths) == 1 and min(widths) >= 4
            and len(set(values)) == len(values) and not all(v.endswith("00") for v in values))


def _is_identifier(values: list[str]) -> bool:
    """Near-unique codes without spaces; never low-cardinality text such as a channel."""
    distinct = len(set(values))
    if distinct < 3 or distinct < 0.9 * len(values) or _share(values, lambda x: " " not in x) < 0.9:
        return False
    if all(v.isdigit() for v in values):  # counts and durations are digits too: IDs keep one width
        return _is_serial(values)
    return _share(values, _is_money) < 0.5


_MONTHS = ("januari january februari february maret march april mei may juni june juli july agustus august "
           "september oktober october november desember december").split()
_TIME = re.compile(r"[ t]+\d{1,2}[:.]\d{2}([:.]\d{2}(\.\d+)?)?\s*([ap]m)?\s*(z|[+-]\d{2}:?\d{2})?$")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](?:\d{4}|\d{2})")
_COMPACT = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


def _is_month(word: str) -> bool:
    return word in {"agt", "sept"} or (len(word) >= 3 and any(m.startswith(word) for m in _MONTHS))


def _is_date(text: str) -> bool:
    """Whether ``text`` reads as a date: ISO, d/m/Y, m/d/Y, YYYYMMDD, "27 Agustus 2026", "Nov 2026".

    Examples
    --------
    >>> [_is_date(x) for x in ("2026-11-27", "27/11/2026", "20261127", "27 Agustus 2026", "27", "abc")]
    [True, True, True, True, False, False]
    """
    s = _TIME.sub("", text.strip().lower())
    if m := _ISO.fullmatch(s):
        return 1 <= int(m[2]) <= 12 and (m[3] is None or 1 <= int(m[3]) <= 31)
    if m := _DMY.fullmatch(s):
        return 1 <= min(int(m[1]), int(m[2])) <= 12 and max(int(m[1]), int(m[2])) <= 31
    if _COMPACT.fullmatch(s):
        return True
    parts = [p for p in re.split(r"[\s\-/.,]+", s) if p]
    if len(parts) == 4 and parts[0].isalpha() and not _is_month(parts[0]):
        parts = parts[1:]  # a weekday in front: "Senin, 27 Nov 2026"
    if len(parts) not in (2, 3) or not re.fullmatch(r"\d{2}|\d{4}", parts[-1]):
        return False
    if len(parts) == 2:
        return _is_month(parts[0])
    day, month = parts[:2] if parts[0].isdigit() else parts[1::-1]
    return day.isdigit() and 1 <= int(day) <= 31 and _is_month(month)


def missing_roles(kind: str, mapping: Mapping[str, str | None]) -> list[str]:
    """Required roles of ``kind`` that ``mapping`` does not fill.

    For ``orders``, ``"amount"`` is listed when neither ``amount`` nor both
    ``quantity`` and ``unit_price`` are mapped: messages then say "amount (or
    quantity and unit_price)".

    Examples
    --------
    >>> missing_roles("orders", {"date": "Tanggal", "quantity": "Qty"})
    ['amount']
    >>> missing_roles("orders", {"date": "Tanggal", "quantity": "Qty", "unit_price": "Harga"})
    []
    """
    spec = _kind(kind)
    have = {role for role, column in mapping.items() if column is not None and column != ""}
    missing = [role for role in spec.required if role not in have]
    for role, instead in _ALTERNATIVES.get(kind, {}).items():
        if role not in have and not set(instead) <= have:
            missing.append(role)
    return missing


def validate_mapping(
    mapping: Mapping[str, str | None], columns: Sequence[str], kind: str, *, file: str = ""
) -> dict[str, str]:
    """Check a role -> column mapping against a file's columns; return it without ``None`` values.

    Parameters
    ----------
    mapping
        role -> column name; ``None`` leaves a role unmapped.
    columns
        The file's column names.
    kind
        A key of :data:`KINDS`.
    file
        The file's name, for messages.

    Raises
    ------
    DataSchemaError
        ``unknown_kind``; ``unknown_role`` (not a role of the kind); ``unknown_column`` or
        ``unknown_column_close`` (not in the file; the latter names close matches);
        ``column_twice`` (one column, two roles); ``missing_role`` or ``missing_amount``.

    Examples
    --------
    >>> validate_mapping({"date": "tgl", "amount": "total", "status": None}, ["tgl", "total"], "orders")
    {'date': 'tgl', 'amount': 'total'}
    """
    spec = _kind(kind)
    name, cols = file or "data", list(columns)
    clean: dict[str, str] = {}
    for role, column in mapping.items():
        if role not in spec.roles:
            raise DataSchemaError("unknown_role", role=role, kind=kind, valid=_listing(spec.roles))
        if column is None:
            continue
        if column not in cols:
            lowered = {str(c).lower(): c for c in cols}
            close = [lowered[c] for c in difflib.get_close_matches(str(column).lower(), list(lowered), n=3)]
            raise DataSchemaError("unknown_column_close" if close else "unknown_column", column=column, role=role,
                                  file=name, columns=_listing(cols), close=_listing(close))
        if column in clean.values():
            other = next(r for r, c in clean.items() if c == column)
            raise DataSchemaError("column_twice", column=column, roles=_listing([other, role]), file=name)
        clean[role] = column
    missing = missing_roles(kind, clean)
    if missing:
        code = "missing_amount" if "amount" in missing and kind in _ALTERNATIVES else "missing_role"
        raise DataSchemaError(code, role=_listing(missing), kind=kind, file=name, columns=_listing(cols))
    return clean
