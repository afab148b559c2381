"""Where a span's edges go: the one rule for punctuation, quote marks and white space.

A selection the annotator makes, a suggestion the suggester proposes and a gold span a
reviewer edits all pass through ``trim_edges``, so whether a comma or a guillemet ends up
inside a span depends on this rule, never on the pixel where a drag stopped. The rule,
as the guidelines (docs/guidelines.md, "Span edges") and the help state it:

1. White space and invisible bidi marks at either edge go.
2. Sentence and clause punctuation at either edge goes: ``EDGE_PUNCTUATION``.
3. A paired mark (``PAIRS``: « » ‹ › “ ” ( ) [ ] { } and the straight ") at an edge stays
   only with its partner inside the span: «خفض التوتر» keeps both guillemets, a closing »
   whose opening « lies outside the selection goes.
4. Repeat until nothing changes: «خفض التوتر». loses its full stop and keeps its marks.
5. A selection with no letter and no digit (only punctuation, marks or symbols) is kept
   as selected, less its white space: the annotator meant that mark.

Edges move by whole grapheme clusters, so a mark never loses a combining mark that
follows it, and nothing is cut inside a cluster. Offsets are code points, end exclusive.
No Qt here.
"""

from __future__ import annotations

from annotator.core.text import BIDI_CONTROLS, snap_to_graphemes

# Arabic and Latin sentence and clause punctuation, the Urdu/Persian full stop, the
# ellipsis and the dashes that set off an aside. The hyphen-minus is not here: at an edge
# it is as often the sign of a number (-5) as an aside's dash.
EDGE_PUNCTUATION = frozenset("،؛؟.,;:?!\u06d4\u2026\u2013\u2014\u2015")

# Opening mark -> its closing mark, in logical (stored) order: in right-to-left text the
# opening « is stored first and drawn on the right.
PAIRS = {"«": "»", "‹": "›", "“": "”", "(": ")", "[": "]", "{": "}"}
_CLOSING = {close: open_ for open_, close in PAIRS.items()}
# A mark that both opens and closes: the first one in a span opens, the next one closes.
SYMMETRIC = frozenset('"')
_MARKS = frozenset(PAIRS) | frozenset(_CLOSING) | SYMMETRIC


def trim_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` with the edge rule above applied, inside the selection widened to
    whole grapheme clusters; an empty range at that start when it holds only white space."""
    start, end = snap_to_graphemes(text, start, end)
    low, high = _strip_blank(text, start, end)
    if low == high:
        return start, start
    if not any(char.isalnum() for char in text[low:high]):
        return low, high
    return _fixed_point(text, low, high)


def _fixed_point(text: str, low: int, high: int) -> tuple[int, int]:
    while True:
        before = (low, high)
        low, high = _strip_blank(text, low, high)
        while low < high and text[low] in EDGE_PUNCTUATION:
            low = _next_boundary(text, low)
        while low < high and _last_base(text, high) in EDGE_PUNCTUATION:
            high = _previous_boundary(text, high)
        if low < high and (text[low] in _MARKS or _last_base(text, high) in _MARKS):
            low, high = _drop_unpaired(text, low, high)
        if (low, high) == before:
            return low, high


def _strip_blank(text: str, low: int, high: int) -> tuple[int, int]:
    while low < high and _blank(text[low]):
        low = _next_boundary(text, low)
    while low < high and _blank(_last_base(text, high)):
        high = _previous_boundary(text, high)
    return low, high


def _last_base(text: str, end: int) -> str:
    """The first code point of the cluster that ends at ``end``: what that cluster is."""
    return text[_previous_boundary(text, end)]


def _blank(char: str) -> bool:
    return char.isspace() or char in BIDI_CONTROLS


def _drop_unpaired(text: str, low: int, high: int) -> tuple[int, int]:
    """Drop a paired mark at an edge whose partner is not inside ``[low, high)``."""
    unpaired = _unpaired_marks(text, low, high)
    if low in unpaired:
        low = _next_boundary(text, low)
    elif _previous_boundary(text, high) in unpaired:
        high = _previous_boundary(text, high)
    return low, high


def _unpaired_marks(text: str, low: int, high: int) -> set[int]:
    """Offsets of the paired marks in ``[low, high)`` that have no partner there: an
    opening mark is closed by the nearest unclosed one of its kind, a straight " pairs
    with the next straight "."""
    open_at: dict[str, list[int]] = {}
    unpaired: set[int] = set()
    for offset in range(low, high):
        char = text[offset]
        if char in PAIRS:
            open_at.setdefault(char, []).append(offset)
        elif char in _CLOSING:
            waiting = open_at.get(_CLOSING[char])
            if waiting:
                waiting.pop()
            else:
                unpaired.add(offset)
        elif char in SYMMETRIC:
            waiting = open_at.setdefault(char, [])
            if waiting:
                waiting.pop()
            else:
                waiting.append(offset)
    for offsets in open_at.values():
        unpaired.update(offsets)
    return unpaired


def _next_boundary(text: str, offset: int) -> int:
    return snap_to_graphemes(text, offset + 1, offset + 1)[1]


def _previous_boundary(text: str, offset: int) -> int:
    return snap_to_graphemes(text, offset - 1, offset - 1)[0]
