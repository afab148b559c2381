"""Writing the native JSONL format: one line per document and layer (see docs/formats.md).

The writer refuses to write a span whose text does not match its offsets, never lets a
record span two lines, and puts a file in place only once it reads back as written
(docs/reliability.md). Reading is ``native``.
"""

from __future__ import annotations

import json
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from annotator.core.ingest import orjson_writes_as_json
from annotator.core.model import GOLD_LAYER, Document
from annotator.core.speakers import EntityIds
from annotator.core.store import Project
from annotator.core.store.active_time import active_seconds
from annotator.core.store.rows import DOCUMENT_LABELS, NOTES, ROW_KINDS, Keys, RowsByDocument, documents_between
from annotator.formats import native_document_labels
from annotator.formats.common import atomic_writer, check_record, dumps_line, escape_line_breaks

GOLD_WITH_REVIEW = "gold+review"


def records(project: Project, layer: str = "all") -> Iterator[dict[str, Any]]:
    """Export records in a stable order: documents by import order, layers by name."""
    for _, found in _records_by_document(project, project.documents(), layer):
        yield from found


def records_by_document(project: Project, layer: str = "all") -> Iterator[list[dict[str, Any]]]:
    """``records``, a document's at a time: a list per document, empty for one left out."""
    for _, found in _records_by_document(project, project.documents(), layer):
        yield found


def document_records(project: Project, document: Document, layer: str = "all") -> Iterator[dict[str, Any]]:
    """A document's records: one per selected layer, or one bare record if untouched.

    ``layer="gold"`` selects only adjudicated documents (gold status done);
    ``"gold+review"`` also those still in review.
    """
    for _, found in _records_by_document(project, [document], layer, (document.key, document.key)):
        yield from found


def records_between(project: Project, layer: str, keys: Keys) -> Iterator[list[dict[str, Any]]]:
    """``records_by_document`` of the documents whose keys are in ``keys`` (first and last,
    both included): what one of an export's worker processes reads (``workers``)."""
    for _, found in _records_by_document(project, documents_between(project, keys), layer, keys):
        yield found


def layer_records(project: Project, documents: Iterable[Document], layer: str) -> Iterator[tuple[Document, list[dict[str, Any]]]]:
    """Each of ``documents`` with the records ``layer`` has of it (none where the layer has
    not touched it): what a check-out copies and a check-in compares (core/checkout.py)."""
    return _records_by_document(project, documents, layer)


def _records_by_document(
    project: Project, documents: Iterable[Document], layer: str, keys: Keys | None = None,
    attrs: _Attributes | None = None,
) -> Iterator[tuple[Document, list[dict[str, Any]]]]:
    """Each document (in the order given, by key) with its records. Spans, statuses and
    links are read with one query each, sorted by document, beside the documents, instead
    of five queries per document; a document's rows are all that is held at a time.
    ``attrs`` parses the span attributes (the caller's, to ask it about them after)."""
    wanted = None if layer == "all" else GOLD_LAYER if layer == GOLD_WITH_REVIEW else layer
    spans, statuses, relations = (RowsByDocument(project, kind, wanted, keys) for kind in ROW_KINDS)
    notes = RowsByDocument(project, NOTES, wanted, keys)
    labels = RowsByDocument(project, DOCUMENT_LABELS, wanted, keys) if project.schema.document_labels else None
    attrs = attrs or _Attributes()
    times = active_seconds(project, keys)
    entities = EntityIds(project)
    for document in documents:
        found = _document_records(project, document, layer, spans.take(document.key),
                                  statuses.take(document.key), relations.take(document.key), attrs,
                                  notes.take(document.key), entities)
        _add_active_time(found, document.key, times)
        if labels is not None:
            native_document_labels.add_to_records(found, labels.take(document.key))
        yield document, found


def _document_records(project, document, layer, spans, statuses, relations, attrs, notes,
                      entities) -> list[dict[str, Any]]:
    names = sorted(spans.keys() | statuses.keys() | notes.keys())  # the layers that touched the document
    if layer == "all" and not names:
        return [_record(document, None, None, [], [], attrs)]
    if layer == GOLD_LAYER and names and _status(statuses, GOLD_LAYER) != "done":
        return []
    found = []
    for name in names:
        layer_spans = spans.get(name, [])
        record = _record(document, name, _status(statuses, name), layer_spans, relations.get(name, []), attrs)
        _add_entity_ids(record, entities)
        if name == GOLD_LAYER:
            _add_provenance(project, record, layer_spans)
        if name in notes:
            _add_notes(record, layer_spans, notes[name])
        found.append(record)
    return found


def _add_entity_ids(record: dict[str, Any], entities: EntityIds) -> None:
    """The id of the entity each span names, beside its attributes: the same person has
    the same id in every article (docs/formats.md)."""
    for span in record["spans"]:
        found = entities.of(span["label"], span["attrs"])
        if found:
            span["entity_id"] = found


def _add_notes(record: dict[str, Any], spans: list[tuple], notes: list[tuple]) -> None:
    """The layer's notes, each on its span's number in the record (null: on the
    document); a record without notes has no ``notes`` key (docs/formats.md)."""
    local = {span[5]: number for number, span in enumerate(spans, 1)}  # as ``_record`` numbered them
    record["notes"] = [{"span": None if span is None else local[span], "text": text,
                        "created_at": created, "updated_at": updated}
                       for _, _, span, text, created, updated in notes]


def _add_active_time(found: list[dict[str, Any]], key: int, times: dict[tuple[int, str], float]) -> None:
    """The seconds each layer's annotator worked on the document, on the records that
    have any: a record without time has no ``active_seconds`` key (docs/formats.md)."""
    for record in found:
        seconds = times.get((key, record["layer"]))
        if seconds is not None:
            record["active_seconds"] = round(seconds, 1)


def _status(statuses: dict[str, list[tuple]], name: str) -> str:
    return statuses[name][0][2] if name in statuses else "new"  # as Project.status says


_SCALARS = (str, int, float, bool, type(None))


def _add_provenance(project: Project, record: dict[str, Any], spans: list[tuple]) -> None:
    for exported, span in zip(record["spans"], spans):
        origin = project.provenance(span[5])
        if origin is not None:
            exported["provenance"] = {k: v for k, v in origin.items() if k != "unit"}


def _record(document, layer, status, spans, relations, attrs: _Attributes) -> dict[str, Any]:
    """``spans`` and ``relations`` are rows of ``RowsByDocument``; ``spans`` is sorted here,
    in place (by start, end, label, id: the rows share their first two columns)."""
    spans.sort()
    local = {span[5]: number for number, span in enumerate(spans, 1)}
    record: dict[str, Any] = {
        "id": document.id,
        "title": document.title,
        "text": document.text,
        "meta": document.meta,
        "text_sha256": document.text_sha256,
    }
    for key in ("source", "url", "published"):
        if getattr(document, key) is not None:
            record[key] = getattr(document, key)
    text, parse = document.text, attrs.parse
    record.update({
        "layer": layer,
        "status": status,
        "spans": [
            {"id": local[span_id], "start": start, "end": end, "label": label,
             "text": text[start:end], "attrs": {} if stored == "{}" else parse(stored)}
            for _, _, start, end, label, span_id, stored in spans
        ],
        "relations": [
            {"id": number, "type": type_, "head": local[head], "child": local[child]}
            for number, (_, _, type_, head, child) in enumerate(
                sorted(relations, key=lambda r: (local[r[3]], local[r[4]], r[2])), 1
            )
        ],
    })
    return record


class _Attributes:
    """Span attributes parsed from their stored JSON, each distinct text once (a few
    thousand at a time): an export reads hundreds of thousands of spans whose attributes
    mostly repeat. ``unsafe`` says whether any of them held what orjson would write otherwise
    than the json module (``ingest.orjson_writes_as_json``).

    Each span gets a dict of its own, as project.spans gives, unless ``shared``: then
    spans with the same stored attributes share one, for a caller that only reads them.
    """

    LIMIT = 4096

    def __init__(self, shared: bool = False) -> None:
        self.parsed: dict[str, dict[str, Any]] = {}
        self.unsafe = False
        self.shared = shared

    def parse(self, stored: str) -> dict[str, Any]:
        if stored == "{}":
            return {}
        known = self.parsed.get(stored)
        if known is None:
            if len(self.parsed) >= self.LIMIT:
                self.parsed.clear()
            known = self.parsed[stored] = json.loads(stored)
            self.unsafe = self.unsafe or not orjson_writes_as_json(known)
        if self.shared:
            return known
        # A fresh dict per span; a nested value is parsed anew.
        return dict(known) if all(isinstance(v, _SCALARS) for v in known.values()) else json.loads(stored)


def dumps_record(record: dict[str, Any]) -> str:
    """One JSON line; refuses a span whose text does not match its offsets."""
    check_record(record)
    return dumps_line(record)


def encode_record(record: dict[str, Any], *, known_safe: bool = False) -> bytes:
    """``dumps_record`` as UTF-8 bytes (without its spaces), written by orjson where it
    writes what ``dumps_record`` would mean.

    orjson writes NaN and Infinity as null where ``dumps_record`` refuses them; they can
    only come from stored JSON (meta, span attributes). So a record whose meta or
    attributes fail ``orjson_writes_as_json`` is written by ``dumps_record`` (``known_safe``:
    the caller has checked them already), as is a record orjson refuses (a lone
    surrogate, a whole number beyond 64 bits), which then fails, or is written, as
    ``dumps_record`` alone would have it.
    """
    check_record(record)
    if not known_safe and not (orjson_writes_as_json(record["meta"])
                               and all(orjson_writes_as_json(span["attrs"]) for span in record["spans"])):
        return dumps_line(record).encode("utf-8")
    try:
        line = orjson.dumps(record)
    except orjson.JSONEncodeError:
        return dumps_line(record).encode("utf-8")
    return escape_line_breaks(line)


def write_jsonl(
    project: Project,
    destination: str | Path | None,
    layer: str = "all",
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the export atomically, or to stdout for ``None``/``-``; returns the line count.

    ``progress`` is called with 1 after each document.
    """
    if destination in (None, "-"):
        return _write_lines(project, _TextWriter(sys.stdout), layer, progress)
    with atomic_writer(Path(destination), "wb") as written:
        out = _ThreadedWriter(written.out)
        try:
            count = _write_lines(project, out, layer, progress)
        except BaseException:
            out.abandon()
            raise
        out.close()
        written.expected_lines = count
    return count


class _ThreadedWriter:
    """Writes bytes to a binary file a megabyte at a time, in a thread of its own.

    The hashing (``common.atomic_writer``) and writing happen in that thread: both release the GIL for a
    megabyte at a time, so they overlap the building and encoding of the next records.
    At most ``_QUEUED`` megabytes wait for it. ``close`` writes the rest, waits for it and
    raises what went wrong there (a full disk, say); one of ``close`` and ``abandon`` must
    be called."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.pending: list[bytes] = []
        self.size = 0
        self.chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=_QUEUED)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="export writer", daemon=True)
        self.thread.start()

    def write(self, data: bytes) -> None:
        self.pending.append(data)
        self.size += len(data)
        if self.size >= _CHUNK:
            self._hand_over()

    def close(self) -> None:
        """Write what is left and wait for the thread; raise what it ran into."""
        try:
            self._hand_over()
        finally:
            self.abandon()
        if self.error is not None:
            raise self.error

    def abandon(self) -> None:
        """Stop the thread after what it was given, dropping the rest (the export failed)."""
        self.chunks.put(None)
        self.thread.join()

    def _hand_over(self) -> None:
        if self.error is not None:
            raise self.error
        self.chunks.put(b"".join(self.pending))
        self.pending, self.size = [], 0

    def _run(self) -> None:
        while (chunk := self.chunks.get()) is not None:
            if self.error is None:
                try:
                    self.raw.write(chunk)
                except BaseException as error:  # handed to the exporting thread by close
                    self.error = error


class _TextWriter:
    """The bytes of ``_write_lines`` written to a text stream (stdout)."""

    def __init__(self, stream: IO[str]):
        self.stream = stream

    def write(self, data: bytes) -> None:
        self.stream.write(data.decode("utf-8"))


_CHUNK = 1 << 20
_QUEUED = 2


def _write_lines(project: Project, out: _ThreadedWriter | _TextWriter, layer: str, progress) -> int:
    count = 0
    attrs = _Attributes(shared=True)  # the records are only encoded
    for document, found in _records_by_document(project, project.documents(), layer, attrs=attrs):
        safe = not attrs.unsafe and orjson_writes_as_json(document.meta)
        for record in found:
            out.write(encode_record(record, known_safe=safe))
            out.write(b"\n")
            count += 1
        if progress:
            progress(1)
    return count
