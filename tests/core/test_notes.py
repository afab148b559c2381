"""Notes (issue 21, item 2): an annotator's note on a span or on the document, written,
rewritten and cleared as one undoable action, in the file at once; a span's note goes
with the span and comes back with it; private to its author and the reviewers unless
the project opens notes to everyone. No Qt."""

from __future__ import annotations

import pytest

from annotator.core.errors import ValidationError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.session import DocumentSession
from annotator.core.store import Project
from annotator.core.store import notes as note_store
from tests.conftest import older_project

TEXT = "قال وزير المالية إن الميزانية متوازنة، وقال النائب إنها غير واقعية."


def words(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


@pytest.fixture
def path(project_location):
    path = project_location
    with Project.open(path) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="a.txt", id="a")])
    return path


@pytest.fixture
def session(path):
    project = Project.open(path, writer=True)
    yield DocumentSession(project, 1, "mona")
    project.close()


def notes_in_the_file(path, layer: str = "mona") -> dict:
    """What another process reads: the layer's notes by span, from a fresh open."""
    with Project.open(path, read_only=True) as reader:
        return {note.span: note.text for note in note_store.notes_of(reader, 1, layer)}


def test_a_note_is_written_rewritten_cleared_and_each_step_undoes(session, path):
    speaker = session.label(*words("النائب"), "SPEAKER").changes.spans_added[0]
    first = session.set_note(speaker.id, "  unsure: speaker or source?  ")
    assert notes_in_the_file(path) == {speaker.id: "unsure: speaker or source?"}
    created = session.notes[speaker.id].created_at
    second = session.set_note(speaker.id, "a source, not the speaker")
    assert notes_in_the_file(path) == {speaker.id: "a source, not the speaker"}
    assert session.notes[speaker.id].created_at == created  # rewriting keeps its first time
    cleared = session.set_note(speaker.id, "")
    assert notes_in_the_file(path) == {} and speaker.id not in session.notes
    assert session.set_note(speaker.id, "   ") is None  # nothing to clear: no action
    session.undo(cleared)
    assert notes_in_the_file(path) == {speaker.id: "a source, not the speaker"}
    session.undo(second)
    assert session.notes[speaker.id].text == "unsure: speaker or source?"
    session.undo(first)
    assert notes_in_the_file(path) == {} and session.notes == {}
    session.redo(first)
    assert notes_in_the_file(path) == {speaker.id: "unsure: speaker or source?"}


def test_a_document_note_sits_beside_span_notes_and_puts_the_document_in_progress(session, path):
    session.set_note(None, "the second half quotes an interview")
    assert notes_in_the_file(path) == {None: "the second half quotes an interview"}
    assert session.status == "in_progress"


def test_deleting_a_span_deletes_its_note_and_undo_brings_both_back(session, path):
    speaker = session.label(*words("وزير المالية"), "SPEAKER").changes.spans_added[0]
    session.set_note(speaker.id, "title or name?")
    gone = session.delete(speaker.id)
    assert notes_in_the_file(path) == {} and session.notes == {}
    session.undo(gone)
    assert notes_in_the_file(path) == {speaker.id: "title or name?"}
    assert session.notes[speaker.id].text == "title or name?"
    session.redo(gone)
    assert notes_in_the_file(path) == {}


def test_a_note_goes_only_on_a_span_of_its_own_layer(session, path):
    with Project.open(path, writer=False) as other:
        theirs = DocumentSession(other, 1, "omar").label(*words("النائب"), "SPEAKER").changes.spans_added[0]
    with pytest.raises(ValidationError):
        session.set_note(theirs.id, "not mine")
    with pytest.raises(ValidationError):
        note_store.put_note(session.project, 1, "mona", theirs.id,
                            note_store.written(1, "mona", theirs.id, "not mine", None))
    assert notes_in_the_file(path) == {}


def test_notes_are_private_to_their_author_and_the_reviewers_until_opened_to_all(session, path):
    session.set_note(None, "mona's doubt")
    project = session.project
    assert [n.text for n in note_store.visible_notes(project, 1, "omar")] == []
    assert [n.text for n in note_store.visible_notes(project, 1, "mona")] == ["mona's doubt"]
    assert [n.text for n in note_store.visible_notes(project, 1, "lead", reviewer=True)] == ["mona's doubt"]
    note_store.set_visible_to(project, "all")
    with Project.open(path, read_only=True) as reader:
        assert note_store.visible_to(reader) == "all"
        assert [n.text for n in note_store.visible_notes(reader, 1, "omar")] == ["mona's doubt"]
    with pytest.raises(ValidationError, match="reviewers or all"):
        note_store.set_visible_to(project, "everyone")


def test_an_older_project_file_gets_notes_and_keeps_its_spans(tmp_path):
    old = older_project(tmp_path / "old.sqlite", "0005_notes", documents=[(1, "d", TEXT)], rows=[
        ("INSERT INTO layers (name, kind) VALUES ('gold', 'gold')", []),
        ("""INSERT INTO spans (document, layer, start, "end", label) VALUES (1, 1, ?, ?, 'SPEAKER')""",
         words("النائب"))])
    with Project.open(old, writer=True) as project:
        session = DocumentSession(project, 1, "gold")
        session.set_note(1, "kept from the older file")
        session.set_note(None, "and one on the document")
    assert notes_in_the_file(old, "gold") == {None: "and one on the document", 1: "kept from the older file"}
