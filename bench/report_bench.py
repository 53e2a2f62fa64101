"""How long the KPI report takes to build and write, against computing the same KPIs' cards.

Baseline, in the same process and on the same workspace: ``ws.compute(metric, grain, start, end,
compare=True)`` for each KPI of the report (the numbers its cards show). The report adds the trends,
target progress and the explanation of a target that is behind, and then writes HTML, PDF, Excel and CSV.

    python bench/report_bench.py                 # the bundled sample
    python bench/report_bench.py --rows 1000000  # generated data (bench/kpi_data.py), 1M orders
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import kpi  # noqa: E402
from kpi import report  # noqa: E402

METRICS = ("revenue", "orders", "aov", "new_customers", "conversion_rate", "leads")


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def workspace(rows: int | None, folder: Path) -> tuple[kpi.Workspace, str, str]:
    ws = kpi.Workspace.open(folder / "workspace.duckdb")
    if rows is None:
        kpi.load_sample(ws)
        return ws, "2026-08-01", "2026-10-31"
    from kpi_data import generate, import_all

    import_all(ws, generate(rows, folder))
    return ws, "2025-10-01", "2025-12-31"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=None, help="generated orders (default: the sample)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ws, start, end = workspace(args.rows, Path(tmp))
        frame = ws.compute("conversion_rate", "month", start, end)
        actual = frame["numerator"].sum() / frame["denominator"].sum()
        ws.set_target("conversion_rate", start, end, value=actual * 1.2)  # behind: the report explains it
        metrics = [m for m in METRICS if m in ws.metrics()]
        base, _ = best(lambda: [ws.compute(m, "month", start, end, compare=True) for m in metrics], args.repeat)
        build, rep = best(lambda: report.build(ws, metrics, start, end, lang="id"), args.repeat)
        rows = [("cards only (baseline)", base), ("report.build", build)]
        for name, write in (("to_html", report.to_html), ("to_pdf", report.to_pdf), ("to_excel", report.to_excel),
                            ("to_csv", lambda r: report.to_csv(r.cards))):
            rows.append((name, best(lambda w=write: w(rep), args.repeat)[0]))
        total = build + sum(seconds for name, seconds in rows[2:])
        rows.append(("build + all four files", total))
        size = ws.dataset("orders").rows
        print(f"{size:,} order rows, {len(metrics)} KPIs, {start}..{end}, {len(rep.findings)} findings, "
              f"best of {args.repeat}")
        for note in rep.notes:
            print(f"note: {note}")
        print(f"{'step':<24}{'seconds':>9}{'x baseline':>12}")
        for name, seconds in rows:
            print(f"{name:<24}{seconds:>9.3f}{seconds / base:>12.1f}")
        ws.close()


if __name__ == "__main__":
    main()
