"""Import speed and peak memory: Kinerja's import against a bare DuckDB ``read_csv``.

Not a test. Generates an orders CSV (default 10 million lines, about 600 MB) in
``bench/data/`` (git-ignored), then runs each contender in a fresh child process
of this run and reports wall time and peak resident memory, and Kinerja's
ratios to the bare read:

    python bench/import_bench.py            # 10M lines
    python bench/import_bench.py --rows 1000000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

GENERATE = """
COPY (
  SELECT
    strftime(DATE '2024-01-01' + CAST((i // 3) * 730 // (? // 3 + 1) AS INTEGER), '%Y-%m-%d') AS tanggal,
    'P' || lpad(CAST(i // 3 AS VARCHAR), 9, '0') AS no_pesanan,
    'C' || CAST(hash(i // 3) % 400000 AS VARCHAR) AS id_pelanggan,
    ['Shopee', 'Tokopedia', 'Instagram', 'WhatsApp', 'TikTok Shop', 'Offline'][1 + CAST(hash(i) % 6 AS BIGINT)] AS kanal,
    ['DKI Jakarta', 'Jawa Barat', 'Jawa Timur', 'Bali', 'Banten'][1 + CAST(hash(i + 1) % 5 AS BIGINT)] AS provinsi,
    ['Fashion', 'Kecantikan', 'Rumah'][1 + CAST(hash(i + 2) % 3 AS BIGINT)] AS kategori,
    'Produk ' || CAST(hash(i + 3) % 500 AS VARCHAR) AS produk,
    CAST(1 + hash(i + 4) % 3 AS INTEGER) AS qty,
    CAST(10000 + (hash(i + 5) % 500) * 1000 AS BIGINT) AS harga_satuan,
    qty * harga_satuan AS total,
    CASE WHEN hash(i + 6) % 25 = 0 THEN 'retur' ELSE 'selesai' END AS status
  FROM range(?) t(i)
) TO '{path}' (HEADER, DELIMITER ',')
"""

CONTENDERS = {
    "duckdb_read_csv": """
import duckdb, sys
con = duckdb.connect(sys.argv[2])
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [sys.argv[1]])
print(con.execute("SELECT count(*) FROM t").fetchall()[0][0])
""",
    "kinerja_import_file": """
import sys
import kpi
ws = kpi.Workspace.open(sys.argv[2])
res = ws.import_file(sys.argv[1], kind="orders")
print(res.rows)
""",
}


def generate(rows: int) -> Path:
    import duckdb

    path = HERE / "data" / f"orders_{rows}.csv"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        duckdb.connect().execute(GENERATE.format(path=path), [rows, rows])
    return path


def run(name: str, csv: Path) -> dict[str, float]:
    db = HERE / "data" / f"{name}.duckdb"
    for stale in (db, db.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CONTENDERS[name], str(csv), str(db)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    db.unlink(missing_ok=True)
    # ru_maxrss of children is the largest child so far: run the bigger one last.
    return {"seconds": seconds, "peak_mb": max(peak, before) / 1024, "rows": int(out.stdout.split()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    args = parser.parse_args()
    csv = generate(args.rows)
    results = {name: run(name, csv) for name in CONTENDERS}
    base, ours = results["duckdb_read_csv"], results["kinerja_import_file"]
    summary = {
        "file_mb": round(csv.stat().st_size / 1e6, 1),
        "rows": args.rows,
        **{f"{k}_{m}": round(v[m], 2) for k, v in results.items() for m in ("seconds", "peak_mb")},
        "time_ratio": round(ours["seconds"] / base["seconds"], 2),
        "memory_ratio": round(ours["peak_mb"] / base["peak_mb"], 2),
    }
    assert ours["rows"] == base["rows"] == args.rows, results
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
