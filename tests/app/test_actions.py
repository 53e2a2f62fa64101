"""The Actions page (and the Drill-down findings that become actions), driven through ``app.py`` with AppTest.

Each test starts from a copy of the sample workspace. Verdicts and sentences on screen are checked
against ``ws.action_effect`` of the same action, computed by the test through :mod:`kpi`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

import kpi

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/app has no __init__.py
import sample_app  # noqa: E402

sample_file = sample_app.sample_file_fixture()
workspace_home = sample_app.workspace_home_fixture()
t, ok, texts = sample_app.t, sample_app.ok, sample_app.texts

DROP = {"provinsi": "Jawa Barat", "sumber": "Instagram"}  # the sample's planted conversion drop


def open_page(lang: str = "id") -> AppTest:
    return sample_app.open_page("pages/actions.py", lang)


def badges(at: AppTest) -> list[str]:
    return [m for m in texts(at.markdown) if "-badge[" in m]


def table(at: AppTest, lang: str = "id"):
    return at.dataframe[0].value.set_index(t("ac.col.title", lang))


def only_action() -> kpi.Action:
    with kpi.Workspace.open() as ws:
        [action] = ws.actions()
    return action


def add(**options) -> kpi.Action:
    with kpi.Workspace.open() as ws:
        return ws.add_action(None, "Balas chat Instagram < 1 jam", "Sari", segment=DROP, metric="conversion_rate",
                             **options)


def test_a_finding_becomes_an_action_whose_effect_is_judged():
    at = sample_app.open_page("pages/drilldown.py")
    at.selectbox(key="drilldown.kpi").set_value("conversion_rate").run()
    at.date_input(key="drilldown.current").set_value((dt.date(2026, 8, 1), dt.date(2026, 10, 31))).run()
    finding = at.selectbox(key="drilldown.action.finding")  # its options are the findings' labels, in order
    finding.set_value(next(i for i, label in enumerate(finding.options) if label.startswith("Instagram, Jawa Barat")))
    finding.run()
    ok(at)
    title = t("dd.action_default", kpi="Persentase Konversi", segment="Instagram, Jawa Barat")
    [field] = [w for w in at.text_input if w.key.startswith("drilldown.action.title.")]
    assert field.value == title  # prefilled with the finding's segment
    at.text_input(key="drilldown.action.owner").input("Sari")
    at.date_input(key="drilldown.action.due").set_value(dt.date(2026, 9, 30))
    at.button(key="drilldown.action.save").click().run()
    ok(at)
    assert texts(at.success) == [t("dd.action_saved", title=title)]
    action = only_action()
    assert (action.title, action.owner, action.due, action.metric, action.target_id, action.status) == \
        (title, "Sari", dt.date(2026, 9, 30), "conversion_rate", None, "planned")
    assert action.segment == DROP

    at.switch_page("pages/actions.py").run()
    ok(at)
    row = table(at).loc[title]
    assert (row[t("ac.col.segment")], row[t("ac.col.owner")], row[t("ac.col.status")]) == \
        ("Instagram, Jawa Barat", "Sari", "Direncanakan")
    assert row[t("ac.col.overdue")] == t("ac.overdue")  # due 30 Sep 2026, still planned
    assert at.selectbox(key="actions.pick").value == action.id
    assert badges(at) == [":gray-badge[:material/block: " + t("ac.verdict.not_applicable") + "]"]

    at.selectbox(key=f"actions.edit.{action.id}.status").set_value("done")
    at.date_input(key=f"actions.edit.{action.id}.start").set_value(dt.date(2026, 8, 1))
    at.button(key=f"actions.edit.{action.id}.save").click().run()
    ok(at)
    assert texts(at.success) == [t("ac.saved", title=title)]
    with kpi.Workspace.open() as ws:
        done = ws.action(action.id)
        effect = ws.action_effect(done)
    assert (done.status, done.start) == ("done", dt.date(2026, 8, 1))
    assert effect.verdict in ("worked", "no_clear_effect", "worse")  # a real verdict, not "too early"
    assert any(t(f"ac.verdict.{effect.verdict}") in b for b in badges(at))
    assert effect.summary("id") in texts(at.markdown)
    assert table(at).loc[title, t("ac.col.overdue")] == ""  # done is never overdue
    assert len(at.get("vega_lite_chart")) == 1  # the effect chart
    history = next(e for e in at.expander if e.label == t("ac.history")).dataframe[0].value
    assert history[t("col.action")].tolist() == [t("action.created"), t("action.updated")]
    assert "Direncanakan → Selesai" in history[t("ac.col.what")].iloc[1]


def test_an_action_started_a_week_before_the_data_ends_is_too_early_in_english():
    action = add(status="done", start="2026-10-25")
    at = open_page("en")
    with kpi.Workspace.open() as ws:
        effect = ws.action_effect(action)
    assert effect.verdict == "too_early"
    assert any(t("ac.verdict.too_early", "en") in b for b in badges(at))
    assert effect.summary("en") in texts(at.markdown)
    assert texts(at.title) == [t("ac.title", "en")]
    assert table(at, "en").loc[action.title, t("ac.col.status", "en")] == "Done"


def test_delete_then_undo():
    action = add()
    at = open_page()
    at.button(key="actions.list.delete").click().run()
    ok(at)
    assert texts(at.info) == [t("ac.deleted", title=action.title), t("ac.none")]
    with kpi.Workspace.open() as ws:
        assert ws.actions() == [] and ws.actions(include_deleted=True)[0].deleted_at is not None
    at.button(key="actions.list.undo_button").click().run()
    ok(at)
    assert texts(at.success) == [t("ac.restored", title=action.title)]
    assert only_action().deleted_at is None
    history = next(e for e in at.expander if e.label == t("ac.history")).dataframe[0].value
    assert history[t("col.action")].tolist() == [t(f"action.{a}") for a in ("created", "deleted", "restored")]


def test_an_action_without_a_finding_and_the_status_filter():
    at = open_page()
    assert texts(at.info) == [t("ac.none")]
    at.selectbox(key="actions.new.for").set_value(("kpi", "revenue")).run()
    at.selectbox(key="actions.new.segment.dimension").set_value("kanal").run()
    at.selectbox(key="actions.new.segment.value.kanal").set_value("Shopee").run()
    at.text_input(key="actions.new.title").input("Promo ongkir Shopee")
    at.button(key="actions.new.save").click().run()
    ok(at)
    assert texts(at.success) == [t("ac.added", title="Promo ongkir Shopee")]
    action = only_action()
    assert (action.metric, action.segment, action.target_id) == ("revenue", {"kanal": "Shopee"}, None)
    assert table(at).loc["Promo ongkir Shopee", t("ac.col.kpi")] == kpi.CATALOG["revenue"].label("id")

    at.multiselect(key="actions.status").set_value(["done"]).run()
    ok(at)
    assert t("ac.no_match") in texts(at.caption)


def test_an_empty_title_is_refused():
    at = open_page("en")
    at.button(key="actions.new.save").click().run()
    assert not at.exception
    assert texts(at.error) == [kpi.ActionError("action_title_empty").message("en")]
