"""Document labels in the review window (issue 21, item 8): each annotator's value and
gold's, the reviewer settles gold's from a list with provenance, Ctrl+Z takes it back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import load_schema_file
from annotator.core.session import DocumentSession
from annotator.core.store import Project
from annotator.core.store import document_labels as document_label_store
from annotator.ui.review_window import ReviewWindow
from tests.ui.test_review_window import shown

SCHEMA = Path(__file__).parents[1] / "data" / "news_documents.toml"
TEXT = "قال رئيس البلدية إن الحديقة ستفتح في الربيع، ورأى معارضوه أن الموعد غير واقعي."  # written for these tests


def labelled(path: Path) -> Path:
    with Project.create(path, schema=load_schema_file(SCHEMA)) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="t", id="park")])
        for layer, stance in (("karim", "YES"), ("mona", "NO")):
            session = DocumentSession(project, 1, layer)
            session.set_document_label("reports_stance", stance)
            session.set_document_label("genre", "NEWS")
    return path


def gold_of(path: Path, name: str):
    with Project.open(path, read_only=True) as project:
        return document_label_store.label_on(project, 1, "gold", name)


def test_the_reviewer_sees_each_layers_value_and_settles_gold_with_provenance(qtbot, tmp_path):
    path = labelled(tmp_path / "review.sqlite")
    window = shown(qtbot, ReviewWindow(path, reviewer="huda"))
    box = window.document_labels
    assert box.isVisible()
    assert box.layer_values["reports_stance"].text() == "≠ \u2068karim\u2069: YES, \u2068mona\u2069: NO"
    assert box.layer_values["genre"].text() == "\u2068karim\u2069: NEWS, \u2068mona\u2069: NEWS"
    choice = box.gold_choice["reports_stance"]
    assert choice.currentData() is None
    choice.setCurrentIndex(choice.findData("YES"))
    choice.activated.emit(choice.currentIndex())
    settled = gold_of(path, "reports_stance")
    assert (settled.value, settled.decision, settled.sources, settled.decided_by) == ("YES", "picked", ("karim",), "huda")
    assert box.decided["reports_stance"].text() == "picked by \u2068huda\u2069"
    genre = box.gold_choice["genre"]
    genre.setCurrentIndex(genre.findData("NEWS"))
    genre.activated.emit(genre.currentIndex())
    assert gold_of(path, "genre").decision == "agreed"
    qtbot.keyClick(window.unit_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold_of(path, "genre").value is None and genre.currentData() is None
    qtbot.keyClick(window.unit_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold_of(path, "reports_stance").value is None and choice.currentData() is None


def test_no_box_without_document_labels(qtbot, tmp_path):
    from tests.ui.test_review_window import build

    window = shown(qtbot, ReviewWindow(build(tmp_path / "review.sqlite"), reviewer="huda"))
    assert not window.document_labels.isVisible()


def test_the_dashboard_gives_each_document_label_its_kappa_and_alpha(qtbot, tmp_path):
    from PySide6.QtWidgets import QGroupBox, QTableWidget

    from annotator.ui.dashboard import Dashboard

    path = labelled(tmp_path / "p.sqlite")
    with Project.open(path) as project:
        dashboard = Dashboard(project)
        qtbot.addWidget(dashboard)
        assert "genre kappa n/a, alpha n/a" in dashboard.summary.text()
        box = next(b for b in dashboard.findChildren(QGroupBox) if b.title() == "Document labels")
        table = box.findChild(QTableWidget)
        rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, table.columnCount())]
                for r in range(table.rowCount())}
    # one document: karim YES, mona NO; the genre NEWS twice
    # One document: karim YES and mona NO (kappa and alpha 0), both NEWS (no chance term: n/a).
    assert rows == {"reports_stance": ["0.000", "0.000", "0.000", "1", "0.000"],
                    "genre": ["n/a", "n/a", "1.000", "1", "n/a"]}


def test_accept_all_agreed_settles_the_agreed_document_labels_and_ctrl_z_takes_them_back(qtbot, tmp_path):
    path = labelled(tmp_path / "review.sqlite")
    window = shown(qtbot, ReviewWindow(path, reviewer="huda"))
    qtbot.keyClick(window.unit_list, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    genre = gold_of(path, "genre")
    assert (genre.value, genre.decision, genre.sources, genre.decided_by) == ("NEWS", "agreed", ("karim", "mona"), "huda")
    assert gold_of(path, "reports_stance").value is None  # they differ: left to the reviewer
    assert window.document_labels.gold_choice["genre"].currentData() == "NEWS"
    assert "1 document labels" in window.statusBar().currentMessage()
    qtbot.keyClick(window.unit_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold_of(path, "genre").value is None
    assert window.document_labels.gold_choice["genre"].currentData() is None
