"""The review window's document labels: for each label of the schema's
``document_labels``, every annotator layer's value of the open document and gold's, with
how gold's was decided; the reviewer settles gold's value from a list.

A choice is one decision through the gold layer's session (``put_document_label``), with
provenance as a gold span has (``core/document_label_review.decided``: agreed, picked or
edited, from which layers, by whom), on the window's undo stack. A schema without
document labels shows nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel

from annotator.core import document_label_review
from annotator.core.errors import AnnotatorError
from annotator.ui import shown_names
from annotator.ui.bidi import isolate
from annotator.ui.i18n import interface_language
from annotator.ui.review_parts import ReviewCommand
from annotator.ui.tooltips import plain_tooltip

if TYPE_CHECKING:
    from annotator.ui.review_window import ReviewWindow

translate = QCoreApplication.translate  # outside a QObject; lupdate reads translate("Context", "text")


class ReviewDocumentLabels(QGroupBox):
    def __init__(self, window: "ReviewWindow"):
        super().__init__(translate("ReviewWindow", "Document labels"))
        self.window = window
        self.schema = window.project.schema
        self.versions: list[document_label_review.Versions] = []
        self.layer_values: dict[str, QLabel] = {}  # label name -> each layer's value
        self.gold_choice: dict[str, QComboBox] = {}  # label name -> gold's value, to settle
        self.decided: dict[str, QLabel] = {}  # label name -> how gold's value was decided
        grid = QGridLayout(self)
        language = interface_language()
        for row, definition in enumerate(self.schema.document_labels):
            title = QLabel(definition.shown_name(language))
            title.setToolTip(plain_tooltip(definition.help) if definition.help else "")
            choice = QComboBox()
            choice.addItem(translate("ReviewWindow", "(not settled)"), None)
            for value in definition.values:
                choice.addItem(definition.shown_value(value, language), value)
            choice.activated.connect(lambda index, name=definition.name: self.settle(name))
            self.layer_values[definition.name], self.gold_choice[definition.name] = QLabel(), choice
            self.decided[definition.name] = QLabel()
            for column, widget in enumerate((title, self.layer_values[definition.name], choice,
                                             self.decided[definition.name])):
                grid.addWidget(widget, row, column)
        grid.setColumnStretch(1, 1)
        self.setVisible(bool(self.schema.document_labels))
        window.gold_changed.connect(lambda changes: self.show_document())

    def show_document(self) -> None:
        """Each layer's values and gold's, read from the file for the open document."""
        window = self.window
        if window.document is None or not self.schema.document_labels:
            return
        self.versions = document_label_review.versions_of(window.project, window.document)
        language = interface_language()
        for versions in self.versions:
            definition = self.schema.document_label(versions.name)
            given = [translate("ReviewWindow", "{0}: {1}").format(
                isolate(layer), definition.shown_value(versions.by_layer[layer], language) if layer in versions.by_layer
                else translate("ReviewWindow", "none")) for layer in window.layers]
            differ = len(set(versions.by_layer.values())) > 1
            separator = "، " if language == "ar" else ", "
            self.layer_values[versions.name].setText(("≠ " if differ else "") + separator.join(given))
            gold = versions.gold
            choice = self.gold_choice[versions.name]
            choice.setCurrentIndex(max(0, choice.findData(gold.value if gold else None)))
            choice.setEnabled(not window.project.read_only)
            self.decided[versions.name].setText(
                translate("ReviewWindow", "{0} by {1}").format(shown_names.review_word(gold.decision),
                                                               isolate(gold.decided_by or ""))
                if gold is not None and gold.decision else "")

    def settle(self, name: str) -> None:
        """Make gold's value of ``name`` the one chosen (or none), with its provenance."""
        window = self.window
        value = self.gold_choice[name].currentData()
        versions = next(v for v in self.versions if v.name == name)
        if window.session is None or (versions.gold.value if versions.gold else None) == value:
            return
        try:
            if value is None:
                edit = window.session.set_document_label(name, None)
            else:
                edit = window.session.put_document_label(
                    document_label_review.decided(versions, window.document, value, window.reviewer))
        except AnnotatorError as error:
            window.say(translate("ReviewWindow", "Not done: {0}").format(error))
            self.show_document()
            return
        if edit is not None:
            text = translate("ReviewWindow", "settle {0}").format(self.schema.document_label(name).shown_name(
                interface_language()))
            window.undo_stack.push(ReviewCommand(window, text, window.session, edit, window.current_key))
