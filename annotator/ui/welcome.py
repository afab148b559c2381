"""The window shown when Annotator starts without a project.

Recent projects (double-click or Enter opens one), New project… (a file name and a
schema: the default or a TOML file), Open…, Open a team project… (on a PostgreSQL
server, ``team_open``), Open the demo project and Import articles…. The window only
chooses: it emits ``project_chosen`` with an existing project file's Path or a server
project's address, and leaves opening the editor to whoever listens.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError, ProjectError
from annotator.core.ingest import ImportReport
from annotator.core.store import Project
from annotator.core.store.project_file import check_header
from annotator.ui import dialogs
from annotator.ui.bidi import isolate
from annotator.ui.recent import forget_project, recent_projects, remember_project
from annotator.ui.settings import open_with

PROJECT_SUFFIX = ".sqlite"
PATH_ROLE = Qt.ItemDataRole.UserRole
translate = QCoreApplication.translate  # outside a QObject; lupdate reads translate("Context", "text")


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """An information box whose text is always plain text."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


@contextmanager
def busy() -> Iterator[None]:
    """A wait cursor while the block runs."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def _row(*widgets: QWidget, stretch_first: bool = True) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for number, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if number == 0 and stretch_first else 0)
    return row


# -- the work, without dialogs (the window and the tests both call these) ---------------

def with_project_suffix(path: Path) -> Path:
    return path if path.suffix else path.with_suffix(PROJECT_SUFFIX)


def create_project(path: Path, schema_file: Path | None = None) -> Path:
    """Create a project with the default schema or the TOML schema in ``schema_file``."""
    from annotator.core.schema import load_schema_file  # on first use (docs/architecture.md, "Layers")

    schema = load_schema_file(schema_file) if schema_file else None
    Project.create(path, schema).close()
    return path


def check_project(path: Path) -> None:
    """Refuse a path that is not an existing Annotator project, with what is wrong."""
    if not path.is_file():
        raise ProjectError(translate("WelcomeWindow", "{path}: no such project file").format(path=path))
    try:
        check_header(path)
    except OSError as error:
        raise ProjectError(f"{path}: {error.strerror or error}") from None


def import_articles(project_path: Path, sources: list[Path]) -> ImportReport:
    """Import the articles in .txt files and folders of them, as ``annotator import`` does."""
    from annotator.formats.registry import gather, import_files  # on first use (docs/architecture.md, "Layers")

    with Project.open(project_path, writer=True) as project:
        return import_files(project, gather(sources, "text"))


def import_summary(report: ImportReport, project_path: Path) -> str:
    text = translate("WelcomeWindow", "Imported {added} article(s) into {name}.").format(
        added=len(report.added), name=isolate(project_path.name))
    if report.duplicates:
        text += "\n" + translate("WelcomeWindow", "{count} were already in the project and were skipped.").format(
            count=len(report.duplicates))
    return text


# -- New project… ----------------------------------------------------------------------

class NewProjectDialog(QDialog):
    """A file name for the new project and its schema: the default one or a TOML file."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New project"))
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("Where to save the project file"))
        self.default_schema = QRadioButton(self.tr("The default schema (SPEAKER, CLAIM, TARGET, stance)"))
        self.toml_schema = QRadioButton(self.tr("A schema file (TOML)"))
        self.default_schema.setChecked(True)
        self.schema_path = QLineEdit()
        self.schema_path.setPlaceholderText(self.tr("A .toml file describing the labels"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self._lay_out()
        self._connect()
        self._update()

    def _lay_out(self) -> None:
        choose_path = QPushButton(self.tr("Choose…"))
        choose_path.clicked.connect(self._choose_path)
        self.choose_schema = QPushButton(self.tr("Choose…"))
        self.choose_schema.clicked.connect(self._choose_schema)
        form = QFormLayout(self)
        form.addRow(self.tr("Project file"), _row(self.path, choose_path))
        form.addRow(self.tr("Schema"), self.default_schema)
        form.addRow("", self.toml_schema)
        form.addRow("", _row(self.schema_path, self.choose_schema))
        form.addRow(self.buttons)
        self.resize(620, self.sizeHint().height())

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.path.textChanged.connect(self._update)
        self.schema_path.textChanged.connect(self._update)
        self.toml_schema.toggled.connect(self._update)

    def _update(self) -> None:
        toml = self.toml_schema.isChecked()
        self.schema_path.setEnabled(toml)
        self.choose_schema.setEnabled(toml)
        ready = bool(self.path.text().strip()) and (not toml or bool(self.schema_path.text().strip()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def _choose_path(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("New project"), self.path.text(), self.tr("Annotator projects (*.sqlite)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if chosen:
            self.path.setText(str(with_project_suffix(Path(chosen))))

    def _choose_schema(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Schema file"), self.schema_path.text(),
                                                self.tr("TOML schema (*.toml);;All files (*)"))
        if chosen:
            self.schema_path.setText(chosen)

    def choice(self) -> tuple[Path, Path | None]:
        """The project path (``.sqlite`` added if it has no suffix) and the schema file, if any."""
        path = with_project_suffix(Path(self.path.text().strip()).expanduser())
        schema = Path(self.schema_path.text().strip()).expanduser() if self.toml_schema.isChecked() else None
        return path, schema


def ask_new_project(parent: QWidget | None) -> Path | None:
    """Ask for a file name and schema and create the project; None if cancelled or refused."""
    dialog = NewProjectDialog(parent)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        path, schema_file = dialog.choice()
        try:
            return create_project(path, schema_file)
        except AnnotatorError as error:
            dialogs.warn(parent, translate("WelcomeWindow", "No project created"), dialogs.user_message(error))
    return None


def ask_existing_project(parent: QWidget | None) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(
        parent, translate("WelcomeWindow", "Open project"), "",
        translate("WelcomeWindow", "Annotator projects (*.sqlite);;All files (*)"))
    return Path(chosen) if chosen else None


# -- Import articles… ------------------------------------------------------------------

class ImportArticlesDialog(QDialog):
    """Which project (an existing one, or a new one made here) and which .txt files or folders."""

    def __init__(self, project: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import articles"))
        self.project = QLineEdit(str(project) if project else "")
        self.project.setPlaceholderText(self.tr("The project to import into"))
        self.sources = QListWidget()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.project.textChanged.connect(self._update)
        self._lay_out()
        self._update()

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda *_: slot())
        return button

    def _lay_out(self) -> None:
        hint = QLabel(self.tr("Plain-text articles (.txt), one article per file; folders are "
                              "searched for .txt files. Any Arabic encoding is recognized."))
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Project"), _row(self.project, self._button(self.tr("New…"), self._new_project),
                                             self._button(self.tr("Open…"), self._open_project)))
        form.addRow(self.tr("Articles"), self.sources)
        form.addRow("", _row(self._button(self.tr("Add files…"), self._add_files),
                             self._button(self.tr("Add folder…"), self._add_folder),
                             self._button(self.tr("Remove"), self._remove), stretch_first=False))
        form.addRow(hint)
        form.addRow(self.buttons)
        self.resize(640, 420)

    def _update(self) -> None:
        ready = bool(self.project.text().strip()) and self.sources.count() > 0
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def _new_project(self) -> None:
        created = ask_new_project(self)
        if created:
            self.project.setText(str(created))

    def _open_project(self) -> None:
        chosen = ask_existing_project(self)
        if chosen:
            self.project.setText(str(chosen))

    def _add_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, self.tr("Articles"), "",
                                                 self.tr("Text files (*.txt *.text);;All files (*)"))
        self.add_sources([Path(name) for name in chosen])

    def _add_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("A folder of articles"))
        if chosen:
            self.add_sources([Path(chosen)])

    def _remove(self) -> None:
        for item in self.sources.selectedItems():
            self.sources.takeItem(self.sources.row(item))
        self._update()

    def add_sources(self, paths: list[Path]) -> None:
        for path in paths:
            item = QListWidgetItem(str(path))
            item.setData(PATH_ROLE, str(path))
            self.sources.addItem(item)
        self._update()

    def choice(self) -> tuple[Path, list[Path]]:
        sources = [Path(self.sources.item(row).data(PATH_ROLE)) for row in range(self.sources.count())]
        return Path(self.project.text().strip()).expanduser(), sources


# -- the window ------------------------------------------------------------------------

class WelcomeWindow(QWidget):
    """Recent projects and the ways to start; emits ``project_chosen`` with a project file."""

    project_chosen = Signal(object)  # a project file's Path, or a team server's ServerAddress

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Annotator"))
        self.recent = QListWidget()
        self.recent.setAlternatingRowColors(True)
        self.recent.itemActivated.connect(self._recent_activated)
        self.no_recent = QLabel(self.tr("No recent projects yet. Start with the demo project, "
                                        "or create a new one."))
        self.no_recent.setTextFormat(Qt.TextFormat.PlainText)
        self.no_recent.setWordWrap(True)
        self._lay_out()
        self.refresh_recent()
        self.resize(780, 460)

    # -- building --------------------------------------------------------------------------

    def _heading(self) -> QWidget:
        title = QLabel(self.tr("Annotator"))
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        tagline = QLabel(self.tr("Mark speakers, claims, targets and stance in Arabic news articles."))
        tagline.setTextFormat(Qt.TextFormat.PlainText)
        tagline.setWordWrap(True)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(tagline)
        return column

    def _buttons(self) -> QWidget:
        self.new_button = QPushButton(self.tr("New project…"))
        self.open_button = QPushButton(self.tr("Open…"))
        self.team_button = QPushButton(self.tr("Open a team project…"))
        self.demo_button = QPushButton(self.tr("Open the demo project"))
        self.import_button = QPushButton(self.tr("Import articles…"))
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        for button, slot in ((self.new_button, self.new_project), (self.open_button, self.open_project),
                             (self.team_button, self.open_team_project), (self.demo_button, self.open_demo),
                             (self.import_button, self.import_articles)):
            button.clicked.connect(lambda *_, slot=slot: slot())
            layout.addWidget(button)
        layout.addStretch(1)
        return column

    def _lay_out(self) -> None:
        recent_title = QLabel(self.tr("Recent projects"))
        recent_title.setTextFormat(Qt.TextFormat.PlainText)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.setContentsMargins(0, 0, 0, 0)
        empty_layout.addWidget(self.no_recent)
        empty_layout.addStretch(1)
        self.recent_pages = QStackedWidget()
        self.recent_pages.addWidget(self.recent)
        self.recent_pages.addWidget(empty)
        left = QVBoxLayout()
        left.addWidget(recent_title)
        left.addWidget(self.recent_pages, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self._buttons())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(self._heading())
        layout.addLayout(body, 1)

    # -- the recent list -------------------------------------------------------------------

    def _recent_item(self, path: Path) -> QListWidgetItem:
        item = QListWidgetItem(f"{isolate(path.name)}\n{isolate(str(path.parent))}")
        item.setData(PATH_ROLE, str(path))
        item.setToolTip(str(path))
        if not path.is_file():
            item.setText(f"{isolate(path.name)} {self.tr('(not found)')}\n{isolate(str(path.parent))}")
            item.setForeground(QBrush(QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)))
        return item

    def refresh_recent(self) -> None:
        self.recent.clear()
        for path in recent_projects():
            self.recent.addItem(self._recent_item(path))
        has_recent = self.recent.count() > 0
        self.recent_pages.setCurrentIndex(0 if has_recent else 1)
        if has_recent:
            self.recent.setCurrentRow(0)
            self.recent.setFocus()
        else:
            self.demo_button.setFocus()

    def recent_paths(self) -> list[Path]:
        """The projects as listed, top to bottom."""
        return [Path(self.recent.item(row).data(PATH_ROLE)) for row in range(self.recent.count())]

    def _recent_activated(self, item: QListWidgetItem) -> None:
        self.open_recent(Path(item.data(PATH_ROLE)))

    def open_recent(self, path: Path) -> bool:
        """Open a listed project; a missing one is explained and may be removed from the list."""
        if not path.is_file():
            question = self.tr("{path}\n\nThis project is no longer there: it may have been moved, "
                               "renamed or deleted, or it is on a drive that is not connected. "
                               "Nothing was created in its place.\n\n"
                               "Remove it from the recent projects?").format(path=path)
            if dialogs.ask(self, self.tr("Project not found"), question):
                forget_project(path)
                self.refresh_recent()
            return False
        return self.open_path(path)

    # -- the ways to start -----------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Emit ``project_chosen`` for an existing project, or explain why not."""
        try:
            check_project(path)
        except AnnotatorError as error:
            dialogs.warn(self, self.tr("Cannot open this project"), dialogs.user_message(error))
            return False
        remember_project(path)
        self.refresh_recent()
        self.project_chosen.emit(path.resolve())
        return True

    def new_project(self) -> bool:
        created = ask_new_project(self)
        return self.open_path(created) if created else False

    def open_project(self) -> bool:
        chosen = ask_existing_project(self)
        return self.open_path(chosen) if chosen else False

    def open_team_project(self) -> bool:
        """A team's project on a PostgreSQL server (``team_open``); not kept among the recent files."""
        from annotator.ui.team_open import ask_team_project

        address = ask_team_project(self)
        if address is not None:
            self.project_chosen.emit(address)
        return address is not None

    def open_demo(self) -> bool:
        from annotator.demo import ensure_demo_project

        try:
            with busy():
                path = ensure_demo_project()
        except (AnnotatorError, OSError) as error:
            dialogs.warn(self, self.tr("The demo project could not be made"), dialogs.user_message(error))
            return False
        return self.open_path(path)

    def _selected_project(self) -> Path | None:
        item = self.recent.currentItem()
        path = Path(item.data(PATH_ROLE)) if item else None
        return path if path and path.is_file() else None

    def import_articles(self) -> bool:
        dialog = ImportArticlesDialog(self._selected_project(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        project, sources = dialog.choice()
        return self.import_into(project, sources)

    def import_into(self, project: Path, sources: list[Path]) -> bool:
        """Import articles into an existing project, say what happened, then open it."""
        try:
            with busy():
                check_project(project)
                report = import_articles(project, sources)
        except (AnnotatorError, OSError) as error:
            dialogs.warn(self, self.tr("Nothing imported"), dialogs.user_message(error))
            return False
        inform(self, self.tr("Articles imported"), import_summary(report, project))
        if report.added:
            open_with(project, report.added[0])
        return self.open_path(project)
