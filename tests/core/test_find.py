"""The corpus search (issue 21, item 6): spans found by their words, folded as the find bar
folds them, and by their annotations, on the default schema and on a schema of our own;
the folded words follow every way a span is written; a query that cannot run says why."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core import adjudicate
from annotator.core.find_query import QueryError, parse, tokens
from annotator.core.ingest import DocumentInput, LayerInput, RelationInput, SpanInput, import_documents
from annotator.core.schema import Attribute, load_schema_file
from annotator.core.session import DocumentSession
from annotator.core.store import Project
from annotator.core.store.dialect import to_postgres
from annotator.core.store.find import find
from annotator.core.store.server_address import ServerAddress
from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA, older_project

# Written for these tests, with harakat and a tatweel where people write them.
TEXT = ("قال الوزيرُ أمجد البرقاوي إن مَسارَ جنيـف لن ينجح، "
        "وأكّدت النقابة أن الإضراب مستمر.")
OTHER = "وقال المتحدث إن الخطة الجديدة ستنجح في إعادة مسار المفاوضات."


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def found(project: Project, query: str, **options) -> list[tuple[str, str, str, str]]:
    """(document id, layer, label, words) of each hit, in the order they are listed."""
    hits, _ = find(project, parse(query, project.schema, project.layer_names()), **options)
    return [(h.doc_id, h.layer, h.label, h.words) for h in hits]


def claim_with_links(project: Project, key: int, layer: str, text: str, claim: str, stance: str,
                     speaker: str, entity: str, target: str) -> None:
    session = DocumentSession(project, key, layer)
    claim_id = session.label(*at(text, claim), "CLAIM").changes.spans_added[0].id
    session.set_attribute(claim_id, "stance", stance)
    speaker_id = session.label(*at(text, speaker), "SPEAKER").changes.spans_added[0].id
    session.set_attribute(speaker_id, "entity", entity)
    target_id = session.label(*at(text, target), "TARGET").changes.spans_added[0].id
    session.link("SAID_BY", claim_id, speaker_id)
    session.link("ABOUT", claim_id, target_id)


@pytest.fixture
def corpus(project):
    import_documents(project, [DocumentInput(text=TEXT, path="a.txt", id="a", title="خبر أ"),
                               DocumentInput(text=OTHER, path="b.txt", id="b", title="خبر ب")])
    a, b = project.document_by_id("a").key, project.document_by_id("b").key
    claim_with_links(project, a, "mona", TEXT, "لن ينجح", "AGAINST", "أمجد البرقاوي", "أمجد البرقاوي",
                     "مَسارَ جنيـف")
    claim_with_links(project, a, "sami", TEXT, "لن ينجح", "FAVOR", "الوزيرُ أمجد البرقاوي", "البرقاوي",
                     "مَسارَ جنيـف")
    claim_with_links(project, b, "mona", OTHER, "الخطة الجديدة ستنجح", "AGAINST", "المتحدث", "متحدث الحكومة",
                     "مسار المفاوضات")
    return project


def test_claims_against_a_target_whose_words_are_written_without_harakat_or_tatweel(corpus):
    assert found(corpus, 'label:CLAIM stance:AGAINST about:"مسار جنيف" layer:mona') == [
        ("a", "mona", "CLAIM", "لن ينجح")]
    assert found(corpus, 'stance:AGAINST about:مسار') == [
        ("a", "mona", "CLAIM", "لن ينجح"), ("b", "mona", "CLAIM", "الخطة الجديدة ستنجح")]
    assert found(corpus, 'about:"مَسَارَ جَنِيف"') == [("a", "mona", "CLAIM", "لن ينجح"),
                                                      ("a", "sami", "CLAIM", "لن ينجح")]


def test_claims_tied_to_a_speaker_by_entity_or_by_words(corpus):
    assert found(corpus, "said_by:امجد") == [("a", "mona", "CLAIM", "لن ينجح"), ("a", "sami", "CLAIM", "لن ينجح")]
    assert found(corpus, 'said_by:"متحدث الحكومة"') == [("b", "mona", "CLAIM", "الخطة الجديدة ستنجح")]
    assert found(corpus, "entity:الحكومه") == [("b", "mona", "SPEAKER", "المتحدث")]


def test_words_and_closed_values_in_either_language(corpus):
    assert found(corpus, "النقابه الاضراب") == []  # no span holds these words
    assert found(corpus, "جن layer:sami") == [("a", "sami", "TARGET", "مَسارَ جنيـف")]  # too short for the index
    assert found(corpus, "entity:مت layer:mona") == [("b", "mona", "SPEAKER", "المتحدث")]  # متحدث الحكومة
    assert found(corpus, '"أمجد البرقاوي" layer:sami') == [("a", "sami", "SPEAKER", "الوزيرُ أمجد البرقاوي")]
    assert found(corpus, "stance:معارض layer:mona") == found(corpus, "stance:against layer:mona")
    assert [hit[3] for hit in found(corpus, "label:target doc:a")] == ["مَسارَ جنيـف", "مَسارَ جنيـف"]


def test_spans_with_notes_follow_who_may_read_them(corpus):
    key = corpus.document_by_id("b").key
    session = DocumentSession(corpus, key, "mona")
    speaker = next(s for s in session.spans.values() if s.label == "SPEAKER")
    session.set_note(speaker.id, "غير متأكدة: متحدث أم مصدر؟")
    session.set_note(None, "a note on the document finds no span")
    assert found(corpus, "has:note") == [("b", "mona", "SPEAKER", "المتحدث")]
    assert found(corpus, "has:note", reader="sami") == []
    assert found(corpus, "has:note", reader="mona") == [("b", "mona", "SPEAKER", "المتحدث")]


def test_documents_where_annotators_disagree_on_a_label(corpus):
    corpus.add_span(corpus.document_by_id("b").key, "gold", *at(OTHER, "ستنجح"), "CLAIM")  # gold is no annotator
    hits, more = find(corpus, parse("disagree:CLAIM", corpus.schema))
    assert [(h.doc_id, h.span) for h in hits] == [("a", None)] and not more  # stance differs; b has one layer
    assert found(corpus, "disagree:TARGET") == []  # both marked the same target
    key = corpus.document_by_id("a").key
    sami = DocumentSession(corpus, key, "sami")
    claim = next(s for s in sami.spans.values() if s.label == "CLAIM")
    sami.set_attribute(claim.id, "stance", "AGAINST")
    assert found(corpus, "disagree:CLAIM") == []  # now the same stance
    sami.delete(next(s.id for s in sami.spans.values() if s.label == "TARGET"))
    assert [hit[0] for hit in found(corpus, "disagree:TARGET")] == ["a"]  # sami worked on it, with no target
    assert found(corpus, "disagree:SPEAKER label:SPEAKER") == [
        ("a", "mona", "SPEAKER", "أمجد البرقاوي"), ("a", "sami", "SPEAKER", "الوزيرُ أمجد البرقاوي")]


def test_a_page_says_whether_more_hits_follow_and_shows_words_in_context(corpus):
    hits, more = find(corpus, parse("label:CLAIM", corpus.schema), limit=2)
    assert len(hits) == 2 and more
    assert find(corpus, parse("label:CLAIM", corpus.schema), limit=3)[1] is False
    hit = find(corpus, parse("entity:البرقاوي layer:mona", corpus.schema))[0][0]
    assert TEXT[hit.start:hit.end] == hit.words == "أمجد البرقاوي"
    assert hit.before == "قال الوزيرُ " and hit.after.startswith(" إن مَسارَ جنيـف")


def test_every_way_a_span_is_written_keeps_its_words_findable(corpus):
    key = corpus.document_by_id("a").key
    session = DocumentSession(corpus, key, "mona")
    target = next(s for s in session.spans.values() if s.label == "TARGET")
    session.resize(target.id, *at(TEXT, "جنيـف"))
    assert found(corpus, "مسار layer:mona doc:a") == []
    assert found(corpus, "جنيف layer:mona") == [("a", "mona", "TARGET", "جنيـف")]
    deleted = session.delete(target.id)
    assert found(corpus, "جنيف layer:mona") == []
    session.undo(deleted)
    assert found(corpus, "جنيف layer:mona") == [("a", "mona", "TARGET", "جنيـف")]
    speaker = next(s for s in session.spans.values() if s.label == "SPEAKER")
    session.set_attribute(speaker.id, "entity", "وزير الخارجية")
    assert found(corpus, "entity:الخارجيه") == [("a", "mona", "SPEAKER", "أمجد البرقاوي")]
    unit = next(u for u in adjudicate.line_up(corpus, key) if (u.start, u.end) == at(TEXT, "مَسارَ جنيـف"))
    adjudicate.pick(corpus, key, unit.key, "sami", by="lead")
    assert found(corpus, "layer:gold") == [("a", "gold", "TARGET", "مَسارَ جنيـف")]


def test_an_import_replacing_a_layer_is_found_and_what_it_replaced_is_not(corpus):
    start, end = at(TEXT, "النقابة")
    layer = LayerInput("mona", spans=(SpanInput(1, start, end, "SPEAKER", {"entity": "نقابة المعلمين"}),))
    import_documents(corpus, [DocumentInput(text=TEXT, path="a.jsonl", id="a", layer=layer)], replace=True)
    assert found(corpus, "layer:mona doc:a") == [("a", "mona", "SPEAKER", "النقابة")]
    assert found(corpus, "entity:المعلمين") == [("a", "mona", "SPEAKER", "النقابة")]


def test_a_query_that_cannot_run_says_what_is_wrong_and_what_exists(corpus):
    schema, layers = corpus.schema, corpus.layer_names()
    cases = {
        "label:CLAIMS": "unknown label 'CLAIMS'; labels: SPEAKER, CLAIM, TARGET",
        "stance:AGIANST": "'AGIANST' is not a value of stance; values: FAVOR, AGAINST, NEUTRAL, UNCLEAR",
        "layer:karim": "unknown layer 'karim'; layers: gold, mona, sami" if "gold" in layers
        else "unknown layer 'karim'; layers: mona, sami",
        "speaker:x": "unknown field speaker:; fields: label:, layer:, doc:, has:, disagree:, entity:, stance:, "
                     "said_by:, about:",
        'about:"مسار': "the quote opened at character 7 is not closed",
        "label:TARGET stance:AGAINST": "no span can match all of label:TARGET; stance: (on CLAIM)",
        "has:speaker": "unknown has:speaker; has: takes note, said_by, about",
        "label:": "label: needs a value",
        "  ": "the query is empty",
    }
    for query, message in cases.items():
        with pytest.raises(QueryError) as error:
            parse(query, schema, layers)
        assert str(error.value).startswith(message), query


@pytest.fixture(params=["file", "server"])
def empty_location(request, tmp_path):
    """Where a project of our own schema is made: a file, then an empty database."""
    return tmp_path / "quotes.sqlite" if request.param == "file" else request.getfixturevalue("server_url")


def test_a_schema_of_our_own_gives_its_own_fields(empty_location):
    project = Project.create(empty_location, load_schema_file(QUOTES_SCHEMA))
    quote, mayor, resident = at(QUOTE_TEXT, "الطرق ستُصلح قريباً"), at(QUOTE_TEXT, "رئيس البلدية"), \
        at(QUOTE_TEXT, "أحد السكان")
    for name, tone, person in (("ali", "CALM", mayor), ("bea", "ANGRY", resident)):
        layer = LayerInput(name, spans=(SpanInput(1, *quote, "QUOTE", {"tone": tone}),
                                        SpanInput(2, *person, "PERSON")),
                           relations=(RelationInput("SAYS", 1, 2),))
        import_documents(project, [DocumentInput(text=QUOTE_TEXT, path=f"{name}.jsonl", id="q", layer=layer)])
    assert found(project, 'says:"رئيس البلديه"') == [("q", "ali", "QUOTE", "الطرق ستُصلح قريباً")]
    assert found(project, "tone:angry label:QUOTE") == [("q", "bea", "QUOTE", "الطرق ستُصلح قريباً")]
    assert found(project, "ستصلح has:says") == [("q", "ali", "QUOTE", "الطرق ستُصلح قريباً"),
                                                ("q", "bea", "QUOTE", "الطرق ستُصلح قريباً")]
    assert [h[0] for h in found(project, "disagree:PERSON")] == ["q"]
    with pytest.raises(QueryError, match="unknown field stance:; fields: label:, layer:, doc:, has:, "
                                         "disagree:, tone:, says:"):
        parse("stance:AGAINST", project.schema)
    with pytest.raises(QueryError, match="unknown label 'CLAIM'; labels: PERSON, QUOTE"):
        parse("label:CLAIM", project.schema)
    project.close()


def test_a_span_another_program_writes_is_found_by_its_words(corpus):
    key = corpus.document_by_id("a").key
    corpus.close()
    other = AnotherProgram(corpus.path)
    other.execute("""INSERT INTO spans (document, layer, start, "end", label, attrs)
                     SELECT ?, id, ?, ?, 'SPEAKER', '{"entity": "نقابة المعلمين"}' FROM layers WHERE name = 'sami'""",
                  [key, *at(TEXT, "النقابة")])
    other.commit()
    other.close()
    with Project.open(corpus.path) as project:
        assert found(project, "entity:المعلمين") == [("a", "sami", "SPEAKER", "النقابة")]


def test_a_free_text_attribute_other_than_the_name_is_found_folded(empty_location):
    quotes = load_schema_file(QUOTES_SCHEMA)
    person = replace(quotes.label("PERSON"), attributes=(Attribute("name"), Attribute("role")))
    with Project.create(empty_location, replace(quotes, labels=(person, quotes.label("QUOTE")))) as project:
        import_documents(project, [DocumentInput(text=QUOTE_TEXT, path="q.txt", id="q")])
        for layer, words, role in (("ali", "رئيس البلدية", "رئيسُ البلديّة المنتخَب"), ("bea", "أحد السكان", "ساكن")):
            project.add_span(1, layer, *at(QUOTE_TEXT, words), "PERSON", {"name": "x", "role": role})
        project.add_span(1, "bea", *at(QUOTE_TEXT, "رئيس البلدية"), "PERSON", {"name": "رئيس البلدية"})
        assert found(project, "role:البلديه") == [("q", "ali", "PERSON", "رئيس البلدية")]
        assert found(project, 'role:"منتخب" layer:ali') == [("q", "ali", "PERSON", "رئيس البلدية")]
        assert found(project, "role:ساكن") == [("q", "bea", "PERSON", "أحد السكان")]
        assert found(project, "role:عمدة") == []


class AnotherProgram:
    """A connection to the project that is not ours: sqlite3 to the file, psycopg to the
    server, with our SQL put in the server's words."""

    def __init__(self, location):
        if isinstance(location, ServerAddress):
            import psycopg

            self.connection = psycopg.connect(location.conninfo, cursor_factory=psycopg.ClientCursor)
            self.dialect = to_postgres
        else:
            self.connection = sqlite3.connect(location)
            self.dialect = str

    def execute(self, sql, parameters=()):
        return self.connection.execute(self.dialect(sql), parameters)

    def commit(self):
        self.connection.commit()

    def close(self):
        self.connection.close()


def test_an_older_project_file_gets_its_spans_findable(tmp_path):
    old = older_project(tmp_path / "old.sqlite", "0009_span_words", documents=[(1, "d", TEXT)], rows=[
        ("INSERT INTO layers (name, kind) VALUES ('mona', 'annotator')", []),
        ("""INSERT INTO spans (document, layer, start, "end", label, attrs) VALUES (1, 1, ?, ?, 'SPEAKER',
            '{"entity": "أمجد البرقاوي"}')""", at(TEXT, "الوزيرُ"))])
    with Project.open(old) as project:
        assert found(project, "entity:امجد") == [("d", "mona", "SPEAKER", "الوزيرُ")]
        assert found(project, "الوزير") == [("d", "mona", "SPEAKER", "الوزيرُ")]


KEYS = st.sampled_from(["label", "layer", "doc", "stance", "about", "said_by"])
VALUES = st.text(st.characters(blacklist_characters='"', blacklist_categories=("Cs",)), min_size=1).filter(
    lambda value: value.strip())


@given(st.lists(st.tuples(st.one_of(st.none(), KEYS), VALUES), min_size=1, max_size=5))
def test_quoted_terms_read_back_as_written(terms):
    text = " ".join(f'{key}:"{value}"' if key else f'"{value}"' for key, value in terms)
    assert tokens(text) == [(key, value) for key, value in terms]


@given(st.text(max_size=40))
def test_any_text_is_a_query_or_a_message(text):
    schema = load_schema_file(QUOTES_SCHEMA)
    try:
        query = parse(text, schema, ["ali"])
    except QueryError as error:
        assert str(error)
    else:
        assert query.finds_spans or query.documents or query.disagree

