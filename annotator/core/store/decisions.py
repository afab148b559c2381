"""Gold decisions found by their provenance: the spans and links that one run of a
decision made, stamped with the same time and reason, so that the run can be listed
and undone as a whole after the program that made it has ended; and where one gold link
came from (the store's ``Project.provenance`` says it of a gold span)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from annotator.core.model import Relation, Span
from annotator.core.store.records import RELATION_COLUMNS, SPAN_COLUMNS, relation_of, span_of

if TYPE_CHECKING:
    from annotator.core.store.project import Project


def runs(project: "Project", reason: str) -> list[tuple[str, str, int, int]]:
    """(decided at, decided by, gold spans, documents) of each run with this reason that
    still has a gold span, oldest first."""
    return [tuple(row) for row in project.db.execute(
        """SELECT p.decided_at, p.decided_by, count(*), count(DISTINCT s.document)
           FROM provenance p JOIN spans s ON s.id = p.span
           WHERE p.reason = ? GROUP BY p.decided_at, p.decided_by ORDER BY p.decided_at""", [reason])]


def made_in_run(project: "Project", decided_at: str, reason: str) -> tuple[list[Span], list[Relation]]:
    """The gold spans and links decided at ``decided_at`` with ``reason``, by document."""
    spans = project.db.execute(
        f"""SELECT {SPAN_COLUMNS} FROM provenance p JOIN spans s ON s.id = p.span
            JOIN layers l ON l.id = s.layer WHERE p.decided_at = ? AND p.reason = ?
            ORDER BY s.document, s.id""", [decided_at, reason])
    relations = project.db.execute(
        f"""SELECT {RELATION_COLUMNS} FROM provenance p JOIN relations r ON r.id = p.relation
            JOIN layers l ON l.id = r.layer WHERE p.decided_at = ? AND p.reason = ?
            ORDER BY r.document, r.id""", [decided_at, reason])
    return [span_of(row) for row in spans], [relation_of(row) for row in relations]


def hold_review(project: "Project", document: int) -> None:
    """Inside a decision's transaction: no other reviewer's decision on ``document`` runs
    beside it until it ends (``Backend.hold_document``)."""
    project.db.hold_document(document)


def unit_decision(project: "Project", document: int, unit: str) -> tuple[str, str] | None:
    """How review unit ``unit`` of ``document`` was settled and by whom: a gold span's
    decision (``picked``…) or ``rejected``; None when no decision names it."""
    row = project.db.execute(
        """SELECT p.decision, p.decided_by FROM provenance p JOIN spans s ON s.id = p.span
           WHERE s.document = ? AND p.unit = ?
           UNION ALL SELECT 'rejected', decided_by FROM rejections WHERE document = ? AND unit = ?""",
        [document, unit, document, unit]).fetchone()
    return (row[0], row[1]) if row else None


def link_origin(project: "Project", relation_id: int) -> dict[str, Any] | None:
    """Where a gold link came from, as ``Project.provenance`` says it of a gold span."""
    row = project.db.execute(
        "SELECT decision, sources, decided_by, decided_at, reason, unit FROM provenance WHERE relation = ?",
        [relation_id]).fetchone()
    if row is None:
        return None
    decision, sources, by, at, reason, unit = row
    return {"decision": decision, "sources": json.loads(sources), "decided_by": by, "decided_at": at,
            "reason": reason, "unit": unit}
