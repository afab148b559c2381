"""Reading the native JSONL format: one line per document and layer (see docs/formats.md).

Offsets are code points into ``text``, end exclusive. The reader maps offsets through
the import fix-up (BOM, CRLF) or refuses the record, naming the file and line. Writing
is ``native_export``.
"""

from __future__ import annotations

import codecs
import json
import math
import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson

from annotator.core.errors import InputError, quoted
from annotator.formats import native_document_labels
from annotator.core.ingest import (
    DocumentInput,
    LayerInput,
    NoteInput,
    RelationInput,
    SpanInput,
    text_sha256,
)
from annotator.core.text import Decoded, FixedText, decode_bytes, fix_up, line_and_column

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
    if encoding is None and not data.startswith(_BOMS) and b"\x7f" not in data:
        lines = _utf8_lines(data, path)
    else:
        decoded = _decode(data, encoding, str(path))
        lines = _text_lines(decoded.text, path, decoded.encoding)
    del data  # the lines keep what they still need
    found = False
    for number, record, clean, file_encoding in lines:
        found = True
        try:
            yield parse_record(record, str(path), number, file_encoding, clean=clean)
        except _RecordError as error:
            raise InputError(str(error), path=str(path), line=number) from None
    if not found:
        raise InputError("the file holds no records (it is empty or has only blank lines); "
                         "nothing to import", path=str(path))


def _utf8_lines(data: bytes, path: Path) -> Iterator[tuple[int, Any, bool, str]]:
    """(line number, value, clean, encoding) for each non-blank line of a file without a
    BOM or DEL, parsed with orjson straight from the bytes as the import asks for it
    (the file's records are never all in memory at once). ``clean``: orjson surely read
    the line as ``_loads`` does (``_reads_the_same``); a line it may have read otherwise
    is read again with ``_loads``.

    From the first line orjson does not read (not JSON, not UTF-8, NaN, a lone
    surrogate, ...), the rest of the file is read the general way: the whole file decoded
    by ``_decode`` (which detects its encoding and refuses broken UTF-8 with the line to
    look at), then each line by the json module, with its messages. The lines before it
    read the same either way (``_rest``).

    Lines are read in place (orjson reads a memoryview; ``find`` and ``count`` take
    offsets) instead of being split off: copying a large file into its lines would be a
    good part of an import's time.
    """
    view, size, start, number = memoryview(data), len(data), 0, 0
    while start < size:
        end = data.find(b"\n", start)
        if end < 0:
            end = size
        number += 1
        # Only a line that starts with white space can be blank.
        if data[start] in _ASCII_WHITESPACE and not data[start:end].strip():
            start = end + 1
            continue
        try:
            value = orjson.loads(view[start:end])
        except orjson.JSONDecodeError:
            yield from _rest(data, start, number, path)
            return
        if _reads_the_same(data, start, end, value):
            yield number, value, True, "UTF-8"
        else:
            line = data[start:end].decode("utf-8").rstrip("\r")
            yield number, _load_line(line, path, number), False, "UTF-8"
        start = end + 1


def _rest(data: bytes, start: int, number: int, path: Path) -> Iterator[tuple[int, Any, bool, str]]:
    """The lines from ``number`` (at byte ``start``) on, read from the decoded file. The
    lines before were UTF-8 JSON, so ``_decode`` either reads them as the same text (as
    UTF-8, or ASCII in the encoding it detects) or refuses the file, naming the line
    that is not UTF-8."""
    decoded = _decode(data, None, str(path))
    read = data[:start].decode("utf-8")
    if not decoded.text.startswith(read):
        raise InputError(f"this line is not in the encoding of the lines before it ({decoded.encoding}); "
                         "save the file in one encoding, UTF-8 preferably",
                         path=str(path), line=number)
    yield from _text_lines(decoded.text[len(read):], path, decoded.encoding, first=number)


_ASCII_WHITESPACE = frozenset(b" \t\n\r\x0b\x0c")  # what bytes.strip() removes


def _reads_the_same(data: bytes, start: int, end: int, value: Any) -> bool:
    """True when ``_loads`` surely reads the line ``data[start:end]`` as ``value`` (what
    orjson read), and no string in it holds a NUL or a lone surrogate.

    orjson keeps the last of duplicate keys, where ``_loads`` refuses them, and reads a
    whole number too large for 64 bits as a float. So: no float at all, and every colon
    in the line is either one after a key or one inside a string of ``value``: a key
    given twice would bring a colon of its own. Without ``\\u00`` escapes (``\\u003a`` is a
    colon, ``\\u0000`` a NUL; no other escape hides either) the colons inside strings are
    the ones ``value`` shows; orjson refuses lone surrogates. Values nested near the depth
    limit are left to ``_loads`` and ``_check_values`` as well. A line without a backslash
    (one memchr) has no escape; in one with, ``\\u00`` is looked for from the end
    (``rfind``: see ``escape_line_breaks``).
    """
    if data.find(b"\\", start, end) >= 0 and data.rfind(b"\\u00", start, end) >= 0:
        return False
    colons = _colons(value, 0)
    return colons is not None and colons == data.count(b":", start, end)


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
            if ":" in child:  # a search that stops at the first colon: most strings have none
                total += child.count(":")
        elif kind is dict or kind is list or kind is float:
            found = _colons(child, depth + 1)
            if found is None:
                return None
            total += found
    return total


def _text_lines(text: str, path: Path, encoding: str, first: int = 1) -> Iterator[tuple[int, Any, bool, str]]:
    """(line number, value, False, encoding) for each non-blank line of decoded text,
    numbered from ``first``."""
    for number, line in enumerate(text.split("\n"), first):
        line = line.rstrip("\r")
        if line.strip():
            yield number, _load_line(line, path, number), False, encoding


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
        raise _RecordError(f"the number {quoted(literal)} is too large")
    return value


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)  # in C; a key given twice leaves the dict shorter than the pairs
    if len(result) != len(pairs):
        seen: set[str] = set()
        key = next(key for key, _ in pairs if key in seen or seen.add(key))
        raise _RecordError(f"the key {quoted(key)} appears twice in one object; which one is meant is unclear")
    return result


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
    # A key that holds a line break or another unprintable character is shown escaped,
    # so that the message stays one line.
    parts = [f'"{first}"' if first.isprintable() else repr(first)]
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
    if value.isprintable():  # no control character (Cc) in it; the usual name, found fast
        return
    found = _CONTROL_CHARACTER.search(value)
    if found:
        raise _RecordError(f"{where} contains the control character U+{ord(found.group()):04X}; "
                           "names and ids must be printable")


def _span_ref(value: Any, where: str) -> str | int:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _RecordError(f"{where} must be a span id: a string or a whole number, not {quoted(value)}")
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
        fixed = None  # offsets map to themselves
        text = raw_text
    else:
        fixed = fix_up(raw_text)
        text = fixed.text
    if not clean:
        _check_invalid_characters(text)
        _check_values(record)
    sha = record.get("text_sha256")
    if sha is not None and sha != text_sha256(text):
        raise _RecordError("text_sha256 does not match the text; the record was changed after export")
    meta = record.get("meta") or {}
    if not isinstance(meta, dict):
        raise _RecordError('"meta" must be a JSON object')
    doc_id = record.get("id")
    if doc_id is not None and not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
        raise _RecordError('"id" must be a string or a number')
    _check_name(doc_id, '"id"')
    return DocumentInput(
        text=text,
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


def _parse_layer(record: dict[str, Any], raw_text: str, fixed: FixedText | None) -> LayerInput | None:
    """The record's layer; ``fixed`` None when the text needed no fix-up."""
    if "spans" not in record and "relations" not in record and "layer" not in record:
        return None  # an article alone, the usual record of a corpus
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
    fixed = fixed or FixedText(raw_text)
    return LayerInput(
        name=layer,
        status=status,
        spans=tuple(_parse_span(s, n, raw_text, fixed) for n, s in enumerate(spans, 1)),
        relations=tuple(_parse_relation(r, n) for n, r in enumerate(relations, 1)),
        notes=_parse_notes(record.get("notes")),
        document_labels=native_document_labels.parse(record, _RecordError),
    )


def _parse_notes(notes: Any) -> tuple[NoteInput, ...]:
    """A layer's notes: each {"span": a span's id or null for the document, "text": ...,
    "created_at" and "updated_at" optional}."""
    if notes is None:
        return ()
    if not isinstance(notes, list):
        raise _RecordError('"notes" must be a list')
    found = []
    for number, note in enumerate(notes, 1):
        where = f"note {number}"
        if not isinstance(note, dict):
            raise _RecordError(f"{where} must be a JSON object")
        text = note.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _RecordError(f'{where}: "text" must be a non-empty string')
        times = [note.get(key) for key in ("created_at", "updated_at")]
        if any(time is not None and not isinstance(time, str) for time in times):
            raise _RecordError(f'{where}: "created_at" and "updated_at" must be strings (ISO 8601 times)')
        span = note.get("span")
        found.append(NoteInput(None if span is None else _span_ref(span, f'{where}: "span"'), text.strip(), *times))
    return tuple(found)


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
            f"{where}: the text at [{start}, {end}) is {quoted(raw_text[start:end])}, "
            f"not the span's text {quoted(expected)}; the offsets do not fit this text"
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
    entity_id = span.get("entity_id")
    if entity_id is not None and not (isinstance(entity_id, str) and entity_id.strip()):
        raise _RecordError(f'{where}: "entity_id" must be a non-empty string (the id of the entity it names)')
    return SpanInput(ref=ref, start=new_start, end=new_end, label=label, attrs=attrs,
                     provenance=span.get("provenance"), entity_id=entity_id)


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
