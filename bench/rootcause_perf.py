"""Drill-down speed (issue 6): ``ws.explain`` over five dimensions against one GROUP BY of the same rows.

The bar: "The drill-down over five dimensions of 10 million rows takes less than twice the time of one
GROUP BY over the same rows (measured in ``bench/``, in the same run)."

    python bench/rootcause_perf.py --rows 1000000
    python bench/rootcause_perf.py                    # 10 million order lines (and 10 million leads)

Data (numpy, fixed seed, written as Parquet and imported once with ``ws.import_file``; the workspace is
kept as ``bench/data/rootcause_<rows>.duckdb`` and reused): ``orders`` and ``leads``, every row in one of two
spans, baseline 2025-07-01..2025-09-30 and current 2026-07-01..2026-09-30, with five text dimensions
``kanal`` (6), ``provinsi`` (34), ``kategori`` (12), ``produk`` (200, each in one kategori) and
``segmen_pelanggan`` (4); order amounts lognormal. A few planted changes give the explain findings.

Contenders, all in this process, taking turns: one warm-up each, then ``--repeat`` rounds; best and the
median of the per-round ratios to the baseline are reported.

- ``group by 5 dims`` (the bar's baseline): ``SELECT kanal, provinsi, kategori, produk, segmen_pelanggan,
  sum(amount) FROM ds.orders WHERE date BETWEEN <baseline start> AND <current end> GROUP BY ALL``, fetchall
  (leads: ``count(*) FILTER (WHERE converted), count(*)``);
- ``group by 1 dim``: the same with ``kanal`` only (context);
- ``explain``: ``ws.explain(metric, current, baseline, by=<five dims>, depth=3)``, end to end;
- ``explain SQL``: the SQL of ``kpi.segments.query(...)`` (built once), fetchall; ``explain SQL .df()``: the
  same fetched as a DataFrame, as ``kpi.segments.fetch`` does;
- the SQL in two steps (where the time goes): ``stage 1`` (the cells: one GROUP BY of the five dims, each sum
  taken once per span, to a temporary table) and ``stage 2`` (the GROUPING SETS over that table).

Three prototypes of stage 1 and 2 (the span as columns, only the sums that are not known, stage 2 in numpy)
were measured here during issue 6; the first is now ``kpi.segments`` (see ``bench/README.md``).

Peak memory: ``group by 5 dims`` and ``explain`` once each in a fresh child process (``VmHWM``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import duckdb  # noqa: E402
from kpi_bench import peak_mb as peak_rss_mb  # noqa: E402 - bench/ is on the path when a bench script runs
from sqlglot import exp  # noqa: E402

import kpi  # noqa: E402
from kpi import segments  # noqa: E402
from kpi.metrics import lookup  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
SEED = 20260601
BASELINE = (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
CURRENT = (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
DIMS = ["kanal", "provinsi", "kategori", "produk", "segmen_pelanggan"]

CHANNELS = ["Shopee", "Tokopedia", "Instagram", "WhatsApp", "TikTok Shop", "Offline"]
CHANNEL_P = [0.30, 0.22, 0.14, 0.10, 0.12, 0.12]
PROVINCES = ["DKI Jakarta", "Jawa Barat", "Jawa Tengah", "Jawa Timur", "Banten", "DI Yogyakarta", "Bali",
             "Sumatera Utara", "Sumatera Barat", "Sumatera Selatan", "Riau", "Kepulauan Riau", "Jambi",
             "Bengkulu", "Lampung", "Kepulauan Bangka Belitung", "Aceh", "Kalimantan Barat",
             "Kalimantan Tengah", "Kalimantan Selatan", "Kalimantan Timur", "Kalimantan Utara",
             "Sulawesi Utara", "Sulawesi Tengah", "Sulawesi Selatan", "Sulawesi Tenggara", "Gorontalo",
             "Sulawesi Barat", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Maluku", "Maluku Utara",
             "Papua", "Papua Barat"]
CATEGORIES = ["Fashion", "Kecantikan", "Rumah Tangga", "Elektronik", "Makanan", "Minuman", "Kesehatan",
              "Olahraga", "Mainan", "Buku", "Otomotif", "Perlengkapan Bayi"]
CAT_PRICE = [1.0, 0.8, 1.2, 4.0, 0.4, 0.3, 0.9, 1.5, 0.9, 0.6, 2.0, 1.1]
SEGMENTS = ["Baru", "Reguler", "Loyal", "Reseller"]
SEGMENT_P = [0.35, 0.40, 0.20, 0.05]


# ---- data ---------------------------------------------------------------------------------------------------
def _products() -> tuple[list[str], np.ndarray, np.ndarray]:
    """200 products, each in one category; names, category index, popularity."""
    names, cats, weight = [], [], []
    for i in range(200):
        c, k = i % len(CATEGORIES), i // len(CATEGORIES)
        names.append(f"{CATEGORIES[c]} {k + 1:02d}")
        cats.append(c)
        weight.append((1.0 + 0.15 * (c % 5)) / (k + 1) ** 0.8)  # Zipf-like inside a category
    w = np.array(weight)
    return names, np.array(cats), w / w.sum()


def _province_p() -> np.ndarray:
    w = np.array([18, 20, 14, 16, 7, 3, 3, 6] + [2.0] * 26)
    return w / w.sum()


def _days(rng: np.random.Generator, n: int, span: tuple[dt.date, dt.date]) -> pa.Array:
    length = (span[1] - span[0]).days + 1
    day = np.datetime64(span[0].isoformat(), "D") + rng.integers(0, length, n)
    return pa.array(np.sort(day), type=pa.date32())


def _dims(rng: np.random.Generator, n: int, current: bool) -> dict[str, np.ndarray]:
    """Dimension codes of ``n`` rows; the current span has the planted changes."""
    names, cat_of, prod_p = _products()
    channel_p = np.array(CHANNEL_P)
    if current:  # TikTok Shop grows, WhatsApp shrinks
        channel_p = channel_p * np.array([1.0, 1.0, 1.0, 0.7, 1.5, 1.0])
        channel_p /= channel_p.sum()
    channel = rng.choice(len(CHANNELS), size=n, p=channel_p)
    province = rng.choice(len(PROVINCES), size=n, p=_province_p())
    product = rng.choice(len(names), size=n, p=prod_p)
    segment = rng.choice(len(SEGMENTS), size=n, p=SEGMENT_P)
    if current:  # Shopee in Jawa Barat loses a third of its rows to other provinces
        moved = (channel == 0) & (province == 1) & (rng.random(n) < 0.35)
        province[moved] = rng.integers(2, len(PROVINCES), int(moved.sum()))
    return {"kanal": channel, "provinsi": province, "produk": product, "kategori": cat_of[product],
            "segmen_pelanggan": segment}


def _dictionary(codes: np.ndarray, values: list[str]) -> pa.Array:
    return pa.DictionaryArray.from_arrays(codes.astype(np.int16), values)


def _text(codes: dict[str, np.ndarray]) -> dict[str, pa.Array]:
    names = _products()[0]
    lists = {"kanal": CHANNELS, "provinsi": PROVINCES, "kategori": CATEGORIES, "produk": names,
             "segmen_pelanggan": SEGMENTS}
    return {d: _dictionary(codes[d], lists[d]) for d in DIMS}


def make_orders(rng: np.random.Generator, rows: int) -> pa.Table:
    """``rows`` order lines, 48% in the baseline span and 52% in the current one; about 3% returns."""
    parts = []
    first_id = 0
    for current, n in ((False, round(rows * 0.48)), (True, rows - round(rows * 0.48))):
        codes = _dims(rng, n, current)
        price = np.array(CAT_PRICE)[codes["kategori"]] * np.where(codes["segmen_pelanggan"] == 3, 3.0, 1.0)
        if current:  # Kecantikan prices up 15%
            price = price * np.where(codes["kategori"] == 1, 1.15, 1.0)
        amount = np.round(rng.lognormal(np.log(120_000), 0.9, n) * price, -2)
        amount = np.where(rng.random(n) < 0.03, -amount, amount)
        order_no = first_id + np.arange(n) * 2 // 3  # about 1.5 lines per order
        first_id = int(order_no[-1]) + 1 if n else first_id
        ids = pc.binary_join_element_wise(
            pa.scalar("P"), pc.utf8_lpad(pa.array(order_no).cast(pa.string()), width=9, padding="0"), "")
        parts.append(pa.table({"tanggal": _days(rng, n, CURRENT if current else BASELINE), "no_pesanan": ids,
                               **_text(codes), "total": amount}))
    return pa.concat_tables(parts)


def make_leads(rng: np.random.Generator, rows: int) -> pa.Table:
    """``rows`` leads, same spans and dimensions; conversion 5-25% by channel, Instagram worse now."""
    parts = []
    for current, n in ((False, round(rows * 0.48)), (True, rows - round(rows * 0.48))):
        codes = _dims(rng, n, current)
        rate = np.array([0.12, 0.10, 0.14, 0.25, 0.08, 0.05])[codes["kanal"]]
        if current:
            rate = rate * np.where(codes["kanal"] == 2, 0.7, 1.0)
        start = 0 if not current else round(rows * 0.48)
        ids = pc.binary_join_element_wise(
            pa.scalar("L"), pc.utf8_lpad(pa.array(np.arange(start, start + n)).cast(pa.string()),
                                                 width=9, padding="0"), "")
        parts.append(pa.table({"tanggal": _days(rng, n, CURRENT if current else BASELINE), "id_prospek": ids,
                               **_text(codes), "terkonversi": pa.array(rng.random(n) < rate)}))
    return pa.concat_tables(parts)


MAPPINGS = {"orders": {"date": "tanggal", "order_id": "no_pesanan", "amount": "total"},
            "leads": {"date": "tanggal", "lead_id": "id_prospek", "converted": "terkonversi"}}


def workspace_path(rows: int) -> Path:
    return DATA / f"rootcause_{rows}.duckdb"


def build(rows: int, leads: bool) -> tuple[Path, dict[str, Any]]:
    """The cached workspace, built if missing (or missing the leads); what building took."""
    path = workspace_path(rows)
    info: dict[str, Any] = {}
    want = ["orders"] + (["leads"] if leads else [])
    if path.exists():
        ws = kpi.Workspace.open(path)
        have = {d.name: d.rows for d in ws.datasets()}
        ws.close()
        want = [k for k in want if have.get(k) != rows]
        if not want:
            return path, {"cached": True}
    DATA.mkdir(parents=True, exist_ok=True)
    rngs = [np.random.default_rng(s) for s in np.random.SeedSequence(SEED).spawn(2)]
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        for kind in want:
            start = time.perf_counter()
            table = make_orders(rngs[0], rows) if kind == "orders" else make_leads(rngs[1], rows)
            file = Path(tmp) / f"{kind}.parquet"
            pq.write_table(table, file)
            del table
            generated = time.perf_counter() - start
            ws = kpi.Workspace.open(path)
            start = time.perf_counter()
            res = ws.import_file(file, kind=kind, mapping=MAPPINGS[kind])
            ws.close()
            if res.rejected or res.rows != rows:
                raise SystemExit(f"{kind}: {res.rows} rows imported, {res.rejected} rejected")
            missing = set(DIMS) - set(res.dataset.dimensions)
            if missing:
                raise SystemExit(f"{kind}: not dimensions after import: {sorted(missing)}")
            info[kind] = {"generate_s": round(generated, 1), "import_s": round(time.perf_counter() - start, 1)}
            print(f"built {kind}: {rows:,} rows, generated in {info[kind]['generate_s']} s, imported in "
                  f"{info[kind]['import_s']} s", flush=True)
    return path, info


# ---- the bar's baseline and the explain's SQL ---------------------------------------------------------------
def _between(lo: dt.date, hi: dt.date) -> str:
    return f"\"date\" BETWEEN DATE '{lo.isoformat()}' AND DATE '{hi.isoformat()}'"


def hand_group_by(kind: str, dims: list[str]) -> str:
    """The bar's baseline: one GROUP BY of ``dims`` over every row of both spans (orders: one aggregate)."""
    cols = ", ".join(f'"{d}"' for d in dims)
    aggs = 'sum("amount")' if kind == "orders" else 'count(*) FILTER (WHERE "converted"), count(*)'
    return (f'SELECT {cols}, {aggs} FROM "ds"."{kind}" WHERE {_between(BASELINE[0], CURRENT[1])} '
            "GROUP BY ALL")


_FROM = "from_" if "from_" in exp.Select.arg_types else "from"


def _inner(q: exp.Expression) -> exp.Expression:
    """The query inside ``q``'s FROM subquery."""
    return q.args[_FROM].this.this


def _layout(ws: kpi.Workspace, metric: str) -> segments.Layout:
    return segments.layout(lookup(metric, ws.custom_metrics()))


def explain_sql(ws: kpi.Workspace, metric: str) -> tuple[str, str, str]:
    """The explain's SQL (``kpi.segments.query``), its stage 1 (the cells) and stage 2 over a table ``_cells``."""
    q = segments.query(ws, _layout(ws, metric), DIMS, None, CURRENT, BASELINE, 3)
    stage2 = q.copy()
    stage2.set(_FROM, exp.From(this=exp.table_("_cells")))
    return q.sql("duckdb"), _inner(q).sql("duckdb"), stage2.sql("duckdb")


# ---- timing -------------------------------------------------------------------------------------------------
def contenders(ws: kpi.Workspace, metric: str, kind: str) -> dict[str, Callable[[], Any]]:
    cur = ws.cursor()
    full, cells, stage2 = explain_sql(ws, metric)
    def stage1() -> Any:
        return cur.execute(f"CREATE OR REPLACE TEMP TABLE _cells AS {cells}").fetchall()

    def stage2_run() -> Any:
        if not cur.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = '_cells'").fetchone()[0]:
            stage1()
        return cur.execute(stage2).fetchall()

    funcs = {
        "group by 5 dims": lambda: cur.execute(hand_group_by(kind, DIMS)).fetchall(),
        "group by 1 dim": lambda: cur.execute(hand_group_by(kind, DIMS[:1])).fetchall(),
        "explain": lambda: ws.explain(metric, CURRENT, BASELINE, by=DIMS, depth=3),
        "explain SQL": lambda: cur.execute(full).fetchall(),
        "explain SQL .df()": lambda: cur.execute(full).df(),
        "  stage 1 (cells, to a temp table)": stage1,
        "  stage 2 (grouping sets of the temp table)": stage2_run,
    }
    return funcs


def time_all(funcs: dict[str, Callable[[], Any]], repeat: int) -> dict[str, list[float]]:
    """One warm-up each, then ``repeat`` rounds taking turns; every time of every round."""
    times: dict[str, list[float]] = {name: [] for name in funcs}
    for round_ in range(repeat + 1):
        for name, fn in funcs.items():
            start = time.perf_counter()
            fn()
            took = time.perf_counter() - start
            if round_:
                times[name].append(took)
    return times


def profile(ws: kpi.Workspace, metric: str) -> dict[str, float]:
    """One profiled explain (as is): cumulative seconds of its main steps (profiling slows Python ~2x)."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    ws.explain(metric, CURRENT, BASELINE, by=DIMS, depth=3)
    prof.disable()
    wanted = {("segments.py", "fetch"), ("rootcause.py", "_table"), ("rootcause.py", "_findings"),
              ("frame.py", "iterrows"), ("rootcause.py", "explain")}
    out: dict[str, float] = {}
    for (file, _, func), row in pstats.Stats(prof).stats.items():  # type: ignore[attr-defined]
        if (Path(file).name, func) in wanted:
            name = f"{Path(file).name}:{func}"
            out[name] = round(out.get(name, 0.0) + row[3], 2)
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def peak_child(path: Path, metric: str, kind: str, name: str, threads: int | None) -> dict[str, float] | None:
    """Run contender ``name`` once in a fresh process; its resident memory before and at peak (MB)."""
    out = subprocess.run([sys.executable, __file__, "--child", name, "--workspace", str(path), "--metric", metric,
                          "--kind", kind] + (["--threads", str(threads)] if threads else []),
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def open_workspace(path: str | Path, threads: int | None) -> kpi.Workspace:
    ws = kpi.Workspace.open(path)
    if threads:
        ws.cursor().execute(f"SET threads = {int(threads)}")
    return ws


def child(path: str, metric: str, kind: str, name: str, threads: int | None) -> None:
    ws = open_workspace(path, threads)
    funcs = contenders(ws, metric, kind)
    if name not in funcs:
        print(json.dumps(None))
        return
    before = peak_rss_mb()
    start = time.perf_counter()
    funcs[name]()
    took = time.perf_counter() - start
    after = peak_rss_mb()
    print(json.dumps({"before_mb": round(before), "peak_mb": round(after), "cold_s": round(took, 3)}))


# ---- report -------------------------------------------------------------------------------------------------
def run(path: Path, metric: str, kind: str, repeat: int, peaks: bool, threads: int | None) -> dict[str, Any]:
    mem = {}
    if peaks:
        for name in ("group by 5 dims", "explain"):
            found = peak_child(path, metric, kind, name, threads)
            if found is not None:
                mem[name] = found
    ws = open_workspace(path, threads)
    cur = ws.cursor()
    full, cells, _ = explain_sql(ws, metric)
    e = ws.explain(metric, CURRENT, BASELINE, by=DIMS, depth=3)
    info = {"groups": cur.execute(f"SELECT count(*) FROM ({hand_group_by(kind, DIMS)})").fetchone()[0],
            "cells": cur.execute(f"SELECT count(*) FROM ({cells})").fetchone()[0],
            "sql_rows": len(cur.execute(full).fetchall()), "contributions": len(e.contributions),
            "tested": e.tested, "suppressed": e.suppressed, "findings": len(e.findings),
            "top_findings": [f.label for f in e.findings[:3]]}
    load = os.getloadavg()
    times = time_all(contenders(ws, metric, kind), repeat)
    load_end = os.getloadavg()
    prof = profile(ws, metric)
    ws.close()
    base = np.array(times["group by 5 dims"])
    return {"metric": metric, "rows_kind": kind, "times": times, "best": {k: min(v) for k, v in times.items()},
            "ratio_median": {k: float(np.median(np.array(v) / base)) for k, v in times.items()},
            "memory": mem, "profile": prof, **info,
            "loadavg": [round(load[0], 2), round(load_end[0], 2)]}


def report(rows: int, res: dict[str, Any]) -> str:
    best, base = res["best"], res["best"]["group by 5 dims"]
    lines = [f"### {res['metric']} on {res['rows_kind']}, {rows:,} rows (seconds; best of "
             f"{len(res['times']['explain'])} after a warm-up)", "",
             "| contender | best s | runs s | best / best group by 5 | median of per-round ratios |",
             "|---|---:|---|---:|---:|"]
    for name, t in best.items():
        runs = ", ".join(f"{x:.2f}" for x in res["times"][name])
        lines.append(f"| {name} | {t:.3f} | {runs} | {t / base:.2f} | {res['ratio_median'][name]:.2f} |")
    lines += ["",
              f"- explain Python (end to end minus SQL .df()): {best['explain'] - best['explain SQL .df()']:.2f} s; "
              f"one profiled run (cumulative s): {res['profile']}",
              f"- groups of the 5-dim GROUP BY {res['groups']:,}; explain cells (5 dims x span) {res['cells']:,}; "
              f"segments from the SQL (with the total) {res['sql_rows']:,}; contributions rows "
              f"{res['contributions']:,} (tested {res['tested']:,}, suppressed {res['suppressed']:,}); "
              f"findings {res['findings']}: {res['top_findings']}",
              f"- load average (1 min) at start and end: {res['loadavg']}"]
    for name, m in res["memory"].items():
        lines.append(f"- peak RSS, {name} once in a fresh process: {m['peak_mb']:,} MB (after imports and "
                     f"opening the workspace {m['before_mb']:,} MB; that cold run {m['cold_s']} s)")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-leads", action="store_true", help="orders and revenue only")
    ap.add_argument("--no-memory", action="store_true", help="skip the peak-memory child processes")
    ap.add_argument("--threads", type=int, help="DuckDB threads (default: DuckDB's, the number of cores)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--workspace", help=argparse.SUPPRESS)
    ap.add_argument("--metric", default="revenue", help=argparse.SUPPRESS)
    ap.add_argument("--kind", default="orders", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.workspace, args.metric, args.kind, args.child, args.threads)
        return
    path, info = build(args.rows, not args.no_leads)
    print(f"workspace {path} ({'cached' if info.get('cached') else info}); duckdb {duckdb.__version__}, "
          f"pandas {pd.__version__}, numpy {np.__version__}, python {platform.python_version()}, "
          f"{os.cpu_count()} cores, DuckDB threads {args.threads or 'default'}, {dt.date.today()}", flush=True)
    results = []
    for metric, kind in [("revenue", "orders")] + ([] if args.no_leads else [("conversion_rate", "leads")]):
        res = run(path, metric, kind, args.repeat, not args.no_memory, args.threads)
        results.append(res)
        print(report(args.rows, res), "\n", flush=True)
    suffix = f"_t{args.threads}" if args.threads else ""
    (DATA / f"rootcause_perf_{args.rows}{suffix}.json").write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
