"""Opening a team's project on a PostgreSQL server from the window: host, port, database,
user (and a schema, when the project is in one), remembered for next time; the password
is asked for only when the server wants one, and is never written to the settings.

The welcome window's "Open a team project…" and File → "Open a team project…" both come
here; what they get is a ``ServerAddress``, opened like a project file.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.store import Project
from annotator.core.store.server_address import ServerAddress
from annotator.ui import dialogs
from annotator.ui.settings import app_settings

translate = QCoreApplication.translate
REMEMBERED = ("host", "port", "database", "user", "schema")


class TeamProjectDialog(QDialog):
    """Where the team's project is: host, port, database, user, schema (optional)."""

    def __init__(self, parent: QWidget | None = None, user: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open a team project"))
        settings = app_settings()
        self.host = QLineEdit(str(settings.value("team/host", "localhost")))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(settings.value("team/port", 5432)))
        self.database = QLineEdit(str(settings.value("team/database", "")))
        self.user = QLineEdit(str(settings.value("team/user", "")) or user)
        self.schema = QLineEdit(str(settings.value("team/schema", "")))
        self.schema.setPlaceholderText(self.tr("public (leave empty)"))
        for field in (self.host, self.database, self.user, self.schema):
            field.textChanged.connect(self._update)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setText(self.tr("Open"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Schema"), self.schema)
        form.addRow(self.buttons)
        self._update()

    def _update(self) -> None:
        ready = all(field.text().strip() for field in (self.host, self.database, self.user))
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(ready)

    def values(self) -> dict[str, str]:
        return {"host": self.host.text().strip(), "port": str(self.port.value()),
                "database": self.database.text().strip(), "user": self.user.text().strip(),
                "schema": self.schema.text().strip()}

    def remember(self) -> None:
        """Keep where the project is for next time; the password is never among it."""
        settings = app_settings()
        for name, value in self.values().items():
            settings.setValue(f"team/{name}", value)


def address_of(values: dict[str, str], password: str | None = None) -> ServerAddress:
    """The ``postgresql://`` address of the dialog's values (and a password, held in memory only)."""
    secret = f":{quote(password, safe='')}" if password else ""
    schema = f"?schema={quote(values['schema'], safe='')}" if values.get("schema") else ""
    return ServerAddress(f"postgresql://{quote(values['user'], safe='')}{secret}@{values['host']}:{values['port']}/"
                         f"{quote(values['database'], safe='')}{schema}")


def _wants_password(error: AnnotatorError) -> bool:
    return "password" in str(error).lower()


def ask_team_project(parent: QWidget | None, user: str = "") -> ServerAddress | None:
    """Ask where the team's project is, and a password when the server wants one; the
    address of a project that opened, or None when the user gave up."""
    from PySide6.QtWidgets import QInputDialog  # on first use: the window starts without it

    dialog = TeamProjectDialog(parent, user)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        password: str | None = None
        while True:
            address = address_of(dialog.values(), password)
            try:
                Project.open(address).close()
            except AnnotatorError as error:
                if _wants_password(error):
                    password, given = QInputDialog.getText(
                        parent, translate("TeamProject", "Password"),
                        translate("TeamProject", "The password of {0} on {1}:").format(
                            dialog.values()["user"], dialog.values()["host"]),
                        QLineEdit.EchoMode.Password)
                    if given and password:
                        continue
                else:
                    dialogs.warn(parent, translate("TeamProject", "Cannot open this project"),
                                 dialogs.user_message(error))
                break
            dialog.remember()
            return address
    return None


def install(window, file_menu) -> None:
    """File → Open a team project…: a new window on it, beside this one."""
    opened: list = []

    def open_team_project() -> None:
        from annotator.ui.main_window import MainWindow

        address = ask_team_project(window, window.annotator)
        if address is None:
            return
        try:
            other = MainWindow(address, window.annotator)
        except AnnotatorError as error:
            dialogs.warn(window, translate("TeamProject", "Cannot open this project"), dialogs.user_message(error))
            return
        opened.append(other)
        other.show()

    window.open_team_project = open_team_project
    window._action(file_menu, translate("TeamProject", "Open a team project…"), None, open_team_project)


def review_refused(window, dashboard: bool = False) -> bool:
    """Whether the member connected to ``window``'s team project may not review it (or see
    its dashboard): an annotator's window says why in its status bar. A project file has
    no roles, and its check imports nothing of the server's."""
    if isinstance(window.project.path, Path):
        return False
    from annotator.core.store.server_roles import review_refusal

    refusal = review_refusal(window.project, dashboard)
    if refusal is not None:
        window.statusBar().showMessage(translate("TeamProject", "Not opened: {0}").format(refusal), 12000)
    return refusal is not None
