"""``annotator check``: every consistency rule of a project file, reported, never repaired."""

from __future__ import annotations

import hashlib
import json

from annotator.core.errors import ValidationError
from annotator.core.store import Project, check_span_offsets


def findings(project: Project) -> list[str]:
    """Everything wrong with the project, one sentence each; empty when it is sound."""
    db = project.db
    found = [f"integrity: {row[0]}" for row in db.execute("PRAGMA integrity_check") if row[0] != "ok"]
    found += [f"broken reference in table {row[0]} (row {row[1]})" for row in db.execute("PRAGMA foreign_key_check")]
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
