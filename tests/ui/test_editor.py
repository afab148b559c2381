"""The editor driven as a person drives it: select, press keys, and the file has it."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from annotator.core.store import Project
from annotator.ui.main_window import MainWindow

# Written for these tests: a mixed Arabic/Latin/digits line, harakat, an emoji before the spans.
MIXED = ("قال المدير التنفيذي لشركة Nordlicht GmbH إن الأرباح ارتفعت 12.5% في 2026.\n"
         "وأضاف أن السوق «سيتحسّن» قريباً.")
MARKED = "😀 أكَّدَ الوزيرُ أنَّ المشروعَ سيُنجَزُ، وقالت وزارة المالية إن الكلفة 40 مليوناً."


@pytest.fixture
def window(make_window):
    return make_window({"mixed": MIXED, "marked": MARKED})


def stored(window, doc_id):
    """What is in the project file, read through a second connection."""
    with Project.open(window.project_path) as project:
        document = project.document_by_id(doc_id)
        return [(document.text[s.start:s.end], s.label, s.attrs) for s in project.spans(document.key, "mona")]


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.article, key, modifier)


def select(window, text, phrase, occurrence=0, cut=(0, 0)):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    window.article.select_range(start + cut[0], start + len(phrase) - cut[1])
    return start


def test_each_label_key_creates_an_exact_span_in_a_mixed_line(qtbot, window):
    window.open_document("mixed")
    select(window, MIXED, "Nordlicht GmbH")
    press(qtbot, window, Qt.Key.Key_1)
    select(window, MIXED, "الأرباح ارتفعت 12.5% في 2026")
    press(qtbot, window, Qt.Key.Key_2)
    select(window, MIXED, "السوق")
    press(qtbot, window, Qt.Key.Key_3)
    assert stored(window, "mixed") == [
        ("Nordlicht GmbH", "SPEAKER", {}),
        ("الأرباح ارتفعت 12.5% في 2026", "CLAIM", {}),
        ("السوق", "TARGET", {}),
    ]


def test_harakat_and_an_emoji_before_the_span_keep_offsets_exact(qtbot, window):
    window.open_document("marked")
    select(window, MARKED, "الوزيرُ")
    press(qtbot, window, Qt.Key.Key_1)
    select(window, MARKED, "المشروعَ سيُنجَزُ")
    press(qtbot, window, Qt.Key.Key_2)
    assert stored(window, "marked") == [("الوزيرُ", "SPEAKER", {}), ("المشروعَ سيُنجَزُ", "CLAIM", {})]


def test_a_partial_selection_grows_to_whole_words_and_loses_edge_spaces(qtbot, window):
    window.open_document("mixed")
    start = MIXED.index("المدير التنفيذي")
    window.article.select_range(start + 2, start + len("المدير التن"))
    press(qtbot, window, Qt.Key.Key_1)
    window.article.select_range(MIXED.index("«") - 1, MIXED.index("»") + 2)  # a space on each side
    press(qtbot, window, Qt.Key.Key_2)
    assert [text for text, _, _ in stored(window, "mixed")] == ["المدير التنفيذي", "«سيتحسّن»"]


def test_alt_allows_part_of_a_word_but_never_splits_a_letter_from_its_harakat(qtbot, window):
    window.open_document("marked")
    start = MARKED.index("وقالت")
    window.article.sub_word = True  # what an Alt+drag or Alt+Shift+arrows selection sets
    window.article.select_range(start + 1, start + 5)  # leave out the clitic و
    press(qtbot, window, Qt.Key.Key_1)
    word = MARKED.index("أكَّدَ")
    window.article.sub_word = True
    window.article.select_range(word + 1, word + 3)  # ends between كَ and its shadda
    press(qtbot, window, Qt.Key.Key_3)
    texts = [text for text, _, _ in stored(window, "marked")]
    assert texts == ["كَّ", "قالت"]


def test_alt_selection_by_mouse_sets_sub_word(qtbot, window):
    window.open_document("mixed")
    qtbot.mousePress(window.article.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.AltModifier)
    assert window.article.sub_word
    qtbot.mousePress(window.article.viewport(), Qt.MouseButton.LeftButton)
    assert not window.article.sub_word


def test_overlapping_spans_relabel_delete_and_undo_redo(qtbot, window):
    window.open_document("marked")
    select(window, MARKED, "وزارة المالية إن الكلفة 40 مليوناً")
    press(qtbot, window, Qt.Key.Key_2)
    select(window, MARKED, "وزارة المالية")
    press(qtbot, window, Qt.Key.Key_1)
    assert [label for _, label, _ in stored(window, "marked")] == ["SPEAKER", "CLAIM"]
    press(qtbot, window, Qt.Key.Key_3)  # relabels the selected (new) span
    assert [label for _, label, _ in stored(window, "marked")] == ["TARGET", "CLAIM"]
    press(qtbot, window, Qt.Key.Key_Delete)
    assert [label for _, label, _ in stored(window, "marked")] == ["CLAIM"]
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [label for _, label, _ in stored(window, "marked")] == ["TARGET", "CLAIM"]
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [label for _, label, _ in stored(window, "marked")] == ["SPEAKER", "CLAIM"]
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [label for _, label, _ in stored(window, "marked")] == ["CLAIM"]
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_Z, redo)
    assert [label for _, label, _ in stored(window, "marked")] == ["CLAIM"]
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [label for _, label, _ in stored(window, "marked")] == ["TARGET", "CLAIM"]


def test_link_a_claim_to_its_speaker_set_stance_and_undo_both(qtbot, window):
    window.open_document("marked")
    speaker_start = select(window, MARKED, "وزارة المالية")
    press(qtbot, window, Qt.Key.Key_1)
    select(window, MARKED, "الكلفة 40 مليوناً")
    press(qtbot, window, Qt.Key.Key_2)
    press(qtbot, window, Qt.Key.Key_G)  # AGAINST
    press(qtbot, window, Qt.Key.Key_S)  # SAID_BY: then click the speaker
    window.article.select_range(speaker_start + 2, speaker_start + 3)
    point = window.article.cursorRect(window.article.textCursor()).center()
    window.article.clear_selection()
    qtbot.mouseClick(window.article.viewport(), Qt.MouseButton.LeftButton, pos=point)
    with Project.open(window.project_path) as project:
        key = project.document_by_id("marked").key
        spans = {s.id: s for s in project.spans(key, "mona")}
        (relation,) = project.relations(key, "mona")
        assert relation.type == "SAID_BY"
        assert spans[relation.head].attrs == {"stance": "AGAINST"}
        assert MARKED[spans[relation.child].start:spans[relation.child].end] == "وزارة المالية"
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with Project.open(window.project_path) as project:
        assert project.relations(key, "mona") == []
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [attrs for _, label, attrs in stored(window, "marked") if label == "CLAIM"] == [{}]


def test_shortcuts_follow_the_physical_key_on_an_arabic_layout(qtbot, window):
    window.open_document("mixed")
    select(window, MIXED, "Nordlicht GmbH")
    # The key labelled 1 on an Arabic layout types ١ (U+0661); X11 reports scan code 10.
    event = QKeyEvent(QEvent.Type.KeyPress, 0x0661, Qt.KeyboardModifier.NoModifier, 10, 0, 0, "١")
    window.editor.key_pressed(event)
    select(window, MIXED, "السوق")
    # The key in the position of 3 with a QTest-like event that has no scan code.
    event = QKeyEvent(QEvent.Type.KeyPress, 0x0663, Qt.KeyboardModifier.NoModifier, "٣")
    window.editor.key_pressed(event)
    assert [(t, l) for t, l, _ in stored(window, "mixed")] == [("Nordlicht GmbH", "SPEAKER"), ("السوق", "TARGET")]


def test_tab_walks_spans_in_reading_order(qtbot, window):
    window.open_document("mixed")
    window.editor.set_show_suggestions(False)  # Tab meets open suggestions too (test_steady_loop.py)
    for phrase, key in (("السوق", Qt.Key.Key_3), ("Nordlicht GmbH", Qt.Key.Key_1)):
        select(window, MIXED, phrase)
        press(qtbot, window, key)
    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, Qt.Key.Key_Tab)
    selected = window.article.highlighter.spans()[window.editor.selected]
    assert MIXED[selected.start:selected.end] == "Nordlicht GmbH"
    press(qtbot, window, Qt.Key.Key_Tab)
    selected = window.article.highlighter.spans()[window.editor.selected]
    assert MIXED[selected.start:selected.end] == "السوق"
    press(qtbot, window, Qt.Key.Key_Tab)  # past the last span, round to the first
    selected = window.article.highlighter.spans()[window.editor.selected]
    assert MIXED[selected.start:selected.end] == "Nordlicht GmbH"
    press(qtbot, window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # before the first: the last
    selected = window.article.highlighter.spans()[window.editor.selected]
    assert MIXED[selected.start:selected.end] == "السوق"


def test_search_ignores_harakat_and_a_hit_can_be_labelled(qtbot, window):
    window.open_document("marked")
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.isVisible()
    window.search.query.insert("المشروع سينجز")  # QTest cannot type non-Latin letters
    assert window.search.hits == [(MARKED.index("المشروعَ"), MARKED.index("،"))]
    qtbot.keyClick(window.search.query, Qt.Key.Key_Return)
    window.article.setFocus()
    press(qtbot, window, Qt.Key.Key_2)
    assert stored(window, "marked") == [("المشروعَ سيُنجَزُ", "CLAIM", {})]
    window.search.query.setText("أكد")
    assert window.search.hits == [(MARKED.index("أكَّدَ"), MARKED.index("أكَّدَ") + len("أكَّدَ"))]


def test_done_and_next_unfinished_and_a_restart_shows_everything(qtbot, window, tmp_path):
    window.open_document("mixed")
    select(window, MIXED, "Nordlicht GmbH")
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.project.document(window.editor.document).id == "marked"
    with Project.open(window.project_path) as project:
        assert project.status(project.document_by_id("mixed").key, "mona") == "done"
    assert window.progress.text() == "done 1 of 2"
    path = window.project_path
    window.close()
    again = MainWindow(path, annotator="mona")
    qtbot.addWidget(again)
    assert again.project.document(again.editor.document).id == "marked"
    again.open_document("mixed")
    (span,) = again.editor.spans()
    assert MIXED[span.start:span.end] == "Nordlicht GmbH"
