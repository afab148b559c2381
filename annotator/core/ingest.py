"""Bringing documents (and optionally one annotator's layer) into a project.

Readers in ``annotator.formats`` turn files into ``DocumentInput`` records whose text is
already fixed up and whose offsets already point into that text; ``import_documents``
writes them all in one transaction, so a file that fails half way changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson

from annotator.core import speakers
from annotator.core.document_label_import import DocumentLabelInput, insert_document_labels
from annotator.core.errors import InputError, LayerNeeded, LayerTaken, ValidationError
from annotator.core.model import STATUSES, Note
from annotator.core.store import Project, now
from annotator.core.store import notes as note_store
from annotator.core.text import count_bidi_controls

# The records below are made once per imported article and span, and none is changed
# after it is made; they are plain dataclasses because a frozen one sets each field
# through object.__setattr__, which makes it several times slower to make.


@dataclass
class SpanInput:
    ref: Any  # the span's id in the file, for relations to point at
    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, Any] | None = None  # gold spans: who had it, who decided, when, why
    entity_id: str | None = None  # the id of the entity it names (core/speakers.py)


@dataclass
class RelationInput:
    type: str
    head: Any
    child: Any


@dataclass
class NoteInput:
    span: Any  # the span's id in the file; None: a note on the document
    text: str
    created_at: str | None = None  # now, when the file gives none
    updated_at: str | None = None


@dataclass
class LayerInput:
    name: str | None  # None: the caller's --annotator names it
    status: str | None = None
    spans: tuple[SpanInput, ...] = ()
    relations: tuple[RelationInput, ...] = ()
    notes: tuple[NoteInput, ...] = ()
    document_labels: tuple[DocumentLabelInput, ...] = ()
    named_after: str | None = None  # the file whose name gave ``name`` (doccano's one file per user)


@dataclass
class DocumentInput:
    """One record to import. ``path``/``line`` say where it came from, for messages."""

    text: str
    path: str
    line: int | None = None
    id: str | None = None
    id_is_explicit: bool = False
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None
    layer: LayerInput | None = None


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (where from, existing id)
    layers_attached: list[tuple[str, str]] = field(default_factory=list)
    layers_replaced: list[tuple[str, str]] = field(default_factory=list)
    spans: int = 0
    relations: int = 0
    encodings: dict[str, str] = field(default_factory=dict)
    entity_ids: dict[str, str] = field(default_factory=dict)  # entity key -> the id the file gave it
    bidi_controls: dict[str, int] = field(default_factory=dict)
    layered_existing: int = 0  # documents already in the project (or earlier in this import) given a layer
    layers_named_by_files: dict[str, str] = field(default_factory=dict)  # file name: the layer it named

    def summary(self, verbose: bool = False) -> list[str]:
        """What the import did, in a few lines however many documents it read (the
        command line prints them, and a window may show them); ``verbose`` adds a line
        per document and per file."""
        return import_summary(self, verbose)


_NOT_IN_A_NAME = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def title_of(text: str) -> str:
    """The first non-empty line, shortened for lists."""
    start = 0
    while start <= len(text):  # line by line, without splitting a long text whole
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        line = text[start:end].strip()
        if line:
            return line if len(line) <= 200 else line[:199] + "…"
        start = end + 1
    return "(empty)"


def import_documents(
    project: Project,
    records: Iterable[DocumentInput],
    *,
    annotator: str | None = None,
    replace: bool = False,
) -> ImportReport:
    """Import every record or none: the first bad one raises InputError and rolls back."""
    report = ImportReport()
    with project.transaction():
        batch = _Batch(project)
        for record in records:
            try:
                _import_one(project, record, annotator, replace, report, batch)
            except ValidationError as error:
                raise InputError(_one_line(str(error)), path=record.path, line=record.line, cause=error) from None
        batch.flush()
        if report.entity_ids:
            speakers.adopt_ids(project, report.entity_ids)
        if report.added or report.layers_attached:
            project.log("import", annotator, None, {
                "documents": len(report.added),
                "layers": len(report.layers_attached),
                "spans": report.spans,
            })
    return report


class _Batch:
    """New documents of one import, written with ``executemany`` a batch at a time.

    The ids and text hashes already in the project are read once (from their small
    unique indexes) instead of two queries per record; keys are given explicitly
    (``max(key) + 1`` onwards, what SQLite would choose) so a layer can be attached
    before the batch is written, which it always is first (``flush``). The documents
    of one import share its time stamp, taken once. A text is handed over as the UTF-8
    made for its hash, which SQLite stores as text (``CAST``) instead of making it again.
    """

    SIZE = 1000

    def __init__(self, project: Project):
        self.project = project
        self.shas, self.ids, self.next_key = project.document_identities()
        self.rows: list[tuple] = []
        self.imported_at = now()

    def add(self, row: tuple) -> int:
        key = self.next_key
        self.next_key += 1
        self.rows.append((key, *row))
        if len(self.rows) >= self.SIZE:
            self.flush()
        return key

    def flush(self) -> None:
        if self.rows:
            self.project.insert_documents(self.rows)
            self.rows = []


def _one_line(message: str, limit: int = 400) -> str:
    """A message short enough for one line: the schema quotes values it refuses in full,
    and a value can be a megabyte long; keep the start and the end (what is allowed)."""
    if len(message) <= limit:
        return message
    return message[: limit // 2] + " … " + message[-(limit // 2):]


# store.dumps, with its encoder built once instead of once per document.
_dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


def _meta_json(meta: dict[str, Any]) -> str:
    """``store.dumps(meta)`` without its spaces, by orjson (much faster) where it writes
    what ``_dumps`` would mean (``orjson_writes_as_json``); else by ``_dumps``, which then
    writes it, or refuses it, as it would without orjson."""
    if orjson_writes_as_json(meta):
        try:
            return orjson.dumps(meta).decode("utf-8")
        except orjson.JSONEncodeError:  # a whole number beyond 64 bits
            pass
    return _dumps(meta)


def orjson_writes_as_json(value: Any) -> bool:
    """Whether ``value`` holds only what orjson writes as the json module does: dicts,
    lists, strings, whole numbers, finite floats, booleans and None. orjson writes NaN and
    infinities as null where the json module (``allow_nan=False``) refuses them; a subclass
    of a JSON type, or anything else, is left to the json module too."""
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
        elif kind is float:
            if not math.isfinite(item):
                return False
        elif kind not in _JSON_SCALARS:
            return False
    return True


_JSON_SCALARS = (str, int, bool, type(None))


def _may_hold_bidi_controls(text: str, data: bytes) -> bool:
    """False when the text surely has none of BIDI_CONTROLS, found with two fast searches
    instead of a count per control character: U+200E-F, U+202A-E and U+2066-9 begin with
    byte E2 in UTF-8, and U+061C is looked for in the text (searching the bytes for its
    D8 9C is slow in Arabic, where nearly every character begins with D8 or D9)."""
    return b"\xe2" in data or "\u061c" in text


def _import_one(
    project: Project, record: DocumentInput, annotator: str | None, replace: bool, report: ImportReport,
    batch: _Batch,
) -> None:
    if not record.text or record.text.isspace():  # as "not text.strip()", without the copy
        raise ValidationError("the document is empty")
    data = record.text.encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    existing = None
    if sha in batch.shas:  # already in the project, or earlier in this import
        batch.flush()
        existing = project.document_by_sha(sha)
    if existing is None:
        key, doc_id = _insert_document(project, record, data, sha, batch)
        report.added.append(doc_id)
        if record.encoding:
            report.encodings[record.path] = record.encoding
        if _may_hold_bidi_controls(record.text, data):
            bidi = count_bidi_controls(record.text)
            if bidi:
                report.bidi_controls[doc_id] = bidi
    else:
        key, doc_id = existing.key, existing.id
        if record.layer is None and annotator is None:
            where = f"{record.path}:{record.line}" if record.line else record.path
            report.duplicates.append((where, doc_id))
            return
    if record.layer is None and annotator is None:
        return
    batch.flush()  # the layer's spans read the document's text back
    layer = record.layer or LayerInput(name=None)
    _attach_layer(project, key, doc_id, layer, annotator or layer.name, replace, report)
    if existing is not None:
        report.layered_existing += 1
    if annotator is None and layer.named_after is not None:
        report.layers_named_by_files[layer.named_after] = layer.name


def _insert_document(
    project: Project, record: DocumentInput, data: bytes, sha: str, batch: _Batch,
) -> tuple[int, str]:
    """``data`` is the text as UTF-8."""
    doc_id = _free_id(record, sha, batch.ids)
    key = batch.add((
        doc_id,
        record.title or title_of(record.text),
        data,
        sha,
        record.source,
        record.url,
        record.published,
        _meta_json(record.meta),
        batch.imported_at,
    ))
    batch.shas.add(sha)
    batch.ids.add(doc_id)
    return key, doc_id


def _free_id(record: DocumentInput, sha: str, taken: set[str]) -> str:
    wanted = record.id or f"doc-{sha[:12]}"
    if wanted not in taken:
        return wanted
    if record.id_is_explicit:
        raise ValidationError(
            f"document id {wanted!r} is already used by another text in this project; "
            "give this record a different id"
        )
    suffix = 2
    while f"{wanted}-{suffix}" in taken:
        suffix += 1
    return f"{wanted}-{suffix}"


def _attach_layer(
    project: Project,
    key: int,
    doc_id: str,
    layer: LayerInput,
    name: str | None,
    replace: bool,
    report: ImportReport,
) -> None:
    if not name:
        raise LayerNeeded()
    name = name.strip() or name  # as ensure_layer stores it; an empty one is refused there
    if _NOT_IN_A_NAME.search(name):
        raise ValidationError(
            "the layer (annotator) name holds a control character (such as NUL or a line break) or "
            "bytes that are not valid in this system's encoding; choose a name of plain letters and digits"
        )
    if name in project.layers_of(key):
        if not replace:
            raise LayerTaken(doc_id, name)
        _remove_layer(project, key, name)
        report.layers_replaced.append((doc_id, name))
    status = layer.status or ("in_progress" if layer.spans else "new")
    if status not in STATUSES:
        raise ValidationError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    layer_id = project.ensure_layer(name)
    refs = {}
    for span in layer.spans:
        if span.ref in refs:
            raise ValidationError(f"span id {span.ref!r} appears twice in this record")
        refs[span.ref] = project.insert_span(key, name, span.start, span.end, span.label, span.attrs)
        if span.provenance is not None:
            _insert_provenance(project, refs[span.ref].id, span.provenance)
        if span.entity_id is not None:
            report.entity_ids.update(speakers.named_id(project.schema, span.label, span.attrs, span.entity_id))
    for relation in layer.relations:
        for end in (relation.head, relation.child):
            if end not in refs:
                raise ValidationError(f"relation {relation.type} points at span id {end!r}, which this record does not have")
        project.insert_relation(relation.type, refs[relation.head], refs[relation.child])
    if layer.notes:
        _insert_notes(project, key, name, layer.notes, refs)
    if layer.document_labels:
        insert_document_labels(project, key, name, layer.document_labels)
    project.write_status(key, layer_id, status)
    report.layers_attached.append((doc_id, name))
    report.spans += len(layer.spans)
    report.relations += len(layer.relations)


def _insert_notes(project: Project, key: int, name: str, notes: tuple[NoteInput, ...], refs: dict) -> None:
    found = []
    for note in notes:
        if note.span is not None and note.span not in refs:
            raise ValidationError(f"a note points at span id {note.span!r}, which this record does not have")
        stamp = now()
        found.append(Note(key, name, None if note.span is None else refs[note.span].id, note.text,
                          note.created_at or stamp, note.updated_at or note.created_at or stamp))
    subjects = [n.span for n in found]
    if len(set(subjects)) < len(subjects):
        raise ValidationError("two notes of this record are on the same span (or both on the document); "
                              "a layer has one note per span and one on the document: join them")
    note_store.insert_notes(project, key, name, found)


def _remove_layer(project: Project, key: int, name: str) -> None:
    project.clear_layer(key, name)
    insert_document_labels(project, key, name, ())


_DECISIONS = ("agreed", "picked", "combined", "edited")


def _insert_provenance(project: Project, span_id: int, origin: dict[str, Any]) -> None:
    """Keep a gold span's provenance through an export and import."""
    if not isinstance(origin, dict) or origin.get("decision") not in _DECISIONS:
        raise ValidationError(f"a span's provenance needs a decision, one of {', '.join(_DECISIONS)}")
    sources = origin.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(x, str) for x in sources):
        raise ValidationError("a span's provenance sources must be a list of annotator names")
    for key in ("decided_by", "decided_at"):
        if not isinstance(origin.get(key), str):
            raise ValidationError(f"a span's provenance needs {key!r} as text")
    reason = origin.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise ValidationError("a span's provenance reason must be text or null")
    project.record_provenance(span=span_id, decision=origin["decision"], sources=sources,
                              decided_by=origin["decided_by"], decided_at=origin["decided_at"], reason=reason)


# -- the summary -------------------------------------------------------------------------

EXAMPLES = 3  # how many of a kind a summary names before "and N more"


def import_summary(report: ImportReport, verbose: bool = False) -> list[str]:
    """``ImportReport.summary``: a line of totals, then layers, encodings, skipped records
    and warnings, each kind on one line with its count and its first examples."""
    lines = [f"imported {len(report.added)} document(s), {report.spans} span(s), {report.relations} relation(s)"]
    if report.layered_existing:
        lines.append(f"  {report.layered_existing} document(s) already in the project got a layer")
    lines += _layer_lines(report)
    lines += _encoding_lines(report.encodings, verbose)
    lines += _skipped_lines(report.duplicates, verbose)
    if verbose:
        lines += [f"  {doc_id}: annotations by {layer} added" for doc_id, layer in report.layers_attached]
        lines += [f"  {doc_id}: earlier annotations by {layer} replaced" for doc_id, layer in report.layers_replaced]
    return lines + _warning_lines(report)


def _layer_lines(report: ImportReport) -> list[str]:
    lines = [f"  layer {layer!r} taken from the file name {file_name}"
             for file_name, layer in report.layers_named_by_files.items()]
    for verb, pairs in (("added", report.layers_attached), ("replaced", report.layers_replaced)):
        counts = Counter(layer for _, layer in pairs)
        if counts:
            lines.append(f"  layers {verb}: " + ", ".join(f"{layer} on {count} document(s)"
                                                          for layer, count in counts.items()))
    return lines


def _encoding_lines(encodings: dict[str, str], verbose: bool) -> list[str]:
    if verbose:
        return [f"  {path}: read as {encoding}" for path, encoding in sorted(encodings.items())]
    counts = Counter(encodings.values())
    if not counts:
        return []
    return ["  read as " + ", ".join(f"{encoding} ({count} file(s))" for encoding, count in sorted(counts.items()))]


def _skipped_lines(duplicates: list[tuple[str, str]], verbose: bool) -> list[str]:
    if verbose:
        return [f"  skipped {where}: its text is already in the project as {doc_id}" for where, doc_id in duplicates]
    if not duplicates:
        return []
    return [f"  skipped {len(duplicates)} record(s) whose text is already in the project: "
            + _examples(f"{where} (as {doc_id})" for where, doc_id in duplicates)]


def _warning_lines(report: ImportReport) -> list[str]:
    lines = []
    guessed = {path: encoding for path, encoding in report.encodings.items() if encoding.endswith("(guessed)")}
    if guessed:
        lines.append(f"  warning: the encoding of {len(guessed)} file(s) was guessed; check that their text "
                     "reads right: " + _examples(f"{path} ({encoding})" for path, encoding in guessed.items()))
    if report.bidi_controls:
        lines.append(f"  warning: {len(report.bidi_controls)} document(s) contain invisible bidi control "
                     "characters, which can make the text display in a misleading order: "
                     + _examples(f"{doc_id} ({count})" for doc_id, count in report.bidi_controls.items()))
    return lines


def _examples(items: Iterable[str]) -> str:
    items = list(items)
    shown = ", ".join(items[:EXAMPLES])
    return shown if len(items) <= EXAMPLES else f"{shown} and {len(items) - EXAMPLES} more"
