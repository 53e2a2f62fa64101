"""The message tables of :mod:`kpi.goals` and :mod:`kpi.targets`: goals, targets and their errors, in both languages.

Data only, kept apart from :mod:`kpi.messages` so the planning vocabulary (goal
templates, help texts, target errors) lives in one place; :mod:`kpi.messages`
merges it into the one ``MESSAGES`` table that :func:`kpi.i18n.message` reads.
"""

from __future__ import annotations

__all__ = ["TARGET_MESSAGES"]

TARGET_MESSAGES: dict[str, dict[str, str]] = {
    # --- goal templates (kpi.goals.GOAL_TEMPLATES): label, then one sentence ------
    "goal_grow_sales": {"id": "Menaikkan penjualan", "en": "Grow sales"},
    "goal_grow_sales_help": {
        "id": "Jual lebih banyak: lebih banyak pesanan, nilai pesanan lebih besar, lebih banyak pelanggan yang "
        "membeli.",
        "en": "Sell more: more orders, bigger orders and more customers buying.",
    },
    "goal_win_customers": {"id": "Mendapat pelanggan baru", "en": "Win new customers"},
    "goal_win_customers_help": {
        "id": "Ubah lebih banyak prospek menjadi pembeli pertama dengan biaya yang wajar.",
        "en": "Turn more leads into first-time buyers at a sensible cost.",
    },
    "goal_keep_customers": {"id": "Mempertahankan pelanggan", "en": "Keep customers"},
    "goal_keep_customers_help": {
        "id": "Buat pelanggan kembali membeli dan puas, supaya lebih sedikit yang pergi.",
        "en": "Bring customers back to buy again and keep them satisfied, so fewer leave.",
    },
    "goal_brand_awareness": {"id": "Meningkatkan kesadaran merek", "en": "Build brand awareness"},
    "goal_brand_awareness_help": {
        "id": "Buat lebih banyak orang melihat, mengikuti dan berinteraksi dengan merek Anda di media sosial dan "
        "iklan.",
        "en": "Get more people to see, follow and interact with your brand on social media and in ads.",
    },
    "goal_spend_better": {"id": "Belanja pemasaran lebih efisien", "en": "Spend marketing money better"},
    "goal_spend_better_help": {
        "id": "Dapatkan lebih banyak penjualan dan pelanggan dari setiap rupiah biaya pemasaran.",
        "en": "Get more sales and customers out of every rupiah of marketing spend.",
    },
    # --- guidance ----------------------------------------------------------------
    "goal_too_many_kpis": {
        "id": "Tujuan ini diukur dengan {n} KPI. Tujuan dengan lebih dari {maximum} KPI kehilangan fokus: "
        "simpan 2-3 KPI yang paling penting.",
        "en": "This goal is measured by {n} KPIs. A goal measured by more than {maximum} KPIs loses focus: keep "
        "the 2-3 that matter most.",
    },
    "kpi_vs_target_help": {
        "id": "KPI adalah apa yang Anda ukur (misalnya persentase konversi); target adalah nilai yang ingin "
        "dicapai KPI itu pada tanggal tertentu (misalnya 15% pada bulan Juni).",
        "en": "A KPI is what you measure (e.g. conversion rate); a target is the value you aim for that KPI to "
        "reach by a date (e.g. 15% by June).",
    },
    # --- goals -------------------------------------------------------------------
    "goal_name_empty": {
        "id": "`name` tujuan kosong: beri tujuan nama singkat, misalnya 'Menaikkan penjualan Q3'.",
        "en": "The goal's `name` is empty: give the goal a short name, e.g. 'Grow Q3 sales'.",
    },
    "unknown_goal": {
        "id": "Tidak ada tujuan dengan id `{id}`. Pilih salah satu dari `ws.goals()`.",
        "en": "There is no goal with id `{id}`. Pick one from `ws.goals()`.",
    },
    # --- targets: finding and changing --------------------------------------------
    "unknown_target": {
        "id": "Tidak ada target dengan id `{id}`. Pilih salah satu dari `ws.targets()`.",
        "en": "There is no target with id `{id}`. Pick one from `ws.targets()`.",
    },
    "target_field_fixed": {
        "id": "`{field}` sebuah target tidak bisa diubah (yang bisa diubah: {allowed}). Buat target baru "
        "untuk itu, lalu hapus yang lama bila perlu.",
        "en": "A target's `{field}` cannot be changed (what can: {allowed}). Create a new target instead, and "
        "delete the old one if needed.",
    },
    "target_deleted": {
        "id": "Target `{id}` sudah dihapus, jadi tidak bisa diubah. Pulihkan dulu dengan "
        "`ws.restore_target({id})`.",
        "en": "Target `{id}` is deleted, so it cannot be changed. Restore it first with "
        "`ws.restore_target({id})`.",
    },
    "checkin_empty": {
        "id": "Catatan (`note`) check-in kosong: tulis apa yang terjadi atau apa yang akan dilakukan.",
        "en": "The check-in's `note` is empty: write what happened or what will be done.",
    },
    "bad_milestones": {
        "id": "Tahapan (`milestones`) target harus punya kolom {columns}.",
        "en": "A target's `milestones` need the columns {columns}.",
    },
    # --- targets: validation -------------------------------------------------------
    "bad_target_filters": {
        "id": "Filter `{column}` tidak bisa bernilai {value!r}: gunakan teks, angka, None untuk kosong, atau "
        "daftar berisi nilai-nilai tersebut.",
        "en": "Filter `{column}` cannot be {value!r}: use text, a number, None for blank, or a list of these.",
    },
    "target_filters_shape": {
        "id": "`filters` tidak bisa bernilai {value!r}: tulis sebagai {{kolom: nilai atau [nilai]}}, misalnya "
        "{{'channel': 'Instagram'}}.",
        "en": "`filters` cannot be {value!r}: give them as {{column: value or [values]}}, e.g. "
        "{{'channel': 'Instagram'}}.",
    },
    "target_span_missing": {
        "id": "{option} target belum diisi: beri tanggal awal (`start`) dan tanggal akhir (`end`) rentang "
        "target, misalnya '2026-01-01' dan '2026-06-30'.",
        "en": "The target's {option} is missing: give the first (`start`) and last (`end`) day of the target's "
        "span, e.g. '2026-01-01' and '2026-06-30'.",
    },
    "target_span_reversed": {
        "id": "`end` ({end}) jatuh sebelum `start` ({start}): tukar kedua tanggal itu.",
        "en": "`end` ({end}) falls before `start` ({start}): swap the two dates.",
    },
    "target_bad_grain": {
        "id": "`grain` tidak bisa bernilai {grain!r}: gunakan 'month' (bulanan) atau 'week' (mingguan).",
        "en": "`grain` cannot be {grain!r}: use 'month' or 'week'.",
    },
    "target_bad_kind": {
        "id": "`kind` tidak bisa bernilai {kind!r}: gunakan 'value', 'growth' atau 'points'.",
        "en": "`kind` cannot be {kind!r}: use 'value', 'growth' or 'points'.",
    },
    "target_cumulative": {
        "id": "`{metric}` adalah total berjalan, jadi tidak bisa diberi target: pasang target pada KPI yang "
        "dijumlahkannya (misalnya `revenue`).",
        "en": "`{metric}` is a running total, so it cannot have a target: set the target on the KPI it adds up "
        "(e.g. `revenue`).",
    },
    "target_value_bad": {
        "id": "`value` target tidak bisa bernilai {value!r}: beri angka, misalnya 150000000 atau 0.15.",
        "en": "The target's `value` cannot be {value!r}: give a number, e.g. 150000000 or 0.15.",
    },
    "target_value_negative": {
        "id": "`value` untuk `{metric}` tidak bisa negatif ({value}): beri angka 0 atau lebih.",
        "en": "`value` for `{metric}` cannot be negative ({value}): give a number of 0 or more.",
    },
    "target_rate_range": {
        "id": "`value` untuk `{metric}` harus antara 0 dan 1, bukan {value}: persentase ditulis sebagai "
        "pecahan (0.15 = 15%).",
        "en": "`value` for `{metric}` must be between 0 and 1, not {value}: rates are fractions "
        "(0.15 = 15%).",
    },
    "target_points_range": {
        "id": "`value` untuk `{metric}` harus antara -100 dan 100, bukan {value}: NPS berskala -100 sampai 100.",
        "en": "`value` for `{metric}` must be between -100 and 100, not {value}: NPS runs from -100 to 100.",
    },
}
