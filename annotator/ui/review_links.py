"""Linking gold spans in the review window, as the editor links an annotator's spans.

Part of ``ReviewWindow`` (``window.links``). A relation key from the schema (S for the
default's SAID_BY) starts a link from the current unit's gold span (or the gold span
last clicked) of the relation's head label; a click on a gold span of its child label
ties them: one core call (``adjudicate.GoldLink``) through the gold layer's session,
pushed as one undoable command. Esc cancels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from annotator.core import adjudicate
from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.core.schema import RelationType
from annotator.ui import shown_names
from annotator.ui.review_parts import ReviewCommand

if TYPE_CHECKING:
    from annotator.ui.review_window import ReviewWindow

translate = QCoreApplication.translate  # not a QObject; lupdate reads translate("Context", "text")


class ReviewLinks:
    def __init__(self, window: "ReviewWindow"):
        self.window = window
        self.keys = {ord(r.key.upper()): r for r in window.project.schema.relations if r.key}
        self.linking: RelationType | None = None
        self.head: int | None = None
        self.clicked_gold: int | None = None  # the gold span last clicked in the article

    def head_for(self, relation: RelationType) -> Span | None:
        """The gold span a link of ``relation`` starts from: the one last clicked, else the
        current unit's."""
        window = self.window
        unit = window.current_unit()
        candidates = [window.gold.get(self.clicked_gold)] if self.clicked_gold is not None else []
        candidates += window.details.gold_of(unit) if unit is not None else []
        return next((s for s in candidates if s is not None and s.label == relation.head), None)

    def start(self, relation: RelationType) -> None:
        head = self.head_for(relation)
        if head is None:
            self.window.say(translate("ReviewLinks", "Settle a {0} into gold first (or click its gold span), "
                                                     "then press {1} and click its {2}")
                            .format(self._label(relation.head), relation.key.upper(), self._label(relation.child)))
            return
        self.linking, self.head = relation, head.id
        self.window.statusBar().showMessage(
            translate("ReviewLinks", "{0}: click the gold {1} to tie this {2} to (Esc cancels)")
            .format(self._relation(relation), self._label(relation.child), self._label(relation.head)))

    def forget(self) -> None:
        """Another document is open: nothing of this one is under way or clicked."""
        self.cancel()
        self.clicked_gold = None

    def cancel(self) -> bool:
        """End a link under way; False when none was."""
        if self.linking is None:
            return False
        self.linking = self.head = None
        self.window.statusBar().clearMessage()
        return True

    def clicked(self, span_id: int | None) -> bool:
        """A click on a gold span while a link is under way ends it; True when the click
        was the link's (a click beside the gold spans leaves it waiting, as in the editor)."""
        if span_id is not None:
            self.clicked_gold = span_id
        if self.linking is None:
            return False
        child = self.window.gold.get(span_id) if span_id is not None else None
        if child is None:
            return True
        relation, head = self.linking, self.head
        self.cancel()
        if child.label != relation.child:
            self.window.say(translate("ReviewLinks", "{0} needs a {1}, not a {2}")
                            .format(self._relation(relation), self._label(relation.child), self._label(child.label)))
            return True
        self.link(relation, head, child.id)
        return True

    def link(self, relation: RelationType, head: int, child: int) -> None:
        window = self.window
        if any((r.head, r.child, r.type) == (head, child, relation.name) for r in window.session.relations.values()):
            window.say(translate("ReviewLinks", "Already linked"))
            return
        tie = adjudicate.GoldLink(window.project, relation.name, head, child, window.reviewer,
                                  window.reason.text().strip() or None)
        text = translate("ReviewLinks", "link {0}").format(self._relation(relation))
        unit_key = window.current_key
        try:
            edit = window.session.perform_again("link", text, tie.do, tie.undo)
        except AnnotatorError as error:
            window.say(translate("ReviewLinks", "Not done: {0}").format(error))
            return
        window.undo_stack.push(ReviewCommand(window, text, window.session, edit, unit_key))
        window.reason.clear()
        window.go_to_unit(unit_key)
        window.say(translate("ReviewLinks", "Linked in gold: {0}").format(self._relation(relation)))

    def _label(self, name: str) -> str:
        return shown_names.label(self.window.project.schema, name)

    def _relation(self, relation: RelationType) -> str:
        return shown_names.relation(self.window.project.schema, relation.name)
