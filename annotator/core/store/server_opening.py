"""Making and opening a project on a PostgreSQL server: in an existing, empty database
(or a named schema of it), recognized by its ``project_format`` row, refused when a
newer Annotator made it."""

from __future__ import annotations

import psycopg
from psycopg import sql as pgsql

from annotator.core.errors import ProjectError
from annotator.core.schema import Schema, default_schema
from annotator.core.store.project_file import LATEST_VERSION
from annotator.core.store.records import log_action
from annotator.core.store.server import ServerConnection, connect_server
from annotator.core.store.server_address import ServerAddress
from annotator.core.store.server_schema import FIRST_SERVER_VERSION, format_10_script
from annotator.core.store.settings import write_setting


def create_on_server(address: ServerAddress, schema: Schema | None) -> ServerConnection:
    """A new project in the empty database (or schema) ``address`` names; its connection."""
    db = connect_server(address)
    try:
        with db.atomic():
            make_project(db, schema)
    except BaseException:
        db.close()
        raise
    return db


def make_project(db: ServerConnection, schema: Schema | None) -> None:
    """Make the project's tables in ``db``'s empty database (or schema), in the caller's
    transaction: a restore makes them and fills them in one."""
    if db.address.schema:
        db.conn.execute(pgsql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(pgsql.Identifier(db.address.schema)))
    _refuse_unless_empty(db)
    for statement in format_10_script():
        db.conn.execute(statement)
    write_setting(db, "schema", (schema or default_schema()).to_dict())
    log_action(db, "create_project", None, None, {"schema": (schema or default_schema()).name})


def _refuse_unless_empty(db: ServerConnection) -> None:
    tables = [row[0] for row in db.conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")]
    if "project_format" in tables:
        raise ProjectError(f"{db.address} already holds an Annotator project; open it, or choose another database")
    if tables:
        raise ProjectError(f"{db.address} is not empty (it has the tables {', '.join(tables[:5])}); "
                           "make a project in an empty database, or name a new schema with ?schema=NAME")


def open_on_server(address: ServerAddress, read_only: bool = False) -> ServerConnection:
    """The connection to an existing project on a server, its format checked; with
    ``read_only`` the server refuses every write of this connection."""
    db = connect_server(address)
    try:
        if read_only:
            db.make_read_only()
        version = format_version(db)
        if version < FIRST_SERVER_VERSION or version > LATEST_VERSION:
            raise ProjectError(
                f"{address} was made by a newer Annotator (project format {version}; this version reads up to "
                f"format {LATEST_VERSION}). Install a newer Annotator to open it.")
    except psycopg.OperationalError as error:  # the server went away while the project was being opened
        db.close()
        raise ProjectError(address.refusal(error)) from None
    except BaseException:
        db.close()
        raise
    return db


def format_version(db: ServerConnection) -> int:
    """The project format of the database; refuses one that is not a project."""
    exists = db.conn.execute("SELECT to_regclass('project_format') IS NOT NULL").fetchone()[0]
    row = db.conn.execute("SELECT version FROM project_format WHERE application = 'annotator'").fetchone() \
        if exists else None
    if row is None:
        tables = db.conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").fetchone()[0]
        if tables:
            raise ProjectError(f"{db.address} is a database but not an Annotator project (it holds {tables} other "
                               "table(s)); check the database name in the URL (and ?schema=NAME if the project is "
                               "in a schema of its own)")
        raise ProjectError(f"{db.address} is an empty database, not yet an Annotator project; create one there "
                           f"with `annotator init {db.address}`")
    return row[0]
