"""The Arabic interface shows the schema's Arabic display names, the review's words and the
suggester's rules in Arabic, while the project file keeps SPEAKER, CLAIM, FAVOR and SAID_BY."""

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import GOLD_LAYER
from annotator.core.store import Project
from annotator.ui.bidi import strip_isolates
from annotator.ui.help_dialog import shortcut_rows
from annotator.ui.hover import hover_text
from annotator.ui.i18n import install_translator, uninstall_translator
from annotator.ui.review_window import ReviewWindow
from annotator.ui.settings import app_settings
from tests.ui.test_review_window import TEXT as REVIEW_TEXT
from tests.ui.test_review_window import build, go_to, shown

# Written for these tests; the people are fictional.
TEXT = "قال وزير المالية كريم سلّوم إن العجز سينخفض العام المقبل."


@pytest.fixture
def arabic(qapp):
    settings = app_settings()
    settings.setValue("language", "ar")
    settings.sync()
    translator = install_translator(qapp)
    assert translator is not None
    yield qapp
    uninstall_translator(qapp, translator)
    settings.setValue("language", "en")
    settings.sync()


def press(qtbot, window, key):
    qtbot.keyClick(window.article, key)


def stored(window):
    with Project.open(window.project_path) as project:
        key = project.document_by_id("t").key
        spans = project.spans(key, "mona")
        return ([(TEXT[s.start:s.end], s.label, s.attrs) for s in spans],
                [r.type for r in project.relations(key, "mona")])


def test_the_editor_shows_arabic_names_and_the_file_keeps_the_stored_ones(qtbot, arabic, make_window):
    window = make_window({"t": TEXT})
    window.article.select_range(TEXT.index("وزير"), TEXT.index(" إن"))
    press(qtbot, window, Qt.Key.Key_1)
    window.article.select_range(TEXT.index("العجز"), TEXT.index("."))
    press(qtbot, window, Qt.Key.Key_2)
    assert window.panel.label.text() == "تصريح"
    assert window.panel.tree.headerItem().text(0) == "تصريح حسب متحدث"
    assert window.panel.tree.headerItem().text(1) == "الموقف"

    stance = window.panel.editors["stance"]
    assert [stance.itemText(i) for i in range(stance.count())] == ["", "مؤيد", "معارض", "محايد", "غير واضح"]
    stance.setCurrentIndex(2)
    stance.activated.emit(2)  # what a click on «معارض» sends
    assert stance.currentText() == "معارض"
    claim = window.editor.span(window.editor.selected)
    speaker = next(s for s in window.editor.spans() if s.label == "SPEAKER")
    window.editor.link(claim.id, speaker.id, window.project.schema.relation("SAID_BY"))

    hover = strip_isolates(hover_text(window.editor, [window.editor.span(claim.id)]))
    assert hover.startswith("تصريح · الموقف: معارض") and "منسوب إلى: " in hover
    assert "منسوب إلى" in window.panel.links.text()
    tree_row = window.panel.tree.topLevelItem(0).child(0)
    assert tree_row.text(1) == "معارض"
    rows = dict(shortcut_rows(window.project.schema))
    assert "متحدث" in rows["1"] and "منسوب إلى" in rows["S"] and "معارض" in rows["G"]

    spans, links = stored(window)
    assert [(label, attrs) for _, label, attrs in sorted(spans)] == [("CLAIM", {"stance": "AGAINST"}),
                                                                     ("SPEAKER", {})]
    assert links == ["SAID_BY"]


def test_a_suggestion_names_its_rule_in_arabic(qtbot, arabic, make_window):
    window = make_window({"t": TEXT})
    first = min(window.editor.suggestions, key=lambda k: window.editor.suggestions[k].claim)
    assert window.editor.suggestions[first].rule == "verb-first+inna"
    window.editor.span_clicked(first)
    message = window.statusBar().currentMessage()
    assert "فعل القول ثم إنّ" in message and "verb-first" not in message, message


def test_the_review_window_speaks_arabic_about_units_and_decisions(qtbot, arabic, tmp_path):
    review = shown(qtbot, ReviewWindow(build(tmp_path / "review.sqlite"), reviewer="huda"))
    review.open_document("dam")
    states = [review.unit_list.topLevelItem(i).text(0) for i in range(review.unit_list.topLevelItemCount())]
    assert any("تختلف في: الحدود، الموقف، موضوع" in s for s in states), states
    assert not any(word in " ".join(states) for word in ("differs", "agreed", "boundaries", "stance", "target"))
    assert [review.edit_label.itemText(i) for i in range(review.edit_label.count())] == ["متحدث", "تصريح", "موضوع"]

    go_to(review, "ليلى منصور")
    review.decisions.pick_nth(0)
    go_to(review, "ليلى منصور")
    assert "محسومة: ذهبية" in review.unit_list.currentItem().text(0)
    assert "متحدث" in review.gold_now.text() and "مختار" in review.gold_now.text(), review.gold_now.text()
    with Project.open(tmp_path / "review.sqlite") as project:
        key = project.document_by_id("dam").key
        (gold,) = project.spans(key, GOLD_LAYER)
        assert (REVIEW_TEXT[gold.start:gold.end], gold.label) == ("ليلى منصور", "SPEAKER")
        assert project.provenance(gold.id)["decision"] == "picked"


def wrapped_height(widget, width: int, text: str) -> int:
    from PySide6.QtCore import QRect

    return widget.fontMetrics().boundingRect(QRect(0, 0, width, 100000), Qt.TextFlag.TextWordWrap, text).height()


def test_no_row_of_the_shortcuts_list_is_cut_off_in_arabic(qtbot, arabic, make_window):
    from annotator.ui.help_dialog import show_shortcuts

    window = make_window({"t": TEXT})
    dialog = show_shortcuts(window, window.project.schema)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    from PySide6.QtWidgets import QTableWidget

    table = dialog.findChild(QTableWidget)
    assert table.horizontalHeader().length() <= table.viewport().width()
    width = table.columnWidth(1) - 2 * table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) - 8
    for row in range(table.rowCount()):
        text = table.item(row, 1).text()
        assert wrapped_height(table, width, text) <= table.rowHeight(row), text


def test_the_comparison_with_gold_wraps_instead_of_cutting_off(qtbot, arabic, tmp_path):
    from annotator.ui.main_window import MainWindow

    path = build(tmp_path / "review.sqlite")
    review = shown(qtbot, ReviewWindow(path, reviewer="huda"))
    review.open_document("dam")
    go_to(review, "ليلى منصور")
    review.decisions.pick_nth(0)
    review.close()
    window = MainWindow(path, annotator="mona")
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.open_document("dam")
    gold = window.panel.gold
    lines = [gold.item(i).text() for i in range(gold.count())]
    assert any("غير موجود في المرجع الذهبي" in line for line in lines), lines
    longest = max(lines, key=lambda line: gold.fontMetrics().horizontalAdvance(line))
    assert gold.fontMetrics().horizontalAdvance(longest) > gold.viewport().width()  # too long for one line
    assert gold.horizontalScrollBar().maximum() == 0
    for i in range(gold.count()):
        rect = gold.visualItemRect(gold.item(i))
        assert rect.width() <= gold.viewport().width()
        assert rect.height() >= wrapped_height(gold, rect.width(), gold.item(i).text()), gold.item(i).text()


def test_a_relabel_names_the_dropped_value_in_arabic(qtbot, arabic, make_window):
    window = make_window({"t": TEXT})
    window.article.select_range(TEXT.index("العجز"), TEXT.index("."))
    press(qtbot, window, Qt.Key.Key_2)
    press(qtbot, window, Qt.Key.Key_F)
    press(qtbot, window, Qt.Key.Key_3)  # the selected claim becomes a target: its stance goes
    message = window.statusBar().currentMessage()
    assert "موضوع" in message and "الموقف" in message and "مؤيد" in message, message
    assert not any(word in message for word in ("TARGET", "stance", "FAVOR")), message
    spans, _ = stored(window)
    assert [(label, attrs) for _, label, attrs in spans] == [("TARGET", {})]


def test_a_boundary_move_names_the_span_in_arabic(qtbot, arabic, make_window):
    window = make_window({"t": TEXT})
    window.article.select_range(TEXT.index("وزير"), TEXT.index(" إن"))
    press(qtbot, window, Qt.Key.Key_1)
    qtbot.keyClick(window.article, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    message = window.statusBar().currentMessage()
    assert "متحدث" in message and "SPEAKER" not in message, message
