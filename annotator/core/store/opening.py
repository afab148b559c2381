"""Making and opening a project file: built whole under a temporary name, recognized,
checked, locked for its one writer, and migrated forward after a backup."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.core.schema import Schema, default_schema
from annotator.core.store.backup import make_backup
from annotator.core.store.connection import Connection
from annotator.core.store.project_file import (
    LATEST_VERSION,
    WriterLock,
    check_file,
    check_health,
    connect,
    shut_down_uncleanly,
)
from annotator.core.store.records import log_action
from annotator.core.store.settings import write_setting


def location(place: str | Path | Any) -> Any:
    """A project's place: a ``postgresql://`` URL's ``ServerAddress``, or a file's ``Path``."""
    from annotator.core.store.server_address import ServerAddress, is_server_url

    if isinstance(place, ServerAddress):
        return place
    return ServerAddress(str(place)) if is_server_url(place) else Path(place)


def create_at(place: Any, schema: Schema | None) -> Any:
    """A new project at ``place`` (see ``location``); its connection."""
    if isinstance(place, Path):
        return create_file(place, schema)
    from annotator.core.store.server_opening import create_on_server

    return create_on_server(place, schema)


def open_at(place: Any, writer: bool, read_only: bool) -> tuple[Any, WriterLock | None]:
    """An existing project's connection (and a file's writer lock); see ``open_file``.
    On a server every client writes at once; the database orders their transactions."""
    if isinstance(place, Path):
        return open_file(place, writer, read_only)
    from annotator.core.store.server_opening import open_on_server
    from annotator.core.store.server_roles import refused_opening

    with refused_opening(place):
        return open_on_server(place, read_only), None


def create_file(path: Path, schema: Schema | None) -> Connection:
    """A new project file, never half made whenever the program is killed; its connection."""
    if path.exists() and path.stat().st_size > 0:
        raise ProjectError(f"{path} already exists; open it, or choose another name")
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(f".{path.name}.creating")
    for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        leftover.unlink(missing_ok=True)
    db = connect(building)
    try:
        apply_migrations(db)
        with db.atomic():
            write_setting(db, "schema", (schema or default_schema()).to_dict())
            log_action(db, "create_project", None, None, {"schema": (schema or default_schema()).name})
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    os.replace(building, path)
    return connect(path)


def open_file(path: Path, writer: bool, read_only: bool) -> tuple[Connection, WriterLock | None]:
    """An existing project file's connection (and the writer's lock), checked and migrated."""
    version = check_file(path)
    lock = WriterLock(path).acquire() if writer else None
    try:
        thorough = shut_down_uncleanly(path)
        db = connect(path, read_only=read_only and version == LATEST_VERSION)
    except BaseException:
        if lock:
            lock.release()
        raise
    try:
        check_health(db, path, thorough)
        if version < LATEST_VERSION:
            migrate(db, path, version)
        return db, lock
    except BaseException:
        db.close()
        if lock:
            lock.release()
        raise


def migrate(db: Connection, path: Path, version: int) -> None:
    """Back up, then apply the pending migrations; a failure leaves the file as it was."""
    backup_before_migration(db, path, version)
    try:
        with db.atomic():  # every pending migration, or none
            apply_migrations(db)
    except (sqlite3.Error, ValueError, RuntimeError) as error:
        raise ProjectError(
            f"{path} could not be upgraded from project format {version} ({error}); it was left "
            f"as it was, and a copy is in {path.name}.format{version}.bak"
        ) from None


def apply_migrations(db: Connection) -> None:
    """Run the pending migrations with sqlite-utils, on this same connection.

    Imported here, not at the top: opening an up-to-date project never needs it.
    ``execute_plugins=False``: sqlite-utils plugins installed for other tools have no
    business on a project's connection (and finding them scans every installed package).
    """
    from sqlite_utils import Database

    from annotator.core.store.migrations import project_migrations

    project_migrations.apply(Database(db.conn, execute_plugins=False))


def backup_before_migration(db: Connection, path: Path, version: int) -> None:
    """A verified copy of the project before its format changes."""
    make_backup(db.conn, path, path.with_name(f"{path.name}.format{version}.bak"))


