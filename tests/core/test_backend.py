"""What every store backend must do (``annotator/core/store/backend.py``), checked through
the store on a real project: the SQLite file, and a database on a throwaway PostgreSQL
server (``tests/pg_cluster.py``)."""

from __future__ import annotations

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


def test_integrity_findings_and_a_verified_backup(opener, tmp_path):
    with opener() as project:
        project.add_span(1, "mona", 0, 4, "SPEAKER")
        assert project.db.integrity_findings() == []
        copy = project.db.backup(project.path, tmp_path / "copy.sqlite")
    with Project.open(copy) as restored:
        assert [s.label for s in restored.spans(1, "mona")] == ["SPEAKER"]
