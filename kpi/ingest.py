"""Turn a raw table into a typed dataset table, keeping out (and reporting) what cannot be parsed.

The dataset table has one column per mapped role, named after the role
(``date``, ``amount``, ``customer_id``...), the file's other columns under their
own names, and ``_line``. A row whose required role cannot be read (an empty
date, ``n/a`` as an amount) is rejected with its line and the reason; an
optional value that cannot be read is left empty and counted in a warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kpi import conventions as conv
from kpi.errors import DataFormatError, DataSchemaError
from kpi.i18n import Message
from kpi.readers import Raw
from kpi.roles import KINDS, ROLES
from kpi.sql import ident

__all__ = ["Plan", "as_date", "import_settings", "plan_columns", "required_roles"]

ID_WORDS = ("id", "kode", "code", "nomor", "no", "campaign", "kampanye", "zip", "postal", "pos")


@dataclass
class Plan:
    """What to select from the raw table: output column -> SQL, and the row checks."""

    select: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    required: dict[str, tuple[str, str]] = field(default_factory=dict)  # role -> (sql, raw column sql)
    optional: dict[str, tuple[str, str]] = field(default_factory=dict)
    checks: list[tuple[str, str, str]] = field(default_factory=list)  # (role, condition on output, reason)
    parsed: dict[str, str] = field(default_factory=dict)  # unmapped text column read as numbers -> raw src
    params: dict[str, Any] = field(default_factory=dict)
    dimensions: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    warnings: list[Message] = field(default_factory=list)


def required_roles(kind: str) -> list[str]:
    """Roles whose value every row needs: rows without them are rejected."""
    need = {"orders": ["date", "amount"], "leads": ["date", "lead_id"], "deals": ["lead_id"],
            "spend": ["date", "spend"], "social": ["date", "platform"], "survey": ["date", "score"]}
    return need[kind]


def plan_columns(cur: Any, raw: Raw, kind: str, mapping: dict[str, str], *, file: str,
                 decimal: str | None, dayfirst: bool | None, date_format: str | None) -> Plan:
    """Decide how each column of ``raw`` becomes a typed column of the dataset."""
    plan = Plan()
    sample = cur.execute(f"SELECT * EXCLUDE (_line) FROM {ident(raw.table)} LIMIT 5000").df()
    marks = _Decimals(decimal, *_file_decimals(raw, sample, mapping))
    for role, column in mapping.items():
        _plan_role(cur, plan, raw, role, column, marks, sample, dayfirst, date_format, file)
    # The mark reported is the one the first text number role was read with.
    plan.options["decimal"] = next(iter(plan.options.get("decimals", {}).values()), marks.file)
    if kind == "orders" and "amount" not in mapping:
        plan.select["amount"] = f"({plan.select['quantity']}) * ({plan.select['unit_price']})"
        plan.types["amount"] = "DOUBLE"
        # Read from the raw table `r` when a row is rejected: "2 x n/a" shows what was wrong.
        raw_sql = f"concat_ws(' x ', r.{ident(mapping['quantity'])}, r.{ident(mapping['unit_price'])})"
        plan.optional.pop("quantity", None)
        plan.optional.pop("unit_price", None)
        plan.required["amount"] = (plan.select["amount"], raw_sql)
    if kind == "leads" and "lead_id" not in mapping:
        plan.select["lead_id"] = "CAST(_line AS VARCHAR)"
        plan.types["lead_id"] = "VARCHAR"
        plan.warnings.append(Message("lead_id_from_line", file=file))
    if kind == "leads" and "converted" not in mapping and "converted_date" in mapping:
        plan.select["converted"] = f"({plan.select['converted_date']}) IS NOT NULL"
        plan.types["converted"] = "BOOLEAN"
    if kind == "survey":
        plan.checks.append(("score", f"{ident('score')} NOT BETWEEN 0 AND 10", "out_of_range"))
    for role in required_roles(kind):
        if role in plan.optional:
            plan.required[role] = plan.optional.pop(role)
    _plan_others(plan, raw, mapping, marks, sample)
    return plan


@dataclass(frozen=True)
class _Decimals:
    """The decimal marks known before a column is read: the user's, and what the file's values say.

    A column's own values settle its mark first (``1.234,56`` cannot be read
    with ``.``, whatever the option says, just as ``13/02/2026`` settles a date
    order); then the user's option; then the rest of the file; last, what
    values like ``12.500`` suggest (a thousands group: see
    :func:`kpi.conventions.guess_decimal`); ``.`` when nothing says anything.
    """

    option: str | None
    strong: str | None
    weak: str | None

    @property
    def file(self) -> str:
        """The mark used for columns whose values say nothing."""
        return self.option or self.strong or self.weak or "."

    def column(self, values: pd.Series) -> str:
        """The mark for one text column, from its (non-empty) sample values."""
        head = values.dropna().head(2000).tolist()
        return (conv.detect_decimal(head) or self.option or self.strong or conv.guess_decimal(head)
                or self.weak or ".")


def _file_decimals(raw: Raw, sample: pd.DataFrame, mapping: dict[str, str]) -> tuple[str | None, str | None]:
    """What the numbers of the file settle (strong) and suggest (weak) about the decimal mark."""
    numeric_roles = [c for r, c in mapping.items() if ROLES[r].type == "number"]
    columns = numeric_roles or [c for c, t in raw.columns.items() if t.startswith("VARCHAR")]
    values: list[Any] = []
    for col in columns:
        if raw.columns.get(col, "").startswith("VARCHAR"):
            values.extend(sample[col].dropna().head(2000).tolist())
    return conv.detect_decimal(values), conv.guess_decimal(values)


def _plan_role(cur: Any, plan: Plan, raw: Raw, role: str, column: str, marks: _Decimals,
               sample: pd.DataFrame, dayfirst: bool | None, date_format: str | None, file: str) -> None:
    """Plan the SQL that reads ``column`` as ``role``: a date, a number, yes/no, or clean text."""
    dtype = raw.columns[column]
    src = ident(column)
    kind = ROLES[role].type
    if kind == "date":
        param = f"fmt_{role}"
        formats: list[str] = ["%Y-%m-%d"]
        if dtype.startswith("VARCHAR") or conv.is_numeric_type(dtype):
            formats, order, open_question = conv.detect_date_formats(
                cur, ident(raw.table), src, dayfirst=dayfirst, date_format=date_format, dtype=dtype)
            if not formats:
                raise DataSchemaError("not_dates", file=file, column=column, role=role,
                                      examples=_examples(sample, column))
            plan.options.setdefault("date_order", order)
            if open_question:
                word = Message("order_" + (order or "day-first").replace("-", "_"))
                plan.warnings.append(Message("date_order_assumed", file=file, column=column, order=word))
            plan.options.setdefault("date_formats", {})[column] = formats
        sql = conv.date_sql(src, dtype, param, formats)
        plan.params[param] = formats
        out_type = "DATE"
    elif kind == "number":
        col_decimal = marks.file
        if dtype.startswith("VARCHAR"):
            col_decimal = marks.column(sample[column])
            plan.options.setdefault("decimals", {})[column] = col_decimal
        sql, out_type = conv.number_sql(src, dtype, col_decimal), "DOUBLE"
    elif kind == "boolean":
        sql, out_type = conv.bool_sql(src, dtype), "BOOLEAN"
    else:
        # IDs read from Excel or Parquet may be numbers (17850.0); keep them as clean text.
        if conv.is_numeric_type(dtype):
            sql = f"regexp_replace(CAST({src} AS VARCHAR), '\\.0+$', '')"
        else:
            # "17850.0" is how a spreadsheet writes the ID 17850; keep the ID, not the float.
            sql = f"nullif(regexp_replace(trim(CAST({src} AS VARCHAR)), '^(\\d+)\\.0+$', '\\1'), '')"
        out_type = "VARCHAR"
    plan.select[role] = sql
    plan.types[role] = out_type
    plan.optional[role] = (sql, src)


def _examples(sample: pd.DataFrame, column: str) -> str:
    values = sample[column].dropna().astype(str).head(3).tolist()
    return ", ".join(repr(v) for v in values) or "(empty)"


def _plan_others(plan: Plan, raw: Raw, mapping: dict[str, str], marks: _Decimals,
                 sample: pd.DataFrame) -> None:
    """Unmapped columns keep their names; text columns become drill-down dimensions."""
    mapped = set(mapping.values())
    taken = {r.lower() for r in plan.select}
    rows = len(sample)
    for column, dtype in raw.columns.items():
        if column in mapped:
            continue
        name, n = column, 1
        while name.lower() in taken:  # a file column called like a role ("date" beside "tanggal")
            n += 1
            name = f"{column} ({n})"
        taken.add(name.lower())
        src = ident(column)
        values = sample[column].dropna()
        id_like = any(w in column.lower().replace("_", " ").split() for w in ID_WORDS)
        distinct = values.nunique()
        if dtype.startswith("VARCHAR"):
            mark = marks.column(values)
            numeric = len(values) > 0 and not id_like and _is_measure(values, mark)
            plan.select[name] = conv.number_sql(src, dtype, mark) if numeric else src
            plan.types[name] = "DOUBLE" if numeric else "VARCHAR"
            if numeric:
                plan.parsed[name] = src
            is_dim = (not numeric and not conv.looks_like_dates(values.head(200).tolist())
                      and (rows < 20 or distinct <= max(0.5 * rows, 1)))
        elif conv.is_numeric_type(dtype) and id_like and distinct <= max(0.5 * rows, 1):
            plan.select[name] = f"regexp_replace(CAST({src} AS VARCHAR), '\\.0+$', '')"
            plan.types[name], is_dim = "VARCHAR", True
        else:
            plan.select[name] = src
            plan.types[name], is_dim = dtype, dtype == "BOOLEAN"
        if is_dim:
            plan.dimensions.append(name)


def _is_measure(values: pd.Series, decimal: str) -> bool:
    """Whether a text column holds numbers (a measure, not a dimension).

    Every sampled value must read as a number; codes written with a leading
    zero (``0812...`` phone numbers, ``007`` codes) stay text, as a number would lose it.
    """
    texts = [str(v).strip() for v in values]
    if any(len(t) > 1 and t[0] == "0" and t[1].isdigit() for t in texts):
        return False
    return conv.parses_as_number(texts, decimal)


def split_rejects(cur: Any, plan: Plan, staging: str, raw_table: str) -> pd.DataFrame:
    """Move the rows of ``staging`` that lack a required value out; return them with reasons.

    ``staging`` holds every row, parsed once. The raw text of the few bad rows
    is fetched by line number, so the file's values are never parsed twice.
    """
    bad = " OR ".join([f"{ident(role)} IS NULL" for role in plan.required]
                      + [f"coalesce({cond}, false)" for _, cond, _ in plan.checks])
    if not bad or cur.execute(f"SELECT count(*) FROM {staging} WHERE {bad}").fetchall()[0][0] == 0:
        return pd.DataFrame(columns=["line", "column", "value", "reason"])
    parts = []
    for role, (_, src) in plan.required.items():
        kind = ROLES[role].type if role in ROLES else "number"
        parts.append(
            f"SELECT s._line AS line, '{role}' AS \"column\", {_raw(src)} AS value, "
            f"CASE WHEN nullif(trim({_raw(src)}), '') IS NULL THEN 'empty' ELSE 'not_{kind}' END AS reason "
            f"FROM {staging} s JOIN {raw_table} r USING (_line) WHERE s.{ident(role)} IS NULL")
    for role, cond, reason in plan.checks:
        parts.append(f"SELECT _line, '{role}', CAST({ident(role)} AS VARCHAR), '{reason}' FROM {staging} "
                     f"WHERE coalesce({cond}, false)")
    rejects = cur.execute(" UNION ALL ".join(parts) + " ORDER BY line").df()
    cur.execute(f"DELETE FROM {staging} WHERE {bad}")
    return rejects


def _raw(src: str) -> str:
    """``src`` (a quoted raw column, or an expression over them) read from the raw table ``r``."""
    if src.startswith('"') and src.endswith('"'):
        return f"CAST(r.{src} AS VARCHAR)"
    return src  # the derived amount's "qty x price" text, already written against `r`


def emptied_warnings(cur: Any, plan: Plan, staging: str, raw_table: str, file: str,
                     rejected: Sequence[int] = ()) -> list[Message]:
    """Warnings for values that were present but unreadable, and so left empty.

    Counted as non-empty raw values minus non-null parsed values over the kept
    rows: two plain scans, no second parse.
    """
    checks = [(role, src) for role, (_, src) in plan.optional.items() if src.startswith('"')]
    checks += [(name, src) for name, src in plan.parsed.items()]
    if not checks:
        return []
    present = ", ".join(f"count(nullif(trim(CAST({src} AS VARCHAR)), ''))" for _, src in checks)
    kept = ", ".join(f"count({ident(out)})" for out, _ in checks)
    # Only kept rows count: a rejected row's values were not "left empty", the row was kept out.
    have = cur.execute(f"SELECT {present} FROM {raw_table} WHERE _line NOT IN (SELECT unnest($bad::BIGINT[]))",
                       {"bad": list(rejected)}).fetchall()[0]
    got = cur.execute(f"SELECT {kept} FROM {staging}").fetchall()[0]
    out = []
    for (name, src), n_have, n_got in zip(checks, have, got):
        if n_have > n_got:
            first = cur.execute(
                f"SELECT min(s._line) FROM {staging} s JOIN {raw_table} r USING (_line) WHERE s.{ident(name)} "
                f"IS NULL AND nullif(trim(CAST(r.{src} AS VARCHAR)), '') IS NOT NULL").fetchall()[0][0]
            column = src[1:-1].replace('""', '"')
            code = "values_emptied" if name in plan.optional else "values_emptied_column"
            out.append(Message(code, file=file, count=n_have - n_got, column=column, role=name, line=first))
    return out


def check_not_all_rejected(rows: int, rejected: int, rejects: pd.DataFrame, file: str) -> None:
    """A file whose rows are (nearly) all unreadable is a wrong setting, not bad rows."""
    total = rows + rejected
    if total == 0:
        raise DataFormatError("no_rows", file=file)
    if rows == 0:
        top = rejects["reason"].value_counts().index[0] if len(rejects) else "unknown"
        column = rejects["column"].dropna().iloc[0] if rejects["column"].notna().any() else "?"
        raise DataFormatError("all_rows_rejected", file=file, rows=total, reason=top, column=column)


def kind_or_error(kind: str) -> None:
    """Raise a clear error for an unknown dataset kind."""
    if kind not in KINDS:
        raise DataSchemaError("unknown_kind", kind=kind, known=", ".join(KINDS))


MODES = ("replace", "append")


def import_settings(decimal: str | None, thousands: str | None, dayfirst: bool | None, default_date: Any,
              mode: str, kind: str, name: str | None) -> dict[str, Any]:
    """Validate the read options shared by every import; return the normalised ones."""
    kind_or_error(kind)
    if mode not in MODES:
        raise DataSchemaError("bad_option", option="mode", value=mode, hint="use 'replace' or 'append'.")
    if name is not None and (not 1 <= len(name) <= 64 or any(ord(c) < 32 for c in name)):
        raise DataSchemaError("bad_dataset_name", name=name)
    if decimal is None and thousands is not None:
        decimal = {".": ",", ",": "."}.get(thousands)
        if decimal is None:
            raise DataFormatError("bad_option", option="thousands", value=thousands, hint="use '.' or ','.")
    if decimal is not None and decimal not in (",", "."):
        raise DataFormatError("bad_option", option="decimal", value=decimal, hint="use ',' or '.'.")
    if thousands is not None and thousands == decimal:
        raise DataFormatError("bad_option", option="thousands", value=thousands,
                              hint="it must differ from `decimal`.")
    return {"decimal": decimal, "dayfirst": dayfirst, "default_date": as_date(default_date)}


def as_date(value: Any) -> dt.date | None:
    """Accept ``"YYYY-MM-DD"``, ``datetime.date`` or ``pandas.Timestamp``."""
    if value is None:
        return None
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError) as exc:
        raise DataFormatError("bad_option", option="default_date", value=value,
                              hint="give a date as 'YYYY-MM-DD'.") from exc
