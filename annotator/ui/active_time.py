"""The window's side of active time (``core/active_time.py`` counts it): which input
counts, which document it counts for, and when the application is in front.

An event filter on the window's native window (``windowHandle()``, there once the window
first shows) takes the key presses, mouse presses, moves and wheel turns aimed at it,
before Qt hands them to a widget, and tells the counter. It watches no widget: PySide
would make a Python object for every widget an event went to, and a plain ``QWidget``
(a viewport) creates every QtWidgets class (tests/ui/test_startup_imports.py). The
document and layer are the editor's at each input and whenever the document list opens
another document, so a switch writes the time counted so far to the document it was
counted on. The filter only looks at an event's type and never blocks it; writing is one
small transaction at most every half minute.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from annotator.core.active_time import ActiveTimeCounter
from annotator.core.errors import AnnotatorError
from annotator.core.store.active_time import add_active_time

# The clocks, read through these names so that a test can set a fake one.
monotonic = time.monotonic
wall_clock = time.time

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel,
})

log = logging.getLogger(__name__)


class ActiveTimeWatch(QObject):
    """Counts the active time of ``window`` on its editor's open document."""

    def __init__(self, window, editor, project):
        super().__init__(window)
        self.window, self.editor, self.project = window, editor, project
        self.counter = ActiveTimeCounter(self._write, clock=lambda: monotonic(), wall_clock=lambda: wall_clock())
        self.native = None
        self.watching = not project.read_only  # a read-only window writes nothing, time neither
        if not self.watching:
            return
        app = QApplication.instance()
        self.counter.active = app.applicationState() == Qt.ApplicationState.ApplicationActive
        app.applicationStateChanged.connect(self._state_changed)
        window.installEventFilter(self)  # until it shows and has its native window

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.window:
            if event.type() == QEvent.Type.Show and self.native is None:
                self._watch_native_window()
        elif event.type() in INPUT_EVENTS:
            self._follow_editor()
            try:
                self.counter.input()
            except AnnotatorError as error:  # kept for the next write; typing goes on
                log.warning("active time not saved yet: %s", error)
        return False

    def _watch_native_window(self) -> None:
        self.native = self.window.windowHandle()
        if self.native is None:
            return
        self.window.removeEventFilter(self)
        self.native.installEventFilter(self)
        # Connected after the window's own handler: the editor has the new document by then.
        self.window.documents.document_chosen.connect(self._follow_editor)

    def _follow_editor(self) -> None:
        if not self.watching:
            return
        try:
            self.counter.open(self.editor.document, self.editor.layer)
        except AnnotatorError as error:
            log.warning("active time not saved yet: %s", error)

    def _state_changed(self, state) -> None:
        self.counter.set_active(state == Qt.ApplicationState.ApplicationActive)

    def _write(self, document: int, layer: str, seconds: float) -> None:
        add_active_time(self.project, document, layer, seconds)

    def stop(self) -> None:
        """The window closes: write what was counted and stop watching."""
        if not self.watching:
            return
        self.watching = False
        QApplication.instance().applicationStateChanged.disconnect(self._state_changed)
        self.window.removeEventFilter(self)
        if self.native is not None:
            self.native.removeEventFilter(self)
            self.window.documents.document_chosen.disconnect(self._follow_editor)
        try:
            self.counter.flush()
        except AnnotatorError as error:  # the window closes anyway; at most half a minute is lost
            log.warning("active time not saved: %s", error)
