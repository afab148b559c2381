"""The Import and Export dialogs: the CLI's format choices, a progress bar, and a summary
of what was written, imported or refused. The work itself is core and formats calls."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD_LAYER
from annotator.ui import dialogs
from annotator.ui.bidi import isolate

if TYPE_CHECKING:
    from annotator.core.ingest import ImportReport
    from annotator.core.store import Project

AUTO = "auto"  # as registry.inputs names it


def _registry():
    """The formats registry, imported on first use (docs/architecture.md, "Layers"): it
    loads the readers and writers, which the window needs only once an Import or Export
    dialog opens."""
    from annotator.formats import registry

    return registry


def _summary_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setReadOnly(True)
    box.setPlaceholderText(QCoreApplication.translate("ExportDialog", "What was written or refused appears here."))
    box.setMinimumHeight(120)
    return box


def _path_row(edit: QLineEdit, *buttons: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    for button in buttons:
        layout.addWidget(button)
    return row


class ExportDialog(QDialog):
    """Choose a format, a layer and a destination; export with progress; show the report."""

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        from annotator.formats.native_export import GOLD_WITH_REVIEW

        self.project = project
        self.setWindowTitle(self.tr("Export"))
        self.format = QComboBox()
        registry = _registry()
        for name in registry.EXPORT_FORMATS:
            self.format.addItem(registry.FORMATS[name].title, name)
        self.layer = QComboBox()
        for layer in ("all", GOLD_LAYER, GOLD_WITH_REVIEW, *[n for n in project.layer_names() if n != GOLD_LAYER]):
            self.layer.addItem(layer, layer)
        self.destination = QLineEdit()
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_destination)
        self.flavour = QComboBox()
        self.flavour.addItem(self.tr("relation extraction"), "relations")
        self.flavour.addItem(self.tr("sequence labelling"), "labels")
        self.release = QCheckBox(self.tr("Dataset release (one JSONL per split and a dataset card; a folder)"))
        self.splits = QLineEdit("train=0.8,dev=0.1,test=0.1")
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.progress = QProgressBar()
        self.summary = _summary_box()
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.export_button = self._buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.run_export)
        self._buttons.rejected.connect(self.reject)
        self._lay_out(_path_row(self.destination, browse))
        self.format.currentIndexChanged.connect(self._format_changed)
        self.release.toggled.connect(self._format_changed)
        self._format_changed()

    def _lay_out(self, destination_row: QWidget) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("doccano shape"), self.flavour)
        form.addRow(self.tr("Layer"), self.layer)
        form.addRow("", self.release)
        form.addRow(self.tr("Splits"), self.splits)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Destination"), destination_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self._buttons)

    def _format_changed(self) -> None:
        name = self.format.currentData()
        self.release.setEnabled(name == "jsonl")
        releasing = self.release.isChecked() and name == "jsonl"
        for widget in (self.splits, self.seed):
            widget.setEnabled(releasing)
        self.flavour.setEnabled(name == "doccano")

    def _writes_folder(self) -> bool:
        return self.format.currentData() == "brat" or (self.release.isChecked() and self.release.isEnabled())

    def _choose_destination(self) -> None:
        if self._writes_folder():
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Export into folder"))
        else:
            suffix = _registry().FORMATS[self.format.currentData()].suffix
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), f"export{suffix}")
        if chosen:
            self.destination.setText(chosen)

    def run_export(self) -> bool:
        """Export as chosen; the summary says what was written, or why nothing was."""
        destination = self.destination.text().strip()
        if not destination:
            self.summary.setPlainText(self.tr("Choose where to write the export first."))
            return False
        self.progress.setRange(0, max(self.project.document_count(), 1))
        self.progress.setValue(0)
        try:
            lines = self._export(Path(destination))
        except (AnnotatorError, OSError) as error:
            self.summary.setPlainText(self.tr("Nothing was written.") + "\n" + dialogs.user_message(error))
            return False
        self.progress.setValue(self.progress.maximum())
        self.summary.setPlainText("\n".join(lines))
        return True

    def _advance(self, step: int) -> None:
        self.progress.setValue(self.progress.value() + step)
        QApplication.processEvents()  # the dialog is modal: only the bar repaints

    def _export(self, destination: Path) -> list[str]:
        layer = self.layer.currentData()
        if self._writes_folder() and self.format.currentData() == "jsonl":
            from annotator.formats.release import parse_splits, write_release

            report = write_release(self.project, destination, layer, parse_splits(self.splits.text()),
                                   self.seed.value(), progress=self._advance)
            return report.summary()
        name = self.format.currentData()
        options = {"flavour": self.flavour.currentData()} if name == "doccano" else {}
        report = _registry().export(self.project, name, destination, layer, progress=self._advance, **options)
        return [*report.summary(), self.tr("written to {0}").format(", ".join(isolate(str(f)) for f in report.files))]


class ImportDialog(QDialog):
    """Choose files or a folder, the format (or auto) and whose annotations they are."""

    def __init__(self, default_annotator: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import articles or annotations"))
        self.format = QComboBox()
        self.format.addItem(self.tr("Detect from the content"), AUTO)
        for name, known in _registry().FORMATS.items():
            self.format.addItem(known.title, name)
        self.path = QLineEdit()
        choose_file = QPushButton(self.tr("File…"))
        choose_file.clicked.connect(self._choose_file)
        choose_folder = QPushButton(self.tr("Folder…"))
        choose_folder.clicked.connect(self._choose_folder)
        self.annotator = QLineEdit(default_annotator)
        self.annotator.setPlaceholderText(self.tr("used where the file names no annotator"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("File or folder"), _path_row(self.path, choose_file, choose_folder))
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Whose annotations"), self.annotator)
        what = QLabel(self.tr("Articles (.txt) become new documents, the first of them opened; "
                              "an annotation file adds its annotator's layer to the articles it names."))
        what.setTextFormat(Qt.TextFormat.PlainText)
        what.setWordWrap(True)
        form.addRow(what)
        form.addRow(buttons)

    def _choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Import articles or annotations"))
        if chosen:
            self.path.setText(chosen)
            self.annotator.setText(self.annotator.text() or Path(chosen).stem)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Import a folder (brat, or .txt articles)"))
        if chosen:
            self.path.setText(chosen)

    def choice(self) -> tuple[Path, str, str]:
        return Path(self.path.text().strip()), self.format.currentData(), self.annotator.text().strip()


def import_summary(report: ImportReport, annotator: str) -> str:
    return QCoreApplication.translate(
        "ImportDialog", "Imported {0} document(s), {1} layer(s), {2} span(s) and {3} relation(s) for {4}").format(
        len(report.added), len(report.layers_attached), report.spans, report.relations,
        isolate(annotator) if annotator else QCoreApplication.translate("ImportDialog", "the named layers"))


@contextmanager
def busy_progress(parent: QWidget, total: int) -> Iterator[Callable[[int], None]]:
    """A window-modal bar while an import reads its ``total`` inputs: the progress
    callback that ``registry.import_files`` calls as it reaches each one."""
    from PySide6.QtWidgets import QProgressDialog

    dialog = QProgressDialog(QCoreApplication.translate("ImportDialog", "Importing…"), "", 0, total, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)

    def advance(step: int) -> None:
        dialog.setValue(dialog.value() + step)

    try:
        yield advance
    finally:
        dialog.close()
