"""Help → About: versions, where settings and per-user files live, and the font's license.

Everything is shown as plain text (paths and license text are never read as HTML), and
every value can be selected and copied into a bug report.
"""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator import paths
from annotator.core.store import ENGINE_VERSION
from annotator.core.store.backup import backup_folder
from annotator.ui.bidi import isolate
from annotator.ui.settings import app_settings

FONT_LICENSE = ("fonts", "OFL.txt")


def app_version() -> str | None:
    """The installed package's version; None when it runs without package metadata."""
    try:
        return version("annotator")
    except PackageNotFoundError:
        return None


def _value_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    """Versions, folders and the font license, in the rows of ``form``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Annotator"))
        self.license = QPlainTextEdit()
        self.license.setReadOnly(True)
        self.license.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.license.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.license.setPlainText(self._license_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._heading())
        layout.addLayout(self._facts())
        license_title = _value_label(self.tr("License of the bundled Arabic font (Noto Naskh Arabic):"))
        layout.addWidget(license_title)
        layout.addWidget(self.license, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)

    def _heading(self) -> QLabel:
        heading = _value_label(self.tr("Annotator: speakers, claims, targets and stance in Arabic news."))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        return heading

    def _rows(self) -> list[tuple[str, str]]:
        data = paths.user_data_dir()
        return [
            (self.tr("Annotator version"), app_version() or self.tr("unknown (not installed as a package)")),
            (self.tr("Python"), f"{platform.python_version()} ({platform.python_implementation()})"),
            (self.tr("Qt"), qVersion()),
            (self.tr("PySide6"), PySide6.__version__),
            (self.tr("SQLite"), ENGINE_VERSION),
            (self.tr("Settings file"), app_settings().fileName()),
            (self.tr("Data folder (demo project)"), str(data)),
            (self.tr("Log folder"), str(paths.user_log_dir())),
            (self.tr("Backups"), self._backups_text()),
        ]

    def _backups_text(self) -> str:
        return self.tr("beside each project file, in NAME.backups (the demo project's: {folder})").format(
            folder=isolate(str(backup_folder(paths.demo_project_path()))))

    def _facts(self) -> QFormLayout:
        form = self.form = QFormLayout()
        for name, value in self._rows():
            name_label = _value_label(name)
            name_label.setWordWrap(False)
            form.addRow(name_label, _value_label(value))
        return form

    def _license_text(self) -> str:
        try:
            return Path(paths.resource_path(*FONT_LICENSE)).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            return self.tr("The font license could not be read: {error}").format(error=error)


def show_about(parent: QWidget | None = None) -> AboutDialog:
    dialog = AboutDialog(parent)
    dialog.show()
    return dialog
