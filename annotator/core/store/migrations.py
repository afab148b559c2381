"""Forward-only migrations of the project file.

Each migration runs in one transaction with its record in ``_sqlite_migrations`` and
sets ``PRAGMA user_version`` to its own number, so the version a file claims is always
the migrations it really has. Append new migrations; never edit an applied one. Span and relation ids are
AUTOINCREMENT so that an id, once used, always means the same span: undo restores a
deleted span under its old id, and the edit log stays unambiguous.

Imported only to create or upgrade a project (sqlite-utils is slow to import, see
``connection.py``); a new migration also raises ``project_file.LATEST_VERSION``.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from annotator.core.store.project_file import APPLICATION_ID, LATEST_VERSION

__all__ = ["APPLICATION_ID", "LATEST_VERSION", "project_migrations"]

project_migrations = Migrations("annotator")


@project_migrations(name="0001_initial")
def initial(db: Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _run(db, _INITIAL)
    db.execute("PRAGMA user_version = 1")


def _run(db: Database, script: str) -> None:
    """Run statements one by one: ``executescript`` would commit the open transaction."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


_INITIAL = """
CREATE TABLE documents (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    text_sha256 TEXT NOT NULL UNIQUE CHECK (length(text_sha256) = 64),
    source TEXT,
    url TEXT,
    published TEXT,
    meta TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta)),
    imported_at TEXT NOT NULL
);
CREATE TABLE annotators (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    created_at TEXT NOT NULL
);
CREATE TABLE layers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('annotator', 'gold')),
    annotator INTEGER REFERENCES annotators(id)
);
CREATE TABLE spans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer INTEGER NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL,
    attrs TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attrs)),
    CHECK (start < "end")
);
CREATE INDEX spans_by_document ON spans (document, layer, start);
CREATE TABLE relations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer INTEGER NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    head INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
    child INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
    UNIQUE (head, child, type)
);
CREATE INDEX relations_by_document ON relations (document, layer);
CREATE INDEX relations_by_child ON relations (child);
CREATE TABLE document_status (
    document INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer INTEGER NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'done')),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (document, layer)
);
CREATE TABLE edit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    layer TEXT,
    document INTEGER,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL CHECK (json_valid(value))
)
"""

@project_migrations(name="0002_review")
def review(db: Database) -> None:
    """Gold provenance (who had it, who decided, when, why) and rejected review units."""
    _run(db, _REVIEW)
    db.execute("PRAGMA user_version = 2")


_REVIEW = """
CREATE TABLE provenance (
    id INTEGER PRIMARY KEY,
    span INTEGER UNIQUE REFERENCES spans(id) ON DELETE CASCADE,
    relation INTEGER UNIQUE REFERENCES relations(id) ON DELETE CASCADE,
    decision TEXT NOT NULL CHECK (decision IN ('agreed', 'picked', 'combined', 'edited')),
    unit TEXT,
    sources TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sources)),
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    reason TEXT,
    CHECK ((span IS NULL) <> (relation IS NULL))
);
CREATE TABLE rejections (
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    unit TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    reason TEXT,
    UNIQUE (document, unit)
)
"""

@project_migrations(name="0003_suggestions")
def suggestions(db: Database) -> None:
    """Suggestions an annotator rejected, so they are not offered again."""
    _run(db, _SUGGESTIONS)
    db.execute("PRAGMA user_version = 3")


_SUGGESTIONS = """
CREATE TABLE rejected_suggestions (
    document INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer INTEGER NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    suggestion TEXT NOT NULL,
    rejected_at TEXT NOT NULL,
    PRIMARY KEY (document, layer, suggestion)
)
"""


@project_migrations(name="0004_status_index")
def status_index(db: Database) -> None:
    """The document list's status filters read one layer's keys of one status in key
    order: an index range instead of a scan of every layer's rows and a sort."""
    db.execute("CREATE INDEX document_status_by_layer ON document_status (layer, status, document)")
    db.execute("PRAGMA user_version = 4")


@project_migrations(name="0005_notes")
def notes(db: Database) -> None:
    """Notes an annotator attaches to a span or to a document, in their own layer; one per
    span and one per document and layer. A span's note goes with the span."""
    _run(db, _NOTES)
    db.execute("PRAGMA user_version = 5")


_NOTES = """
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer INTEGER NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    span INTEGER REFERENCES spans(id) ON DELETE CASCADE,
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX notes_by_subject ON notes (document, layer, coalesce(span, 0))
"""


@project_migrations(name="0006_time")
def active_time(db: Database) -> None:
    """Active seconds per document, layer and day (UTC), added to in small increments by
    the window: per-day figures stay possible, and no row grows without bound."""
    _run(db, _ACTIVE_TIME)
    db.execute("PRAGMA user_version = 6")


_ACTIVE_TIME = """
CREATE TABLE active_time (
    document INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer INTEGER NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    day TEXT NOT NULL CHECK (length(day) = 10),
    seconds REAL NOT NULL CHECK (seconds >= 0),
    PRIMARY KEY (document, layer, day)
)
"""


@project_migrations(name="0007_decision_reasons")
def decision_reasons(db: Database) -> None:
    """Why a reviewer decided as they did: a category, whether the guidelines need
    updating, and how long the decision took; NULL on older decisions (not given)."""
    for table in ("provenance", "rejections"):
        for column in _DECISION_REASONS:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
    db.execute("PRAGMA user_version = 7")


_DECISION_REASONS = (
    "category TEXT CHECK (category IN ('annotator_error', 'ambiguous_text', 'guideline_gap', 'schema_gap'))",
    "guidelines_need_update INTEGER CHECK (guidelines_need_update IN (0, 1))",
    "decision_ms INTEGER CHECK (decision_ms >= 0)",
)


@project_migrations(name="0008_document_labels")
def document_labels(db: Database) -> None:
    """Labels of a whole document (a genre, "relevant: yes/no"), one value per document,
    layer and schema label; a gold value carries its decision's provenance on its row."""
    _run(db, _DOCUMENT_LABELS)
    db.execute("PRAGMA user_version = 8")


_DOCUMENT_LABELS = """
CREATE TABLE document_labels (
    document INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    layer INTEGER NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL CHECK (length(value) > 0),
    updated_at TEXT NOT NULL,
    decision TEXT CHECK (decision IN ('agreed', 'picked', 'edited')),
    sources TEXT CHECK (sources IS NULL OR json_valid(sources)),
    decided_by TEXT,
    decided_at TEXT,
    reason TEXT,
    PRIMARY KEY (document, layer, name)
)
"""


@project_migrations(name="0009_span_words")
def span_words(db: Database) -> None:
    """What the corpus search reads instead of every span: each span's folded words and
    name, and each layer's spans of a label per document (``store/span_words.py``), kept
    by triggers; the file's spans are left pending, for the first search to fold. The
    label index lets a search by label read only that label's spans, by document and layer."""
    from annotator.core.store.span_words import TABLES

    for statement in TABLES:
        db.execute(statement)
    db.execute('CREATE INDEX spans_by_label ON spans (label, document, layer, start, "end")')
    db.execute("PRAGMA user_version = 9")


@project_migrations(name="0010_assignments")
def assignments(db: Database) -> None:
    """Who should annotate which document (``store/assignments.py``), and each document's
    words, which assignment balances: counted by SQLite for the documents there now and,
    by a trigger, for every document imported later, whatever program imports it."""
    for statement in _ASSIGNMENTS:
        db.execute(statement)
    db.execute("PRAGMA user_version = 10")


# Words: runs of letters between single spaces or line breaks, as near as SQL counts them
# (a double space counts one word more): enough to balance a load by.
_WORDS = "length(trim({t})) - length(replace(replace(trim({t}), ' ', ''), char(10), '')) + (length(trim({t})) > 0)"
_ASSIGNMENTS = (
    """CREATE TABLE assignments (
        document INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
        layer INTEGER NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
        assigned_at TEXT NOT NULL,
        PRIMARY KEY (document, layer)
    ) WITHOUT ROWID""",
    "CREATE INDEX assignments_by_layer ON assignments (layer, document)",
    """CREATE TABLE document_words (
        document INTEGER PRIMARY KEY REFERENCES documents(key) ON DELETE CASCADE,
        words INTEGER NOT NULL CHECK (words >= 0)
    )""",
    f"INSERT INTO document_words (document, words) SELECT key, {_WORDS.format(t='text')} FROM documents",
    f"""CREATE TRIGGER document_words_on_insert AFTER INSERT ON documents BEGIN
        INSERT OR REPLACE INTO document_words (document, words) VALUES (new.key, {_WORDS.format(t='new.text')});
    END""",
)
