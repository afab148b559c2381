"""Notes in exports (issue 21, item 2): the native JSONL carries each layer's notes and
reads them back; every other format says in its report that it cannot carry them."""

from __future__ import annotations

import json

import pytest

from annotator.core.errors import InputError
from annotator.core.ingest import import_documents
from annotator.core.session import DocumentSession
from annotator.core.store import Project
from annotator.core.store import notes as note_store
from annotator.formats import registry
from annotator.formats.native import read_jsonl
from annotator.formats.native_export import records, write_jsonl
from tests.formats.test_native import TEXT, record, write_lines


@pytest.fixture
def noted(project, tmp_path):
    """mona's layer with a note on her speaker and one on the document."""
    import_documents(project, read_jsonl(write_lines(tmp_path / "in.jsonl", record())))
    session = DocumentSession(project, 1, "mona")
    speaker = next(s for s in session.spans.values() if s.label == "SPEAKER")
    session.set_note(speaker.id, "a minister, or quoting one?")
    session.set_note(None, "second paragraph: one source only")
    return project


def test_native_jsonl_carries_the_notes_and_reads_them_back_the_same(noted, tmp_path):
    (exported,) = records(noted)
    speaker_number = next(s["id"] for s in exported["spans"] if s["label"] == "SPEAKER")
    assert [(n["span"], n["text"]) for n in exported["notes"]] == [
        (None, "second paragraph: one source only"), (speaker_number, "a minister, or quoting one?")]
    first = tmp_path / "first.jsonl"
    write_jsonl(noted, first)
    with Project.create(tmp_path / "again.sqlite") as again:
        import_documents(again, read_jsonl(first))
        assert {n.text for n in note_store.notes_of(again, 1, "mona")} == {
            "second paragraph: one source only", "a minister, or quoting one?"}
        second = tmp_path / "second.jsonl"
        write_jsonl(again, second)
    assert first.read_bytes() == second.read_bytes()  # times included


def test_a_record_without_notes_has_no_notes_key(project, tmp_path):
    import_documents(project, read_jsonl(write_lines(tmp_path / "in.jsonl", record())))
    (exported,) = records(project)
    assert "notes" not in exported


@pytest.mark.parametrize("notes, message", [
    ([{"span": 7, "text": "where?"}], "span id 7"),
    ([{"span": None, "text": "  "}], '"text" must be a non-empty string'),
    ("a note", '"notes" must be a list'),
    ([{"span": 1, "text": "a"}, {"span": 1, "text": "b"}], "same span"),
])
def test_a_bad_note_is_refused_naming_the_line(project, tmp_path, notes, message):
    source = write_lines(tmp_path / "in.jsonl", record(notes=notes))
    with pytest.raises(InputError) as error:
        import_documents(project, read_jsonl(source))
    assert str(error.value).startswith(f"{source}:1: ") and message in str(error.value)
    assert project.document_count() == 0


@pytest.mark.parametrize("name", ["prodigy", "doccano", "labelstudio", "brat", "conll", "spacy"])
def test_every_other_format_reports_the_notes_it_could_not_carry(noted, tmp_path, name):
    report = registry.export(noted, name, tmp_path / f"out-{name}")
    title = registry.FORMATS[name].title.split(" (")[0]  # "brat standoff", "Prodigy JSONL"
    assert report.lost[f"notes ({title} has no place for them)"] == 2
    assert f"  not carried by this format: notes ({title} has no place for them) (2)" in report.summary()


def test_a_format_reports_no_notes_when_there_are_none(project, tmp_path):
    import_documents(project, read_jsonl(write_lines(tmp_path / "in.jsonl", record())))
    report = registry.export(project, "prodigy", tmp_path / "out.jsonl")
    assert not any("notes" in reason for reason in report.lost)
