"""The message tables of root-cause explanations, in both languages.

Data only; :mod:`kpi.messages` merges them into the one ``MESSAGES`` table.
"""

from __future__ import annotations

__all__ = ["ROOTCAUSE_MESSAGES"]

ROOTCAUSE_MESSAGES: dict[str, dict[str, str]] = {
    # --- errors ------------------------------------------------------------------
    "explain_not_supported": {
        "en": "`{metric}` cannot be split over segments: it is not a sum over rows (a customer's history "
        "decides it). Explain `{instead}` instead, or compare `{metric}` by segment with `ws.compare_by`.",
        "id": "`{metric}` tidak bisa dipecah per segmen: nilainya bukan jumlah dari baris (riwayat pelanggan "
        "yang menentukan). Jelaskan `{instead}` saja, atau bandingkan `{metric}` per segmen dengan "
        "`ws.compare_by`.",
    },
    "explain_no_metric": {
        "en": "Say which KPI to explain: `metric=\"revenue\"`, or a `target`.",
        "id": "Sebutkan KPI yang dijelaskan: `metric=\"revenue\"`, atau sebuah `target`.",
    },
    "explain_not_linear": {
        "en": "The custom KPI `{metric}` cannot be split over segments: its value (or the numerator and "
        "denominator) must be a sum of measures of one dataset. Explain the KPIs its formula uses instead.",
        "id": "KPI kustom `{metric}` tidak bisa dipecah per segmen: nilainya (atau pembilang dan penyebutnya) "
        "harus berupa jumlah ukuran dari satu dataset. Jelaskan KPI yang dipakai rumusnya.",
    },
    "explain_bad_span": {
        "en": "`{option}` must be a pair of dates (start, end), not `{value}`.",
        "id": "`{option}` harus berupa pasangan tanggal (awal, akhir), bukan `{value}`.",
    },
    "explain_bad_baseline": {
        "en": "`baseline` must be \"previous\", \"last_year\" or a pair of dates, not `{value}`.",
        "id": "`baseline` harus \"previous\", \"last_year\" atau pasangan tanggal, bukan `{value}`.",
    },
    "explain_bad_depth": {
        "en": "`depth` must be 1, 2 or 3 (dimensions combined in a segment), not `{value}`.",
        "id": "`depth` harus 1, 2 atau 3 (dimensi yang digabung dalam satu segmen), bukan `{value}`.",
    },
    "explain_overlap": {
        "en": "The current span ({current}) and the baseline ({baseline}) overlap: choose a baseline that ends "
        "before the current span starts.",
        "id": "Rentang sekarang ({current}) dan pembanding ({baseline}) tumpang tindih: pilih pembanding yang "
        "berakhir sebelum rentang sekarang dimulai.",
    },
    "explain_no_data": {
        "en": "There is no data for `{metric}` yet: import a dataset first.",
        "id": "Belum ada data untuk `{metric}`: impor dataset terlebih dahulu.",
    },
    "explain_no_baseline": {
        "en": "`{metric}` has no data in the baseline span {start} to {end}: choose another baseline "
        "(`baseline=\"previous\"`, or dates inside your data).",
        "id": "`{metric}` tidak punya data pada rentang pembanding {start} sampai {end}: pilih pembanding lain "
        "(`baseline=\"previous\"`, atau tanggal di dalam data Anda).",
    },
    "explain_no_current": {
        "en": "`{metric}` has no data in the current span {start} to {end}: choose dates inside your data.",
        "id": "`{metric}` tidak punya data pada rentang sekarang {start} sampai {end}: pilih tanggal di dalam "
        "data Anda.",
    },
    "explain_target_not_started": {
        "en": "The target starts on {start} and there is no data in its span yet: explain it once it has "
        "started, or compare two periods instead.",
        "id": "Target dimulai {start} dan belum ada data dalam rentangnya: jelaskan setelah berjalan, atau "
        "bandingkan dua periode.",
    },
    # --- sentences ----------------------------------------------------------------
    "rc_rose": {"en": "rose", "id": "naik"},
    "rc_fell": {"en": "fell", "id": "turun"},
    "rc_data": {"en": "the data", "id": "data"},
    "rc_against_period": {"en": "compared with {start} to {end}", "id": "dibanding {start} sampai {end}"},
    "rc_against_previous": {"en": "compared with the previous period", "id": "dibanding periode sebelumnya"},
    "rc_against_last_year": {"en": "compared with the same period last year",
                             "id": "dibanding periode yang sama tahun lalu"},
    "rc_against_target": {"en": "against the target path", "id": "terhadap jalur target"},
    "rc_headline": {
        "en": "{label} {verb} {amount} {against} ({baseline} to {current}).",
        "id": "{label} {verb} {amount} {against} ({baseline} ke {current}).",
    },
    "rc_headline_flat": {
        "en": "{label} did not change {against} ({current}).",
        "id": "{label} tidak berubah {against} ({current}).",
    },
    "rc_finding": {
        "en": "{segment}: {label} {verb} from {baseline} to {current} ({own}, against {rest} for the rest){share} "
        "({q}).",
        "id": "{segment}: {label} {verb} dari {baseline} ke {current} ({own}, sisanya {rest}){share} ({q}).",
    },
    "rc_finding_mix": {
        "en": "{segment}: its share of {base} {verb} from {before} to {after}, at a {label} of {current}{share} "
        "({q}).",
        "id": "{segment}: porsinya dari {base} {verb} dari {before} ke {after}, dengan {label} {current}{share} "
        "({q}).",
    },
    # Left out when the KPI did not change (a share of no change means nothing).
    "rc_share": {"en": ", {share} of the change", "id": ", {share} dari perubahan"},
    "rc_share_mix": {"en": "; {share} of the change", "id": "; {share} dari perubahan"},
    "rc_gap": {"en": "gap", "id": "selisih"},
    "rc_change": {"en": "change", "id": "perubahan"},
    "rc_top": {
        "en": "The clearest cause: {sentence}",
        "id": "Penyebab paling jelas: {sentence}",
    },
    "rc_also": {"en": "Also: {sentence}", "id": "Juga: {sentence}"},
    "rc_opportunity": {
        "en": "Doing better than the rest, worth investing in: {segments}.",
        "id": "Lebih baik dari yang lain, layak ditambah investasinya: {segments}.",
    },
    "rc_nothing": {
        "en": "No segment changed clearly differently from the rest ({tested} segments tested, none with "
        "q < {alpha}): the change is spread across segments or within normal variation.",
        "id": "Tidak ada segmen yang berubah jelas berbeda dari yang lain ({tested} segmen diuji, tidak ada "
        "dengan q < {alpha}): perubahan tersebar merata atau masih dalam variasi wajar.",
    },
    "rc_biggest": {
        "en": "The largest part is {segment} ({share} of the change).",
        "id": "Bagian terbesar ada di {segment} ({share} dari perubahan).",
    },
    "rc_mix_minor": {
        "en": "The {dimension} mix barely moved it ({mix}, {share} of the change): the rates inside the segments "
        "changed.",
        "id": "Bauran {dimension} hampir tidak berpengaruh ({mix}, {share} dari perubahan): tingkat di dalam "
        "segmen yang berubah.",
    },
    "rc_mix_major": {
        "en": "The {dimension} mix moved it by {mix} ({share} of the change).",
        "id": "Bauran {dimension} mengubahnya sebesar {mix} ({share} dari perubahan).",
    },
}
