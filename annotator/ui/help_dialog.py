"""F1: every shortcut, generated from the schema so a custom schema's keys are listed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout

from annotator.core.schema import Schema
from annotator.ui.editor import STANCE_KEYS


def shortcut_rows(schema: Schema) -> list[tuple[str, str]]:
    rows = [(label.key, f"Label the selection {label.name}, or relabel the selected span") for label in schema.labels]
    rows += [(r.key, f"{r.name}: with a {r.head} selected, then click (or Tab, Enter) its {r.child}")
             for r in schema.relations if r.key]
    rows += [(chr(key), f"Stance {stance} of the selected CLAIM") for key, stance in STANCE_KEYS.items()]
    rows += [
        ("Alt + select", "Allow part of a word (leave out a clitic such as و or ال)"),
        ("Click", "Select the span (or the dashed suggestion) under the mouse"),
        ("Enter / Backspace", "Accept / reject the selected suggestion"),
        ("Shift+Enter", "Accept every suggestion in the paragraph"),
        ("Ctrl+Shift+G", "Show or hide suggestions"),
        ("Tab / Shift+Tab", "Next / previous span in reading order"),
        ("Delete", "Delete the selected span and its links"),
        ("Esc", "Cancel linking, clear the selection"),
        ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"),
        ("Ctrl+F", "Find in the article (ignores harakat and tatweel)"),
        ("Ctrl+Enter", "Mark done and go to the next unfinished article"),
        ("Ctrl+N", "Next unfinished article"),
        ("Ctrl+plus / Ctrl+minus", "Zoom in / out"),
        ("Ctrl+Shift+I", "Show invisible and bidi control characters"),
        ("F1", "This list"),
    ]
    return rows


def show_shortcuts(parent, schema: Schema) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard shortcuts")
    rows = shortcut_rows(schema)
    table = QTableWidget(len(rows), 2)
    table.setHorizontalHeaderLabels(["Key", "What it does"])
    for row, (key, what) in enumerate(rows):
        for column, text in enumerate((key, what)):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, column, item)
    table.resizeColumnsToContents()
    table.verticalHeader().hide()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(640, 560)
    dialog.show()
    return dialog
