"""The review window's decisions: each one core call, pushed as an undoable command.

Part of ``ReviewWindow`` (``window.decisions``): it reads the window's current unit,
reason and combine/edit fields, makes each decision through the gold layer's document
session (``window.session``), and pushes it on the window's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from annotator.core import adjudicate, decision_reasons, document_label_review
from annotator.core.errors import AnnotatorError, DecidedMeanwhile
from annotator.core.model import Changes
from annotator.ui import shown_names
from annotator.ui.bidi import isolate
from annotator.ui.review_parts import ReviewCommand

if TYPE_CHECKING:
    from annotator.ui.review_window import ReviewWindow

translate = QCoreApplication.translate  # not a QObject; lupdate reads translate("Context", "text")


class ReviewDecisions:
    def __init__(self, window: "ReviewWindow"):
        self.window = window

    def _reason(self) -> str | None:
        return self.window.reason.text().strip() or None

    def _decide(self, text: str, run: Callable[[], Changes], unit_key: str | None,
                next_open: bool = True) -> Changes | None:
        """Run a decision; on success, push its undo command and move on to the next open unit."""
        if self.window.document is None:
            return None
        session, project = self.window.session, self.window.project
        why = self.window.decision_reasons.why(unit_key)
        # Why goes in the decision's own transaction, so that its undo takes it too.
        decide = run if why is None else lambda: decision_reasons.decided_with(project, why, run)
        try:
            edit = session.perform_again("decide", text, decide, lambda c: adjudicate.undo(project, c))
        except DecidedMeanwhile as error:  # another reviewer, on a team's server: show what they decided
            self.window.reload()
            self.window.say(translate("ReviewDecisions", "Not done: {0}").format(error))
            return None
        except AnnotatorError as error:
            self.window.say(translate("ReviewDecisions", "Not done: {0}").format(error))
            return None
        changes = edit.changes
        self.window.undo_stack.push(ReviewCommand(self.window, text, session, edit, unit_key))
        self.window.reason.clear()
        self.window.decision_reasons.decided(unit_key)
        if next_open:
            self.window.go_to_next_open(unit_key or self.window.current_key)
        return changes

    def accept_agreed(self) -> None:
        document, by = self.window.document, self.window.reviewer
        if document is None:
            return
        project = self.window.project
        if not any(u.agreed and u.settled is None and len(u.layers) > 1 for u in self.window.units) \
                and not document_label_review.unsettled_agreed(project, document):
            self.window.say(translate("ReviewDecisions", "Nothing agreed is left to accept"))
            return
        changes = self._decide(translate("ReviewDecisions", "accept all agreed"),
                               lambda: document_label_review.accept_agreed_with_units(project, document, by), None)
        if changes is not None and changes.document_labels:
            self.window.say(translate("ReviewDecisions", "Accepted {0} agreed units and {1} document labels into gold")
                            .format(len(changes.spans_added), len(changes.document_labels)))
        elif changes is not None:
            self.window.say(translate("ReviewDecisions", "Accepted {0} agreed units into gold").format(len(changes.spans_added)))

    def pick_nth(self, index: int) -> None:
        if index >= len(self.window.layers):
            self.window.say(translate("ReviewDecisions", "There is no annotator number {0} in this document").format(index + 1))
            return
        self.pick(self.window.layers[index])

    def pick(self, layer: str) -> None:
        unit = self.window.current_unit()
        if unit is None:
            return
        document, key, by, reason = self.window.document, unit.key, self.window.reviewer, self._reason()
        self._decide(translate("ReviewDecisions", "pick {0}").format(isolate(layer)),
                     lambda: adjudicate.pick(self.window.project, document, key, layer, by, reason), key)

    def combine(self) -> None:
        unit = self.window.current_unit()
        if unit is None:
            return
        document, key, by, reason = self.window.document, unit.key, self.window.reviewer, self._reason()
        shape, attrs = self.window.boundaries_from.currentText(), self.window.attributes_from.currentText()
        self._decide(translate("ReviewDecisions", "combine {0} and {1}").format(isolate(shape), isolate(attrs)),
                     lambda: adjudicate.combine(self.window.project, document, key, shape, attrs, by, reason), key)

    def edit(self) -> None:
        selection = self.window.article.selected_range()
        if selection is None:
            self.window.say(translate("ReviewDecisions", "Not done: select the words of the gold span in the article first"))
            return
        unit = self.window.current_unit()
        start, end = selection
        label = self.window.edit_label.currentData() or ""
        choice = self.window.edit_attribute  # a closed attribute's entries hold the stored values
        value = ((choice.currentText() if choice.isEditable() else choice.currentData() or "").strip()
                 if choice.isEnabled() else "")
        attributes = self.window.project.schema.label(label).attributes if label else ()
        attrs = {attributes[0].name: value} if value and attributes else {}
        document, by, reason = self.window.document, self.window.reviewer, self._reason()
        key = unit.key if unit is not None and unit.settled is None else None
        if unit is not None and unit.settled is not None:
            self.window.say(translate("ReviewDecisions", "Not done: this unit is already settled ({0}); undo that decision first")
                     .format(shown_names.review_word(unit.settled)))
            return
        shown = shown_names.label(self.window.project.schema, label)
        changes = self._decide(translate("ReviewDecisions", "edit {0}").format(shown),
                               lambda: adjudicate.edit(self.window.project, document, key, start, end, label, attrs,
                                                       by, reason), key)
        if changes is not None and key is not None:
            now = next((u for u in self.window.units if u.key == key), None)
            if now is not None and now.settled is None:
                self.window.go_to_unit(key)
                self.window.say(translate("ReviewDecisions", "Saved to gold, but the edited span does not cover this unit's words: "
                                   "the unit is still open"))

    def reject(self) -> None:
        unit = self.window.current_unit()
        if unit is None:
            return
        document, key, by, reason = self.window.document, unit.key, self.window.reviewer, self._reason()
        self._decide(translate("ReviewDecisions", "reject"), lambda: adjudicate.reject(self.window.project, document, key, by, reason), key)

    def toggle_adjudicated(self) -> None:
        session = self.window.session
        if session is None:
            return
        done = session.status != "done"
        try:
            edit = session.set_status("done" if done else "in_progress")
        except AnnotatorError as error:
            self.window.say(translate("ReviewDecisions", "Not done: {0}").format(error))
            self.window._update_status()
            return
        if edit is None:
            return
        text = translate("ReviewDecisions", "mark adjudicated") if done else translate("ReviewDecisions", "mark in review")
        self.window.undo_stack.push(ReviewCommand(self.window, text, session, edit, None))
        still_open = sum(1 for u in self.window.units if u.settled is None)
        if done and still_open:
            self.window.say(translate("ReviewDecisions", "Marked adjudicated with {0} units still open").format(still_open))

    # -- keys ----------------------------------------------------------------------------------
