"""doccano JSONL: both shapes, what each loses, refusals with file and line, sniffing."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.schema import DEFAULT_SCHEMA
from annotator.formats import doccano
from annotator.formats.tokens import tokenize
from tests.formats.conftest import annotations, import_into_new_project

TEXT = "قال الوزير أحمد إن الخطة ناجحة."


def export(records, tmp_path: Path, flavour="relations"):
    destination = tmp_path / f"{flavour}.jsonl"
    report = doccano.write(iter(records), destination, DEFAULT_SCHEMA, flavour=flavour)
    lines = [json.loads(line) for line in destination.read_text(encoding="utf-8").splitlines()]
    return destination, report, lines


def write_lines(path: Path, *objects, raw_lines=()) -> Path:
    lines = [json.dumps(o, ensure_ascii=False) for o in objects] + list(raw_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def without_attributes(records):
    for record in records:
        record = dict(record, spans=[dict(span, attrs={}) for span in record["spans"]])
        yield record


def test_relations_round_trip_keeps_spans_relations_layers_and_reports_the_attributes(corpus_records, tmp_path):
    destination, report, lines = export(corpus_records, tmp_path)
    assert (report.documents, report.spans, report.relations) == (3, 10, 5)
    assert report.lost == {"attribute stance (doccano has no span attributes)": 4,
                           "attribute entity (doccano has no span attributes)": 2}
    back = import_into_new_project(tmp_path, doccano.read(destination))
    assert annotations(back) == annotations(list(without_attributes(corpus_records)))
    assert [(r["id"], r["layer"], r["status"], r["title"]) for r in back] == [
        (r["id"], r["layer"], r["status"], r["title"]) for r in corpus_records]
    labels = {entity["id"]: entity["label"] for entity in lines[0]["entities"]}
    said_by = lines[0]["relations"][0]
    assert (said_by["type"], labels[said_by["from_id"]], labels[said_by["to_id"]]) == ("SAID_BY", "CLAIM", "SPEAKER")
    assert set(lines[0]["entities"][0]) == {"id", "start_offset", "end_offset", "label"}


def test_labels_flavour_keeps_spans_and_reports_relations_lost(corpus_records, tmp_path):
    destination, report, lines = export(corpus_records, tmp_path, flavour="labels")
    assert report.relations == 0
    assert report.lost["relations (doccano's sequence-labelling shape has none; use the relations flavour)"] == 5
    assert lines[1]["label"] == [[5, 19, "SPEAKER"], [23, 46, "CLAIM"]] and "entities" not in lines[1]
    back = import_into_new_project(tmp_path, doccano.read(destination))
    expected = annotations(list(without_attributes(corpus_records)))
    for value in expected.values():
        value["relations"] = []
    assert annotations(back) == expected


def test_an_unknown_flavour_is_refused_before_anything_is_written(corpus_records, tmp_path):
    with pytest.raises(AnnotatorError, match="flavour"):
        doccano.write(corpus_records, tmp_path / "x.jsonl", DEFAULT_SCHEMA, flavour="conll")
    assert list(tmp_path.glob("*x.jsonl*")) == []


def test_doccano_exports_of_either_shape_and_older_labels_are_read(tmp_path):
    speaker, claim = TEXT.index("أحمد"), TEXT.index("الخطة")
    source = write_lines(
        tmp_path / "in.jsonl",
        {"id": 7, "text": TEXT, "label": [[speaker, speaker + 4, "SPEAKER"]], "Comments": [], "doc_id": "a"},
        {"id": 8, "text": TEXT + " ثانٍ", "labels": [[claim, claim + 5, "TARGET"]], "source": "AFP"},
        {"id": 9, "text": TEXT + " ثالث", "entities": [[speaker, speaker + 4, "SPEAKER"]], "relations": []},
        {"id": 10, "text": "نص بلا تعليقات.", "batch": 3},
    )
    documents = list(doccano.read(source))
    assert [d.id for d in documents] == ["a", None, None, None]
    assert [[(s.start, s.end, s.label) for s in d.layer.spans] if d.layer else None for d in documents] == [
        [(speaker, speaker + 4, "SPEAKER")], [(claim, claim + 5, "TARGET")], [(speaker, speaker + 4, "SPEAKER")], None]
    assert documents[1].source == "AFP" and documents[3].meta == {"batch": 3}
    assert all(d.layer.name is None for d in documents[:3])


def test_offsets_in_a_crlf_text_map_onto_the_fixed_text(tmp_path):
    text = "سطر أول\r\nقال أحمد"
    start = text.index("أحمد")
    source = write_lines(tmp_path / "in.jsonl", {"text": text, "annotator": "mona",
                                                 "entities": [{"id": 1, "start_offset": start,
                                                               "end_offset": start + 4, "label": "SPEAKER"}]})
    (back,) = import_into_new_project(tmp_path, doccano.read(source))
    (span,) = back["spans"]
    assert back["text"][span["start"]:span["end"]] == "أحمد" and back["layer"] == "mona"


def relation_line(**extra):
    speaker, claim = TEXT.index("أحمد"), TEXT.index("الخطة")
    base = {"text": TEXT, "annotator": "mona",
            "entities": [{"id": 1, "start_offset": speaker, "end_offset": speaker + 4, "label": "SPEAKER"},
                         {"id": 2, "start_offset": claim, "end_offset": len(TEXT) - 1, "label": "CLAIM"}],
            "relations": [{"id": 1, "from_id": 2, "to_id": 1, "type": "SAID_BY"}]}
    base.update(extra)
    return base


@pytest.mark.parametrize("line, message", [
    ('{"text": "نص", ', "not valid JSON"),
    (json.dumps(relation_line(entities=[{"id": 1, "start_offset": 0, "end_offset": 999, "label": "CLAIM"}],
                              relations=[])), "outside the text"),
    (json.dumps(relation_line(relations=[{"from_id": 2, "to_id": 9, "type": "SAID_BY"}])), "to_id 9"),
    (json.dumps({"text": TEXT, "label": ["positive"]}), "document-level labels"),
    (json.dumps({"text": TEXT, "label": [[3, 1, "CLAIM"]]}), "outside the text"),
    (json.dumps({"label": []}), '"text" string'),
])
def test_a_bad_line_is_refused_with_its_file_and_line(tmp_path, line, message):
    source = write_lines(tmp_path / "bad.jsonl", relation_line(), raw_lines=[line])
    with pytest.raises(InputError) as error:
        list(doccano.read(source))
    assert str(error.value).startswith(f"{source}:2: ")
    assert message in str(error.value)


def test_a_span_whose_text_does_not_fit_is_refused_before_writing(corpus_records, tmp_path):
    broken = dict(corpus_records[0], spans=[dict(corpus_records[0]["spans"][0], text="غيره")])
    with pytest.raises(AnnotatorError, match="does not match its offsets"):
        doccano.write([broken], tmp_path / "out.jsonl", DEFAULT_SCHEMA)
    assert not (tmp_path / "out.jsonl").exists()


letters = st.sampled_from(list("ابتثجحخدرسشصعفقلمنهوي") + ["a", "Z", "7"])
marks = st.sampled_from(["", "\u064e", "\u0651"])
words = st.one_of(st.lists(st.tuples(letters, marks).map("".join), min_size=1, max_size=5).map("".join),
                  st.just("😀"))
texts = st.lists(st.tuples(words, st.sampled_from([" ", "، ", "\n", ". "])), min_size=1, max_size=12).map(
    lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, data=st.data(), flavour=st.sampled_from(doccano.FLAVOURS))
def test_any_non_overlapping_token_aligned_spans_round_trip_exactly(tmp_path_factory, text, data, flavour):
    tokens = tokenize(text)
    starts = sorted(data.draw(st.sets(st.integers(0, len(tokens) - 1), max_size=len(tokens))))
    spans = []
    for number, (first, following) in enumerate(zip(starts, starts[1:] + [len(tokens)]), 1):
        last = data.draw(st.integers(first, following - 1))
        start, end = tokens[first][0], tokens[last][1]
        spans.append({"id": number, "start": start, "end": end, "label": ("CLAIM", "SPEAKER")[number % 2],
                      "text": text[start:end], "attrs": {}})
    relations = [{"id": n, "type": "SAID_BY", "head": c["id"], "child": s["id"]}
                 for n, (c, s) in enumerate(zip(spans[1::2], spans[::2]), 1)] if flavour == "relations" else []
    record = {"id": "p", "title": "t", "text": text, "meta": {}, "layer": "mona", "status": "done",
              "spans": spans, "relations": relations}
    folder = tmp_path_factory.mktemp("doccano")
    destination, report, _ = export([record], folder, flavour)
    assert not report.lost
    (back,) = import_into_new_project(folder, doccano.read(destination))
    assert annotations([back]) == annotations([record])


def test_sniff_claims_doccano_lines_only(corpus_records, tmp_path):
    relations, _, _ = export(corpus_records, tmp_path)
    labels, _, _ = export(corpus_records, tmp_path, flavour="labels")
    plain_export = write_lines(tmp_path / "plain.jsonl", {"id": 1, "text": TEXT, "label": [[0, 3, "X"]]})
    assert doccano.sniff(relations) and doccano.sniff(labels) and doccano.sniff(plain_export)
    native = write_lines(tmp_path / "native.jsonl", corpus_records[0])
    prodigy_task = write_lines(tmp_path / "prodigy.jsonl", {"text": TEXT, "_input_hash": 1, "spans": [
        {"start": 0, "end": 3, "label": "X"}]})
    classification = write_lines(tmp_path / "cats.jsonl", {"text": TEXT, "label": ["positive"]})
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\x00\xff{\"start_offset\": 1")
    assert not any(doccano.sniff(p) for p in (native, prodigy_task, classification, binary,
                                              tmp_path / "missing.jsonl", tmp_path))
