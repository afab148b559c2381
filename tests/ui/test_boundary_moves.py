"""Moving a span's boundaries in place with real keys and a real mouse drag on the article
(issue 18, item 1), read back from the project file: the span keeps its id, label,
attributes and link; each press or drag is one Ctrl+Z; in this right-to-left line an
arrow moves a boundary the way it points on the screen."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import DEFAULT_SCHEMA
from annotator.core.store import Project
from annotator.ui.boundary_moves import HANDLE_COLOR
from annotator.ui.help_dialog import shortcut_rows
from annotator.ui.main_window import MainWindow

# Written for these tests: a speaker that took a word too many, and his claim.
TEXT = "قال نائبُ الوزيرِ الجديد إنَّ «الخطة جاهزة» ثم غادر."
SPEAKER = "نائبُ الوزيرِ الجديد إنَّ"
CLAIM = "«الخطة جاهزة»"
ALT, SHIFT, CTRL = (Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.ControlModifier)
LEFT, RIGHT = Qt.Key.Key_Left, Qt.Key.Key_Right


def at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


@pytest.fixture
def window(qtbot, tmp_path):
    """The speaker (named) and the claim (with its stance, tied to him by SAID_BY) in a
    project file, open in the window with the speaker selected by Tab."""
    path = tmp_path / "p.sqlite"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="t.txt", id="t")])
        speaker = project.add_span(1, "mona", *at(SPEAKER), "SPEAKER", {"entity": "نائب الوزير"}).spans_added[0]
        claim = project.add_span(1, "mona", *at(CLAIM), "CLAIM", {"stance": "FAVOR"}).spans_added[0]
        project.link("SAID_BY", claim.id, speaker.id)
    window = MainWindow(path, annotator="mona")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.editor.suggestions_deferred)
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts such as Ctrl+Z reach only the active window
    window.article.setFocus()
    qtbot.keyClick(window.article, Qt.Key.Key_Tab)
    assert window.editor.selected == speaker.id
    return window


def stored(window) -> dict:
    """Each span of the file, by id: its words, label and attributes; and the links."""
    with Project.open(window.project_path) as project:
        spans = {s.id: (TEXT[s.start:s.end], s.label, s.attrs) for s in project.spans(1, "mona")}
        return {**spans, "links": [(r.type, r.head, r.child) for r in project.relations(1, "mona")]}


def speaker_words(window) -> str:
    return stored(window)[1][0]


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(window.article, key, modifier)


def test_alt_shift_right_takes_the_last_word_out_keeping_everything_else(qtbot, window):
    before = stored(window)
    press(qtbot, window, RIGHT, ALT | SHIFT)  # right, in this line: toward the start
    after = stored(window)
    assert after[1] == ("نائبُ الوزيرِ الجديد", "SPEAKER", {"entity": "نائب الوزير"})
    assert after[2] == before[2] and after["links"] == before["links"] == [("SAID_BY", 2, 1)]
    assert window.editor.selected == 1
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert stored(window) == before
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert stored(window) == after


def test_alt_left_and_right_move_the_end_a_letter_with_its_harakat(qtbot, window):
    press(qtbot, window, RIGHT, ALT | SHIFT, times=3)
    assert speaker_words(window) == "نائبُ"
    press(qtbot, window, RIGHT, ALT)
    assert speaker_words(window) == "نائ"  # the ب went with its damma
    press(qtbot, window, LEFT, ALT)
    assert speaker_words(window) == "نائبُ"
    assert window.editor.undo_stack.count() == 5


def test_alt_home_makes_the_arrows_move_the_start(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Home, ALT)
    assert "start of the SPEAKER" in window.statusBar().currentMessage()
    press(qtbot, window, RIGHT, ALT | SHIFT)
    assert speaker_words(window) == "قال " + SPEAKER
    press(qtbot, window, LEFT, ALT | SHIFT, times=2)
    assert speaker_words(window) == "الوزيرِ الجديد إنَّ"
    press(qtbot, window, Qt.Key.Key_End, ALT)
    press(qtbot, window, RIGHT, ALT | SHIFT)
    assert speaker_words(window) == "الوزيرِ الجديد"


def test_a_span_cannot_shrink_to_nothing_and_the_status_bar_says_why(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Home, ALT)
    press(qtbot, window, LEFT, ALT | SHIFT, times=3)
    assert speaker_words(window) == "إنَّ"
    before, count = stored(window), window.editor.undo_stack.count()
    press(qtbot, window, LEFT, ALT | SHIFT)
    assert window.statusBar().currentMessage().startswith("Not moved: a SPEAKER keeps at least one letter")
    assert stored(window) == before and window.editor.undo_stack.count() == count


def test_with_no_span_selected_alt_arrows_say_what_to_do(qtbot, window):
    before = stored(window)
    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, LEFT, ALT)
    assert window.statusBar().currentMessage().startswith("Select a span first")
    assert stored(window) == before


def test_a_boundary_moved_by_keys_below_the_screen_is_scrolled_into_view(qtbot, tmp_path):
    lines = "\n".join(f"سطر {i}" for i in range(80))
    path = tmp_path / "long.sqlite"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=lines, path="l.txt", id="l")])
        project.add_span(1, "mona", 0, len("سطر 0"), "CLAIM")
    window = MainWindow(path, annotator="mona")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.article.setFocus()
    qtbot.keyClick(window.article, Qt.Key.Key_Tab)
    for _ in range(120):  # two words a line: sixty lines down
        qtbot.keyClick(window.article, LEFT, ALT | SHIFT)
    with Project.open(path) as project:
        (span,) = project.spans(1, "mona")
    assert lines[span.end - 2:span.end] == "60"
    assert window.article.shows(span.end - 2, span.end)


def test_with_words_selected_alt_arrows_leave_the_span_alone(qtbot, window):
    before = stored(window)
    window.article.select_range(*at("ثم غادر"))
    press(qtbot, window, LEFT, ALT | SHIFT)
    press(qtbot, window, RIGHT, ALT)
    assert stored(window) == before
    assert not window.statusBar().currentMessage().startswith("Select a span first")


# -- the handles ---------------------------------------------------------------------


def caret(view, offset: int) -> QPoint:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(offset))
    return view.cursorRect(cursor).center()


def drag(view, source: QPoint, target: QPoint, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, modifier, source)
    for step in range(1, 5):
        QTest.mouseMove(view.viewport(), source + (target - source) * step / 4)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, modifier, target)


def test_an_end_dragged_before_the_start_is_refused(qtbot, window):
    view, before = window.article, stored(window)
    start, end = at(SPEAKER)
    drag(view, caret(view, end), caret(view, TEXT.index("قال") + 1))
    assert window.statusBar().currentMessage().startswith("Not moved")
    assert stored(window) == before


def test_dragging_the_end_handle_into_a_word_takes_the_whole_word_as_one_undo(qtbot, window):
    view, before = window.article, stored(window)
    start, end = at(SPEAKER)
    into_claim = TEXT.index("الخطة") + 2
    drag(view, caret(view, end), caret(view, into_claim))
    assert speaker_words(window) == SPEAKER + " «الخطة"  # overlapping the claim is allowed
    assert stored(window)["links"] == before["links"] and not view.textCursor().hasSelection()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert stored(window) == before


def test_while_dragging_the_words_the_span_would_cover_are_shaded(qtbot, window):
    view = window.article
    start, end = at(SPEAKER)
    source, target = caret(view, end), caret(view, TEXT.index("جاهزة") + 2)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, source)
    QTest.mouseMove(view.viewport(), target)
    (shade,) = view.extraSelections()
    covered = view.offsets.range_from_qt(shade.cursor.selectionStart(), shade.cursor.selectionEnd())
    assert TEXT[covered[0]:covered[1]] == SPEAKER + " «الخطة جاهزة"
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    assert view.extraSelections() == []
    assert speaker_words(window) == SPEAKER + " «الخطة جاهزة"


def test_a_click_on_a_handle_inside_a_word_moves_nothing(qtbot, window):
    press(qtbot, window, RIGHT, ALT)  # the end now inside إنَّ: after its first letter
    before = stored(window)
    assert before[1][0] == SPEAKER[:-3]
    end_handle = caret(window.article, window.editor.span(1).end)
    QTest.mouseClick(window.article.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end_handle)
    assert stored(window) == before


def test_with_alt_a_dragged_start_stops_at_a_letter(qtbot, window):
    view = window.article
    start, _ = at(SPEAKER)
    drag(view, caret(view, start), caret(view, start + 2), ALT)
    assert speaker_words(window) == SPEAKER[2:]


def test_the_handles_are_drawn_at_the_span_s_right_and_left_edges(qtbot, window):
    view = window.article
    start, end = at(SPEAKER)
    image = view.viewport().grab().toImage()
    dark = HANDLE_COLOR.rgb()
    for offset in (start, end):
        point = caret(view, offset)
        column = [image.pixel(x, point.y()) for x in range(point.x() - 2, point.x() + 3)]
        assert dark in column, offset
    assert caret(view, start).x() > caret(view, end).x()  # Arabic: the start on the right


def test_f1_lists_the_keys():
    keys = [key for key, _ in shortcut_rows(DEFAULT_SCHEMA)]
    assert {"Alt+Left / Alt+Right", "Alt+Shift+Left / Alt+Shift+Right", "Alt+Home / Alt+End"} <= set(keys)
