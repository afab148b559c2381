"""Labels of a whole document (``Schema.document_labels``): one value per document, layer
and label, in the ``document_labels`` table (migration 0008).

Setting one is one transaction that returns its ``Changes`` (``DocumentSession.set_document_label``
is the one call the window makes). A gold value carries its decision on its own row
(decision, sources, who, when, why) as a gold span's provenance does.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from annotator.core.model import GOLD_LAYER, Changes, DocumentLabel
from annotator.core.store.records import dumps, log_action, now
from annotator.core.store.saving import saving

if TYPE_CHECKING:
    from annotator.core.store.project import Project

_COLUMNS = "t.document, l.name, t.name, t.value, t.decision, t.sources, t.decided_by, t.decided_at, t.reason"


def _label_of(row: tuple) -> DocumentLabel:
    document, layer, name, value, decision, sources, by, at, reason = row
    return DocumentLabel(document, layer, name, value, decision, tuple(json.loads(sources)) if sources else (),
                         by, at, reason)


def labels_of(project: "Project", document: int, layer: str | None = None) -> list[DocumentLabel]:
    """The document's labels of one layer (or of every layer: ``None``), by layer and name."""
    where, values = ("AND l.name = ?", [document, layer]) if layer is not None else ("", [document])
    rows = project.db.execute(
        f"""SELECT {_COLUMNS} FROM document_labels t JOIN layers l ON l.id = t.layer
            WHERE t.document = ? {where} ORDER BY l.name, t.name""", values)
    return [_label_of(row) for row in rows]


def label_on(project: "Project", document: int, layer: str, name: str) -> DocumentLabel:
    """The layer's value of one label (``value`` None where it has none)."""
    row = project.db.execute(
        f"""SELECT {_COLUMNS} FROM document_labels t JOIN layers l ON l.id = t.layer
            WHERE t.document = ? AND l.name = ? AND t.name = ?""", [document, layer, name]).fetchone()
    return _label_of(row) if row else DocumentLabel(document, layer, name, None)


@saving
def put_label(project: "Project", label: DocumentLabel) -> Changes:
    """Make the layer's value of ``label.name`` on the document exactly ``label`` (with its
    decision, on gold), or clear it (``value`` None); one transaction. Undo and redo put
    back a state. A value the schema does not allow is refused and nothing changes."""
    definition = project.schema.document_label(label.name)
    if label.value is not None:
        definition.check(label.value)
    with project.db.atomic():
        project.document(label.document)  # refuses a document the project lacks
        layer_id = project.ensure_layer(label.layer)
        project.db.execute("DELETE FROM document_labels WHERE document = ? AND layer = ? AND name = ?",
                           [label.document, layer_id, label.name])
        if label.value is not None:
            _insert(project, layer_id, label)
        project.touch_status(label.document, label.layer)
        log_action(project.db, "document_label", label.layer, label.document,
                   {"name": label.name, "value": label.value, **({"decision": label.decision} if label.decision else {})})
    return Changes(document=label.document, document_labels=(label,))


def decided(label: DocumentLabel, decision: str, sources: list[str], decided_by: str,
            reason: str | None = None) -> DocumentLabel:
    """``label`` as gold's, decided now by ``decided_by`` from the layers in ``sources``."""
    return DocumentLabel(label.document, GOLD_LAYER, label.name, label.value, decision, tuple(sources),
                         decided_by, now(), reason)


def _insert(project: "Project", layer_id: int, label: DocumentLabel) -> None:
    project.db.execute(
        """INSERT INTO document_labels (document, layer, name, value, updated_at, decision, sources,
                                        decided_by, decided_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [label.document, layer_id, label.name, label.value, now(), label.decision,
         dumps(list(label.sources)) if label.decision else None, label.decided_by, label.decided_at, label.reason])


def insert_labels(project: "Project", document: int, layer: str, labels: list[DocumentLabel]) -> None:
    """Labels read from a file, inside the caller's transaction (import): they replace the
    layer's labels of the document."""
    project._inside()
    layer_id = project.ensure_layer(layer)
    project.db.execute("DELETE FROM document_labels WHERE document = ? AND layer = ?", [document, layer_id])
    for label in labels:
        project.schema.document_label(label.name).check(label.value)
        _insert(project, layer_id, label)


def all_labels(project: "Project") -> dict[int, dict[str, dict[str, str]]]:
    """document key -> layer -> label name -> value, for every labelled document (agreement)."""
    found: dict[int, dict[str, dict[str, str]]] = {}
    for document, layer, name, value in project.db.execute(
            """SELECT t.document, l.name, t.name, t.value FROM document_labels t
               JOIN layers l ON l.id = t.layer ORDER BY t.document, l.name, t.name"""):
        found.setdefault(document, {}).setdefault(layer, {})[name] = value
    return found


def count_labels(project: "Project", layer: str | None) -> int:
    """How many document label values ``layer`` holds (every layer's: ``None``)."""
    if layer is None:
        return project.db.execute("SELECT count(*) FROM document_labels").fetchone()[0]
    return project.db.execute("""SELECT count(*) FROM document_labels
                                 WHERE layer = (SELECT id FROM layers WHERE name = ?)""", [layer]).fetchone()[0]


def decided_in_run(project: "Project", decided_at: str, reason: str) -> list[DocumentLabel]:
    """Gold's document labels decided at ``decided_at`` with ``reason`` (one bulk run), by document."""
    rows = project.db.execute(
        f"""SELECT {_COLUMNS} FROM document_labels t JOIN layers l ON l.id = t.layer
            WHERE l.name = ? AND t.decided_at = ? AND t.reason = ? ORDER BY t.document, t.name""",
        [GOLD_LAYER, decided_at, reason])
    return [_label_of(row) for row in rows]


def runs(project: "Project", reason: str) -> list[tuple[str, str, int]]:
    """(decided at, decided by, documents) of each run with this reason that still has a
    gold document label, oldest first."""
    return [tuple(row) for row in project.db.execute(
        """SELECT t.decided_at, t.decided_by, count(DISTINCT t.document) FROM document_labels t
           JOIN layers l ON l.id = t.layer WHERE l.name = ? AND t.reason = ?
           GROUP BY t.decided_at, t.decided_by ORDER BY t.decided_at""", [GOLD_LAYER, reason])]
