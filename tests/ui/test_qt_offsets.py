"""QtOffsets against a real QPlainTextEdit: stored code points <-> Qt positions.

What Qt really does (measured with PySide6 6.11.3, offscreen, and pinned below):
- ``setPlainText`` turns ``\\n`` into a block break, one position.
- A U+2029 inside the text also becomes a block break and stays one position, so
  ``selectedText()`` gives U+2029 for both ``\\n`` and a literal U+2029; the two cannot
  be told apart from the widget. The tests therefore compare ``selectedText()`` with
  ``text[start:end]`` in which ``\\n`` is written as U+2029 (strict), not the other way
  round (which would lose literal U+2029s).
- A U+2028 stays inside its block, one position, and ``selectedText()`` returns it as
  U+2028, not U+2029 (``toPlainText()`` turns both into ``\\n``; ``toRawText()`` keeps
  them).
- U+FDD0 and U+FDD1 (noncharacters Qt uses internally) also become block breaks; still one
  position each.
- ``\\r\\n`` becomes one position and a leading U+FEFF is dropped, so such a text would
  not map; stored text has neither and QtOffsets refuses it. A lone surrogate keeps its
  position but disappears from the document's text; QtOffsets refuses it too.
- ``setPosition`` accepts a position between the two halves of a surrogate pair without
  snapping, and ``selectedText()`` then silently drops the half character.
- ``characterCount()`` is ``qt_length + 1``: the final paragraph separator.
"""

from __future__ import annotations


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from annotator.ui.qt_offsets import QtOffsets

KEEP = QTextCursor.MoveMode.KeepAnchor

# Written for these tests. Whole units (a ZWJ sequence, a flag, a skin-toned emoji) and
# their single code points, so that texts also hold broken-up emoji sequences.
ARABIC = list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئةى")
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
UNITS = (
    ARABIC + HARAKAT + ["\u0640"]  # tatweel
    + list("aZq") + list("0579") + [" ", "\n", "\u00a0", "\u200f", "\u202b", "\u2028", "\u2029"]
    + ["😀", "👩\u200d💻", "🇸🇦", "👍🏽", "\U0001f3fd", "\U0001f1f8", "\u200d", "𝑥", "\U0010fffd"]
)
texts = st.lists(st.sampled_from(UNITS), max_size=60).map("".join)
FAST = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def utf16_len(text: str) -> int:
    """The oracle: Qt positions in ``text``."""
    return len(text.encode("utf-16-le")) // 2


def as_qt_text(text: str) -> str:
    """What ``selectedText()`` gives for ``text``: every line break is U+2029."""
    return text.replace("\n", "\u2029")


@pytest.fixture
def editor(qtbot):
    """One read-only editor per test, as the article view has, reused across examples."""
    widget = QPlainTextEdit()
    widget.setReadOnly(True)
    qtbot.addWidget(widget)
    return widget


def load(editor: QPlainTextEdit, text: str):
    editor.setPlainText(text)
    return editor.document()


def selected(document, qt_start: int, qt_end: int) -> str:
    cursor = QTextCursor(document)
    cursor.setPosition(qt_start)
    cursor.setPosition(qt_end, KEEP)
    return cursor.selectedText()


# -- properties against the real document ------------------------------------------------


@FAST
@given(text=texts, data=st.data())
def test_every_offset_and_range_selects_the_stored_text(editor, text, data):
    document = load(editor, text)
    offsets = QtOffsets(text)
    assert offsets.qt_length == utf16_len(text) == document.characterCount() - 1
    for o in range(len(text) + 1):
        qt = offsets.to_qt(o)
        assert qt == utf16_len(text[:o])
        assert offsets.from_qt(qt) == o
        assert offsets.range_from_qt(qt, qt) == (o, o)
        if o < len(text):  # each single character, through the document
            assert selected(document, qt, offsets.to_qt(o + 1)) == as_qt_text(text[o])
    if text:
        for _ in range(10):
            start = data.draw(st.integers(0, len(text) - 1))
            end = data.draw(st.integers(start + 1, len(text)))
            qs, qe = offsets.range_to_qt(start, end)
            assert selected(document, qs, qe) == as_qt_text(text[start:end])
            assert offsets.range_from_qt(qs, qe) == (start, end)


@FAST
@given(text=texts)
def test_every_qt_position_maps_back_without_losing_half_a_character(text):
    offsets = QtOffsets(text)
    starts = [utf16_len(text[:o]) for o in range(len(text) + 1)]  # Qt position of each offset
    for p in range(offsets.qt_length + 1):
        down = max(o for o, q in enumerate(starts) if q <= p)
        up = min(o for o, q in enumerate(starts) if q >= p)
        assert offsets.from_qt(p) == down
        assert offsets.range_from_qt(p, p) == (down, up)
        assert offsets.range_from_qt(0, p) == (0, up)
        assert offsets.range_from_qt(p, offsets.qt_length) == (down, len(text))
        assert up - down == (0 if p in starts else 1)


@settings(max_examples=100, deadline=None)
@given(text=st.lists(st.sampled_from([u for u in UNITS if utf16_len(u) == len(u)]), max_size=60).map("".join))
def test_text_without_astral_characters_maps_identically(text):
    offsets = QtOffsets(text)
    assert offsets.qt_length == len(text)
    for o in range(len(text) + 1):
        assert offsets.to_qt(o) == o == offsets.from_qt(o)
        assert offsets.range_to_qt(0, o) == (0, o) == offsets.range_from_qt(0, o)


# -- explicit cases ----------------------------------------------------------------------


def test_the_arabic_md_example(editor):
    text = "ab😀cd"
    offsets = QtOffsets(text)
    assert offsets.range_to_qt(3, 5) == (4, 6)
    assert offsets.range_from_qt(4, 6) == (3, 5)
    assert [offsets.to_qt(o) for o in range(6)] == [0, 1, 2, 4, 5, 6]
    assert offsets.qt_length == 6
    assert selected(load(editor, text), 4, 6) == "cd"


def test_position_inside_a_surrogate_pair_snaps(editor):
    text = "ab😀cd"
    offsets = QtOffsets(text)
    assert offsets.from_qt(3) == 2  # between the halves of 😀: the emoji itself
    assert offsets.range_from_qt(3, 3) == (2, 3)
    assert offsets.range_from_qt(1, 3) == (1, 3)  # end snaps up: "b😀", not "b"
    assert offsets.range_from_qt(3, 6) == (2, 5)  # start snaps down: "😀cd"
    # Why: Qt itself lands there without snapping and then loses the half character.
    document = load(editor, text)
    cursor = QTextCursor(document)
    cursor.setPosition(3)
    assert cursor.position() == 3
    assert selected(document, 3, 6) == "cd"
    assert selected(document, *offsets.range_to_qt(*offsets.range_from_qt(3, 6))) == "😀cd"


def test_consecutive_and_multi_pair_sequences():
    text = "😀😀\n👩\u200d💻🇸🇦x"
    offsets = QtOffsets(text)
    assert [offsets.to_qt(o) for o in range(len(text) + 1)] == [
        utf16_len(text[:o]) for o in range(len(text) + 1)]
    assert [offsets.from_qt(p) for p in range(6)] == [0, 0, 1, 1, 2, 3]
    assert offsets.range_from_qt(1, 3) == (0, 2)
    assert offsets.to_qt(len(text)) == offsets.qt_length == 15  # 2+2+1+2+1+2+2+2+1


def test_empty_text(editor):
    offsets = QtOffsets("")
    assert offsets.qt_length == 0 == load(editor, "").characterCount() - 1
    assert offsets.to_qt(0) == 0 == offsets.from_qt(0)
    assert offsets.range_to_qt(0, 0) == (0, 0) == offsets.range_from_qt(0, 0)


@pytest.mark.parametrize("text", ["", "abc", "a😀b"])
def test_out_of_range_is_refused(text):
    offsets = QtOffsets(text)
    for bad in (-1, len(text) + 1):
        with pytest.raises(ValueError):
            offsets.to_qt(bad)
    for bad in (-1, offsets.qt_length + 1):
        with pytest.raises(ValueError):
            offsets.from_qt(bad)
    with pytest.raises(ValueError):
        offsets.range_to_qt(0, len(text) + 1)
    with pytest.raises(ValueError):
        offsets.range_from_qt(0, offsets.qt_length + 1)
    if text:
        with pytest.raises(ValueError):
            offsets.range_to_qt(1, 0)
        with pytest.raises(ValueError):
            offsets.range_from_qt(1, 0)


@pytest.mark.parametrize("text", ["a\r\nb", "a\rb", "\ufeffab", "a\ud83db", "a\ude00b"])
def test_text_that_cannot_be_stored_is_refused(text):
    with pytest.raises(ValueError):
        QtOffsets(text)


def test_a_bom_inside_the_text_is_an_ordinary_character(editor):
    text = "a\ufeffb😀"
    document = load(editor, text)
    offsets = QtOffsets(text)
    assert offsets.qt_length == document.characterCount() - 1 == 5
    assert selected(document, *offsets.range_to_qt(1, 3)) == "\ufeffb"


# -- what Qt does with line and paragraph separators (pinned) ----------------------------


def test_newline_is_a_block_break_of_one_position(editor):
    document = load(editor, "a\nb")
    assert (document.blockCount(), document.characterCount() - 1) == (2, 3)
    assert selected(document, 0, 3) == "a\u2029b"


def test_u2029_becomes_a_block_break_of_one_position(editor):
    text = "قال\u2029😀ب"
    document = load(editor, text)
    offsets = QtOffsets(text)
    assert document.blockCount() == 2
    assert [document.findBlockByNumber(i).text() for i in range(2)] == ["قال", "😀ب"]
    assert document.characterCount() - 1 == offsets.qt_length == 7
    assert document.toRawText() == text
    assert selected(document, *offsets.range_to_qt(2, 5)) == "ل\u2029😀"
    assert document.findBlockByNumber(1).position() == offsets.to_qt(4)


def test_u2028_stays_in_its_block_as_one_position(editor):
    text = "قال\u2028😀ب"
    document = load(editor, text)
    offsets = QtOffsets(text)
    assert document.blockCount() == 1
    assert document.characterCount() - 1 == offsets.qt_length == 7
    assert document.toRawText() == text
    assert document.toPlainText() == "قال\n😀ب"
    assert selected(document, *offsets.range_to_qt(2, 5)) == "ل\u2028😀"  # not U+2029


@pytest.mark.parametrize("mark", ["\ufdd0", "\ufdd1"])
def test_qt_internal_noncharacters_become_block_breaks_but_keep_one_position(editor, mark):
    document = load(editor, f"a{mark}b😀")
    assert document.blockCount() == 2
    assert document.characterCount() - 1 == QtOffsets(f"a{mark}b😀").qt_length == 5


def test_why_carriage_returns_a_bom_and_lone_surrogates_are_refused(editor):
    assert load(editor, "a\r\nb").characterCount() - 1 == 3  # 4 code units, 3 positions
    assert load(editor, "\ufeffab").characterCount() - 1 == 2  # the BOM is dropped
    document = load(editor, "a\ud83db")
    assert document.characterCount() - 1 == 3
    assert document.toRawText() == "ab"  # the lone half is gone from the text
