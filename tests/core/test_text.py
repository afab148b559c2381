"""Decoding, the import fix-up, and grapheme clusters (annotator.core.text)."""

from __future__ import annotations

import codecs
import random
import time

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError, Remedy
from annotator.core.text import (
    BIDI_CONTROLS,
    SUPPORTED_ENCODINGS,
    FixedText,
    count_bidi_controls,
    decode_bytes,
    fix_up,
    grapheme_boundaries,
    is_grapheme_boundary,
    line_and_column,
    snap_to_graphemes,
    word_bounds,
)
from annotator.launch import command_line_message

# Original sample sentences: harakat, tatweel, Latin, digits, Arabic comma.
PLAIN = (
    "قال الوزيـــر إنَّ الاتفاقَ سيُوقَّع قريباً مع شركة Gulf Energy بقيمة 250 مليون دولار، "
    "وأضاف أنه مهم.\nوتبدأ المرحلة الثانية في 2027."
)
RICH = (
    "«قال الوزيـــر إنَّ الاتفاقَ سيُوقَّع قريباً» 🤝👍🏽 مع Gulf Energy، بقيمة ٢٥٠ مليون دولار.\n"
    "وأضاف: «العمل بدأ فعلاً»."
)
HEADLINE_ISO = "ارتفاع سعر الذهب اليوم"
# 26 bytes in ISO-8859-6; charset-normalizer 3.5.3 alone calls it cp874 (Thai).
HEADLINE_ISO_26 = "السيول تغلق طرقاً في عمّان"
HEADLINE_1256 = "«هبوط حادّ في أسعار النفط»"


def _bom(codec: str) -> bytes:
    return {
        "utf-8": codecs.BOM_UTF8,
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }[codec]


ENCODED = [
    (RICH.encode("utf-8"), RICH, "UTF-8"),
    (_bom("utf-8") + RICH.encode("utf-8"), RICH, "UTF-8 with BOM"),
    (RICH.encode("utf-16-le"), RICH, "UTF-16-LE"),
    (RICH.encode("utf-16-be"), RICH, "UTF-16-BE"),
    (PLAIN.encode("utf-16-le"), PLAIN, "UTF-16-LE"),
    (PLAIN.encode("utf-16-be"), PLAIN, "UTF-16-BE"),
    (_bom("utf-16-le") + RICH.encode("utf-16-le"), RICH, "UTF-16-LE with BOM"),
    (_bom("utf-16-be") + RICH.encode("utf-16-be"), RICH, "UTF-16-BE with BOM"),
    (_bom("utf-32-le") + RICH.encode("utf-32-le"), RICH, "UTF-32-LE with BOM"),
    (_bom("utf-32-be") + RICH.encode("utf-32-be"), RICH, "UTF-32-BE with BOM"),
    (RICH.replace("🤝👍🏽 ", "").replace("٢٥٠", "250").encode("cp1256"), None, "Windows-1256"),
    (PLAIN.encode("cp1256"), PLAIN, "Windows-1256"),
    (PLAIN.encode("iso8859-6"), PLAIN, "ISO-8859-6"),
    (HEADLINE_ISO.encode("iso8859-6"), HEADLINE_ISO, "ISO-8859-6"),
    (HEADLINE_ISO_26.encode("iso8859-6"), HEADLINE_ISO_26, "ISO-8859-6"),
    (HEADLINE_1256.encode("cp1256"), HEADLINE_1256, "Windows-1256"),
    ("قال".encode("utf-16-le"), "قال", "UTF-16-LE"),
    (b"", "", "UTF-8"),
    # Read as UTF-16-LE these bytes are six U+2061 (an invisible operator).
    (b"a b c d e f ", "a b c d e f ", "UTF-8"),
]


@pytest.mark.parametrize(("data", "text", "encoding"), ENCODED)
def test_decode_detects_each_encoding(data: bytes, text: str | None, encoding: str) -> None:
    expected = text if text is not None else data.decode("cp1256")
    decoded = decode_bytes(data)
    assert (decoded.text, decoded.encoding, decoded.guessed) == (expected, encoding, False)


def test_samples_are_the_hard_cases() -> None:
    assert len(HEADLINE_ISO_26.encode("iso8859-6")) == 26
    PLAIN.encode("utf-16-le").decode("utf-8")
    HEADLINE_ISO_26.encode("iso8859-6").decode("cp1256")


@pytest.mark.parametrize("name", ["windows-1256", "Win-1256", "CP1256", "cp1256"])
def test_explicit_encoding_accepts_friendly_names(name: str) -> None:
    decoded = decode_bytes(PLAIN.encode("cp1256"), name)
    assert (decoded.text, decoded.encoding, decoded.guessed) == (PLAIN, "Windows-1256", False)


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("utf8", _bom("utf-8") + RICH.encode("utf-8"), "UTF-8 with BOM"),
        ("utf-8-sig", RICH.encode("utf-8"), "UTF-8"),
        ("UTF16LE", RICH.encode("utf-16-le"), "UTF-16-LE"),
        ("utf-16", _bom("utf-16-be") + RICH.encode("utf-16-be"), "UTF-16-BE with BOM"),
        ("utf-32", _bom("utf-32-le") + RICH.encode("utf-32-le"), "UTF-32-LE with BOM"),
        ("iso-8859-6", PLAIN.encode("iso8859-6"), "ISO-8859-6"),
    ],
)
def test_explicit_encoding_removes_its_bom(name: str, data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, name)
    assert decoded.encoding == encoding
    assert decoded.text in (RICH, PLAIN)


def test_every_supported_encoding_is_a_python_codec() -> None:
    for name in SUPPORTED_ENCODINGS:
        assert decode_bytes("نص".encode(codecs.lookup(name).name), name).text == "نص"


def test_explicit_encoding_that_does_not_fit_names_byte_and_line() -> None:
    data = "سطر أول\nسطر ثان".encode("iso8859-6") + b"\xff"
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "iso-8859-6", path="news.txt")
    message = str(caught.value)
    assert message.startswith("news.txt:2: ")
    assert f"byte {len(data) - 1}" in message
    assert "line 2" in message and caught.value.remedy == Remedy.NAME_ENCODING
    assert "--encoding" not in message  # the core names no flag; the command line adds it
    worded = command_line_message(caught.value)
    assert worded.startswith(message) and "--encoding NAME" in worded and "cp1256" in worded
    assert caught.value.line == 2


def test_a_bom_that_lies_is_refused() -> None:
    with pytest.raises(InputError, match="UTF-8 byte-order mark .* at byte 3 "):
        decode_bytes(codecs.BOM_UTF8 + "قا".encode("cp1256") + b"\xe1", path="a.txt")


@pytest.mark.parametrize("name", ["no-such-codec", "base64", "rot13"])
def test_unknown_or_non_text_codec_is_refused(name: str) -> None:
    with pytest.raises(InputError, match="^a.txt: ") as caught:
        decode_bytes(b"abc", name, path="a.txt")
    assert caught.value.remedy == Remedy.NAME_ENCODING


def test_clearly_neither_arabic_nor_unicode_is_guessed() -> None:
    french = "Le ministre a déclaré que l'accord sera signé bientôt à Genève, où il réside."
    decoded = decode_bytes(french.encode("cp1252"))
    assert decoded.guessed
    assert decoded.text == french


def test_binary_data_is_refused() -> None:
    with pytest.raises(InputError):
        decode_bytes(bytes(range(256)) * 4, path="blob.bin")


def test_nul_is_refused_with_its_line() -> None:
    data = "سطر أول\r\nسطر ثانٍ فيه\x00 خطأ".encode()
    with pytest.raises(InputError) as caught:
        decode_bytes(data, path="a.txt")
    message = str(caught.value)
    assert message.startswith("a.txt:2: ")
    assert "line 2, column 13" in message and "U+0000" in message
    assert caught.value.line == 2


def test_lone_surrogate_is_refused_with_its_line() -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(b"one\\rtwo\\nthree \\ud800", "unicode_escape")
    message = str(caught.value)
    assert "line 3, column 7" in message and "U+D800" in message


def test_nul_without_path_still_names_the_line() -> None:
    with pytest.raises(InputError, match="line 1, column 2"):
        decode_bytes(b"a\x00b")


NO_CONTROLS = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from("\t\n\r")
)


@given(NO_CONTROLS)
def test_utf8_text_is_never_taken_for_anything_else(text: str) -> None:
    decoded = decode_bytes(text.encode("utf-8"))
    assert (decoded.text, decoded.encoding) == (text, "UTF-8")


LETTERS = list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة")
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
PIECES = (
    LETTERS
    + HARAKAT
    + ["\u0640", "\u200d", "\u200c", "\u0600", "\u06dd", "\u00a0", "\u200f", "\u202b"]
    + ["😀", "👩", "🏽", "🏻", "\u200d👧", "👩\u200d👩\u200d👧", "🇶", "🇦", "🇪", "🇬"]
    + ["\n", " ", " ", "a", "Z", "7", "٣", "«", "»", "."]
)
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
TEXT_WITH_CR = st.lists(st.sampled_from(PIECES + ["\r", "\r\n", "\ufeff"]), max_size=40).map(
    "".join
)


@given(TEXT)
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_round_trips(codec: str, text: str) -> None:
    assume(any(char < "\u0800" for char in text))
    assume(not text.startswith("\ufeff"))
    decoded = decode_bytes(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, codec.upper())


def test_fix_up_changes_only_bom_and_line_endings() -> None:
    text = "\ufeffقال\u00a0الوزيـــر\u200f «نعمْ»\r\nسطر\u2028ثانٍ\rثالث\u2029\u202bx\u202c\r"
    expected = "قال\u00a0الوزيـــر\u200f «نعمْ»\nسطر\u2028ثانٍ\nثالث\u2029\u202bx\u202c\n"
    assert fix_up(text).text == expected


def test_fix_up_keeps_a_bom_that_is_not_leading() -> None:
    assert fix_up("a\ufeffb").text == "a\ufeffb"
    assert fix_up("\ufeff\ufeffb").text == "\ufeffb"


def test_map_offset_around_bom_and_crlf() -> None:
    fixed = fix_up("\ufeffab\r\ncd\re")
    assert fixed.text == "ab\ncd\ne"
    mapped = [fixed.map_offset(offset) for offset in range(10)]
    assert mapped == [0, 0, 1, 2, None, 3, 4, 5, 6, 7]
    with pytest.raises(ValueError):
        fixed.map_offset(10)


def test_plain_fixed_text_maps_to_itself() -> None:
    assert FixedText("abc").map_offset(2) == 2


def _reference_fix(text: str, strip_bom: bool = True) -> str:
    if strip_bom and text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _inside_crlf(text: str, offset: int) -> bool:
    return text[offset - 1 : offset + 1] == "\r\n"


@given(TEXT_WITH_CR | st.text())
def test_fix_up_is_only_the_bom_and_cr_rules(text: str) -> None:
    assert fix_up(text).text == _reference_fix(text)


@given(TEXT_WITH_CR, st.data())
def test_map_offset_maps_slices(text: str, data: st.DataObject) -> None:
    fixed = fix_up(text)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    if _inside_crlf(text, a) or _inside_crlf(text, b):
        assert None in (fixed.map_offset(a), fixed.map_offset(b))
        return
    piece = _reference_fix(text[a:b], strip_bom=a == 0)
    assert fixed.text[fixed.map_offset(a) : fixed.map_offset(b)] == piece


@given(TEXT_WITH_CR)
def test_map_offset_is_monotonic_and_ends_at_the_end(text: str) -> None:
    fixed = fix_up(text)
    images = [fixed.map_offset(offset) for offset in range(len(text) + 1)]
    assert images[0] == 0 and images[-1] == len(fixed.text)
    defined = [image for image in images if image is not None]
    assert defined == sorted(defined)
    assert images.count(None) == text.count("\r\n")


def test_fatha_example_boundaries() -> None:
    word = "قَالَ"
    assert grapheme_boundaries(word) == [0, 2, 3, 5]
    assert not is_grapheme_boundary(word, 1)
    assert not is_grapheme_boundary(word, 4)
    assert snap_to_graphemes(word, 1, 1) == (0, 2)
    assert snap_to_graphemes(word, 1, 4) == (0, 5)
    assert snap_to_graphemes(word, 2, 3) == (2, 3)


@pytest.mark.parametrize(
    ("text", "boundaries"),
    [
        ("", [0]),
        ("لا", [0, 1, 2]),
        ("شدَّة", [0, 1, 4, 5]),
        ("هٰذا", [0, 2, 3, 4]),
        ("كـــتب", [0, 1, 2, 3, 4, 5, 6]),
        ("👩\u200d👩\u200d👧!", [0, 5, 6]),
        ("👍🏽a", [0, 2, 3]),
        ("🇶🇦🇪🇬", [0, 2, 4]),
        ("\u0600١٢", [0, 2, 3]),
        ("\u0600 x", [0, 2, 3]),
        ("a\r\nb", [0, 1, 3, 4]),
        ("ا\u200fب", [0, 1, 2, 3]),
    ],
)
def test_cluster_examples(text: str, boundaries: list[int]) -> None:
    assert grapheme_boundaries(text) == boundaries
    assert [o for o in range(len(text) + 1) if is_grapheme_boundary(text, o)] == boundaries


def test_a_space_after_a_prepended_mark_joins_its_cluster() -> None:
    text = "\u0600 \u064e"
    assert grapheme_boundaries(text) == [0, 3]
    assert snap_to_graphemes(text, 2, 2) == (0, 3)


def test_long_runs_without_space_or_newline() -> None:
    flags = "x" + "🇶🇦" * 300
    found = [offset for offset in range(500, 601) if is_grapheme_boundary(flags, offset)]
    assert found == list(range(501, 601, 2))
    marked = "ل" + "\u064e" * 400
    assert snap_to_graphemes(marked, 300, 300) == (0, 401)


def test_is_grapheme_boundary_outside_the_text_is_false() -> None:
    assert not is_grapheme_boundary("ab", -1)
    assert not is_grapheme_boundary("ab", 3)


@given(TEXT_WITH_CR)
def test_is_grapheme_boundary_agrees_with_the_full_list(text: str) -> None:
    boundaries = set(grapheme_boundaries(text))
    for offset in range(len(text) + 1):
        assert is_grapheme_boundary(text, offset) == (offset in boundaries)


SPACELESS = st.lists(
    st.sampled_from([p for p in PIECES if p not in (" ", "\n")]), min_size=1, max_size=12
).map("".join)


@settings(max_examples=40)
@given(TEXT, SPACELESS, TEXT)
def test_is_grapheme_boundary_far_from_a_space_or_newline(head: str, run: str, tail: str) -> None:
    text = head + run * (600 // len(run) + 1) + tail
    boundaries = set(grapheme_boundaries(text))
    for offset in range(len(head) + 250, len(text) + 1):
        assert is_grapheme_boundary(text, offset) == (offset in boundaries)


@given(TEXT_WITH_CR, st.data())
def test_snap_contains_the_range_and_lands_on_boundaries(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    low, high = snap_to_graphemes(text, start, end)
    boundaries = grapheme_boundaries(text)
    assert low <= start and end <= high
    assert low in boundaries and high in boundaries
    assert not [b for b in boundaries if low < b <= start or end <= b < high]


def test_snap_rejects_a_bad_range() -> None:
    with pytest.raises(ValueError):
        snap_to_graphemes("abc", 2, 1)


def test_is_grapheme_boundary_is_cheap_on_a_megabyte() -> None:
    line = RICH + " " + PLAIN.replace("\n", " ") + "\n"
    text = line * (1_000_000 // len(line) + 1)
    offsets = random.Random(7).sample(range(len(text)), 5000)
    began = time.perf_counter()
    for offset in offsets:
        is_grapheme_boundary(text, offset)
    assert time.perf_counter() - began < 1.0


SENTENCE = "قال الوزير  «وقال» شيئاً جديداً."


def _span(word: str) -> tuple[int, int]:
    start = SENTENCE.index(word)
    return start, start + len(word)


def test_word_bounds_grows_a_mid_word_selection() -> None:
    start, _ = _span("وقال")
    assert word_bounds(SENTENCE, start + 1, start + 3) == _span("وقال")


def test_word_bounds_keeps_selected_quotes_and_drops_edge_spaces() -> None:
    start, end = _span("«وقال»")
    assert word_bounds(SENTENCE, start - 2, start + 3) == (start, end - 1)
    assert word_bounds(SENTENCE, start + 2, end + 1) == (start + 1, end)
    assert word_bounds(SENTENCE, start - 1, end + 1) == (start, end)


def test_word_bounds_keeps_harakat_with_the_word() -> None:
    start, end = _span("شيئاً")
    assert word_bounds(SENTENCE, start, start + 2) == (start, end)
    assert word_bounds(SENTENCE, end - 1, end) == (start, end)


def test_word_bounds_of_only_whitespace_is_empty() -> None:
    start = SENTENCE.index("  ")
    assert word_bounds(SENTENCE, start, start + 2) == (start, start)
    assert word_bounds(SENTENCE, 3, 3) == (3, 3)


@given(TEXT, st.data())
def test_word_bounds_properties(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    low, high = word_bounds(text, start, end)
    boundaries = grapheme_boundaries(text)
    assert low in boundaries and high in boundaries
    stripped = text[start:end].strip()
    if not stripped:
        assert low == high
        return
    assert stripped in text[low:high]
    first = text[low : boundaries[boundaries.index(low) + 1]]
    last = text[boundaries[boundaries.index(high) - 1] : high]
    assert not first.isspace() and not last.isspace()


def test_bidi_controls_are_counted() -> None:
    assert len(BIDI_CONTROLS) == 12
    assert count_bidi_controls("\u200fقال\u202b abc\u202c\u061c \u2067x\u2069") == 6
    assert count_bidi_controls(RICH) == 0


def test_line_and_column_examples() -> None:
    text = "سطر\r\nثانٍ\rثالث\nرابع"
    assert line_and_column(text, 0) == (1, 1)
    assert line_and_column(text, 3) == (1, 4)
    assert line_and_column(text, 5) == (2, 1)
    assert line_and_column(text, text.index("ثالث") + 1) == (3, 2)
    assert line_and_column(text, len(text)) == (4, 5)
    with pytest.raises(ValueError):
        line_and_column(text, len(text) + 1)


@given(TEXT_WITH_CR, st.data())
def test_line_and_column_match_the_fixed_text(text: str, data: st.DataObject) -> None:
    assume(not text.startswith("\ufeff"))
    offset = data.draw(st.integers(0, len(text)))
    assume(not _inside_crlf(text, offset))
    fixed = fix_up(text)
    image = fixed.map_offset(offset)
    line_start = fixed.text.rfind("\n", 0, image) + 1
    expected = (fixed.text.count("\n", 0, image) + 1, image - line_start + 1)
    assert line_and_column(text, offset) == expected


def test_the_characters_answered_without_segmenting_always_have_a_boundary_between_them() -> None:
    """``_SIMPLE`` (the fast path of every boundary question) against ``regex``'s own \\X."""
    import regex

    from annotator.core.text import _SIMPLE

    simple = sorted(_SIMPLE)
    joined = [a + b for a in simple for b in simple if regex.fullmatch(r"\X", a + b)]
    assert joined == []


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("بسمٱللَّهِ ‍\u200d\u0600\u0301e😀🏽\u20e3#1\n\r\tabc،«»ـ"), max_size=30))
def test_boundaries_with_the_fast_path_match_unicode_segmentation(text: str) -> None:
    expected = set(grapheme_boundaries(text))
    assert {offset for offset in range(len(text) + 1) if is_grapheme_boundary(text, offset)} == expected
