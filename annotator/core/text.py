"""Article text: decoding bytes, the import fix-up, and grapheme-cluster boundaries.

This is the only module that turns article bytes into text and the only one that knows
where grapheme clusters begin and end. Offsets everywhere else are code points into the
text that ``fix_up`` returns. No Qt here: Qt positions are converted elsewhere.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from itertools import islice
from types import SimpleNamespace

from annotator.core.errors import InputError, Remedy

SUPPORTED_ENCODINGS: tuple[str, ...] = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-32-le",
    "utf-32-be",
    "cp1256",
    "iso-8859-6",
)

BIDI_CONTROLS: frozenset[str] = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)


# UTF-32-LE's BOM begins with UTF-16-LE's, so the UTF-32 ones are tried first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_HUMAN = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16-LE",
    "utf-16-be": "UTF-16-BE",
    "utf-32": "UTF-32",
    "utf-32-le": "UTF-32-LE",
    "utf-32-be": "UTF-32-BE",
    "cp1256": "Windows-1256",
    "iso8859-6": "ISO-8859-6",
}

# Spellings people type that Python's codec registry does not know.
_ALIASES = {
    "utf8bom": "utf-8-sig",
    "utf16le": "utf-16-le",
    "utf16be": "utf-16-be",
    "utf32le": "utf-32-le",
    "utf32be": "utf-32-be",
    "win1256": "cp1256",
    "windows1256": "cp1256",
    "iso88596": "iso8859-6",
}

# Characters an Arabic news text in UTF-16 is made of: ASCII, Latin, Arabic and its
# presentation forms, general punctuation, currency, variation selectors, emoji.
_PLAUSIBLE_UTF16 = re.compile(
    "[\t\n\r\x20-\x7e\u00a0-\u024f\u0600-\u06ff\u0750-\u077f\u0870-\u08ff"
    "\u200c-\u206f\u20a0-\u20cf\ufb50-\ufdff\ufe00-\ufe0f\ufe70-\ufeff"
    "\U0001f000-\U0001faff]"
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_BAD_CHAR = re.compile("[\x00\ud800-\udfff]")

# Between any two of these characters UAX #29 always puts a cluster boundary: each is
# LF, a control, or of break class Other without being Prepend, pictographic or an Indic
# consonant, so no rule joins it to its neighbors (checked against ``regex`` in
# tests/core/test_text.py). The common case, answered without segmenting.
_SIMPLE = frozenset(
    "\t\n\u00a0\u00ab\u00bb\u060c\u061b\u061f"
    + "".join(map(chr, range(0x20, 0x7F)))
    + "".join(map(chr, range(0x0621, 0x064B)))
    + "".join(map(chr, range(0x0660, 0x066A)))
)
_WINDOW = 256
# Valid multi-byte UTF-8 characters before a bad byte that show a file is (broken) UTF-8.
_UTF8_EVIDENCE = 3


@dataclass(frozen=True)
class Decoded:
    """Decoded article text, the encoding's human name, and whether it was a guess.

    ``guessed`` is True when the statistical fallback chose the encoding, so the user
    is told to check it and can pass another.
    """

    text: str
    encoding: str
    guessed: bool


def decode_bytes(data: bytes, encoding: str | None = None, *, path: str | None = None) -> Decoded:
    """Decode article bytes, with ``encoding`` if given, else by detection.

    A BOM that marked the encoding is removed. Text with NUL or lone surrogates is
    refused, as is anything that does not decode.
    """
    if encoding is not None:
        decoded = _decode_named(data, encoding, path)
    else:
        decoded = _detect(data, path)
    _refuse_bad_chars(decoded, path)
    return decoded


def _lookup(encoding: str, path: str | None) -> str:
    key = re.sub(r"[\s_-]", "", encoding.lower())
    try:
        return codecs.lookup(_ALIASES.get(key, encoding)).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=path, remedy=Remedy.NAME_ENCODING) from None


def _decode_named(data: bytes, encoding: str, path: str | None) -> Decoded:
    name = _lookup(encoding, path)
    family = name.removesuffix("-sig") if name.startswith("utf-") else None
    bom = _find_bom(data, family) if family else None
    if bom is not None:
        codec, skip = bom
        human = f"{_HUMAN[codec]} with BOM"
    else:
        codec, skip, human = name, 0, _HUMAN.get(name, name.upper())
    try:
        return Decoded(data[skip:].decode(codec), human, False)
    except LookupError:
        raise InputError(f"{encoding!r} is not a text encoding", path=path, remedy=Remedy.NAME_ENCODING) from None
    except UnicodeDecodeError as error:
        raise _decode_error(data, codec, skip, error, f"is not valid {human}", path) from None
    except UnicodeError as error:  # codecs such as idna and punycode raise the base class
        reason = " ".join(str(error).split())[:200]  # its message may quote a line break
        raise InputError(f"cannot be read as {human} ({reason})", path=path, remedy=Remedy.NAME_ENCODING) from None


def _find_bom(data: bytes, family: str | None = None) -> tuple[str, int] | None:
    """The codec a leading BOM selects and the BOM's length; ``family`` limits the codecs."""
    for bom, codec in _BOMS:
        if data.startswith(bom) and (family is None or codec.startswith(family)):
            return codec, len(bom)
    return None


def _decode_error(
    data: bytes, codec: str, skip: int, error: UnicodeDecodeError, what: str, path: str | None
) -> InputError:
    at = skip + error.start
    bad = data[at : skip + min(error.end, error.start + 16)].hex(" ")
    try:
        line = data[skip:at].decode(codec, errors="replace").count("\n") + 1
    except UnicodeError:  # a codec without the "replace" handler
        return InputError(f"{what} at byte {at}: cannot decode {bad}", path=path, remedy=Remedy.NAME_ENCODING)
    message = f"{what} at byte {at} (line {line}): cannot decode {bad}"
    return InputError(message, path=path, line=line, remedy=Remedy.NAME_ENCODING)


def _detect(data: bytes, path: str | None) -> Decoded:
    bom = _find_bom(data)
    if bom is not None:
        codec, skip = bom
        human = f"{_HUMAN[codec]} with BOM"
        try:
            return Decoded(data[skip:].decode(codec), human, False)
        except UnicodeDecodeError as error:
            name = _HUMAN[codec]
            what = f"starts with a {name} byte-order mark but is not valid {name}"
            raise _decode_error(data, codec, skip, error, what, path) from None
    for attempt in (_utf16_without_bom, _utf8):
        decoded = attempt(data)
        if decoded is not None:
            return decoded
    _refuse_broken_unicode(data, path)
    decoded = _single_byte_arabic(data)
    return decoded if decoded is not None else _guess(data, path)


def _refuse_broken_unicode(data: bytes, path: str | None) -> None:
    """Name the byte that breaks a UTF-8 file, or the missing last byte of a UTF-16 one.

    UTF-8 whose first bytes hold several valid multi-byte characters is UTF-8 that was
    cut off or damaged: Windows-1256 and ISO-8859-6 Arabic almost never forms even one
    valid sequence. Left to the statistical guess it would be imported as mojibake (a cut
    "قال الوزير" reads as Mac-Greek); refused here, the message names the byte and line.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8")
        if len(list(islice(_NON_ASCII.finditer(before), _UTF8_EVIDENCE))) == _UTF8_EVIDENCE:
            if error.end == len(data) and error.reason == "unexpected end of data":
                what = "is cut off in the middle of a UTF-8 character"
            else:
                what = "looks like UTF-8 but is not valid UTF-8"
            raise _decode_error(data, "utf-8", 0, error, what, path) from None
    if len(data) % 2 and len(data) > 2:
        decoded = _utf16_without_bom(data[:-1])
        if decoded is not None:
            line = decoded.text.count("\n") + 1
            raise InputError(
                f"reads as {decoded.encoding} without a byte-order mark but has an odd number of "
                f"bytes, so its last byte (byte {len(data) - 1}) is half a character; the file looks "
                f"cut off", path=path, line=line,
            )


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM, recognized by what it decodes to.

    Arabic UTF-16-LE is often valid UTF-8, but then that UTF-8 reading holds control
    characters (the 0x06 and 0x00 high bytes); text whose UTF-8 reading has none is
    never taken for UTF-16.
    """
    if not data or len(data) % 2:
        return None
    try:
        if not _CONTROL.search(data.decode("utf-8")):
            return None
    except UnicodeDecodeError:
        pass
    best = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share = len(_PLAUSIBLE_UTF16.findall(text)) / len(text)
        if share >= 0.9 and (best is None or share > best[0]):
            best = (share, Decoded(text, _HUMAN[codec], False))
    return best[1] if best else None


def _utf8(data: bytes) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8"), "UTF-8", False)
    except UnicodeDecodeError:
        return None


def _single_byte_arabic(data: bytes) -> Decoded | None:
    """Windows-1256 or ISO-8859-6, whichever reading has more Arabic letters.

    Windows-1256 decodes any bytes; ISO-8859-6 leaves 45 undefined, so a failed strict
    decode rules it out. Either reading must be mostly Arabic, else this is neither.
    """
    best = Decoded(data.decode("cp1256"), "Windows-1256", False)
    try:
        iso = Decoded(data.decode("iso8859-6"), "ISO-8859-6", False)
    except UnicodeDecodeError:
        iso = None
    if iso is not None and _letters(iso.text) > _letters(best.text):
        best = iso
    non_ascii = len(_NON_ASCII.findall(best.text))
    return best if len(_ARABIC.findall(best.text)) >= 0.7 * non_ascii else None


def _letters(text: str) -> int:
    return len(_ARABIC_LETTER.findall(text))


def _guess(data: bytes, path: str | None) -> Decoded:
    import charset_normalizer  # on first use (docs/architecture.md, "Layers")

    match = charset_normalizer.from_bytes(data).best()
    if match is None:
        raise InputError("cannot tell which encoding this file is in", path=path, remedy=Remedy.NAME_ENCODING)
    name = codecs.lookup(match.encoding).name
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        raise _decode_error(data, name, 0, error, f"is not valid {name}", path) from None
    return Decoded(text, _HUMAN.get(name, name.upper()), True)


def _refuse_bad_chars(decoded: Decoded, path: str | None) -> None:
    found = _BAD_CHAR.search(decoded.text)
    if found is None:
        return
    offset = found.start()
    line, column = line_and_column(decoded.text, offset)
    char = found.group()
    if char == "\x00":
        what = "a NUL character (U+0000), which a text article never holds"
    else:
        what = f"a lone surrogate (U+{ord(char):04X}), which no text can store"
    message = (
        f"line {line}, column {column} (character {offset}) is {what}; read as "
        f"{decoded.encoding}, this looks like a binary file or the wrong encoding"
    )
    raise InputError(message, path=path, line=line, remedy=Remedy.NAME_ENCODING)


@dataclass  # not frozen: one is made per imported article, and frozen ones are slow to make
class FixedText:
    """Text after the import fix-up, with the map from original offsets to it.

    ``crlf_positions`` are the original offsets of the CR of each CRLF pair (the
    characters removed besides a leading BOM); ``FixedText(text)`` alone maps offsets
    to themselves.
    """

    text: str
    bom_removed: bool = False
    crlf_positions: tuple[int, ...] = ()

    def map_offset(self, offset: int) -> int | None:
        """Map an offset in the original text to this text.

        None for an offset between the CR and LF of a CRLF pair, which has no image.
        Offsets 0 and 1 both map to 0 when a BOM was removed.
        """
        removed_crs = len(self.crlf_positions)
        if not 0 <= offset <= len(self.text) + removed_crs + self.bom_removed:
            raise ValueError(f"offset {offset} is outside the original text")
        if self.bom_removed and offset <= 1:
            return 0
        before = bisect_left(self.crlf_positions, offset)
        if before and self.crlf_positions[before - 1] == offset - 1:
            return None
        return offset - before - self.bom_removed


def fix_up(text: str) -> FixedText:
    """The import fix-up: drop a leading BOM, turn CRLF and lone CR into LF. Nothing else."""
    bom = text.startswith("\ufeff")
    shift = int(bom)
    crs = tuple(m.start() + shift for m in re.finditer("\r\n", text[shift:]))
    fixed = text[shift:].replace("\r\n", "\n").replace("\r", "\n")
    return FixedText(fixed, bom, crs)


@cache
def _patterns() -> SimpleNamespace:
    """The ``regex`` patterns for clusters and words, compiled on first use.

    Importing ``regex`` at start would slow every start of the window, although opening
    an article asks only questions ``_SIMPLE`` answers (docs/architecture.md, "Layers").
    """
    import regex

    return SimpleNamespace(
        cluster=regex.compile(r"\X"),
        prepend=regex.compile(r"\p{Grapheme_Cluster_Break=Prepend}"),
        anchor=regex.compile("(?r)[\x20-\x7e\u0621-\u064a]"),
        word_break=regex.compile(r"(?w)\b"),
        letter_or_digit=regex.compile(r"[\p{L}\p{N}]"),
        space_before=regex.compile(r"(?r)\s"),
        space_after=regex.compile(r"\s"),
    )


def grapheme_boundaries(text: str) -> list[int]:
    """All grapheme-cluster boundaries (UAX #29 extended clusters), 0 and len(text) included."""
    return [0] + [m.end() for m in _patterns().cluster.finditer(text)]


def _segment_start(text: str, offset: int) -> int:
    """A cluster boundary at or before ``offset``, found without segmenting the text.

    Clusters never cross a LF (UAX #29 GB4/GB5), and the only rule that joins a
    printable ASCII character or an Arabic letter to what precedes it is GB9b (after
    a Prepend character such as U+0600). So the position after a LF, or before such a
    character not preceded by Prepend, is always a boundary. Look for one in a
    bounded window, else fall back to the line start.
    """
    low = max(0, offset - _WINDOW)
    line_start = text.rfind("\n", low, offset) + 1
    floor = max(low, line_start)
    patterns = _patterns()
    anchor = patterns.anchor.search(text, floor, offset)
    while anchor and anchor.start() and patterns.prepend.match(text, anchor.start() - 1):
        anchor = patterns.anchor.search(text, floor, anchor.start())
    if anchor:
        return anchor.start()
    if line_start or not low:
        return line_start
    return text.rfind("\n", 0, low) + 1


def _enclosing(text: str, offset: int) -> tuple[int, int]:
    """The nearest cluster boundaries at or below and at or above ``offset``."""
    if offset in (0, len(text)) or (text[offset - 1] in _SIMPLE and text[offset] in _SIMPLE):
        return offset, offset
    start = _segment_start(text, offset)
    if offset == start:
        return offset, offset
    for cluster in _patterns().cluster.finditer(text, start):
        if cluster.end() == offset:
            return offset, offset
        if cluster.end() > offset:
            return cluster.start(), cluster.end()
    raise AssertionError("clusters cover the text")


def _check_range(text: str, start: int, end: int) -> None:
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"[{start}, {end}) is not a range in a text of length {len(text)}")


def is_grapheme_boundary(text: str, offset: int) -> bool:
    """Whether ``offset`` falls between grapheme clusters; False outside the text.

    Looks only at a bounded window or the line around ``offset``.
    """
    if not 0 <= offset <= len(text):
        return False
    return _enclosing(text, offset)[0] == offset


def snap_to_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole grapheme clusters."""
    _check_range(text, start, end)
    return _enclosing(text, start)[0], _enclosing(text, end)[1]


# CLDR's root locale, which ICU follows, takes these colons out of UAX #29's MidLetter:
# "قال:الوزير" is two words, although UAX #29 alone joins letters across a colon.
_WORD_SPLITTING_COLONS = ":\ufe55\uff1a"


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a selection to whole words and drop whitespace at its edges.

    A word is a segment of UAX #29 word segmentation (as CLDR's root locale tailors it)
    that holds a letter or a digit: "S.A", "2.5", "3,000", "٢٫٥" and "can't" are one
    word each, with their harakat, tatweel, ZWJ and ZWNJ. Growth adds no
    punctuation, quote mark or bidi mark after a word; such characters stay only where
    they were selected. A selection of only whitespace, or an empty one, collapses to a
    boundary at ``start``.
    """
    _check_range(text, start, end)
    low, high = start, end
    while low < high and text[low].isspace():
        low += 1
    while high > low and text[high - 1].isspace():
        high -= 1
    if low == high:
        collapsed = _enclosing(text, start)[0]
        return collapsed, collapsed
    first_word = _word_at(text, low)
    if first_word is not None:
        low = first_word[0]
    last_word = _word_at(text, high - 1)
    if last_word is not None and last_word[1] > high:
        high = _without_trailing_bidi_controls(text, high, last_word[1])
    return snap_to_graphemes(text, low, high)


def keyed_word_bounds(text: str, anchor: int, position: int) -> tuple[int, int]:
    """Grow a selection made with the keys (Shift+arrows) from ``anchor`` to ``position``
    to whole words, as ``word_bounds`` does, except at the end the keys moved to: there a
    word counts only once it is selected whole. Each key press selects one letter, so a
    press too many must not add the whole next word; the word where the keys started
    counts whole, as a drag's does.
    """
    low, high = snap_to_graphemes(text, min(anchor, position), max(anchor, position))
    grown_low, grown_high = word_bounds(text, low, high)
    if grown_low == grown_high:
        return grown_low, grown_high
    if position >= anchor and grown_high > high:
        moving = _word_at(text, grown_high - 1)
        if moving is not None and moving != _word_or_space_at(text, low):
            return word_bounds(text, grown_low, moving[0])
    if position < anchor and grown_low < low:
        moving = _word_at(text, grown_low)
        if moving is not None and moving != _word_or_space_at(text, high - 1):
            return word_bounds(text, moving[1], grown_high)
    return grown_low, grown_high


def _word_or_space_at(text: str, offset: int) -> tuple[int, int] | None:
    """``_word_at``, which is asked only about code points that are not white space."""
    return None if text[offset].isspace() else _word_at(text, offset)


def _word_at(text: str, offset: int) -> tuple[int, int] | None:
    """The word holding code point ``offset``, or None when the segment holding it is
    no word (whitespace, punctuation, a symbol, an emoji: no letter or digit).

    Only the run between the whitespace around ``offset`` is segmented, and at most
    ``_WINDOW`` code points on each side: no word holds whitespace, so a word never
    crosses one, and a longer run is cut at the window's edge.
    """
    patterns = _patterns()
    floor = max(0, offset - _WINDOW)
    space = patterns.space_before.search(text, floor, offset)
    run_start = space.end() if space else floor
    space = patterns.space_after.search(text, offset, min(len(text), offset + _WINDOW))
    run_end = space.start() if space else min(len(text), offset + _WINDOW)
    run = text[run_start:run_end]
    boundaries = {match.start() for match in patterns.word_break.finditer(run)}
    for index, char in enumerate(run):
        if char in _WORD_SPLITTING_COLONS:
            boundaries.update((index, index + 1))
    relative = offset - run_start
    segment_start = max(b for b in boundaries if b <= relative)
    segment_end = min((b for b in boundaries if b > relative), default=len(run))
    if not patterns.letter_or_digit.search(run, segment_start, segment_end):
        return None
    return run_start + segment_start, run_start + segment_end


def _without_trailing_bidi_controls(text: str, floor: int, end: int) -> int:
    """``end`` moved back over bidi marks and controls, never below ``floor``: UAX #29
    keeps them in the word before them (WB4), but they steer what follows."""
    while end > floor and text[end - 1] in BIDI_CONTROLS:
        end -= 1
    return end


def count_bidi_controls(text: str) -> int:
    """How many invisible bidi controls and marks the text holds (see BIDI_CONTROLS)."""
    return sum(text.count(char) for char in BIDI_CONTROLS)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of ``offset``, for error messages.

    LF, CRLF and lone CR each end a line, as they will after ``fix_up``.
    """
    if not 0 <= offset <= len(text):
        raise ValueError(f"offset {offset} is outside a text of length {len(text)}")
    breaks = text.count("\n", 0, offset) + text.count("\r", 0, offset)
    breaks -= text.count("\r\n", 0, offset)
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    return breaks + 1, offset - line_start + 1
