"""The review window shows each version's note beside it (issue 21, item 2): a reviewer
reads every annotator's notes, whoever may read them in the annotators' windows."""

from __future__ import annotations

from annotator.core.session import DocumentSession
from annotator.core.store import Project
from annotator.ui.review_window import ReviewWindow
from tests.ui.test_review_window import CLAIM_LONG, at, build, go_to, shown


def test_a_version_shows_its_annotators_note_and_only_that_one(qtbot, tmp_path):
    path = build(tmp_path / "review.sqlite")
    with Project.open(path, writer=True) as project:
        key = project.document_by_id("dam").key
        session = DocumentSession(project, key, "karim")
        claim = project.span_at(key, "karim", *at(CLAIM_LONG), "CLAIM")
        session.set_note(claim.id, "NEUTRAL: he only promises water")
    window = shown(qtbot, ReviewWindow(path, reviewer="huda"))
    window.open_document("dam")
    go_to(window, CLAIM_LONG)
    karim, mona, _ = window.columns
    assert karim.field("note") == "NEUTRAL: he only promises water"
    assert "note" not in mona.details[0]


def test_each_column_shows_its_annotators_note_on_the_document(qtbot, tmp_path):
    path = build(tmp_path / "review.sqlite")
    with Project.open(path, writer=True) as project:
        key = project.document_by_id("dam").key
        DocumentSession(project, key, "mona").set_note(None, "الفقرة الثانية: مصدر واحد فقط")
    window = shown(qtbot, ReviewWindow(path, reviewer="huda"))
    window.open_document("dam")
    karim, mona, _ = window.columns
    assert mona.document_note.isVisible() and "الفقرة الثانية: مصدر واحد فقط" in mona.document_note.text()
    assert not karim.document_note.isVisible()
    with Project.open(path, writer=True) as project:  # written elsewhere while the window is open
        DocumentSession(project, project.document_by_id("dam").key, "karim").set_note(None, "unsure about the target")
    window.reload()
    assert "unsure about the target" in window.columns[0].document_note.text()
