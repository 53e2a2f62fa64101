"""The app's own words, in Bahasa Indonesia first and English second.

Messages about data (errors, warnings, quality findings) come from :mod:`kpi.i18n`;
this table holds only the labels of the app itself. ``t(key, lang, **values)`` fills
``str.format`` fields.
"""

from __future__ import annotations

import re
from typing import Any

from kpi.i18n import format_number, format_percent

LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}

TEXT: dict[str, dict[str, str]] = {
    # --- sidebar ---------------------------------------------------------
    "lang.label": {"id": "Bahasa", "en": "Language"},
    # Streamlit's own placeholder is English ("Choose options").
    "ui.choose": {"id": "Pilih…", "en": "Choose…"},
    "side.workspace": {"id": "Workspace", "en": "Workspace"},
    "side.datasets": {"id": "{n} dataset", "en": "{n} datasets"},
    # --- data page: dataset list ----------------------------------------
    "nav.data": {"id": "Data", "en": "Data"},
    "data.title": {"id": "Data", "en": "Data"},
    "data.intro": {
        "id": "Impor data penjualan, prospek, biaya pemasaran, media sosial, atau survei pelanggan, lalu "
        "periksa kualitasnya sebelum menghitung KPI.",
        "en": "Import sales, leads, marketing spend, social media or customer survey data, then check its "
        "quality before computing KPIs.",
    },
    "data.sample_note": {
        "id": "Workspace ini dibuka dengan data contoh \"Toko Kinerja\" supaya Anda bisa langsung mencoba. "
        "Hapus dataset contoh kapan saja, lalu impor data Anda sendiri.",
        "en": "This workspace opened with the \"Toko Kinerja\" sample data so that you can try things at "
        "once. Delete the sample datasets at any time and import your own data.",
    },
    "data.datasets": {"id": "Dataset di workspace", "en": "Datasets in the workspace"},
    "data.none": {"id": "Belum ada dataset. Unggah file di bawah.", "en": "No datasets yet. Upload a file below."},
    "col.name": {"id": "Nama", "en": "Name"},
    "col.kind": {"id": "Jenis", "en": "Kind"},
    "col.rows": {"id": "Baris", "en": "Rows"},
    "col.rejected": {"id": "Ditolak", "en": "Rejected"},
    "col.source": {"id": "File sumber", "en": "Source file"},
    "col.imported_at": {"id": "Diimpor", "en": "Imported at"},
    "del.title": {"id": "Hapus dataset", "en": "Delete a dataset"},
    "del.pick": {"id": "Dataset", "en": "Dataset"},
    "del.open": {"id": "Hapus…", "en": "Delete…"},
    "del.warning": {
        "id": "Dataset `{name}` akan dihapus permanen dari workspace ini.",
        "en": "Dataset `{name}` will be removed from this workspace for good.",
    },
    "del.confirm": {"id": "Ya, hapus", "en": "Yes, delete it"},
    "del.done": {"id": "Dataset `{name}` sudah dihapus.", "en": "Dataset `{name}` was deleted."},
    # --- data page: upload -----------------------------------------------
    "up.title": {"id": "Impor file", "en": "Import a file"},
    "up.file": {"id": "File data", "en": "Data file"},
    "up.file_help": {
        "id": "CSV/TSV (juga .gz), Excel (.xlsx), Parquet, atau JSON. Judul kolom boleh dalam bahasa Indonesia "
        "atau Inggris.",
        "en": "CSV/TSV (also .gz), Excel (.xlsx), Parquet or JSON. Column headers may be in Indonesian or English.",
    },
    "up.kind": {"id": "Jenis data", "en": "Kind of data"},
    "up.name": {"id": "Nama dataset", "en": "Dataset name"},
    "up.name_help": {
        "id": "Kosongkan untuk memakai nama jenisnya ({kind}).",
        "en": "Leave empty to use the kind's name ({kind}).",
    },
    "up.mode": {"id": "Jika dataset sudah ada", "en": "If the dataset exists"},
    "mode.replace": {"id": "Ganti isinya", "en": "Replace it"},
    "mode.append": {"id": "Tambahkan baris baru", "en": "Append new rows"},
    "up.exists_replace": {
        "id": "Dataset `{name}` sudah ada: isinya akan diganti dengan file ini.",
        "en": "Dataset `{name}` exists: this file will replace its contents.",
    },
    "up.exists_append": {
        "id": "Dataset `{name}` sudah ada: baris file ini ditambahkan; ID yang sudah ada dilewati.",
        "en": "Dataset `{name}` exists: this file's rows are added; IDs already there are skipped.",
    },
    "up.leads": {"id": "Dataset prospek yang dilengkapi", "en": "Leads dataset to complete"},
    "up.leads_help": {
        "id": "File closing menandai prospek mana yang menjadi pelanggan, dicocokkan lewat ID prospek.",
        "en": "A closed-deals file marks which leads became customers, matched on the lead ID.",
    },
    "up.no_leads": {
        "id": "Belum ada dataset prospek. Impor data prospek dulu, lalu file closing-nya.",
        "en": "There is no leads dataset yet. Import the leads first, then the closed deals.",
    },
    "up.button": {"id": "Impor", "en": "Import"},
    "up.running": {"id": "Mengimpor `{file}`…", "en": "Importing `{file}`…"},
    # --- conventions -----------------------------------------------------
    "conv.title": {"id": "Format file, angka, dan tanggal", "en": "File, number and date formats"},
    "conv.decimal": {"id": "Format angka", "en": "Number format"},
    "conv.auto": {"id": "Otomatis (dari isi file)", "en": "Automatic (from the file)"},
    "conv.decimal_id": {"id": "Indonesia: 1.234,56", "en": "Indonesian: 1.234,56"},
    "conv.decimal_en": {"id": "Inggris: 1,234.56", "en": "English: 1,234.56"},
    "conv.dates": {"id": "Urutan tanggal", "en": "Date order"},
    "conv.dates_auto": {
        "id": "Otomatis (jika ragu: hari dulu)",
        "en": "Automatic (if unclear: month first)",
    },
    "conv.dayfirst": {"id": "Hari dulu: 31/12/2026", "en": "Day first: 31/12/2026"},
    "conv.monthfirst": {"id": "Bulan dulu: 12/31/2026", "en": "Month first: 12/31/2026"},
    "conv.date_format": {"id": "Format tanggal (opsional)", "en": "Date format (optional)"},
    "conv.date_format_help": {
        "id": "Isi hanya jika tanggal salah terbaca, misalnya DD/MM/YYYY atau YYYY-MM-DD.",
        "en": "Fill in only when dates are read wrongly, e.g. DD/MM/YYYY or YYYY-MM-DD.",
    },
    "conv.delimiter": {"id": "Pemisah kolom (CSV)", "en": "Column separator (CSV)"},
    "delim.,": {"id": "Koma ( , )", "en": "Comma ( , )"},
    "delim.;": {"id": "Titik koma ( ; )", "en": "Semicolon ( ; )"},
    "delim.tab": {"id": "Tab", "en": "Tab"},
    "delim.|": {"id": "Garis tegak ( | )", "en": "Pipe ( | )"},
    "conv.encoding": {"id": "Encoding (CSV)", "en": "Encoding (CSV)"},
    "conv.sheet": {"id": "Sheet Excel", "en": "Excel sheet"},
    # --- preview and mapping ---------------------------------------------
    "prev.title": {"id": "Pratinjau", "en": "Preview"},
    "prev.summary": {
        "id": "`{file}`: {rows} baris data, {cols} kolom. Dibaca sebagai {format}{details}.",
        "en": "`{file}`: {rows} data rows, {cols} columns. Read as {format}{details}.",
    },
    "prev.delimiter": {"id": ", pemisah `{value}`", "en": ", separator `{value}`"},
    "prev.encoding": {"id": ", encoding {value}", "en": ", encoding {value}"},
    "prev.sheet": {"id": ", sheet `{value}`", "en": ", sheet `{value}`"},
    "prev.rejected": {
        "id": "{n} baris tidak bisa dipecah menjadi kolom dan akan ditolak saat impor.",
        "en": "{n} rows cannot be split into columns and will be kept out of the import.",
    },
    "prev.line": {"id": "baris", "en": "line"},
    "map.title": {"id": "Kolom yang dikenali", "en": "Recognised columns"},
    "map.help": {
        "id": "Pilih kolom file untuk setiap peran; tanda * wajib diisi. Kolom lain menjadi rincian "
        "(kanal, wilayah, produk...).",
        "en": "Choose the file's column for each role; * marks the required ones. Other columns become "
        "breakdowns (channel, region, product...).",
    },
    "map.none": {"id": "(tidak ada)", "en": "(none)"},
    "map.choose": {"id": "Pilih kolom…", "en": "Choose a column…"},
    "map.example": {"id": "contoh", "en": "e.g."},
    "map.missing": {"id": "Belum dipilih: {roles}.", "en": "Still to choose: {roles}."},
    "map.amount_or": {
        "id": "{amount} (atau {quantity} dan {unit_price})",
        "en": "{amount} (or {quantity} and {unit_price})",
    },
    # --- import result ---------------------------------------------------
    "res.success": {
        "id": "{rows} baris diimpor ke dataset `{name}` dari `{file}`.",
        "en": "{rows} rows imported into dataset `{name}` from `{file}`.",
    },
    "res.rejected": {
        "id": "{n} baris ditolak (tidak diimpor). Contohnya di bawah; perbaiki di file lalu impor ulang.",
        "en": "{n} rows were kept out. Examples below; fix them in the file and import it again.",
    },
    "res.rejected_title": {"id": "Baris yang ditolak", "en": "Rows kept out"},
    "res.read_as": {"id": "Dibaca dengan: {details}.", "en": "Read with: {details}."},
    "res.decimal": {"id": "desimal `{value}`", "en": "decimal mark `{value}`"},
    "res.day-first": {"id": "tanggal hari dulu", "en": "dates day first"},
    "res.month-first": {"id": "tanggal bulan dulu", "en": "dates month first"},
    "col.line": {"id": "Baris", "en": "Line"},
    "col.column": {"id": "Kolom", "en": "Column"},
    "col.value": {"id": "Nilai", "en": "Value"},
    "col.reason": {"id": "Alasan", "en": "Reason"},
    # --- quality ---------------------------------------------------------
    "q.title": {"id": "Kualitas data", "en": "Data quality"},
    "q.ok": {"id": "Tidak ditemukan masalah kualitas data.", "en": "No data quality problems found."},
    "q.summary": {"id": "{n} temuan dari {rows} baris.", "en": "{n} findings in {rows} rows."},
    "q.examples": {"id": "Contoh baris ({n})", "en": "Example rows ({n})"},
    "q.first_line": {"id": "baris pertama", "en": "first line"},
    "q.robust_z": {"id": "skor-z robust", "en": "robust z-score"},
    "q.col.start": {"id": "Dari", "en": "From"},
    "q.col.end": {"id": "Sampai", "en": "To"},
    "q.col.days": {"id": "Hari", "en": "Days"},
    "q.rows": {"id": "{count} baris ({share})", "en": "{count} rows ({share})"},
    "q.days": {"id": "{count} hari ({share})", "en": "{count} days ({share})"},
    "check.missing_values": {"id": "Nilai kosong", "en": "Missing values"},
    "check.missing_customer": {"id": "ID pelanggan kosong", "en": "Missing customer IDs"},
    "check.duplicate_ids": {"id": "ID ganda", "en": "Repeated IDs"},
    "check.conflicting_ids": {"id": "ID dipakai ulang", "en": "Reused IDs"},
    "check.duplicate_rows": {"id": "Baris kembar", "en": "Duplicate rows"},
    "check.returns": {"id": "Retur atau pembatalan", "en": "Returns or cancellations"},
    "check.zero_amount": {"id": "Nilai nol", "en": "Zero amounts"},
    "check.nonpositive_price": {"id": "Harga nol atau negatif", "en": "Zero or negative prices"},
    "check.future_dates": {"id": "Tanggal di masa depan", "en": "Dates in the future"},
    "check.outlying_dates": {"id": "Tanggal menyimpang", "en": "Outlying dates"},
    "check.amount_outliers": {"id": "Nilai tidak wajar", "en": "Unusual values"},
    "check.date_gaps": {"id": "Hari tanpa data", "en": "Days without data"},
    # --- overview page ---------------------------------------------------
    "nav.overview": {"id": "Ringkasan", "en": "Overview"},
    "ov.title": {"id": "Ringkasan KPI", "en": "KPI overview"},
    "ov.custom": {"id": "Tambah KPI sendiri", "en": "Add your own KPI"},
    "ov.custom_help": {
        "id": "Tulis rumus dari nama KPI, kolom angka, angka, + - * / dan kurung, misalnya "
        "`revenue / active_customers`. KPI ini tersimpan di workspace dan bisa dipilih seperti KPI bawaan.",
        "en": "Write a formula of KPI names, number columns, numbers, + - * / and parentheses, e.g. "
        "`revenue / active_customers`. The KPI is saved in the workspace and can be picked like a built-in one.",
    },
    "ov.custom_name": {"id": "Nama (huruf kecil, angka, _)", "en": "Name (lower case, digits, _)"},
    "ov.custom_label": {"id": "Label", "en": "Label"},
    "ov.custom_formula": {"id": "Rumus", "en": "Formula"},
    "ov.custom_unit": {"id": "Satuan", "en": "Unit"},
    "ov.custom_higher": {"id": "Makin tinggi makin baik", "en": "Higher is better"},
    "ov.custom_save": {"id": "Simpan KPI", "en": "Save KPI"},
    "ov.custom_saved": {"id": "KPI `{name}` tersimpan.", "en": "KPI `{name}` saved."},
    "unit.currency": {"id": "Rupiah", "en": "Rupiah"},
    "unit.count": {"id": "Jumlah", "en": "Count"},
    "unit.percent": {"id": "Persen", "en": "Percent"},
    "unit.points": {"id": "Poin", "en": "Points"},
    "unit.ratio": {"id": "Kelipatan (x)", "en": "Multiple (x)"},
    "unit.number": {"id": "Angka", "en": "Number"},
    "ov.intro": {
        "id": "Nilai periode penuh terakhir dari setiap KPI, dibanding periode sebelumnya dan periode yang sama "
        "tahun lalu.",
        "en": "Each KPI's value in the latest complete period, against the previous period and the same period "
        "a year earlier.",
    },
    "ov.no_data": {
        "id": "Belum ada data untuk menghitung KPI. Impor data di halaman Data.",
        "en": "There is no data to compute KPIs from yet. Import some on the Data page.",
    },
    "ov.kpis": {"id": "KPI", "en": "KPIs"},
    "ov.kpis_help": {
        "id": "Hanya KPI yang datanya sudah diimpor yang bisa dipilih.",
        "en": "Only KPIs whose data has been imported can be chosen.",
    },
    "ov.pick_kpis": {"id": "Pilih minimal satu KPI.", "en": "Choose at least one KPI."},
    "ov.grain": {"id": "Periode", "en": "Period"},
    "grain.day": {"id": "Harian", "en": "Daily"},
    "grain.week": {"id": "Mingguan", "en": "Weekly"},
    "grain.month": {"id": "Bulanan", "en": "Monthly"},
    "grain.quarter": {"id": "Kuartalan", "en": "Quarterly"},
    "grain.year": {"id": "Tahunan", "en": "Yearly"},
    "ov.dates": {"id": "Rentang tanggal", "en": "Date range"},
    "ov.whole": {
        "id": "Dihitung per periode penuh: {first} – {last}.",
        "en": "Computed over whole periods: {first} – {last}.",
    },
    "ov.whole_one": {"id": "Dihitung per periode penuh: {period}.", "en": "Computed over a whole period: {period}."},
    "ov.partial": {
        "id": "Rentang ini lebih pendek dari satu periode; angkanya belum mencakup periode penuh.",
        "en": "This range is shorter than one period; the figures do not cover a whole period.",
    },
    "ov.filter": {"id": "Saring menurut", "en": "Filter by"},
    "ov.filter_values": {"id": "Nilai", "en": "Values"},
    "ov.filter_all": {"id": "Semua", "en": "All"},
    "ov.none": {"id": "(tidak ada)", "en": "(none)"},
    "ov.blank": {"id": "(kosong)", "en": "(blank)"},
    "ov.split": {"id": "Pisahkan menurut", "en": "Split by"},
    "ov.dimension_help": {
        "id": "Kolom rincian dari data Anda. KPI yang datanya tidak punya kolom ini akan diberi catatan.",
        "en": "Breakdown columns from your data. KPIs whose data lacks the column get a note.",
    },
    "ov.latest": {
        "id": "{period} · dibanding {previous} dan {last_year}",
        "en": "{period} · against {previous} and {last_year}",
    },
    "ov.latest_one": {"id": "{period} · dibanding {previous}", "en": "{period} · against {previous}"},
    "ov.not_compared": {
        "id": " ({periods}: data belum lengkap, jadi tidak dibandingkan)",
        "en": " ({periods}: the data does not cover it fully, so it is not compared)",
    },
    "ov.vs_prev": {"id": "vs periode sebelumnya", "en": "vs previous period"},
    "ov.vs_last_year": {"id": "vs tahun lalu", "en": "vs last year"},
    "ov.no_rows": {"id": "Tidak ada data pada rentang ini.", "en": "No data in this range."},
    "ov.definition": {"id": "Definisi & SQL", "en": "Definition & SQL"},
    "ov.formula": {"id": "Rumus", "en": "Formula"},
    "ov.trend": {"id": "Tren", "en": "Trend"},
    "ov.real_change": {"id": "Perubahan nyata ({p})", "en": "A real change ({p})"},
    "ov.noise": {"id": "Masih dalam variasi wajar ({p})", "en": "Within normal variation ({p})"},
    "ov.untested": {"id": "Data terlalu sedikit untuk diuji", "en": "Too little data to test"},
    "ov.trend_up": {"id": "Tren naik ({p})", "en": "Rising trend ({p})"},
    "ov.trend_down": {"id": "Tren turun ({p})", "en": "Falling trend ({p})"},
    "ov.no_trend": {"id": "Tanpa tren yang jelas", "en": "No clear trend"},
    "ov.unusual": {"id": "Titik tidak biasa dan pergeseran level ({n})",
                   "en": "Unusual points and level shifts ({n})"},
    "ov.trend_kpi": {"id": "KPI untuk grafik tren", "en": "KPI for the trend chart"},
    # --- exports (Overview) ---------------------------------------------
    "ex.title": {"id": "Unduh laporan", "en": "Download the report"},
    "ex.intro": {
        "id": "Laporan KPI dari tampilan ini (kartu, tren, target dan statusnya, temuan utama). Berkas dibuat "
        "saat tombol ditekan; CSV dan Excel aman dibuka di spreadsheet (sel yang diawali = + - @ diberi tanda ').",
        "en": "The KPI report of this view (cards, trends, targets and their status, top findings). Files are made "
        "when you press a button; CSV and Excel are safe to open in a spreadsheet (cells starting with = + - @ "
        "get a leading ').",
    },
    "ex.html": {"id": "Laporan (HTML)", "en": "Report (HTML)"},
    "ex.pdf": {"id": "Laporan (PDF)", "en": "Report (PDF)"},
    "ex.xlsx": {"id": "Tabel (Excel)", "en": "Tables (Excel)"},
    "ex.csv": {"id": "Ringkasan (CSV)", "en": "Summary (CSV)"},
    "ex.png": {"id": "Grafik (PNG)", "en": "Chart (PNG)"},
    # --- targets page ----------------------------------------------------
    "nav.targets": {"id": "Target", "en": "Targets"},
    "tg.title": {"id": "Tujuan & target", "en": "Goals & targets"},
    "tg.no_data": {
        "id": "Belum ada data untuk menetapkan target. Impor data di halaman Data.",
        "en": "There is no data to set targets on yet. Import some on the Data page.",
    },
    "tg.goal": {"id": "1. Tujuan", "en": "1. Goal"},
    "tg.goal_pick": {"id": "Tujuan", "en": "Goal"},
    "tg.goal_new": {"id": "+ Tujuan baru", "en": "+ New goal"},
    "tg.template": {"id": "Mulai dari contoh", "en": "Start from a template"},
    "tg.template_blank": {"id": "Kosong, tanpa contoh", "en": "Blank, no template"},
    "tg.goal_name": {"id": "Nama tujuan", "en": "Goal name"},
    "tg.goal_desc": {"id": "Keterangan", "en": "Description"},
    "tg.goal_kpis": {"id": "KPI yang mengukurnya", "en": "KPIs that measure it"},
    "tg.goal_save": {"id": "Simpan tujuan", "en": "Save goal"},
    "tg.goal_saved": {"id": "Tujuan `{name}` tersimpan.", "en": "Goal `{name}` saved."},
    "tg.goal_first": {
        "id": "Simpan tujuannya dulu, lalu tetapkan target untuk KPI-nya.",
        "en": "Save the goal first, then set targets for its KPIs.",
    },
    "tg.goal_owner": {"id": "Pemilik: {owner}", "en": "Owner: {owner}"},
    "tg.target": {"id": "2. Target", "en": "2. Target"},
    "tg.kpi": {"id": "KPI", "en": "KPI"},
    "tg.kpi_help": {
        "id": "KPI tujuan ini ada di urutan teratas; KPI lain tetap bisa dipilih.",
        "en": "The goal's KPIs come first; any other KPI can still be picked.",
    },
    "tg.start": {"id": "Bulan mulai", "en": "Starting month"},
    "tg.months": {"id": "Lama (bulan)", "en": "Length (months)"},
    "tg.span": {"id": "Rentang target: {span}.", "en": "Target span: {span}."},
    "tg.segment": {"id": "Segmen (opsional)", "en": "Segment (optional)"},
    "tg.segment_value": {"id": "Nilai segmen", "en": "Segment value"},
    "tg.all_data": {"id": "Semua data", "en": "All data"},
    "tg.grain": {"id": "Tonggak", "en": "Milestones"},
    "tg.history": {"id": "3. Apa kata riwayat", "en": "3. What history says"},
    "tg.history_caption": {
        "id": "Usulan target dari data Anda sendiri, masing-masing dengan peluang tercapainya.",
        "en": "Targets your own data suggest, each with its chance of being reached.",
    },
    "tg.mode": {"id": "Isi target sebagai", "en": "Give the target as"},
    "tg.mode.value": {"id": "Nilai", "en": "Value"},
    "tg.mode.growth": {"id": "Pertumbuhan %", "en": "Growth %"},
    "tg.mode.points": {"id": "Poin", "en": "Points"},
    "tg.own.value": {"id": "Nilai Anda sendiri (opsional)", "en": "Your own value (optional)"},
    "tg.own.value_percent": {"id": "Nilai Anda sendiri, dalam % (opsional)",
                             "en": "Your own value, in % (optional)"},
    "tg.own.growth": {"id": "Pertumbuhan dari periode sama tahun lalu (%)",
                      "en": "Growth over the same span last year (%)"},
    "tg.own.points": {"id": "Poin di atas periode sama tahun lalu", "en": "Points above the same span last year"},
    "tg.no_baseline": {
        "id": "Data setahun lalu tidak mencakup rentang ini, jadi target hanya bisa diisi sebagai nilai.",
        "en": "The data do not cover this span a year earlier, so the target can only be given as a value.",
    },
    "col.suggestion": {"id": "Usulan", "en": "Suggestion"},
    "col.probability": {"id": "Peluang tercapai", "en": "Chance of reaching it"},
    "col.method": {"id": "Metode", "en": "Method"},
    "tg.why": {"id": "Dasar setiap usulan", "en": "Where each suggestion comes from"},
    "tg.choose": {"id": "Target yang dipakai", "en": "Target to use"},
    "tg.custom_probability": {
        "id": "Peluang mencapai {value}: **{probability}**.",
        "en": "Chance of reaching {value}: **{probability}**.",
    },
    "tg.owner": {"id": "Pemilik", "en": "Owner"},
    "tg.note": {"id": "Catatan", "en": "Note"},
    "tg.save": {"id": "Simpan target", "en": "Save target"},
    "tg.saved": {"id": "Target {label} tersimpan: {value} untuk {span}.",
                 "en": "Target {label} saved: {value} for {span}."},
    "tg.milestones": {"id": "Tonggak target {label}", "en": "Milestones of target {label}"},
    "col.period": {"id": "Periode", "en": "Period"},
    "col.milestone": {"id": "Target tonggak", "en": "Milestone target"},
    "col.cumulative": {"id": "Kumulatif", "en": "Cumulative"},
    "tg.list": {"id": "Target tersimpan", "en": "Saved targets"},
    "tg.only_goal": {"id": "Hanya target tujuan ini", "en": "Only this goal's targets"},
    "tg.none": {"id": "Belum ada target.", "en": "No targets yet."},
    "col.target": {"id": "Target", "en": "Target"},
    "col.span": {"id": "Rentang", "en": "Span"},
    "col.owner": {"id": "Pemilik", "en": "Owner"},
    "tg.delete": {"id": "Hapus", "en": "Delete"},
    "tg.deleted": {"id": "Target {label} dihapus.", "en": "Target {label} was deleted."},
    "tg.undo": {"id": "Batalkan", "en": "Undo"},
    "tg.restored": {"id": "Target {label} dikembalikan.", "en": "Target {label} was restored."},
    # --- progress page ---------------------------------------------------
    "nav.progress": {"id": "Progres", "en": "Progress"},
    "pg.title": {"id": "Progres target", "en": "Target progress"},
    "pg.intro": {
        "id": "Posisi setiap target dibanding rencananya sampai hari terakhir data, dan ke mana arahnya.",
        "en": "Where each target stands against its plan up to the data's last day, and where it is heading.",
    },
    "pg.none": {
        "id": "Belum ada target untuk dipantau. Buat target di halaman Target, lalu kembali ke sini.",
        "en": "There are no targets to follow yet. Set one on the Targets page, then come back here.",
    },
    "pg.thresholds": {"id": "Batas status", "en": "Status thresholds"},
    "pg.on_track": {"id": "Sesuai jalur mulai (% dari rencana)", "en": "On track from (% of plan)"},
    "pg.at_risk": {"id": "Berisiko mulai (% dari rencana)", "en": "At risk from (% of plan)"},
    "pg.thresholds_help": {
        "id": "Capaian = realisasi dibagi rencana sampai kini (dibalik bila makin rendah makin baik). Di bawah "
        "batas berisiko, target tertinggal.",
        "en": "Attainment = actual over the plan to date (the other way round when lower is better). Below the "
        "at-risk threshold a target is behind.",
    },
    "pg.scorecard": {"id": "Kartu skor", "en": "Scorecard"},
    "pg.as_of": {"id": "Data sampai {day}.", "en": "Data up to {day}."},
    "pg.vs_target": {"id": "{actual} dari target {target}", "en": "{actual} of a {target} target"},
    "pg.attainment": {"id": "Capaian", "en": "Attainment"},
    "pg.probability": {"id": "Peluang tercapai", "en": "Chance of reaching it"},
    "pg.detail": {"id": "Rincian target", "en": "Target details"},
    "pg.pick": {"id": "Target", "en": "Target"},
    "pg.actual": {"id": "Realisasi sampai kini", "en": "Actual to date"},
    "pg.expected": {"id": "Rencana sampai kini", "en": "Plan to date"},
    "pg.gap": {"id": "Selisih dari rencana", "en": "Gap to plan"},
    "pg.projected": {"id": "Proyeksi akhir rentang", "en": "Projected at the end"},
    "pg.interval": {"id": "Rentang 80%: {low} – {high}", "en": "80% range: {low} – {high}"},
    "pg.status": {"id": "Status", "en": "Status"},
    "pg.target_value": {"id": "Target", "en": "Target"},
    "pg.span": {"id": "{span} · pemilik: {owner}", "en": "{span} · owner: {owner}"},
    "pg.no_owner": {"id": "belum ada", "en": "none yet"},
    "pg.milestones": {"id": "Tonggak", "en": "Milestones"},
    "col.actual": {"id": "Realisasi", "en": "Actual"},
    "pg.checkins": {"id": "Check-in", "en": "Check-ins"},
    "pg.no_checkins": {"id": "Belum ada check-in.", "en": "No check-ins yet."},
    "pg.checkin_add": {"id": "Tambah check-in", "en": "Add a check-in"},
    "pg.author": {"id": "Penulis", "en": "Author"},
    "pg.note": {
        "id": "Catatan: apa yang terjadi, apa yang akan dilakukan",
        "en": "Note: what happened, what will be done",
    },
    "pg.checkin_save": {"id": "Simpan check-in", "en": "Save check-in"},
    "pg.checkin_saved": {"id": "Check-in tersimpan.", "en": "Check-in saved."},
    "pg.anonymous": {"id": "Tanpa nama", "en": "Anonymous"},
    "pg.history": {"id": "Riwayat perubahan", "en": "Edit history"},
    "col.changed_at": {"id": "Waktu", "en": "When"},
    "col.action": {"id": "Perubahan", "en": "Change"},
    "col.author": {"id": "Oleh", "en": "By"},
    "action.created": {"id": "Dibuat", "en": "Created"},
    "action.updated": {"id": "Diubah", "en": "Changed"},
    "action.deleted": {"id": "Dihapus", "en": "Deleted"},
    "action.restored": {"id": "Dikembalikan", "en": "Restored"},
    # --- drill-down page -------------------------------------------------
    "nav.drilldown": {"id": "Telusuri", "en": "Drill-down"},
    "dd.title": {"id": "Telusuri penyebab", "en": "Why did it change?"},
    "dd.intro": {
        "id": "Pecah perubahan sebuah KPI per segmen untuk menemukan penyebabnya, telusuri segmen yang menonjol, "
        "lalu jadikan temuannya tindakan.",
        "en": "Split a KPI's change over segments to find its causes, drill into the segments that stand out, "
        "then turn the findings into actions.",
    },
    "dd.no_data": {
        "id": "Belum ada data untuk ditelusuri. Impor data di halaman Data.",
        "en": "There is no data to drill into yet. Import some on the Data page.",
    },
    "dd.mode": {"id": "Mulai dari", "en": "Start from"},
    "dd.mode.target": {"id": "Sebuah target", "en": "A target"},
    "dd.mode.periods": {"id": "Bandingkan dua periode", "en": "Compare two periods"},
    "dd.target": {"id": "Target", "en": "Target"},
    "dd.target_note": {
        "id": "Pembandingnya jalur rencana target sampai hari terakhir data.",
        "en": "The baseline is the target's planned path up to the data's last day.",
    },
    "dd.kpi": {"id": "KPI", "en": "KPI"},
    "dd.current": {"id": "Periode sekarang", "en": "Current span"},
    "dd.baseline": {"id": "Dibandingkan dengan", "en": "Compared with"},
    "dd.baseline.last_year": {"id": "Periode yang sama tahun lalu", "en": "Same period last year"},
    "dd.baseline.previous": {"id": "Periode sebelumnya", "en": "Previous period"},
    "dd.baseline.custom": {"id": "Tanggal sendiri", "en": "Custom dates"},
    "dd.baseline_dates": {"id": "Tanggal pembanding", "en": "Baseline dates"},
    "dd.pick_dates": {
        "id": "Pilih tanggal awal dan tanggal akhir.",
        "en": "Choose a start date and an end date.",
    },
    "dd.spans": {"id": "Sekarang: {current} · pembanding: {baseline}", "en": "Current: {current} · baseline: {baseline}"},
    "dd.spans_target": {
        "id": "Sekarang: {current} · pembanding: jalur rencana target (tiap segmen: {baseline} × rencana / tahun lalu)",
        "en": "Current: {current} · baseline: the target's planned path (each segment: {baseline} × plan / last "
        "year)",
    },
    "dd.advanced": {"id": "Pengaturan lanjutan", "en": "Advanced settings"},
    "dd.dimensions": {"id": "Dimensi yang dipakai", "en": "Dimensions to use"},
    "dd.depth": {"id": "Kedalaman (dimensi per segmen)", "en": "Depth (dimensions per segment)"},
    "dd.no_dimensions": {
        "id": "Pilih minimal satu dimensi di pengaturan lanjutan.",
        "en": "Choose at least one dimension in the advanced settings.",
    },
    "dd.path": {"id": "Jalur", "en": "Path"},
    "dd.all_data": {"id": "Semua data", "en": "All data"},
    "dd.back": {"id": "Kembali", "en": "Back"},
    "dd.summary": {"id": "Ringkasan", "en": "Summary"},
    "dd.findings": {"id": "Temuan", "en": "Findings"},
    "dd.no_findings": {
        "id": "Tidak ada segmen yang berubah jelas berbeda dari data lainnya.",
        "en": "No segment changed clearly differently from the rest of the data.",
    },
    "dd.sentences": {"id": "Semua temuan dalam kalimat", "en": "Every finding in words"},
    "dd.col.segment": {"id": "Segmen", "en": "Segment"},
    "dd.col.dimension": {"id": "Dimensi", "en": "Dimension"},
    "dd.col.change": {"id": "Sebelum → sesudah", "en": "Before → after"},
    "dd.col.share": {"id": "Bagian dari perubahan", "en": "Share of change"},
    "dd.col.q": {"id": "Nilai q", "en": "q-value"},
    "dd.col.test": {"id": "Jenis", "en": "Type"},
    "dd.test.rate": {"id": "Tingkat", "en": "Rate"},
    "dd.test.mix": {"id": "Bauran", "en": "Mix"},
    "dd.test.total": {"id": "Total", "en": "Total"},
    "dd.create": {"id": "Buat tindakan", "en": "Create action"},
    "dd.create_for": {"id": "Temuan", "en": "Finding"},
    "dd.action_title": {"id": "Judul tindakan", "en": "Action title"},
    "dd.action_default": {"id": "Perbaiki {kpi} di {segment}", "en": "Fix {kpi} in {segment}"},
    "dd.action_segment": {"id": "Segmen sasaran: {segment}", "en": "Targeted segment: {segment}"},
    "dd.action_target": {"id": "Untuk target: {label}", "en": "For the target: {label}"},
    "dd.owner": {"id": "Pemilik", "en": "Owner"},
    "dd.due": {"id": "Tenggat", "en": "Due date"},
    "dd.action_saved": {
        "id": "Tindakan \"{title}\" tersimpan. Pantau di halaman Tindakan.",
        "en": "Action \"{title}\" saved. Follow it on the Actions page.",
    },
    "dd.ranking": {"id": "Dimensi yang paling menjelaskan", "en": "Dimensions that explain the change"},
    "dd.tree": {"id": "Pohon dekomposisi", "en": "Decomposition tree"},
    "dd.split": {"id": "Pecah menurut", "en": "Split by"},
    "dd.drill": {"id": "Telusuri satu segmen", "en": "Drill into a segment"},
    "dd.drill_placeholder": {"id": "Pilih segmen…", "en": "Choose a segment…"},
    "dd.nothing_left": {
        "id": "Semua dimensi sudah ada di jalur ini: tidak ada lagi yang bisa dipecah.",
        "en": "Every dimension is already in the path: there is nothing left to split by.",
    },
    "dd.method": {"id": "Metode: {method}.", "en": "Method: {method}."},
    # --- actions page ----------------------------------------------------
    "nav.actions": {"id": "Tindakan", "en": "Actions"},
    "ac.title": {"id": "Tindakan perbaikan", "en": "Corrective actions"},
    "ac.intro": {
        "id": "Apa yang dilakukan tim untuk menggerakkan KPI, di segmen mana, sampai kapan, dan apakah berhasil.",
        "en": "What the team does to move a KPI, in which segment, by when, and whether it worked.",
    },
    "ac.none": {
        "id": "Belum ada tindakan. Buat dari sebuah temuan di halaman Telusuri, atau tambahkan di bawah.",
        "en": "There are no actions yet. Create one from a finding on the Drill-down page, or add one below.",
    },
    "ac.list": {"id": "Daftar tindakan", "en": "Actions"},
    "ac.filter": {"id": "Tampilkan status", "en": "Show statuses"},
    "ac.no_match": {"id": "Tidak ada tindakan dengan status ini.", "en": "No actions with these statuses."},
    "ac.col.title": {"id": "Tindakan", "en": "Action"},
    "ac.col.kpi": {"id": "KPI / target", "en": "KPI / target"},
    "ac.col.segment": {"id": "Segmen", "en": "Segment"},
    "ac.col.owner": {"id": "Pemilik", "en": "Owner"},
    "ac.col.due": {"id": "Tenggat", "en": "Due"},
    "ac.col.status": {"id": "Status", "en": "Status"},
    "ac.col.overdue": {"id": "Terlambat", "en": "Overdue"},
    "ac.col.what": {"id": "Yang berubah", "en": "What changed"},
    "ac.overdue": {"id": "Terlambat", "en": "Overdue"},
    "ac.all_data": {"id": "Semua data", "en": "All data"},
    "ac.detail": {"id": "Rincian tindakan", "en": "Action details"},
    "ac.pick": {"id": "Tindakan", "en": "Action"},
    "ac.edit": {"id": "Ubah tindakan", "en": "Edit the action"},
    "ac.status": {"id": "Status", "en": "Status"},
    "ac.owner": {"id": "Pemilik", "en": "Owner"},
    "ac.due": {"id": "Tenggat", "en": "Due date"},
    "ac.start": {"id": "Mulai berlaku", "en": "Took effect on"},
    "ac.start_help": {
        "id": "Hari tindakan mulai berpengaruh; efeknya diukur sejak hari itu. Kosongkan agar terisi saat status "
        "menjadi sedang berjalan atau selesai.",
        "en": "The day the action began to act; its effect is measured from that day. Leave empty to set it when "
        "the status becomes in progress or done.",
    },
    "ac.note": {"id": "Catatan", "en": "Note"},
    "ac.save": {"id": "Simpan perubahan", "en": "Save changes"},
    "ac.saved": {"id": "Tindakan \"{title}\" diperbarui.", "en": "Action \"{title}\" updated."},
    "ac.delete": {"id": "Hapus tindakan", "en": "Delete the action"},
    "ac.deleted": {"id": "Tindakan \"{title}\" dihapus.", "en": "Action \"{title}\" was deleted."},
    "ac.undo": {"id": "Batalkan", "en": "Undo"},
    "ac.restored": {"id": "Tindakan \"{title}\" dikembalikan.", "en": "Action \"{title}\" was restored."},
    "ac.history": {"id": "Riwayat perubahan", "en": "Edit history"},
    "ac.effect": {"id": "Efek tindakan", "en": "Effect of the action"},
    "ac.verdict.worked": {"id": "Berhasil", "en": "Worked"},
    "ac.verdict.no_clear_effect": {"id": "Belum ada efek jelas", "en": "No clear effect"},
    "ac.verdict.worse": {"id": "Memburuk", "en": "Worse"},
    "ac.verdict.too_early": {"id": "Terlalu dini", "en": "Too early"},
    "ac.verdict.not_applicable": {"id": "Tidak bisa dinilai", "en": "Not applicable"},
    "ac.estimate": {"id": "Perkiraan efek", "en": "Estimated effect"},
    "ac.per_day": {"id": "{amount} per hari", "en": "{amount} per day"},
    "ac.interval": {"id": "Interval {level}%: {low} sampai {high}", "en": "{level}% interval: {low} to {high}"},
    "ac.windows": {"id": "Sebelum: {before} · sesudah: {after}", "en": "Before: {before} · after: {after}"},
    "ac.add": {"id": "Tambah tindakan", "en": "Add an action"},
    "ac.for": {"id": "Untuk target atau KPI", "en": "For a target or a KPI"},
    "ac.for_target": {"id": "Target: {label}", "en": "Target: {label}"},
    "ac.for_kpi": {"id": "KPI: {label}", "en": "KPI: {label}"},
    "ac.title_input": {"id": "Judul", "en": "Title"},
    "ac.add_save": {"id": "Simpan tindakan", "en": "Save the action"},
    "ac.added": {"id": "Tindakan \"{title}\" tersimpan.", "en": "Action \"{title}\" saved."},
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
