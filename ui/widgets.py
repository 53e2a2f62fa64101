"""Widgets that own their session-state keys (``"<page>.<widget>"``) and return plain values."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from kpi import KINDS, ROLES, Dataset, Preview
from kpi.formats import format_period
from kpi.mapping import missing_roles
from kpi.metrics import UNITS, Metric
from kpi.periods import GRAINS, period_of, whole_periods
from ui import upload
from ui.text import LANGUAGES, t

LANG_KEY = "lang"
UPLOAD_TYPES = ("csv", "tsv", "txt", "gz", "xlsx", "parquet", "json")
DELIMITERS = {"auto": None, ",": ",", ";": ";", "tab": "\t", "|": "|"}
ENCODINGS = ("auto", "utf-8", "latin-1")
_NONE = "\x00none"


def language_picker() -> str:
    """The sidebar language choice (``"id"`` or ``"en"``), Bahasa Indonesia first."""
    return st.sidebar.selectbox(t("lang.label", current_language()), list(LANGUAGES),
                                format_func=LANGUAGES.__getitem__, key=LANG_KEY, on_change=keep_choices)


def keep_choices() -> None:
    """On a language switch, set every widget's choice again by value.

    The browser shows a choice in the words of the language it was drawn in and
    keeps showing them while the value stays the same, so after a switch a select
    box would still read "Direncanakan" on an English page (and a choice reported
    by its old words would be lost). Setting each key again makes the browser draw
    it anew. Only choices are set: plain values and lists of them. Buttons and
    toggles hold booleans, uploaders files, and those cannot be set (or have no words).
    """
    state = st.session_state
    for key in list(state.keys()):
        value = state[key]
        if key != LANG_KEY and (value is not None and _plain(value)  # None: an empty uploader, say
                                or isinstance(value, list | tuple) and all(map(_plain, value))):
            try:
                state[key] = value
            except StreamlitAPIException:  # a widget that cannot be set through session state
                pass


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float) and not isinstance(value, bool)


def current_language() -> str:
    """The language chosen in the sidebar; Indonesian until the user picks another."""
    lang = st.session_state.get(LANG_KEY)
    return lang if lang in LANGUAGES else "id"


class Upload(NamedTuple):
    """An uploaded file: its own name, where it was spooled, and a token unique to this upload."""

    name: str
    path: Path
    token: str


def file_picker(lang: str, key: str) -> Upload | None:
    """An uploader; returns the upload once a file is chosen, else ``None``."""
    uploaded = st.file_uploader(t("up.file", lang), type=list(UPLOAD_TYPES), key=key,
                                help=t("up.file_help", lang))
    spooled = f"{key}.spooled"
    path = upload.spool(uploaded) if uploaded is not None else None
    if st.session_state.get(spooled) not in (None, path):
        upload.discard(st.session_state[spooled])  # the user removed or replaced the file
    st.session_state[spooled] = path
    return None if uploaded is None or path is None else Upload(uploaded.name, path, path.parent.name)


def kind_picker(lang: str, key: str) -> str:
    """The dataset kind (``orders``, ``leads``...), labelled in ``lang``."""
    return st.selectbox(t("up.kind", lang), list(KINDS), key=key, format_func=lambda k: KINDS[k].label(lang))


def name_input(kind: str, lang: str, key: str) -> str:
    """The dataset name; empty means the kind's own name."""
    name = st.text_input(t("up.name", lang), key=key, placeholder=kind, help=t("up.name_help", lang, kind=kind))
    return name.strip() or kind


def mode_picker(name: str, datasets: Sequence[Dataset], lang: str, key: str) -> str:
    """``replace`` or ``append``; says what happens to dataset ``name`` when it already exists."""
    mode = st.radio(t("up.mode", lang), ["replace", "append"], key=key, horizontal=True,
                    format_func=lambda m: t(f"mode.{m}", lang))
    if any(d.name == name for d in datasets):
        st.caption(t(f"up.exists_{mode}", lang, name=name))
    return mode


def leads_picker(datasets: Sequence[Dataset], lang: str, key: str) -> str | None:
    """For closed deals: the leads dataset they complete (``None`` when there is none yet)."""
    names = [d.name for d in datasets if d.kind == "leads"]
    if not names:
        st.info(t("up.no_leads", lang))
        return None
    return st.selectbox(t("up.leads", lang), names, key=key, help=t("up.leads_help", lang))


def dataset_remover(datasets: Sequence[Dataset], lang: str, key: str) -> str | None:
    """A delete control with a confirmation step; returns the dataset to delete once confirmed."""
    if not datasets:
        return None
    with st.expander(t("del.title", lang), icon=":material/delete:"):
        name = st.selectbox(t("del.pick", lang), [d.name for d in datasets], key=f"{key}.name")
        with st.popover(t("del.open", lang)):
            st.warning(t("del.warning", lang, name=name))
            if st.button(t("del.confirm", lang), key=f"{key}.confirm", type="primary"):
                return name
    return None


def read_options(key: str, lang: str, token: str = "") -> dict[str, Any]:
    """The read options chosen in :func:`conventions_picker`, as :meth:`kpi.Workspace.import_file` takes them.

    Reads session state only, so a page can preview the file with the current
    choices before the picker is drawn.
    """
    state = st.session_state
    decimal = state.get(f"{key}.decimal", "auto")
    order = state.get(f"{key}.dates", "auto")
    encoding = state.get(f"{key}.encoding", "auto")
    return {
        "delimiter": DELIMITERS.get(state.get(f"{key}.delimiter", "auto")),
        "encoding": None if encoding == "auto" else encoding,
        "sheet": state.get(f"{key}.sheet.{token}") or None,
        "decimal": None if decimal == "auto" else decimal,
        # DESIGN.md: when the values leave the date order open, the app language's convention decides.
        "dayfirst": lang == "id" if order == "auto" else order == "day",
        "date_format": (state.get(f"{key}.date_format") or "").strip() or None,
    }


def conventions_picker(lang: str, key: str, sheets: Sequence[str] = (), token: str = "") -> dict[str, Any]:
    """File conventions (number format, date order and format, delimiter, encoding, Excel sheet).

    ``sheets`` are the workbook's sheets from the preview (a choice is shown when
    there are several); ``token`` identifies the uploaded file, so a new file
    starts on its own first sheet. Returns :func:`read_options`.
    """
    with st.expander(t("conv.title", lang), icon=":material/tune:"):
        left, right = st.columns(2)
        left.selectbox(t("conv.decimal", lang), ["auto", ",", "."], key=f"{key}.decimal",
                       format_func=lambda d: t({"auto": "conv.auto", ",": "conv.decimal_id",
                                                ".": "conv.decimal_en"}[d], lang))
        left.selectbox(t("conv.dates", lang), ["auto", "day", "month"], key=f"{key}.dates",
                       format_func=lambda d: t({"auto": "conv.dates_auto", "day": "conv.dayfirst",
                                                "month": "conv.monthfirst"}[d], lang))
        left.text_input(t("conv.date_format", lang), key=f"{key}.date_format", placeholder="DD/MM/YYYY",
                        help=t("conv.date_format_help", lang))
        right.selectbox(t("conv.delimiter", lang), list(DELIMITERS), key=f"{key}.delimiter",
                        format_func=lambda d: t("conv.auto", lang) if d == "auto" else t(f"delim.{d}", lang))
        right.selectbox(t("conv.encoding", lang), list(ENCODINGS), key=f"{key}.encoding",
                        format_func=lambda e: t("conv.auto", lang) if e == "auto" else e)
        if len(sheets) > 1:
            right.selectbox(t("conv.sheet", lang), list(sheets), key=f"{key}.sheet.{token}")
    return read_options(key, lang, token)


def mapping_editor(preview: Preview, kind: str, lang: str, key: str) -> dict[str, str | None]:
    """One column choice per role of ``kind``, preselected from ``preview.mapping``.

    Required roles are marked with ``*`` and start empty when nothing was
    recognised; optional roles can be set to "(none)". Returns role -> column
    (``None`` for roles left unmapped).
    """
    spec = KINDS[kind]
    columns = [c for c in preview.columns if c != "_line"]
    # A new file or kind gets fresh widgets, preselected from its own suggestions.
    digest = hashlib.blake2b(repr((preview.file, kind, columns)).encode(), digest_size=6).hexdigest()
    examples = _examples(preview)
    st.markdown(f"**{t('map.title', lang)}**", help=t("map.help", lang))
    mapping: dict[str, str | None] = {}
    grid = st.columns(3)
    for i, role in enumerate(spec.roles):
        required = role in spec.required
        suggested = preview.mapping.get(role)
        options = columns if required else [_NONE, *columns]
        index = options.index(suggested) if suggested in options else (None if required else 0)
        info = ROLES[role]
        choice = grid[i % 3].selectbox(
            info.label(lang) + (" *" if required else ""), options, index=index, key=f"{key}.{digest}.{role}",
            placeholder=t("map.choose", lang), help=info.help_id if lang == "id" else info.help_en,
            format_func=lambda c: t("map.none", lang) if c == _NONE else _label(c, examples, lang))
        mapping[role] = None if choice in (None, _NONE) else choice
    return mapping


def missing_note(mapping: dict[str, str | None], kind: str, lang: str) -> bool:
    """Say which required roles are still unmapped; return whether any are."""
    missing = missing_roles(kind, mapping)
    if missing:
        names = [_role_name(r, kind, lang) for r in missing]
        st.warning(t("map.missing", lang, roles=", ".join(names)), icon=":material/rule:")
    return bool(missing)


def _role_name(role: str, kind: str, lang: str) -> str:
    if role == "amount" and kind == "orders":
        return t("map.amount_or", lang, **{r: ROLES[r].label(lang) for r in ("amount", "quantity", "unit_price")})
    return ROLES[role].label(lang)


def _examples(preview: Preview) -> dict[str, str]:
    """The first non-empty value of each column, to show beside its name."""
    out: dict[str, str] = {}
    for col in preview.sample.columns:
        values = [v for v in preview.sample[col].tolist() if not _missing(v) and str(v).strip()]
        if values:
            out[col] = str(values[0])
    return out


def _label(column: str, examples: dict[str, str], lang: str) -> str:
    example = examples.get(column)
    if example is None:
        return column
    short = example if len(example) <= 24 else example[:23] + "…"
    return f"{column}  ({t('map.example', lang)} {short})"


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pd.NA (whose ``==`` cannot be used as a bool)."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # list-like values from JSON files
        return False


# ---- Overview ------------------------------------------------------------
#: The KPIs an Overview starts with (those whose data exists).
DEFAULT_KPIS = ("revenue", "orders", "aov", "active_customers", "conversion_rate", "roas")
# How far past a period's first day the next period surely starts.


def kpi_picker(metrics: dict[str, Metric], lang: str, key: str) -> list[str]:
    """Several KPIs (names) from ``metrics``, labelled in ``lang``."""
    _drop_stale(key, list(metrics), many=True)
    st.session_state.setdefault(key, [name for name in DEFAULT_KPIS if name in metrics] or list(metrics)[:4])
    return st.multiselect(t("ov.kpis", lang), list(metrics), key=key, placeholder=t("ui.choose", lang),
                          format_func=lambda name: metrics[name].label(lang), help=t("ov.kpis_help", lang))


def custom_kpi_form(lang: str, key: str) -> dict[str, Any] | None:
    """A form for a custom KPI; its fields as :meth:`kpi.Workspace.add_metric` takes them once submitted."""
    with st.expander(t("ov.custom", lang), icon=":material/add:"), st.form(key, clear_on_submit=False):
        st.caption(t("ov.custom_help", lang))
        left, right = st.columns(2)
        name = left.text_input(t("ov.custom_name", lang), key=f"{key}.name", placeholder="revenue_per_customer")
        label = right.text_input(t("ov.custom_label", lang), key=f"{key}.label")
        formula = st.text_input(t("ov.custom_formula", lang), key=f"{key}.formula",
                                placeholder="revenue / active_customers")
        left, right = st.columns(2)
        unit = left.selectbox(t("ov.custom_unit", lang), UNITS, key=f"{key}.unit",
                              format_func=lambda u: t(f"unit.{u}", lang))
        higher = right.checkbox(t("ov.custom_higher", lang), value=True, key=f"{key}.higher")
        if not st.form_submit_button(t("ov.custom_save", lang)):
            return None
    label = label.strip() or name.strip()
    return {"name": name.strip(), "formula": formula, "label_id": label, "label_en": label, "unit": unit,
            "higher_is_better": higher}


def grain_picker(lang: str, key: str) -> str:
    """The period grain: day, week, month (the default), quarter or year."""
    st.session_state.setdefault(key, "month")
    return st.segmented_control(t("ov.grain", lang), GRAINS, required=True, key=key,
                                format_func=lambda g: t(f"grain.{g}", lang))


def period_range(span: tuple[dt.date, dt.date], grain: str, lang: str, key: str) -> tuple[dt.date, dt.date]:
    """A date range within ``span`` (all of it at first), narrowed to the whole ``grain`` periods inside it.

    KPIs of a period that is cut off (the current month, a week split by the
    range) would read as a fall, so the cards and the trend see whole periods;
    a caption says which. A range shorter than one period is kept as chosen.
    """
    chosen = st.session_state.get(key)
    if chosen and not all(span[0] <= day <= span[1] for day in chosen):
        del st.session_state[key]  # new data moved the span
    st.session_state.setdefault(key, span)
    picked = st.date_input(t("ov.dates", lang), min_value=span[0], max_value=span[1], key=key, format="DD/MM/YYYY")
    start, end = (tuple(picked) + (span[1],))[:2] if picked else span  # (start,) while the user is picking
    first, last = whole_periods(start, end, grain)
    if first > last:
        st.caption(t("ov.partial", lang))
        return start, end
    # Weeks and days are named by their first day; the range's end reads better as the date it is.
    shown = (last, "day") if grain in ("day", "week") else (period_of(last, grain), grain)
    first_text, last_text = format_period(first, grain, lang), format_period(*shown, lang)
    st.caption(t("ov.whole", lang, first=first_text, last=last_text) if first_text != last_text
               else t("ov.whole_one", lang, period=first_text))
    return first, last


def dimension_filter(dimensions: dict[str, tuple[str, ...]], values: Callable[[str], list[str | None]],
                     lang: str, key: str) -> dict[str, tuple[str | None, ...]]:
    """A dimension and some of its ``values(dimension)``; ``{}`` until both are chosen."""
    left, right = st.columns([1, 2])
    _drop_stale(f"{key}.dimension", [_NONE, *dimensions])
    column = left.selectbox(t("ov.filter", lang), [_NONE, *dimensions], key=f"{key}.dimension",
                            help=t("ov.dimension_help", lang),
                            format_func=lambda c: t("ov.none", lang) if c == _NONE else c)
    if column == _NONE:
        right.multiselect(t("ov.filter_values", lang), [], disabled=True, key=f"{key}.values",
                          placeholder=t("ov.filter_all", lang))
        return {}
    picked = right.multiselect(t("ov.filter_values", lang), values(column), key=f"{key}.values.{column}",
                               placeholder=t("ov.filter_all", lang),
                               format_func=lambda v: t("ov.blank", lang) if v is None else v)
    return {column: tuple(picked)} if picked else {}


def split_picker(dimensions: dict[str, tuple[str, ...]], lang: str, key: str) -> str | None:
    """The column that splits the trend into one line per value, or ``None``."""
    _drop_stale(key, [_NONE, *dimensions])
    column = st.selectbox(t("ov.split", lang), [_NONE, *dimensions], key=key, help=t("ov.dimension_help", lang),
                          format_func=lambda c: t("ov.none", lang) if c == _NONE else c)
    return None if column == _NONE else column


def trend_picker(metrics: Sequence[Metric], lang: str, key: str) -> Metric:
    """One of the chosen KPIs, for the trend chart."""
    names = [m.name for m in metrics]
    _drop_stale(key, names)
    name = st.selectbox(t("ov.trend_kpi", lang), names, key=key,
                        format_func=lambda n: metrics[names.index(n)].label(lang))
    return metrics[names.index(name)]


def _drop_stale(key: str, options: Sequence[Any], many: bool = False) -> None:
    """Forget a choice that is no longer offered (a deleted dataset, another KPI set)."""
    if key not in st.session_state:
        return
    value = st.session_state[key]
    kept = [v for v in value if v in options] if many else value
    if many and kept != value:
        st.session_state[key] = kept
    elif not many and value not in options:
        del st.session_state[key]
