"""The one place where :class:`kpi.KpiError` and :class:`kpi.Message` reach the screen.

Errors a user can cause are shown as ``st.error`` in the user's language;
anything else is a bug and is left to surface (so AppTest and logs catch it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import streamlit as st

from kpi import KpiError
from kpi.i18n import Message

R = TypeVar("R")
_FLASH = "ui.flash"


def show_error(exc: KpiError, lang: str) -> None:
    """Show ``exc`` as an error box, in ``lang``."""
    st.error(exc.message(lang), icon=":material/error:")


def show_warnings(messages: Iterable[Message | str], lang: str) -> None:
    """Show each warning of an import or preview, in ``lang``."""
    for msg in messages:
        text = msg.text(lang) if isinstance(msg, Message) else str(msg)
        st.warning(text, icon=":material/warning:")


def attempt(lang: str, func: Callable[..., R], *args: Any, **kwargs: Any) -> R | None:
    """``func(*args, **kwargs)``; on a :class:`kpi.KpiError`, show it and return ``None``."""
    try:
        return func(*args, **kwargs)
    except KpiError as exc:
        show_error(exc, lang)
        return None


def succeeded(lang: str, func: Callable[..., object], *args: Any, **kwargs: Any) -> bool:
    """Whether ``func(*args, **kwargs)`` ran without a :class:`kpi.KpiError` (which is shown)."""
    try:
        func(*args, **kwargs)
    except KpiError as exc:
        show_error(exc, lang)
        return False
    return True


def flash(text: str) -> None:
    """Keep a success message to show after the next ``st.rerun()``."""
    st.session_state[_FLASH] = text


def show_flash() -> None:
    """Show (once) the message kept by :func:`flash`."""
    text = st.session_state.pop(_FLASH, None)
    if text:
        st.success(text, icon=":material/check_circle:")


def show_notice(exc: KpiError, lang: str) -> None:
    """Show ``exc`` as a short note where a result would be (a KPI that does not fit the chosen filter)."""
    st.info(exc.message(lang), icon=":material/info:")
