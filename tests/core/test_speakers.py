"""The speaker registry on real project files: every entity with its mentions across
documents and layers, spellings folded as the entity box folds them; merge and rename as
one transaction over every layer, their undo, and what they refuse."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from annotator.core import speakers
from annotator.core.errors import AnnotatorError, ValidationError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import Attribute, load_schema_file
from annotator.core.store import Project
from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA

# Written for these tests (docs/guidelines: every mention its own span, one entity name).
FIRST = "قال أمجد البرقاوي إن الاجتماع انتهى، وأكد امجد البرقاوي أن الوفد غادر."
SECOND = "وقال الوزير سامي العلي إن الخطة ناجحة، وأضاف العلي أن البرقاوي وافق عليها."
AMJAD, AMJAD_BARE, SAMI = "أمجد البرقاوي", "امجد البرقاوي", "سامي العلي"


def mark(project: Project, doc: str, layer: str, words: str, entity: str | None, nth: int = 0) -> int:
    """A SPEAKER on the ``nth`` occurrence of ``words`` in document ``doc``, named ``entity``."""
    document = project.document_by_id(doc)
    start = -1
    for _ in range(nth + 1):
        start = document.text.index(words, start + 1)
    attrs = {"entity": entity} if entity else {}
    return project.add_span(document.key, layer, start, start + len(words), "SPEAKER", attrs).spans_added[0].id


def build_corpus(path) -> None:
    """Two articles, two annotators and gold; Amjad named in two spellings and once
    as "Barqawi", Sami in both articles' layers."""
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=FIRST, path="a.txt", id="a"),
                                   DocumentInput(text=SECOND, path="b.txt", id="b")])
        mark(project, "a", "mona", AMJAD, AMJAD)
        mark(project, "a", "mona", AMJAD_BARE, AMJAD_BARE)
        mark(project, "a", "karim", AMJAD, "أمجد  البرقاوي")  # two spaces: the same entity
        mark(project, "b", "mona", "البرقاوي", "Barqawi")
        mark(project, "b", "mona", SAMI, SAMI)
        mark(project, "b", "karim", "العلي", SAMI, nth=1)
        mark(project, "b", "gold", SAMI, SAMI)
        mark(project, "b", "karim", "الوزير", None)  # no entity: not a mention of one
        mark(project, "b", "mona", "الوزير", "ـ")  # a tatweel alone names no one


@pytest.fixture(params=["file", "server"])
def empty_location(request, tmp_path):
    """Where a new project is made: a file, then an empty database on the test server."""
    return tmp_path / "speakers.sqlite" if request.param == "file" else request.getfixturevalue("server_url")


@pytest.fixture
def corpus(empty_location):
    path = empty_location
    build_corpus(path)
    with Project.open(path) as project:
        yield project


def by_name(project: Project) -> dict[str, speakers.Speaker]:
    return {speaker.name: speaker for speaker in speakers.registry(project)}


def entity_values(project: Project) -> list[tuple[str, str, str]]:
    """(document, layer, entity) of every SPEAKER, as the file holds them."""
    return sorted((document.id, layer, span.attrs.get("entity", ""))
                  for document in project.documents() for layer in project.layers_of(document.key)
                  for span in project.spans(document.key, layer))


def test_the_registry_folds_spellings_and_counts_mentions_documents_and_layers(corpus):
    found = by_name(corpus)
    assert list(found) == [AMJAD, SAMI, "Barqawi"]
    amjad, sami = found[AMJAD], found[SAMI]
    assert (amjad.count, amjad.documents, amjad.layers) == (3, ("a",), {"karim": 1, "mona": 2})
    assert dict(amjad.names) == {AMJAD: 1, AMJAD_BARE: 1, "أمجد  البرقاوي": 1}
    assert amjad.variants == ((AMJAD, 3),)  # the words, folded: أمجد and امجد are one
    assert (sami.count, sami.documents, sami.layers) == (3, ("b",), {"gold": 1, "karim": 1, "mona": 1})
    assert dict(sami.variants) == {SAMI: 2, "العلي": 1}
    assert [(m.words, m.document_id, m.layer) for m in speakers.mentions_of(corpus, found["Barqawi"])] == [
        ("البرقاوي", "b", "mona")]
    assert len({s.id for s in found.values()}) == 3


def test_a_second_schema_names_its_entities_by_its_own_free_text_attribute(empty_location):
    quotes = load_schema_file(QUOTES_SCHEMA)
    person = replace(quotes.label("PERSON"), attributes=(Attribute("name"),))
    schema = replace(quotes, labels=(person, quotes.label("QUOTE")))
    with Project.create(empty_location, schema) as project:
        import_documents(project, [DocumentInput(text=QUOTE_TEXT, path="q.txt", id="q1")])
        for layer, words, name in (("ali", "رئيس البلدية", "Mayor Haddad"), ("bea", "رئيس البلدية", "mayor  haddad"),
                                   ("bea", "أحد السكان", "A resident")):
            start = QUOTE_TEXT.index(words)
            project.add_span(1, layer, start, start + len(words), "PERSON", {"name": name})
        assert speakers.entity_fields(project.schema) == {"PERSON": "name"}
        found = {s.name: (s.count, s.layers) for s in speakers.registry(project)}
        assert found == {"Mayor Haddad": (2, {"ali": 1, "bea": 1}), "A resident": (1, {"bea": 1})}
        speakers.merge(project, "Mayor Haddad", "A resident")
        assert [(s.name, s.count) for s in speakers.registry(project)] == [("Mayor Haddad", 3)]


def test_a_merge_names_every_mention_in_every_layer_and_keeps_one_id(corpus):
    kept, absorbed = by_name(corpus)[AMJAD], by_name(corpus)["Barqawi"]
    edit = speakers.merge(corpus, AMJAD_BARE, "barqawi ")  # any spelling finds an entity
    assert [(c.document, len(c.spans_changed)) for c in edit.changes] == [(2, 1)]
    merged = by_name(corpus)
    assert list(merged) == [AMJAD, SAMI]
    assert (merged[AMJAD].id, merged[AMJAD].count, merged[AMJAD].documents) == (kept.id, 4, ("a", "b"))
    assert ("b", "mona", AMJAD) in entity_values(corpus)
    # A name the absorbed entity had keeps pointing at the kept one.
    mark(corpus, "b", "sara", "البرقاوي", "Barqawi")
    assert [(s.name, s.id, s.count) for s in speakers.registry(corpus)][0] == (AMJAD, kept.id, 5)
    assert absorbed.id not in {s.id for s in speakers.registry(corpus)}


def test_a_rename_keeps_the_id_and_rewrites_gold_too(corpus):
    sami = by_name(corpus)[SAMI]
    speakers.rename(corpus, "سامى العلى", "  Sami   al-Ali ")  # folded lookup; spaces collapsed
    renamed = by_name(corpus)["Sami al-Ali"]
    assert (renamed.id, renamed.count) == (sami.id, 3)
    assert [v for d, layer, v in entity_values(corpus) if d == "b" and layer == "gold"] == ["Sami al-Ali"]
    mark(corpus, "a", "sara", AMJAD, SAMI)  # the old name still means that entity
    assert by_name(corpus)["Sami al-Ali"].count == 4


def test_undo_puts_back_every_spelling_and_id_and_takes_the_latest_first(corpus):
    before, ids = entity_values(corpus), {s.name: s.id for s in speakers.registry(corpus)}
    speakers.merge(corpus, AMJAD, "Barqawi")
    speakers.rename(corpus, AMJAD, "Amjad Barqawi")
    assert speakers.undo_last(corpus).logged.action == "rename_entity"
    assert speakers.undo_last(corpus).logged.action == "merge_entities"
    assert entity_values(corpus) == before
    assert {s.name: s.id for s in speakers.registry(corpus)} == ids
    with pytest.raises(ValidationError, match="no merge or rename of an entity left to undo"):
        speakers.undo_last(corpus)


def test_undo_leaves_a_mention_changed_since_as_it_is(corpus):
    edit = speakers.rename(corpus, SAMI, "Sami")
    changed = edit.changes[0].spans_changed[0]
    corpus.update_span(changed.id, attrs={"entity": "Someone else"})
    undone = speakers.undo_last(corpus)
    assert undone.left == 1
    assert corpus.span(changed.id).attrs == {"entity": "Someone else"}


def test_the_window_undo_and_redo_of_one_edit(corpus):
    edit = speakers.merge(corpus, AMJAD, "Barqawi")
    edit.undo(corpus)
    assert "Barqawi" in by_name(corpus)
    again = edit.redo(corpus)
    assert "Barqawi" not in by_name(corpus)
    again.undo(corpus)
    assert "Barqawi" in by_name(corpus)
    with pytest.raises(ValidationError, match="left to undo"):  # the window's undo is the log's too
        speakers.undo_last(corpus)


@pytest.mark.parametrize(("action", "message"), [
    (lambda p: speakers.merge(p, AMJAD, AMJAD_BARE), "are one entity already"),
    (lambda p: speakers.merge(p, "Barqawi", "Barqawi"), "are one entity already"),
    (lambda p: speakers.rename(p, SAMI, "   "), "cannot be empty"),
    (lambda p: speakers.rename(p, SAMI, "ـــ"), "cannot be empty"),  # tatweel only
    (lambda p: speakers.rename(p, SAMI, SAMI), "nothing to rename"),
    (lambda p: speakers.rename(p, "Nobody", "X"), "no entity is named «Nobody»"),
    (lambda p: speakers.merge(p, AMJAD, "Nobody"), "no entity is named «Nobody»"),
])
def test_what_makes_no_sense_is_refused_and_changes_nothing(corpus, action, message):
    before = entity_values(corpus)
    with pytest.raises(AnnotatorError, match=message):
        action(corpus)
    assert entity_values(corpus) == before


def test_a_rename_to_a_name_another_entity_has_offers_a_merge(corpus):
    with pytest.raises(speakers.EntityNameTaken, match="merge «Barqawi» into it") as refused:
        speakers.rename(corpus, "Barqawi", AMJAD_BARE)
    assert (refused.value.holder.name, refused.value.renamed.name) == (AMJAD, "Barqawi")


def test_a_merge_that_fails_halfway_changes_nothing(tmp_path):
    path = tmp_path / "speakers.sqlite"
    build_corpus(path)
    with Project.open(path) as project:
        last = speakers.mentions_of(project, by_name(project)[SAMI])[-1].span
    with sqlite3.connect(path) as raw:  # the disk refusing the last span's write
        raw.execute(f"CREATE TRIGGER refuse BEFORE UPDATE ON spans WHEN NEW.id = {last} "
                    "BEGIN SELECT RAISE(ABORT, 'refused'); END")
    with Project.open(path) as project:
        before, ids = entity_values(project), {s.name: s.id for s in speakers.registry(project)}
        with pytest.raises(Exception, match="refused"):
            speakers.rename(project, SAMI, "Sami")
        assert entity_values(project) == before
        assert {s.name: s.id for s in speakers.registry(project)} == ids
