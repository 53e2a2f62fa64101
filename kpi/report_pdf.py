"""The report as a PDF (fpdf2): title, period, KPI cards, trend charts, targets and findings.

Indonesian text and Rupiah amounts need more than the 14 core PDF fonts' Latin-1
(the en dash of a missing value, the arrows and curly quotes of sentences, names
from users' files), so a Unicode TrueType font is embedded when one is found
(DejaVu Sans, in the usual places of :data:`FONT_DIRS`). Without one the core
Helvetica font is used and text outside Latin-1 is transliterated
(:func:`latin1`), so the PDF always renders.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpi.formats import format_period
from kpi.i18n import message
from kpi.report_html import CHART_HEIGHT, CHART_WIDTH, chart_spec
from kpi.report_tables import display

if TYPE_CHECKING:
    import pandas as pd
    from fpdf import FPDF

    from kpi.report import Report

__all__ = ["FONT_DIRS", "find_fonts", "latin1", "to_pdf"]

#: Folders searched, in order, for DejaVuSans.ttf (and DejaVuSans-Bold.ttf beside it).
FONT_DIRS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
    "/usr/share/fonts/dejavu-sans-fonts", "/usr/local/share/fonts", "/opt/homebrew/share/fonts",
    "/Library/Fonts", str(Path.home() / "Library" / "Fonts"), str(Path.home() / ".fonts"),
    str(Path.home() / ".local" / "share" / "fonts"), "C:/Windows/Fonts",
)
_LATIN1 = str.maketrans({"\u2212": "-", "\u2192": "->", "\u2026": "...", "\u2013": "-", "\u2014": "-",
                         "\u2018": "'", "\u2019": "'", "\u201a": ",", "\u201c": '"', "\u201d": '"',
                         "\u2009": " ", "\u202f": " ", "\u2007": " "})
# Tabs and carriage returns (which a user's value may start with) would print as boxes.
_CONTROLS = str.maketrans({c: " " for c in range(32) if c != 10})
_SCALE = 2  # PNG pixels per CSS pixel: sharp on paper


def find_fonts() -> tuple[Path, Path | None] | None:
    """DejaVu Sans (regular, and bold when it is there) from the first folder of :data:`FONT_DIRS` holding it."""
    for folder in FONT_DIRS:
        regular = Path(folder) / "DejaVuSans.ttf"
        if regular.is_file():
            bold = regular.with_name("DejaVuSans-Bold.ttf")
            return regular, bold if bold.is_file() else None
    return None


def latin1(text: str) -> str:
    """``text`` in Latin-1, for the core PDF fonts: ``−`` and dashes as ``-``, ``→`` as ``->``, ``…`` as
    ``...``, curly quotes straight, anything else outside Latin-1 as ``?``.

    Examples
    --------
    >>> latin1("Rp1,2 jt – naik → “bagus” … 東")
    'Rp1,2 jt - naik -> "bagus" ... ?'
    """
    return "".join(c if ord(c) < 256 else "?" for c in text.translate(_LATIN1))


class _Page:
    """An fpdf2 document with the report's font and the text cleaning that font needs."""

    clean: Callable[[str], str]

    def __init__(self, title: str, lang: str) -> None:
        from fpdf import FPDF

        self.pdf: FPDF = FPDF(orientation="portrait", unit="mm", format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.pdf.set_margins(15, 15, 15)
        fonts = find_fonts()
        if fonts is None:
            self.family, self.clean = "Helvetica", _core
        else:
            self.pdf.add_font("DejaVu", "", str(fonts[0]))
            self.pdf.add_font("DejaVu", "B", str(fonts[1] or fonts[0]))
            # A character the font lacks (Chinese in a product name, an emoji) would print as nothing.
            covered = frozenset(getattr(self.pdf.fonts.get("dejavu"), "cmap", None) or ())
            self.family, self.clean = "DejaVu", lambda text: _unicode(text, covered)
        self.pdf.set_title(self.clean(title))
        self.pdf.set_creator("Kinerja")
        self.pdf.set_lang(lang)
        self.pdf.add_page()

    def text(self, text: str, size: float = 10, bold: bool = False, gap: float = 1.5) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.multi_cell(0, size * 0.5, self.clean(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)

    def heading(self, text: str) -> None:
        if self.pdf.get_y() > self.pdf.page_break_trigger - 30:  # keep a heading with what follows it
            self.pdf.add_page()
        self.pdf.ln(3)
        self.text(text, 14, bold=True, gap=2)

    def table(self, frame: pd.DataFrame, widths: tuple[float, ...]) -> None:
        self.pdf.set_font(self.family, "", 8)
        with self.pdf.table(col_widths=widths, text_align="LEFT", line_height=4.5, padding=1) as table:
            for values in [list(frame.columns), *frame.itertuples(index=False)]:
                row = table.row()
                for value in values:
                    row.cell(self.clean("" if value is None else str(value)))
        self.pdf.ln(2)

    def image(self, png: bytes) -> None:
        width_px, height_px = struct.unpack(">II", png[16:24])  # the PNG header's IHDR chunk
        height = self.pdf.epw * height_px / width_px
        if self.pdf.get_y() + height > self.pdf.page_break_trigger:
            self.pdf.add_page()
        self.pdf.image(io.BytesIO(png), w=self.pdf.epw, h=height)
        self.pdf.ln(2)


def _unicode(text: str, covered: frozenset[int]) -> str:
    text = text.translate(_CONTROLS)
    return "".join(c if ord(c) in covered or c == "\n" else "?" for c in text) if covered else text


def _core(text: str) -> str:
    return latin1(text.translate(_CONTROLS))


def _png(chart: Any, grain: str) -> bytes:
    import vl_convert

    spec = chart_spec(chart, grain=grain, width=CHART_WIDTH, height=CHART_HEIGHT)
    return vl_convert.vegalite_to_png(spec, scale=_SCALE, allowed_base_urls=[])


def _findings(page: _Page, rep: Report, say: Callable[[str], str]) -> None:
    page.heading(say("report_findings"))
    page.text(say("report_findings_kpis" if rep.targets.empty else "report_findings_targets"), 9)
    for heading, narrative in rep.narratives.items():
        page.text(heading, 11, bold=True, gap=1)
        page.text(narrative, 9.5)
        sentences = rep.findings.loc[rep.findings["heading"] == heading, "sentence"]
        for rank, sentence in enumerate(sentences, start=1):
            page.text(f"{rank}. {sentence}", 9.5, gap=1)
    if not rep.narratives and not rep.targets.empty:
        page.text(say("report_no_findings"), 9.5)
    if rep.notes:
        page.heading(say("report_notes"))
        for note in rep.notes:
            page.text(f"• {note}" if page.family == "DejaVu" else f"- {note}", 9)


def to_pdf(rep: Report) -> bytes:
    """``rep`` as a PDF (A4 portrait): title, period and filters, a table of the KPI cards, each trend
    chart as a PNG across the page width, the targets, the findings and their narratives, the notes.

    The font is DejaVu Sans when :func:`find_fonts` finds it, else Helvetica with :func:`latin1` text.
    """
    def say(code: str, **params: Any) -> str:
        return message(code, rep.lang, **params)

    page = _Page(rep.title, rep.lang)
    page.text(rep.title, 20, bold=True, gap=1)
    page.text(rep.period_line(), 10, gap=0.5)
    page.text(rep.filters_text(), 10, gap=2)
    page.heading(say("report_cards"))
    period = format_period(rep.cards["period"].iloc[0], rep.grain, rep.lang) if len(rep.cards) else ""
    page.text(say("report_cards_note", period=period), 8.5)
    page.table(display(rep, "cards"), (34, 14, 22, 15, 15))
    page.heading(say("report_trends"))
    for name, chart in rep.charts().items():
        page.text(rep.metric(name).label(rep.lang), 10, bold=True, gap=0.5)
        page.image(_png(chart, rep.grain))
    page.heading(say("report_targets"))
    if rep.targets.empty:
        page.text(say("report_no_targets"), 9.5)
    else:
        page.table(display(rep, "targets", full=False), (27, 24, 24, 24, 17, 17, 17))
    _findings(page, rep, say)
    page.pdf.ln(4)
    page.text(rep.generated_text(), 8)
    return bytes(page.pdf.output())
