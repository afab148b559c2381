"""One rule for a span's edges: punctuation out, paired marks together, no white space.

The plain cases are the kinds of boundary an annotator met (a speaker that kept its
comma, a quotation that kept its full stop, a closing guillemet without its opening one);
the properties hold for any text and selection.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.span_edges import EDGE_PUNCTUATION, PAIRS, trim_edges
from annotator.core.text import grapheme_boundaries, snap_to_graphemes

# Written for these tests, in the style of the guidelines' examples.
REPORT = ("وقال المتحدث باسم وزارة الصحة، في مؤتمر صحفي، إن «وقف إطلاق النار» صامد. "
          "ودعا البيان إلى «خطة لتقاسم المياه» بين البلدين؛ هل تنجح؟ (بحسب مراقبين) "
          "وكتبت الصحيفة: \"الهدنة هشة\"!")


def trimmed(selected: str) -> str:
    """What is left of the first occurrence of ``selected`` in REPORT."""
    start = REPORT.index(selected)
    low, high = trim_edges(REPORT, start, start + len(selected))
    return REPORT[low:high]


@pytest.mark.parametrize(
    ("selected", "kept"),
    [
        ("المتحدث باسم وزارة الصحة،", "المتحدث باسم وزارة الصحة"),  # a speaker keeps no comma
        ("، في مؤتمر صحفي، ", "في مؤتمر صحفي"),
        ("«وقف إطلاق النار»", "«وقف إطلاق النار»"),  # both marks stay
        ("«وقف إطلاق النار» صامد.", "«وقف إطلاق النار» صامد"),
        ("«خطة لتقاسم المياه» بين البلدين؛", "«خطة لتقاسم المياه» بين البلدين"),
        ("خطة لتقاسم المياه»", "خطة لتقاسم المياه"),  # its « lies outside: the » goes too
        ("«خطة لتقاسم", "خطة لتقاسم"),
        ("هل تنجح؟ (", "هل تنجح"),  # the ( goes, then the space, then the ؟
        ("(بحسب مراقبين)", "(بحسب مراقبين)"),
        ("بحسب مراقبين) ", "بحسب مراقبين"),
        ("\"الهدنة هشة\"!", "\"الهدنة هشة\""),
        ("الهدنة هشة\"!", "الهدنة هشة"),
        ("الصحيفة: \"", "الصحيفة"),
    ],
)
def test_edge_punctuation_goes_and_paired_marks_stay_together(selected, kept):
    assert trimmed(selected) == kept


def test_a_quotation_keeps_its_marks_and_loses_its_full_stop():
    quotation = "«وقف إطلاق النار»."
    assert trim_edges(quotation, 0, len(quotation)) == (0, len(quotation) - 1)


@pytest.mark.parametrize("marks", ["،", " ؟ ", "«»", "...", "»."])
def test_a_selection_of_only_punctuation_is_kept(marks):
    text = f"قال{marks}نعم"
    start = text.index(marks)
    low, high = trim_edges(text, start, start + len(marks))
    assert text[low:high] == marks.strip()


def test_a_selection_of_only_white_space_is_empty():
    assert trim_edges("قال  نعم", 3, 5) == (3, 3)


def test_a_comma_carrying_a_haraka_goes_with_it():
    text = "الصحة،ً"  # a stray tanween on the comma: one cluster
    assert trim_edges(text, 0, len(text)) == (0, len("الصحة"))


# -- properties -------------------------------------------------------------------------

ALPHABET = list("قالنعمب ") + ["\u064e", "\u0651", "\u200d", "\u200f", "\n", "5"] + sorted(
    EDGE_PUNCTUATION) + sorted(PAIRS) + sorted(PAIRS.values()) + ['"', "-"]


@st.composite
def selections(draw):
    text = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=30))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, start, end


def _has_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


@given(selections())
def test_trimming_twice_changes_nothing(selection):
    text, start, end = selection
    once = trim_edges(text, start, end)
    assert trim_edges(text, *once) == once


@given(selections())
def test_the_result_lies_in_the_selection_on_cluster_boundaries(selection):
    text, start, end = selection
    low, high = trim_edges(text, start, end)
    widened = snap_to_graphemes(text, start, end)
    boundaries = set(grapheme_boundaries(text))
    assert widened[0] <= low <= high <= widened[1]
    assert low in boundaries and high in boundaries


@given(selections())
def test_a_span_with_words_has_no_punctuation_blank_or_lone_mark_at_its_edges(selection):
    text, start, end = selection
    low, high = trim_edges(text, start, end)
    span = text[low:high]
    if not _has_word(span):
        return
    first, last = span[0], text[snap_to_graphemes(text, high - 1, high - 1)[0]]
    for edge in (first, last):
        assert edge not in EDGE_PUNCTUATION and not edge.isspace() and edge != "\u200f"
    if first in PAIRS:
        assert PAIRS[first] in span[1:]
    closing = {close: open_ for open_, close in PAIRS.items()}
    if last in closing:
        assert closing[last] in span[:-1]
    if '"' in (first, last):
        assert span.count('"') % 2 == 0


PUNCTUATION_ONLY = sorted(EDGE_PUNCTUATION) + sorted(PAIRS) + sorted(PAIRS.values()) + ['"', " "]


@given(st.text(alphabet=PUNCTUATION_ONLY, min_size=1, max_size=12), st.sampled_from(["", "قال ", "نعم"]))
def test_a_selection_of_only_punctuation_keeps_all_but_its_white_space(marks, before):
    text = f"{before}{marks} نعم"
    start = len(before)
    low, high = trim_edges(text, start, start + len(marks))
    if marks.strip():
        assert text[low:high] == marks.strip()
    else:
        assert low == high
