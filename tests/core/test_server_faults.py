"""A team's server that restarts or goes away mid-session: nothing looks saved that is
not, nothing acknowledged is lost, and the project reconnects by itself."""

from __future__ import annotations

import psycopg
import pytest

from annotator.core.errors import ProjectError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project

TEXT = "قالت الوزيرة إن المدارس ستفتح أبوابها الأسبوع المقبل."


@pytest.fixture
def server_project(server_url):
    with Project.create(server_url) as made:
        import_documents(made, [DocumentInput(text=TEXT, path="a.txt", id="a")])
    project = Project.open(server_url)
    yield project
    project.close()


def stored_spans(url: str) -> list[tuple[int, int, str]]:
    with Project.open(url) as fresh:
        return [(span.start, span.end, span.label) for span in fresh.spans(1, "mona")]


def test_after_a_server_restart_the_next_action_reconnects_and_is_saved(server_project, pg_cluster):
    server_project.add_span(1, "mona", 0, 4, "SPEAKER")
    pg_cluster.restart_server()  # immediate: as a crash, no checkpoint
    server_project.add_span(1, "mona", 5, 12, "CLAIM")
    assert stored_spans(server_project.db.address.conninfo) == [(0, 4, "SPEAKER"), (5, 12, "CLAIM")]


def test_while_the_server_is_down_an_action_is_refused_in_one_line_and_nothing_is_kept(server_project,
                                                                                       pg_cluster):
    server_project.add_span(1, "mona", 0, 4, "SPEAKER")
    pg_cluster.stop_server("immediate")
    try:
        with pytest.raises(ProjectError) as refused:
            server_project.add_span(1, "mona", 5, 12, "CLAIM")
        message = str(refused.value)
        assert message.startswith("offline: the PostgreSQL server at 127.0.0.1:") and "\n" not in message
        with pytest.raises(ProjectError, match="^offline: "):
            server_project.db.others_token()
    finally:
        pg_cluster.start_server()
    assert stored_spans(server_project.db.address.conninfo) == [(0, 4, "SPEAKER")]
    server_project.add_span(1, "mona", 5, 12, "CLAIM")  # back by itself
    assert stored_spans(server_project.db.address.conninfo) == [(0, 4, "SPEAKER"), (5, 12, "CLAIM")]


def test_a_connection_lost_inside_an_action_stores_none_of_it(server_project, pg_cluster, server_url):
    db = server_project.db
    with pytest.raises(ProjectError, match="^not saved: the connection to the PostgreSQL server"):
        with server_project.transaction():
            server_project.add_span(1, "mona", 0, 4, "SPEAKER")
            with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", [db.conn.info.backend_pid])
            server_project.add_span(1, "mona", 5, 12, "CLAIM")
    assert stored_spans(server_url) == []
    server_project.add_span(1, "mona", 5, 12, "CLAIM")
    assert stored_spans(server_url) == [(5, 12, "CLAIM")]


def test_a_connection_lost_as_the_action_commits_is_not_acknowledged(server_project, pg_cluster, server_url):
    """The changes held back to the COMMIT travel with it: lost then, the action may have
    landed or not, and the user is told that, never "not saved" (the crash harness found
    an action told "not saved" that was stored)."""
    db = server_project.db
    pid = db.conn.info.backend_pid
    with pytest.raises(ProjectError, match="^not acknowledged: the connection to the PostgreSQL server"):
        with server_project.transaction():
            server_project.add_span(1, "mona", 0, 4, "SPEAKER")  # its status and edit log wait for the COMMIT
            with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    assert not db.in_transaction
    server_project.add_span(1, "mona", 5, 12, "CLAIM")  # reconnects by itself
    assert (5, 12, "CLAIM") in stored_spans(server_url)


def test_a_read_only_project_stays_read_only_after_it_reconnects(server_project, pg_cluster, server_url):
    reader = Project.open(server_url, read_only=True)
    try:
        pg_cluster.restart_server()
        assert [s.label for s in reader.spans(1, "mona")] == []  # it reconnects to read
        with pytest.raises(ProjectError, match=r"^not saved: postgresql://\S+ is open read-only; nothing"):
            reader.add_span(1, "mona", 0, 4, "SPEAKER")
    finally:
        reader.close()
    assert stored_spans(server_url) == []
