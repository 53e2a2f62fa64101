"""KPI definitions: the catalog of DESIGN.md and custom KPIs from formulas.

A :class:`Metric` says what a KPI means (labels, description, unit, whether
higher is better) and how it is built from *measures*: sums and counts over
one dataset kind, such as ``orders.revenue`` or ``leads.converted`` (see
:mod:`kpi.measures`). A ratio KPI is a division of two measure expressions;
the engine carries both sides through every query.

Examples
--------
>>> CATALOG["conversion_rate"].label("id")
'Persentase Konversi'
>>> CATALOG["roas"].datasets, CATALOG["roas"].is_ratio
(('orders', 'spend'), True)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from kpi import formula as f
from kpi.errors import FormulaError, UnknownMetricError
from kpi.i18n import Message
from kpi.roles import KINDS, ROLES

__all__ = ["CATALOG", "UNITS", "Metric", "define", "delete_custom", "load_custom", "lookup", "save_custom"]

MetricKind = Literal["simple", "ratio", "derived", "cumulative", "cohort"]
UNITS = ("currency", "count", "percent", "points", "ratio", "number")
_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")


@dataclass(frozen=True)
class Metric:
    """A KPI: what it means and how it is built from measures.

    ``expr`` is a :mod:`kpi.formula` tree over measure names (``orders.revenue``);
    ``formula`` is the same definition as a reader writes it (``revenue / orders``).
    A ratio KPI's value is ``scale * numerator / denominator``.
    """

    name: str
    label_id: str
    label_en: str
    description_id: str
    description_en: str
    kind: MetricKind
    unit: str
    higher_is_better: bool
    expr: f.Node
    formula: str
    scale: float = 1.0
    cumulative: bool = False
    custom: bool = False

    def label(self, lang: str = "id") -> str:
        """The KPI's name for people, in ``lang``."""
        return self.label_id if lang == "id" else self.label_en

    def description(self, lang: str = "id") -> str:
        """What the KPI counts, in ``lang``."""
        return self.description_id if lang == "id" else self.description_en

    @property
    def is_ratio(self) -> bool:
        """Whether results carry ``numerator`` and ``denominator``."""
        return isinstance(self.expr, f.Bin) and self.expr.op == "/"

    @property
    def measures(self) -> tuple[str, ...]:
        """The measures the KPI is built from."""
        return tuple(f.names(self.expr))

    @property
    def datasets(self) -> tuple[str, ...]:
        """The dataset kinds the KPI reads, in catalog order."""
        kinds = {m.split(".")[0] for m in self.measures}
        return tuple(k for k in KINDS if k in kinds)

    def format(self, value: float, lang: str = "id", currency: str = "IDR") -> str:
        """``value`` formatted for people: ``Rp1.234.567``, ``12,3%``, ``+35``...

        Examples
        --------
        >>> CATALOG["revenue"].format(1234567, "id")
        'Rp1.234.567'
        """
        from kpi.formats import format_value

        return format_value(value, self.unit, lang, currency=currency)


def _m(name: str, label_id: str, label_en: str, kind: MetricKind, unit: str, expr: str, formula: str,
       description_id: str, description_en: str, *, higher: bool = True, scale: float = 1.0,
       cumulative: bool = False) -> Metric:
    return Metric(name, label_id, label_en, description_id, description_en, kind, unit, higher,
                  f.parse(expr), formula, scale, cumulative)


CATALOG: dict[str, Metric] = {m.name: m for m in (
    _m("revenue", "Angka Penjualan", "Revenue", "simple", "currency", "orders.revenue", "sum(amount)",
       "Jumlah nilai penjualan, dikurangi retur.", "Sum of sales amounts, net of returns."),
    _m("orders", "Jumlah Pesanan", "Orders", "simple", "count", "orders.orders", "count(orders)",
       "Banyaknya pesanan berbeda yang berisi pembelian (nilai > 0); retur tidak dihitung.",
       "Distinct orders with a purchase (amount > 0); returns are not orders."),
    _m("aov", "Nilai Rata-rata Pesanan", "Average order value", "ratio", "currency",
       "orders.revenue / orders.orders", "revenue / orders",
       "Penjualan dibagi jumlah pesanan.", "Revenue divided by orders."),
    _m("active_customers", "Pelanggan Aktif", "Active customers", "simple", "count", "orders.customers",
       "count(customers)", "Pelanggan berbeda yang membeli dalam periode.",
       "Distinct customers with a purchase in the period."),
    _m("new_customers", "Pelanggan Baru", "New customers", "cohort", "count", "orders.new_customers",
       "count(first purchases)",
       "Pelanggan yang pembelian pertamanya jatuh dalam periode; dihitung di kanal, wilayah dan produk "
       "pembelian pertama itu.",
       "Customers whose first purchase ever falls in the period, counted in the channel, region and "
       "product of that first purchase."),
    _m("retention_rate", "Tingkat Loyalitas", "Retention rate", "ratio", "percent",
       "orders.retained / orders.previous_customers", "retained customers / previous period's customers",
       "Pelanggan yang membeli di periode sebelumnya dan membeli lagi di periode ini, dibagi pelanggan "
       "periode sebelumnya.",
       "Customers who bought in the previous period and again in this one, divided by the previous "
       "period's customers."),
    _m("churn_rate", "Tingkat Churn", "Churn rate", "ratio", "percent",
       "orders.lost / orders.previous_customers", "1 - retention_rate",
       "Pelanggan periode sebelumnya yang tidak membeli lagi di periode ini, dibagi pelanggan periode "
       "sebelumnya.", "Previous period's customers who did not buy again in this one, divided by them.",
       higher=False),
    _m("repeat_purchase_rate", "Tingkat Pembelian Ulang", "Repeat purchase rate", "ratio", "percent",
       "orders.repeat_customers / orders.customers", "customers with 2+ orders / active_customers",
       "Pelanggan dengan 2 pesanan atau lebih dalam periode, dibagi pelanggan aktif.",
       "Customers with 2 or more orders in the period, divided by active customers."),
    _m("revenue_cumulative", "Penjualan Kumulatif", "Cumulative revenue", "cumulative", "currency",
       "orders.revenue", "running total of revenue",
       "Total berjalan penjualan sejak awal rentang yang dipilih.",
       "Running total of revenue from the start of the chosen range.", cumulative=True),
    _m("leads", "Jumlah Prospek", "Leads", "simple", "count", "leads.leads", "count(leads)",
       "Prospek yang masuk dalam periode.", "Leads created in the period."),
    _m("conversion_rate", "Persentase Konversi", "Conversion rate", "ratio", "percent",
       "leads.converted / leads.leads", "converted leads / leads",
       "Prospek yang masuk dalam periode dan menjadi pelanggan (bisa dalam batas N hari), dibagi prospek.",
       "Leads created in the period that converted (optionally within N days), divided by leads."),
    _m("spend", "Biaya Pemasaran", "Marketing spend", "simple", "currency", "spend.spend", "sum(spend)",
       "Jumlah biaya pemasaran.", "Sum of marketing spend.", higher=False),
    _m("cpl", "Biaya per Prospek", "Cost per lead", "ratio", "currency", "spend.spend / leads.leads",
       "spend / leads", "Biaya pemasaran dibagi jumlah prospek.", "Marketing spend divided by leads.",
       higher=False),
    _m("cac", "Biaya Akuisisi Pelanggan", "Customer acquisition cost", "ratio", "currency",
       "spend.spend / orders.new_customers", "spend / new_customers",
       "Biaya pemasaran dibagi pelanggan baru.", "Marketing spend divided by new customers.", higher=False),
    _m("roas", "ROAS", "ROAS", "ratio", "ratio", "orders.revenue / spend.spend", "revenue / spend",
       "Penjualan dibagi biaya pemasaran pada periode yang sama (dan kanal yang sama bila dipilih).",
       "Revenue divided by marketing spend in the same period (and channel, when split by it)."),
    _m("ctr", "CTR", "CTR", "ratio", "percent", "spend.clicks / spend.impressions", "clicks / impressions",
       "Klik dibagi tayangan iklan.", "Ad clicks divided by impressions."),
    _m("engagement", "Interaksi", "Engagement", "simple", "count", "social.engagement",
       "likes + shares + comments", "Suka + dibagikan + komentar.", "Likes + shares + comments."),
    _m("engagement_rate", "Tingkat Interaksi", "Engagement rate", "ratio", "percent",
       "social.engagement / social.engagement_base", "engagement / impressions",
       "Interaksi dibagi tayangan (atau pengikut di akhir periode bila tidak ada tayangan).",
       "Engagement divided by impressions (or by followers at period end when there are none)."),
    _m("follower_growth", "Pertumbuhan Pengikut", "Follower growth", "simple", "count",
       "social.follower_growth", "followers at end - followers at start",
       "Pengikut di akhir periode dikurangi pengikut di awal periode, dijumlah semua platform.",
       "Followers at period end minus followers at period start, summed over platforms."),
    _m("nps", "NPS", "NPS", "ratio", "points", "survey.nps_net / survey.nps_responses",
       "% promoters (9-10) - % detractors (0-6)",
       "Persen skor 9-10 dikurangi persen skor 0-6 (skala 0-10).",
       "Percent of scores 9-10 minus percent of scores 0-6 (0-10 scale).", scale=100.0),
    _m("csat", "Kepuasan Pelanggan", "CSAT", "ratio", "percent", "survey.csat_satisfied / survey.csat_responses",
       "% of scores 4-5", "Persen skor 4-5 (skala 1-5).", "Percent of scores 4-5 (1-5 scale)."),
)}


def lookup(name: str | Metric, custom: Mapping[str, Metric] | None = None) -> Metric:
    """The KPI called ``name`` (catalog first, then ``custom``).

    Raises
    ------
    UnknownMetricError
        No such KPI; the message suggests the closest names.
    """
    if isinstance(name, Metric):
        return name
    known = {**CATALOG, **(custom or {})}
    if isinstance(name, str) and name in known:
        return known[name]
    hint = did_you_mean(str(name), known)
    raise UnknownMetricError("unknown_metric", name=name, hint=hint, known=", ".join(known))


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """A " Did you mean ...?" hint naming the closest of ``choices``, or ``""``."""
    close = difflib.get_close_matches(name, list(choices), n=3)
    return Message("did_you_mean", names=", ".join(f"`{c}`" for c in close)) if close else ""


def _number_roles() -> dict[str, list[str]]:
    """Numeric role -> the kinds that have it (deals are merged into leads, so left out)."""
    found: dict[str, list[str]] = {}
    for kind in KINDS.values():
        for role in kind.roles:
            if ROLES[role].type == "number" and kind.name != "deals":
                found.setdefault(role, []).append(kind.name)
    return found


def define(name: str, formula: str, known: Mapping[str, Metric], *, label_id: str | None = None,
           label_en: str | None = None, unit: str = "number", higher_is_better: bool = True,
           description: str | None = None) -> Metric:
    """A custom KPI from ``formula`` over KPI names and number roles.

    A name is a KPI of ``known``, a number role summed over its dataset
    (``quantity``), or ``kind.role`` when several kinds have that role
    (``social.impressions``). A formula whose last step is a division is a
    ratio KPI.

    Raises
    ------
    FormulaError
        Bad name, bad unit, bad syntax, or an unknown or ambiguous name.

    Examples
    --------
    >>> m = define("revenue_per_customer", "revenue / active_customers", CATALOG)
    >>> m.is_ratio, m.datasets, f.to_text(m.expr)
    (True, ('orders',), 'orders.revenue / orders.customers')
    """
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise FormulaError("bad_metric_name", name=name)
    if name in CATALOG:
        raise FormulaError("builtin_metric", name=name)
    if unit not in UNITS:
        raise FormulaError("bad_unit", value=unit, known=", ".join(UNITS))
    tree = f.parse(formula)
    expr = _expand(tree, formula, known, name)
    kind: MetricKind = "ratio" if isinstance(expr, f.Bin) and expr.op == "/" else "derived"
    text = description or formula
    return Metric(name, label_id or name, label_en or label_id or name, text, text, kind, unit,
                  bool(higher_is_better), expr, f.to_text(tree), custom=True)


def _expand(node: f.Node, formula: str, known: Mapping[str, Metric], name: str) -> f.Node:
    """Replace KPI and role names by measure expressions."""
    if isinstance(node, f.Bin):
        return f.Bin(node.op, _expand(node.left, formula, known, name),
                     _expand(node.right, formula, known, name))
    if isinstance(node, f.Neg):
        return f.Neg(_expand(node.operand, formula, known, name))
    if not isinstance(node, f.Ref):
        return node
    if node.name == name:
        raise FormulaError("formula_cycle", name=name, formula=formula)
    if node.name in known and not known[node.name].cumulative:
        target = known[node.name]
        # A KPI's scale (NPS counts in points) is part of its value inside a formula.
        return f.Bin("*", f.Num(target.scale), target.expr) if target.scale != 1 else target.expr
    return f.Ref(_role_measure(node.name, formula, known))


def _role_measure(ref: str, formula: str, known: Mapping[str, Metric]) -> str:
    roles = _number_roles()
    kind, _, role = ref.rpartition(".")
    if kind and role in roles and kind in roles[role]:
        return f"{kind}.sum_{role}"
    if not kind and ref in roles:
        if len(roles[ref]) > 1:
            kinds = ", ".join(roles[ref])
            raise FormulaError("formula_ambiguous_role", formula=formula, name=ref, kinds=kinds,
                               example=f"{roles[ref][0]}.{ref}")
        return f"{roles[ref][0]}.sum_{ref}"
    choices = [m for m in known if not known[m].cumulative] + list(roles)
    hint = did_you_mean(ref, choices)
    raise FormulaError("formula_unknown_name", formula=formula, name=ref, hint=hint,
                       known=", ".join(m for m in known if not known[m].cumulative))


def load_custom(cur: Any) -> dict[str, Metric]:
    """The custom KPIs stored in the workspace behind ``cur``, oldest first."""
    rows = cur.execute("SELECT name, formula, expression, label_id, label_en, description, unit, "
                       "higher_is_better FROM kinerja_metrics ORDER BY created_at, name").fetchall()
    found = {}
    for name, text, expression, label_id, label_en, description, unit, higher in rows:
        expr = f.parse(expression)
        kind: MetricKind = "ratio" if isinstance(expr, f.Bin) and expr.op == "/" else "derived"
        found[name] = Metric(name, label_id, label_en, description, description, kind, unit, higher, expr,
                             text, custom=True)
    return found


def save_custom(cur: Any, metric: Metric) -> None:
    """Store ``metric`` (a custom KPI) in the workspace behind ``cur``."""
    cur.execute("INSERT INTO kinerja_metrics VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())",
                [metric.name, metric.formula, f.to_text(metric.expr), metric.label_id, metric.label_en,
                 metric.description_en, metric.unit, metric.higher_is_better])


def delete_custom(cur: Any, name: str) -> None:
    """Remove the custom KPI ``name`` from the workspace behind ``cur``."""
    cur.execute("DELETE FROM kinerja_metrics WHERE name = ?", [name])
