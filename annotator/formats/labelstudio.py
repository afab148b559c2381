"""Label Studio's JSON export: one JSON array of tasks, each with its annotations.

A task is one document (``data.text``, ``data.doc_id``, ``data.title``, and ``source``,
``url``, ``published`` when the document has them; the document's ``meta`` is the
task's ``meta``). Each layer of the document is one annotation; the layer's name and
status are kept in the annotation's ``layer`` and ``layer_status`` (Label Studio
ignores both: its ``completed_by`` is the id of one of its own users, and its import
refuses one it does not know, so the writer leaves it out). A span is a ``labels``
region; a closed-value attribute a per-region ``choices`` item and a free-text one a
per-region ``textarea`` item with the region's id; a relation a ``relation`` item.
``labeling_config`` gives the matching labeling config, written beside the export.

Offsets are code points, end exclusive, as current Label Studio stores them. Old
exports counted UTF-16 code units: the reader finds out from the regions' own text
(``value.text``) and converts such a task. Document labels are document-level ``choices``
(``document_<name>``). Not carried: gold-span provenance.
The reader imports ``annotations`` (not ``predictions``, not cancelled ones) and skips
document-level choices and text areas (results without offsets).
"""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, InputError, quoted
from annotator.core.ingest import DocumentInput, LayerInput, RelationInput, SpanInput
from annotator.core.model import GOLD_LAYER
from annotator.core.schema import Schema
from annotator.core.text import decode_bytes
from annotator.formats.common import ExportReport, Progress, atomic_file, check_record, fixed_text, map_span

LABELS_CONTROL = "label"
TEXT_OBJECT = "text"
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SNIFF_BYTES = 8192
_SNIFF_KEYS = re.compile(r'"(annotations|predictions|completions)"\s*:')
_LOST_PROVENANCE = "gold-span provenance (Label Studio has no place for it)"


# -- labeling config -------------------------------------------------------------------


def attribute_controls(schema: Schema) -> dict[tuple[str, str], str]:
    """The control name of each (label, attribute): the attribute's name, or
    ``attribute@label`` when two labels have an attribute of that name."""
    counts: dict[str, int] = {}
    for label in schema.labels:
        for attribute in label.attributes:
            counts[attribute.name] = counts.get(attribute.name, 0) + 1
    controls = {}
    for label in schema.labels:
        for attribute in label.attributes:
            name = attribute.name if counts[attribute.name] == 1 else f"{attribute.name}@{label.name}"
            if name in (LABELS_CONTROL, TEXT_OBJECT):
                raise AnnotatorError(
                    f"the attribute {attribute.name!r} of {label.name} has a name Label Studio's config "
                    f"uses for itself ({LABELS_CONTROL!r}, {TEXT_OBJECT!r}); rename it in the schema"
                )
            controls[(label.name, attribute.name)] = name
    return controls


def labeling_config(schema: Schema) -> str:
    """The Label Studio labeling config (XML) for ``schema``."""
    controls = attribute_controls(schema)
    view = ET.Element("View")
    labels = ET.SubElement(view, "Labels", name=LABELS_CONTROL, toName=TEXT_OBJECT)
    for label in schema.labels:
        attrs = {"value": _xml_name(label.name), "background": label.color}
        if label.help:
            attrs["hint"] = _xml_text(label.help)
        ET.SubElement(labels, "Label", attrs)
    ET.SubElement(view, "Text", name=TEXT_OBJECT, value=f"${TEXT_OBJECT}")
    if schema.relations:
        relations = ET.SubElement(view, "Relations")
        for relation in schema.relations:
            ET.SubElement(relations, "Relation", value=_xml_name(relation.name))
    for label in schema.labels:
        for attribute in label.attributes:
            _attribute_view(view, label.name, attribute, controls[(label.name, attribute.name)])
    for document_label in schema.document_labels:
        _document_label_view(view, document_label)
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


def _attribute_view(view: ET.Element, label: str, attribute, control: str) -> None:
    shown = ET.SubElement(view, "View", visibleWhen="region-selected", whenLabelValue=_xml_name(label))
    header = f"{attribute.name}: {attribute.help}" if attribute.help else attribute.name
    ET.SubElement(shown, "Header", value=_xml_text(header))
    common = {"name": _xml_name(control), "toName": TEXT_OBJECT, "perRegion": "true",
              "whenLabelValue": _xml_name(label)}
    if attribute.values:
        choices = ET.SubElement(shown, "Choices", common, choice="single", visibleWhen="region-selected")
        for value in attribute.values:
            ET.SubElement(choices, "Choice", value=_xml_name(value))
    else:
        ET.SubElement(shown, "TextArea", common, maxSubmissions="1", editable="true")


def document_label_control(name: str) -> str:
    """The control of a document label: document-level choices (results without offsets)."""
    return f"document_{name}"


def _document_label_view(view: ET.Element, document_label) -> None:
    header = f"{document_label.name}: {document_label.help}" if document_label.help else document_label.name
    ET.SubElement(view, "Header", value=_xml_text(header))
    choices = ET.SubElement(view, "Choices", name=_xml_name(document_label_control(document_label.name)),
                            toName=TEXT_OBJECT, choice="single")
    for value in document_label.values:
        ET.SubElement(choices, "Choice", value=_xml_name(value))


def _xml_name(value: str) -> str:
    if _NOT_IN_XML.search(value):
        raise AnnotatorError(f"the schema name {value!r} holds a character XML cannot carry; rename it")
    return value


def _xml_text(value: str) -> str:
    return _NOT_IN_XML.sub("\ufffd", value)


# -- writing ---------------------------------------------------------------------------


def config_path(destination: Path) -> Path:
    """Where the labeling config goes: ``<dest stem>.config.xml`` beside the export."""
    return destination.with_name(f"{destination.stem}.config.xml")


def write(records: Iterable[dict[str, Any]], destination: Path, schema: Schema,
          progress: Progress = None) -> ExportReport:
    destination = Path(destination)
    config = labeling_config(schema)
    controls = {key: (name, bool(schema.label(key[0]).attribute(key[1]).values))
                for key, name in attribute_controls(schema).items()}
    report = ExportReport(files=[destination, config_path(destination)])
    with atomic_file(config_path(destination)) as config_out, atomic_file(destination) as out:
        config_out.write(config)
        out.write("[\n")
        annotation_ids = itertools.count(1)
        for number, (_, group) in enumerate(itertools.groupby(records, key=lambda r: r["id"]), 1):
            group = list(group)
            for record in group:
                check_record(record)
            task = _task(number, group, controls, annotation_ids, report)
            out.write((",\n" if number > 1 else "") + json.dumps(task, ensure_ascii=False, allow_nan=False))
            report.documents += 1
            if progress:
                for _ in group:
                    progress(1)
        out.write("\n]\n")
    return report


def _task(number: int, group: list[dict[str, Any]], controls, annotation_ids, report: ExportReport) -> dict:
    first = group[0]
    data = {"text": first["text"], "doc_id": first["id"], "title": first["title"]}
    data.update({key: first[key] for key in ("source", "url", "published") if key in first})
    annotations = [_annotation(next(annotation_ids), record, controls, report)
                   for record in group if record["layer"] is not None]
    # Label Studio's own key order: a sniff finds "annotations" before a long text.
    return {"id": number, "annotations": annotations, "predictions": [], "data": data, "meta": first["meta"]}


def _annotation(number: int, record: dict[str, Any], controls, report: ExportReport) -> dict[str, Any]:
    region_ids = {span["id"]: f"a{number}s{span['id']}" for span in record["spans"]}
    result = []
    for span in record["spans"]:
        result.extend(_span_results(region_ids[span["id"]], span, controls, report))
        if "provenance" in span:
            report.lost[_LOST_PROVENANCE] += 1
    for relation in record["relations"]:
        result.append({"from_id": region_ids[relation["head"]], "to_id": region_ids[relation["child"]],
                       "type": "relation", "direction": "right", "labels": [relation["type"]]})
    for name, value in record.get("document_labels", {}).items():
        result.append({"from_name": document_label_control(name), "to_name": TEXT_OBJECT, "type": "choices",
                       "value": {"choices": [value]}})
    report.spans += len(record["spans"])
    report.relations += len(record["relations"])
    annotation = {"id": number, "layer": record["layer"], "layer_status": record["status"],
                  "ground_truth": record["layer"] == GOLD_LAYER, "was_cancelled": False, "result": result}
    if "active_seconds" in record:  # Label Studio's own field for the seconds spent on an annotation
        annotation["lead_time"] = record["active_seconds"]
    return annotation


def _span_results(region_id: str, span: dict[str, Any], controls, report: ExportReport) -> list[dict]:
    where = {"start": span["start"], "end": span["end"]}
    results = [_item(region_id, LABELS_CONTROL, "labels", {**where, "text": span["text"], "labels": [span["label"]]})]
    for name, value in span["attrs"].items():
        control = controls.get((span["label"], name))
        if control is None or not isinstance(value, str):
            report.lost[f"attribute {name} of {span['label']} (not in the schema, no control for it)"] += 1
            continue
        control_name, closed = control
        if closed:
            value = {**where, "text": span["text"], "choices": [value]}
            results.append(_item(region_id, control_name, "choices", value))
        else:
            # As Label Studio stores a per-region text area: its list replaces the span's text.
            results.append(_item(region_id, control_name, "textarea", {**where, "text": [value]}))
    return results


def _item(region_id: str, from_name: str, type_: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"id": region_id, "from_name": from_name, "to_name": TEXT_OBJECT, "type": type_, "value": value}


# -- sniffing --------------------------------------------------------------------------


def sniff(path: Path) -> bool:
    """A JSON array or object (or JSON lines) of tasks with annotations or predictions."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES).decode("utf-8-sig", errors="strict")
    except (OSError, UnicodeDecodeError):
        return False
    head = head.lstrip()
    if not head.startswith(("[", "{")) or '"text_sha256"' in head:
        return False
    return _SNIFF_KEYS.search(head) is not None


# -- reading ---------------------------------------------------------------------------


def read(path: Path, encoding: str | None = None) -> Iterator[DocumentInput]:
    path = Path(path)
    text = decode_bytes(path.read_bytes(), encoding, path=str(path)).text
    found = False
    for number, line, task in _tasks_in(text, str(path)):
        found = True
        yield from _task_inputs(task, number, line, str(path))
    if not found:
        raise InputError("the file holds no Label Studio tasks; nothing to import", path=str(path))


def _tasks_in(text: str, path: str) -> Iterator[tuple[int, int, Any]]:
    """(task number, line, task) for a JSON array of tasks, one task, or JSON lines."""
    decoder = json.JSONDecoder()
    position = _skip_space(text, 0)
    if position < len(text) and text[position] == "[":
        yield from _array_items(text, position + 1, decoder, path)
        return
    number = 0
    while position < len(text):
        task, end = _decode_at(decoder, text, position, path, "a task (a JSON object)")
        number += 1
        yield number, _line_of(text, position), task
        position = _skip_space(text, end)


def _array_items(text: str, position: int, decoder: json.JSONDecoder, path: str) -> Iterator:
    line, counted = 1, 0
    number = 0
    position = _skip_space(text, position)
    if text.startswith("]", position):
        return
    while True:
        task, end = _decode_at(decoder, text, position, path, "a task (a JSON object)")
        number += 1
        line += text.count("\n", counted, position)
        counted = position
        yield number, line, task
        position = _skip_space(text, end)
        if text.startswith("]", position):
            if _skip_space(text, position + 1) != len(text):
                raise InputError("there is more after the array of tasks ends", path=path,
                                 line=_line_of(text, position))
            return
        if not text.startswith(",", position):
            raise InputError(f"after task {number} the array needs a comma or ']'", path=path,
                             line=_line_of(text, position))
        position = _skip_space(text, position + 1)


def _decode_at(decoder: json.JSONDecoder, text: str, position: int, path: str, what: str) -> tuple[Any, int]:
    try:
        return decoder.raw_decode(text, position)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON ({error.msg} at column {error.colno}); expected {what}",
                         path=path, line=error.lineno) from None
    except RecursionError:
        raise InputError("brackets nested too deeply to read", path=path, line=_line_of(text, position)) from None


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


class _TaskError(Exception):
    pass


def _task_inputs(task: Any, number: int, line: int, path: str) -> Iterator[DocumentInput]:
    try:
        yield from _parse_task(task, number, line, path)
    except _TaskError as error:
        raise InputError(f"task {number}: {error}", path=path, line=line) from None


def _parse_task(task: Any, number: int, line: int, path: str) -> Iterator[DocumentInput]:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise _TaskError('each task must be a JSON object with a "data" object')
    data = task["data"]
    key, raw_text = _text_of(data)
    fixed = fixed_text(raw_text)
    annotations = task.get("annotations", task.get("completions", []))
    if not isinstance(annotations, list):
        raise _TaskError('"annotations" must be a list')
    kept = [a for a in annotations if not (isinstance(a, dict) and (a.get("was_cancelled") or a.get("skipped")))]
    layers = [_parse_annotation(a, n, raw_text, key, fixed, number, line, path) for n, a in enumerate(kept, 1)]
    document = _document(task, data, fixed.text, path, line)
    for layer in layers or [None]:
        yield DocumentInput(**document, layer=layer)


def _text_of(data: dict[str, Any]) -> tuple[str, str]:
    if isinstance(data.get("text"), str):
        return "text", data["text"]
    for key, value in data.items():
        if isinstance(value, str):
            return key, value
    raise _TaskError(f'"data" has no text (its keys: {", ".join(map(repr, data)) or "none"}); '
                     'put the article in data.text')


def _document(task: dict[str, Any], data: dict[str, Any], text: str, path: str, line: int) -> dict[str, Any]:
    doc_id = data.get("doc_id", task.get("id"))
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int, type(None))):
        raise _TaskError("data.doc_id (or the task's id) must be a string or a number")
    meta = task.get("meta")
    return {
        "text": text, "path": path, "line": line,
        "id": None if doc_id is None else str(doc_id), "id_is_explicit": doc_id is not None,
        "title": _optional_string(data, "title"), "source": _optional_string(data, "source"),
        "url": _optional_string(data, "url"), "published": _optional_string(data, "published"),
        "meta": meta if isinstance(meta, dict) else {},
    }


def _optional_string(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def _parse_annotation(annotation: Any, number: int, raw_text: str, key: str, fixed, task: int,
                      line: int, path: str) -> LayerInput:
    if not isinstance(annotation, dict) or not isinstance(annotation.get("result", []), list):
        raise _TaskError(f'annotation {number} must be an object with a "result" list')
    result = [item for item in annotation.get("result", []) if isinstance(item, dict)]
    if len(result) != len(annotation.get("result", [])):
        raise _TaskError(f"annotation {number}: each result must be a JSON object")
    regions = _regions(result, number)
    to_code_points = _offset_unit(regions, raw_text, key)
    spans = []
    for region_id, item in regions.items():
        value = item["value"]
        start, end = to_code_points(value["start"]), to_code_points(value["end"])
        where = f"task {task}, region {region_id!r}"
        start, end = map_span(fixed, raw_text, start, end, path, line, where, value.get("text"))
        spans.append(SpanInput(ref=region_id, start=start, end=end, label=_one_label(item, region_id),
                               attrs=_attributes(result, region_id, _one_label(item, region_id))))
    return LayerInput(name=_layer_name(annotation), status=_optional_string(annotation, "layer_status"),
                      spans=tuple(spans), relations=tuple(_relations(result, regions, number)))


def _regions(result: list[dict[str, Any]], annotation: int) -> dict[Any, dict[str, Any]]:
    regions: dict[Any, dict[str, Any]] = {}
    for item in result:
        type_ = item.get("type")
        if type_ == "relation" or (type_ in ("choices", "textarea") and not _has_offsets(item)):
            continue
        if type_ not in ("labels", "choices", "textarea"):
            raise _TaskError(f"annotation {annotation}: a result of type {type_!r}; Annotator imports "
                             "text spans (labels), their choices and text areas, and relations")
        if "id" not in item:
            raise _TaskError(f"annotation {annotation}: a {type_} result has no region id")
        if type_ == "labels":
            if item["id"] in regions:
                raise _TaskError(f"annotation {annotation}: region {item['id']!r} appears twice")
            if not isinstance(item.get("value"), dict):
                raise _TaskError(f"annotation {annotation}: region {item['id']!r} has no value object")
            regions[item["id"]] = item
    return regions


def _has_offsets(item: dict[str, Any]) -> bool:
    return isinstance(item.get("value"), dict) and "start" in item["value"]


def _offset_unit(regions: dict[Any, dict[str, Any]], raw_text: str, key: str):
    """Code points if every region's text fits them, else UTF-16 units if every one fits
    those (an export from before Label Studio counted code points), else refuse."""
    if all(_fits(raw_text, item["value"], _same) for item in regions.values()):
        return _same
    units = _utf16_to_code_points(raw_text)
    if all(_fits(raw_text, item["value"], units) for item in regions.values()):
        return units
    region_id, item = next((rid, item) for rid, item in regions.items()
                           if not _fits(raw_text, item["value"], _same))
    value = item["value"]
    shown = raw_text[value["start"]:value["end"]] if _is_whole(value["start"]) and _is_whole(value["end"]) else ""
    raise _TaskError(
        f"region {region_id!r}: its text {quoted(value.get('text'))} is not the text at "
        f"[{value.get('start')}, {value.get('end')}) of data.{key} ({quoted(shown)}), counted in code points or "
        "in UTF-16 units; the annotation does not belong to this text"
    )


def _same(offset: Any) -> Any:
    return offset


def _fits(raw_text: str, value: dict[str, Any], convert) -> bool:
    expected = value.get("text")
    if not isinstance(expected, str):
        return True
    start, end = convert(value.get("start")), convert(value.get("end"))
    if not (_is_whole(start) and _is_whole(end) and 0 <= start <= end <= len(raw_text)):
        return False
    return raw_text[start:end] == expected


def _utf16_to_code_points(text: str):
    """A function from a UTF-16 offset to a code-point offset (None inside a pair)."""
    table = {}
    units = 0
    for index, character in enumerate(text):
        table[units] = index
        units += 2 if ord(character) > 0xFFFF else 1
    table[units] = len(text)
    return lambda offset: table.get(offset) if _is_whole(offset) else offset


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _one_label(item: dict[str, Any], region_id: Any) -> str:
    labels = item["value"].get("labels")
    if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
        raise _TaskError(f"region {region_id!r} must have exactly one label, not {quoted(labels)}")
    return labels[0]


def _attributes(result: list[dict[str, Any]], region_id: Any, label: str) -> dict[str, str]:
    attrs = {}
    for item in result:
        if item.get("id") != region_id or item.get("type") not in ("choices", "textarea"):
            continue
        name = str(item.get("from_name")).removesuffix(f"@{label}")
        key = "choices" if item["type"] == "choices" else "text"
        values = item["value"].get(key)
        values = [values] if isinstance(values, str) else values
        if not isinstance(values, list) or len(values) != 1 or not isinstance(values[0], str):
            raise _TaskError(f"region {region_id!r}: {name} must hold exactly one value, not {quoted(values)}")
        attrs[name] = values[0]
    return attrs


def _relations(result: list[dict[str, Any]], regions: dict[Any, Any], annotation: int) -> Iterator[RelationInput]:
    for item in result:
        if item.get("type") != "relation":
            continue
        ends = item.get("from_id"), item.get("to_id")
        if not all(isinstance(end, (str, int)) and end in regions for end in ends):
            raise _TaskError(f"annotation {annotation}: a relation links {quoted(ends)}, not two labelled regions")
        labels = item.get("labels")
        if not isinstance(labels, list) or not labels or not all(isinstance(x, str) for x in labels):
            raise _TaskError(f"annotation {annotation}: the relation {ends[0]!r} -> {ends[1]!r} has no label; "
                             "give it one (such as SAID_BY) in Label Studio")
        head, child = ends if item.get("direction", "right") != "left" else ends[::-1]
        for label in labels:
            yield RelationInput(type=label, head=head, child=child)


def _layer_name(annotation: dict[str, Any]) -> str | None:
    name = annotation.get("layer")
    if isinstance(name, str):
        return name
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email", who.get("id"))
    if isinstance(who, bool) or who is None:
        return None
    return str(who)
