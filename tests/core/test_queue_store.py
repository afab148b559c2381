"""An annotator's queue as the window reads it (store/assignments.py, store/listing.py):
the documents assigned to them listed, counted and walked in order; whether a document
may be opened when the lead allows only assigned ones; and, for the reviewer, each
annotator's pace and the overlap documents every assignee has finished."""

from __future__ import annotations

import pytest

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project, assignments
from annotator.core.store.listing import DocumentListing

# Written for these tests, after /work/shared/guidelines.md: five short news sentences.
TEXTS = ["قال الوزير إن الخطة ناجحة",
         "رفضت النقابة الخطة وطالبت بزيادة الأجور",
         "أكد المتحدث أن المفاوضات مستمرة",
         "نفت الشركة وجود خسائر هذا العام",
         "أعلن المحافظ افتتاح المدرسة الجديدة غدا"]


@pytest.fixture
def project(project_location):
    with Project.open(project_location) as opened:
        import_documents(opened, [DocumentInput(text=text, path=f"d{n}.txt", id=f"d{n}")
                                  for n, text in enumerate(TEXTS, 1)])
        # mona: 2, 3, 5; karim: 3, 4; 3 is their overlap
        assignments.change(opened, added=[(2, "mona"), (3, "mona"), (5, "mona"), (3, "karim"), (4, "karim")])
        yield opened


def test_the_queue_lists_only_the_annotators_documents_whatever_their_status(project):
    project.set_status(3, "mona", "done")
    listing = DocumentListing(project, "mona").with_queue()
    assert [row.id for row in listing.page(0, 10)] == ["d2", "d3", "d5"]
    assert [row.status for row in listing.page(0, 10)] == ["new", "done", "new"]
    assert listing.row_of(5) == 2 and listing.row_of(1) is None
    assert DocumentListing(project, "huda").with_queue().count() == 0
    assert listing.with_status(None).count() == 5  # leaving the queue lists every document again


def test_the_queue_counts_what_is_done_and_follows_a_status_change(project):
    listing = DocumentListing(project, "mona", queue=True)
    assert listing.queue_progress() == (0, 3)
    changes = project.set_status(5, "mona", "done")
    assert not listing.apply(changes)  # nothing moves in or out of a queue
    assert listing.queue_progress() == (1, 3)
    project.set_status(1, "mona", "done")  # not in the queue
    assert listing.queue_progress() == (1, 3)
    assert listing.progress() == (2, 5)


def test_next_unfinished_walks_the_queue_after_the_current_document_and_wraps(project):
    assert assignments.next_unfinished(project, "mona", None) == 2
    assert assignments.next_unfinished(project, "mona", 2) == 3
    project.set_status(3, "mona", "done")
    assert assignments.next_unfinished(project, "mona", 2) == 5
    assert assignments.next_unfinished(project, "mona", 5) == 2  # round to the start
    assert assignments.next_unfinished(project, "mona", 4) == 5  # from a document outside the queue
    project.set_status(2, "mona", "done")
    assert assignments.next_unfinished(project, "mona", 5) == 5  # the current one comes last
    project.set_status(5, "mona", "done")
    assert assignments.next_unfinished(project, "mona", 5) is None
    assert assignments.has_queue(project, "mona") and not assignments.has_queue(project, "huda")


def test_only_assigned_documents_may_be_opened_once_the_lead_says_so(project):
    assert assignments.may_open(project, "mona", 1)
    assignments.set_only_assigned(project, True)
    assert not assignments.may_open(project, "mona", 1)
    assert assignments.may_open(project, "mona", 2)
    assert not assignments.may_open(project, "huda", 2)  # no queue: nothing may be opened
    assert assignments.may_open(project, "gold", 1)  # reviewers adjudicate every document
    assignments.set_only_assigned(project, False)
    assert assignments.may_open(project, "mona", 1)


def test_overlap_documents_every_assignee_finished_are_ready_until_gold_is_done(project):
    project.set_status(3, "mona", "done")
    assert assignments.ready_to_adjudicate(project) == []  # karim has not finished it
    project.set_status(3, "karim", "done")
    project.set_status(4, "karim", "done")  # karim's alone: nothing to adjudicate
    assert assignments.ready_to_adjudicate(project) == [
        {"key": 3, "id": "d3", "title": project.document(3).title, "assignees": ["karim", "mona"]}]
    project.set_status(3, "gold", "done")
    assert assignments.ready_to_adjudicate(project) == []


def test_pace_is_the_words_done_over_the_days_worked(project):
    from annotator.core.store.active_time import add_active_time

    assert assignments.pace(project) == {"karim": {"done_words": 0, "days": 0}, "mona": {"done_words": 0, "days": 0}}
    project.set_status(2, "mona", "done")  # 6 words
    project.set_status(3, "mona", "done")  # 5 words
    project.set_status(1, "mona", "done")  # not assigned: its words do not count
    add_active_time(project, 5, "karim", 60.0)  # a day worked with nothing done
    assert assignments.pace(project) == {"karim": {"done_words": 0, "days": 1}, "mona": {"done_words": 11, "days": 1}}
