"""The input side of :mod:`kpi.stats.anomalies`: argument checks, and a KPI series on its model scale.

Examples
--------
>>> import pandas as pd
>>> prep = prepare(pd.Series([3.0, 5, 4] * 20, index=pd.date_range("2026-01-01", periods=60)), "day")
>>> prep.scale.name, len(prep.y), prep.notes
('sqrt', 60, ())
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kpi.errors import DataSchemaError, QueryError
from kpi.formats import format_value
from kpi.i18n import Message
from kpi.stats._text import warn_degenerate
from kpi.stats.baseline import Scale, choose_scale

__all__ = ["GRAINS", "MIN_PERIODS", "Prepared", "check_arguments", "prepare", "warn_notes"]

GRAINS = ("day", "week", "month")
#: Fewest periods with a value for a baseline; below this nothing is flagged.
MIN_PERIODS = {"day": 28, "week": 12, "month": 12}


def check_arguments(grain: object, threshold: object = 3.5, max_points: object = 5) -> None:
    """Raise :class:`kpi.QueryError` for a bad ``grain``, ``threshold`` or ``max_points``."""
    if not isinstance(grain, str) or grain not in GRAINS:
        raise QueryError("anomaly_bad_grain", value=grain)
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real) or not 0 < threshold < np.inf:
        raise QueryError("anomaly_bad_threshold", value=threshold)
    if isinstance(max_points, bool) or not isinstance(max_points, numbers.Integral) or max_points < 0:
        raise QueryError("anomaly_bad_max_points", value=max_points)


def _as_frame(series: object) -> pd.DataFrame:
    """``period, value`` (+ ``denominator``) from a frame or a Series, validated and sorted."""
    if isinstance(series, pd.Series):
        if not isinstance(series.index, pd.DatetimeIndex):
            raise DataSchemaError("anomaly_bad_series", kind=f"a Series indexed by {type(series.index).__name__}")
        frame = pd.DataFrame({"period": series.index, "value": series.to_numpy()})
    elif isinstance(series, pd.DataFrame):
        for column in ("period", "value"):
            if column not in series.columns:
                raise DataSchemaError("anomaly_missing_column", column=column)
        frame = series[[c for c in ("period", "value", "denominator") if c in series.columns]].copy()
    else:
        raise DataSchemaError("anomaly_bad_series", kind=type(series).__name__)
    for column in frame.columns:
        raw = frame[column]
        converted = pd.to_datetime(raw, errors="coerce") if column == "period" else pd.to_numeric(raw, errors="coerce")
        bad = converted.isna() & (raw.notna() | (column == "period"))
        if bad.any():
            raise DataSchemaError("anomaly_bad_values", column=column, example=raw[bad].iloc[0],
                                  kind=Message("anomaly_dates" if column == "period" else "anomaly_numbers"))
        if column == "period":
            converted = converted.dt.tz_localize(None) if converted.dt.tz is not None else converted
            frame[column] = converted.astype("datetime64[ns]")
        else:
            frame[column] = converted.astype(float)
    dup = frame["period"].duplicated(keep=False)
    if dup.any():
        raise DataSchemaError("anomaly_duplicate_periods", count=frame.loc[dup, "period"].nunique(),
                              period=str(frame.loc[dup, "period"].iloc[0].date()))
    return frame.sort_values("period", ignore_index=True)


@dataclass(frozen=True)
class Prepared:
    """A validated series on its model scale, and why it is too thin to judge (``notes``), if it is."""

    frame: pd.DataFrame  # period, value (+ denominator), sorted
    ok: np.ndarray  # rows with a value (and, for a rate, a positive denominator)
    periods: pd.DatetimeIndex  # of the ``ok`` rows
    y: np.ndarray  # their values on ``scale``
    w: np.ndarray  # their weights: the denominator over its mean, or 1
    scale: Scale
    notes: tuple[Message, ...]


def prepare(series: object, grain: str) -> Prepared:
    """Validate ``series`` (see :func:`kpi.stats.anomalies.find_anomalies`) and put it on its model scale."""
    frame = _as_frame(series)
    value = frame["value"].to_numpy()
    w = np.ones(len(frame))
    if "denominator" in frame:  # a rate: weight each period by how much it rests on
        den = frame["denominator"].to_numpy()
        w = np.where(np.isfinite(den) & (den > 0), den, 0.0)
    ok = np.isfinite(value) & (w > 0)
    w = w / w[ok].mean() if ok.any() else w
    scale = choose_scale(value[ok], rate="denominator" in frame)
    notes: list[Message] = []
    if ok.sum() < MIN_PERIODS[grain]:
        notes.append(Message("anomaly_too_short", n=int(ok.sum()), grains=Message(f"anomaly_{grain}s"),
                             minimum=MIN_PERIODS[grain]))
    elif np.ptp(value[ok]) == 0:
        notes.append(Message("anomaly_constant", value=format_value(value[ok][0], "number", "en")))
    return Prepared(frame, ok, pd.DatetimeIndex(frame["period"][ok]), scale.forward(value[ok]), w[ok], scale,
                    tuple(notes))


def warn_notes(notes: tuple[Message, ...]) -> None:
    """Each note as a :class:`kpi.DegenerateDataWarning`, pointing at the caller of the public function."""
    for note in notes:
        warn_degenerate(note.code, stacklevel=4, **note.params)
