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

On a PostgreSQL server (``server_schema.SEARCH_TABLES``) the tables are the same but for
``span_words``, a plain table keyed by ``span`` with a trigram index where the server has
pg_trgm; its triggers note pending spans as the file's do. The server cannot call Python
from SQL, so its flush reads the pending spans' words, folds them here, and writes the
rows; the flush locks the pending tables, so that two clients searching at once fold a
span once, and a span written meanwhile waits to be noted until the flush commits.
``Index`` says which words each backend reads.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from annotator.core.store.connection import Connection
from annotator.core.store.settings import MISSING, read_setting

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

_TEXT = 'substr(d.text, s.start + 1, s."end" - s.start)'  # code points, as offsets count
_BATCH = 5000

_FOLD_IN_SQL = (
    "DELETE FROM span_words WHERE rowid IN (SELECT span FROM span_words_pending)",
    f"""INSERT INTO span_words (rowid, words, name)
        SELECT s.id, {_WORDS}({_TEXT}), {_NAME}(s.label, s.attrs)
        FROM span_words_pending p JOIN spans s ON s.id = p.span JOIN documents d ON d.key = s.document""",
    "DELETE FROM span_words_pending",
)


def _signatures(server: bool) -> tuple[str, ...]:
    """A group's spans in order, each with its attributes in the order of their names. On
    a server the aggregates say their order (SQLite before 3.44 has no such words, and
    concatenates in the order its subqueries give) and are PostgreSQL's own, and only the groups this role can see
    spans of are taken: the others stay pending (a group left with none is no longer
    pending there, its triggers have taken its signature away)."""
    concat = "string_agg" if server else "group_concat"  # the server's own, not ours in SQL
    by_key = " ORDER BY key" if server else ""
    by_piece = ' ORDER BY start, "end", piece' if server else ""
    seen = f" p WHERE {_SEEN_GROUP}" if server else ""
    return (
        f"""DELETE FROM label_signatures WHERE (label, document, layer) IN (
                SELECT label, document, layer FROM label_signatures_pending{seen})""",
        f"""INSERT INTO label_signatures (document, layer, label, signature)
            SELECT document, layer, label, {concat}(piece, ';'{by_piece}) FROM (
                SELECT s.document, s.layer, s.label, s.start, s."end", s.start || '-' || s."end" || coalesce((
                    SELECT '|' || {concat}(key || '=' || value, '|'{by_key})
                    FROM (SELECT key, value FROM json_each(s.attrs) ORDER BY key) AS attributes), '') AS piece
                FROM label_signatures_pending p
                JOIN spans s ON s.label = p.label AND s.document = p.document AND s.layer = p.layer
                ORDER BY s.label, s.document, s.layer, s.start, s."end", piece) AS pieces
            GROUP BY document, layer, label""",
        f"DELETE FROM label_signatures_pending{seen}",
    )


_SEEN_GROUP = ("EXISTS (SELECT 1 FROM spans s WHERE s.label = p.label AND s.document = p.document "
               "AND s.layer = p.layer)")
_PENDING = {  # whether a flush has work: on a server, work this role can see
    False: "SELECT EXISTS (SELECT 1 FROM span_words_pending) OR EXISTS (SELECT 1 FROM label_signatures_pending)",
    True: "SELECT EXISTS (SELECT 1 FROM span_words_pending p JOIN spans s ON s.id = p.span) "
          f"OR EXISTS (SELECT 1 FROM label_signatures_pending p WHERE {_SEEN_GROUP})",
}


@dataclass(frozen=True)
class Index:
    """Where a backend keeps the folded words: ``table``'s ``key`` is the span's id, and
    its trigram index answers ``LIKE``; ``scan`` is the table a search for words too
    short for the index reads, keyed by ``scan_key``, with ``columns`` for words and name."""

    table: str
    key: str
    scan: str
    scan_key: str
    columns: dict[str, str]


FILE_INDEX = Index("span_words", "rowid", "span_words_content", "id", {"words": "c0", "name": "c1"})
# FTS5's own table of the columns reads faster than the index; the server's is one table.
SERVER_INDEX = Index("span_words", "span", "span_words", "span", {"words": "words", "name": "name"})


def on_server(db: Any) -> bool:
    return not isinstance(db, Connection)


def index_of(db: Any) -> Index:
    return SERVER_INDEX if on_server(db) else FILE_INDEX


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


def flush(db: Any) -> bool:
    """Bring ``span_words`` and ``label_signatures`` up to date for every span written since
    the last flush, in one transaction; False when the project may not be written (opened
    read-only, a read-only file, a role that may only read), which leaves them as they were."""
    server = on_server(db)
    if not db.execute(_PENDING[server]).fetchone()[0]:
        return True
    if _read_only(db, server):
        return False
    try:
        with db.atomic():
            if server:
                _fold_in_python(db)
            else:
                _fold_in_sql(db)
            for statement in _signatures(server):
                db.execute(statement)
    except _refusals(server):  # read-only, or another writer past the busy timeout or in a deadlock
        return False
    return True


def _read_only(db: Any, server: bool) -> bool:
    if server:
        return db.execute("SELECT current_setting('transaction_read_only')").fetchone()[0] == "on"
    return bool(db.execute("PRAGMA query_only").fetchone()[0])


def _refusals(server: bool) -> tuple[type[Exception], ...]:
    if not server:
        return (sqlite3.OperationalError,)
    from psycopg import errors  # only for a project on a server (server.py)

    return (errors.ReadOnlySqlTransaction, errors.InsufficientPrivilege, errors.DeadlockDetected,
            errors.LockNotAvailable, errors.SerializationFailure)


def _fold_in_sql(db: Connection) -> None:
    """The file: SQLite calls the folding from one bulk insert (FTS5 writes it in bulk)."""
    db.conn.create_function(_WORDS, 1, folded, deterministic=True)
    db.conn.create_function(_NAME, 2, _Names(db.conn), deterministic=True)
    for statement in _FOLD_IN_SQL:
        db.execute(statement)


def _fold_in_python(db: Any) -> None:
    """The server: the pending spans' words and attributes read a batch at a time, folded
    here, and written back. The pending tables are locked until the commit: another
    client's flush waits and then finds nothing pending, and a span written meanwhile is
    noted after this flush, so that it is folded again by the next. A pending span this
    role may not read stays pending."""
    db.execute("LOCK TABLE span_words_pending, label_signatures_pending IN EXCLUSIVE MODE")
    names = _Names(db)
    last = 0
    while True:
        rows = db.execute(
            f"""SELECT s.id, {_TEXT}, s.label, s.attrs
                FROM span_words_pending p JOIN spans s ON s.id = p.span JOIN documents d ON d.key = s.document
                WHERE p.span > ? ORDER BY p.span LIMIT {_BATCH}""", [last]).fetchall()
        if not rows:
            break
        spans = [row[0] for row in rows]
        db.execute("INSERT INTO span_words (span, words, name) SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[]) "
                   "ON CONFLICT (span) DO UPDATE SET words = excluded.words, name = excluded.name",
                   [spans, [folded(row[1]) for row in rows], [names(label, attrs) for _, _, label, attrs in rows]])
        db.execute("DELETE FROM span_words_pending WHERE span = ANY(?::bigint[])", [spans])
        last = rows[-1][0]
