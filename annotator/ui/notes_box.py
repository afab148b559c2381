"""Notes beside the article: this annotator's note on the selected span and on the
document, and, where the project lets them be seen, the other annotators' notes.

Each box is saved when its Return is pressed or it loses the keyboard: one session call
(``DocumentSession.set_note``), one undoable action; emptied, the note is cleared. M in
the article writes on the selected span, Shift+M on the document (``editor_keys``).
Notes are shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from annotator.core.model import Note
from annotator.core.store import notes as note_store
from annotator.ui.bidi import isolate


class NotesBox(QWidget):
    note_edited = Signal(object, str)  # the span id (None: the document), the note's text

    def __init__(self, parent=None):
        super().__init__(parent)
        self.span_note = QLineEdit()
        self.span_note.setPlaceholderText(self.tr("A note on the selected span (M)"))
        self.document_note = QLineEdit()
        self.document_note.setPlaceholderText(self.tr("A note on this document (Shift+M)"))
        self.others = QLabel()
        self.others.setTextFormat(Qt.TextFormat.PlainText)
        self.others.setWordWrap(True)
        self.others.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.others_title = QLabel(self.tr("Others' notes"))
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.tr("Span note"), self.span_note)
        layout.addRow(self.tr("Document note"), self.document_note)
        layout.addRow(self.others_title, self.others)
        self._span: int | None = None
        self._shown: dict[QLineEdit, str] = {self.span_note: "", self.document_note: ""}
        self.span_note.editingFinished.connect(lambda: self._finished(self.span_note, self._span))
        self.document_note.editingFinished.connect(lambda: self._finished(self.document_note, None))
        self.show_others([])

    def show_notes(self, span_id: int | None, notes: dict[int | None, Note]) -> None:
        """This layer's notes (``DocumentSession.notes``) on span ``span_id`` and the document."""
        self._span = span_id
        self.span_note.setEnabled(span_id is not None)
        self._set(self.span_note, notes[span_id].text if span_id in notes and span_id is not None else "")
        self._set(self.document_note, notes[None].text if None in notes else "")

    def show_others(self, notes: list[Note]) -> None:
        """Other annotators' notes this one may see, each with its author and its span's words."""
        lines = []
        for note in notes:
            where = self.tr("the document") if note.span is None else self.tr("a span")
            lines.append(f"{isolate(note.layer)} ({where}): {isolate(note.text)}")
        self.others.setText("\n".join(lines))
        self.others.setVisible(bool(lines))
        self.others_title.setVisible(bool(lines))

    def focus_note(self, span_id: int | None) -> None:
        box = self.document_note if span_id is None else self.span_note
        box.setFocus()
        box.selectAll()

    def _set(self, box: QLineEdit, text: str) -> None:
        self._shown[box] = text
        if box.text() != text:
            box.setText(text)

    def _finished(self, box: QLineEdit, span_id: int | None) -> None:
        if not box.isEnabled() or box.text().strip() == self._shown[box]:
            return
        self._shown[box] = box.text().strip()
        self.note_edited.emit(span_id, box.text())


def others_visible(project, document: int, layer: str) -> list[Note]:
    """The other layers' notes on ``document`` that ``layer``'s annotator may read."""
    return [note for note in note_store.visible_notes(project, document, layer) if note.layer != layer]
