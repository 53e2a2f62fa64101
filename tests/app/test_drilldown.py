"""The Drill-down page, driven through the whole app (``app.py``) with Streamlit's AppTest, on the sample data.

The sample's planted stories (the conversion drop of Instagram leads in Jawa Barat, TikTok's growing share of
leads, Fashion returns, TikTok Shop's falling ROAS) must be found from the page as a new user would find them.
What the page shows is checked against ``ws.explain`` computed by the test through :mod:`kpi`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import kpi
from kpi.formats import format_value

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/app has no __init__.py
import sample_app  # noqa: E402

sample_file = sample_app.sample_file_fixture()
workspace_home = sample_app.workspace_home_fixture()
t, ok, texts = sample_app.t, sample_app.ok, sample_app.texts

AUG_OCT = (dt.date(2026, 8, 1), dt.date(2026, 10, 31))


def ask(metric: str, current: tuple[dt.date, dt.date], baseline: str = "last_year", lang: str = "id") -> AppTest:
    """The Drill-down page comparing ``metric`` over ``current`` with ``baseline``."""
    at = sample_app.open_page("pages/drilldown.py", lang)
    at.selectbox(key="drilldown.kpi").set_value(metric).run()
    at.date_input(key="drilldown.current").set_value(current).run()
    if baseline != "last_year":
        at.radio(key="drilldown.baseline").set_value(baseline).run()
    return ok(at)


def narrative(at: AppTest) -> str:
    [box] = at.info
    return box.value


def findings(at: AppTest, lang: str = "id"):
    return at.dataframe[0].value.set_index(t("dd.col.segment", lang))


def explain(metric: str, current, baseline="last_year", **options) -> kpi.rootcause.Explanation:
    with kpi.Workspace.open() as ws:
        return ws.explain(metric, current, baseline, **options)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_conversion_drop_and_tiktoks_mix_are_found_in_both_languages(lang):
    at = ask("conversion_rate", AUG_OCT, lang=lang)
    assert texts(at.title) == [t("dd.title", lang)]
    assert [t(k, lang) for k in ("dd.summary", "dd.findings", "dd.ranking", "dd.tree")] == texts(at.subheader)
    assert at.radio(key="drilldown.baseline").value == "last_year"  # the default baseline
    expected = explain("conversion_rate", AUG_OCT)
    said = narrative(at)
    assert said == expected.narrative(lang)
    assert "Instagram, Jawa Barat" in said  # the two values together, in one finding
    table = findings(at, lang)
    row = table.loc["Instagram, Jawa Barat"]
    assert row[t("dd.col.test", lang)] == t("dd.test.rate", lang)
    assert table.loc["TikTok", t("dd.col.test", lang)] == t("dd.test.mix", lang)
    assert table.index.tolist() == [f.label for f in expected.findings]
    assert table[t("dd.col.share", lang)].tolist() == [format_value(f.share_of_change, "percent", lang)
                                                       for f in expected.findings]
    m = expected.metric
    drop = next(f for f in expected.findings if f.label == "Instagram, Jawa Barat")
    assert row[t("dd.col.change", lang)] == f"{m.format(drop.baseline, lang)} → {m.format(drop.current, lang)}"
    assert len(at.get("vega_lite_chart")) == 4  # ranking, segments, waterfall, mix and rate
    assert at.selectbox(key="drilldown.split.0").value == expected.dimensions["dimension"].iloc[0]


def test_returns_in_fashion_explain_revenue_against_the_previous_period():
    current = (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    at = ask("revenue", current, "previous")
    expected = explain("revenue", current, "previous")
    assert narrative(at) == expected.narrative("id")
    table = findings(at)
    assert "Fashion, retur" in table.index
    assert table.loc["Fashion, retur", t("dd.col.share")] == format_value(
        next(f.share_of_change for f in expected.findings if f.label == "Fashion, retur"), "percent")
    assert len(at.get("vega_lite_chart")) == 3  # an additive KPI has no mix and rate chart


def test_tiktok_shop_is_the_top_cause_of_the_roas_fall():
    current = (dt.date(2026, 9, 1), dt.date(2026, 10, 31))
    at = ask("roas", current, "previous", lang="en")
    expected = explain("roas", current, "previous")
    assert expected.findings[0].label == "TikTok Shop"
    assert findings(at, "en").index[0] == "TikTok Shop"
    assert narrative(at) == expected.narrative("en")


def test_drilling_into_a_segment_re_explains_with_it_and_back_returns():
    at = ask("conversion_rate", AUG_OCT)
    at.selectbox(key="drilldown.split.0").set_value("sumber").run()
    ok(at)
    assert "Instagram" in at.selectbox(key="drilldown.drill.0").options
    at.selectbox(key="drilldown.drill.0").set_value("Instagram").run()
    ok(at)
    assert f"**{t('dd.path')}:** {t('dd.all_data')} › sumber = Instagram" in texts(at.markdown)
    inside = explain("conversion_rate", AUG_OCT, filters={"sumber": ["Instagram"]}, by=["kampanye", "provinsi"])
    assert narrative(at) == inside.narrative("id")
    assert at.metric[0].value == format_value(inside.total_current, "percent")
    assert at.selectbox(key="drilldown.split.1").options == inside.dimensions["dimension"].tolist()
    assert "sumber" not in at.selectbox(key="drilldown.split.1").options  # the remaining dimensions only

    at.selectbox(key="drilldown.split.1").set_value("provinsi").run()
    at.selectbox(key="drilldown.drill.1").set_value("Jawa Barat").run()
    ok(at)
    assert f"**{t('dd.path')}:** {t('dd.all_data')} › sumber = Instagram › provinsi = Jawa Barat" in texts(at.markdown)
    deeper = explain("conversion_rate", AUG_OCT, filters={"sumber": ["Instagram"], "provinsi": ["Jawa Barat"]},
                     by=["kampanye"])
    assert narrative(at) == deeper.narrative("id")

    at.button(key="drilldown.back").click().run()
    at.button(key="drilldown.back").click().run()
    ok(at)
    assert narrative(at) == explain("conversion_rate", AUG_OCT).narrative("id")
    assert not any(m.startswith(f"**{t('dd.path')}") for m in texts(at.markdown))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_overlapping_spans_and_an_unsupported_kpi_are_explained(lang):
    at = ask("conversion_rate", AUG_OCT, "custom", lang=lang)
    at.date_input(key="drilldown.baseline.dates").set_value((dt.date(2026, 7, 1), dt.date(2026, 8, 31))).run()
    assert not at.exception
    with pytest.raises(kpi.QueryError) as refused:
        explain("conversion_rate", AUG_OCT, (dt.date(2026, 7, 1), dt.date(2026, 8, 31)))
    assert refused.value.code == "explain_overlap"
    assert texts(at.error) == [refused.value.message(lang)]

    at.selectbox(key="drilldown.kpi").set_value("retention_rate").run()
    at.radio(key="drilldown.baseline").set_value("last_year").run()
    assert not at.exception and not at.error
    with pytest.raises(kpi.QueryError) as unsupported:
        explain("retention_rate", AUG_OCT)
    assert unsupported.value.code == "explain_not_supported"
    assert texts(at.info) == [unsupported.value.message(lang)]


def test_a_target_behind_its_plan_is_explained_against_the_plan():
    with kpi.Workspace.open() as ws:
        later = ws.set_target("orders", "2026-11-01", "2027-01-31", value=9000)
        running = ws.set_target("revenue", "2026-07-01", "2026-12-31", growth=0.2, filters={"kanal": "Shopee"})
        assert ws.progress(running).status in ("behind", "at_risk") and later.id < running.id
        expected = ws.explain(target=running)
    at = sample_app.open_page("pages/drilldown.py")
    assert at.radio(key="drilldown.mode").value == "target"
    assert at.selectbox(key="drilldown.target").value == running.id  # the one behind, not the first
    assert narrative(at) == expected.narrative("id")
    assert t("dd.target_note") in texts(at.caption)
    assert any(c.startswith("Sekarang:") and "jalur rencana target" in c for c in texts(at.caption))
    assert "kanal" not in at.selectbox(key="drilldown.split.0").options  # the target's own segment
    # Inside a segment of the target, the plan is the segment's own last year times the target's factor.
    at.selectbox(key="drilldown.split.0").set_value("provinsi").run()
    at.selectbox(key="drilldown.drill.0").set_value("Jawa Barat").run()
    ok(at)
    with kpi.Workspace.open() as ws:
        inside = ws.explain(target=running, filters={"kanal": ["Shopee"], "provinsi": ["Jawa Barat"]},
                            by=[d for d in ws.dimensions("revenue") if d not in ("kanal", "provinsi")])
        whole = ws.explain(target=running)
        last_year = {scope: ws.compute("revenue", "day", "2025-07-01", whole.baseline[1], filters=filters)["value"].sum()
                     for scope, filters in (("all", {"kanal": "Shopee"}),
                                            ("west", {"kanal": "Shopee", "provinsi": "Jawa Barat"}))}
    assert narrative(at) == inside.narrative("id")
    factor = whole.total_baseline / last_year["all"]
    assert inside.total_baseline == pytest.approx(factor * last_year["west"])
