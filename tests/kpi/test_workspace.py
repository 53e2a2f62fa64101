"""Workspace: the file, the catalog, atomic imports, append, deals, threads."""

from __future__ import annotations

import datetime as dt
import threading

import pandas as pd
import pytest

import kpi
from kpi.schema import SCHEMA_VERSION


def orders_frame(n: int = 10, start: int = 0) -> pd.DataFrame:
    return pd.DataFrame({
        "tanggal": [f"2026-01-{1 + i % 28:02d}" for i in range(start, start + n)],
        "no_pesanan": [f"P{i:05d}" for i in range(start, start + n)],
        "pelanggan": [f"C{i % 4}" for i in range(start, start + n)],
        "total": [1000.0 * (i + 1) for i in range(start, start + n)],
        "kanal": ["Shopee" if i % 2 else "Tokopedia" for i in range(start, start + n)],
    })


def snapshot(ws: kpi.Workspace) -> dict[str, object]:
    """Everything a failed import must leave alone."""
    out: dict[str, object] = {"datasets": [(d.name, d.rows, d.rejected, d.fingerprint) for d in ws.datasets()]}
    for d in ws.datasets():
        out[d.name] = ws.table(d.name).to_dict("list")
        out[f"{d.name}.rejects"] = ws.rejects(d.name).to_dict("list")
    tables = ws.cursor().execute("SELECT schema_name, table_name FROM duckdb_tables() ORDER BY ALL").fetchall()
    out["tables"] = tables
    return out


def test_default_location_and_reopen(tmp_path, monkeypatch):
    monkeypatch.setenv("KINERJA_HOME", str(tmp_path / "home"))
    ws = kpi.Workspace.open()
    assert ws.path == str((tmp_path / "home" / "workspace.duckdb").resolve())
    ws.import_frame(orders_frame(), kind="orders")
    ws.close()
    again = kpi.Workspace.open(tmp_path / "home" / "workspace.duckdb")
    assert [d.name for d in again.datasets()] == ["orders"]
    assert again.cursor().execute("SELECT max(version) FROM kinerja_schema").fetchone()[0] == SCHEMA_VERSION
    again.close()


def test_default_is_dot_kinerja_under_cwd(tmp_path, monkeypatch):
    monkeypatch.delenv("KINERJA_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    assert kpi.workspace.default_path() == tmp_path / ".kinerja" / "workspace.duckdb"


def test_handles_on_one_file_share_a_connection(tmp_path):
    a = kpi.Workspace.open(tmp_path / "w.duckdb")
    b = kpi.Workspace.open(tmp_path / "w.duckdb")
    a.import_frame(orders_frame(), kind="orders")
    assert [d.name for d in b.datasets()] == ["orders"]
    a.close()
    assert b.dataset("orders").rows == 10  # b still works after a is closed
    b.close()
    with pytest.raises(kpi.WorkspaceError):
        b.cursor()


def test_import_frame_catalog_fields():
    ws = kpi.Workspace.open(":memory:")
    res = ws.import_frame(orders_frame(), kind="orders", source_name="januari.csv")
    ds = res.dataset
    assert (ds.name, ds.kind, ds.rows, ds.rejected, ds.source) == ("orders", "orders", 10, 0, "januari.csv")
    assert ds.mapping == {"date": "tanggal", "order_id": "no_pesanan", "customer_id": "pelanggan",
                          "amount": "total"}
    assert ds.dimensions == ("kanal",)
    assert ds.columns["date"] == "DATE" and ds.columns["amount"] == "DOUBLE"
    assert len(ds.fingerprint) == 32 and isinstance(ds.imported_at, dt.datetime)
    table = ws.table("orders")
    assert table["amount"].sum() == pytest.approx(sum(1000.0 * (i + 1) for i in range(10)))
    assert table["_line"].tolist() == list(range(1, 11))


def test_failed_import_leaves_workspace_unchanged(tmp_path):
    ws = kpi.Workspace.open(tmp_path / "w.duckdb")
    ws.import_frame(orders_frame(), kind="orders")
    before = snapshot(ws)
    bad = tmp_path / "bad.csv"
    bad.write_text("tanggal,no_pesanan,total\n")  # header only
    with pytest.raises(kpi.DataFormatError) as err:
        ws.import_file(bad, kind="orders")
    assert err.value.code == "no_rows"
    missing = tmp_path / "missing.csv"
    missing.write_text("a,b\n1,2\n")
    with pytest.raises(kpi.DataSchemaError):
        ws.import_file(missing, kind="orders")
    with pytest.raises(kpi.DataSchemaError):
        ws.import_frame(orders_frame(), kind="orders", mapping={"date": "nope", "amount": "total"})
    assert snapshot(ws) == before
    ws.close()


def test_replace_swaps_the_whole_dataset():
    ws = kpi.Workspace.open(":memory:")
    ws.import_frame(orders_frame(10), kind="orders")
    ws.import_frame(orders_frame(3, start=50), kind="orders")
    assert ws.dataset("orders").rows == 3
    assert ws.table("orders")["order_id"].tolist() == ["P00050", "P00051", "P00052"]


def test_append_skips_known_order_ids_and_counts_them():
    ws = kpi.Workspace.open(":memory:")
    ws.import_frame(orders_frame(10), kind="orders")
    more = orders_frame(10, start=5).assign(catatan="baru")  # 5 known IDs, 5 new, one new column
    res = ws.import_frame(more, kind="orders", mode="append")
    assert (res.rows, res.rejected) == (5, 5)
    assert set(res.rejected_sample["reason"]) == {"already_imported"}
    assert any(w.code == "rows_already_imported" for w in res.warnings)
    table = ws.table("orders")
    assert len(table) == 15 and table["order_id"].is_unique
    assert table["catatan"].isna().sum() == 10
    with pytest.raises(kpi.DataSchemaError):
        ws.import_frame(orders_frame(), kind="spend", name="orders", mode="append",
                        mapping={"date": "tanggal", "spend": "total"})


def test_deals_set_lead_conversions_and_survive_a_leads_reimport():
    ws = kpi.Workspace.open(":memory:")
    leads = pd.DataFrame({"mql_id": ["a", "b", "c", "d"], "first_contact_date": ["2026-01-05"] * 4,
                          "origin": ["social", "paid_search", "social", "organic"]})
    deals = pd.DataFrame({"mql_id": ["a", "c", "zzz"], "won_date": ["2026-02-01", "2026-03-01", "2026-03-02"]})
    ws.import_frame(leads, kind="leads")
    res = ws.import_frame(deals, kind="deals")
    assert res.dataset.links == {"leads": "leads"}
    assert [w.code for w in res.warnings] == ["deals_unmatched"]
    table = ws.table("leads").set_index("lead_id")
    assert table["converted"].to_dict() == {"a": True, "b": False, "c": True, "d": False}
    assert table.loc["c", "converted_date"] == dt.date(2026, 3, 1) or str(table.loc["c", "converted_date"])[:10] == "2026-03-01"
    assert ws.dataset("leads").mapping["converted"] == "converted"
    ws.import_frame(leads, kind="leads")  # re-import: conversions come back from the deals
    assert ws.table("leads").set_index("lead_id")["converted"].sum() == 2


def test_deals_without_leads_is_a_clear_error():
    ws = kpi.Workspace.open(":memory:")
    with pytest.raises(kpi.DataSchemaError) as err:
        ws.import_frame(pd.DataFrame({"mql_id": ["a"]}), kind="deals")
    assert err.value.code == "deals_need_leads"
    assert ws.datasets() == []


@pytest.mark.parametrize("when", ["2017-08-01", dt.date(2017, 8, 1), pd.Timestamp("2017-08-01")])
def test_default_date_for_files_without_dates(when):
    ws = kpi.Workspace.open(":memory:")
    ads = pd.DataFrame({"ad_id": [1, 2], "Spent": [1.5, 2.0], "Impressions": [100, 200]})
    res = ws.import_frame(ads, kind="spend", default_date=when)
    assert res.rows == 2
    assert set(ws.table("spend")["date"].astype(str)) == {"2017-08-01"}
    assert "date" not in res.dataset.mapping
    assert any(w.code == "default_date_used" for w in res.warnings)


def test_hostile_names_are_names():
    ws = kpi.Workspace.open(":memory:")
    hostile = 'x"; DROP TABLE kinerja_datasets; --'
    frame = orders_frame().rename(columns={"kanal": "' OR 1=1 --"})
    ws.import_frame(frame, kind="orders", name=hostile)
    ds = ws.dataset(hostile)
    assert ds.dimensions == ("' OR 1=1 --",)
    assert ws.table(hostile)["' OR 1=1 --"].tolist() == frame["' OR 1=1 --"].tolist()
    assert [d.name for d in ws.datasets()] == [hostile]


def test_unknown_names_raise_kpi_errors():
    ws = kpi.Workspace.open(":memory:")
    with pytest.raises(kpi.UnknownDatasetError) as err:
        ws.dataset("nope")
    assert isinstance(err.value, KeyError) and "nope" in str(err.value)
    with pytest.raises(kpi.DataSchemaError) as err2:
        ws.import_frame(orders_frame(), kind="sales")
    assert err2.value.code == "unknown_kind" and "orders" in err2.value.message("id")
    with pytest.raises(kpi.DataSchemaError):
        ws.import_frame(orders_frame(), mode="merge")
    with pytest.raises(kpi.DataFormatError):
        ws.import_frame(orders_frame(), decimal=";")


def test_drop_dataset():
    ws = kpi.Workspace.open(":memory:")
    ws.import_frame(orders_frame(), kind="orders")
    ws.drop_dataset("orders")
    assert ws.datasets() == [] and ws.cursor().execute(
        "SELECT count(*) FROM kinerja_rejects").fetchone()[0] == 0


def test_eight_threads_import_and_read_one_file(tmp_path):
    ws = kpi.Workspace.open(tmp_path / "shared.duckdb")
    ws.import_frame(orders_frame(100), kind="orders", name="base")
    errors: list[BaseException] = []
    seen: list[int] = []

    def work(i: int) -> None:
        try:
            for _ in range(3):
                frame = orders_frame(50 + i, start=1000 * i)
                res = ws.import_frame(frame, kind="orders", name=f"t{i}")
                assert res.rows == 50 + i
                total = ws.cursor().execute('SELECT count(*), sum(amount) FROM "ds"."base"').fetchone()
                assert total == (100, pytest.approx(sum(1000.0 * (k + 1) for k in range(100))))
                seen.append(ws.dataset(f"t{i}").rows)
        except BaseException as exc:  # noqa: BLE001 - report any failure from the thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(seen) == sorted([50 + i for i in range(8)] * 3)
    assert {d.name: d.rows for d in ws.datasets()} == {"base": 100, **{f"t{i}": 50 + i for i in range(8)}}
    ws.close()


def test_a_second_process_gets_a_clear_error(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "owned.duckdb"
    ws = kpi.Workspace.open(path)
    code = ("import kpi, sys\ntry:\n    kpi.Workspace.open(sys.argv[1])\nexcept kpi.WorkspaceError as e:\n"
            "    print(e.code); print(e.message('id'))\n")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    ws.close()
    assert out.stdout.splitlines()[0] == "workspace_open_failed", out.stdout + out.stderr
    assert "KINERJA_HOME" in out.stdout and str(path) in out.stdout
