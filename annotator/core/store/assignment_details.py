"""What ``annotator assign`` and ``annotator assignments`` read besides ``assignments.py``:
the documents' ids (what a lead names documents by) and each assignment's status in its
annotator's layer (what reassigning leaves alone once done)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.store.project import Project


def document_ids(project: "Project") -> dict[int, str]:
    """Every document's id by its key."""
    return dict(project.db.execute("SELECT key, id FROM documents ORDER BY key"))


def statuses(project: "Project") -> dict[tuple[int, str], str]:
    """Each assignment's status in its annotator's layer ('new' where they have none)."""
    return {(key, name): status for key, name, status in project.db.execute(
        """SELECT a.document, l.name, coalesce(s.status, 'new') FROM assignments a JOIN layers l ON l.id = a.layer
           LEFT JOIN document_status s ON s.document = a.document AND s.layer = a.layer""")}
