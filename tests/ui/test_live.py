"""A window follows what others commit to its project, without reopening: the document
list within two seconds, on a project file and on a team's server."""

from __future__ import annotations

import pytest

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.ui.document_list import STATUS_COLUMN
from annotator.ui.main_window import MainWindow

ARTICLES = {"d1": "قال الوزير إن الميزانية ستُقر غداً.", "d2": "وأضاف المتحدث أن الاجتماع تأجل.",
            "d3": "ونفت الشركة ما نشرته الصحيفة."}


@pytest.fixture(params=["file", "server"])
def place(request, tmp_path):
    location = tmp_path / "p.sqlite" if request.param == "file" else request.getfixturevalue("server_url")
    with Project.create(location) as project:
        import_documents(project, [DocumentInput(text=text, path=f"{name}.txt", id=name)
                                   for name, text in ARTICLES.items()])
    return location


def shown_statuses(window: MainWindow) -> list[str]:
    model = window.documents.model
    return [model.index(row, STATUS_COLUMN).data() for row in range(model.rowCount())]


def test_the_list_shows_another_annotators_commit_within_two_seconds(qtbot, place):
    window = MainWindow(place, annotator="mona")
    qtbot.addWidget(window)
    window.show()
    opened = window.editor.document
    assert shown_statuses(window) == ["new", "new", "new"]
    with Project.open(place) as elsewhere:  # the command line, or another window of the team
        elsewhere.set_status(elsewhere.document_by_id("d3").key, "mona", "done")
    qtbot.waitUntil(lambda: shown_statuses(window) == ["new", "new", "done"], timeout=2000)
    assert window.editor.document == opened  # the open article stays as it was
    window.close()


def test_nothing_is_re_read_while_nobody_else_commits(qtbot, place):
    window = MainWindow(place, annotator="mona")
    qtbot.addWidget(window)
    refreshes = []
    window.live.changed.connect(lambda: refreshes.append(1))
    window.project.set_status(window.editor.document, "mona", "in_progress")
    qtbot.wait(2300)
    assert refreshes == []  # the window's own commits are not news to it
    window.close()


def test_a_window_says_when_its_server_is_gone_and_when_it_is_back(qtbot, server_url, pg_cluster):
    with Project.create(server_url) as project:
        import_documents(project, [DocumentInput(text=ARTICLES["d1"], path="d1.txt", id="d1")])
    window = MainWindow(server_url, annotator="mona")
    qtbot.addWidget(window)
    pg_cluster.stop_server("immediate")
    try:
        qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("offline: the PostgreSQL server"),
                        timeout=2500)
    finally:
        pg_cluster.start_server()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=2500)
    window.project.set_status(window.editor.document, "mona", "done")  # and it saves again
    with Project.open(server_url) as fresh:
        assert fresh.status(window.editor.document, "mona") == "done"
    window.close()


def test_an_open_dashboard_shows_another_annotators_spans_within_two_seconds(qtbot, place):
    window = MainWindow(place, annotator="huda")
    qtbot.addWidget(window)
    dashboard = window.open_dashboard()
    before = dashboard.figures
    with Project.open(place) as elsewhere:
        for layer in ("mona", "karim"):
            elsewhere.add_span(1, layer, 0, 3, "SPEAKER")
    qtbot.waitUntil(lambda: dashboard.figures != before, timeout=2000)
    window.close()
