"""The open project file's connection: statements, transactions and a tracer.

Why not ``sqlite_utils.Database`` here: importing sqlite_utils imports numpy and pandas
whenever they are installed, and click, dateutil and pluggy besides, all of which would
slow every start of the window. Everything the app does with an open project is SQL
through ``execute`` inside ``atomic`` transactions, which is this class. sqlite-utils
still runs the migrations (``store._apply_migrations``), on a ``Database`` made over the
same sqlite3 connection, imported only when a project is created or upgraded.

The connection is in autocommit mode (``isolation_level=None``): nothing opens a
transaction but ``atomic``, so a statement outside one commits by itself, as sqlite-utils'
``execute`` behaves.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import count
from typing import Any, Protocol

from annotator.core.store import backup as backups

Tracer = Callable[[str, Any], None]


class Watch(Protocol):
    def check(self) -> None: ...

    def release(self) -> None: ...


class Tracing:
    """``tracer``, for every backend: its ``execute`` calls ``self._tracer`` when set."""

    _tracer: Tracer | None = None

    @contextmanager
    def tracer(self, tracer: Tracer | None = None) -> Iterator[Any]:
        """Call ``tracer(sql, parameters)`` for every statement run through ``execute``."""
        previous, self._tracer = self._tracer, tracer
        try:
            yield self
        finally:
            self._tracer = previous


class Connection(Tracing):
    """The SQLite backend (``backend.Backend``): ``execute``, ``atomic`` (nested as
    savepoints), ``tracer``, ``close`` and the rest of the interface.

    ``watch``, when set, checks before each outermost transaction and after its commit,
    and raises to refuse it (before) or to withhold its acknowledgement (after); it is
    released when the connection closes.
    """

    def __init__(self, connection: sqlite3.Connection):
        if connection.isolation_level is not None:
            raise ValueError("the project connection must be in autocommit mode (isolation_level=None)")
        self.conn = connection
        self._savepoints = count(1)
        self.watch: Watch | None = None
        self.rollbacks = 0

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> sqlite3.Cursor:
        if self._tracer is not None:
            self._tracer(sql, parameters)
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def write(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> None:
        """A change whose result nobody reads (on a file, simply run)."""
        self.execute(sql, parameters)

    @contextmanager
    def atomic(self) -> Iterator["Connection"]:
        """One transaction; inside another, a savepoint that rolls back on its own."""
        if self.conn.in_transaction:
            yield from self._savepoint()
            return
        self._check_watch()
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self._rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        self._check_watch()

    def _check_watch(self) -> None:
        if self.watch is not None:
            self.watch.check()

    def _savepoint(self) -> Iterator["Connection"]:
        name = f"annotator_{next(self._savepoints)}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield self
        except BaseException:
            self.rollbacks += 1
            # An error such as a full disk can end the whole transaction, savepoint
            # included; then there is nothing left to roll back to.
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        self.conn.execute(f"RELEASE SAVEPOINT {name}")

    def executemany(self, sql: str, rows) -> int:
        return self.conn.executemany(sql, rows).rowcount

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def change_token(self) -> tuple[int, int]:
        """``data_version`` moves when another connection commits, ``total_changes`` when this one does."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes

    def others_token(self) -> int:
        """``data_version`` moves when another connection commits, never for this one's."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def tokens(self) -> tuple[tuple[int, int], int]:
        """``change_token()`` and ``others_token()``, from one read of ``data_version``."""
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return (version, self.conn.total_changes), version

    def hold_document(self, document: int) -> None:
        """Nothing to do: a project file has one writer at a time (``WriterLock``)."""

    def integrity_findings(self) -> list[str]:
        found = [f"integrity: {row[0]}" for row in self.conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        found += [f"broken reference in table {row[0]} (row {row[1]})"
                  for row in self.conn.execute("PRAGMA foreign_key_check")]
        return found

    def backup(self, project, destination=None):
        return backups.make_backup(self.conn, project, destination)

    def _rollback(self) -> None:
        self.rollbacks += 1
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()
        if self.watch is not None:
            self.watch.release()
            self.watch = None
