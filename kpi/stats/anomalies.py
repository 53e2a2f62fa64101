"""Anomalies and level shifts in a daily, weekly or monthly KPI series.

:func:`find_anomalies` compares every period with a seasonal baseline that
knows the Indonesian calendar (:mod:`kpi.stats.baseline`: weekday, month of
year, payday, Ramadan, the Lebaran window, 12.12, 11.11, twin dates, public
holidays, trend and level shifts), fitted robustly on a variance-stabilising
scale. A period is an anomaly when its robust z, the leave-one-out residual
over the residuals' robust spread on its side, passes ``threshold``. Planned
events are part of the baseline, so Lebaran's empty shops and the 12.12 rush
are expected, not flagged. :func:`change_points` finds level shifts
(:mod:`kpi.stats.changepoints`); :func:`find_anomalies` reports them too and
lets the baseline follow them, so the weeks after a shift are not all flagged.

Thin data (too few periods, a flat series) gives a result without flags and a
:class:`kpi.DegenerateDataWarning`; bad arguments raise a :class:`kpi.KpiError`
that is also a ``ValueError``.

Examples
--------
>>> import numpy as np, pandas as pd
>>> rng = np.random.default_rng(7)
>>> days = pd.date_range("2025-01-01", periods=120)
>>> orders = pd.Series(rng.poisson(40, 120).astype(float), index=days)
>>> orders["2025-02-12"] = 5
>>> result = find_anomalies(orders)
>>> result.anomalies[["period", "value", "direction"]].to_dict("records")
[{'period': Timestamp('2025-02-12 00:00:00'), 'value': 5.0, 'direction': 'low'}]
>>> result.describe("id", label="Pesanan")
['Pesanan pada 12 Feb 2025 tercatat 5, luar biasa rendah untuk hari Rabu (perkiraan 19 sampai 65).']
>>> result.summary("en", label="orders", unit="count")
'1 of 120 days of orders are unusual (0 high, 1 low); the most unusual is 12 Feb 2025: 5, expected 19 to 65.'
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from babel.dates import get_day_names

from kpi.events import calendar_features
from kpi.formats import LOCALES, format_period, format_value
from kpi.i18n import Message, message
from kpi.stats._series import Prepared, check_arguments, prepare, warn_notes
from kpi.stats.baseline import design, robust_fit, side_scales
from kpi.stats.changepoints import ChangePoint, find_steps, segment_levels

__all__ = ["AnomalyResult", "ChangePoint", "change_points", "find_anomalies"]

_THIN_MONTHS = 24  # below two years a monthly baseline has no calendar (kpi.stats.baseline.design)
_COLUMNS = ["period", "value", "expected", "lower", "upper", "z", "anomaly", "direction", "context"]


@dataclass(frozen=True)
class AnomalyResult:
    """Anomalies in a KPI series, with the baseline they were judged against.

    Attributes
    ----------
    points
        One row per period: ``period, value, expected, lower, upper, z, anomaly, direction, context``.
        ``expected`` is the baseline (what the other periods predict for this one), ``lower`` and
        ``upper`` bound the values that would not be flagged, ``z`` is the robust z (NaN where there
        is no value or the period cannot be judged), ``direction`` is ``"high"``, ``"low"`` or
        ``None``, ``context`` says which day and event it was (English: ``"Thu, Ramadan"``).
    method
        How the baseline was built.
    n
        Periods with a value.
    grain
        ``"day"``, ``"week"`` or ``"month"``.
    threshold
        |z| beyond which a period is flagged.
    change_points
        Level shifts found (the baseline follows them).
    notes
        Why the result is thin, if it is (the warnings' text, in both languages).
    """

    points: pd.DataFrame
    method: str
    n: int
    grain: str
    threshold: float
    change_points: tuple[ChangePoint, ...] = ()
    notes: tuple[Message, ...] = field(default=())

    @property
    def anomalies(self) -> pd.DataFrame:
        """The flagged rows of :attr:`points`."""
        return self.points[self.points["anomaly"]]

    def summary(self, lang: str = "id", label: str | None = None, unit: str | None = None) -> str:
        """The anomalies and shifts in a few sentences in ``lang`` (``label`` names the KPI, ``unit`` formats it)."""
        notes = [note.text(lang) for note in self.notes]
        if self.points["z"].isna().all():  # nothing was judged
            return " ".join(notes)
        flagged, unit = self.anomalies, unit or "number"
        grains = message(f"anomaly_{self.grain}s", lang)
        name = label or message("anomaly_label", lang)
        if flagged.empty:
            valued = self.points.dropna(subset=["value"])["period"]
            text = message("anomaly_summary_none", lang, grains=grains, label=name, n=self.n,
                           first=self._date(valued.min(), lang), last=self._date(valued.max(), lang))
        else:
            top = flagged.loc[flagged["z"].abs().idxmax()]
            text = message("anomaly_summary_some", lang, count=len(flagged), n=self.n, grains=grains, label=name,
                           high=int((flagged["direction"] == "high").sum()),
                           low=int((flagged["direction"] == "low").sum()), date=self._date(top["period"], lang),
                           value=format_value(top["value"], unit, lang),
                           lower=format_value(top["lower"], unit, lang), upper=format_value(top["upper"], unit, lang))
        return " ".join([*notes, text, *(cp.summary(lang, label, unit) for cp in self.change_points)])

    def describe(self, lang: str = "id", label: str | None = None, unit: str | None = None) -> list[str]:
        """One sentence per flagged period, in time order, in ``lang``."""
        flagged, unit = self.anomalies, unit or "number"
        if flagged.empty:
            return []
        if self.grain == "day":
            cal = calendar_features(flagged["period"], lang)
            events = list(zip(cal["event_kind"], cal["event"]))
        else:
            events = _period_events(flagged["period"], self.grain, lang)
        days = get_day_names("wide", locale=LOCALES.get(lang, "en_US"))
        out = []
        for row, (kind, event) in zip(flagged.itertuples(), events):
            params = {"label": label or message("anomaly_value", lang), "date": self._date(row.period, lang),
                      "direction": message(f"anomaly_{row.direction}", lang),
                      "value": format_value(row.value, unit, lang), "lower": format_value(row.lower, unit, lang),
                      "upper": format_value(row.upper, unit, lang), "event": self._event(event, kind, lang)}
            if self.grain == "day":
                params["weekday"] = days[row.period.day_of_week]
            out.append(message(f"anomaly_point_{self.grain}", lang, **params))
        return out

    def _date(self, period: pd.Timestamp, lang: str) -> str:
        return format_period(period, "month" if self.grain == "month" else "day", lang)

    def _event(self, event: str | None, kind: str | None, lang: str) -> str:
        """The event phrase: " in Ramadan", " on 12.12", " for a week with Lebaran"..."""
        if not event:
            return ""
        if self.grain != "day":
            return message("anomaly_event_period", lang, grain=message(f"anomaly_{self.grain}", lang), event=event)
        if kind in ("ramadan", "lebaran"):
            return message(f"anomaly_event_{kind}", lang)
        return message("anomaly_event_day", lang, event=event)


def change_points(series: pd.DataFrame | pd.Series, *, grain: str = "day", max_points: int = 5
                  ) -> tuple[ChangePoint, ...]:
    """Level shifts in ``series`` once its calendar is taken out, in time order.

    Parameters
    ----------
    series
        A frame with ``period`` and ``value`` (and, for rates, ``denominator``) as
        :meth:`kpi.Workspace.compute` returns, or a Series with a DatetimeIndex.
    grain
        ``"day"``, ``"week"`` or ``"month"``.
    max_points
        Most shifts to report.

    Returns
    -------
    tuple of ChangePoint
        Empty when no shift is significant (p < 0.05), or the data are too thin (with a warning).

    Raises
    ------
    kpi.QueryError
        A bad ``grain`` or ``max_points``.
    kpi.DataSchemaError
        ``series`` without ``period`` / ``value``, or with repeated periods.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> weeks = pd.date_range("2025-01-06", periods=80, freq="W-MON")
    >>> leads = pd.Series(np.r_[rng.poisson(120, 50), rng.poisson(80, 30)].astype(float), index=weeks)
    >>> [(str(cp.period.date()), round(cp.before), round(cp.after)) for cp in change_points(leads, grain="week")]
    [('2025-12-22', 121, 78)]
    """
    check_arguments(grain, max_points=max_points)
    prep = prepare(series, grain)
    if prep.notes:
        warn_notes(prep.notes)
        return ()
    return _shifts(prep, grain, max_points, events=True)


def _shifts(prep: Prepared, grain: str, max_points: int, events: bool) -> tuple[ChangePoint, ...]:
    if max_points == 0:
        return ()
    steps = find_steps(prep.periods, prep.y, prep.w, grain, prep.scale, events=events, max_points=max_points)
    return tuple(segment_levels(prep.periods, prep.y, prep.w, grain, prep.scale, steps, events=events))


def find_anomalies(series: pd.DataFrame | pd.Series, *, grain: str = "day", threshold: float = 3.5,
                   events: bool = True) -> AnomalyResult:
    """Flag the periods of ``series`` that its seasonal baseline does not explain.

    Parameters
    ----------
    series
        A frame with ``period`` and ``value`` (and, for rates, ``numerator`` / ``denominator``) as
        :meth:`kpi.Workspace.compute` returns for one segment, or a Series with a DatetimeIndex.
        Periods without a value (NaN, or a rate with denominator 0) are kept but not judged.
    grain
        ``"day"``, ``"week"`` or ``"month"``: the grain ``series`` was computed at.
    threshold
        Robust z beyond which a period is flagged; 3.5 flags about 1 in 2,000 periods of pure noise.
    events
        Use the Indonesian calendar (payday, Ramadan, Lebaran, Harbolnas, holidays) in the baseline;
        weekday, month of year, trend and level shifts are always used.

    Returns
    -------
    AnomalyResult
        ``points`` has one row per period; see :class:`AnomalyResult`.

    Raises
    ------
    kpi.QueryError
        A bad ``grain`` or ``threshold``.
    kpi.DataSchemaError
        ``series`` without ``period`` / ``value``, with non-numeric values or repeated periods.

    Examples
    --------
    >>> import kpi
    >>> ws = kpi.Workspace.open(":memory:"); _ = kpi.load_sample(ws)
    >>> whatsapp = ws.compute("orders", grain="day", filters={"kanal": "WhatsApp"})
    >>> result = find_anomalies(whatsapp)
    >>> result.anomalies[["period", "value", "direction", "context"]].to_dict("records")
    [{'period': Timestamp('2026-06-10 00:00:00'), 'value': 0.0, 'direction': 'low', 'context': 'Wed'}]
    """
    check_arguments(grain, threshold)
    prep = prepare(series, grain)
    notes = prep.notes
    if not notes and grain == "month" and len(prep.y) < _THIN_MONTHS:
        notes = (Message("anomaly_thin_months", n=len(prep.y), minimum=_THIN_MONTHS),)
    warn_notes(notes)
    method = message("anomaly_method", "en", scale=prep.scale.name,
                     calendar=Message("anomaly_calendar" if events else "anomaly_no_calendar"))
    if prep.notes:
        return AnomalyResult(_blank(prep.frame), method, int(prep.ok.sum()), grain, float(threshold), (), notes)
    shifts = _shifts(prep, grain, 5, events)
    points = _judge(prep, grain, float(threshold), events, [int(prep.periods.get_loc(cp.period)) for cp in shifts])
    return AnomalyResult(points, method, int(prep.ok.sum()), grain, float(threshold), shifts, notes)


def _judge(prep: Prepared, grain: str, threshold: float, events: bool, steps: list[int]) -> pd.DataFrame:
    """``points``: the robust fit with the shifts as steps, leave-one-out z and the band, in KPI units."""
    d = design(prep.periods, grain, events=events, steps=steps)
    fit = robust_fit(d.X, prep.y, prep.w, d.prior * prep.scale.prior_sd)
    low, high = side_scales(fit.loo)
    floor = 1e-6 * (np.median(np.abs(prep.y)) + 1e-12)  # a flat stretch still has a (tiny) spread
    low, high = max(low, floor), max(high, floor)
    z = np.where(fit.loo < 0, fit.loo / low, fit.loo / high)
    spread = 1 / np.sqrt(prep.w * np.clip(1 - fit.hat, 1e-12, None))  # sd of a leave-one-out residual / sigma
    expected = prep.y - (prep.y - fit.fitted) / np.clip(1 - fit.hat, 1e-12, None)
    judged = np.isfinite(z)
    expected = np.where(judged, expected, fit.fitted)
    points = _blank(prep.frame)
    inv = prep.scale.inverse
    rows = np.flatnonzero(prep.ok)
    points.loc[rows, "expected"] = inv(expected)
    lower, upper = inv(expected - threshold * low * spread), inv(expected + threshold * high * spread)
    if prep.scale.integer:  # counts: the whole numbers that would not be flagged
        lower, upper = np.ceil(lower - 1e-9), np.floor(upper + 1e-9)
    points.loc[rows, "lower"] = np.where(judged, lower, np.nan)
    points.loc[rows, "upper"] = np.where(judged, upper, np.nan)
    points.loc[rows, "z"] = z
    flagged = judged & (np.abs(z) > threshold)
    points.loc[rows, "anomaly"] = flagged
    points.loc[rows[flagged], "direction"] = np.where(z[flagged] > 0, "high", "low")
    points["context"] = pd.Series(_contexts(points["period"], grain), index=points.index, dtype=object)
    return points


def _blank(frame: pd.DataFrame) -> pd.DataFrame:
    """``points`` with values and nothing judged."""
    points = pd.DataFrame({"period": frame["period"], "value": frame["value"]})
    for column in ("expected", "lower", "upper", "z"):
        points[column] = np.nan
    points["anomaly"] = False
    points["direction"] = pd.Series([None] * len(frame), dtype=object)
    points["context"] = pd.Series([None] * len(frame), dtype=object)
    return points[_COLUMNS]


def _contexts(periods: pd.Series, grain: str, lang: str = "en") -> list[str | None]:
    """``"Thu, Ramadan"`` for a day; for a week or month, its most specific event (``None`` if none)."""
    if grain == "day":
        cal = calendar_features(periods, lang)
        names = get_day_names("abbreviated", locale=LOCALES.get(lang, "en_US"))
        return [names[d] + (f", {e}" if e else "") for d, e in zip(cal["weekday"], cal["event"])]
    return [label for _, label in _period_events(periods, grain, lang)]


def _period_events(periods: pd.Series, grain: str, lang: str) -> list[tuple[str | None, str | None]]:
    """``(kind, label)`` of the most specific event inside each week (Lebaran first) or month (Ramadan, Lebaran)."""
    if len(periods) == 0:
        return []
    ends = periods + (pd.DateOffset(days=7) if grain == "week" else pd.DateOffset(months=1))
    cal = calendar_features(pd.date_range(periods.min(), ends.max() - pd.Timedelta(days=1)), lang)
    # Every month has a twin date and most a holiday: a month is only worth naming for Ramadan or Lebaran.
    kinds = ("lebaran", "ramadan") if grain == "month" else ("lebaran", "harbolnas", "holiday", "ramadan")
    cal = cal[cal["event_kind"].isin(kinds)]
    rank = cal["event_kind"].map({"lebaran": 0, "harbolnas": 1, "holiday": 2, "ramadan": 3}).to_numpy()
    dates = cal["date"].to_numpy()
    out: list[tuple[str | None, str | None]] = []
    for start, end in zip(periods.to_numpy(), ends.to_numpy()):
        inside = np.flatnonzero((dates >= start) & (dates < end))
        if len(inside) == 0:
            out.append((None, None))
            continue
        first = cal.iloc[inside[np.argmin(rank[inside])]]
        out.append((first["event_kind"], first["event"]))
    return out
