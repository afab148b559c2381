"""The annotator's queue in the window: the documents the lead assigned to them
(``store/assignments.py``) come first. "Done and next" (Ctrl+Enter) and "Next unfinished"
(Ctrl+N) go to the next unfinished document of the queue while it has one, the status bar
counts the queue, and when the lead turned ``only_assigned`` on, a document of someone
else's is listed (under All) but refused when opened, with the reason: hiding it would
make the All filter, and the corpus search's and the speakers' links into it, say the
document does not exist.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.core.store import Project, assignments
from annotator.core.store.listing import DocumentListing
from annotator.ui.bidi import isolate

translate = QCoreApplication.translate  # outside a QObject; lupdate reads translate("Context", "text")


def next_document(project: Project, listing: DocumentListing, annotator: str,
                  current: int | None) -> tuple[int | None, str | None]:
    """The document to go to after ``current``, and what the status bar says about it: the
    next unfinished one of the queue; once the queue is done, the next unfinished one of the
    project, unless only assigned documents may be opened."""
    if listing.queue_progress()[1]:
        key = assignments.next_unfinished(project, annotator, current)
        if key is not None:
            return key, None
        if assignments.only_assigned(project):
            return None, translate("MyQueue", "Every document of your queue is done")
        key = listing.next_unfinished(current)
        return key, (translate("MyQueue", "Your queue is done: this is the next unfinished document of the project")
                     if key is not None else translate("MyQueue", "Every document is done"))
    key = listing.next_unfinished(current)
    return key, None if key is not None else translate("MyQueue", "Every document is done")


def first_document(project: Project, annotator: str, remembered: int | None) -> int | None:
    """The document the window opens with: for an annotator with a queue, the one last open
    if it is in the queue, else the queue's first unfinished one (so that the list opens on
    My queue); without one, the one last open if they may open it, else the project's first."""
    queue = assignments.queue(project, annotator)
    if queue:
        if remembered is not None and remembered in set(queue):
            return remembered
        return assignments.next_unfinished(project, annotator, None) or queue[0]
    if remembered is not None and assignments.may_open(project, annotator, remembered):
        return remembered
    return next((document.key for document in project.documents()), None)


def refusal(project: Project, annotator: str, key: int) -> str | None:
    """Why ``annotator`` may not open document ``key``, or None when they may."""
    if assignments.may_open(project, annotator, key):
        return None
    document = project.document(key)
    return translate("MyQueue", "{0} is not assigned to {1}: the lead lets annotators open only the documents "
                                "assigned to them (My queue). Ask the lead to assign it to you.").format(
        isolate(document.title or document.id), isolate(annotator))


def progress_text(listing: DocumentListing) -> str | None:
    """The status bar's count of the queue ("My queue: 12 of 40 done"), or None without one."""
    done, assigned = listing.queue_progress()
    if not assigned:
        return None
    return translate("MyQueue", "My queue: {0} of {1} done").format(done, assigned)
