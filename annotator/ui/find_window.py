"""Edit → Search the corpus… (Ctrl+Shift+F): the corpus search of docs/search.md in a window
of its own. A query runs when Enter is pressed; each hit shows its document's title, the
layer, the label and the span's words in their context (plain text, each piece isolated
so that the bidi algorithm keeps Arabic words right to left beside the interface's
punctuation); choosing a hit opens its document in the main window with the span's words
selected and scrolled to. The query is read and run by the core (``core/find_query.py``,
``store/find.py``); a query that cannot run is answered under the box, never by a dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.find_query import Hit, QueryError, fields, parse
from annotator.core.store import Project
from annotator.core.store.find import find
from annotator.ui import dialogs, shown_names
from annotator.ui.bidi import isolate, isolate_ltr, isolate_words
from annotator.ui.review_parts import one_line

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

HIT_ROLE = Qt.ItemDataRole.UserRole
LIMIT = 200
TITLE_LENGTH = 80  # a longer title is cut with an ellipsis
EXAMPLE = 'label:CLAIM stance:AGAINST about:"مسار جنيف" layer:mona'


class FindWindow(QWidget):
    hit_chosen = Signal(object)  # the Hit

    def __init__(self, project: Project, reader: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.project = project
        self.reader = reader  # whose notes count for has:note: the window's annotator, as they change
        self.hits: list[Hit] = []
        self.setWindowTitle(self.tr("Search the corpus"))
        self.query = QLineEdit()
        self.query.setClearButtonEnabled(True)
        self.query.setPlaceholderText(self.tr("Words, or terms such as {0}").format(EXAMPLE))
        self.query.returnPressed.connect(self.run)
        self.fields = QLabel(self.tr("Fields: {0}").format(isolate_ltr(" ".join(fields(project.schema)))))
        self.message = QLabel()
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.setSpacing(2)
        self.results.itemActivated.connect(self._chosen)
        self.results.itemClicked.connect(self._chosen)
        column = QVBoxLayout(self)
        for label in (self.fields, self.message):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (self.query, self.fields, self.message, self.results):
            column.addWidget(widget)
        self.resize(900, 600)

    def run(self, text: str | None = None) -> list[Hit]:
        """Run the query in the box (or ``text``, put in the box) and list its hits."""
        if text is not None:
            self.query.setText(text)
        self.results.clear()
        self.hits = []
        try:
            query = parse(self.query.text(), self.project.schema, self.project.layer_names())
            self.hits, more = find(self.project, query, LIMIT, reader=self.reader())
        except QueryError as error:
            self.message.setText(str(error))
            return []
        except AnnotatorError as error:
            self.message.setText(dialogs.user_message(error))
            return []
        for hit in self.hits:
            item = QListWidgetItem(self.row_text(hit))
            item.setData(HIT_ROLE, hit)
            self.results.addItem(item)
        self.message.setText(self._count(len(self.hits), more))
        if self.hits:
            self.results.setCurrentRow(0)
        return self.hits

    def row_text(self, hit: Hit) -> str:
        """The hit's two lines: its document's title, layer and label; then the span's
        words «in» their context (a document's first words, for a document found)."""
        title = isolate(one_line(hit.title, TITLE_LENGTH))
        if hit.span is None:
            return f"{title}\n{isolate_words(_line(hit.after) + '…')}"
        opening = "…" if hit.before and hit.start > len(hit.before) else ""
        context = f"{opening}{_line(hit.before)}«{_line(hit.words)}»{_line(hit.after)}"
        heading = self.tr("{0} — {1}, {2}").format(title, isolate(hit.layer),
                                                   shown_names.label(self.project.schema, hit.label))
        return f"{heading}\n{isolate_words(context)}"

    def _count(self, count: int, more: bool) -> str:
        if more:
            return self.tr("The first {0} hits; more follow: narrow the query").format(count)
        if not count:
            return self.tr("Nothing found")
        return self.tr("Hits: {0} (Enter or a click opens one at its words)").format(count)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.hit_chosen.emit(item.data(HIT_ROLE))


def _line(text: str) -> str:
    return " ".join(text.split("\n"))


def open_find_window(window: "MainWindow") -> FindWindow:
    """The main window's search window (made on first use, closed with it), in front."""
    found = window.findChild(FindWindow)
    if found is None:
        found = FindWindow(window.project, lambda: window.annotator, window)
        found.hit_chosen.connect(lambda hit: show_hit(window, hit))
    found.show()
    found.raise_()
    found.activateWindow()
    found.query.setFocus()
    return found


def show_hit(window: "MainWindow", hit: Hit) -> None:
    """Open the hit's document in the main window, its span's words selected and in view;
    a span of the window's own layer is selected as a span too (its details beside)."""
    if hit.span is None:  # a document (disagree:), not words
        window.show_words(hit.doc_id)
    else:
        window.show_words(hit.doc_id, hit.start, hit.end, hit.layer, hit.span)
