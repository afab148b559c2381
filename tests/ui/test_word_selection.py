"""A selection made with a real pointer's drag grows to Unicode words (UAX #29).

The drags are mouse press, move and release events on the article's viewport, at the
points where the view draws the code points; then a label key stores the span.
"""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from annotator.core.store import Project

# Written for these tests: a Latin company name, Latin and Arabic-Indic numbers with their
# separators inside an Arabic line, and an abbreviation that ends a sentence.
NEWS = ("وقالت شركة Hydromar S.A إن الإنتاج ارتفع 2.5 بالمئة إلى ٣٬٠٠٠ طن و3,000 برميل.\n"
        "ووقّعت الحكومة عقداً مع Hydromar S.A. وبلغ النمو ٢٫٥ بالمئة.")
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
ALT = Qt.KeyboardModifier.AltModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(make_window):
    window = make_window({"news": NEWS})
    window.open_document("news")
    return window


def stored(window):
    with Project.open(window.project_path) as project:
        document = project.document_by_id("news")
        return [(document.text[s.start:s.end], s.label) for s in project.spans(document.key, "mona")]


def point_on(view, offset: int) -> QPoint:
    """A viewport point where a press puts the caret before code point ``offset``: the
    nearest one to where the view draws that caret (found through ``view.offsets``)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(offset))
    caret = view.cursorRect(cursor).center()
    for step in range(1, 40):
        for x in (caret.x() - step, caret.x() + step):
            if view.offset_at(QPoint(x, caret.y())) == offset:
                return QPoint(x, caret.y())
    raise AssertionError(f"no point on the screen puts the caret at code point {offset}")


def drag(window, first: int, last: int, modifier=NO_MODIFIER) -> None:
    """Press at code point ``first``, move over the line, release at code point ``last``."""
    view = window.article
    start, end = point_on(view, first), point_on(view, last)
    QTest.mousePress(view.viewport(), LEFT, modifier, start)
    for step in range(1, 5):
        QTest.mouseMove(view.viewport(), start + (end - start) * step / 4)
    QTest.mouseRelease(view.viewport(), LEFT, modifier, end)
    assert view.textCursor().hasSelection()


def label_drag(qtbot, window, phrase: str, first: int, last: int, modifier=NO_MODIFIER) -> None:
    """Drag from code point ``first`` to code point ``last`` of ``phrase``, press 3."""
    start = NEWS.index(phrase)
    drag(window, start + first, start + last, modifier)
    qtbot.keyClick(window.article, Qt.Key.Key_3)


def test_a_drag_over_a_latin_name_keeps_its_abbreviation_whole(qtbot, window):
    label_drag(qtbot, window, "Hydromar S.A", 2, len("Hydromar S"))  # from "d" to the full stop
    assert stored(window) == [("Hydromar S.A", "TARGET")]


@pytest.mark.parametrize("number", ["2.5", "٣٬٠٠٠"])
def test_a_drag_inside_a_number_stores_the_whole_number(qtbot, window, number):
    label_drag(qtbot, window, number, 0, 1)
    assert stored(window) == [(number, "TARGET")]


def test_a_number_after_a_clitic_is_one_word_with_it(qtbot, window):
    label_drag(qtbot, window, "و3,000", 2, 3)
    label_drag(qtbot, window, "٢٫٥", 0, 1)
    assert sorted(stored(window)) == [("و3,000", "TARGET"), ("٢٫٥", "TARGET")]


def test_a_drag_from_mid_word_across_arabic_words_grows_at_both_ends(qtbot, window):
    label_drag(qtbot, window, "الإنتاج ارتفع", len("الإن"), len("الإنتاج ار"))
    assert stored(window) == [("الإنتاج ارتفع", "TARGET")]


def test_a_full_stop_ending_the_sentence_stays_out(qtbot, window):
    label_drag(qtbot, window, "Hydromar S.A.", 1, len("Hydromar S"))
    assert stored(window) == [("Hydromar S.A", "TARGET")]


def test_with_alt_the_clitic_waw_stays_apart(qtbot, window):
    label_drag(qtbot, window, "ووقّعت", 1, len("ووقّعت"), modifier=ALT)
    label_drag(qtbot, window, "وقالت", 1, len("وقالت"), modifier=ALT)
    assert sorted(stored(window)) == [("قالت", "TARGET"), ("وقّعت", "TARGET")]


def test_without_alt_the_same_drag_takes_the_clitic(qtbot, window):
    label_drag(qtbot, window, "وقالت", 1, len("وقالت"))
    assert stored(window) == [("وقالت", "TARGET")]


def test_the_highlight_covers_the_stored_words(qtbot, window):
    """Saves a picture of the highlighted line when ANNOTATOR_KEEP_SCREENSHOTS names a folder."""
    label_drag(qtbot, window, "Hydromar S.A", 2, len("Hydromar S"))
    label_drag(qtbot, window, "٣٬٠٠٠", 2, 3)
    window.article.clear_selection()
    qtbot.wait(50)
    keep = os.environ.get("ANNOTATOR_KEEP_SCREENSHOTS")
    if keep:
        assert window.article.grab().save(str(Path(keep) / "word-selection.png"))
    assert sorted(stored(window)) == [("Hydromar S.A", "TARGET"), ("٣٬٠٠٠", "TARGET")]
