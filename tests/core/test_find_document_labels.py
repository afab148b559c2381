"""Corpus search by the labels of a whole document (a schema's [[document_labels]]):
`genre:OPINION` lists the documents some layer gave that value; beside span terms, the
spans whose own layer gave their document that value."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.find_query import QueryError, parse
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import load_schema_file
from annotator.core.session import DocumentSession
from annotator.core.store import Project
from annotator.core.store.find import find

SCHEMA = Path(__file__).parents[1] / "data" / "news_documents.toml"
# Written for these tests, after /work/shared/guidelines.md; the people are fictional.
NEWS = "قال وزير النقل إن الطريق الجديد سيفتح في الصيف."
OPINION = "يرى الكاتب أن الطريق الجديد لن يحل أزمة السير."


def query(project: Project, text: str) -> list[tuple]:
    hits, _ = find(project, parse(text, project.schema, project.layer_names()))
    return [(hit.doc_id, hit.layer, hit.words) for hit in hits]


@pytest.fixture(params=["file", "server"])
def project(request, tmp_path):
    location = tmp_path / "p.annotator" if request.param == "file" else request.getfixturevalue("server_url")
    with Project.create(location, load_schema_file(SCHEMA)) as opened:
        import_documents(opened, [DocumentInput(text=NEWS, path="n", id="news"),
                                  DocumentInput(text=OPINION, path="o", id="opinion")])
        for key, text, mona, karim in ((1, NEWS, "NEWS", "NEWS"), (2, OPINION, "OPINION", "NEWS")):
            for layer, genre in (("mona", mona), ("karim", karim)):
                session = DocumentSession(opened, key, layer)
                session.set_document_label("genre", genre)
                session.label(0, text.index(" "), "CLAIM")
        yield opened


def test_documents_some_layer_gave_a_value(project):
    assert [doc for doc, _, _ in query(project, "genre:OPINION")] == ["opinion"]
    assert [doc for doc, _, _ in query(project, "genre:news")] == ["news", "opinion"]
    assert [doc for doc, _, _ in query(project, "genre:NEWS layer:mona")] == ["news"]


def test_spans_whose_own_layer_gave_their_document_the_value(project):
    assert query(project, "label:CLAIM genre:OPINION") == [("opinion", "mona", "يرى")]
    assert query(project, "label:CLAIM genre:NEWS") == [("news", "karim", "قال"), ("news", "mona", "قال"),
                                                       ("opinion", "karim", "يرى")]


def test_a_value_the_label_does_not_have_is_refused_with_its_values(project):
    with pytest.raises(QueryError, match="'POEM' is not a value of genre; values: NEWS, OPINION, INTERVIEW"):
        parse("genre:POEM", project.schema)
    with pytest.raises(QueryError, match="genre:"):
        parse("colour:red", project.schema)
