"""The article: read-only, right to left, highlighted, speaking code-point offsets.

Everything outside this widget talks in stored code-point offsets; positions are
converted only through ``QtOffsets``. The text is set with ``setPlainText`` and never
read back from the widget (``toPlainText`` turns NBSP into a space).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from annotator.core.model import Span
from annotator.core.schema import Schema
from annotator.core.span_edges import trim_edges
from annotator.core.text import keyed_word_bounds, snap_to_graphemes, word_bounds
from annotator.ui.highlighter import SpanHighlighter
from annotator.ui.qt_offsets import QtOffsets
from annotator.ui.tooltips import plain_tooltip

MIN_POINT_SIZE, MAX_POINT_SIZE = 8, 48
LINK_COLOR = QColor(40, 40, 40, 190)


def _viewport_of(view: QPlainTextEdit) -> QWidget:
    """The view's viewport, found by its object name. The first ``viewport()`` call of a
    process is slow: it returns a plain ``QWidget*``, and PySide then creates every
    QtWidgets class it has not created yet, to look for a more derived type.
    ``findChild`` with the exact type wraps the same widget directly."""
    return view.findChild(QWidget, "qt_scrollarea_viewport") or view.viewport()


class ArticleView(QPlainTextEdit):
    span_clicked = Signal(object)  # the innermost span id under a click, or None
    zoom_changed = Signal(int)

    def __init__(self, font_family: str, schema: Schema, parent=None):
        super().__init__(parent)
        self.canvas = _viewport_of(self)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setFont(QFont(font_family, 16))
        self.setMouseTracking(True)
        self._set_text_option(show_invisibles=False)
        self.highlighter = SpanHighlighter(self.document(), schema)
        self.text = ""
        self.offsets = QtOffsets("")
        self.sub_word = False
        self.keyed = False  # the selection was made with Shift+keys, not by a drag
        self.describe = lambda spans: ", ".join(s.label for s in spans)
        self.links: list[tuple[Span, Span]] = []
        self.overlays: list = []  # callables that paint over the text, after it
        self.painted = False  # the first frame has been drawn
        self._after_first_frame: list = []

    def _set_text_option(self, show_invisibles: bool) -> None:
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        flags = option.flags()
        if show_invisibles:
            flags |= QTextOption.Flag.ShowDefaultIgnorables
        else:
            flags &= ~QTextOption.Flag.ShowDefaultIgnorables
        option.setFlags(flags)
        self.document().setDefaultTextOption(option)

    def set_show_invisibles(self, show: bool) -> None:
        """Reveal bidi marks and other invisible characters; offsets do not change."""
        self._set_text_option(show)
        self.highlighter.rehighlight()

    # -- content --------------------------------------------------------------------

    def show_document(self, text: str, spans: list[Span]) -> None:
        self.text = text
        self.offsets = QtOffsets(text)
        self.highlighter.reset(text, self.offsets, spans)
        with self.highlighter.detached():  # else Qt highlights every paragraph as it arrives
            self.setPlainText(text)
        self.highlighter.paint_soon(self.visible_blocks())  # the screen now, the rest soon

    def show_spans(self, spans: list[Span]) -> None:
        """The open text's spans anew: all of them, once those on screen were shown first
        (``Editor.open``)."""
        self.highlighter.reset(self.text, self.offsets, spans)
        self.highlighter.paint_soon(self.visible_blocks())

    def shown_range(self) -> tuple[int, int] | None:
        """The stored code points [start, end) of the blocks on screen; None while hidden."""
        blocks = self.visible_blocks()
        if not blocks:
            return None
        document = self.document()
        first, last = document.findBlockByNumber(blocks[0]), document.findBlockByNumber(blocks[-1])
        return self.offsets.range_from_qt(first.position(), last.position() + last.length() - 1)

    def paint_now(self) -> None:
        """Draw what is on screen at once, without waiting for the event loop."""
        self.canvas.repaint()

    def visible_blocks(self) -> list[int]:
        """The numbers of the blocks on screen, top to bottom; none while the view is
        hidden. Finding them lays the text out, and a view that has not been shown yet
        does not have the width it will show at (a window lays out its panes when it
        first shows): the article would be laid out twice, once at the wrong width, and the
        window would show later. ``showEvent`` paints what the view then shows."""
        if not self.isVisible():
            return []
        block = self.firstVisibleBlock()
        bottom = self.canvas.height()
        offset = self.contentOffset()
        numbers = []
        while block.isValid():
            numbers.append(block.blockNumber())
            if self.blockBoundingGeometry(block).translated(offset).top() > bottom:
                break
            block = block.next()
        return numbers

    def shows(self, start: int, end: int) -> bool:
        """Whether stored code points [start, end) are on screen: half a line of them at
        least. A hidden view counts as showing all (there is no screen to bring them onto).
        Only positions in the blocks on screen are measured: ``cursorRect`` in a block far
        off screen is not where the block is."""
        if not self.isVisible():
            return True
        on_screen = self.visible_blocks()
        first_block, last_block = (self.document().findBlock(position).blockNumber()
                                   for position in self.offsets.range_to_qt(start, end))
        if last_block < on_screen[0] or first_block > on_screen[-1]:
            return False
        height = self.canvas.height()
        top = self._cursor_rect(start).top() if first_block >= on_screen[0] else 0
        bottom = self._cursor_rect(end).bottom() if last_block <= on_screen[-1] else height
        return min(bottom, height) - max(top, 0) >= self.fontMetrics().height() // 2

    def bring_into_view(self, offset: int) -> None:
        """Scroll stored code point ``offset`` to the middle of the screen, the caret on it."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(offset))
        self.setTextCursor(cursor)
        self.centerCursor()

    def select_range(self, start: int, end: int) -> None:
        """Select stored code points [start, end) and show them: their first line, and
        their last too when they fit on the screen (a claim of several lines is read
        from its start)."""
        qt_start, qt_end = self.offsets.range_to_qt(start, end)
        cursor = self.textCursor()
        for edge in (qt_end, qt_start):  # the start scrolled to last, so it wins when both do not fit
            cursor.setPosition(edge)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def selected_range(self) -> tuple[int, int] | None:
        """The selection in code points, grown to whole words unless ``sub_word`` is on,
        then with the span edge rule applied (``core/span_edges.py``)."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self.offsets.range_from_qt(cursor.selectionStart(), cursor.selectionEnd())
        start, end = snap_to_graphemes(self.text, start, end)
        if self.keyed and not self.sub_word:
            anchor, position = self.offsets.from_qt(cursor.anchor()), self.offsets.from_qt(cursor.position())
            start, end = keyed_word_bounds(self.text, anchor, position)
        elif not self.sub_word:
            start, end = word_bounds(self.text, start, end)
        start, end = trim_edges(self.text, start, end)
        return (start, end) if end > start else None

    def offset_at(self, point) -> int:
        position = self.cursorForPosition(point).position()
        return self.offsets.from_qt(min(position, self.offsets.qt_length))

    def show_links(self, links: list[tuple[Span, Span]]) -> None:
        """Draw a line from the selected claim to each span it is linked to."""
        self.links = links
        self.canvas.update()

    def _cursor_rect(self, offset: int) -> QRect:
        """Where a caret at stored code point ``offset`` is drawn, in viewport coordinates."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(offset))
        return self.cursorRect(cursor)

    def showEvent(self, event) -> None:  # noqa: N802
        """Highlight the blocks on screen before the first frame; the rest come from the
        event loop, as after any ``paint_soon``."""
        super().showEvent(event)
        self.highlighter.paint_pending(self.visible_blocks())

    def after_first_frame(self, callback) -> None:
        """Run ``callback`` from the event loop once the view has first been painted."""
        if self.painted:
            QTimer.singleShot(0, self, callback)
        else:
            self._after_first_frame.append(callback)

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            for callback in self._after_first_frame:
                QTimer.singleShot(0, self, callback)
            self._after_first_frame.clear()
        for overlay in self.overlays:
            overlay()
        if not self.links:
            return
        # on first use (docs/architecture.md, "Layers")
        from PySide6.QtGui import QPainter, QPen

        from annotator.ui.link_curves import link_path

        painter = QPainter(self.canvas)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(LINK_COLOR, 2))
        for head, child in self.links:
            path = link_path(self, head, child)
            painter.drawPath(path)
            painter.setBrush(LINK_COLOR)
            painter.drawEllipse(path.currentPosition(), 2.5, 2.5)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.end()

    # -- zoom -------------------------------------------------------------------------

    def zoom_by(self, steps: int) -> None:
        self.set_point_size(self.font().pointSize() + steps)

    def set_point_size(self, size: int) -> None:
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        font = self.font()
        if font.pointSize() != size:
            font.setPointSize(size)
            self.setFont(font)
            self.zoom_changed.emit(size)

    # -- mouse: click a span to select it, Alt allows part of a word, hover explains ----

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.sub_word = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        self.keyed = False
        if event.button() == Qt.MouseButton.LeftButton and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            # A press inside the selection would start dragging its text away, not a
            # new selection: the review window selects each unit's words for the reviewer.
            self.clear_selection()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        if not self.text:
            return
        spans = self._spans_near(event.position().toPoint())
        self.span_clicked.emit(spans[0].id if spans else None)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.sub_word = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            self.keyed = True
        super().keyPressEvent(event)

    def _spans_near(self, point) -> list[Span]:
        offset = self.offset_at(point)
        spans = self.highlighter.spans_at(offset)
        if not spans and offset > 0:
            spans = self.highlighter.spans_at(offset - 1)
        return spans

    def viewportEvent(self, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and self.text:
            spans = self._spans_near(event.pos())
            if spans:
                QToolTip.showText(event.globalPos(), plain_tooltip(self.describe(spans)), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
