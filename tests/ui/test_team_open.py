"""Opening a team's project from the window: host, port, database and user in a dialog,
the password asked only because the server wants one, and never kept in the settings."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.ui import team_open
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import app_settings
from tests.pg_cluster import SUPERUSER, SUPERUSER_PASSWORD

TEXT = "قالت الوزيرة إن المدارس ستفتح أبوابها الأسبوع المقبل."


def test_the_password_is_asked_for_when_the_server_wants_one_and_never_kept(qtbot, monkeypatch, pg_cluster):
    database = pg_cluster.new_database()
    with Project.create(pg_cluster.url(database)) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="a.txt", id="a")])
    asked = []

    def fill_in(dialog) -> QDialog.DialogCode:
        dialog.host.setText(pg_cluster.host)
        dialog.port.setValue(pg_cluster.port)
        dialog.database.setText(database)
        dialog.user.setText(SUPERUSER)
        return QDialog.DialogCode.Accepted

    def password_box(*args, **kwargs):
        asked.append(args[2])
        return SUPERUSER_PASSWORD, True

    monkeypatch.setattr(team_open.TeamProjectDialog, "exec", fill_in)
    monkeypatch.setattr(QInputDialog, "getText", password_box)
    address = team_open.ask_team_project(None)
    assert asked == [f"The password of {SUPERUSER} on {pg_cluster.host}:"]
    assert address is not None and SUPERUSER_PASSWORD not in str(address)
    settings = app_settings()
    kept = {key: str(settings.value(key)) for key in settings.allKeys()}
    assert kept["team/database"] == database and kept["team/port"] == str(pg_cluster.port)
    assert not any(SUPERUSER_PASSWORD in value for value in kept.values())
    window = MainWindow(address, annotator="mona")
    qtbot.addWidget(window)
    assert window.project.document_by_id("a").text == TEXT
    assert database in window.windowTitle() and SUPERUSER_PASSWORD not in window.windowTitle()
    window.close()


def test_a_wrong_server_is_explained_and_the_dialog_asked_again(qtbot, monkeypatch, pg_cluster):
    tries = []
    warned = []

    def fill_in(dialog) -> QDialog.DialogCode:
        tries.append(1)
        if len(tries) > 1:
            return QDialog.DialogCode.Rejected  # the user gives up after reading the message
        dialog.host.setText("127.0.0.1")
        dialog.port.setValue(1)  # nothing listens there
        dialog.database.setText("news")
        dialog.user.setText("mona")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(team_open.TeamProjectDialog, "exec", fill_in)
    monkeypatch.setattr(team_open.dialogs, "warn", lambda parent, title, text: warned.append(text))
    assert team_open.ask_team_project(None) is None
    assert len(tries) == 2 and len(warned) == 1
    assert "127.0.0.1:1" in warned[0] and "Traceback" not in warned[0]
