"""Shared pieces of the crash harness (docs/reliability.md, promise 1).

The parent (``tests/test_crash.py``) and the scripted child (``tests/crash/child.py``)
both use these texts, layers and helpers. Kept free of heavy imports: the child imports
this package before it opens the project.
"""

from __future__ import annotations

import random
import re

# Short news texts written for these tests: vowelled Arabic (harakat), guillemets, a new
# line, and emoji of one, two and several code points (skin tone, ZWJ family, flag).
TEXTS = (
    "قَالَ وَزِيرُ الخَارِجِيَّةِ إِنَّ المُفَاوَضَاتِ سَتُسْتَأْنَفُ الأُسْبُوعَ المُقْبِلَ 🤝 "
    "وَأَضَافَ أَنَّ الوَفْدَ «مُتَفَائِلٌ جِدًّا».",
    "أَعْلَنَتْ وِزَارَةُ الصِّحَّةِ حَمْلَةَ تَطْعِيمٍ جَدِيدَةً 💉\n"
    "وَانْتَقَدَ نَائِبٌ فِي البَرْلَمَانِ تَأَخُّرَهَا، وَقَالَ إِنَّهَا «جَاءَتْ مُتَأَخِّرَةً».",
    "صَرَّحَ المُتَحَدِّثُ بِاسْمِ النَّادِي بِأَنَّ المُدَرِّبَ بَاقٍ فِي مَنْصِبِهِ 👍🏽 "
    "رَغْمَ الخَسَارَةِ الثَّقِيلَةِ.",
    "عاجل: ارتفاع أسعار الخبز 🍞\n"
    "قالت جمعية حماية المستهلك إن الزيادة «غير مبررة»، وردّت الحكومة بأن الأسعار مستقرة 👨‍👩‍👧 🇪🇬.",
)

VOCABULARY = (
    "قَالَ", "أَكَّدَ", "المُتَحَدِّثُ", "الرَّسْمِيُّ", "إِنَّ", "الحُكُومَةَ", "سَتَدْرُسُ",
    "المُقْتَرَحَ", "بِعِنَايَةٍ", "وَأَضَافَ", "أَنَّ", "الاجْتِمَاعَ", "كَانَ", "مُثْمِرًا",
    "نَفَى", "مَصْدَرٌ", "مُطَّلِعٌ", "الأَنْبَاءَ", "عَنْ", "اسْتِقَالَةِ", "الوَزِيرِ", "فِي",
    "العَاصِمَةِ", "اليَوْمَ", "الخَمِيسَ", "«لَا", "تَعْلِيقَ»", "وَفْقًا", "لِوَكَالَةِ", "الأَنْبَاءِ",
    "📰", "🤝", "👍🏽", "👨‍👩‍👧", "🇪🇬",
)

LAYERS = ("mona", "سارة")
ENTITIES = ("وزير الخارجية", "وزارة الصحة", "الحكومة", "نائب في البرلمان")
EXPORTS = {"all.jsonl": "all", "mona.jsonl": "mona"}

_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_WORD = re.compile(r"\S+")


def arabic_number(value: int | str) -> str:
    return str(value).translate(_ARABIC_DIGITS)


def words(text: str) -> list[tuple[int, int]]:
    """The [start, end) code-point ranges of the whitespace-separated words."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def make_text(rng: random.Random, tag: str, size: int) -> str:
    """A made-up article of about ``size`` words; ``tag`` makes its text unique."""
    lines = []
    remaining = size
    while remaining > 0:
        count = min(remaining, rng.randint(6, 18))
        lines.append(" ".join(rng.choice(VOCABULARY) for _ in range(count)) + ".")
        remaining -= count
    lines[0] = f"خبر رقم {arabic_number(tag)}: " + lines[0]
    return "\n".join(lines)
