"""Edit → Search the corpus… (Ctrl+Shift+F, issue 21, item 6): a query lists its hits with
title, layer, label and words in context, isolated for the bidi algorithm; choosing one
opens its document in the main window with the words selected and on screen; a query that
cannot run says why under the box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from annotator.core.store import notes as note_store
from annotator.ui.bidi import strip_isolates
from annotator.ui.find_window import FindWindow
from tests.core.test_find import OTHER, TEXT, at, claim_with_links

# Written for these tests: a long article whose claim sits far below the first screen.
FILLER = "وتابعت الصحيفة أن الاجتماع المقبل سيناقش ملفات أخرى تخص المنطقة.\n" * 60
LONG = FILLER + TEXT


def window_with_claims(make_window, annotator="mona"):
    window = make_window({"first": OTHER, "long": LONG}, annotator=annotator)
    key = window.project.document_by_id("long").key
    claim_with_links(window.project, key, "mona", LONG, "لن ينجح", "AGAINST", "أمجد البرقاوي",
                     "أمجد البرقاوي", "مَسارَ جنيـف")
    return window


def menu_action(window, text):
    return next(a for a in window.actions() if a.text() == text)


def test_ctrl_shift_f_opens_the_window_and_a_hit_opens_its_document_at_the_span(make_window, qtbot):
    window = window_with_claims(make_window)
    window.open_document("first")
    action = menu_action(window, "Search the corpus…")
    assert action.shortcut() == QKeySequence("Ctrl+Shift+F")
    action.trigger()
    finder = window.findChild(FindWindow)
    assert finder.isVisible() and finder.focusWidget() is finder.query
    finder.query.setText('label:CLAIM stance:AGAINST about:"مسار جنيف" layer:mona')  # QTest types Latin-1 only
    qtbot.keyClick(finder.query, Qt.Key.Key_Return)
    assert finder.results.count() == 1
    heading, context = strip_isolates(finder.results.item(0).text()).split("\n")
    assert heading == "وتابعت الصحيفة أن الاجتماع المقبل سيناقش ملفات أخرى تخص المنطقة. — mona, CLAIM"
    assert context == "…الوزيرُ أمجد البرقاوي إن مَسارَ جنيـف «لن ينجح»، وأكّدت النقابة أن الإضراب مستمر."
    assert finder.message.text() == "Hits: 1 (Enter or a click opens one at its words)"
    finder.results.itemActivated.emit(finder.results.item(0))
    start, end = at(LONG, "لن ينجح")
    assert window.project.document(window.editor.document).id == "long"
    cursor = window.article.textCursor()
    assert window.article.offsets.range_from_qt(cursor.selectionStart(), cursor.selectionEnd()) == (start, end)
    assert window.article.shows(start, end)
    assert window.editor.selected == finder.hits[0].span  # mona's own span: selected as a span too


def test_a_hit_in_another_layer_selects_its_words(make_window, qtbot):
    window = window_with_claims(make_window, annotator="sami")
    finder = window.open_find()
    finder.run("said_by:البرقاوي")
    finder.results.itemClicked.emit(finder.results.item(0))
    start, end = at(LONG, "لن ينجح")
    cursor = window.article.textCursor()
    assert window.article.offsets.range_from_qt(cursor.selectionStart(), cursor.selectionEnd()) == (start, end)
    assert window.editor.selected is None


def test_a_query_that_cannot_run_is_answered_under_the_box(make_window):
    window = window_with_claims(make_window)
    finder = window.open_find()
    assert finder.run("label:CLAIMS") == []
    assert finder.message.text() == "unknown label 'CLAIMS'; labels: SPEAKER, CLAIM, TARGET"
    assert finder.results.count() == 0
    finder.run("disagree:CLAIM")
    assert finder.message.text() == "Nothing found"
    assert "said_by: about:" in finder.fields.text()


def test_has_note_counts_only_the_notes_the_annotator_may_read(make_window):
    window = window_with_claims(make_window, annotator="sami")
    speaker = next(s for s in window.project.spans(window.project.document_by_id("long").key, "mona")
                   if s.label == "SPEAKER")
    note_store.put_note(window.project, speaker.document, "mona", speaker.id,
                        note_store.written(speaker.document, "mona", speaker.id, "غير متأكدة", None))
    finder = window.open_find()
    assert finder.run("has:note") == []
    window.set_annotator("mona")
    assert [hit.span for hit in finder.run("has:note")] == [speaker.id]
