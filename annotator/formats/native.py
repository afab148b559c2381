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
import queue
import re
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

import orjson

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.adjudicate import provenance
from annotator.core.backup import sync_folder
from annotator.core.model import GOLD_LAYER, Document
from annotator.core.ingest import (
    DocumentInput,
    LayerInput,
    RelationInput,
    SpanInput,
    orjson_writes_as_json,
    text_sha256,
)
from annotator.core.store import Project
from annotator.core.text import Decoded, FixedText, decode_bytes, fix_up, line_and_column
from annotator.formats.common import check_record, dumps_line, escape_line_breaks

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
    data = path.read_bytes()
    parsed = _parse_utf8_lines(data) if encoding is None else None
    if parsed is None:
        decoded = _decode(data, encoding, str(path))
        lines, file_encoding = _text_lines(decoded.text, path), decoded.encoding
    else:
        lines, file_encoding = _checked_lines(parsed, path), "UTF-8"
    del data, parsed  # the lines keep what they still need
    found = False
    for number, record, clean in lines:
        found = True
        try:
            yield parse_record(record, str(path), number, file_encoding, clean=clean)
        except _RecordError as error:
            raise InputError(str(error), path=str(path), line=number) from None
    if not found:
        raise InputError("the file holds no records (it is empty or has only blank lines); "
                         "nothing to import", path=str(path))


def _parse_utf8_lines(data: bytes) -> list[tuple[int, Any, bool]] | None:
    """Every non-blank line parsed with orjson, straight from the bytes: (line number,
    value, True), or (line number, the line's bytes, False) for a line that ``_loads``
    might read otherwise (``_reads_the_same``), for ``_checked_lines`` to read again.

    None when a line does not parse (not JSON, not UTF-8, NaN, a lone surrogate, ...) or
    the file starts with a BOM or holds DEL: ``_decode`` and the json module then read
    the whole file as before, with the messages they always gave. A file that parses
    here is UTF-8 without a BOM or control characters, which ``_decode`` takes as UTF-8.
    """
    if data.startswith(_BOMS) or b"\x7f" in data:
        return None
    parsed: list[tuple[int, Any, bool]] = []
    for number, line in enumerate(data.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError:
            return None
        if _reads_the_same(line, value):
            parsed.append((number, value, True))
        else:
            parsed.append((number, line, False))
    return parsed


def _reads_the_same(line: bytes, value: Any) -> bool:
    """True when ``_loads`` surely reads ``line`` as ``value`` (what orjson read), and no
    string in it holds a NUL or a lone surrogate.

    orjson keeps the last of duplicate keys, where ``_loads`` refuses them, and reads a
    whole number too large for 64 bits as a float. So: no float at all, and every colon
    in the line is either one after a key or one inside a string of ``value``: a key
    given twice would bring a colon of its own. Without ``\\u`` escapes (``\\u003a`` is a
    colon, ``\\u0000`` a NUL) the colons inside strings are the ones ``value`` shows; orjson
    refuses lone surrogates. Values nested near the depth limit are left to ``_loads`` and
    ``_check_values`` as well. (``rfind``: see ``escape_line_breaks``.)
    """
    if line.rfind(b"\\u") >= 0:
        return False
    colons = _colons(value, 0)
    return colons is not None and colons == line.count(b":")


def _colons(value: Any, depth: int) -> int | None:
    """Colons in ``value``'s keys and strings plus one per key; None for a float or a
    value nested near the depth limit."""
    kind = type(value)
    if kind is str:
        return value.count(":")
    if kind is float or depth >= _MAX_DEPTH - 1:
        return None
    if kind is dict:
        total = len(value) + "".join(value).count(":")
        children = value.values()
    elif kind is list:
        total, children = 0, value
    else:
        return 0
    for child in children:
        kind = type(child)
        if kind is str:
            total += child.count(":")
        elif kind is dict or kind is list or kind is float:
            found = _colons(child, depth + 1)
            if found is None:
                return None
            total += found
    return total


def _checked_lines(parsed: list[tuple[int, Any, bool]], path: Path) -> Iterator[tuple[int, Any, bool]]:
    """(line number, value, clean) for each line of ``_parse_utf8_lines``; a line orjson
    may have read otherwise is read again with ``_loads``, in its turn."""
    for number, value, same in parsed:
        if same:
            yield number, value, True
        else:
            yield number, _load_line(value.decode("utf-8").rstrip("\r"), path, number), False


def _text_lines(text: str, path: Path) -> Iterator[tuple[int, Any, bool]]:
    """(line number, value, False) for each non-blank line of decoded text."""
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if line.strip():
            yield number, _load_line(line, path, number), False


def _load_line(line: str, path: Path, number: int) -> Any:
    """``_loads``, its errors turned into messages naming the file and line."""
    try:
        return _loads(line)
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


def parse_record(record: Any, path: str, line: int, encoding: str | None = None, *,
                 clean: bool = False) -> DocumentInput:
    """Check one JSON object and turn it into a DocumentInput with fixed-up offsets.

    ``clean`` (the reader has made sure: see ``_reads_the_same``) says no string in the
    record holds a NUL or lone surrogate and nothing is nested near the depth limit, so
    the scans for them are skipped."""
    if not isinstance(record, dict):
        raise _RecordError("each line must be a JSON object with a \"text\" field")
    raw_text = record.get("text")
    if not isinstance(raw_text, str):
        raise _RecordError('the record has no "text" string')
    # Nothing to fix (no CR, no leading BOM), the usual case: skip the scans of fix_up.
    if "\r" not in raw_text and not raw_text.startswith("\ufeff"):
        fixed = FixedText(raw_text)
    else:
        fixed = fix_up(raw_text)
    if not clean:
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
    attrs: _Attributes | None = None,
) -> Iterator[tuple[Document, list[dict[str, Any]]]]:
    """Each document (in the order given, by key) with its records. Spans, statuses and
    links are read with one query each, sorted by document, beside the documents, instead
    of five queries per document; a document's rows are all that is held at a time.
    ``attrs`` parses the span attributes (the caller's, to ask it about them after)."""
    wanted = None if layer == "all" else GOLD_LAYER if layer == GOLD_WITH_REVIEW else layer
    spans, statuses, relations = (_ByDocument(project, query, wanted, only) for query in _LAYER_QUERIES)
    attrs = attrs or _Attributes()
    for document in documents:
        found = _document_records(project, document, layer, spans.take(document.key),
                                  statuses.take(document.key), relations.take(document.key), attrs)
        yield document, found


def _document_records(project, document, layer, spans, statuses, relations, attrs) -> list[dict[str, Any]]:
    names = sorted(spans.keys() | statuses.keys())  # the layers that touched the document
    if layer == "all" and not names:
        return [_record(document, None, None, [], [], attrs)]
    if layer == GOLD_LAYER and names and _status(statuses, GOLD_LAYER) != "done":
        return []
    found = []
    for name in names:
        layer_spans = spans.get(name, [])
        record = _record(document, name, _status(statuses, name), layer_spans, relations.get(name, []), attrs)
        if name == GOLD_LAYER:
            _add_provenance(project, record, layer_spans)
        found.append(record)
    return found


def _status(statuses: dict[str, list[tuple]], name: str) -> str:
    return statuses[name][0][2] if name in statuses else "new"  # as Project.status says


# Rows (document, layer id, ...) in the order of their tables' indexes, by document then
# layer. A span row goes on (start, end, label, id, attrs as stored); _record sorts a
# layer's rows, which then compare by start, end, label and id (sorting them in SQLite
# costs the export a sort per document). A status row goes on (status); a link row
# (type, head span id, child span id), in the order of its id.
_LAYER_QUERIES = (
    """SELECT t.document, t.layer, t.start, t."end", t.label, t.id, t.attrs FROM spans t {where}
       ORDER BY t.document, t.layer, t.start""",
    """SELECT t.document, t.layer, t.status FROM document_status t {where} ORDER BY t.document, t.layer""",
    """SELECT t.document, t.layer, t.type, t.head, t.child FROM relations t {where}
       ORDER BY t.document, t.layer, t.id""",
)


class _ByDocument:
    """The rows of one of _LAYER_QUERIES, handed out a document at a time, in key order."""

    def __init__(self, project: Project, query: str, layer: str | None, only: int | None):
        conditions = (["t.layer = (SELECT id FROM layers WHERE name = :layer)"] if layer is not None else []) + \
            (["t.document = :only"] if only is not None else [])
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        self.names = dict(project.db.conn.execute("SELECT id, name FROM layers"))
        rows = project.db.conn.execute(query.format(where=where), {"layer": layer, "only": only})
        self.groups = groupby(rows, key=itemgetter(0))
        self.current = next(self.groups, None)

    def take(self, document: int) -> dict[str, list[tuple]]:
        """The rows of ``document`` by layer name."""
        while self.current is not None and self.current[0] < document:
            self.current = next(self.groups, None)
        if self.current is None or self.current[0] != document:
            return {}
        found = {self.names[layer]: list(rows) for layer, rows in groupby(self.current[1], key=itemgetter(1))}
        self.current = next(self.groups, None)
        return found


_SCALARS = (str, int, float, bool, type(None))


def _add_provenance(project: Project, record: dict[str, Any], spans: list[tuple]) -> None:
    for exported, span in zip(record["spans"], spans):
        origin = provenance(project, span[5])
        if origin is not None:
            exported["provenance"] = {k: v for k, v in origin.items() if k != "unit"}


def _record(document, layer, status, spans, relations, attrs: _Attributes) -> dict[str, Any]:
    """``spans`` and ``relations`` are rows of _LAYER_QUERIES; ``spans`` is sorted here,
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
    mostly repeat. ``non_finite`` says whether any of them held NaN or an infinity.

    Each span gets a dict of its own, as project.spans gives, unless ``shared``: then
    spans with the same stored attributes share one, for a caller that only reads them.
    """

    LIMIT = 4096

    def __init__(self, shared: bool = False) -> None:
        self.parsed: dict[str, dict[str, Any]] = {}
        self.non_finite = False
        self.shared = shared

    def parse(self, stored: str) -> dict[str, Any]:
        if stored == "{}":
            return {}
        known = self.parsed.get(stored)
        if known is None:
            if len(self.parsed) >= self.LIMIT:
                self.parsed.clear()
            known = self.parsed[stored] = json.loads(stored)
            self.non_finite = self.non_finite or not orjson_writes_as_json(known)
        if self.shared:
            return known
        # A fresh dict per span; a nested value is parsed anew.
        return dict(known) if all(isinstance(v, _SCALARS) for v in known.values()) else json.loads(stored)


def dumps_record(record: dict[str, Any]) -> str:
    """One JSON line; refuses a span whose text does not match its offsets."""
    check_record(record)
    return dumps_line(record)


def encode_record(record: dict[str, Any], *, finite: bool = False) -> bytes:
    """``dumps_record`` as UTF-8 bytes (without its spaces), written by orjson where it
    writes what ``dumps_record`` would mean.

    orjson writes NaN and Infinity as null where ``dumps_record`` refuses them; they can
    only come from stored JSON (meta, span attributes), so a record that holds one (or
    may: ``finite`` says the caller has looked) is written by ``dumps_record``, as is a
    record orjson refuses (a lone surrogate, a whole number beyond 64 bits, a key that is
    not a string), which then fails, or is written, as it always was.
    """
    check_record(record)
    if not finite and not (orjson_writes_as_json(record["meta"])
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
    destination = Path(destination)
    handle = tempfile.NamedTemporaryFile(
        "wb", dir=destination.parent or ".", prefix=f".{destination.name}.", suffix=".tmp", delete=False,
    )
    try:
        with handle:
            out = _HashingWriter(handle)
            try:
                count = _write_lines(project, out, layer, progress)
            except BaseException:
                out.abandon()
                raise
            out.close()
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
    """Writes bytes to a binary file a megabyte at a time, keeping the SHA-256 of every
    byte written.

    The hashing and writing happen in a thread of their own: both release the GIL for a
    megabyte at a time, so they overlap the building and encoding of the next records.
    At most ``_QUEUED`` megabytes wait for it. ``close`` writes the rest, waits for it and
    raises what went wrong there (a full disk, say); one of ``close`` and ``abandon`` must
    be called."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.digest = hashlib.sha256()
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
                    self.digest.update(chunk)
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


def _write_lines(project: Project, out: _HashingWriter | _TextWriter, layer: str, progress) -> int:
    count = 0
    attrs = _Attributes(shared=True)  # the records are only encoded
    for document, found in _records_by_document(project, project.documents(), layer, attrs=attrs):
        finite = not attrs.non_finite and orjson_writes_as_json(document.meta)
        for record in found:
            out.write(encode_record(record, finite=finite))
            out.write(b"\n")
            count += 1
        if progress:
            progress(1)
    return count
