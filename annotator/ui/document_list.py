"""The list of documents beside the article: title, status and span count for one annotator.

A project may hold 100,000 documents. The model never reads them all and the view holds
no widget per row: ``DocumentListModel`` asks ``DocumentListing`` (core) for pages of
``PAGE_SIZE`` rows as the view paints them, keeps the last ``CACHED_PAGES`` pages, and
so reads SQLite at most once per page until something changes. An edit's row is updated
from the edit's change set (``apply``), not read again.

Titles are shown as plain text: item views do not interpret rich text in DisplayRole,
and no delegate here changes that.
"""

from __future__ import annotations

import unicodedata
from collections import OrderedDict
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView, QVBoxLayout, QWidget

from annotator.core.model import Changes
from annotator.core.store.assignments import has_queue
from annotator.core.store.listing import DocumentListing, DocumentRow
from annotator.ui.tooltips import plain_tooltip

TITLE_COLUMN = 0
STATUS_COLUMN = 1
SPANS_COLUMN = 2
COLUMN_TITLES = (QT_TRANSLATE_NOOP("DocumentList", "Title"), QT_TRANSLATE_NOOP("DocumentList", "Status"), QT_TRANSLATE_NOOP("DocumentList", "Spans"))

#: data(index, DOCUMENT_KEY_ROLE) is the document's key (``documents.key``), in any column.
DOCUMENT_KEY_ROLE = Qt.ItemDataRole.UserRole

STATUS_TEXT = {"new": QT_TRANSLATE_NOOP("DocumentList", "new"), "in_progress": QT_TRANSLATE_NOOP("DocumentList", "in progress"), "done": QT_TRANSLATE_NOOP("DocumentList", "done")}
#: The filter "My queue": the documents assigned to the annotator, whatever their status.
QUEUE = "queue"
#: The filter menu: its text, and the status it keeps (None: every document; QUEUE: the
#: annotator's assignments, the default when they have any). My queue comes last so that
#: the status filters keep their places (and their index in scripts and benchmarks).
FILTERS = ((QT_TRANSLATE_NOOP("DocumentList", "All"), None), (QT_TRANSLATE_NOOP("DocumentList", "New"), "new"), (QT_TRANSLATE_NOOP("DocumentList", "In progress"), "in_progress"),
           (QT_TRANSLATE_NOOP("DocumentList", "Done"), "done"), (QT_TRANSLATE_NOOP("DocumentList", "My queue"), QUEUE))

PAGE_SIZE = 200
CACHED_PAGES = 8

_Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(QAbstractTableModel):
    """Documents in key order for one layer, optionally filtered by status, read in pages."""

    def __init__(
        self,
        project: Any,
        layer: str,
        status: str | None = None,
        parent: Any = None,
        page_size: int = PAGE_SIZE,
        cached_pages: int = CACHED_PAGES,
    ):
        super().__init__(parent)
        self.project = project
        self.page_size = page_size
        self.cached_pages = cached_pages
        self.listing = DocumentListing(project, layer, status)
        self._pages: OrderedDict[int, list[DocumentRow]] = OrderedDict()
        self._count = self.listing.count()

    # -- what the view asks -------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMN_TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMN_TITLES[section]) if 0 <= section < len(COLUMN_TITLES) else None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE_COLUMN:
                return row.title
            if column == STATUS_COLUMN:
                return _tr(STATUS_TEXT[row.status]) if row.status in STATUS_TEXT else row.status
            if column == SPANS_COLUMN:
                return row.spans
            return None
        if role == DOCUMENT_KEY_ROLE:
            return row.key
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(row.id)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == SPANS_COLUMN:
                return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
            if column == TITLE_COLUMN and _starts_right_to_left(row.title):
                # An Arabic title sits at the right edge, whatever the interface language.
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                           | Qt.AlignmentFlag.AlignVCenter)
        return None

    # -- for the list and the window ----------------------------------------------------

    def row_of(self, key: int) -> int | None:
        """The row showing document ``key``, or None if the filter hides it."""
        row = self.listing.row_of(key)
        return row if row is not None and row < self._count else None

    def key_at(self, row: int) -> int | None:
        found = self._row(row)
        return found.key if found else None

    def set_filter(self, status: str | None) -> None:
        if status == QUEUE:
            if not self.listing.queue:
                self.listing = self.listing.with_queue()
                self.refresh()
        elif status != self.listing.status or self.listing.queue:
            self.listing = self.listing.with_status(status)
            self.refresh()

    def set_layer(self, name: str) -> None:
        if name != self.listing.layer:
            self.listing = self.listing.with_layer(name)
            self.refresh()

    def refresh(self) -> None:
        """Re-read everything: the row count now, the rows when they are painted."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self.listing.count()
        self.endResetModel()

    def apply(self, changes: Changes) -> None:
        """Show what an edit changed in its document's row, from the change set: its status
        and span count. Only a status change under a status filter, which may move the
        document in or out of the list, re-lists."""
        if changes.document is None:
            return
        if self.listing.apply(changes):
            self.refresh()
            return
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.key == changes.document:
                    page[offset] = self._changed_row(row, changes)
                    at = number * self.page_size + offset
                    self.dataChanged.emit(self.index(at, 0), self.index(at, len(COLUMN_TITLES) - 1))
                    return

    def _changed_row(self, row: DocumentRow, changes: Changes) -> DocumentRow:
        layer = self.listing.layer
        added = sum(1 for span in changes.spans_added if span.layer == layer)
        removed = sum(1 for span in changes.spans_removed if span.layer == layer)
        return replace(row, status=changes.status or row.status, spans=row.spans + added - removed)

    # -- pages ----------------------------------------------------------------------------

    def _row(self, row: int) -> DocumentRow | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self.page_size)
        page = self._pages.get(number)
        if page is None:
            page = self.listing.page(number * self.page_size, self.page_size)
            self._pages[number] = page
            while len(self._pages) > self.cached_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None


def configure_view(view: QTableView, model: DocumentListModel) -> None:
    """Set up a table view for the document list: rows, no grid, nothing sized per row."""
    view.setModel(model)
    view.setShowGrid(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.setSortingEnabled(False)
    rows = view.verticalHeader()
    rows.hide()
    # Fixed heights: the view never asks 100,000 rows for their size.
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    columns = view.horizontalHeader()
    columns.setStretchLastSection(False)
    columns.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
    metrics = view.fontMetrics()
    for column, widest in ((STATUS_COLUMN, _tr("in progress")), (SPANS_COLUMN, _tr("Spans") + " 0000")):
        columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        columns.resizeSection(column, metrics.horizontalAdvance(widest) + 24)


def _tr(text: str) -> str:
    return QCoreApplication.translate("DocumentList", text)


class DocumentList(QWidget):
    """A status filter above the document table; says which document the user chose."""

    document_chosen = Signal(int)  # the document's key

    def __init__(self, project: Any, layer: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.filter = QComboBox()
        for text, _status in FILTERS:
            self.filter.addItem(_tr(text))
        self.model = DocumentListModel(project, layer, parent=self)
        self.view = QTableView()
        configure_view(self.view, self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)

        self._chosen: int | None = None  # the key last announced by document_chosen
        # The current document's key, kept here and not read back from the model: when the
        # model resets, the rows it would read already show the file after the change.
        self._current: int | None = None
        self.filter.currentIndexChanged.connect(self._filter_chosen)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._after_reset)
        self._default_filter()

    @property
    def listing(self) -> DocumentListing:
        return self.model.listing

    def current_key(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(DOCUMENT_KEY_ROLE) if index.isValid() else None

    def select_key(self, key: int) -> bool:
        """Make document ``key`` the current row (showing every status if the filter hides it)."""
        row = self.model.row_of(key)
        if row is None and (self.model.listing.status is not None or self.model.listing.queue):
            self.set_filter(None)
            row = self.model.row_of(key)
        if row is None:
            return False
        self._make_current(row)
        return True

    def select_quietly(self, key: int) -> None:
        """Make document ``key`` the current row without announcing it (it is already open)."""
        self._chosen = key
        self.select_key(key)

    def set_filter(self, status: str | None) -> None:
        self.filter.setCurrentIndex([s for _t, s in FILTERS].index(status))

    def set_layer(self, name: str) -> None:
        self.model.set_layer(name)
        self._default_filter()

    def filter_status(self) -> str | None:
        """What the filter keeps: a status, None for every document, or QUEUE."""
        return FILTERS[self.filter.currentIndex()][1]

    def _default_filter(self) -> None:
        """My queue when the annotator has assignments, every document otherwise."""
        if has_queue(self.model.project, self.model.listing.layer):
            self.set_filter(QUEUE)
        elif self.filter_status() == QUEUE:
            self.set_filter(None)

    def refresh(self) -> None:
        self.model.refresh()

    # -- reacting ---------------------------------------------------------------------------

    def _filter_chosen(self, index: int) -> None:
        self.model.set_filter(FILTERS[index][1])

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(DOCUMENT_KEY_ROLE) if current.isValid() else None
        if key is None:
            return
        self._current = key
        if key != self._chosen:
            self._chosen = key
            self.document_chosen.emit(key)

    def _after_reset(self) -> None:
        """Select the current document again if the new rows still list it (no signal)."""
        row = self.model.row_of(self._current) if self._current is not None else None
        if row is not None:
            self._make_current(row)

    def _make_current(self, row: int) -> None:
        index = self.model.index(row, TITLE_COLUMN)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)


def _starts_right_to_left(text: str) -> bool:
    """Whether the first strongly directional letter is Arabic or Hebrew (Unicode bidi)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False
