"""Plain sentences about a KPI's change and its causes, in Indonesian and English.

:func:`finding` says one :class:`~kpi.rootcause.Finding`; :func:`explanation`
tells the whole :class:`~kpi.rootcause.Explanation`: the headline change, the
findings that explain it (or that nothing stands out), whether a gain is an
opportunity, and for ratio KPIs whether the mix or the rates moved.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from kpi.formats import format_change, format_period, format_value
from kpi.i18n import message
from kpi.metrics import CATALOG
from kpi.roles import ROLES
from kpi.stats._text import format_p, number

if TYPE_CHECKING:
    from kpi.metrics import Metric
    from kpi.rootcause import Explanation, Finding

__all__ = ["explanation", "finding"]

#: A mix effect below this share of the change "barely" moved the KPI.
MINOR = 0.2


def _q(value: float, lang: str) -> str:
    return "q" + format_p(value, lang)[1:]


def _amount(delta: float, base: float, unit: str, lang: str) -> str:
    """How big a change is: points for rates, the amount and the relative change otherwise."""
    if unit in ("percent", "points"):
        return format_change(base + abs(delta), base, unit, lang).lstrip("+")
    shown = format_value(abs(delta), unit, lang, compact=True)
    relative = format_change(base + delta, base, unit, lang)
    return shown if relative == "–" else f"{shown} ({relative})"


def _share(value: float, lang: str) -> str:
    return format_value(value, "percent", lang) if math.isfinite(value) else "–"


def _share_clause(value: float, lang: str, code: str = "rc_share") -> str:
    return message(code, lang, share=_share(value, lang)) if math.isfinite(value) else ""


def _verb(delta: float, lang: str) -> str:
    return message("rc_rose" if delta > 0 else "rc_fell", lang)


def _label(m: Metric, lang: str) -> str:
    return m.label(lang)


def finding(f: Finding, lang: str = "id") -> str:
    """One finding as a sentence that names its segment's values (and no other segment)."""
    m, unit = f.metric, f.metric.unit
    show = {"segment": f.label, "label": _label(m, lang), "q": _q(f.qvalue, lang),
            "share": _share_clause(f.share_of_change, lang), "baseline": format_value(f.baseline, unit, lang, compact=True),
            "current": format_value(f.current, unit, lang, compact=True), "verb": _verb(f.current - f.baseline, lang)}
    if f.test == "mix":
        parts = m.formula.split(" / ")
        base = _named(parts[1], lang) if len(parts) == 2 else message("rc_data", lang)
        show["verb"] = _verb(f.current_weight - f.baseline_weight, lang)
        show["share"] = _share_clause(f.share_of_change, lang, "rc_share_mix")
        return message("rc_finding_mix", lang, **show, base=base, before=_share(f.baseline_weight, lang),
                       after=_share(f.current_weight, lang))
    rest = _relative(f.rest_current, f.rest_baseline, unit, lang)
    own = _relative(f.current, f.baseline, unit, lang)
    return message("rc_finding", lang, **show, own=own, rest=rest)


def _named(term: str, lang: str) -> str:
    """A formula's term in words of ``lang`` ("leads" -> "jumlah prospek"); a custom term stays as written."""
    if term in CATALOG:
        return CATALOG[term].label(lang).lower()
    if term in ROLES:
        return (ROLES[term].label_id if lang == "id" else ROLES[term].label_en).lower()
    return term


def _relative(current: float, baseline: float, unit: str, lang: str) -> str:
    """The change as points or percent, or as a signed amount when there is no positive base (returns)."""
    text = format_change(current, baseline, unit, lang)
    if text != "–" or not (math.isfinite(current) and math.isfinite(baseline)):
        return text
    delta = current - baseline
    return ("+" if delta > 0 else "") + format_value(delta, unit, lang, compact=True)


def _headline(e: Explanation, lang: str) -> str:
    m = e.metric
    against = message(f"rc_against_{e.baseline_kind}", lang, start=format_period(e.baseline[0], "day", lang),
                      end=format_period(e.baseline[1], "day", lang))
    if not e.total_change or not math.isfinite(e.total_change):
        return message("rc_headline_flat", lang, label=_label(m, lang), against=against,
                       current=format_value(e.total_current, m.unit, lang, compact=True))
    return message("rc_headline", lang, label=_label(m, lang), verb=_verb(e.total_change, lang), against=against,
                   amount=_amount(e.total_change, e.total_baseline, m.unit, lang),
                   baseline=format_value(e.total_baseline, m.unit, lang, compact=True),
                   current=format_value(e.total_current, m.unit, lang, compact=True))


def _good(m: Metric, delta: float) -> bool:
    return (delta > 0) == m.higher_is_better


def explanation(e: Explanation, lang: str = "id", top: int = 3) -> str:
    """The explanation in a few sentences: headline, the top findings, opportunity, mix and rates."""
    parts = [_headline(e, lang)]
    if e.findings:
        first = e.findings[0]
        parts.append(message("rc_top", lang, sentence=finding(first, lang)))
        for other in e.findings[1:top]:
            parts.append(message("rc_also", lang, sentence=finding(other, lang)))
        good = [f for f in e.findings[:top] if _good(e.metric, f.excess) and _good(e.metric, f.contribution)]
        if good:
            parts.append(message("rc_opportunity", lang, segments="; ".join(f.label for f in good)))
    else:
        table = e.contributions[~e.contributions["other"]]
        biggest = table.loc[table["contribution"].abs().idxmax()] if len(table) else None
        parts.append(message("rc_nothing", lang, tested=number(e.tested, lang, 0),
                             alpha=number(e.alpha, lang, 2)))
        if biggest is not None and math.isfinite(biggest["share_of_change"]):
            parts.append(message("rc_biggest", lang, segment=biggest["segment"],
                                 share=_share(biggest["share_of_change"], lang)))
    if e.kind == "ratio" and len(e.dimensions) and e.total_change:
        name = e.dimensions["dimension"].iloc[0]
        part = e.contributions[e.contributions["dimension"] == name]
        mix = float(part["mix_effect"].sum())
        share = mix / e.total_change
        code = "rc_mix_minor" if abs(share) < MINOR else "rc_mix_major"
        parts.append(message(code, lang, dimension=name, share=_share(share, lang),
                             mix=format_change(e.total_baseline + mix, e.total_baseline, e.metric.unit, lang)))
    return " ".join(parts)
