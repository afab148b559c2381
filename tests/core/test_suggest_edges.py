"""Suggestions follow the same edge rule as a selection (core/span_edges.py): no edge
punctuation, quote marks in pairs, whatever the patterns matched."""

import json
from pathlib import Path

import pytest

from annotator.core.span_edges import trim_edges
from annotator.core.suggest import suggest

GOLD = Path(__file__).resolve().parents[1] / "data" / "suggest_gold.jsonl"


def suggested(text: str) -> list[tuple[str, str | None]]:
    return [(text[s.claim[0]:s.claim[1]], s.speaker and text[s.speaker[0]:s.speaker[1]])
            for s in suggest(text)]


# Written for these tests: a quotation left open or closed without its opening mark, and
# a claim that trails off in an ellipsis.
@pytest.mark.parametrize(
    ("text", "claim", "speaker"),
    [
        ("وقال الوزير إن «الخطة ناجحة.", "الخطة ناجحة", "الوزير"),
        ("وقال الوزير: الخطة ناجحة»", "الخطة ناجحة", "الوزير"),
        ("وأكد رئيس البلدية» أن المشروع تأخر.", "المشروع تأخر", "رئيس البلدية"),
        ("وقال الوزير إن الخطة ناجحة…", "الخطة ناجحة", "الوزير"),
        ("قال الوزير: «الخطة ناجحة»!", "«الخطة ناجحة»", "الوزير"),
    ],
)
def test_a_suggestion_has_no_lone_mark_or_punctuation_at_its_edges(text, claim, speaker):
    assert suggested(text) == [(claim, speaker)]


def test_every_suggestion_on_the_gold_set_already_follows_the_rule():
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        for found in suggest(text):
            for span in (found.claim, found.speaker, found.medium):
                if span is not None:
                    assert trim_edges(text, *span) == span, text[span[0]:span[1]]
