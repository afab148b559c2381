"""Help → About (versions, folders, the font's license) and File → Settings…."""

from __future__ import annotations

import os
import platform
import sqlite3
from importlib.metadata import version
from pathlib import Path

import pytest
import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QFormLayout, QLabel

from annotator import paths
from annotator.ui import dialogs
from annotator.ui.about import AboutDialog
from annotator.ui.settings import app_settings
from annotator.ui.settings_dialog import SettingsDialog


@pytest.fixture(autouse=True)
def warned(monkeypatch) -> list[str]:
    """What a dialog warned about; no test ever waits on a modal box."""
    record: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, title, text: record.append(text))
    return record


@pytest.fixture
def about(qtbot) -> AboutDialog:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shown_rows(dialog: AboutDialog) -> dict[str, str]:
    """The About rows as displayed: the name label's text to the value label's text."""
    form = dialog.form
    return {form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text():
            form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget().text() for row in range(form.rowCount())}


# -- About -----------------------------------------------------------------------------

def test_about_shows_every_version(about):
    rows = shown_rows(about)
    assert rows["Annotator version"] == version("annotator")
    assert rows["Qt"] == qVersion()
    assert rows["PySide6"] == PySide6.__version__
    assert rows["SQLite"] == sqlite3.sqlite_version
    assert rows["Python"].startswith(platform.python_version() + " ")


def test_about_shows_the_settings_file_and_the_per_user_folders(about, private_data_dir):
    rows = shown_rows(about)
    assert rows["Settings file"] == app_settings().fileName()
    assert Path(rows["Settings file"]).parent == Path(os.environ["ANNOTATOR_CONFIG_DIR"])
    assert rows["Data folder (demo project)"] == str(private_data_dir)
    assert rows["Log folder"] == os.environ["ANNOTATOR_LOG_DIR"]
    assert str(private_data_dir / "demo.sqlite.backups") in rows["Backups"]


def test_about_shows_the_font_license_read_only(about):
    license = paths.resource_path("fonts", "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in license
    assert about.license.toPlainText() == license
    assert about.license.isReadOnly()


def test_about_never_reads_its_text_as_html(about):
    labels = about.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


# -- Settings --------------------------------------------------------------------------

@pytest.fixture
def settings_dialog(qtbot) -> SettingsDialog:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    return dialog


def test_settings_dialog_stores_the_values(qtbot, settings_dialog):
    settings_dialog.language.setCurrentIndex(settings_dialog.language.findData("ar"))
    settings_dialog.font_size.setValue(22)
    settings_dialog.annotator.setText("  mona ")
    with qtbot.waitSignal(settings_dialog.saved, timeout=1000) as saved:
        settings_dialog.accept()
    stored = app_settings()
    assert stored.value("language") == "ar"
    assert int(stored.value("zoom")) == 22
    assert stored.value("annotator") == "mona"
    assert saved.args == [{"language": "ar", "zoom": 22, "annotator": "mona"}]
    assert settings_dialog.result() == settings_dialog.DialogCode.Accepted


def test_settings_dialog_shows_what_is_stored_and_can_follow_the_system(qtbot):
    stored = app_settings()
    stored.setValue("language", "en")
    stored.setValue("zoom", 30)
    stored.setValue("annotator", "karim")
    stored.sync()
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert (dialog.language.currentData(), dialog.font_size.value(), dialog.annotator.text()) == ("en", 30, "karim")
    dialog.language.setCurrentIndex(dialog.language.findData(""))
    with qtbot.waitSignal(dialog.saved, timeout=1000) as saved:
        dialog.accept()
    assert app_settings().value("language") == ""
    assert saved.args == [{"language": ""}]


def test_cancel_stores_nothing(settings_dialog):
    settings_dialog.annotator.setText("huda")
    settings_dialog.font_size.setValue(40)
    settings_dialog.reject()
    assert app_settings().value("annotator") is None
    assert app_settings().value("zoom") is None


def test_an_empty_annotator_name_is_refused(qtbot, warned, settings_dialog):
    settings_dialog.annotator.setText("   ")
    with qtbot.assertNotEmitted(settings_dialog.saved):
        settings_dialog.accept()
    assert warned and app_settings().value("annotator") is None
