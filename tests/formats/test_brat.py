"""brat standoff: exact offsets both ways, fragments for line breaks, brat's own reader agrees."""

import copy
import json
import tempfile
from pathlib import Path

import pytest
from bratiaa import compute_f1_agreement
from bratsubset.annotation import TextAnnotations
from bratsubset.projectconfig import ProjectConfiguration
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.schema import DEFAULT_SCHEMA
from annotator.formats import brat
from annotator.formats.common import ExportReport
from tests.formats.conftest import SECOND_TEXT, SOURCE_RECORDS, annotations, import_into_new_project

CROSSING = "الضرائب 😀 هذا العام.\nوأضاف"


def export(records, tmp_path: Path, name: str = "out") -> tuple[Path, ExportReport]:
    destination = tmp_path / name
    return destination, brat.write(iter(records), destination, DEFAULT_SCHEMA)


def brat_reads(ann: Path) -> TextAnnotations:
    """brat's own annotation module (as bratiaa ships it) reading one document."""
    return TextAnnotations(str(ann.with_suffix("")), read_only=True)


def pair(tmp_path: Path, text: str | bytes, ann: str, stem: str = "doc") -> Path:
    txt = tmp_path / f"{stem}.txt"
    txt.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    (tmp_path / f"{stem}.ann").write_text(ann, encoding="utf-8", newline="")
    return tmp_path / f"{stem}.ann"


# -- export and round trip ---------------------------------------------------------------


def test_round_trip_keeps_every_span_relation_attribute_and_layer(corpus_records, tmp_path):
    destination, report = export(corpus_records, tmp_path)
    back = import_into_new_project(tmp_path, brat.read(destination))
    assert annotations(back) == annotations(corpus_records)
    assert sorted((r["id"], r["layer"]) for r in back) == [("budget", "mona"), ("hydromar", "karim"), ("plain", None)]
    budget = next(r for r in back if r["id"] == "budget")
    assert [s["text"] for s in budget["spans"] if s["text"] == CROSSING] == [CROSSING]
    assert (report.documents, report.spans, report.relations) == (3, 10, 5)
    assert report.lost == {"layer status (brat has no place for it)": 2}


def test_layout_is_one_folder_per_layer_with_exact_text(corpus_records, tmp_path):
    destination, report = export(corpus_records, tmp_path)
    files = sorted(p.relative_to(destination).as_posix() for p in destination.rglob("*") if p.is_file())
    assert files == ["annotation.conf", "karim/hydromar.ann", "karim/hydromar.txt", "mona/budget.ann",
                     "mona/budget.txt", "plain.ann", "plain.txt"]
    budget = next(r for r in corpus_records if r["id"] == "budget")
    assert (destination / "mona" / "budget.txt").read_bytes() == budget["text"].encode("utf-8")
    assert (destination / "karim" / "hydromar.txt").read_text(encoding="utf-8") == SECOND_TEXT
    assert (destination / "plain.ann").read_bytes() == b""
    assert sorted(p.relative_to(destination).as_posix() for p in report.files) == [
        ".", "annotation.conf", "karim", "mona"]


def test_lines_follow_brat_conventions(corpus_records, tmp_path):
    destination, _ = export(corpus_records, tmp_path)
    lines = (destination / "mona" / "budget.ann").read_text(encoding="utf-8").splitlines()
    text = next(r for r in corpus_records if r["id"] == "budget")["text"]
    start = text.index(CROSSING)
    newline = text.index("\n", start)
    assert f"T4\tTARGET {start} {newline};{newline + 1} {start + len(CROSSING)}\t{CROSSING.replace(chr(10), ' ')}" in lines
    assert "T1\tSPEAKER 5 31\tوزيرُ الماليةِ أحمد الكردي" in lines
    assert "#1\tAnnotatorNotes T1\tأحمد الكردي" in lines
    assert "A1\tstance T3 FAVOR" in lines
    assert "R1\tSAID_BY Arg1:T3 Arg2:T1" in lines  # Arg1 the claim (head), Arg2 the speaker


def test_annotation_conf_is_read_by_brat_as_the_schema(corpus_records, tmp_path):
    destination, _ = export(corpus_records, tmp_path)
    config = ProjectConfiguration(str(destination))
    assert config.get_entity_types() == ["SPEAKER", "CLAIM", "TARGET"]
    assert config.relation_types_from_to("CLAIM", "SPEAKER") == ["SAID_BY"]
    assert config.relation_types_from_to("CLAIM", "TARGET") == ["ABOUT"]
    assert config.relation_types_from_to("SPEAKER", "CLAIM") == []
    assert config.attributes_for("CLAIM") == ["stance"]
    assert config.get_attribute_type_hierarchy()[0].arguments["Value"] == ["FAVOR", "AGAINST", "NEUTRAL", "UNCLEAR"]


def test_brats_own_reader_accepts_every_line(corpus_records, tmp_path):
    destination, _ = export(corpus_records, tmp_path)
    for ann in sorted(destination.rglob("*.ann")):
        document = brat_reads(ann)
        assert document.failed_lines == [], ann
        record = next(r for r in corpus_records if r["id"] == ann.stem)
        assert len(list(document.get_textbounds())) == len(record["spans"])
        assert len(list(document.get_relations())) == len(record["relations"])


def test_brats_own_reader_refuses_an_offset_off_by_one(corpus_records, tmp_path):
    destination, _ = export(corpus_records, tmp_path)
    ann = destination / "mona" / "budget.ann"
    ann.write_text(ann.read_text(encoding="utf-8").replace("SPEAKER 5 31", "SPEAKER 6 32"), encoding="utf-8")
    assert brat_reads(ann).failed_lines == [0]


def test_bratiaa_takes_the_layer_folders_for_annotators(corpus_records, tmp_path):
    budget = next(r for r in corpus_records if r["id"] == "budget")
    other = copy.deepcopy(budget) | {"layer": "karim"}
    destination, _ = export([budget, other], tmp_path)
    assert compute_f1_agreement(str(destination)).mean_sd_total()[0] == 1.0
    other["spans"] = other["spans"][1:]
    other["relations"] = [r for r in other["relations"] if 1 not in (r["head"], r["child"])]
    destination, _ = export([budget, other], tmp_path, "disagreeing")
    assert compute_f1_agreement(str(destination)).mean_sd_total()[0] < 1.0
    back = import_into_new_project(tmp_path, brat.read(destination))
    assert sorted(r["layer"] for r in back) == ["karim", "mona"]


def test_file_names_are_safe_unique_and_keep_arabic(tmp_path):
    text = "نص قصير."
    ids = ["../سر", "a/b", "Doc", "doc", "مقال ١", "x\x1by", ".hidden", "annotation.conf"]
    records = [{"id": i, "title": None, "text": text + i, "meta": {}, "layer": None, "status": None,
                "spans": [], "relations": []} for i in ids]
    destination, report = export(records, tmp_path)
    names = sorted(p.name for p in destination.iterdir())
    assert names == sorted(["annotation.conf", *(f"{stem}.{ext}" for stem in
                            ["_._سر", "a_b", "Doc", "doc~2", "مقال ١", "x_y", "_hidden", "annotation.conf"]
                            for ext in ("txt", "ann"))])
    assert len(report.adjusted) == 5
    back = import_into_new_project(tmp_path, brat.read(destination))
    assert sorted(r["id"] for r in back) == sorted(["_._سر", "a_b", "Doc", "doc~2", "مقال ١", "x_y", "_hidden",
                                                    "annotation.conf"])


def test_a_layer_name_that_is_not_a_file_name_gets_a_safe_folder(corpus_records, tmp_path):
    hydromar = next(r for r in corpus_records if r["id"] == "hydromar") | {"layer": "a/b"}
    destination, report = export([hydromar], tmp_path)
    assert (destination / "a_b" / "hydromar.ann").is_file()
    assert report.adjusted == ["layer 'a/b' was written to the folder a_b (its name on import)"]


def test_a_record_whose_span_does_not_match_is_refused_unwritten(corpus_records, tmp_path):
    broken = copy.deepcopy(next(r for r in corpus_records if r["id"] == "hydromar"))
    broken["spans"][0]["start"] += 1
    with pytest.raises(AnnotatorError, match="does not match its offsets"):
        export([broken], tmp_path)
    assert not (tmp_path / "out" / "karim").exists()


def test_what_brat_cannot_carry_is_counted(corpus_records, tmp_path):
    record = copy.deepcopy(next(r for r in corpus_records if r["id"] == "budget"))
    record["meta"] = {"source": "x"}
    record["spans"][0]["provenance"] = {"from": "mona"}
    calls = []
    report = brat.write(iter([record]), tmp_path / "out", DEFAULT_SCHEMA, progress=calls.append)
    assert calls == [1]
    assert report.lost == {brat._LOST_META: 1, brat._LOST_STATUS: 1, brat._LOST_PROVENANCE: 1}


def test_a_span_ending_in_a_line_break_is_reported_as_changed(tmp_path):
    text = "سطر أول\nسطر ثان"
    record = {"id": "d", "title": None, "text": text, "meta": {}, "layer": "mona", "status": None,
              "spans": [{"id": 1, "start": 0, "end": 8, "label": "TARGET", "text": text[:8], "attrs": {}}],
              "relations": []}
    destination, report = export([record], tmp_path)
    assert (destination / "mona" / "d.ann").read_text(encoding="utf-8") == "T1\tTARGET 0 7\tسطر أول\n"
    assert len(report.adjusted) == 1 and "line break" in report.adjusted[0]


def test_a_schema_name_brat_cannot_hold_is_refused(tmp_path):
    schema = DEFAULT_SCHEMA.from_dict(DEFAULT_SCHEMA.to_dict() | {"suggestions": None, "relations": [
        {"name": "SAID BY", "head": "CLAIM", "child": "SPEAKER", "key": "S", "help": ""}]})
    with pytest.raises(AnnotatorError, match="'SAID BY'"):
        brat.write(iter([]), tmp_path / "out", schema)
    assert not (tmp_path / "out").exists()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["ب", "\n", " ", "😀", "ُ", "x"]), min_size=1, max_size=30), st.data())
def test_any_span_not_edged_by_a_line_break_comes_back_exact(pieces, data):
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    if text[start] == "\n" or text[end - 1] == "\n":
        return
    record = {"id": "d", "title": None, "text": text, "meta": {}, "layer": "m", "status": None,
              "spans": [{"id": 1, "start": start, "end": end, "label": "TARGET", "text": text[start:end],
                         "attrs": {}}], "relations": []}
    with tempfile.TemporaryDirectory() as folder:
        brat.write(iter([record]), Path(folder), DEFAULT_SCHEMA)
        (document,) = brat.read(Path(folder))
        assert brat_reads(Path(folder) / "m" / "d.ann").failed_lines == []
    (span,) = document.layer.spans
    assert (span.start, span.end) == (start, end)


# -- reading files from elsewhere ---------------------------------------------------------


def test_crlf_and_bom_text_reads_with_brats_offsets_and_with_cr_counting_ones(tmp_path):
    text = "سطر أول\r\nقال أحمد إن الخطة ممكنة."
    data = b"\xef\xbb\xbf" + text.encode("utf-8")
    fixed = text.replace("\r\n", "\n")
    at = fixed.index("أحمد")
    brat_style = pair(tmp_path, data, f"T1\tSPEAKER {at + 1} {at + 5}\tأحمد\r\n#1\tAnnotatorNotes T1\tأحمد\r\n", "a")
    cr_style = pair(tmp_path, data, f"T1\tSPEAKER {at + 2} {at + 6}\tأحمد\n", "b")
    for ann in (brat_style, cr_style):
        (document,) = brat.read(ann)
        assert document.text == fixed
        (span,) = document.layer.spans
        assert fixed[span.start:span.end] == "أحمد"
    assert brat_reads(brat_style).failed_lines == []


def test_whitespace_gaps_merge_and_other_gaps_are_refused(tmp_path):
    text = "قال أحمد\n  الكردي إن"
    ann = pair(tmp_path, text, "T1\tSPEAKER 4 8;11 17\tأحمد الكردي\n")
    (document,) = brat.read(ann)
    assert [(s.start, s.end) for s in document.layer.spans] == [(4, 17)]
    assert document.layer.name is None
    bad = pair(tmp_path, text, "T1\tSPEAKER 0 3;11 17\tقال الكردي\n", "bad")
    with pytest.raises(InputError, match=r"bad\.ann:1: T1 is discontinuous .*' أحمد"):
        list(brat.read(bad))


TEXT = "قال أحمد إن الخطة ممكنة."


@pytest.mark.parametrize(("ann", "line", "message"), [
    ("T1\tSPEAKER 4 8\tأحمد\nT2\tCLAIM 12 17\tالخطط\n", 2, "the text at 12 17 is 'الخطة', not the line's text 'الخطط'"),
    ("T1\tSPEAKER 4 80\tأحمد\n", 1, "outside the text"),
    ("T1\tSPEAKER 4 8\tأحمد\nE1\tSAY:T1\n", 2, "events are not part of this schema"),
    ("T1\tSPEAKER 4 8\tأحمد\n*\tEquiv T1 T1\n", 2, "it reads T, R, A and AnnotatorNotes"),
    ("T1\tSPEAKER 4 8\tأحمد\nR1\tSAID_BY Arg1:T2 Arg2:T1\n", 2, "'T2' is not a T line"),
    ("T1\tSPEAKER 4 8\tأحمد\nR1\tSAID_BY T2 T1\n", 2, "not a brat relation line"),
    ("T1\tCLAIM 4 8\tأحمد\nA1\tstance T9 FAVOR\n", 2, "'T9' is not a T line"),
    ("T1\tCLAIM 4 8\tأحمد\nA1\tNegated T1\n", 2, "has no value"),
    ("T1\tCLAIM 4 8\tأحمد\n#1\tAnnotatorNotes T1\tx\n", 2, "no free-text attribute"),
    ("T1\tSPEAKER 4 8\tأحمد\n#1\tOtherNote T1\tx\n", 2, "a note line must be"),
    ("T1\tSPEAKER 4 8\tأحمد\nT1\tSPEAKER 4 8\tأحمد\n", 2, "used twice"),
    ("T1\tSPEAKER 4-8\tأحمد\n", 1, "not a brat text-bound line"),
])
def test_bad_lines_are_refused_with_file_and_line(tmp_path, ann, line, message):
    path = pair(tmp_path, TEXT, ann)
    with pytest.raises(InputError) as error:
        list(brat.read(tmp_path))
    assert error.value.path == str(path) and error.value.line == line
    assert message in error.value.reason


def test_an_ann_without_its_text_is_refused(tmp_path):
    (tmp_path / "lonely.ann").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"lonely\.ann: there is no lonely\.txt"):
        list(brat.read(tmp_path))


def test_an_empty_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="no .ann files"):
        list(brat.read(tmp_path))


# -- sniffing ------------------------------------------------------------------------------


def test_sniff_knows_a_brat_export_and_nothing_else(corpus_records, tmp_path):
    destination, _ = export(corpus_records, tmp_path)
    assert brat.sniff(destination)
    assert brat.sniff(destination / "mona" / "budget.ann")
    native = tmp_path / "native.jsonl"
    native.write_text(json.dumps(SOURCE_RECORDS[1], ensure_ascii=False) + "\n", encoding="utf-8")
    assert not brat.sniff(native)
    assert not brat.sniff(destination / "mona" / "budget.txt")
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text(TEXT, encoding="utf-8")
    assert not brat.sniff(texts)
    binary = tmp_path / "bin"
    binary.mkdir()
    (binary / "x.ann").write_bytes(bytes(range(256)))
    (binary / "x.txt").write_bytes(b"")
    assert not brat.sniff(binary)
    assert not brat.sniff(binary / "x.ann")
    assert not brat.sniff(tmp_path / "missing")
