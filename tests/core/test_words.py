"""Selections grow to words as Unicode's word segmentation (UAX #29) defines them."""

from __future__ import annotations

from itertools import pairwise

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.text import (
    BIDI_CONTROLS, grapheme_boundaries, keyed_word_bounds, snap_to_graphemes, word_bounds,
)

# Written for these tests: a Latin company name in an Arabic line, Latin and Arabic-Indic
# numbers with their decimal and thousands separators, an abbreviation ending a sentence.
LINE = ("وقالت شركة Hydromar S.A إن الإنتاج ارتفع 2.5 بالمئة إلى ٣٬٠٠٠ طن و3,000 برميل، "
        "وبلغ النمو ٢٫٥ بالمئة. ووقّعت عقداً مع Hydromar S.A. وقال:الاتفاق «نهائي».")


def grown(phrase: str, first: int, last: int) -> str:
    """The words a selection of code points [first, last) of ``phrase`` grows to."""
    start = LINE.index(phrase)
    low, high = word_bounds(LINE, start + first, start + last)
    return LINE[low:high]


@pytest.mark.parametrize(
    ("phrase", "first", "last", "words"),
    [
        ("Hydromar S.A", 2, len("Hydromar S."), "Hydromar S.A"),  # the brief's "Hydromar S."
        ("Hydromar S.A", 0, len("Hydromar S"), "Hydromar S.A"),
        ("S.A", 2, 3, "S.A"),
        ("2.5", 0, 1, "2.5"),
        ("2.5", 2, 3, "2.5"),
        ("٣٬٠٠٠", 2, 4, "٣٬٠٠٠"),
        ("3,000", 0, 1, "و3,000"),  # UAX #29 joins a letter to the number after it (WB9)
        ("٢٫٥", 1, 2, "٢٫٥"),
        ("الإنتاج ارتفع", 3, len("الإنتاج ار"), "الإنتاج ارتفع"),
        ("ووقّعت", 2, 3, "ووقّعت"),
    ],
)
def test_a_selection_inside_a_word_grows_to_the_whole_word(phrase, first, last, words):
    assert grown(phrase, first, last) == words


def test_a_full_stop_after_an_abbreviation_is_not_added():
    assert grown("S.A.", 0, 2) == "S.A"
    assert grown("Hydromar S.A.", 3, len("Hydromar S.A")) == "Hydromar S.A"
    assert grown("برميل،", 1, 2) == "برميل"
    assert grown("٢٫٥ بالمئة.", 0, len("٢٫٥ بالم")) == "٢٫٥ بالمئة"


def test_punctuation_the_selection_holds_stays():
    assert grown("Hydromar S.A.", 3, len("Hydromar S.A.")) == "Hydromar S.A."
    assert grown("«نهائي»", 0, 3) == "«نهائي"


def test_a_colon_between_words_parts_them_as_cldr_does():
    assert grown("وقال:الاتفاق", len("وقال:ال"), len("وقال:الات")) == "الاتفاق"
    assert grown("وقال:الاتفاق", 1, 2) == "وقال"


def test_a_bidi_mark_after_a_word_is_not_added():
    text = "شركة Hydromar\u200f S.A\u200e."
    start = text.index("Hydromar")
    assert word_bounds(text, start + 1, start + 3) == (start, start + len("Hydromar"))
    start = text.index("S.A")
    assert word_bounds(text, start, start + 1) == (start, start + 3)


def test_a_word_longer_than_the_window_still_holds_the_selection():
    text = "قال " + "x" * 2000 + " إن"
    low, high = word_bounds(text, 1000, 1003)
    assert low < 1000 and high > 1003 and " " not in text[low:high]


def reference_words(text: str) -> list[tuple[int, int]]:
    """The words of the whole text, segmented at once, colons parted (CLDR root): the
    segments that hold a letter or a digit."""
    cuts = {match.start() for match in regex.finditer(r"(?w)\b", text)} | {0, len(text)}
    for index, char in enumerate(text):
        if char in ":\ufe55\uff1a":
            cuts |= {index, index + 1}
    return [(a, b) for a, b in pairwise(sorted(cuts)) if regex.search(r"[\p{L}\p{N}]", text[a:b])]


def reference_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    low, high = start, end
    while low < high and text[low].isspace():
        low += 1
    while high > low and text[high - 1].isspace():
        high -= 1
    if low == high:
        collapsed = snap_to_graphemes(text, start, start)[0]
        return collapsed, collapsed
    for a, b in reference_words(text):
        if a <= low < b:
            low = a
        if a <= high - 1 < b and b > high:
            high = max(high, _without_trailing_bidi_controls(text, b))
    return snap_to_graphemes(text, low, high)


def _without_trailing_bidi_controls(text: str, end: int) -> int:
    return len(text[:end].rstrip("".join(BIDI_CONTROLS)))


PIECES = (
    list("ابتثجحخدسعلمنهويةءأإى") + ["و", "ال", "\u064e", "\u0651", "\u0652", "\u0640"]
    + list("SAHyd") + list("0123456789") + list("٠١٢٣٤٥٦٧٨٩")
    + [".", ",", "٫", "٬", "،", ":", "'", "%", "٪", "«", "»", "(", ")", "-", "_"]
    + [" ", " ", " ", "\n", "\u00a0", "\u200c", "\u200d", "\u200f", "\u200e", "\u202b", "\u0600"]
    + ["😀", "👍🏽", "🇶🇦"]
)
MIXED = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@given(MIXED, st.data())
def test_growth_matches_segmenting_the_whole_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert word_bounds(text, start, end) == reference_bounds(text, start, end)


@given(MIXED, st.data())
def test_growth_keeps_the_selection_whole_clusters_and_words(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    low, high = word_bounds(text, start, end)
    assert low in grapheme_boundaries(text) and high in grapheme_boundaries(text)
    if not text[start:end].strip():
        assert low == high
        return
    assert text[start:end].strip() in text[low:high]
    for a, b in reference_words(text):  # every word the selection touches is whole
        if a < end and start < b:
            assert low <= a and high >= _without_trailing_bidi_controls(text, b)


# Shift+arrows: one press selects one letter, so a press too many into the next word
# must not take that whole word; the word where the keys started counts whole.
KEYED = "تحدث الوزير عن تأخير الأشغال"
AT = KEYED.index("عن")


@pytest.mark.parametrize(
    ("anchor", "position", "words"),
    [
        (AT + 1, AT + 2, "عن"),  # ن
        (AT + 1, AT + 4, "عن"),  # ن, the space and one letter of تأخير
        (AT + 1, AT - 2, "عن"),  # backwards: ع, the space and one letter of الوزير
        (AT + 2, AT + 4, ""),  # from after عن: only one letter of the next word
        (AT + 1, AT + len("عن تأخير"), "عن تأخير"),  # the next word selected whole
        (AT + len("عن تأخير") - 1, AT + 1, "تأخير"),  # backwards from inside تأخير
        (AT, AT + 1, "عن"),
    ],
)
def test_keys_take_the_word_they_start_in_and_only_whole_words_at_the_other_end(anchor, position, words):
    low, high = keyed_word_bounds(KEYED, anchor, position)
    assert KEYED[low:high] == words


@given(MIXED, st.data())
def test_keyed_growth_never_takes_more_than_a_drag(text: str, data: st.DataObject) -> None:
    anchor = data.draw(st.integers(0, len(text)))
    position = data.draw(st.integers(0, len(text)))
    low, high = keyed_word_bounds(text, anchor, position)
    dragged = word_bounds(text, *snap_to_graphemes(text, min(anchor, position), max(anchor, position)))
    assert dragged[0] <= low <= high <= dragged[1] or low == high
    assert low in grapheme_boundaries(text) and high in grapheme_boundaries(text)
