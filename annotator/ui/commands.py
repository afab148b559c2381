"""Undoable edits: each was done through a document session, and its undo and redo go
back through it.

An action runs (validated and saved by the core) before its command is pushed, so a
refused action never reaches the undo stack; the first ``redo`` that QUndoStack.push
makes is therefore skipped. Every later redo and undo goes through the core again, so
nothing is held only in memory. The annotator's edits are ``EditCommand``s; the
reviewer's decisions ``review_parts.ReviewCommand``s, over the gold layer's session.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from annotator.core.schema import Schema
from annotator.core.session import DocumentSession, Edit
from annotator.ui import shown_names
from annotator.ui.i18n import interface_language

translate = QCoreApplication.translate  # outside a QObject; lupdate reads translate("Context", "text")


class EditCommand(QUndoCommand):
    """An intent of the document session on the undo stack: it was done before it was
    pushed, so the first redo is skipped; undo and redo go back through the session."""

    def __init__(self, session: DocumentSession, edit: Edit):
        super().__init__(describe(edit, session.project.schema))
        self._session, self._edit = session, edit
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._session.redo(self._edit)

    def undo(self) -> None:
        self._session.undo(self._edit)


def describe(edit: Edit, schema: Schema) -> str:
    """The undo menu's words for an edit, naming its label, attribute or link as the window shows it."""
    if edit.kind == "status":
        return _status_words(edit.subject)
    words = {"add": translate("Commands", "add {0}"), "delete": translate("Commands", "delete {0}"),
             "relabel": translate("Commands", "relabel as {0}"), "set": translate("Commands", "set {0}"),
             "link": translate("Commands", "link {0}"), "resize": translate("Commands", "move the boundaries of {0}")}
    if edit.kind == "accept":
        return translate("Commands", "accept suggestion")
    if edit.kind == "reject":
        return translate("Commands", "reject suggestion")
    if edit.kind == "note":
        return translate("Commands", "clear a note") if edit.subject == "clear" else translate("Commands", "write a note")
    if edit.kind == "document label":
        return words["set"].format(schema.document_label(edit.subject).shown_name(interface_language()))
    shown = {"set": shown_names.attribute, "link": shown_names.relation}.get(edit.kind, shown_names.label)
    return words[edit.kind].format(shown(schema, edit.subject))


def _status_words(status: str) -> str:
    names = {"new": translate("Commands", "mark new"), "in_progress": translate("Commands", "mark in progress"),
             "done": translate("Commands", "mark done")}
    return names.get(status) or translate("Commands", "mark {0}").format(status.replace("_", " "))
