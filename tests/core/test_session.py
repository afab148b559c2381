"""The document session (issue 17): each intent is one store call whose change set the
session holds and publishes; undo and redo go back through the store. No Qt."""

from __future__ import annotations

import pytest

from annotator.core.errors import ValidationError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.session import DocumentSession
from annotator.core.store import Project

TEXT = "قال وزير المالية إن الميزانية متوازنة، وقال النائب إنها غير واقعية."


def words(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


@pytest.fixture
def session(project_location):
    path = project_location
    with Project.open(path) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="a.txt", id="a")])
    project = Project.open(path, writer=True)
    yield DocumentSession(project, 1, "mona")
    project.close()


def in_the_file(session: DocumentSession) -> tuple[dict, list]:
    """What another process would read: the layer's spans and links, from a fresh open."""
    with Project.open(session.project.path, read_only=True) as reader:
        spans = {s.id: (s.label, s.attrs) for s in reader.spans(1, "mona")}
        links = [(r.type, r.head, r.child) for r in reader.relations(1, "mona")]
    return spans, links


def test_every_intent_is_published_and_held(session):
    seen = []
    session.subscribe(seen.append)
    edit = session.label(*words("وزير المالية"), "SPEAKER")
    span = edit.changes.spans_added[0]
    assert seen == [edit.changes]
    assert session.spans == {span.id: span}
    assert in_the_file(session)[0] == {span.id: ("SPEAKER", {})}


def test_a_relabel_keeps_shared_attributes_drops_the_rest_and_undoes(session):
    speaker = session.label(*words("النائب"), "SPEAKER").changes.spans_added[0]
    session.set_attribute(speaker.id, "entity", "النائب")
    edit = session.relabel(speaker.id, "TARGET")
    assert edit.dropped == {"entity": "النائب"}
    assert in_the_file(session)[0][speaker.id] == ("TARGET", {})
    session.undo(edit)
    assert in_the_file(session)[0][speaker.id] == ("SPEAKER", {"entity": "النائب"})
    assert session.spans[speaker.id].attrs == {"entity": "النائب"}
    assert session.relabel(speaker.id, "SPEAKER") is None


def test_a_claim_has_one_speaker_a_new_link_replaces_the_old_in_one_edit(session):
    minister = session.label(*words("وزير المالية"), "SPEAKER").changes.spans_added[0]
    deputy = session.label(*words("النائب"), "SPEAKER").changes.spans_added[0]
    claim = session.label(*words("الميزانية متوازنة"), "CLAIM").changes.spans_added[0]
    session.link("SAID_BY", claim.id, minister.id)
    again = session.link("SAID_BY", claim.id, deputy.id)

    assert in_the_file(session)[1] == [("SAID_BY", claim.id, deputy.id)]
    assert [(r.head, r.child) for r in session.relations.values()] == [(claim.id, deputy.id)]
    session.undo(again)
    assert in_the_file(session)[1] == [("SAID_BY", claim.id, minister.id)]
    session.redo(again)
    assert in_the_file(session)[1] == [("SAID_BY", claim.id, deputy.id)]
    with pytest.raises(ValidationError, match="already linked"):
        session.link("SAID_BY", claim.id, deputy.id)


def test_deleting_a_span_drops_its_links_and_undo_brings_both_back(session):
    speaker = session.label(*words("وزير المالية"), "SPEAKER").changes.spans_added[0]
    claim = session.label(*words("الميزانية متوازنة"), "CLAIM").changes.spans_added[0]
    session.link("SAID_BY", claim.id, speaker.id)
    edit = session.delete(speaker.id)
    assert session.relations == {} and speaker.id not in session.spans
    assert in_the_file(session) == ({claim.id: ("CLAIM", {})}, [])
    session.undo(edit)
    assert in_the_file(session)[1] == [("SAID_BY", claim.id, speaker.id)]
    assert session.links_of(speaker.id)


def test_a_refused_intent_changes_nothing_and_publishes_nothing(session):
    seen = []
    session.subscribe(seen.append)
    with pytest.raises(ValidationError):
        session.label(0, len(TEXT) + 5, "CLAIM")
    assert seen == [] and session.spans == {} and in_the_file(session) == ({}, [])


def test_status_is_held_and_undone(session):
    edit = session.set_status("done")
    assert session.status == "done"
    session.undo(edit)
    assert session.status == "new"
    assert session.project.status(1, "mona") == session.status


def test_a_rejected_suggestion_is_held_remembered_and_undone(session):
    seen = []
    session.subscribe(seen.append)
    edit = session.reject_suggestion("claim:4-21")
    assert session.rejected == {"claim:4-21"} and seen[-1].suggestions_rejected == ("claim:4-21",)
    assert session.project.rejected_suggestions(1, "mona") == {"claim:4-21"}
    session.undo(edit)
    assert session.rejected == set() and session.project.rejected_suggestions(1, "mona") == set()
    assert DocumentSession(session.project, 1, "mona").rejected == set()
    session.redo(edit)
    assert DocumentSession(session.project, 1, "mona").rejected == {"claim:4-21"}


def test_the_first_edit_of_a_new_document_says_it_is_now_in_progress(session):
    seen = []
    session.subscribe(seen.append)
    first = session.label(*words("وزير المالية"), "SPEAKER")
    assert (first.changes.status, first.changes.status_was) == ("in_progress", "new")
    assert session.status == "in_progress" == session.project.status(1, "mona")
    second = session.label(*words("النائب"), "SPEAKER")
    assert second.changes.status is None and seen == [first.changes, second.changes]
    done = session.set_status("done")
    assert (done.changes.status, done.changes.status_was) == ("done", "in_progress")
    session.label(*words("الميزانية"), "TARGET")
    assert session.status == "done"  # done stays done
