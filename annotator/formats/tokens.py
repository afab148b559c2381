"""Word tokens for the formats that need them (Prodigy, CoNLL).

A token is a run of letters, marks (harakat), digits and joiners, or one grapheme
cluster of anything else that is not white space (a punctuation mark, an emoji with its
modifiers). Offsets are code points; a token never splits a grapheme cluster.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

import regex

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}\p{Pc}\u200c\u200d]+|(?!\s)\X")


def tokenize(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each token in reading order."""
    return [match.span() for match in _TOKEN.finditer(text)]


def split_at(tokens: list[tuple[int, int]], cuts: Iterable[int]) -> tuple[list[tuple[int, int]], int]:
    """Split tokens so that every offset in ``cuts`` falls on a token boundary (a span
    that starts after the clitic و of وأضاف gets its own token). Returns the tokens and
    how many splits were made. Cuts in white space change nothing."""
    ordered = sorted(set(cuts))
    result: list[tuple[int, int]] = []
    splits = 0
    for start, end in tokens:
        inside = ordered[bisect_right(ordered, start):bisect_right(ordered, end - 1)]
        pieces = [start, *inside, end]
        result.extend(zip(pieces, pieces[1:]))
        splits += len(inside)
    return result, splits
