"""Linking gold spans in the review window, by keys and clicks as a reviewer does; the
project file has the gold link and its provenance names the reviewer."""

import pytest
from PySide6.QtCore import Qt

from annotator.core import adjudicate
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Project
from annotator.ui.bidi import strip_isolates
from annotator.ui.review_window import ReviewWindow
from tests.ui.test_review_window import CLAIM_LONG, CTRL, CTRL_SHIFT, TEXT, build, go_to, shown

PROMISE = "سيوفر المياه لنصف مليون نسمة"


@pytest.fixture
def window(qtbot, tmp_path):
    win = shown(qtbot, ReviewWindow(build(tmp_path / "review.sqlite"), reviewer="huda"))
    win.open_document("dam")
    return win


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.focusWidget() or window.unit_list, key, modifier)


def click_words(qtbot, window, words, text=TEXT):
    """A click in the middle of the words in the article, as the mouse makes it."""
    start = text.index(words) + len(words) // 2
    window.article.select_range(start, start + 1)
    point = window.article.cursorRect(window.article.textCursor()).center()
    window.article.clear_selection()
    qtbot.mouseClick(window.article.viewport(), Qt.MouseButton.LeftButton, pos=point)


def gold_links(window):
    """The gold links in the project file, read through a second connection, with who made each."""
    with Project.open(window.project_path) as project:
        key = project.document_by_id("dam").key
        spans = {s.id: s for s in project.spans(key, GOLD_LAYER)}
        return [(r.type, TEXT[spans[r.head].start:spans[r.head].end], TEXT[spans[r.child].start:spans[r.child].end],
                 (adjudicate.link_origin(project, r.id) or {}).get("decided_by"))
                for r in project.relations(key, GOLD_LAYER)]


def edit_promise_as_gold(qtbot, window):
    """Accept the agreed speakers, then make the promise a gold claim by hand (no SAID_BY)."""
    press(qtbot, window, Qt.Key.Key_A, CTRL_SHIFT)
    go_to(window, CLAIM_LONG)
    start = TEXT.index(PROMISE)
    window.article.select_range(start, start + len(PROMISE))
    window.edit_label.setCurrentText("CLAIM")
    press(qtbot, window, Qt.Key.Key_E)
    assert gold_links(window) == []


def test_s_and_a_click_on_the_gold_speaker_link_the_edited_claim_and_undo_takes_it_back(qtbot, window):
    edit_promise_as_gold(qtbot, window)
    click_words(qtbot, window, PROMISE)  # the gold claim: its unit is current again
    assert window.current_unit().start == TEXT.index(CLAIM_LONG)
    window.reason.setText("the engineer said it")
    press(qtbot, window, Qt.Key.Key_S)
    assert "(Esc cancels)" in window.statusBar().currentMessage()
    click_words(qtbot, window, "بينما قالت")  # beside the gold spans: the link still waits
    assert window.links.linking is not None and "(Esc cancels)" in window.statusBar().currentMessage()
    click_words(qtbot, window, "كريم الحدّاد")
    assert gold_links(window) == [("SAID_BY", PROMISE, "كريم الحدّاد", "huda")]
    assert "SAID_BY: كريم الحدّاد" in strip_isolates(window.gold_now.text())  # shown at once
    assert "(Esc cancels)" not in window.statusBar().currentMessage()
    with Project.open(window.project_path) as project:
        (relation,) = project.relations(project.document_by_id("dam").key, GOLD_LAYER)
        assert adjudicate.link_origin(project, relation.id)["reason"] == "the engineer said it"
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert gold_links(window) == [] and "SAID_BY" not in window.gold_now.text()
    press(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert gold_links(window) == [("SAID_BY", PROMISE, "كريم الحدّاد", "huda")]
    assert "SAID_BY" in window.gold_now.text()


def test_escape_cancels_and_a_click_on_the_wrong_label_links_nothing(qtbot, window):
    edit_promise_as_gold(qtbot, window)
    click_words(qtbot, window, PROMISE)
    press(qtbot, window, Qt.Key.Key_S)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.statusBar().currentMessage() == ""
    click_words(qtbot, window, "كريم الحدّاد")  # a plain click again: it goes to the speaker's unit
    assert gold_links(window) == [] and window.undo_stack.count() == 2
    click_words(qtbot, window, PROMISE)
    press(qtbot, window, Qt.Key.Key_A)  # ABOUT needs a TARGET, and the claim is current
    click_words(qtbot, window, "ليلى منصور")
    assert "ABOUT needs a TARGET, not a SPEAKER" in window.statusBar().currentMessage()
    assert gold_links(window) == [] and window.undo_stack.count() == 2


def test_a_link_key_with_no_gold_head_says_what_to_do(qtbot, window):
    go_to(window, CLAIM_LONG)  # open: no gold claim here yet
    press(qtbot, window, Qt.Key.Key_S)
    assert "Settle a CLAIM into gold first" in window.statusBar().currentMessage()
    assert window.links.linking is None


def test_on_a_schema_of_its_own_the_link_key_relinks_a_quote_and_undo_brings_back_the_first_person(qtbot, tmp_path):
    from tests.conftest import QUOTE_TEXT
    from tests.core.test_adjudicate_schema import MAYOR, QUOTE, RESIDENT, quotes_project, say

    with quotes_project(tmp_path / "q.sqlite") as project:
        say(project, "ali", "CALM", MAYOR)
        say(project, "bea", "CALM", RESIDENT)
    window = shown(qtbot, ReviewWindow(tmp_path / "q.sqlite", reviewer="huda"))
    window.open_document("q1")

    def go(words):
        window.go_to_unit(next(u.key for u in window.units if QUOTE_TEXT[u.start:u.end] == words))

    def links():
        with Project.open(window.project_path) as opened:
            spans = {s.id: s for s in opened.spans(1, GOLD_LAYER)}
            return [(r.type, QUOTE_TEXT[spans[r.child].start:spans[r.child].end],
                     adjudicate.link_origin(opened, r.id)["decided_by"]) for r in opened.relations(1, GOLD_LAYER)]

    for words, key in ((MAYOR, Qt.Key.Key_1), (RESIDENT, Qt.Key.Key_2), (QUOTE, Qt.Key.Key_1)):  # ali's, bea's, ali's
        go(words)
        press(qtbot, window, key)
    assert links() == [("SAYS", MAYOR, "huda")]  # picked with ali's quote
    go(QUOTE)
    press(qtbot, window, Qt.Key.Key_S)  # the schema's key of SAYS
    assert "SAYS" in window.statusBar().currentMessage()
    click_words(qtbot, window, RESIDENT, QUOTE_TEXT)
    assert links() == [("SAYS", RESIDENT, "huda")], window.statusBar().currentMessage()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert links() == [("SAYS", MAYOR, "huda")]
    with Project.open(window.project_path) as opened:
        (relation,) = opened.relations(1, GOLD_LAYER)
        assert adjudicate.link_origin(opened, relation.id)["decision"] == "picked"  # its own provenance back
