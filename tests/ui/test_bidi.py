"""isolate: user text in a label is one isolated run, whatever bidi controls it holds."""

import re

from hypothesis import given
from hypothesis import strategies as st

from annotator.ui.bidi import FSI, LRI, PDI, RLI, isolate, isolate_ltr, isolate_words, strip_isolates

OPENERS = "\u2066\u2067\u2068"
PARAGRAPH_END = re.compile("\r\n|[\n\r\x1c-\x1e\x85\u2029]")
# Letters of both directions, digits, punctuation, and every bidi control and separator.
user_text = st.text(alphabet=st.sampled_from(
    list("ab «»():.،١1 كريم") + list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
    + ["\n", "\r", "\u2029", "\x85"]), max_size=30)


def partners(paragraph: str) -> dict[int, int]:
    """Each isolate initiator's matching PDI, as the bidi algorithm pairs them (UAX #9 BD9);
    a PDI that closes nothing maps -1 to its index."""
    pairs, stack = {}, []
    for index, character in enumerate(paragraph):
        if character in OPENERS:
            stack.append(index)
        elif character == PDI:
            if stack:
                pairs[stack.pop()] = index
            else:
                pairs[-1] = index
    return pairs | {opener: None for opener in stack}


@given(user_text, st.sampled_from([FSI, LRI, RLI]))
def test_the_isolated_text_holds_the_text_as_it_was_between_added_isolates(text, opener):
    shown = isolate(text, opener)
    pieces = PARAGRAPH_END.split(text)
    shown_pieces = PARAGRAPH_END.split(shown)
    assert PARAGRAPH_END.findall(shown) == PARAGRAPH_END.findall(text)
    for piece, shown_piece in zip(pieces, shown_pieces, strict=True):
        added = len(shown_piece) - len(piece)
        assert any(shown_piece == opener + FSI * before + piece + PDI * (added - before - 1)
                   for before in range(added - 1))
    assert strip_isolates(shown) == strip_isolates(text)


@given(user_text, st.sampled_from([FSI, LRI, RLI]))
def test_every_isolate_is_closed_in_its_paragraph_and_ours_encloses_the_text(text, opener):
    for paragraph in PARAGRAPH_END.split(isolate(text, opener)):
        pairs = partners(paragraph)
        assert -1 not in pairs and None not in pairs.values()
        assert pairs[0] == len(paragraph) - 1


@given(user_text, user_text)
def test_isolating_twice_or_side_by_side_stays_balanced(first, second):
    for paragraph in PARAGRAPH_END.split(isolate(isolate(first)) + ": " + isolate(second)):
        pairs = partners(paragraph)
        assert -1 not in pairs and None not in pairs.values()


def test_a_stray_pdi_in_the_text_cannot_close_the_isolate_early():
    assert isolate("Russian\u2069 sources") == FSI + FSI + "Russian\u2069 sources" + PDI
    assert isolate("a\u2067b") == FSI + "a\u2067b" + PDI + PDI
    assert isolate("سطر\nline") == FSI + "سطر" + PDI + "\n" + FSI + "line" + PDI


def test_interface_numbering_reads_left_to_right_and_article_words_right_to_left():
    assert isolate_ltr("1.") == LRI + "1." + PDI
    assert isolate_words("Bloomberg الأمريكية") == RLI + "Bloomberg الأمريكية" + PDI
