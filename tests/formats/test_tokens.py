"""The tokens of Prodigy and CoNLL exports: the fast tokenizer finds exactly what the
token pattern finds over the whole text, and splitting at span ends is exact."""

from __future__ import annotations

import random
import re
import sys

import regex

from annotator.formats.tokens import _TOKEN, split_at, split_tokens, tokens_of, tokenize

# What a text can hold that changes tokens: spaces (runs of them too), other white space
# (U+2028, NBSP, U+0085, tab, newline), U+001C (white space to Python, not to Unicode),
# Arabic letters and harakat, digits, Latin, punctuation, joiners, an emoji with ZWJ,
# regional indicators, and prepended signs (U+0600, U+06DD) whose grapheme cluster takes
# in the white space after them.
ALPHABET = [" ", " ", " ", "  ", "(", "؟", "،", "…", "-", "\uff9e", "\u0e33", "\ufe0f", "\u0903", "\n", "\t", "\u2028", "\xa0", "\x85", "\x1c", "ق", "ا", "ل", "َ", "ّ", "و",
            "5", "٢", "٫", "S", ".", ",", ":", '"', "\\", "«", "»", "_", "\u200c", "\u200d", "👩", "💻",
            "🇸", "🇦", "\u0600", "\u06dd", "\u0301", "x"]


def whole_text_tokens(text: str) -> list[tuple[int, int]]:
    """The reference: the token pattern matched over the whole text."""
    return [match.span() for match in _TOKEN.finditer(text)]


def test_the_fast_tokenizer_finds_what_the_pattern_finds() -> None:
    draw = random.Random(22)
    for _ in range(20_000):
        text = "".join(draw.choice(ALPHABET) for _ in range(draw.randint(0, 14)))
        expected = whole_text_tokens(text)
        tokens = tokens_of(text)
        assert list(zip(tokens.starts, tokens.ends)) == expected, repr(text)
        assert tokens.texts == [text[start:end] for start, end in expected]
        assert tokens.spaced == [text[end:end + 1].isspace() for _, end in expected]


def test_a_prepended_sign_keeps_the_space_after_it() -> None:
    text = "قال ۝ ١٢ سورة"
    assert tokenize(text) == whole_text_tokens(text)
    assert text[slice(*tokenize(text)[1])] == "۝ "


def test_the_fast_ways_characters_are_what_it_takes_them_for() -> None:
    """The fast way takes a run of ``\\w`` and the marks as one token, each punctuation
    mark as a token of its own unless an extending character follows, and what is left
    as white space. That is right only if: each of those characters is in the pattern's
    run of letters; each punctuation mark is outside it, not white space and a grapheme
    cluster alone (grapheme break Other); every word character that extends the cluster
    before it is in the look-ahead; and the white space is the pattern's ``\\s``."""
    from annotator.formats import tokens

    everything = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
    in_a_run = set(regex.findall(r"[\p{L}\p{M}\p{N}\p{Pc}\u200c\u200d]", everything))
    word = set(re.findall(rf"[\w{tokens._MARKS}]", everything))
    assert sorted(word - in_a_run) == []
    alone = set(regex.findall(r"\p{Grapheme_Cluster_Break=Other}", everything))
    assert [mark for mark in tokens._PUNCTUATION if mark in in_a_run or mark.isspace() or mark not in alone] == []
    extending = set(regex.findall(r"[\p{Grapheme_Cluster_Break=Extend}\p{Grapheme_Cluster_Break=ZWJ}"
                                  r"\p{Grapheme_Cluster_Break=SpacingMark}]", everything))
    after_a_mark = set(re.findall(rf"[{tokens._MARKS}{tokens._EXTENDING_WORD_CHARACTERS}]", everything))
    assert sorted(word & extending - after_a_mark) == []
    assert sorted(tokens.WHITE_SPACE) == regex.findall(r"\s", everything)


def test_splitting_at_cuts() -> None:
    text = "وأضاف الوزير: نعم"
    tokens = tokens_of(text)
    # 1 and 3 inside وأضاف, 15 inside نعم; 5 and 13 are token ends, 6 a token start
    assert split_tokens(tokens, text, [15, 1, 1, 3, 5, 6, 13]) == 3
    assert list(zip(tokens.starts, tokens.ends)) == [(0, 1), (1, 3), (3, 5), (6, 12), (12, 13), (14, 15), (15, 17)]
    assert tokens.texts == ["و", "أض", "اف", "الوزير", ":", "ن", "عم"]
    assert tokens.spaced == [False, False, True, False, True, False, False]
    assert split_at(tokenize(text), [1, 3]) == ([(0, 1), (1, 3), (3, 5), (6, 12), (12, 13), (14, 17)], 2)

