"""The app's own words, in Bahasa Indonesia first and English second.

Messages about data (errors, warnings, quality findings) come from :mod:`kpi.i18n`;
these tables hold only the labels of the app itself (the pages' in ``ui/text_*.py``). ``t(key, lang, **values)`` fills
``str.format`` fields.
"""

from __future__ import annotations

import re
from typing import Any

from kpi.i18n import format_number, format_percent
from ui.text_causes import CAUSE_TEXT
from ui.text_data import DATA_TEXT
from ui.text_kpis import KPI_TEXT

LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}

# The pages' tables live in their own modules; links and progress indicators, used by every page, stay here.
TEXT: dict[str, dict[str, str]] = {
    **DATA_TEXT,
    **KPI_TEXT,
    **CAUSE_TEXT,
    # --- shareable links (ui/urlstate.py, ui/links.py) ---------------------
    "url.notice": {"id": "Sebagian isi tautan ini tidak bisa dipakai:", "en": "Part of this link could not be used:"},
    "url.bad_lang": {
        "id": "Bahasa `{value}` di tautan ini tidak tersedia; menampilkan {language}.",
        "en": "The language `{value}` in this link is not available; showing {language}.",
    },
    "url.bad_value": {
        "id": "Nilai `{param}={value}` di tautan ini tidak dikenal; memakai pilihan bawaan.",
        "en": "The value `{param}={value}` in this link is not a known choice; using the default.",
    },
    "url.unknown_kpi": {
        "id": "Tautan ini menyebut KPI `{value}` yang tidak tersedia; KPI itu dilewati.",
        "en": "This link names the KPI `{value}`, which is not available; it is left out.",
    },
    "url.gone_goal": {
        "id": "Tautan ini menyebut tujuan #{value} yang tidak ada lagi; menampilkan tujuan bawaan.",
        "en": "This link names goal #{value}, which no longer exists; showing the default goal.",
    },
    "url.gone_target": {
        "id": "Tautan ini menyebut target #{value} yang tidak ada lagi; menampilkan target bawaan.",
        "en": "This link names target #{value}, which no longer exists; showing the default target.",
    },
    "url.gone_action": {
        "id": "Tautan ini menyebut tindakan #{value} yang tidak ada lagi; menampilkan tindakan terbaru.",
        "en": "This link names action #{value}, which no longer exists; showing the newest action.",
    },
    "url.bad_dates": {
        "id": "Rentang tanggal `{value}` di tautan ini tidak terbaca atau di luar data ({first} – {last}); "
        "menampilkan rentang bawaan.",
        "en": "The date range `{value}` in this link cannot be read or lies outside the data ({first} – {last}); "
        "showing the default range.",
    },
    "url.bad_span": {
        "id": "Rentang target `{value}` di tautan ini tidak bisa dipakai (harus bulan penuh, 1–12 bulan, mulai "
        "dekat data terakhir); memakai rentang bawaan.",
        "en": "The target span `{value}` in this link cannot be used (whole months, 1–12 of them, starting near "
        "the data's end); using the default span.",
    },
    "url.unknown_dimension": {
        "id": "Tautan ini menyebut dimensi `{value}` yang tidak ada di data; dimensi itu dilewati.",
        "en": "This link names the dimension `{value}`, which the data does not have; it is left out.",
    },
    "url.unknown_values": {
        "id": "Nilai `{value}` untuk `{dimension}` di tautan ini tidak ada di data; nilai itu dilewati.",
        "en": "The value `{value}` of `{dimension}` in this link is not in the data; it is left out.",
    },
    "url.one_filter": {
        "id": "Hanya satu saringan yang bisa dipakai; `{value}` di tautan ini dilewati.",
        "en": "Only one filter can be used; `{value}` in this link is left out.",
    },
    "url.one_value": {
        "id": "Segmen hanya memakai satu nilai `{dimension}`; `{value}` di tautan ini dilewati.",
        "en": "A segment takes one value of `{dimension}`; `{value}` in this link is left out.",
    },
    "url.bad_path": {
        "id": "Jalur telusur `{value}` di tautan ini tidak cocok dengan data; mulai dari semua data.",
        "en": "The drill path `{value}` in this link does not fit the data; starting from all data.",
    },
    # --- progress indicators ------------------------------------------------
    "busy.sample": {"id": "Menyiapkan data contoh…", "en": "Preparing the sample data…"},
    "busy.sample_file": {
        "id": "Mengimpor `{name}` ({n} dari {total})…",
        "en": "Importing `{name}` ({n} of {total})…",
    },
    "busy.sample_done": {"id": "Data contoh siap.", "en": "The sample data is ready."},
    "busy.read": {"id": "Membaca file…", "en": "Reading the file…"},
    "busy.import_read": {
        "id": "1. Pratinjau terbaca: {rows} baris data, {cols} kolom.",
        "en": "1. Preview read: {rows} data rows, {cols} columns.",
    },
    "busy.import_write": {
        "id": "2. Membaca seluruh file, memeriksa dan mengonversi nilainya, lalu menulis ke workspace…",
        "en": "2. Reading the whole file, checking and converting its values, then writing them to the workspace…",
    },
    "busy.import_written": {
        "id": "2. {rows} baris tersimpan di workspace.",
        "en": "2. {rows} rows saved to the workspace.",
    },
    "busy.import_quality": {"id": "3. Laporan kualitas: {n} temuan.", "en": "3. Quality report: {n} findings."},
    "busy.import_done": {"id": "Impor `{file}` selesai.", "en": "Import of `{file}` finished."},
    "busy.import_failed": {"id": "Impor `{file}` gagal.", "en": "Import of `{file}` failed."},
    "busy.suggest": {"id": "Menghitung usulan target dari riwayat…", "en": "Working out targets from history…"},
    "busy.explain": {
        "id": "Mencari segmen penyebab perubahan…",
        "en": "Looking for the segments behind the change…",
    },
    "busy.effect": {"id": "Mengukur efek tindakan…", "en": "Measuring the action's effect…"},
    "busy.progress": {
        "id": "Menghitung progres target {n} dari {total}…",
        "en": "Working out the progress of target {n} of {total}…",
    },
}

_GATE = "Benjamini-Hochberg q-values behind a Bonferroni gate"
_DID = ("difference in differences of {what}, segment vs the rest of the target's data; percentile bootstrap over days "
        "({{n}} draws, treated and control resampled together)")
_DID_ID = ("selisih dari selisih (difference in differences) {what}, segmen dibanding sisa data target; bootstrap "
           "persentil atas hari ({{n}} pengambilan, kelompok tindakan dan pembanding diambil ulang bersama)")

#: The methods :mod:`kpi` names in English only (``Explanation.method``, ``ActionEffect.method``), by their English
#: words with numbers as ``{n}``; :func:`method` shows them in the app's language.
METHODS: dict[str, dict[str, str]] = {
    f"contributions; delta-method z-tests of each segment against the rest, {_GATE}": {
        "id": "kontribusi; uji z metode delta untuk setiap segmen terhadap sisanya, nilai q Benjamini-Hochberg di "
        "balik gerbang Bonferroni",
        "en": f"contributions; delta-method z-tests of each segment against the rest, {_GATE}",
    },
    f"mix/rate decomposition; delta-method z-tests of each segment against the rest, {_GATE}": {
        "id": "dekomposisi bauran/tingkat; uji z metode delta untuk setiap segmen terhadap sisanya, nilai q "
        "Benjamini-Hochberg di balik gerbang Bonferroni",
        "en": f"mix/rate decomposition; delta-method z-tests of each segment against the rest, {_GATE}",
    },
    _DID.format(what="pooled rates"): {"id": _DID_ID.format(what="tingkat gabungan"),
                                       "en": _DID.format(what="pooled rates")},
    _DID.format(what="mean daily values"): {"id": _DID_ID.format(what="rata-rata nilai harian"),
                                            "en": _DID.format(what="mean daily values")},
}

#: Entries that read the same in both languages on purpose (a loanword, a name, a code).
SAME: frozenset[str] = frozenset({
    "side.workspace", "data.title", "nav.data", "del.pick", "delim.tab", "conv.encoding", "prev.encoding",
    "prev.sheet", "ov.custom_label", "unit.currency", "tg.target", "tg.kpi", "col.target", "pg.pick", "pg.status",
    "pg.target_value", "dd.target", "dd.kpi", "dd.test.total", "ac.col.kpi", "ac.col.status", "ac.status",
    "ac.for_target", "ac.for_kpi",
})


def t(key: str, lang: str = "id", **values: Any) -> str:
    """The text ``key`` in ``lang`` (falling back to Indonesian), with ``values`` filled in.

    An unknown key returns the key itself, so a missing string shows up on screen
    instead of breaking the page.
    """
    entry = TEXT.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["id"]
    return template.format(**values) if values else template


def method(text: str, lang: str) -> str:
    """A method as :mod:`kpi` names it (in English), in ``lang``; kpi's own words when :data:`METHODS` lacks it."""
    entry = METHODS.get(re.sub(r"\d+", "{n}", text))
    if entry is None:
        return text
    count = re.search(r"\d+", text)
    return entry[lang if lang in entry else "id"].format(n=format_number(int(count.group()), lang) if count else "")


# Numbers are formatted by the library, so the app and notebooks agree.
number = format_number
percent = format_percent
