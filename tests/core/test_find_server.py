"""The corpus search on a PostgreSQL server (issue 19): the trigram index where the server
has pg_trgm and a search that is still right without it; the words of spans written by
other clients, while one folds, folded once and none lost; a project opened read-only
searched as it stands. The search itself runs on both backends in ``test_find.py``."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

from annotator.core.find_query import parse
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project, span_words
from annotator.core.store.find import find
from tests.core.test_find import OTHER, TEXT, at, claim_with_links


def found(project: Project, query: str) -> list[tuple[str, str, str, str]]:
    hits, _ = find(project, parse(query, project.schema, project.layer_names()))
    return [(h.doc_id, h.layer, h.label, h.words) for h in hits]


def fill(project: Project) -> None:
    import_documents(project, [DocumentInput(text=TEXT, path="a.txt", id="a"),
                               DocumentInput(text=OTHER, path="b.txt", id="b")])
    claim_with_links(project, 1, "mona", TEXT, "لن ينجح", "AGAINST", "أمجد البرقاوي", "أمجد البرقاوي",
                     "مَسارَ جنيـف")


def pending(project: Project) -> int:
    return project.db.execute("SELECT count(*) FROM span_words_pending").fetchone()[0]


def test_words_are_read_through_a_trigram_index(server_url):
    with Project.create(server_url) as project:
        fill(project)
        assert found(project, "جنيف") == [("a", "mona", "TARGET", "مَسارَ جنيـف")]
        indexes = {row[0] for row in project.db.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'span_words'")}
        assert {"span_words_by_words", "span_words_by_name"} <= indexes
        with project.db.atomic():
            project.db.execute("SET LOCAL enable_seqscan = off")
            plan = "\n".join(row[0] for row in project.db.execute(
                "EXPLAIN SELECT span FROM span_words WHERE words LIKE '%جنيف%'"))
        assert "span_words_by_words" in plan


@pytest.fixture
def login_role(pg_cluster):
    """A new login role on the test server (its name, which is its password), dropped with
    what it owns or was granted afterwards, so that other tests' roles are not disturbed."""
    made: list[tuple[str, str]] = []

    def make(database: str) -> str:
        name = f"find_{database}_{len(made)}"
        pg_cluster.admin(f"CREATE ROLE {name} LOGIN PASSWORD '{name}'")
        made.append((name, database))
        return name

    yield make
    for name, database in made:
        pg_cluster.admin(f"DROP OWNED BY {name} CASCADE", database)
        pg_cluster.admin(f"DROP ROLE {name}")


def test_without_pg_trgm_the_search_reads_the_table_and_is_still_right(pg_cluster, login_role):
    """A role that may not create an extension in its database makes a project all the same."""
    database = pg_cluster.new_database()
    plain = login_role(database)
    pg_cluster.admin(f"GRANT CREATE ON SCHEMA public TO {plain}", database)  # not CREATE on the database
    with Project.create(pg_cluster.url(database, plain, plain)) as project:
        fill(project)
        assert project.db.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()[0] == 0
        assert project.db.execute(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'span_words' AND indexname LIKE '%by_words'"
        ).fetchone()[0] == 0
        assert found(project, 'about:"مسار جنيف" stance:AGAINST') == [("a", "mona", "CLAIM", "لن ينجح")]
        assert found(project, "entity:البرقاوي") == [("a", "mona", "SPEAKER", "أمجد البرقاوي")]


def test_a_flush_waits_for_another_and_a_span_written_meanwhile_is_found(server_url):
    with Project.create(server_url) as first:
        fill(first)
    with Project.open(server_url) as one, Project.open(server_url) as two, Project.open(server_url) as three:
        results: dict[str, object] = {}
        with one.db.atomic():
            assert span_words.flush(one.db)  # holds the pending tables until this commit
            writer = threading.Thread(target=lambda: results.setdefault(
                "span", three.add_span(2, "sami", *at(OTHER, "الخطة الجديدة"), "TARGET")))
            searcher = threading.Thread(target=lambda: results.setdefault("hits", found(two, "جنيف")))
            writer.start()
            searcher.start()
            time.sleep(0.5)
            assert writer.is_alive() and searcher.is_alive()  # both wait for the flush to commit
        writer.join(10)
        searcher.join(10)
        assert results["hits"] == [("a", "mona", "TARGET", "مَسارَ جنيـف")]
        assert found(two, "الخطه layer:sami") == [("b", "sami", "TARGET", "الخطة الجديدة")]
        assert pending(two) == 0
        assert two.db.execute("SELECT count(*), count(DISTINCT span) FROM span_words").fetchone() == (4, 4)


def test_a_project_opened_read_only_is_searched_as_it_stands(server_url):
    with Project.create(server_url) as project:
        fill(project)
        assert found(project, "جنيف") == [("a", "mona", "TARGET", "مَسارَ جنيـف")]
        project.add_span(2, "sami", *at(OTHER, "الخطة الجديدة"), "TARGET")
    with Project.open(server_url, read_only=True) as reader:
        assert not span_words.flush(reader.db)
        assert found(reader, "جنيف") == [("a", "mona", "TARGET", "مَسارَ جنيـف")]
        assert pending(reader) == 1
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            reader.db.execute("DELETE FROM span_words_pending")
    with Project.open(server_url) as writer:
        assert found(writer, "الخطه") == [("b", "sami", "TARGET", "الخطة الجديدة")]


def test_a_search_by_a_role_that_sees_one_layer_leaves_the_others_spans_for_those_who_see_them(pg_cluster,
                                                                                               login_role):
    """Row-level security (as the team's roles set it) narrows what a flush reads: what it
    cannot see it must neither fold as missing nor take off the pending list."""
    database = pg_cluster.new_database()
    url = pg_cluster.url(database)
    with Project.create(url) as owner:
        fill(owner)
        claim_with_links(owner, 1, "sami", TEXT, "لن ينجح", "AGAINST", "الوزيرُ أمجد البرقاوي", "البرقاوي",
                         "مَسارَ جنيـف")
    reader = login_role(database)  # mona's, as an annotator's role under the team's policies
    pg_cluster.admin(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {reader}; "
                     f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {reader}; "
                     + "".join(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY; CREATE POLICY own_layer ON {table} "
                               f"TO {reader} USING (layer IN (SELECT id FROM layers WHERE name = 'mona')); "
                               for table in ("spans", "document_status")), database)
    with Project.open(pg_cluster.url(database, reader, reader)) as mona:
        assert found(mona, "جنيف") == [("a", "mona", "TARGET", "مَسارَ جنيـف")]
        assert found(mona, "disagree:CLAIM") == []  # mona's layer alone
        assert pending(mona) == 3  # sami's claim, speaker and target, left for one who sees them
    with Project.open(url) as owner:
        assert found(owner, "جنيف") == [("a", "mona", "TARGET", "مَسارَ جنيـف"), ("a", "sami", "TARGET", "مَسارَ جنيـف")]
        assert found(owner, "disagree:CLAIM") == []  # the same claim: sami's signature was kept for this
        assert [hit[0] for hit in found(owner, "disagree:SPEAKER")] == ["a"]
        assert pending(owner) == 0
        sami = "(SELECT id FROM layers WHERE name = 'sami')"
        owner.db.execute(f"DELETE FROM spans WHERE layer = {sami}")
        assert owner.db.execute("SELECT count(*) FROM span_words").fetchone()[0] == 3  # sami's gone at once
        assert owner.db.execute(f"SELECT count(*) FROM label_signatures WHERE layer = {sami}").fetchone()[0] == 0
        assert pending(owner) == 0
        assert [hit[0] for hit in found(owner, "disagree:CLAIM")] == ["a"]  # sami worked on it, with no claim
