"""The window's side of active time (``core/active_time.py`` counts it): which input
counts, which document it counts for, and when the application is in front.

One application-wide event filter takes key presses, mouse presses, moves and wheel
turns aimed at the annotator's window (at its native window or any widget in it) and
tells the counter; the document and layer are the editor's at that input and right
after a key or click is handled, so a switch of document (or annotator) writes the time
counted so far to the document it was counted on. The filter only looks at an event's
type and target and never blocks it; writing is one small transaction at most every
half minute.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.active_time import ActiveTimeCounter
from annotator.core.errors import AnnotatorError
from annotator.core.store.active_time import add_active_time

# The clocks, read through these names so that a test can set a fake one.
monotonic = time.monotonic
wall_clock = time.time

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.InputMethod,
})
MAY_SWITCH_DOCUMENT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress})

log = logging.getLogger(__name__)


class ActiveTimeWatch(QObject):
    """Counts the active time of ``window`` on its editor's open document."""

    def __init__(self, window, editor, project):
        super().__init__(window)
        self.window, self.editor, self.project = window, editor, project
        self.counter = ActiveTimeCounter(self._write, clock=lambda: monotonic(), wall_clock=lambda: wall_clock())
        self.watching = not project.read_only  # a read-only window writes nothing, time neither
        if not self.watching:
            return
        app = QApplication.instance()
        self.counter.active = app.applicationState() == Qt.ApplicationState.ApplicationActive
        app.applicationStateChanged.connect(self._state_changed)
        app.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        kind = event.type()
        if kind in INPUT_EVENTS and self._in_window(watched):
            self._follow_editor()
            try:
                self.counter.input()
            except AnnotatorError as error:  # kept for the next write; typing goes on
                log.warning("active time not saved yet: %s", error)
            if kind in MAY_SWITCH_DOCUMENT:  # once handled: a switch writes the last document's time
                QTimer.singleShot(0, self._follow_editor)
        return False

    def _follow_editor(self) -> None:
        if not self.watching:
            return
        try:
            self.counter.open(self.editor.document, self.editor.layer)
        except AnnotatorError as error:
            log.warning("active time not saved yet: %s", error)

    def _in_window(self, watched) -> bool:
        if watched.isWidgetType():
            return watched.window() is self.window
        return watched.isWindowType() and watched is self.window.windowHandle()

    def _state_changed(self, state) -> None:
        self.counter.set_active(state == Qt.ApplicationState.ApplicationActive)

    def _write(self, document: int, layer: str, seconds: float) -> None:
        add_active_time(self.project, document, layer, seconds)

    def stop(self) -> None:
        """The window closes: write what was counted and stop watching."""
        if not self.watching:
            return
        self.watching = False
        app = QApplication.instance()
        app.removeEventFilter(self)
        app.applicationStateChanged.disconnect(self._state_changed)
        try:
            self.counter.flush()
        except AnnotatorError as error:  # the window closes anyway; at most half a minute is lost
            log.warning("active time not saved: %s", error)
