"""Find in the article, ignoring harakat and tatweel and folding alef/hamza forms.

Hits are found by the core on the stored text and shown at their exact offsets; going
to a hit selects it, so a label key labels it directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

from annotator.ui.article_view import ArticleView

if TYPE_CHECKING:
    from annotator.core.search import FoldedText

HIT_COLOR = QColor("#ffe36e")


class SearchBar(QWidget):
    closed = Signal()

    def __init__(self, view: ArticleView, parent=None):
        super().__init__(parent)
        self.view = view
        self.hits: list[tuple[int, int]] = []
        self.current = -1
        self._folded: FoldedText | None = None
        self._folded_for = None
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Find (ignores harakat and tatweel, أ/إ/آ = ا)"))
        self.query.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(self.search)
        self.query.returnPressed.connect(lambda: self.go(1))
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        previous, following, close = QToolButton(), QToolButton(), QToolButton()
        previous.setText("↑")
        following.setText("↓")
        close.setText("×")
        previous.clicked.connect(lambda: self.go(-1))
        following.clicked.connect(lambda: self.go(1))
        close.clicked.connect(self.close_bar)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.query, self.close_bar)
        QShortcut(QKeySequence("Shift+Return"), self.query, lambda: self.go(-1))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (self.query, self.count, previous, following, close):
            layout.addWidget(widget)

    def open_bar(self) -> None:
        self.show()
        self.query.setFocus()
        self.query.selectAll()
        self.search(self.query.text())

    def close_bar(self) -> None:
        self.hide()
        self.view.setExtraSelections([])
        self.view.setFocus()
        self.closed.emit()

    def search(self, query: str) -> None:
        from annotator.core.search import find_all, fold_with_map  # on first use (docs/architecture.md, "Layers")

        text = self.view.text
        if self._folded_for is not text:
            self._folded, self._folded_for = fold_with_map(text), text
        self.hits = find_all(text, query, folded=self._folded) if query.strip() else []
        self.current = -1
        self._show_hits()
        self.count.setText(self.tr("{0} found").format(len(self.hits)) if query.strip() else "")

    def go(self, step: int) -> None:
        """Select the next (or previous) hit in the article."""
        if not self.hits:
            return
        self.current = (self.current + step) % len(self.hits)
        start, end = self.hits[self.current]
        self.view.select_range(start, end)
        self.view.sub_word = True  # the hit is exactly what was found, even inside a word
        self.count.setText(self.tr("{0} of {1}").format(self.current + 1, len(self.hits)))

    def _show_hits(self) -> None:
        selections = []
        hit_format = QTextCharFormat()
        hit_format.setBackground(HIT_COLOR)
        for start, end in self.hits[:2000]:
            qt_start, qt_end = self.view.offsets.range_to_qt(start, end)
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.view.document())
            cursor.setPosition(qt_start)
            cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = hit_format
            selections.append(selection)
        self.view.setExtraSelections(selections)
