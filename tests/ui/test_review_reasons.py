"""The reviewer gives a decision its category and the guidelines flag in the review
window: remembered per unit until decided, stored with the decision (and the time it
took), gone with its undo; read back from the project file."""

from PySide6.QtCore import Qt

from annotator.core.decision_reasons import report, why_of
from annotator.core.store import Project
from tests.ui.test_review_window import CLAIM_LONG, CTRL, TEXT, current_words, go_to, key, window  # noqa: F401

LEFT = Qt.MouseButton.LeftButton


def choose_category(qtbot, window, shown_name):
    """Open the category list with a click, walk down to the entry and press Enter, as a
    reviewer does (a click on an entry of a list just opened is not one the list takes)."""
    combo = window.decision_reasons.category
    qtbot.mouseClick(combo, LEFT)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    row = next(i for i in range(combo.count()) if combo.itemText(i) == shown_name)
    for _ in range(row - combo.currentIndex()):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentText() == shown_name


def reasons_in_file(window):
    """Each gold span's and rejection's reasons, by its words, from a second connection."""
    with Project.open(window.project_path) as project:
        found = report(project, examples=100)
        key = project.document_by_id("dam").key
        gold = {e["text"]: e for g in found["groups"] for e in g["examples"]}
        return found, gold, key


def test_a_category_picked_in_the_list_is_saved_with_the_decision_and_undone_with_it(qtbot, window):
    assert current_words(window) == "مشروع السد الجديد"
    reasons = window.decision_reasons
    assert reasons.category.currentData() is None and not reasons.flag.isChecked()
    choose_category(qtbot, window, "Guideline gap")
    qtbot.mouseClick(reasons.flag, LEFT)
    key(qtbot, window, Qt.Key.Key_J)  # another unit starts with nothing chosen
    assert (reasons.category.currentData(), reasons.flag.isChecked()) == (None, False)
    key(qtbot, window, Qt.Key.Key_K)  # and the first one is as the reviewer left it
    assert current_words(window) == "مشروع السد الجديد"
    assert (reasons.category.currentData(), reasons.flag.isChecked()) == ("guideline_gap", True)
    key(qtbot, window, Qt.Key.Key_2)  # pick mona's
    found, gold, _ = reasons_in_file(window)
    picked = gold["مشروع السد الجديد"]
    assert (picked["decision"], picked["versions"], picked["category"], picked["guidelines_need_update"]) == (
        "picked", ["karim", "mona"], "guideline_gap", True)
    assert picked["decision_ms"] is not None and picked["decision_ms"] >= 0
    assert found["groups"][0]["count"] == 1
    assert current_words(window) != "مشروع السد الجديد"  # moved on, with nothing chosen
    assert (reasons.category.currentData(), reasons.flag.isChecked()) == (None, False)
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    found, gold, _ = reasons_in_file(window)
    assert found["decisions"] == 0 and found["counts"]["guideline_gap"] == 0


def test_a_rejection_keeps_its_category_and_accepting_agreed_units_gives_none(qtbot, window):
    go_to(window, CLAIM_LONG)
    choose_category(qtbot, window, "Ambiguous text")
    key(qtbot, window, Qt.Key.Key_X)
    window.decisions.accept_agreed()
    found, gold, document = reasons_in_file(window)
    rejected = gold[CLAIM_LONG]
    assert (rejected["decision"], rejected["category"], rejected["guidelines_need_update"]) == (
        "rejected", "ambiguous_text", False)
    assert found["accepted_agreed"] == 2 and found["counts"]["ambiguous_text"] == 1
    with Project.open(window.project_path) as project:
        agreed = [s for s in project.spans(document, "gold") if TEXT[s.start:s.end] == "ليلى منصور"]
        assert why_of(project, span=agreed[0].id)["decision_ms"] is None
