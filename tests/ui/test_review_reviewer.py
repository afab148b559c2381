"""The reviewer's name: asked on the review window's first open, remembered, shown in the
title and the status bar, changeable there; every gold decision records it."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from annotator.core.model import GOLD_LAYER
from annotator.core.store import Project
from annotator.ui.bidi import strip_isolates
from annotator.ui.main_window import MainWindow
from annotator.ui.review_window import ReviewWindow
from annotator.ui.settings import app_settings
from tests.ui.test_review_window import build


def question(qtbot, review):
    qtbot.waitUntil(lambda: review.reviewer_name.dialog is not None and review.reviewer_name.dialog.isVisible())
    return review.reviewer_name.dialog



def provenance_names(path):
    with Project.open(path) as project:
        key = project.document_by_id("dam").key
        return [project.provenance(s.id)["decided_by"] for s in project.spans(key, GOLD_LAYER)]


def test_the_first_open_asks_the_reviewer_offering_the_annotator_and_remembers_the_answer(qtbot, tmp_path):
    path = build(tmp_path / "review.sqlite")
    window = MainWindow(path, annotator="mona")
    qtbot.addWidget(window)
    window.show()
    review = window.open_review("dam")
    qtbot.addWidget(review)
    dialog = question(qtbot, review)
    assert isinstance(dialog, QInputDialog) and dialog.textValue() == "mona"  # offered, not taken
    dialog.setTextValue("huda")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert "huda" in review.windowTitle() and strip_isolates(review.reviewer_name.button.text()) == "reviewer: huda"
    assert app_settings().value("reviewer") == "huda"
    qtbot.keyClick(review.unit_list, Qt.Key.Key_1)  # pick karim's version of the current unit
    assert provenance_names(path) == ["huda"]
    review.close()
    again = window.open_review("dam")
    qtbot.addWidget(again)
    qtbot.wait(50)
    assert again.reviewer_name.dialog is None and "huda" in again.windowTitle()  # remembered: not asked


def test_a_click_on_the_name_changes_the_reviewer_of_the_next_decisions(qtbot, tmp_path):
    path = build(tmp_path / "review.sqlite")
    review = ReviewWindow(path, reviewer="huda")  # given: not asked
    qtbot.addWidget(review)
    review.show()
    qtbot.wait(50)
    assert review.reviewer_name.dialog is None and "huda" in review.windowTitle()
    qtbot.mouseClick(review.reviewer_name.button, Qt.MouseButton.LeftButton)
    dialog = question(qtbot, review)
    assert dialog.textValue() == "huda"
    dialog.setTextValue("  ")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert "A reviewer needs a name" in review.statusBar().currentMessage() and review.reviewer == "huda"
    qtbot.mouseClick(review.reviewer_name.button, Qt.MouseButton.LeftButton)
    dialog = question(qtbot, review)
    dialog.setTextValue("omar")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert "omar" in review.windowTitle() and app_settings().value("reviewer") == "omar"
    qtbot.keyClick(review.unit_list, Qt.Key.Key_1)
    assert provenance_names(path) == ["omar"]


def test_a_window_closed_before_the_question_came_asks_nothing_until_shown_again(qtbot, tmp_path):
    review = ReviewWindow(build(tmp_path / "review.sqlite"))
    qtbot.addWidget(review)
    review.show()
    review.close()  # before the event loop ran: the question must not open on its own
    qtbot.wait(50)
    assert review.reviewer_name.dialog is None
    review.show()
    assert question(qtbot, review).isVisible()
