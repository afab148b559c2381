"""Building gold: line-up of annotators' spans, each decision, provenance, undo."""

import pytest

from annotator.core import adjudicate
from annotator.core.errors import ValidationError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.model import GOLD_LAYER

# Written for these tests.
TEXT = "قال الوزير سامي العلي إن الخطة «ناجحة»، وأكدت النقابة أن الأجور منخفضة."


def at(phrase):
    start = TEXT.index(phrase)
    return start, start + len(phrase)


@pytest.fixture
def doc(project):
    import_documents(project, [DocumentInput(text=TEXT, path="t.txt", id="t")])
    key = project.document_by_id("t").key

    def annotate(layer, claim_phrase, stance, speaker_phrase="سامي العلي", extra=()):
        speaker = project.add_span(key, layer, *at(speaker_phrase), "SPEAKER",
                                   {"entity": "سامي العلي"}).spans_added[0]
        claim = project.add_span(key, layer, *at(claim_phrase), "CLAIM", {"stance": stance}).spans_added[0]
        project.add_relation("SAID_BY", claim.id, speaker.id)
        for phrase, label in extra:
            project.add_span(key, layer, *at(phrase), label)

    annotate("mona", "الخطة «ناجحة»", "FAVOR", extra=[("النقابة", "SPEAKER")])
    annotate("karim", "الخطة «ناجحة»", "NEUTRAL")
    annotate("sara", "«ناجحة»", "FAVOR")
    return key


def test_units_say_what_differs(project, doc):
    units = adjudicate.line_up(project, doc)
    speaker, claim, union = units
    assert speaker.agreed and len(speaker.versions) == 3
    assert set(claim.differences) == {"boundaries", "stance"}
    assert union.differences == ("missing in karim, sara",)
    assert union.versions[0].span.label == "SPEAKER"


def test_accept_agreed_copies_only_what_all_share_with_provenance(project, doc):
    changes = adjudicate.accept_agreed(project, doc, by="reviewer")
    (gold,) = project.spans(doc, GOLD_LAYER)
    assert (TEXT[gold.start:gold.end], gold.label) == ("سامي العلي", "SPEAKER")
    assert changes.spans_added == (gold,)
    origin = project.provenance(gold.id)
    assert origin["decision"] == "agreed" and origin["sources"] == ["karim", "mona", "sara"]
    assert origin["decided_by"] == "reviewer"
    assert project.status(doc, GOLD_LAYER) == "in_progress"
    assert not project.db.in_transaction


def test_pick_brings_the_speaker_link_and_undo_removes_it(project, doc):
    adjudicate.accept_agreed(project, doc, by="reviewer")
    claim_unit = adjudicate.line_up(project, doc)[1]
    changes = adjudicate.pick(project, doc, claim_unit.key, "mona", by="reviewer", reason="full clause")
    claim = changes.spans_added[0]
    assert TEXT[claim.start:claim.end] == "الخطة «ناجحة»" and claim.attrs == {"stance": "FAVOR"}
    (link,) = project.relations(doc, GOLD_LAYER)
    assert link.type == "SAID_BY" and link.head == claim.id
    assert project.provenance(claim.id)["reason"] == "full clause"
    assert adjudicate.line_up(project, doc)[1].settled == "gold"
    with pytest.raises(ValidationError, match="already settled"):
        adjudicate.pick(project, doc, claim_unit.key, "karim", by="reviewer")
    adjudicate.undo(project, changes)
    assert [s.label for s in project.spans(doc, GOLD_LAYER)] == ["SPEAKER"]
    assert project.relations(doc, GOLD_LAYER) == []
    assert adjudicate.line_up(project, doc)[1].settled is None


def test_combine_takes_boundaries_from_one_and_stance_from_another(project, doc):
    claim_unit = adjudicate.line_up(project, doc)[1]
    changes = adjudicate.combine(project, doc, claim_unit.key, "mona", "karim", by="reviewer")
    claim = changes.spans_added[0]
    assert TEXT[claim.start:claim.end] == "الخطة «ناجحة»"
    assert claim.attrs == {"stance": "NEUTRAL"}
    assert project.provenance(claim.id)["sources"] == ["karim", "mona"]


def test_edit_and_reject(project, doc):
    units = adjudicate.line_up(project, doc)
    adjudicate.reject(project, doc, units[2].key, by="reviewer", reason="not a speaker here")
    assert adjudicate.line_up(project, doc)[2].settled == "rejected"
    changes = adjudicate.edit(project, doc, units[1].key, *at("«ناجحة»"), "CLAIM", {"stance": "UNCLEAR"},
                              by="reviewer", reason="only the quote")
    assert project.provenance(changes.spans_added[0].id)["decision"] == "edited"
    adjudicate.undo(project, adjudicate.Changes(document=doc, units_rejected=(units[2].key,)))
    assert adjudicate.line_up(project, doc)[2].settled is None


def test_a_gold_link_by_hand_names_the_reviewer_and_undo_brings_back_the_one_it_replaced(project, doc):
    adjudicate.accept_agreed(project, doc, by="huda")
    units = adjudicate.line_up(project, doc)
    claim = adjudicate.edit(project, doc, units[1].key, *at("«ناجحة»"), "CLAIM", {}, by="huda").spans_added[0]
    union = adjudicate.pick(project, doc, units[2].key, "mona", by="huda").spans_added[0]
    assert project.relations(doc, GOLD_LAYER) == []  # an edited claim has no sources to take links from
    speaker = next(s for s in project.spans(doc, GOLD_LAYER) if TEXT[s.start:s.end] == "سامي العلي")
    first = adjudicate.GoldLink(project, "SAID_BY", claim.id, speaker.id, by="huda", reason="the minister")
    made = first.do()
    (link,) = project.relations(doc, GOLD_LAYER)
    assert (link.type, link.head, link.child) == ("SAID_BY", claim.id, speaker.id) and made.relations_added == (link,)
    origin = adjudicate.link_origin(project, link.id)
    assert (origin["decision"], origin["decided_by"], origin["reason"]) == ("edited", "huda", "the minister")
    second = adjudicate.GoldLink(project, "SAID_BY", claim.id, union.id, by="omar")
    changed = second.do()
    (relinked,) = project.relations(doc, GOLD_LAYER)
    assert relinked.child == union.id and changed.relations_removed == (link,)
    second.undo(changed)
    assert project.relations(doc, GOLD_LAYER) == [link]
    assert adjudicate.link_origin(project, link.id) == origin
    with pytest.raises(ValidationError):
        adjudicate.GoldLink(project, "SAID_BY", speaker.id, claim.id, by="huda").do()  # a speaker says no claim
    mona_claim = next(s for s in project.spans(doc, "mona") if s.label == "CLAIM")
    with pytest.raises(ValidationError, match="gold spans only"):
        adjudicate.GoldLink(project, "SAID_BY", mona_claim.id, speaker.id, by="huda").do()
    assert project.relations(doc, GOLD_LAYER) == [link] and not project.db.in_transaction


def test_a_refused_decision_changes_nothing(project, doc):
    only_mona = adjudicate.line_up(project, doc)[2]
    with pytest.raises(ValidationError, match="karim has 0 spans"):
        adjudicate.combine(project, doc, only_mona.key, "mona", "karim", by="r")
    with pytest.raises(ValidationError, match="no longer exists"):
        adjudicate.pick(project, doc, "no such unit", "mona", by="r")
    assert project.spans(doc, GOLD_LAYER) == []
    assert not project.db.in_transaction


def test_a_unit_with_hidden_bidi_controls_is_flagged(project):
    text = "قال المتحدث إن \u202eالعرض مرفوض\u202c بالكامل."
    import_documents(project, [DocumentInput(text=text, path="b.txt", id="b")])
    key = project.document_by_id("b").key
    start, end = text.index("\u202e"), text.index("\u202c") + 1
    for layer in ("mona", "karim"):
        project.add_span(key, layer, start, end, "CLAIM")
    (unit,) = adjudicate.line_up(project, key)
    assert unit.hidden_controls == 2
