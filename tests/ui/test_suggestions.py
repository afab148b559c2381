"""Suggestions in the editor: drawn apart, accepted or rejected by key, undoable, remembered."""

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.store import Project
from annotator.formats.native_export import records
from annotator.ui.bidi import strip_isolates
from annotator.ui.main_window import MainWindow

# Written for these tests: two reported-speech sentences in one paragraph.
TEXT = ("قال وزير المالية كريم سلّوم إن العجز سينخفض العام المقبل. "
        "وأكدت النقابة أن الأجور لم ترتفع منذ سنوات.\n"
        "وفي سياق آخر، ارتفعت أسعار الوقود.")


@pytest.fixture
def window(make_window):
    return make_window({"t": TEXT})


def suggestion_words(window):
    return [TEXT[s.claim[0]:s.claim[1]] for s in window.editor.suggestions.values()]


def stored(window):
    with Project.open(window.project_path) as project:
        key = project.document_by_id("t").key
        spans = {s.id: s for s in project.spans(key, "mona")}
        links = [(TEXT[spans[r.head].start:spans[r.head].end], TEXT[spans[r.child].start:spans[r.child].end])
                 for r in project.relations(key, "mona")]
        return [(TEXT[s.start:s.end], s.label) for s in spans.values()], links


def first(window):
    return min(window.editor.suggestions, key=lambda k: window.editor.suggestions[k].claim)


def test_suggestions_are_drawn_but_not_annotations(window, tmp_path):
    assert suggestion_words(window)[:1] == ["العجز سينخفض العام المقبل"]
    assert window.editor.spans() == []
    with Project.open(window.project_path) as project:
        (record,) = records(project)
        assert record["spans"] == []
    formats = window.article.document().begin().layout().formats()
    dashed = [f for f in formats if f.format.underlineStyle() == f.format.underlineStyle().DashUnderline]
    assert dashed


def test_enter_accepts_a_suggestion_with_its_link_and_undo_takes_it_back(qtbot, window):
    window.editor.span_clicked(first(window))
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    spans, links = stored(window)
    assert ("العجز سينخفض العام المقبل", "CLAIM") in spans
    assert links == [("العجز سينخفض العام المقبل", "وزير المالية كريم سلّوم")]
    assert "العجز سينخفض العام المقبل" not in suggestion_words(window)
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window) == ([], [])
    assert "العجز سينخفض العام المقبل" in suggestion_words(window)
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(stored(window)[0]) == 2


def test_backspace_rejects_and_the_rejection_is_remembered(qtbot, window):
    count = len(window.editor.suggestions)
    window.editor.span_clicked(first(window))
    qtbot.keyClick(window.article, Qt.Key.Key_Backspace)
    assert len(window.editor.suggestions) == count - 1
    assert stored(window) == ([], [])
    path = window.project_path
    window.close()
    again = MainWindow(path, annotator="mona")
    qtbot.addWidget(again)
    again.show()  # a window's first suggestions are found once it has drawn its first frame
    qtbot.waitUntil(lambda: not again.editor.suggestions_deferred)
    assert len(again.editor.suggestions) == count - 1
    again.set_annotator("karim")  # another annotator still sees it
    assert len(again.editor.suggestions) == count


def answer_the_preview(qtbot, key: Qt.Key) -> dict:
    """Press ``key`` in the paragraph preview once Shift+Enter has opened it (its event loop
    runs until it is answered); returns what it showed."""
    shown: dict = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # not shown yet
            QTimer.singleShot(10, answer)
            return
        option = dialog.list.document().defaultTextOption()
        shown.update(count=dialog.count.text(), lines=strip_isolates(dialog.list.toPlainText()).splitlines(),
                     right_to_left=option.textDirection() == Qt.LayoutDirection.RightToLeft)
        qtbot.keyClick(dialog.focusWidget() or dialog, key)

    QTimer.singleShot(0, answer)
    return shown


def test_shift_enter_shows_the_paragraphs_suggestions_and_enter_accepts_them(qtbot, window):
    count = len(window.editor.suggestions)
    window.editor.span_clicked(first(window))
    shown = answer_the_preview(qtbot, Qt.Key.Key_Return)
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert shown["count"].endswith("2")
    assert shown["lines"] == ["1. وزير المالية كريم سلّوم: العجز سينخفض العام المقبل",
                              "2. النقابة: الأجور لم ترتفع منذ سنوات"]  # reading order, plain text
    assert shown["right_to_left"]
    claims = [words for words, label in stored(window)[0] if label == "CLAIM"]
    assert claims == ["العجز سينخفض العام المقبل", "الأجور لم ترتفع منذ سنوات"]
    assert len(window.editor.suggestions) == count - 2
    qtbot.waitUntil(window.isActiveWindow)  # back from the preview: Ctrl+Z reaches only the active window
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window) == ([], [])


def test_esc_in_the_paragraph_preview_accepts_nothing(qtbot, window):
    count = len(window.editor.suggestions)
    window.editor.span_clicked(first(window))
    shown = answer_the_preview(qtbot, Qt.Key.Key_Escape)
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert len(shown["lines"]) == 2
    assert stored(window) == ([], [])
    assert len(window.editor.suggestions) == count
    assert not window.editor.undo_stack.canUndo()


def test_suggestions_can_be_hidden(window):
    window.editor.set_show_suggestions(False)
    assert window.editor.suggestions == {}
    assert json.dumps(window.editor.spans()) == "[]"


def test_after_any_action_the_open_suggestions_are_those_a_fresh_look_finds(make_window):
    """Only the suggestions under what an action changed are looked at again (issue 7);
    the result must be what looking at all of them, from the file, gives."""
    import random

    from annotator.core.suggest import suggest

    long_text = "\n".join([TEXT.replace("\n", " ")] * 6)
    window = make_window({"t": long_text})
    editor, project = window.editor, window.project
    computed = suggest(long_text)
    rng = random.Random(11)

    def fresh() -> set[str]:
        rejected = project.rejected_suggestions(editor.document, "mona")  # from the file, not the session
        claims = [s for s in project.spans(editor.document, "mona") if s.label == "CLAIM"]
        return {s.key() for s in computed if s.key() not in rejected
                and not any(c.start < s.claim[1] and s.claim[0] < c.end for c in claims)}

    def drawn() -> set[str]:
        pseudo = {span.id for span in editor.view.highlighter.spans().values() if span.id < 0}
        assert pseudo == editor.drawn.drawn_ids()
        return {s.key() for s in editor.suggestions.values()}

    assert drawn() == fresh() and len(drawn()) == len(computed)
    for step in range(60):
        spans = project.spans(editor.document, "mona")
        move = rng.random()
        if move < 0.25 and editor.suggestions:
            editor.accept_suggestion(rng.choice(list(editor.suggestions)))
        elif move < 0.4 and editor.suggestions:
            editor.reject_suggestion(rng.choice(list(editor.suggestions)))
        elif move < 0.6:
            suggestion = rng.choice(computed)
            window.article.select_range(*suggestion.claim)
            editor.label_selection(rng.choice(["CLAIM", "TARGET"]))
        elif move < 0.7 and spans:
            editor.relabel(rng.choice(spans).id, rng.choice(["CLAIM", "TARGET", "SPEAKER"]))
        elif move < 0.8 and spans:
            editor.select(rng.choice(spans).id)
            editor.delete_selected()
        else:
            editor.undo_stack.undo()
        assert drawn() == fresh(), f"after step {step}"


def test_on_a_long_article_suggestions_are_painted_and_unpainted_in_every_paragraph(make_window, qtbot):
    """Thousands of suggestions are drawn and taken away all at once, the screen at once
    and the rest from the event loop: every paragraph ends up painted as it should be."""
    paragraphs = 400
    window = make_window({"t": "\n".join([TEXT.replace("\n", " ")] * paragraphs)})
    document = window.article.document()

    def painted() -> int:
        return sum(1 for n in range(document.blockCount()) if document.findBlockByNumber(n).layout().formats())

    qtbot.waitUntil(lambda: painted() == paragraphs, timeout=10_000)
    assert len(window.editor.suggestions) == 2 * paragraphs
    window.editor.set_show_suggestions(False)
    qtbot.waitUntil(lambda: painted() == 0, timeout=10_000)
    window.editor.set_show_suggestions(True)
    qtbot.waitUntil(lambda: painted() == paragraphs, timeout=10_000)


def long_article() -> str:
    from annotator.ui.suggestion_layer import LONG_ARTICLE

    paragraph = TEXT.replace("\n", " ")
    return "\n".join([paragraph] * (LONG_ARTICLE // len(paragraph) + 60))


def test_a_long_article_shows_its_first_suggestions_at_once_and_the_rest_follow(make_window, qtbot):
    from annotator.core.suggest import suggest

    text = long_article()
    window = make_window({"long": text, "short": TEXT})
    window.open_document("long")
    every = {s.key() for s in suggest(text)}
    first = {s.key() for s in window.editor.suggestions.values()}
    assert first and first < every  # the top of the article now, not all of it
    qtbot.waitUntil(lambda: {s.key() for s in window.editor.suggestions.values()} == every, timeout=30_000)


def test_a_long_article_left_before_its_suggestions_are_all_found_keeps_none_of_them(make_window, qtbot):
    window = make_window({"long": long_article(), "short": TEXT})
    window.open_document("long")
    window.open_document("short")
    qtbot.wait(300)
    assert sorted(suggestion_words(window)) == sorted(["العجز سينخفض العام المقبل", "الأجور لم ترتفع منذ سنوات"])


def test_an_action_while_the_suggestions_are_found_counts_for_those_found_later(make_window, qtbot):
    from annotator.core.suggest import suggest

    text = long_article()
    window = make_window({"long": text})
    window.open_document("long")
    last = suggest(text)[-1]  # found in the last step, long after this action
    window.article.select_range(*last.claim)
    window.editor.label_selection("CLAIM")
    assert window.editor.finding_suggestions
    qtbot.waitUntil(lambda: not window.editor.finding_suggestions, timeout=30_000)
    assert last.key() not in {s.key() for s in window.editor.suggestions.values()}
