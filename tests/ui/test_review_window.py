"""The review window driven as a reviewer drives it; the project file has each decision.

Set ANNOTATOR_SCREENSHOT_DIR to keep a PNG of the window on the demo project.
"""

import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from annotator.core import adjudicate
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Project
from annotator.demo import ensure_demo_project
from annotator.ui.bidi import strip_isolates
from annotator.ui.review_window import ReviewWindow

# Written for these tests; the people are fictional.
TEXT = ("صرّح المهندس كريم الحدّاد بأن مشروع السد الجديد «سيوفر المياه لنصف مليون نسمة»، "
        "بينما قالت الناشطة ليلى منصور إن المشروع يهدد الأراضي الزراعية في الوادي.")
CLAIM_LONG = "مشروع السد الجديد «سيوفر المياه لنصف مليون نسمة»"
CLAIM_QUOTE = "«سيوفر المياه لنصف مليون نسمة»"
THREAT = "المشروع يهدد الأراضي الزراعية في الوادي"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def at(phrase):
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def build(path):
    """Three annotators: they agree on both speakers and differ on the claims and targets."""
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="t", id="dam")])
        key = project.document_by_id("dam").key

        def annotate(layer, claim, stance, threat, dam_target=True, valley=False):
            haddad = project.add_span(key, layer, *at("كريم الحدّاد"), "SPEAKER",
                                      {"entity": "كريم الحدّاد"}).spans_added[0]
            promise = project.add_span(key, layer, *at(claim), "CLAIM", {"stance": stance}).spans_added[0]
            project.add_relation("SAID_BY", promise.id, haddad.id)
            if dam_target:
                dam = project.add_span(key, layer, *at("مشروع السد الجديد"), "TARGET").spans_added[0]
                project.add_relation("ABOUT", promise.id, dam.id)
            mansour = project.add_span(key, layer, *at("ليلى منصور"), "SPEAKER",
                                       {"entity": "ليلى منصور"}).spans_added[0]
            warning = project.add_span(key, layer, *at(threat), "CLAIM", {"stance": "AGAINST"}).spans_added[0]
            project.add_relation("SAID_BY", warning.id, mansour.id)
            if valley:
                project.add_span(key, layer, *at("الوادي"), "TARGET")

        annotate("mona", CLAIM_LONG, "FAVOR", THREAT, valley=True)
        annotate("karim", CLAIM_LONG, "NEUTRAL", "يهدد الأراضي الزراعية")
        annotate("sara", CLAIM_QUOTE, "FAVOR", THREAT, dam_target=False)
    return path


def shown(qtbot, win):
    """Shown and active: window shortcuts (Ctrl+Shift+A, Ctrl+Z) need the active window."""
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


@pytest.fixture
def window(qtbot, tmp_path):
    win = shown(qtbot, ReviewWindow(build(tmp_path / "review.sqlite"), reviewer="huda"))
    win.open_document("dam")
    return win


def gold(window):
    """Gold spans and links as the project file has them, read through a second connection."""
    with Project.open(window.project_path) as project:
        key = project.document_by_id("dam").key
        spans = project.spans(key, GOLD_LAYER)
        by_id = {s.id: s for s in spans}
        found = [(TEXT[s.start:s.end], s.label, s.attrs, project.provenance(s.id)) for s in spans]
        links = [(r.type, TEXT[by_id[r.head].start:by_id[r.head].end], TEXT[by_id[r.child].start:by_id[r.child].end])
                 for r in project.relations(key, GOLD_LAYER)]
        return found, links


def gold_words(window):
    return [(words, label, attrs) for words, label, attrs, _ in gold(window)[0]]


def states(window):
    return [window.unit_list.topLevelItem(i).text(0).split(" ", 1)[1]
            for i in range(window.unit_list.topLevelItemCount())]


def current_words(window):
    unit = window.current_unit()
    return TEXT[unit.start:unit.end]


def go_to(window, words):
    unit = next(u for u in window.units if TEXT[u.start:u.end] == words)
    window.go_to_unit(unit.key)


def key(qtbot, window, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.unit_list, k, modifier)


def test_units_show_state_and_words_and_the_versions_side_by_side(window):
    assert states(window) == [
        "agreed", "differs: missing in sara", "differs: boundaries, stance, target",
        "agreed", "differs: boundaries", "differs: missing in karim, sara",
    ]
    words = [window.unit_list.topLevelItem(i).text(1) for i in range(window.unit_list.topLevelItemCount())]
    assert words == ["كريم الحدّاد", "مشروع السد الجديد", CLAIM_LONG, "ليلى منصور", THREAT, "الوادي"]
    # The first open disagreement is current, its extent selected in the article.
    assert current_words(window) == "مشروع السد الجديد"
    go_to(window, CLAIM_LONG)
    assert window.article.selected_range() == at(CLAIM_LONG)
    karim, mona, sara = window.columns  # annotators in name order: keys 1, 2, 3
    assert [c.layer for c in window.columns] == ["karim", "mona", "sara"]
    assert mona.words[0].text() == CLAIM_LONG and sara.words[0].text() == CLAIM_QUOTE
    assert (mona.field("stance"), karim.field("stance"), sara.field("stance")) == ("FAVOR", "NEUTRAL", "FAVOR")
    assert mona.field("speaker") == karim.field("speaker") == "كريم الحدّاد"
    assert (mona.field("target"), sara.field("target")) == ("مشروع السد الجديد", "—")
    assert mona.words[0].layoutDirection() == Qt.LayoutDirection.RightToLeft
    go_to(window, THREAT)  # the previous unit's versions are gone at once, not painted underneath
    shown_words = [label.text() for column in window.columns
                   for label in column.findChildren(QLabel, "words") if label.isVisible()]
    assert shown_words == ["يهدد الأراضي الزراعية", THREAT, THREAT]
    labels = window.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert window.settled_label.text() == "0 of 6 units settled"
    assert window.gold_status_label.text() == "gold: not started"


def test_accept_all_agreed_then_undo_redo_undo(qtbot, window):
    key(qtbot, window, Qt.Key.Key_A, CTRL_SHIFT)
    spans, links = gold(window)
    assert [(w, label) for w, label, _, _ in spans] == [("كريم الحدّاد", "SPEAKER"), ("ليلى منصور", "SPEAKER")]
    assert all(p["decision"] == "agreed" and p["sources"] == ["karim", "mona", "sara"]
               and p["decided_by"] == "huda" for *_, p in spans)
    assert states(window)[0] == states(window)[3] == "settled: gold"
    assert window.settled_label.text() == "2 of 6 units settled"
    assert window.gold_status_label.text() == "gold: in review"
    assert len(window.article.highlighter.spans()) == 2
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert gold_words(window) == [] and states(window)[0] == "agreed"
    assert window.article.highlighter.spans() == {}
    key(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert [label for _, label, _ in gold_words(window)] == ["SPEAKER", "SPEAKER"]
    key(qtbot, window, Qt.Key.Key_Z, CTRL)  # removes the spans the redo made
    assert gold_words(window) == []


def test_pick_by_button_and_by_key_brings_links_and_reason(qtbot, window):
    window.accept_button.click()
    go_to(window, CLAIM_LONG)
    window.reason.setText("the whole reported clause")
    qtbot.mouseClick(window.columns[1].pick_button, Qt.MouseButton.LeftButton)  # mona
    spans, links = gold(window)
    claim = next(s for s in spans if s[1] == "CLAIM")
    assert claim[:3] == (CLAIM_LONG, "CLAIM", {"stance": "FAVOR"})
    assert claim[3]["decision"] == "picked" and claim[3]["sources"] == ["mona"]
    assert claim[3]["reason"] == "the whole reported clause"
    assert ("SAID_BY", CLAIM_LONG, "كريم الحدّاد") in links
    assert window.reason.text() == ""
    # The next open unit follows: Layla Mansour's claim; key 3 picks sara's version.
    assert current_words(window) == THREAT
    key(qtbot, window, Qt.Key.Key_3)
    spans, links = gold(window)
    threat = next(s for s in spans if s[0] == THREAT)
    assert threat[3]["sources"] == ["mona", "sara"]  # mona's version is the same as sara's
    assert ("SAID_BY", THREAT, "ليلى منصور") in links
    assert states(window)[4] == "settled: gold"
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert THREAT not in [w for w, _, _ in gold_words(window)]
    assert current_words(window) == THREAT and states(window)[4] == "differs: boundaries"
    key(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert THREAT in [w for w, _, _ in gold_words(window)]
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert [label for _, label, _ in gold_words(window)] == ["SPEAKER", "SPEAKER"]
    assert gold(window)[1] == []


def test_a_target_picked_after_its_claim_gets_the_about_link(qtbot, window):
    go_to(window, CLAIM_LONG)
    key(qtbot, window, Qt.Key.Key_1)  # karim: NEUTRAL, about the dam
    go_to(window, "مشروع السد الجديد")
    key(qtbot, window, Qt.Key.Key_2)  # mona
    assert gold(window)[1] == [("ABOUT", CLAIM_LONG, "مشروع السد الجديد")]
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert gold(window)[1] == []
    assert gold_words(window) == [(CLAIM_LONG, "CLAIM", {"stance": "NEUTRAL"})]


def test_combine_boundaries_of_one_with_the_stance_of_another(qtbot, window):
    go_to(window, CLAIM_LONG)
    window.boundaries_from.setCurrentText("sara")
    window.attributes_from.setCurrentText("karim")
    window.reason.setText("the quote only; neutral reporting")
    qtbot.mouseClick(window.combine_button, Qt.MouseButton.LeftButton)
    (span,) = gold(window)[0]
    assert span[:3] == (CLAIM_QUOTE, "CLAIM", {"stance": "NEUTRAL"})
    assert span[3]["decision"] == "combined" and span[3]["sources"] == ["karim", "sara"]
    assert span[3]["reason"] == "the quote only; neutral reporting"
    assert states(window)[2] == "settled: gold"
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert gold_words(window) == []
    key(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert gold_words(window) == [(CLAIM_QUOTE, "CLAIM", {"stance": "NEUTRAL"})]
    assert current_words(window) == CLAIM_LONG
    assert "combined by huda from karim, sara" in strip_isolates(window.gold_now.text())
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert gold_words(window) == []


def test_edit_makes_the_selected_words_the_gold_span(qtbot, window):
    go_to(window, CLAIM_LONG)
    promise = "سيوفر المياه لنصف مليون نسمة"
    start = TEXT.index(promise)
    window.article.select_range(start + 2, start + len(promise) - 1)  # grows to whole words
    window.edit_label.setCurrentText("CLAIM")
    window.edit_attribute.setCurrentText("UNCLEAR")
    window.reason.setText("the promise without the guillemets")
    qtbot.mouseClick(window.edit_button, Qt.MouseButton.LeftButton)
    (span,) = gold(window)[0]
    assert span[:3] == (promise, "CLAIM", {"stance": "UNCLEAR"})
    assert span[3]["decision"] == "edited" and span[3]["decided_by"] == "huda"
    assert span[3]["reason"] == "the promise without the guillemets"
    assert states(window)[2] == "settled: gold"
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert gold_words(window) == [] and states(window)[2].startswith("differs")
    key(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert gold_words(window) == [(promise, "CLAIM", {"stance": "UNCLEAR"})]
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert gold_words(window) == []


def test_edit_without_a_selection_says_so_and_changes_nothing(qtbot, window):
    window.article.clear_selection()
    qtbot.mouseClick(window.edit_button, Qt.MouseButton.LeftButton)
    assert "select the words" in window.statusBar().currentMessage()
    assert gold_words(window) == [] and window.undo_stack.count() == 0


def test_reject_with_a_reason_and_undo_redo(qtbot, window):
    go_to(window, "الوادي")
    window.reason.setText("a place, not what the claim is about")
    key(qtbot, window, Qt.Key.Key_X)
    with Project.open(window.project_path) as project:
        rows = project.db.execute("SELECT decided_by, reason FROM rejections").fetchall()
        key_ = project.document_by_id("dam").key
        assert adjudicate.line_up(project, key_)[5].settled == "rejected"
    assert rows == [("huda", "a place, not what the claim is about")]
    assert states(window)[5] == "settled: rejected" and gold_words(window) == []
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert states(window)[5] == "differs: missing in karim, sara"
    key(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert states(window)[5] == "settled: rejected"
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    go_to(window, "الوادي")
    qtbot.mouseClick(window.reject_button, Qt.MouseButton.LeftButton)
    assert states(window)[5] == "settled: rejected"


def test_a_refused_decision_is_said_and_changes_nothing(qtbot, window):
    go_to(window, "الوادي")  # only mona has it
    key(qtbot, window, Qt.Key.Key_1)
    assert "karim has 0 spans" in window.statusBar().currentMessage()
    assert not window.columns[0].pick_button.isEnabled()
    window.boundaries_from.setCurrentText("mona")
    window.attributes_from.setCurrentText("sara")
    window.decisions.combine()
    assert "sara has 0 spans" in window.statusBar().currentMessage()
    key(qtbot, window, Qt.Key.Key_2)
    go_to(window, "الوادي")
    key(qtbot, window, Qt.Key.Key_2)  # already settled
    assert "already settled" in window.statusBar().currentMessage()
    key(qtbot, window, Qt.Key.Key_9)
    assert "no annotator number 9" in window.statusBar().currentMessage()
    assert gold_words(window) == [("الوادي", "TARGET", {})]
    assert window.undo_stack.count() == 1


def test_a_redo_the_core_refuses_is_said_and_leaves_the_stack(qtbot, window):
    go_to(window, CLAIM_LONG)
    key(qtbot, window, Qt.Key.Key_1)  # karim
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    with Project.open(window.project_path) as project:  # karim changes his claim meanwhile
        key_ = project.document_by_id("dam").key
        (claim,) = [s for s in project.spans(key_, "karim") if s.label == "CLAIM" and s.start == at(CLAIM_LONG)[0]]
        project.delete_span(claim.id)
    key(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert "no longer exists" in window.statusBar().currentMessage()
    assert gold_words(window) == [] and window.undo_stack.count() == 0
    assert "missing in karim" in states(window)[2]


def test_keys_move_between_units_and_the_filter_hides_settled_ones(qtbot, window):
    assert current_words(window) == "مشروع السد الجديد"
    key(qtbot, window, Qt.Key.Key_J)
    assert current_words(window) == CLAIM_LONG
    assert window.article.selected_range() == at(CLAIM_LONG)
    key(qtbot, window, Qt.Key.Key_Down)
    assert current_words(window) == "ليلى منصور"
    key(qtbot, window, Qt.Key.Key_K)
    key(qtbot, window, Qt.Key.Key_Up)
    key(qtbot, window, Qt.Key.Key_Up)
    assert current_words(window) == "كريم الحدّاد"
    qtbot.keyClick(window.article, Qt.Key.Key_J)  # the same keys work in the article
    assert current_words(window) == "مشروع السد الجديد"
    window.accept_button.click()
    assert current_words(window) == CLAIM_LONG  # the next open disagreement
    window.only_open.setChecked(True)
    hidden = [window.unit_list.topLevelItem(i).isHidden() for i in range(6)]
    assert hidden == [True, False, False, True, False, False]
    key(qtbot, window, Qt.Key.Key_J)
    assert current_words(window) == THREAT  # the settled speaker between is skipped


def test_an_arabic_layout_digit_picks_by_position(qtbot, window):
    go_to(window, CLAIM_LONG)
    event = QKeyEvent(QEvent.Type.KeyPress, 0x0661, Qt.KeyboardModifier.NoModifier, "١")  # the key of 1
    window.key_pressed(event)
    assert gold_words(window) == [(CLAIM_LONG, "CLAIM", {"stance": "NEUTRAL"})]


def test_mark_adjudicated_toggles_the_gold_status_and_undoes(qtbot, window):
    qtbot.mouseClick(window.adjudicated_button, Qt.MouseButton.LeftButton)
    with Project.open(window.project_path) as project:
        assert project.status(project.document_by_id("dam").key, GOLD_LAYER) == "done"
    assert window.gold_status_label.text() == "gold: adjudicated" and window.adjudicated_button.isChecked()
    assert "6 units still open" in window.statusBar().currentMessage()
    qtbot.mouseClick(window.adjudicated_button, Qt.MouseButton.LeftButton)
    assert window.gold_status_label.text() == "gold: in review" and not window.adjudicated_button.isChecked()
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    with Project.open(window.project_path) as project:
        assert project.status(project.document_by_id("dam").key, GOLD_LAYER) == "new"
    assert window.gold_status_label.text() == "gold: not started"


def test_closing_the_window_closes_the_project(qtbot, window):
    path = window.project_path
    window.close()
    with pytest.raises(sqlite3.ProgrammingError):
        window.project.db.execute("SELECT 1")
    again = ReviewWindow(path, reviewer="huda")
    qtbot.addWidget(again)
    assert len(again.units) == 6


def test_hidden_bidi_controls_are_named_in_the_list_and_the_versions(qtbot, tmp_path):
    text = "قال المتحدث باسم البلدية إن \u202eالعرض مرفوض\u202c بالكامل."
    start, end = text.index("\u202e"), text.index("\u202c") + 1
    with Project.create(tmp_path / "bidi.sqlite") as project:
        import_documents(project, [DocumentInput(text=text, path="b", id="bidi")])
        key_ = project.document_by_id("bidi").key
        project.add_span(key_, "mona", start, end, "CLAIM", {"stance": "AGAINST"})
        project.add_span(key_, "karim", start, end, "CLAIM", {"stance": "NEUTRAL"})
    window = shown(qtbot, ReviewWindow(tmp_path / "bidi.sqlite", reviewer="huda"))
    item = window.unit_list.topLevelItem(0)
    assert item.text(0).endswith("⚠")
    assert item.text(1) == "⟨U+202E⟩العرض مرفوض⟨U+202C⟩"
    assert "2 invisible bidi controls" in window.unit_title.text()
    assert window.columns[0].words[0].text() == "⟨U+202E⟩العرض مرفوض⟨U+202C⟩"


def test_demo_disagreements_settle_by_accepting_agreed_and_picking_each(qtbot, tmp_path):
    window = ReviewWindow(ensure_demo_project(tmp_path / "demo.sqlite"), reviewer="huda")
    window.resize(1400, 850)
    shown(qtbot, window)
    window.open_document("01-water-crisis")
    assert window.layers == ["karim", "mona"]
    listed = states(window)
    assert any(state.startswith("differs: ") for state in listed)
    assert "differs: stance" in listed and "differs: missing in karim" in listed
    key(qtbot, window, Qt.Key.Key_A, CTRL_SHIFT)
    open_units = [u for u in window.units if u.settled is None]
    assert open_units and all(u.differences for u in open_units)
    assert window.current_unit().settled is None
    keep = os.environ.get("ANNOTATOR_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        qtbot.wait(50)  # let layouts settle, as they have by the time a person looks
        assert window.grab().save(str(Path(keep) / "review.png"))
    for _ in range(len(open_units)):
        unit = window.current_unit()
        assert unit.settled is None
        layer = next(layer for layer in window.layers if len([v for v in unit.versions if v.layer == layer]) == 1)
        key(qtbot, window, getattr(Qt.Key, f"Key_{window.layers.index(layer) + 1}"))
    assert [u for u in window.units if u.settled is None] == []
    assert not any(state.startswith(("differs", "agreed")) for state in states(window))
    assert window.settled_label.text() == f"{len(window.units)} of {len(window.units)} units settled"
    assert "Every unit is settled" in window.statusBar().currentMessage()


def test_a_decision_is_shown_from_its_change_set_without_reading_the_layers_again(qtbot, window):
    unit = next(u for u in window.units if len(u.versions) == 3 and not u.agreed)
    words = TEXT[unit.start:unit.end]
    statements = []

    def decide_then_listen():
        changes = adjudicate.pick(window.project, window.document, unit.key, "mona", "huda")
        window.project.db.conn.set_trace_callback(statements.append)  # what the views read from here on
        return changes

    try:
        changes = window.session.run(decide_then_listen)
    finally:
        window.project.db.conn.set_trace_callback(None)
    assert [u.settled for u in window.units if TEXT[u.start:u.end] == words] == ["gold"]
    assert set(window.gold) == {span.id for span in changes.spans_added}
    assert window.gold_status_label.text() == "gold: in review"
    assert [s for s in statements if "FROM spans" in s or "FROM relations" in s or "document_status" in s] == []


def test_undo_and_redo_of_a_rejection_go_through_the_gold_session(qtbot, window):
    go_to(window, CLAIM_LONG)
    key(qtbot, window, Qt.Key.Key_X)
    assert CLAIM_LONG in [TEXT[u.start:u.end] for u in window.units if u.settled == "rejected"]
    assert len(window.session.rejected_units) == 1
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert window.session.rejected_units == set()
    assert "rejected" not in [u.settled for u in window.units]
    key(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert len(window.session.rejected_units) == 1
    with Project.open(window.project_path, read_only=True) as reader:
        assert len(reader.rejected_units(reader.document_by_id("dam").key)) == 1
