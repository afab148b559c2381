"""What every store backend must do (``annotator/core/store/backend.py``), checked through
the store on a real project: the SQLite file, and a database on a throwaway PostgreSQL
server (``tests/pg_cluster.py``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project

TEXT = "قالت الوزيرة إن المدارس ستفتح أبوابها الأسبوع المقبل."


def sqlite_project(folder: Path) -> Callable[[], Project]:
    path = folder / "p.sqlite"
    with Project.create(path) as made:
        import_documents(made, [DocumentInput(text=TEXT, path="a.txt", id="a")])
    return lambda: Project.open(path)


def server_project(url: str) -> Callable[[], Project]:
    with Project.create(url) as made:
        import_documents(made, [DocumentInput(text=TEXT, path="a.txt", id="a")])
    return lambda: Project.open(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def opener(request, tmp_path) -> Callable[[], Project]:
    """Opens a new connection, each time, to one project on the backend under test."""
    if request.param == "sqlite":
        return sqlite_project(tmp_path)
    return server_project(request.getfixturevalue("server_url"))


def test_a_transaction_is_all_or_nothing_and_nested_ones_are_savepoints(opener):
    with opener() as project:
        db = project.db
        with pytest.raises(ZeroDivisionError), db.atomic():
            db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
            1 / 0
        with db.atomic():
            db.execute("INSERT INTO settings (key, value) VALUES ('b', '1')")
            assert db.in_transaction
            with pytest.raises(ZeroDivisionError), db.atomic():
                db.execute("INSERT INTO settings (key, value) VALUES ('c', '1')")
                1 / 0
        assert not db.in_transaction
    with opener() as again:
        keys = {row[0] for row in again.db.execute("SELECT key FROM settings")}
    assert "b" in keys and not {"a", "c"} & keys


def test_many_rows_in_one_statement(opener):
    with opener() as project, project.db.atomic():
        project.db.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", [("x", "1"), ("y", "2")])
    with opener() as again:
        assert again.db.execute("SELECT value FROM settings WHERE key = 'y'").fetchone()[0] == "2"


def test_the_change_token_moves_when_anyone_commits(opener):
    with opener() as reader, opener() as writer:
        before = reader.db.change_token()
        assert reader.db.change_token() == before
        writer.add_span(1, "mona", 0, 4, "SPEAKER")
        assert reader.db.change_token() != before
        mine = reader.db.change_token()
        with reader.db.atomic():
            reader.db.execute("INSERT INTO settings (key, value) VALUES ('z', '1')")
        assert reader.db.change_token() != mine


def test_both_tokens_read_at_once_tell_own_commits_from_others(opener):
    """``tokens()``: what the document list asks after each of its window's edits."""
    with opener() as reader, opener() as writer:
        token, others = reader.db.tokens()
        reader.add_span(1, "mona", 0, 4, "SPEAKER")
        own_token, own_others = reader.db.tokens()
        assert own_token != token and own_others == others
        writer.add_span(1, "karim", 0, 4, "SPEAKER")
        deadline = time.monotonic() + 5  # a server's notification arrives after the commit
        while reader.db.tokens()[1] == others and time.monotonic() < deadline:
            time.sleep(0.05)
        assert reader.db.tokens()[1] != others


def test_integrity_findings_and_a_verified_backup(opener, tmp_path):
    with opener() as project:
        project.add_span(1, "mona", 0, 4, "SPEAKER")
        assert project.db.integrity_findings() == []
        copy = project.db.backup(project.path, tmp_path / "copy.sqlite")
    with Project.open(copy) as restored:
        assert [s.label for s in restored.spans(1, "mona")] == ["SPEAKER"]


def settings_keys(opener) -> set[str]:
    with opener() as again:
        return {row[0] for row in again.db.execute("SELECT key FROM settings")}


def test_a_change_nobody_reads_is_stored_with_its_transaction_or_not_at_all(opener):
    """``write``: on a server it waits for the next statement or the commit; a savepoint
    that rolls back takes it back, whether or not it reached the server meanwhile."""
    with opener() as project:
        db = project.db
        with db.atomic():
            db.write("INSERT INTO settings (key, value) VALUES (?, ?)", ["kept", '"50% of \'it\'"'])
            with pytest.raises(ZeroDivisionError), db.atomic():
                db.write("INSERT INTO settings (key, value) VALUES ('never sent', '1')")
                1 / 0
            with pytest.raises(ZeroDivisionError), db.atomic():
                db.write("INSERT INTO settings (key, value) VALUES ('sent, then undone', '1')")
                assert db.execute("SELECT count(*) FROM settings WHERE key = 'sent, then undone'").fetchone()[0] == 1
                1 / 0
            db.write("INSERT INTO settings (key, value) VALUES ('after', '1')")
        with pytest.raises(ZeroDivisionError), db.atomic():
            db.write("INSERT INTO settings (key, value) VALUES ('whole unit undone', '1')")
            1 / 0
    keys = settings_keys(opener)
    assert {"kept", "after"} <= keys
    assert not {"never sent", "sent, then undone", "whole unit undone"} & keys
    with opener() as again:
        assert again.db.execute("SELECT value FROM settings WHERE key = 'kept'").fetchone()[0] == '"50% of \'it\'"'


def test_a_refused_change_held_to_the_commit_ends_the_whole_unit(opener):
    with opener() as project:
        db = project.db
        with pytest.raises(Exception) as refused, db.atomic():
            db.execute("INSERT INTO settings (key, value) VALUES ('first', '1')")
            db.write("INSERT INTO settings (key, value) VALUES ('first', '2')")  # the key is taken
        assert "UNIQUE" in str(refused.value).upper()
        assert not db.in_transaction
        with db.atomic():
            db.write("INSERT INTO settings (key, value) VALUES ('next', '1')")
    assert "next" in settings_keys(opener) and "first" not in settings_keys(opener)


def test_a_unit_whose_first_statement_is_refused_leaves_the_connection_ready(opener):
    """The first statement travels with the unit's BEGIN on a server: refused, the unit
    ends there, and the next one on the same connection begins afresh."""
    with opener() as project:
        db = project.db
        for _ in range(2):
            with pytest.raises(Exception, match="(?i)check|json"), db.atomic():
                db.execute("INSERT INTO settings (key, value) VALUES ('bad', 'not json')")
            assert not db.in_transaction
            with db.atomic():
                db.execute("INSERT INTO settings (key, value) VALUES (?, '1')", [f"good{_}"])
        assert not db.in_transaction
    assert {"good0", "good1"} <= settings_keys(opener) and "bad" not in settings_keys(opener)


def test_a_document_key_freed_by_a_rolled_back_import_is_checked_against_its_new_text(opener):
    """The project keeps recent texts by key (``DocumentTexts``); an import rolled back
    frees its keys, and the next import's document under the same key is another text."""
    with opener() as project:
        with pytest.raises(ZeroDivisionError), project.transaction():
            import_documents(project, [DocumentInput(text="مُحَمَّدٌ قَالَ", path="b.txt", id="b")])
            key = project.document_by_id("b").key
            project.add_span(key, "nadia", 0, len("مُحَمَّدٌ"), "SPEAKER")
            1 / 0
        import_documents(project, [DocumentInput(text="قال الوزير", path="c.txt", id="c")])
        assert project.document_by_id("c").key == key
        assert project.text(key) == "قال الوزير"
        project.add_span(key, "nadia", 4, 10, "SPEAKER")  # whole words of the new text
        assert [(s.start, s.end) for s in project.spans(key, "nadia")] == [(4, 10)]


def test_a_layer_made_in_a_unit_that_rolled_back_is_made_again(opener):
    """Layer ids are remembered (``LayerIds``), but not one whose row was rolled back."""
    with opener() as project:
        key = project.document_by_id("a").key
        with pytest.raises(ZeroDivisionError), project.db.atomic():
            project.add_span(key, "nadia", 0, 4, "SPEAKER")
            1 / 0
        project.add_span(key, "nadia", 0, 4, "SPEAKER")
        assert [(s.start, s.end, s.label) for s in project.spans(key, "nadia")] == [(0, 4, "SPEAKER")]
    with opener() as again:
        assert len(again.spans(key, "nadia")) == 1


def test_the_spans_over_a_stretch_of_text_are_those_on_some_of_it(opener):
    """``Project.spans(over=...)``: what the window reads for the first screen of a long article."""
    with opener() as project:
        key = project.document_by_id("a").key
        words = {word: TEXT.index(word) for word in ("الوزيرة", "المدارس", "الأسبوع")}
        for word, start in words.items():
            project.add_span(key, "nadia", start, start + len(word), "TARGET")
        first_end = words["الوزيرة"] + len("الوزيرة")
        shown = project.spans(key, "nadia", over=(first_end - 2, words["المدارس"] + 1))
        assert [TEXT[s.start:s.end] for s in shown] == ["الوزيرة", "المدارس"]
        assert project.spans(key, "nadia", over=(first_end, words["المدارس"])) == []
        assert [TEXT[s.start:s.end] for s in project.spans(key, "nadia")] == ["الوزيرة", "المدارس", "الأسبوع"]


def test_an_insert_repeated_stores_each_value_as_it_is(opener):
    """On a server the second time an insert comes it is prepared and sent as EXECUTE
    (``server_prepared``); one whose values' types the server cannot tell stays text."""
    awkward = ['"50% of \'it\'"', '"back\\\\slash"', '"%s and %(x)s"', '"قال: «لا»"']
    with opener() as project:
        db = project.db
        for round_ in range(3):
            with db.atomic():
                for number, value in enumerate(awkward):
                    db.write("INSERT INTO settings (key, value) VALUES (?, ?)", [f"k{round_}.{number}", value])
                    db.execute("INSERT INTO settings (key, value) SELECT ?, ? WHERE ? IS NULL",
                               [f"u{round_}.{number}", value, None])
    with opener() as again:
        stored = dict(again.db.execute("SELECT key, value FROM settings WHERE key LIKE 'k%' OR key LIKE 'u%'"))
    assert stored == {f"{kind}{round_}.{number}": value for kind in "ku" for round_ in range(3)
                      for number, value in enumerate(awkward)}
