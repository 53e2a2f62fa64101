"""Messages in Bahasa Indonesia (first) and English.

Errors and warnings are raised with a stable code; this module turns a code and
its parameters into a sentence in the user's language. Templates use
``str.format`` fields; values are inserted as given, so callers wrap column and
file names in backticks themselves when they pass them.
"""

from __future__ import annotations

from typing import Any

from kpi.messages import MESSAGES

__all__ = ["LANGUAGES", "MESSAGES", "Message", "format_number", "format_percent", "message"]

LANGUAGES = ("id", "en")
LOCALES = {"id": "id_ID", "en": "en_US"}


def message(code: str, lang: str = "en", **params: Any) -> str:
    """Render message ``code`` in ``lang``, falling back to English.

    Examples
    --------
    >>> message("unknown_kind", "id", kind="x", known="orders")
    'Jenis dataset `x` tidak dikenal. Gunakan salah satu dari: orders.'
    """
    # A parameter may itself be a Message (a word such as "day-first"): speak it in `lang` too.
    params = {k: v.text(lang) if isinstance(v, Message) else v for k, v in params.items()}
    templates = MESSAGES.get(code)
    if templates is None:
        # An unknown code is a bug in kpi, but the user still deserves the facts.
        return f"{code}: " + ", ".join(f"{k}={v}" for k, v in params.items())
    template = templates.get(lang) or templates["en"]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return templates["en"] + " " + repr(params)


class Message(str):
    """A warning or note: an English ``str`` that can also speak Indonesian.

    Examples
    --------
    >>> m = Message("unknown_kind", kind="x", known="orders")
    >>> m.text("id").startswith("Jenis")
    True
    >>> str(m).startswith("Unknown")
    True
    """

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, **params: Any) -> Message:
        obj = super().__new__(cls, message(code, "en", **params))
        obj.code = code
        obj.params = params
        return obj

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``."""
        return message(self.code, lang, **self.params)


def format_number(value: float, lang: str = "id") -> str:
    """``value`` with the language's separators (Babel/CLDR), up to two decimals.

    Examples
    --------
    >>> format_number(1234567.5, "id"), format_number(1234567.5, "en")
    ('1.234.567,5', '1,234,567.5')
    """
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.##", locale=LOCALES.get(lang, "en_US"))


def format_percent(share: float, lang: str = "id") -> str:
    """``share`` (0..1) as a percentage with one decimal; ``<0,1%`` for tiny shares.

    Examples
    --------
    >>> format_percent(0.0274, "id"), format_percent(0.0274, "en"), format_percent(0.0004, "id")
    ('2,7%', '2.7%', '<0,1%')
    """
    from babel.numbers import format_percent as babel_percent

    locale = LOCALES.get(lang, "en_US")
    if 0 < share < 0.001:
        return "<" + babel_percent(0.001, format="#,##0.0%", locale=locale)
    return babel_percent(share, format="#,##0.0%", locale=locale)
