"""The seam a second backend implements: what the store needs from a database.

``Project`` (``project.py``) and the store's readers (``listing``, ``rows``) talk to their
database only through this interface, with SQL in the dialect the SQLite project file
speaks. The SQLite backend is ``connection.Connection`` over the project file; a
PostgreSQL backend (a team's shared server) implements the same methods, translating the
few statements that differ, and the whole store test suite runs against every backend
(``tests/core/conftest.py``, the ``backend`` parameter).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol


class Cursor(Protocol):
    lastrowid: int | None

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Any: ...


class Backend(Protocol):
    rollbacks: int
    """How many transactions and savepoints were rolled back: what a cache of rows read
    inside one forgets when it moves (a row made there may be gone)."""

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> Cursor:
        """Run one statement; ``?`` or ``:name`` placeholders."""

    def write(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> None:
        """Run one change whose result nobody reads; inside a transaction it may wait and
        reach the database with the next statement or the commit, and an error in it end
        the transaction there."""

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> int:
        """Run one statement for each row (an import's documents); how many rows it changed."""

    def atomic(self) -> AbstractContextManager[Any]:
        """One all-or-nothing transaction; inside another, a savepoint."""

    @property
    def in_transaction(self) -> bool: ...

    def change_token(self) -> tuple[int, ...]:
        """A value that changes whenever anyone changed the data, for caches."""

    def others_token(self) -> int:
        """A value that moves only when another connection commits (a window follows the
        team's work by it); raises ``ProjectError`` when the project cannot be reached."""

    def tokens(self) -> tuple[tuple[int, ...], int]:
        """``change_token()`` and ``others_token()`` read at once (one round trip to a
        server): what a cache asks after each of its own edits."""

    def hold_document(self, document: int) -> None:
        """Inside a transaction: until it ends, no other connection's review decision on
        ``document`` runs beside it (two reviewers deciding one unit: the second waits,
        then sees the first's decision)."""

    def integrity_findings(self) -> list[str]:
        """The database's own checks of itself, one sentence each; empty when sound."""

    def backup(self, project: Path, destination: Path | None) -> Path:
        """A verified copy of the whole project; where it was written."""

    def close(self) -> None: ...
