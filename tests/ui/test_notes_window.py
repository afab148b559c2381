"""Notes in the annotator's window (issue 21, item 2): M writes on the selected span and
Shift+M on the document, through the panel's boxes; Return saves at once, Ctrl+Z takes
it back; another annotator sees them only when the project opens notes to everyone."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.store import Project
from annotator.core.store import notes as note_store
from annotator.ui.main_window import MainWindow

# Written for these tests.
TEXT = "قال المتحدث باسم الوزارة إن الاتفاق سيوقع غدا، بحسب مصدر مطلع."


def label(qtbot, window, phrase, key):
    start = TEXT.index(phrase)
    window.article.select_range(start, start + len(phrase))
    qtbot.keyClick(window.article, key)
    return window.editor.selected


def notes_in_the_file(path, layer="mona") -> dict:
    with Project.open(path, read_only=True) as reader:
        return {note.span: note.text for note in note_store.notes_of(reader, 1, layer)}


def type_note(qtbot, box, text):
    box.clear()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_m_writes_a_note_on_the_selected_span_and_ctrl_z_takes_it_back(qtbot, make_window):
    window = make_window({"t": TEXT})
    speaker = label(qtbot, window, "مصدر مطلع", Qt.Key.Key_1)
    qtbot.keyClick(window.article, Qt.Key.Key_M)
    box = window.panel.notes.span_note
    assert box.hasFocus()
    type_note(qtbot, box, "unsure: speaker or source?")
    assert notes_in_the_file(window.project_path) == {speaker: "unsure: speaker or source?"}
    assert window.article.hasFocus()  # Return hands the keyboard back to the article
    window.editor.select(None)
    assert box.text() == "" and not box.isEnabled()
    window.editor.select(speaker)
    assert box.text() == "unsure: speaker or source?"
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert notes_in_the_file(window.project_path) == {}
    assert box.text() == ""


def test_shift_m_writes_on_the_document_and_an_emptied_box_clears_it(qtbot, make_window):
    window = make_window({"t": TEXT})
    qtbot.keyClick(window.article, Qt.Key.Key_M, Qt.KeyboardModifier.ShiftModifier)
    box = window.panel.notes.document_note
    assert box.hasFocus()
    type_note(qtbot, box, "the last clause quotes an unnamed source")
    assert notes_in_the_file(window.project_path) == {None: "the last clause quotes an unnamed source"}
    type_note(qtbot, box, "")
    assert notes_in_the_file(window.project_path) == {}


def test_m_with_no_span_selected_says_what_to_do(qtbot, make_window):
    window = make_window({"t": TEXT})
    qtbot.keyClick(window.article, Qt.Key.Key_M)
    assert "Select a span" in window.statusBar().currentMessage()
    assert window.article.hasFocus()


def test_another_annotator_sees_a_note_only_once_notes_are_opened_to_all(qtbot, make_window):
    window = make_window({"t": TEXT})
    qtbot.keyClick(window.article, Qt.Key.Key_M, Qt.KeyboardModifier.ShiftModifier)
    type_note(qtbot, window.panel.notes.document_note, "mona's doubt")
    path = window.project_path
    window.close()
    omar = MainWindow(path, annotator="omar")
    qtbot.addWidget(omar)
    omar.show()
    assert omar.panel.notes.document_note.text() == ""
    assert not omar.panel.notes.others.isVisibleTo(omar)
    omar.close()
    with Project.open(path, writer=True) as project:
        note_store.set_visible_to(project, "all")
    omar = MainWindow(path, annotator="omar")
    qtbot.addWidget(omar)
    omar.show()
    assert omar.panel.notes.document_note.text() == ""  # not his to edit
    assert omar.panel.notes.others.isVisibleTo(omar)
    assert "mona's doubt" in omar.panel.notes.others.text()
