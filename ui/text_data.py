"""The app's words for the sidebar and the Data page (upload, conventions, preview, import, quality), id and en."""

from __future__ import annotations

DATA_TEXT: dict[str, dict[str, str]] = {
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
}
