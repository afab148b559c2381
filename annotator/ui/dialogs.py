"""Message boxes that show their text as text.

QMessageBox guesses whether a message is HTML; a file name or an article's words in an
error message could then be rendered (and could load a resource). These never guess.

QMessageBox is imported by each function that shows a message, on first use
(docs/architecture.md, "Layers"): PySide creates the class and its enums on import, which
would slow every start of the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from annotator.core.errors import AnnotatorError, Remedy

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


_REMEDIES = {
    Remedy.NAME_LAYER: QT_TRANSLATE_NOOP("Dialogs", "Type whose annotations they are under “Whose annotations” in the Import dialog."),
    Remedy.REPLACE_LAYER: QT_TRANSLATE_NOOP("Dialogs", "Import it again and confirm that the layer is to be replaced."),
    Remedy.NAME_ENCODING: QT_TRANSLATE_NOOP("Dialogs", "Save the file as UTF-8 and import it again."),
    Remedy.NAME_FORMAT: QT_TRANSLATE_NOOP("Dialogs", "Choose its format under “Format” in the Import dialog."),
}


def user_message(error: Exception) -> str:
    """The error's message with its remedy in the window's words (never a command-line flag)."""
    remedy = _REMEDIES.get(error.remedy or "") if isinstance(error, AnnotatorError) else None
    return f"{error}\n\n{QCoreApplication.translate('Dialogs', remedy)}" if remedy else str(error)


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def warn(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    box = _box(parent, QMessageBox.Icon.Question, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
