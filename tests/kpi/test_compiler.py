"""The generated SQL: golden files, Spark rendering, and user text kept as names and values.

Golden files live in ``tests/snapshots/sql``. After a deliberate change to the
SQL, regenerate them with ``KINERJA_UPDATE_SNAPSHOTS=1 python -m pytest
tests/kpi/test_compiler.py`` and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import sqlglot

import kpi
from kpi import CATALOG

SNAPSHOTS = Path(__file__).parents[1] / "snapshots" / "sql"
UPDATE = os.environ.get("KINERJA_UPDATE_SNAPSHOTS") == "1"
SPLIT = {"orders": "kanal", "leads": "provinsi", "spend": "kanal", "social": "platform", "survey": "kanal"}


@pytest.fixture(scope="module")
def ws():
    ws = kpi.Workspace.open(":memory:")
    kpi.load_sample(ws)
    return ws


def _split(name):
    kinds = CATALOG[name].datasets
    if name == "cpl":
        return ["kampanye"]
    return [SPLIT[kinds[0]]]


def _check_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"wrote a new golden file {path.name}; check it and run again")
    assert text + "\n" == path.read_text(encoding="utf-8"), f"SQL of {name} changed: see the module docstring"


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_sql_matches_its_golden_file(ws, name):
    text = ws.sql(name, grain="month", start="2026-01-01", end="2026-06-30", by=_split(name),
                  filters={"provinsi": ["Jawa Barat", "Bali"]} if CATALOG[name].datasets == ("orders",) else None)
    _check_snapshot(f"{name}.sql", text)


def test_compare_sql_matches_its_golden_file(ws):
    _check_snapshot("conversion_rate_compare.sql",
                    ws.sql("conversion_rate", grain="quarter", start="2026-01-01", end="2026-06-30", compare=True,
                           window=14))


def test_spark_sql_matches_its_golden_file(ws):
    _check_snapshot("roas_spark.sql", ws.sql("roas", start="2026-01-01", end="2026-06-30", by=["kanal"],
                                             dialect="spark"))


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_every_kpi_renders_as_spark_sql(ws, name):
    text = ws.sql(name, by=_split(name), compare=True, dialect="spark")
    parsed = sqlglot.parse_one(text, read="spark")  # raises on anything Spark cannot read
    assert "`ds`." in text and '"' not in text.replace('\\"', "")
    assert parsed.find(sqlglot.exp.With) is not None


def test_cohort_sql_renders_for_spark(ws):
    from kpi.engine import cohort_query

    text = cohort_query(ws, "month").sql("spark", identify=True)
    sqlglot.parse_one(text, read="spark")
    assert "EXPLODE(SEQUENCE(" in text


def test_an_unknown_dialect_is_refused(ws):
    with pytest.raises(kpi.QueryError):
        ws.sql("revenue", dialect="oracle")


# --- user text is a name or a value, never SQL ---------------------------------------------------------

NASTY_COLUMN = 'x"; DROP TABLE targets; --'
NASTY_VALUES = ["' OR 1=1 --", 'Jawa "Barat"', "a'); DROP TABLE kinerja_datasets; --", "\\", "%", "_"]


@pytest.fixture
def nasty(tmp_path):
    ws = kpi.Workspace.open(tmp_path / "w.duckdb")
    ws.cursor().execute("CREATE TABLE targets (id INTEGER)")
    frame = pd.DataFrame({
        "tanggal": pd.date_range("2026-01-01", periods=12, freq="7D").strftime("%Y-%m-%d"),
        "total": [float(i + 1) for i in range(12)],
        NASTY_COLUMN: (NASTY_VALUES * 2),
        "id": [f"C{i % 5}" for i in range(12)],
    })
    ws.import_frame(frame, kind="orders", mapping={"date": "tanggal", "amount": "total", "customer_id": "id"})
    yield ws, frame
    ws.close()


def test_column_names_and_values_stay_names_and_values(nasty):
    ws, frame = nasty
    assert NASTY_COLUMN in ws.dataset("orders").dimensions
    by = ws.compute("revenue", grain="year", by=[NASTY_COLUMN])
    expected = frame.groupby(NASTY_COLUMN)["total"].sum()
    assert dict(zip(by[NASTY_COLUMN], by["value"], strict=True)) == expected.to_dict()
    for value in NASTY_VALUES:
        got = ws.compute("revenue", grain="year", filters={NASTY_COLUMN: value})
        assert got["value"].sum() == frame.loc[frame[NASTY_COLUMN] == value, "total"].sum()
    none = ws.compute("revenue", grain="year", filters={NASTY_COLUMN: "' OR 1=1 --x"})
    assert none["value"].sum() == 0
    new = ws.compute("new_customers", grain="year", filters={NASTY_COLUMN: NASTY_VALUES[:2]}, by=[NASTY_COLUMN])
    assert set(new[NASTY_COLUMN]) <= set(NASTY_VALUES)
    tables = {r[0] for r in ws.cursor().execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"targets", "kinerja_datasets"} <= tables


def test_a_custom_kpi_name_cannot_smuggle_sql(nasty):
    ws, _ = nasty
    with pytest.raises(kpi.FormulaError):
        ws.add_metric('x"; DROP TABLE targets; --', "revenue")
    with pytest.raises(kpi.FormulaError):
        ws.add_metric("evil", "revenue; DROP TABLE targets")
    ws.add_metric("evil", "revenue / 2")
    assert ws.compute("evil", grain="year")["value"].sum() == pytest.approx(78 / 2)


def test_filter_values_of_other_types_compare_as_text(nasty):
    ws, _ = nasty
    with pytest.raises(kpi.QueryError):
        ws.compute("revenue", filters={NASTY_COLUMN: {"a": 1}})
    assert ws.compute("revenue", grain="year", filters={NASTY_COLUMN: 12})["value"].sum() == 0


def test_the_sql_shown_is_the_sql_run(ws):
    text = ws.sql("aov", grain="quarter", by=["kanal"])
    ran = ws.cursor().execute(text).df()
    got = ws.compute("aov", grain="quarter", by=["kanal"])
    pd.testing.assert_series_equal(ran["value"].astype(float), got["value"], check_names=False)
    assert isinstance(ws.cursor(), duckdb.DuckDBPyConnection)
