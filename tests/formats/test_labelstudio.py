"""Label Studio JSON: round trip, old UTF-16 offsets, refusals, and the SDK's own checks."""

import json
from pathlib import Path

import pytest
from label_studio_sdk.converter import Converter
from label_studio_sdk.label_interface import LabelInterface

from annotator.core.errors import InputError
from annotator.core.schema import DEFAULT_SCHEMA, Attribute, Label, Schema
from annotator.formats import labelstudio
from tests.formats.conftest import annotations, import_into_new_project


def export(records, tmp_path: Path) -> tuple[Path, list[dict]]:
    destination = tmp_path / "tasks.json"
    labelstudio.write(records, destination, DEFAULT_SCHEMA)
    return destination, json.loads(destination.read_text(encoding="utf-8"))


def write_tasks(path: Path, tasks) -> Path:
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def utf16_offset(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def test_round_trip_keeps_every_span_attribute_relation_and_layer(corpus_records, tmp_path):
    destination = tmp_path / "tasks.json"
    report = labelstudio.write(iter(corpus_records), destination, DEFAULT_SCHEMA)
    assert report.files == [destination, tmp_path / "tasks.config.xml"]
    assert (report.documents, report.spans, report.relations) == (3, 10, 5)
    back = import_into_new_project(tmp_path, labelstudio.read(destination))
    assert annotations(back) == annotations(corpus_records)
    assert [(r["id"], r["layer"], r["status"]) for r in back] == [
        (r["id"], r["layer"], r["status"]) for r in corpus_records]


def test_export_is_one_streamed_array_with_one_annotation_per_layer(corpus_records, tmp_path):
    destination, tasks = export(corpus_records, tmp_path)
    raw = destination.read_text(encoding="utf-8")
    assert raw.startswith("[\n{") and raw.endswith("}\n]\n") and raw.count("\n") == 5  # "[", a line per task, "]"
    assert [t["data"]["doc_id"] for t in tasks] == ["budget", "hydromar", "plain"]
    assert [[a["layer"] for a in t["annotations"]] for t in tasks] == [["mona"], ["karim"], []]
    textarea = next(r for r in tasks[0]["annotations"][0]["result"] if r["type"] == "textarea")
    assert textarea["value"]["text"] == ["أحمد الكردي"]  # as Label Studio stores a per-region text area


def test_label_studio_sdk_accepts_the_config_and_every_annotation(corpus_records, tmp_path):
    destination, tasks = export(corpus_records, tmp_path)
    interface = LabelInterface((tmp_path / "tasks.config.xml").read_text(encoding="utf-8"))
    interface.validate()
    for task in tasks:
        for annotation in task["annotations"]:
            assert interface.validate_prediction(annotation, return_errors=True) == []


def test_label_studio_sdk_complains_about_a_broken_annotation(corpus_records, tmp_path):
    _, tasks = export(corpus_records, tmp_path)
    interface = LabelInterface(labelstudio.labeling_config(DEFAULT_SCHEMA))
    annotation = tasks[0]["annotations"][0]
    textarea = next(r for r in annotation["result"] if r["type"] == "textarea")
    textarea["value"]["text"] = "أحمد الكردي"  # a string, where Label Studio keeps a list
    errors = interface.validate_prediction(annotation, return_errors=True)
    assert len(errors) == 1 and "'entity'" in errors[0]


def test_label_studio_converter_finds_the_spans_at_their_offsets(corpus_records, tmp_path):
    destination, tasks = export(corpus_records, tmp_path)
    converter = Converter(str(tmp_path / "tasks.config.xml"), project_dir=str(tmp_path), download_resources=False)
    converter.convert(str(destination), str(tmp_path / "conll"), "CONLL2003", is_dir=False)
    lines = (tmp_path / "conll" / "result.conll").read_text(encoding="utf-8").splitlines()
    tags = dict(line.split(" -X- _ ") for line in lines[1:] if line)
    # After the emoji (two UTF-16 units): code-point offsets put the tags on the right words.
    assert tags["النقابة"] == "B-SPEAKER" and tags["القرار"] == "B-CLAIM" and tags["خاطئ"] == "I-CLAIM"
    converter.convert(str(destination), str(tmp_path / "min"), "JSON_MIN", is_dir=False)
    (budget, *_) = json.loads((tmp_path / "min" / "result.json").read_text(encoding="utf-8"))
    assert budget["stance"] == ["FAVOR", "NEUTRAL", "AGAINST"]
    assert all(budget["text"][s["start"]:s["end"]] == s["text"] for s in budget["label"])


def test_old_export_with_utf16_offsets_is_fixed_on_import(corpus_records, tmp_path):
    _, tasks = export(corpus_records, tmp_path)
    text = tasks[0]["data"]["text"]
    for item in tasks[0]["annotations"][0]["result"]:
        if "value" in item:
            item["value"]["start"] = utf16_offset(text, item["value"]["start"])
            item["value"]["end"] = utf16_offset(text, item["value"]["end"])
    old = write_tasks(tmp_path / "old.json", tasks)
    back = import_into_new_project(tmp_path, labelstudio.read(old))
    assert annotations(back) == annotations(corpus_records)


def test_a_region_whose_text_fits_no_offsets_is_refused_with_task_line_and_region(corpus_records, tmp_path):
    _, tasks = export(corpus_records, tmp_path)
    region = tasks[1]["annotations"][0]["result"][0]
    region["value"]["start"] += 1
    bad = tmp_path / "bad.json"
    bad.write_text("[\n\n" + ",\n\n".join(json.dumps(t, ensure_ascii=False) for t in tasks) + "\n]", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(labelstudio.read(bad))
    assert caught.value.path == str(bad) and caught.value.line == 5  # where task 2 starts
    assert "task 2" in str(caught.value) and repr(region["id"]) in str(caught.value)
    assert "code points or in UTF-16 units" in str(caught.value)


def test_layer_name_falls_back_to_completed_by_and_cancelled_annotations_are_skipped(tmp_path):
    text = "قال الوزير إن الخطة ناجحة."
    region = {"id": "x1", "from_name": "label", "to_name": "text", "type": "labels",
              "value": {"start": 4, "end": 10, "text": "الوزير", "labels": ["SPEAKER"]}}
    task = {"id": 7, "data": {"content": text}, "annotations": [
        {"id": 1, "completed_by": {"email": "salma@example.org"}, "result": [region]},
        {"id": 2, "completed_by": 12, "result": [region]},
        {"id": 3, "completed_by": 13, "was_cancelled": True, "result": []},
    ], "predictions": [{"result": [region]}]}
    source = tmp_path / "one.json"
    source.write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")  # a single task object
    inputs = list(labelstudio.read(source))
    assert [i.layer.name for i in inputs] == ["salma@example.org", "12"]
    assert {(i.id, i.text) for i in inputs} == {("7", text)}
    assert inputs[0].layer.spans[0].start == 4


def test_json_lines_of_tasks_name_the_line_of_a_bad_task(tmp_path):
    good = {"id": 1, "data": {"text": "نص أول"}, "annotations": []}
    source = tmp_path / "tasks.jsonl"
    source.write_text(json.dumps(good) + "\n" + json.dumps({"id": 2, "data": {"n": 3}}) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(labelstudio.read(source))
    assert caught.value.line == 2 and "'n'" in str(caught.value) and "data.text" in str(caught.value)


def test_config_escapes_any_character_in_names_and_help():
    schema = Schema(labels=(Label('A&B "<x>"', "#112233", "1", "help with\nnewline & <tags>",
                                  (Attribute("kind", ("x<y", "a'b")),)),))
    config = labelstudio.labeling_config(schema)
    interface = LabelInterface(config)
    interface.validate()
    assert interface.get_control("label").labels == ['A&B "<x>"']
    assert interface.get_control("kind").labels == ["x<y", "a'b"]


def test_sniff_claims_our_export_and_nothing_else(corpus_records, tmp_path):
    destination, _ = export(corpus_records, tmp_path)
    native = tmp_path / "native.jsonl"
    native.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in corpus_records), encoding="utf-8")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00[\x00")
    assert labelstudio.sniff(destination)
    assert not labelstudio.sniff(native)
    assert not labelstudio.sniff(binary)
    assert not labelstudio.sniff(tmp_path / "missing.json")
    assert not labelstudio.sniff(tmp_path / "tasks.config.xml")
