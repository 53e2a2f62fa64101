"""The Drill-down page's widgets and renderers: what to explain (a target, or a KPI over two spans), the drill
path, the narrative, the findings (each can become an action), the dimension ranking and the decomposition tree.

Widgets own their keys (``"drilldown.<widget>"``) and return plain values. The drill
path lives in session state under ``"<key>.path"`` together with the question it
belongs to, so that a new question starts again from all data.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st

from kpi import KpiError, charts
from kpi.formats import format_change, format_period, format_value
from kpi.metrics import Metric
from kpi.progress import Thresholds
from kpi.rootcause import BLANK, Explanation
from kpi.stats._text import format_p
from kpi.targets import Target
from ui import cache, feedback, progress_view
from ui.targets import CURRENCY, span_text
from ui.text import method, t

MODES = ("target", "periods")
BASELINES = ("last_year", "previous", "custom")
#: A target in one of these states is where a drill-down starts by default.
BEHIND = ("behind", "at_risk")
#: Errors that say what cannot be explained (yet) rather than what went wrong: shown as a note.
NOTICES = ("explain_not_supported", "explain_target_not_started")
_DAY = dt.timedelta(days=1)

Span = tuple[dt.date, dt.date]
Step = tuple[str, str | None]  # (dimension, value): one segment drilled into


class Root(NamedTuple):
    """The question at the top of the drill path: a KPI over two spans, or a target against its plan.

    ``filters`` as in :class:`ui.cache.Query` (a target's own filters in target mode)."""

    metric: str
    current: Span | None
    baseline: str | Span
    target: cache.TargetStamp | None
    filters: cache.Filters

    def pinned(self) -> set[str]:
        """Dimensions held at one value by the filters (nothing left to split there)."""
        return {column for column, values in self.filters if len(values) == 1}


class Question(NamedTuple):
    """One explanation's arguments, in the order :func:`ui.cache.explanation` takes them after ``fp``."""

    metric: str
    current: Span | None
    baseline: str | Span
    target: cache.TargetStamp | None
    filters: cache.Filters | None
    by: tuple[str, ...]
    depth: int


def _forget(key: str, options: Sequence[Any]) -> None:
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


def _value_text(value: str | None, lang: str) -> str:
    return t("ov.blank", lang) if value is None else str(value)


def _span_text(span: Span, lang: str) -> str:
    return f"{format_period(span[0], 'day', lang)} – {format_period(span[1], 'day', lang)}"


# ---- what to explain -------------------------------------------------------------------------------
def mode_picker(has_targets: bool, lang: str, key: str) -> str:
    """``"target"`` or ``"periods"``; only the latter while there are no targets."""
    modes = list(MODES) if has_targets else ["periods"]
    _forget(key, modes)
    return st.radio(t("dd.mode", lang), modes, key=key, horizontal=True,
                    format_func=lambda m: t(f"dd.mode.{m}", lang))


def statuses(targets: Sequence[Target], fp: str, lang: str) -> dict[int, str]:
    """Each target's progress status under the thresholds chosen on the Progress page (if any)."""
    limits = st.session_state.get("progress.thresholds") or (Thresholds().on_track, Thresholds().at_risk)
    found = {}
    for target in progress_view.counting(targets, lang):
        try:
            found[target.id] = cache.progress(fp, cache.stamp(target), None, tuple(limits)).status
        except KpiError:  # a target the data cannot follow: the explanation will say why
            continue
    return found


def target_picker(targets: Sequence[Target], status: dict[int, str], lang: str, key: str) -> Target:
    """One of ``targets``; the first behind or at risk by default, else the first that has started."""
    by_id = {target.id: target for target in targets}
    _forget(key, list(by_id))
    started = [i for i in by_id if status.get(i, "not_started") != "not_started"] or list(by_id)
    st.session_state.setdefault(key, next((i for i in by_id if status.get(i) in BEHIND), started[0]))
    chosen = st.selectbox(t("dd.target", lang), list(by_id), key=key,
                          format_func=lambda i: f"{by_id[i].label(lang)} · {span_text(by_id[i].start, by_id[i].end, lang)}")
    st.caption(t("dd.target_note", lang))
    return by_id[chosen]


def target_root(target: Target) -> Root:
    """The question a target asks: its span so far against its plan, in its own segment."""
    filters = tuple(sorted((column, tuple(values)) for column, values in (target.filters or {}).items()))
    return Root(target.metric, None, "last_year", cache.stamp(target), filters)


def kpi_picker(metrics: dict[str, Metric], lang: str, key: str) -> Metric:
    """One KPI, labelled in ``lang``."""
    _forget(key, list(metrics))
    name = st.selectbox(t("dd.kpi", lang), list(metrics), key=key,
                        format_func=lambda n: metrics[n].label(lang))
    return metrics[name]


def last_whole_month(span: Span) -> Span:
    """The last calendar month the data covers to its end (all of ``span`` if shorter)."""
    last = span[1]
    if (last + _DAY).month == last.month:
        last = last.replace(day=1) - _DAY
    first = last.replace(day=1)
    return (first, last) if first >= span[0] else span


def current_picker(span: Span, lang: str, key: str) -> Span | None:
    """The current span within the data (the last whole month at first); ``None`` while half picked."""
    chosen = st.session_state.get(key)
    if chosen and not all(span[0] <= day <= span[1] for day in chosen):
        del st.session_state[key]  # another KPI, or new data
    st.session_state.setdefault(key, last_whole_month(span))
    picked = st.date_input(t("dd.current", lang), min_value=span[0], max_value=span[1], key=key,
                           format="DD/MM/YYYY")
    return (picked[0], picked[1]) if picked and len(picked) == 2 else None


def baseline_picker(current: Span, lang: str, key: str) -> str | Span | None:
    """``"last_year"``, ``"previous"`` or two dates of the user's own (the previous span at first)."""
    choice = st.radio(t("dd.baseline", lang), BASELINES, key=key, horizontal=True,
                      format_func=lambda b: t(f"dd.baseline.{b}", lang))
    if choice != "custom":
        return choice
    days = dt.timedelta(days=(current[1] - current[0]).days + 1)
    st.session_state.setdefault(f"{key}.dates", (current[0] - days, current[0] - _DAY))
    picked = st.date_input(t("dd.baseline_dates", lang), key=f"{key}.dates", format="DD/MM/YYYY")
    return (picked[0], picked[1]) if picked and len(picked) == 2 else None


def periods_root(metric: Metric, current: Span, baseline: str | Span, segment: dict[str, tuple]) -> Root:
    """The question of comparing ``current`` with ``baseline`` in ``segment`` (``{}``: all data)."""
    return Root(metric.name, current, baseline, None, tuple(sorted(segment.items())))


def advanced(dimensions: Sequence[str], lang: str, key: str) -> tuple[tuple[str, ...], int]:
    """The dimensions to split by (all at first) and how many combine in a segment (3 at first)."""
    with st.expander(t("dd.advanced", lang), icon=":material/tune:"):
        # Keyed by the dimensions offered, so that another KPI or filter starts again from all of them.
        by = st.multiselect(t("dd.dimensions", lang), list(dimensions), default=list(dimensions),
                            placeholder=t("ui.choose", lang),
                            key=f"{key}.by.{'|'.join(dimensions)}")
        depth = st.slider(t("dd.depth", lang), min_value=1, max_value=3, value=3, key=f"{key}.depth")
    return tuple(by), int(depth)


# ---- the drill path --------------------------------------------------------------------------------
def drill_path(root: Root, offered: Sequence[str], key: str) -> list[Step]:
    """The segments drilled into under ``root``; a new root starts from all data.

    A path from a link (``<key>.path.url``, see :mod:`ui.links`) is taken as far as its dimensions are among
    the ``offered`` ones: it was checked against the data, but not yet against this question.
    """
    linked = st.session_state.pop(f"{key}.path.url", None)
    kept = st.session_state.get(f"{key}.path")
    if linked is not None:
        st.session_state[f"{key}.path"] = (root, tuple(itertools.takewhile(lambda step: step[0] in offered, linked)))
    elif kept is None or kept[0] != root:
        st.session_state[f"{key}.path"] = (root, ())
    return list(st.session_state[f"{key}.path"][1])


def _drill(key: str, level: int, dimension: str) -> None:
    value = st.session_state.get(f"{key}.drill.{level}")
    root, steps = st.session_state[f"{key}.path"]
    if value is not None:
        st.session_state[f"{key}.path"] = (root, (*steps[:level], (dimension, None if value == BLANK else value)))


def _back(key: str) -> None:
    root, steps = st.session_state[f"{key}.path"]
    st.session_state[f"{key}.path"] = (root, steps[:-1])


def breadcrumbs(path: Sequence[Step], lang: str, key: str) -> None:
    """All data › dimension = value › ..., with a Back button (only once the user has drilled in)."""
    if not path:
        return
    crumbs = [t("dd.all_data", lang), *(f"{column} = {_value_text(value, lang)}" for column, value in path)]
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.markdown(f"**{t('dd.path', lang)}:** " + " › ".join(crumbs))
    right.button(t("dd.back", lang), key=f"{key}.back", icon=":material/arrow_back:", on_click=_back, args=(key,))


def question(root: Root, path: Sequence[Step], by: Sequence[str], depth: int) -> Question:
    """The explanation to show at the end of ``path``.

    A target is explained against its plan; inside one of its segments the plan is the segment's own last
    year times the same factor (``kpi`` scales it).
    """
    filters = {**dict(root.filters), **{column: (value,) for column, value in path}}
    shown = tuple(d for d in by if len(filters.get(d, ())) != 1)
    if root.target is not None:
        return Question(root.metric, None, "last_year", root.target, tuple(sorted(filters.items())) if path else None,
                        shown, depth)
    return Question(root.metric, root.current, root.baseline, None, tuple(sorted(filters.items())), shown, depth)


def explain(fp: str, asked: Question, lang: str) -> Explanation | None:
    """:func:`ui.cache.explanation`; a KPI that cannot be split or a target not started yet gets a note,
    other errors (spans that overlap, no data) an error box."""
    try:
        return cache.explanation(fp, *asked)
    except KpiError as exc:
        (feedback.show_notice if exc.code in NOTICES else feedback.show_error)(exc, lang)
        return None


def action_segment(root: Root, path: Sequence[Step]) -> dict[str, str | None]:
    """The segment an action on a finding at the end of ``path`` aims at, before the finding's own values:
    the user's one-value filter and the path (a target's own filters are the target's, not the action's)."""
    own = {} if root.target is not None else {column: values[0] for column, values in root.filters
                                              if len(values) == 1}
    return {**own, **dict(path)}


# ---- what the explanation says ---------------------------------------------------------------------
def summary(expl: Explanation, lang: str) -> None:
    """The narrative in a box, the KPI now and its change, the two spans and the method."""
    m = expl.metric
    st.info(expl.narrative(lang), icon=":material/lightbulb:")
    st.metric(m.label(lang), format_value(expl.total_current, m.unit, lang, CURRENCY),
              format_change(expl.total_current, expl.total_baseline, m.unit, lang),
              delta_color="normal" if m.higher_is_better else "inverse")
    # Against a target the baseline is its plan to date; last year's span only shapes the segments' plans.
    spans = "dd.spans_target" if expl.baseline_kind == "target" else "dd.spans"
    st.caption(t(spans, lang, current=_span_text(expl.current, lang), baseline=_span_text(expl.baseline, lang)),
               help=t("dd.method", lang, method=method(expl.method, lang)))


def q_text(q: float, lang: str) -> str:
    """A q-value as the narrative writes it: ``q = 0,014``, ``q < 0,001``."""
    return "q" + format_p(q, lang)[1:]


def findings_frame(expl: Explanation, lang: str) -> pd.DataFrame:
    """One row per finding: segment, dimension, KPI before → after, share of the change, q-value, test."""
    m = expl.metric
    found = expl.findings
    return pd.DataFrame({
        t("dd.col.segment", lang): [f.label for f in found],
        t("dd.col.dimension", lang): [f.dimension for f in found],
        t("dd.col.change", lang): [f"{m.format(f.baseline, lang, CURRENCY)} → {m.format(f.current, lang, CURRENCY)}"
                                   for f in found],
        t("dd.col.share", lang): [format_value(f.share_of_change, "percent", lang) for f in found],
        t("dd.col.q", lang): [q_text(f.qvalue, lang) for f in found],
        t("dd.col.test", lang): [t(f"dd.test.{f.test}", lang) for f in found],
    })


def findings(expl: Explanation, lang: str) -> None:
    """The findings table and, in an expander, each finding as a sentence."""
    if not expl.findings:
        st.caption(t("dd.no_findings", lang))
        return
    right = [t(c, lang) for c in ("dd.col.change", "dd.col.share", "dd.col.q")]
    st.dataframe(findings_frame(expl, lang), hide_index=True,
                 column_config={c: st.column_config.TextColumn(alignment="right") for c in right})
    with st.expander(t("dd.sentences", lang), icon=":material/notes:"):
        st.markdown("\n".join(f"- {f.sentence(lang)}" for f in expl.findings))


def action_form(expl: Explanation, segment: dict[str, str | None], target: Target | None, lang: str,
                key: str) -> dict[str, Any] | None:
    """Pick a finding, then title (prefilled), owner and due date; the action as
    :meth:`kpi.Workspace.add_action` takes it once submitted (``segment``: the path's, then the finding's)."""
    found = expl.findings
    if not found:
        return None
    with st.expander(t("dd.create", lang), icon=":material/add_task:"):
        _forget(f"{key}.finding", list(range(len(found))))
        i = st.selectbox(t("dd.create_for", lang), list(range(len(found))), key=f"{key}.finding",
                         format_func=lambda n: f"{found[n].label} ({t(f'dd.test.{found[n].test}', lang)})")
        aimed = {**segment, **found[i].segment}
        shown = ", ".join(_value_text(v, lang) for v in aimed.values())
        with st.form(f"{key}.form", clear_on_submit=False, border=False):
            title = st.text_input(t("dd.action_title", lang), key=f"{key}.title.{expl.metric.name}.{shown}",
                                  value=t("dd.action_default", lang, kpi=expl.metric.label(lang), segment=shown))
            left, right = st.columns(2)
            owner = left.text_input(t("dd.owner", lang), key=f"{key}.owner")
            due = right.date_input(t("dd.due", lang), value=None, key=f"{key}.due", format="DD/MM/YYYY")
            st.caption(t("dd.action_segment", lang, segment=shown) + (
                f" · {t('dd.action_target', lang, label=target.label(lang))}" if target is not None else ""))
            if st.form_submit_button(t("dd.create", lang), key=f"{key}.save", icon=":material/add_task:"):
                return {"target": target.id if target is not None else None, "title": title,
                        "owner": owner.strip() or None, "due": due, "segment": aimed, "metric": expl.metric.name,
                        "author": owner.strip() or None}
    return None


def ranking(expl: Explanation, lang: str) -> None:
    """The dimensions ranked by how much they explain (a bar each)."""
    if len(expl.dimensions):
        st.altair_chart(charts.dimension_chart(expl.dimensions, lang=lang), width="stretch")


def tree(expl: Explanation, level: int, lang: str, key: str) -> None:
    """Split by one dimension (the top-ranked at first): its segments before and after, the waterfall, the
    mix and rate effects of a ratio KPI; then a segment to drill into (which extends the path)."""
    ranked = expl.dimensions["dimension"].tolist()
    if not ranked:
        st.caption(t("dd.nothing_left", lang))
        return
    _forget(f"{key}.split.{level}", ranked)
    dimension = st.selectbox(t("dd.split", lang), ranked, key=f"{key}.split.{level}")
    unit, rows = expl.metric.unit, expl.contributions
    left, right = st.columns(2)
    left.altair_chart(charts.segment_chart(rows, dimension=dimension, unit=unit, lang=lang, currency=CURRENCY),
                      width="stretch")
    right.altair_chart(charts.contribution_chart(rows, expl.total_baseline, expl.total_current, dimension=dimension,
                                                 unit=unit, lang=lang, currency=CURRENCY), width="stretch")
    if expl.kind == "ratio":
        st.altair_chart(charts.mix_rate_chart(rows, dimension=dimension, unit=unit, lang=lang, currency=CURRENCY),
                        width="stretch")
    mine = rows[(rows["dimension"] == dimension) & ~rows["other"]]
    st.selectbox(t("dd.drill", lang), mine["segment"].tolist(), index=None, key=f"{key}.drill.{level}",
                 placeholder=t("dd.drill_placeholder", lang), on_change=_drill, args=(key, level, dimension),
                 format_func=lambda s: t("ov.blank", lang) if s == BLANK else s)
