"""Argument checks of :mod:`kpi.stats.comparisons` (``check.alpha(alpha)``...): each names the argument in backticks
and says what to pass.

Bad arguments are a caller's mistake and raise :class:`kpi.QueryError` (a :class:`ValueError` too); thin but
valid data are not checked here (they give a result and a warning).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from kpi.errors import QueryError

__all__ = ["alpha", "count", "daily", "days", "exposure", "n_boot", "values"]

_NUMBER = (int, float, np.integer, np.floating)


def _fail(code: str, **params: Any) -> QueryError:
    return QueryError(code, **params)


def alpha(alpha: Any) -> float:
    """``alpha`` as a float strictly between 0 and 1.

    Examples
    --------
    >>> alpha(0.05)
    0.05
    >>> alpha(5)
    Traceback (most recent call last):
    kpi.errors.QueryError: `alpha` cannot be 5: pass a number between 0 and 1, such as 0.05.
    """
    if isinstance(alpha, bool) or not isinstance(alpha, _NUMBER) or not 0 < alpha < 1:
        raise _fail("compare_bad_alpha", value=repr(alpha))
    return float(alpha)


def n_boot(n_boot: Any) -> int:
    """``n_boot`` as a whole number of at least 99 resamples."""
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 99:
        raise _fail("compare_bad_n_boot", value=repr(n_boot))
    return int(n_boot)


def count(value: Any, name: str, at_most: tuple[int, str] | None = None) -> int:
    """``value`` as a whole number of zero or more (and at most the count ``at_most = (n, its name)``).

    Examples
    --------
    >>> count(3.0, "x"), count(2, "x", at_most=(5, "n"))
    (3, 2)
    >>> count(6, "x", at_most=(5, "n"))
    Traceback (most recent call last):
    kpi.errors.QueryError: `x` (6) is larger than `n` (5): successes cannot outnumber trials.
    """
    if (isinstance(value, bool) or not isinstance(value, _NUMBER) or not math.isfinite(value) or value < 0
            or value != int(value)):
        raise _fail("compare_bad_count", name=name, value=repr(value))
    if at_most is not None and value > at_most[0]:
        raise _fail("compare_more_than_trials", name=name, value=int(value), trials=at_most[1], n=at_most[0])
    return int(value)


def exposure(value: Any, name: str) -> float:
    """``value`` as a positive, finite exposure."""
    if isinstance(value, bool) or not isinstance(value, _NUMBER) or not (math.isfinite(value) and value > 0):
        raise _fail("compare_bad_exposure", name=name, value=repr(value))
    return float(value)


def values(values: Any, name: str) -> np.ndarray:
    """``values`` as a flat float array of finite numbers (empty is fine: that is thin data, not an error).

    Examples
    --------
    >>> values([1, 2.5], "current")
    array([1. , 2.5])
    >>> values([1, float("nan")], "current")
    Traceback (most recent call last):
    kpi.errors.QueryError: `current` holds 1 missing or infinite value(s): drop or fill them before comparing.
    """
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise _fail("compare_not_numbers", name=name) from None
    if arr.ndim != 1:
        raise _fail("compare_not_1d", name=name, shape=arr.shape)
    if not np.isfinite(arr).all():
        raise _fail("compare_not_finite", name=name, count=int((~np.isfinite(arr)).sum()))
    return arr


def daily(data: Any, name: str, total: int, total_name: str) -> np.ndarray:
    """Daily counts that are zero or more and add up to ``total``."""
    arr = values(data, name)
    if (arr < 0).any() or not math.isclose(arr.sum(), total, abs_tol=1e-6):
        raise _fail("compare_daily_mismatch", name=name, total=f"{arr.sum():g}", count_name=total_name, count=total)
    return arr


def days(num: Any, den: Any, period: str) -> np.ndarray:
    """Daily numerators and denominators of ``period`` as a ``(days, 2)`` array."""
    num, den = values(num, f"num_{period}"), values(den, f"den_{period}")
    if num.size != den.size:
        raise _fail("compare_lengths", num=f"num_{period}", den=f"den_{period}", n_num=num.size, n_den=den.size)
    if (den < 0).any():
        raise _fail("compare_negative_denominator", name=f"den_{period}")
    return np.column_stack([num, den])
