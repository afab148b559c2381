"""The Entity box: Return saves what the annotator typed; an entry of the list of known
entities is saved only when the annotator chose it (moved to it with Down, or clicked it)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.ui.main_window import MainWindow

# Written for these tests: three speakers, the first two already named.
TEXT = ("قال غاتيلوف إن المفاوضات متوقفة.\n"
        "وذكرت قناة روسيا اليوم أن الوفد وصل.\n"
        "وأعلنت وزارة الدفاع الروسية أن القصف مستمر.")
NAMED = {"غاتيلوف": "Gatilov", "قناة روسيا اليوم": "Russia Today"}
UNNAMED = "وزارة الدفاع الروسية"


@pytest.fixture
def window(qtbot, tmp_path):
    """A project whose file already knows two entities, with its third speaker selected
    (by Tab from the article) and the Entity box clicked into."""
    path = tmp_path / "p.sqlite"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="t.txt", id="t")])
        key = project.document_by_id("t").key
        for words in (*NAMED, UNNAMED):
            start = TEXT.index(words)
            attrs = {"entity": NAMED[words]} if words in NAMED else {}
            project.add_span(key, "mona", start, start + len(words), "SPEAKER", attrs)
    opened = MainWindow(path, annotator="mona")
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    qtbot.waitUntil(lambda: not opened.editor.suggestions_deferred)
    opened.article.setFocus()
    opened.editor.set_show_suggestions(False)  # Tab would meet them too
    for _ in range(3):
        qtbot.keyClick(opened.article, Qt.Key.Key_Tab)
    assert opened.panel.words.text() == UNNAMED
    qtbot.mouseClick(opened.panel.editors["entity"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(opened.panel.editors["entity"].hasFocus)
    return opened


def press(qtbot, *keys):
    """Keys as a desktop delivers them: to the completer's popup while it shows (it hands
    them on to the box), else to the box. The offscreen platform cannot grab the keyboard
    for the popup, so the test sends them where the grab would."""
    for key in keys:
        for one in (key if isinstance(key, str) else [key]):
            target = QApplication.activePopupWidget() or QApplication.focusWidget()
            if isinstance(one, str):
                qtbot.keyClicks(target, one)
            else:
                qtbot.keyClick(target, one)


def saved_entity(window):
    with Project.open(window.project_path) as project:
        document = project.document_by_id("t")
        speaker = next(s for s in project.spans(document.key, "mona") if TEXT[s.start:s.end] == UNNAMED)
        return speaker.attrs.get("entity")


def offered():
    popup = QApplication.activePopupWidget()
    if popup is None:
        return []
    return [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]


def moved_on(qtbot, window):
    window.article.setFocus()
    qtbot.waitUntil(window.article.hasFocus)


@pytest.mark.parametrize("typed", ["Russia", "Russian MoD"])
def test_return_saves_what_was_typed(qtbot, window, typed):
    press(qtbot, typed, Qt.Key.Key_Return)
    assert window.panel.editors["entity"].text() == typed
    assert saved_entity(window) == typed
    moved_on(qtbot, window)
    assert window.panel.editors["entity"].text() == typed
    assert saved_entity(window) == typed


def test_only_entities_that_contain_what_was_typed_are_offered(qtbot, window):
    press(qtbot, "Russ")
    assert offered() == ["Russia Today"]
    press(qtbot, "ian")
    assert offered() == []
    press(qtbot, Qt.Key.Key_Return)
    assert saved_entity(window) == "Russian"


def test_down_then_return_saves_the_entry_moved_to(qtbot, window):
    press(qtbot, "Russ", Qt.Key.Key_Down)
    assert window.panel.editors["entity"].text() == "Russia Today"
    press(qtbot, Qt.Key.Key_Return)
    assert window.panel.editors["entity"].text() == "Russia Today"
    assert saved_entity(window) == "Russia Today"
    moved_on(qtbot, window)
    assert saved_entity(window) == "Russia Today"


def test_down_with_nothing_offered_keeps_what_was_typed(qtbot, window):
    press(qtbot, "Russian ", Qt.Key.Key_Down, Qt.Key.Key_Return)
    assert window.panel.editors["entity"].text() == "Russian"
    assert saved_entity(window) == "Russian"


def test_escape_then_return_saves_what_was_typed(qtbot, window):
    press(qtbot, "Russia")
    assert offered() == ["Russia Today"]
    press(qtbot, Qt.Key.Key_Escape)
    assert offered() == []
    press(qtbot, Qt.Key.Key_Return)
    assert window.panel.editors["entity"].text() == "Russia"
    assert saved_entity(window) == "Russia"


def test_a_clicked_entry_is_saved(qtbot, window):
    press(qtbot, "ati")
    assert offered() == ["Gatilov"]
    popup = QApplication.activePopupWidget()
    row = popup.visualRect(popup.model().index(0, 0)).center()
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert window.panel.editors["entity"].text() == "Gatilov"
    assert saved_entity(window) == "Gatilov"


def test_a_typed_spelling_of_a_known_entity_takes_its_spelling(qtbot, window):
    press(qtbot, "russia  today", Qt.Key.Key_Return)
    assert saved_entity(window) == "Russia Today"
