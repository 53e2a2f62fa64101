"""The message tables of forecasts, target suggestions and progress, in both languages.

Data only; :mod:`kpi.messages` merges them into the one ``MESSAGES`` table.
"""

from __future__ import annotations

__all__ = ["PLAN_MESSAGES"]

PLAN_MESSAGES: dict[str, dict[str, str]] = {
    # --- kpi.stats.forecast --------------------------------------------------
    "forecast_bad_kind": {
        "en": "`kind` must be one of {known}, not `{value}`.",
        "id": "`kind` harus salah satu dari {known}, bukan `{value}`.",
    },
    "forecast_bad_grain": {
        "en": "Milestones are monthly or weekly: use `grain=\"month\"` or `grain=\"week\"`, not `{value}`.",
        "id": "Tonggak bersifat bulanan atau mingguan: gunakan `grain=\"month\"` atau `grain=\"week\"`, "
        "bukan `{value}`.",
    },
    "forecast_bad_draws": {
        "en": "`draws` must be a whole number of at least 50, not `{value}`.",
        "id": "`draws` harus bilangan bulat minimal 50, bukan `{value}`.",
    },
    "forecast_span_reversed": {
        "en": "The span ends ({end}) before it starts ({start}): swap `start` and `end`.",
        "id": "Rentang berakhir ({end}) sebelum dimulai ({start}): tukar `start` dan `end`.",
    },
    "forecast_overlap": {
        "en": "A forecast starts after the history: `start` is {start} but the history runs to {last}. "
        "Cut the history before `start`.",
        "id": "Prakiraan dimulai setelah riwayat: `start` adalah {start} tetapi riwayat sampai {last}. "
        "Potong riwayat sebelum `start`.",
    },
    "forecast_whole_months": {
        "en": "This KPI is forecast month by month, so the span must be whole months ({start} to {end} is "
        "not): start on the 1st and end on a month's last day.",
        "id": "KPI ini diprakirakan per bulan, jadi rentang harus bulan utuh ({start} sampai {end} bukan): "
        "mulai tanggal 1 dan akhiri pada hari terakhir bulan.",
    },
    "forecast_short_history": {
        "en": "Only {n} periods of history (a forecast wants {minimum} or more): the forecast carries the "
        "recent level forward with no season or trend, and its range is a rough guess.",
        "id": "Riwayat hanya {n} periode (prakiraan butuh {minimum} atau lebih): prakiraan meneruskan level "
        "terakhir tanpa musim atau tren, dan rentangnya hanya perkiraan kasar.",
    },
    # --- kpi.plans: outlooks and suggestions ------------------------------------
    "plan_no_data": {
        "en": "There is no data for `{metric}` yet: import the dataset it reads first (page Data).",
        "id": "Belum ada data untuk `{metric}`: impor dulu dataset yang dibacanya (halaman Data).",
    },
    "plan_no_history": {
        "en": "`{metric}` has no history before {start} (its data start on {first}): pick a span after the data "
        "begin.",
        "id": "`{metric}` tidak punya riwayat sebelum {start} (datanya mulai {first}): pilih rentang setelah data "
        "dimulai.",
    },
    "plan_whole_months": {
        "en": "`{metric}` counts distinct customers per month, so its target must cover whole months ({start} to "
        "{end} does not): start on the 1st and end on a month's last day.",
        "id": "`{metric}` menghitung pelanggan unik per bulan, jadi targetnya harus mencakup bulan utuh ({start} "
        "sampai {end} tidak): mulai tanggal 1 dan akhiri pada hari terakhir bulan.",
    },
    "plan_phase_needs_start": {
        "en": "Milestones are planned from history before the span starts ({start}): build the outlook with "
        "`from_start=True`.",
        "id": "Tonggak direncanakan dari riwayat sebelum rentang dimulai ({start}): buat outlook dengan "
        "`from_start=True`.",
    },
    "suggest_last_year": {"en": "Same period last year", "id": "Periode sama tahun lalu"},
    "suggest_last_year_method": {"en": "last year's actual", "id": "realisasi tahun lalu"},
    "suggest_last_year_why": {
        "en": "What the same span a year earlier ({last}) reached: {value}. Reaching it only holds the line.",
        "id": "Capaian rentang yang sama setahun sebelumnya ({last}): {value}. Mencapainya hanya menjaga posisi.",
    },
    "suggest_trailing_growth": {"en": "Last year plus recent growth", "id": "Tahun lalu plus pertumbuhan terkini"},
    "suggest_trailing_growth_method": {"en": "year-over-year growth of the last months",
                                       "id": "pertumbuhan tahunan bulan-bulan terakhir"},
    "suggest_trailing_growth_why": {
        "en": "Last year's {value} grown by {growth}, the change of the latest whole months (up to 12) over the "
        "same months a year before.",
        "id": "Capaian tahun lalu {value} ditambah pertumbuhan {growth}, yaitu perubahan bulan-bulan utuh "
        "terakhir (hingga 12) terhadap bulan yang sama setahun sebelumnya.",
    },
    "suggest_seasonal_baseline": {"en": "Seasonal baseline", "id": "Garis dasar musiman"},
    "suggest_seasonal_baseline_method": {"en": "seasonal model, no further growth",
                                         "id": "model musiman, tanpa pertumbuhan lanjutan"},
    "suggest_seasonal_baseline_why": {
        "en": "Where the season alone takes {span} at today's level: the weekday, month, payday, Ramadan and "
        "Lebaran, and 12.12 pattern of {months} months of history, with growth stopped today.",
        "id": "Ke mana musim saja membawa {span} pada level hari ini: pola hari, bulan, gajian, Ramadan dan "
        "Lebaran, serta 12.12 dari {months} bulan riwayat, dengan pertumbuhan dihentikan hari ini.",
    },
    "suggest_p50": {"en": "Realistic (P50)", "id": "Realistis (P50)"},
    "suggest_p50_method": {"en": "median of simulated futures", "id": "median simulasi masa depan"},
    "suggest_p50_why": {
        "en": "The middle of {draws} simulated futures for {span} from a seasonal model with trend fitted to "
        "{months} months of history, with month-to-month drift: half of them reach it.",
        "id": "Titik tengah {draws} simulasi masa depan untuk {span} dari model musiman dengan tren yang "
        "dipasang pada {months} bulan riwayat, termasuk naik-turun antarbulan: separuhnya mencapainya.",
    },
    "suggest_p80": {"en": "Stretch (P80)", "id": "Menantang (P80)"},
    "suggest_p80_method": {"en": "80th percentile of simulated futures", "id": "persentil ke-80 simulasi"},
    "suggest_p80_why": {
        "en": "Better than 4 in 5 of {draws} simulated futures for {span}: reachable, but only if things go "
        "well or the team changes something.",
        "id": "Lebih baik dari 4 dari 5 dari {draws} simulasi masa depan untuk {span}: bisa dicapai, tetapi "
        "hanya bila keadaan mendukung atau tim mengubah sesuatu.",
    },
    # --- kpi.progress ---------------------------------------------------------------
    "progress_bad_threshold": {
        "en": "`{name}` must be a share between 0 and 2 (0.97 = 97% of plan), not `{value}`.",
        "id": "`{name}` harus berupa bagian antara 0 dan 2 (0.97 = 97% dari rencana), bukan `{value}`.",
    },
    "progress_thresholds_order": {
        "en": "`at_risk` ({at_risk}) must not be above `on_track` ({on_track}): a target at risk is further from "
        "plan than one on track.",
        "id": "`at_risk` ({at_risk}) tidak boleh di atas `on_track` ({on_track}): target berisiko lebih jauh dari "
        "rencana daripada yang sesuai jalur.",
    },
    "status_not_started": {"en": "Not started", "id": "Belum mulai"},
    "status_on_track": {"en": "On track", "id": "Sesuai jalur"},
    "status_at_risk": {"en": "At risk", "id": "Berisiko"},
    "status_behind": {"en": "Behind", "id": "Tertinggal"},
    "status_reached": {"en": "Reached", "id": "Tercapai"},
    "status_missed": {"en": "Missed", "id": "Tidak tercapai"},
    "progress_summary": {
        "en": "{status}: {actual} so far against {expected} planned to date. Heading for {projected} "
        "(80% range {low} to {high}) against a target of {target}; chance of reaching it: {probability}.",
        "id": "{status}: sejauh ini {actual} dibanding rencana {expected} sampai hari ini. Menuju {projected} "
        "(rentang 80% {low} sampai {high}) dibanding target {target}; peluang mencapainya: {probability}.",
    },
    "progress_summary_not_started": {
        "en": "{status}: the span has not begun. The forecast for it is {projected} (80% range {low} to {high}) "
        "against a target of {target}; chance of reaching it: {probability}.",
        "id": "{status}: rentangnya belum dimulai. Prakiraannya {projected} (rentang 80% {low} sampai {high}) "
        "dibanding target {target}; peluang mencapainya: {probability}.",
    },
    "progress_summary_done": {
        "en": "{status}: the span is over at {actual} against a target of {target}.",
        "id": "{status}: rentang telah selesai dengan {actual} dibanding target {target}.",
    },
    # --- kpi.planning ---------------------------------------------------------------
    "target_value_choice": {
        "en": "Give exactly one of `value`, `growth` or `points` for a target (given: {given}).",
        "id": "Isi tepat satu dari `value`, `growth` atau `points` untuk target (yang diisi: {given}).",
    },
    "target_no_baseline": {
        "en": "A target as growth or points is measured from the same span a year earlier ({start} to {end}), but "
        "the data of `{metric}` do not cover it: give the target as a `value` instead.",
        "id": "Target berupa pertumbuhan atau poin diukur dari rentang yang sama setahun sebelumnya ({start} sampai "
        "{end}), tetapi data `{metric}` tidak mencakupnya: isi target sebagai `value`.",
    },
    "target_points_unit": {
        "en": "`points` is for rates and NPS; this KPI is measured in {unit}: use `growth` or `value`.",
        "id": "`points` untuk persentase dan NPS; KPI ini diukur dalam {unit}: gunakan `growth` atau `value`.",
    },
    "suggest_custom": {"en": "Your target", "id": "Target Anda"},
    "suggest_custom_method": {"en": "share of simulated futures reaching it", "id": "bagian simulasi yang mencapainya"},
    "suggest_custom_why": {
        "en": "The share of {draws} simulated futures for {span} that reach the value you typed.",
        "id": "Bagian dari {draws} simulasi masa depan untuk {span} yang mencapai nilai yang Anda ketik.",
    },
    "target_exists": {
        "en": "The same target for `{metric}` is already saved (target {id}): change that one instead of saving it "
        "twice.",
        "id": "Target yang sama untuk `{metric}` sudah tersimpan (target {id}): ubah target itu, jangan disimpan "
        "dua kali.",
    },
    "target_baseline_missing": {
        "en": "A target given as `{kind}` needs last year's value of the same span: give it as a `value`.",
        "id": "Target berupa `{kind}` membutuhkan nilai tahun lalu untuk rentang yang sama: isi sebagai `value`.",
    },
}
