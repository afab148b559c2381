"""The native JSONL format: one line per document and layer (see docs/formats.md).

Offsets are code points into ``text``, end exclusive. The reader maps offsets through
the import fix-up (BOM, CRLF) or refuses the record; the writer refuses to write a span
whose text does not match its offsets, and never lets a record span two lines.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import math
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.adjudicate import provenance
from annotator.core.backup import sync_folder
from annotator.core.model import GOLD_LAYER, Document
from annotator.core.ingest import (
    DocumentInput,
    LayerInput,
    RelationInput,
    SpanInput,
    text_sha256,
)
from annotator.core.store import Project
from annotator.core.text import Decoded, FixedText, decode_bytes, fix_up, line_and_column
from annotator.formats.common import check_record, dumps_line

GOLD_WITH_REVIEW = "gold+review"
_INVALID_CHARACTER = re.compile("[\x00\ud800-\udfff]")
_CONTROL_CHARACTER = re.compile("[\x00-\x1f\x7f-\x9f]")


# -- reading -------------------------------------------------------------------------


# Bytes that are the ASCII control characters text._CONTROL looks for: UTF-8 without any
# of them is never taken for BOM-less UTF-16 (see text._utf16_without_bom).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_OTHER_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # the UTF-32 ones start so too


def _decode(data: bytes, encoding: str | None, path: str) -> Decoded:
    """``decode_bytes``, with a fast path for the usual file: UTF-8 without a BOM and
    without control characters, where detection would come to "UTF-8" anyway (found with
    two passes in C instead of regular-expression scans of the whole text)."""
    if encoding is None and not data.startswith(_BOMS) and not data.translate(None, _OTHER_BYTES):
        try:
            # Strict UTF-8 yields no lone surrogate, and NUL is a control byte: nothing
            # here that decode_bytes would refuse.
            return Decoded(data.decode("utf-8"), "UTF-8", False)
        except UnicodeDecodeError:
            pass
    return decode_bytes(data, encoding, path=path)


def read_jsonl(path: Path, encoding: str | None = None) -> Iterator[DocumentInput]:
    decoded = _decode(path.read_bytes(), encoding, str(path))
    found = False
    for number, line in enumerate(decoded.text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        try:
            record = _loads(line)
        except json.JSONDecodeError as error:
            raise InputError(
                f"not valid JSON ({error.msg.removesuffix(' at')} at column {error.colno}); "
                "each line must be one JSON object",
                path=str(path), line=number,
            ) from None
        except RecursionError:
            raise InputError(
                "not valid JSON here: brackets nested too deeply to read; each line must be one JSON object",
                path=str(path), line=number,
            ) from None
        except _RecordError as error:
            raise InputError(str(error), path=str(path), line=number) from None
        except ValueError:  # the one json.loads raises besides those above: too many digits
            raise InputError(
                f"a number on this line has more than {sys.get_int_max_str_digits()} digits; "
                "offsets and ids are small whole numbers",
                path=str(path), line=number,
            ) from None
        found = True
        try:
            yield parse_record(record, str(path), number, decoded.encoding)
        except _RecordError as error:
            raise InputError(str(error), path=str(path), line=number) from None
    if not found:
        raise InputError("the file holds no records (it is empty or has only blank lines); "
                         "nothing to import", path=str(path))


class _RecordError(Exception):
    pass


_MAX_DEPTH = 64
_MAX_NAME = 200


def _loads(line: str) -> Any:
    """``json.loads`` that refuses NaN, Infinity, numbers too large for a float, and
    duplicate keys, none of which a record can be stored or exported with."""
    if line.startswith("\ufeff"):  # as json.loads says it
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", line, 0)
    return _decoder().decode(line)


@lru_cache(maxsize=1)
def _decoder() -> json.JSONDecoder:
    """One decoder for every line: ``json.loads`` with hooks builds a new one per call."""
    return json.JSONDecoder(parse_constant=_refuse_constant, parse_float=_finite_float,
                            object_pairs_hook=_no_duplicate_keys)


def _refuse_constant(name: str) -> Any:
    raise _RecordError(f"{name} is not a number JSON allows; write a number or null")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _RecordError(f"the number {_short(literal)} is too large")
    return value


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)  # in C; a key given twice leaves the dict shorter than the pairs
    if len(result) != len(pairs):
        seen: set[str] = set()
        key = next(key for key, _ in pairs if key in seen or seen.add(key))
        raise _RecordError(f"the key {_short(key)} appears twice in one object; which one is meant is unclear")
    return result


def _short(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to about ``limit`` characters for a one-line message."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _check_values(record: dict[str, Any]) -> None:
    """Refuse what no field can hold: NUL, lone surrogates (which SQLite cannot store),
    and nesting deep enough to exhaust the stack when the record is stored or exported.

    Where a value sits (``"meta".source[2]``) is spelled out only for a message: the
    stack keeps a chain of (parent, step) instead of a string per value."""
    stack: list[tuple[Any, Any, int]] = [((None, key), value, 1) for key, value in record.items() if key != "text"]
    while stack:
        where, value, depth = stack.pop()
        if depth > _MAX_DEPTH:
            raise _RecordError(f"{_cut(_spell(where))} is nested more than {_MAX_DEPTH} levels deep")
        if isinstance(value, dict):
            for key, item in value.items():
                if not key.isprintable():
                    _check_string(key, f"a key in {_spell(where)}")
                stack.append(((where, key), item, depth + 1))
        elif isinstance(value, list):
            stack.extend(((where, [n]), item, depth + 1) for n, item in enumerate(value, 1))
        elif isinstance(value, str) and not value.isprintable():
            _check_string(value, _spell(where))


def _spell(where: Any) -> str:
    """The path a ``_check_values`` chain stands for: "key", then .name, [n] or .'odd key'."""
    steps = []
    while where is not None:
        where, step = where
        steps.append(step)
    first, *rest = reversed(steps)
    parts = [f'"{first}"']
    for step in rest:
        if isinstance(step, list):
            parts.append(f"[{step[0]}]")
        else:
            parts.append(f".{step if step.isidentifier() else repr(step)}")
    return "".join(parts)


def _check_string(value: str, where: str) -> None:
    if value.isprintable():  # the usual case: no NUL, no surrogate (neither is printable)
        return
    found = _INVALID_CHARACTER.search(value)
    if found:
        what = "a NUL character (U+0000)" if found.group() == "\x00" else \
            f"a lone surrogate (U+{ord(found.group()):04X}, broken UTF-16)"
        raise _RecordError(f"{_cut(where)} contains {what}, which cannot be stored")


def _cut(where: str, limit: int = 80) -> str:
    return where if len(where) <= limit else where[: limit - 1] + "…"


def _check_name(value: Any, where: str) -> None:
    """Names (layer, label, status, relation type, ids) are short, one-line and printable:
    a long one would flood the one-line message that echoes it, and a control character
    (a line break, an escape sequence) would garble every list and report that shows it."""
    if not isinstance(value, str):
        return
    if len(value) > _MAX_NAME:
        raise _RecordError(f"{where} is {len(value)} characters long; at most {_MAX_NAME} are allowed")
    found = _CONTROL_CHARACTER.search(value)
    if found:
        raise _RecordError(f"{where} contains the control character U+{ord(found.group()):04X}; "
                           "names and ids must be printable")


def _span_ref(value: Any, where: str) -> str | int:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _RecordError(f"{where} must be a span id: a string or a whole number, not {_short(value)}")
    _check_name(value, where)
    return value


def parse_record(record: Any, path: str, line: int, encoding: str | None = None) -> DocumentInput:
    """Check one JSON object and turn it into a DocumentInput with fixed-up offsets."""
    if not isinstance(record, dict):
        raise _RecordError("each line must be a JSON object with a \"text\" field")
    raw_text = record.get("text")
    if not isinstance(raw_text, str):
        raise _RecordError('the record has no "text" string')
    # Nothing to fix (no CR, no leading BOM), the usual case: skip the scans of fix_up.
    fixed = FixedText(raw_text) if "\r" not in raw_text and not raw_text.startswith("\ufeff") else fix_up(raw_text)
    _check_invalid_characters(fixed.text)
    _check_values(record)
    sha = record.get("text_sha256")
    if sha is not None and sha != text_sha256(fixed.text):
        raise _RecordError("text_sha256 does not match the text; the record was changed after export")
    meta = record.get("meta") or {}
    if not isinstance(meta, dict):
        raise _RecordError('"meta" must be a JSON object')
    doc_id = record.get("id")
    if doc_id is not None and not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
        raise _RecordError('"id" must be a string or a number')
    _check_name(doc_id, '"id"')
    return DocumentInput(
        text=fixed.text,
        path=path,
        line=line,
        id=str(doc_id) if doc_id is not None else None,
        id_is_explicit=doc_id is not None,
        title=_optional_text(record, "title"),
        source=_optional_text(record, "source"),
        url=_optional_text(record, "url"),
        published=_optional_text(record, "published"),
        meta=meta,
        encoding=encoding,
        layer=_parse_layer(record, raw_text, fixed),
    )


def _check_invalid_characters(text: str) -> None:
    if "\x00" not in text:
        try:
            text.encode("utf-8")  # fails on a lone surrogate; faster than the search
            return
        except UnicodeEncodeError:
            pass
    found = _INVALID_CHARACTER.search(text)
    if found:
        line, column = line_and_column(text, found.start())
        what = "a NUL character" if found.group() == "\x00" else "a lone surrogate (broken UTF-16)"
        raise _RecordError(
            f"the text contains {what} at its line {line}, column {column}; an article cannot hold it"
        )


def _optional_text(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise _RecordError(f'"{key}" must be a string')
    return value


def _parse_layer(record: dict[str, Any], raw_text: str, fixed) -> LayerInput | None:
    spans = record.get("spans") or []
    relations = record.get("relations") or []
    layer = record.get("layer")
    if not isinstance(spans, list) or not isinstance(relations, list):
        raise _RecordError('"spans" and "relations" must be lists')
    if layer is not None and not isinstance(layer, str):
        raise _RecordError('"layer" must be a string or null')
    _check_name(layer, '"layer"')
    if layer is None and not spans and not relations:
        return None
    status = record.get("status")
    if status is not None and not isinstance(status, str):
        raise _RecordError('"status" must be a string')
    _check_name(status, '"status"')
    return LayerInput(
        name=layer,
        status=status,
        spans=tuple(_parse_span(s, n, raw_text, fixed) for n, s in enumerate(spans, 1)),
        relations=tuple(_parse_relation(r, n) for n, r in enumerate(relations, 1)),
    )


def _parse_span(span: Any, number: int, raw_text: str, fixed) -> SpanInput:
    where = f"span {number}"
    if not isinstance(span, dict):
        raise _RecordError(f"{where} must be a JSON object")
    start, end = span.get("start"), span.get("end")
    if not _is_offset(start) or not _is_offset(end):
        raise _RecordError(f"{where}: \"start\" and \"end\" must be whole numbers")
    if not 0 <= start < end <= len(raw_text):
        raise _RecordError(f"{where}: [{start}, {end}) is outside the text (0 to {len(raw_text)}) or empty")
    expected = span.get("text")
    if expected is not None and raw_text[start:end] != expected:
        raise _RecordError(
            f"{where}: the text at [{start}, {end}) is {_short(raw_text[start:end])}, "
            f"not the span's text {_short(expected)}; the offsets do not fit this text"
        )
    new_start, new_end = fixed.map_offset(start), fixed.map_offset(end)
    if new_start is None or new_end is None:
        raise _RecordError(f"{where}: an end falls between the two characters of a CRLF line break")
    label = span.get("label")
    if not isinstance(label, str):
        raise _RecordError(f"{where}: \"label\" must be a string")
    _check_name(label, f'{where}: "label"')
    attrs = span.get("attrs") or {}
    if not isinstance(attrs, dict):
        raise _RecordError(f"{where}: \"attrs\" must be a JSON object")
    for name in attrs:
        _check_name(name, f"{where}: an attribute name")
    ref = _span_ref(span["id"], f'{where}: "id"') if "id" in span else number
    return SpanInput(ref=ref, start=new_start, end=new_end, label=label, attrs=attrs,
                     provenance=span.get("provenance"))


def _parse_relation(relation: Any, number: int) -> RelationInput:
    where = f"relation {number}"
    if not isinstance(relation, dict):
        raise _RecordError(f"{where} must be a JSON object")
    type_ = relation.get("type")
    if not isinstance(type_, str):
        raise _RecordError(f"{where}: \"type\" must be a string")
    _check_name(type_, f'{where}: "type"')
    if "head" not in relation or "child" not in relation:
        raise _RecordError(f"{where}: \"head\" and \"child\" (span ids) are required")
    return RelationInput(type=type_, head=_span_ref(relation["head"], f'{where}: "head"'),
                         child=_span_ref(relation["child"], f'{where}: "child"'))


def _is_offset(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# -- writing -------------------------------------------------------------------------


def records(project: Project, layer: str = "all") -> Iterator[dict[str, Any]]:
    """Export records in a stable order: documents by import order, layers by name."""
    for _, found in _records_by_document(project, project.documents(), layer):
        yield from found


def document_records(project: Project, document: Document, layer: str = "all") -> Iterator[dict[str, Any]]:
    """A document's records: one per selected layer, or one bare record if untouched.

    ``layer="gold"`` selects only adjudicated documents (gold status done);
    ``"gold+review"`` also those still in review.
    """
    for _, found in _records_by_document(project, [document], layer, document.key):
        yield from found


def _records_by_document(
    project: Project, documents: Iterable[Document], layer: str, only: int | None = None,
) -> Iterator[tuple[Document, list[dict[str, Any]]]]:
    """Each document (in the order given, by key) with its records. Spans, statuses and
    links are read with one query each, sorted by document, beside the documents, instead
    of five queries per document; a document's rows are all that is held at a time."""
    wanted = None if layer == "all" else GOLD_LAYER if layer == GOLD_WITH_REVIEW else layer
    spans, statuses, relations = (_ByDocument(project, query, wanted, only) for query in _LAYER_QUERIES)
    for document in documents:
        found = _document_records(project, document, layer, spans.take(document.key),
                                  statuses.take(document.key), relations.take(document.key))
        yield document, found


def _document_records(project, document, layer, spans, statuses, relations) -> list[dict[str, Any]]:
    names = sorted(spans.keys() | statuses.keys())  # the layers that touched the document
    if layer == "all" and not names:
        return [_record(document, None, None, [], [])]
    if layer == GOLD_LAYER and names and _status(statuses, GOLD_LAYER) != "done":
        return []
    found = []
    for name in names:
        layer_spans = spans.get(name, [])
        record = _record(document, name, _status(statuses, name), layer_spans, relations.get(name, []))
        if name == GOLD_LAYER:
            _add_provenance(project, record, layer_spans)
        found.append(record)
    return found


def _status(statuses: dict[str, list[tuple]], name: str) -> str:
    return statuses[name][0][0] if name in statuses else "new"  # as Project.status says


# Rows (document, layer name, ...) sorted by document then layer name; a span is
# (id, start, end, label, attrs as stored), a link (type, head span id, child span id).
_LAYER_QUERIES = (
    """SELECT t.document, l.name, t.id, t.start, t."end", t.label, t.attrs
       FROM spans t JOIN layers l ON l.id = t.layer {where}
       ORDER BY t.document, l.name, t.start, t."end", t.label, t.id""",
    """SELECT t.document, l.name, t.status FROM document_status t JOIN layers l ON l.id = t.layer {where}
       ORDER BY t.document, l.name""",
    """SELECT t.document, l.name, t.type, t.head, t.child FROM relations t JOIN layers l ON l.id = t.layer
       {where} ORDER BY t.document, l.name, t.id""",
)


class _ByDocument:
    """The rows of one of _LAYER_QUERIES, handed out a document at a time, in key order."""

    def __init__(self, project: Project, query: str, layer: str | None, only: int | None):
        conditions = (["l.name = :layer"] if layer is not None else []) + \
            (["t.document = :only"] if only is not None else [])
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = project.db.conn.execute(query.format(where=where), {"layer": layer, "only": only})
        self.groups = groupby(rows, key=itemgetter(0))
        self.current = next(self.groups, None)

    def take(self, document: int) -> dict[str, list[tuple]]:
        """The rows of ``document`` by layer name, each without its first two columns."""
        while self.current is not None and self.current[0] < document:
            self.current = next(self.groups, None)
        if self.current is None or self.current[0] != document:
            return {}
        found: dict[str, list[tuple]] = {}
        for row in self.current[1]:
            found.setdefault(row[1], []).append(row[2:])
        self.current = next(self.groups, None)
        return found


_SCALARS = (str, int, float, bool, type(None))


def _add_provenance(project: Project, record: dict[str, Any], spans: list[tuple]) -> None:
    for exported, span in zip(record["spans"], spans):
        origin = provenance(project, span[0])
        if origin is not None:
            exported["provenance"] = {k: v for k, v in origin.items() if k != "unit"}


def _record(document, layer, status, spans, relations) -> dict[str, Any]:
    """``spans`` and ``relations`` are rows of _LAYER_QUERIES, less their first two columns."""
    local = {span[0]: number for number, span in enumerate(spans, 1)}
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
    text, attrs = document.text, _Attributes()
    record.update({
        "layer": layer,
        "status": status,
        "spans": [
            {"id": local[span_id], "start": start, "end": end, "label": label,
             "text": text[start:end], "attrs": attrs.parse(stored)}
            for span_id, start, end, label, stored in spans
        ],
        "relations": [
            {"id": number, "type": type_, "head": local[head], "child": local[child]}
            for number, (type_, head, child) in enumerate(
                sorted(relations, key=lambda r: (local[r[1]], local[r[2]], r[0])), 1
            )
        ],
    })
    return record


class _Attributes:
    """Span attributes parsed from their stored JSON, each distinct text once per record:
    an export reads hundreds of thousands of spans whose attributes mostly repeat."""

    def __init__(self) -> None:
        self.parsed: dict[str, dict[str, Any]] = {}

    def parse(self, stored: str) -> dict[str, Any]:
        if stored == "{}":
            return {}
        known = self.parsed.get(stored)
        if known is None:
            known = self.parsed[stored] = json.loads(stored)
        # A fresh dict per span, as project.spans gives; a nested value is parsed anew.
        return dict(known) if all(isinstance(v, _SCALARS) for v in known.values()) else json.loads(stored)


def dumps_record(record: dict[str, Any]) -> str:
    """One JSON line; refuses a span whose text does not match its offsets."""
    check_record(record)
    return dumps_line(record)


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
        return _write_lines(project, sys.stdout, layer, progress)
    destination = Path(destination)
    handle = tempfile.NamedTemporaryFile(
        "wb", dir=destination.parent or ".", prefix=f".{destination.name}.", suffix=".tmp", delete=False,
    )
    try:
        with handle:
            out = _HashingWriter(handle)
            count = _write_lines(project, out, layer, progress)
            handle.flush()
            os.fsync(handle.fileno())
        _verify_written(Path(handle.name), count, out.digest.hexdigest())
        os.replace(handle.name, destination)
        sync_folder(destination.parent)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return count


class _HashingWriter:
    """Writes text as UTF-8 to a binary file, keeping the SHA-256 of every byte written."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.digest = hashlib.sha256()

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self.digest.update(data)
        self.raw.write(data)


_CHUNK = 1 << 20


def _verify_written(path: Path, expected_lines: int, expected_sha256: str) -> None:
    """Re-read what was written before it takes the final name: the bytes in the file must
    be the bytes written (their SHA-256), ``expected_lines`` lines of them. Each span's text
    was checked against its offsets before its line was written (``dumps_record``)."""
    digest = hashlib.sha256()
    lines = 0
    with open(path, "rb") as written:
        while chunk := written.read(_CHUNK):
            digest.update(chunk)
            lines += chunk.count(b"\n")
    if lines != expected_lines:
        raise AnnotatorError(f"the export read back {lines} line(s) instead of {expected_lines}; nothing was written")
    if digest.hexdigest() != expected_sha256:
        raise AnnotatorError("the export did not read back as it was written (its SHA-256 differs); "
                             "nothing was written")


def _write_lines(project: Project, out: IO[str], layer: str, progress) -> int:
    count = 0
    for _, found in _records_by_document(project, project.documents(), layer):
        for record in found:
            out.write(dumps_record(record) + "\n")
            count += 1
        if progress:
            progress(1)
    return count
