"""The Indonesian calendar a seasonal baseline needs: paydays, holidays, Ramadan, Lebaran, shopping days.

Every date comes from the ``holidays`` package (offline, no network), which
follows the government's decrees and, for years without a decree yet, marks its
Hijri-calendar estimates ``(estimated)``. Choices, and why:

- **Payday** (*gajian*): the 25th to the month's end, when most salaries arrive
  and shopping picks up.
- **Ramadan**: the 30 days before Idul Fitri as the package dates it, so no
  second (Hijri) calendar is needed; the last 14 days are their own phase
  (``ramadan_late``) because Lebaran shopping peaks there.
- **Lebaran window**: Idul Fitri from the day before to six days after
  (:data:`LEBARAN_WINDOW`). Indonesians do not all celebrate on the same day:
  Muhammadiyah often starts a day before the government (2026: 20 March against
  the package's 21 March), so a window, not a single day, is what a model can
  rely on. ``lebaran_day`` is the offset from the package's date.
- **Harbolnas**: 12.12 (Hari Belanja Online Nasional), 11.11 and the twin dates
  1.1 .. 10.10 that the marketplaces run as campaign days.
- **Event label**: one short name per date, the most specific first: Lebaran,
  then a shopping day, then a public holiday, then Ramadan.

Examples
--------
>>> cal = calendar_features(["2026-03-20", "2026-12-12", "2026-08-17"], lang="en")
>>> cal[["lebaran_day", "harbolnas", "event"]].values.tolist()
[[-1, None, 'Lebaran'], [<NA>, '12.12', '12.12'], [<NA>, None, 'Independence Day']]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import holidays
import numpy as np
import pandas as pd

__all__ = ["LEBARAN_WINDOW", "PAYDAY_FROM", "RAMADAN_DAYS", "RAMADAN_LATE_DAYS", "calendar_features",
           "eid_al_fitr"]

#: Days around Idul Fitri (inclusive) that count as Lebaran: the eve, the day and the week after.
LEBARAN_WINDOW: tuple[int, int] = (-1, 6)
#: Ramadan is taken as this many days before Idul Fitri.
RAMADAN_DAYS = 30
#: The last days of Ramadan, when Lebaran shopping peaks.
RAMADAN_LATE_DAYS = 14
#: Payday (gajian) runs from this day of the month to its end.
PAYDAY_FROM = 25

_PACKAGE_LANG = {"id": "id", "en": "en_US"}
_EID = re.compile(r"^Eid al-Fitr( \(estimated\))?$")
# Holiday names the package spells out in full; a label should fit a chart tooltip.
_SHORT = {"Hari Kemerdekaan Republik Indonesia": "Hari Kemerdekaan"}
_LABELS = {"lebaran": {"id": "Lebaran", "en": "Lebaran"}, "ramadan": {"id": "Ramadan", "en": "Ramadan"}}


@lru_cache(maxsize=64)
def _holidays(years: tuple[int, ...], lang: str) -> dict[dt.date, str]:
    table = holidays.country_holidays("ID", years=list(years), language=_PACKAGE_LANG.get(lang, "en_US"))
    return {day: "; ".join(_SHORT.get(n, n) for n in table.get_list(day)) for day in table}


def eid_al_fitr(years: Iterable[int]) -> list[dt.date]:
    """Idul Fitri (1 Syawal) in ``years``, as the ``holidays`` package dates it (sorted).

    A Hijri year is 11 days shorter than a Gregorian one, so a year can hold two
    (2033) or, in principle, none.

    Examples
    --------
    >>> eid_al_fitr([2025, 2026])
    [datetime.date(2025, 3, 31), datetime.date(2026, 3, 21)]
    """
    names = _holidays(tuple(sorted(set(years))), "en")
    return sorted(day for day, name in names.items() if any(_EID.match(n) for n in name.split("; ")))


def _as_dates(dates: Any) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(pd.to_datetime(dates)).normalize().as_unit("ns")


def _eid_offsets(days: pd.DatetimeIndex) -> np.ndarray:
    """Signed days from the nearest Idul Fitri: -30..-1 in Ramadan, 0 on the day, positive after."""
    years = range(int(days.year.min()) - 1, int(days.year.max()) + 2)
    eids = pd.DatetimeIndex(pd.to_datetime(eid_al_fitr(years))).as_unit("ns").values
    stamps = days.values
    # The nearest Eid on or after each date decides Ramadan; the nearest before decides "days after".
    nxt = np.searchsorted(eids, stamps, side="left")
    after = (eids[np.minimum(nxt, len(eids) - 1)] - stamps).astype("timedelta64[D]").astype(int)
    before = (stamps - eids[np.maximum(nxt - 1, 0)]).astype("timedelta64[D]").astype(int)
    after = np.where(nxt < len(eids), after, 10**6)
    before = np.where(nxt > 0, before, 10**6)
    return np.where(after <= before, -after, before)


def calendar_features(dates: Any, lang: str = "id") -> pd.DataFrame:
    """One row per date of ``dates`` with what the Indonesian calendar says about it.

    Parameters
    ----------
    dates
        Anything :func:`pandas.to_datetime` reads: a list, a Series, a DatetimeIndex.
    lang
        ``"id"`` or ``"en"``: the language of ``holiday`` and ``event``.

    Returns
    -------
    pandas.DataFrame
        In the order of ``dates``, on a default index:

        - ``date``: the date (datetime64, midnight);
        - ``weekday``: 0 = Monday .. 6 = Sunday; ``month``, ``day``: calendar month and day;
        - ``payday``: the 25th to the month's end (gajian);
        - ``holiday``: the public holiday's name in ``lang`` (``None`` on other days);
        - ``ramadan``: one of the 30 days before Idul Fitri; ``ramadan_day``: 1..30 (0 outside);
          ``ramadan_late``: one of its last 14 days;
        - ``lebaran``: inside :data:`LEBARAN_WINDOW`; ``lebaran_day``: days from Idul Fitri
          (nullable integer, ``<NA>`` outside the window);
        - ``harbolnas``: ``"12.12"``, ``"11.11"`` or a twin date ``"1.1"`` .. ``"10.10"`` (else ``None``);
        - ``event``: a short label in ``lang`` (``"Lebaran"``, ``"12.12"``, a holiday, ``"Ramadan"``) or ``None``;
        - ``event_kind``: ``"lebaran"``, ``"harbolnas"``, ``"holiday"``, ``"ramadan"`` or ``None``.

    Examples
    --------
    >>> cal = calendar_features(pd.date_range("2025-03-28", "2025-04-01"))
    >>> cal[["date", "ramadan_day", "ramadan_late", "lebaran_day", "event"]]
            date  ramadan_day  ramadan_late  lebaran_day            event
    0 2025-03-28           28          True         <NA>          Ramadan
    1 2025-03-29           29          True         <NA>  Hari Suci Nyepi
    2 2025-03-30           30          True           -1          Lebaran
    3 2025-03-31            0         False            0          Lebaran
    4 2025-04-01            0         False            1          Lebaran
    >>> calendar_features(["2026-01-25", "2026-01-24"]).payday.tolist()
    [True, False]
    """
    days = _as_dates(dates)
    out = pd.DataFrame({"date": days, "weekday": days.day_of_week, "month": days.month, "day": days.day})
    out["payday"] = out["day"].to_numpy() >= PAYDAY_FROM
    if len(days) == 0:
        return _empty(out)
    years = tuple(range(int(days.year.min()), int(days.year.max()) + 1))
    names = _holidays(years, lang)
    out["holiday"] = pd.Series([names.get(d.date()) for d in days], dtype=object)
    offset = _eid_offsets(days)
    ramadan = (offset < 0) & (offset >= -RAMADAN_DAYS)
    out["ramadan"] = ramadan
    out["ramadan_day"] = np.where(ramadan, RAMADAN_DAYS + 1 + offset, 0)
    out["ramadan_late"] = ramadan & (offset >= -RAMADAN_LATE_DAYS)
    first, last = LEBARAN_WINDOW
    lebaran = (offset >= first) & (offset <= last)
    out["lebaran"] = lebaran
    out["lebaran_day"] = pd.array(np.where(lebaran, offset, 0), dtype="Int64")
    out.loc[~lebaran, "lebaran_day"] = pd.NA
    month, day = out["month"].to_numpy(), out["day"].to_numpy()
    shop = month == day  # 1.1 .. 12.12
    out["harbolnas"] = pd.Series(np.where(shop, [f"{m}.{m}" for m in month], None), dtype=object)
    _label(out, lang)
    return out


def _label(out: pd.DataFrame, lang: str) -> None:
    """Fill ``event`` and ``event_kind``, the most specific first (so Lebaran beats its public holidays)."""
    kind = np.full(len(out), None, dtype=object)
    label = np.full(len(out), None, dtype=object)
    words = {k: v.get(lang, v["en"]) for k, v in _LABELS.items()}
    steps = [("ramadan", out["ramadan"].to_numpy(), words["ramadan"]),
             ("holiday", out["holiday"].notna().to_numpy(), out["holiday"].to_numpy()),
             ("harbolnas", out["harbolnas"].notna().to_numpy(), out["harbolnas"].to_numpy()),
             ("lebaran", out["lebaran"].to_numpy(), words["lebaran"])]
    for name, mask, text in steps:  # later steps overwrite earlier ones: least specific first
        kind[mask] = name
        label[mask] = text[mask] if isinstance(text, np.ndarray) else text
    out["event"] = pd.Series(label, dtype=object)
    out["event_kind"] = pd.Series(kind, dtype=object)


def _empty(out: pd.DataFrame) -> pd.DataFrame:
    for name in ("holiday", "harbolnas", "event", "event_kind"):
        out[name] = pd.Series([], dtype=object)
    for name in ("ramadan", "ramadan_late", "lebaran"):
        out[name] = pd.Series([], dtype=bool)
    out["ramadan_day"] = pd.Series([], dtype=int)
    out["lebaran_day"] = pd.array([], dtype="Int64")
    return out[["date", "weekday", "month", "day", "payday", "holiday", "ramadan", "ramadan_day", "ramadan_late",
                "lebaran", "lebaran_day", "harbolnas", "event", "event_kind"]]
