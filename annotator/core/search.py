"""Searching Arabic article text the way people type: folded matching with exact offsets.

``fold`` turns text into the form used for matching: harakat, shadda, superscript
alef, madda and combining hamza, Quranic marks and tatweel are removed; alef, yeh,
waw and heh variants become one letter; Arabic-Indic and Persian digits become ASCII;
everything else is case-folded. ``fold_with_map`` folds one code point at a time and
records, for every folded character, the original code point it came from, so a match
in the folded text maps back to exact original offsets. Those offsets are then widened
to whole grapheme clusters (``annotator.core.text``), so a hit on قَالَ includes its
final fatha and never cuts a letter from its marks. No Qt here: offsets are code points.

pyarabic 0.6.15 supplies the character constants. Its normalizing functions are not
used: ``normalize_alef`` also turns ى and superscript alef into ا, and
``normalize_hamza(method="tasheel")`` turns a combining hamza (U+0654/U+0655) into a
second alef instead of dropping it.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from pyarabic import araby

from annotator.core.text import snap_to_graphemes

# Removed before matching. araby.DIACRITICS holds the harakat U+064B-0652 (shadda
# included), superscript alef U+0670, madda and combining hamza U+0653-0655, and the
# Quranic and extended marks (U+0610-061A, U+0656-065F, U+06D6-06ED).
_MARKS = frozenset(araby.DIACRITICS) | {araby.TATWEEL}
# Invisible format characters that can sit inside a word: soft hyphen, ALM, ZWNJ, ZWJ,
# LRM, RLM, bidi embeddings and isolates, word joiner, BOM; and the Arabic signs that
# span the digits after them (number sign, end of ayah, ...), which UAX #29 attaches
# to the next character. ZWSP is kept: it separates words.
_INVISIBLE = frozenset(
    "\u00ad\u061c\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069\ufeff"
    "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u0890\u0891\u08e2"
)
_REMOVED = _MARKS | _INVISIBLE

_LETTERS: dict[str, str] = {
    # Alef forms, including the hamza and wasla variants: أ إ آ ٱ ٲ ٳ ٵ
    araby.ALEF_HAMZA_ABOVE: araby.ALEF,
    araby.ALEF_HAMZA_BELOW: araby.ALEF,
    araby.ALEF_MADDA: araby.ALEF,
    araby.ALEF_WASLA: araby.ALEF,
    "\u0672": araby.ALEF,
    "\u0673": araby.ALEF,
    "\u0675": araby.ALEF,
    # Alef maksura, yeh with hamza, high hamza yeh and Farsi yeh: ى ئ ٸ ی
    araby.ALEF_MAKSURA: araby.YEH,
    araby.YEH_HAMZA: araby.YEH,
    "\u0678": araby.YEH,
    "\u06cc": araby.YEH,
    # Waw with hamza, high hamza waw: ؤ ٶ
    araby.WAW_HAMZA: araby.WAW,
    "\u0676": araby.WAW,
    # Teh marbuta: ة
    araby.TEH_MARBUTA: araby.HEH,
    # Keheh (Persian kaf): ک
    "\u06a9": araby.KAF,
}
_LETTERS.update(zip(araby.NUMBERS_EAST, araby.NUMBERS_WEST))
_LETTERS.update(zip(araby.NUMBERS_PERS, araby.NUMBERS_WEST))

# Whitespace a query's whitespace may match: every str.isspace() character except the
# ones str.splitlines() breaks at, so a hit never spans paragraphs.
_SPACE_RUN = r"[^\S\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+"

# ASCII printables, Arabic letters and digits, Arabic comma, semicolon, question mark,
# and guillemets: a hit that starts and ends on one of these usually needs no search.
_PLAIN_CANDIDATES = [
    *range(0x21, 0x7F),
    *range(0x0621, 0x064B),
    *range(0x0660, 0x066A),
    *range(0x0671, 0x06D4),
    *range(0x06F0, 0x06FA),
    0x060C,
    0x061B,
    0x061F,
    0x00AB,
    0x00BB,
]


class _FastPath(NamedTuple):
    """The character classes of find_all's fast path, which skips the cluster search for
    the usual hit. By UAX #29, a cluster always ends before a character of break class
    Other that is neither pictographic nor an Indic consonant, unless a Prepend
    character precedes it; and a mark of class Extend joins the character before it
    unless that is a control or a line break. The classes are checked with ``regex``
    on the characters used, when the first search runs: importing ``regex`` at start
    would slow every start of the window (docs/architecture.md, "Layers").
    """

    plain: frozenset[str]
    attached: frozenset[str]
    not_prepend: frozenset[str]  # known not to be Prepend
    break_before: frozenset[str]  # a cluster always ends before these after a plain letter or mark


@lru_cache(maxsize=1)
def _fast_path() -> _FastPath:
    import regex

    other = regex.compile(
        r"(?![\p{Extended_Pictographic}\p{Indic_Conjunct_Break=Consonant}])"
        r"\p{Grapheme_Cluster_Break=Other}"
    )
    extend = regex.compile(r"\p{Grapheme_Cluster_Break=Extend}")
    plain = frozenset(c for c in map(chr, _PLAIN_CANDIDATES) if other.fullmatch(c))
    attached = frozenset(c for c in araby.DIACRITICS if extend.fullmatch(c))
    spaces = frozenset(c for c in " \u00a0" if other.fullmatch(c))
    return _FastPath(plain, attached, plain | attached | spaces | {"\t", "\n"}, plain | spaces | {"\n"})


def _fold_char(char: str) -> str:
    """The folded form of one code point (empty if removed, several if a ligature)."""
    if char in _REMOVED:
        return ""
    mapped = _LETTERS.get(char)
    if mapped is not None:
        return mapped
    code = ord(char)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFC:
        # Arabic presentation forms (lam-alef ligatures, contextual forms) fold as the
        # letters they stand for. Spacing forms of harakat fold to nothing.
        normal = unicodedata.normalize("NFKC", char)
        if normal != char:
            expanded = "".join(map(_fold_char, normal))
            return expanded if expanded.strip() else ""
    return char.casefold()


def _table() -> dict[int, str]:
    chars = set(_REMOVED) | set(_LETTERS)
    chars.update(map(chr, range(0xFB50, 0xFE00)))
    chars.update(map(chr, range(0xFE70, 0xFEFD)))
    table = {}
    for char in chars:
        folded = _fold_char(char)
        if folded != char:
            # The values must survive the casefold() that fold() applies after them.
            assert folded.casefold() == folded, char
            table[ord(char)] = folded
    return table


_TABLE = _table()
# Folded form of every code point met so far, for fold_with_map's loop.
_CACHE: dict[str, str] = {chr(code): value for code, value in _TABLE.items()}


def fold(text: str) -> str:
    """The folded form used for matching.

    Removed: harakat U+064B-0652 (shadda included), superscript alef U+0670, madda
    and combining hamza U+0653-0655, other Arabic diacritics and Quranic marks,
    tatweel U+0640, and invisible format characters (ZWNJ, ZWJ, LRM, RLM, ALM, bidi
    controls, soft hyphen, BOM, the Arabic number signs U+0600-0605 and U+06DD).
    Mapped: أ إ آ ٱ (and the wavy and high hamza alefs) -> ا; ى ئ ی -> ي; ؤ -> و;
    ة -> ه; ک -> ك; Arabic-Indic ٠-٩ and Persian ۰-۹ digits -> 0-9; Arabic
    presentation forms -> the letters they stand for (ﻻ -> لا). The hamza ء stays.
    Everything else is case-folded (Reuters -> reuters, ß -> ss). Whitespace is kept.

    Works one code point at a time, so folding a concatenation is the concatenation
    of the folds.
    """
    return text.translate(_TABLE).casefold()


@dataclass(frozen=True, eq=False)
class FoldedText:
    """A text's folded form, with the way back to original offsets.

    ``origin[i]`` is the original index of the code point ``folded[i]`` came from;
    there are ``len(folded) + 1`` entries, the last being ``len(original)``. It never
    decreases; it repeats where one code point folded to several (ligatures, ß).
    ``origin`` is an ``array('q')``: treat it as read-only.
    """

    folded: str
    origin: array
    original: str

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the folded range ``[start, end)`` to original offsets.

        The range runs from the first folded character's code point to just after
        the last one's, widened to whole grapheme clusters: it takes the harakat
        after its last letter and never cuts a cluster. An empty range maps to an
        empty range at a cluster boundary.
        """
        if not 0 <= start <= end <= len(self.folded):
            raise ValueError(
                f"[{start}, {end}) is not a range in a folded text of length {len(self.folded)}"
            )
        if start == end:
            point = snap_to_graphemes(self.original, self.origin[start], self.origin[start])[0]
            return point, point
        return snap_to_graphemes(self.original, self.origin[start], self.origin[end - 1] + 1)

    def _hit(self, start: int, end: int) -> tuple[int, int] | None:
        """``to_original(start, end)``, or None when that range would hold more than
        the match: part of a folded ligature, or characters of the first or last
        cluster that neither fold away nor are whitespace (an emoji's skin tone, a
        Latin accent). Then the original range does not fold to what was searched."""
        origin = self.origin
        if (start and origin[start - 1] == origin[start]) or origin[end] == origin[end - 1]:
            return None
        text = self.original
        first, last = origin[start], origin[end - 1]
        fast = _fast_path()
        if (
            text[first] in fast.plain
            and (not first or text[first - 1] in fast.not_prepend)
            and text[last] in fast.plain
        ):
            # Starts and ends with a plain letter: the hit is the match plus the marks
            # after its last letter, unless a character that could join it follows.
            after = last + 1
            while after < len(text) and text[after] in fast.attached:
                after += 1
            if after == len(text) or text[after] in fast.break_before:
                return first, after
        low, high = snap_to_graphemes(text, first, last + 1)
        if fold(text[low:first]).strip() or fold(text[last + 1 : high]).strip():
            return None
        return low, high


def fold_with_map(text: str) -> FoldedText:
    """Fold ``text`` one code point at a time, recording where each folded character
    came from. ``fold_with_map(text).folded == fold(text)``."""
    cache = _CACHE
    parts: list[str] = []
    origin = array("q")
    add_part = parts.append
    add_origin = origin.append
    for index, char in enumerate(text):
        folded = cache.get(char)
        if folded is None:
            folded = cache[char] = _fold_char(char)
        if len(folded) == 1:
            add_part(folded)
            add_origin(index)
        elif folded:
            add_part(folded)
            origin.extend([index] * len(folded))
    add_origin(len(text))
    return FoldedText("".join(parts), origin, text)


def _query_pattern(query: str) -> re.Pattern[str] | None:
    """The regular expression ``find_all`` searches the folded text with, or None for
    a query that folds to nothing but whitespace. Whitespace in the query matches
    any run of whitespace in the text except line breaks."""
    words = fold(query).split()
    if not words:
        return None
    return re.compile(_SPACE_RUN.join(map(re.escape, words)))


def find_all(text: str, query: str, *, folded: FoldedText | None = None) -> list[tuple[int, int]]:
    """Every non-overlapping match of the folded query in the folded text, as original
    code-point ranges ``(start, end)`` in text order, each widened to whole grapheme
    clusters.

    The query is folded and stripped; an empty or whitespace-only query finds
    nothing. Whitespace inside the query matches any run of whitespace (space, tab,
    NBSP, ...) but never a line break, so no hit crosses a ``\\n``. A match that
    starts or ends inside a folded ligature, or whose widening would take in
    characters that do not fold away, is skipped. Pass ``folded=fold_with_map(text)``
    to search the same text repeatedly without folding it again.
    """
    pattern = _query_pattern(query)
    if pattern is None:
        return []
    if folded is None:
        folded = fold_with_map(text)
    elif folded.original is not text and folded.original != text:
        raise ValueError("folded was made from a different text")
    hits: list[tuple[int, int]] = []
    position = 0
    while (match := pattern.search(folded.folded, position)) is not None:
        hit = folded._hit(match.start(), match.end())
        if hit is None:
            position = match.start() + 1
            continue
        hits.append(hit)
        position = match.end()
    return hits


def entity_key(name: str) -> str:
    """The key two spellings of one entity share: folded, stripped, inner whitespace
    collapsed to one space (أمجد البرقاوي and  امجد  البرقاوي give the same key)."""
    return " ".join(fold(name).split())


def same_entity(a: str, b: str) -> bool:
    """Whether two names spell the same entity up to folding and whitespace."""
    return entity_key(a) == entity_key(b)
