"""The document labels above the article: each label of the schema's ``document_labels``
with its values as buttons, the layer's value pressed in.

A click on a value, or its key in the article (``editor_keys``), sets it on the open
document; a click on the value already set, or its key again, clears it. Each is one
session call (``DocumentSession.set_document_label``), one undoable edit. The bar lays
itself out in the interface's direction, so in Arabic the first label is at the right.
A schema without document labels shows no bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from annotator.core.document_label_schema import DocumentLabelType
from annotator.ui.i18n import interface_language

if TYPE_CHECKING:
    from annotator.ui.editor import Editor


class DocumentLabelBar(QWidget):
    def __init__(self, editor: "Editor", parent=None):
        super().__init__(parent)
        self.editor = editor
        self.buttons: dict[tuple[str, Any], Any] = {}  # (label name, value) -> its QToolButton
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        language = interface_language()
        # No QButtonGroup: a press on the value set clears it, and refresh() unchecks the others.
        for definition in editor.project.schema.document_labels:
            layout.addWidget(self._title(definition, language))
            for index, value in enumerate(definition.values):
                button = self._button(definition, index, language)
                layout.addWidget(button)
                self.buttons[(definition.name, value)] = button
            layout.addSpacing(16)
        layout.addStretch(1)
        self.setVisible(bool(self.buttons))
        editor.changed.connect(lambda changes: self.refresh())
        editor.opened.connect(lambda document: self.refresh())
        self.refresh()

    def _title(self, definition: DocumentLabelType, language: str) -> QLabel:
        title = QLabel(self.tr("{0}:").format(definition.shown_name(language)))
        title.setToolTip(definition.help)
        return title

    def _button(self, definition: DocumentLabelType, index: int, language: str):
        from PySide6.QtWidgets import QToolButton  # on first use (docs/architecture.md, "Layers")

        value = definition.values[index]
        button = QToolButton()
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the article
        button.setObjectName(f"{definition.name}={value}")
        shown = definition.shown_value(value, language)
        key = definition.keys[index].upper() if definition.keys else ""
        button.setText(f"{shown} ({key})" if key else shown)
        button.setToolTip(self.tr("Press {0} in the article, or click, to set it; again to clear it").format(key)
                          if key else self.tr("Click to set it; again to clear it"))
        button.clicked.connect(lambda checked, name=definition.name: self.choose(name, value))
        return button

    def choose(self, name: str, value: str) -> None:
        """Set ``value`` of the document label ``name``, or clear it where it is already set."""
        self.editor.toggle_document_label(name, value)
        self.refresh()  # a refused edit leaves the buttons as the layer is

    def refresh(self) -> None:
        session = self.editor.session
        held = session.document_labels if session is not None else {}
        for (name, value), button in self.buttons.items():
            button.setChecked(name in held and held[name].value == value)
            button.setEnabled(session is not None and not self.editor.project.read_only)

    def shown_values(self) -> dict[str, str]:
        """What the bar shows as set, by label name (for tests and the status bar)."""
        return {name: value for (name, value), button in self.buttons.items() if button.isChecked()}


def key_rows(schema) -> list[tuple[str, str]]:
    """The shortcuts list's rows (F1) for the document label keys."""
    language = interface_language()
    return [(key, QCoreApplication.translate("ShortcutsDialog", "{0}: {1}, for the whole article (again: clear it)")
             .format(schema.document_label(name).shown_name(language),
                     schema.document_label(name).shown_value(value, language)))
            for key, (name, value) in schema.document_label_keys().items()]
