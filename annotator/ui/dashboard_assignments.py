"""The dashboard's assignments: per annotator with assignments, documents done of those
assigned, the words done of those assigned, and words per day (the words of the assigned
documents they marked done, over the days they worked: the UTC days with active time in
the window or with a document marked done; ``assignments.pace``). Below, the overlap
documents every assignee has marked done and gold has not settled yet, ready to
adjudicate; a click on one asks for it to be opened in the review window. A project
without assignments has no box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QTableWidget, QVBoxLayout

from annotator.core.store import Project, assignments
from annotator.ui import shown_names
from annotator.ui.bidi import isolate

translate = QCoreApplication.translate  # outside a QObject; lupdate reads translate("Context", "text")
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole
ROWS_SHOWN = 8  # the list scrolls beyond these


def rows(project: Project) -> list[list[str]]:
    """One row per annotator with assignments: name, done / assigned, words done / assigned,
    words per day (n/a before a day's work)."""
    progress, pace = assignments.progress(project), assignments.pace(project)
    found = []
    for name in sorted(progress):
        figures, worked = progress[name], pace.get(name, {"done_words": 0, "days": 0})
        per_day = (f"{worked['done_words'] / worked['days']:,.0f}" if worked["days"]
                   else translate("Dashboard", "n/a"))
        found.append([name, f"{figures['done']} / {figures['assigned']}",
                      f"{worked['done_words']:,} / {figures['words']:,}", per_day])
    return found


class AssignmentsBox(QGroupBox):
    def __init__(self, project: Project, table: Callable[[list[str], list[list[str]]], QTableWidget],
                 open_document: Callable[[str], None]):
        super().__init__(translate("Dashboard", "Assignments"))
        column = QVBoxLayout(self)
        self.table = table([translate("Dashboard", "annotator"), translate("Dashboard", "done / assigned"),
                            translate("Dashboard", "words done / assigned"), translate("Dashboard", "words per day")],
                           rows(project))
        column.addWidget(self.table)
        ready = assignments.ready_to_adjudicate(project)
        self.ready_count = QLabel(
            translate("Dashboard", "Ready to adjudicate ({0}): the documents every assignee has done "
                                   "(click to adjudicate)").format(len(ready)) if ready
            else translate("Dashboard", "No document of two or more assignees is done by all of them yet"))
        self.ready_count.setTextFormat(Qt.TextFormat.PlainText)
        self.ready_count.setWordWrap(True)
        column.addWidget(self.ready_count)
        self.ready = QListWidget()
        for document in ready:
            item = QListWidgetItem(translate("Dashboard", "{0} ({1})").format(
                isolate(document["title"] or document["id"]), shown_names.listed(map(isolate, document["assignees"]))))
            item.setData(DOCUMENT_ID_ROLE, document["id"])
            self.ready.addItem(item)
        self.ready.itemClicked.connect(lambda item: open_document(item.data(DOCUMENT_ID_ROLE)))
        self.ready.setVisible(bool(ready))
        if ready:
            shown = min(len(ready), ROWS_SHOWN)
            self.ready.setMaximumHeight(self.ready.sizeHintForRow(0) * shown + 2 * self.ready.frameWidth() + 4)
        column.addWidget(self.ready)


def assignments_box(project: Project, table: Callable[[list[str], list[list[str]]], QTableWidget],
                    open_document: Callable[[str], None]) -> AssignmentsBox | None:
    """The box, or None when nothing is assigned."""
    return AssignmentsBox(project, table, open_document) if assignments.annotators(project) else None
