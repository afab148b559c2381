"""Notes: what an annotator writes beside a span or a document ("unsure: speaker or
source?"), in their own layer, one per span and one per document and layer.

A note is private to its author and the reviewers unless the project opens notes to
everyone (the ``notes_visible_to`` setting): annotators reading each other's doubts
would agree more than their judgment does. Writing one is one transaction that returns
its ``Changes``; a span's note goes with the span (ON DELETE CASCADE).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.errors import ValidationError
from annotator.core.model import Changes, Note
from annotator.core.store.records import log_action, now
from annotator.core.store.saving import saving
from annotator.core.store.settings import read_setting, write_setting

if TYPE_CHECKING:
    from annotator.core.store.project import Project

VISIBILITY_SETTING = "notes_visible_to"
VISIBILITIES = ("reviewers", "all")  # the first is the default

_COLUMNS = "n.document, l.name, n.span, n.text, n.created_at, n.updated_at"


def notes_of(project: "Project", document: int, layer: str | None = None) -> list[Note]:
    """The document's notes of one layer (or of every layer: ``None``), the document's
    own first, then by span, by author."""
    where, values = ("AND l.name = ?", [document, layer]) if layer is not None else ("", [document])
    rows = project.db.execute(
        f"""SELECT {_COLUMNS} FROM notes n JOIN layers l ON l.id = n.layer
            WHERE n.document = ? {where} ORDER BY n.span IS NOT NULL, n.span, l.name""", values)
    return [Note(*row) for row in rows]


def visible_notes(project: "Project", document: int, reader: str, reviewer: bool = False) -> list[Note]:
    """The notes ``reader`` may see: their own, and everyone's for a reviewer or when
    the project opens notes to all."""
    notes = notes_of(project, document)
    if reviewer or visible_to(project) == "all":
        return notes
    return [note for note in notes if note.layer == reader]


def visible_to(project: "Project") -> str:
    return read_setting(project.db, VISIBILITY_SETTING, VISIBILITIES[0])


@saving
def set_visible_to(project: "Project", who: str) -> None:
    if who not in VISIBILITIES:
        raise ValidationError(f"notes are visible to {' or '.join(VISIBILITIES)}, not {who!r}")
    with project.db.atomic():
        write_setting(project.db, VISIBILITY_SETTING, who)
        log_action(project.db, "notes_visible_to", None, None, {"to": who})


def written(document: int, layer: str, span: int | None, text: str, before: Note | None) -> Note | None:
    """The note ``text`` makes of ``before`` (None: cleared); it keeps its first time."""
    text = text.strip()
    if not text:
        return None
    stamp = now()
    return Note(document, layer, span, text, before.created_at if before else stamp, stamp)


@saving
def put_note(project: "Project", document: int, layer: str, span: int | None, note: Note | None) -> Changes:
    """Make the note on ``span`` (None: on the document) of ``layer`` exactly ``note``,
    or remove it (``note`` None); one transaction. Undo and redo put back a state."""
    with project.db.atomic():
        before = _note_on(project, document, layer, span)
        if span is not None and (project.span(span).layer, project.span(span).document) != (layer, document):
            raise ValidationError(f"span number {span} is not in the {layer} layer of this document; "
                                  "a note goes in its author's layer")
        layer_id = project.ensure_layer(layer)
        project.db.execute("DELETE FROM notes WHERE document = ? AND layer = ? AND coalesce(span, 0) = ?",
                           [document, layer_id, span or 0])
        if note is not None:
            project.db.execute(
                "INSERT INTO notes (document, layer, span, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                [document, layer_id, span, note.text, note.created_at, note.updated_at])
        project.touch_status(document, layer)
        log_action(project.db, "note", layer, document, {"span": span, "text": note.text if note else None})
    return Changes(document=document, notes_set=(note,) if note else (),
                   notes_cleared=(before,) if before and not note else ())


def insert_notes(project: "Project", document: int, layer: str, notes: list[Note]) -> None:
    """Notes read from a file, inside the caller's transaction (import)."""
    layer_id = project.ensure_layer(layer)
    project.db.execute("DELETE FROM notes WHERE document = ? AND layer = ? AND span IS NULL", [document, layer_id])
    project.db.executemany(
        "INSERT INTO notes (document, layer, span, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        [(document, layer_id, n.span, n.text, n.created_at, n.updated_at) for n in notes])


def _note_on(project: "Project", document: int, layer: str, span: int | None) -> Note | None:
    row = project.db.execute(
        f"""SELECT {_COLUMNS} FROM notes n JOIN layers l ON l.id = n.layer
            WHERE n.document = ? AND l.name = ? AND coalesce(n.span, 0) = ?""", [document, layer, span or 0]).fetchone()
    return Note(*row) if row else None


def all_notes(project: "Project") -> list[tuple[str, Note]]:
    """(document id, note) of every note of the project, by document and layer."""
    rows = project.db.execute(
        f"""SELECT d.id, {_COLUMNS} FROM notes n JOIN layers l ON l.id = n.layer
            JOIN documents d ON d.key = n.document ORDER BY n.document, l.name, n.span IS NOT NULL, n.span""")
    return [(row[0], Note(*row[1:])) for row in rows]
