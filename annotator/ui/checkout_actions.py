"""File → Check out for offline work… and File → Check in…: thin calls of
``formats/checkout.py`` (``annotator checkout`` and ``annotator checkin``) with a file
dialog and a message that says what was done.

The file dialogs and the check-out module are imported on first use (docs/architecture.md,
"Layers").
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction

from annotator.core.errors import AnnotatorError
from annotator.core.store import assignments
from annotator.ui import dialogs
from annotator.ui.bidi import isolate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from annotator.ui.main_window import MainWindow

translate = QCoreApplication.translate  # outside a QObject; lupdate reads translate("Context", "text")


def install(window: "MainWindow", file_menu: "QMenu") -> None:
    """The two actions after File → Import… and Export… (the menu's first two), beside the
    other ways work leaves and enters the project."""
    after_transfer = file_menu.actions()[2]
    for text, slot in ((translate("Checkout", "Check out for offline work…"), lambda: check_out(window)),
                       (translate("Checkout", "Check in…"), lambda: check_in(window))):
        action = QAction(window)
        action.setText(text)
        action.triggered.connect(lambda *_, slot=slot: slot())
        action.setEnabled(not window.project.read_only)
        file_menu.insertAction(after_transfer, action)
    file_menu.insertSeparator(after_transfer)


def check_out(window: "MainWindow", annotator: str | None = None, destination: str | None = None) -> bool:
    """Ask whose documents (the window's annotator first) and where, then check out."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog  # on first use (docs/architecture.md, "Layers")

    from annotator.formats.checkout import check_out as write_checkout

    if annotator is None:
        annotator, chosen = QInputDialog.getText(window, translate("Checkout", "Check out for offline work"),
                                                 translate("Checkout", "Whose documents and annotations:"),
                                                 text=window.annotator)
        if not chosen or not annotator.strip():
            return False
    annotator = annotator.strip()
    everything = False
    if not assignments.queue(window.project, annotator):
        everything = dialogs.ask(window, translate("Checkout", "No documents assigned"), translate(
            "Checkout", "{0} has no documents assigned. Check out every document of the project?").format(
                isolate(annotator)))
        if not everything:
            return False
    if destination is None:
        destination, _ = QFileDialog.getSaveFileName(
            window, translate("Checkout", "Check out to"), str(window.project_path.with_name(f"{annotator}.sqlite")),
            translate("Checkout", "Project files (*.sqlite)"))
        if not destination:
            return False
    try:
        report = write_checkout(window.project, annotator, destination, everything)
    except AnnotatorError as error:
        dialogs.warn(window, translate("Checkout", "Nothing checked out"), dialogs.user_message(error))
        return False
    _inform(window, translate("Checkout", "Checked out"), translate(
        "Checkout", "{0} document(s) with the annotations of {1} are in {2}. Open that file on the laptop; "
        "bring the work back with File → Check in….").format(report.documents, isolate(annotator),
                                                             isolate(str(report.destination))))
    return True


def check_in(window: "MainWindow", source: str | None = None) -> bool:
    """Ask for the checked-out file, check it in, and ask which side wins any conflict."""
    from PySide6.QtWidgets import QFileDialog  # on first use (docs/architecture.md, "Layers")

    if source is None:
        source, _ = QFileDialog.getOpenFileName(window, translate("Checkout", "Check in"), str(window.project_path.parent),
                                                translate("Checkout", "Project files (*.sqlite)"))
        if not source:
            return False
    report = _check_in(window, Path(source), None)
    if report is None:
        return False
    if report.conflicts and dialogs.ask(window, translate("Checkout", "Edited on both sides"), translate(
            "Checkout", "{0} document(s) were edited in this project too since the check-out, and were left "
            "alone. Take the checked-out file's version of them?").format(len(report.conflicts))):
        settled = _check_in(window, Path(source), "checkout")
        if settled is None:
            return False
        report.taken += settled.taken
        report.settled, report.prefer, report.conflicts = settled.settled, "checkout", []
    window.documents.refresh()
    if window.editor.document is not None:
        window._document_chosen(window.editor.document)
    _inform(window, translate("Checkout", "Checked in"), checkin_summary(report))
    return True


def checkin_summary(report) -> str:
    """What a check-in did, in the window's language (``CheckinReport.summary`` is the
    command line's)."""
    if not (report.taken or report.conflicts or report.settled or report.refused):
        return translate("Checkout", "Nothing new to check in: the annotations in {0} are as this project "
                         "has them. Nothing changed.").format(isolate(str(report.source)))
    lines = [translate("Checkout", "Checked in the annotations of {0} on {1} document(s).").format(
        isolate(report.annotator), len(report.taken))]
    if report.settled:
        lines.append(translate("Checkout", "{0} document(s) edited on both sides: the checked-out file's "
                               "version was taken.").format(len(report.settled)))
    if report.conflicts:
        lines.append(translate("Checkout", "{0} document(s) edited on both sides were left alone: {1}").format(
            len(report.conflicts), ", ".join(isolate(doc_id) for doc_id in report.conflicts)))
    if report.refused:
        lines.append(translate("Checkout", "{0} document(s) refused (their text differs from the project's, or "
                               "the project does not have them): {1}").format(
            len(report.refused), ", ".join(isolate(doc_id) for doc_id, _ in report.refused)))
    return "\n".join(lines)


def _check_in(window: "MainWindow", source: Path, prefer: str | None):
    from annotator.formats.checkout import check_in as read_checkin

    try:
        return read_checkin(window.project, source, prefer)
    except AnnotatorError as error:
        dialogs.warn(window, translate("Checkout", "Nothing checked in"), dialogs.user_message(error))
        return None


def _inform(window: "MainWindow", title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
