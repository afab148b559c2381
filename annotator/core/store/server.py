"""The PostgreSQL backend (``backend.Backend``): a team's project on a shared server.

The store writes its SQL once, in the project file's dialect; here each statement is
put into PostgreSQL's words once (``dialect.to_postgres``, cached) and run with
client-side binding (``psycopg.ClientCursor``): values go into the statement as
literals, which PostgreSQL types from where they stand, as SQLite does, instead of
asking the server to guess a type for each ``$1`` (``? IS NULL`` has none).

The connection is in autocommit mode, like the file's: nothing opens a transaction
but ``atomic``. Within one, what the store does not wait for travels together: ``BEGIN``
goes with the first statement, and a change whose result nobody reads (``write``: the
edit log, a status) with the next statement or the ``COMMIT``, several statements in
one message; an insert hands back its id in the same message (``RETURNING id``), and
the inserts a connection repeats are prepared once (``server_prepared``). So adding a
span costs two round trips to the server, where a bare insert and commit costs three,
instead of one per statement. It listens on ``annotator_changes``, which every change to
a watched table notifies after its commit (``server_schema.WATCHED_TABLES``), so
``change_token`` moves when anyone commits, without polling the tables.

psycopg is imported only here, and this module only when a project is on a server:
opening a project file never pays for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import count
from typing import Any

import psycopg
from psycopg import sql as pgsql
from psycopg.adapt import Dumper, Loader
from psycopg.types.string import StrDumperUnknown

from annotator.core.errors import ProjectError
from annotator.core.store.connection import Tracing
from annotator.core.store.dialect import to_postgres
from annotator.core.store.server_address import ServerAddress
from annotator.core.store.server_prepared import PreparedInserts
from annotator.core.store.server_schema import IDENTITY_TABLES

CHANNEL = "annotator_changes"
_REVIEW_LOCKS = 0x414E  # the first key of the advisory locks on documents' reviews
_INSERT_INTO = re.compile(r"\s*INSERT\s+(?:OR\s+\w+\s+)?INTO\s+(\w+)", re.IGNORECASE)
_RETURNING = re.compile(r"\bRETURNING\b", re.IGNORECASE)


class _IntegralNumeric(Loader):
    """``numeric`` (what PostgreSQL's ``sum`` of bigints gives) as an int when whole, as
    SQLite gives it, else a float; never a Decimal the rest of the program would not expect."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode("ascii")
        return float(text) if any(mark in text for mark in ".eEN") else int(text)


class _TextFromUtf8(StrDumperUnknown):
    """Bytes as the UTF-8 text they hold: the store passes an imported text as its UTF-8
    (``CAST(? AS TEXT)``, which SQLite stores as text); there are no binary columns."""

    def dump(self, obj: bytes) -> bytes:
        if b"\x00" in obj:
            raise psycopg.DataError("PostgreSQL text cannot hold NUL (0x00)")
        return bytes(obj)


class _BoolAsInteger(Dumper):
    """A Python bool as 1 or 0, as SQLite stores it (the columns are integers)."""

    oid = psycopg.adapters.types["int8"].oid

    def dump(self, obj: bool) -> bytes:
        return b"1" if obj else b"0"

    def quote(self, obj: bool) -> bytes:
        return self.dump(obj)


@lru_cache(maxsize=512)
def _returning_id(statement: str) -> bool:
    """Whether ``statement`` inserts into a table with an id column, and so can hand back
    the id it made (``RETURNING id``) in the same message."""
    inserted = _INSERT_INTO.match(statement)
    return bool(inserted and inserted[1] in IDENTITY_TABLES and not _RETURNING.search(statement))


class ServerCursor:
    """What the store reads from a statement: rows, and the id an insert made."""

    def __init__(self, cursor: psycopg.Cursor, returns_id: bool = False) -> None:
        self._cursor = cursor
        self._returns_id = returns_id
        self._id: int | None = None
        while cursor.nextset():  # several statements sent at once: the store's is the last
            pass

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall() if self._cursor.description else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        """The id this insert drew from its table's identity column, handed back with it."""
        if self._returns_id:
            rows = self.fetchall()
            self._id, self._returns_id = (rows[-1][0] if rows else None), False
        return self._id


class ServerConnection(Tracing):
    """One connection to a project on a PostgreSQL server; the interface of ``Connection``.

    ``conn`` is the psycopg connection for those who speak to it directly (backup,
    roles): taking it first sends what the open unit still holds back."""

    def __init__(self, address: ServerAddress, conn: psycopg.Connection) -> None:
        self.address = address
        self._conn = conn
        self.watch = None
        self.read_only = False
        self.rollbacks = 0
        self._savepoints = count(1)
        self._seen_changes = 0
        self._others_heard = 0
        self._own_commits = 0
        self._begin_held = False  # a unit is open, and its BEGIN waits for its first statement
        self._held: list[str] = []  # statements of the open unit that wait for the next message
        self._messages = 0  # messages sent with something held: a savepoint knows whether it left
        self._prepared = PreparedInserts()
        self._set_up(conn)

    @property
    def conn(self) -> psycopg.Connection:
        self._send_held()
        return self._conn

    def _set_up(self, conn: psycopg.Connection) -> None:
        """What every connection of this project needs, the first and each one after a reconnect."""
        conn.adapters.register_loader("numeric", _IntegralNumeric)
        conn.adapters.register_dumper(bool, _BoolAsInteger)
        for binary in (bytes, bytearray, memoryview):
            conn.adapters.register_dumper(binary, _TextFromUtf8)
        if self.address.schema:
            conn.execute(pgsql.SQL("SET search_path TO {}").format(pgsql.Identifier(self.address.schema)))
        if self.read_only:
            conn.execute("SET default_transaction_read_only = on")
        conn.execute(f"LISTEN {CHANNEL}")
        self._quoting = conn.cursor()  # puts values into statements (``_literal``); runs none
        self._prepared.forget()

    def make_read_only(self) -> None:
        """The server refuses every write of this connection (and of those after a reconnect)."""
        self.read_only = True
        self.conn.execute("SET default_transaction_read_only = on")

    # -- a server that went away ----------------------------------------------------------------

    def _usable(self) -> None:
        """Reconnect if the server dropped the connection (a restart, the network); between
        transactions only, so nothing half done is ever carried over. Raises the one-line
        ``offline`` ``ProjectError`` while it cannot."""
        if not (self._conn.closed or self._conn.broken):
            return
        try:
            conn = psycopg.connect(self.address.conninfo, autocommit=True, cursor_factory=psycopg.ClientCursor,
                                   connect_timeout=5)
            self._set_up(conn)
        except psycopg.OperationalError as error:
            raise ProjectError(self._offline(error)) from None
        self._conn = conn
        self._others_heard += 1  # others may have written meanwhile: whoever follows them, look again

    def _gone(self, error: Exception) -> bool:
        """Whether ``error`` means the connection is lost: psycopg marked it broken, or the
        error has no SQLSTATE (the client library's own: a socket closed under it, a command
        left in progress on it) or one of a lost connection (class 08, the server shutting
        down). Such a connection is closed, so the next unit makes it again."""
        if self._conn.closed or self._conn.broken:
            return True
        state = getattr(error, "sqlstate", None)
        if state is None or state.startswith("08") or state in ("57P01", "57P02", "57P03"):
            self._conn.close()
            return True
        return False

    def _offline(self, error: Exception) -> str:
        return (f"offline: {self.address.server()} cannot be reached ({_first_line(error)}); nothing can be "
                "saved until it is back, and it reconnects by itself")

    def _lost(self, error: Exception) -> str:
        return (f"not saved: the connection to {self.address.server()} was lost ({_first_line(error)}); "
                "nothing of this action was stored, and it reconnects by itself: try again")

    # -- statements -------------------------------------------------------------------------

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> ServerCursor:
        if self._tracer is not None:
            self._tracer(sql, parameters)
        statement = to_postgres(sql)
        returns_id = _returning_id(statement)
        if returns_id:
            statement = f"{statement.rstrip().rstrip(';')} RETURNING id"
        if not self.in_transaction:
            return ServerCursor(self._first(lambda: self._run(statement, parameters)), returns_id)
        return ServerCursor(self._send_with_held(self._literal(statement, parameters)), returns_id)

    def write(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> None:
        """A change whose result nobody reads: inside a unit it waits, and travels to the
        server with the unit's next statement or its ``COMMIT`` (an error in it ends the
        unit there, as it would have here)."""
        if not self.in_transaction:
            self.execute(sql, parameters)
            return
        if self._tracer is not None:
            self._tracer(sql, parameters)
        self._held.append(self._literal(to_postgres(sql), parameters))

    def _literal(self, statement: str, parameters: Sequence[Any] | dict[str, Any] | None) -> str:
        """``statement`` with its values in it, as it will be sent (a prepared insert as
        its ``EXECUTE``, ``server_prepared``)."""
        prepared = self._prepared.call(statement, parameters)
        return self._quoting.mogrify(prepared or statement, _values(parameters))

    def _send_with_held(self, last: str | None = None, committing: bool = False) -> psycopg.Cursor | None:
        """Send what the unit holds back (its ``BEGIN``, its waiting changes), followed by
        ``last`` if given, as one message; the cursor of that message. ``committing``: the
        message ends with the ``COMMIT``, and a connection lost under it is the caller's to
        word (the action may have landed)."""
        held = (["BEGIN"] if self._begin_held else []) + self._held + ([last] if last else [])
        if not held:
            return None
        message = ";\n".join(held)
        opening = self._begin_held
        self._held, self._begin_held = [], False  # from here the server says where the unit is
        self._messages += 1
        if opening:
            # nothing of the unit has reached the server: a connection dropped since its
            # last use is made again and the message sent again (``_first``)
            return self._first(lambda: self._run_literal(message))
        if committing:
            return self._run_literal(message)
        return self.inside_unit(lambda conn: self._run_literal(message))

    def _send_held(self) -> None:
        if self._begin_held or self._held:
            self._send_with_held()

    def inside_unit(self, step: Any) -> Any:
        """``step(conn)`` inside a transaction: a connection lost there loses the whole unit,
        said in the one ``not saved`` line (never psycopg's own error)."""
        try:
            return step(self._conn)
        except psycopg.OperationalError as error:
            if not self._gone(error):
                raise
            raise ProjectError(self._lost(error)) from None

    def _run(self, statement: str, parameters: Sequence[Any] | dict[str, Any] | None) -> psycopg.Cursor:
        cursor = self._conn.cursor()
        cursor.execute(statement, _values(parameters))
        return cursor

    def _run_literal(self, message: str) -> psycopg.Cursor:
        """``message`` as it is: its values are in it already (``_literal``), so a ``%`` in
        one is itself, not a placeholder."""
        cursor = self._conn.cursor()
        cursor.execute(message, None)
        return cursor

    def _first(self, step: Any) -> Any:
        """``step`` (what begins a unit: a read on its own, or ``BEGIN``) on a usable
        connection: a connection the server dropped since its last use is found dead
        only when used, and then made again and ``step`` tried once more, nothing of
        the unit having been done."""
        self._usable()
        try:
            return step()
        except psycopg.OperationalError as error:
            if not self._gone(error):
                raise
            self._usable()
            try:
                return step()
            except psycopg.OperationalError as again:
                raise ProjectError(self._offline(again)) from None

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> int:
        statement = to_postgres(sql)
        values = [_values(row) for row in rows]

        def run(conn: psycopg.Connection) -> int:
            with conn.cursor() as cursor:
                cursor.executemany(statement, values)
                return max(cursor.rowcount, 0)

        if not self.in_transaction:
            return run(self._conn)
        self._send_held()
        return self.inside_unit(run)

    # -- transactions -----------------------------------------------------------------------

    @contextmanager
    def atomic(self) -> Iterator["ServerConnection"]:
        """One transaction; inside another, a savepoint that rolls back on its own."""
        if self.in_transaction:
            yield from self._savepoint()
            return
        if self._prepared.waiting:
            self._first(lambda: self._prepared.prepare_waiting(self._conn.execute))
        self._begin_held, self._held = True, []
        try:
            yield self
        except BaseException:
            self._rollback()
            raise
        self._commit()

    def _commit(self) -> None:
        if self._begin_held and not self._held:
            self._begin_held = False  # nothing was done
            return
        if self._begin_held:
            # a unit of changes alone: they go first with its BEGIN, which a connection dropped
            # meanwhile may send again (``_first``); a message with a COMMIT is sent only once
            try:
                self._send_with_held()
            except BaseException:
                self._rollback()
                raise
        try:
            self._send_with_held("COMMIT", committing=True)
        except psycopg.OperationalError as error:
            gone = self._gone(error)
            self._rollback()
            if not gone:
                raise
            raise ProjectError(
                f"not acknowledged: the connection to {self.address.server()} was lost while this action was "
                f"being saved ({_first_line(error)}); it may or may not be stored: look again once it "
                "reconnects") from None
        except BaseException:
            self._rollback()  # a change held back until the COMMIT was refused: the unit ends here
            raise
        self._own_commits += 1

    def _savepoint(self) -> Iterator["ServerConnection"]:
        name = f"annotator_{next(self._savepoints)}"
        mark, messages = len(self._held), self._messages
        self._held.append(f"SAVEPOINT {name}")
        try:
            yield self
        except BaseException:
            self.rollbacks += 1
            if self._messages == messages:
                del self._held[mark:]  # the savepoint never reached the server: nor will its changes
            elif self.in_transaction and not self._conn.broken:
                self._held = []  # all of them after the savepoint
                try:
                    self._inside(f"ROLLBACK TO SAVEPOINT {name};\nRELEASE SAVEPOINT {name}")
                except (psycopg.Error, ProjectError):
                    pass  # the unit failed before its savepoint was made: it ends as a whole, on what raised
            raise
        self._held.append(f"RELEASE SAVEPOINT {name}")

    def _inside(self, statement: str) -> None:
        """A statement of the open transaction; a connection lost there loses the whole unit."""
        try:
            self._conn.execute(statement)
        except psycopg.OperationalError as error:
            if not self._gone(error):
                raise
            raise ProjectError(self._lost(error)) from None

    def _rollback(self) -> None:
        self.rollbacks += 1
        begun = not self._begin_held
        self._begin_held, self._held = False, []
        if not begun or self._conn.closed or self._conn.broken:
            return  # nothing reached the server, or it ended the transaction with the connection
        if self._conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            try:
                self._conn.execute("ROLLBACK")
            except psycopg.OperationalError as error:
                if not self._gone(error):
                    raise
                # lost meanwhile: the server ended the transaction with it, and the error
                # that brought the rollback is what the user is told

    @property
    def in_transaction(self) -> bool:
        return self._begin_held or self._conn.info.transaction_status in (
            psycopg.pq.TransactionStatus.INTRANS, psycopg.pq.TransactionStatus.INERROR)

    # -- following the others ---------------------------------------------------------------

    def change_token(self) -> tuple[int, int, int]:
        """Moves when anyone commits a change: the ``project_changes`` sequence, which a
        change draws from at once (so a reader sees it without waiting for a message),
        the notifications heard, which arrive after a commit (so a reader that looked
        between a change and its commit looks again), and this connection's own commits."""
        def draw(conn: psycopg.Connection) -> Any:
            return conn.execute("SELECT last_value FROM project_changes")

        if self.in_transaction:
            self._send_held()
            drawn = self.inside_unit(draw).fetchone()[0]
        else:  # after a restart: made again, as for any read
            drawn = self._first(lambda: draw(self._conn)).fetchone()[0]
        self._hear()
        return drawn, self._seen_changes, self._own_commits

    def tokens(self) -> tuple[tuple[int, int, int], int]:
        """``change_token()`` and ``others_token()`` in one round trip: the first reads what
        the server has sent meanwhile, the notifications of the others' commits included."""
        token = self.change_token()
        return token, self._others_heard

    def others_token(self) -> int:
        """The commits of other connections heard so far (a session hears its own too)."""
        if self.in_transaction:
            return self._others_heard
        self._first(lambda: self._conn.execute("SELECT 1"))  # reads what the server has sent meanwhile
        self._hear()
        return self._others_heard

    def _hear(self) -> None:
        if self.in_transaction:
            return
        own = self._conn.info.backend_pid
        try:
            for notice in self._conn.notifies(timeout=0):
                self._seen_changes += 1
                self._others_heard += notice.pid != own
        except psycopg.OperationalError as error:
            if not self._gone(error):
                raise
            # lost since the read before: heard nothing; the next statement reconnects (and
            # counts the others as heard) or says offline

    def hold_document(self, document: int) -> None:
        """A lock of the transaction on ``document``'s review (an advisory lock: it needs no
        right to write any table, so a reviewer holds it too), released at its end."""
        self.execute("SELECT pg_advisory_xact_lock(?, ?)", [_REVIEW_LOCKS, document])

    def integrity_findings(self) -> list[str]:
        """The server keeps its own constraints at every commit; nothing to find here."""
        return []

    def backup(self, project: Any, destination: Any = None) -> Any:
        from annotator.core.store.server_backup import backup_to_file

        if destination is None:
            raise ProjectError(f"{self.address}: a project on a server is backed up with "
                               "`annotator backup URL -o copy.annotator` or pg_dump")
        return backup_to_file(self, destination)

    def close(self) -> None:
        self._conn.close()


def _first_line(error: Exception) -> str:
    """The reason in a few words: libpq's first line, without its repeated "connection to
    server at …, port … failed:" preamble (the message names the server already)."""
    line = (str(error).strip().splitlines() or [type(error).__name__])[0]
    reason = line.rsplit(" failed: ", 1)[-1].strip()
    return reason[:1].lower() + reason[1:]


def _values(parameters: Sequence[Any] | dict[str, Any] | None) -> Sequence[Any] | dict[str, Any]:
    if parameters is None:
        return ()
    return parameters if isinstance(parameters, dict) else tuple(parameters)


def connect_server(address: ServerAddress) -> ServerConnection:
    """A connection to the server ``address`` names; a refusal worded for the user."""
    conn = None
    try:
        conn = psycopg.connect(address.conninfo, autocommit=True, cursor_factory=psycopg.ClientCursor,
                               connect_timeout=10)
        return ServerConnection(address, conn)  # its first statements: the server may go away here too
    except psycopg.OperationalError as error:
        if conn is not None:
            conn.close()
        raise ProjectError(address.refusal(error)) from None
