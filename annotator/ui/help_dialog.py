"""F1: every shortcut, generated from the schema so a custom schema's keys are listed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout

from annotator.core.schema import Schema
from annotator.ui.document_label_bar import key_rows
from annotator.ui.guidelines import span_edge_label
from annotator.ui.shown_names import attribute as shown_attribute
from annotator.ui.shown_names import label as shown_label
from annotator.ui.shown_names import relation as shown_relation
from annotator.ui.shown_names import value as shown_value
from annotator.ui.tooltips import plain_tooltip


def shortcut_rows(schema: Schema) -> list[tuple[str, str]]:
    rows = [(label.key, QCoreApplication.translate("ShortcutsDialog", "Label the selection {0}, or relabel the selected span").format(shown_label(schema, label.name))) for label in schema.labels]
    rows += [(r.key, QCoreApplication.translate("ShortcutsDialog", "{0}: with a {1} selected, then click (or Tab, Enter) its {2}").format(shown_relation(schema, r.name), shown_label(schema, r.head), shown_label(schema, r.child)))
             for r in schema.relations if r.key]
    rows += [(key, QCoreApplication.translate("ShortcutsDialog", "{0} {1} of the selected {2}").format(
                 shown_attribute(schema, attribute), shown_value(schema, label, attribute, value), shown_label(schema, label)))
             for key, by_label in schema.value_keys().items() for label, (attribute, value) in by_label.items()]
    rows += key_rows(schema)
    rows += [
        (QCoreApplication.translate("ShortcutsDialog", "Alt + select"), QCoreApplication.translate("ShortcutsDialog", "Allow part of a word (leave out a clitic such as و or ال)")),
        (QCoreApplication.translate("ShortcutsDialog", "Click"), QCoreApplication.translate("ShortcutsDialog", "Select the span (or the dashed suggestion) under the mouse")),
        ("Alt+Left / Alt+Right", QCoreApplication.translate("ShortcutsDialog", "Move the selected span's end (or start) one letter, the way the arrow points: in an Arabic line Left moves toward the end of the sentence")),
        ("Alt+Shift+Left / Alt+Shift+Right", QCoreApplication.translate("ShortcutsDialog", "Move it one word or punctuation mark")),
        ("Alt+Home / Alt+End", QCoreApplication.translate("ShortcutsDialog", "Alt+arrows move the start / the end (its handle is drawn filled)")),
        (QCoreApplication.translate("ShortcutsDialog", "Drag a handle"), QCoreApplication.translate("ShortcutsDialog", "Move the selected span's start or end to a word (hold Alt: to a letter)")),
        (QCoreApplication.translate("ShortcutsDialog", "Enter / Backspace"), QCoreApplication.translate("ShortcutsDialog", "Accept / reject the selected suggestion")),
        ("Shift+Enter", QCoreApplication.translate("ShortcutsDialog", "Accept every suggestion in the paragraph")),
        ("Ctrl+Shift+G", QCoreApplication.translate("ShortcutsDialog", "Show or hide suggestions")),
        ("Ctrl+G", QCoreApplication.translate("ShortcutsDialog", "Show or hide the guidelines beside the article")),
        (QCoreApplication.translate("ShortcutsDialog", "Tab / Shift+Tab"), QCoreApplication.translate("ShortcutsDialog", "Next / previous span or suggestion in reading order")),
        (QCoreApplication.translate("ShortcutsDialog", "Delete"), QCoreApplication.translate("ShortcutsDialog", "Delete the selected span and its links")),
        ("M", QCoreApplication.translate("ShortcutsDialog", "Write a note on the selected span (Return saves it)")),
        ("Shift+M", QCoreApplication.translate("ShortcutsDialog", "Write a note on the document")),
        (QCoreApplication.translate("ShortcutsDialog", "Esc"), QCoreApplication.translate("ShortcutsDialog", "Cancel linking, clear the selection")),
        ("Ctrl+Z / Ctrl+Shift+Z", QCoreApplication.translate("ShortcutsDialog", "Undo / redo")),
        ("Ctrl+F", QCoreApplication.translate("ShortcutsDialog", "Find in the article (ignores harakat and tatweel)")),
        ("Ctrl+Shift+F", QCoreApplication.translate("ShortcutsDialog", "Search every article by words and annotations")),
        ("Ctrl+Enter", QCoreApplication.translate("ShortcutsDialog", "Mark done and go to the next unfinished article")),
        ("Ctrl+N", QCoreApplication.translate("ShortcutsDialog", "Next unfinished article")),
        (QCoreApplication.translate("ShortcutsDialog", "Ctrl+plus / Ctrl+minus"), QCoreApplication.translate("ShortcutsDialog", "Zoom in / out")),
        ("Ctrl+Shift+I", QCoreApplication.translate("ShortcutsDialog", "Show invisible and bidi control characters")),
        ("F1", QCoreApplication.translate("ShortcutsDialog", "This list")),
    ]
    return rows


def fit_rows_to_width(table: QTableWidget) -> None:
    """Keys as wide as they are, what they do in the rest, each row as tall as its wrapped
    words, so that no row is cut off however long its words are in the interface language."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(True)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
    table.resizeRowsToContents()


def show_shortcuts(parent, schema: Schema, definition=lambda label: "") -> QDialog:
    """``definition`` gives a label's words from the project's guidelines, shown over its key."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("ShortcutsDialog", "Keyboard shortcuts"))
    rows = shortcut_rows(schema)
    table = QTableWidget(len(rows), 2)
    table.setHorizontalHeaderLabels([QCoreApplication.translate("ShortcutsDialog", "Key"), QCoreApplication.translate("ShortcutsDialog", "What it does")])
    for row, (key, what) in enumerate(rows):
        for column, text in enumerate((key, what)):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            words = definition(schema.labels[row].name) if row < len(schema.labels) else ""
            if words:
                item.setToolTip(plain_tooltip(words))
            table.setItem(row, column, item)
    fit_rows_to_width(table)
    table.verticalHeader().hide()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(QCoreApplication.translate("ShortcutsDialog", "Close"))
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(span_edge_label())
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(640, 560)
    dialog.show()
    return dialog
