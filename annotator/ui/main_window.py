"""The main window: the document list beside the article, read right to left.

The article is shown with ``setPlainText`` only; titles and names go through widgets
that treat them as plain text. Annotation editing lands here with the editor issue.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextOption
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QSplitter,
)

from annotator.core.store import Project
from annotator.ui.app import application, load_arabic_font

DOCUMENT_KEY_ROLE = Qt.ItemDataRole.UserRole


class ArticleView(QPlainTextEdit):
    """A read-only article, every paragraph right to left and right-aligned."""

    def __init__(self, font_family: str, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setFont(QFont(font_family, 16))
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)

    def show_text(self, text: str) -> None:
        self.setPlainText(text)


class MainWindow(QMainWindow):
    def __init__(self, project_path: str | Path, annotator: str | None = None):
        application()
        super().__init__()
        self.project = Project.open(project_path)
        self.annotator = annotator
        self.setWindowTitle(f"Annotator: {Path(project_path).name}")
        self.documents = QListWidget()
        self.documents.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.article = ArticleView(load_arabic_font())
        splitter = QSplitter()
        splitter.addWidget(self.documents)
        splitter.addWidget(self.article)
        splitter.setSizes([280, 900])
        self.setCentralWidget(splitter)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.status_label)
        self.documents.currentItemChanged.connect(self._document_chosen)
        self._fill_documents()
        self.resize(1200, 800)

    def _fill_documents(self) -> None:
        for document in self.project.documents():
            item = QListWidgetItem(document.title)
            item.setData(DOCUMENT_KEY_ROLE, document.key)
            item.setToolTip(document.id)
            self.documents.addItem(item)
        if self.documents.count():
            self.documents.setCurrentRow(0)

    def _document_chosen(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.open_document_key(item.data(DOCUMENT_KEY_ROLE))

    def open_document_key(self, key: int) -> None:
        document = self.project.document(key)
        self.article.show_text(document.text)
        self.status_label.setText(f"{document.id} · {len(document.text)} characters")

    def open_document(self, doc_id: str) -> None:
        """Open a document by the id it has in the JSONL export."""
        for row in range(self.documents.count()):
            item = self.documents.item(row)
            if item.toolTip() == doc_id:
                self.documents.setCurrentRow(row)
                return
        raise KeyError(doc_id)

    def closeEvent(self, event) -> None:
        self.project.close()
        super().closeEvent(event)
