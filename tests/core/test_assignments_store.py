"""The assignments table and each document's words (migration 0010): counted for the
documents an older file holds and for every document imported later, whoever imports
it; assigning and unassigning as one transaction; each annotator's progress."""

from __future__ import annotations

import pytest

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.session import DocumentSession
from annotator.core.store import Project
from annotator.core.store import assignments
from tests.conftest import older_project

# Written for these tests, after /work/shared/guidelines.md.
FIRST = "قال الوزير إن الخطة ناجحة"  # 5 words
SECOND = "رفضت النقابة الخطة\nوطالبت بزيادة الأجور"  # 6 words over two lines


@pytest.fixture
def project(project_location):
    with Project.open(project_location) as opened:
        import_documents(opened, [DocumentInput(text=FIRST, path="a.txt", id="a"),
                                  DocumentInput(text=SECOND, path="b.txt", id="b")])
        yield opened


def test_each_imported_document_has_its_words(project):
    assert assignments.words(project) == {1: 5, 2: 6}


def test_an_older_file_counts_the_words_of_the_documents_it_holds(tmp_path):
    from annotator.core.store.migrations import LATEST_VERSION

    old = older_project(tmp_path / "old.sqlite", "0010_assignments", documents=[(1, "b", SECOND)])
    with Project.open(old, writer=True) as project:
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert assignments.words(project) == {1: 6}
        assert assignments.change(project, added=[(1, "mona")]) == (1, 0)
    with Project.open(old, read_only=True) as project:
        assert assignments.queue(project, "mona") == [1]


def test_assigning_and_unassigning_count_only_what_changed(project):
    assert assignments.change(project, added=[(1, "mona"), (2, "mona"), (2, "karim")]) == (3, 0)
    assert assignments.change(project, added=[(2, "karim")]) == (0, 0)
    assert assignments.assignees(project) == {1: ["mona"], 2: ["karim", "mona"]}
    assert assignments.change(project, added=[(1, "karim")], removed=[(2, "mona")]) == (1, 1)
    assert assignments.assignees(project) == {1: ["karim", "mona"], 2: ["karim"]}
    with pytest.raises(ValueError, match="gold"):
        assignments.change(project, added=[(1, "gold")])
    assert assignments.assignees(project) == {1: ["karim", "mona"], 2: ["karim"]}


def test_progress_reads_each_annotators_status_and_words(project):
    assignments.change(project, added=[(1, "mona"), (2, "mona"), (2, "karim")])
    DocumentSession(project, 2, "mona").set_status("done")
    assert assignments.progress(project) == {
        "karim": {"assigned": 1, "new": 1, "in_progress": 0, "done": 0, "words": 6},
        "mona": {"assigned": 2, "new": 1, "in_progress": 0, "done": 1, "words": 11},
    }
    touched = {(key, name): last for key, name, _, last in assignments.last_touched(project)}
    assert touched[(1, "mona")] is None and touched[(2, "mona")] is not None


def test_annotators_may_open_any_document_until_the_lead_says_otherwise(project):
    assert assignments.only_assigned(project) is False
    assignments.set_only_assigned(project, True)
    assert assignments.only_assigned(project) is True
