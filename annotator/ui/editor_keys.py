"""What a key in the article means: the annotator's keys, turned into the editor's intents.

Single keys follow the physical key (``keys.physical_key``), so they work on an Arabic
layout too; the label and link keys come from the schema. A key that edits the selected
span acts only on a span the annotator can see (``_on_selected``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent

from annotator.ui import shown_names
from annotator.ui.keys import key_name, physical_key

if TYPE_CHECKING:
    from annotator.ui.editor import Editor

translate = QCoreApplication.translate  # outside a QObject; lupdate reads translate("Context", "text")

_NAVIGATION = {Qt.Key.Key_Tab.value, Qt.Key.Key_Backtab.value}
_DELETE = {Qt.Key.Key_Delete.value, Qt.Key.Key_Backspace.value}
NOTE_KEY = Qt.Key.Key_M.value  # a schema's own M comes first; Shift+M: the document's note


def key_is_enter(key: int) -> bool:
    return key in (Qt.Key.Key_Return.value, Qt.Key.Key_Enter.value)


class EditorKeys:
    def __init__(self, editor: "Editor"):
        self.editor = editor
        schema = editor.project.schema
        self.label_keys = {ord(label.key.upper()): label.name for label in schema.labels}
        self.relation_keys = {ord(r.key.upper()): r for r in schema.relations if r.key}
        self.value_keys = {ord(key): by_label for key, by_label in schema.value_keys().items()}
        self.document_label_keys = {ord(key): chosen for key, chosen in schema.document_label_keys().items()}

    def pressed(self, event: QKeyEvent) -> bool:
        if self.editor.boundaries.pressed(event):  # Alt+arrows, Alt+Home, Alt+End
            return True
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                        | Qt.KeyboardModifier.MetaModifier):
            return False
        key = physical_key(event)
        if self.editor.selected is not None and self.editor.selected < 0 and self.editor.linking is None:
            if self._suggestion_key(key, modifiers):
                return True
        if key in _NAVIGATION:
            self.editor.walk(-1 if key == Qt.Key.Key_Backtab.value or modifiers & Qt.KeyboardModifier.ShiftModifier else 1)
            return True
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            if key == NOTE_KEY and self.editor.document is not None:
                self.editor.note_wanted.emit(None)
                return True
            return False
        if key == Qt.Key.Key_Escape.value:
            self.editor.linking = None
            self.editor.view.clear_selection()
            self.editor.select(None)
            return True
        if key_is_enter(key) and self.editor.linking is not None:
            candidate, self.editor.link_candidate = self.editor.link_candidate, None
            relation, self.editor.linking = self.editor.linking, None
            if candidate is not None and self.editor.selected is not None:
                self.editor.link(self.editor.selected, candidate, relation)
            return True
        if key in _DELETE:
            return self._on_selected(key_name(key), translate("Editor", "delete it"), self.editor.delete_selected)
        if key in self.label_keys:
            return self._label_key(key)
        if key in self.relation_keys:
            relation = self.relation_keys[key]
            return self._on_selected(key_name(key), translate("Editor", "link it"), lambda: self.editor.start_link(relation))
        if key in self.document_label_keys and self.editor.document is not None:
            self.editor.toggle_document_label(*self.document_label_keys[key])  # ui/document_label_bar.py shows it
            return True
        if key in self.value_keys:
            return self._value_key(key)
        if key == NOTE_KEY:
            return self._note_key()
        return False

    def _note_key(self) -> bool:
        span = self.editor.span(self.editor.selected)
        if span is None:
            self.editor.message.emit(translate("Editor", "Select a span to write a note on it (Shift+M: a note on the document)"))
            return True
        return self._on_selected("M", translate("Editor", "write a note on it"),
                                 lambda: self.editor.note_wanted.emit(span.id))

    def _value_key(self, key: int) -> bool:
        """A value key (F for FAVOR) sets its attribute on the selected span, if its label has it."""
        choices = self.value_keys[key]
        span = self.editor.span(self.editor.selected)
        if span is None or span.label not in choices:
            schema = self.editor.project.schema
            attributes = ", ".join(sorted({shown_names.attribute(schema, attribute) for attribute, _ in choices.values()}))
            self.editor.message.emit(translate("Editor", "Select a {0} to set its {1}")
                                     .format(" / ".join(shown_names.label(schema, label) for label in choices), attributes))
            return True
        attribute, value = choices[span.label]
        shown = shown_names.attribute(self.editor.project.schema, attribute)
        return self._on_selected(key_name(key), translate("Editor", "set its {0}").format(shown),
                                 lambda: self.editor.set_attribute(span.id, attribute, value))

    def _label_key(self, key: int) -> bool:
        """A label key labels the selected words, or else relabels the selected span."""
        label = self.label_keys[key]
        if self.editor.view.selected_range() is not None:
            self.editor.label_selection(label)
            return True
        return self._on_selected(key_name(key), translate("Editor", "relabel it as {0}")
                                 .format(shown_names.label(self.editor.project.schema, label)),
                                 lambda: self.editor.label_selection(label))

    def _on_selected(self, key: str, action: str, edit: Callable[[], object]) -> bool:
        """Let a key ``edit`` the selected span only if the annotator can see it. An
        annotator who scrolled or searched away from it is shown it instead, and told that
        a second press of ``key`` will ``action`` (words for the status bar)."""
        span = self.editor.span(self.editor.selected)
        if span is None or self.editor.view.shows(span.start, span.end):
            edit()
            return True
        self.editor.view.bring_into_view(span.start)
        self.editor.message.emit(translate("Editor", "The selected {0} was off screen: it is shown now; press {1} again to {2}")
                          .format(shown_names.label(self.editor.project.schema, span.label), key, action))
        return True

    def _suggestion_key(self, event_key: int, modifiers) -> bool:
        claim_id = self.editor.selected
        if key_is_enter(event_key):
            if modifiers & Qt.KeyboardModifier.ShiftModifier:
                return self._on_selected("Shift+" + key_name(event_key), translate("Editor", "accept its paragraph"),
                                         lambda: self.editor.accept_paragraph(claim_id))
            return self._on_selected(key_name(event_key), translate("Editor", "accept it"),
                                     lambda: self.editor.accept_suggestion(claim_id))
        if event_key in _DELETE:
            return self._on_selected(key_name(event_key), translate("Editor", "reject it"),
                                     lambda: self.editor.reject_suggestion(claim_id))
        return False

