"""The word lists and patterns of the reported-speech suggester (``core/suggest.py``).

Reporting verbs and their forms, participles, setting and addressee words, pronouns,
complementizers, according-to cues, quote marks and sentence ends: what the rules know
about Arabic news, kept apart from the rules that use it so either can be read alone.
Every spelling is folded (``search.fold_with_map``), since the patterns run on folded
text; they use ``re``, not ``regex``, for the reason ``core/suggest.py`` gives. No Qt here.
"""

from __future__ import annotations

import re

# --- Lexicon (folded spellings: no harakat, ا for أ إ آ, ي for ى ئ, و for ؤ, ه for ة) ---

M, F, P = "m", "f", "p"  # gender/number of a form: masculine, feminine, plural (or dual)

# Each verb: the forms that report speech, with their gender/number. Past: 3ms, 3fs,
# 3mp, 3md, 3fd; present: 3ms, 3fs, 3mp, 3md; passive past and present where used.
_VERB_FORMS: dict[str, list[tuple[str, str]]] = {
    "قال": [("قال", M), ("قالت", F), ("قالوا", P), ("قالا", P), ("قالتا", P), ("يقول", M),
            ("تقول", F), ("يقولون", P), ("يقولان", P), ("قيل", M), ("يقال", M)],
    "اضاف": [("اضاف", M), ("اضافت", F), ("اضافوا", P), ("اضافا", P), ("اضافتا", P),
             ("يضيف", M), ("تضيف", F), ("يضيفون", P), ("يضيفان", P), ("يضاف", M)],
    "اكد": [("اكد", M), ("اكدت", F), ("اكدوا", P), ("اكدا", P), ("اكدتا", P), ("يوكد", M),
            ("توكد", F), ("يوكدون", P), ("يوكدان", P)],
    "اشار": [("اشار", M), ("اشارت", F), ("اشاروا", P), ("اشارا", P), ("اشارتا", P),
             ("يشير", M), ("تشير", F), ("يشيرون", P), ("يشيران", P), ("اشير", M)],
    "افاد": [("افاد", M), ("افادت", F), ("افادوا", P), ("افادا", P), ("افادتا", P),
             ("يفيد", M), ("تفيد", F), ("يفيدون", P), ("افيد", M), ("يفاد", M)],
    "اعلن": [("اعلن", M), ("اعلنت", F), ("اعلنوا", P), ("اعلنا", P), ("يعلن", M),
             ("تعلن", F), ("يعلنون", P)],
    "زاد": [("زاد", M), ("زادت", F), ("زادوا", P), ("زادا", P), ("يزيد", M), ("تزيد", F),
            ("يزيدون", P)],
    "شدد": [("شدد", M), ("شددت", F), ("شددوا", P), ("شددا", P), ("يشدد", M), ("تشدد", F),
            ("يشددون", P)],
    "كشف": [("كشف", M), ("كشفت", F), ("كشفوا", P), ("كشفا", P), ("يكشف", M), ("تكشف", F),
            ("يكشفون", P)],
    "اوضح": [("اوضح", M), ("اوضحت", F), ("اوضحوا", P), ("اوضحا", P), ("يوضح", M),
             ("توضح", F), ("يوضحون", P)],
    "لفت": [("لفت", M), ("لفتت", F), ("لفتوا", P), ("يلفت", M), ("تلفت", F)],
    "نقل": [("نقل", M), ("نقلت", F), ("نقلوا", P), ("ينقل", M), ("تنقل", F), ("ينقلون", P)],
    "ذكر": [("ذكر", M), ("ذكرت", F), ("ذكروا", P), ("ذكرا", P), ("يذكر", M), ("تذكر", F),
            ("يذكرون", P)],
    "راي": [("راي", M), ("رات", F), ("راوا", P), ("رايا", P), ("يري", M), ("تري", F),
            ("يرون", P), ("يريان", P)],
    "اعتبر": [("اعتبر", M), ("اعتبرت", F), ("اعتبروا", P), ("اعتبرا", P), ("يعتبر", M),
              ("تعتبر", F), ("يعتبرون", P)],
    "صرح": [("صرح", M), ("صرحت", F), ("صرحوا", P), ("صرحا", P), ("يصرح", M), ("تصرح", F),
            ("يصرحون", P)],
    "تابع": [("تابع", M), ("تابعت", F), ("تابعوا", P)],
    "اردف": [("اردف", M), ("اردفت", F), ("اردفوا", P), ("يردف", M), ("تردف", F)],
    # بيّن without a proclitic is the preposition "between": only its other forms count.
    "بين": [("بينت", F), ("بينوا", P), ("يبين", M)],
    "نوه": [("نوه", M), ("نوهت", F), ("نوهوا", P), ("ينوه", M), ("تنوه", F)],
    "حذر": [("حذر", M), ("حذرت", F), ("حذروا", P), ("حذرا", P), ("يحذر", M), ("تحذر", F),
            ("يحذرون", P)],
    "طالب": [("طالب", M), ("طالبت", F), ("طالبوا", P), ("يطالب", M), ("تطالب", F),
             ("يطالبون", P)],
    "زعم": [("زعم", M), ("زعمت", F), ("زعموا", P), ("يزعم", M), ("تزعم", F), ("يزعمون", P)],
    "ادعي": [("ادعي", M), ("ادعت", F), ("ادعوا", P), ("يدعي", M), ("تدعي", F)],
    "نفي": [("نفي", M), ("نفت", F), ("نفوا", P), ("ينفي", M), ("تنفي", F), ("ينفون", P)],
    "دعا": [("دعا", M), ("دعت", F), ("دعوا", P), ("يدعو", M), ("تدعو", F), ("يدعون", P)],
}
# Verbs that also mean "increase", "uncover", "carry", "mention"...: lower confidence.
_AMBIGUOUS = frozenset({"زاد", "كشف", "نقل", "ذكر", "راي", "تابع", "لفت", "طالب", "دعا"})
# Active participles that add a further claim of the sentence's speaker.
_PARTICIPLES = {
    stem: stem
    for stem in ("مضيف", "موكد", "مشير", "لافت", "معتبر", "مرجح", "موضح", "مشدد", "محذر",
                 "مطالب", "معلن", "كاشف", "مبين", "منوه", "نافي", "زاعم")
}
# Words before a verb form that make it a noun (عدم ذكر اسمه، في رأي ...).
_NOT_AFTER = frozenset(
    "عدم في من عن علي الي حول رغم دون بعد قبل بين مع حين لدي حتي لحظه".split()
)
# Setting words: the speaker phrase ends before them.
_STOP = frozenset(
    """خلال امس اليوم غدا مساء صباح ظهر عبر امام لدي اثناء عقب ايضا كذلك بدوره بدورها
    موخرا الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت الاحد وهو وهي وهم وهما الذي
    التي الذين اللذين اللتين رفض رفضت طلب طلبت فضل فضلت مفضلا ردا تعليقا قوله قولها قولهم
    للصحفيين للصحافيين للصحافه للصحفيات للاعلاميين لوسايل لها له لهم لنا بيد
    هو هي هم هما هن هولاء هذا هذه ذلك تلك انه انها""".split()
)
# After في, these nouns start a setting phrase (في مؤتمر صحفي، في بيان، في كلمته ...).
_SETTING = re.compile(
    r"(?:مءتمر|موتمر|بيان|تصريح|تصريحات|كلمه|كلمته|كلمتها|حديث|حديثه|حديثها|مقابله|اتصال|"
    r"عرض|عرضه|عرضها|ختام|افتتاحيه|افتتاحيتها|عدد|عددها|تسجيل|لقاء|رساله|تغريده|منشور|"
    r"ندوه|جلسه|اجتماع|مداخله|رد|ردها|رده|تعليق|معرض|سياق|اطار|حوار|بث|برنامج|مستهل|"
    r"نهايه|بدايه|تقرير|تقريره|تقريرها|حساب|حسابه|حسابها|صفحته|صفحتها|موقعه|موقعها)$"
)
# An addressee: ل (or لل) before a medium or an audience (لوكالة، لصحيفة، للصحفيين ...), or
# ل standing alone where a tatweel carried it (لـ CNN).
_ADDRESSEE = re.compile(
    r"ل(?:ل)?(?:وكاله|وكالات|صحيفه|صحف|جريده|قناه|قنوات|موقع|مجله|اذاعه|تلفزيون|شبكه|"
    r"محطه|منصه|برنامج|وسايل|اعلام|اعلاميين|مراسل|مندوب)|ل$"
)
_PRONOUNS = frozenset("هو هي هم هما هن هولاء".split())

_FORM_GENDER: dict[str, tuple[str, str]] = {
    form: (lemma, gender) for lemma, forms in _VERB_FORMS.items() for form, gender in forms
}
_WORD = re.compile(r"\w+")
_NON_SPACE = re.compile(r"\S+")
_VERB = re.compile(
    r"(?<![\w])(?P<clitic>[وف]?)(?P<verb>"
    + "|".join(sorted(_FORM_GENDER, key=len, reverse=True))
    + r")(?![\w])"
)
_PARTICIPLE = re.compile(
    r"(?<![\w])(?P<verb>(?:" + "|".join(_PARTICIPLES) + r")(?:ا|ه|ين|ون|تين|تان|ات)?)(?![\w])"
)
_BIL_QAWL = re.compile(r"(?<![\w])(?P<clitic>ب)(?P<verb>القول)(?![\w])")
# Complementizer: (بـ|إلى|على|عن|من)? أنّ/إنّ, with an optional attached pronoun.
_COMP = re.compile(
    r"(?<![\w])(?:(?:ب)|(?:(?:الي|علي|عن|من)\s+))?ان(?P<pron>ه|ها|هم|هما|هن|نا|ني|ي|ك|كم)?(?![\w])"
)
_COMP_BAD_BEFORE = frozenset("قبل بعد دون منذ يجب يمكن ينبغي لابد يريد تريد يريدون".split())
_ACCORDING = re.compile(
    r"(?<![\w])(?P<cue>[وف]?(?:بحسب|حسبما|حسب|وفقا\s+ل|وفق\s+ما|طبقا\s+ل|نقلا\s+عن|علي\s+لسان|وفق))"
    r"(?=\s*\S)"
)
# بحسب ما أعلنت X، وفقاً لما نقلته عنه X، حسبما جاء في X: the verb after ما (with an
# object pronoun, به/عنه or في) is no part of the speaker.
_WHAT_WAS_SAID = re.compile(r"\s*(?:ما\s+)?\w+(?:\s+(?:به|بها|بهم|عنه|عنها|عنهم|في))?(?=\s)")
_ASIDE_BEFORE = re.compile(r"(?<![\w])(?:(?:ب?حسب|وفق|وفقا\s+ل|طبقا\s+ل)\s*ما|حسبما)\s+$")
# A complementizer the according-to and colon forms leave at the start of what was said.
_LEADING_COMP = re.compile(r"[وف]?ب?ان(?:ه|ها|هم|هما|هن|نا)?\s+")
_OPEN = {"«": "»", "“": "”", '"': '"'}
_CLOSE = {"»", "”"}
# Where a sentence ends: a line break, or . ! ? ؟ before a space, a closing quote or the end.
_SENTENCE_END = re.compile(r"\n|[.!?؟](?=\s|[»”\"]|\Z)")
_PUNCT = "،,؛;:.!?؟"
# A connector (فيما، في حين، بينما ...) that sets off a later attribution ends the claim before it.
_LEAD_CONNECTOR = re.compile(r"(?:\s|،|,)*(?:(?:فيما|في\s+حين|بينما|حيث|اذ)\s+)?$")
