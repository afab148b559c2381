"""The dashboard's quick decisions: review decisions taken in under two seconds, from
showing the unit to deciding, are worth a second look. A count, and a list of them (the
document, the words, the decision, who took it, how fast); a click on one asks for its
document to be opened for adjudication."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from annotator.core.decision_reasons import quick_decisions
from annotator.core.store import Project
from annotator.ui import shown_names
from annotator.ui.bidi import isolate
from annotator.ui.review_parts import one_line

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole
ROWS_SHOWN = 6  # the list scrolls beyond these


class QuickDecisions(QGroupBox):
    def __init__(self, project: Project, open_document: Callable[[str], None]):
        super().__init__(self.tr("Decisions taken in under two seconds"))  # QUICK_MS
        found = quick_decisions(project)
        column = QVBoxLayout(self)
        self.count = QLabel(self.tr("{0} decisions taken this fast: worth a second look (click to open the "
                                    "document)").format(len(found)) if found
                            else self.tr("No decision was taken this fast"))
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setWordWrap(True)
        column.addWidget(self.count)
        self.list = QListWidget()
        for decision in found:
            text = self.tr("{0}: «{1}», {2} by {3} in {4} s").format(
                isolate(decision["document"]), isolate(one_line(decision["text"], 50)),
                shown_names.review_word(decision["decision"]), isolate(decision["decided_by"]),
                f"{decision['decision_ms'] / 1000:.1f}")
            item = QListWidgetItem(text)
            item.setData(DOCUMENT_ID_ROLE, decision["document"])
            self.list.addItem(item)
        self.list.itemClicked.connect(lambda item: open_document(item.data(DOCUMENT_ID_ROLE)))
        self.list.setVisible(bool(found))
        if found:
            rows = min(len(found), ROWS_SHOWN)
            self.list.setMaximumHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 4)
        column.addWidget(self.list)
