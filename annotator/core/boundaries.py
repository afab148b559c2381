"""Where a span's boundary goes when the annotator moves it: a grapheme cluster or a word
at a time (keys), or to the place a handle was dragged to (mouse).

A boundary always lands between grapheme clusters, never between a letter and its
harakat. A word stop is an edge of a UAX #29 word segment that is not whitespace: a
word, or a punctuation mark on its own, so moving the end of ``الروسي،`` back by one
word leaves out the comma first. The functions say where a boundary goes; whether the
span that results may exist (not empty, not inverted) is the session's to decide.
"""

from __future__ import annotations

from functools import cache

from annotator.core.text import snap_to_graphemes

START, END = "start", "end"
_WINDOW = 256  # code points segmented on each side: no word stop is farther away in prose
# CLDR's root locale splits words at these colons, as ``text.word_bounds`` does.
_WORD_SPLITTING_COLONS = ":\ufe55\uff1a"


@cache
def _word_break():
    import regex  # on first use (docs/architecture.md, "Layers")

    return regex.compile(r"(?w)\b")


def next_grapheme(text: str, offset: int) -> int:
    """The cluster boundary after ``offset`` (itself a boundary), or ``offset`` at the end."""
    return snap_to_graphemes(text, offset + 1, offset + 1)[1] if offset < len(text) else offset


def previous_grapheme(text: str, offset: int) -> int:
    """The cluster boundary before ``offset`` (itself a boundary), or ``offset`` at 0."""
    return snap_to_graphemes(text, offset - 1, offset - 1)[0] if offset > 0 else offset


def word_segments(text: str, offset: int) -> list[tuple[int, int]]:
    """The words and punctuation marks (UAX #29 segments that are not whitespace) near
    ``offset``, in reading order."""
    low, high = max(0, offset - _WINDOW), min(len(text), offset + _WINDOW)
    run = text[low:high]
    cuts = {match.start() for match in _word_break().finditer(run)} | {0, len(run)}
    cuts.update(i for i, char in enumerate(run) if char in _WORD_SPLITTING_COLONS)
    cuts.update(i + 1 for i, char in enumerate(run) if char in _WORD_SPLITTING_COLONS)
    ordered = sorted(cuts)
    return [(low + a, low + b) for a, b in zip(ordered, ordered[1:]) if not run[a:b].isspace()]


def next_word_stop(text: str, offset: int, edge: str, forward: bool) -> int:
    """Where a ``edge`` boundary at ``offset`` goes when moved by one word: an end goes to
    the end of the next (or previous) word or mark, a start to its start. ``offset`` when
    there is none."""
    stops = [segment[0] if edge == START else segment[1] for segment in word_segments(text, offset)]
    if forward:
        return min((stop for stop in stops if stop > offset), default=offset)
    return max((stop for stop in stops if stop < offset), default=offset)


def moved(text: str, start: int, end: int, edge: str, forward: bool, by_word: bool) -> tuple[int, int]:
    """``[start, end)`` with its ``edge`` moved one step forward (or back) in reading
    order: a grapheme cluster, or a word with ``by_word``. The result may be empty or
    inverted; the session refuses such a span."""
    offset = start if edge == START else end
    if by_word:
        offset = next_word_stop(text, offset, edge, forward)
    else:
        offset = _letter_step(text, offset, edge, forward)
    return (offset, end) if edge == START else (start, offset)


def _letter_step(text: str, offset: int, edge: str, forward: bool) -> int:
    """One grapheme cluster on; over white space to the letter beyond, so that the span's
    edge is never white space (the span edge rule, ``span_edges``)."""
    step = next_grapheme if forward else previous_grapheme
    while True:
        moved_to = step(text, offset)
        if moved_to == offset:
            return offset
        offset = moved_to
        if edge == START:
            inside = text[offset:next_grapheme(text, offset)]
        else:
            inside = text[previous_grapheme(text, offset):offset]
        if not inside.isspace():
            return offset


def snapped(text: str, offset: int, edge: str, by_word: bool) -> int:
    """A boundary dragged to ``offset``, snapped: to the cluster edge outside it, or with
    ``by_word`` to the word or mark it falls in (its start for a start, its end for an
    end); one dragged onto whitespace goes to the nearest word on the span's side of it."""
    low, high = snap_to_graphemes(text, offset, offset)
    offset = low if edge == START else high
    if not by_word:
        return offset
    segments = word_segments(text, offset)
    for first, last in segments:
        if first < offset < last:
            return first if edge == START else last
    if edge == START:
        return min((first for first, _ in segments if first >= offset), default=offset)
    return max((last for _, last in segments if last <= offset), default=offset)
