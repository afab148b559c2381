"""Check-outs: an annotator's documents copied to a file of their own for offline work
(``core/checkout.py``), and what a check-in needs to tell their work from the project's.

No migration: the project keeps each check-out in its ``settings`` table under
``checkout/TOKEN`` (annotator, file name, when, and per document id the hash of the
annotator's layer as the file holds it); the checked-out file keeps the token and the
project's name under ``checked_out``. A check-in moves each taken document's hash forward,
so a second check-in of the same file finds nothing new.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotator.core.store.records import log_action
from annotator.core.store.settings import read_setting, write_setting

if TYPE_CHECKING:
    from annotator.core.store.project import Project

PREFIX = "checkout/"
MARK = "checked_out"


def _put(project: "Project", key: str, value: Any) -> None:
    write_setting(project.db, key, value)


def _get(project: "Project", key: str) -> Any:
    return read_setting(project.db, key)


def record(project: "Project", token: str, entry: dict[str, Any]) -> None:
    """Remember a check-out in the project: one transaction, logged."""
    with project.transaction():
        _put(project, PREFIX + token, entry)
        log_action(project.db, "checkout", entry["annotator"], None,
                   {"token": token, "file": entry["file"], "documents": len(entry["documents"])})


def entry(project: "Project", token: str) -> dict[str, Any] | None:
    """The check-out ``token`` as ``record`` stored it (with later check-ins), or None."""
    return _get(project, PREFIX + token)


def checked_in(project: "Project", token: str, updated: dict[str, Any], detail: dict[str, Any]) -> None:
    """Inside the check-in's transaction: the check-out's hashes moved forward, and the log."""
    project._inside()
    _put(project, PREFIX + token, updated)
    log_action(project.db, "checkin", updated["annotator"], None, {"token": token, **detail})


def mark(project: "Project", mark_: dict[str, Any]) -> None:
    """Inside a transaction of the checked-out file: what project and check-out it comes from."""
    _put(project, MARK, mark_)


def mark_of(project: "Project") -> dict[str, Any] | None:
    """The ``mark`` of a checked-out file; None for any other project."""
    return _get(project, MARK)


def active_rows(project: "Project", document: int, layer: str) -> list[tuple[str, float]]:
    """(day, seconds) of ``layer``'s active time on ``document``, by day."""
    return [tuple(row) for row in project.db.execute(
        """SELECT t.day, t.seconds FROM active_time t JOIN layers l ON l.id = t.layer
           WHERE t.document = ? AND l.name = ? ORDER BY t.day""", [document, layer])]


def put_active_rows(project: "Project", document: int, layer: str, rows: list[tuple[str, float]]) -> None:
    """Inside a transaction: ``layer``'s active time on ``document`` becomes exactly ``rows``."""
    project._inside()
    layer_id = project.ensure_layer(layer)
    project.db.execute("DELETE FROM active_time WHERE document = ? AND layer = ?", [document, layer_id])
    project.db.executemany("INSERT INTO active_time (document, layer, day, seconds) VALUES (?, ?, ?, ?)",
                           [(document, layer_id, day, seconds) for day, seconds in rows])


def clear_layer(project: "Project", document: int, layer: str) -> None:
    """Inside a transaction: everything of ``layer`` on ``document`` goes (spans with their
    links and notes, the status, the document's note, its labels, its active time)."""
    project._inside()
    layer_id = project.ensure_layer(layer)
    for table in ("spans", "document_status", "notes", "document_labels", "active_time"):
        project.db.execute(f"DELETE FROM {table} WHERE document = ? AND layer = ?", [document, layer_id])
