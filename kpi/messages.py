"""The message tables: every error, warning and note of :mod:`kpi`, in Bahasa Indonesia and English.

Data only; :mod:`kpi.i18n` renders them. Templates use ``str.format`` fields;
callers wrap column and file names in backticks themselves.
"""

from __future__ import annotations

from kpi.messages_actions import ACTIONS_MESSAGES
from kpi.messages_plans import PLAN_MESSAGES
from kpi.messages_report import REPORT_MESSAGES
from kpi.messages_rootcause import ROOTCAUSE_MESSAGES
from kpi.messages_stats import STATS_MESSAGES
from kpi.messages_targets import TARGET_MESSAGES

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
    # --- workspace -------------------------------------------------------
    "workspace_open_failed": {
        "en": "Cannot open the workspace `{path}`: {reason}. Close other programs using it, or set "
        "KINERJA_HOME to another folder.",
        "id": "Workspace `{path}` tidak dapat dibuka: {reason}. Tutup program lain yang memakainya, atau "
        "atur KINERJA_HOME ke folder lain.",
    },
    "unknown_dataset": {
        "en": "There is no dataset named `{name}`. Datasets in this workspace: {known}.",
        "id": "Tidak ada dataset bernama `{name}`. Dataset di workspace ini: {known}.",
    },
    "bad_dataset_name": {
        "en": "`{name}` cannot be a dataset name: use 1 to 64 characters without control characters.",
        "id": "`{name}` tidak bisa menjadi nama dataset: gunakan 1 sampai 64 karakter tanpa karakter kontrol.",
    },
    "unknown_kind": {
        "en": "Unknown dataset kind `{kind}`. Use one of: {known}.",
        "id": "Jenis dataset `{kind}` tidak dikenal. Gunakan salah satu dari: {known}.",
    },
    "bad_option": {
        "en": "`{option}` cannot be {value!r}: {hint}",
        "id": "`{option}` tidak bisa bernilai {value!r}: {hint}",
    },
    # --- mapping ---------------------------------------------------------
    "unknown_role": {
        "en": "`{role}` is not a column role of a `{kind}` dataset. Roles it accepts: {valid}. Remove `{role}` "
        "from the mapping or use one of these roles.",
        "id": "`{role}` bukan peran kolom untuk dataset `{kind}`. Peran yang diterima: {valid}. Hapus `{role}` "
        "dari mapping atau gunakan salah satu peran tersebut.",
    },
    "unknown_column": {
        "en": "`{file}` has no column `{column}` (mapped to the `{role}` role). Columns in the file: {columns}. "
        "Write the column name exactly as it appears in the file.",
        "id": "`{file}` tidak punya kolom `{column}` (dipetakan ke peran `{role}`). Kolom di file: {columns}. "
        "Tulis nama kolom persis seperti di file.",
    },
    "unknown_column_close": {
        "en": "`{file}` has no column `{column}` (mapped to the `{role}` role). Did you mean {close}? Columns in "
        "the file: {columns}. Write the column name exactly as it appears in the file.",
        "id": "`{file}` tidak punya kolom `{column}` (dipetakan ke peran `{role}`). Mungkin maksud Anda {close}? "
        "Kolom di file: {columns}. Tulis nama kolom persis seperti di file.",
    },
    "column_twice": {
        "en": "Column `{column}` of `{file}` is mapped to more than one role ({roles}). A column can fill only "
        "one role: choose another column for one of them, or leave it unmapped.",
        "id": "Kolom `{column}` di `{file}` dipetakan ke lebih dari satu peran ({roles}). Satu kolom hanya bisa "
        "mengisi satu peran: pilih kolom lain untuk salah satunya, atau biarkan kosong.",
    },
    "missing_role": {
        "en": "`{file}` has no column for {role}, which a `{kind}` dataset needs. Columns in the file: {columns}. "
        'Choose the column that holds each one, e.g. `mapping={{"date": "<column>"}}`.',
        "id": "`{file}` tidak punya kolom untuk {role}, yang dibutuhkan dataset `{kind}`. Kolom di file: "
        '{columns}. Pilih kolom yang berisi data tersebut, misalnya `mapping={{"date": "<kolom>"}}`.',
    },
    "missing_amount": {
        "en": "`{file}` has no column for {role}, which a `{kind}` dataset needs; instead of `amount` you can map "
        "both `quantity` and `unit_price` (amount = quantity × unit price). Columns in the file: {columns}. "
        'Choose the columns, e.g. `mapping={{"amount": "<column>"}}` or '
        '`mapping={{"quantity": "<column>", "unit_price": "<column>"}}`.',
        "id": "`{file}` tidak punya kolom untuk {role}, yang dibutuhkan dataset `{kind}`; sebagai ganti `amount`, "
        "Anda bisa memetakan `quantity` dan `unit_price` sekaligus (nilai = jumlah × harga satuan). Kolom di "
        'file: {columns}. Pilih kolomnya, misalnya `mapping={{"amount": "<kolom>"}}` atau '
        '`mapping={{"quantity": "<kolom>", "unit_price": "<kolom>"}}`.',
    },
    # --- ingest ----------------------------------------------------------
    "workspace_closed": {
        "en": "This handle on the workspace `{path}` is closed. Open it again with `Workspace.open()`.",
        "id": "Akses ke workspace `{path}` sudah ditutup. Buka lagi dengan `Workspace.open()`.",
    },
    "file_not_found": {
        "en": "The file `{file}` does not exist. Check the path.",
        "id": "File `{file}` tidak ditemukan. Periksa lokasinya.",
    },
    "empty_file": {
        "en": "The file `{file}` is empty. Export the data again and upload the new file.",
        "id": "File `{file}` kosong. Ekspor ulang datanya lalu unggah file yang baru.",
    },
    "no_rows": {
        "en": "The file `{file}` has a header but no data rows. Upload a file with at least one row of data.",
        "id": "File `{file}` hanya berisi judul kolom tanpa baris data. Unggah file yang berisi data.",
    },
    "binary_file": {
        "en": "The file `{file}` is not a text (CSV) file: it contains binary data. Upload a CSV, Excel "
        "(.xlsx), Parquet or JSON file.",
        "id": "File `{file}` bukan file teks (CSV): isinya data biner. Unggah file CSV, Excel (.xlsx), "
        "Parquet, atau JSON.",
    },
    "old_excel": {
        "en": "The file `{file}` is an old Excel 97-2003 (.xls) workbook. Open it in Excel and save it as "
        ".xlsx or CSV, then upload it again.",
        "id": "File `{file}` adalah workbook Excel lama (.xls). Buka di Excel, simpan sebagai .xlsx atau "
        "CSV, lalu unggah lagi.",
    },
    "unreadable_file": {
        "en": "The file `{file}` could not be read: {reason}. Check that it is a valid CSV, Excel, Parquet "
        "or JSON file.",
        "id": "File `{file}` tidak dapat dibaca: {reason}. Pastikan file berformat CSV, Excel, Parquet, "
        "atau JSON yang valid.",
    },
    "unclosed_quote": {
        "en": "The file `{file}` cannot be split into columns: the quote (\") opened on line {line} is never "
        "closed. Remove that quote or close it, save the file and upload it again.",
        "id": "File `{file}` tidak dapat dipisah menjadi kolom: tanda kutip (\") yang dibuka di baris {line} "
        "tidak pernah ditutup. Hapus atau tutup tanda kutip itu, simpan file, lalu unggah lagi.",
    },
    "encoding_latin1": {
        "en": "`{file}` is not UTF-8; it was read as Latin-1. If letters look wrong, save the file as "
        "UTF-8 or choose the encoding.",
        "id": "`{file}` bukan UTF-8; file dibaca sebagai Latin-1. Jika huruf tampak aneh, simpan file "
        "sebagai UTF-8 atau pilih encoding-nya.",
    },
    "empty_sheet": {
        "en": "The sheet `{sheet}` of `{file}` has no header row. Choose the sheet that holds the data.",
        "id": "Sheet `{sheet}` di `{file}` tidak punya baris judul kolom. Pilih sheet yang berisi data.",
    },
    "unknown_sheet": {
        "en": "`{file}` has no sheet `{sheet}`. Its sheets are: {sheets}.",
        "id": "`{file}` tidak punya sheet `{sheet}`. Sheet yang ada: {sheets}.",
    },
    "excel_sheet_chosen": {
        "en": "`{file}` has several sheets ({sheets}); sheet `{sheet}` was imported. Choose another "
        "sheet if needed.",
        "id": "`{file}` punya beberapa sheet ({sheets}); sheet `{sheet}` yang diimpor. Pilih sheet lain "
        "bila perlu.",
    },
    "excel_header_row": {
        "en": "In `{file}` (sheet `{sheet}`) the column headers were found on row {row}; the rows above "
        "it were skipped as titles.",
        "id": "Di `{file}` (sheet `{sheet}`) judul kolom ada di baris {row}; baris di atasnya dilewati "
        "sebagai judul laporan.",
    },
    "not_dates": {
        "en": "Column `{column}` of `{file}` (mapped to `{role}`) does not hold dates (for example "
        "{examples}). Map another column to `{role}`, or give `date_format`, e.g. 'DD/MM/YYYY'.",
        "id": "Kolom `{column}` di `{file}` (dipetakan ke `{role}`) tidak berisi tanggal (contoh "
        "{examples}). Petakan kolom lain ke `{role}`, atau isi format tanggal, misalnya 'DD/MM/YYYY'.",
    },
    "date_order_assumed": {
        "en": "The dates in `{column}` of `{file}` fit both day-first and month-first order; they were "
        "read as {order}. Change the date order if that is wrong.",
        "id": "Tanggal di `{column}` pada `{file}` cocok dengan urutan hari-dulu maupun bulan-dulu; "
        "dibaca sebagai {order}. Ubah urutan tanggal jika keliru.",
    },
    "lead_id_from_line": {
        "en": "`{file}` has no lead ID column; each row counts as one lead, identified by its line number.",
        "id": "`{file}` tidak punya kolom ID prospek; setiap baris dihitung sebagai satu prospek, dengan "
        "nomor baris sebagai ID.",
    },
    "values_emptied": {
        "en": "{count} values in `{column}` of `{file}` (role `{role}`) are not readable and were left "
        "empty (first at line {line}). Fix them in the file if they matter.",
        "id": "{count} nilai di `{column}` pada `{file}` (peran `{role}`) tidak terbaca dan dikosongkan "
        "(pertama di baris {line}). Perbaiki di file jika penting.",
    },
    "values_emptied_column": {
        "en": "{count} values in `{column}` of `{file}` are not numbers like the rest of the column and were "
        "left empty (first at line {line}). Fix them in the file if they matter.",
        "id": "{count} nilai di `{column}` pada `{file}` bukan angka seperti isi kolom lainnya dan "
        "dikosongkan (pertama di baris {line}). Perbaiki di file jika penting.",
    },
    "all_rows_rejected": {
        "en": "None of the {rows} rows of `{file}` could be imported: most fail with `{reason}` in "
        "`{column}`. Check the column mapping, the delimiter and the number and date formats.",
        "id": "Tak satu pun dari {rows} baris `{file}` dapat diimpor: kebanyakan gagal karena `{reason}` "
        "di `{column}`. Periksa pemetaan kolom, pemisah kolom, serta format angka dan tanggal.",
    },
    "default_date_used": {
        "en": "`{file}` has no date column; every row was dated {date}.",
        "id": "`{file}` tidak punya kolom tanggal; semua baris diberi tanggal {date}.",
    },
    "rows_already_imported": {
        "en": "{count} rows of `{file}` were kept out because their IDs are already in `{dataset}`.",
        "id": "{count} baris `{file}` tidak diimpor karena ID-nya sudah ada di `{dataset}`.",
    },
    "append_kind_mismatch": {
        "en": "Cannot append {kind} data to `{dataset}`, which holds {existing}. Choose another dataset "
        "name or the right kind.",
        "id": "Data {kind} tidak bisa ditambahkan ke `{dataset}` yang berisi {existing}. Pilih nama "
        "dataset lain atau jenis yang sesuai.",
    },
    "deals_need_leads": {
        "en": "A closed-deals file (`{file}`) adds conversions to a leads dataset: import the leads "
        "first, then pass `leads=` with its name (leads datasets: {known}).",
        "id": "File closing (`{file}`) menambahkan konversi ke dataset prospek: impor data prospek dulu, "
        "lalu isi `leads=` dengan namanya (dataset prospek: {known}).",
    },
    "deals_unmatched": {
        "en": "{count} deals in `{file}` have a lead ID that is not in `{leads}`; they stay in the deals "
        "dataset but count in no conversion rate.",
        "id": "{count} closing di `{file}` punya ID prospek yang tidak ada di `{leads}`; tetap disimpan "
        "tetapi tidak dihitung dalam tingkat konversi.",
    },
    "order_day_first": {"en": "day first (DD/MM/YYYY)", "id": "tanggal dulu (DD/MM/YYYY)"},
    "order_month_first": {"en": "month first (MM/DD/YYYY)", "id": "bulan dulu (MM/DD/YYYY)"},
    "reason_empty": {"en": "empty", "id": "kosong"},
    "reason_not_date": {"en": "not a date", "id": "bukan tanggal"},
    "reason_not_number": {"en": "not a number", "id": "bukan angka"},
    "reason_not_id": {"en": "not an ID", "id": "bukan ID"},
    "reason_not_text": {"en": "not text", "id": "bukan teks"},
    "reason_not_boolean": {"en": "not yes/no", "id": "bukan ya/tidak"},
    "reason_out_of_range": {"en": "out of range (0-10)", "id": "di luar rentang (0-10)"},
    "reason_already_imported": {"en": "ID already imported", "id": "ID sudah pernah diimpor"},
    "reason_missing_columns": {"en": "too few columns", "id": "kolom kurang"},
    "reason_too_many_columns": {"en": "too many columns", "id": "kolom berlebih"},
    "reason_unquoted_value": {"en": "broken quotes", "id": "tanda kutip rusak"},
    "reason_invalid_encoding": {"en": "unreadable characters (encoding)", "id": "karakter tak terbaca (encoding)"},
    "reason_invalid_unicode": {"en": "unreadable characters (encoding)", "id": "karakter tak terbaca (encoding)"},
    "reason_line_size_over_maximum": {"en": "line too long", "id": "baris terlalu panjang"},
    # --- quality ---------------------------------------------------------
    "quality_missing_required": {
        "en": "{count} rows ({share}) have no value in `{column}`. KPIs that need `{column}` leave these "
        "rows out, so they may read too low; fill the column in the file, or map another column.",
        "id": "{count} baris ({share}) tidak memiliki nilai di `{column}`. KPI yang memerlukan `{column}` "
        "tidak menghitung baris ini, sehingga hasilnya bisa terlalu rendah; lengkapi kolom ini di file, "
        "atau pilih kolom lain.",
    },
    "quality_missing_optional": {
        "en": "{count} rows ({share}) have no value in `{column}`. KPIs and breakdowns that use `{column}` "
        "skip these rows; other KPIs still count them.",
        "id": "{count} baris ({share}) tidak memiliki nilai di `{column}`. KPI dan rincian yang memakai "
        "`{column}` melewati baris ini; KPI lain tetap menghitungnya.",
    },
    "quality_missing_customer": {
        "en": "{count} rows ({share}) have no customer ID in `{column}`. They still count in totals such as "
        "revenue, but not in customer KPIs (active and new customers, retention, repeat purchases).",
        "id": "{count} baris ({share}) tidak memiliki ID pelanggan di `{column}`. Baris ini tetap dihitung "
        "dalam total seperti angka penjualan, tetapi tidak dalam KPI pelanggan (pelanggan aktif dan baru, "
        "loyalitas, pembelian ulang).",
    },
    "quality_duplicate_ids": {
        "en": "{count} rows repeat a `{column}` seen on an earlier line ({ids} IDs appear more than once). "
        "A repeated lead can be counted twice in leads and conversion rates; keep one row per lead.",
        "id": "{count} baris mengulang `{column}` yang sudah muncul di baris sebelumnya ({ids} ID muncul "
        "lebih dari sekali). Prospek ganda bisa terhitung dua kali dalam jumlah prospek dan persentase "
        "konversi; simpan satu baris per prospek.",
    },
    "quality_conflicting_ids": {
        "en": "{ids} values of `{column}` ({count} rows) have lines with different dates or customers. "
        "Lines of one order should share its date and customer; the ID was probably reused, so order "
        "counts and customer KPIs may be wrong.",
        "id": "{ids} nilai `{column}` ({count} baris) memiliki baris dengan tanggal atau pelanggan berbeda. "
        "Baris dalam satu pesanan seharusnya bertanggal dan berpelanggan sama; ID itu kemungkinan dipakai "
        "ulang, sehingga jumlah pesanan dan KPI pelanggan bisa keliru.",
    },
    "quality_duplicate_rows": {
        "en": "{count} rows ({share}) are exact copies of an earlier row (every column equal). Unless they "
        "are real repeats, they double-count totals such as revenue, spend or leads; remove them from "
        "the file and import it again.",
        "id": "{count} baris ({share}) adalah salinan persis dari baris sebelumnya (semua kolom sama). "
        "Jika bukan transaksi yang memang berulang, baris ini menghitung dua kali total seperti angka "
        "penjualan, biaya, atau prospek; hapus dari file lalu impor ulang.",
    },
    "quality_returns": {
        "en": "{count} lines ({share}) have a negative `{column}` (total {total}). They are treated as "
        "returns or cancellations: they lower revenue but do not count as purchases.",
        "id": "{count} baris ({share}) memiliki `{column}` negatif (total {total}). Baris ini dianggap "
        "retur atau pembatalan: mengurangi angka penjualan tetapi tidak dihitung sebagai pembelian.",
    },
    "quality_zero_amount": {
        "en": "{count} lines ({share}) have `{column}` equal to 0. They add nothing to revenue and are not "
        "purchases, so they do not count as orders or make a customer active.",
        "id": "{count} baris ({share}) memiliki `{column}` bernilai 0. Baris ini tidak menambah angka "
        "penjualan dan bukan pembelian, sehingga tidak dihitung sebagai pesanan atau pelanggan aktif.",
    },
    "quality_nonpositive_price": {
        "en": "{count} rows ({share}) have a zero or negative `{column}`. Check for free items or typing "
        "mistakes: these lines add nothing to revenue (or lower it) and pull average prices down.",
        "id": "{count} baris ({share}) memiliki `{column}` nol atau negatif. Periksa apakah ini barang "
        "gratis atau salah ketik: baris ini tidak menambah angka penjualan (atau menguranginya) dan "
        "menurunkan harga rata-rata.",
    },
    "quality_future_dates": {
        "en": "{count} rows ({share}) have a `{column}` after today ({today}); the latest is {latest}. "
        "Such dates are usually typos (wrong year, or day and month swapped) and put rows in periods "
        "that have not happened yet.",
        "id": "{count} baris ({share}) memiliki `{column}` setelah hari ini ({today}); yang paling akhir "
        "{latest}. Tanggal seperti ini biasanya salah ketik (tahun salah, atau hari dan bulan tertukar) "
        "dan menaruh baris di periode yang belum terjadi.",
    },
    "quality_outlying_dates": {
        "en": "{count} rows ({share}) have a `{column}` far from the rest of the data (before {low} or "
        "after {high}). They are likely typos (a wrong year, or a spreadsheet's empty date such as "
        "1900-01-01) and add stray periods to trends and comparisons.",
        "id": "{count} baris ({share}) memiliki `{column}` yang jauh dari data lainnya (sebelum {low} atau "
        "setelah {high}). Kemungkinan salah ketik (tahun salah, atau tanggal kosong spreadsheet seperti "
        "1900-01-01) dan menambah periode nyasar pada tren dan perbandingan.",
    },
    "quality_amount_outliers": {
        "en": "{count} rows ({share}) have an unusual `{column}` (robust z-score beyond 3.5; the median is "
        "{median}). Check them for typos such as an extra zero: a few extreme values can dominate totals "
        "and averages.",
        "id": "{count} baris ({share}) memiliki `{column}` yang tidak wajar (skor-z robust melewati 3,5; "
        "mediannya {median}). Periksa kemungkinan salah ketik seperti kelebihan angka nol: beberapa nilai "
        "ekstrem dapat mendominasi total dan rata-rata.",
    },
    "quality_date_gaps": {
        "en": "{count} days ({share} of the days from {start} to {end}) fall in {runs} stretches of 7 or "
        "more days without any row by `{column}`; the longest lasts {longest} days. KPIs for those days "
        "read as zero: check that no file or export is missing.",
        "id": "{count} hari ({share} dari hari {start} sampai {end}) berada dalam {runs} rentang 7 hari "
        "atau lebih tanpa satu baris pun menurut `{column}`; yang terpanjang {longest} hari. KPI untuk "
        "hari-hari itu terbaca nol: pastikan tidak ada file atau ekspor yang terlewat.",
    },
    # --- metrics and engine ------------------------------------------------
    "unknown_metric": {
        "en": "There is no KPI named `{name}`.{hint} KPIs: {known}.",
        "id": "Tidak ada KPI bernama `{name}`.{hint} KPI yang ada: {known}.",
    },
    "bad_grain": {
        "en": "`grain` cannot be {value!r}: use one of day, week, month, quarter, year.",
        "id": "`grain` tidak bisa bernilai {value!r}: gunakan day, week, month, quarter atau year.",
    },
    "bad_date": {
        "en": "`{option}` cannot be {value!r}: give a date as 'YYYY-MM-DD'.",
        "id": "`{option}` tidak bisa bernilai {value!r}: tulis tanggal sebagai 'YYYY-MM-DD'.",
    },
    "start_after_end": {
        "en": "`start` ({start}) is after `end` ({end}): swap them.",
        "id": "`start` ({start}) jatuh setelah `end` ({end}): tukar keduanya.",
    },
    "no_dataset_for_kpi": {
        "en": "The KPI `{metric}` needs a dataset of kind `{kind}`, and this workspace has none. Import one "
        "first (Data page, or `ws.import_file(path, kind=\"{kind}\")`).",
        "id": "KPI `{metric}` memerlukan dataset jenis `{kind}`, dan workspace ini belum punya. Impor dulu "
        "(halaman Data, atau `ws.import_file(path, kind=\"{kind}\")`).",
    },
    "ambiguous_dataset": {
        "en": "The workspace holds several `{kind}` datasets ({known}); say which one the KPI `{metric}` "
        "should use with `datasets={{\"{kind}\": name}}`.",
        "id": "Workspace ini punya beberapa dataset `{kind}` ({known}); pilih yang dipakai KPI `{metric}` "
        "dengan `datasets={{\"{kind}\": nama}}`.",
    },
    "wrong_dataset_kind": {
        "en": "`datasets` maps `{kind}` to `{name}`, but `{name}` is a `{actual}` dataset: give a `{kind}` "
        "dataset.",
        "id": "`datasets` memetakan `{kind}` ke `{name}`, tetapi `{name}` adalah dataset `{actual}`: pilih "
        "dataset `{kind}`.",
    },
    "role_missing_for_kpi": {
        "en": "The KPI `{metric}` needs the `{role}` column role in dataset `{dataset}`, which was imported "
        "without it. Import the file again and map a column to `{role}`.",
        "id": "KPI `{metric}` memerlukan peran kolom `{role}` di dataset `{dataset}`, yang diimpor tanpa "
        "peran itu. Impor ulang file-nya dan petakan satu kolom ke `{role}`.",
    },
    "unknown_dimension": {
        "en": "Dataset `{dataset}` has no column `{column}` to {use}. Columns you can use: {known}.",
        "id": "Dataset `{dataset}` tidak punya kolom `{column}` untuk {use}. Kolom yang bisa dipakai: "
        "{known}.",
    },
    "bad_filter_value": {
        "en": "The filter on `{column}` cannot be {value!r}: give a text, a number, or a list of them.",
        "id": "Filter pada `{column}` tidak bisa bernilai {value!r}: berikan teks, angka, atau daftar "
        "nilai.",
    },
    "bad_window": {
        "en": "`window` cannot be {value!r}: give a whole number of days, 0 or more (or None).",
        "id": "`window` tidak bisa bernilai {value!r}: berikan jumlah hari bulat, 0 atau lebih (atau "
        "None).",
    },
    "window_not_applicable": {
        "en": "`window` applies to conversion KPIs only, not to `{metric}`: leave it out.",
        "id": "`window` hanya berlaku untuk KPI konversi, bukan untuk `{metric}`: hapus saja.",
    },
    "bad_dialect": {
        "en": "`dialect` cannot be {value!r}: use 'duckdb' or 'spark'.",
        "id": "`dialect` tidak bisa bernilai {value!r}: gunakan 'duckdb' atau 'spark'.",
    },
    # --- custom KPIs ---------------------------------------------------------
    "formula_syntax": {
        "en": "The formula `{formula}` cannot be read at character {position}: {reason}. Write KPI names, "
        "numbers, + - * / and parentheses, e.g. `revenue / active_customers`.",
        "id": "Rumus `{formula}` tidak terbaca pada karakter ke-{position}: {reason}. Tulis nama KPI, "
        "angka, + - * / dan kurung, misalnya `revenue / active_customers`.",
    },
    "formula_unknown_name": {
        "en": "The formula `{formula}` uses `{name}`, which is neither a KPI nor a number column.{hint} "
        "KPIs: {known}.",
        "id": "Rumus `{formula}` memakai `{name}`, yang bukan KPI maupun kolom angka.{hint} KPI yang ada: "
        "{known}.",
    },
    "formula_ambiguous_role": {
        "en": "In `{formula}`, `{name}` exists in several dataset kinds ({kinds}): write it as "
        "`kind.{name}`, e.g. `{example}`.",
        "id": "Dalam `{formula}`, `{name}` ada di beberapa jenis dataset ({kinds}): tulis sebagai "
        "`jenis.{name}`, misalnya `{example}`.",
    },
    "formula_cycle": {
        "en": "The KPI `{name}` refers to itself through its formula `{formula}`: use other KPIs.",
        "id": "KPI `{name}` merujuk dirinya sendiri lewat rumus `{formula}`: gunakan KPI lain.",
    },
    "bad_metric_name": {
        "en": "`{name}` cannot be a KPI name: use 1 to 40 lower-case letters, digits and underscores, "
        "starting with a letter (e.g. `revenue_per_customer`).",
        "id": "`{name}` tidak bisa menjadi nama KPI: gunakan 1 sampai 40 huruf kecil, angka dan garis "
        "bawah, diawali huruf (misalnya `penjualan_per_pelanggan`).",
    },
    "metric_exists": {
        "en": "A KPI named `{name}` already exists: pick another name, or drop the custom one first.",
        "id": "KPI bernama `{name}` sudah ada: pilih nama lain, atau hapus KPI buatan itu dulu.",
    },
    "builtin_metric": {
        "en": "`{name}` is a built-in KPI and cannot be changed or dropped.",
        "id": "`{name}` adalah KPI bawaan dan tidak bisa diubah atau dihapus.",
    },
    "bad_unit": {
        "en": "`unit` cannot be {value!r}: use one of {known}.",
        "id": "`unit` tidak bisa bernilai {value!r}: gunakan salah satu dari {known}.",
    },
    "did_you_mean": {
        "en": " Did you mean {names}?",
        "id": " Maksud Anda {names}?",
    },
    "use_by": {"en": "split by (`by`)", "id": "pemisahan (`by`)"},
    "use_filters": {"en": "filter on (`filters`)", "id": "filter (`filters`)"},
}
# The statistics' sentences live in kpi/messages_stats.py; one table for every caller.
MESSAGES.update(STATS_MESSAGES)
MESSAGES.update(TARGET_MESSAGES)
MESSAGES.update(PLAN_MESSAGES)
MESSAGES.update(ROOTCAUSE_MESSAGES)
MESSAGES.update(ACTIONS_MESSAGES)
MESSAGES.update(REPORT_MESSAGES)
