"""The store's API: every read the program needs and every user action on a project.

Making and opening the file is ``opening``, the rows' shapes are ``records``, what
the file holds and what is wrong with it is ``summary``, and what a refused write tells
the user is ``saving``.

Invariants a maintainer must not break:
- every public method that writes runs in exactly one transaction (``Connection.atomic``) and
  leaves none open, so an action is either wholly in the file or not at all;
- nothing is written before a file has been recognized as ours and as not newer than
  this code (``project_file.check_header``);
- a document's text never changes after import; span offsets are code points into it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError, ValidationError
from annotator.core.model import GOLD_LAYER, STATUSES, Changes, Document, Relation, Span
from annotator.core.schema import Schema
from annotator.core.store.backup import list_backups
from annotator.core.store.connection import Connection
from annotator.core.store.layer_ids import LayerIds
from annotator.core.store.opening import create_at, location, open_at
from annotator.core.store.project_file import WriterLock, refuse_if_open_here
from annotator.core.store.records import (
    DOCUMENT_COLUMNS,
    RELATION_COLUMNS,
    SPAN_COLUMNS,
    check_span_offsets,
    document_of,
    dumps,
    layer_name,
    log_action,
    now,
    relation_detail,
    relation_of,
    span_detail,
    span_of,
    spans_in_text_order,
)
from annotator.core.store.saving import not_saved_on_storage_errors, saving
from annotator.core.store.settings import MISSING, read_setting
from annotator.core.store.texts import DocumentTexts


class Project:
    """An open project file. Use ``Project.create`` or ``Project.open``."""

    def __init__(self, path: Path, db: Connection, lock: WriterLock | None = None, read_only: bool = False):
        self.path = path
        self.db = db
        self.lock = lock
        self.read_only = read_only
        self.schema = Schema.from_dict(self._setting("schema"))
        self.text = DocumentTexts(self._load_text, lambda: db.rollbacks)  # a document's text by key, recent ones kept
        self._layer_ids = LayerIds(db)
        # (document, layer) -> the status an edit moved it from, for the change set a
        # document session publishes (``take_status_moves``).
        self._status_moves: dict[tuple[int, str], str] = {}

    # -- opening -----------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, schema: Schema | None = None) -> "Project":
        """Make a new project file; refuse to touch an existing file.

        The file is built under a temporary name and renamed when whole, so a project file
        never exists half made, whenever the program is killed.
        """
        where = location(path)
        return cls(where, create_at(where, schema))

    @classmethod
    def open(cls, path: str | Path, *, writer: bool = False, read_only: bool = False) -> "Project":
        """Open an existing project, checked, and migrated forward if it is older.

        ``writer=True`` (the window, imports) takes the project's writer lock and keeps a
        fresh backup; ``read_only=True`` refuses every write at the SQLite level.
        """
        where = location(path)
        db, lock = open_at(where, writer, read_only)
        try:
            project = cls(where, db, lock, read_only)
            if writer:
                project.backup_if_changed()
            return project
        except BaseException:
            db.close()
            if lock:
                lock.release()
            raise

    def backup(self, destination: Path | None = None) -> Path:
        """A verified copy of the project, made with SQLite's backup API."""
        if destination is not None:
            refuse_if_open_here(Path(destination))
        return self.db.backup(self.path, destination)

    def backup_if_changed(self) -> Path | None:
        """Back up when something was edited since the newest backup (a file's; a server keeps its own)."""
        last = self.db.execute("SELECT max(at) FROM edit_log").fetchone()[0]
        backups = list_backups(self.path) if isinstance(self.path, Path) else None
        if last is None or backups is None or (backups and backups[0].taken >= datetime.fromisoformat(last)):
            return None
        return self.backup()

    def close(self) -> None:
        self.db.close()
        if self.lock:
            self.lock.release()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One all-or-nothing unit; nested calls become savepoints."""
        with not_saved_on_storage_errors(self.path), self.db.atomic():
            yield

    # -- reading -----------------------------------------------------------------

    def _setting(self, key: str) -> Any:
        if (value := read_setting(self.db, key, MISSING)) is MISSING:
            raise ProjectError(f"{self.path}: the project has no {key!r} setting; it is damaged")
        return value

    def _load_text(self, key: int) -> str:
        row = self.db.execute("SELECT text FROM documents WHERE key = ?", [key]).fetchone()
        if row is None:
            raise ValidationError(f"there is no document number {key} in this project")
        return row[0]

    def document(self, key: int) -> Document:
        row = self.db.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE key = ?", [key]).fetchone()
        if row is None:
            raise ValidationError(f"there is no document number {key} in this project")
        return document_of(row)

    def document_by_id(self, doc_id: str) -> Document | None:
        row = self.db.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", [doc_id]).fetchone()
        return document_of(row) if row else None

    def document_by_sha(self, sha: str) -> Document | None:
        row = self.db.execute(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE text_sha256 = ?", [sha]
        ).fetchone()
        return document_of(row) if row else None

    def documents(self) -> Iterator[Document]:
        for row in self.db.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY key"):
            yield document_of(row)

    def document_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def layer_names(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT name FROM layers ORDER BY name")]

    def layers_of(self, document: int) -> list[str]:
        """Layers that touched a document: it has their spans or their status."""
        rows = self.db.execute(
            """SELECT name FROM layers WHERE id IN (
                   SELECT layer FROM spans WHERE document = :d
                   UNION SELECT layer FROM document_status WHERE document = :d)
               ORDER BY name""",
            {"d": document},
        )
        return [row[0] for row in rows]

    def spans(self, document: int, layer: str, over: tuple[int, int] | None = None) -> list[Span]:
        """In text order (start, end, label, id); ``over=(start, end)``: those on some of it."""
        within = ' AND s.start < ? AND s."end" > ?' if over else ""
        rows = self.db.execute(
            f"""SELECT s.start, s."end", s.label, s.id, s.attrs FROM spans s
                WHERE s.document = ? AND s.layer = (SELECT id FROM layers WHERE name = ?){within}""",
            [document, layer, *(over[::-1] if over else ())],
        ).fetchall()
        return spans_in_text_order(rows, document, layer)

    def span(self, span_id: int) -> Span:
        row = self.db.execute(
            f"SELECT {SPAN_COLUMNS} FROM spans s JOIN layers l ON l.id = s.layer WHERE s.id = ?",
            [span_id],
        ).fetchone()
        if row is None:
            raise ValidationError(f"there is no span number {span_id}; it may have been deleted")
        return span_of(row)

    def relations(self, document: int, layer: str) -> list[Relation]:
        rows = self.db.execute(
            f"""SELECT {RELATION_COLUMNS} FROM relations r JOIN layers l ON l.id = r.layer
                WHERE r.document = ? AND l.name = ? ORDER BY r.id""",
            [document, layer],
        )
        return [relation_of(row) for row in rows]

    def status(self, document: int, layer: str) -> str:
        row = self.db.execute(
            """SELECT status FROM document_status ds JOIN layers l ON l.id = ds.layer
               WHERE ds.document = ? AND l.name = ?""",
            [document, layer],
        ).fetchone()
        return row[0] if row else "new"

    def span_at(self, document: int, layer: str, start: int, end: int, label: str) -> Span | None:
        """The layer's span of ``label`` exactly at ``start``-``end``, if there is one (read
        by its place on the index, not by reading the document's spans)."""
        row = self.db.execute(
            f"""SELECT {SPAN_COLUMNS} FROM spans s JOIN layers l ON l.id = s.layer
                WHERE s.document = ? AND l.name = ? AND s.start = ? AND s."end" = ? AND s.label = ?
                ORDER BY s.id LIMIT 1""", [document, layer, start, end, label]).fetchone()
        return span_of(row) if row else None

    def attribute_values(self, label: str, attribute: str) -> list[str]:
        """Every value ``attribute`` has on a span of ``label``, in any layer (for completion)."""
        rows = self.db.execute(
            "SELECT DISTINCT json_extract(attrs, '$.' || ?) FROM spans "
            "WHERE label = ? AND json_extract(attrs, '$.' || ?) IS NOT NULL", [attribute, label, attribute])
        return [row[0] for row in rows]

    def rejected_suggestions(self, document: int, layer: str) -> set[str]:
        """The keys of the suggestions ``layer`` rejected in ``document``."""
        rows = self.db.execute(
            """SELECT r.suggestion FROM rejected_suggestions r JOIN layers l ON l.id = r.layer
               WHERE r.document = ? AND l.name = ?""", [document, layer])
        return {row[0] for row in rows}

    def document_identities(self) -> tuple[set[str], set[str], int]:
        """What an import checks new documents against: the texts' SHA-256s, the ids, and
        the next free key."""
        db = self.db
        shas = {row[0] for row in db.execute("SELECT text_sha256 FROM documents")}
        ids = {row[0] for row in db.execute("SELECT id FROM documents")}
        next_key = (db.execute("SELECT max(key) FROM documents").fetchone()[0] or 0) + 1
        return shas, ids, next_key

    def rejected_units(self, document: int) -> set[str]:
        """The review units of ``document`` settled with no gold span."""
        return {row[0] for row in self.db.execute("SELECT unit FROM rejections WHERE document = ?", [document])}

    def has_relation(self, relation_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM relations WHERE id = ?", [relation_id]).fetchone() is not None

    def provenance(self, span_id: int) -> dict[str, Any] | None:
        """Where a gold span came from: the decision, its sources, who decided, when, why."""
        row = self.db.execute(
            "SELECT decision, sources, decided_by, decided_at, reason, unit FROM provenance WHERE span = ?",
            [span_id]).fetchone()
        if row is None:
            return None
        decision, sources, by, at, reason, unit = row
        return {"decision": decision, "sources": json.loads(sources), "decided_by": by, "decided_at": at,
                "reason": reason, "unit": unit}

    # -- writing: each public method is one user action, one transaction ----------

    @saving
    def reject_suggestion(self, document: int, layer: str, key: str) -> Changes:
        """Remember that ``layer`` rejected the suggestion ``key`` in ``document``."""
        with self.db.atomic():
            self.db.execute(
                "INSERT OR IGNORE INTO rejected_suggestions (document, layer, suggestion, rejected_at) "
                "VALUES (?, ?, ?, ?)", [document, self.ensure_layer(layer), key, now()])
            log_action(self.db, "reject_suggestion", layer, document, {"suggestion": key})
        return Changes(document=document, suggestions_rejected=(key,))

    @saving
    def unreject_suggestion(self, document: int, layer: str, key: str) -> Changes:
        with self.db.atomic():
            self.db.execute(
                """DELETE FROM rejected_suggestions WHERE document = ? AND suggestion = ?
                   AND layer = (SELECT id FROM layers WHERE name = ?)""", [document, key, layer])
        return Changes(document=document, suggestions_restored=(key,))


    @saving
    def ensure_layer(self, name: str) -> int:
        """The id of layer ``name``, made (with its annotator) if missing."""
        return self._layer_ids.ensure(name)

    @saving
    def add_span(
        self,
        document: int,
        layer: str,
        start: int,
        end: int,
        label: str,
        attrs: dict[str, Any] | None = None,
    ) -> Changes:
        attrs = dict(attrs or {})
        with self.db.atomic():
            span, status_was = self._insert_span_row(document, layer, start, end, label, attrs)
            self.touch_status(document, span.layer, status_was)
            log_action(self.db, "add_span", layer, document, span_detail(span))
        return Changes(document=document, spans_added=(span,))

    @saving
    def update_span(self, span_id: int, *, label: str | None = None, attrs: dict[str, Any] | None = None,
                    start: int | None = None, end: int | None = None) -> Changes:
        """Relabel a span, replace its attributes and/or move its boundaries (its id and
        links stay); links that no longer fit are refused, and so are offsets that
        ``check_span_offsets`` refuses. Without ``attrs`` a span keeps the attributes its
        (new) label also has (``Schema.attributes_kept``)."""
        old = self.span(span_id)
        new_label = label if label is not None else old.label
        new_attrs = dict(attrs) if attrs is not None else self.schema.attributes_kept(new_label, old.attrs)[0]
        new_start, new_end = old.start if start is None else start, old.end if end is None else end
        if (new_start, new_end) != (old.start, old.end):
            check_span_offsets(self.text(old.document), new_start, new_end)
        self.schema.check_span(new_label, new_attrs)
        with self.db.atomic():
            if new_label != old.label:
                self._check_links_still_fit(old, new_label)
            self.db.execute(
                'UPDATE spans SET label = ?, attrs = ?, start = ?, "end" = ? WHERE id = ?',
                [new_label, dumps(new_attrs), new_start, new_end, span_id],
            )
            new = Span(old.id, old.document, old.layer, new_start, new_end, new_label, new_attrs)
            self.touch_status(old.document, old.layer)
            log_action(self.db, "update_span", old.layer, old.document,
                 {"before": span_detail(old), "after": span_detail(new)})
        return Changes(document=old.document, spans_changed=(new,))

    @saving
    def delete_span(self, span_id: int) -> Changes:
        """Remove a span and the relations that use it."""
        span = self.span(span_id)
        with self.db.atomic():
            gone = self.relations_of(span_id)
            self.db.execute("DELETE FROM spans WHERE id = ?", [span_id])
            self.touch_status(span.document, span.layer)
            log_action(self.db, "delete_span", span.layer, span.document,
                 {**span_detail(span), "relations": [r.id for r in gone]})
        return Changes(document=span.document, spans_removed=(span,), relations_removed=tuple(gone))

    @saving
    def add_relation(self, type_: str, head: int, child: int) -> Changes:
        head_span, child_span = self.span(head), self.span(child)
        relation = self.insert_relation(type_, head_span, child_span)
        return Changes(document=head_span.document, relations_added=(relation,))

    @saving
    def link(self, type_: str, head: int, child: int) -> Changes:
        """Tie ``head`` to ``child`` by ``type_``. A head has at most one link of each type
        (a claim one speaker, one target), so a link it had of that type goes, in the same
        transaction."""
        head_span, child_span = self.span(head), self.span(child)
        with self.db.atomic():
            old = [r for r in self.relations_of(head) if r.head == head and r.type == type_]
            if any(r.child == child for r in old):
                raise ValidationError(f"these two spans are already linked by {type_}")
            for relation in old:
                self._remove_relation_row(relation)
            relation = self.insert_relation(type_, head_span, child_span)
        return Changes(document=head_span.document, relations_added=(relation,), relations_removed=tuple(old))

    @saving
    def swap_relations(self, remove: tuple[Relation, ...], restore: tuple[Relation, ...]) -> Changes:
        """Remove some links and put others back under their old ids, at once: the undo
        and redo of ``link``."""
        with self.db.atomic():
            for relation in remove:
                self._remove_relation_row(relation)
            for relation in restore:
                self._restore_relation_row(relation)
                log_action(self.db, "restore_relation", relation.layer, relation.document, relation_detail(relation))
        document = (remove or restore)[0].document if (remove or restore) else None
        return Changes(document=document, relations_added=tuple(restore), relations_removed=tuple(remove))

    def relations_of(self, span_id: int) -> list[Relation]:
        """The links that have ``span_id`` at either end."""
        rows = self.db.execute(
            f"""SELECT {RELATION_COLUMNS} FROM relations r JOIN layers l ON l.id = r.layer
                WHERE r.head = :s OR r.child = :s ORDER BY r.id""", {"s": span_id})
        return [relation_of(row) for row in rows]

    def _remove_relation_row(self, relation: Relation) -> None:
        self.db.execute("DELETE FROM relations WHERE id = ?", [relation.id])
        log_action(self.db, "delete_relation", relation.layer, relation.document, relation_detail(relation))

    @saving
    def delete_relation(self, relation_id: int) -> Changes:
        row = self.db.execute(
            f"SELECT {RELATION_COLUMNS} FROM relations r JOIN layers l ON l.id = r.layer WHERE r.id = ?",
            [relation_id],
        ).fetchone()
        if row is None:
            raise ValidationError(f"there is no relation number {relation_id}")
        relation = relation_of(row)
        with self.db.atomic():
            self.db.execute("DELETE FROM relations WHERE id = ?", [relation_id])
            log_action(self.db, "delete_relation", relation.layer, relation.document, relation_detail(relation))
        return Changes(document=relation.document, relations_removed=(relation,))

    @saving
    def restore_span(self, span: Span, relations: tuple[Relation, ...] = ()) -> Changes:
        """Put back a deleted span under its old id, with the relations that used it (undo)."""
        text = self.text(span.document)
        check_span_offsets(text, span.start, span.end)
        self.schema.check_span(span.label, span.attrs)
        with self.db.atomic():
            if self.db.execute("SELECT 1 FROM spans WHERE id = ?", [span.id]).fetchone():
                raise ValidationError(f"span number {span.id} exists already")
            self.db.execute(
                'INSERT INTO spans (id, document, layer, start, "end", label, attrs) VALUES (?, ?, ?, ?, ?, ?, ?)',
                [span.id, span.document, self.ensure_layer(span.layer), span.start, span.end,
                 span.label, dumps(span.attrs)],
            )
            for relation in relations:
                self._restore_relation_row(relation)
            self.touch_status(span.document, span.layer)
            log_action(self.db, "restore_span", span.layer, span.document,
                 {**span_detail(span), "relations": [r.id for r in relations]})
        return Changes(document=span.document, spans_added=(span,), relations_added=tuple(relations))

    @saving
    def restore_relation(self, relation: Relation) -> Changes:
        """Put back a deleted relation under its old id (undo)."""
        with self.db.atomic():
            self._restore_relation_row(relation)
            log_action(self.db, "restore_relation", relation.layer, relation.document, relation_detail(relation))
        return Changes(document=relation.document, relations_added=(relation,))

    def _restore_relation_row(self, relation: Relation) -> None:
        head, child = self.span(relation.head), self.span(relation.child)
        self.schema.check_relation(relation.type, head.label, child.label)
        self.db.execute(
            "INSERT INTO relations (id, document, layer, type, head, child) VALUES (?, ?, ?, ?, ?, ?)",
            [relation.id, relation.document, self.ensure_layer(relation.layer), relation.type,
             relation.head, relation.child],
        )

    @saving
    def set_status(self, document: int, layer: str, status: str) -> Changes:
        if status not in STATUSES:
            raise ValidationError(f"status {status!r} is not one of {', '.join(STATUSES)}")
        self.text(document)
        with self.db.atomic():
            was = self.status(document, layer)
            self.write_status(document, self.ensure_layer(layer), status)
            log_action(self.db, "set_status", layer, document, {"status": status})
        return Changes(document=document, status=status, status_was=was)

    def take_status_moves(self, document: int, layer: str) -> str | None:
        """The status this document's layer had before edits since the last call moved it
        to in progress (``touch_status``), or None; forgets every move it recorded. A
        document session calls it after each intent, so its change set says the document
        is now in progress without a view asking the store."""
        was = self._status_moves.get((document, layer))
        self._status_moves.clear()
        return was

    # -- parts of a larger action ----------------------------------------------------
    # Import, adjudication and accepting a suggestion are each one action made of these
    # parts: they validate and write, and must run inside the caller's ``transaction()``,
    # which commits them together (``_inside`` refuses them outside one).

    def _inside(self) -> None:
        if not self.db.in_transaction:
            raise RuntimeError("a part of a larger action must run inside Project.transaction()")

    def insert_span(
        self, document: int, layer: str, start: int, end: int, label: str, attrs: dict[str, Any]
    ) -> Span:
        return self._insert_span_row(document, layer, start, end, label, attrs)[0]

    def _insert_span_row(
        self, document: int, layer: str, start: int, end: int, label: str, attrs: dict[str, Any]
    ) -> tuple[Span, str | None]:
        """The span inserted, and the status its document had in the layer (None: never
        set), read by the same statement: one round trip less to a team's server."""
        self._inside()
        text = self.text(document)
        check_span_offsets(text, start, end)
        self.schema.check_span(label, attrs)
        layer_id = self.ensure_layer(layer)
        span_id, status_was = self.db.execute(
            'INSERT INTO spans (document, layer, start, "end", label, attrs) VALUES (?, ?, ?, ?, ?, ?) '
            "RETURNING id, (SELECT status FROM document_status WHERE document = ? AND layer = ?)",
            [document, layer_id, start, end, label, dumps(attrs), document, layer_id],
        ).fetchone()
        return Span(span_id, document, layer_name(layer), start, end, label, attrs), status_was

    def insert_relation(self, type_: str, head: Span, child: Span) -> Relation:
        if head.document != child.document or head.layer != child.layer:
            raise ValidationError("a relation links two spans of the same document and layer")
        self.schema.check_relation(type_, head.label, child.label)
        with self.db.atomic():
            duplicate = self.db.execute(
                "SELECT 1 FROM relations WHERE head = ? AND child = ? AND type = ?",
                [head.id, child.id, type_],
            ).fetchone()
            if duplicate:
                raise ValidationError(f"these two spans are already linked by {type_}")
            layer_id = self.ensure_layer(head.layer)
            relation_id = self.db.execute(
                "INSERT INTO relations (document, layer, type, head, child) VALUES (?, ?, ?, ?, ?)",
                [head.document, layer_id, type_, head.id, child.id],
            ).lastrowid
            relation = Relation(relation_id, head.document, head.layer, type_, head.id, child.id)
            self.touch_status(head.document, head.layer)
            log_action(self.db, "add_relation", head.layer, head.document, relation_detail(relation))
        return relation

    def _check_links_still_fit(self, span: Span, new_label: str) -> None:
        for relation in self.relations_of(span.id):
            type_, head, child = relation.type, relation.head, relation.child
            head_label = new_label if head == span.id else self.span(head).label
            child_label = new_label if child == span.id else self.span(child).label
            try:
                self.schema.check_relation(type_, head_label, child_label)
            except ValidationError as error:
                raise ValidationError(
                    f"cannot relabel to {new_label}: its {type_} link would not fit ({error}); "
                    "remove the link first"
                ) from None

    def touch_status(self, document: int, layer: str, was: Any = MISSING) -> None:
        """Editing a document that was new puts it in progress; done stays done. The move is
        remembered for ``take_status_moves``; ``was``, the status before, when the caller
        read it already (None: never set)."""
        self._inside()
        layer_id = self.ensure_layer(layer)
        if was is MISSING:
            row = self.db.execute("SELECT status FROM document_status WHERE document = ? AND layer = ?",
                                  [document, layer_id]).fetchone()
            was = row[0] if row else None
        if was is None or was == "new":
            self._status_moves.setdefault((document, layer), "new")
        self.db.write(
            """INSERT INTO document_status (document, layer, status, updated_at)
               VALUES (?, ?, 'in_progress', ?)
               ON CONFLICT (document, layer) DO UPDATE SET
                 status = CASE WHEN document_status.status = 'new' THEN 'in_progress' ELSE document_status.status END,
                 updated_at = excluded.updated_at""",
            [document, layer_id, now()],
        )

    def write_status(self, document: int, layer_id: int, status: str) -> None:
        self._inside()
        self.db.write(
            """INSERT INTO document_status (document, layer, status, updated_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (document, layer) DO UPDATE SET
                 status = excluded.status, updated_at = excluded.updated_at""",
            [document, layer_id, status, now()],
        )

    def insert_documents(self, rows: list[tuple]) -> None:
        """Documents as import rows (key, id, title, text, sha256, source, url, published,
        meta as JSON, imported at); the text is stored as text even when it looks numeric."""
        self._inside()
        self.db.executemany(
            """INSERT INTO documents (key, id, title, text, text_sha256, source, url, published, meta,
                                      imported_at)
               VALUES (?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?, ?, ?)""", rows)

    def clear_layer(self, document: int, layer: str) -> None:
        """Remove a layer's spans (their links go with them) and status from a document."""
        self._inside()
        layer_id = self.ensure_layer(layer)
        self.db.execute("DELETE FROM spans WHERE document = ? AND layer = ?", [document, layer_id])
        self.db.execute("DELETE FROM document_status WHERE document = ? AND layer = ?", [document, layer_id])

    def record_provenance(self, *, span: int | None = None, relation: int | None = None, decision: str,
                          sources: list[str], decided_by: str, decided_at: str | None = None,
                          reason: str | None = None, unit: str | None = None) -> None:
        """Where a gold span or link came from (``decided_at`` now unless given)."""
        self._inside()
        self.db.execute(
            """INSERT INTO provenance (span, relation, decision, unit, sources, decided_by, decided_at, reason)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [span, relation, decision, unit, dumps(sources), decided_by, decided_at or now(), reason])

    def record_rejection(self, document: int, unit: str, decided_by: str, reason: str | None) -> None:
        self._inside()
        self.db.execute(
            "INSERT INTO rejections (document, unit, decided_by, decided_at, reason) VALUES (?, ?, ?, ?, ?)",
            [document, unit, decided_by, now(), reason])

    def forget_rejection(self, document: int, unit: str) -> None:
        self._inside()
        self.db.execute("DELETE FROM rejections WHERE document = ? AND unit = ?", [document, unit])

    def log(self, action: str, layer: str | None, document: int | None, detail: dict[str, Any]) -> None:
        """Record a larger action in the edit log."""
        self._inside()
        log_action(self.db, action, layer, document, detail)

