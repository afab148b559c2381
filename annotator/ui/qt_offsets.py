"""The one place where stored offsets and Qt document positions are converted.

Invariant: for a stored text ``text`` shown with ``QPlainTextEdit.setPlainText(text)``,
the Qt position of stored offset ``o`` is ``len(text[:o].encode("utf-16-le")) // 2``:
``o`` plus the number of characters above U+FFFF (emoji, flags, ...) before ``o``,
each of which Qt stores as two UTF-16 code units (a surrogate pair). Every other code
point, including ``\\n``, U+2028, U+2029, NBSP, harakat and bidi marks, is exactly one
position in both. ``QTextDocument.characterCount() - 1 == qt_length``.

This holds because a stored text (design.md, "Offsets") has only ``\\n``
line breaks, no leading BOM and no lone surrogates; ``setPlainText`` would otherwise
merge ``\\r\\n`` into one position, drop a leading U+FEFF and lose a lone surrogate.
Such a text is refused here with ``ValueError`` instead of being mapped wrongly.

Stored offsets are code points (Python ``str`` indices), end exclusive. No other
module does this arithmetic.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class QtOffsets:
    """Converts between stored code-point offsets and Qt document positions for one text."""

    __slots__ = ("_length", "_qt_length", "_astral", "_astral_qt")

    def __init__(self, text: str):
        if "\r" in text:
            raise ValueError("stored text must not contain '\\r' (Qt merges '\\r\\n' into one position)")
        if text.startswith("\ufeff"):
            raise ValueError("stored text must not start with a BOM (setPlainText drops it)")
        try:
            qt_length = len(text.encode("utf-16-le")) // 2
        except UnicodeEncodeError as error:
            raise ValueError(f"stored text has a lone surrogate at offset {error.start}") from error
        self._length = len(text)
        self._qt_length = qt_length
        if qt_length == len(text):  # nothing above U+FFFF: positions are offsets
            self._astral: list[int] = []
            self._astral_qt: list[int] = []
        else:
            # Code-point offset of each astral character, and the Qt position of its
            # high surrogate (the k-th astral character has k pairs before it).
            self._astral = [match.start() for match in _ASTRAL.finditer(text)]
            self._astral_qt = [offset + k for k, offset in enumerate(self._astral)]

    @property
    def qt_length(self) -> int:
        """Qt positions in the text: UTF-16 code units, ``\\n`` counted as one."""
        return self._qt_length

    def to_qt(self, offset: int) -> int:
        """The Qt position of code-point ``offset`` (0 <= offset <= len(text))."""
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} outside 0..{self._length}")
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        """The code-point offset at Qt ``position`` (0 <= position <= qt_length).

        A position between the two halves of a surrogate pair snaps down to the
        character that pair encodes.
        """
        if not 0 <= position <= self._qt_length:
            raise ValueError(f"Qt position {position} outside 0..{self._qt_length}")
        if not self._astral:
            return position
        # Pairs starting before ``position``; for a position inside a pair, that pair
        # is counted, which is exactly the snap down.
        return position - bisect_left(self._astral_qt, position)

    def range_to_qt(self, start: int, end: int) -> tuple[int, int]:
        """Code points ``[start, end)`` as Qt positions (0 <= start <= end <= len(text))."""
        if not 0 <= start <= end <= self._length:
            raise ValueError(f"range [{start}, {end}) reversed or outside 0..{self._length}")
        if not self._astral:
            return start, end
        return start + bisect_left(self._astral, start), end + bisect_left(self._astral, end)

    def range_from_qt(self, start: int, end: int) -> tuple[int, int]:
        """Qt positions ``[start, end)`` as code points, never losing half a character.

        ``start`` snaps down and ``end`` snaps up when either falls inside a pair.
        """
        if not 0 <= start <= end <= self._qt_length:
            raise ValueError(f"Qt range [{start}, {end}) reversed or outside 0..{self._qt_length}")
        if not self._astral:
            return start, end
        pairs = self._astral_qt
        k = bisect_left(pairs, end)
        last = end - k
        if k and pairs[k - 1] == end - 1:  # end is between the halves of pair k-1
            last += 1
        return start - bisect_left(pairs, start), last
