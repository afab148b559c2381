"""The dashboard marks review decisions taken in under two seconds as worth a second
look: their count, and a list naming the document and the words, that opens the document."""

from PySide6.QtCore import Qt

from annotator.core.store import Project
from annotator.ui.bidi import strip_isolates
from annotator.ui.dashboard import Dashboard
from tests.core.test_decision_reasons import decide_each_category, disagreeing_document


def test_decisions_taken_in_under_two_seconds_are_counted_listed_and_open_their_document(qtbot, project_path):
    with Project.open(project_path) as project:
        decide_each_category(project, disagreeing_document(project))  # 0.9 s and 1.5 s; the rest slower
    with Project.open(project_path) as project:
        dashboard = Dashboard(project)
        qtbot.addWidget(dashboard)
        quick = dashboard.quick
        assert quick.count.text().startswith("2 decisions taken this fast")
        rows = [strip_isolates(quick.list.item(i).text()) for i in range(quick.list.count())]
        assert rows == ["t: «الخطة ناجحة», picked by lead in 0.9 s", "t: «الأجور منخفضة», picked by lead in 1.5 s"]
        chosen = []
        dashboard.document_chosen.connect(chosen.append)
        item = quick.list.item(1)
        qtbot.mouseClick(quick.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=quick.list.visualItemRect(item).center())
        assert chosen == ["t"]


def test_no_quick_decision_says_so(qtbot, project):
    disagreeing_document(project)
    dashboard = Dashboard(project)
    qtbot.addWidget(dashboard)
    assert dashboard.quick.count.text() == "No decision was taken this fast"
    assert dashboard.quick.list.count() == 0
