"""Moving the selected span's start or end in place, by keys or by dragging a handle.

Keys, with a span selected and no words selected (with words selected they are left to
the selection):

- Alt+Left / Alt+Right move one boundary a letter (a grapheme cluster, harakat
  included), Alt+Shift+Left / Alt+Shift+Right a word or a punctuation mark;
- the boundary moves the way the arrow points on the screen: in a right-to-left line
  Left goes toward the end of the sentence, as the caret does in any right-to-left
  editor;
- Alt+End makes the arrows move the end (what they move after each new selection),
  Alt+Home the start; the handle they move is drawn filled.

The mouse: a handle is drawn at the selected span's start (its knob on top) and end (its
knob below); dragging one moves that boundary, snapped to the word or mark it is dropped
in, or with Alt held to a letter. Each key press and each drag is one core call, one
undoable edit (``Editor.move_boundaries``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from annotator.core.boundaries import END, START, moved, snapped
from annotator.core.model import Span
from annotator.ui import shown_names
from annotator.ui.bidi import isolate_words

if TYPE_CHECKING:
    from annotator.ui.editor import Editor

HANDLE_COLOR = QColor(20, 20, 20)
PREVIEW_COLOR = QColor(120, 120, 120, 70)  # what a drag would make the span, over its colors
WORDS_SHOWN = 50  # code points of the moved edge's words in the status bar
KNOB_RADIUS = 4
GRAB_DISTANCE = 6  # pixels around a handle where a press takes it
_ARROWS = {Qt.Key.Key_Left.value: "left", Qt.Key.Key_Right.value: "right"}
_EDGE_KEYS = {Qt.Key.Key_Home.value: START, Qt.Key.Key_End.value: END}


class BoundaryMoves(QObject):
    def __init__(self, editor: "Editor"):
        super().__init__(editor)
        self.editor = editor
        self.view = editor.view
        self.edge = END  # the boundary the Alt+arrow keys move
        self.dragging: str | None = None  # the boundary a handle drag moves
        self.pressed_at = QPoint()
        self.dragged_to: int | None = None
        self._kept_selections: list | None = None  # the view's extra selections before a drag
        editor.selection_changed.connect(self._new_selection)
        self.view.canvas.installEventFilter(self)
        self.view.overlays.append(self.paint)

    def _new_selection(self, _span_id) -> None:
        self.edge = END

    def span(self) -> Span | None:
        """The span whose boundaries can move: a selected span (not a suggestion), with
        no words selected and no link being made."""
        if self.editor.linking is not None or self.view.textCursor().hasSelection():
            return None
        return self.editor.span(self.editor.selected)

    # -- keys -----------------------------------------------------------------------------

    def pressed(self, event: QKeyEvent) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        alt, shift = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ShiftModifier
        if modifiers & ~(alt | shift) or not modifiers & alt:
            return False
        key = event.key().value if hasattr(event.key(), "value") else int(event.key())
        if key not in _ARROWS and key not in _EDGE_KEYS or self.view.textCursor().hasSelection():
            return False  # with words selected, keys are the selection's
        span = self.span()
        if span is None:
            self.editor.message.emit(self.tr("Select a span first (a click or Tab, no words selected), then Alt+arrows move its end"))
            return True
        if key in _EDGE_KEYS:
            self.edge = _EDGE_KEYS[key]
            self.view.canvas.update()
            self.editor.message.emit(self._which_moves(span))
            return True
        forward = (_ARROWS[key] == "left") == self.reads_right_to_left()
        start, end = moved(self.view.text, span.start, span.end, self.edge, forward, bool(modifiers & shift))
        self._move(span, start, end)
        return True

    def reads_right_to_left(self) -> bool:
        return self.view.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft

    def _shown(self, span: Span) -> str:
        """The span's label as the interface shows it."""
        return shown_names.label(self.editor.project.schema, span.label)

    def _which_moves(self, span: Span) -> str:
        if self.edge == START:
            return self.tr("Alt+arrows now move the start of the {0} (Alt+End: its end)").format(self._shown(span))
        return self.tr("Alt+arrows now move the end of the {0} (Alt+Home: its start)").format(self._shown(span))

    def _move(self, span: Span, start: int, end: int) -> None:
        if start >= end:  # the session refuses it too; this says so in the interface's language
            self.editor.message.emit(self.tr("Not moved: a {0} keeps at least one letter, its start cannot reach "
                                             "its end (Delete removes it)").format(self._shown(span)))
            return
        if self.editor.move_boundaries(span.id, start, end) is not None:
            self._show_caret_at(start if start != span.start else end)
            words = self.view.text[start:end]
            if len(words) > WORDS_SHOWN:  # the edge that moved is what the annotator checks
                moved_start = start != span.start
                words = words[:WORDS_SHOWN] + "…" if moved_start else "…" + words[-WORDS_SHOWN:]
            self.editor.message.emit(self.tr("{0} now: {1} (Ctrl+Z undoes)")
                                     .format(self._shown(span), isolate_words(words)))

    def _show_caret_at(self, offset: int) -> None:
        """Put the caret on the boundary that moved and scroll it into view, so a move by
        keys never goes on out of sight."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.view.offsets.to_qt(offset))
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()

    # -- handles ----------------------------------------------------------------------------

    def handle_rect(self, offset: int) -> QRect:
        """The caret's rectangle at stored code point ``offset``, in viewport coordinates."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.view.offsets.to_qt(offset))
        return self.view.cursorRect(cursor)

    def _handle_at(self, point: QPoint) -> str | None:
        span = self.span()
        if span is None:
            return None
        for edge, offset in ((START, span.start), (END, span.end)):
            rect = self.handle_rect(offset).adjusted(-GRAB_DISTANCE, -GRAB_DISTANCE, GRAB_DISTANCE, GRAB_DISTANCE)
            if rect.contains(point):
                return edge
        return None

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self.pressed_at = event.position().toPoint()
            self.dragging = self._handle_at(self.pressed_at)
            self.dragged_to = None
            if self.dragging is not None:
                self.edge = self.dragging
            return self.dragging is not None
        if kind == QEvent.Type.MouseMove:
            return self._mouse_moved(event)
        if kind == QEvent.Type.MouseButtonRelease and self.dragging is not None:
            self._dropped(event)
            return True
        return False

    def _mouse_moved(self, event: QMouseEvent) -> bool:
        point = event.position().toPoint()
        if self.dragging is None:
            near = self.view.text and self._handle_at(point) is not None
            self.view.canvas.setCursor(Qt.CursorShape.SizeHorCursor if near else Qt.CursorShape.IBeamCursor)
            return False
        if self.dragged_to is None and not self._went_far(point):
            return True
        self.dragged_to = self._snapped(point, event)
        self._preview()
        self.view.canvas.update()
        return True

    def _preview(self) -> None:
        """Shade what the span would cover if dropped here, over the other extra
        selections (search matches), which come back on the drop."""
        span = self.editor.span(self.editor.selected)
        if span is None or self.dragged_to is None:
            return
        if self._kept_selections is None:
            self._kept_selections = self.view.extraSelections()
        start, end = (self.dragged_to, span.end) if self.dragging == START else (span.start, self.dragged_to)
        shade = QTextEdit.ExtraSelection()
        shade.cursor = QTextCursor(self.view.document())
        qt_start, qt_end = self.view.offsets.range_to_qt(*sorted((start, end)))
        shade.cursor.setPosition(qt_start)
        shade.cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
        shade.format = QTextCharFormat()
        shade.format.setBackground(PREVIEW_COLOR)
        self.view.setExtraSelections([*self._kept_selections, shade])

    def _snapped(self, point: QPoint, event: QMouseEvent) -> int:
        by_word = not event.modifiers() & Qt.KeyboardModifier.AltModifier
        return snapped(self.view.text, self.view.offset_at(point), self.dragging, by_word)

    def _went_far(self, point: QPoint) -> bool:
        """Whether the mouse left the press point by a drag's distance: a click on a
        handle (a boundary inside a word, say) must not snap it anywhere."""
        from PySide6.QtWidgets import QApplication  # on first use (docs/architecture.md, "Layers")

        return (point - self.pressed_at).manhattanLength() >= QApplication.startDragDistance()

    def _dropped(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        offset = self._snapped(point, event) if self.dragged_to is not None or self._went_far(point) else None
        edge, self.dragging, self.dragged_to = self.dragging, None, None
        if self._kept_selections is not None:
            self.view.setExtraSelections(self._kept_selections)
            self._kept_selections = None
        span = self.editor.span(self.editor.selected)
        if span is not None and offset is not None:
            self._move(span, *((offset, span.end) if edge == START else (span.start, offset)))
        self.view.canvas.update()

    def paint(self) -> None:
        """Draw the selected span's two handles (the one the keys move filled), the
        dragged one where it would drop."""
        span = self.span()
        if span is None:
            return
        from PySide6.QtGui import QPainter, QPen  # on first use (docs/architecture.md, "Layers")

        painter = QPainter(self.view.canvas)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(HANDLE_COLOR, 2))
        for edge, offset in ((START, span.start), (END, span.end)):
            if edge == self.dragging and self.dragged_to is not None:
                offset = self.dragged_to
            rect = self.handle_rect(offset)
            x = rect.center().x()
            painter.drawLine(x, rect.top(), x, rect.bottom())
            painter.setBrush(HANDLE_COLOR if edge == self.edge else Qt.BrushStyle.NoBrush)
            knob_y = rect.top() - KNOB_RADIUS if edge == START else rect.bottom() + KNOB_RADIUS
            painter.drawEllipse(QPoint(x, knob_y), KNOB_RADIUS, KNOB_RADIUS)
        painter.end()
