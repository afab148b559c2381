"""Span highlights, painted block by block by a QSyntaxHighlighter.

Spans with a negative id are suggestions: drawn faint and dashed, and only where no
annotation covers the text.

Only the blocks a change touches are re-highlighted, so the cost of an edit does not
grow with the number of spans. Formats set the background and the underline only:
changing the font or the text colour inside a word breaks the joining of Arabic
letters. Nested spans stay visible: the innermost span gives the background, the span
around it an underline in its colour.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from collections import defaultdict

from PySide6.QtCore import QTimer
from shiboken6 import isValid
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.core.model import Span
from annotator.core.schema import Schema
from annotator.ui.qt_offsets import QtOffsets

# Qt starts a new block at each of these (measured: U+2029, U+FDD0 and U+FDD1 too).
_BLOCK_BREAK = re.compile("[\n\u2029\ufdd0\ufdd1]")
_UNKNOWN = QColor("#dddddd")
PAINT_BATCH = 200  # blocks per step when painting the rest of a long article
HIGHLIGHT_ALPHA = 170  # translucent, so text stays as readable as on the page


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, schema: Schema):
        super().__init__(document)
        self._colours = {label.name: QColor(label.color) for label in schema.labels}
        self._formats: dict[tuple, QTextCharFormat] = {}
        self._generation = 0
        self._spans: dict[int, Span] = {}
        self._by_block: dict[int, set[int]] = defaultdict(set)
        self._line_starts: list[int] = [0]
        self._offsets = QtOffsets("")
        self.selected: int | None = None
        self.linked: set[int] = set()

    # -- the index of spans per block ----------------------------------------------

    def reset(self, text: str, offsets: QtOffsets, spans: list[Span], repaint: bool = True) -> None:
        """A new document: index every span. Call it before ``setPlainText`` with
        ``repaint=False``, and setting the text paints every block once, with these spans."""
        self._offsets = offsets
        lengths = (len(line) + 1 for line in _BLOCK_BREAK.split(text)[:-1])
        self._line_starts = [0, *accumulate(lengths)]
        self._spans = {}
        self._by_block = defaultdict(set)
        self.selected = None
        self.linked = set()
        for span in spans:
            self._index(span)
        if repaint:
            self.rehighlight()

    def forget(self) -> None:
        """Drop every span, painting nothing: call before ``setPlainText`` of a new text."""
        self._spans = {}
        self._by_block = defaultdict(set)

    def paint_soon(self, first: list[int]) -> None:
        """Paint the blocks in ``first`` now and every other block with spans from the event
        loop, a batch at a time, so a long article shows at once, highlighted where seen."""
        self._generation += 1
        generation = self._generation
        document = self.document()
        done = set(first)
        for number in first:
            if self._by_block.get(number):
                self.rehighlightBlock(document.findBlockByNumber(number))
        rest = sorted(n for n, ids in self._by_block.items() if ids and n not in done)

        def batch(start: int = 0) -> None:
            if not isValid(self) or not isValid(document) or generation != self._generation:
                return  # the view was closed, or another document opened, meanwhile
            for number in rest[start:start + PAINT_BATCH]:
                block = document.findBlockByNumber(number)
                if block.isValid():
                    self.rehighlightBlock(block)
            if start + PAINT_BATCH < len(rest):
                QTimer.singleShot(0, lambda: batch(start + PAINT_BATCH))

        if rest:
            QTimer.singleShot(0, batch)

    def _blocks_of(self, span: Span) -> range:
        first = bisect_right(self._line_starts, span.start) - 1
        last = bisect_right(self._line_starts, max(span.start, span.end - 1)) - 1
        return range(first, last + 1)

    def _index(self, span: Span) -> None:
        self._spans[span.id] = span
        starts = self._line_starts
        first = bisect_right(starts, span.start) - 1
        last = bisect_right(starts, max(span.start, span.end - 1), first) - 1
        for block in range(first, last + 1):
            self._by_block[block].add(span.id)

    def _unindex(self, span_id: int) -> Span | None:
        span = self._spans.pop(span_id, None)
        if span is not None:
            for block in self._blocks_of(span):
                self._by_block[block].discard(span_id)
        return span

    def spans(self) -> dict[int, Span]:
        return self._spans

    def spans_at(self, offset: int) -> list[Span]:
        """Spans covering a code-point offset, innermost (shortest) first."""
        block = bisect_right(self._line_starts, offset) - 1
        found = [self._spans[i] for i in self._by_block.get(block, ())
                 if self._spans[i].start <= offset < self._spans[i].end]
        return sorted(found, key=lambda s: (s.end - s.start, s.start))

    # -- changes: re-highlight only the blocks they touch ---------------------------

    def add(self, span: Span) -> None:
        self._index(span)
        self._repaint(span)

    def remove(self, span_id: int) -> None:
        span = self._unindex(span_id)
        if span is not None:
            self._repaint(span)

    def replace(self, span: Span) -> None:
        old = self._unindex(span.id)
        self._index(span)
        if old is not None:
            self._repaint(old)
        self._repaint(span)

    def set_selected(self, span_id: int | None, linked: set[int] | None = None) -> None:
        """Mark the selected span and the spans it is linked to."""
        touched = {self.selected, span_id, *self.linked, *(linked or ())}
        self.selected = span_id
        self.linked = set(linked or ())
        for touched_id in touched:
            if touched_id in self._spans:
                self._repaint(self._spans[touched_id])

    def _repaint(self, span: Span) -> None:
        document = self.document()
        for number in self._blocks_of(span):
            block = document.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)

    # -- painting -------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        number = self.currentBlock().blockNumber()
        ids = self._by_block.get(number)
        if not ids:
            return
        block_start = self._line_starts[number]
        block_end = block_start + len(text) if number + 1 >= len(self._line_starts) else self._line_starts[number + 1] - 1
        spans = [self._spans[i] for i in ids]
        cuts = sorted({block_start, block_end} | {
            min(max(edge, block_start), block_end) for s in spans for edge in (s.start, s.end)})
        block_qt = self._offsets.to_qt(block_start)
        for left, right in zip(cuts, cuts[1:]):
            covering = [s for s in spans if s.start <= left and right <= s.end]
            real = [s for s in covering if s.id > 0]
            covering = real or covering  # a suggestion shows only where nothing is annotated
            if not covering:
                continue
            qt_left, qt_right = self._offsets.range_to_qt(left, right)
            self.setFormat(qt_left - block_qt, qt_right - qt_left, self._format(covering))

    def _format(self, covering: list[Span]) -> QTextCharFormat:
        covering.sort(key=lambda s: (s.end - s.start, s.start), reverse=True)  # outermost first
        selected = next((s.label for s in covering if s.id == self.selected), None)
        if covering[-1].id < 0:  # only suggestions here
            key = ("suggestion", covering[-1].label, selected is not None or any(s.id in self.linked for s in covering))
        else:
            key = (
                covering[-1].label,
                covering[-2].label if len(covering) > 1 else None,
                selected,
                selected is None and any(s.id in self.linked for s in covering),
            )
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = (self._suggestion_format(*key[1:]) if key[0] == "suggestion"
                                        else self._make_format(*key))
        return fmt

    def _suggestion_format(self, label: str, selected: bool) -> QTextCharFormat:
        """Suggestions are faint and dashed, so they never pass for annotations."""
        fmt = QTextCharFormat()
        colour = QColor(self._colours.get(label, _UNKNOWN))
        if selected:
            colour.setAlpha(120)
            fmt.setBackground(colour)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(QColor(self._colours.get(label, _UNKNOWN)).darker(170))
        return fmt

    def _make_format(self, inner: str, outer: str | None, selected: str | None, linked: bool) -> QTextCharFormat:
        fmt = QTextCharFormat()
        colour = QColor(self._colours.get(selected or inner, _UNKNOWN))
        if selected is not None:
            colour = colour.darker(135)
        elif linked:
            colour = colour.darker(115)
        else:
            colour.setAlpha(HIGHLIGHT_ALPHA)
        fmt.setBackground(colour)
        if outer is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(self._colours.get(outer, _UNKNOWN)).darker(160))
        if selected is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor("#202020"))
        return fmt
