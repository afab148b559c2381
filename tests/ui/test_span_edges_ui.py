"""Punctuation by rule in the window: a real drag or Shift+arrow selection, a label key,
and the span read back from the project file holds no edge punctuation, keeps quote
marks in pairs, and takes no word the keys only touched."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.core.store import Project
from tests.ui.test_word_selection import LEFT, NO_MODIFIER, point_on

# Written for these tests: a speaker followed by a comma, a quotation ending a sentence,
# and a short preposition before a noun.
NEWS = ("وقال المتحدث باسم البلدية، في بيان، إن «خطة النقل الجديدة». "
        "وتحدث المهندس عن تأخير في الأشغال.")
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(make_window):
    window = make_window({"news": NEWS})
    window.open_document("news")
    return window


def stored(window) -> list[str]:
    with Project.open(window.project_path) as project:
        document = project.document_by_id("news")
        return sorted(document.text[s.start:s.end] for s in project.spans(document.key, "mona"))


def drag(window, first: int, last: int) -> None:
    """Press before code point ``first`` of the window's article, move over the line,
    release before ``last``."""
    view = window.article
    start, end = point_on(view, first), point_on(view, last)
    QTest.mousePress(view.viewport(), LEFT, NO_MODIFIER, start)
    for step in range(1, 5):
        QTest.mouseMove(view.viewport(), start + (end - start) * step / 4)
    QTest.mouseRelease(view.viewport(), LEFT, NO_MODIFIER, end)
    assert view.textCursor().hasSelection()


def test_a_drag_over_a_word_and_its_comma_stores_the_word_alone(qtbot, window):
    start = NEWS.index("البلدية،")
    drag(window, start + 2, start + len("البلدية،"))  # from inside the word to past the comma
    assert window.article.textCursor().selectedText().endswith("،")
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    assert stored(window) == ["البلدية"]


def test_a_drag_over_a_quotation_and_its_full_stop_keeps_both_guillemets(qtbot, window):
    start = NEWS.index("«خطة")
    drag(window, start, start + len("«خطة النقل الجديدة»."))
    qtbot.keyClick(window.article, Qt.Key.Key_2)
    assert stored(window) == ["«خطة النقل الجديدة»"]


def test_a_drag_that_misses_the_opening_guillemet_drops_the_closing_one(qtbot, window):
    start = NEWS.index("النقل الجديدة»")
    drag(window, start + 1, start + len("النقل الجديدة»"))
    qtbot.keyClick(window.article, Qt.Key.Key_2)
    assert stored(window) == ["النقل الجديدة"]


@pytest.mark.parametrize("presses", [1, 2, 3])
def test_shift_arrows_from_inside_a_short_word_do_not_take_the_next_word(qtbot, window, presses):
    """From between ع and ن, Shift+Left (forward in right-to-left text) one to three times:
    ن, then its space, then one letter of the next word; the span is عن each time."""
    view = window.article
    QTest.mouseClick(view.viewport(), LEFT, NO_MODIFIER, point_on(view, NEWS.index("عن تأخير") + 1))
    for _ in range(presses):
        qtbot.keyClick(view, Qt.Key.Key_Left, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert stored(window) == ["عن"]


def test_shift_arrows_that_cover_the_next_word_whole_take_it(qtbot, window):
    view = window.article
    QTest.mouseClick(view.viewport(), LEFT, NO_MODIFIER, point_on(view, NEWS.index("عن تأخير") + 1))
    for _ in range(len("ن تأخير")):
        qtbot.keyClick(view, Qt.Key.Key_Left, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert stored(window) == ["عن تأخير"]


@pytest.mark.parametrize(
    ("first", "words"),
    [("«", "«سيوفر المياه لنصف مليون نسمة»"), ("سيوفر", "سيوفر المياه لنصف مليون نسمة")],
)
def test_the_review_windows_edit_as_gold_follows_the_same_rule(qtbot, tmp_path, first, words):
    """A drag from ``first`` to past the comma after the closing guillemet: the guillemets
    stay together or go together, the comma goes."""
    from tests.ui.test_review_window import TEXT, build, go_to, gold_words, shown
    from annotator.ui.review_window import ReviewWindow

    review = shown(qtbot, ReviewWindow(build(tmp_path / "review.sqlite"), reviewer="huda"))
    review.open_document("dam")
    go_to(review, "مشروع السد الجديد «سيوفر المياه لنصف مليون نسمة»")
    drag(review, TEXT.index(first, TEXT.index("«سيوفر")), TEXT.index("»،") + 2)
    review.edit_label.setCurrentText("CLAIM")
    qtbot.mouseClick(review.edit_button, LEFT)
    assert [found for found, label, _ in gold_words(review) if label == "CLAIM"] == [words]


def test_f1_states_the_span_edge_rule(qtbot, window):
    from PySide6.QtWidgets import QDialog, QLabel

    qtbot.keyClick(window.article, Qt.Key.Key_F1)
    (dialog,) = [d for d in window.findChildren(QDialog) if d.isVisible()]
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("stay only in pairs" in text and "«" in text for text in texts)


def test_a_key_selection_that_holds_no_whole_word_labels_nothing_and_says_so(qtbot, window):
    """Label المهندس, then from its end Shift+Left twice: its space and one letter of عن,
    no whole word. The label key must neither make a span nor relabel المهندس."""
    view = window.article
    start = NEWS.index("المهندس")
    drag(window, start, start + len("المهندس"))
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert window.editor.selected is not None
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_qt(start + len("المهندس")))
    view.setTextCursor(cursor)
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_Left, SHIFT)
    assert view.textCursor().hasSelection()
    qtbot.keyClick(view, Qt.Key.Key_3)
    with Project.open(window.project_path) as project:
        document = project.document_by_id("news")
        assert [(document.text[s.start:s.end], s.label) for s in project.spans(document.key, "mona")] == [
            ("المهندس", "SPEAKER")]
    assert "no whole word" in window.statusBar().currentMessage()
