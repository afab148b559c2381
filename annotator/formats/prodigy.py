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
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.ingest import DocumentInput, LayerInput, RelationInput, SpanInput
from annotator.core.schema import Schema
from annotator.formats.common import (
    ExportReport,
    Progress,
    TaskError,
    atomic_file,
    check_record,
    dumps_line,
    first_object_line,
    fixed_text,
    json_lines,
    map_span,
)
from annotator.formats.tokens import split_at, tokenize

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
          progress: Progress = None) -> ExportReport:
    """One task per record; ``schema`` is not needed (labels are plain strings)."""
    destination = Path(destination)
    report = ExportReport(files=[destination])
    splits = 0
    with atomic_file(destination) as out:
        for record in records:
            check_record(record)
            task, record_splits = task_of(record, report)
            splits += record_splits
            out.write(dumps_line(task) + "\n")
            report.count(record)
            if progress:
                progress(1)
    if splits:
        report.adjusted.append(f"split {splits} token(s) where a span starts or ends inside a word, "
                               "so that every span is whole tokens")
    return report


def stable_hash(*parts: Any) -> int:
    """A signed 32-bit number, as Prodigy's hashes are, that depends only on ``parts``."""
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big", signed=True)


def task_of(record: dict[str, Any], report: ExportReport) -> tuple[dict[str, Any], int]:
    """The Prodigy task of one native record, and how many tokens were split for it."""
    text = record["text"]
    cuts = [offset for span in record["spans"] for offset in (span["start"], span["end"])]
    tokens, splits = split_at(tokenize(text), cuts)
    starts = [start for start, _ in tokens]
    ends = [end for _, end in tokens]
    spans = {span["id"]: _span(span, starts, ends, report) for span in record["spans"]}
    task: dict[str, Any] = {"_input_hash": stable_hash(text)}
    if record["layer"] is not None:
        task.update({"_annotator_id": record["layer"], "_session_id": record["layer"], "answer": "accept"})
    task["meta"] = _meta(record, report)
    task.update({
        "text": text,
        "tokens": [{"text": text[start:end], "start": start, "end": end, "id": number,
                    "ws": text[end:end + 1].isspace()} for number, (start, end) in enumerate(tokens)],
        "spans": list(spans.values()),
        "relations": [_relation(relation, spans) for relation in record["relations"]],
    })
    task["_task_hash"] = stable_hash(text, record["layer"], task["spans"], task["relations"])
    return task, splits


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
