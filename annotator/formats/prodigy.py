"""Prodigy's JSONL: one annotated task per line, as ``prodigy db-out`` writes it.

A task is one document and layer: ``text``, ``tokens`` (``text``, ``start``, ``end``,
``id``, ``ws``), ``spans`` (``start``, ``end``, ``label``, ``text``, ``token_start`` and
``token_end``, both inclusive) and ``relations`` (``head`` and ``child`` are the index of
the last token of the head and child span, as Prodigy's relations interface saves them;
``head_span`` and ``child_span`` give the spans' offsets). The layer's name is the
task's ``_annotator_id`` and ``_session_id``; ``meta`` holds the document id, title,
source, url, published date, the layer's status and the document's own metadata.
Span attributes (stance, entity) are keys of the span object. A document nobody
annotated is an input task: no ``answer``, no annotator, no spans.

Offsets are code points, end exclusive. Tokens come from ``tokens.tokenize``, split where
a span starts or ends inside a word, so every span is token-aligned (the report counts
the splits). Not carried: gold-span provenance, attributes whose names Prodigy uses
for itself, document metadata keys that collide with ours.

The reader takes ``_annotator_id``, else ``_session_id``, as the layer name, skips
rejected and ignored tasks (``answer`` ``reject`` or ``ignore``), reads spans by their
character offsets (tokens are optional) and checks each span's ``text``, and finds a
relation's spans by ``head_span``/``child_span`` offsets, else by token index.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import orjson

from annotator.core.errors import InputError
from annotator.core.ingest import DocumentInput, LayerInput, RelationInput, SpanInput
from annotator.core.schema import Schema
from annotator.formats.common import (
    ExportReport,
    Progress,
    TaskError,
    atomic_writer,
    escape_line_breaks,
    first_object_line,
    fixed_text,
    json_lines,
    map_span,
    spaced_json,
)
from annotator.formats.workers import made_lines
from annotator.formats.tokens import Tokens, split_tokens, tokens_of

# Keys Prodigy itself puts on a span: never read as attributes, never written as one.
SPAN_KEYS = frozenset({"start", "end", "label", "text", "token_start", "token_end", "type", "source",
                       "input_hash", "answer", "pattern", "score", "id", "color", "priority"})
DOCUMENT_FIELDS = ("id", "title", "source", "url", "published", "status")
_SKIPPED_ANSWERS = ("reject", "ignore")
_SNIFF_BYTES = 65536
_SNIFF_KEYS = re.compile(r'"(_input_hash|_task_hash|_annotator_id|_session_id)"\s*:')
_NATIVE_KEYS = re.compile(r'"(text_sha256|attrs)"\s*:')
_LOST_PROVENANCE = "gold-span provenance (Prodigy has no place for it)"


# -- writing ---------------------------------------------------------------------------


def write(records: Iterable[dict[str, Any]], destination: Path, schema: Schema,
          progress: Progress = None, workers: int = 1) -> ExportReport:
    """One task per record; ``schema`` is not needed (labels are plain strings). With
    ``workers``, the tasks are made by that many processes (``workers.made_lines``)."""
    destination = Path(destination)
    report = ExportReport(files=[destination])
    splits = lines = 0
    with atomic_writer(destination, "wb") as written:
        for written_counts, line, record_splits in made_lines(records, task_line, report, workers):
            splits += record_splits
            written.out.write(line)
            lines += 1
            report.add(*written_counts)
            if progress:
                progress(1)
        written.expected_lines = lines
    if splits:
        report.adjusted.append(f"split {splits} token(s) where a span starts or ends inside a word, "
                               "so that every span is whole tokens")
    return report


def stable_hash(*parts: Any) -> int:
    """A signed 32-bit number, as Prodigy's hashes are, that depends only on ``parts``."""
    return _signed(hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode("utf-8")))


def _signed(digest: Any) -> int:
    return int.from_bytes(digest.digest()[:4], "big", signed=True)


def task_of(record: dict[str, Any], report: ExportReport) -> tuple[dict[str, Any], int]:
    """The Prodigy task of one native record, and how many tokens were split for it."""
    line, splits = task_line(record, report)
    return json.loads(line), splits


def task_line(record: dict[str, Any], report: ExportReport) -> tuple[bytes, int]:
    """The task of one native record as its JSON line (UTF-8, ending in a line break),
    and how many tokens were split for it.

    The line is what ``dumps_line`` writes of the task (keys in this order: hashes,
    annotator, meta, text, tokens, spans, relations, task hash), put together from its
    parts: the text's JSON is made once (by orjson, which escapes a string as the json
    module does) for the line and both hashes, and the tokens, a few hundred per
    document, are written from lists (``_tokens_json``) rather than a dict each.
    ``_input_hash`` is ``stable_hash(text)`` and ``_task_hash`` ``stable_hash(text,
    layer, spans, relations)``: the SHA-256 of the same JSON, fed in pieces."""
    text, layer = record["text"], record["layer"]
    tokens = tokens_of(text)
    splits = split_tokens(tokens, text, [offset for span in record["spans"] for offset in (span["start"], span["end"])])
    spans = {span["id"]: _span(span, tokens.starts, tokens.ends, report) for span in record["spans"]}
    task_spans = list(spans.values())
    relations = [_relation(relation, spans) for relation in record["relations"]]
    text_json = _string_json(text)
    hashing = hashlib.sha256(b"[")
    hashing.update(text_json)
    input_hash = hashing.copy()
    input_hash.update(b"]")
    # No float in the spans (attribute values are text, as a schema makes them): orjson may write them.
    plain = all(type(value) is str for span in record["spans"] for value in span["attrs"].values())
    hashing.update(b", " + _json([layer, task_spans, relations], plain, sort_keys=True)[1:])
    head: dict[str, Any] = {"_input_hash": _signed(input_hash)}
    if layer is not None:
        head.update({"_annotator_id": layer, "_session_id": layer, "answer": "accept"})
    head["meta"] = _meta(record, report)
    line = b"".join((
        _json(head, False)[:-1], b', "text": ', text_json,
        b', "tokens": [', _tokens_json(text, tokens).encode("utf-8"),
        b'], "spans": ', _json(task_spans, plain), b', "relations": ', _json(relations, plain),
        b', "_task_hash": ', str(_signed(hashing)).encode("ascii"), b"}",
    ))
    return escape_line_breaks(line) + b"\n", splits


def _json(value: Any, plain: bool, sort_keys: bool = False) -> bytes:
    """``json.dumps(value, ensure_ascii=False)`` as UTF-8; by orjson where ``plain`` (no float)."""
    spaced = spaced_json(value, sort_keys) if plain else None
    if spaced is None:
        spaced = json.dumps(value, ensure_ascii=False, allow_nan=False, sort_keys=sort_keys).encode("utf-8")
    return spaced


def _string_json(text: str) -> bytes:
    """``json.dumps(text, ensure_ascii=False)`` as UTF-8."""
    try:
        return orjson.dumps(text)
    except orjson.JSONEncodeError:  # a lone surrogate: fails as the json module's bytes would
        return json.dumps(text, ensure_ascii=False).encode("utf-8")


# What the json module escapes in a string, but for the white space no token holds.
_ESCAPED_IN_A_TOKEN = re.compile(r'["\\\x00-\x08\x0e-\x1f]')
_TOKEN_JSON = '{"text": "%s", "start": %d, "end": %d, "id": %d, "ws": %s}, '
_ESCAPED_TOKEN_JSON = '{"text": %s, "start": %d, "end": %d, "id": %d, "ws": %s}, '
_WS = ("false", "true")


def _tokens_json(text: str, tokens: Tokens) -> str:
    """The task's tokens as the json module writes the list (without its brackets): one
    ``%`` over a template repeated once per token, whose values are laid out by slice
    assignment, so that no Python code runs per token. A token's text goes in as it is
    unless the text holds a character the json module escapes."""
    count = len(tokens.texts)
    if not count:
        return ""
    values: list[Any] = [None] * (5 * count)
    if _ESCAPED_IN_A_TOKEN.search(text):
        template = _ESCAPED_TOKEN_JSON
        values[0::5] = map(encode_basestring, tokens.texts)
    else:
        template = _TOKEN_JSON
        values[0::5] = tokens.texts
    values[1::5] = tokens.starts
    values[2::5] = tokens.ends
    values[3::5] = range(count)
    values[4::5] = map(_WS.__getitem__, tokens.spaced)
    return (template * count)[:-2] % tuple(values)


def _span(span: dict[str, Any], starts: list[int], ends: list[int], report: ExportReport) -> dict[str, Any]:
    result = {"start": span["start"], "end": span["end"], "text": span["text"],
              "token_start": bisect_left(ends, span["start"] + 1),
              "token_end": bisect_right(starts, span["end"] - 1) - 1, "label": span["label"]}
    for name, value in span["attrs"].items():
        if name in SPAN_KEYS:
            report.lost[f"attribute {name!r} (Prodigy uses that key on a span for itself)"] += 1
        else:
            result[name] = value
    if "provenance" in span:
        report.lost[_LOST_PROVENANCE] += 1
    return result


def _relation(relation: dict[str, Any], spans: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    head, child = spans[relation["head"]], spans[relation["child"]]
    return {"head": head["token_end"], "child": child["token_end"],
            "head_span": _span_ref(head), "child_span": _span_ref(child), "label": relation["type"]}


def _span_ref(span: dict[str, Any]) -> dict[str, Any]:
    return {key: span[key] for key in ("start", "end", "token_start", "token_end", "label")}


def _meta(record: dict[str, Any], report: ExportReport) -> dict[str, Any]:
    meta = {"id": record["id"], "title": record["title"]}
    meta.update({key: record[key] for key in ("source", "url", "published") if key in record})
    if record["layer"] is not None and record["status"] is not None:
        meta["status"] = record["status"]
    for key, value in record["meta"].items():
        if key in DOCUMENT_FIELDS:
            report.lost[f"document metadata {key!r} (the task's meta uses that key for itself)"] += 1
        else:
            meta[key] = value
    return meta


# -- sniffing --------------------------------------------------------------------------


def sniff(path: Path) -> bool:
    """JSON lines whose first task has Prodigy's hashes or annotator/session ids."""
    first = first_object_line(path, _SNIFF_BYTES)
    return first is not None and _SNIFF_KEYS.search(first) is not None and _NATIVE_KEYS.search(first) is None


# -- reading ---------------------------------------------------------------------------


def read(path: Path, encoding: str | None = None) -> Iterator[DocumentInput]:
    path = Path(path)
    found = skipped = 0
    for number, task in json_lines(path, encoding):
        if isinstance(task, dict) and task.get("answer") in _SKIPPED_ANSWERS:
            skipped += 1
            continue
        try:
            document = parse_task(task, str(path), number)
        except TaskError as error:
            raise InputError(str(error), path=str(path), line=number) from None
        found += 1
        yield document
    if not found:
        what = f"all {skipped} task(s) were rejected or ignored" if skipped else "the file holds no tasks"
        raise InputError(f"{what}; nothing to import", path=str(path))


def parse_task(task: Any, path: str, line: int) -> DocumentInput:
    if not isinstance(task, dict) or not isinstance(task.get("text"), str):
        raise TaskError('each line must be a JSON object with a "text" string')
    raw_text = task["text"]
    fixed = fixed_text(raw_text)
    meta = task.get("meta", {})
    if not isinstance(meta, dict):
        raise TaskError('"meta" must be a JSON object')
    fields = {key: meta.get(key) for key in DOCUMENT_FIELDS}
    for key, value in fields.items():
        if value is not None and (not isinstance(value, (str, int)) or isinstance(value, bool)):
            raise TaskError(f'"meta.{key}" must be a string')
    return DocumentInput(
        text=fixed.text, path=path, line=line,
        id=None if fields["id"] is None else str(fields["id"]), id_is_explicit=fields["id"] is not None,
        title=_text(fields["title"]), source=_text(fields["source"]), url=_text(fields["url"]),
        published=_text(fields["published"]),
        meta={key: value for key, value in meta.items() if key not in DOCUMENT_FIELDS},
        layer=_layer(task, raw_text, fixed, _text(fields["status"]), path, line),
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _layer(task: dict[str, Any], raw_text: str, fixed, status: str | None, path: str, line: int) -> LayerInput | None:
    name = task.get("_annotator_id", task.get("_session_id"))
    if name is not None and not isinstance(name, str):
        raise TaskError('"_annotator_id" and "_session_id" must be strings')
    spans, relations = task.get("spans", []), task.get("relations", [])
    if not isinstance(spans, list) or not isinstance(relations, list):
        raise TaskError('"spans" and "relations" must be lists')
    if name is None and not spans and not relations:
        return None
    parsed = [_parse_span(span, number, raw_text, fixed, path, line) for number, span in enumerate(spans, 1)]
    finder = _SpanFinder(spans, task.get("tokens"))
    return LayerInput(name=name, status=status, spans=tuple(parsed),
                      relations=tuple(_parse_relation(r, n, finder) for n, r in enumerate(relations, 1)))


def _parse_span(span: Any, number: int, raw_text: str, fixed, path: str, line: int) -> SpanInput:
    where = f"span {number}"
    if not isinstance(span, dict) or not isinstance(span.get("label"), str):
        raise TaskError(f'{where} must be a JSON object with a "label" string')
    expected = span.get("text")
    if expected is not None and not isinstance(expected, str):
        raise TaskError(f'{where}: "text" must be a string')
    start, end = map_span(fixed, raw_text, span.get("start"), span.get("end"), path, line, where, expected)
    attrs = {key: value for key, value in span.items() if key not in SPAN_KEYS}
    return SpanInput(ref=number, start=start, end=end, label=span["label"], attrs=attrs)


class _SpanFinder:
    """Finds the span a relation end means: by its offsets (and label), else by the index
    of its last token. Refs are the spans' numbers, as ``_parse_span`` gives them."""

    def __init__(self, spans: list[dict[str, Any]], tokens: Any):
        self.spans = list(enumerate(spans, 1))
        self.tokens = tokens if isinstance(tokens, list) else []

    def by_offsets(self, ref: dict[str, Any]) -> list[int]:
        return [n for n, span in self.spans if (span.get("start"), span.get("end")) == (ref.get("start"), ref.get("end"))
                and ref.get("label") in (None, span.get("label"))]

    def by_token(self, index: Any) -> list[int]:
        if not isinstance(index, int) or isinstance(index, bool):
            return []
        token = self.tokens[index] if 0 <= index < len(self.tokens) else None
        end = token.get("end") if isinstance(token, dict) else None
        return [n for n, span in self.spans if span.get("token_end") == index
                or ("token_end" not in span and end is not None and span.get("end") == end)]

    def find(self, relation: dict[str, Any], side: str, where: str) -> int:
        ref = relation.get(f"{side}_span")
        found = self.by_offsets(ref) if isinstance(ref, dict) else self.by_token(relation.get(side))
        if len(found) == 1:
            return found[0]
        shown = ref if isinstance(ref, dict) else f"token {relation.get(side)!r}"
        problem = "no span of this task" if not found else "more than one span"
        raise TaskError(f"{where}: its {side} ({shown}) matches {problem}; a relation must link two of the "
                        "task's spans")



def _parse_relation(relation: Any, number: int, finder: _SpanFinder) -> RelationInput:
    where = f"relation {number}"
    if not isinstance(relation, dict) or not isinstance(relation.get("label"), str):
        raise TaskError(f'{where} must be a JSON object with a "label" string (such as SAID_BY)')
    return RelationInput(type=relation["label"], head=finder.find(relation, "head", where),
                         child=finder.find(relation, "child", where))
