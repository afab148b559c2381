"""Folded search with exact offsets, and entity keys (annotator.core.search)."""

from __future__ import annotations

import subprocess
import sys
from array import array

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from annotator.core.search import (
    FoldedText,
    entity_key,
    find_all,
    fold,
    fold_with_map,
    same_entity,
)
from annotator.core.text import grapheme_boundaries, is_grapheme_boundary

FATHA, SHADDA, KASRA, SUKUN = "\u064e", "\u0651", "\u0650", "\u0652"
NBSP = "\u00a0"

# Original sentences; the people are invented.
NEWS = (
    "قَالَ المُتَحَدِّثُ بِاسْمِ البَلَدِيَّةِ إِنَّ الجِسْرَ سَيُفْتَحُ في ١٢ أيار، "
    "وأضاف أن المهندسة سلمى الزيداني تشرف على الأعمال مع شركة Nordwind Bau.\n"
    "ونقلت وكالة Reuters عن مصطفى العقيلي قوله إن الكلفة بلغت 12 مليون دينار."
)


def hits_text(text: str, query: str) -> list[str]:
    return [text[start:end] for start, end in find_all(text, query)]


def spaced(text: str) -> str:
    """The whitespace rule: runs of whitespace compare as one space, edges stripped."""
    return " ".join(text.split())


# --- fold -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("قَالَ", "قال"),
        ("إِنَّ", "ان"),
        ("قـــال", "قال"),
        ("الرَّحْمٰن", "الرحمن"),  # superscript alef U+0670 is removed, not made an alef
        ("أحمد إحسان آمال ٱلله", "احمد احسان امال الله"),
        ("مصطفى", "مصطفي"),
        ("هدىٰ", "هدي"),  # ى then U+0670: pyarabic's normalize_alef would give هدا
        ("حمزة", "حمزه"),
        ("مسؤول رئيس", "مسوول رييس"),
        ("سماء", "سماء"),  # the bare hamza stays a letter
        ("ا\u0654حمد", "احمد"),  # decomposed alef with hamza above
        ("ي\u0654", "ي"),
        ("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹", "0123456789 0123456789"),
        ("Reuters GULF Straße", "reuters gulf strasse"),
        ("ﻻ ﻷ", "لا لا"),  # lam-alef presentation forms
        ("بی ک", "بي ك"),  # Farsi yeh and keheh
        ("ب\u200cت\u200fث\u202bج\u202c", "بتثج"),  # ZWNJ and bidi controls
        ("\u06dd١٢", "12"),
        ("a" + NBSP + "b\n c", "a" + NBSP + "b\n c"),  # whitespace is kept as it is
    ],
)
def test_fold_examples(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_with_map_examples() -> None:
    folded = fold_with_map("قَالَ ﻻ ß")
    assert folded.folded == "قال لا ss"
    assert list(folded.origin) == [0, 2, 3, 5, 6, 6, 7, 8, 8, 9]
    assert isinstance(folded.origin, array)


def test_to_original_widens_to_clusters() -> None:
    text = "وَقَالَ 👍🏽 إِنَّ"
    folded = fold_with_map(text)
    assert folded.folded == "وقال 👍🏽 ان"
    assert folded.to_original(1, 4) == (2, 7)  # قال plus its final fatha
    assert text[2:7] == "قَالَ"
    assert folded.to_original(0, 1) == (0, 2)
    assert folded.to_original(5, 6) == (8, 10)  # the thumb alone still takes its skin tone
    assert folded.to_original(8, 10) == (11, 16)
    assert folded.to_original(4, 4) == (7, 7)
    assert folded.to_original(10, 10) == (16, 16)
    with pytest.raises(ValueError):
        folded.to_original(3, 11)
    with pytest.raises(ValueError):
        folded.to_original(3, 2)


# --- find_all: examples -------------------------------------------------------------


def test_query_finds_text_with_harakat_including_the_final_mark() -> None:
    text = "ثم قَالَ الرئيس"
    assert find_all(text, "قال") == [(3, 8)]
    assert text[3:8] == "قَالَ" and text[7] == FATHA


def test_query_finds_text_with_tatweel() -> None:
    text = "وقـــال المدير"
    assert find_all(text, "قال") == [(1, 7)]
    assert hits_text(text, "قال") == ["قـــال"]


def test_hit_ends_after_shadda_and_haraka() -> None:
    text = "إِنَّ الأمر"
    assert hits_text(text, "ان") == ["إِنَّ"]


@pytest.mark.parametrize("written", ["أحمد", "إحمد", "احمد", "آحمد", "ا\u0654حمد"])
def test_alef_forms(written: str) -> None:
    text = f"التقى {written} بالوفد"
    assert hits_text(text, "احمد") == [written]
    assert hits_text(text, "أحمد") == [written]


def test_alef_maksura_and_yeh() -> None:
    text = "صرح مصطفى العقيلي وصديقه مصطفي"
    assert hits_text(text, "مصطفي") == ["مصطفى", "مصطفي"]
    assert hits_text(text, "مصطفى") == ["مصطفى", "مصطفي"]


def test_teh_marbuta_and_hamza_on_waw_and_yeh() -> None:
    text = "قالت المهندسة إن المسؤول رئيس اللجنة"
    assert hits_text(text, "المهندسه") == ["المهندسة"]
    assert hits_text(text, "المسوول") == ["المسؤول"]
    assert hits_text(text, "رييس") == ["رئيس"]


def test_query_with_harakat_matches_text_without() -> None:
    text = "قال الوزير إن الجسر جاهز"
    assert hits_text(text, "قَالَ") == ["قال"]
    assert hits_text(text, "إِنَّ") == ["إن"]
    assert hits_text(text, "الجِسْرَ") == ["الجسر"]


@pytest.mark.parametrize(
    ("text", "query"),
    [("في 12 أيار", "١٢"), ("في ١٢ أيار", "12"), ("في ۱۲ أيار", "١٢"), ("في ١٢ أيار", "۱۲")],
)
def test_digits_in_any_script(text: str, query: str) -> None:
    assert find_all(text, query) == [(3, 5)]


def test_latin_is_case_insensitive() -> None:
    assert hits_text(NEWS, "reuters") == ["Reuters"]
    assert hits_text(NEWS, "NORDWIND bau") == ["Nordwind Bau"]


def test_whitespace_in_the_query_matches_any_run_but_not_a_newline() -> None:
    text = f"قال إن\nقال{NBSP}إن قال \t إن قال ـ إن"
    assert hits_text(text, "قال إن") == ["قال إن", f"قال{NBSP}إن", "قال \t إن", "قال ـ إن"]
    assert hits_text(text, "قال   إن") == hits_text(text, "قال إن")
    assert find_all("قال \n إن", "قال إن") == []
    assert find_all("قال\u2029إن", "قال إن") == []


def test_query_edges_are_stripped() -> None:
    assert hits_text("قال إن", "  إن\n") == ["إن"]


@pytest.mark.parametrize("query", ["", " ", "\n", NBSP + "\t", FATHA + SHADDA, "ـــ", "\u200f"])
def test_empty_queries_find_nothing(query: str) -> None:
    assert find_all("قَالَ ـــ \u200f", query) == []


def test_emoji_before_a_hit_do_not_shift_offsets() -> None:
    text = "👍🏽🇯🇴👩\u200d👩\u200d👧 😀 قَالَ المدير"
    assert find_all(text, "قال") == [(12, 17)]
    assert hits_text(text, "قال") == ["قَالَ"]
    assert hits_text(text, "😀 قال") == ["😀 قَالَ"]


def test_hits_are_in_order_and_do_not_overlap() -> None:
    assert find_all("ببببب", "بب") == [(0, 2), (2, 4)]
    assert hits_text(NEWS, "قال") == ["قَالَ"]


def test_hits_on_the_sample_news_text() -> None:
    assert hits_text(NEWS, "ان") == ["إِنَّ", "أن", "ان", "إن"]  # the third is in الزيداني
    assert hits_text(NEWS, "مصطفي العقيلي") == ["مصطفى العقيلي"]
    for start, end in find_all(NEWS, "ان"):
        assert is_grapheme_boundary(NEWS, start) and is_grapheme_boundary(NEWS, end)


def test_a_match_inside_a_cluster_is_skipped() -> None:
    # The flag pairs as [🇯🇴]; "🇴ب" at offset 1 would cut it, the second one is whole.
    text = "🇯🇴ب🇴ب"
    assert find_all(text, "🇴ب") == [(3, 5)]
    # A skin tone joins the letter before it: ب alone would take the tone with it.
    assert find_all("ب🏽 ب", "ب") == [(3, 4)]
    # A ligature is not split: لا finds ﻻ, ل alone does not.
    assert hits_text("ﻻ", "لا") == ["ﻻ"]
    assert find_all("ﻻ", "ل") == []
    assert find_all("Straße", "stras") == []
    assert hits_text("Straße", "STRASS") == ["Straß"]


def test_marks_before_a_letter_join_the_hit() -> None:
    text = "رقم \u0600١٢ و\u06dd١٢"
    assert hits_text(text, "12") == ["\u0600١٢", "\u06dd١٢"]


def test_folded_text_can_be_reused() -> None:
    folded = fold_with_map(NEWS)
    assert find_all(NEWS, "قال", folded=folded) == find_all(NEWS, "قال")
    assert find_all(NEWS[:], "قال", folded=folded) == find_all(NEWS, "قال")
    with pytest.raises(ValueError):
        find_all("قال", "قال", folded=folded)


def test_search_module_does_not_import_qt() -> None:
    code = (
        "import sys, annotator.core.search\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', "
        "'annotator.ui'))]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- entities -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("أمجد البرقاوي", "امجد البرقاوي"),
        ("إيناس الدباغ", "ايناس  الدباغ "),
        ("مصطفى الزيداني", "مصطفي الزيداني"),
        ("حمزة العقيلي", "حمزه العقيلي"),
        ("سَلْمَى الحَدَّاد", "سلمى الحداد"),
        ("نـــادر الشـــامي", "نادر الشامي"),
        ("Nordwind Bau", "NORDWIND\u00a0bau"),
    ],
)
def test_same_entity(a: str, b: str) -> None:
    assert same_entity(a, b)
    assert entity_key(a) == entity_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("سلمى الحداد", "سلمان الحداد"), ("حمزة", "حمزات"), ("أمجد البرقاوي", "أمجدالبرقاوي")],
)
def test_different_entities(a: str, b: str) -> None:
    assert not same_entity(a, b)


def test_entity_key_form() -> None:
    assert entity_key("  مُصْطَفَى\t\tحَمْزَة  ") == "مصطفي حمزه"


# --- properties -----------------------------------------------------------------------

ARABIC = list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي") + list("أإآىةؤئء")
MARKS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670", "\u0640"]
PIECES = (
    ARABIC
    + MARKS
    + [" ", " ", NBSP, "\n", "\u200c", "\u200d", "\u200f", "\u0600"]
    + list("aBzQ") + list("12١٢۲")
    + ["😀", "👍", "🏽", "\u200d👧", "🇯", "🇴"]
)
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
# Short queries from a small alphabet, so that random ones often match.
SMALL = ["ا", "أ", "ى", "ي", "ة", "ه", "ب", FATHA, SHADDA, "ـ", " ", "a", "A", "1", "١", "😀"]
SMALL_TEXT = st.lists(st.sampled_from(SMALL + ["\n", NBSP, "🏽"]), max_size=30).map("".join)
QUERY = st.lists(st.sampled_from(SMALL), min_size=1, max_size=4).map("".join)


def is_letter(char: str) -> bool:
    return char.isalpha() and char != "\u0640"


def check_hits(text: str, query: str, hits: list[tuple[int, int]]) -> None:
    folded = fold_with_map(text)
    previous_end = 0
    for start, end in hits:
        assert previous_end <= start < end <= len(text)
        assert is_grapheme_boundary(text, start) and is_grapheme_boundary(text, end)
        assert "\n" not in text[start:end]
        assert spaced(fold(text[start:end])) == spaced(fold(query))
        # Each hit is what to_original gives for the folded characters it holds.
        inside = [i for i, source in enumerate(folded.origin[:-1]) if start <= source < end]
        assert folded.to_original(inside[0], inside[-1] + 1) == (start, end)
        previous_end = end


@given(TEXT)
def test_fold_with_map_agrees_with_fold(text: str) -> None:
    folded = fold_with_map(text)
    assert folded.folded == fold(text)
    assert len(folded.origin) == len(folded.folded) + 1
    assert folded.origin[-1] == len(text)
    assert all(a <= b for a, b in zip(folded.origin, folded.origin[1:]))


@given(TEXT | st.text(max_size=30))
def test_fold_with_map_is_exact_per_code_point(text: str) -> None:
    folded = fold_with_map(text)
    pieces = [""] * len(text)
    for char, source in zip(folded.folded, folded.origin):
        pieces[source] += char
    assert pieces == [fold(char) for char in text]


@given(TEXT | st.text(max_size=30), TEXT | st.text(max_size=30))
def test_fold_of_a_concatenation(a: str, b: str) -> None:
    assert fold(a + b) == fold(a) + fold(b)


@given(TEXT, st.data())
def test_to_original_is_on_boundaries_and_covers_the_range(text: str, data: st.DataObject) -> None:
    folded = fold_with_map(text)
    start = data.draw(st.integers(0, len(folded.folded)))
    end = data.draw(st.integers(start, len(folded.folded)))
    low, high = folded.to_original(start, end)
    assert is_grapheme_boundary(text, low) and is_grapheme_boundary(text, high)
    if start < end:
        assert low <= folded.origin[start] and folded.origin[end - 1] < high
        assert spaced(fold(text[low:high])).count(spaced(folded.folded[start:end]))


@settings(max_examples=300)
@given(TEXT, st.data())
def test_every_substring_is_found(text: str, data: st.DataObject) -> None:
    boundaries = grapheme_boundaries(text)
    assume(len(boundaries) > 1)
    a = data.draw(st.sampled_from(boundaries[:-1]))
    b = data.draw(st.sampled_from([x for x in boundaries if x > a]))
    query = text[a:b]
    assume(any(map(is_letter, query)))
    hits = find_all(text, query)
    check_hits(text, query, hits)
    # The part of the text the folded, stripped query stands for.
    core = [i for i in range(a, b) if fold(text[i]) and not text[i].isspace()]
    core_start, core_end = core[0], core[-1] + 1
    if "\n" in text[core_start:core_end]:
        return
    assert any(
        start <= core_start < end and (end >= core_end or start < core_start)
        for start, end in hits
    ), (text, query, hits)


@settings(max_examples=300)
@given(SMALL_TEXT | TEXT, QUERY)
def test_every_hit_matches_the_query(text: str, query: str) -> None:
    check_hits(text, query, find_all(text, query))


@settings(max_examples=300)
@given(SMALL_TEXT | TEXT, st.data())
def test_every_hit_matches_a_slice_that_cuts_clusters(text: str, data: st.DataObject) -> None:
    # Slices at any code point, so the query often starts or ends inside a cluster
    # (a letter without its skin tone, half a flag): such matches must be skipped.
    start = data.draw(st.integers(0, len(text)))
    query = text[start : data.draw(st.integers(start, min(len(text), start + 4)))]
    check_hits(text, query, find_all(text, query))


@given(st.lists(st.sampled_from(ARABIC), min_size=1, max_size=8), st.data())
def test_decorated_names_are_the_same_entity(letters: list[str], data: st.DataObject) -> None:
    name = "".join(letters)
    decorated = "".join(
        char + data.draw(st.sampled_from(["", "", FATHA, KASRA + SHADDA, SUKUN, "ـ", "\u0670"]))
        for char in name
    )
    swaps = {"ا": "أ", "ي": "ى", "ه": "ة", "و": "ؤ"}
    respelled = "".join(
        swaps[char] if char in swaps and data.draw(st.booleans()) else char for char in decorated
    )
    assert same_entity(name, respelled)
    assert same_entity(f"  {name} ", name)


# --- speed --------------------------------------------------------------------------


# About two hundred words of invented news with full harakat, some Latin, digits, emoji.
ARTICLE = "\n".join(
    [
        "قَالَ المُتَحَدِّثُ بِاسْمِ بَلَدِيَّةِ المَدِينَةِ إِنَّ أَعْمَالَ تَرْمِيمِ الجِسْرِ القَدِيمِ "
        "سَتَنْتَهِي قَبْلَ حُلُولِ فَصْلِ الشِّتَاءِ، مُشِيراً إِلَى أَنَّ الفِرَقَ الفَنِّيَّةَ تَعْمَلُ "
        "لَيْلاً وَنَهَاراً لِتَعْوِيضِ التَّأْخِيرِ الَّذِي سَبَّبَتْهُ الأَمْطَارُ.",
        "وَأَضَافَ أَنَّ المُهَنْدِسَةَ سَلْمَى الزَّيْدَانِيَّ تُشْرِفُ عَلَى المَشْرُوعِ مُنْذُ بِدَايَتِهِ، "
        "وَأَنَّ الكُلْفَةَ الإِجْمَالِيَّةَ بَلَغَتْ ١٢ مِلْيُونَ دِينَارٍ، أَيْ أَقَلَّ بِقَلِيلٍ مِمَّا كَانَ "
        "مُتَوَقَّعاً فِي المُوَازَنَةِ.",
        "مِنْ جِهَتِهِ، أَكَّدَ رَئِيسُ لَجْنَةِ الأَحْيَاءِ مُصْطَفَى العُقَيْلِيُّ أَنَّ السُّكَّانَ "
        "يُطَالِبُونَ بِفَتْحِ طَرِيقٍ بَدِيلٍ لِلْمُشَاةِ، لَافِتاً إِلَى أَنَّ المَدَارِسَ القَرِيبَةَ "
        "تَضَرَّرَتْ مِنْ إِغْلَاقِ الطَّرِيقِ الرَّئِيسِيِّ.",
        "وَنَقَلَتْ وَكَالَةُ Reuters عَنْ مَصْدَرٍ فِي شَرِكَةِ Nordwind Bau قَوْلَهُ إِنَّ المَوَادَّ "
        "المُسْتَوْرَدَةَ وَصَلَتْ مُتَأَخِّرَةً بِسَبَبِ إِضْرَابٍ فِي المِينَاءِ، غَيْرَ أَنَّ الشَّرِكَةَ "
        "تَلْتَزِمُ بِالجَدْوَلِ الزَّمَنِيِّ المُتَّفَقِ عَلَيْهِ.",
        "وَفِي سِيَاقٍ مُتَّصِلٍ، أَعْلَنَتْ وَزَارَةُ النَّقْلِ عَنْ خُطَّةٍ لِتَوْسِيعِ شَبَكَةِ الحَافِلَاتِ "
        "تَشْمَلُ ٢٥٠ حَافِلَةً جَدِيدَةً، وَقَالَ الوَزِيرُ نَادِرُ الشَّامِيُّ فِي مُؤْتَمَرٍ صَحَفِيٍّ إِنَّ "
        "الخُطَّةَ سَتُخَفِّفُ الازْدِحَامَ فِي وَسَطِ المَدِينَةِ بِنِسْبَةٍ تَصِلُ إِلَى ٣٠ فِي المِئَةِ.",
        "وَرَدَّ نَاشِطُونَ عَلَى مَوَاقِعِ التَّوَاصُلِ بِتَعْلِيقَاتٍ مُؤَيِّدَةٍ 👍🏽 وَأُخْرَى سَاخِرَةٍ 😀، "
        "مُعْتَبِرِينَ أَنَّ الوُعُودَ السَّابِقَةَ لَمْ تُنَفَّذْ، فِيمَا دَعَتْ جَمْعِيَّةُ حِمَايَةِ "
        "المُسْتَهْلِكِ إِلَى نَشْرِ تَفَاصِيلِ العُقُودِ كَامِلَةً.",
        "وَفِي خَبَرٍ آخَرَ، ذَكَرَتْ هَيْئَةُ الأَرْصَادِ أَنَّ دَرَجَاتِ الحَرَارَةِ سَتَنْخَفِضُ خِلَالَ "
        "الأُسْبُوعِ المُقْبِلِ، وَدَعَتِ المُوَاطِنِينَ إِلَى تَوَخِّي الحَذَرِ أَثْنَاءَ القِيَادَةِ عَلَى "
        "الطُّرُقِ الجَبَلِيَّةِ، خُصُوصاً فِي سَاعَاتِ الصَّبَاحِ البَاكِرِ.",
        "أَمَّا فِي الشَّأْنِ الاقْتِصَادِيِّ، فَقَدْ أَوْضَحَتِ الخَبِيرَةُ إِينَاسُ الدَّبَّاغُ أَنَّ ارْتِفَاعَ "
        "أَسْعَارِ مَوَادِّ البِنَاءِ يَعُودُ إِلَى تَرَاجُعِ العُمْلَةِ المَحَلِّيَّةِ، مُضِيفَةً أَنَّ الحُكُومَةَ "
        "مُطَالَبَةٌ بِدَعْمِ المُقَاوِلِينَ الصِّغَارِ كَيْ لَا تَتَوَقَّفَ المَشَارِيعُ.",
    ]
) + "\n"


def megabyte() -> str:
    """A million code points of ARTICLE, cut at a paragraph end."""
    text = ARTICLE * (1_000_000 // len(ARTICLE) + 1)
    return text[: text.rindex("\n", 0, 1_000_000) + 1]


def test_the_article_hits() -> None:
    assert len(ARTICLE.split()) > 200
    assert hits_text(ARTICLE, "قال") == ["قَالَ", "قَالَ"]
    assert hits_text(ARTICLE, "مصطفي العقيلي") == ["مُصْطَفَى العُقَيْلِيُّ"]
    assert hits_text(ARTICLE, "رييس") == ["رَئِيسُ", "رَّئِيسِ"]
    assert hits_text(ARTICLE, "12 مليون") == ["١٢ مِلْيُونَ"]
    assert hits_text(ARTICLE, "حافله") == ["حَافِلَةً"]
    assert hits_text(ARTICLE, "ايناس الدباغ") == ["إِينَاسُ الدَّبَّاغُ"]
    assert hits_text(ARTICLE, "مؤيده 👍🏽") == ["مُؤَيِّدَةٍ 👍🏽"]


def test_a_megabyte_of_arabic_is_folded_and_searched_whole() -> None:
    text = megabyte()
    folded = fold_with_map(text)
    hits = find_all(text, "قال", folded=folded)
    common = find_all(text, "ان", folded=folded)
    assert isinstance(folded, FoldedText)
    assert len(hits) == text.count("قَالَ")
    assert hits[-1][1] <= len(text) and len(common) > len(hits)
