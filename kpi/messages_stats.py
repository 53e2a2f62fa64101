"""The message tables of :mod:`kpi.stats` and :mod:`kpi.evidence`: test results in plain words, in both languages.

Data only, kept apart from :mod:`kpi.messages` (errors and notes about data) because
the sentences that explain a test are a vocabulary of their own; :mod:`kpi.messages`
merges them into the one ``MESSAGES`` table that :func:`kpi.i18n.message` reads.
"""

from __future__ import annotations

__all__ = ["STATS_MESSAGES"]

STATS_MESSAGES: dict[str, dict[str, str]] = {
    # --- kpi.evidence ------------------------------------------------------
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
}
