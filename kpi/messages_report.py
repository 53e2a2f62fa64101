"""The message tables of :mod:`kpi.report`: the report's headings, column names, notes and errors, in both languages.

Data only; :mod:`kpi.messages` merges them into the one ``MESSAGES`` table that
:func:`kpi.i18n.message` reads. Bahasa Indonesia first, English second.
"""

from __future__ import annotations

__all__ = ["REPORT_MESSAGES"]

REPORT_MESSAGES: dict[str, dict[str, str]] = {
    # --- errors ------------------------------------------------------------------
    "report_bad_lang": {
        "id": "`lang` tidak bisa bernilai {value!r}: gunakan 'id' (Bahasa Indonesia) atau 'en' (English).",
        "en": "`lang` cannot be {value!r}: use 'id' (Bahasa Indonesia) or 'en' (English).",
    },
    "report_bad_findings": {
        "id": "`findings` tidak bisa bernilai {value!r}: berikan bilangan bulat, 0 atau lebih (banyaknya temuan "
        "per KPI atau target).",
        "en": "`findings` cannot be {value!r}: give a whole number, 0 or more (findings per KPI or target).",
    },
    "report_bad_filters": {
        "id": "`filters` harus berupa dict {{kolom: nilai atau [nilai, ...]}}, misalnya `{{\"kanal\": [\"Shopee\"]}}`, "
        "bukan {value}.",
        "en": "`filters` must be a dict {{column: value or [values]}}, e.g. `{{\"kanal\": [\"Shopee\"]}}`, "
        "not {value}.",
    },
    "report_no_metrics": {
        "id": "`metrics` kosong: sebutkan minimal satu KPI, misalnya `metrics=(\"revenue\",)`, atau biarkan None "
        "untuk semua KPI yang bisa dihitung dari data Anda.",
        "en": "`metrics` is empty: name at least one KPI, e.g. `metrics=(\"revenue\",)`, or leave it as None for "
        "every KPI your data can compute.",
    },
    "report_no_kpis": {
        "id": "Belum ada KPI yang bisa dihitung di workspace ini: impor dataset dulu (halaman Data, atau "
        "`ws.import_file(path, kind=\"orders\")`).",
        "en": "No KPI can be computed in this workspace yet: import a dataset first (Data page, or "
        "`ws.import_file(path, kind=\"orders\")`).",
    },
    "report_no_data": {
        "id": "Belum ada data untuk KPI di `metrics` ({metrics}): impor dataset-nya dulu, atau berikan `start` "
        "dan `end`.",
        "en": "There is no data for the KPIs in `metrics` ({metrics}) yet: import their datasets first, or give "
        "`start` and `end`.",
    },
    "report_csv_separators": {
        "id": "`sep` dan `decimal` sama-sama {sep}: kolom dan desimal tidak bisa dibedakan. Pakai `sep=\";\"` "
        "dengan `decimal=\",\"`, atau `sep=\",\"` dengan `decimal=\".\"`.",
        "en": "`sep` and `decimal` are both {sep}: columns and decimals could not be told apart. Use `sep=\";\"` "
        "with `decimal=\",\"`, or `sep=\",\"` with `decimal=\".\"`.",
    },
    "report_bad_chart": {
        "id": "`chart` harus berupa grafik Altair atau spesifikasi Vega-Lite (dict), bukan {value}.",
        "en": "`chart` must be an Altair chart or a Vega-Lite specification (dict), not {value}.",
    },
    "report_bad_scale": {
        "id": "`scale` tidak bisa bernilai {value!r}: berikan angka antara 0,5 dan 8 (2 = dua kali ukuran "
        "layar).",
        "en": "`scale` cannot be {value!r}: give a number from 0.5 to 8 (2 = twice the screen size).",
    },
    "report_bad_frame": {
        "id": "`frame` harus berupa pandas DataFrame, bukan {value}.",
        "en": "`frame` must be a pandas DataFrame, not {value}.",
    },
    # --- notes ---------------------------------------------------------------------
    "report_kpi_skipped": {
        "id": "{label} dilewati: {reason}",
        "en": "{label} was left out: {reason}",
    },
    "report_not_splittable": {
        "id": "{label} tidak dipecah per segmen, jadi tidak punya temuan: nilainya bukan jumlah dari baris data.",
        "en": "{label} is not split over segments, so it has no findings: its value is not a sum over rows.",
    },
    "report_not_explained": {
        "id": "{label} tidak dijelaskan: {reason}",
        "en": "{label} was not explained: {reason}",
    },
    # --- headings and lines ----------------------------------------------------------
    "report_title": {"id": "Laporan KPI", "en": "KPI report"},
    "report_period": {"id": "Periode {period} ({grain})", "en": "Period {period} ({grain})"},
    "report_grain_day": {"id": "harian", "en": "daily"},
    "report_grain_week": {"id": "mingguan, mulai Senin", "en": "weekly, from Monday"},
    "report_grain_month": {"id": "bulanan", "en": "monthly"},
    "report_grain_quarter": {"id": "kuartalan", "en": "quarterly"},
    "report_grain_year": {"id": "tahunan", "en": "yearly"},
    "report_filters": {"id": "Filter: {filters}", "en": "Filters: {filters}"},
    "report_all_data": {"id": "semua data (tanpa filter)", "en": "all data (no filters)"},
    "report_blank": {"id": "(kosong)", "en": "(blank)"},
    "report_cards": {"id": "Ringkasan KPI", "en": "KPI summary"},
    "report_cards_note": {
        "id": "Nilai periode terakhir ({period}), dibandingkan dengan periode sebelumnya dan periode yang sama "
        "tahun lalu. Perbandingan dengan periode yang dimulai sebelum data pertama dikosongkan (–).",
        "en": "Values of the last period ({period}), compared with the period before and the same period last "
        "year. A comparison with a period that starts before the first data is left blank (–).",
    },
    "report_trends": {"id": "Tren", "en": "Trends"},
    "report_targets": {"id": "Target", "en": "Targets"},
    "report_no_targets": {
        "id": "Tidak ada target untuk KPI ini pada periode laporan.",
        "en": "There are no targets for these KPIs in the report's period.",
    },
    "report_findings": {"id": "Temuan: mengapa KPI berubah", "en": "Findings: why the KPIs changed"},
    "report_findings_targets": {
        "id": "Untuk setiap target yang tertinggal atau tidak tercapai: segmen yang paling menjelaskan selisihnya "
        "terhadap jalur target.",
        "en": "For each target that is behind or missed: the segments that best explain its gap to the target's "
        "path.",
    },
    "report_findings_kpis": {
        "id": "Untuk setiap KPI: segmen yang paling menjelaskan perubahannya dibandingkan periode yang sama tahun "
        "lalu.",
        "en": "For each KPI: the segments that best explain its change against the same period last year.",
    },
    "report_no_findings": {
        "id": "Tidak ada temuan: tidak ada target yang tertinggal.",
        "en": "No findings: no target is behind.",
    },
    "report_target_heading": {"id": "{label} · target nomor {id}", "en": "{label} · target #{id}"},
    "report_notes": {"id": "Catatan", "en": "Notes"},
    "report_generated": {"id": "Dibuat {at} dengan Kinerja.", "en": "Generated {at} by Kinerja."},
    "report_vs_previous": {"id": "vs periode sebelumnya", "en": "vs previous period"},
    "report_vs_last_year": {"id": "vs tahun lalu", "en": "vs last year"},
    # --- sheet names (Excel allows 31 characters, no []:*?/\) ----------------------
    "report_sheet_summary": {"id": "Ringkasan", "en": "Summary"},
    "report_sheet_trend": {"id": "Tren", "en": "Trend"},
    "report_sheet_targets": {"id": "Target", "en": "Targets"},
    "report_sheet_findings": {"id": "Temuan", "en": "Findings"},
    "report_sheet_about": {"id": "Tentang", "en": "About"},
    # --- column names ------------------------------------------------------------------
    "report_col_metric": {"id": "Kode KPI", "en": "KPI code"},
    "report_col_label": {"id": "Nama KPI", "en": "KPI name"},
    "report_col_unit": {"id": "Satuan", "en": "Unit"},
    "report_col_period": {"id": "Periode", "en": "Period"},
    "report_col_value": {"id": "Nilai", "en": "Value"},
    "report_col_previous": {"id": "Periode sebelumnya", "en": "Previous period"},
    "report_col_last_year": {"id": "Tahun lalu", "en": "Last year"},
    "report_col_vs_previous": {"id": "Perubahan vs periode sebelumnya", "en": "Change vs previous period"},
    "report_col_vs_last_year": {"id": "Perubahan vs tahun lalu", "en": "Change vs last year"},
    "report_col_id": {"id": "Nomor", "en": "No."},
    "report_col_target_label": {"id": "Target KPI", "en": "KPI target"},
    "report_col_segment": {"id": "Segmen", "en": "Segment"},
    "report_col_owner": {"id": "Penanggung jawab", "en": "Owner"},
    "report_col_note": {"id": "Catatan", "en": "Note"},
    "report_col_start": {"id": "Mulai", "en": "Start"},
    "report_col_end": {"id": "Selesai", "en": "End"},
    "report_col_span": {"id": "Rentang", "en": "Span"},
    "report_col_target": {"id": "Nilai target", "en": "Target value"},
    "report_col_actual": {"id": "Aktual", "en": "Actual"},
    "report_col_expected": {"id": "Rencana s.d. kini", "en": "Plan to date"},
    "report_col_attainment": {"id": "Capaian", "en": "Attainment"},
    "report_col_projected": {"id": "Proyeksi akhir", "en": "Projected at end"},
    "report_col_probability": {"id": "Peluang tercapai", "en": "Chance of reaching"},
    "report_col_status": {"id": "Status target", "en": "Target status"},
    "report_col_rank": {"id": "Peringkat", "en": "Rank"},
    "report_col_dimension": {"id": "Dimensi", "en": "Dimension"},
    "report_col_sentence": {"id": "Temuan", "en": "Finding"},
    "report_col_change": {"id": "Perubahan", "en": "Change"},
    "report_col_share": {"id": "Porsi dari perubahan", "en": "Share of change"},
    "report_col_qvalue": {"id": "Nilai q", "en": "q-value"},
    "report_col_heading": {"id": "Dijelaskan", "en": "Explained"},
    "report_col_title": {"id": "Judul", "en": "Title"},
    "report_col_filters": {"id": "Filter", "en": "Filters"},
    "report_col_generated": {"id": "Dibuat", "en": "Generated"},
    "report_col_item": {"id": "Butir", "en": "Item"},
    "report_col_text": {"id": "Isi", "en": "Content"},
}
