"""Active time on a document: how long a person worked on it, counted from their input.

The window calls ``input()`` on each key press, mouse press, move or wheel over it, and
``open(document, layer)`` when it shows a document. The time between two inputs counts
for the open document when the gap is at most ``IDLE_LIMIT`` seconds; a longer gap
counts nothing (the person was away), and so does a gap in which the wall clock moved
more than ``IDLE_LIMIT`` (the computer slept: a monotonic clock may stand still in a
suspend, the wall clock does not). While the application is inactive (another program
in front, the screen locked) no input is taken and the stretch ends: the gap across it
counts nothing either.

Counted seconds are handed to ``write(document, layer, seconds)`` (the store, one small
transaction) at most every ``FLUSH_EVERY`` seconds of input, and whenever the document
changes or the window closes (``flush``), so a crash loses at most that much. Both
clocks are injectable: tests drive a fake one instead of sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable

IDLE_LIMIT = 120.0  # seconds without input after which the person counts as away
FLUSH_EVERY = 30.0  # seconds between writes while input goes on

Writer = Callable[[int, str, float], None]


class ActiveTimeCounter:
    def __init__(self, write: Writer, clock: Callable[[], float] = time.monotonic,
                 wall_clock: Callable[[], float] = time.time):
        self._write = write
        self._clock = clock
        self._wall_clock = wall_clock
        self._target: tuple[int, str] | None = None
        self._last: tuple[float, float] | None = None  # (monotonic, wall) of the last input
        self._pending = 0.0
        self._last_flush = clock()
        self.active = True

    @property
    def pending(self) -> float:
        """Seconds counted and not yet written."""
        return self._pending

    def open(self, document: int | None, layer: str | None) -> None:
        """The window now shows ``document`` in ``layer`` (None: nothing): what was counted
        goes to the document it was counted on; the stretch of input goes on."""
        target = None if document is None or layer is None else (document, layer)
        if target != self._target:
            self.flush()
            self._target = target

    def input(self) -> None:
        """The person pressed a key, a mouse button, moved the mouse or turned the wheel."""
        if not self.active:
            return
        now = (self._clock(), self._wall_clock())
        if self._last is not None and self._target is not None:
            gap, wall_gap = now[0] - self._last[0], now[1] - self._last[1]
            if 0 <= gap <= IDLE_LIMIT and wall_gap <= IDLE_LIMIT:
                self._pending += gap
        self._last = now
        if now[0] - self._last_flush >= FLUSH_EVERY:
            self.flush()

    def set_active(self, active: bool) -> None:
        """The application came to the front (True) or left it (False). Leaving ends the
        stretch, counting up to that moment as an input would; coming back starts a new
        one at the next input."""
        if active == self.active:
            return
        if not active:
            self.input()
            self._last = None
        self.active = active

    def flush(self) -> None:
        """Hand what was counted to the store. A write that fails keeps the seconds for
        the next flush."""
        self._last_flush = self._clock()
        if self._target is None or self._pending <= 0:
            self._pending = 0.0
            return
        seconds = self._pending
        self._write(self._target[0], self._target[1], seconds)
        self._pending -= seconds
