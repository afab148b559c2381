"""Each annotator against gold (annotator.core.vs_gold) on small projects whose figures
were worked out by hand: exact against overlap, a stance that differs, a missing link,
two days of adjudication, and a schema of the project's own."""

from __future__ import annotations

import json

import pytest

from annotator.core import adjudicate
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.model import GOLD_LAYER
from annotator.core.schema import load_schema_file
from annotator.core.store import Project, records
from annotator.core.vs_gold import annotators_against_gold
from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA

# Written for these tests: two reported claims, one with a target; a second article; a third never adjudicated.
TEXT_1 = "قال الوزير سامي الحلو إن الخطة ستنجح. وأكدت النائبة ليلى أن الضرائب مرتفعة جدا."
TEXT_2 = "وصرح المتحدث باسم الشركة بأن الأرباح تضاعفت."
TEXT_3 = "ونفى المدير أن يكون المصنع قد أغلق."
DAY_1, DAY_2 = "2026-11-30T10:00:00.000+00:00", "2026-12-01T09:30:00.000+00:00"


def where(text, part):
    start = text.index(part)
    return start, start + len(part)


def claim(project, key, layer, text, words, stance, speaker=None, target=None):
    head = project.add_span(key, layer, *where(text, words), "CLAIM", {"stance": stance}).spans_added[0].id
    for relation, label, child in (("SAID_BY", "SPEAKER", speaker), ("ABOUT", "TARGET", target)):
        if child is not None:
            child_id = project.add_span(key, layer, *where(text, child), label).spans_added[0].id
            project.add_relation(relation, head, child_id)
    return head


def adjudicated_on(project, monkeypatch, key, at):
    monkeypatch.setattr(records, "now", lambda: at)
    adjudicate.set_adjudicated(project, key)
    monkeypatch.undo()


@pytest.fixture
def settled(make_location, monkeypatch):
    """mona on two adjudicated documents (day 1: a longer speaker, a stance and a link
    that differ, a target missed; day 2: as gold), karim as gold on the first, and mona's
    wrong claim on a third document whose gold is not adjudicated."""
    path = make_location()
    with Project.open(path) as project:
        import_documents(project, [DocumentInput(text=t, path="t", id=i)
                                   for t, i in ((TEXT_1, "d1"), (TEXT_2, "d2"), (TEXT_3, "d3"))])
        d1, d2, d3 = (project.document_by_id(i).key for i in ("d1", "d2", "d3"))
        for layer in (GOLD_LAYER, "karim"):
            claim(project, d1, layer, TEXT_1, "الخطة ستنجح", "FAVOR", speaker="سامي الحلو")
            claim(project, d1, layer, TEXT_1, "الضرائب مرتفعة جدا", "AGAINST", speaker="ليلى", target="الضرائب")
        claim(project, d1, "mona", TEXT_1, "الخطة ستنجح", "FAVOR", speaker="الوزير سامي الحلو")
        claim(project, d1, "mona", TEXT_1, "الضرائب مرتفعة جدا", "FAVOR")
        project.add_span(d1, "mona", *where(TEXT_1, "ليلى"), "SPEAKER")  # not tied to her claim
        for layer in (GOLD_LAYER, "mona"):
            claim(project, d2, layer, TEXT_2, "الأرباح تضاعفت", "AGAINST", speaker="المتحدث باسم الشركة")
        claim(project, d3, GOLD_LAYER, TEXT_3, "يكون المصنع قد أغلق", "NEUTRAL", speaker="المدير")
        claim(project, d3, "mona", TEXT_3, "المصنع", "FAVOR")
        adjudicated_on(project, monkeypatch, d1, DAY_1)
        adjudicated_on(project, monkeypatch, d2, DAY_2)
    return path


def test_an_annotator_is_measured_against_gold_on_the_adjudicated_documents_only(settled):
    with Project.open(settled) as project:
        result = annotators_against_gold(project)
    json.dumps(result, allow_nan=False)
    assert result["period"] == "day" and result["documents"] == 2
    mona = result["annotators"]["mona"]
    assert mona["documents"] == 2  # not the third: its gold is not adjudicated
    # SPEAKER: 3 each; "الوزير سامي الحلو" overlaps gold's "سامي الحلو" but is not exact.
    assert mona["per_label"]["SPEAKER"] == {"f1_exact": pytest.approx(4 / 6), "f1_overlap": 1.0,
                                            "spans": 3, "gold_spans": 3}
    assert mona["per_label"]["CLAIM"]["f1_exact"] == 1.0
    assert mona["per_label"]["TARGET"] == {"f1_exact": 0.0, "f1_overlap": 0.0, "spans": 0, "gold_spans": 1}
    # Pooled: exact 2 + 3 + 0, overlap 3 + 3 + 0, over 6 + 6 + 1 spans.
    assert mona["f1_exact"] == pytest.approx(10 / 13)
    assert mona["f1_overlap"] == pytest.approx(12 / 13)
    # Stance on the three matched claims: FAVOR/FAVOR, FAVOR/AGAINST, AGAINST/AGAINST.
    # Observed 2/3, chance (2*1 + 1*2)/9: kappa (2/3 - 4/9) / (1 - 4/9) = 0.4.
    assert mona["attributes"]["CLAIM.stance"] == pytest.approx(0.4)
    # SAID_BY: gold has 3 links, mona 2, both ends alike on 2 (her longer speaker overlaps).
    said_by = mona["relations"]["SAID_BY"]
    assert (said_by["f1"], said_by["links"], said_by["gold_links"]) == (pytest.approx(0.8), 2, 3)
    assert (said_by["agreement"], said_by["compared"]) == (pytest.approx(2 / 3), 3)
    assert mona["relations"]["ABOUT"] == {
        "f1": 0.0, "links": 0, "gold_links": 1, "agreement": pytest.approx(2 / 3), "compared": 3}
    karim = result["annotators"]["karim"]
    assert (karim["documents"], karim["f1_exact"], karim["attributes"]["CLAIM.stance"]) == (1, 1.0, 1.0)
    assert karim["relations"]["SAID_BY"]["f1"] == 1.0


def test_each_day_of_adjudication_has_its_own_figures_per_label(settled):
    with Project.open(settled) as project:
        over_time = annotators_against_gold(project)["annotators"]["mona"]["over_time"]
    assert [(p["period"], p["documents"]) for p in over_time] == [("2026-11-30", 1), ("2026-12-01", 1)]
    first, second = over_time
    assert first["per_label"]["SPEAKER"]["f1_exact"] == 0.5 and second["per_label"]["SPEAKER"]["f1_exact"] == 1.0
    assert first["per_label"]["TARGET"]["f1_exact"] == 0.0
    assert second["per_label"]["TARGET"]["f1_exact"] is None  # neither has a target that day
    assert first["relations"]["SAID_BY"]["f1"] == pytest.approx(2 / 3)  # 1 of mona's 1 and gold's 2
    assert second["relations"]["SAID_BY"]["f1"] == 1.0
    assert first["attributes"]["CLAIM.stance"] == 0.0  # FAVOR/FAVOR, FAVOR/AGAINST
    assert second["attributes"]["CLAIM.stance"] is None  # one value on both sides: undefined


def test_weeks_are_the_periods_when_asked_and_the_time_is_the_last_marking(settled, monkeypatch):
    with Project.open(settled) as project:
        d2 = project.document_by_id("d2").key
        adjudicate.set_adjudicated(project, d2, done=False)  # reopened, then adjudicated again later
        adjudicated_on(project, monkeypatch, d2, "2026-12-08T08:00:00.000+00:00")
        result = annotators_against_gold(project, period="week")
    assert result["period"] == "week"
    assert [p["period"] for p in result["annotators"]["mona"]["over_time"]] == ["2026-W49", "2026-W50"]


def test_a_schema_of_its_own_is_compared_against_gold(make_location, monkeypatch):
    with Project.open(make_location(load_schema_file(QUOTES_SCHEMA))) as project:
        import_documents(project, [DocumentInput(text=QUOTE_TEXT, path="t", id="q1")])
        for layer, tone, person in ((GOLD_LAYER, "CALM", "رئيس البلدية"), ("ali", "ANGRY", "أحد السكان")):
            quote = project.add_span(1, layer, *where(QUOTE_TEXT, "الطرق ستُصلح قريباً"), "QUOTE",
                                     {"tone": tone}).spans_added[0]
            said = project.add_span(1, layer, *where(QUOTE_TEXT, person), "PERSON").spans_added[0]
            project.add_relation("SAYS", quote.id, said.id)
        adjudicated_on(project, monkeypatch, 1, DAY_1)
        ali = annotators_against_gold(project)["annotators"]["ali"]
    assert ali["per_label"]["QUOTE"]["f1_exact"] == 1.0 and ali["per_label"]["PERSON"]["f1_overlap"] == 0.0
    assert set(ali["attributes"]) == {"QUOTE.tone"} and ali["attributes"]["QUOTE.tone"] == 0.0
    assert ali["relations"]["SAYS"]["f1"] == 0.0  # the quote's person is another one
    assert [p["period"] for p in ali["over_time"]] == ["2026-11-30"]


def test_nothing_adjudicated_yet_gives_no_documents(project):
    import_documents(project, [DocumentInput(text=TEXT_2, path="t", id="d2")])
    claim(project, 1, "mona", TEXT_2, "الأرباح تضاعفت", "FAVOR")
    result = annotators_against_gold(project)
    assert result["documents"] == 0
    assert result["annotators"]["mona"]["documents"] == 0 and result["annotators"]["mona"]["over_time"] == []
    assert result["annotators"]["mona"]["f1_exact"] is None


def test_gold_imported_as_adjudicated_counts_from_its_import(project):
    from annotator.core.ingest import LayerInput, SpanInput

    gold = LayerInput(GOLD_LAYER, "done", (SpanInput(1, *where(TEXT_2, "الأرباح تضاعفت"), "CLAIM",
                                                     {"stance": "AGAINST"}),))
    before = records.now()[:10]
    import_documents(project, [DocumentInput(text=TEXT_2, path="t", id="d2", layer=gold)])
    after = records.now()[:10]
    claim(project, 1, "mona", TEXT_2, "الأرباح تضاعفت", "FAVOR")
    mona = annotators_against_gold(project)["annotators"]["mona"]
    (point,) = mona["over_time"]
    assert point["period"] in (before, after) and point["documents"] == 1  # no reviewer marked it: its import's day
    assert mona["per_label"]["CLAIM"]["f1_exact"] == 1.0


def test_agreement_and_vs_gold_from_one_read_are_what_each_gives_alone(settled):
    """annotator agreement reads the layers and gold once for both; documents only one
    annotator and gold touched (d2, d3) stay out of the annotators' agreement."""
    from annotator.core.agreement import project_agreement
    from annotator.core.vs_gold import agreement_with_vs_gold

    with Project.open(settled) as project:
        alone = {**project_agreement(project), "vs_gold": annotators_against_gold(project)}
        together = agreement_with_vs_gold(project)
    assert [d["id"] for d in together["documents"]] == ["d1"]
    assert json.dumps(together, sort_keys=True) == json.dumps(alone, sort_keys=True)
