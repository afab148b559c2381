"""Undoable actions: each calls one core function, and its undo calls the inverse.

An action runs (validated and saved by the core) before its command is pushed, so a
refused action never reaches the undo stack; the first ``redo`` that QUndoStack.push
makes is therefore skipped. Every later redo and undo goes through the core again, so
nothing is held only in memory.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from annotator.core.model import Changes, Relation, Span
from annotator.core.store import Project

Apply = Callable[[Changes], None]
Action = Callable[[], Changes]

translate = QCoreApplication.translate  # outside a QObject; lupdate reads translate("Context", "text")


class CoreCommand(QUndoCommand):
    def __init__(self, text: str, do: Action, inverse: Action, apply: Apply):
        super().__init__(text)
        self._do, self._inverse, self._apply = do, inverse, apply
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._apply(self._do())

    def undo(self) -> None:
        self._apply(self._inverse())


def span_added(project: Project, apply: Apply, span: Span) -> CoreCommand:
    return CoreCommand(translate("Commands", "add {0}").format(span.label), lambda: project.restore_span(span),
                       lambda: project.delete_span(span.id), apply)


def span_deleted(project: Project, apply: Apply, span: Span, relations: tuple[Relation, ...]) -> CoreCommand:
    return CoreCommand(translate("Commands", "delete {0}").format(span.label), lambda: project.delete_span(span.id),
                       lambda: project.restore_span(span, relations), apply)


def span_updated(project: Project, apply: Apply, before: Span, after: Span, text: str) -> CoreCommand:
    def set_to(span: Span) -> Action:
        return lambda: project.update_span(span.id, label=span.label, attrs=span.attrs)

    return CoreCommand(text, set_to(after), set_to(before), apply)


def relation_added(project: Project, apply: Apply, relation: Relation) -> CoreCommand:
    return CoreCommand(translate("Commands", "link {0}").format(relation.type), lambda: project.restore_relation(relation),
                       lambda: project.delete_relation(relation.id), apply)


def relation_deleted(project: Project, apply: Apply, relation: Relation) -> CoreCommand:
    return CoreCommand(translate("Commands", "unlink {0}").format(relation.type), lambda: project.delete_relation(relation.id),
                       lambda: project.restore_relation(relation), apply)


def status_set(project: Project, apply: Apply, document: int, layer: str, before: str, after: str) -> CoreCommand:
    names = {"new": translate("Commands", "mark new"), "in_progress": translate("Commands", "mark in progress"),
             "done": translate("Commands", "mark done")}
    text = names.get(after) or translate("Commands", "mark {0}").format(after.replace("_", " "))
    return CoreCommand(text,
                       lambda: project.set_status(document, layer, after),
                       lambda: project.set_status(document, layer, before), apply)
