"""The crash harness's PostgreSQL round (issue 19, item 6): a client killed, and the server
restarted, at random moments lose no acknowledged action (docs/reliability.md, promise 1).

The scripted child (tests/crash/child.py ``--server``) annotates a project on the test
cluster; at a random moment (after some acknowledgements, at a time, inside an import or an
export) the parent either kills it with SIGKILL, or restarts the server under it (an
immediate stop, as a crash) and lets it carry on (refused ``offline:`` or ``not saved:``
while the server is away, reconnecting by itself after) before killing it, while the server
is still down or once it is back. Then it checks the project as the file rounds do: every
acknowledged action there, the one in flight (also one whose commit went unanswered,
``not acknowledged:``) wholly there or not at all, the rows' invariants, the exports.

Short by default (CI). The long run:
``ANNOTATOR_CRASH_SERVER_ROUNDS=500 pytest tests/test_crash_server.py -s``; the seeds are
fixed (``ANNOTATOR_CRASH_SEED``) and printed on failure.
"""

from __future__ import annotations

import os

import psycopg
import pytest

from annotator.core.errors import ProjectError, ValidationError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.core.store.listing import DocumentListing
from tests.crash.harness import lost_span_log, report
from tests.crash.server_round import ServerHarness
from tests.crash.state import CrashCheckFailed

ROUNDS = int(os.environ.get("ANNOTATOR_CRASH_SERVER_ROUNDS", "30"))
ROUNDS_PER_PROJECT = int(os.environ.get("ANNOTATOR_CRASH_ROUNDS_PER_PROJECT", "40"))
BASE_SEED = int(os.environ.get("ANNOTATOR_CRASH_SEED", "6001"))


def test_killed_clients_and_restarted_servers_lose_no_acknowledged_work(pg_cluster, tmp_path):
    figures = ServerHarness(tmp_path, BASE_SEED, pg_cluster).run(ROUNDS, ROUNDS_PER_PROJECT)
    report("PostgreSQL crash harness", figures)
    assert figures.kills == ROUNDS
    assert figures.restarts >= ROUNDS // 3, figures.restarts
    assert figures.saved > figures.kills
    assert figures.offline + figures.not_saved, "no action met the server away"
    assert figures.saved_after_restart, "nothing was saved after a restart: the child did not reconnect"
    assert figures.in_flight_not_found


def test_the_server_checker_notices_lost_work(pg_cluster, tmp_path):
    """The server round can fail: an acknowledged span missing, a child that went on after
    a commit it was not told about, a document list that missed a change."""
    harness = ServerHarness(tmp_path, BASE_SEED, pg_cluster)
    harness.new_project(0)
    key = min(harness.state.documents)
    with pytest.raises(CrashCheckFailed, match="no action was in flight"):
        harness.check_round(lost_span_log(key))
    went_on = [{"n": 1, "intent": "set_status", "document": key, "layer": "mona", "status": "done"},
               {"n": 1, "unacknowledged": "set_status", "error": "not acknowledged: ..."},
               {"n": 2, "intent": "set_status", "document": key, "layer": "mona", "status": "done"}]
    with pytest.raises(CrashCheckFailed, match="went on after action"):
        harness.check_round(went_on)
    with Project.open(harness.path) as project:  # the unacknowledged one did land: in flight, accepted
        project.set_status(key, "mona", "done")
    harness.check_round(went_on[:2])
    stale = [{"n": 1, "intent": "list_documents", "layer": "mona", "status": "done"},
             {"n": 1, "action": "list_documents", "result": "saved", "layer": "mona", "status": "done",
              "count": 0, "page": []}]  # the list missed the document just marked done
    with pytest.raises(CrashCheckFailed, match="the document list of mona/done read 0"):
        harness.check_round(stale)


# -- what the round found: psycopg's own error, not the one line, from two statements ----


def lose_connection(project: Project, cluster) -> None:
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [project.db.conn.info.backend_pid])


def test_a_connection_lost_in_an_imports_batch_insert_is_not_saved_in_one_line(pg_cluster, server_url):
    """An import's documents go in with ``executemany``: the server going away there said
    psycopg's "consuming input failed" with a traceback (the round killed its child with it)."""
    with Project.create(server_url) as project:
        with pytest.raises(ProjectError, match="^not saved: the connection to the PostgreSQL server"):
            with project.transaction():
                lose_connection(project, pg_cluster)
                project.db.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", [("a", "1"), ("b", "2")])
        import_documents(project, [DocumentInput(text="نص قصير.", path="a.txt", id="a")])  # back by itself
    with Project.open(server_url) as project:
        assert project.db.execute("SELECT count(*) FROM settings WHERE key IN ('a', 'b')").fetchone()[0] == 0
        assert project.document_count() == 1


def test_a_connection_lost_after_a_new_rows_id_came_back_is_not_acknowledged_in_one_line(pg_cluster, server_url):
    """A new row's id comes back with its insert (``RETURNING id``), so reading it needs no
    server (it once took a statement of its own, where a lost connection said psycopg's
    error); lost after it, the unit ends at its COMMIT, which cannot tell whether it landed."""
    with Project.create(server_url) as project:
        with pytest.raises(ProjectError, match="^not acknowledged: the connection to the PostgreSQL server"):
            with project.transaction():
                inserted = project.db.execute("INSERT INTO layers (name, kind) VALUES ('x', 'annotator')")
                lose_connection(project, pg_cluster)
                assert inserted.lastrowid > 0
    with Project.open(server_url) as project:
        assert project.db.execute("SELECT count(*) FROM layers WHERE name = 'x'").fetchone()[0] == 0


def test_a_refused_action_whose_rollback_finds_the_connection_lost_says_why_it_was_refused(pg_cluster, server_url):
    """An action refused inside its transaction (a link made twice) rolls back; the server
    gone by then made the rollback raise psycopg's error instead of the refusal."""
    with Project.create(server_url) as project:
        with pytest.raises(ValidationError, match="already linked"):
            with project.transaction():
                lose_connection(project, pg_cluster)
                raise ValidationError("these two spans are already linked by SAID_BY")
        import_documents(project, [DocumentInput(text="نص قصير.", path="a.txt", id="a")])  # back by itself
        assert project.document_count() == 1


def test_a_document_list_kept_open_reads_again_after_a_restart(pg_cluster, server_url):
    """The window's document list asks whether anything changed (``change_token``) on the
    connection as it was: after a restart that raised psycopg's own error (a traceback);
    now it reconnects as any read does, and says ``offline:`` while the server is down."""
    with Project.create(server_url) as project:
        import_documents(project, [DocumentInput(text="نص قصير.", path="a.txt", id="a")])
    with Project.open(server_url) as project:
        listing = DocumentListing(project, "mona")
        assert listing.count() == 1
        pg_cluster.restart_server()
        assert listing.with_status(None).count() == 1
        pg_cluster.stop_server("immediate")
        try:
            with pytest.raises(ProjectError, match="^offline: "):
                listing.with_status("done").count()
        finally:
            pg_cluster.start_server()
        project.set_status(1, "mona", "done")
        assert listing.with_status("done").count() == 1
