"""Review units on whatever the project's schema declares (issue 17): every attribute is
compared by its name, free text by entity key, and every relation by who or what its
child is, whatever they are called; gold is settled from them as from the default's."""

from __future__ import annotations

import pytest

from annotator.core import adjudicate
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.model import GOLD_LAYER
from annotator.core.schema import Attribute, Label, RelationType, Schema, load_schema_file
from annotator.core.search import entity_key
from annotator.core.store import Project
from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA

QUOTE = "الطرق ستُصلح قريباً"
MAYOR, RESIDENT = "رئيس البلدية", "أحد السكان"


def where(words: str) -> tuple[int, int]:
    start = QUOTE_TEXT.index(words)
    return start, start + len(words)


def quotes_project(place, schema: Schema | None = None) -> Project:
    """A new project with the quote imported: ``place`` is the ``make_location`` fixture
    (a project on its backend), or a project file's path (the window's tests)."""
    schema = schema or load_schema_file(QUOTES_SCHEMA)
    project = Project.open(place(schema)) if callable(place) else Project.create(place, schema)
    import_documents(project, [DocumentInput(text=QUOTE_TEXT, path="t", id="q1")])
    return project


def say(project: Project, layer: str, tone: str, person: str, name: str | None = None) -> None:
    """``layer`` marks the quote with ``tone`` and ties it to ``person`` (named ``name``)."""
    quote = project.add_span(1, layer, *where(QUOTE), "QUOTE", {"tone": tone}).spans_added[0]
    attrs = {"name": name} if name else {}
    speaker = project.add_span(1, layer, *where(person), "PERSON", attrs).spans_added[0]
    project.add_relation("SAYS", quote.id, speaker.id)


@pytest.fixture
def quotes(make_location):
    """ali hears the mayor say it calmly; bea hears a resident say it angrily."""
    with quotes_project(make_location) as project:
        say(project, "ali", "CALM", MAYOR)
        say(project, "bea", "ANGRY", RESIDENT)
        yield project


def unit_of(project: Project, words: str) -> adjudicate.Unit:
    return next(u for u in adjudicate.line_up(project, 1) if QUOTE_TEXT[u.start:u.end] == words)


def test_a_quote_with_other_tones_and_persons_differs_by_tone_and_person(quotes):
    quote = unit_of(quotes, QUOTE)
    assert quote.differences == ("tone", "person")
    assert [dict(v.links) for v in quote.versions] == [{"SAYS": entity_key(MAYOR)}, {"SAYS": entity_key(RESIDENT)}]
    assert unit_of(quotes, MAYOR).differences == ("missing in bea",)
    assert unit_of(quotes, RESIDENT).differences == ("missing in ali",)


def test_picking_a_version_settles_the_quote_with_its_tone_and_person(quotes):
    adjudicate.pick(quotes, 1, unit_of(quotes, RESIDENT).key, "bea", by="huda")
    changes = adjudicate.pick(quotes, 1, unit_of(quotes, QUOTE).key, "bea", by="huda", reason="she shouts")
    (quote,) = changes.spans_added
    assert (QUOTE_TEXT[quote.start:quote.end], quote.attrs) == (QUOTE, {"tone": "ANGRY"})
    (link,) = changes.relations_added
    person = {s.id: s for s in quotes.spans(1, GOLD_LAYER)}[link.child]
    assert (link.type, link.head, QUOTE_TEXT[person.start:person.end]) == ("SAYS", quote.id, RESIDENT)
    assert unit_of(quotes, QUOTE).settled == "gold"
    assert quotes.provenance(quote.id)["sources"] == ["bea"]


def test_combining_takes_the_tone_and_person_of_one_and_the_words_of_another(quotes):
    adjudicate.pick(quotes, 1, unit_of(quotes, MAYOR).key, "ali", by="huda")
    changes = adjudicate.combine(quotes, 1, unit_of(quotes, QUOTE).key, "bea", "ali", by="huda")
    assert changes.spans_added[0].attrs == {"tone": "CALM"}
    (link,) = changes.relations_added
    assert {s.id: QUOTE_TEXT[s.start:s.end] for s in quotes.spans(1, GOLD_LAYER)}[link.child] == MAYOR


def test_a_quote_with_the_same_tone_and_person_is_agreed_and_accepted(make_location):
    with quotes_project(make_location) as project:
        say(project, "ali", "CALM", MAYOR)
        say(project, "bea", "CALM", MAYOR)
        assert all(unit.agreed for unit in adjudicate.line_up(project, 1))
        changes = adjudicate.accept_agreed(project, 1, by="huda")
        assert sorted(s.label for s in changes.spans_added) == ["PERSON", "QUOTE"]
        assert [r.type for r in changes.relations_added] == ["SAYS"]


def named_persons() -> Schema:
    """The quotes schema with PERSON named by a free-text attribute ``name``."""
    quotes = load_schema_file(QUOTES_SCHEMA)
    person = quotes.label("PERSON")
    named = Label(person.name, person.color, person.key, person.help, (Attribute("name"),))
    return Schema(labels=(named, quotes.label("QUOTE")), relations=quotes.relations, name="named")


def test_a_link_agrees_when_its_children_are_named_alike_whatever_their_words(make_location):
    with quotes_project(make_location, named_persons()) as project:
        say(project, "ali", "CALM", MAYOR, name="أحمد سليم")
        say(project, "bea", "CALM", RESIDENT, name="احمد  سليم")  # another spelling of the name
        assert unit_of(project, QUOTE).agreed


def test_free_text_is_compared_by_entity_key_and_named_after_its_attribute(make_location):
    with quotes_project(make_location, named_persons()) as project:
        say(project, "ali", "CALM", MAYOR, name="أحمد سليم")
        say(project, "bea", "CALM", MAYOR, name="احمد سليم")
        say(project, "cem", "CALM", MAYOR, name="سامي")
        mayor = unit_of(project, MAYOR)
        assert mayor.differences == ("name",)
        assert [dict(v.attributes)["name"] for v in mayor.versions] == [entity_key("أحمد سليم")] * 2 + ["سامي"]
        assert unit_of(project, QUOTE).differences == ("person",)


def test_the_default_schema_names_its_differences_as_before(project):
    text = "قال الوزير سامي العلي إن الخطة ناجحة."
    import_documents(project, [DocumentInput(text=text, path="t", id="t")])
    for layer, entity in (("karim", "سامي العلي"), ("mona", "سامي علي")):
        start = text.index("سامي العلي")
        speaker = project.add_span(1, layer, start, start + 10, "SPEAKER", {"entity": entity}).spans_added[0]
        claim_at = text.index("الخطة")
        claim = project.add_span(1, layer, claim_at, claim_at + 11, "CLAIM", {"stance": "FAVOR"}).spans_added[0]
        project.add_relation("SAID_BY", claim.id, speaker.id)
    speaker, claim = adjudicate.line_up(project, 1)
    assert (speaker.differences, claim.differences) == (("entity",), ("speaker",))


def test_a_relation_is_named_after_its_child_unless_another_shares_that_child():
    labels = (Label("PERSON", "#000000", "p"), Label("QUOTE", "#111111", "q"), Label("PLACE", "#222222", "l"))
    says, echoes, at = (RelationType("SAYS", "QUOTE", "PERSON"), RelationType("ECHOES", "QUOTE", "PERSON"),
                        RelationType("SAID_AT", "QUOTE", "PLACE"))
    schema = Schema(labels=labels, relations=(says, echoes, at))
    assert [adjudicate.link_field(schema, r) for r in (says, echoes, at)] == ["says", "echoes", "place"]
