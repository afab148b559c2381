"""The store's inserts on a team's server, prepared once per connection.

A statement sent as text is parsed and planned by the server each time it comes. The
inserts an annotator's every action makes (the span, the document's status, the edit
log) are prepared instead: the first time the connection is between transactions after
meeting one, it sends ``PREPARE``, and from then on the insert travels as ``EXECUTE``
with its values written in, in the same messages as before (``server.ServerConnection``).

Only inserts are prepared: each value takes the type of the column it goes into, as the
literal it replaces would. One the server cannot prepare (a value whose type it cannot
tell from where it stands) is sent as text, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import count
from typing import Any

import psycopg

_INSERT = re.compile(r"\s*INSERT\b", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"%s|%%")


class PreparedInserts:
    def __init__(self) -> None:
        self._names: dict[str, str | None] = {}  # statement -> its prepared name; None: not (yet)
        self._waiting: list[str] = []
        self._numbers = count(1)

    def forget(self) -> None:
        """A new connection: it has none of them."""
        self._names.clear()
        self._waiting.clear()

    @property
    def waiting(self) -> bool:
        return bool(self._waiting)

    def call(self, statement: str, parameters: Any) -> str | None:
        """``statement`` as ``EXECUTE name(%s, …)`` for these values, or None to send it as
        it is (not an insert, not prepared yet: then it waits to be, or not preparable)."""
        if not isinstance(parameters, Sequence) or not parameters or not _INSERT.match(statement):
            return None
        if statement not in self._names:
            self._names[statement] = None
            self._waiting.append(statement)
        name = self._names[statement]
        return None if name is None else f"EXECUTE {name}({', '.join(['%s'] * len(parameters))})"

    def prepare_waiting(self, run: Callable[[str], Any]) -> None:
        """``PREPARE`` each insert met since, one at a time outside any transaction, so that
        one the server refuses to prepare is simply left as text."""
        while self._waiting:
            statement = self._waiting.pop()
            name = f"annotator_insert_{next(self._numbers)}"
            try:
                run(f"PREPARE {name} AS {_numbered(statement)}")
            except psycopg.OperationalError:
                raise
            except psycopg.Error:
                continue
            self._names[statement] = name


def _numbered(statement: str) -> str:
    """psycopg's placeholders as the server's own: ``%s`` as ``$1``, ``$2``, …, ``%%`` as ``%``."""
    numbers = count(1)
    return _PLACEHOLDER.sub(lambda match: "%" if match[0] == "%%" else f"${next(numbers)}", statement)
