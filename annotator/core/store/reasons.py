"""Why a reviewer decided as they did, stored beside a decision's provenance (a gold
span or link) or rejection: a category, whether the guidelines need updating, and how
many milliseconds passed between showing the unit and deciding. NULL means not given
(decisions made before these were recorded, or a bulk acceptance)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from annotator.core.model import Changes

if TYPE_CHECKING:
    from annotator.core.store.project import Project

CATEGORIES = ("annotator_error", "ambiguous_text", "guideline_gap", "schema_gap")  # the CHECK of migration 0007
_FIELDS = "category, guidelines_need_update, decision_ms"


def record(project: "Project", changes: Changes, category: str | None, guidelines_need_update: bool,
           decision_ms: int | None) -> None:
    """Stamp what a decision made (its gold spans and links, its rejections) with why;
    part of the decision's own transaction."""
    project._inside()
    values = [category, int(guidelines_need_update), decision_ms]
    for column, ids in (("span", [s.id for s in changes.spans_added]),
                        ("relation", [r.id for r in changes.relations_added])):
        if ids:
            project.db.execute(f"""UPDATE provenance SET category = ?, guidelines_need_update = ?, decision_ms = ?
                                   WHERE {column} IN ({", ".join("?" * len(ids))})""", values + ids)
    for unit in changes.units_rejected:
        project.db.execute("""UPDATE rejections SET category = ?, guidelines_need_update = ?, decision_ms = ?
                              WHERE document = ? AND unit = ?""", values + [changes.document, unit])


def of_span(project: "Project", span_id: int) -> dict[str, Any] | None:
    row = project.db.execute(f"SELECT {_FIELDS} FROM provenance WHERE span = ?", [span_id]).fetchone()
    return _why(row) if row else None


def of_rejection(project: "Project", document: int, unit: str) -> dict[str, Any] | None:
    row = project.db.execute(f"SELECT {_FIELDS} FROM rejections WHERE document = ? AND unit = ?",
                             [document, unit]).fetchone()
    return _why(row) if row else None


def _why(row: tuple) -> dict[str, Any]:
    category, flag, ms = row
    return {"category": category, "guidelines_need_update": None if flag is None else bool(flag),
            "decision_ms": ms}


def gold_decisions(project: "Project") -> list[dict[str, Any]]:
    """Every gold span's decision with its words (code points, as stored), oldest first."""
    rows = project.db.execute(
        f"""SELECT d.id, substr(d.text, s.start + 1, s."end" - s.start), s.start, s."end", s.label,
                   p.decision, p.sources, p.reason, p.decided_by, p.decided_at, p.unit,
                   p.category, p.guidelines_need_update, p.decision_ms
            FROM provenance p JOIN spans s ON s.id = p.span JOIN documents d ON d.key = s.document
            ORDER BY p.decided_at, d.key, s.start""")
    return [{"document": doc_id, "text": text, "start": start, "end": end, "label": label, "decision": decision,
             "versions": json.loads(sources), "reason": reason, "decided_by": by, "decided_at": at, "unit": unit,
             **_why((category, flag, ms))}
            for doc_id, text, start, end, label, decision, sources, reason, by, at, unit, category, flag, ms in rows]


def rejections(project: "Project") -> list[dict[str, Any]]:
    """Every rejected unit, with its document's key to read the words from, oldest first."""
    rows = project.db.execute(
        f"""SELECT d.key, d.id, r.unit, r.reason, r.decided_by, r.decided_at, {_FIELDS}
            FROM rejections r JOIN documents d ON d.key = r.document ORDER BY r.decided_at, d.key""")
    return [{"document_key": key, "document": doc_id, "unit": unit, "decision": "rejected", "reason": reason,
             "decided_by": by, "decided_at": at, **_why((category, flag, ms))}
            for key, doc_id, unit, reason, by, at, category, flag, ms in rows]
