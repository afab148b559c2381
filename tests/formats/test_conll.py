"""CoNLL BIO: round trip, one label per token, empty lines, plain CoNLL 2003, refusals, sniffing."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.schema import DEFAULT_SCHEMA
from annotator.formats import conll
from tests.formats.conftest import annotations, import_into_new_project


def export(records, tmp_path: Path, name: str = "out.conll"):
    destination = tmp_path / name
    report = conll.write(iter(records), destination, DEFAULT_SCHEMA)
    return destination, report


def record(text, spans=(), layer="mona", relations=(), doc_id="d"):
    return {"id": doc_id, "title": "", "text": text, "meta": {}, "layer": layer, "status": None,
            "spans": [{"id": n, "start": s, "end": e, "label": label, "text": text[s:e], "attrs": {}}
                      for n, (s, e, label) in enumerate(spans, 1)],
            "relations": list(relations)}


def what_bio_keeps(corpus_records):
    """The corpus as BIO can carry it: no attributes, no relations, no span under a longer one."""
    dropped = {("budget", "الحكومةَ"), ("budget", "الضرائب 😀 هذا العام.\nوأضاف")}
    kept = []
    for one in corpus_records:
        spans = [dict(s, attrs={}) for s in one["spans"] if (one["id"], s["text"]) not in dropped]
        kept.append(dict(one, spans=spans, relations=[]))
    return kept


def test_round_trip_keeps_text_ids_layers_and_the_spans_bio_can_hold(corpus_records, tmp_path):
    destination, report = export(corpus_records, tmp_path)
    assert (report.documents, report.spans, report.relations) == (3, 10, 5)
    back = import_into_new_project(tmp_path, conll.read(destination))
    assert annotations(back) == annotations(what_bio_keeps(corpus_records))
    assert [(r["id"], r["layer"], r["text"]) for r in back] == [
        (r["id"], r["layer"], r["text"]) for r in corpus_records]


def test_what_bio_cannot_hold_is_counted_as_lost(corpus_records, tmp_path):
    _, report = export(corpus_records, tmp_path)
    assert report.lost["relations (BIO tags have no place for them)"] == 5
    assert report.lost["span attribute 'stance' (BIO tags carry only the label)"] == 4
    assert report.lost["span attribute 'entity' (BIO tags carry only the label)"] == 2
    assert report.lost["spans nested in or crossing a longer span (BIO gives a token one label)"] == 2
    assert report.lost["layer status (CoNLL has no place for it)"] == 2


def test_blocks_are_one_per_line_with_newdoc_layer_and_text_comments(corpus_records, tmp_path):
    destination, _ = export(corpus_records, tmp_path)
    lines = destination.read_text(encoding="utf-8").split("\n")
    assert lines[:5] == ["# newdoc id = budget", "# layer = mona", "# text = " + corpus_records[0]["text"].split("\n")[0],
                         "قالَ\tO", "وزيرُ\tB-SPEAKER"]
    assert "# newdoc id = plain" in lines and "# layer = None" not in lines
    assert lines.count("") == 7 + 1  # a blank line after each of the 7 blocks, and the file's last line end
    assert "المتحدث\tB-SPEAKER" in lines and "الخطة\tB-CLAIM" in lines and "ambitious\tI-CLAIM" in lines


def test_nested_and_crossing_spans_keep_the_longest_then_the_earliest(tmp_path):
    text = "أ ب ج د ه"
    spans = [(2, 5, "TARGET"), (0, 5, "CLAIM"), (4, 9, "SPEAKER"), (6, 9, "TARGET")]
    destination, report = export([record(text, spans)], tmp_path)
    (back,) = list(conll.read(destination))
    assert [(s.start, s.end, s.label) for s in back.layer.spans] == [(0, 5, "CLAIM"), (6, 9, "TARGET")]
    assert report.lost["spans nested in or crossing a longer span (BIO gives a token one label)"] == 2


def test_a_span_inside_a_word_splits_the_token_and_the_report_says_so(tmp_path):
    text = "وأضاف الوزير"
    destination, report = export([record(text, [(1, 5, "TARGET")])], tmp_path)
    assert "و\tO\nأضاف\tB-TARGET\nالوزير\tO\n" in destination.read_text(encoding="utf-8")
    assert any("split 1 token(s)" in line for line in report.summary())
    (back,) = list(conll.read(destination))
    assert back.text == text and [(s.start, s.end) for s in back.layer.spans] == [(1, 5)]


def test_empty_lines_and_a_span_across_a_line_break_come_back_exactly(tmp_path):
    text = "\nسطر أول\n\n  \nقال أحمد\n"
    start = text.index("أول")
    spans = [(start, text.index("قال") + 3, "CLAIM"), (text.index("أحمد"), text.index("أحمد") + 4, "SPEAKER")]
    destination, _ = export([record(text, spans)], tmp_path)
    assert "# text = \n\n" in destination.read_text(encoding="utf-8")
    assert "# text =   \n\n# text = قال أحمد\nقال\tI-CLAIM" in destination.read_text(encoding="utf-8")
    (back,) = list(conll.read(destination))
    assert back.text == text
    assert [(s.start, s.end, s.label) for s in back.layer.spans] == [(a, b, c) for a, b, c in spans]


def test_white_space_at_a_span_end_is_left_out_and_reported(tmp_path):
    text = "قال أحمد  إن  ."
    destination, report = export([record(text, [(3, 10, "SPEAKER"), (12, 13, "TARGET")])], tmp_path)
    assert any("is 'أحمد'" in line for line in report.adjusted)
    assert report.lost["spans of white space only (no token to tag)"] == 1
    (back,) = list(conll.read(destination))
    assert [(s.start, s.end) for s in back.layer.spans] == [(4, 8)]


def test_a_document_without_layer_comes_back_without_layer_and_a_layer_without_spans_keeps_its_name(tmp_path):
    destination, _ = export([record("نص بلا شيء.", layer=None, doc_id="bare"),
                             record("نص آخر.", layer="karim", doc_id="empty")], tmp_path)
    bare, empty = conll.read(destination)
    assert (bare.id, bare.layer) == ("bare", None)
    assert (empty.id, empty.layer.name, empty.layer.spans) == ("empty", "karim", ())


def test_i_without_a_b_starts_a_span_as_conlleval_does(tmp_path):
    source = tmp_path / "iob1.conll"
    source.write_text("# text = قال أحمد الكردي إن\nقال\tI-CLAIM\nأحمد\tI-SPEAKER\nالكردي\tI-SPEAKER\n"
                      "إن\tB-SPEAKER\n", encoding="utf-8")
    (back,) = list(conll.read(source))
    assert [(s.start, s.end, s.label) for s in back.layer.spans] == [
        (0, 3, "CLAIM"), (4, 15, "SPEAKER"), (16, 18, "SPEAKER")]
    assert back.layer.name is None and back.id is None


def test_plain_conll_2003_joins_tokens_with_spaces_and_sentences_with_line_breaks(tmp_path):
    source = tmp_path / "eng.train"
    source.write_text("-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP I-MISC\n\n"
                      "Peter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\n"
                      "BRUSSELS NNP B-NP I-LOC\n", encoding="utf-8")
    first, second = conll.read(source)
    assert first.text == "EU rejects German\nPeter Blackburn" and second.text == "BRUSSELS"
    assert [(first.text[s.start:s.end], s.label) for s in first.layer.spans] == [
        ("EU", "ORG"), ("German", "MISC"), ("Peter Blackburn", "PER")]
    assert (second.layer.spans[0].start, second.layer.spans[0].end) == (0, 8)
    assert first.layer.name is None


def test_plain_sentences_never_join_a_span_across_their_boundary(tmp_path):
    source = tmp_path / "plain.conll"
    source.write_text("Germany\tI-LOC\n\nBonn\tI-LOC\n", encoding="utf-8")
    (back,) = list(conll.read(source))
    assert [(s.start, s.end) for s in back.layer.spans] == [(0, 7), (8, 12)]


def test_crlf_files_read_as_if_written_with_line_feeds(corpus_records, tmp_path):
    destination, _ = export(corpus_records, tmp_path)
    crlf = tmp_path / "crlf.conll"
    crlf.write_bytes(destination.read_bytes().replace(b"\n", b"\r\n"))
    assert [(d.text, d.layer and d.layer.spans) for d in conll.read(crlf)] == [
        (d.text, d.layer and d.layer.spans) for d in conll.read(destination)]


@pytest.mark.parametrize("content, line, message", [
    ("# text = قال أحمد\nقال\tO\nمحمد\tB-SPEAKER\n", 3, "is not what comes next"),
    ("# text = قال أحمد\nأحمد\tO\nقال\tO\n", 2, "is not what comes next"),
    ("# text = قال أحمد\nقال\tO\nأحمد\tS-SPEAKER\n", 3, "is not BIO"),
    ("# text = قال أحمد\nقال\tO\nأحمد\n", 3, "needs the token and its tag"),
    ("# text = قال\nقال\tB-\n", 2, "is not BIO"),
])
def test_a_bad_row_is_refused_with_its_file_and_line(tmp_path, content, line, message):
    source = tmp_path / "bad.conll"
    source.write_text("# newdoc id = ok\n# text = نص\nنص\tO\n\n" + content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        list(conll.read(source))
    assert str(error.value).startswith(f"{source}:{line + 4}: ")
    assert message in str(error.value)


def test_an_empty_file_is_refused(tmp_path):
    source = tmp_path / "empty.conll"
    source.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="nothing to import"):
        list(conll.read(source))


arabic = st.sampled_from(list("ابتثجحخدرسشصعفقلمنهوي") + ["\u064e", "\u0651"])
latin = st.sampled_from(list("abcXYZ019"))
pieces = st.one_of(arabic, latin, st.sampled_from([" ", "\n", "،", ".", "«", "»", "😀", "  ", "\t"]))
texts = st.lists(pieces, min_size=1, max_size=40).map("".join).filter(lambda t: not t.isspace())


@st.composite
def texts_with_spans(draw):
    text = draw(texts)
    solid = [n for n, c in enumerate(text) if not c.isspace()]
    ends = sorted(draw(st.sets(st.sampled_from(solid), max_size=8)))
    spans, after = [], -1
    for first, last in zip(ends[::2], ends[1::2]):
        if first > after:
            spans.append((first, last + 1, draw(st.sampled_from(["CLAIM", "SPEAKER"]))))
            after = last
    return text, spans


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=texts_with_spans())
def test_any_non_overlapping_spans_on_any_text_round_trip_exactly(tmp_path_factory, case):
    text, spans = case
    folder = tmp_path_factory.mktemp("conll")
    destination, report = export([record(text, spans)], folder)
    assert not report.lost
    (back,) = list(conll.read(destination))
    assert back.text == text
    assert [(s.start, s.end, s.label) for s in back.layer.spans] == spans


def test_sniff_claims_conll_files_only(corpus_records, tmp_path):
    destination, _ = export(corpus_records, tmp_path)
    plain = tmp_path / "eng.train"
    plain.write_text("EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n", encoding="utf-8")
    docstart = tmp_path / "docstart.txt"
    docstart.write_text("-DOCSTART- -X- O O\n\n", encoding="utf-8")
    assert conll.sniff(destination) and conll.sniff(plain) and conll.sniff(docstart)
    native = tmp_path / "native.jsonl"
    native.write_text(json.dumps(corpus_records[0], ensure_ascii=False) + "\n", encoding="utf-8")
    ann = tmp_path / "doc.ann"
    ann.write_text("T1\tSPEAKER 0 4\tأحمد\nA1\tstance T1 FAVOR\n", encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text("قال الوزير إن الخطة ناجحة.\n", encoding="utf-8")
    binary = tmp_path / "binary.conll"
    binary.write_bytes(b"\xff\xfe\x00\x81B-X\tO")
    assert not any(conll.sniff(p) for p in (native, ann, article, binary, tmp_path / "missing", tmp_path))
