"""The review window's decisions: each one core call, pushed as an undoable command.

A mixin of ``ReviewWindow``: it uses the window's project, current unit, reason field,
undo stack and status bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from annotator.core import adjudicate
from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD_LAYER, Changes
from annotator.ui.review_parts import ReviewCommand

translate = QCoreApplication.translate  # a mixin, not a QObject; lupdate reads translate("Context", "text")


class ReviewDecisions:
    def _reason(self) -> str | None:
        return self.reason.text().strip() or None

    def _decide(self, text: str, run: Callable[[], Changes], unit_key: str | None,
                next_open: bool = True) -> Changes | None:
        """Run a decision; on success, push its undo command and move on to the next open unit."""
        if self.document is None:
            return None
        try:
            changes = run()
        except AnnotatorError as error:
            self.say(translate("ReviewDecisions", "Not done: {0}").format(error))
            return None
        command = ReviewCommand(self, text, run, lambda c: adjudicate.undo(self.project, c), changes, unit_key)
        self.apply_changes(changes)
        self.undo_stack.push(command)
        self.reason.clear()
        if next_open:
            self.go_to_next_open(unit_key or self.current_key)
        return changes

    def apply_changes(self, changes: Changes) -> None:
        """Show what a decision, undo or redo changed; everything is read back from the file."""
        if changes.document == self.document:
            for span in changes.spans_removed:
                self.article.highlighter.remove(span.id)
            for span in changes.spans_added:
                if span.layer == GOLD_LAYER:
                    self.article.highlighter.add(span)
        self.reload()

    def accept_agreed(self) -> None:
        document, by = self.document, self.reviewer
        if document is None:
            return
        if not any(u.agreed and u.settled is None and len(u.layers) > 1 for u in self.units):
            self.say(translate("ReviewDecisions", "Nothing agreed is left to accept"))
            return
        changes = self._decide(translate("ReviewDecisions", "accept all agreed"),
                               lambda: adjudicate.accept_agreed(self.project, document, by), None)
        if changes is not None:
            self.say(translate("ReviewDecisions", "Accepted {0} agreed units into gold").format(len(changes.spans_added)))

    def pick_nth(self, index: int) -> None:
        if index >= len(self.layers):
            self.say(translate("ReviewDecisions", "There is no annotator number {0} in this document").format(index + 1))
            return
        self.pick(self.layers[index])

    def pick(self, layer: str) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        document, key, by, reason = self.document, unit.key, self.reviewer, self._reason()
        self._decide(translate("ReviewDecisions", "pick {0}").format(layer),
                     lambda: adjudicate.pick(self.project, document, key, layer, by, reason), key)

    def combine(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        document, key, by, reason = self.document, unit.key, self.reviewer, self._reason()
        shape, attrs = self.boundaries_from.currentText(), self.attributes_from.currentText()
        self._decide(translate("ReviewDecisions", "combine {0} and {1}").format(shape, attrs),
                     lambda: adjudicate.combine(self.project, document, key, shape, attrs, by, reason), key)

    def edit(self) -> None:
        selection = self.article.selected_range()
        if selection is None:
            self.say(translate("ReviewDecisions", "Not done: select the words of the gold span in the article first"))
            return
        unit = self.current_unit()
        start, end = selection
        label = self.edit_label.currentText()
        value = self.edit_attribute.currentText().strip() if self.edit_attribute.isEnabled() else ""
        attrs = {self.edit_attribute_name.text(): value} if value else {}
        document, by, reason = self.document, self.reviewer, self._reason()
        key = unit.key if unit is not None and unit.settled is None else None
        if unit is not None and unit.settled is not None:
            self.say(translate("ReviewDecisions", "Not done: this unit is already settled ({0}); undo that decision first")
                     .format(unit.settled))
            return
        changes = self._decide(translate("ReviewDecisions", "edit {0}").format(label),
                               lambda: adjudicate.edit(self.project, document, key, start, end, label, attrs,
                                                       by, reason), key)
        if changes is not None and key is not None:
            now = next((u for u in self.units if u.key == key), None)
            if now is not None and now.settled is None:
                self.go_to_unit(key)
                self.say(translate("ReviewDecisions", "Saved to gold, but the edited span does not cover this unit's words: "
                                   "the unit is still open"))

    def reject(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        document, key, by, reason = self.document, unit.key, self.reviewer, self._reason()
        self._decide(translate("ReviewDecisions", "reject"), lambda: adjudicate.reject(self.project, document, key, by, reason), key)

    def toggle_adjudicated(self) -> None:
        document = self.document
        if document is None:
            return
        before = self.project.status(document, GOLD_LAYER)
        done = before != "done"
        try:
            changes = adjudicate.set_adjudicated(self.project, document, done)
        except AnnotatorError as error:
            self.say(translate("ReviewDecisions", "Not done: {0}").format(error))
            self._update_status()
            return
        command = ReviewCommand(self, translate("ReviewDecisions", "mark adjudicated") if done
                                else translate("ReviewDecisions", "mark in review"),
                                lambda: adjudicate.set_adjudicated(self.project, document, done),
                                lambda _: self.project.set_status(document, GOLD_LAYER, before),
                                changes, None)
        self.apply_changes(changes)
        self.undo_stack.push(command)
        still_open = sum(1 for u in self.units if u.settled is None)
        if done and still_open:
            self.say(translate("ReviewDecisions", "Marked adjudicated with {0} units still open").format(still_open))

    # -- keys ----------------------------------------------------------------------------------
