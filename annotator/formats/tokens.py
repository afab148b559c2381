"""Word tokens for the formats that need them (Prodigy, CoNLL).

A token is a run of letters, marks (harakat), digits and joiners, or one grapheme
cluster of anything else that is not white space (a punctuation mark, an emoji with its
modifiers). Offsets are code points; a token never splits a grapheme cluster.

An export tokenizes every document, a few hundred tokens each, so tokens are found
and kept in lists (texts, starts, ends) made by C loops, with no Python work per token.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import regex

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}\p{Pc}\u200c\u200d]+|(?!\s)\X")

# The fast way (``tokens_of``), for a text made of the usual: word characters (``\w``,
# which is ``str.isalnum`` and ``_``, and the marks and joiners below), the punctuation
# below, and white space. There a token is a run of word characters (as ``_TOKEN``'s
# first branch finds it) or one punctuation mark, which is a grapheme cluster alone as
# long as no mark or other extending character follows it; a text where one does, or
# that holds anything else, is matched with ``_TOKEN``.
_MARKS = ("\u0300-\u036f\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
          "\u200c\u200d")
_EXTENDING_WORD_CHARACTERS = "\u0e33\u0eb3\uff9e\uff9f"  # \w, yet part of the cluster before them
_PUNCTUATION = ".,;:!?\"'()[]{}<>«»،؛؟…–—-/\\*&%$#@+=~^|`“”‘’٪"
# What ``_TOKEN``'s ``\s`` is (Unicode's White_Space): Python's ``str.isspace`` also takes
# U+001C-U+001F, which are tokens to ``_TOKEN``.
WHITE_SPACE = ("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
               "\u200a\u2028\u2029\u202f\u205f\u3000")
_OTHER, _WORD, _PUNCT, _SPACE = 0, 1, 2, 3
_kinds: np.ndarray | None = None  # the kind of each code point of the BMP, made on first use
_extending: np.ndarray | None = None  # whether it joins the grapheme cluster before it


def _tables() -> tuple[np.ndarray, np.ndarray]:
    global _kinds, _extending
    if _kinds is None or _extending is None:
        bmp = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
        kinds = np.full(0x10000, _OTHER, dtype=np.uint8)
        kinds[[ord(c) for c in re.findall(rf"[\w{_MARKS}]", bmp)]] = _WORD
        kinds[[ord(c) for c in _PUNCTUATION]] = _PUNCT
        kinds[[ord(c) for c in WHITE_SPACE]] = _SPACE
        extending = np.zeros(0x10000, dtype=bool)
        extending[[ord(c) for c in re.findall(rf"[{_MARKS}{_EXTENDING_WORD_CHARACTERS}]", bmp)]] = True
        _kinds, _extending = kinds, extending
    return _kinds, _extending


class Tokens(NamedTuple):
    """A text's tokens in reading order: each one's text, start and end, and whether
    white space follows it (Prodigy's ``ws``)."""

    texts: list[str]
    starts: list[int]
    ends: list[int]
    spaced: list[bool]


def tokens_of(text: str) -> Tokens:
    """The tokens ``_TOKEN`` finds in ``text``; for a text of the usual characters, found
    by array operations on its code points (numpy) instead of a match per token."""
    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    except UnicodeEncodeError:  # a lone surrogate: _TOKEN says what it makes of it
        return _matched(text)
    if not codes.size:
        return Tokens([], [], [], [])
    if codes.max() > 0xFFFF:
        return _matched(text)
    kinds, extending = _tables()
    kind = kinds[codes]
    punctuation = kind == _PUNCT
    if (kind == _OTHER).any() or (punctuation[:-1] & extending[codes[1:]]).any():
        return _matched(text)
    word = kind == _WORD
    follows_word = np.concatenate(([False], word[:-1]))
    word_follows = np.concatenate((word[1:], [False]))
    starts = np.flatnonzero(punctuation | (word & ~follows_word)).tolist()
    last = np.flatnonzero(punctuation | (word & ~word_follows))
    spaced = np.concatenate((kind[1:] == _SPACE, [False]))[last].tolist()
    ends = (last + 1).tolist()
    return Tokens(list(map(text.__getitem__, map(slice, starts, ends))), starts, ends, spaced)


def _matched(text: str) -> Tokens:
    spans = [match.span() for match in _TOKEN.finditer(text)]
    starts, ends = [start for start, _ in spans], [end for _, end in spans]
    return Tokens([text[start:end] for start, end in spans], starts, ends, _spaced(text, ends))


def _spaced(text: str, ends: list[int]) -> list[bool]:
    followed = text + "."  # the character after each token; after the last one, none
    return list(map(str.isspace, map(followed.__getitem__, ends)))


def split_tokens(tokens: Tokens, text: str, cuts: Iterable[int]) -> int:
    """Split tokens, in place, so that every offset in ``cuts`` falls on a token boundary
    (a span that starts after the clitic و of وأضاف gets its own token). Returns how many
    splits were made. Cuts in white space or on a boundary change nothing. Each cut
    inside a token is found by bisection, from the last, so the indexes of the tokens
    before it stay valid."""
    texts, starts, ends, spaced = tokens
    inside = set(cuts)  # the cuts that are not already a token's start or end
    inside.difference_update(starts)
    inside.difference_update(ends)
    splits = 0
    for cut in sorted(inside, reverse=True):
        index = bisect_right(starts, cut) - 1
        if index >= 0 and starts[index] < cut < ends[index]:
            texts[index:index + 1] = [text[starts[index]:cut], text[cut:ends[index]]]
            starts.insert(index + 1, cut)
            ends.insert(index, cut)
            spaced.insert(index, False)
            splits += 1
    return splits


def token_bounds(text: str) -> tuple[list[int], list[int]]:
    """The starts and the ends of the tokens."""
    tokens = tokens_of(text)
    return tokens.starts, tokens.ends


def tokenize(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each token in reading order."""
    return list(zip(*token_bounds(text)))


def split_at(tokens: list[tuple[int, int]], cuts: Iterable[int]) -> tuple[list[tuple[int, int]], int]:
    """``split_tokens`` on ``(start, end)`` pairs: the tokens and how many splits were made."""
    starts, ends = [start for start, _ in tokens], [end for _, end in tokens]
    count = len(starts)
    splits = split_tokens(Tokens([""] * count, starts, ends, [False] * count), "", cuts)
    return list(zip(starts, ends)), splits
