"""``annotator speakers`` (issue 21, item 7): the entities with their mentions, as text
and JSON; merge, rename and undo from the command line; what it refuses, in one line,
changing nothing."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core import speakers
from annotator.core.store import Project
from tests.conftest import QUOTES_SCHEMA, file_state
from tests.core.test_speakers import AMJAD, AMJAD_BARE, SAMI, build_corpus


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "speakers.sqlite"
    build_corpus(path)
    return path


def names(path) -> dict[str, int]:
    with Project.open(path, read_only=True) as project:
        return {speaker.name: speaker.count for speaker in speakers.registry(project)}


def test_the_entities_are_listed_with_their_mentions_documents_layers_and_words(corpus):
    result = run("speakers", corpus)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "entities: 3, mentions: 7"
    assert lines[2].endswith(f"«{SAMI}»: 3 mention(s) in 1 document(s), layers gold 1, karim 1, mona 1; "
                             f"words: {SAMI} (2), العلي (1)")
    found = json.loads(run("speakers", corpus, "--json").output)["entities"]
    assert [(e["name"], e["mentions"], e["documents"]) for e in found] == [
        (AMJAD, 3, ["a"]), (SAMI, 3, ["b"]), ("Barqawi", 1, ["b"])]
    assert found[0]["variants"] == [[AMJAD, 3]]


def test_merge_rename_and_undo(corpus):
    merged = run("speakers", corpus, "--merge", AMJAD_BARE, "Barqawi")
    assert merged.exit_code == 0, merged.output
    assert merged.output.splitlines() == [f"merged «Barqawi» into «{AMJAD}»: 1 mention(s) in 1 document(s)",
                                          f"to undo it: annotator speakers {corpus} --undo"]
    assert names(corpus) == {AMJAD: 4, SAMI: 3}
    renamed = run("speakers", corpus, "--rename", SAMI, "Sami al-Ali")
    assert renamed.output.startswith(f"renamed «{SAMI}» to «Sami al-Ali»: 3 mention(s) in 1 document(s)")
    assert names(corpus) == {AMJAD: 4, "Sami al-Ali": 3}
    assert run("speakers", corpus, "--undo").output.startswith(f"undid the rename of «{SAMI}» into «Sami al-Ali»")
    assert run("speakers", corpus, "--undo").output.startswith(f"undid the merge of «Barqawi» into «{AMJAD}»")
    assert names(corpus) == {AMJAD: 3, SAMI: 3, "Barqawi": 1}


@pytest.mark.parametrize(("args", "message"), [
    (("--merge", AMJAD, AMJAD_BARE), "are one entity already"),
    (("--rename", SAMI, " "), "an entity's name cannot be empty"),
    (("--rename", "Barqawi", AMJAD_BARE),
     f"merge «Barqawi» into it instead of renaming: annotator speakers {{path}} --merge '{AMJAD}' Barqawi"),
    (("--rename", "Nobody", "X"), "no entity is named «Nobody»"),
    (("--undo",), "has no merge or rename of an entity left to undo"),
    (("--undo", "--merge", AMJAD, SAMI), "go one at a time"),
])
def test_what_makes_no_sense_is_one_line_and_changes_nothing(corpus, args, message):
    before = file_state(corpus)
    result = run("speakers", corpus, *args)
    assert result.exit_code != 0
    assert message.format(path=corpus) in result.output
    assert "Traceback" not in result.output
    assert file_state(corpus) == before


def test_a_schema_whose_labels_have_no_free_text_attribute_names_no_entity(tmp_path):
    path = tmp_path / "quotes.sqlite"
    assert run("init", path, "--schema", QUOTES_SCHEMA).exit_code == 0
    assert run("speakers", path).output.splitlines() == ["entities: 0, mentions: 0"]
    refused = run("speakers", path, "--rename", "someone", "X")
    assert refused.exit_code != 0 and "no entity is named «someone»" in refused.output
