"""A window follows the others' work on its project without reopening it.

Once a second it asks the project whether another connection has committed since
(``others_token``: SQLite's ``data_version`` for a file; for a server project, the
notifications its change triggers send after each commit, heard without a query of the
tables). Only then does the window re-read, and only what it shows: the document list
re-reads its counts and the rows on screen, the dashboard, when open, its figures.
When the project cannot be reached (a server that went away), it says so, and says so
again when it is back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.core.errors import AnnotatorError
from annotator.core.store.following import others_token


class LiveProject(QObject):
    """``changed`` when someone else committed; ``offline(message)`` and ``online()``."""

    changed = Signal()
    offline = Signal(str)
    online = Signal()
    INTERVAL_MS = 1000

    def __init__(self, parent: QObject, project) -> None:
        super().__init__(parent)
        self.project = project
        self._reachable = True
        self._seen = self._token()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def _token(self) -> int | None:
        try:
            token = others_token(self.project)
        except AnnotatorError as error:
            if self._reachable:
                self._reachable = False
                self.offline.emit(str(error))
            return None
        if not self._reachable:
            self._reachable = True
            self.online.emit()
        return token

    def check(self) -> None:
        token = self._token()
        if token is not None and token != self._seen:
            self._seen = token
            self.changed.emit()

    def stop(self) -> None:
        self._timer.stop()
