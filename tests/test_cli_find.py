"""``annotator find PROJECT QUERY``: the hits as lines and as JSON, a limit that says more
follow, and a query that cannot run answered with what is wrong and what exists."""

import json

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from tests.core.test_find import OTHER, TEXT, claim_with_links


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def corpus(project_path):
    with Project.open(project_path) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="a.txt", id="a", title="خبر أ"),
                                   DocumentInput(text=OTHER, path="b.txt", id="b", title="خبر ب")])
        claim_with_links(project, project.document_by_id("a").key, "mona", TEXT, "لن ينجح", "AGAINST",
                         "أمجد البرقاوي", "أمجد البرقاوي", "مَسارَ جنيـف")
        claim_with_links(project, project.document_by_id("b").key, "sami", OTHER, "الخطة الجديدة ستنجح",
                         "AGAINST", "المتحدث", "متحدث الحكومة", "مسار المفاوضات")
    return project_path


def test_the_example_of_the_issue_lists_the_claim_in_its_context(corpus):
    result = run("find", corpus, 'label:CLAIM stance:AGAINST about:"مسار جنيف" layer:mona')
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "a  mona  CLAIM  42-49  الوزيرُ أمجد البرقاوي إن مَسارَ جنيـف [لن ينجح]، وأكّدت النقابة أن الإضراب مستمر.",
        "1 hit"]


def test_json_holds_each_hit_with_its_offsets(corpus):
    found = json.loads(run("find", corpus, "stance:AGAINST", "--json").output)
    assert [(h["document"], h["layer"], h["words"]) for h in found["hits"]] == [
        ("a", "mona", "لن ينجح"), ("b", "sami", "الخطة الجديدة ستنجح")]
    assert found["more"] is False and found["hits"][0]["title"] == "خبر أ"
    hit = found["hits"][1]
    assert OTHER[hit["start"]:hit["end"]] == hit["words"]


def test_a_limit_says_that_more_follow(corpus):
    result = run("find", corpus, "label:SPEAKER", "--limit", "1")
    assert result.output.splitlines()[-1] == "1 hit; more follow: raise --limit to see them"
    assert json.loads(run("find", corpus, "label:SPEAKER", "--limit", "1", "--json").output)["more"] is True


def test_documents_found_by_disagreement_are_listed_by_title(corpus):
    with Project.open(corpus) as project:
        project.add_span(project.document_by_id("b").key, "mona", 0, 4, "CLAIM")
    assert run("find", corpus, "disagree:CLAIM").output.splitlines() == ["b  خبر ب", "1 hit"]


def test_a_query_that_cannot_run_says_why_without_a_traceback(corpus):
    result = run("find", corpus, "layer:karim")
    assert result.exit_code == 1
    assert result.output == "annotator: unknown layer 'karim'; layers: mona, sami\n"
    result = run("find", corpus, 'about:"مسار')
    assert result.exit_code == 1 and "is not closed" in result.output and "Traceback" not in result.output


def test_a_schema_of_our_own_is_searched_by_its_own_fields(tmp_path):
    from tests.test_second_schema import layer_record
    from tests.conftest import QUOTES_SCHEMA

    project = tmp_path / "quotes.sqlite"
    assert run("init", project, "--schema", QUOTES_SCHEMA).exit_code == 0
    for record in (layer_record("ali", "CALM", "رئيس البلدية"), layer_record("bea", "ANGRY", "أحد السكان")):
        source = tmp_path / f"{record['layer']}.jsonl"
        source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        assert run("import", project, source).exit_code == 0
    lines = run("find", project, 'says:"رئيس البلديه" tone:calm').output.splitlines()
    assert lines[1:] == ["1 hit"] and lines[0].startswith("q1  ali  QUOTE  ")
    assert "[الطرق ستُصلح قريباً]" in lines[0]
    result = run("find", project, "stance:AGAINST")
    assert result.output == ("annotator: unknown field stance:; fields: label:, layer:, doc:, has:, disagree:, tone:, "
                             "says:\n")
