"""User text set beside interface text keeps its own direction (no Qt here).

A span's words, an entity, an annotator's name or a title put into a label of the other
direction would otherwise be reordered with the label's punctuation by the Unicode bidi
algorithm (``ABOUT: «...»`` with its guillemet at the wrong end). ``isolate`` wraps it in
first-strong isolates, FSI ... PDI, so the label sees it as one neutral run.
"""

from __future__ import annotations

import re

FSI = "\u2068"  # first strong isolate: the text's own first letter sets its direction
LRI = "\u2066"  # left-to-right isolate
RLI = "\u2067"  # right-to-left isolate
PDI = "\u2069"  # pop directional isolate
_OPENERS = frozenset("\u2066\u2067\u2068")

# Bidi paragraph separators (class B): every isolate still open ends at one, so each
# paragraph of the text is isolated on its own.
_PARAGRAPHS = re.compile("(\r\n|[\n\r\x1c-\x1e\x85\u2029])")


def isolate(text: str, opener: str = FSI) -> str:
    """``text`` as one isolated run, whatever isolates it holds: a PDI of its own that
    closes nothing would close ours early, and an isolate it leaves open would take our
    PDI, so each gets a partner just inside ours. The text itself is kept as it is.
    ``opener``: FSI (the text's first letter sets its direction), LRI or RLI."""
    pieces = _PARAGRAPHS.split(str(text))
    return "".join(piece if index % 2 else _isolate_line(piece, opener) for index, piece in enumerate(pieces))


def isolate_words(words: str) -> str:
    """An article's words, right to left as the article shows them even when they open
    with a Latin name ("Bloomberg" first would turn a first-strong isolate around)."""
    return isolate(words, RLI)


def isolate_ltr(text: str) -> str:
    """Interface text that must read left to right in either interface (``1.`` before a
    name: in a right-to-left label its full stop would move to the number's other side)."""
    return isolate(text, LRI)


def _isolate_line(line: str, opener: str) -> str:
    unmatched_closers = open_isolates = 0
    for character in line:
        if character in _OPENERS:
            open_isolates += 1
        elif character == PDI:
            if open_isolates:
                open_isolates -= 1
            else:
                unmatched_closers += 1
    return opener + FSI * unmatched_closers + line + PDI * (1 + open_isolates)


def strip_isolates(text: str) -> str:
    """``text`` without its isolates: what a reader sees of it, character for character."""
    return text.translate(_NO_ISOLATES)


_NO_ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))
