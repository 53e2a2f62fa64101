"""KPI suite speed: Kinerja's engine against hand-written DuckDB SQL and pandas.

Not a test. Generates orders (default 10 million lines), leads (a third as many), spend, social and survey data
with numpy, writes them as Parquet to a temporary folder and imports them into a temporary workspace. Then
every catalog KPI by month, and by month and channel (``kanal``) where all its datasets have that column,
plus monthly cohorts, is computed three ways:

- **engine**: ``ws.compute(name, by=...)`` / ``ws.cohorts()``;
- **hand SQL**: DuckDB SQL written for these tables, run on a cursor of the same workspace;
- **pandas**: plain pandas on the tables already loaded as DataFrames.

The three results are compared first (values within 1e-9 relative, NaN in the same places); then each
contender runs in a fresh child process of this run: for every KPI one warm-up, then the best of three.
Peak memory is the child's peak resident set (it includes loading the DataFrames for pandas).

    python bench/kpi_bench.py --rows 1000000
    python bench/kpi_bench.py                 # 10M order lines
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from kpi_contenders import hand_sql, load_frames, pandas_kpi  # noqa: E402
from kpi_data import BY, generate, import_all  # noqa: E402

import kpi  # noqa: E402


# ---- the suite -----------------------------------------------------------------------------------------------
def catalog() -> dict[str, Any]:
    """``kpi.CATALOG`` (from ``kpi.metrics`` while the package does not export it yet)."""
    found = getattr(kpi, "CATALOG", None)
    if found is None:
        from kpi.metrics import CATALOG as found
    return dict(found)


def kinds_of(metric: Any) -> tuple[str, ...]:
    return tuple(metric.datasets)


def variants(dims: dict[str, list[str]]) -> tuple[list[tuple[str, tuple[str, ...]]], list[str]]:
    """Every catalog KPI by month, and by month and ``kanal`` where all its datasets have it; the skipped."""
    out, skipped = [], []
    for name, metric in catalog().items():
        out.append((name, ()))
        if all(BY in dims.get(kind, []) for kind in kinds_of(metric)):
            out.append((name, (BY,)))
        else:
            skipped.append(name)
    out.append(("cohorts", ()))
    return out, skipped


def label(name: str, by: tuple[str, ...]) -> str:
    return name + "".join(f" x {b}" for b in by)


# ---- agreement ----------------------------------------------------------------------------------------------
def normalise(df: pd.DataFrame, by: tuple[str, ...], cohorts: bool = False) -> pd.DataFrame:
    """Key columns as datetime64[ns] / text, numbers as float, sorted by the keys."""
    if cohorts:
        keys, numbers = ["cohort", "period_index"], ["customers", "retention"]
    else:
        keys = ["period", *by]
        numbers = [c for c in ("numerator", "denominator", "value") if c in df.columns]
    out = df[keys + numbers].copy()
    out[keys[0]] = pd.to_datetime(out[keys[0]]).astype("datetime64[ns]")
    for k in keys[1:]:
        out[k] = out[k].astype("int64") if k == "period_index" else out[k].astype(str)
    for c in numbers:
        out[c] = out[c].astype(float)
    return out.sort_values(keys).reset_index(drop=True)


def disagreements(results: dict[str, pd.DataFrame], by: tuple[str, ...], cohorts: bool = False) -> list[str]:
    """What differs between the contenders' results (empty when they agree)."""
    names = list(results)
    frames = {n: normalise(results[n], by, cohorts) for n in names}
    ref_name, ref = names[0], frames[names[0]]
    keys = ["cohort", "period_index"] if cohorts else ["period", *by]
    problems = []
    for name in names[1:]:
        other = frames[name]
        if len(other) != len(ref) or not other[keys].equals(ref[keys]):
            problems.append(f"{name} has {len(other)} rows, {ref_name} {len(ref)}; keys differ: "
                            f"{_key_diff(ref, other, keys)}")
            continue
        for col in ref.columns.difference(keys):
            if col not in other:
                problems.append(f"{name} lacks column {col}")
                continue
            a, b = ref[col].to_numpy(), other[col].to_numpy()
            bad = ~(np.isclose(a, b, rtol=1e-9, atol=1e-9) | (np.isnan(a) & np.isnan(b)))
            if bad.any():
                i = np.flatnonzero(bad)[:3]
                rows = ref.loc[i, keys].astype(str).agg(" ".join, axis=1).tolist()
                problems.append(f"{col}: {bad.sum()} of {len(a)} rows differ between {ref_name} and {name}, "
                                f"e.g. {rows}: {a[i].tolist()} vs {b[i].tolist()}")
    return problems


def _key_diff(a: pd.DataFrame, b: pd.DataFrame, keys: list[str]) -> str:
    both = a[keys].merge(b[keys], how="outer", indicator=True)
    left = both[both["_merge"] == "left_only"].head(3).astype(str).values.tolist()
    right = both[both["_merge"] == "right_only"].head(3).astype(str).values.tolist()
    return f"only in first {left}, only in second {right}"


# ---- running --------------------------------------------------------------------------------------------------
CONTENDERS = ("engine", "hand", "pandas")


def has_engine() -> bool:
    return hasattr(kpi.Workspace, "compute") and hasattr(kpi.Workspace, "cohorts")


def runner(contender: str, ws: kpi.Workspace, frames: dict[str, pd.DataFrame] | None) -> Any:
    """A function ``(name, by) -> DataFrame`` computing KPI ``name`` (or ``"cohorts"``) the contender's way."""
    if contender == "engine":
        return lambda name, by: ws.cohorts() if name == "cohorts" else ws.compute(name, by=list(by))
    if contender == "hand":
        cur = ws.cursor()
        return lambda name, by: cur.execute(hand_sql(name, by)).df()
    assert frames is not None
    return lambda name, by: pandas_kpi(frames, name, by)


def peak_mb() -> float:
    """This process's peak resident memory.

    ``VmHWM`` belongs to the process's own address space; ``ru_maxrss`` is kept across ``exec``, so a child
    would report the parent's peak if that was higher.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_run(workspace: str, contender: str, out: str, suite: list[list[Any]]) -> dict[str, Any]:
    """Child: every KPI once; results pickled to ``out`` for the comparison. Reports the peak memory."""
    ws = kpi.Workspace.open(workspace)
    start = time.perf_counter()
    frames = load_frames(ws) if contender == "pandas" else None
    loaded = time.perf_counter() - start
    fn = runner(contender, ws, frames)
    results, errors, sql = {}, {}, {}
    for name, by in suite:
        key = label(name, tuple(by))
        try:
            results[key] = fn(name, tuple(by))
            if contender == "engine" and name != "cohorts":
                sql[key] = ws.sql(name, by=list(by))
        except Exception as exc:  # report every failure, keep going
            errors[key] = f"{type(exc).__name__}: {exc}"
    pd.to_pickle(results, out)
    return {"peak_mb": peak_mb(), "seconds": time.perf_counter() - start - loaded, "load_seconds": loaded,
            "errors": errors, "sql": sql}


def phase_time(workspace: str, contenders: list[str], suite: list[list[Any]], repeat: int) -> dict[str, Any]:
    """Child: per KPI, one warm-up of each contender, then ``repeat`` rounds taking turns; the best time each.

    Taking turns, rather than timing one contender after the other, keeps a busy machine fair to all three.
    """
    ws = kpi.Workspace.open(workspace)
    frames = load_frames(ws) if "pandas" in contenders else None
    fns = {c: runner(c, ws, frames) for c in contenders}
    best: dict[str, dict[str, float | None]] = {}
    for name, by in suite:
        key = label(name, tuple(by))
        best[key] = {}
        live = []
        for c in contenders:
            try:
                fns[c](name, tuple(by))
                live.append(c)
            except Exception:
                best[key][c] = None
        for _ in range(repeat):
            for c in live:
                start = time.perf_counter()
                fns[c](name, tuple(by))
                seconds = time.perf_counter() - start
                best[key][c] = min(seconds, best[key].get(c) or math.inf)
        print(key, best[key], file=sys.stderr, flush=True)
    return {"best": best}


def child(phase: str, **kwargs: Any) -> dict[str, Any]:
    """Run ``phase`` in a fresh Python process; its JSON answer."""
    proc = subprocess.run([sys.executable, __file__, "--phase", phase, "--args", json.dumps(kwargs)],
                          cwd=ROOT, stdout=subprocess.PIPE, text=True)
    if proc.returncode:
        raise SystemExit(f"child {phase} failed ({proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---- report ---------------------------------------------------------------------------------------------------
def _fmt(x: float | None, digits: int = 3) -> str:
    return "-" if x is None or not math.isfinite(x) else f"{x:.{digits}f}"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def table_rows(best: dict[str, dict[str, float | None]]) -> list[list[str]]:
    rows = []
    totals = {c: 0.0 for c in CONTENDERS}
    complete = True
    for key, times in best.items():
        e, h, p = (times.get(c) for c in CONTENDERS)
        complete &= None not in (e, h, p)
        for c, v in zip(CONTENDERS, (e, h, p)):
            totals[c] += v or 0.0
        rows.append([key, _fmt(e), _fmt(h), _fmt(p), _fmt(_ratio(e, h), 2), _fmt(_ratio(p, e), 1)])
    e, h, p = (totals[c] or None for c in CONTENDERS)
    name = "**suite total**" if complete else "**suite total** (incomplete)"
    rows.append([name, _fmt(e, 2), _fmt(h, 2), _fmt(p, 2), _fmt(_ratio(e, h), 2), _fmt(_ratio(p, e), 1)])
    return rows


HEADER = ["KPI / variant", "engine s", "hand SQL s", "pandas s", "engine / hand", "pandas / engine"]


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|---|" + "---:|" * (len(HEADER) - 1)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def plain(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
                     for r in [HEADER, *rows])


def machine() -> dict[str, Any]:
    import duckdb

    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    source = hashlib.sha256(b"".join(p.read_bytes() for p in sorted((ROOT / "kpi").glob("*.py"))))
    return {"nproc": os.cpu_count(), "ram_gib": round(ram, 1), "duckdb": duckdb.__version__,
            "kpi_source_sha256": source.hexdigest()[:12],
            "pandas": pd.__version__, "numpy": np.__version__, "python": platform.python_version(),
            "date": dt.date.today().isoformat(), "loadavg_start": [round(x, 2) for x in os.getloadavg()]}


# ---- main -----------------------------------------------------------------------------------------------------
def prepare(rows: int, folder: Path) -> tuple[str, dict[str, Any]]:
    """Generate and import the data; the workspace path and what happened."""
    start = time.perf_counter()
    paths = generate(rows, folder)
    generated = time.perf_counter() - start
    workspace = str(folder / "bench.duckdb")
    ws = kpi.Workspace.open(workspace)
    imports = import_all(ws, paths)
    ws.close()
    return workspace, {"generate_seconds": round(generated, 2), "imports": imports,
                       "parquet_mb": {k: round(p.stat().st_size / 1e6, 1) for k, p in paths.items()}}


def check(workspace: str, folder: Path, contenders: list[str], suite: list[list[Any]]) -> dict[str, Any]:
    """Each contender once, in its own process; then compare. Peak memory per contender."""
    runs, results = {}, {}
    for c in contenders:
        out = folder / f"results_{c}.pkl"
        runs[c] = child("run", workspace=workspace, contender=c, out=str(out), suite=suite)
        results[c] = pd.read_pickle(out)
    problems: dict[str, list[str]] = {}
    for name, by in suite:
        key = label(name, tuple(by))
        have = {c: results[c][key] for c in contenders if key in results[c]}
        missing = [f"{c} failed: {runs[c]['errors'][key]}" for c in contenders if key in runs[c]["errors"]]
        found = missing + (disagreements(have, tuple(by), name == "cohorts") if len(have) > 1 else [])
        if found:
            problems[key] = found
    return {"runs": runs, "problems": problems}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check-only", action="store_true", help="compare the results, time nothing")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--args", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        kwargs = json.loads(args.args)
        answer = phase_run(**kwargs) if args.phase == "run" else phase_time(**kwargs)
        print(json.dumps(answer, default=str))
        return
    info = machine()
    contenders = list(CONTENDERS) if has_engine() else ["hand", "pandas"]
    if "engine" not in contenders:
        print("!! kpi.Workspace.compute does not exist yet: timing hand SQL and pandas only", flush=True)
    with tempfile.TemporaryDirectory(prefix="kinerja_kpi_bench_") as tmp:
        workspace, prep = prepare(args.rows, Path(tmp))
        dims = {k: v["dimensions"] for k, v in prep["imports"].items()}
        suite, skipped = variants(dims)
        suite = [[n, list(b)] for n, b in suite]
        counts = ", ".join(f"{k} {v['rows']:,}" for k, v in prep["imports"].items())
        print(f"generated in {prep['generate_seconds']} s; imported in "
              f"{sum(v['seconds'] for v in prep['imports'].values()):.1f} s (rows: {counts})", flush=True)
        checked = check(workspace, Path(tmp), contenders, suite)
        report_problems(checked["problems"])
        timed = None if args.check_only else child("time", workspace=workspace, contenders=contenders,
                                                    suite=suite, repeat=args.repeat)
    info["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    summarise(args.rows, info, prep, skipped, checked, timed, suite)


def report_problems(problems: dict[str, list[str]]) -> None:
    if not problems:
        print("all contenders agree on every KPI (1e-9 relative, NaN in the same places)", flush=True)
        return
    bar = "!" * 100
    print(f"{bar}\n!! DISAGREEMENT: the contenders do not compute the same numbers for {len(problems)} variants",
          flush=True)
    for key, found in problems.items():
        for p in found:
            print(f"!! {key}: {p}", flush=True)
    print(bar, flush=True)


def summarise(rows: int, info: dict[str, Any], prep: dict[str, Any], skipped: list[str],
              checked: dict[str, Any], timed: dict[str, Any] | None, suite: list[list[Any]]) -> None:
    peaks = {c: round(r["peak_mb"]) for c, r in checked["runs"].items()}
    print(f"\nnot split by {BY} (a dataset without that column): {', '.join(skipped) or 'none'}")
    print(f"peak memory of one pass over the suite, MB: {peaks}"
          f" (pandas includes its DataFrames, loaded in {checked['runs'].get('pandas', {}).get('load_seconds', 0):.1f} s)")
    out = {"rows": rows, "machine": info, "prepare": prep, "skipped_by_channel": skipped, "peak_mb": peaks,
           "problems": checked["problems"],
           "engine_sql": checked["runs"].get("engine", {}).get("sql", {}),
           "hand_sql": {label(n, tuple(b)): hand_sql(n, tuple(b)) for n, b in suite}}
    if timed:
        table = table_rows(timed["best"])
        print("\n" + plain(table) + "\n\n" + markdown(table))
        out["best"] = timed["best"]
    print(json.dumps(info))
    path = HERE / "data" / f"kpi_bench_{rows}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=1, default=str))
    print(f"details (with both SQL texts of every KPI): {path}")
    if checked["problems"]:
        print(f"!! {len(checked['problems'])} variants DISAGREE: see above; their timings compare different numbers")


if __name__ == "__main__":
    main()
