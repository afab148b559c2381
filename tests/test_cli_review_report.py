"""``annotator review-report``: the review decisions by category with examples, the
guideline gaps first, as text and as JSON; decisions made by ``review --accept-agreed``
carry no category and no time."""

import json

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from tests.core.test_decision_reasons import decide_each_category, disagreeing_document

AGREED = "وقالت الوزيرة إن المشروع اكتمل."  # written for these tests


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def decided(project_path):
    with Project.open(project_path) as project:
        decide_each_category(project, disagreeing_document(project))
        import_documents(project, [DocumentInput(text=AGREED, path="a.txt", id="agreed")])
        key = project.document_by_id("agreed").key
        for layer in ("mona", "karim"):
            project.add_span(key, layer, 0, 5, "CLAIM", {"stance": "FAVOR"})
    result = run("review", project_path, "--accept-agreed", "--reviewer", "lead")
    assert result.exit_code == 0, result.output
    return project_path


def test_the_text_report_lists_guideline_gaps_first_then_each_category(decided):
    result = run("review-report", decided)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("review decisions: 5 (1 agreed units accepted without a decision of their own are "
                        "not listed)")
    assert lines[1] == ("by category: annotator error 1, ambiguous text 1, guideline gap 1, schema gap 1, "
                        "not given 1")
    assert lines[2] == "guidelines need updating: 2"
    titles = [line for line in lines if line and not line.startswith(" ")][3:]
    assert titles == ["Guideline gaps (category guideline gap, or guidelines need updating): 2",
                      "Annotator error: 1", "Ambiguous text: 1", "Schema gap: 1"]
    gaps = lines[lines.index(titles[0]) + 1: lines.index(titles[1]) - 1]
    assert gaps[0].startswith("  t  «المحلل»  picked CLAIM  versions: mona  guidelines need updating  by lead")
    assert gaps[1].startswith("  t  «النقابة»  rejected  versions: karim, mona  guideline gap; guidelines need "
                              "updating  reason: not a claim at all  by lead")
    assert gaps[1].endswith("took 12.0 s")
    ambiguous = lines[lines.index("Ambiguous text: 1") + 1]
    assert "«الخطة ناجحة»  picked CLAIM  versions: karim  ambiguous text" in ambiguous


def test_the_json_report_holds_the_same(decided):
    result = run("review-report", decided, "--json", "--examples", "1")
    found = json.loads(result.output)
    assert found["counts"] == {"annotator_error": 1, "ambiguous_text": 1, "guideline_gap": 1, "schema_gap": 1,
                               "not_given": 1}  # the flag alone: in the guideline gaps, with no category
    assert found["accepted_agreed"] == 1 and found["guidelines_need_update"] == 2
    assert [(g["group"], g["count"], len(g["examples"])) for g in found["groups"]] == [
        ("guideline_gaps", 2, 1), ("annotator_error", 1, 1), ("ambiguous_text", 1, 1), ("schema_gap", 1, 1),
        ("not_given", 0, 0)]
    (example,) = found["groups"][0]["examples"]
    assert {k: example[k] for k in ("document", "text", "decision", "versions", "category",
                                    "guidelines_need_update", "decision_ms")} == {
        "document": "t", "text": "المحلل", "decision": "picked", "versions": ["mona"], "category": None,
        "guidelines_need_update": True, "decision_ms": 3000}


def test_a_file_that_is_not_a_project_is_one_line(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(cli, ["review-report", str(bad)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_a_second_schema_reports_its_own_labels(tmp_path):
    from annotator.core import adjudicate
    from annotator.core.decision_reasons import Why, decided_with
    from annotator.core.schema import load_schema_file
    from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA

    path = tmp_path / "quotes.sqlite"
    words = "الطرق ستُصلح قريباً"
    start = QUOTE_TEXT.index(words)
    with Project.create(path, load_schema_file(QUOTES_SCHEMA)) as project:
        import_documents(project, [DocumentInput(text=QUOTE_TEXT, path="q.txt", id="q1")])
        key = project.document_by_id("q1").key
        for layer, tone in (("mona", "CALM"), ("karim", "ANGRY")):
            project.add_span(key, layer, start, start + len(words), "QUOTE", {"tone": tone})
        (unit,) = adjudicate.line_up(project, key)
        decided_with(project, Why("schema_gap", decision_ms=700),
                     lambda: adjudicate.pick(project, key, unit.key, "karim", "lead", "no tone for a promise"))
    found = json.loads(run("review-report", path, "--json").output)
    (example,) = next(g for g in found["groups"] if g["group"] == "schema_gap")["examples"]
    assert (example["text"], example["label"], example["versions"], example["reason"]) == (
        words, "QUOTE", ["karim"], "no tone for a promise")
    assert "«الطرق ستُصلح قريباً»  picked QUOTE  versions: karim  schema gap" in run("review-report", path).output
