"""A server project to an ordinary project file and back: ``annotator backup URL -o
copy.annotator`` and ``annotator restore copy.annotator URL``.

The backup reads every table in one snapshot (a ``REPEATABLE READ``, read-only
transaction: what the server held at one moment, whatever the team writes meanwhile),
writes them into a new project file under a temporary name, checks it, and only then
gives it its name. The restore writes a file's rows into an empty database in one
transaction, so an interrupted restore leaves nothing.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.core.store.server_roles import ROLES_SETTING

# In the order their references allow; document_words follows documents by trigger on
# both sides, the search tables are rebuilt from the spans when first searched.
TABLES = ("settings", "documents", "annotators", "layers", "spans", "relations", "document_status", "edit_log",
          "provenance", "rejections", "rejected_suggestions", "notes", "active_time", "document_labels",
          "assignments")
# The team of the server a project is on (its roles' names): never carried to a copy,
# where they would name, and so let a new member into, the project it was copied from.
SERVER_ONLY_SETTINGS = (ROLES_SETTING,)
IDENTITY_TABLES = ("annotators", "layers", "spans", "relations", "edit_log", "provenance", "rejections", "notes")
_BATCH = 5000


def _columns(file: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in file.execute(f"PRAGMA table_info({table})")]


def _quoted(columns: list[str]) -> str:
    return ", ".join(f'"{column}"' for column in columns)


def backup_to_file(db: Any, destination: Path) -> Path:
    """Write the server project ``db`` holds as a new project file at ``destination``."""
    from annotator.core.store.opening import create_file

    destination = Path(destination)
    if destination.exists():
        raise ProjectError(f"{destination} already exists; choose another name for the backup")
    building = destination.with_name(f".{destination.name}.backup")
    building.unlink(missing_ok=True)
    create_file(building, None).close()
    file = sqlite3.connect(building, isolation_level=None)
    try:
        file.execute("BEGIN")
        file.execute("DELETE FROM settings")
        file.execute("DELETE FROM edit_log")
        db.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            for table in TABLES:
                _copy_to_file(db, file, table)
        finally:
            db.conn.execute("ROLLBACK")
        file.execute(f"DELETE FROM settings WHERE key IN ({', '.join('?' * len(SERVER_ONLY_SETTINGS))})",
                     SERVER_ONLY_SETTINGS)
        file.execute("COMMIT")
        verdict = file.execute("PRAGMA integrity_check").fetchone()[0]
        broken = file.execute("PRAGMA foreign_key_check").fetchall()
        if verdict != "ok" or broken:
            raise ProjectError(f"the backup of {db.address} failed its check ({verdict}); nothing was written")
        file.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        file.close()
        building.unlink(missing_ok=True)
        raise
    file.close()
    for leftover in (Path(f"{building}-wal"), Path(f"{building}-shm")):
        leftover.unlink(missing_ok=True)
    os.replace(building, destination)
    return destination


def _copy_to_file(db: Any, file: sqlite3.Connection, table: str) -> None:
    columns = _columns(file, table)
    insert = f"INSERT OR REPLACE INTO {table} ({_quoted(columns)}) VALUES ({', '.join('?' * len(columns))})"
    with db.conn.cursor(name=f"backup_{table}") as rows:  # a server-side cursor: memory stays flat
        rows.itersize = _BATCH
        rows.execute(f"SELECT {_quoted(columns)} FROM {table} ORDER BY 1")
        while batch := rows.fetchmany(_BATCH):
            file.executemany(insert, batch)


def restore_from_file(source: Path, db: Any) -> None:
    """Copy the project file ``source`` into the new, empty server project ``db``."""
    file = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
    try:
        with db.atomic():
            db.conn.execute("DELETE FROM settings")
            db.conn.execute("DELETE FROM edit_log")
            for table in TABLES:
                _copy_to_server(file, db, table)
            db.execute(f"DELETE FROM settings WHERE key IN ({', '.join('?' * len(SERVER_ONLY_SETTINGS))})",
                       SERVER_ONLY_SETTINGS)
            for table in IDENTITY_TABLES:
                db.conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)")
    finally:
        file.close()


def _copy_to_server(file: sqlite3.Connection, db: Any, table: str) -> None:
    columns = _columns(file, table)
    with db.conn.cursor().copy(f"COPY {table} ({_quoted(columns)}) FROM STDIN") as copy:
        for row in file.execute(f"SELECT {_quoted(columns)} FROM {table}"):
            copy.write_row(row)


def restore_to_server(source: Path, address: Any) -> int:
    """Make a project in the empty database (or schema) ``address`` names and fill it
    with the project file ``source``, in one transaction: all of it, or nothing. The
    number of documents restored."""
    from annotator.core.store.project_file import LATEST_VERSION, check_file
    from annotator.core.store.server import connect_server
    from annotator.core.store.server_opening import make_project

    version = check_file(source)
    if version != LATEST_VERSION:
        raise ProjectError(f"{source} is in project format {version}, this Annotator restores format {LATEST_VERSION}: "
                           f"open it once with this Annotator (`annotator check {source}`) to upgrade it, then restore")
    db = connect_server(address)
    try:
        _refuse_unless_empty(db)
        with db.atomic():
            make_project(db, None)  # its settings (the file's schema among them) come from the file
            restore_from_file(source, db)
        return db.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        db.close()


def _refuse_unless_empty(db: Any) -> None:
    tables = [row[0] for row in db.conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")]
    what = "already holds an Annotator project" if "project_format" in tables else \
        f"is not empty (it has {len(tables)} table(s))" if tables else None
    if what:
        raise ProjectError(f"{db.address} {what}; nothing was restored: restore into a new, empty database "
                           "(createdb NAME) or a new schema of this one (?schema=NAME in the URL)")
