"""Pieces of the review window: plain-text labels, unit states, the undoable decision
command, and one annotator's column of versions."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QUndoCommand
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.adjudicate import Unit
from annotator.core.errors import AnnotatorError
from annotator.core.model import Changes
from annotator.core.schema import Schema
from annotator.core.session import DocumentSession, Edit
from annotator.core.text import BIDI_CONTROLS
from annotator.ui import shown_names
from annotator.ui.bidi import isolate, isolate_ltr, strip_isolates
from annotator.ui.tooltips import plain_tooltip

if TYPE_CHECKING:
    from annotator.ui.review_window import ReviewWindow


UNIT_KEY_ROLE = Qt.ItemDataRole.UserRole
GOLD_STATUS = {"new": QT_TRANSLATE_NOOP("ReviewWindow", "not started"),
               "in_progress": QT_TRANSLATE_NOOP("ReviewWindow", "in review"),
               "done": QT_TRANSLATE_NOOP("ReviewWindow", "adjudicated")}
# The fields of every version; its attributes and links are named as the schema shows them.
FIELD_NAMES = {"label": QT_TRANSLATE_NOOP("ReviewWindow", "label"), "chars": QT_TRANSLATE_NOOP("ReviewWindow", "chars"),
               "note": QT_TRANSLATE_NOOP("ReviewWindow", "note")}
OPEN_DISAGREEMENT = QColor("#fde3e0")
SETTLED_TEXT = QColor("#7a7a7a")
DIFFERS_COLOR = "#b3261e"
WORDS_IN_LIST = 70
COLUMNS_PER_ROW = 4  # annotators' versions side by side; a fifth starts a second row
_PICK_KEYS = {ord("1") + i: i for i in range(9)}
_NEXT_KEYS = {Qt.Key.Key_Down.value, ord("J")}
_PREVIOUS_KEYS = {Qt.Key.Key_Up.value, ord("K")}
_NO_SHORTCUT_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                          | Qt.KeyboardModifier.MetaModifier | Qt.KeyboardModifier.ShiftModifier)


def plain_label(text: str = "", rtl: bool = False, font: QFont | None = None) -> QLabel:
    """A label that never interprets its text as HTML; right to left for article words."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if rtl:
        label.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                           | Qt.AlignmentFlag.AlignTop)
    if font is not None:
        label.setFont(font)
    return label


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReviewWindow", text)


def gold_status_text(status: str) -> str:
    return _tr(GOLD_STATUS[status]) if status in GOLD_STATUS else status


def unit_state(unit: Unit, schema: Schema | None = None) -> str:
    """What the unit list says about a unit: agreed, what differs, or how it was settled,
    each in the interface language (what differs as ``differences`` words it)."""
    if unit.settled:
        return QCoreApplication.translate("ReviewWindow", "settled: {0}").format(shown_names.review_word(unit.settled))
    if unit.agreed:
        return QCoreApplication.translate("ReviewWindow", "agreed")
    return QCoreApplication.translate("ReviewWindow", "differs: {0}").format(differences(unit, schema))


def differences(unit: Unit, schema: Schema | None) -> str:
    """What differs in a unit, each attribute and link by the name the window shows it with."""
    return shown_names.listed(shown_names.difference(schema, d) if schema else d for d in unit.differences)


def right_to_left(text: str) -> bool:
    """Whether the text holds Arabic or Hebrew letters (shown right-aligned, in the Arabic font)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def visible(text: str) -> str:
    """The words with each invisible bidi control named, so that they read as stored."""
    return "".join(f"⟨U+{ord(c):04X}⟩" if c in BIDI_CONTROLS else c for c in text)


def one_line(text: str, limit: int = WORDS_IN_LIST) -> str:
    text = " ".join(visible(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _hidden(unit: Unit) -> str:
    count = unit.hidden_controls
    if count == 1:
        text = _tr("1 invisible bidi control inside: the words may not read as shown in the article; "
                   "they are named ⟨U+…⟩ here")
    else:
        text = _tr("{0} invisible bidi controls inside: the words may not read as shown in the article; "
                   "they are named ⟨U+…⟩ here")
    return text.format(count)


class ReviewCommand(QUndoCommand):
    """A decision on the undo stack: done through the gold layer's document session before
    it was pushed, so the first redo is skipped; undo and redo go back through the session
    (``DocumentSession.perform_again``: undo after redo removes the spans the redo made)."""

    def __init__(self, window: "ReviewWindow", text: str, session: DocumentSession, edit: Edit,
                 unit_key: str | None):
        super().__init__(text)
        self._window, self._session, self._edit = window, session, edit
        self.unit_key = unit_key
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        if self._guard(lambda: self._session.redo(self._edit)):
            self._window.go_to_unit(self.unit_key)

    def undo(self) -> None:
        if self._guard(lambda: self._session.undo(self._edit)):
            self._window.go_to_unit(self.unit_key)

    def _guard(self, step: Callable[[], Changes]) -> bool:
        try:
            step()
        except AnnotatorError as error:
            # The core rolled back; the project file is as it was. This step cannot be
            # repeated (an annotator changed the unit since), so it leaves the stack.
            self._window.say(f"Not done: {error}")
            self.setObsolete(True)
            self._window.reload()
            return False
        return True


class VersionColumn(QGroupBox):
    """One annotator's version(s) of the current unit, and the button that picks it."""

    def __init__(self, number: int, layer: str, arabic: QFont, pick: Callable[[], None],
                 schema: Schema | None = None):
        # The key's number reads "1." on the side where the line begins, in either interface.
        super().__init__(f"{isolate_ltr(f'{number}.')} {isolate(layer)}" if number <= 9 else layer)
        self.layer = layer
        self.schema = schema
        self.arabic = arabic
        self.arabic_small = QFont(arabic)
        self.arabic_small.setPointSize(max(8, arabic.pointSize() - 2))
        self.body: QWidget | None = None
        self.words: list[QLabel] = []
        self.details: list[dict[str, QLabel]] = []
        shortcut = f"  ({number})" if number <= 9 else ""
        self.pick_button = QPushButton(self.tr("Pick {0}").format(isolate(layer)) + shortcut)
        self.pick_button.setToolTip(plain_tooltip(
            self.tr("Take {0}'s version as gold").format(isolate(layer))
            + (self.tr("; key {0}").format(number) if number <= 9 else "")))
        self.pick_button.clicked.connect(pick)
        self.setMinimumWidth(120)
        self.document_note = plain_label()
        self.document_note.setObjectName("document-note")
        self.document_note.hide()
        self.outer = QVBoxLayout(self)
        self.outer.addStretch(1)
        self.outer.addWidget(self.document_note)
        self.outer.addWidget(self.pick_button)

    def show_document_note(self, text: str | None) -> None:
        """This annotator's note on the whole document (a reviewer may always read it);
        hidden when there is none."""
        self.document_note.setVisible(bool(text))
        if text:
            self.document_note.setText(self.tr("Note on the document: {0}").format(isolate(text)))

    def show_versions(self, rows: list[list[tuple[str, str, bool, bool]]], color: str | None) -> None:
        """``rows``: per version, (field, value, right_to_left, differs) in display order."""
        if self.body is not None:
            # Hidden and detached now: deleteLater alone would leave it painted until the
            # event loop runs, on top of the new unit's versions.
            self.outer.removeWidget(self.body)
            self.body.hide()
            self.body.setParent(None)
            self.body.deleteLater()
        self.body = QWidget()
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 0, 0)
        self.words, self.details = [], []
        if not rows:
            column.addWidget(plain_label(self.tr("(no span here)")))
        for index, fields in enumerate(rows):
            if index:
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                column.addWidget(line)
            form = QFormLayout()
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            shown: dict[str, QLabel] = {}
            for name, value, rtl, differs in fields:
                if name == "words":
                    words = plain_label(value, rtl=True, font=self.arabic)
                    words.setObjectName("words")
                    border = f"2px solid {DIFFERS_COLOR}" if differs else "1px solid #c8c8c8"
                    background = f"background: {color};" if color else ""
                    words.setStyleSheet(f"QLabel#words {{ {background} border: {border};"
                                        " border-radius: 3px; padding: 4px; }")
                    column.addWidget(words)
                    self.words.append(words)
                    continue
                key = plain_label(("≠ " if differs else "") + self._field_title(name))
                key.setWordWrap(False)
                if differs:
                    key.setStyleSheet(f"color: {DIFFERS_COLOR}; font-weight: bold;")
                field = plain_label(value, rtl=rtl, font=self.arabic_small if rtl else None)
                form.addRow(key, field)
                shown[name] = field
            column.addLayout(form)
            self.details.append(shown)
        self.outer.insertWidget(0, self.body)
        self.body.show()  # a layout shows a new child only when the event loop runs

    def _field_title(self, name: str) -> str:
        if name in FIELD_NAMES:
            return _tr(FIELD_NAMES[name])
        return shown_names.difference(self.schema, name) if self.schema else name

    def field(self, name: str, version: int = 0) -> str:
        """A field as it reads, without the isolates that keep its parts in order."""
        return strip_isolates(self.details[version][name].text())
