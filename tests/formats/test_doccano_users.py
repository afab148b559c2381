"""doccano's export of a project: one file per member, named after them, whose lines say
nothing of whose they are. Recognized without --format; the layer is the file's name."""

import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.store import Project
from annotator.formats import doccano, registry
from annotator.formats.native_export import records

# Written for these tests.
TEXTS = [
    "قال وزير النقل سامي الحداد إن الطريق الجديد سيفتح في الربيع.",
    "أعلنت البلدية أن المياه ستعود إلى الحي غداً.",
    "وأكدت النقابة أن الإضراب مستمر حتى تلبية المطالب.",
]
SPANS = [  # (document, words, label): the spans as words, so every offset below is checked by its text
    (0, "سامي الحداد", "SPEAKER"),
    (0, "الطريق الجديد سيفتح في الربيع", "CLAIM"),
    (2, "النقابة", "SPEAKER"),
]


def at(document: int, words: str) -> tuple[int, int]:
    start = TEXTS[document].index(words)
    return start, start + len(words)


def labelled_lines() -> list[dict]:
    """doccano 1.8's sequence-labelling export: every example, the first one unlabelled."""
    lines = []
    for number, text in enumerate(TEXTS):
        label = [[*at(number, words), name] for document, words, name in SPANS if document == number]
        lines.append({"id": 40 + number, "text": text, "Comments": ["راجِع"] if label else [], "label": label})
    lines[0], lines[1] = lines[1], lines[0]
    return lines


def relation_lines() -> list[dict]:
    """The relation-extraction export: entities as objects, relations, Comments."""
    first = TEXTS[0]
    speaker, claim = at(0, "سامي الحداد"), at(0, "الطريق الجديد سيفتح في الربيع")
    return [
        {"id": 7, "text": TEXTS[1], "entities": [], "relations": [], "Comments": []},
        {"id": 8, "text": first, "Comments": [],
         "entities": [{"id": 11, "label": "SPEAKER", "start_offset": speaker[0], "end_offset": speaker[1]},
                      {"id": 12, "label": "CLAIM", "start_offset": claim[0], "end_offset": claim[1]}],
         "relations": [{"id": 3, "from_id": 12, "to_id": 11, "type": "SAID_BY"}]},
    ]


def write(path: Path, lines: list[dict]) -> Path:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return path


def import_(project_path: Path, *paths: Path, annotator=None):
    with Project.open(project_path, writer=True) as project:
        report = registry.import_files(project, registry.gather(paths), annotator=annotator)
        exported = list(records(project))
    return report, exported


def spans_by_layer(exported) -> dict:
    return {(record["layer"], record["text"]): sorted((s["text"], s["label"]) for s in record["spans"])
            for record in exported if record["layer"]}


def test_a_members_file_is_recognized_and_its_layer_is_named_after_the_file(project_path, tmp_path):
    source = write(tmp_path / "admin.jsonl", labelled_lines())
    assert registry.gather([source]) == [(source, "doccano")]
    report, exported = import_(project_path, source)
    assert spans_by_layer(exported) == {
        ("admin", TEXTS[0]): [("الطريق الجديد سيفتح في الربيع", "CLAIM"), ("سامي الحداد", "SPEAKER")],
        ("admin", TEXTS[2]): [("النقابة", "SPEAKER")],
    }
    for record in exported:
        assert all(record["text"][s["start"]:s["end"]] == s["text"] for s in record["spans"])
    assert len(report.added) == 3 and report.spans == 3
    assert "  layer 'admin' taken from the file name admin.jsonl" in report.summary()
    assert all("Comments" not in record["meta"] for record in exported)


def test_the_relation_shape_with_its_first_line_empty_is_recognized_too(project_path, tmp_path):
    source = write(tmp_path / "mona.jsonl", relation_lines())
    assert doccano.sniff(source)
    report, exported = import_(project_path, source)
    (annotated,) = [record for record in exported if record["layer"]]
    assert annotated["layer"] == "mona" and report.relations == 1
    by_id = {span["id"]: span["text"] for span in annotated["spans"]}
    (relation,) = annotated["relations"]
    assert (relation["type"], by_id[relation["head"]], by_id[relation["child"]]) == (
        "SAID_BY", "الطريق الجديد سيفتح في الربيع", "سامي الحداد")


def test_two_members_files_give_the_same_documents_two_layers(project_path, tmp_path):
    admin = write(tmp_path / "admin.jsonl", labelled_lines())
    sara = write(tmp_path / "sara.jsonl", labelled_lines()[:2])
    report, exported = import_(project_path, admin, sara)
    assert len(report.added) == 3 and report.layered_existing == 1
    assert sorted({record["layer"] for record in exported if record["layer"]}) == ["admin", "sara"]
    summary = report.summary()
    assert "  layer 'sara' taken from the file name sara.jsonl" in summary
    assert "  layers added: admin on 2 document(s), sara on 1 document(s)" in summary


def test_annotator_wins_over_the_file_name(project_path, tmp_path):
    source = write(tmp_path / "admin.jsonl", labelled_lines())
    report, exported = import_(project_path, source, annotator="هدى")
    assert {record["layer"] for record in exported} == {"هدى"}
    assert not report.layers_named_by_files
    assert not any("file name" in line for line in report.summary())


def test_a_layer_the_line_names_wins_over_the_file_name(project_path, tmp_path):
    lines = labelled_lines()
    lines[1]["annotator"] = "karim"
    report, exported = import_(project_path, write(tmp_path / "admin.jsonl", lines))
    assert {record["text"]: record["layer"] for record in exported if record["layer"]} == {
        TEXTS[0]: "karim", TEXTS[2]: "admin"}


def test_doccano_shared_all_jsonl_names_no_layer(project_path, tmp_path):
    """doccano writes all.jsonl when members share their annotations: whose they are is unknown."""
    source = write(tmp_path / "all.jsonl", labelled_lines())
    with pytest.raises(InputError, match="has annotations but no layer"):
        import_(project_path, source)
    assert import_(project_path, source, annotator="team")[0].spans == 3


def test_a_native_file_without_a_layer_still_stops_with_its_message(project_path, tmp_path):
    start, end = at(0, "سامي الحداد")
    source = write(tmp_path / "admin.jsonl", [
        {"text": TEXTS[0], "spans": [{"id": 1, "start": start, "end": end, "label": "SPEAKER"}], "Comments": []}])
    assert registry.gather([source]) == [(source, "jsonl")]
    with pytest.raises(InputError) as error:
        import_(project_path, source)
    assert str(error.value).startswith(f"{source}:1: this record has annotations but no layer")
    with Project.open(project_path) as project:
        assert project.document_count() == 0


@pytest.mark.parametrize("name, layer", [("admin.jsonl", "admin"), ("هدى.jsonl", "هدى"),
                                         ("all.jsonl", None), (" .jsonl", None), ("a\x1bb.jsonl", None)])
def test_which_file_names_name_a_layer(name, layer):
    assert doccano.layer_of_file(Path("export") / name) == layer
