"""The hint over an article that has no spans yet: how the first one is made.

It names the schema's label keys (by their shown names) and F1 for every key. It leaves
for good, on that document, once the annotator selects words or the document has a span;
a read-only project gets none, since nothing can be labelled there.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel

from annotator.ui import shown_names
from annotator.ui.editor import Editor

MARGIN = 12


class EmptyHint(QLabel):
    def __init__(self, editor: Editor):
        super().__init__(editor.view)
        self.editor = editor
        self.setObjectName("empty_hint")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("QLabel#empty_hint { background: rgb(255, 248, 214); color: #333;"
                           " border: 1px solid #e0c870; border-radius: 6px; padding: 8px; }")
        self.setFont(QApplication.font())  # the interface's font, not the article's larger one
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # a click reaches the words under it
        self.setText(self.words())
        self._dismissed = False
        self.hide()
        view = editor.view
        view.textChanged.connect(self._document_opened)  # the view is given each opened document's text
        view.selectionChanged.connect(self._selection_changed)
        editor.changed.connect(lambda _changes: self.follow())
        view.installEventFilter(self)

    def words(self) -> str:
        schema = self.editor.project.schema
        # A key and its label never part at a line's end.
        keys = " / ".join(f"{label.key.upper()}\u00a0{shown_names.label(schema, label.name)}" for label in schema.labels)
        return self.tr("Select words with the mouse or Shift+arrows, then press {0}. F1 lists every key.").format(keys)

    def follow(self) -> None:
        """Shown while the open document has no span and the annotator has selected nothing."""
        editor = self.editor
        wanted = (not self._dismissed and editor.session is not None and not editor.project.read_only
                  and editor.span_count() == 0)
        if wanted:
            self._place()
            self.raise_()
        self.setVisible(wanted)

    def _document_opened(self) -> None:
        self._dismissed = False
        self.follow()

    def _selection_changed(self) -> None:
        if self.editor.view.textCursor().hasSelection():
            self._dismissed = True
        self.follow()

    def _place(self) -> None:
        view = self.editor.view
        width = max(120, view.viewport().width() - 2 * MARGIN)
        self.setFixedWidth(width)
        self.adjustSize()
        viewport = view.viewport().geometry()
        self.move(viewport.left() + MARGIN, viewport.bottom() - self.height() - MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False
