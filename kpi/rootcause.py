"""Why did a KPI change? :func:`explain` splits the change over segments and finds the causes.

The KPI's sums per segment come from :mod:`kpi.segments` (one pass, GROUPING
SETS over single dimensions and combinations of two or three), the
contributions, mix/rate effects and tests from :mod:`kpi.stats.attribution`.
Findings are the segments that changed significantly differently from the rest
of the data (Benjamini-Hochberg across every segment tested), the most specific
first when a drop is confined to a child segment; the sentences are in
:mod:`kpi.narrative`. See ``docs/rootcause_contract.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kpi import narrative, segments
from kpi.compiler import to_date
from kpi.errors import QueryError
from kpi.metrics import Metric, lookup
from kpi.stats import adjust_pvalues
from kpi.stats.attribution import Sums, decompose, segment_tests, z_inflation

if TYPE_CHECKING:
    from kpi.targets import Target
    from kpi.workspace import Workspace

__all__ = ["Explanation", "Finding", "explain"]

Span = tuple[dt.date, dt.date]
BLANK = "–"
OTHER = "(other)"
#: A child isolates its parent's change when it differs from the rest of the parent at this level.
ISOLATES = 0.01
#: ... and carries this much of the parent's change beyond its fair share (``excess``).
CARRIES = 0.7
COLUMNS = ["dimension", "segment", "level", "baseline", "current", "change", "baseline_weight", "current_weight",
           "contribution", "share_of_change", "mix_effect", "rate_effect", "excess", "surprise", "statistic",
           "pvalue", "qvalue", "significant", "test", "rest_baseline", "rest_current", "baseline_rows",
           "current_rows", "other", "duplicate"]


@dataclass(frozen=True)
class Finding:
    """A segment that changed differently from the rest of the data; ``str()`` says it in English."""

    segment: dict[str, str | None]
    dimension: str
    label: str
    baseline: float
    current: float
    change: float
    contribution: float
    share_of_change: float
    mix_effect: float
    rate_effect: float
    excess: float
    statistic: float
    pvalue: float
    qvalue: float
    test: str
    rest_baseline: float
    rest_current: float
    baseline_weight: float
    current_weight: float
    metric: Metric = field(repr=False)

    def sentence(self, lang: str = "id") -> str:
        """The finding as one plain sentence in ``lang``."""
        return narrative.finding(self, lang)

    def __str__(self) -> str:
        return self.sentence("en")


@dataclass(frozen=True)
class Explanation:
    """The change of a KPI between two spans, split over segments; see ``docs/rootcause_contract.md``."""

    metric: Metric
    kind: str
    current: Span
    baseline: Span
    baseline_kind: str
    target_id: int | None
    filters: dict[str, Any]
    dimensions_used: tuple[str, ...]
    total_baseline: float
    total_current: float
    total_change: float
    tested: int
    suppressed: int
    alpha: float
    method: str
    contributions: pd.DataFrame = field(repr=False)
    dimensions: pd.DataFrame = field(repr=False)
    findings: list[Finding] = field(repr=False)
    #: How much more the tests' z^2 varied than they should (genomic control; 1 = not at all).
    inflation: float = 1.0

    def narrative(self, lang: str = "id", top: int = 3) -> str:
        """What changed and which segments explain it, in a few plain sentences in ``lang``."""
        return narrative.explanation(self, lang, top)


def _span(value: Any, option: str) -> Span:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise QueryError("explain_bad_span", option=option, value=value)
    lo, hi = to_date(value[0], option), to_date(value[1], option)
    if lo is None or hi is None:
        raise QueryError("explain_bad_span", option=option, value=value)
    if lo > hi:
        raise QueryError("start_after_end", start=lo.isoformat(), end=hi.isoformat())
    return lo, hi


def _baseline(current: Span, baseline: Any) -> tuple[Span, str]:
    if isinstance(baseline, str):
        if baseline == "previous":
            days = (current[1] - current[0]).days + 1
            return (current[0] - dt.timedelta(days=days), current[0] - dt.timedelta(days=1)), "previous"
        if baseline == "last_year":
            shift = pd.DateOffset(years=1)
            return ((pd.Timestamp(current[0]) - shift).date(), (pd.Timestamp(current[1]) - shift).date()), "last_year"
        raise QueryError("explain_bad_baseline", value=baseline)
    return _span(baseline, "baseline"), "period"


def _default_current(ws: Workspace, m: Metric) -> Span:
    """The last whole month of data."""
    found = ws.date_range(m)
    if found is None:
        raise QueryError("explain_no_data", metric=m.name)
    last = found[1]
    if (last + dt.timedelta(days=1)).month == last.month:
        last = last.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1), last


def explain(ws: Workspace, metric: str | Metric, current: Any = None, baseline: Any = "last_year", *,
            target: Target | int | None = None, by: Sequence[str] | None = None,
            filters: Mapping[str, Any] | None = None, depth: int = 3, alpha: float = 0.05,
            min_share: float = 0.01, min_rows: int = 10, as_of: Any = None,
            datasets: Mapping[str, str] | None = None) -> Explanation:
    """Split the change of ``metric`` between ``baseline`` and ``current`` over segments and find the causes.

    See :meth:`kpi.Workspace.explain`.
    """
    plan, scope, t = None, None, None
    if target is not None:
        t = ws.target(target)
        scope = dict(t.filters or {})
        metric, filters = t.metric, scope if filters is None else filters
        progress = ws.progress(t, as_of)
        if progress.status == "not_started" or np.isnan(progress.expected):
            raise QueryError("explain_target_not_started", start=t.start.isoformat())
        current = current if current is not None else (t.start, min(t.end, progress.as_of))
        plan = float(progress.expected)
    m = lookup(metric, ws.custom_metrics())
    lay = segments.layout(m)
    if not isinstance(depth, int) or isinstance(depth, bool) or depth not in (1, 2, 3):
        raise QueryError("explain_bad_depth", value=depth)
    cur = _span(current, "current") if current is not None else _default_current(ws, m)
    base, kind = _baseline(cur, "last_year" if plan is not None else baseline)
    filters = dict(filters or {})
    if by is None:
        pinned = {k for k, v in filters.items() if not isinstance(v, list | tuple) or len(v) == 1}
        by = [d for d in ws.dimensions(m) if d not in pinned]
    by = [by] if isinstance(by, str) else list(dict.fromkeys(by))
    frame = _fetch(ws, lay, by, filters, cur, base, depth, datasets)
    if plan is not None and frame["bn"].iloc[0] == 0:  # no last year: the span just before it
        base, _ = _baseline(cur, "previous")
        frame = _fetch(ws, lay, by, filters, cur, base, depth, datasets)
    for prefix, span, code in (("b", base, "explain_no_baseline"), ("c", cur, "explain_no_current")):
        if frame[f"{prefix}n"].iloc[0] == 0:
            raise QueryError(code, metric=m.name, start=span[0].isoformat(), end=span[1].isoformat())
    factor = 1.0
    if plan is not None:
        # The plan is for the target's whole scope: a narrower view (a drilled segment) gets its own
        # last year times the same factor.
        whole = frame if filters == scope else _fetch(ws, lay, [], scope, cur, base, 1, datasets)
        reference = _value(whole.iloc[0], "b", lay, m)
        if not reference or not np.isfinite(reference):
            raise QueryError("explain_no_baseline", metric=m.name, start=base[0].isoformat(),
                             end=base[1].isoformat())
        factor = plan / reference
    constant = _constant(frame, len(by))
    table = _table(frame, by, lay, m, factor, constant, alpha, min_share, min_rows)
    total = frame.iloc[0]
    tb, tc = _value(total, "b", lay, m) * factor, _value(total, "c", lay, m)
    used = [d for i, d in enumerate(by) if i not in constant]
    method = ("mix/rate decomposition; delta-method z-tests of each segment against the rest"
              if lay.ratio else "contributions; delta-method z-tests of each segment against the rest")
    return Explanation(m, "ratio" if lay.ratio else "additive", cur, base, "target" if plan is not None else kind,
                       None if t is None else t.id, filters, tuple(used), tb, tc, tc - tb,
                       int((table["pvalue"].notna() & ~table["duplicate"]).sum()), int(frame.attrs["suppressed"]),
                       alpha, method + ", Benjamini-Hochberg q-values behind a Bonferroni gate",
                       table.drop(columns=[c for c in table.columns if c.startswith("_")]),
                       _dimensions(table, used), _findings(table, by, m, lay.ratio), float(frame.attrs["inflation"]))


def _constant(frame: pd.DataFrame, k: int) -> set[int]:
    """The dimensions with one value in the data explained (a filter pins them): nothing to split."""
    full = (1 << k) - 1
    return {i for i in range(k) if (frame["_g"] == full ^ (1 << (k - 1 - i))).sum() <= 1}


def _fetch(ws: Workspace, lay: segments.Layout, by: list[str], filters: dict, cur: Span, base: Span, depth: int,
           datasets: Mapping[str, str] | None) -> pd.DataFrame:
    if cur[0] <= base[1] and base[0] <= cur[1]:
        raise QueryError("explain_overlap", current=f"{cur[0]}..{cur[1]}", baseline=f"{base[0]}..{base[1]}")
    frame = segments.fetch(ws, lay, by, filters, cur, base, depth, datasets)
    full = (1 << len(by)) - 1
    frame = frame.sort_values("_g", ascending=False, kind="stable").reset_index(drop=True)
    if len(frame) == 0 or frame["_g"].iloc[0] != full:  # no rows at all: a zero total
        zero = pd.DataFrame([{c: (full if c == "_g" else 0.0) for c in frame.columns}])
        frame = pd.concat([zero, frame], ignore_index=True)
    return frame


def _value(row: pd.Series, prefix: str, lay: segments.Layout, m: Metric) -> float:
    if lay.ratio:
        return m.scale * row[f"{prefix}x"] / row[f"{prefix}y"] if row[f"{prefix}y"] else float("nan")
    return float(row[f"{prefix}x"])


def _sums(frame: pd.DataFrame, prefix: str) -> Sums:
    return Sums(*(frame[prefix + s].to_numpy(dtype=float) for s in ("x", "xx", "y", "yy", "xy", "n")))


def _table(frame: pd.DataFrame, by: list[str], lay: segments.Layout, m: Metric, factor: float, constant: set[int],
           alpha: float, min_share: float, min_rows: int) -> pd.DataFrame:
    """The contributions table (with a ``_key`` column of ``(dimension index, value)`` pairs).

    ``factor`` scales the baseline's values (numerators): the target path's plan over last year.
    """
    total, rows = frame.iloc[:1], frame.iloc[1:]
    k = len(by)
    dims_of = {g: tuple(i for i in range(k) if not g & (1 << (k - 1 - i))) for g in rows["_g"].unique()}
    keep = {g for g, dims in dims_of.items() if not constant.intersection(dims)}
    rows = rows[rows["_g"].isin(keep)]
    # Tiny segments: too few rows, or too small a share of the data, in both spans.
    size = "y" if lay.ratio else "x"
    share = np.maximum.reduce([np.abs(rows[f"{p}{v}"] / total[f"{p}{v}"].iloc[0]).fillna(0)
                               for p in "bc" for v in (size, "n") if total[f"{p}{v}"].iloc[0]])
    tiny = ((np.maximum(rows["bn"], rows["cn"]) < min_rows) | (share < min_share)).to_numpy()
    frame.attrs["suppressed"] = int(tiny.sum())
    sums = [c for c in frame.columns if c[0] in "bc"]
    folded = rows[tiny].groupby("_g", sort=False)[sums].sum().reset_index()
    folded["_key"] = [tuple((i, OTHER) for i in dims_of[g]) for g in folded["_g"]]
    rows = rows[~tiny].copy()
    rows["_key"] = _keys(rows, dims_of)
    rows = pd.concat([rows.assign(other=False), folded.assign(other=True)], ignore_index=True)
    rows["_dims"] = rows["_g"].map(dims_of)
    # Segments with the same rows as one with fewer dimensions (or earlier in `by`) are tested once.
    signature = pd.DataFrame({c: np.round(rows[c] / (abs(total[c].iloc[0]) or 1.0), 10)
                              for c in ("bx", "cx", "by", "cy", "bn", "cn")})
    rank = rows["_dims"].map(lambda d: (len(d), d))
    order = np.argsort(rank.map({r: j for j, r in enumerate(sorted(set(rank)))}).to_numpy(), kind="stable")
    ordered = signature.iloc[order].assign(_row=order, _other=rows["other"].to_numpy()[order])
    firsts = ordered[~ordered["_other"]].groupby(list(signature.columns), sort=False)["_row"].transform("first")
    twin = np.arange(len(rows))
    twin[firsts.index.to_numpy()] = firsts.to_numpy()
    tc, tb = _sums(total, "c"), _sums(total, "b")
    floats = {p: Sums(*(float(a[0]) for a in (s.x, s.xx, s.y, s.yy, s.xy, s.n))) for p, s in (("c", tc), ("b", tb))}
    cur, base = _sums(rows, "c"), _sums(rows, "b")
    scale = _rate_scale(m) if lay.ratio else None
    tests = segment_tests(cur, base, floats["c"], floats["b"], scale)
    own = twin == np.arange(len(rows))
    # Sums of money vary more than independent rows would; binary outcomes (conversions) do not, and a
    # real change moves every other segment's "rest" too, so the correction is kept to where it is needed.
    inflation = 1.0 if lay.ratio else z_inflation(tests["statistic"][own])
    if inflation > 1.0:
        tests = segment_tests(cur, base, floats["c"], floats["b"], scale, inflation)
    frame.attrs["inflation"] = inflation
    if factor != 1.0:  # the target path: tests (above) compare with last year itself, unscaled
        base = Sums(base.x * factor, base.xx * factor ** 2, base.y, base.yy, base.xy * factor, base.n)
        b = floats["b"]
        floats["b"] = Sums(b.x * factor, b.xx * factor ** 2, b.y, b.yy, b.xy * factor, b.n)
    parts = decompose(cur, base, floats["c"], floats["b"], lay.ratio, m.scale)
    out = pd.DataFrame({
        "dimension": [", ".join(by[i] for i in dims) for dims in rows["_dims"]],
        "segment": [", ".join(BLANK if v is None else v for _, v in key) for key in rows["_key"]],
        "level": [len(d) for d in rows["_dims"]], **parts,
        "statistic": tests["statistic"], "pvalue": tests["pvalue"], "test": tests["test"],
        "baseline_rows": rows["bn"].astype("int64"), "current_rows": rows["cn"].astype("int64"),
        "other": rows["other"].astype(bool), "_key": rows["_key"]})
    out.loc[out["other"], ["statistic", "pvalue"]] = np.nan
    out["duplicate"] = twin != np.arange(len(rows))
    total_change = _total_change(floats, lay, m)
    out["share_of_change"] = out["contribution"] / total_change if total_change else np.nan
    out["qvalue"] = adjust_pvalues(out["pvalue"].where(~out["duplicate"]).to_numpy(dtype=float))
    out["qvalue"] = out["qvalue"].to_numpy()[twin]
    # A global gate first: the smallest p-value must pass Bonferroni over every segment tested. Segments
    # overlap (a parent and its children share rows), and clusters of small p-values let Benjamini-Hochberg
    # report something in more than `alpha` of datasets where nothing changed.
    tested = out["pvalue"].where(~out["duplicate"]).dropna()
    gate = bool(len(tested)) and float(tested.min()) * len(tested) < alpha
    out["significant"] = (out["qvalue"] < alpha).fillna(False).astype(bool) & gate
    for prefix in "cb":
        for v in ("x", "xx", "y", "yy", "xy", "n"):
            out[f"_{prefix}{v}"] = rows[f"{prefix}{v}"].to_numpy()
    if lay.ratio:
        for prefix, name in (("b", "baseline"), ("c", "current")):
            out[f"{name}_numerator"] = rows[f"{prefix}x"].to_numpy() * (factor if prefix == "b" else 1.0)
            out[f"{name}_denominator"] = rows[f"{prefix}y"].to_numpy()
    out = out.sort_values(["level", "dimension", "other", "contribution"], key=_order, kind="stable")
    return out[COLUMNS + [c for c in out.columns if c not in COLUMNS]].reset_index(drop=True)


def _keys(rows: pd.DataFrame, dims_of: dict[int, tuple[int, ...]]) -> list[tuple]:
    """Each row's segment as ``((dimension index, value), ...)``, values as text (``None`` for blank)."""
    keys: list[tuple] = [()] * len(rows)
    position = pd.Series(np.arange(len(rows)), index=rows.index)
    for g, part in rows.groupby("_g", sort=False):
        dims = dims_of[g]
        columns = [[None if pd.isna(v) else str(v) for v in part[f"_d{i}"]] for i in dims]
        for at, values in zip(position[part.index], zip(*columns, strict=True), strict=True):
            keys[at] = tuple(zip(dims, values, strict=True))
    return keys


def _rate_scale(m: Metric) -> str:
    """How a ratio KPI's segment rates are compared (see :func:`kpi.stats.attribution.segment_tests`)."""
    from kpi.evidence import family

    if family(m) == "proportion":
        return "proportion"
    return "difference" if m.unit in ("percent", "points") else "log"


def _order(column: pd.Series) -> pd.Series:
    return column.abs().mul(-1) if column.name == "contribution" else column


def _total_change(t: dict[str, Sums], lay: segments.Layout, m: Metric) -> float:
    """The KPI's change; 0.0 when it is float noise (a target path that equals the actual, say).

    Shares of a change that is noise would be absurd (-25,631,905,098,145,975%), so they are left blank.
    """
    if lay.ratio:
        if not (t["c"].y and t["b"].y):
            return float("nan")
        current, baseline = m.scale * t["c"].x / t["c"].y, m.scale * t["b"].x / t["b"].y
    else:
        current, baseline = t["c"].x, t["b"].x
    change = current - baseline
    return 0.0 if abs(change) <= 1e-9 * max(abs(current), abs(baseline)) else change


def _dimensions(table: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Single dimensions ranked by how much of the change their significant segments carry, then surprise."""
    rows = []
    for name in by:
        part = table[(table["dimension"] == name) & ~table["other"]]
        if part.empty:
            continue
        aligned = part["significant"] & (part["share_of_change"] > 0)
        top = part.loc[part["share_of_change"].abs().idxmax()] if part["share_of_change"].notna().any() else part.iloc[0]
        rows.append({"dimension": name, "surprise": float(part["surprise"].sum()),
                     "explained": float(np.clip(part.loc[aligned, "share_of_change"].sum(), 0, 1)),
                     "top_segment": top["segment"], "top_share": float(top["share_of_change"])})
    out = pd.DataFrame(rows, columns=["dimension", "surprise", "explained", "top_segment", "top_share"])
    return out.sort_values(["explained", "surprise"], ascending=False, kind="stable").reset_index(drop=True)


def _findings(table: pd.DataFrame, by: list[str], m: Metric, ratio: bool) -> list[Finding]:
    """The significant segments by |z|, the most specific that isolates each change (see the contract)."""
    sig = table[table["significant"] & ~table["other"] & ~table["duplicate"]]
    sig = sig.reindex(sig["statistic"].abs().sort_values(ascending=False, kind="stable").index).head(300)
    keys = list(sig["_key"])
    info = {key: row for key, (_, row) in zip(keys, sig.iterrows(), strict=True)}
    scale = _rate_scale(m) if ratio else None

    def below(parent: tuple, child: tuple) -> bool:
        return len(child) > len(parent) and set(parent) <= set(child)

    def sign(key: tuple) -> float:
        return float(np.sign(info[key]["statistic"]))

    def isolates(parent: tuple, child: tuple) -> bool:
        """Whether ``child`` changed differently from the rest of ``parent``, the way ``parent`` did."""
        p, c = info[parent], info[child]
        if sign(parent) != sign(child):
            return False
        whole = {k: Sums(*(float(p[f"_{k}{v}"]) for v in ("x", "xx", "y", "yy", "xy", "n"))) for k in "cb"}
        part = {k: Sums(*(np.array([c[f"_{k}{v}"]], dtype=float) for v in ("x", "xx", "y", "yy", "xy", "n")))
                for k in "cb"}
        res = segment_tests(part["c"], part["b"], whole["c"], whole["b"], scale)
        carries = bool(p["excess"]) and c["excess"] / p["excess"] >= CARRIES
        return bool(carries and res["test"][0] == p["test"] and res["pvalue"][0] < ISOLATES
                    and np.sign(res["statistic"][0]) == sign(parent))

    # A parent whose change one child isolates is reported as that child.
    kept = [p for p in keys if not any(below(p, c) and isolates(p, c) for c in keys)]
    accepted: list[tuple] = []
    for key in kept:  # strongest evidence first
        if any(below(a, key) and sign(a) == sign(key) for a in accepted):
            continue  # a piece of a stronger finding
        pieces = [a for a in accepted if below(key, a) and sign(a) == sign(key)]
        if pieces:  # stronger children that do not isolate the change: the parent says it, in their place
            accepted[accepted.index(pieces[0])] = key
            accepted = [a for a in accepted if a not in pieces[1:]]
            continue
        accepted.append(key)
    out = []
    for key in accepted:
        r = info[key]
        out.append(Finding({by[i]: v for i, v in key},
                           r["dimension"], r["segment"], *(float(r[c]) for c in (
                               "baseline", "current", "change", "contribution", "share_of_change", "mix_effect",
                               "rate_effect", "excess", "statistic", "pvalue", "qvalue")), str(r["test"]),
                           *(float(r[c]) for c in ("rest_baseline", "rest_current", "baseline_weight",
                                                   "current_weight")), m))
    return out
