"""``annotator agreement``'s annotators against gold: under ``vs_gold`` in the JSON, and
as a table, on the hand-made project of tests/core/test_vs_gold.py and on a schema of
the project's own."""

from __future__ import annotations

import json

import pytest

from tests.core.test_vs_gold import settled  # noqa: F401 (the fixture)
from tests.test_cli import run


def test_agreement_json_holds_each_annotator_against_gold(settled):  # noqa: F811
    result = run("agreement", settled, "--json")
    assert result.exit_code == 0, result.output
    vs_gold = json.loads(result.output)["vs_gold"]
    assert (vs_gold["period"], vs_gold["documents"]) == ("day", 2)
    mona = vs_gold["annotators"]["mona"]
    assert mona["per_label"]["SPEAKER"]["f1_exact"] == pytest.approx(4 / 6)
    assert mona["per_label"]["SPEAKER"]["f1_overlap"] == 1.0
    assert mona["attributes"]["CLAIM.stance"] == pytest.approx(0.4)
    assert mona["relations"]["SAID_BY"]["f1"] == pytest.approx(0.8)
    assert [(p["period"], p["per_label"]["SPEAKER"]["f1_exact"]) for p in mona["over_time"]] == [
        ("2026-11-30", 0.5), ("2026-12-01", 1.0)]


def test_agreement_table_shows_each_annotator_against_gold_per_label_and_day(settled):  # noqa: F811
    result = run("agreement", settled)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "against gold: 2 adjudicated document(s), per day of adjudication" in lines
    mona = next(line for line in lines if line.startswith("mona: "))
    assert "F1 exact 0.769" in mona and "CLAIM.stance kappa 0.400" in mona and "SAID_BY F1 0.800" in mona
    speaker = lines[lines.index(mona) + 2].split()
    assert speaker == ["SPEAKER", "0.667", "1.000", "3", "3"]
    day_1 = next(line for line in lines[lines.index(mona):] if line.strip().startswith("2026-11-30"))
    assert day_1.split()[1:4] == ["0.50/1.00", "1.00/1.00", "0.00/0.00"]


def test_a_schema_of_its_own_against_gold_from_the_command_line(tmp_path):
    from annotator.core import adjudicate
    from annotator.core.ingest import DocumentInput, import_documents
    from annotator.core.schema import load_schema_file
    from annotator.core.store import Project
    from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA
    from tests.core.test_vs_gold import where

    path = tmp_path / "q.sqlite"
    with Project.create(path, load_schema_file(QUOTES_SCHEMA)) as project:
        import_documents(project, [DocumentInput(text=QUOTE_TEXT, path="t", id="q1")])
        for layer, tone in (("gold", "CALM"), ("ali", "CALM")):
            project.add_span(1, layer, *where(QUOTE_TEXT, "الطرق ستُصلح قريباً"), "QUOTE", {"tone": tone})
        adjudicate.set_adjudicated(project, 1)
    ali = json.loads(run("agreement", path, "--json").output)["vs_gold"]["annotators"]["ali"]
    assert ali["per_label"]["QUOTE"]["f1_exact"] == 1.0 and ali["per_label"]["PERSON"]["f1_exact"] is None
    assert set(ali["attributes"]) == {"QUOTE.tone"} and set(ali["relations"]) == {"SAYS"}
    assert "QUOTE" in run("agreement", path).output.split("against gold")[1]


def test_no_adjudicated_document_is_said_in_one_line(tmp_path):
    from annotator.demo import ensure_demo_project

    demo = ensure_demo_project(tmp_path / "demo.sqlite")
    assert run("agreement", demo).output.splitlines()[-1] == "against gold: no document is adjudicated yet"
