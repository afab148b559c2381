"""Every span's words, folded, where SQL can find them: the ``span_words`` table (migration
0009), an FTS5 index whose trigram tokenizer answers ``LIKE '%words%'`` from the index
instead of reading every span.

A row per span (rowid = the span's id) holds ``words``, the span's text, and ``name``, the
value of its label's name attribute (a speaker's entity), each as ``search.entity_key``
folds it: harakat and tatweel gone, alef, hamza and yeh forms as one, whitespace runs as
one space, case folded; the one folding the find bar in the article uses.

The rows follow the spans by triggers, so that no path that writes a span (a new span,
an edit, an import, an undo, an adjudication, a script's raw insert on this connection)
can forget them: a span's deletion (a cascade included) takes its row away by a trigger
stored in the file; an insert or an update of a span writes its row by a TEMP trigger
each writing connection installs (``install``), since the folding is Python's and a
trigger stored in the file could not call it from another program.

``label_signatures`` holds, per document, layer and label, that layer's spans of the
label as one text (offsets and attributes), for ``disagree:LABEL``; its triggers are SQL
alone, stored in the file.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

_WORDS = "annotator_span_words"
_NAME = "annotator_span_name"

TABLE = (
    "CREATE VIRTUAL TABLE span_words USING fts5(words, name, tokenize = 'trigram', detail = 'none')",
    """CREATE TRIGGER span_words_on_delete AFTER DELETE ON spans BEGIN
           DELETE FROM span_words WHERE rowid = old.id;
       END""",
)

# Each annotator's spans of a label in a document, as one text (offsets and attributes,
# in order), so that disagree:LABEL compares a document's layers by a row each instead of
# by every span. Kept by triggers of SQL alone, stored in the file: any program's writes
# keep it.
_SIGNATURE = """
    DELETE FROM label_signatures WHERE document = {row}.document AND layer = {row}.layer AND label = {row}.label;
    INSERT INTO label_signatures (document, layer, label, signature)
    SELECT document, layer, label, group_concat(piece, ';') FROM (
        SELECT document, layer, label, start || '-' || "end" || coalesce((
            SELECT '|' || group_concat(key || '=' || value, '|')
            FROM (SELECT key, value FROM json_each(spans.attrs) ORDER BY key)), '') AS piece
        FROM spans WHERE document = {row}.document AND layer = {row}.layer AND label = {row}.label
        ORDER BY start, "end", piece)
    GROUP BY document, layer, label;"""

SIGNATURES = (
    """CREATE TABLE label_signatures (
           document INTEGER NOT NULL,
           layer INTEGER NOT NULL,
           label TEXT NOT NULL,
           signature TEXT NOT NULL,
           PRIMARY KEY (label, document, layer)
       ) WITHOUT ROWID""",
    f"CREATE TRIGGER label_signatures_on_insert AFTER INSERT ON spans BEGIN {_SIGNATURE.format(row='new')} END",
    f"""CREATE TRIGGER label_signatures_on_update AFTER UPDATE OF start, "end", label, attrs ON spans BEGIN
        {_SIGNATURE.format(row='old')} {_SIGNATURE.format(row='new')} END""",
    f"CREATE TRIGGER label_signatures_on_delete AFTER DELETE ON spans BEGIN {_SIGNATURE.format(row='old')} END",
    """INSERT INTO label_signatures (document, layer, label, signature)
       SELECT document, layer, label, group_concat(piece, ';') FROM (
           SELECT document, layer, label, start || '-' || "end" || coalesce((
               SELECT '|' || group_concat(key || '=' || value, '|')
               FROM (SELECT key, value FROM json_each(spans.attrs) ORDER BY key)), '') AS piece
           FROM spans ORDER BY label, document, layer, start, "end", piece)
       GROUP BY document, layer, label""",
)

_ROW = f"""SELECT s.id, {_WORDS}(substr(d.text, s.start + 1, s."end" - s.start)), {_NAME}(s.label, s.attrs)
           FROM spans s JOIN documents d ON d.key = s.document"""

_TRIGGERS = tuple(f"""
CREATE TEMP TRIGGER IF NOT EXISTS span_words_on_{event} AFTER {event.upper()} {columns} ON main.spans BEGIN
    DELETE FROM span_words WHERE rowid = new.id;
    INSERT INTO span_words (rowid, words, name)
    SELECT new.id, {_WORDS}(substr(d.text, new.start + 1, new."end" - new.start)), {_NAME}(new.label, new.attrs)
    FROM documents d WHERE d.key = new.document;
END""" for event, columns in (("insert", ""), ("update", 'OF start, "end", label, attrs')))


@lru_cache(maxsize=1)
def _entity_key():
    from annotator.core.search import entity_key  # on first use (docs/architecture.md, "Layers")

    return entity_key


def folded(words: str | None) -> str:
    return _entity_key()(words) if words else ""


class _Names:
    """A span's name, folded: the value of its label's name attribute. The schema is read
    at the first span written, not when the connection opens."""

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

    row = conn.execute("SELECT value FROM settings WHERE key = 'schema'").fetchone()
    if row is None:
        return {}
    schema = Schema.from_dict(json.loads(row[0]))
    return {label.name: label.name_attribute.name if label.name_attribute else None for label in schema.labels}


def register(conn: Any) -> None:
    """The folding functions the triggers and the migration call, on a sqlite3 connection."""
    conn.create_function(_WORDS, 1, folded, deterministic=True)
    conn.create_function(_NAME, 2, _Names(conn), deterministic=True)


def install(conn: Any) -> None:
    """Keep ``span_words`` up to date on every span this sqlite3 connection inserts or changes."""
    register(conn)
    for trigger in _TRIGGERS:
        conn.execute(trigger)


def fill(conn: Any) -> None:
    """Write the row of every span (the migration, on a file that has spans already)."""
    register(conn)
    conn.execute(f"INSERT INTO span_words (rowid, words, name) {_ROW}")
