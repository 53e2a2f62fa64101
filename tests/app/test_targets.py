"""The Targets page, driven through the whole app (``app.py``) with Streamlit's AppTest, on the sample data.

Each test starts from a copy of one workspace file with the sample loaded (built
once per module), and opens the app straight on its page, so that no test pays
for loading the sample or for the Overview's cards. Expected values come from
:mod:`kpi` on the same workspace, never from the page's own code.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import kpi
from kpi.formats import format_period, format_value
from kpi.goals import KPI_VS_TARGET, check_kpi_count
from kpi.i18n import message

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/app has no __init__.py
import sample_app  # noqa: E402

SPAN = ("2026-11-01", "2027-04-30")  # the default: the six months after the sample's last day (31 Oct 2026)

sample_file = sample_app.sample_file_fixture()
workspace_home = sample_app.workspace_home_fixture()
t, ok, texts = sample_app.t, sample_app.ok, sample_app.texts


def open_page(page: str = "pages/targets.py", lang: str = "id") -> AppTest:
    return sample_app.open_page(page, lang)


def add_goal(name: str = "Omzet naik", owner: str | None = "Sari") -> kpi.Goal:
    with kpi.Workspace.open() as ws:
        return ws.add_goal(name, owner=owner)


def save(at: AppTest) -> AppTest:
    at.button(key="targets.form.save").click().run()
    return ok(at)


def only_target() -> kpi.Target:
    with kpi.Workspace.open() as ws:
        [target] = ws.targets()
    return target


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_target_from_a_suggestion_is_saved_then_followed_on_progress_with_a_check_in(lang):
    at = open_page(lang=lang)
    assert texts(at.title) == [t("tg.title", lang)]
    assert KPI_VS_TARGET.text(lang) in texts(at.caption)
    template = kpi.Workspace.open(":memory:").goal_templates(lang)[0]  # grow sales: revenue, orders, aov...
    at.selectbox(key="targets.new_goal.template").set_value(template["code"]).run()
    assert at.multiselect(key=f"targets.new_goal.kpis.{template['code']}").value == template["kpis"]
    at.text_input(key="targets.new_goal.owner").input("Sari")
    at.button(key="targets.new_goal.save").click().run()
    ok(at)
    assert texts(at.success) == [t("tg.goal_saved", lang, name=template["label"])]
    assert at.selectbox(key="targets.kpi").value == "revenue"  # the goal's first KPI
    assert at.selectbox(key="targets.span.start").value.isoformat() == SPAN[0]

    with kpi.Workspace.open() as ws:
        [goal] = ws.goals()
        expected = ws.suggest_targets("revenue", *SPAN, lang=lang)
    table = at.dataframe[0].value
    assert table[t("col.suggestion", lang)].tolist() == [s.label for s in expected]
    assert table[t("col.value", lang)].tolist() == [format_value(s.value, "currency", lang) for s in expected]
    assert table[t("col.probability", lang)].tolist() == [format_value(s.probability, "percent", lang)
                                                          for s in expected]
    why = next(e for e in at.expander if e.label == t("tg.why", lang))
    assert all(s.explanation in why.markdown[0].value for s in expected)
    assert at.radio(key="targets.choice").value == "p50"  # the realistic suggestion by default

    save(at)
    target = only_target()
    p50 = next(s for s in expected if s.code == "p50")
    assert (target.metric, target.start.isoformat(), target.end.isoformat()) == ("revenue", *SPAN)
    assert target.value == pytest.approx(p50.value) and target.kind == "value"
    assert (target.goal, target.owner, target.grain, target.filters) == (goal.id, "Sari", "month", None)
    label = kpi.CATALOG["revenue"].label(lang)
    span = f"{format_period(SPAN[0], 'month', lang)} – {format_period('2027-04-01', 'month', lang)}"
    assert t("tg.saved", lang, label=label, value=format_value(target.value, "currency", lang), span=span) \
        in texts(at.success)
    with kpi.Workspace.open() as ws:
        milestones = ws.milestones(target)
    shown = at.dataframe[1].value
    assert shown[t("col.milestone", lang)].tolist() == [format_value(v, "currency", lang) for v in milestones["value"]]
    assert len(at.get("vega_lite_chart")) == 1  # the milestone chart

    at.switch_page("pages/progress.py").run()
    ok(at)
    assert texts(at.title) == [t("pg.title", lang)]
    with kpi.Workspace.open() as ws:
        status = ws.progress(target).status
    assert status == "not_started"  # the span starts after the data's last day
    assert any(message("status_not_started", lang) in m for m in texts(at.markdown))
    at.text_input(key="progress.checkin.author").input("Budi")
    at.text_area(key="progress.checkin.note").input("Promo 12.12 disiapkan")
    next(b for b in at.button if b.label == t("pg.checkin_save", lang)).click().run()
    ok(at)
    assert t("pg.checkin_saved", lang) in texts(at.success)
    assert "Promo 12.12 disiapkan" in texts(at.text)
    with kpi.Workspace.open() as ws:
        assert [(c.author, c.note) for c in ws.check_ins(target)] == [("Budi", "Promo 12.12 disiapkan")]


def test_a_goal_with_too_many_kpis_gets_a_warning():
    at = open_page()
    at.selectbox(key="targets.new_goal.template").set_value("win_customers").run()
    kpis = at.multiselect(key="targets.new_goal.kpis.win_customers")
    assert len(kpis.value) == 5 and not at.warning  # a template stays within the limit
    kpis.set_value([*kpis.value, "revenue"]).run()
    assert texts(at.warning) == [check_kpi_count(6)[0].text("id")]


def test_the_goal_kpis_come_first_in_the_kpi_picker():
    at = open_page()
    at.selectbox(key="targets.new_goal.template").set_value("keep_customers").run()
    at.multiselect(key="targets.new_goal.kpis.keep_customers").set_value(["csat", "retention_rate"]).run()
    at.button(key="targets.new_goal.save").click().run()
    ok(at)
    picker = at.selectbox(key="targets.kpi")
    assert picker.value == "csat"
    assert picker.options[:3] == ["★ Kepuasan Pelanggan", "★ Tingkat Loyalitas", "Angka Penjualan"]


def test_a_typed_value_shows_its_probability_and_is_saved():
    goal = add_goal()
    at = open_page()
    at.number_input(key="targets.own.value.revenue").set_value(2_000_000_000).run()
    ok(at)
    with kpi.Workspace.open() as ws:
        custom = ws.suggest_targets("revenue", *SPAN, lang="id", value=2e9)[-1]
    assert custom.code == "custom"
    assert t("tg.custom_probability", value="Rp2.000.000.000",
             probability=format_value(custom.probability, "percent")) in texts(at.markdown)
    assert at.dataframe[0].value[t("col.suggestion")].tolist()[-1] == "Target Anda"
    assert at.radio(key="targets.choice").value == "custom"  # typing a value chooses it
    save(at)
    target = only_target()
    assert (target.value, target.kind, target.goal, target.owner) == (2e9, "value", goal.id, "Sari")


def test_a_growth_target_for_a_segment_with_weekly_milestones():
    add_goal()
    at = open_page()
    at.selectbox(key="targets.segment.dimension").set_value("kanal").run()
    at.selectbox(key="targets.segment.value.kanal").set_value("Shopee").run()
    at.segmented_control(key="targets.grain").set_value("week").run()
    at.number_input(key="targets.span.months").set_value(3).run()
    at.segmented_control(key="targets.own.mode").set_value("growth").run()
    at.number_input(key="targets.own.growth.revenue").set_value(20).run()
    ok(at)
    filters = {"kanal": "Shopee"}
    with kpi.Workspace.open() as ws:
        found = ws.suggest_targets("revenue", "2026-11-01", "2027-01-31", filters=filters, lang="id", grain="week")
        baseline = next(s.value for s in found if s.code == "last_year")
        custom = ws.suggest_targets("revenue", "2026-11-01", "2027-01-31", filters=filters, lang="id", grain="week",
                                    value=baseline * 1.2)[-1]
    assert t("tg.custom_probability", value=format_value(baseline * 1.2, "currency"),
             probability=format_value(custom.probability, "percent")) in texts(at.markdown)
    at.text_input(key="targets.form.owner").input("Dewi")
    at.text_input(key="targets.form.note").input("Kampanye Harbolnas")
    save(at)
    target = only_target()
    assert (target.kind, target.amount, target.grain) == ("growth", pytest.approx(0.2), "week")
    assert target.filters == {"kanal": ("Shopee",)} and target.end.isoformat() == "2027-01-31"
    assert (target.owner, target.note, target.value) == ("Dewi", "Kampanye Harbolnas", pytest.approx(baseline * 1.2))
    assert "Angka Penjualan · Shopee" in texts(at.markdown)  # the saved list


def test_delete_then_undo():
    goal = add_goal()
    with kpi.Workspace.open() as ws:
        target = ws.set_target("orders", "2026-11-01", "2027-01-31", value=9000, goal=goal.id, owner="Sari")
    at = open_page()
    assert "Jumlah Pesanan" in texts(at.markdown)  # the saved list
    at.button(key=f"targets.list.delete.{target.id}").click().run()
    ok(at)
    with kpi.Workspace.open() as ws:
        assert ws.targets() == [] and ws.target(target.id).deleted_at is not None
    assert texts(at.info) == [t("tg.deleted", label="Jumlah Pesanan")]
    assert t("tg.none") in texts(at.caption)
    at.button(key="targets.list.undo_button").click().run()
    ok(at)
    with kpi.Workspace.open() as ws:
        assert [x.id for x in ws.targets()] == [target.id]
        assert ws.target_history(target)["action"].tolist() == ["created", "deleted", "restored"]
    assert texts(at.success) == [t("tg.restored", label="Jumlah Pesanan")]
    assert not at.info and "Jumlah Pesanan" in texts(at.markdown)


def test_an_impossible_target_is_explained_in_the_users_language():
    add_goal()
    at = open_page(lang="en")
    at.selectbox(key="targets.kpi").set_value("conversion_rate").run()
    at.number_input(key="targets.own.value.conversion_rate").set_value(150).run()  # 150%: a rate above 1
    at.button(key="targets.form.save").click().run()
    assert not at.exception
    [error] = at.error
    assert "conversion_rate" in error.value and "between 0 and 1" in error.value
    with kpi.Workspace.open() as ws:
        assert ws.targets() == []
