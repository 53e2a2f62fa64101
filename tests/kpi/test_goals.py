"""Goals: templates, the KPI-count warning, storage."""

from __future__ import annotations

import datetime as dt

import pytest

import kpi
from kpi import goals
from kpi.i18n import MESSAGES
from kpi.metrics import CATALOG


@pytest.fixture
def cur():
    ws = kpi.Workspace.open(":memory:")
    cursor = ws.cursor()
    yield cursor
    cursor.close()
    ws.close()


def test_every_template_kpi_is_in_the_catalog():
    for code, kpis in goals.GOAL_TEMPLATES.items():
        assert kpis and len(kpis) <= goals.MAX_KPIS_PER_GOAL, code
        assert all(name in CATALOG for name in kpis), code
        assert f"goal_{code}" in MESSAGES and f"goal_{code}_help" in MESSAGES


def test_templates_speak_both_languages():
    indo, english = goals.templates("id"), goals.templates("en")
    assert [t["code"] for t in indo] == list(goals.GOAL_TEMPLATES)
    assert indo[0] == {"code": "grow_sales", "label": "Menaikkan penjualan", "description": indo[0]["description"],
                       "kpis": ["revenue", "orders", "aov", "active_customers"]}
    assert english[0]["label"] == "Grow sales"
    for a, b in zip(indo, english):
        assert a["code"] == b["code"] and a["kpis"] == b["kpis"]
        assert a["label"] != b["label"] and a["description"] != b["description"]
        assert a["description"].endswith(".") and b["description"].endswith(".")
    assert goals.templates() == indo


def test_check_kpi_count_warns_above_five():
    assert goals.check_kpi_count(0) == [] and goals.check_kpi_count(goals.MAX_KPIS_PER_GOAL) == []
    (warning,) = goals.check_kpi_count(6)
    assert isinstance(warning, kpi.Message) and warning.code == "goal_too_many_kpis"
    assert "6" in warning.text("en") and "2-3" in warning.text("en") and "loses focus" in warning.text("en")
    assert "6" in warning.text("id") and "2-3" in warning.text("id") and warning.text("id") != str(warning)


def test_kpi_vs_target_help():
    assert isinstance(goals.KPI_VS_TARGET, kpi.Message)
    assert "conversion rate" in goals.KPI_VS_TARGET.text("en") and "15%" in goals.KPI_VS_TARGET.text("en")
    assert "konversi" in goals.KPI_VS_TARGET.text("id")


def test_insert_and_read_round_trip(cur):
    cur.begin()
    first = goals.insert_goal(cur, "  Menaikkan penjualan Q3 ", "Omzet naik 20%", "Sari")
    second = goals.insert_goal(cur, "Pelanggan baru", owner="   ")
    cur.commit()
    assert (first.id, second.id) == (1, 2)
    assert first.name == "Menaikkan penjualan Q3" and first.description == "Omzet naik 20%" and first.owner == "Sari"
    assert second.description is None and second.owner is None
    assert isinstance(first.created_at, dt.datetime) and first.created_at.tzinfo is None
    assert goals.read_goals(cur) == [first, second]
    assert goals.read_goal(cur, 2) == second and goals.read_goal(cur, second) == second


def test_empty_name_raises(cur):
    for name in ("", "   ", None):
        with pytest.raises(kpi.TargetError) as info:
            goals.insert_goal(cur, name)
        assert info.value.code == "goal_name_empty" and "`name`" in info.value.message("id")


@pytest.mark.parametrize("bad", [7, "7", 1.5, 2**70])
def test_unknown_goal_names_the_id(cur, bad):
    goals.insert_goal(cur, "one")
    with pytest.raises(kpi.TargetError) as info:
        goals.read_goal(cur, bad)
    assert info.value.code == "unknown_goal"
    for lang in ("en", "id"):
        assert f"`{bad}`" in info.value.message(lang) and "`ws.goals()`" in info.value.message(lang)


def test_soft_delete_and_restore(cur):
    cur.begin()
    goal = goals.insert_goal(cur, "one")
    other = goals.insert_goal(cur, "two")
    deleted = goals.set_goal_deleted(cur, goal.id, True)
    cur.commit()
    assert deleted.deleted_at is not None
    assert goals.read_goals(cur) == [other]
    assert [g.id for g in goals.read_goals(cur, include_deleted=True)] == [1, 2]
    assert goals.set_goal_deleted(cur, goal, True).deleted_at == deleted.deleted_at  # no-op
    assert goals.set_goal_deleted(cur, goal, False) == goal
    assert goals.read_goals(cur) == [goal, other]
    assert goals.insert_goal(cur, "three").id == 3
