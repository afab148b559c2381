"""A loop that never stalls (issue 18, item 3): Tab walks spans and suggestions
together, the keyboard comes back to the article after a panel or a button, a link's
prompt leaves the status bar when the link ends, a clicked claim is shown whole, and
link curves keep off the words they join."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.ui.main_window import MainWindow
from annotator.ui.review_window import ReviewWindow
from tests.ui import test_review_window as review

# Written for these tests: two reported-speech sentences and one without speech.
TEXT = ("قال وزير المالية كريم سلّوم إن العجز سينخفض العام المقبل. "
        "وأكدت النقابة أن الأجور لم ترتفع منذ سنوات.\n"
        "وفي سياق آخر، ارتفعت أسعار الوقود.")


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.article, key, modifier)


def selected_words(window) -> str:
    span = window.article.highlighter.spans()[window.editor.selected]
    return TEXT[span.start:span.end]


def stored(window) -> list[tuple[str, str]]:
    with Project.open(window.project_path) as project:
        key = project.document_by_id("t").key
        return sorted((TEXT[s.start:s.end], s.label) for s in project.spans(key, "mona"))


def test_tab_walks_the_suggestions_of_an_article_with_no_spans_in_reading_order(qtbot, make_window):
    window = make_window({"t": TEXT})
    claims = sorted(s.claim for s in window.editor.suggestions.values())
    assert len(claims) >= 2 and window.editor.spans() == []
    window.article.setFocus()
    walked = []
    for _ in claims:
        press(qtbot, window, Qt.Key.Key_Tab)
        walked.append(selected_words(window))
    assert walked == [TEXT[start:end] for start, end in claims]
    press(qtbot, window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert selected_words(window) == TEXT[claims[-2][0]:claims[-2][1]]
    press(qtbot, window, Qt.Key.Key_Return)  # accepted as if it had been clicked
    assert (TEXT[claims[-2][0]:claims[-2][1]], "CLAIM") in stored(window)


def test_tab_walks_spans_and_suggestions_together(qtbot, make_window):
    window = make_window({"t": TEXT})
    fuel = TEXT.index("أسعار الوقود")
    window.article.select_range(fuel, fuel + len("أسعار الوقود"))
    press(qtbot, window, Qt.Key.Key_3)
    assert stored(window) == [("أسعار الوقود", "TARGET")]
    press(qtbot, window, Qt.Key.Key_Escape)
    claims = sorted(s.claim for s in window.editor.suggestions.values())
    walked = []
    for _ in range(len(claims) + 1):
        press(qtbot, window, Qt.Key.Key_Tab)
        walked.append(selected_words(window))
    assert walked == [TEXT[start:end] for start, end in claims] + ["أسعار الوقود"]


def label(qtbot, window, words: str, key) -> None:
    start = TEXT.index(words)
    window.article.select_range(start, start + len(words))
    press(qtbot, window, key)


def click_words(qtbot, window, words: str) -> None:
    start = TEXT.index(words)
    window.article.select_range(start + 1, start + 2)
    point = window.article.cursorRect(window.article.textCursor()).center()
    window.article.clear_selection()
    qtbot.mouseClick(window.article.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_the_link_prompt_leaves_the_status_bar_when_the_link_is_cancelled_or_made(qtbot, make_window):
    window = make_window({"t": TEXT})
    window.editor.set_show_suggestions(False)
    label(qtbot, window, "النقابة", Qt.Key.Key_1)
    label(qtbot, window, "الأجور لم ترتفع منذ سنوات", Qt.Key.Key_2)
    press(qtbot, window, Qt.Key.Key_S)
    assert "Esc" in window.statusBar().currentMessage()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.statusBar().currentMessage() == ""
    click_words(qtbot, window, "الأجور لم ترتفع")
    press(qtbot, window, Qt.Key.Key_S)
    assert "Esc" in window.statusBar().currentMessage()
    click_words(qtbot, window, "النقابة")
    assert window.editor.relations() and window.statusBar().currentMessage() == ""


def focused():
    return QApplication.focusWidget()


def test_after_a_value_chosen_in_the_details_list_the_keys_act_on_the_article(qtbot, make_window):
    window = make_window({"t": TEXT})
    window.editor.set_show_suggestions(False)
    label(qtbot, window, "الأجور لم ترتفع منذ سنوات", Qt.Key.Key_2)
    stance = window.panel.editors["stance"]
    qtbot.mouseClick(stance, Qt.MouseButton.LeftButton)  # the list's popup opens
    qtbot.waitUntil(lambda: stance.view().isVisible())
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # a release this soon would be the opening click's
    row = stance.view().visualRect(stance.model().index(stance.findData("AGAINST"), 0)).center()
    qtbot.mouseClick(stance.view().viewport(), Qt.MouseButton.LeftButton, pos=row)
    with Project.open(window.project_path) as project:
        (span,) = project.spans(project.document_by_id("t").key, "mona")
        assert span.attrs == {"stance": "AGAINST"}
    assert focused() is window.article
    qtbot.keyClick(focused(), Qt.Key.Key_Delete)  # the key reaches the article: the span goes
    assert stored(window) == []


def test_after_return_in_the_entity_box_the_keys_act_on_the_article(qtbot, make_window):
    window = make_window({"t": TEXT})
    window.editor.set_show_suggestions(False)
    label(qtbot, window, "النقابة", Qt.Key.Key_1)
    box = window.panel.editors["entity"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(focused(), "Workers union")
    assert focused() is box  # typing keeps the keyboard
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert focused() is window.article
    with Project.open(window.project_path) as project:
        (span,) = project.spans(project.document_by_id("t").key, "mona")
        assert span.attrs == {"entity": "Workers union"}


def test_after_a_decision_button_the_keys_1_to_9_pick_again(qtbot, tmp_path):
    window = review.shown(qtbot, ReviewWindow(review.build(tmp_path / "review.sqlite"), reviewer="huda"))
    window.open_document("dam")
    window.accept_button.click()
    review.go_to(window, review.CLAIM_LONG)
    qtbot.mouseClick(window.columns[1].pick_button, Qt.MouseButton.LeftButton)  # mona's
    assert review.current_words(window) == review.THREAT
    assert focused() is window.unit_list
    qtbot.keyClick(focused(), Qt.Key.Key_3)  # sara's
    assert review.THREAT in [words for words, _, _ in review.gold_words(window)]
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert focused() is window.unit_list
    assert review.THREAT not in [words for words, _, _ in review.gold_words(window)]


def long_claim_article() -> tuple[str, str, str]:
    """Sixty short lines, a speaker and a claim that wraps over several lines, sixty more."""
    filler = "".join(f"سطر قصير رقم {n} في هذا النص.\n" for n in range(60))
    claim = " ".join(f"الإصلاح رقم {n} سيخفض الأسعار في المدن والقرى خلال الأشهر المقبلة" for n in range(8))
    speaker = "الوزير سامر خليل"
    return filler + f"وقال {speaker} إن {claim}.\n" + filler, speaker, claim


def test_a_claim_clicked_in_the_tree_is_shown_from_its_first_line_to_its_last(qtbot, tmp_path):
    text, speaker, claim = long_claim_article()
    path = tmp_path / "p.sqlite"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=text, path="t.txt", id="t")])
        key = project.document_by_id("t").key
        said = project.add_span(key, "mona", text.index(speaker), text.index(speaker) + len(speaker), "SPEAKER")
        told = project.add_span(key, "mona", text.index(claim), text.index(claim) + len(claim), "CLAIM")
        project.add_relation("SAID_BY", told.spans_added[0].id, said.spans_added[0].id)
    window = MainWindow(path, annotator="mona")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    start, end = text.index(claim), text.index(claim) + len(claim)
    article = window.article
    assert article._cursor_rect(end).top() - article._cursor_rect(start).top() > 2 * article.fontMetrics().height()
    tree = window.panel.tree
    item = next(tree.topLevelItem(0).child(i) for i in range(tree.topLevelItem(0).childCount())
                if tree.topLevelItem(0).child(i).data(0, Qt.ItemDataRole.UserRole) is not None)
    for scrolled_to in (0, len(text)):  # the claim below the screen, then above it
        article.bring_into_view(scrolled_to)
        assert not article.shows(start, end)
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
        assert window.editor.selected is not None and window.editor.span(window.editor.selected).start == start
        height = article.viewport().height()
        assert 0 <= article._cursor_rect(start).top() and article._cursor_rect(end).bottom() <= height


# Written for these tests: one ministry, named in the first article, unnamed in the second
# (spelled there with ه for ة, as a hurried writer might).
NAMED_ARTICLE = "😀 وأعلنت وزارة الدفاع الروسية أن القصف مستمر."
UNNAMED_ARTICLE = "وقالت وزارة الدفاع الروسيه إن الوفد وصل."


def entity_window(qtbot, tmp_path):
    path = tmp_path / "p.sqlite"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=NAMED_ARTICLE, path="a.txt", id="a"),
                                   DocumentInput(text=UNNAMED_ARTICLE, path="b.txt", id="b")])
        words = "وزارة الدفاع الروسية"
        start = NAMED_ARTICLE.index(words)
        project.add_span(project.document_by_id("a").key, "karim", start, start + len(words), "SPEAKER",
                         {"entity": "Russian MoD"})
    window = MainWindow(path, annotator="mona")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_document("b")
    window.editor.set_show_suggestions(False)
    words = "وزارة الدفاع الروسيه"
    start = UNNAMED_ARTICLE.index(words)
    window.article.select_range(start, start + len(words))
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    return window


def entity_in_b(window):
    with Project.open(window.project_path) as project:
        (span,) = project.spans(project.document_by_id("b").key, "mona")
        return span.attrs.get("entity")


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Return])
def test_the_entity_box_proposes_the_entity_the_same_name_has_elsewhere_and_one_key_takes_it(qtbot, tmp_path, key):
    window = entity_window(qtbot, tmp_path)
    box = window.panel.editors["entity"]
    assert box.text() == "" and "Russian MoD" in box.placeholderText()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, key)
    assert entity_in_b(window) == "Russian MoD"
    assert box.text() == "Russian MoD" and focused() is window.article


def test_typing_in_the_entity_box_leaves_the_proposal_aside(qtbot, tmp_path):
    window = entity_window(qtbot, tmp_path)
    box = window.panel.editors["entity"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, "MoD")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert entity_in_b(window) == "MoD"
    window.editor.select(None)
    window.editor.select(window.editor.spans()[0].id)
    assert box.placeholderText() == ""  # named now: nothing to propose


def test_the_suggestion_prompt_leaves_the_status_bar_once_the_suggestion_is_accepted_or_left(qtbot, make_window):
    window = make_window({"t": TEXT})
    window.article.setFocus()
    press(qtbot, window, Qt.Key.Key_Tab)
    assert "Enter accepts" in window.statusBar().currentMessage()
    press(qtbot, window, Qt.Key.Key_Return)
    assert stored(window) and window.statusBar().currentMessage() == ""
    press(qtbot, window, Qt.Key.Key_Tab)
    assert window.editor.selected < 0 and "Enter accepts" in window.statusBar().currentMessage()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.statusBar().currentMessage() == ""
