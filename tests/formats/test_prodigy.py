"""Prodigy JSONL: round trip, token-aligned spans, relations by token, refusals, sniffing."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.schema import DEFAULT_SCHEMA
from annotator.formats import prodigy
from annotator.formats.tokens import tokenize
from tests.formats.conftest import annotations, import_into_new_project

TEXT = "قال الوزير أحمد إن الخطة ناجحة."


def export(records, tmp_path: Path):
    destination = tmp_path / "tasks.jsonl"
    report = prodigy.write(iter(records), destination, DEFAULT_SCHEMA)
    tasks = [json.loads(line) for line in destination.read_text(encoding="utf-8").splitlines()]
    return destination, report, tasks


def write_tasks(path: Path, *tasks, raw_lines=()) -> Path:
    lines = [json.dumps(t, ensure_ascii=False) for t in tasks] + list(raw_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def task(**extra):
    speaker, claim = TEXT.index("أحمد"), TEXT.index("الخطة")
    base = {"text": TEXT, "_annotator_id": "mona", "answer": "accept",
            "spans": [{"start": speaker, "end": speaker + 4, "label": "SPEAKER", "text": "أحمد"},
                      {"start": claim, "end": len(TEXT) - 1, "label": "CLAIM", "text": TEXT[claim:-1]}],
            "relations": [{"head_span": {"start": claim, "end": len(TEXT) - 1}, "child_span":
                           {"start": speaker, "end": speaker + 4}, "label": "SAID_BY"}]}
    base.update(extra)
    return base


def test_round_trip_keeps_every_span_attribute_relation_layer_and_status(corpus_records, tmp_path):
    destination, report, tasks = export(corpus_records, tmp_path)
    assert (report.documents, report.spans, report.relations) == (3, 10, 5)
    assert not report.lost
    back = import_into_new_project(tmp_path, prodigy.read(destination))
    assert annotations(back) == annotations(corpus_records)
    assert [(r["id"], r["layer"], r["status"], r["title"]) for r in back] == [
        (r["id"], r["layer"], r["status"], r["title"]) for r in corpus_records]


def test_tasks_are_token_aligned_with_inclusive_token_ends_and_the_splits_reported(corpus_records, tmp_path):
    _, report, tasks = export(corpus_records, tmp_path)
    for one in tasks:
        tokens = one["tokens"]
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        for token in tokens:
            assert one["text"][token["start"]:token["end"]] == token["text"]
        for span in one["spans"]:
            assert tokens[span["token_start"]]["start"] == span["start"]
            assert tokens[span["token_end"]]["end"] == span["end"]
    # "الحكومةَ" (3) and "الضرائب" start and end inside no word; "وأضاف" ends span 4 whole:
    # nothing in the corpus needs a split, so the report says nothing of splits.
    assert not any("split" in line for line in report.adjusted)


def test_a_span_inside_a_word_splits_the_token_and_the_report_says_so(tmp_path):
    text = "وأضاف الوزير"
    record = {"id": "d", "title": "t", "text": text, "meta": {}, "layer": "mona", "status": "done",
              "spans": [{"id": 1, "start": 1, "end": 5, "label": "TARGET", "text": "أضاف", "attrs": {}}],
              "relations": []}
    _, report, (one,) = export([record], tmp_path)
    assert [t["text"] for t in one["tokens"]] == ["و", "أضاف", "الوزير"]
    assert one["tokens"][0]["ws"] is False and one["tokens"][1]["ws"] is True
    assert (one["spans"][0]["token_start"], one["spans"][0]["token_end"]) == (1, 1)
    assert any("split 1 token(s)" in line for line in report.summary())


def test_relations_point_at_the_last_token_of_each_span_and_attributes_sit_on_the_span(corpus_records, tmp_path):
    _, _, tasks = export(corpus_records, tmp_path)
    budget = tasks[0]
    assert budget["_annotator_id"] == budget["_session_id"] == "mona" and budget["answer"] == "accept"
    assert budget["meta"]["id"] == "budget" and budget["meta"]["status"] == "done"
    said_by = budget["relations"][0]
    assert said_by["label"] == "SAID_BY"
    assert said_by["head"] == said_by["head_span"]["token_end"] and said_by["child"] == said_by["child_span"]["token_end"]
    claim = next(s for s in budget["spans"] if s["label"] == "CLAIM")
    speaker = next(s for s in budget["spans"] if s["label"] == "SPEAKER")
    assert claim["stance"] == "FAVOR" and speaker["entity"] == "أحمد الكردي"
    assert (said_by["head_span"]["start"], said_by["child_span"]["start"]) == (claim["start"], speaker["start"])
    assert "answer" not in tasks[2] and "_annotator_id" not in tasks[2] and tasks[2]["spans"] == []


def test_hashes_are_stable_and_depend_on_the_text(corpus_records, tmp_path):
    _, _, first = export(corpus_records, tmp_path)
    _, _, second = export(corpus_records, tmp_path)
    assert [(t["_input_hash"], t["_task_hash"]) for t in first] == [(t["_input_hash"], t["_task_hash"]) for t in second]
    assert len({t["_input_hash"] for t in first}) == 3
    assert all(-2**31 <= t["_input_hash"] < 2**31 for t in first)


def test_relations_without_span_offsets_are_found_by_token_index(tmp_path):
    tokens = [{"text": TEXT[s:e], "start": s, "end": e, "id": n} for n, (s, e) in enumerate(tokenize(TEXT))]
    spans = task()["spans"]
    for span in spans:
        span["token_end"] = next(t["id"] for t in tokens if t["end"] == span["end"])
    source = write_tasks(tmp_path / "t.jsonl", task(tokens=tokens, spans=spans, relations=[
        {"head": spans[1]["token_end"], "child": spans[0]["token_end"], "label": "SAID_BY"}]))
    (back,) = import_into_new_project(tmp_path, prodigy.read(source))
    assert [(r["type"], r["head"], r["child"]) for r in back["relations"]] == [("SAID_BY", 2, 1)]


def test_rejected_and_ignored_tasks_are_skipped_and_session_id_names_the_layer(tmp_path):
    plain = task()
    del plain["_annotator_id"]
    source = write_tasks(tmp_path / "t.jsonl", task(answer="reject", _annotator_id="karim"),
                         dict(plain, _session_id="news-rania"), task(answer="ignore", text="نص آخر."))
    documents = list(prodigy.read(source))
    assert [(d.line, d.layer.name) for d in documents] == [(2, "news-rania")]
    rejected = write_tasks(tmp_path / "r.jsonl", task(answer="reject"))
    with pytest.raises(InputError, match="all 1 task"):
        list(prodigy.read(rejected))


def test_spans_without_tokens_and_crlf_text_map_onto_the_fixed_text(tmp_path):
    text = "سطر أول\r\nقال أحمد"
    start = text.index("أحمد")
    source = write_tasks(tmp_path / "t.jsonl", {"text": text, "_annotator_id": "mona", "spans": [
        {"start": start, "end": start + 4, "label": "SPEAKER", "text": "أحمد"}]})
    (back,) = import_into_new_project(tmp_path, prodigy.read(source))
    (span,) = back["spans"]
    assert back["text"][span["start"]:span["end"]] == "أحمد" and "\r" not in back["text"]


@pytest.mark.parametrize("line, message", [
    ('{"text": "نص", ', "not valid JSON"),
    (json.dumps(task(spans=[{"start": 0, "end": 3, "label": "SPEAKER", "text": "غير"}], relations=[])),
     "do not fit this text"),
    (json.dumps(task(spans=[{"start": 0, "end": 999, "label": "SPEAKER"}], relations=[])), "outside the text"),
    (json.dumps(task(relations=[{"head_span": {"start": 0, "end": 3}, "child_span": {"start": 4, "end": 10},
                                 "label": "SAID_BY"}])), "matches no span"),
    (json.dumps(task(relations=[{"head": 40, "child": 41, "label": "SAID_BY"}])), "matches no span"),
    (json.dumps({"spans": []}), '"text" string'),
])
def test_a_bad_line_is_refused_with_its_file_and_line(tmp_path, line, message):
    source = write_tasks(tmp_path / "bad.jsonl", task(), raw_lines=[line])
    with pytest.raises(InputError) as error:
        list(prodigy.read(source))
    assert str(error.value).startswith(f"{source}:2: ")
    assert message in str(error.value)


bases = st.sampled_from(list("ابتثجحخدرسشصعفقلمنهوي") + ["a", "Z", "7"])
letters = st.one_of(bases, st.sampled_from(["\u064e", "\u0651"]))
words = st.one_of(st.tuples(bases, st.lists(letters, max_size=5)).map(lambda w: w[0] + "".join(w[1])),
                  st.just("😀"))
texts = st.lists(st.tuples(words, st.sampled_from([" ", "، ", "\n", ". "])), min_size=1, max_size=12).map(
    lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, data=st.data())
def test_any_non_overlapping_token_aligned_spans_round_trip_exactly(tmp_path_factory, text, data):
    tokens = tokenize(text)
    picked = sorted(data.draw(st.sets(st.integers(0, len(tokens) - 1), max_size=len(tokens))))
    spans, relations = [], []
    for number, index in enumerate(picked, 1):
        last = data.draw(st.integers(index, next((p - 1 for p in picked if p > index), len(tokens) - 1)))
        start, end = tokens[index][0], tokens[last][1]
        spans.append({"id": number, "start": start, "end": end, "label": "CLAIM" if number % 2 else "SPEAKER",
                      "text": text[start:end], "attrs": {}})
    spans = [s for n, s in enumerate(spans) if all(s["start"] >= o["end"] for o in spans[:n])]
    for claim, speaker in zip(spans[::2], spans[1::2]):
        relations.append({"id": len(relations) + 1, "type": "SAID_BY", "head": claim["id"], "child": speaker["id"]})
    record = {"id": "p", "title": "t", "text": text, "meta": {}, "layer": "mona", "status": "done",
              "spans": spans, "relations": relations}
    folder = tmp_path_factory.mktemp("prodigy")
    _, report, (one,) = export([record], folder)
    assert not any("split" in line for line in report.adjusted)
    (back,) = import_into_new_project(folder, prodigy.read(folder / "tasks.jsonl"))
    assert annotations([back]) == annotations([record])


def test_sniff_claims_prodigy_tasks_only(corpus_records, tmp_path):
    destination, _, _ = export(corpus_records, tmp_path)
    assert prodigy.sniff(destination)
    native = tmp_path / "native.jsonl"
    native.write_text(json.dumps(dict(corpus_records[0]), ensure_ascii=False) + "\n", encoding="utf-8")
    doccano = write_tasks(tmp_path / "doccano.jsonl", {"text": TEXT, "label": [[0, 3, "SPEAKER"]]})
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00\x81{\"_input_hash\"")
    assert not any(prodigy.sniff(p) for p in (native, doccano, binary, tmp_path / "missing.jsonl", tmp_path))
