"""Write a raw table into the workspace as a dataset: typed table, rejects, catalog row.

Runs inside the caller's transaction and write lock (see
:meth:`kpi.Workspace.import_file`), so any error here leaves the workspace as
it was.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from kpi import ingest
from kpi.datasets import ImportResult, read_dataset
from kpi.errors import DataFormatError, DataSchemaError, UnknownDatasetError
from kpi.i18n import Message
from kpi.mapping import suggest_mapping, validate_mapping
from kpi.readers import Raw, as_texts, head
from kpi.sql import ident, table_ref, used_params

if TYPE_CHECKING:
    from kpi.workspace import Workspace

__all__ = ["load"]

ID_ROLE = {"orders": "order_id", "leads": "lead_id", "deals": "lead_id"}
REJECT_COLUMNS = ["line", "column", "value", "reason"]
DEFAULT_DATE_COLUMN = "\x01default date"
LINE_ID_COLUMN = "\x01line number"


def load(ws: Workspace, cur: Any, raw: Raw, kind: str, name: str, mapping: Mapping[str, str | None] | None,
         mode: str, *, file: str, fingerprint: str, decimal: str | None, dayfirst: bool | None,
         date_format: str | None, default_date: dt.date | None, leads: str | None) -> ImportResult:
    """Type, check and store ``raw`` as dataset ``name``; see :meth:`Workspace.import_file`."""
    if raw.rows == 0 and raw.rejects.empty:
        raise DataFormatError("no_rows", file=file)
    existing = _existing(ws, name, kind, mode)  # a wrong-kind append fails before any parsing
    roles = _mapping(cur, raw, kind, mapping, file, default_date)
    plan = ingest.plan_columns(cur, raw, kind, roles, file=file, decimal=decimal, dayfirst=dayfirst,
                               date_format=date_format)
    if default_date is not None and "date" not in roles:
        plan.select["date"] = "CAST($default_date AS DATE)"
        plan.types["date"] = "DATE"
        plan.required.pop("date", None)
        plan.params["default_date"] = default_date
        plan.warnings.append(Message("default_date_used", file=file, date=default_date.isoformat()))
    src = ident(raw.table)
    staging = f"_staging_{uuid.uuid4().hex[:12]}"
    columns = ", ".join(f"{sql} AS {ident(col)}" for col, sql in plan.select.items())
    # Every value is parsed once, here; bad rows are then moved out of the staging table.
    sql = f"CREATE TABLE {table_ref(staging)} AS SELECT _line, {columns} FROM {src}"
    cur.execute(sql, used_params(sql, plan.params))
    parsed = ingest.split_rejects(cur, plan, table_ref(staging), src)
    rejects = pd.concat([_frame(raw.rejects), _frame(parsed)], ignore_index=True)
    warnings = [*raw.warnings, *plan.warnings, *ingest.emptied_warnings(
        cur, plan, table_ref(staging), src, file, rejected=parsed["line"].tolist())]
    if existing is None:
        cur.execute(f"DROP TABLE IF EXISTS {table_ref(name)}")
        cur.execute(f"ALTER TABLE {table_ref(staging)} RENAME TO {ident(name)}")
        rows = cur.execute(f"SELECT count(*) FROM {table_ref(name)}").fetchall()[0][0]
        dimensions = plan.dimensions
    else:
        rows, dupes = _append(cur, staging, name, kind, roles, existing)
        rejects = pd.concat([rejects, dupes], ignore_index=True)
        dimensions = list(dict.fromkeys([*existing.dimensions, *plan.dimensions]))
        warnings += [Message("rows_already_imported", file=file, count=len(dupes), dataset=name)] if len(
            dupes) else []
    # Name the file's own column in the rejects (`Tanggal`, not the role `date`).
    rejects["column"] = rejects["column"].map(lambda c: roles.get(c, c) if isinstance(c, str) else c)
    rejected = int(rejects["line"].nunique())
    ingest.check_not_all_rejected(rows, rejected, rejects, file)
    links = _link(cur, ws, kind, name, leads, warnings, file)
    _store(cur, name, kind, roles, dimensions, file, fingerprint,
           {**raw.options, **plan.options}, links, rejects, append=existing is not None)
    if kind == "leads":
        _reapply_conversions(cur, ws, name)
    dataset = read_dataset(cur, name)  # read back inside the transaction
    return ImportResult(dataset, rows, rejected, rejects.head(100), None, tuple(warnings),  # type: ignore[arg-type]
                        {**raw.options, **plan.options})


def _mapping(cur: Any, raw: Raw, kind: str, mapping: Mapping[str, str | None] | None, file: str,
             default_date: dt.date | None) -> dict[str, str]:
    columns = list(raw.columns)
    if mapping is None:
        mapping = suggest_mapping(columns, kind, as_texts(head(cur, raw)))
    mapping = dict(mapping)
    # Roles filled without a column: the date from `default_date`, and for leads files
    # without IDs (one row = one lead) the line number. Satisfy the check, then drop them.
    stand_ins = {}
    if default_date is not None and not mapping.get("date"):
        stand_ins["date"] = DEFAULT_DATE_COLUMN
    if kind == "leads" and not mapping.get("lead_id"):
        stand_ins["lead_id"] = LINE_ID_COLUMN
    roles = validate_mapping({**mapping, **stand_ins}, columns + list(stand_ins.values()), kind, file=file)
    return {r: c for r, c in roles.items() if c not in (DEFAULT_DATE_COLUMN, LINE_ID_COLUMN)}


def _frame(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df.columns = REJECT_COLUMNS
    return df.astype({"line": "int64", "column": "object", "value": "object", "reason": "object"})


def _existing(ws: Workspace, name: str, kind: str, mode: str) -> Any:
    if mode != "append":
        return None
    try:
        existing = ws.dataset(name)
    except UnknownDatasetError:
        return None
    if existing.kind != kind:
        raise DataSchemaError("append_kind_mismatch", dataset=name, kind=kind, existing=existing.kind)
    return existing


def _append(cur: Any, staging: str, name: str, kind: str, roles: dict[str, str],
            existing: Any) -> tuple[int, pd.DataFrame]:
    """Add the staged rows to ``name``; rows whose ID is already there are kept out."""
    target, new = table_ref(name), table_ref(staging)
    have = {r[0] for r in cur.execute(f"DESCRIBE {target}").fetchall()}
    for col, dtype, *_ in cur.execute(f"DESCRIBE {new}").fetchall():
        if col not in have:
            cur.execute(f"ALTER TABLE {target} ADD COLUMN {ident(col)} {dtype}")
    id_role = ID_ROLE.get(kind)
    dupes = pd.DataFrame(columns=REJECT_COLUMNS)
    if id_role and id_role in roles and id_role in existing.mapping:
        dupes = cur.execute(
            f"SELECT _line AS line, '{id_role}' AS \"column\", {ident(id_role)} AS value, "
            f"'already_imported' AS reason FROM {new} WHERE {ident(id_role)} IN "
            f"(SELECT {ident(id_role)} FROM {target})").df()
        cur.execute(f"DELETE FROM {new} WHERE {ident(id_role)} IN (SELECT {ident(id_role)} FROM {target})")
    rows = cur.execute(f"SELECT count(*) FROM {new}").fetchall()[0][0]
    cur.execute(f"INSERT INTO {target} BY NAME SELECT * FROM {new}")
    cur.execute(f"DROP TABLE {new}")
    return rows, _frame(dupes) if len(dupes) else dupes


def _store(cur: Any, name: str, kind: str, mapping: dict[str, str], dimensions: list[str], file: str,
           fingerprint: str, options: dict[str, Any], links: dict[str, str], rejects: pd.DataFrame,
           *, append: bool) -> None:
    columns = {c: str(t) for c, t, *_ in cur.execute(f"DESCRIBE {table_ref(name)}").fetchall()
               if c != "_line"}
    total = cur.execute(f"SELECT count(*) FROM {table_ref(name)}").fetchall()[0][0]
    if not append:
        cur.execute("DELETE FROM kinerja_rejects WHERE dataset = ?", [name])
    view = f"_rejects_{uuid.uuid4().hex[:8]}"
    cur.register(view, rejects.assign(dataset=name)[["dataset", *REJECT_COLUMNS]])
    cur.execute(f"INSERT INTO kinerja_rejects SELECT * FROM {ident(view)}")
    cur.unregister(view)
    rejected = cur.execute("SELECT count(DISTINCT line) FROM kinerja_rejects WHERE dataset = ?",
                           [name]).fetchall()[0][0]
    cur.execute("DELETE FROM kinerja_datasets WHERE name = ?", [name])
    cur.execute(
        "INSERT INTO kinerja_datasets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
        [name, kind, json.dumps(mapping), json.dumps(dimensions), json.dumps(columns), total, rejected,
         file, fingerprint, json.dumps(options, default=str), json.dumps(links)])


def _link(cur: Any, ws: Workspace, kind: str, name: str, leads: str | None, warnings: list[Message],
          file: str) -> dict[str, str]:
    """For a deals file: find its leads dataset and write the conversions into it."""
    if kind != "deals":
        return {}
    if leads is None:
        candidates = [d.name for d in ws.datasets() if d.kind == "leads"]
        if len(candidates) != 1:
            raise DataSchemaError("deals_need_leads", file=file,
                                  known=", ".join(f"`{c}`" for c in candidates) or "(none)")
        leads = candidates[0]
    elif ws.dataset(leads).kind != "leads":
        raise DataSchemaError("deals_need_leads", file=file, known=f"`{leads}` is not a leads dataset")
    unmatched = _apply_conversions(cur, leads, name)
    if unmatched:
        warnings.append(Message("deals_unmatched", file=file, count=unmatched, leads=leads))
    return {"leads": leads}


def _reapply_conversions(cur: Any, ws: Workspace, leads: str) -> None:
    """A re-imported leads file keeps the conversions of the deals linked to it."""
    for ds in ws.datasets():
        if ds.kind == "deals" and ds.links.get("leads") == leads:
            _apply_conversions(cur, leads, ds.name)


def _apply_conversions(cur: Any, leads: str, deals: str) -> int:
    """Set ``converted``/``converted_date`` of the leads from the deals; return unmatched deals."""
    target = table_ref(leads)
    have = {r[0] for r in cur.execute(f"DESCRIBE {target}").fetchall()}
    deal_cols = {r[0] for r in cur.execute(f"DESCRIBE {table_ref(deals)}").fetchall()}
    for col, dtype in (("converted", "BOOLEAN"), ("converted_date", "DATE"), ("value", "DOUBLE")):
        if col not in have and (col != "value" or "value" in deal_cols):
            cur.execute(f"ALTER TABLE {target} ADD COLUMN {ident(col)} {dtype}")
    date = "min(date)" if "date" in deal_cols else "NULL::DATE"
    value = "sum(value)" if "value" in deal_cols else "NULL::DOUBLE"
    cur.execute(f"UPDATE {target} SET converted = coalesce(converted, false)")
    fill_value = ", value = coalesce(d.v, t.value)" if "value" in deal_cols else ""
    cur.execute(
        f"UPDATE {target} t SET converted = true, converted_date = coalesce(d.first_date, t.converted_date)"
        f"{fill_value} FROM (SELECT lead_id, {date} AS first_date, {value} AS v FROM {table_ref(deals)} "
        f"GROUP BY lead_id) d WHERE t.lead_id = d.lead_id")
    # The catalog's columns must list the new ones too: the KPI engine reads roles from them.
    columns = {c: str(t) for c, t, *_ in cur.execute(f"DESCRIBE {target}").fetchall() if c != "_line"}
    cur.execute(
        "UPDATE kinerja_datasets SET mapping = json_merge_patch(mapping, ?), columns = ? WHERE name = ?",
        [json.dumps({"converted": "converted", "converted_date": "converted_date"}), json.dumps(columns), leads])
    return cur.execute(f"SELECT count(DISTINCT lead_id) FROM {table_ref(deals)} WHERE lead_id NOT IN "
                       f"(SELECT lead_id FROM {target} WHERE lead_id IS NOT NULL)").fetchall()[0][0]

