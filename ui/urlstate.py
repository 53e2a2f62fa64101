"""Shareable links: each page's view in the URL's query parameters, and back.

A page's link holds the language and what its widgets show (``?lang=en&kpi=revenue,orders&grain=month``), so
a colleague who opens it sees the same view. Each page describes its parameters as a list of :class:`Param`
(see :mod:`ui.links`), each mapping URL parameters to the session-state keys its widgets own:

* :func:`restore_language` (``app.py``, before anything is drawn in a language) and :func:`restore` (the page,
  before its widgets are drawn) read the URL once, when it is new to the session: on the session's first run,
  or when the URL differs from what the session last wrote (the Back button, a link pasted into the same
  tab). Values are checked against what exists and put into the widgets' keys; anything that cannot be used
  is skipped and named in one notice, and the widget keeps its default.
* :func:`publish` (``app.py``, after the page has run; :func:`stop` for a page that stops early) writes the
  page's current state back, with the language, and drops the parameters of other pages.

Lists are comma-separated and a drill path is ``dimension:value/dimension:value``; the characters ``% , / :``
inside a value are escaped as ``%25 %2C %2F %3A``, so any value round-trips. An empty item is a blank value.
URL values are user input: they only ever reach :mod:`kpi` as one of the options a widget offers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn
from urllib.parse import unquote

import streamlit as st

from ui import widgets
from ui.text import LANGUAGES, t

LANG = "lang"
FILTER = "f."  # the prefix of a filter parameter: ``f.kanal=Shopee,Tokopedia``
_ESCAPED = "%,/:"
_WRITTEN = "urlstate.written"  # the parameters the session last wrote (or read)
_RUN = "urlstate.run"  # this run: does it read the URL, and what was skipped so far
_PAGE = "urlstate.page"  # this run's page parameters, for publish()
_SHOWN = 40  # characters of a bad value quoted in the notice

Step = tuple[str, str | None]


class Ignored(ValueError):
    """A URL parameter that cannot be used: ``reason`` is a ``url.*`` text key, ``fields`` fill it in."""

    def __init__(self, reason: str, **fields: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.fields = {name: shown(value) if isinstance(value, str) else value for name, value in fields.items()}


Load = Callable[[Mapping[str, str], list[Ignored]], Mapping[str, Any]]
Dump = Callable[[], Mapping[str, Any]]


@dataclass(frozen=True)
class Param:
    """One parameter of a page's link, or a few read together (``from`` and ``to``).

    ``names`` are the URL parameters it reads (a name ending in ``.`` is a prefix). ``load`` gets those present
    in the URL and returns the session-state keys to set; it raises :class:`Ignored` to skip them all, or adds
    to its list what it skipped and returns the rest. ``dump`` returns the parameters of the current state
    (``None`` or empty values are left out of the URL).
    """

    names: tuple[str, ...]
    load: Load
    dump: Dump


@dataclass
class _Run:
    fresh: bool
    problems: list[Ignored] = field(default_factory=list)


# ---- values in the URL -----------------------------------------------------------------------------
def shown(value: str) -> str:
    """A URL value as the notice quotes it: short, and without backticks that would end the quote."""
    value = value.replace("`", "'")
    return value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…"


def escape(text: str | None) -> str:
    """``text`` with the separators escaped (``None``, a blank value, becomes the empty string)."""
    return "".join(f"%{ord(c):02X}" if c in _ESCAPED else c for c in text or "")


def items(raw: str) -> list[str | None]:
    """A comma-separated list; an empty item is a blank (``None``)."""
    return [unquote(part) or None for part in raw.split(",")]


def day(raw: str) -> dt.date:
    """An ISO date (``2026-08-01``); raises ``ValueError`` otherwise."""
    return dt.date.fromisoformat(raw.strip())


def path(raw: str) -> list[Step]:
    """A drill path, ``sumber:Instagram/provinsi:Jawa%2C Barat``; raises ``ValueError`` when malformed."""
    steps = []
    for part in raw.split("/"):
        dimension, sep, value = part.partition(":")
        if not sep or not dimension or ":" in value:
            raise ValueError(part)
        steps.append((unquote(dimension), unquote(value) or None))
    return steps


def encode(value: Any) -> str | None:
    """A session-state value as a URL value (``None`` when there is nothing to say)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float | str):
        return str(value) if value != "" else None
    values = list(value)
    if not values:
        return None
    if all(isinstance(v, tuple) for v in values):
        return "/".join(f"{escape(str(dimension))}:{escape(None if v is None else str(v))}" for dimension, v in values)
    return ",".join(escape(None if v is None else str(v)) for v in values)


def _url() -> dict[str, str]:
    """The URL's parameters (repeated ones joined by commas, so ``kpi=a&kpi=b`` reads as ``kpi=a,b``)."""
    return {name: ",".join(st.query_params.get_all(name)) for name in st.query_params}


# ---- reading -------------------------------------------------------------------------------------
def restore_language() -> str:
    """Apply ``?lang=`` when the URL is new to this session; the language to draw this run in.

    Decides for the whole run whether the URL is read (see the module docstring), so that the page's
    :func:`restore` agrees, and marks the URL as read: a run that stops before :func:`publish` must not
    read it again on the next click.
    """
    state = st.session_state
    state.pop(_PAGE, None)  # left by a run that ended in st.rerun()
    url = _url()
    run = _Run(fresh=url != state.get(_WRITTEN))
    state[_WRITTEN] = url
    raw = url.get(LANG)
    if run.fresh and raw is not None:
        if raw not in LANGUAGES:
            run.problems.append(Ignored("url.bad_lang", value=raw))
        elif state.get(LANG) != raw:
            state[LANG] = raw
            widgets.keep_choices()
    state[_RUN] = run
    return widgets.current_language()


def restore(spec: Sequence[Param], lang: str) -> None:
    """Put the page's URL parameters into its widgets' keys (when the URL is new), and remember ``spec``
    for :func:`publish`. Draws one notice naming what was skipped. Call it before the widgets are drawn."""
    state = st.session_state
    state[_PAGE] = tuple(spec)
    run = state.pop(_RUN, None)
    if run is None:  # the page ran without app.py (Streamlit's legacy page mode): nothing was read yet
        restore_language()
        run = state.pop(_RUN)
    if not run.fresh:
        return
    url = _url()
    for param in spec:
        present = {name: raw for name, raw in url.items() if _reads(param, name)}
        if present:
            _apply(param, present, run.problems)
    notice(run.problems, lang)


def _reads(param: Param, name: str) -> bool:
    return any(name == own or (own.endswith(".") and name.startswith(own) and len(name) > len(own))
               for own in param.names)


def _apply(param: Param, present: Mapping[str, str], problems: list[Ignored]) -> None:
    """Set the keys ``param`` loads from ``present``, one by one, so that later parameters see them."""
    try:
        updates = param.load(present, problems)
    except Ignored as exc:
        problems.append(exc)
        return
    for key, value in updates.items():
        st.session_state[key] = value


def notice(problems: Sequence[Ignored], lang: str) -> None:
    """One note in ``lang`` naming each parameter that was skipped and why (nothing when all were used)."""
    if not problems:
        return
    fields = {"language": LANGUAGES.get(lang, lang)}
    lines = [t(p.reason, lang, **{**fields, **p.fields}) for p in problems]
    text = lines[0] if len(lines) == 1 else t("url.notice", lang) + "\n" + "\n".join(f"- {line}" for line in lines)
    st.info(text, icon=":material/link_off:")


# ---- writing -------------------------------------------------------------------------------------
def publish() -> None:
    """Write the language and this run's page state to the URL, dropping every other parameter.

    ``app.py`` calls it after the page has run; a page that stops early calls :func:`stop`. The URL is only
    touched when it changes.
    """
    state = st.session_state
    state.pop(_RUN, None)
    values = {LANG: widgets.current_language()}
    for param in state.pop(_PAGE, ()):
        for name, value in param.dump().items():
            encoded = encode(value)
            if encoded is not None:
                values[name] = encoded
    if values != _url():
        st.query_params.from_dict(values)
    state[_WRITTEN] = values


def stop() -> NoReturn:
    """:func:`publish`, then ``st.stop()``: once a run is stopped every Streamlit call raises, so the link
    cannot be written after it (``app.py`` would never get to it)."""
    publish()
    st.stop()
