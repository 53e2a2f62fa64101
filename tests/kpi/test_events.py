"""The Indonesian calendar (kpi.events): Idul Fitri, Ramadan, Lebaran window, payday, shopping days, labels."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kpi.events import LEBARAN_WINDOW, RAMADAN_DAYS, calendar_features, eid_al_fitr


def features(start: str, end: str, lang: str = "id") -> pd.DataFrame:
    return calendar_features(pd.date_range(start, end), lang).set_index("date")


def test_eid_dates_come_from_the_package():
    # The government's dates (SKB 3 Menteri); 2026 is the 21st, while the sample data celebrates the 20th.
    assert eid_al_fitr([2025, 2026]) == [dt.date(2025, 3, 31), dt.date(2026, 3, 21)]


def test_a_year_can_hold_two_eids():
    # The Hijri year is 11 days shorter: in 2033 Idul Fitri falls in January and again in December.
    assert [d.month for d in eid_al_fitr([2033])] == [1, 12]


@pytest.mark.parametrize(("first", "last"), [("2025-03-01", "2025-03-30"), ("2026-02-19", "2026-03-20")])
def test_ramadan_is_the_30_days_before_eid(first, last):
    cal = features("2025-01-01", "2026-12-31")
    ramadan = cal.index[cal["ramadan"]]
    inside = ramadan[(ramadan >= first) & (ramadan <= last)]
    assert len(inside) == RAMADAN_DAYS and inside.min() == pd.Timestamp(first) and inside.max() == pd.Timestamp(last)
    assert cal.loc[first, "ramadan_day"] == 1 and cal.loc[last, "ramadan_day"] == 30
    assert not cal.loc[pd.Timestamp(first) - pd.Timedelta(days=1), "ramadan"]
    assert not cal.loc[pd.Timestamp(last) + pd.Timedelta(days=1), "ramadan"]


def test_late_ramadan_is_its_last_two_weeks():
    cal = features("2026-02-15", "2026-03-25")
    late = cal.index[cal["ramadan_late"]]
    assert len(late) == 14 and late.min() == pd.Timestamp("2026-03-07") and late.max() == pd.Timestamp("2026-03-20")


def test_lebaran_window_absorbs_the_disputed_day():
    cal = features("2026-03-15", "2026-04-05")
    window = cal.index[cal["lebaran"]]
    assert LEBARAN_WINDOW == (-1, 6)
    assert window.min() == pd.Timestamp("2026-03-20") and window.max() == pd.Timestamp("2026-03-27")
    # The sample (and Muhammadiyah) celebrate on the 20th: the window's eve, still inside.
    assert cal.loc["2026-03-20", "lebaran_day"] == -1 and cal.loc["2026-03-21", "lebaran_day"] == 0
    assert pd.isna(cal.loc["2026-03-28", "lebaran_day"])
    cal25 = features("2025-03-29", "2025-04-07")
    assert cal25.loc["2025-03-31", "lebaran_day"] == 0 and cal25.loc["2025-04-06", "lebaran_day"] == 6
    assert not cal25.loc["2025-04-07", "lebaran"]


def test_payday_runs_from_the_25th_to_month_end():
    cal = features("2026-02-20", "2026-03-02")
    assert cal.index[cal["payday"]].tolist() == list(pd.date_range("2026-02-25", "2026-02-28"))


@pytest.mark.parametrize(("day", "label"), [("2025-12-12", "12.12"), ("2025-11-11", "11.11"), ("2026-03-03", "3.3"),
                                            ("2026-10-10", "10.10"), ("2026-01-01", "1.1")])
def test_shopping_days(day, label):
    cal = calendar_features([day])
    assert cal.loc[0, "harbolnas"] == label and cal.loc[0, "event"] == label
    assert cal.loc[0, "event_kind"] == "harbolnas"


def test_ordinary_days_have_no_shopping_day():
    cal = calendar_features(["2026-03-04", "2026-12-13", "2026-11-12"])
    assert cal["harbolnas"].isna().all()


@pytest.mark.parametrize(("day", "lang", "label"), [
    ("2026-08-17", "id", "Hari Kemerdekaan"),
    ("2026-08-17", "en", "Independence Day"),
    ("2026-03-10", "id", "Ramadan"),
    ("2026-03-10", "en", "Ramadan"),
    ("2026-03-21", "id", "Lebaran"),
    ("2026-03-21", "en", "Lebaran"),
    ("2025-12-25", "id", "Hari Raya Natal"),
    ("2025-12-25", "en", "Christmas Day"),
])
def test_labels_in_both_languages(day, lang, label):
    assert calendar_features([day], lang).loc[0, "event"] == label


def test_lebaran_beats_its_holidays_and_a_holiday_beats_ramadan():
    cal = calendar_features(["2026-03-21", "2026-03-19", "2026-03-18"], "en")
    assert cal["event_kind"].tolist() == ["lebaran", "holiday", "ramadan"]
    assert cal.loc[0, "holiday"] == "Eid al-Fitr" and cal.loc[1, "event"] == "Day of Silence"


def test_plain_day():
    row = calendar_features(["2026-06-10"]).iloc[0]
    assert (row["weekday"], row["month"], row["day"]) == (2, 6, 10)
    assert row["event"] is None and row["event_kind"] is None and not row["payday"]


def test_order_and_input_types_are_kept():
    days = pd.Series(pd.to_datetime(["2026-03-21", "2025-03-31", "2026-12-12"]))
    cal = calendar_features(days)
    assert cal["date"].tolist() == days.tolist()
    assert calendar_features(pd.DatetimeIndex(days)).equals(cal)


def test_empty_input_gives_the_columns():
    cal = calendar_features([])
    assert cal.empty and {"payday", "ramadan", "lebaran", "harbolnas", "event"} <= set(cal.columns)


def test_two_years_of_days_are_fast():
    import time

    start = time.perf_counter()
    calendar_features(pd.date_range("2024-11-01", "2026-10-31"), "en")
    assert time.perf_counter() - start < 1.0
