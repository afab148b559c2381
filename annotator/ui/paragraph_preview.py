"""Shift+Enter's confirmation: what accepting the paragraph will add, before it adds it.

The suggestions are listed as plain text (an article's words are never read as markup),
one line each in reading order, in a right-to-left paragraph whatever the first letter
of a line (a claim can open with a Latin name). Enter accepts, Esc cancels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from annotator.ui.bidi import isolate_ltr, isolate_words


class ParagraphPreview(QDialog):
    def __init__(self, parent: QWidget | None, items: list[tuple[str | None, str]]):
        """``items``: (speaker words or None, claim words) of each suggestion, in reading order."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Accept the paragraph"))
        self.count = QLabel(self.tr("Suggestions to accept: {0}").format(len(items)))
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QPlainTextEdit(self)
        self.list.setReadOnly(True)
        self.list.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        option = self.list.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.list.document().setDefaultTextOption(option)
        self.list.setPlainText("\n".join(_line(number, speaker, claim)
                                         for number, (speaker, claim) in enumerate(items, 1)))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter is for the Accept button
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        accept = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        accept.setText(self.tr("Accept"))
        accept.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.resize(560, 320)
        accept.setFocus()


def _line(number: int, speaker: str | None, claim: str) -> str:
    # "1." reads as written, at the line's start on the right; each span's words keep the
    # article's direction even when they open with a Latin name.
    number = isolate_ltr(f"{number}.")
    return (f"{number} {isolate_words(speaker)}: {isolate_words(claim)}" if speaker
            else f"{number} {isolate_words(claim)}")


def confirm_paragraph(parent: QWidget | None, items: list[tuple[str | None, str]]) -> bool:
    """Show what the paragraph's suggestions are and how many; True if the annotator accepts."""
    accepted = ParagraphPreview(parent, items).exec() == QDialog.DialogCode.Accepted
    if parent is not None:
        # The annotator goes on with keys (Ctrl+Z, Tab); not every platform gives the
        # keyboard back to the window a dialog came from.
        parent.window().activateWindow()
        parent.setFocus()
    return accepted
