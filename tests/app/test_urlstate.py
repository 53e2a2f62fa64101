"""Shareable links: a page opened with URL parameters shows the view they name, writes its state back to the
URL, and skips bad or stale parameters with one notice instead of failing.

Each test opens the app through ``app.py`` as a new session would: ``at.query_params`` set before the first
run is the link a colleague opened. The workspace is a copy of the sample with a goal, targets and actions
(:func:`sample_app.plan`: target 3 and action 3 are deleted).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/app has no __init__.py
import sample_app  # noqa: E402

sample_file = sample_app.planned_sample_file_fixture()
workspace_home = sample_app.workspace_home_fixture()
t, ok, texts = sample_app.t, sample_app.ok, sample_app.texts

AUG_OCT = (dt.date(2026, 8, 1), dt.date(2026, 10, 31))


def open_link(page: str, **params: str) -> AppTest:
    """A new session opening ``page`` with the query ``params`` (``f_kanal`` stands for ``f.kanal``)."""
    at = AppTest.from_file(str(sample_app.APP), default_timeout=sample_app.TIMEOUT)
    at.query_params.update({name.replace("_", ".", 1) if name.startswith("f_") else name: value
                            for name, value in params.items()})
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def notice(at: AppTest) -> str:
    """The one notice about the link (other notes on the page are not about it)."""
    [box] = [box.value for box in at.info if "link_off" in str(box.proto.icon)]
    return box


def test_the_codec_round_trips_values_with_separators(monkeypatch):
    monkeypatch.syspath_prepend(str(sample_app.ROOT))
    from ui import urlstate

    odd = ["a,b", "x:y/z", "50%", "Jawa Barat", None]
    assert urlstate.items(urlstate.encode(odd)) == odd
    steps = [("sumber", "Instagram"), ("kota", "a/b:c,d"), ("produk", None)]
    assert urlstate.path(urlstate.encode(steps)) == steps
    assert urlstate.encode([dt.date(2026, 8, 1)]) == "2026-08-01"
    for bad in ("sumber", "a:b:c", ":x", "a:b//c:d"):
        with pytest.raises(ValueError):
            urlstate.path(bad)


def test_an_overview_link_restores_the_view_and_follows_the_widgets():
    at = open_link("overview", kpi="revenue,orders", grain="week", f_kanal="Shopee,Tokopedia", split="provinsi",
                   trend="orders", **{"from": "2026-08-01", "to": "2026-10-31"})
    ok(at)
    assert at.multiselect(key="overview.kpis").value == ["revenue", "orders"]
    assert at.segmented_control(key="overview.grain").value == "week"
    assert at.date_input(key="overview.dates").value == AUG_OCT
    assert at.selectbox(key="overview.filter.dimension").value == "kanal"
    assert at.multiselect(key="overview.filter.values.kanal").value == ["Shopee", "Tokopedia"]
    assert at.selectbox(key="overview.split").value == "provinsi"
    assert at.selectbox(key="overview.trend").value == "orders"
    assert not [box for box in at.info if "link_off" in str(box.proto.icon)]
    assert at.query_params == {"lang": "id", "kpi": "revenue,orders", "grain": "week", "from": "2026-08-01",
                               "to": "2026-10-31", "f.kanal": "Shopee,Tokopedia", "split": "provinsi",
                               "trend": "orders"}

    at.segmented_control(key="overview.grain").set_value("month").run()  # a click is not undone by the link
    at.selectbox(key="overview.filter.dimension").set_value("\x00none").run()
    ok(at)
    assert at.query_params["grain"] == "month" and "f.kanal" not in at.query_params
    assert at.multiselect(key="overview.kpis").value == ["revenue", "orders"]

    at.switch_page("pages/progress.py").run()  # another page drops the Overview's parameters
    ok(at)
    assert at.query_params == {"lang": "id", "target": "1"}


def test_a_progress_link_in_english_from_the_first_paint():
    at = open_link("progress", lang="en", target="2")
    ok(at)
    assert texts(at.title) == [t("pg.title", "en")]
    assert [page["page_name"] for page in at._registered_pages.values()][:2] == ["Overview", "Targets"]
    assert at.selectbox(key="lang").value == "en"
    assert at.selectbox(key="progress.target").value == 2
    at.selectbox(key="lang").set_value("id").run()
    ok(at)
    assert at.query_params == {"lang": "id", "target": "2"}
    assert texts(at.title) == [t("pg.title", "id")]

    at.query_params.update({"lang": "en", "target": "1"})  # the Back button: a URL the session did not write
    at.run()
    ok(at)
    assert at.selectbox(key="progress.target").value == 1 and texts(at.title) == [t("pg.title", "en")]


def test_a_drilldown_link_restores_the_question_and_the_path():
    at = open_link("drilldown", mode="periods", kpi="conversion_rate", base="previous",
                   path="sumber:Instagram/provinsi:Jawa Barat", **{"from": "2026-08-01", "to": "2026-10-31"})
    ok(at)
    assert at.radio(key="drilldown.mode").value == "periods"
    assert at.selectbox(key="drilldown.kpi").value == "conversion_rate"
    assert at.date_input(key="drilldown.current").value == AUG_OCT
    assert at.radio(key="drilldown.baseline").value == "previous"
    assert at.session_state["drilldown.path"][1] == (("sumber", "Instagram"), ("provinsi", "Jawa Barat"))
    crumbs = f"**{t('dd.path')}:** {t('dd.all_data')} › sumber = Instagram › provinsi = Jawa Barat"
    assert crumbs in texts(at.markdown)
    assert (at.query_params["path"], at.query_params["base"]) == ("sumber:Instagram/provinsi:Jawa Barat", "previous")
    at.button(key="drilldown.back").click().run()
    ok(at)
    assert at.query_params["path"] == "sumber:Instagram"

    at = open_link("drilldown", mode="periods", kpi="conversion_rate", split="provinsi")
    split = at.selectbox(key="drilldown.split.0")
    assert split.value == "provinsi" != split.options[0]  # not the top-ranked dimension it starts on
    assert at.query_params["split"] == "provinsi"

    at = open_link("drilldown", mode="target", target="2")
    ok(at)
    assert at.selectbox(key="drilldown.target").value == 2
    assert at.query_params == {"lang": "id", "mode": "target", "target": "2"}  # not started: no tree to split


def test_targets_and_actions_links():
    at = open_link("targets", goal="1", kpi="orders", f_kanal="Shopee", grain="week",
                   **{"from": "2026-12-01", "to": "2027-02-28"})
    ok(at)
    assert at.selectbox(key="targets.kpi").value == "orders"
    assert at.selectbox(key="targets.span.start").value == dt.date(2026, 12, 1)
    assert at.number_input(key="targets.span.months").value == 3
    assert at.selectbox(key="targets.segment.value.kanal").value == "Shopee"
    assert at.segmented_control(key="targets.grain").value == "week"
    assert at.query_params["to"] == "2027-02-28" and at.query_params["goal"] == "1"

    at = open_link("actions", action="1", status="planned,done")
    ok(at)
    assert at.selectbox(key="actions.pick").value == 1
    assert at.multiselect(key="actions.status").value == ["planned", "done"]
    at.multiselect(key="actions.status").set_value(["in_progress"]).run()
    assert at.query_params == {"lang": "id", "action": "1", "status": "in_progress"}


def test_bad_and_stale_parameters_fall_back_with_one_notice():
    at = open_link("overview", lang="xx", kpi="nope,revenue", grain="hourly", split="kota",
                   f_warna="merah", **{"from": "garbage"})
    ok(at)
    said = notice(at)
    assert said.startswith(t("url.notice"))
    for part in ("`xx`", "`nope`", "`grain=hourly`", "`from=garbage`", "`kota`", "`warna`"):
        assert part in said, part
    assert at.multiselect(key="overview.kpis").value == ["revenue"]
    assert at.segmented_control(key="overview.grain").value == "month"
    assert at.selectbox(key="lang").value == "id"
    at.run()  # shown once: the next click does not read the link again
    assert not [box for box in at.info if "link_off" in str(box.proto.icon)]

    at = open_link("progress", lang="en", target="3")  # deleted
    assert notice(at) == t("url.gone_target", "en", value="3")
    assert at.selectbox(key="progress.target").value == 1

    at = open_link("actions", action="3", status="planned,nope")
    assert t("url.gone_action", value="3") in notice(at) and "`status=nope`" in notice(at)
    assert at.selectbox(key="actions.pick").value == 2  # the newest live action

    at = open_link("drilldown", mode="periods", kpi="conversion_rate", path="sumber:Nowhere", base="1..2",
                   **{"to": "2031-01-01"})
    ok(at)
    for part in ("`sumber:Nowhere`", "`base=1..2`", "`to=2031-01-01`"):
        assert part in notice(at), part
    assert at.session_state["drilldown.path"][1] == ()
