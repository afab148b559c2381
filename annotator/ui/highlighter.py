"""Span highlights, painted block by block by a QSyntaxHighlighter.

Spans with a negative id are suggestions: drawn faint and dashed, and only where no
annotation covers the text.

Only the blocks a change touches are re-highlighted, so the cost of an edit does not
grow with the number of spans. Formats set the background and the underline only:
changing the font or the text color inside a word breaks the joining of Arabic
letters. Nested spans stay visible: the innermost span gives the background, the span
around it an underline in its color.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from operator import attrgetter

from PySide6.QtCore import SIGNAL, SLOT, QObject, QTimer
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from shiboken6 import isValid

from annotator.core.model import Span
from annotator.core.schema import Schema
from annotator.ui.qt_offsets import QtOffsets

# Qt starts a new block at each of these: LF, and U+2029, U+FDD0 and U+FDD1 too.
BLOCK_BREAKS = ("\n", "\u2029", "\ufdd0", "\ufdd1")
_UNKNOWN = QColor("#dddddd")
_REFORMAT_SLOT = "_q_reformatBlocks(int,int,int)"  # QSyntaxHighlighter's, fed by contentsChange
PAINT_BATCH = 200  # blocks per step when painting the rest of a long article
HIGHLIGHT_ALPHA = 170  # translucent, so text stays as readable as on the page
_start_of = attrgetter("start")


def block_starts(text: str) -> list[int]:
    """The code-point offset where each Qt block of ``text`` begins.

    ``str.find`` runs at C speed; a regular expression over a long Arabic text is much
    slower, and this runs before the article is first painted."""
    starts = [0]
    for mark in BLOCK_BREAKS:
        found = text.find(mark)
        while found >= 0:
            starts.append(found + 1)
            found = text.find(mark, found + 1)
    starts.sort()
    return starts


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, schema: Schema):
        super().__init__(document)
        self._colors = {label.name: QColor(label.color) for label in schema.labels}
        self._formats: dict[tuple, QTextCharFormat] = {}
        self._generation = 0
        self._spans: dict[int, Span] = {}
        self._unswept: list[Span] = []  # the spans of reset(), by start; indexed up to _swept
        self._swept = 0
        self._by_block: dict[int, set[int]] = defaultdict(set)
        self._line_starts: list[int] = [0]
        self._offsets = QtOffsets("")
        self.selected: int | None = None
        self.linked: set[int] = set()
        self._pending: dict[int, bool] = {}  # blocks still to paint: True even if they have no span
        self._scheduled = False

    # -- the index of spans per block ----------------------------------------------
    #
    # A new document's spans are indexed lazily, in order of their start: a block's entry
    # in ``_by_block`` is complete once every span starting before the block's end has
    # been swept in (``_sweep_to``). Opening an article indexes only what is on screen;
    # the rest follows, a batch at a time, from the event loop (``paint_soon``).

    @contextmanager
    def detached(self) -> Iterator[None]:
        """Set a new text without Qt highlighting it as it arrives, one Python call per
        paragraph (most of the time a long article would take to open); ``paint_soon``
        paints it instead. The connection is the one ``QSyntaxHighlighter.setDocument``
        makes; detaching with ``setDocument(None)`` instead would make Qt highlight the
        whole document again in one go from the event loop. Should a future Qt name it
        otherwise, nothing is detached and the text is highlighted as it is set."""
        connection = (self.document(), SIGNAL("contentsChange(int,int,int)"), self, SLOT(_REFORMAT_SLOT))
        detached = self.metaObject().indexOfSlot(_REFORMAT_SLOT) >= 0 and QObject.disconnect(*connection)
        try:
            yield
        finally:
            if detached:
                QObject.connect(*connection)

    def reset(self, text: str, offsets: QtOffsets, spans: list[Span]) -> None:
        """A new document's spans, indexed lazily. Call it before ``setPlainText`` inside
        ``detached()``, then ``paint_soon``."""
        self._offsets = offsets
        self._line_starts = block_starts(text)
        self._spans = {span.id: span for span in spans}
        self._unswept = sorted(spans, key=_start_of)
        self._swept = 0
        self._by_block = defaultdict(set)
        self.selected = None
        self.linked = set()
        self._generation += 1  # what was still to paint belonged to the old text
        self._pending = {}
        self._scheduled = False

    def paint_soon(self, first: list[int], blocks: Iterable[int] | None = None) -> None:
        """Paint the blocks in ``first`` now and the others from the event loop, a batch
        at a time, so a long article shows at once, highlighted where seen. ``blocks``
        None: every block with spans (a new document); else those blocks, spans or not
        (their spans changed). What is still to paint from earlier calls stays to paint."""
        document = self.document()
        for number in first:
            self._paint_block(document, number, always=blocks is not None)
        if blocks is None:
            if not self._unswept:
                return  # spans added later are painted as they are added
            for number in range(len(self._line_starts)):
                self._pending.setdefault(number, False)
        else:
            for number in blocks:
                self._pending[number] = True
        for number in first:
            self._pending.pop(number, None)
        self._schedule()

    def paint_pending(self, blocks: list[int]) -> None:
        """Paint now those of ``blocks`` still waiting for the event loop."""
        document = self.document()
        for number in blocks:
            if number in self._pending:
                self._paint_block(document, number, always=self._pending.pop(number))

    def _schedule(self) -> None:
        if self._scheduled or not self._pending:
            return
        self._scheduled = True
        generation, document = self._generation, self.document()

        def batch() -> None:
            if not isValid(self) or not isValid(document) or generation != self._generation:
                return  # the view was closed, or another document opened, meanwhile
            self._scheduled = False
            for number in sorted(self._pending)[:PAINT_BATCH]:
                self._paint_block(document, number, always=self._pending.pop(number))
            self._schedule()

        QTimer.singleShot(0, batch)

    def add_many(self, spans: list[Span], visible: list[int]) -> None:
        """Add many spans at once: the visible blocks are painted now, the rest from the
        event loop (one repaint per span would keep a long article's thousands of
        suggestions waiting for seconds)."""
        for span in spans:
            self._index(span)
        self._repaint_soon(spans, visible)

    def remove_many(self, span_ids: list[int], visible: list[int]) -> None:
        """Remove many spans at once, painted as ``add_many`` paints."""
        self._repaint_soon([span for span in map(self._unindex, span_ids) if span is not None], visible)

    def _repaint_soon(self, spans: list[Span], visible: list[int]) -> None:
        blocks = {block for span in spans for block in self._blocks_of(span)}
        self.paint_soon([number for number in visible if number in blocks], blocks)

    def _paint_block(self, document: QTextDocument, number: int, always: bool = False) -> None:
        """Highlight block ``number`` if it has spans, or ``always`` (it may have lost some)."""
        self._sweep_to(number)
        if always or self._by_block.get(number):
            self.rehighlightBlock(document.findBlockByNumber(number))

    def _sweep_to(self, block: int) -> None:
        """Index every span starting before the end of ``block``, so its entry is complete.
        A span removed or replaced since ``reset`` is no longer in ``_spans``: skipped."""
        unswept, swept = self._unswept, self._swept
        if swept == len(unswept):
            return
        if block + 1 < len(self._line_starts):
            stop = bisect_left(unswept, self._line_starts[block + 1], swept, key=_start_of)
        else:
            stop = len(unswept)
        spans = self._spans
        for span in unswept[swept:stop]:
            if spans.get(span.id) is span:
                self._index_blocks(span)
        self._swept = stop

    def _blocks_of(self, span: Span) -> range:
        return self._blocks_between(span.start, span.end)

    def _blocks_between(self, start: int, end: int) -> range:
        """The blocks holding code points ``[start, end)`` (an empty range: the one at ``start``)."""
        first = bisect_right(self._line_starts, start) - 1
        last = bisect_right(self._line_starts, max(start, end - 1), first) - 1
        return range(first, last + 1)

    def _index(self, span: Span) -> None:
        self._spans[span.id] = span
        self._index_blocks(span)

    def _index_blocks(self, span: Span) -> None:
        for block in self._blocks_of(span):
            self._by_block[block].add(span.id)

    def _unindex(self, span_id: int) -> Span | None:
        span = self._spans.pop(span_id, None)
        if span is not None:
            for block in self._blocks_of(span):
                self._by_block[block].discard(span_id)
        return span

    def spans(self) -> dict[int, Span]:
        return self._spans

    def spans_over(self, start: int, end: int) -> list[Span]:
        """Spans overlapping the code points ``[start, end)``, found through the blocks
        they are in (the cost depends on those blocks, not on the document's span count)."""
        blocks = self._blocks_between(start, end)
        self._sweep_to(blocks[-1])
        ids = set().union(*(self._by_block.get(block, ()) for block in blocks))
        return [self._spans[i] for i in ids if self._spans[i].start < end and start < self._spans[i].end]

    def spans_at(self, offset: int) -> list[Span]:
        """Spans covering a code-point offset, innermost (shortest) first."""
        block = bisect_right(self._line_starts, offset) - 1
        self._sweep_to(block)
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
        self._sweep_to(number)
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
            if not covering:
                continue
            if len(covering) > 1:  # a suggestion shows only where nothing is annotated
                covering = [s for s in covering if s.id > 0] or covering
            qt_left, qt_right = self._offsets.range_to_qt(left, right)
            self.setFormat(qt_left - block_qt, qt_right - qt_left, self._format(covering))

    def _format(self, covering: list[Span]) -> QTextCharFormat:
        key = self._format_key(covering)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = (self._suggestion_format(*key[1:]) if key[0] == "suggestion"
                                        else self._make_format(*key))
        return fmt

    def _format_key(self, covering: list[Span]) -> tuple:
        """What the format of a stretch depends on: its innermost label, the label of the
        span around it, and whether the selected span or one linked to it covers it."""
        if len(covering) > 1:
            covering.sort(key=lambda s: (s.end - s.start, s.start), reverse=True)  # outermost first
        inner = covering[-1]
        linked = self.linked
        if len(covering) == 1:  # the usual stretch: one span, no generator needed
            selected = inner.label if inner.id == self.selected else None
            touches_link = inner.id in linked
        else:
            selected = next((s.label for s in covering if s.id == self.selected), None)
            touches_link = any(s.id in linked for s in covering)
        if inner.id < 0:  # only suggestions here
            return ("suggestion", inner.label, selected is not None or touches_link)
        outer = covering[-2].label if len(covering) > 1 else None
        return (inner.label, outer, selected, selected is None and touches_link)

    def _suggestion_format(self, label: str, selected: bool) -> QTextCharFormat:
        """Suggestions are faint and dashed, so they never pass for annotations."""
        fmt = QTextCharFormat()
        color = QColor(self._colors.get(label, _UNKNOWN))
        if selected:
            color.setAlpha(120)
            fmt.setBackground(color)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(QColor(self._colors.get(label, _UNKNOWN)).darker(170))
        return fmt

    def _make_format(self, inner: str, outer: str | None, selected: str | None, linked: bool) -> QTextCharFormat:
        fmt = QTextCharFormat()
        color = QColor(self._colors.get(selected or inner, _UNKNOWN))
        if selected is not None:
            color = color.darker(135)
        elif linked:
            color = color.darker(115)
        else:
            color.setAlpha(HIGHLIGHT_ALPHA)
        fmt.setBackground(color)
        if outer is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(self._colors.get(outer, _UNKNOWN)).darker(160))
        if selected is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor("#202020"))
        return fmt
