"""The project connection's transactions, on a real SQLite file."""

import sqlite3

import pytest

from annotator.core.store.connection import Connection


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "t.sqlite"
    connection = Connection(sqlite3.connect(path, isolation_level=None))
    connection.execute("CREATE TABLE t (v INTEGER)")
    yield connection
    connection.close()


def values(path):
    other = sqlite3.connect(path)
    try:
        return [row[0] for row in other.execute("SELECT v FROM t ORDER BY v")]
    finally:
        other.close()


def test_a_transaction_is_in_the_file_once_it_ends_and_not_before(db, tmp_path):
    with db.atomic():
        db.execute("INSERT INTO t VALUES (1)")
        db.execute("INSERT INTO t VALUES (2)")
        assert values(tmp_path / "t.sqlite") == []
    assert values(tmp_path / "t.sqlite") == [1, 2]
    assert not db.in_transaction


def test_an_error_leaves_nothing_of_the_transaction(db, tmp_path):
    with pytest.raises(ZeroDivisionError):
        with db.atomic():
            db.execute("INSERT INTO t VALUES (1)")
            1 / 0
    assert values(tmp_path / "t.sqlite") == []
    assert not db.in_transaction


def test_a_nested_failure_undoes_only_its_own_part(db, tmp_path):
    with db.atomic():
        db.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(ValueError):
            with db.atomic():
                db.execute("INSERT INTO t VALUES (2)")
                raise ValueError("inner")
        with db.atomic():
            db.execute("INSERT INTO t VALUES (3)")
    assert values(tmp_path / "t.sqlite") == [1, 3]


def test_a_statement_outside_a_transaction_commits_by_itself(db, tmp_path):
    db.execute("INSERT INTO t VALUES (7)")
    assert values(tmp_path / "t.sqlite") == [7]


def test_the_tracer_sees_each_statement_while_it_is_set(db):
    seen = []
    with db.tracer(lambda sql, parameters: seen.append((sql, parameters))):
        db.execute("INSERT INTO t VALUES (?)", [5])
    db.execute("INSERT INTO t VALUES (6)")
    assert seen == [("INSERT INTO t VALUES (?)", [5])]


def test_a_connection_that_opens_transactions_by_itself_is_refused(tmp_path):
    with pytest.raises(ValueError, match="autocommit"):
        Connection(sqlite3.connect(tmp_path / "x.sqlite"))
