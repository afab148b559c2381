"""spaCy DocBin: exact round trip through user_data, spaCy's own reading, expansions, sniffing."""

import json
import sys
import zlib
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.schema import DEFAULT_SCHEMA
from annotator.formats import spacy_docbin
from tests.formats.conftest import annotations, import_into_new_project


def export(records, tmp_path: Path, name: str = "out.spacy"):
    destination = tmp_path / name
    report = spacy_docbin.write(iter(records), destination, DEFAULT_SCHEMA)
    return destination, report


def record(text, spans, doc_id="d"):
    return {"id": doc_id, "title": "t", "text": text, "meta": {}, "layer": "mona", "status": "done",
            "spans": [{"id": n, "start": s, "end": e, "label": label, "text": text[s:e], "attrs": {}}
                      for n, (s, e, label) in enumerate(spans, 1)],
            "relations": []}


def peer_docs(path: Path):
    """The export (a folder of .spacy files) as spaCy reads it, with a fresh vocab: what a
    training script sees."""
    files = sorted(path.glob("*.spacy")) if path.is_dir() else [path]
    vocab = spacy.blank("ar").vocab
    return [doc for file in files for doc in DocBin().from_disk(file).get_docs(vocab)]


def test_round_trip_keeps_everything_exactly(corpus_records, tmp_path):
    destination, report = export(corpus_records, tmp_path)
    assert (report.documents, report.spans, report.relations) == (3, 10, 5)
    assert not report.lost and not report.adjusted  # no corpus span starts or ends inside a spaCy token
    back = import_into_new_project(tmp_path, spacy_docbin.read(destination))
    assert annotations(back) == annotations(corpus_records)
    fields = ("id", "title", "layer", "status", "meta")
    assert [[r[f] for f in fields] for r in back] == [[r[f] for f in fields] for r in corpus_records]


def test_spacy_reads_the_file_with_every_span_in_the_sc_group(corpus_records, tmp_path):
    destination, _ = export(corpus_records, tmp_path)
    docs = peer_docs(destination)
    assert [doc.text for doc in docs] == [r["text"] for r in corpus_records]
    for doc, one in zip(docs, corpus_records):
        group = doc.spans[spacy_docbin.SPAN_KEY]
        assert [(s.label_, s.text, s.id_) for s in group] == [
            (s["label"], s["text"], str(s["id"])) for s in one["spans"]]
        for span in one["spans"]:
            assert doc.char_span(span["start"], span["end"]).text == span["text"]
    stored = docs[0].user_data["annotator"]
    assert [dict(r) for r in stored["relations"]] == [
        {k: r[k] for k in ("type", "head", "child")} for r in corpus_records[0]["relations"]]
    assert [s["attrs"] for s in stored["spans"]] == [s["attrs"] for s in corpus_records[0]["spans"]]


def test_a_span_after_a_clitic_the_tokenizer_keeps_attached_expands_and_is_reported(tmp_path):
    text = "وأضاف الوزير بالحكومة."
    spans = [(1, 5, "CLAIM"), (text.index("الحكومة"), len(text) - 1, "TARGET")]
    destination, report = export([record(text, spans)], tmp_path)
    assert report.adjusted == [
        "document 'd', layer 'mona': span 'أضاف' is 'وأضاف' in doc.spans[\"sc\"] (spaCy's tokens keep 'و' "
        "before attached; user_data keeps the exact offsets)",
        "document 'd', layer 'mona': span 'الحكومة' is 'بالحكومة' in doc.spans[\"sc\"] (spaCy's tokens keep "
        "'ب' before attached; user_data keeps the exact offsets)",
    ]
    (doc,) = peer_docs(destination)
    assert [s.text for s in doc.spans["sc"]] == ["وأضاف", "بالحكومة"]
    (back,) = list(spacy_docbin.read(destination))
    assert [(s.start, s.end) for s in back.layer.spans] == [(a, b) for a, b, _ in spans]


def test_punctuation_kept_on_a_number_expands_the_span_at_its_end(tmp_path):
    text = "سيكتمل في 2027."
    destination, report = export([record(text, [(text.index("2027"), len(text) - 1, "CLAIM")])], tmp_path)
    assert "'.' after attached" in report.adjusted[0]
    (doc,) = peer_docs(destination)
    assert [s.text for s in doc.spans["sc"]] == ["2027."]


def test_a_docbin_from_elsewhere_imports_its_span_groups_and_entities_without_a_layer_name(tmp_path):
    nlp = spacy.blank("ar")
    doc = nlp("قال أحمد إن الخطة ناجحة")
    doc.spans["claims"] = [doc.char_span(12, 23, label="CLAIM")]
    doc.spans["sc"] = [doc.char_span(4, 8, label="SPEAKER")]
    doc.ents = [doc.char_span(0, 3, label="TARGET"), doc.char_span(4, 8, label="SPEAKER")]
    source = tmp_path / "theirs.spacy"
    DocBin(docs=[doc, nlp("نص بلا شيء")]).to_disk(source)
    first, second = spacy_docbin.read(source)
    assert first.layer.name is None and first.id is None
    assert sorted((s.start, s.end, s.label) for s in first.layer.spans) == [
        (0, 3, "TARGET"), (4, 8, "SPEAKER"), (12, 23, "CLAIM")]
    assert second.layer is None and second.text == "نص بلا شيء"


def test_user_data_spans_are_checked_against_the_text(corpus_records, tmp_path):
    nlp = spacy.blank("ar")
    doc = nlp("قال أحمد")
    doc.user_data["annotator"] = {"id": "x", "layer": "mona", "spans": [
        {"id": 1, "start": 4, "end": 8, "label": "SPEAKER", "text": "محمد"}], "relations": []}
    source = tmp_path / "edited.spacy"
    DocBin(docs=[doc], store_user_data=True).to_disk(source)
    with pytest.raises(InputError) as error:
        list(spacy_docbin.read(source))
    assert str(error.value).startswith(f"{source}: document 1, span 1: ")
    assert "do not fit this text" in str(error.value)


@pytest.mark.parametrize("content", [b"", b"not a docbin", zlib.compress(b"\x81\xa1x\x01")])
def test_a_file_that_is_not_a_docbin_is_refused_with_its_name(tmp_path, content):
    source = tmp_path / "bad.spacy"
    source.write_bytes(content)
    with pytest.raises(InputError) as error:
        list(spacy_docbin.read(source))
    assert str(error.value).startswith(f"{source}: ")


def test_sniff_claims_docbins_only(corpus_records, tmp_path):
    destination, _ = export(corpus_records, tmp_path)
    theirs = tmp_path / "theirs.spacy"
    DocBin(docs=[spacy.blank("ar")("نص")]).to_disk(theirs)
    assert spacy_docbin.sniff(destination) and spacy_docbin.sniff(theirs)
    native = tmp_path / "native.jsonl"
    native.write_text(json.dumps(corpus_records[0], ensure_ascii=False) + "\n", encoding="utf-8")
    other_zlib = tmp_path / "other.z"
    other_zlib.write_bytes(zlib.compress(b"hello world"))
    empty = tmp_path / "empty"
    empty.mkdir()
    assert not any(spacy_docbin.sniff(p) for p in (native, other_zlib, tmp_path / "missing", empty))


def test_without_spacy_the_user_is_told_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "spacy", None)  # what `import spacy` meets when it is not installed
    with pytest.raises(AnnotatorError, match=r"pip install 'annotator\[spacy\]'"):
        spacy_docbin.write(iter([]), tmp_path / "out.spacy", DEFAULT_SCHEMA)
    with pytest.raises(AnnotatorError, match=r"pip install 'annotator\[spacy\]'"):
        list(spacy_docbin.read(tmp_path / "out.spacy"))
