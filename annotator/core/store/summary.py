"""What a project file holds (``stats``) and what is wrong with it (``findings``), for
``annotator stats`` and ``annotator check``: read, never repaired."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from annotator.core.errors import ValidationError
from annotator.core.model import STATUSES
from annotator.core.store.active_time import time_per_annotator
from annotator.core.store.records import check_span_offsets

if TYPE_CHECKING:
    from annotator.core.store.project import Project


def findings(project: "Project") -> list[str]:
    """Everything wrong with the file, one sentence each; empty when it is sound: the
    database's own checks, each text against its SHA-256, each span against its text
    and the schema, each link against the schema."""
    db = project.db
    found = db.integrity_findings()
    texts = {}
    for key, doc_id, text, sha in db.execute("SELECT key, id, text, text_sha256 FROM documents"):
        texts[key] = (doc_id, text)
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha:
            found.append(f"document {doc_id}: its text no longer matches its SHA-256")
    for span_id, key, start, end, label, attrs in db.execute(
            'SELECT id, document, start, "end", label, attrs FROM spans'):
        doc_id, text = texts.get(key, ("?", ""))
        try:
            check_span_offsets(text, start, end)
            project.schema.check_span(label, json.loads(attrs))
        except ValidationError as error:
            found.append(f"document {doc_id}, span {span_id}: {error}")
    for relation_id, type_, head_label, child_label, same in db.execute(
            """SELECT r.id, r.type, h.label, c.label, h.document = c.document AND h.layer = c.layer
               FROM relations r JOIN spans h ON h.id = r.head JOIN spans c ON c.id = r.child"""):
        try:
            project.schema.check_relation(type_, head_label, child_label)
            if not same:
                raise ValidationError("it links spans of different documents or layers")
        except ValidationError as error:
            found.append(f"relation {relation_id}: {error}")
    return found


def stats(project: "Project") -> dict[str, Any]:
    db = project.db
    spans_per_label: dict[str, dict[str, int]] = {}
    for layer, label, count in db.execute(
        """SELECT l.name, s.label, count(*) FROM spans s JOIN layers l ON l.id = s.layer
           GROUP BY l.name, s.label ORDER BY l.name, s.label"""
    ):
        spans_per_label.setdefault(layer, {})[label] = count
    status: dict[str, dict[str, int]] = {}
    for layer, state, count in db.execute(
        """SELECT l.name, ds.status, count(*) FROM document_status ds
           JOIN layers l ON l.id = ds.layer GROUP BY l.name, ds.status ORDER BY l.name"""
    ):
        status.setdefault(layer, {s: 0 for s in STATUSES})[state] = count
    for layer in status:
        touched = sum(status[layer].values())
        status[layer]["new"] += project.document_count() - touched
    return {
        "project": str(project.path),
        "documents": project.document_count(),
        "annotators": [r[0] for r in db.execute("SELECT name FROM annotators ORDER BY name")],
        "layers": project.layer_names(),
        "spans": db.execute("SELECT count(*) FROM spans").fetchone()[0],
        "relations": db.execute("SELECT count(*) FROM relations").fetchone()[0],
        "spans_per_label": spans_per_label,
        "status": status,
        "active_time": time_per_annotator(project),
    }


