"""The dashboard on the demo project: real disagreements, numbers beside the charts."""

from annotator.demo import ensure_demo_project
from annotator.ui.main_window import MainWindow


def test_the_dashboard_shows_the_demo_disagreements_and_opens_a_document_for_review(qtbot, tmp_path):
    window = MainWindow(ensure_demo_project(tmp_path / "demo.sqlite"), annotator="huda")
    qtbot.addWidget(window)
    dashboard = window.open_dashboard()
    qtbot.addWidget(dashboard)
    figures = dashboard.figures
    assert figures["layers"] == ["karim", "mona"]
    assert 0 < figures["attributes"]["CLAIM.stance"]["kappa"] < 1
    assert "karim, mona" in dashboard.summary.text()
    assert "CLAIM.stance kappa" in dashboard.summary.text() and "SAID_BY agreement" in dashboard.summary.text()
    table = dashboard.documents_table
    assert table.rowCount() == 2
    assert table.item(0, 2).text() != "0"
    chosen = []
    dashboard.document_chosen.connect(chosen.append)
    table.cellClicked.emit(0, 0)
    assert chosen[0] == figures["documents"][0]["id"]
    review = window.review
    qtbot.addWidget(review)
    assert review.isVisible()
    assert review.project.document_by_id(chosen[0]) is not None
