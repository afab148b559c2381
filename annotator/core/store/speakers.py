"""The store's side of the speaker registry (``core/speakers.py``): every span that names
an entity, across documents and layers; the entity ids that are not derived from a name
(a renamed or merged entity's), in the ``settings`` table under ``entity_ids``; and a
merge or rename written as one transaction, logged with what it replaced so that it can
be undone after the program that made it has ended."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core.errors import ProjectError
from annotator.core.model import Changes, Span
from annotator.core.store.records import SPAN_COLUMNS, dumps, log_action, span_of
from annotator.core.store.settings import read_setting, write_setting

if TYPE_CHECKING:
    from annotator.core.store.project import Project

IDS_KEY = "entity_ids"  # entity key -> the entity id it was given (a JSON object)
ACTIONS = ("merge_entities", "rename_entity")
UNDO_ACTION = "undo_entity_edit"


@dataclass(frozen=True)
class Mention:
    """A span that names an entity: its ``value`` of the label's name attribute, the
    words it covers, and where it is."""

    span: int
    document: int
    document_id: str
    layer: str
    start: int
    end: int
    label: str
    value: str
    words: str


def _naming(fields: dict[str, str]) -> tuple[str, str, list[str]]:
    """The SQL of a span's name (``value``), the condition that a span names an entity,
    and their parameters, for ``fields`` (label -> its name attribute)."""
    cases = " ".join("WHEN ? THEN json_extract(s.attrs, '$.' || ?)" for _ in fields)
    labels = ", ".join("?" for _ in fields)
    parameters = [part for label, attribute in fields.items() for part in (label, attribute)]
    return f"CASE s.label {cases} END", f"s.label IN ({labels})", [*parameters, *fields]


_WORDS = 'substr(d.text, s.start + 1, s."end" - s.start)'  # SQLite's substr counts code points, as offsets do


def names(project: "Project", fields: dict[str, str]) -> tuple[list[tuple[str, str, int, str]], dict[int, str]]:
    """(name, document id, layer id, words) of every span that names an entity, in import
    order, with the layers' names by id: one pass over the spans, which the caller counts
    (a GROUP BY in SQL sorts them all, and is slower). The name is tested outside the
    query that names it: PostgreSQL's WHERE cannot see a column's alias, as SQLite's can."""
    if not fields:
        return [], {}
    value, named, parameters = _naming(fields)
    rows = project.db.execute(
        f"""SELECT value, document_id, layer, words FROM (
                SELECT {value} AS value, d.id AS document_id, s.layer, {_WORDS} AS words, s.document, s.start, s.id
                FROM spans s JOIN documents d ON d.key = s.document WHERE {named}) AS named
            WHERE value IS NOT NULL AND value != ''
            ORDER BY document, start, id""", parameters).fetchall()
    return rows, dict(project.db.execute("SELECT id, name FROM layers").fetchall())


def mentions(project: "Project", fields: dict[str, str], names: list[str]) -> list[Mention]:
    """The spans that give an entity one of ``names`` (exactly as spelled), by document and offset."""
    value, named, parameters = _naming(fields)
    found: list[Mention] = []
    for chunk in _chunks(names):
        rows = project.db.execute(
            f"""SELECT * FROM (
                    SELECT s.id, s.document, d.id AS document_id, l.name, s.start, s."end", s.label,
                           {value} AS value, {_WORDS} AS words
                    FROM spans s JOIN layers l ON l.id = s.layer JOIN documents d ON d.key = s.document
                    WHERE {named}) AS named
                WHERE value IN ({", ".join("?" for _ in chunk)})""", [*parameters, *chunk])
        found += [Mention(*row) for row in rows]
    return sorted(found, key=lambda mention: (mention.document, mention.start, mention.span))


def _chunks(items: list, size: int = 400) -> list[list]:
    return [items[start:start + size] for start in range(0, len(items), size)]


def given_ids(project: "Project") -> dict[str, str]:
    """The entity ids given to entity keys by a rename, a merge or an import."""
    stored = read_setting(project.db, IDS_KEY, {})
    if not isinstance(stored, dict) or not all(isinstance(v, str) for v in stored.values()):
        raise ProjectError(f"{project.path}: the project's entity_ids setting is not a map of names to ids; "
                           "it is damaged")
    return stored


def _put_ids(project: "Project", ids: dict[str, str]) -> None:
    write_setting(project.db, IDS_KEY, ids)


def give_ids(project: "Project", ids: dict[str, str]) -> None:
    """Add ``ids`` (key -> id) to those given; a part of an import, inside its transaction."""
    if ids:
        _put_ids(project, {**given_ids(project), **ids})


@dataclass(frozen=True)
class Rewrite:
    """What a merge or rename writes: each span's attributes as they become, and the
    given ids as they become (``ids``: the whole map)."""

    spans: tuple[Span, ...]
    ids: dict[str, str]


def rewrite(project: "Project", action: str, rewrite_: Rewrite, detail: dict[str, Any]) -> tuple[int, list[Changes]]:
    """Write ``rewrite_`` in one transaction, logging ``action`` with each span's
    attributes before and after and the ids before and after, so ``last_undoable`` can
    take it back. Returns the log entry's number and one change set per document touched."""
    with project.transaction():
        before = spans_by_id(project, [span.id for span in rewrite_.spans])
        ids_before = given_ids(project)
        project.db.executemany("UPDATE spans SET attrs = ? WHERE id = ?",
                               [(dumps(span.attrs), span.id) for span in rewrite_.spans])
        _put_ids(project, rewrite_.ids)
        log_action(project.db, action, None, None, {
            **detail,
            "spans": [[span.id, before[span.id].attrs, span.attrs] for span in rewrite_.spans],
            "ids": [ids_before, rewrite_.ids]})
        entry = project.db.execute("SELECT max(id) FROM edit_log").fetchone()[0]
    by_document: dict[int, list[Span]] = {}
    for span in rewrite_.spans:
        by_document.setdefault(span.document, []).append(span)
    return entry, [Changes(document=document, spans_changed=tuple(spans)) for document, spans in by_document.items()]


@dataclass(frozen=True)
class Logged:
    """A merge or rename as the edit log holds it."""

    entry: int
    at: str
    action: str
    detail: dict[str, Any]


def last_undoable(project: "Project") -> Logged | None:
    """The latest merge or rename that no later undo took back."""
    undone: set[int] = set()
    rows = project.db.execute(
        "SELECT id, at, action, detail FROM edit_log WHERE action IN (?, ?, ?) ORDER BY id DESC",
        [*ACTIONS, UNDO_ACTION])
    for entry, at, action, detail in rows:
        found = json.loads(detail)
        if action == UNDO_ACTION:
            undone.add(found["undoes"])
        elif entry not in undone:
            return Logged(entry, at, action, found)
    return None


def logged(project: "Project", entry: int) -> Logged | None:
    """The merge or rename logged as ``entry``."""
    row = project.db.execute(
        "SELECT id, at, action, detail FROM edit_log WHERE id = ? AND action IN (?, ?)", [entry, *ACTIONS]).fetchone()
    return None if row is None else Logged(row[0], row[1], row[2], json.loads(row[3]))


def spans_by_id(project: "Project", ids: list[int]) -> dict[int, Span]:
    """The spans of ``ids`` that still exist."""
    found: dict[int, Span] = {}
    for chunk in _chunks(ids):
        rows = project.db.execute(
            f"""SELECT {SPAN_COLUMNS} FROM spans s JOIN layers l ON l.id = s.layer
                WHERE s.id IN ({", ".join("?" for _ in chunk)})""", chunk)
        found.update((span.id, span) for span in map(span_of, rows))
    return found
