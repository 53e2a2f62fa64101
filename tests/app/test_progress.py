"""The Progress page, driven through the whole app (``app.py``) with Streamlit's AppTest, on the sample data.

As in test_targets.py, each test starts from a copy of one sample workspace file
and opens the app on its page. The figures on screen are checked against
``ws.progress`` of the same target, computed by the test through :mod:`kpi`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import kpi
from kpi.formats import format_value
from kpi.i18n import message
from kpi.progress import Thresholds
from kpi.workspace import default_path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/app has no __init__.py
import sample_app  # noqa: E402

sample_file = sample_app.sample_file_fixture()
workspace_home = sample_app.workspace_home_fixture()
t, ok, texts = sample_app.t, sample_app.ok, sample_app.texts


def open_page(page: str = "pages/progress.py", lang: str = "id") -> AppTest:
    return sample_app.open_page(page, lang)


def badges(at: AppTest) -> list[str]:
    """The status words of the badges on the page (scorecard rows first, then the detail)."""
    words = [message(f"status_{s}", lang) for s in kpi.progress.STATUSES for lang in ("id", "en")]
    return [w for m in texts(at.markdown) if "-badge[" in m for w in words if m.endswith(f" {w}]")]


@pytest.fixture
def targets():
    """Two targets: revenue on Shopee from July (half gone by the data's last day), orders from November."""
    with kpi.Workspace.open() as ws:
        goal = ws.add_goal("Omzet naik", owner="Sari")
        running = ws.set_target("revenue", "2026-07-01", "2026-12-31", growth=0.2, filters={"kanal": "Shopee"},
                                goal=goal.id, owner="Sari")
        later = ws.set_target("orders", "2026-11-01", "2027-01-31", value=9000, goal=goal.id, owner="Budi")
    return running, later


def test_without_targets_the_page_points_to_the_targets_page():
    at = open_page()
    assert texts(at.title) == ["Progres target"]
    assert texts(at.info) == [t("pg.none")]


def test_the_figures_are_those_of_ws_progress(targets):
    running, later = targets
    at = open_page()
    with kpi.Workspace.open() as ws:
        p = ws.progress(running)
        q = ws.progress(later)
    assert badges(at)[:2] == [message(f"status_{p.status}", "id"), message(f"status_{q.status}", "id")]
    assert "**Angka Penjualan · Shopee**" in texts(at.markdown) and "**Jumlah Pesanan**" in texts(at.markdown)
    assert t("pg.vs_target", actual=format_value(p.actual, "currency"), target=format_value(p.target.value, "currency")) \
        in texts(at.markdown)
    assert len(at.get("vega_lite_chart")) == 3  # a sparkline per target and the detail's progress chart

    assert at.selectbox(key="progress.target").value == running.id
    shown = {m.label: m.value for m in at.metric}
    full = {m.label: m.help for m in at.metric}
    money = {"pg.target_value": p.target.value, "pg.actual": p.actual, "pg.expected": p.expected, "pg.gap": p.gap,
             "pg.projected": p.projected}
    for key, value in money.items():  # compact in the tile, in full in its tooltip
        assert shown[t(key)] == format_value(value, "currency", compact=True), key
        assert full[t(key)] == format_value(value, "currency"), key
    assert shown[t("pg.attainment")] == format_value(p.attainment, "percent")
    assert shown[t("pg.probability")] == format_value(p.probability, "percent")
    assert t("pg.interval", low=format_value(p.projected_low, "currency"),
             high=format_value(p.projected_high, "currency")) in texts(at.caption)
    assert p.summary("id") in texts(at.markdown)

    at.selectbox(key="progress.target").set_value(later.id).run()
    ok(at)
    shown = {m.label: m.value for m in at.metric}
    assert shown[t("pg.actual")] == "–" and shown[t("pg.target_value")] == format_value(9000, "count", compact=True)
    assert shown[t("pg.probability")] == format_value(q.probability, "percent")


def test_the_thresholds_change_the_status(targets):
    running, _ = targets
    at = open_page()
    with kpi.Workspace.open() as ws:
        default = ws.progress(running).status
        loose = ws.progress(running, thresholds=Thresholds(on_track=0.5, at_risk=0.4)).status
        strict = ws.progress(running, thresholds=Thresholds(on_track=1.5, at_risk=1.4)).status
    assert (default, loose, strict) == ("at_risk", "on_track", "behind")  # attainment about 91%
    assert badges(at)[0] == "Berisiko"
    at.number_input(key="progress.thresholds.at_risk").set_value(40)
    at.number_input(key="progress.thresholds.on_track").set_value(50).run()
    ok(at)
    assert badges(at)[0] == badges(at)[-1] == "Sesuai jalur"  # the scorecard row and the detail
    at.switch_page("pages/targets.py").run()
    at.switch_page("pages/progress.py").run()
    ok(at)
    assert at.number_input(key="progress.thresholds.on_track").value == 50  # kept across pages
    assert badges(at)[0] == "Sesuai jalur"
    at.number_input(key="progress.thresholds.on_track").set_value(150)
    at.number_input(key="progress.thresholds.at_risk").set_value(140).run()
    ok(at)
    assert badges(at)[0] == "Tertinggal"


def test_thresholds_in_the_wrong_order_are_explained(targets):
    at = open_page(lang="en")
    at.number_input(key="progress.thresholds.at_risk").set_value(99).run()  # above on track (97)
    assert not at.exception
    [error] = at.error
    assert "`at_risk`" in error.value and "must not be above" in error.value
    assert badges(at)[0] == "At risk"  # the last good thresholds still apply


def test_check_ins_newest_first_and_the_history_in_english(targets):
    running, _ = targets
    at = open_page(lang="en")
    assert texts(at.caption).count(t("pg.no_checkins", "en")) == 1
    for author, note in (("Sari", "Flash sale on Shopee planned"), ("", "Stock arrived")):
        at.text_input(key="progress.checkin.author").input(author)
        at.text_area(key="progress.checkin.note").input(note)
        next(b for b in at.button if b.label == "Save check-in").click().run()
        ok(at)
    assert texts(at.text)[:2] == ["Stock arrived", "Flash sale on Shopee planned"]
    assert any(c.startswith("Anonymous · ") for c in texts(at.caption))
    history = next(e for e in at.expander if e.label == "Edit history").dataframe[0].value
    assert history["Change"].tolist() == ["Created"]
    assert history["Value"].tolist() == [format_value(running.value, "currency", "en")]


def test_an_empty_check_in_is_refused(targets):
    at = open_page()
    next(b for b in at.button if b.label == "Simpan check-in").click().run()
    assert not at.exception
    assert texts(at.error) == [kpi.TargetError("checkin_empty").message("id")]


def test_targets_survive_closing_and_reopening_the_workspace():
    at = open_page("pages/targets.py")
    at.selectbox(key="targets.new_goal.template").set_value("grow_sales").run()
    at.button(key="targets.new_goal.save").click().run()
    at.button(key="targets.form.save").click().run()
    at.switch_page("pages/progress.py").run()
    at.text_area(key="progress.checkin.note").input("Target disepakati tim")
    next(b for b in at.button if b.label == "Simpan check-in").click().run()
    ok(at)

    from ui import cache

    path = str(default_path().resolve())
    cache.workspace().close()  # the app's handle: the last one, so the DuckDB file is closed
    assert path not in kpi.workspace._OPEN
    st.cache_resource.clear()
    st.cache_data.clear()

    at = open_page()
    assert badges(at)[0] == "Belum mulai" and "**Angka Penjualan**" in texts(at.markdown)
    assert "Target disepakati tim" in texts(at.text)
    with kpi.Workspace.open() as ws:
        [target] = ws.targets()
        assert target.goal == ws.goals()[0].id and ws.goals()[0].name == "Menaikkan penjualan"


def _counting_script():
    import streamlit as st

    from ui import progress_view

    for target in progress_view.counting(list("abcde"), st.session_state.get("lang", "id")):
        if target == "c":
            break  # leaves the bar as it was while the third target was being worked out
    st.write("ok")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_many_targets_are_worked_out_under_a_progress_bar(lang, monkeypatch):
    monkeypatch.syspath_prepend(str(sample_app.ROOT))
    at = AppTest.from_function(_counting_script)
    at.session_state["lang"] = lang
    at.run()
    ok(at)
    [bar] = at.get("progress")
    assert bar.proto.text == t("busy.progress", lang, n=3, total=5) and bar.value == 40


def test_a_rates_gap_is_in_points():
    with kpi.Workspace.open() as ws:
        target = ws.set_target("conversion_rate", "2026-08-01", "2026-10-31", value=0.132)
        p = ws.progress(target)
    at = open_page()
    shown = {m.label: m.value for m in at.metric}
    points = f"{(p.actual - p.expected) * 100:+.1f}".replace(".", ",")
    assert p.actual < p.expected and shown[t("pg.gap")] == f"{points}\xa0poin"  # not "-1,5%"
