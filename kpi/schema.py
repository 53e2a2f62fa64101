"""The workspace's own tables, created and upgraded by numbered migrations.

A workspace file records which migrations it has seen in ``kinerja_schema``;
opening an older file applies the missing ones in one transaction. Add a
migration by appending to :data:`MIGRATIONS`; never edit an old one.
"""

from __future__ import annotations

from typing import Any

from kpi.sql import DATASET_SCHEMA, ident

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "migrate"]

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        f"CREATE SCHEMA IF NOT EXISTS {ident(DATASET_SCHEMA)}",
        # No PRIMARY KEY: DuckDB checks keys eagerly inside a transaction, which breaks
        # delete-then-insert of the same name; the write lock keeps names unique.
        """CREATE TABLE kinerja_datasets (
            name VARCHAR NOT NULL, kind VARCHAR NOT NULL, mapping JSON, dimensions JSON, columns JSON,
            rows BIGINT, rejected BIGINT, source VARCHAR, fingerprint VARCHAR, options JSON,
            links JSON, imported_at TIMESTAMP)""",
        """CREATE TABLE kinerja_rejects (
            dataset VARCHAR NOT NULL, line BIGINT, "column" VARCHAR, value VARCHAR, reason VARCHAR)""",
    ),
    (
        # `expression` is the formula with KPI names expanded to measures, so a custom KPI
        # keeps working if a KPI its formula named is later dropped.
        """CREATE TABLE kinerja_metrics (
            name VARCHAR NOT NULL, formula VARCHAR NOT NULL, expression VARCHAR NOT NULL, label_id VARCHAR,
            label_en VARCHAR, description VARCHAR, unit VARCHAR, higher_is_better BOOLEAN,
            created_at TIMESTAMP)""",
    ),
    (
        # Goals and targets (issue 5). Ids are max(id) + 1 under the write lock; deleting sets
        # `deleted_at` and restoring clears it, so nothing a user set is ever lost.
        """CREATE TABLE kinerja_goals (
            id BIGINT NOT NULL, name VARCHAR NOT NULL, description VARCHAR, owner VARCHAR,
            created_at TIMESTAMP, deleted_at TIMESTAMP, kpis JSON)""",
        """CREATE TABLE kinerja_targets (
            id BIGINT NOT NULL, goal_id BIGINT, metric VARCHAR NOT NULL, start DATE, "end" DATE, value DOUBLE,
            kind VARCHAR, amount DOUBLE, baseline DOUBLE, grain VARCHAR, owner VARCHAR, filters JSON,
            note VARCHAR, created_at TIMESTAMP, updated_at TIMESTAMP, deleted_at TIMESTAMP)""",
        """CREATE TABLE kinerja_milestones (
            target_id BIGINT NOT NULL, period DATE, "end" DATE, value DOUBLE, weight DOUBLE)""",
        """CREATE TABLE kinerja_checkins (
            id BIGINT NOT NULL, target_id BIGINT NOT NULL, author VARCHAR, note VARCHAR, created_at TIMESTAMP)""",
        """CREATE TABLE kinerja_target_history (
            target_id BIGINT NOT NULL, changed_at TIMESTAMP, action VARCHAR, author VARCHAR, "before" JSON,
            "after" JSON)""",
    ),
    (
        # Corrective actions (issue 6): what a team does about a target, and in which segment.
        # `target_id` may be NULL (an action on a KPI alone), so `metric` is stored either way;
        # `start` is when the action took effect, the day its effect is measured from. Ids and
        # soft deletes work as for targets.
        """CREATE TABLE kinerja_actions (
            id BIGINT NOT NULL, target_id BIGINT, metric VARCHAR NOT NULL, segment JSON, title VARCHAR NOT NULL,
            owner VARCHAR, due DATE, status VARCHAR NOT NULL, note VARCHAR, start DATE, created_at TIMESTAMP,
            updated_at TIMESTAMP, deleted_at TIMESTAMP)""",
        """CREATE TABLE kinerja_action_history (
            action_id BIGINT NOT NULL, changed_at TIMESTAMP, action VARCHAR, author VARCHAR, "before" JSON,
            "after" JSON)""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(cur: Any) -> int:
    """Bring the workspace behind ``cur`` up to :data:`SCHEMA_VERSION`; return the old version."""
    cur.execute("CREATE TABLE IF NOT EXISTS kinerja_schema (version INTEGER, applied_at TIMESTAMP)")
    version = cur.execute("SELECT coalesce(max(version), 0) FROM kinerja_schema").fetchall()[0][0]
    if version >= SCHEMA_VERSION:
        return version
    cur.begin()
    try:
        for number in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[number - 1]:
                cur.execute(statement)
            cur.execute("INSERT INTO kinerja_schema VALUES (?, now())", [number])
        cur.commit()
    except BaseException:
        cur.rollback()
        raise
    return version
