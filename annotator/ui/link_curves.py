"""Where the line from a selected span to a span it is linked to runs: beside the words
it joins, never through them.

A curve leaves and reaches each span at the edge of a line box it occupies (the top of
its first line, or the bottom of its last), so it stays in the space between lines
where the two spans are: from the bottom of the upper span down to the top of the lower
one when they are on lines apart, and in an arc above (or below) their line when they
share one. Its height never reverses between its ends, so it cannot turn back into the
words it left. Positions are the article view's caret rectangles (viewport
coordinates); nothing here depends on the text's direction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QPainterPath

from annotator.core.model import Span

if TYPE_CHECKING:
    from annotator.ui.article_view import ArticleView


class _Lines:
    """A span's first and last line boxes, and where on each a curve meets it."""

    def __init__(self, view: "ArticleView", span: Span):
        self.first: QRect = view._cursor_rect(span.start)
        self.last: QRect = view._cursor_rect(max(span.start, span.end - 1))
        after = view._cursor_rect(span.end)  # past a line's wrap it is on the next line
        end_x = after.center().x() if after.top() == self.last.top() else self.last.center().x()
        self.first_x = (self.first.center().x() + end_x) / 2 if self.single else self.first.center().x()
        self.last_x = self.first_x if self.single else end_x

    @property
    def single(self) -> bool:
        return self.first.top() == self.last.top()

    def top(self) -> QPointF:
        return QPointF(self.first_x, self.first.top())

    def bottom(self) -> QPointF:
        return QPointF(self.last_x, self.last.bottom() + 1)


def link_path(view: "ArticleView", head: Span, child: Span) -> QPainterPath:
    """The curve from ``head`` to ``child``; it ends on the child."""
    one, other = _Lines(view, head), _Lines(view, child)
    if one.last.bottom() < other.first.top():      # the head's lines all above the child's
        return _s_curve(one.bottom(), other.top())
    if other.last.bottom() < one.first.top():      # all below
        return _s_curve(one.top(), other.bottom())
    line_height = one.first.height()
    start_together = one.first.top() == other.first.top()
    room_above = min(one.first.top(), other.first.top()) >= line_height  # else the arc leaves the screen
    if one.last.top() == other.last.top() and not (start_together and room_above):
        return _arc(one.bottom(), other.bottom(), line_height)   # they end on one line: below it
    return _arc(one.top(), other.top(), -line_height)             # they start on one line: above it


def _s_curve(start: QPointF, end: QPointF) -> QPainterPath:
    """From one line gap to another, its height moving one way only."""
    middle = (start.y() + end.y()) / 2
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x(), middle), QPointF(end.x(), middle), end)
    return path


def _arc(start: QPointF, end: QPointF, line_height: float) -> QPainterPath:
    """From one edge of a line to another point on an edge of it, bulging away from the
    line by at most half a line (``line_height`` negative: upwards)."""
    reach = min(abs(line_height) / 2, 8 + abs(end.x() - start.x()) / 10) * (1 if line_height > 0 else -1)
    path = QPainterPath(start)
    path.cubicTo(start + QPointF(0, reach), end + QPointF(0, reach), end)
    return path
