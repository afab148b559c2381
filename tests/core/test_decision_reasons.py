"""Reasons for review decisions: a category, the guidelines flag and the time taken are
stored with the decision, undone with it, read back from the file, and read as not given
on decisions an older project file holds."""

import pytest

from annotator.core import adjudicate
from annotator.core.decision_reasons import Why, decided_with, quick_decisions, report, why_of
from annotator.core.errors import ValidationError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from tests.conftest import older_project

# Written for these tests.
TEXT = "قال الوزير سامي العلي إن الخطة ناجحة، وأكدت النقابة أن الأجور منخفضة، ورأى المحلل أن الوضع صعب."
PHRASES = ("سامي العلي", "الخطة ناجحة", "النقابة", "الأجور منخفضة", "المحلل")


def at(phrase):
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def disagreeing_document(project, doc_id="t"):
    """Two annotators who label every phrase differently: one open unit per phrase."""
    import_documents(project, [DocumentInput(text=TEXT, path=f"{doc_id}.txt", id=doc_id)])
    key = project.document_by_id(doc_id).key
    for phrase in PHRASES:
        project.add_span(key, "mona", *at(phrase), "CLAIM", {"stance": "FAVOR"})
        project.add_span(key, "karim", *at(phrase), "CLAIM", {"stance": "AGAINST"})
    return key


def unit_of(project, key, phrase):
    return next(u for u in adjudicate.line_up(project, key) if (u.start, u.end) == at(phrase))


def decide_each_category(project, key):
    """One decision of each category, one with the flag alone, one with nothing given."""
    def pick(phrase, why, layer="mona"):
        unit = unit_of(project, key, phrase)
        return decided_with(project, why, lambda: adjudicate.pick(project, key, unit.key, layer, "lead"))

    pick("سامي العلي", Why("annotator_error", decision_ms=5200))
    pick("الخطة ناجحة", Why("ambiguous_text", decision_ms=900), layer="karim")
    unit = unit_of(project, key, "النقابة")
    decided_with(project, Why("guideline_gap", True, 12000),
                 lambda: adjudicate.reject(project, key, unit.key, "lead", "not a claim at all"))
    pick("الأجور منخفضة", Why("schema_gap", decision_ms=1500))
    pick("المحلل", Why(None, True, 3000))


def test_the_reasons_are_stored_with_the_decision_and_read_back_from_the_file(project_location):
    with Project.open(project_location) as project:
        key = disagreeing_document(project)
        unit = unit_of(project, key, "الخطة ناجحة")
        changes = decided_with(project, Why("guideline_gap", True, 1234),
                               lambda: adjudicate.pick(project, key, unit.key, "mona", "lead", "which stance?"))
        gold = changes.spans_added[0].id
        rejected = unit_of(project, key, "النقابة").key
        decided_with(project, Why("annotator_error", False, 800),
                     lambda: adjudicate.reject(project, key, rejected, "lead"))
    with Project.open(project_location) as project:
        assert why_of(project, span=gold) == {"category": "guideline_gap", "guidelines_need_update": True,
                                              "decision_ms": 1234}
        assert project.provenance(gold)["reason"] == "which stance?"
        assert why_of(project, document=key, unit=rejected) == {
            "category": "annotator_error", "guidelines_need_update": False, "decision_ms": 800}


def test_undo_takes_the_reasons_with_the_decision(project):
    key = disagreeing_document(project)
    unit = unit_of(project, key, "الخطة ناجحة")
    picked = decided_with(project, Why("schema_gap", True, 3000),
                          lambda: adjudicate.pick(project, key, unit.key, "mona", "lead"))
    rejected_key = unit_of(project, key, "النقابة").key
    rejected = decided_with(project, Why("ambiguous_text"), lambda: adjudicate.reject(project, key, rejected_key, "lead"))
    adjudicate.undo(project, picked)
    adjudicate.undo(project, rejected)
    assert report(project)["decisions"] == 0
    again = adjudicate.pick(project, key, unit.key, "karim", "lead")  # decided again, without a reason
    assert why_of(project, span=again.spans_added[0].id)["category"] is None
    assert why_of(project, document=key, unit=rejected_key) is None


def test_a_failed_decision_stores_no_reason(project):
    key = disagreeing_document(project)
    unit = unit_of(project, key, "الخطة ناجحة")
    adjudicate.pick(project, key, unit.key, "mona", "lead")
    with pytest.raises(ValidationError, match="already settled"):
        decided_with(project, Why("annotator_error"), lambda: adjudicate.pick(project, key, unit.key, "karim", "lead"))
    assert report(project)["counts"]["annotator_error"] == 0
    with pytest.raises(ValidationError, match="unknown decision category"):
        Why("typo")


def test_the_report_counts_each_category_and_lists_guideline_gaps_first(project):
    key = disagreeing_document(project)
    decide_each_category(project, key)
    found = report(project)
    assert found["decisions"] == 5
    assert found["counts"] == {"annotator_error": 1, "ambiguous_text": 1, "guideline_gap": 1, "schema_gap": 1,
                               "not_given": 1}
    assert [g["group"] for g in found["groups"]][0] == "guideline_gaps"
    gaps = found["groups"][0]
    assert gaps["count"] == 2
    assert {e["text"] for e in gaps["examples"]} == {"النقابة", "المحلل"}
    rejected = next(e for e in gaps["examples"] if e["decision"] == "rejected")
    assert rejected["versions"] == ["karim", "mona"] and rejected["reason"] == "not a claim at all"
    assert [e["decision_ms"] for e in quick_decisions(project)] == [900, 1500]


def test_an_older_project_reads_its_decisions_as_not_given(tmp_path):
    from annotator.core.store.migrations import LATEST_VERSION

    old = older_project(tmp_path / "old.sqlite", "0007_decision_reasons", documents=[(1, "d", TEXT)], rows=[
        ("INSERT INTO layers (id, name, kind) VALUES (1, 'gold', 'gold')", []),
        ("""INSERT INTO spans (id, document, layer, start, "end", label, attrs)
            VALUES (1, 1, 1, ?, ?, 'SPEAKER', '{}')""", at("سامي العلي")),
        ("""INSERT INTO provenance (span, decision, sources, decided_by, decided_at, reason)
            VALUES (1, 'picked', '["mona"]', 'lead', '2026-01-02', 'older')""", []),
        ("""INSERT INTO rejections (document, unit, decided_by, decided_at)
            VALUES (1, 'mona:0-3:CLAIM|karim:0-3:CLAIM', 'lead', '2026-01-03')""", [])])
    with Project.open(old) as project:
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        not_given = {"category": None, "guidelines_need_update": None, "decision_ms": None}
        assert why_of(project, span=1) == not_given
        assert why_of(project, document=1, unit="mona:0-3:CLAIM|karim:0-3:CLAIM") == not_given
        found = report(project)
        assert found["counts"]["not_given"] == 2 and found["guidelines_need_update"] == 0
        assert found["groups"][-1]["examples"][1]["text"] == "سامي العلي"
        assert quick_decisions(project) == []
