"""The dashboard's assignments: per annotator done of assigned, words done of assigned and
words per day, and the overlap documents every assignee has finished, ready to
adjudicate, each opening the review window on it."""

from PySide6.QtCore import Qt

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project, assignments
from annotator.core.store.active_time import add_active_time
from annotator.ui.bidi import strip_isolates
from annotator.ui.dashboard import Dashboard

# Written for these tests, after /work/shared/guidelines.md.
TEXTS = {"d1": "قال الوزير إن الخطة ناجحة",  # 5 words
         "d2": "رفضت النقابة الخطة وطالبت بزيادة الأجور",  # 6 words
         "d3": "أكد المتحدث أن المفاوضات مستمرة"}  # 5 words


def team(project):
    """mona: d1, d2; karim: d2, d3; d2 is their overlap."""
    import_documents(project, [DocumentInput(text=text, path=f"{doc_id}.txt", id=doc_id, title=f"خبر {doc_id}")
                               for doc_id, text in TEXTS.items()])
    assignments.change(project, added=[(1, "mona"), (2, "mona"), (2, "karim"), (3, "karim")])


def cells(table):
    return [[table.item(row, column).text() for column in range(table.columnCount())]
            for row in range(table.rowCount())]


def test_each_annotators_progress_and_pace_and_the_documents_ready_to_adjudicate(qtbot, project):
    team(project)
    project.set_status(1, "mona", "done")
    project.set_status(2, "mona", "done")
    project.set_status(2, "karim", "done")
    add_active_time(project, 3, "karim", 90.0)
    dashboard = Dashboard(project)
    qtbot.addWidget(dashboard)
    box = dashboard.assignments
    assert cells(box.table) == [["karim", "1 / 2", "6 / 11", "6"], ["mona", "2 / 2", "11 / 11", "11"]]
    assert box.ready_count.text().startswith("Ready to adjudicate (1): the documents every assignee has done")
    assert [strip_isolates(box.ready.item(row).text()) for row in range(box.ready.count())] == ["خبر d2 (karim, mona)"]
    chosen = []
    dashboard.document_chosen.connect(chosen.append)
    item = box.ready.item(0)
    qtbot.mouseClick(box.ready.viewport(), Qt.MouseButton.LeftButton, pos=box.ready.visualItemRect(item).center())
    assert chosen == ["d2"]


def test_a_document_not_finished_by_every_assignee_or_settled_in_gold_is_not_ready(qtbot, project):
    team(project)
    project.set_status(2, "mona", "done")
    dashboard = Dashboard(project)
    qtbot.addWidget(dashboard)
    assert dashboard.assignments.ready_count.text() == "No document of two or more assignees is done by all of them yet"
    assert not dashboard.assignments.ready.isVisibleTo(dashboard)
    assert cells(dashboard.assignments.table)[0][3] == "n/a"  # karim has not worked a day yet
    project.set_status(2, "karim", "done")
    project.set_status(2, "gold", "done")
    dashboard.refresh()
    assert dashboard.assignments.ready.count() == 0


def test_a_project_without_assignments_has_no_box(qtbot, project):
    import_documents(project, [DocumentInput(text=TEXTS["d1"], path="d1.txt", id="d1")])
    dashboard = Dashboard(project)
    qtbot.addWidget(dashboard)
    assert dashboard.assignments is None


def test_a_click_on_a_ready_document_opens_it_in_the_review_window(qtbot, tmp_path):
    from annotator.ui.main_window import MainWindow

    path = tmp_path / "team.sqlite"
    with Project.create(path) as project:
        team(project)
        for annotator in ("mona", "karim"):
            project.set_status(2, annotator, "done")
    window = MainWindow(path, annotator="lead")
    qtbot.addWidget(window)
    dashboard = window.open_dashboard()
    box = dashboard.assignments
    qtbot.mouseClick(box.ready.viewport(), Qt.MouseButton.LeftButton,
                     pos=box.ready.visualItemRect(box.ready.item(0)).center())
    assert window.review is not None and window.review.isVisible()
    assert window.project.document(window.review.document).id == "d2"
