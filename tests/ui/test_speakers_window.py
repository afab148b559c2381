"""Review → Speakers… (Ctrl+Shift+K, issue 21, item 7): the entities with their mentions,
filtered as search folds; opening a mention opens its document in the main window with
its words selected and on screen; merge and rename are one core call each, undone in the
window, and the open document follows; the window reads in Arabic."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.ui.bidi import strip_isolates
from annotator.ui.main_window import MainWindow
from annotator.ui.speakers_window import SpeakersWindow
from tests.core.test_speakers import AMJAD, AMJAD_BARE, FIRST, SAMI, SECOND, mark
from tests.ui.test_arabic_interface import arabic, assert_arabic  # noqa: F401 (a fixture)

# Written for these tests: the second article's speakers far below its first screen.
FILLER = "وتابعت الصحيفة أن الاجتماع المقبل سيناقش ملفات أخرى تخص المنطقة.\n" * 60


@pytest.fixture
def window(qtbot, tmp_path) -> MainWindow:
    path = tmp_path / "p.sqlite"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=FIRST, path="a.txt", id="a"),
                                   DocumentInput(text=FILLER + SECOND, path="b.txt", id="b")])
        mark(project, "a", "mona", AMJAD, AMJAD)
        mark(project, "a", "karim", AMJAD_BARE, AMJAD_BARE)
        mark(project, "b", "mona", "البرقاوي", "Barqawi")
        mark(project, "b", "mona", SAMI, SAMI)
        mark(project, "b", "gold", "العلي", SAMI, nth=1)
    opened = MainWindow(path, annotator="mona")
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    opened.open_document("a")
    return opened


def rows(speakers_window: SpeakersWindow) -> list[tuple[str, str, str]]:
    """(entity, mentions, documents) of each row shown."""
    tree = speakers_window.tree
    return [tuple(strip_isolates(tree.topLevelItem(i).text(c)) for c in range(3)) for i in range(tree.topLevelItemCount())]


def open_speakers(window) -> SpeakersWindow:
    action = next(a for a in window.actions() if a.text() == "Speakers…")
    assert action.shortcut() == QKeySequence("Ctrl+Shift+K")
    assert [a.text() for a in window.actions() if a.shortcut() == QKeySequence("Ctrl+Shift+K")] == ["Speakers…"]
    action.trigger()
    return window.findChild(SpeakersWindow)


def test_the_window_lists_entities_and_folds_the_filter(window):
    speakers_window = open_speakers(window)
    assert speakers_window.isVisible() and speakers_window.focusWidget() is speakers_window.filter
    assert rows(speakers_window) == [(AMJAD, "2", "1"), (SAMI, "2", "1"), ("Barqawi", "1", "1")]
    speakers_window.filter.setText("امجد")  # no hamza: finds أمجد
    assert rows(speakers_window) == [(AMJAD, "2", "1")]
    speakers_window.filter.setText("العَلي")  # harakat: finds a mention's words
    assert rows(speakers_window) == [(SAMI, "2", "1")]


def test_opening_a_mention_selects_its_span_in_the_main_window_and_shows_it(window, qtbot):
    speakers_window = open_speakers(window)
    sami = speakers_window.tree.topLevelItem(1)
    assert sami.childCount() == 0  # the mentions are read when the row is opened
    sami.setExpanded(True)
    own = next(sami.child(i) for i in range(sami.childCount()) if strip_isolates(sami.child(i).text(3)) == "mona")
    speakers_window.tree.setCurrentItem(own)
    speakers_window.tree.itemActivated.emit(own, 0)
    mention = own.data(0, Qt.ItemDataRole.UserRole)
    assert window.project.document(window.editor.document).id == "b"
    assert window.editor.selected == mention.span
    assert window.article.textCursor().selectedText() == SAMI
    cursor_at = window.article.cursorRect(window.article.textCursor())
    assert window.article.viewport().rect().contains(cursor_at.center())

    gold = next(sami.child(i) for i in range(sami.childCount()) if strip_isolates(sami.child(i).text(3)) == "gold")
    speakers_window.tree.setCurrentItem(gold)
    speakers_window.open_button.click()  # another layer's span: its words are selected
    assert window.article.textCursor().selectedText() == "العلي"


def test_merge_goes_to_the_open_document_and_undo_in_the_window_takes_it_back(window, qtbot):
    window.open_document("b")
    speakers_window = open_speakers(window)
    barqawi = window.editor.session.spans[next(s.id for s in window.editor.spans() if s.attrs == {"entity": "Barqawi"})]
    unnamed = replace(barqawi, id=0, attrs={})  # a new span on the same words
    assert window.entity_proposals.for_span(unnamed, window.article.text) == {"entity": "Barqawi"}
    assert speakers_window.merge(AMJAD, "Barqawi")
    assert rows(speakers_window) == [(AMJAD, "3", "2"), (SAMI, "2", "1")]
    assert window.editor.session.spans[barqawi.id].attrs == {"entity": AMJAD}
    window.open_document("a")  # the names the entity box proposes follow in every document
    assert window.entity_proposals.for_span(unnamed, FILLER + SECOND) == {"entity": AMJAD}
    window.open_document("b")
    speakers_window.activateWindow()
    qtbot.waitUntil(speakers_window.isActiveWindow)
    qtbot.keyClick(speakers_window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.session.spans[barqawi.id].attrs == {"entity": "Barqawi"}
    assert ("Barqawi", "1", "1") in rows(speakers_window)
    with Project.open(window.project_path, read_only=True) as reader:
        assert reader.span(barqawi.id).attrs == {"entity": "Barqawi"}


def test_a_rename_to_a_taken_name_offers_the_merge_and_a_refusal_is_said_under_the_list(window):
    speakers_window = open_speakers(window)
    asked = []
    speakers_window.ask_merge_instead = lambda taken: asked.append(taken.holder.name) or True
    assert speakers_window.rename("Barqawi", AMJAD_BARE)
    assert asked == [AMJAD] and rows(speakers_window)[0] == (AMJAD, "3", "2")
    assert not speakers_window.rename(SAMI, "  ")
    assert "cannot be empty" in speakers_window.message.text()
    assert not speakers_window.merge(SAMI, "سامى العلى")
    assert "are one entity already" in speakers_window.message.text()


def test_the_speakers_window_reads_in_arabic(arabic, window):  # noqa: F811 (the fixture)
    speakers_window = window.open_speakers()
    assert_arabic(speakers_window)
    assert speakers_window.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_an_open_review_of_a_document_a_merge_changed_reads_it_again(window, qtbot):
    review = window.open_review("b")
    qtbot.addWidget(review)
    gold = next(span for span in review.session.spans.values() if span.attrs.get("entity") == SAMI)
    speakers_window = open_speakers(window)
    assert speakers_window.merge("Barqawi", SAMI)
    assert review.session.spans[gold.id].attrs == {"entity": "Barqawi"}


def test_merge_of_two_selected_asks_which_name_is_kept(window, qtbot):
    speakers_window = open_speakers(window)
    tree = speakers_window.tree
    for row in (0, 2):  # Amjad and Barqawi
        tree.topLevelItem(row).setSelected(True)
    assert speakers_window.merge_button.isEnabled() and not speakers_window.rename_button.isEnabled()
    offered = []

    def keep_the_second_offered():
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        buttons = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
        offered.extend(strip_isolates(b.text()) for b in buttons)
        buttons[1].click()

    QTimer.singleShot(0, keep_the_second_offered)
    speakers_window.merge_button.click()
    assert offered == [f"Keep {AMJAD} (2)", "Keep Barqawi (1)"]  # the more mentioned first
    assert rows(speakers_window) == [("Barqawi", "3", "2"), (SAMI, "2", "1")]


def test_a_name_that_looks_like_markup_is_shown_as_written_in_its_tooltip(window):
    from PySide6.QtGui import QTextDocument

    mark(window.project, "b", "mona", "الصحيفة", "<i>Barqawi</i>")
    tree = open_speakers(window).tree
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if strip_isolates(tree.topLevelItem(i).text(0)) == "<i>Barqawi</i>")
    shown = QTextDocument()
    shown.setHtml(item.toolTip(0))  # a tooltip guesses its text is HTML, as this does
    assert strip_isolates(shown.toPlainText()) == "<i>Barqawi</i>"
