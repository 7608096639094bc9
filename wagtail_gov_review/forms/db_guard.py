"""Database triggers that make review records append-only below the ORM too.

The model and its queryset already refuse updates and deletes; these triggers also refuse raw
SQL, ``QuerySet._raw_delete`` and any other client of the database. Installed after every
``migrate`` (a ``post_migrate`` receiver), so they survive ``make migrations`` rebuilding the
initial migration.

One update stays allowed: setting a foreign key to NULL while nothing else changes, which is
what Django does (``on_delete=SET_NULL``) when the page, revision or user a record points to is
deleted; the snapshot columns keep what the record said.

``manage.py flush`` (also run by Django's test runner between transactional tests) empties
every table and is the one caller allowed to delete records: on SQLite the triggers ask a
function registered on each connection, which looks for the flush command on the call stack;
PostgreSQL's flush uses ``TRUNCATE``, which row triggers do not see. A client without that
function (the ``sqlite3`` shell) gets an error instead, so it cannot change records either.

Masking personal data stored before records were masked (``gov_review_mask_archive``) may
rewrite the text columns ``MASKABLE_FIELDS`` and nothing else, and only inside
``masking_personal_data()``: on SQLite a second connection function reports that flag, on
PostgreSQL a transaction-local setting does. (A database superuser can always drop triggers;
they guard against the application and its users, not against the DBA.)
"""

from __future__ import annotations

import os
import sys

from django.db import connections

from ..models.records import (
    MASKABLE_FIELDS,
    POSTGRES_MASKING_SETTING,
    ReviewRecord,
    is_masking_personal_data,
)

TRIGGER_PREFIX = "gov_review_record_guard"
SQLITE_FUNCTION = "gov_review_archive_flushing"
SQLITE_MASKING_FUNCTION = "gov_review_archive_masking"
MESSAGE = "review records are append-only"
_FLUSH_FILE = os.path.join("django", "core", "management", "commands", "flush.py")


def _flushing() -> int:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename.endswith(_FLUSH_FILE):
            return 1
        frame = frame.f_back
    return 0


def _masking() -> int:
    return 1 if is_masking_personal_data() else 0


def register_connection_function(connection) -> None:
    """Give a new SQLite connection the functions the triggers call."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 0, _flushing)
        connection.connection.create_function(SQLITE_MASKING_FUNCTION, 0, _masking)


def _columns() -> tuple[list[str], list[str], list[str]]:
    """(columns that never change, nullable foreign-key columns that may become NULL, text
    columns that only ``masking_personal_data()`` may rewrite)."""
    fixed, nullable, maskable = [], [], []
    for field in ReviewRecord._meta.concrete_fields:
        if field.name in MASKABLE_FIELDS:
            maskable.append(field.column)
        elif field.is_relation and field.null:
            nullable.append(field.column)
        else:
            fixed.append(field.column)
    return fixed, nullable, maskable


def _sqlite_sql(table: str) -> list[str]:
    fixed, nullable, maskable = _columns()
    kept = " AND ".join(
        [f'NEW."{c}" IS OLD."{c}"' for c in fixed]
        + [f'(NEW."{c}" IS OLD."{c}" OR NEW."{c}" IS NULL)' for c in nullable]
    )
    unmasked = " AND ".join(f'NEW."{c}" IS OLD."{c}"' for c in maskable)
    raise_ = f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    return [
        f"DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}_update",
        f"DROP TRIGGER IF EXISTS {TRIGGER_PREFIX}_delete",
        f'CREATE TRIGGER {TRIGGER_PREFIX}_update BEFORE UPDATE ON "{table}" FOR EACH ROW '
        f"WHEN NOT ({kept} AND ({unmasked} OR {SQLITE_MASKING_FUNCTION}())) "
        f"AND NOT {SQLITE_FUNCTION}() {raise_}",
        f'CREATE TRIGGER {TRIGGER_PREFIX}_delete BEFORE DELETE ON "{table}" FOR EACH ROW '
        f"WHEN NOT {SQLITE_FUNCTION}() {raise_}",
    ]


def _postgresql_sql(table: str) -> list[str]:
    fixed, nullable, maskable = _columns()
    changed = " OR ".join(
        [f'NEW."{c}" IS DISTINCT FROM OLD."{c}"' for c in fixed]
        + [f'(NEW."{c}" IS DISTINCT FROM OLD."{c}" AND NEW."{c}" IS NOT NULL)' for c in nullable]
    )
    masked = " OR ".join(f'NEW."{c}" IS DISTINCT FROM OLD."{c}"' for c in maskable)
    masking = f"coalesce(current_setting('{POSTGRES_MASKING_SETTING}', true), '') = 'on'"
    return [
        f"""CREATE OR REPLACE FUNCTION {TRIGGER_PREFIX}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' OR {changed} OR (({masked}) AND NOT {masking}) THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql""",
        f'DROP TRIGGER IF EXISTS {TRIGGER_PREFIX} ON "{table}"',
        f'CREATE TRIGGER {TRIGGER_PREFIX} BEFORE UPDATE OR DELETE ON "{table}" '
        f"FOR EACH ROW EXECUTE FUNCTION {TRIGGER_PREFIX}()",
    ]


def install_triggers(using: str = "default") -> bool:
    """Create (or re-create) the triggers; returns False on a database without support."""
    connection = connections[using]
    table = ReviewRecord._meta.db_table
    if table not in connection.introspection.table_names():
        return False
    if connection.vendor == "sqlite":
        statements = _sqlite_sql(table)
        connection.ensure_connection()
        register_connection_function(connection)
    elif connection.vendor == "postgresql":
        statements = _postgresql_sql(table)
    else:
        return False
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return True
