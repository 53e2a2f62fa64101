"""The message tables: every error, warning and note of :mod:`kpi`, in Bahasa Indonesia and English.

Data only; :mod:`kpi.i18n` renders them. Templates use ``str.format`` fields;
callers wrap column and file names in backticks themselves.
"""

from __future__ import annotations

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
    # --- statistics: shared words (kpi.stats._text) ------------------------
    "compare_not_applicable": {
        "en": "`{metric}` is a running total, so its periods are not compared with a test: compare the KPI it "
        "adds up (e.g. `revenue`) instead.",
        "id": "`{metric}` adalah total berjalan, jadi periodenya tidak dibandingkan dengan uji: bandingkan KPI "
        "yang dijumlahkannya (misalnya `revenue`).",
    },
    # --- statistics: trends (kpi.stats.trends) ---------------------------
    "trend_up": {
        "en": "{label} rises {rate} {per}, a significant upward trend ({method}, {p}).",
        "id": "{label} naik {rate} {per}, tren naik yang signifikan ({method}, {p}).",
    },
    "trend_down": {
        "en": "{label} falls {rate} {per}, a significant downward trend ({method}, {p}).",
        "id": "{label} turun {rate} {per}, tren turun yang signifikan ({method}, {p}).",
    },
    "trend_none": {
        "en": "{label} shows no clear trend ({method}, {p}).",
        "id": "{label} tidak menunjukkan tren yang jelas ({method}, {p}).",
    },
    "trend_label": {"en": "The series", "id": "Deret ini"},
    "trend_per_day": {"en": "a day", "id": "per hari"},
    "trend_per_week": {"en": "a week", "id": "per minggu"},
    "trend_per_month": {"en": "a month", "id": "per bulan"},
    "trend_per_quarter": {"en": "a quarter", "id": "per kuartal"},
    "trend_per_year": {"en": "a year", "id": "per tahun"},
    "trend_per_period": {"en": "per period", "id": "per periode"},
    "trend_method_prewhiten": {
        "en": "Mann-Kendall (pre-whitened for autocorrelation, von Storch)",
        "id": "Mann-Kendall (dengan pra-pemutihan untuk autokorelasi, von Storch)",
    },
    "trend_method_hamed_rao": {
        "en": "Mann-Kendall (Hamed-Rao autocorrelation correction)",
        "id": "Mann-Kendall (koreksi autokorelasi Hamed-Rao)",
    },
    "trend_method_seasonal": {
        "en": "Seasonal Mann-Kendall (period {period})",
        "id": "Mann-Kendall musiman (periode {period})",
    },
    "trend_name_prewhiten": {"en": "Mann-Kendall, pre-whitened for autocorrelation",
                             "id": "Mann-Kendall, dengan pra-pemutihan untuk autokorelasi"},
    "trend_name_hamed_rao": {"en": "Mann-Kendall, corrected for autocorrelation",
                             "id": "Mann-Kendall, dikoreksi untuk autokorelasi"},
    "trend_name_seasonal": {"en": "seasonal Mann-Kendall", "id": "Mann-Kendall musiman"},
    "trend_too_few": {
        "en": "Too few periods to judge a trend ({n}; at least {minimum} are needed).",
        "id": "Periodenya terlalu sedikit untuk menilai tren ({n}; minimal {minimum} periode).",
    },
    "trend_all_missing": {
        "en": "There are no values to judge a trend from: every period is missing.",
        "id": "Tidak ada nilai untuk menilai tren: semua periode kosong.",
    },
    "trend_flat": {
        "en": "{label} does not move (every value is {value}), so there is no trend.",
        "id": "{label} tidak bergerak (semua nilainya {value}), jadi tidak ada tren.",
    },
    "trend_flat_seasons": {
        "en": "{label} repeats the same values every cycle of {period} periods, so there is no trend.",
        "id": "{label} mengulang nilai yang sama setiap siklus {period} periode, jadi tidak ada tren.",
    },
    "trend_few_cycles": {
        "en": "Too few cycles to judge a seasonal trend: no season (cycle of {period} periods) has two "
        "values yet. Use `method='original'`, or wait for more data.",
        "id": "Siklusnya terlalu sedikit untuk menilai tren musiman: belum ada musim (siklus {period} periode) "
        "yang punya dua nilai. Gunakan `method='original'`, atau tunggu data bertambah.",
    },
    "trend_correction_failed": {
        "en": "The autocorrelation correction could not be estimated (n/n* = {factor}, not positive); "
        "the uncorrected variance was used.",
        "id": "Koreksi autokorelasi tidak dapat diperkirakan (n/n* = {factor}, tidak positif); "
        "varians tanpa koreksi yang dipakai.",
    },
    "trend_bad_method": {
        "en": "`method` cannot be {value!r}: use one of {known}.",
        "id": "`method` tidak bisa bernilai {value!r}: gunakan salah satu dari {known}.",
    },
    "trend_bad_alpha": {
        "en": "`alpha` cannot be {value!r}: use a number between 0 and 1, such as 0.05.",
        "id": "`alpha` tidak bisa bernilai {value!r}: gunakan angka antara 0 dan 1, misalnya 0.05.",
    },
    "trend_bad_period": {
        "en": "`period` cannot be {value!r}: use the number of periods in a cycle, at least 2 (12 for months "
        "in a year, 7 for days in a week), or None.",
        "id": "`period` tidak bisa bernilai {value!r}: gunakan jumlah periode dalam satu siklus, minimal 2 "
        "(12 untuk bulan dalam setahun, 7 untuk hari dalam seminggu), atau None.",
    },
    "trend_needs_period": {
        "en": "`method='seasonal'` needs `period`: pass the number of periods in a cycle, e.g. `period=12` for "
        "monthly values.",
        "id": "`method='seasonal'` memerlukan `period`: isi jumlah periode dalam satu siklus, misalnya "
        "`period=12` untuk nilai bulanan.",
    },
    "trend_bad_values": {
        "en": "`values` must be numbers in time order (a list, numpy array or pandas Series); got {kind}.",
        "id": "`values` harus berupa angka berurutan waktu (list, array numpy, atau Series pandas); "
        "yang diberikan: {kind}.",
    },
    "trend_bad_grain": {
        "en": "`grain` cannot be {value!r}: use one of {known}, or None.",
        "id": "`grain` tidak bisa bernilai {value!r}: gunakan salah satu dari {known}, atau None.",
    },
    # --- statistics: comparisons (kpi.stats.comparisons) -----------------
    "compare_label": {"en": "The KPI", "id": "KPI"},
    "compare_rose": {"en": "rose", "id": "naik"},
    "compare_fell": {"en": "fell", "id": "turun"},
    "compare_significant": {
        "en": "{label} {verb} from {baseline} to {current}; the difference is significant ({p}, {level}% CI of the "
        "difference {low} to {high}).",
        "id": "{label} {verb} dari {baseline} ke {current}; perbedaannya signifikan ({p}, IK {level}% selisih {low} "
        "sampai {high}).",
    },
    "compare_significant_no_interval": {
        "en": "{label} {verb} from {baseline} to {current}; the difference is significant ({p}).",
        "id": "{label} {verb} dari {baseline} ke {current}; perbedaannya signifikan ({p}).",
    },
    "compare_not_significant": {
        "en": "{label} {verb} from {baseline} to {current}, within normal variation ({p}).",
        "id": "{label} {verb} dari {baseline} ke {current}, masih dalam variasi wajar ({p}).",
    },
    "compare_same": {
        "en": "{label} stayed at {current} ({p}).",
        "id": "{label} tetap di {current} ({p}).",
    },
    "compare_untestable": {
        "en": "{label} went from {baseline} to {current}; there is too little data to test the difference.",
        "id": "{label} dari {baseline} menjadi {current}; datanya terlalu sedikit untuk menguji perbedaannya.",
    },
    "compare_points": {"en": "{value} points", "id": "{value} poin"},
    "compare_rescaled": {
        "en": "{adjusted} ({raw} before adjusting for the period length)",
        "id": "{adjusted} ({raw} sebelum disetarakan dengan panjang periode)",
    },
    "compare_no_trials": {
        "en": "`{name}` is 0: a group without trials has no proportion to compare.",
        "id": "`{name}` bernilai 0: kelompok tanpa percobaan tidak punya proporsi untuk dibandingkan.",
    },
    "compare_no_variation": {
        "en": "Both groups have a proportion of {value}, so there is no variation to test; the p-value is 1.",
        "id": "Kedua kelompok punya proporsi {value}, jadi tidak ada variasi untuk diuji; nilai p = 1.",
    },
    "compare_too_few": {
        "en": "`{name}` has {n} value(s); a comparison needs at least 2 in each group.",
        "id": "`{name}` hanya berisi {n} nilai; perbandingan butuh minimal 2 nilai di tiap kelompok.",
    },
    "compare_constant": {
        "en": "The values do not vary within either group, so there is no variation to test.",
        "id": "Nilai di kedua kelompok tidak bervariasi, jadi tidak ada variasi untuk diuji.",
    },
    "compare_no_events": {
        "en": "There are no events in either period, so there is nothing to compare; the p-value is 1.",
        "id": "Tidak ada kejadian di kedua periode, jadi tidak ada yang bisa dibandingkan; nilai p = 1.",
    },
    "compare_zero_denominator": {
        "en": "`{name}` adds up to 0, so the ratio of sums is undefined.",
        "id": "Jumlah `{name}` adalah 0, jadi rasio jumlahnya tidak terdefinisi.",
    },
    "compare_cannot_reach": {
        "en": "With {n_current} and {n_baseline} values the Mann-Whitney test cannot reach p < {alpha} whatever "
        "the data, so its interval is unbounded: collect more values.",
        "id": "Dengan {n_current} dan {n_baseline} nilai, uji Mann-Whitney tidak bisa mencapai p < {alpha} apa pun "
        "datanya, jadi intervalnya tak terbatas: kumpulkan lebih banyak nilai.",
    },
    "compare_bad_alpha": {
        "en": "`alpha` cannot be {value}: pass a number between 0 and 1, such as 0.05.",
        "id": "`alpha` tidak bisa bernilai {value}: berikan angka antara 0 dan 1, misalnya 0.05.",
    },
    "compare_bad_n_boot": {
        "en": "`n_boot` cannot be {value}: pass a whole number of resamples of at least 99, such as 9999.",
        "id": "`n_boot` tidak bisa bernilai {value}: berikan jumlah resampel bulat minimal 99, misalnya 9999.",
    },
    "compare_bad_count": {
        "en": "`{name}` cannot be {value}: pass a whole number of zero or more.",
        "id": "`{name}` tidak bisa bernilai {value}: berikan bilangan bulat nol atau lebih.",
    },
    "compare_more_than_trials": {
        "en": "`{name}` ({value}) is larger than `{trials}` ({n}): successes cannot outnumber trials.",
        "id": "`{name}` ({value}) lebih besar dari `{trials}` ({n}): jumlah sukses tidak bisa melebihi percobaan.",
    },
    "compare_bad_exposure": {
        "en": "`{name}` cannot be {value}: pass a positive exposure (days, visitors...).",
        "id": "`{name}` tidak bisa bernilai {value}: berikan paparan positif (hari, pengunjung...).",
    },
    "compare_bad_method": {
        "en": "`method` cannot be {value!r}: use one of {known}.",
        "id": "`method` tidak bisa bernilai {value!r}: gunakan salah satu dari {known}.",
    },
    "compare_not_numbers": {
        "en": "`{name}` must be a list of numbers: convert text and dates first.",
        "id": "`{name}` harus berupa daftar angka: ubah dulu teks dan tanggalnya.",
    },
    "compare_not_1d": {
        "en": "`{name}` must be a flat list of numbers, not an array of shape {shape}.",
        "id": "`{name}` harus berupa daftar angka datar, bukan array berbentuk {shape}.",
    },
    "compare_not_finite": {
        "en": "`{name}` holds {count} missing or infinite value(s): drop or fill them before comparing.",
        "id": "`{name}` berisi {count} nilai kosong atau tak hingga: hapus atau isi dulu sebelum membandingkan.",
    },
    "compare_daily_pair": {
        "en": "Pass both `daily_current` and `daily_baseline`, or neither.",
        "id": "Berikan `daily_current` dan `daily_baseline` sekaligus, atau tidak sama sekali.",
    },
    "compare_daily_mismatch": {
        "en": "`{name}` adds up to {total}, but `{count_name}` is {count}: pass the same counts split by day "
        "(zero or more each day).",
        "id": "Jumlah `{name}` adalah {total}, tetapi `{count_name}` bernilai {count}: berikan hitungan yang sama "
        "dipecah per hari (nol atau lebih tiap hari).",
    },
    "compare_lengths": {
        "en": "`{num}` has {n_num} days but `{den}` has {n_den}: pass one numerator and one denominator per day.",
        "id": "`{num}` berisi {n_num} hari tetapi `{den}` berisi {n_den}: berikan satu pembilang dan satu penyebut "
        "per hari.",
    },
    "compare_negative_denominator": {
        "en": "`{name}` holds negative values: denominators (spend, visits) must be zero or more.",
        "id": "`{name}` berisi nilai negatif: penyebut (biaya, kunjungan) harus nol atau lebih.",
    },
    "compare_bad_pvalues": {
        "en": "`pvalues` must lie between 0 and 1 (NaN for an untested comparison); {value} does not.",
        "id": "`pvalues` harus berada antara 0 dan 1 (NaN untuk perbandingan yang tidak diuji); {value} tidak.",
    },
    "compare_bad_adjust": {
        "en": "`method` cannot be {value!r}: use 'bh' (Benjamini-Hochberg) or 'by' (Benjamini-Yekutieli).",
        "id": "`method` tidak bisa bernilai {value!r}: gunakan 'bh' (Benjamini-Hochberg) atau 'by' "
        "(Benjamini-Yekutieli).",
    },
    # --- statistics: anomalies and change points (kpi.stats.anomalies) ---
    "anomaly_bad_series": {
        "en": "`series` must be a DataFrame with `period` and `value` columns (as `Workspace.compute` returns) or a "
        "pandas Series with a DatetimeIndex; got {kind}.",
        "id": "`series` harus berupa DataFrame dengan kolom `period` dan `value` (seperti hasil `Workspace.compute`) "
        "atau Series pandas dengan DatetimeIndex; yang diberikan: {kind}.",
    },
    "anomaly_missing_column": {
        "en": "`series` has no `{column}` column: pass the frame `Workspace.compute` returns (columns `period` and "
        "`value`) or a pandas Series with a DatetimeIndex.",
        "id": "`series` tidak punya kolom `{column}`: berikan tabel hasil `Workspace.compute` (kolom `period` dan "
        "`value`) atau Series pandas dengan DatetimeIndex.",
    },
    "anomaly_bad_values": {
        "en": "`{column}` must hold {kind}; it has values such as {example!r}.",
        "id": "`{column}` harus berisi {kind}; ada nilai seperti {example!r}.",
    },
    "anomaly_dates": {"en": "dates", "id": "tanggal"},
    "anomaly_numbers": {"en": "numbers", "id": "angka"},
    "anomaly_duplicate_periods": {
        "en": "`series` has {count} periods that appear more than once (e.g. {period}): pass one series at a time, "
        "e.g. filter on one segment instead of splitting with `by`.",
        "id": "`series` punya {count} periode yang muncul lebih dari sekali (misalnya {period}): berikan satu deret "
        "saja, misalnya filter satu segmen alih-alih memisah dengan `by`.",
    },
    "anomaly_bad_grain": {
        "en": "`grain` cannot be {value!r}: use \"day\", \"week\" or \"month\", the grain the series was computed at.",
        "id": "`grain` tidak bisa bernilai {value!r}: gunakan \"day\", \"week\" atau \"month\", sesuai grain saat "
        "deret dihitung.",
    },
    "anomaly_bad_threshold": {
        "en": "`threshold` cannot be {value!r}: use a positive number of robust standard deviations, such as 3.5.",
        "id": "`threshold` tidak bisa bernilai {value!r}: gunakan angka positif (jumlah simpangan baku robust), "
        "misalnya 3.5.",
    },
    "anomaly_bad_max_points": {
        "en": "`max_points` cannot be {value!r}: use a whole number, 0 or more, such as 5.",
        "id": "`max_points` tidak bisa bernilai {value!r}: gunakan bilangan bulat 0 atau lebih, misalnya 5.",
    },
    "anomaly_too_short": {
        "en": "Only {n} {grains} with a value: a baseline needs at least {minimum}, so nothing is flagged.",
        "id": "Hanya ada {n} {grains} yang bernilai: baseline memerlukan minimal {minimum}, jadi tidak ada yang "
        "ditandai.",
    },
    "anomaly_constant": {
        "en": "Every value is {value}: nothing can stand out, so no anomaly or level shift is flagged.",
        "id": "Semua nilainya {value}: tidak ada yang bisa menonjol, jadi tidak ada anomali atau pergeseran level "
        "yang ditandai.",
    },
    "anomaly_thin_months": {
        "en": "Only {n} months: a monthly baseline needs about {minimum} (two years) to learn the calendar, so it "
        "uses the level and trend only and its flags are rough.",
        "id": "Hanya ada {n} bulan: baseline bulanan memerlukan sekitar {minimum} bulan (dua tahun) untuk "
        "mempelajari kalender, jadi hanya level dan tren yang dipakai dan tandanya masih kasar.",
    },
    "anomaly_label": {"en": "the series", "id": "deret ini"},
    "anomaly_value": {"en": "The value", "id": "Nilai"},
    "anomaly_high": {"en": "high", "id": "tinggi"},
    "anomaly_low": {"en": "low", "id": "rendah"},
    "anomaly_days": {"en": "days", "id": "hari"},
    "anomaly_weeks": {"en": "weeks", "id": "pekan"},
    "anomaly_months": {"en": "months", "id": "bulan"},
    "anomaly_week": {"en": "week", "id": "pekan"},
    "anomaly_month": {"en": "month", "id": "bulan"},
    "anomaly_point_day": {
        "en": "{label} on {date} came in unusually {direction} at {value} for a {weekday}{event} (expected {lower} "
        "to {upper}).",
        "id": "{label} pada {date} tercatat {value}, luar biasa {direction} untuk hari {weekday}{event} (perkiraan "
        "{lower} sampai {upper}).",
    },
    "anomaly_point_week": {
        "en": "{label} in the week of {date} came in unusually {direction} at {value}{event} (expected {lower} to "
        "{upper}).",
        "id": "{label} pada pekan mulai {date} tercatat {value}, luar biasa {direction}{event} (perkiraan {lower} "
        "sampai {upper}).",
    },
    "anomaly_point_month": {
        "en": "{label} in {date} came in unusually {direction} at {value}{event} (expected {lower} to {upper}).",
        "id": "{label} pada {date} tercatat {value}, luar biasa {direction}{event} (perkiraan {lower} sampai "
        "{upper}).",
    },
    "anomaly_event_ramadan": {"en": " in Ramadan", "id": " di bulan Ramadan"},
    "anomaly_event_lebaran": {"en": " during Lebaran", "id": " saat Lebaran"},
    "anomaly_event_day": {"en": " on {event}", "id": " saat {event}"},
    "anomaly_event_period": {"en": " for a {grain} with {event}", "id": " untuk {grain} dengan {event}"},
    "anomaly_summary_none": {
        "en": "No unusual {grains} in {label}: all {n} stay within the expected range ({first} to {last}).",
        "id": "Tidak ada {grains} yang luar biasa pada {label}: semua {n} {grains} berada dalam kisaran perkiraan "
        "({first} sampai {last}).",
    },
    "anomaly_summary_some": {
        "en": "{count} of {n} {grains} of {label} are unusual ({high} high, {low} low); the most unusual is {date}: "
        "{value}, expected {lower} to {upper}.",
        "id": "{count} dari {n} {grains} pada {label} luar biasa ({high} tinggi, {low} rendah); yang paling "
        "mencolok {date}: {value}, perkiraan {lower} sampai {upper}.",
    },
    "anomaly_shift": {
        "en": "The level of the series shifted from {before} to {after} from {date} ({p}).",
        "id": "Level deret ini bergeser dari {before} ke {after} mulai {date} ({p}).",
    },
    "anomaly_shift_label": {
        "en": "{label} shifted from {before} to {after} from {date} ({p}).",
        "id": "{label} bergeser dari {before} ke {after} mulai {date} ({p}).",
    },
    "anomaly_method": {
        "en": "seasonal baseline ({calendar}), robust fit on the {scale} scale, leave-one-out robust z",
        "id": "baseline musiman ({calendar}), fit robust pada skala {scale}, z robust leave-one-out",
    },
    "anomaly_calendar": {"en": "Indonesian calendar", "id": "kalender Indonesia"},
    "anomaly_no_calendar": {"en": "weekday and month only", "id": "hanya hari dan bulan"},
    "anomaly_method_shift": {
        "en": "level shifts: forward selection of steps, score test with permutation p-value",
        "id": "pergeseran level: seleksi maju tangga, uji skor dengan p-value permutasi",
    },
    # --- statistics: end -------------------------------------------------
    "use_by": {"en": "split by (`by`)", "id": "pemisahan (`by`)"},
    "use_filters": {"en": "filter on (`filters`)", "id": "filter (`filters`)"},
}
