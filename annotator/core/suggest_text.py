"""Quotations, sentences and words of folded text, for the suggester (``core/suggest.py``).

Where the quotations are, where a sentence ends (never inside a quotation) and which
tokens a range holds: the layout of the text that every rule reads, kept apart from the
rules themselves. Offsets are into the folded text. No Qt here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from annotator.core.suggest_words import _NON_SPACE, _OPEN, _SENTENCE_END


class _Regions(list):
    """Sorted ranges that do not overlap, with their starts, for bisection."""

    def __init__(self, regions: list[tuple[int, int]]):
        super().__init__(regions)
        self.starts = [start for start, _ in regions]


def _quote_regions(folded: str) -> _Regions:
    """Folded ranges of quotations, marks included; unbalanced quotes end at a line break.
    Each starts after the previous one ends."""
    regions = []
    i, n = 0, len(folded)
    while i < n:
        char = folded[i]
        if char in _OPEN:
            close = _OPEN[char]
            depth, j = 1, i + 1
            while j < n and folded[j] != "\n":
                if folded[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                elif folded[j] == char and char != '"':
                    depth += 1
                j += 1
            if j < n and folded[j] == close:
                regions.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return _Regions(regions)


def _inside(regions: _Regions, pos: int) -> tuple[int, int] | None:
    """The region ``pos`` is strictly inside, found by bisection: a walk over the regions
    before it would make a long article's suggestions quadratic."""
    index = bisect_left(regions.starts, pos) - 1
    if index >= 0 and pos < regions[index][1]:
        return regions[index]
    return None


def _sentences(folded: str, quotes: _Regions) -> list[tuple[int, int]]:
    """Sentence ranges: split after . ! ? ؟ (followed by space or end) and at line
    breaks, never inside a quotation."""
    out, start = [], 0
    for match in _SENTENCE_END.finditer(folded):
        i = match.start()
        index = bisect_right(quotes.starts, i) - 1
        if index >= 0 and i < quotes[index][1]:
            continue
        out.append((start, i + 1))
        start = i + 1
    if start < len(folded):
        out.append((start, len(folded)))
    return out


def _words(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Whitespace-separated tokens of folded[start:end], as ranges."""
    return [(m.start(), m.end()) for m in _NON_SPACE.finditer(folded, start, end)]


def _prev_word(folded: str, pos: int, floor: int) -> str:
    m = re.search(r"(\w+)\W*$", folded[floor:pos])
    return m.group(1) if m else ""


def _all(folded: str, char: str, start: int, end: int) -> Iterator[int]:
    i = folded.find(char, start, end)
    while i != -1:
        yield i
        i = folded.find(char, i + 1, end)


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (folded[start].isspace() or folded[start] in "،,؛;:-–—"):
        start += 1
    while end > start and (folded[end - 1].isspace() or folded[end - 1] in ".،,؛;:!?؟-–—"):
        end -= 1
    return start, end
