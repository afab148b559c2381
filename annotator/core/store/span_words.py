"""What the corpus search reads instead of every span (migration 0009).

``span_words``: an FTS5 table whose trigram tokenizer answers ``LIKE '%words%'`` from its
index. A row per span (rowid = the span's id) holds ``words``, the span's text, and
``name``, the value of its label's name attribute (a speaker's entity), each as
``search.entity_key`` folds it: harakat and tatweel gone, alef, hamza and yeh forms as
one, whitespace runs as one space, case folded; the one folding the find bar uses.

``label_signatures``: per document, layer and label, that layer's spans of the label as
one text (offsets and attributes, in order), so that ``disagree:LABEL`` compares a
document's layers by a row each.

Every write of a span (a new span, an edit, an import, an undo, an adjudication, and a
script's insert with another program) is caught by triggers of SQL alone stored in the
file, which note the span and its label's group as pending; ``flush`` brings both tables
up to date for what is pending, in bulk, before a search reads them. The folding is
Python's, so it cannot run in a stored trigger; and an FTS5 row written by a trigger for
each span costs five times a row written in bulk (FTS5 flushes at each statement).
"""

from __future__ import annotations

import json
import sqlite3
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from annotator.core.store.settings import MISSING, read_setting

if TYPE_CHECKING:
    from annotator.core.store.connection import Connection

_WORDS = "annotator_span_words"
_NAME = "annotator_span_name"

_PENDING_GROUP = "INSERT OR IGNORE INTO label_signatures_pending VALUES ({row}.document, {row}.layer, {row}.label);"
_PENDING_SPAN = "INSERT OR IGNORE INTO span_words_pending VALUES ({row}.id);"

TABLES = (
    "CREATE VIRTUAL TABLE span_words USING fts5(words, name, tokenize = 'trigram', detail = 'none')",
    """CREATE TABLE label_signatures (
           document INTEGER NOT NULL,
           layer INTEGER NOT NULL,
           label TEXT NOT NULL,
           signature TEXT NOT NULL,
           PRIMARY KEY (label, document, layer)
       ) WITHOUT ROWID""",
    "CREATE TABLE span_words_pending (span INTEGER PRIMARY KEY)",
    """CREATE TABLE label_signatures_pending (
           document INTEGER NOT NULL, layer INTEGER NOT NULL, label TEXT NOT NULL,
           PRIMARY KEY (document, layer, label)
       ) WITHOUT ROWID""",
    f"""CREATE TRIGGER search_pending_on_insert AFTER INSERT ON spans BEGIN
            {_PENDING_SPAN.format(row='new')} {_PENDING_GROUP.format(row='new')}
        END""",
    f"""CREATE TRIGGER search_pending_on_update AFTER UPDATE OF document, layer, start, "end", label, attrs
        ON spans BEGIN
            {_PENDING_SPAN.format(row='new')} {_PENDING_GROUP.format(row='old')} {_PENDING_GROUP.format(row='new')}
        END""",
    f"""CREATE TRIGGER search_pending_on_delete AFTER DELETE ON spans BEGIN
            {_PENDING_SPAN.format(row='old')} {_PENDING_GROUP.format(row='old')}
        END""",
    "INSERT INTO span_words_pending SELECT id FROM spans",
    "INSERT OR IGNORE INTO label_signatures_pending SELECT document, layer, label FROM spans",
)

_FLUSH = (
    "DELETE FROM span_words WHERE rowid IN (SELECT span FROM span_words_pending)",
    f"""INSERT INTO span_words (rowid, words, name)
        SELECT s.id, {_WORDS}(substr(d.text, s.start + 1, s."end" - s.start)), {_NAME}(s.label, s.attrs)
        FROM span_words_pending p JOIN spans s ON s.id = p.span JOIN documents d ON d.key = s.document""",
    "DELETE FROM span_words_pending",
    """DELETE FROM label_signatures WHERE (label, document, layer) IN (
           SELECT label, document, layer FROM label_signatures_pending)""",
    # A group's spans in order, each with its attributes in the order of their names.
    """INSERT INTO label_signatures (document, layer, label, signature)
       SELECT document, layer, label, group_concat(piece, ';') FROM (
           SELECT s.document, s.layer, s.label, s.start || '-' || s."end" || coalesce((
               SELECT '|' || group_concat(key || '=' || value, '|')
               FROM (SELECT key, value FROM json_each(s.attrs) ORDER BY key)), '') AS piece
           FROM label_signatures_pending p
           JOIN spans s ON s.label = p.label AND s.document = p.document AND s.layer = p.layer
           ORDER BY s.label, s.document, s.layer, s.start, s."end", piece)
       GROUP BY document, layer, label""",
    "DELETE FROM label_signatures_pending",
)


@lru_cache(maxsize=1)
def _entity_key():
    from annotator.core.search import entity_key  # on first use (docs/architecture.md, "Layers")

    return entity_key


def folded(words: str | None) -> str:
    return _entity_key()(words) if words else ""


class _Names:
    """A span's name, folded: the value of its label's name attribute, by the schema the
    file holds (read at the first span folded)."""

    def __init__(self, conn: Any):
        self.conn = conn
        self.attribute: dict[str, str | None] | None = None

    def __call__(self, label: str, attrs: str) -> str:
        if self.attribute is None:
            self.attribute = name_attributes(self.conn)
        name = self.attribute.get(label)
        return folded(json.loads(attrs).get(name)) if name else ""


def name_attributes(conn: Any) -> dict[str, str | None]:
    """Label -> the name of its name attribute, from the schema the file holds."""
    from annotator.core.schema import Schema  # on first use (docs/architecture.md, "Layers")

    stored = read_setting(conn, "schema", MISSING)
    if stored is MISSING:
        return {}
    schema = Schema.from_dict(stored)
    return {label.name: label.name_attribute.name if label.name_attribute else None for label in schema.labels}


def flush(db: "Connection") -> bool:
    """Bring ``span_words`` and ``label_signatures`` up to date for every span written since
    the last flush, in one transaction; False when the project may not be written (opened
    read-only, or a read-only file), which leaves them as they were."""
    pending = db.execute("SELECT EXISTS (SELECT 1 FROM span_words_pending) "
                         "OR EXISTS (SELECT 1 FROM label_signatures_pending)").fetchone()[0]
    if not pending:
        return True
    if db.execute("PRAGMA query_only").fetchone()[0]:
        return False
    db.conn.create_function(_WORDS, 1, folded, deterministic=True)
    db.conn.create_function(_NAME, 2, _Names(db.conn), deterministic=True)
    try:
        with db.atomic():
            for statement in _FLUSH:
                db.execute(statement)
    except sqlite3.OperationalError:  # a read-only file, or another writer past the busy timeout
        return False
    return True
