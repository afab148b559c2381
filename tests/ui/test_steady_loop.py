"""A loop that never stalls (issue 18, item 3): Tab walks spans and suggestions
together, the keyboard comes back to the article after a panel or a button, a link's
prompt leaves the status bar when the link ends, a clicked claim is shown whole, and
link curves keep off the words they join."""

from PySide6.QtCore import Qt

from annotator.core.store import Project

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
