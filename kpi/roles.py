"""Roles and dataset kinds: what a column can mean, and which meanings each kind of file needs.

A dataset *kind* (``orders``, ``leads``...) needs some *roles* (``date``,
``amount``...); each role maps to one column of the user's file. See
:mod:`kpi.mapping` for guessing and checking a file's mapping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["KINDS", "ROLES", "Kind", "Role", "RoleType"]

RoleType = Literal["date", "number", "id", "text", "boolean"]


@dataclass(frozen=True)
class Role:
    """A meaning that one column of a file can have.

    Examples
    --------
    >>> ROLES["amount"].type, ROLES["amount"].label("id")
    ('number', 'Nilai penjualan')
    """

    name: str
    type: RoleType
    label_id: str
    label_en: str
    help_id: str
    help_en: str

    def label(self, lang: str = "id") -> str:
        """The role's label in ``lang`` (``"id"`` or ``"en"``)."""
        return self.label_id if lang == "id" else self.label_en


ROLES: dict[str, Role] = {r.name: r for r in (
    Role("date", "date", "Tanggal", "Date", "Kapan transaksi/prospek/biaya terjadi.", "When it happened."),
    Role("order_id", "id", "ID pesanan", "Order ID", "Nomor pesanan atau invoice.", "Order or invoice number."),
    Role("customer_id", "id", "ID pelanggan", "Customer ID", "Kode/nama tetap per pelanggan.", "One per customer."),
    Role("amount", "number", "Nilai penjualan", "Amount", "Nilai uang per baris; negatif = retur.",
         "Money value of the line; negative = return."),
    Role("quantity", "number", "Jumlah barang", "Quantity", "Banyaknya barang.", "Number of items."),
    Role("unit_price", "number", "Harga satuan", "Unit price", "Harga per barang.", "Price of one item."),
    Role("status", "text", "Status", "Status", "Status pesanan (selesai, batal...).", "Order status."),
    Role("lead_id", "id", "ID prospek", "Lead ID", "Kode unik setiap prospek.", "A unique code per lead."),
    Role("converted", "boolean", "Terkonversi", "Converted", "Ya/tidak: prospek jadi pelanggan.",
         "Yes/no: the lead became a customer."),
    Role("converted_date", "date", "Tanggal konversi", "Converted date", "Kapan prospek jadi pelanggan.",
         "When the lead became a customer."),
    Role("value", "number", "Nilai deal", "Deal value", "Nilai uang dari deal.", "Money value of the deal."),
    Role("spend", "number", "Biaya", "Spend", "Biaya pemasaran.", "Marketing money spent."),
    Role("impressions", "number", "Tayangan", "Impressions", "Berapa kali tampil.", "Times shown."),
    Role("clicks", "number", "Klik", "Clicks", "Jumlah klik.", "Number of clicks."),
    Role("conversions", "number", "Konversi", "Conversions", "Jumlah konversi.", "Number of conversions."),
    Role("platform", "text", "Platform", "Platform", "Instagram, TikTok...", "Instagram, TikTok..."),
    Role("posts", "number", "Postingan", "Posts", "Jumlah postingan.", "Number of posts."),
    Role("likes", "number", "Suka", "Likes", "Jumlah suka.", "Number of likes."),
    Role("shares", "number", "Dibagikan", "Shares", "Berapa kali dibagikan.", "Number of shares."),
    Role("comments", "number", "Komentar", "Comments", "Jumlah komentar.", "Number of comments."),
    Role("followers", "number", "Pengikut", "Followers", "Jumlah pengikut saat itu.", "Follower count then."),
    Role("reach", "number", "Jangkauan", "Reach", "Akun unik yang terjangkau.", "Unique accounts reached."),
    Role("score", "number", "Skor", "Score", "0-10 (NPS) atau 1-5 (CSAT).", "0-10 (NPS) or 1-5 (CSAT)."),
    Role("question", "text", "Pertanyaan", "Question", "Pertanyaan survei.", "Survey question."),
)}


@dataclass(frozen=True)
class Kind:
    """A kind of dataset and the roles its columns can take.

    ``orders`` lists ``amount``, ``quantity`` and ``unit_price`` as optional,
    but needs ``amount`` or both of the others: :func:`missing_roles` says so.

    Examples
    --------
    >>> KINDS["leads"].required, KINDS["leads"].label("en")
    (('date', 'lead_id'), 'Leads')
    """

    name: str
    label_id: str
    label_en: str
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def roles(self) -> tuple[str, ...]:
        """Required then optional roles."""
        return self.required + self.optional

    def label(self, lang: str = "id") -> str:
        """The kind's label in ``lang`` (``"id"`` or ``"en"``)."""
        return self.label_id if lang == "id" else self.label_en


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("orders", "Penjualan", "Orders", ("date",),
         ("order_id", "customer_id", "amount", "quantity", "unit_price", "status")),
    Kind("leads", "Prospek", "Leads", ("date", "lead_id"), ("converted", "converted_date", "customer_id", "value")),
    Kind("deals", "Closing", "Closed deals", ("lead_id",), ("date", "value", "customer_id")),
    Kind("spend", "Biaya pemasaran", "Marketing spend", ("date", "spend"), ("impressions", "clicks", "conversions")),
    Kind("social", "Media sosial", "Social media", ("date", "platform"),
         ("posts", "likes", "shares", "comments", "followers", "impressions", "reach")),
    Kind("survey", "Kepuasan pelanggan", "Customer satisfaction", ("date", "score"), ("customer_id", "question")),
)}
