"""A schema of the project's own through the command line (issue 17): init with it, import
two annotators' layers, agreement on its attribute and relation, and every export format
out and back in, each carrying what its format can (docs/formats.md says what it cannot),
and a release of the gold settled from them, its card counting the tones."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core import adjudicate
from annotator.core.store import Project
from annotator.formats.registry import EXPORT_FORMATS
from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA

NO_ATTRIBUTES = {"doccano", "conll"}  # their span records have no place for an attribute
NO_RELATIONS = {"conll"}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def where(words: str) -> tuple[int, int]:
    start = QUOTE_TEXT.index(words)
    return start, start + len(words)


def layer_record(layer: str, tone: str, person: str) -> dict:
    quote, speaker = where("الطرق ستُصلح قريباً"), where(person)
    return {"id": "q1", "text": QUOTE_TEXT, "layer": layer,
            "spans": [{"id": 1, "start": quote[0], "end": quote[1], "label": "QUOTE", "attrs": {"tone": tone}},
                      {"id": 2, "start": speaker[0], "end": speaker[1], "label": "PERSON"}],
            "relations": [{"type": "SAYS", "head": 1, "child": 2}]}


@pytest.fixture
def quotes(tmp_path):
    schema = QUOTES_SCHEMA
    project = tmp_path / "quotes.sqlite"
    assert run("init", project, "--schema", schema).exit_code == 0
    for record in (layer_record("ali", "CALM", "رئيس البلدية"), layer_record("bea", "ANGRY", "أحد السكان")):
        source = tmp_path / f"{record['layer']}.jsonl"
        source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        assert run("import", project, source).exit_code == 0
    return project, schema


def held(project_path) -> dict:
    """Each layer's spans (label, offsets, attributes) and links, as the file holds them."""
    with Project.open(project_path) as project:
        return {layer: (sorted((s.label, s.start, s.end, tuple(sorted(s.attrs.items())))
                               for s in project.spans(1, layer)),
                        sorted(r.type for r in project.relations(1, layer)))
                for layer in ("ali", "bea")}


def test_agreement_compares_its_own_attribute_and_relation(quotes):
    project, _ = quotes
    figures = json.loads(run("agreement", project, "--json").output)
    assert figures["attributes"] == {"QUOTE.tone": {"kappa": 0.0, "alpha": 0.0}}
    assert figures["relations"] == {"SAYS": {"agreement": 0.0, "compared": 1}}
    assert figures["documents"][0]["disagreements"] == 4


@pytest.mark.parametrize("format_", EXPORT_FORMATS)
def test_every_format_takes_its_labels_out_and_back(quotes, tmp_path, format_):
    project, schema = quotes
    out = tmp_path / ("out" if format_ == "brat" else f"out.{'spacy' if format_ == 'spacy' else 'json'}")
    exported = run("export", project, "--format", format_, "-o", out)
    assert exported.exit_code == 0, exported.output
    again = tmp_path / "again.sqlite"
    assert run("init", again, "--schema", schema).exit_code == 0
    imported = run("import", again, out)
    assert imported.exit_code == 0, imported.output

    before, after = held(project), held(again)
    for layer in ("ali", "bea"):
        spans, links = before[layer]
        if format_ in NO_ATTRIBUTES:
            spans = [(label, start, end, ()) for label, start, end, _ in spans]
        assert after[layer][0] == spans, format_
        assert after[layer][1] == ([] if format_ in NO_RELATIONS else links), format_


def settle_with_bea(project_path) -> None:
    """The reviewer takes bea's person and bea's angry quote, and calls the document adjudicated."""
    with Project.open(project_path) as project:
        theirs = [u for u in adjudicate.line_up(project, 1) if "bea" in (v.layer for v in u.versions)]
        for unit in sorted(theirs, key=lambda u: u.versions[-1].span.label != "PERSON"):  # the person first
            adjudicate.pick(project, 1, unit.key, "bea", by="huda")
        adjudicate.set_adjudicated(project, 1)


def test_a_release_card_counts_the_tones_of_each_split(quotes, tmp_path):
    project, _ = quotes
    settle_with_bea(project)
    released = run("export", project, "--release", tmp_path / "rel", "--layer", "gold", "--split", "everything=1")
    assert released.exit_code == 0, released.output
    card = (tmp_path / "rel" / "README.md").read_text(encoding="utf-8")
    assert "| split | documents | PERSON | QUOTE | SAYS |\n" in card and "| everything | 1 | 1 | 1 | 1 |" in card
    assert "Tone of the QUOTE spans (`QUOTE.tone`) per split (`(none)`: no tone given):" in card
    assert "| split | CALM | ANGRY |\n| --- | --- | --- |\n| everything | 0 | 1 |" in card
    assert "stance" not in card.lower()
