"""A layer's rows read a document at a time, for exports that stream a whole project.

Spans, statuses and links are read with one query each, sorted by document, instead of
several queries per document; a document's rows are all that is held at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING

from annotator.core.model import Document
from annotator.core.store.records import DOCUMENT_COLUMNS, document_of

if TYPE_CHECKING:
    from annotator.core.store.project import Project

ROW_KINDS = ("spans", "statuses", "relations")  # a record's own rows
NOTES = "notes"
DOCUMENT_LABELS = "document_labels"

# Rows (document, layer id, ...) in the order of their tables' indexes, by document then
# layer. A span row goes on (start, end, label, id, attrs as stored); the export sorts a
# layer's rows, which then compare by start, end, label and id (sorting them in SQLite
# costs the export a sort per document). A status row goes on (status); a link row
# (type, head span id, child span id), in the order of its id. A note row (span id or None,
# text, created at, updated at), the document's own note first. A document label row (name,
# value, decision, sources, decided by, decided at, reason), by name.
_QUERIES = (
    """SELECT t.document, t.layer, t.start, t."end", t.label, t.id, t.attrs FROM spans t {where}
       ORDER BY t.document, t.layer, t.start""",
    """SELECT t.document, t.layer, t.status FROM document_status t {where} ORDER BY t.document, t.layer""",
    """SELECT t.document, t.layer, t.type, t.head, t.child FROM relations t {where}
       ORDER BY t.document, t.layer, t.id""",
    """SELECT t.document, t.layer, t.span, t.text, t.created_at, t.updated_at FROM notes t {where}
       ORDER BY t.document, t.layer, t.span IS NOT NULL, t.span""",
    """SELECT t.document, t.layer, t.name, t.value, t.decision, t.sources, t.decided_by, t.decided_at, t.reason
       FROM document_labels t {where} ORDER BY t.document, t.layer, t.name""",
)


Keys = tuple[int, int]  # the first and the last document key of a run of documents


class RowsByDocument:
    """The rows of one kind (``ROW_KINDS``, ``NOTES`` or ``DOCUMENT_LABELS``) of one layer (or all: ``None``), and of the
    documents whose keys are in ``keys`` (first and last, both included) or all, handed out a
    document at a time, in key order."""

    def __init__(self, project: Project, kind: str, layer: str | None, keys: Keys | None = None):
        query = _QUERIES[(*ROW_KINDS, NOTES, DOCUMENT_LABELS).index(kind)]
        conditions = (["t.layer = (SELECT id FROM layers WHERE name = :layer)"] if layer is not None else []) + \
            (["t.document BETWEEN :first AND :last"] if keys is not None else [])
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        self.names = dict(project.db.execute("SELECT id, name FROM layers"))
        first, last = keys or (None, None)
        rows = project.db.execute(query.format(where=where), {"layer": layer, "first": first, "last": last})
        self.groups = groupby(rows, key=itemgetter(0))
        self.current = next(self.groups, None)

    def take(self, document: int) -> dict[str, list[tuple]]:
        """The rows of ``document`` by layer name."""
        while self.current is not None and self.current[0] < document:
            self.current = next(self.groups, None)
        if self.current is None or self.current[0] != document:
            return {}
        found = {self.names[layer]: list(rows) for layer, rows in groupby(self.current[1], key=itemgetter(1))}
        self.current = next(self.groups, None)
        return found


def key_runs(project: Project, size: int) -> list[Keys]:
    """The documents in runs of ``size`` (the last may be shorter), by key: each run's first
    and last key."""
    keys = [key for (key,) in project.db.execute("SELECT key FROM documents ORDER BY key")]
    return [(keys[first], keys[min(first + size, len(keys)) - 1]) for first in range(0, len(keys), size)]


def documents_between(project: Project, keys: Keys) -> Iterator[Document]:
    """The documents whose keys are in ``keys`` (both included), by key."""
    rows = project.db.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE key BETWEEN ? AND ? ORDER BY key",
                              keys)
    return map(document_of, rows)


def layer_ids(project: Project, names: list[str]) -> dict[int, str]:
    """The ids of the named layers that exist, with their names."""
    marks = ",".join("?" * len(names))
    return dict(project.db.execute(f"SELECT id, name FROM layers WHERE name IN ({marks})", names))


def statuses_of_layers(project: Project, layers: list[int]) -> Iterator[tuple[int, int]]:
    """(document, layer id) for each status the layers have."""
    marks = ",".join("?" * len(layers))
    yield from project.db.execute(f"SELECT document, layer FROM document_status WHERE layer IN ({marks})", layers)


def spans_of_layers(project: Project, layers: list[int], words_of: frozenset[str] = frozenset()) -> Iterator[tuple]:
    """(id, document, layer id, start, end, label, attributes as stored, words) for every
    span of the layers, by document, layer and start; ``words`` is the span's text for the
    labels in ``words_of``, None for others."""
    marks = ",".join("?" * len(layers))
    cases = " ".join("WHEN ? THEN substr(d.text, s.start + 1, s.\"end\" - s.start)" for _ in words_of)
    words = f"CASE s.label {cases} END" if words_of else "NULL"
    yield from project.db.execute(
        f"""SELECT s.id, s.document, s.layer, s.start, s."end", s.label, s.attrs, {words}
            FROM spans s JOIN documents d ON d.key = s.document
            WHERE s.layer IN ({marks})
            ORDER BY s.document, s.layer, s.start""", [*words_of, *layers])


def relations_of_layers(project: Project, layers: list[int], types: list[str]) -> Iterator[tuple]:
    """(document, layer id, type, head, child) for the layers' links of ``types``, by id."""
    layer_marks, type_marks = ",".join("?" * len(layers)), ",".join("?" * len(types))
    yield from project.db.execute(
        f"""SELECT document, layer, type, head, child FROM relations
            WHERE layer IN ({layer_marks}) AND type IN ({type_marks}) ORDER BY id""", [*layers, *types])


def document_summaries(project: Project, keys: list[int]) -> Iterator[tuple[int, str, str, int]]:
    """(key, id, title, length of the text) of the documents with these keys."""
    marks = ",".join("?" * len(keys))
    yield from project.db.execute(f"SELECT key, id, title, length(text) FROM documents WHERE key IN ({marks})", keys)
