"""The message tables of actions, in both languages.

Data only; :mod:`kpi.messages` merges them into the one ``MESSAGES`` table.
"""

from __future__ import annotations

__all__ = ["ACTIONS_MESSAGES"]

ACTIONS_MESSAGES: dict[str, dict[str, str]] = {
    # --- words -------------------------------------------------------------------
    "action_status_planned": {"id": "direncanakan", "en": "planned"},
    "action_status_in_progress": {"id": "sedang berjalan", "en": "in progress"},
    "action_status_done": {"id": "selesai", "en": "done"},
    "action_status_dropped": {"id": "dibatalkan", "en": "dropped"},
    "action_per_day": {"id": " per hari", "en": " per day"},
    "action_points": {"id": "poin persentase", "en": "percentage points"},
    # --- finding and changing ------------------------------------------------------
    "action_unknown": {
        "id": "Tidak ada tindakan dengan id `{id}`. Pilih salah satu dari `ws.actions()`.",
        "en": "There is no action with id `{id}`. Pick one from `ws.actions()`.",
    },
    "action_deleted": {
        "id": "Tindakan `{id}` sudah dihapus, jadi tidak bisa diubah. Pulihkan dulu dengan "
        "`ws.restore_action({id})`.",
        "en": "Action `{id}` is deleted, so it cannot be changed. Restore it first with `ws.restore_action({id})`.",
    },
    "action_field_fixed": {
        "id": "`{field}` sebuah tindakan tidak bisa diubah (yang bisa diubah: {allowed}). Untuk KPI atau target "
        "lain, buat tindakan baru.",
        "en": "An action's `{field}` cannot be changed (what can: {allowed}). For another KPI or target, create "
        "a new action.",
    },
    "action_unknown_target": {
        "id": "`target` tidak bisa bernilai {id!r}: tidak ada target dengan id itu. Pilih salah satu dari "
        "`ws.targets()`, atau beri `target=None` dan `metric`.",
        "en": "`target` cannot be {id!r}: there is no target with that id. Pick one from `ws.targets()`, or give "
        "`target=None` and a `metric`.",
    },
    "action_target_deleted": {
        "id": "Target `{id}` sudah dihapus: pulihkan dulu dengan `ws.restore_target({id})` sebelum menambah "
        "tindakan untuknya.",
        "en": "Target `{id}` is deleted: restore it with `ws.restore_target({id})` before adding actions to it.",
    },
    "action_no_metric": {
        "id": "Tindakan tanpa target butuh `metric`: sebutkan KPI yang ingin diubah, misalnya "
        "`metric='conversion_rate'`, atau beri `target`.",
        "en": "An action without a target needs a `metric`: name the KPI it should move, e.g. "
        "`metric='conversion_rate'`, or give a `target`.",
    },
    "action_metric_mismatch": {
        "id": "`metric` `{metric}` berbeda dengan KPI target `{id}` (`{target_metric}`): hapus `metric` agar "
        "memakai KPI target, atau beri `target=None`.",
        "en": "`metric` `{metric}` differs from the KPI of target `{id}` (`{target_metric}`): leave `metric` out "
        "to use the target's KPI, or give `target=None`.",
    },
    # --- validation ------------------------------------------------------------------
    "action_title_empty": {
        "id": "Judul (`title`) tindakan kosong: tulis apa yang akan dilakukan, misalnya 'Balas chat dalam 1 jam'.",
        "en": "The action's `title` is empty: say what will be done, e.g. 'Reply to chats within 1 hour'.",
    },
    "action_bad_status": {
        "id": "`status` tidak bisa bernilai {value!r}: gunakan salah satu dari {allowed}.",
        "en": "`status` cannot be {value!r}: use one of {allowed}.",
    },
    "action_bad_date": {
        "id": "`{option}` tidak bisa bernilai {value!r}: beri tanggal seperti '2026-03-31', atau None.",
        "en": "`{option}` cannot be {value!r}: give a date such as '2026-03-31', or None.",
    },
    "action_segment_shape": {
        "id": "`segment` tidak bisa bernilai {value!r}: tulis sebagai {{dimensi: nilai}}, misalnya "
        "{{'sumber': 'Instagram'}}.",
        "en": "`segment` cannot be {value!r}: give it as {{dimension: value}}, e.g. {{'sumber': 'Instagram'}}.",
    },
    "action_segment_list": {
        "id": "`segment` sebuah tindakan berisi satu nilai per dimensi, bukan {value!r} untuk `{column}`: "
        "pilih satu nilai, atau buat satu tindakan per nilai.",
        "en": "The action's `segment` takes one value per dimension, not {value!r} for `{column}`: pick one "
        "value, or create one action per value.",
    },
    "action_segment_value": {
        "id": "`segment` `{column}` tidak bisa bernilai {value!r}: gunakan teks, angka, atau None untuk kosong.",
        "en": "`segment` `{column}` cannot be {value!r}: use text, a number, or None for blank.",
    },
    "action_segment_unknown_dimension": {
        "id": "`segment` memakai `{column}`, yang bukan dimensi data `{metric}`. Gunakan salah satu dari: "
        "{known}.",
        "en": "`segment` uses `{column}`, which is not a dimension of `{metric}`'s data. Use one of: {known}.",
    },
    "action_segment_outside_target": {
        "id": "`segment` `{column}` = {value!r} berada di luar target `{id}`, yang hanya mencakup {allowed}: "
        "pilih salah satu nilai itu.",
        "en": "`segment` `{column}` = {value!r} lies outside target `{id}`, which covers only {allowed}: pick one "
        "of those values.",
    },
    # --- effects: the verdicts -----------------------------------------------------------
    "action_effect_worked": {
        "id": "Sejak {start}, {kpi} di {segment} berubah {estimate}{per_day} dibanding data lainnya "
        "(interval {level}%: {low} sampai {high}; p = {pvalue}). Tindakan ini tampaknya berhasil.",
        "en": "Since {start}, {kpi} in {segment} changed by {estimate}{per_day} compared with the rest of the "
        "data ({level}% interval: {low} to {high}; p = {pvalue}). The action seems to have worked.",
    },
    "action_effect_worse": {
        "id": "Sejak {start}, {kpi} di {segment} berubah {estimate}{per_day} dibanding data lainnya "
        "(interval {level}%: {low} sampai {high}; p = {pvalue}): arahnya memburuk. Tinjau kembali tindakan ini.",
        "en": "Since {start}, {kpi} in {segment} changed by {estimate}{per_day} compared with the rest of the "
        "data ({level}% interval: {low} to {high}; p = {pvalue}): it got worse. Review the action.",
    },
    "action_effect_no_clear_effect": {
        "id": "Sejak {start}, {kpi} di {segment} berubah {estimate}{per_day} dibanding data lainnya, tetapi "
        "interval {level}% ({low} sampai {high}) mencakup nol: belum ada efek yang jelas.",
        "en": "Since {start}, {kpi} in {segment} changed by {estimate}{per_day} compared with the rest of the "
        "data, but the {level}% interval ({low} to {high}) includes zero: no clear effect yet.",
    },
    # --- effects: why there is no estimate --------------------------------------------------
    "action_reason_not_started": {
        "id": "Tindakan ini berstatus {status}: efek hanya dihitung untuk tindakan yang sedang berjalan atau "
        "selesai. Ubah `status` bila tindakan sudah dimulai.",
        "en": "This action is {status}: effects are estimated only for actions in progress or done. Change its "
        "`status` once it has started.",
    },
    "action_reason_unsupported": {
        "id": "`{metric}` adalah total berjalan, jadi efeknya tidak bisa dihitung: pasang tindakan pada KPI yang "
        "dijumlahkannya (misalnya `revenue`).",
        "en": "`{metric}` is a running total, so its effect cannot be estimated: put the action on the KPI it adds "
        "up (e.g. `revenue`).",
    },
    "action_reason_no_segment": {
        "id": "Tindakan ini tidak punya `segment`, jadi tidak ada pembanding: beri segmen yang disasarnya dengan "
        "`ws.update_action({id}, segment={{...}})`.",
        "en": "This action has no `segment`, so there is nothing to compare it with: set the segment it aims at "
        "with `ws.update_action({id}, segment={{...}})`.",
    },
    "action_reason_few_days": {
        "id": "Baru ada {days} hari data sejak {start}: tunggu sampai ada minimal {minimum} hari.",
        "en": "There are only {days} days of data since {start}: wait until there are at least {minimum}.",
    },
    "action_reason_no_history": {
        "id": "Hanya ada {days} hari data sebelum {start}: efek butuh minimal {minimum} hari sebelum tindakan "
        "sebagai pembanding.",
        "en": "There are only {days} days of data before {start}: the effect needs at least {minimum} days before "
        "the action to compare with.",
    },
    "action_reason_all_zero": {
        "id": "{kpi} di {segment} bernilai nol di semua hari sekitar {start}: periksa `segment` tindakan, atau "
        "tunggu data masuk.",
        "en": "{kpi} in {segment} is zero on every day around {start}: check the action's `segment`, or wait for "
        "data to come in.",
    },
    "action_reason_few_rows": {
        "id": "Data {segment} sejak {start} masih terlalu sedikit (kurang dari {minimum} prospek/pesanan atau "
        "hari dengan aktivitas): tunggu lebih banyak data.",
        "en": "There is too little data for {segment} since {start} (fewer than {minimum} leads/orders or days "
        "with activity): wait for more data.",
    },
    "action_reason_no_control": {
        "id": "Di luar {segment} tidak ada data pembanding: pilih `segment` yang lebih sempit dari data target, "
        "supaya ada sisa data untuk dibandingkan.",
        "en": "There is no data outside {segment} to compare with: choose a `segment` narrower than the target's "
        "data, so that some data is left to compare with.",
    },
    "action_reason_no_segment_before": {
        "id": "{segment} tidak punya data sebelum {start}, jadi perubahannya tidak bisa diukur: efek butuh data "
        "segmen itu sebelum tindakan.",
        "en": "{segment} has no data before {start}, so its change cannot be measured: the effect needs the "
        "segment's data from before the action.",
    },
}
