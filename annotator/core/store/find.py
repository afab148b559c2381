"""The corpus search in SQL: a parsed ``find_query.Query`` to the spans (or documents) it
finds, a page at a time.

Words are found through ``span_words`` (``store/span_words.py``): ``LIKE '%words%'`` on
its trigram index reads the few spans that hold the words, not every span; a relation's
words are found on its child spans, then the heads through ``relations_by_child``. A hit
list is the first ``limit`` hits by span id (the order spans were made, which is the
order of import), so that a query with many hits stops early; the page is then shown in
document order. ``disagree:LABEL`` compares each document's annotator layers by the
spans of LABEL they hold (offsets and closed attribute values).

The same SQL runs on a project file and on a server; they differ only in where the
folded words are kept (``span_words.Index``). A free-text attribute other than a name is
folded in Python, as the index folds words: the spans of its labels that have it are
read and folded, and the ids that hold the words go into the query as one JSON list.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from annotator.core.find_query import AttributeTerm, DocumentLabelTerm, Hit, Query, RelationTerm
from annotator.core.store import notes as note_store
from annotator.core.store.span_words import Index, flush, folded, index_of

if TYPE_CHECKING:
    from annotator.core.store.project import Project

CONTEXT = 40  # code points shown on each side of a span's words
_INDEXED = 3  # the trigram index answers words of at least three characters


def find(project: "Project", query: Query, limit: int = 200, reader: str | None = None) -> tuple[list[Hit], bool]:
    """The first ``limit`` hits of ``query`` (in document order) and whether there are more.
    ``reader``: only their own notes count for ``has:note``, unless the project opens notes
    to everyone (None: every note, as for a reviewer or the command line)."""
    flush(project.db)
    if query.finds_spans:
        rows = _span_rows(project, query, limit + 1, reader)
    else:
        rows = _document_rows(project, query, limit + 1)
    hits = sorted((_in_context(Hit(*row)) for row in rows[:limit]),
                  key=lambda h: (h.document, h.layer or "", h.start or 0))
    return hits, len(rows) > limit


def _in_context(hit: Hit) -> Hit:
    """The context cut at whole words and within the span's paragraph."""
    before, after = hit.before.rpartition("\n")[2], hit.after.partition("\n")[0]
    if hit.start is not None and hit.start > CONTEXT and before == hit.before:
        before = re.sub(r"^\S*\s", "", before, count=1)
    if len(after) == CONTEXT:
        after = re.sub(r"\s\S*$", "", after, count=1)
    return replace(hit, before=before, after=after)


def _span_rows(project: "Project", query: Query, limit: int, reader: str | None) -> list[tuple]:
    """With words the index answers, the spans are read from the index in span order, so
    that words many spans hold stop at the first page; otherwise from the spans."""
    driving = next((words for words in query.words if _indexed(words)), None)
    if driving is not None:
        query = replace(query, words=tuple(words for words in query.words if words != driving))
    index = index_of(project.db)
    where, values = _span_conditions(project, query, reader, index)
    source, order, first = "spans s", "s.id", []
    if driving is not None:
        source, order = f"{index.table} w JOIN spans s ON s.id = w.{index.key}", f"w.{index.key}"
        where.insert(0, "w.words LIKE ?")
        first = [f"%{driving}%"]
    sql = f"""SELECT s.document, d.id, d.title, l.name, s.id, s.label, s.start, s."end",
                     substr(d.text, max(s.start - {CONTEXT}, 0) + 1, min(s.start, {CONTEXT})),
                     substr(d.text, s.start + 1, s."end" - s.start), substr(d.text, s."end" + 1, {CONTEXT})
              FROM {source} JOIN layers l ON l.id = s.layer JOIN documents d ON d.key = s.document
              WHERE {' AND '.join(where) or '1'} ORDER BY {order} LIMIT ?"""
    return project.db.execute(sql, [*first, *values, limit]).fetchall()


def _document_rows(project: "Project", query: Query, limit: int) -> list[tuple]:
    where, values = [], []
    if query.documents:
        where.append(f"d.id IN ({_marks(query.documents)})")
        values += query.documents
    for label in query.disagree:
        sql, more = _disagreeing(project, label)
        where.append(f"d.key IN ({sql})")
        values += more
    for term in query.document_labels:
        sql, more = _labelled_documents(term, query.layers)
        where.append(f"d.key IN ({sql})")
        values += more
    sql = f"""SELECT d.key, d.id, d.title, NULL, NULL, NULL, NULL, NULL, '', '', substr(d.text, 1, {2 * CONTEXT})
              FROM documents d WHERE {' AND '.join(where) or '1'} ORDER BY d.key LIMIT ?"""
    return project.db.execute(sql, [*values, limit]).fetchall()


def _span_conditions(project: "Project", query: Query, reader: str | None,
                     index: Index) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    values: list[Any] = []
    labels = query.span_labels()
    for column, names in (("s.label", labels), ("l.name", query.layers), ("d.id", query.documents)):
        if names:
            where.append(f"{column} IN ({_marks(names)})")
            values += names
    for term in query.attributes:
        sql, more = _attribute(project, term, index)
        where.append(sql)
        values += more
    for relation in query.relations:
        sql, more = _relation(relation, index)
        where.append(sql)
        values += more
    for words in query.words:
        sql, more = _words_in(index, "words", words)
        where.append(f"s.id IN ({sql})")
        values += more
    if query.has_note:
        where.append("s.id IN (SELECT n.span FROM notes n JOIN layers nl ON nl.id = n.layer "
                     "WHERE n.span IS NOT NULL AND (? IS NULL OR nl.name = ?))")
        own = reader if reader is not None and note_store.visible_to(project) != "all" else None
        values += [own, own]
    for label in query.disagree:
        sql, more = _disagreeing(project, label)
        where.append(f"s.document IN ({sql})")
        values += more
    for term in query.document_labels:  # as the span's own layer labelled its document
        where.append("EXISTS (SELECT 1 FROM document_labels dl WHERE dl.document = s.document "
                     "AND dl.layer = s.layer AND dl.name = ? AND dl.value = ?)")
        values += [term.name, term.value]
    return where, values


def _labelled_documents(term: DocumentLabelTerm, layers: tuple[str, ...]) -> tuple[str, list[Any]]:
    """The documents some layer (one of ``layers``, if any) gave ``term``'s value."""
    sql = "SELECT dl.document FROM document_labels dl WHERE dl.name = ? AND dl.value = ?"
    if layers:
        sql += f" AND dl.layer IN (SELECT id FROM layers WHERE name IN ({_marks(layers)}))"
    return sql, [term.name, term.value, *layers]


def _attribute(project: "Project", term: AttributeTerm, index: Index) -> tuple[str, list[Any]]:
    path = _path(term.name)
    if term.values:
        return f"json_extract(s.attrs, ?) IN ({_marks(term.values)})", [path, *term.values]
    names = {label: project.schema.label(label).name_attribute for label in term.labels}
    if all(attribute is not None and attribute.name == term.name for attribute in names.values()):
        sql, values = _words_in(index, "name", term.words)
        return f"s.id IN ({sql})", values
    return "s.id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))", [_holding(project, term, path)]


def _holding(project: "Project", term: AttributeTerm, path: str) -> str:
    """The ids (a JSON list) of the spans of ``term``'s labels whose value of its free-text
    attribute, folded, contains its words: every such span is read (Python folds, not SQL)."""
    rows = project.db.execute(
        f"""SELECT id, json_extract(attrs, ?) FROM spans
            WHERE label IN ({_marks(term.labels)}) AND json_extract(attrs, ?) IS NOT NULL""",
        [path, *term.labels, path])
    return json.dumps([span for span, value in rows if term.words in folded(str(value))])


def _relation(term: RelationTerm, index: Index) -> tuple[str, list[Any]]:
    if not term.words:
        return "EXISTS (SELECT 1 FROM relations r WHERE r.head = s.id AND r.type = ?)", [term.name]
    in_words, words_values = _words_in(index, "words", term.words)
    in_name, name_values = _words_in(index, "name", term.words)
    return (f"""s.id IN (SELECT r.head FROM relations r WHERE r.type = ? AND r.child IN
                   ({in_words} UNION {in_name}))""", [term.name, *words_values, *name_values])


def _words_in(index: Index, column: str, words: str) -> tuple[str, list[Any]]:
    """The span ids whose folded ``column`` contains ``words`` (already folded): from the
    trigram index, or, for words too short for it or holding LIKE's wildcards (or the
    backslash, PostgreSQL's escape in LIKE), by reading the column."""
    if _indexed(words):
        return f"SELECT {index.key} FROM {index.table} WHERE {column} LIKE ?", [f"%{words}%"]
    return f"SELECT {index.scan_key} FROM {index.scan} WHERE instr({index.columns[column]}, ?) > 0", [words]


def _indexed(words: str) -> bool:
    return len(words) >= _INDEXED and not any(c in words for c in "%_\\")


def _disagreeing(project: "Project", label: str) -> tuple[str, list[Any]]:
    """The documents whose annotator layers do not all hold the same spans of ``label``
    (offsets and attribute values): two layers' lists differ, or a layer that worked on
    the document (its status is not new) has none. One row per layer and document
    (``label_signatures``), read in document order."""
    sql = """SELECT g.document FROM label_signatures g
             WHERE g.label = ? AND g.layer IN (SELECT id FROM layers WHERE kind = 'annotator')
             GROUP BY g.document
             HAVING min(g.signature) <> max(g.signature) OR count(*) <> (
                 SELECT count(*) FROM document_status t JOIN layers tl ON tl.id = t.layer
                 WHERE t.document = g.document AND tl.kind = 'annotator' AND t.status != 'new')"""
    return sql, [label]


def _path(attribute: str) -> str:
    return '$."' + attribute.replace('"', '\\"') + '"'


def _marks(values) -> str:
    return ", ".join("?" for _ in values)
