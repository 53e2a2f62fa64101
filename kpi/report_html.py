"""The report as one self-contained HTML page; charts as SVG or PNG through vl-convert.

The page has inline CSS and inline SVG charts, no scripts and no links to
anything outside it, so it can be mailed, archived or opened offline. Every
value that comes from data or users (KPI labels, segment names, sentences,
filter values, target notes) is escaped with :func:`html.escape`; the SVG comes
from vl-convert, which escapes the texts it draws.
"""

from __future__ import annotations

import copy
import html
import math
import numbers
from typing import TYPE_CHECKING, Any

from kpi.errors import QueryError
from kpi.formats import format_period
from kpi.i18n import message
from kpi.report_tables import display

if TYPE_CHECKING:
    import pandas as pd

    from kpi.report import Report

__all__ = ["chart_png", "chart_spec", "chart_svg", "to_html"]

#: Size of a report's trend chart, in CSS pixels (PNG: times the scale).
CHART_WIDTH, CHART_HEIGHT = 640, 240
# One axis tick per day or week as well: a report's span is short (7 days, 4 weeks). The charts already have one
# per month, quarter or year (kpi.charts._TICKS); the app's free tick count suits its long daily and weekly trends.
_TICKS = {"day": ("day", 1), "week": ("week", 1)}
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;color:#1d2a33;
margin:0 auto;max-width:980px;padding:24px;line-height:1.45}
h1{margin:0 0 4px;font-size:26px}h2{margin:32px 0 8px;font-size:20px;border-bottom:2px solid #1f6f8b;
padding-bottom:4px}h3{font-size:16px;margin:18px 0 4px}.meta,.hint{color:#5f6b73;margin:2px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:12px}
.card{border:1px solid #d5dde2;border-radius:8px;padding:12px}.card .label{font-weight:600}
.card .value{font-size:24px;margin:4px 0}.delta{font-size:14px}.delta span{color:#5f6b73}
.good{color:#2e7d4f}.bad{color:#c0392b}.flat{color:#5f6b73}
figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}figure svg{max-width:100%;height:auto}
.wide{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #d5dde2;padding:5px;text-align:left;vertical-align:top}th{background:#f1f5f7}.status{font-weight:600}
.status-behind,.status-missed{color:#c0392b}.status-at_risk{color:#b36b00}
.status-on_track,.status-reached{color:#2e7d4f}
footer{margin-top:40px;color:#5f6b73;font-size:13px;border-top:1px solid #d5dde2;padding-top:8px}
"""


def _e(value: Any) -> str:
    """Text escaped for HTML content and attribute values."""
    return html.escape("" if value is None else str(value), quote=True)


def chart_spec(chart: Any, *, grain: str | None = None, width: int | None = None,
               height: int | None = None) -> dict[str, Any]:
    """The Vega-Lite spec of ``chart`` (an Altair chart or a spec dict), optionally sized and ticked per period.

    Raises
    ------
    QueryError
        ``chart`` is neither.
    """
    if isinstance(chart, dict):
        spec = copy.deepcopy(chart)
    elif callable(getattr(chart, "to_dict", None)):
        spec = chart.to_dict()
    else:
        raise QueryError("report_bad_chart", value=type(chart).__name__)
    if width is not None:
        spec["width"] = width
    if height is not None:
        spec["height"] = height
    if grain in _TICKS:
        interval, step = _TICKS[grain]
        for view in [spec, *spec.get("layer", [])]:
            x = view.get("encoding", {}).get("x")
            if isinstance(x, dict) and x.get("type") == "temporal" and x.get("axis") is not None:
                x["axis"] = {**x["axis"], "tickCount": {"interval": interval, "step": step}}
    return spec


def chart_svg(chart: Any, *, grain: str | None = None) -> str:
    """``chart`` as an SVG document, at the report's chart size; no data is fetched from anywhere."""
    import vl_convert

    spec = chart_spec(chart, grain=grain, width=CHART_WIDTH, height=CHART_HEIGHT)
    return vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])


def chart_png(chart: Any, scale: float = 2) -> bytes:
    """Any Altair chart (or Vega-Lite spec dict) as PNG bytes, rendered by vl-convert.

    Parameters
    ----------
    chart
        An Altair chart, e.g. one of :meth:`kpi.report.Report.charts` or :mod:`kpi.charts`.
    scale
        Pixels per CSS pixel: 2 gives a sharp image on paper and high-density screens.

    Raises
    ------
    QueryError
        ``chart`` is not a chart, or ``scale`` is not a number from 0.5 to 8.

    Examples
    --------
    >>> chart_png({"data": {"values": [{"x": 1}]}, "mark": "point", "encoding": {"x": {"field": "x"}}})[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    import vl_convert

    if isinstance(scale, bool) or not isinstance(scale, numbers.Real) or not 0.5 <= scale <= 8:
        raise QueryError("report_bad_scale", value=scale)
    return vl_convert.vegalite_to_png(chart_spec(chart), scale=float(scale))


def _tone(change: float, higher_is_better: bool, unit: str) -> str:
    """``good``, ``bad`` or ``flat`` (a change that shows as zero has no direction)."""
    if math.isnan(change) or round(change * (1 if unit in ("percent", "points") else 100), 1) == 0:
        return "flat"
    return "good" if (change > 0) == higher_is_better else "bad"


def _cards(rep: Report) -> str:
    lang, out = rep.lang, []
    for row in rep.cards.to_dict("records"):
        hib = rep.metric(row["metric"]).higher_is_better
        out.append(
            f'<div class="card"><div class="label">{_e(row["label"])}</div>'
            f'<div class="value">{_e(row["value_text"])}</div>'
            f'<div class="delta {_tone(row["vs_previous"], hib, row["unit"])}">{_e(row["vs_previous_text"])} '
            f'<span>{_e(message("report_vs_previous", lang))}</span></div>'
            f'<div class="delta {_tone(row["vs_last_year"], hib, row["unit"])}">{_e(row["vs_last_year_text"])} '
            f'<span>{_e(message("report_vs_last_year", lang))}</span></div></div>')
    period = format_period(rep.cards["period"].iloc[0], rep.grain, lang) if len(rep.cards) else ""
    return (f'<h2>{_e(message("report_cards", lang))}</h2>'
            f'<p class="hint">{_e(message("report_cards_note", lang, period=period))}</p>'
            f'<div class="cards">{"".join(out)}</div>')


def _trends(rep: Report) -> str:
    figures = [f'<figure><figcaption>{_e(rep.metric(name).label(rep.lang))}</figcaption>'
               f'{chart_svg(chart, grain=rep.grain)}</figure>' for name, chart in rep.charts().items()]
    return f'<h2>{_e(message("report_trends", rep.lang))}</h2>{"".join(figures)}'


def _table(frame: pd.DataFrame, classes: dict[int, list[str]]) -> str:
    """An HTML table of ``frame``; ``classes``: column position -> a CSS class per row."""
    head = "".join(f"<th>{_e(c)}</th>" for c in frame.columns)
    rows = []
    for i, values in enumerate(frame.itertuples(index=False)):
        cells = [f'<td class="{_e(classes[j][i])}">{_e(v)}</td>' if j in classes else f"<td>{_e(v)}</td>"
                 for j, v in enumerate(values)]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f"<div class=\"wide\"><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"


def _targets(rep: Report) -> str:
    title = f'<h2>{_e(message("report_targets", rep.lang))}</h2>'
    if rep.targets.empty:
        return title + f'<p class="hint">{_e(message("report_no_targets", rep.lang))}</p>'
    shown = display(rep, "targets")
    status = list(shown.columns).index(message("report_col_status", rep.lang))
    return title + _table(shown, {status: [f"status status-{s}" for s in rep.targets["status"]]})


def _findings(rep: Report) -> str:
    lang = rep.lang
    intro = message("report_findings_kpis" if rep.targets.empty else "report_findings_targets", lang)
    out = [f'<h2>{_e(message("report_findings", lang))}</h2>', f'<p class="hint">{_e(intro)}</p>']
    for heading, narrative in rep.narratives.items():
        sentences = rep.findings.loc[rep.findings["heading"] == heading, "sentence"]
        items = "".join(f"<li>{_e(s)}</li>" for s in sentences)
        out.append(f"<h3>{_e(heading)}</h3><p>{_e(narrative)}</p>" + (f"<ol>{items}</ol>" if items else ""))
    if not rep.narratives and not rep.targets.empty:
        out.append(f'<p>{_e(message("report_no_findings", lang))}</p>')
    if rep.notes:
        notes = "".join(f"<li>{_e(n)}</li>" for n in rep.notes)
        out.append(f'<h2>{_e(message("report_notes", lang))}</h2><ul class="hint">{notes}</ul>')
    return "".join(out)


def to_html(rep: Report) -> str:
    """``rep`` as one self-contained HTML document (inline CSS and SVG charts, no scripts, no links).

    Title, period and filters, the KPI cards, one trend chart per KPI, the targets and their
    status, the findings with their narratives, the notes, and when the report was made.
    """
    body = "".join([
        f"<header><h1>{_e(rep.title)}</h1><p class=\"meta\">{_e(rep.period_line())}</p>"
        f"<p class=\"meta\">{_e(rep.filters_text())}</p></header>",
        f"<section>{_cards(rep)}</section>", f"<section>{_trends(rep)}</section>",
        f"<section>{_targets(rep)}</section>", f"<section>{_findings(rep)}</section>",
        f"<footer>{_e(rep.generated_text())}</footer>",
    ])
    return (f'<!DOCTYPE html>\n<html lang="{_e(rep.lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(rep.title)} · {_e(rep.period_text())}</title><style>{_CSS}</style></head>"
            f"<body>{body}</body></html>\n")
