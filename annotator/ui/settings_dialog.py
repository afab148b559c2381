"""File → Settings…: interface language, the article's font size, and the annotator's name.

Values go to ``app_settings()``: ``language`` ("en", "ar", or "" to follow the system),
``zoom`` (the article's point size, the key the editor's zoom already keeps) and
``annotator``. ``saved`` carries the keys whose values changed, so an open window can
apply them at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from annotator.ui import dialogs
from annotator.ui.article_view import MAX_POINT_SIZE, MIN_POINT_SIZE
from annotator.ui.settings import LANGUAGE_KEY, app_settings, stored_language

FONT_SIZE_KEY = "zoom"  # shared with the editor's Zoom in / Zoom out
ANNOTATOR_KEY = "annotator"
DEFAULT_FONT_SIZE = 16


def stored_font_size(settings=None) -> int:
    try:
        size = int((settings or app_settings()).value(FONT_SIZE_KEY, DEFAULT_FONT_SIZE))
    except (TypeError, ValueError):
        size = DEFAULT_FONT_SIZE
    return max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))


class SettingsDialog(QDialog):
    """Edit the per-user settings; OK stores them, Cancel leaves them as they were."""

    saved = Signal(dict)  # changed key -> new value

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.settings = app_settings()
        self.language = QComboBox()
        for text, code in ((self.tr("Follow the system"), ""), ("English", "en"), ("العربية", "ar")):
            self.language.addItem(text, code)
        self.font_size = QSpinBox()
        self.font_size.setRange(MIN_POINT_SIZE, MAX_POINT_SIZE)
        self.font_size.setSuffix(self.tr(" pt"))
        self.annotator = QLineEdit()
        self.annotator.setPlaceholderText(self.tr("Your name; each annotator writes their own layer"))
        self._load()
        self._lay_out()

    def _lay_out(self) -> None:
        note = QLabel(self.tr("A new interface language applies the next time Annotator starts."))
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Interface language"), self.language)
        form.addRow("", note)
        form.addRow(self.tr("Article font size"), self.font_size)
        form.addRow(self.tr("Annotator name"), self.annotator)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def _load(self) -> None:
        self.language.setCurrentIndex(self.language.findData(stored_language(self.settings)))
        self.font_size.setValue(stored_font_size(self.settings))
        self.annotator.setText(str(self.settings.value(ANNOTATOR_KEY, "") or ""))

    def chosen(self) -> dict[str, Any]:
        return {
            LANGUAGE_KEY: self.language.currentData(),
            FONT_SIZE_KEY: self.font_size.value(),
            ANNOTATOR_KEY: self.annotator.text().strip(),
        }

    def _stored(self) -> dict[str, Any]:
        return {
            LANGUAGE_KEY: stored_language(self.settings),
            FONT_SIZE_KEY: stored_font_size(self.settings),
            ANNOTATOR_KEY: str(self.settings.value(ANNOTATOR_KEY, "") or ""),
        }

    def accept(self) -> None:
        """Store the values (an empty annotator name is refused) and close."""
        values = self.chosen()
        if not values[ANNOTATOR_KEY]:
            dialogs.warn(self, self.tr("Settings"), self.tr("Please type the annotator's name."))
            self.annotator.setFocus()
            return
        before = self._stored()
        for key, value in values.items():
            self.settings.setValue(key, value)
        self.settings.sync()
        super().accept()
        self.saved.emit({key: value for key, value in values.items() if before[key] != value})
