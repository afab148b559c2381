"""doccano's JSONL: one document and layer per line, in either of doccano's two shapes.

- relation extraction (``flavour="relations"``, the default): ``entities`` as
  ``{"id", "start_offset", "end_offset", "label"}`` and ``relations`` as
  ``{"id", "from_id", "to_id", "type"}`` (``from_id`` is the head span, ``to_id`` the child);
- sequence labelling (``flavour="labels"``): ``label`` as ``[[start, end, "LABEL"], ...]``.

doccano keeps the keys of a line it does not know as the example's metadata and writes
them back at export, so the document id (``doc_id``; ``id`` is doccano's own numbering),
``title``, ``source``, ``url``, ``published``, the document's ``meta``, the layer's name
(``annotator``) and status (``status``) travel as top-level keys.

Offsets are code points, end exclusive, as doccano counts them. Not carried: span
attributes (stance, entity), gold-span provenance, and in the sequence-labelling shape,
relations; the export report counts each. doccano has no span text, so the reader
checks offsets only.

The reader finds the shape on each line: ``entities`` (objects, or ``[start, end,
label]`` lists) with optional ``relations``, else ``label`` or ``labels`` (older doccano)
as lists. A line with neither is a document without annotations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, InputError
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

FLAVOURS = ("relations", "labels")
DOCUMENT_KEYS = ("title", "source", "url", "published")
_OWN_KEYS = frozenset({"id", "doc_id", "text", "annotator", "status", "meta", "entities", "relations",
                       "label", "labels", "Comments", "cats", *DOCUMENT_KEYS})
_SNIFF_BYTES = 65536
# doccano's export writes every example into each user's file, so the first line may have
# no spans: its empty "label" list, or the "Comments" list doccano adds, tell it then.
_SNIFF_SPANS = re.compile(r'"start_offset"\s*:|"(label|labels|entities)"\s*:\s*\[\s*\[\s*\d'
                          r'|"entities"\s*:\s*\[\s*\]\s*,\s*"relations"\s*:'
                          r'|"label"\s*:\s*\[\s*\]|"Comments"\s*:\s*\[')
_OTHER_FORMATS = re.compile(r'"(text_sha256|_input_hash|_task_hash|annotations|tokens|spans)"\s*:')
# doccano's export of a project whose members share their annotations: everyone's in one file.
_SHARED_FILE = "all"


# -- writing ---------------------------------------------------------------------------


def write(records: Iterable[dict[str, Any]], destination: Path, schema: Schema,
          progress: Progress = None, flavour: str = "relations") -> ExportReport:
    """One line per record; ``schema`` is not needed (labels are plain strings)."""
    if flavour not in FLAVOURS:
        raise AnnotatorError(f"doccano flavour {flavour!r} is not one of {', '.join(FLAVOURS)}")
    destination = Path(destination)
    report = ExportReport(files=[destination])
    with atomic_file(destination) as out:
        for record in records:
            check_record(record)
            out.write(dumps_line(line_of(record, flavour, report)) + "\n")
            report.documents += 1
            report.spans += len(record["spans"])
            if progress:
                progress(1)
    return report


def line_of(record: dict[str, Any], flavour: str, report: ExportReport) -> dict[str, Any]:
    """The doccano line of one native record."""
    line: dict[str, Any] = {"doc_id": record["id"]}
    if record["layer"] is not None:
        line.update({"annotator": record["layer"], "status": record["status"]})
    _count_lost(record, flavour, report)
    if flavour == "labels":
        line["label"] = [[span["start"], span["end"], span["label"]] for span in record["spans"]]
    else:
        line["entities"] = [{"id": span["id"], "start_offset": span["start"], "end_offset": span["end"],
                             "label": span["label"]} for span in record["spans"]]
        line["relations"] = [{"id": relation["id"], "from_id": relation["head"], "to_id": relation["child"],
                              "type": relation["type"]} for relation in record["relations"]]
        report.relations += len(record["relations"])
    line.update({"text": record["text"], "title": record["title"]})
    line.update({key: record[key] for key in DOCUMENT_KEYS[1:] if key in record})
    if record["meta"]:
        line["meta"] = record["meta"]
    return line


def _count_lost(record: dict[str, Any], flavour: str, report: ExportReport) -> None:
    for span in record["spans"]:
        for name in span["attrs"]:
            report.lost[f"attribute {name} (doccano has no span attributes)"] += 1
        if "provenance" in span:
            report.lost["gold-span provenance (doccano has no place for it)"] += 1
    if flavour == "labels" and record["relations"]:
        report.lost["relations (doccano's sequence-labelling shape has none; use the relations flavour)"] += \
            len(record["relations"])


# -- sniffing --------------------------------------------------------------------------


def sniff(path: Path) -> bool:
    """JSON lines whose first line has doccano's entities, ``[start, end, label]`` lists
    (or an empty ``label`` list) or doccano's ``Comments``."""
    first = first_object_line(path, _SNIFF_BYTES)
    return first is not None and _SNIFF_SPANS.search(first) is not None and _OTHER_FORMATS.search(first) is None


def layer_of_file(path: Path) -> str | None:
    """doccano exports a project one file per member, named after them (``admin.jsonl``),
    and its lines do not say whose they are: the file's name without its suffix is the
    layer. Not for ``all.jsonl``, doccano's file of every member's annotations together, nor
    a name that could not be a layer's (control characters, bytes not in the system's
    encoding)."""
    stem = Path(path).stem.strip()
    if not stem or stem == _SHARED_FILE or not stem.isprintable():
        return None
    return stem


# -- reading ---------------------------------------------------------------------------


def read(path: Path, encoding: str | None = None) -> Iterator[DocumentInput]:
    path = Path(path)
    found = False
    for number, line in json_lines(path, encoding):
        try:
            document = parse_line(line, str(path), number)
        except TaskError as error:
            raise InputError(str(error), path=str(path), line=number) from None
        found = True
        yield document
    if not found:
        raise InputError("the file holds no lines; nothing to import", path=str(path))


def parse_line(line: Any, path: str, number: int) -> DocumentInput:
    if not isinstance(line, dict) or not isinstance(line.get("text"), str):
        raise TaskError('each line must be a JSON object with a "text" string')
    raw_text = line["text"]
    fixed = fixed_text(raw_text)
    doc_id = line.get("doc_id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, (str, int))):
        raise TaskError('"doc_id" must be a string or a number')
    return DocumentInput(
        text=fixed.text, path=path, line=number,
        id=None if doc_id is None else str(doc_id), id_is_explicit=doc_id is not None,
        **{key: _string(line, key) for key in DOCUMENT_KEYS},
        meta=_meta(line),
        layer=_layer(line, raw_text, fixed, path, number),
    )


def _string(line: dict[str, Any], key: str) -> str | None:
    value = line.get(key)
    if value is not None and not isinstance(value, str):
        raise TaskError(f'"{key}" must be a string')
    return value


def _meta(line: dict[str, Any]) -> dict[str, Any]:
    """The document's ``meta``, with the keys doccano added at its export beside it."""
    meta = line.get("meta", {})
    if not isinstance(meta, dict):
        raise TaskError('"meta" must be a JSON object')
    extra = {key: value for key, value in line.items() if key not in _OWN_KEYS and key not in meta}
    return {**meta, **extra}


def _layer(line: dict[str, Any], raw_text: str, fixed, path: str, number: int) -> LayerInput | None:
    name, status = _string(line, "annotator"), _string(line, "status")
    if "entities" in line:
        spans = _entities(line["entities"], raw_text, fixed, path, number)
        relations = _relations(line.get("relations", []), {span.ref for span in spans})
    else:
        key = "label" if "label" in line else "labels"
        spans = _listed_spans(line.get(key, []), key, raw_text, fixed, path, number)
        relations = ()
    if name is None and not spans:
        return None
    return LayerInput(name=name, status=status, spans=spans, relations=relations)


def _entities(entities: Any, raw_text: str, fixed, path: str, number: int) -> tuple[SpanInput, ...]:
    if not isinstance(entities, list):
        raise TaskError('"entities" must be a list')
    spans = []
    for position, entity in enumerate(entities, 1):
        if isinstance(entity, list):
            spans.append(_listed_span(entity, position, "entities", raw_text, fixed, path, number))
            continue
        where = f"entity {position}"
        if not isinstance(entity, dict) or not isinstance(entity.get("label"), str):
            raise TaskError(f'{where} must be a JSON object with a "label" string')
        start, end = map_span(fixed, raw_text, entity.get("start_offset"), entity.get("end_offset"),
                              path, number, where)
        ref = entity.get("id", f"#{position}")
        if isinstance(ref, bool) or not isinstance(ref, (str, int)):
            raise TaskError(f'{where}: "id" must be a number or a string')
        spans.append(SpanInput(ref=ref, start=start, end=end, label=entity["label"]))
    return tuple(spans)


def _listed_spans(items: Any, key: str, raw_text: str, fixed, path: str, number: int) -> tuple[SpanInput, ...]:
    if not isinstance(items, list):
        raise TaskError(f'"{key}" must be a list of [start, end, label] lists')
    return tuple(_listed_span(item, position, key, raw_text, fixed, path, number)
                 for position, item in enumerate(items, 1))


def _listed_span(item: Any, position: int, key: str, raw_text: str, fixed, path: str, number: int) -> SpanInput:
    where = f'"{key}" item {position}'
    if not isinstance(item, list) or len(item) != 3 or not isinstance(item[2], str):
        raise TaskError(f"{where} must be a [start, end, label] list, not {item!r:.60}; document-level "
                        "labels (text classification) are not spans")
    start, end = map_span(fixed, raw_text, item[0], item[1], path, number, where)
    return SpanInput(ref=f"#{position}", start=start, end=end, label=item[2])


def _relations(relations: Any, refs: set[Any]) -> tuple[RelationInput, ...]:
    if not isinstance(relations, list):
        raise TaskError('"relations" must be a list')
    result = []
    for position, relation in enumerate(relations, 1):
        where = f"relation {position}"
        if not isinstance(relation, dict) or not isinstance(relation.get("type"), str):
            raise TaskError(f'{where} must be a JSON object with a "type" string (such as SAID_BY)')
        for key in ("from_id", "to_id"):
            value = relation.get(key)
            if isinstance(value, bool) or not isinstance(value, (str, int)) or value not in refs:
                raise TaskError(f"{where}: its {key} {relation.get(key)!r} is not the id of an entity on this "
                                "line; a relation must link two of the line's entities")
        result.append(RelationInput(type=relation["type"], head=relation["from_id"], child=relation["to_id"]))
    return tuple(result)
