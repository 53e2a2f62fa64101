"""What every statistical result shares: p-values as text, and the warning for thin data.

Results keep numbers; sentences are rendered on demand in the reader's language
from :data:`kpi.messages.MESSAGES`, so one result serves the app (Indonesian
first) and a notebook (English) alike.
"""

from __future__ import annotations

import math
import warnings

from babel.numbers import format_decimal

from kpi.errors import DegenerateDataWarning
from kpi.formats import LOCALES
from kpi.i18n import message

__all__ = ["format_p", "number", "warn_degenerate"]


def number(value: float, lang: str = "id", digits: int = 1) -> str:
    """``value`` with ``digits`` decimals and the language's separators (``4,1`` / ``4.1``).

    Examples
    --------
    >>> number(4.126, "id", 2), number(-0.5, "en")
    ('4,13', '-0.5')
    """
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=LOCALES.get(lang, "en_US"))


def format_p(pvalue: float, lang: str = "id") -> str:
    """A p-value as people write it: ``p = 0,003``, ``p < 0,001``, ``p = 0,41``.

    Two significant digits are enough to read a p-value; below 0.001 the exact
    figure means nothing to the reader (and little to the model), so it is capped.

    Examples
    --------
    >>> format_p(0.0031, "id"), format_p(0.41, "en"), format_p(1e-9, "en"), format_p(0.0996, "en")
    ('p = 0,0031', 'p = 0.41', 'p < 0.001', 'p = 0.10')
    """
    if pvalue is None or math.isnan(pvalue):
        return "p = –"
    if pvalue < 0.001:
        return f"p < {number(0.001, lang, 3)}"
    # Two significant digits, a trailing zero kept (0.0996 is "0.10", not "0.1"), in the language's separators.
    rounded = float(f"{pvalue:.2g}")
    text = format_decimal(rounded, format="0." + "0" * max(1, 1 - math.floor(math.log10(rounded))),
                          locale=LOCALES.get(lang, "en_US"))
    return f"p = {text}"


def warn_degenerate(code: str, stacklevel: int = 3, **params: object) -> None:
    """Warn (in English, like every warning a library emits) that data are too thin for a method."""
    warnings.warn(DegenerateDataWarning(message(code, "en", **params)), stacklevel=stacklevel)
