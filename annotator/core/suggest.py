"""Suggested SPEAKER / CLAIM spans and SAID_BY links for Arabic news attribution.

Rules, not a model. The text is folded once with ``search.fold_with_map`` (harakat,
tatweel and invisible marks removed; alef, hamza, yeh and teh marbuta variants made
one letter), the patterns run on the folded text, and every hit is mapped back through
the fold's origin map and widened to whole grapheme clusters, so each suggestion holds
exact code-point offsets into the ORIGINAL text. No normalized text is ever stored.

What the rules know (see the guidelines):

- ``verb-first+inna``: a reporting verb (قال، أضاف، أكد ... in past, present, passive,
  feminine, plural and dual forms, with an optional proclitic و/ف), then the speaker,
  then a complementizer (إنّ/أنّ، بأنّ، إلى/على/عن/من أنّ, hamza optional), then the
  reported clause up to the end of the sentence or the next attribution in it.
- ``quote-colon``: the same with a colon; the claim is the quotation with its marks
  («...»، “...”، "...") or, without one, the rest of the sentence after any
  complementizer (وقال: إن ...).
- ``quote``: a quotation right after the verb, or after the speaker and the asides that
  commas set off (وأكد X، بحسب البيان، «...»): the aside is neither speaker nor claim.
- ``quote-first``: «...»، قال X: the quotation opens the sentence, the verb and its
  speaker follow.
- ``subject-first``: أما X فـVERB / لكن X، ...، VERB: the speaker stands before the verb.
- ``naqala-an``: نقل X عن Y (قوله) إنّ: Y speaks, X is the medium.
- ``according-to``: بحسب/حسب/حسبما، وفقاً لـ، طبقاً لـ، نقلاً عن، على لسان X, and وفق X
  where it opens the sentence; the verb of بحسب ما أعلنت X is not part of the speaker,
  the claim starts after its complementizer (فإن ...), and an aside inside a report
  (وأكد X، بحسب البيان، ...) is not a report of its own.
- ``participle``: ...، مضيفاً/مؤكدةً/مشيراً إلى أنّ: a further claim of the speaker
  named earlier in the sentence.
- ``pro-drop``: no speaker in the clause (وأضافت: «...»، وقال في بيان إنّ): the nearest
  earlier speaker (of the same gender and number when the verbs tell) is offered as a
  guess, ``speaker_is_guess=True``.

Verbs with non-speech senses (زاد، كشف، نقل، ذكر ...) never make a suggestion on their
own: every verb rule needs a complementizer, a colon or a quote. Speaker spans start
where a word starts (the proclitic is only ever stripped from the cue verb), stop at an
apposition comma, a relative clause, an addressee phrase (للصحفيين، لوكالة، لصحيفة،
لـ«...») or a setting phrase (في مؤتمر صحفي، في تصريح لـ، خلال، أمس ...), end after a
closing guillemet (صحيفة «الملعب» الرياضية gives صحيفة «الملعب»), and leave out the
quote marks around a name that is wholly quoted (“الحياة” gives الحياة). No Qt here.

The patterns use the standard ``re``, not ``regex``: they run on folded text, which has
no combining marks left (the one place where the two modules' ``\\w`` differ), and ``re``
compiles them much faster, a cost every start of the window pays.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from annotator.core.search import FoldedText, fold_with_map
from annotator.core.suggest_words import (
    _ACCORDING, _ADDRESSEE, _AMBIGUOUS, _ASIDE_BEFORE, _BIL_QAWL, _CLOSE, _COMP, _COMP_BAD_BEFORE,
    F, _FORM_GENDER, _LEADING_COMP, _LEAD_CONNECTOR, M, _NOT_AFTER, _OPEN, P, _PARTICIPLE,
    _PRONOUNS, _PUNCT, _SETTING, _STOP, _VERB, _WHAT_WAS_SAID,
)
from annotator.core.suggest_text import (
    _all, _inside, _prev_word, _quote_regions, _Regions, _sentences, _trim, _words,
)
from annotator.core.span_edges import trim_edges

__all__ = ["Suggestion", "suggest", "suggest_in_steps"]


@dataclass(frozen=True)
class Suggestion:
    """One suggested attribution: a CLAIM, its SPEAKER if any, and the cue."""

    claim: tuple[int, int]
    speaker: tuple[int, int] | None
    cue: tuple[int, int]
    rule: str
    confidence: float
    speaker_is_guess: bool = False
    medium: tuple[int, int] | None = None

    def key(self) -> str:
        """A stable id for remembering a rejection: claim range and speaker range."""
        speaker = f"{self.speaker[0]}-{self.speaker[1]}" if self.speaker else "none"
        return f"{self.claim[0]}-{self.claim[1]}:{speaker}"


@dataclass
class _Cue:
    start: int  # folded offsets of the verb (proclitic excluded)
    end: int
    clitic_start: int
    lemma: str
    gender: str
    kind: str  # "verb", "participle", "qawl"
    rule: str = ""
    intro_start: int = -1  # complementizer, colon or opening quote
    intro_end: int = -1
    pron: bool = False
    claim: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    medium: tuple[int, int] | None = None
    confidence: float = 0.0
    more: tuple[int, int] | None = None  # a second reported clause (، وأنّ ...)


def _speaker_phrase(folded: str, start: int, end: int) -> tuple[int, int] | None:
    """The speaker phrase at the start of folded[start:end], trimmed; None if the first
    word is a setting, an addressee or a pronoun (pro-drop)."""
    tokens = _words(folded, start, end)
    taken: list[tuple[int, int]] = []
    depth = 0
    for index, (a, b) in enumerate(tokens):
        token = folded[a:b]
        bare = token.strip(_PUNCT)
        if not bare:
            break
        core = bare.strip("«»“”\"()")
        if depth == 0:
            if token[0] in "،,؛;:(":
                break
            if core in _STOP or bare.startswith(("ل«", "ل“", 'ل"')) or _ADDRESSEE.match(core):
                break
            if core == "في" and index + 1 < len(tokens):
                following = folded[tokens[index + 1][0] : tokens[index + 1][1]].strip("،,«»")
                if _SETTING.match(following) or following in _STOP:
                    break
            if core in ("في", "من") and not taken:
                break
        if "«" in bare or "“" in bare:
            depth += 1
        # Where this token's kept part ends: before trailing punctuation.
        kept_end = b - (len(token) - len(token.rstrip(_PUNCT)))
        taken.append((a, kept_end))
        closed = "»" in bare or "”" in bare
        if closed:
            depth = max(0, depth - 1)
        if kept_end != b or (closed and depth == 0) or len(taken) >= 7:
            break
    if not taken:
        return None
    first = folded[taken[0][0] : taken[0][1]].strip("«»“”\"")
    if first in _PRONOUNS or first in _STOP:
        return None
    return _unquoted(folded, taken[0][0], taken[-1][1])


def _unquoted(folded: str, start: int, end: int) -> tuple[int, int]:
    """A name wholly in quote marks (“الحياة”، «نقابة المعلمين») without them: the marks
    are the writer's, and the shortest phrase that names the speaker leaves them out."""
    opening = folded[start]
    if end - start > 2 and opening in _OPEN and folded[end - 1] == _OPEN[opening]:
        if not any(mark in folded[start + 1 : end - 1] for mark in "«»“”\""):
            return start + 1, end - 1
    return start, end


def _find_intro(folded: str, start: int, end: int, cue: _Cue, quotes: _Regions) -> None:
    """Find the first colon, complementizer or quotation that introduces what was said in
    folded[start:end] (one inside a quotation is part of it) and record it on the cue."""
    colon = next((i for i in _all(folded, ":", start, end) if not _inside(quotes, i)), -1)
    comp = None
    for m in _COMP.finditer(folded, start, end):
        before = _prev_word(folded, m.start(), start)
        if before in _COMP_BAD_BEFORE or _inside(quotes, m.start()):
            continue
        comp = m
        break
    first_other = min((i for i in (colon, comp.start() if comp else -1) if i >= 0), default=end)
    aside_quote = _quote_after_comma(folded, start, first_other, quotes)
    gap = folded[start:end].lstrip()
    if aside_quote is not None or (gap[:1] in _OPEN and comp is None and colon == -1):
        # The quotation after the speaker and any asides set off by commas (وأكد X، بحسب
        # البيان، «...»), or right after the verb with no colon or complementizer to come:
        # a quotation there can also be the speaker's name (وقالت «النقابة» إن ...).
        q = aside_quote if aside_quote is not None else start + len(folded[start:end]) - len(gap)
        cue.intro_start = cue.intro_end = q
        cue.rule = "quote"
        return
    if colon != -1 and (comp is None or colon < comp.start()):
        cue.intro_start, cue.intro_end = colon, colon + 1
        cue.rule = "quote-colon"
        return
    if comp is not None:
        cue.intro_start, cue.intro_end = comp.start(), comp.end()
        cue.pron = bool(comp.group("pron"))
        cue.rule = "verb-first+inna"


def _quote_after_comma(folded: str, start: int, end: int, quotes: _Regions) -> int | None:
    """The start of the first quotation in folded[start:end] that follows a comma and ends
    its clause (punctuation or the end of the range after it): what the speaker said,
    after asides like بحسب البيان or an apposition. A quoted term inside a clause (أكد
    أهمية «خفض التوتر» في ...) does neither."""
    index = bisect_left(quotes.starts, start)
    while index < len(quotes) and quotes[index][0] < end:
        q_start, q_end = quotes[index]
        index += 1
        if folded[start:q_start].rstrip()[-1:] not in ("،", ","):
            continue
        after = folded[q_end:end].lstrip()
        if not after or after[0] in _PUNCT:
            return q_start
    return None


def _without_complementizer(folded: str, start: int, end: int) -> tuple[int, int]:
    """What was said starts after its complementizer (فإن الخطة ... gives الخطة ...)."""
    m = _LEADING_COMP.match(folded, start, end)
    return (m.end(), end) if m else (start, end)


def suggest(text: str) -> list[Suggestion]:
    """Suggested attributions in ``text``, in reading order.

    Every range is in original code points, non-empty, and follows the span edge rule
    (``core/span_edges.py``): on grapheme-cluster boundaries, no white space or edge
    punctuation, quote marks and brackets at its edges only in pairs.
    """
    return [suggestion for step in suggest_in_steps(text) for suggestion in step]


def suggest_in_steps(text: str, sentences: int = 200) -> Iterator[list[Suggestion]]:
    """``suggest(text)`` a few ``sentences`` at a time, in reading order: a long article's
    first suggestions can be shown long before the last are found. Folding
    the text and finding its quotations and sentences come first, in one go."""
    folded_text = fold_with_map(text)
    folded = folded_text.folded
    quotes = _quote_regions(folded)
    earlier_speakers: list[tuple[tuple[int, int], str]] = []  # folded range, gender
    all_sentences = _sentences(folded, quotes)
    for first in range(0, len(all_sentences), sentences):
        results: list[tuple[_Cue, bool, tuple[int, int] | None]] = []
        for s_start, s_end in all_sentences[first:first + sentences]:
            cues = _sentence_cues(folded, s_start, s_end, quotes)
            accepted = [c for c in cues if c.intro_start >= 0]
            for index, cue in enumerate(accepted):
                _claim_for(folded, cue, accepted[index + 1 :], s_end, quotes)
            last_speaker: tuple[tuple[int, int], str] | None = None
            for cue in accepted:
                if cue.claim is None or cue.claim[0] >= cue.claim[1]:
                    continue
                guess = False
                speaker = cue.speaker
                if speaker is None:
                    if cue.kind == "participle" and last_speaker is not None:
                        speaker, guess = last_speaker[0], True
                        cue.rule = "participle"
                        cue.confidence = 0.75
                    else:
                        found = _nearest(earlier_speakers, cue.gender)
                        if found is not None:
                            speaker, guess = found, True
                        cue.rule = "pro-drop"
                        cue.confidence = 0.6 if found is not None else 0.5
                else:
                    earlier_speakers.append((speaker, cue.gender))
                if speaker is not None:
                    last_speaker = (speaker, cue.gender)
                results.append((cue, guess, speaker))
                if cue.more is not None and cue.more[0] < cue.more[1]:
                    extra = _Cue(cue.start, cue.end, cue.clitic_start, cue.lemma, cue.gender, cue.kind)
                    extra.rule, extra.confidence, extra.claim = cue.rule, cue.confidence - 0.1, cue.more
                    extra.medium = cue.medium
                    results.append((extra, guess, speaker))
            for found in _according_to(folded, s_start, s_end, quotes, accepted):
                results.append(found)
                if found[2] is not None:
                    earlier_speakers.append((found[2], found[0].gender))

        # A claim lies in its sentence, so the steps follow one another in reading order.
        yield sorted((made for made in (_to_original(folded_text, cue, guess, speaker)
                                        for cue, guess, speaker in results) if made is not None),
                     key=lambda s: (s.claim[0], s.cue[0]))


def _nearest(earlier: list[tuple[tuple[int, int], str]], gender: str):
    for span, g in reversed(earlier):
        if g == gender:
            return span
    return earlier[-1][0] if earlier else None


def _sentence_cues(folded: str, s_start: int, s_end: int, quotes) -> list[_Cue]:
    cues: list[_Cue] = []
    for m in _VERB.finditer(folded, s_start, s_end):
        if _inside(quotes, m.start()):
            continue
        if _prev_word(folded, m.start(), s_start) in _NOT_AFTER:
            continue
        if _ASIDE_BEFORE.search(folded, max(s_start, m.start() - 16), m.start()):
            continue  # بحسب ما قال X: the verb of an according-to aside
        lemma, gender = _FORM_GENDER[m.group("verb")]
        cues.append(_Cue(m.start("verb"), m.end("verb"), m.start(), lemma, gender, "verb"))
    for m in _PARTICIPLE.finditer(folded, s_start, s_end):
        if _inside(quotes, m.start()):
            continue
        form = m.group("verb")
        gender = F if form.endswith("ه") else P if form.endswith(("ين", "ون", "ات")) else M
        cues.append(_Cue(m.start(), m.end(), m.start(), "participle", gender, "participle"))
    for m in _BIL_QAWL.finditer(folded, s_start, s_end):
        if _inside(quotes, m.start()):
            continue
        cues.append(_Cue(m.start("verb"), m.end("verb"), m.start(), "qawl", "", "qawl"))
    cues.sort(key=lambda c: c.start)
    for index, cue in enumerate(cues):
        limit = cues[index + 1].clitic_start if index + 1 < len(cues) else s_end
        # An introducer must come before the next cue and within about 30 words.
        words = _words(folded, cue.end, limit)
        if len(words) > 30:
            limit = words[30][0]
        _find_intro(folded, cue.end, limit, cue, quotes)
        if cue.intro_start < 0 and cue.kind == "verb":
            _quote_first(folded, cue, s_start, quotes)
        if cue.intro_start < 0:
            continue
        if cue.kind == "qawl" and cue.rule != "quote-colon":
            cue.intro_start = -1
            continue
        _speaker_for(folded, cue, s_start, limit)
    return cues


def _quote_first(folded: str, cue: _Cue, s_start: int, quotes: _Regions) -> None:
    """«...»، قال X: a quotation that opens the sentence and ends right before a verb that
    has nothing to report after it is what that verb reports. A verb with a proclitic
    («...»، وقال X) starts a report of its own, so it does not take the quotation."""
    if cue.clitic_start != cue.start:
        return
    before = folded[s_start : cue.clitic_start].rstrip(" \t،,-–—")
    if not before or before[-1] not in _CLOSE and before[-1] != '"':
        return
    region = _inside(quotes, s_start + len(before) - 1)
    if region is None or region[1] != s_start + len(before) or folded[s_start : region[0]].strip():
        return
    cue.intro_start, cue.intro_end = region
    cue.claim = region
    cue.rule = "quote-first"


def _speaker_for(folded: str, cue: _Cue, s_start: int, limit: int) -> None:
    confidence = {"verb-first+inna": 0.9, "quote-colon": 0.85, "quote": 0.8, "quote-first": 0.8}[cue.rule]
    if cue.lemma in _AMBIGUOUS:
        confidence -= 0.1
    cue.confidence = confidence
    if cue.kind != "verb":
        return
    # The speaker stands between the verb and what it reports, or after the verb when
    # the report came first.
    gap_start, gap_end = cue.end, limit if cue.rule == "quote-first" else cue.intro_start
    if cue.lemma == "نقل":
        an = re.search(r"(?<![\w])عن\s", folded[gap_start:gap_end])
        if an is None:
            cue.intro_start = -1  # نقل without عن: the non-speech sense
            return
        medium = _speaker_phrase(folded, gap_start, gap_start + an.start())
        speaker = _speaker_phrase(folded, gap_start + an.end(), gap_end)
        if speaker is not None:
            cue.medium, cue.speaker = medium, speaker
            cue.rule, cue.confidence = "naqala-an", 0.85
            return
    speaker = _speaker_phrase(folded, gap_start, gap_end)
    if speaker is not None:
        cue.speaker = speaker
        return
    # Subject before the verb: أما X فـVERB، لكن X، ...، VERB، غير أن X VERB.
    prefix = folded[s_start : cue.clitic_start]
    m = re.match(
        r"\s*(?:و|ف)?(?:اما|لكن|غير\s+ان|بينما|فيما)\s+(?P<rest>.+?)\s*(?:ف?قد\s*)?$", prefix
    )
    if m is not None:
        start = s_start + m.start("rest")
        speaker = _speaker_phrase(folded, start, s_start + m.end("rest"))
        if speaker is not None:
            cue.speaker = speaker
            cue.rule = "subject-first"
            cue.confidence = min(cue.confidence, 0.7)


def _claim_for(folded: str, cue: _Cue, later: list[_Cue], s_end: int, quotes) -> None:
    if cue.rule == "quote-first":
        return  # the quotation before the verb, found with the cue
    start = cue.intro_end
    while start < s_end and folded[start].isspace():
        start += 1
    if start >= s_end:
        return
    if cue.rule in ("quote-colon", "quote") and folded[start] in _OPEN:
        region = _inside(quotes, start + 1)
        if region is not None and region[0] == start:
            cue.claim = region
            return
    if cue.rule == "quote-colon":
        start = _without_complementizer(folded, start, s_end)[0]  # وقال: إن ...
    end = s_end
    for other in later:
        if other.clitic_start > start:
            if _inside(quotes, other.clitic_start):
                continue
            head = folded[start : other.clitic_start]
            connector = _LEAD_CONNECTOR.search(head)
            cut = start + (connector.start() if connector else len(head))
            # Only an attribution that a comma or connector sets off ends the claim.
            if connector and connector.group().strip():
                end = cut
            break
    # "...، وأنّ/وإنّ ..." starts a second reported clause of the same speaker.
    second = re.search(r"[،,]\s*و(?:ان|انه|انها|انهم)(?![\w])", folded[start:end])
    if second is not None and not _inside(quotes, start + second.start()):
        # The second clause is a further claim of the same speaker.
        cue.more = _trim(folded, start + second.end(), end)
        end = start + second.start()
    cue.claim = _trim(folded, start, end)


def _according_to(folded: str, s_start: int, s_end: int, quotes, accepted: list[_Cue]):
    """بحسب X، CLAIM / CLAIM، بحسب X."""
    taken = [(c.clitic_start, c.claim[1] if c.claim else c.end) for c in accepted]
    for m in _ACCORDING.finditer(folded, s_start, s_end):
        if _inside(quotes, m.start()) or any(a <= m.start() < b for a, b in taken):
            continue
        cue_start = m.start("cue")
        if folded[cue_start] in "وف" and not folded[cue_start:].startswith(("وفق", "في")):
            cue_start += 1
        after = m.end()
        if m.group("cue").endswith("وفق") and not _opens_sentence(folded, s_start, m.start(), after, s_end):
            continue
        if m.group("cue").endswith("ما") or re.match(r"\s*ما\s", folded[after:s_end]):
            said = _WHAT_WAS_SAID.match(folded, after, s_end)
            after = said.end() if said else after
        # The speaker phrase runs to a comma or the sentence end.
        speaker = _speaker_phrase(folded, after, s_end)
        if speaker is None:
            continue
        head = folded[speaker[0] : speaker[1]]
        before = _trim(folded, s_start, m.start())
        if before[1] - before[0] > 1 and folded[m.start() - 2 : m.start()].strip() in ("،", ","):
            if _VERB.match(folded, before[0]):
                continue  # وأكد X، بحسب البيان، ...: an aside in a report, not its source
            claim = before
        else:
            rest = folded.find("،", speaker[1], s_end)
            if rest == -1:
                continue
            claim = _trim(folded, rest + 1, s_end)
        claim = _without_complementizer(folded, *claim)
        if claim[0] >= claim[1] or not head:
            continue
        cue = _Cue(cue_start, m.end("cue"), cue_start, "according", "", "according")
        confidence = 0.6 if m.group("cue").endswith("وفق") else 0.7
        cue.rule, cue.confidence, cue.claim, cue.speaker = "according-to", confidence, claim, speaker
        yield cue, False, speaker


def _opens_sentence(folded: str, s_start: int, start: int, after: int, s_end: int) -> bool:
    """وفق without ما or لـ is an attribution only where it opens the sentence and its
    source ends at a comma (ووفق تقديرات الوزارة، ...); elsewhere it is "in line with"
    (تسير الأعمال وفق الجدول)."""
    if folded[s_start:start].strip():
        return False
    source = _speaker_phrase(folded, after, s_end)
    return source is not None and folded[source[1] : s_end].lstrip()[:1] in ("،", ",")


def _to_original(
    folded_text: FoldedText, cue: _Cue, guess: bool, speaker: tuple[int, int] | None
) -> Suggestion | None:
    def span(rng: tuple[int, int] | None) -> tuple[int, int] | None:
        if rng is None or rng[0] >= rng[1]:
            return None
        text = folded_text.original
        start, end = trim_edges(text, *folded_text.to_original(*rng))
        return (start, end) if start < end else None

    claim = span(cue.claim)
    cue_span = span((cue.start, cue.end))
    if claim is None or cue_span is None:
        return None
    return Suggestion(
        claim=claim,
        speaker=span(speaker),
        cue=cue_span,
        rule=cue.rule,
        confidence=round(cue.confidence, 2),
        speaker_is_guess=guess and speaker is not None,
        medium=span(cue.medium),
    )
