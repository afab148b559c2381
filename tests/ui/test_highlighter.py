"""Highlights land on the right letters, whatever separates the paragraphs."""

import pytest
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from annotator.core.model import Span
from annotator.core.schema import DEFAULT_SCHEMA
from annotator.ui.article_view import ArticleView
from annotator.ui.highlighter import block_starts


def highlighted(view: ArticleView) -> list[str]:
    """The text under each highlight format, read from Qt's own layout of each block."""
    found = []
    block = view.document().begin()
    while block.isValid():
        for fmt_range in block.layout().formats():
            found.append(block.text()[fmt_range.start:fmt_range.start + fmt_range.length])
        block = block.next()
    return found


def shown_view(qtbot) -> ArticleView:
    """An article view on screen: a view paints the blocks it shows at once."""
    view = ArticleView(QApplication.font().family(), DEFAULT_SCHEMA)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.mark.parametrize("separator", ["\n", "\u2029", "\ufdd0"])
def test_a_span_after_a_paragraph_break_is_painted_on_its_own_letters(qtbot, separator):
    text = f"الفقرة الأولى 😀{separator}قال الوزيرُ إن الخطة «ناجحة»."
    view = shown_view(qtbot)
    start = text.index("الوزيرُ")
    view.show_document(text, [Span(1, 1, "mona", start, start + len("الوزيرُ"), "SPEAKER")])
    assert highlighted(view) == ["الوزيرُ"]
    claim = text.index("«ناجحة»")
    view.highlighter.add(Span(2, 1, "mona", claim, claim + len("«ناجحة»"), "CLAIM"))
    assert highlighted(view) == ["الوزيرُ", "«ناجحة»"]
    view.highlighter.remove(1)
    assert highlighted(view) == ["«ناجحة»"]


def test_nested_spans_keep_both_visible(qtbot):
    text = "وأكد أن مشروع الميناء الجديد سيُفتتح قريباً."
    view = shown_view(qtbot)
    claim_start = text.index("مشروع")
    target_end = text.index(" سيُفتتح")
    view.show_document(text, [
        Span(1, 1, "mona", claim_start, len(text) - 1, "CLAIM"),
        Span(2, 1, "mona", claim_start, target_end, "TARGET"),
    ])
    formats = view.document().begin().layout().formats()
    inner = [f.format for f in formats if f.start == claim_start]
    outer = [f.format for f in formats if f.start == target_end]
    assert inner[0].background().color() != outer[0].background().color()
    assert inner[0].underlineStyle() != inner[0].underlineStyle().NoUnderline
    assert outer[0].underlineStyle() == outer[0].underlineStyle().NoUnderline


def long_article(paragraphs: int = 300) -> str:
    return "\n".join(f"الفقرة {n}: قال الوزيرُ إن الخطة «ناجحة»." for n in range(paragraphs))


def speakers(text: str) -> list[Span]:
    """One span on each paragraph's «الوزيرُ», ids from 1."""
    spans, start = [], text.find("الوزيرُ")
    while start >= 0:
        spans.append(Span(len(spans) + 1, 1, "mona", start, start + len("الوزيرُ"), "SPEAKER"))
        start = text.find("الوزيرُ", start + 1)
    return spans


def test_opening_paints_the_screen_at_once_and_the_rest_from_the_event_loop(qtbot):
    text = long_article()
    view = shown_view(qtbot)
    calls = []
    highlight = view.highlighter.highlightBlock
    view.highlighter.highlightBlock = lambda block_text: calls.append(block_text) or highlight(block_text)
    spans = speakers(text)
    view.show_document(text, spans)
    assert view.highlighter.spans_at(spans[-1].start) == [spans[-1]]  # before it is painted
    on_screen = highlighted(view)
    assert 0 < len(on_screen) < 300
    assert len(calls) < 300, "setting the text called highlightBlock once per paragraph"
    qtbot.waitUntil(lambda: len(highlighted(view)) == 300)
    assert set(highlighted(view)) == {"الوزيرُ"}
    assert len(calls) >= 300


def test_a_view_opened_before_it_shows_lays_the_text_out_once_at_its_own_width(qtbot):
    """The window opens its first document before it first shows, when the article does
    not have its width yet: the text is laid out (and the screen painted) on showing."""
    text = long_article()
    view = ArticleView(QApplication.font().family(), DEFAULT_SCHEMA)
    qtbot.addWidget(view)
    view.show_document(text, speakers(text))
    assert laid_out(view) <= 1 and highlighted(view) == []  # Qt itself lays out the first
    view.resize(700, 500)
    view.show()  # the blocks on screen are painted before the first frame
    on_screen = highlighted(view)
    assert 0 < len(on_screen) < 300 and set(on_screen) == {"الوزيرُ"}
    qtbot.waitUntil(lambda: len(highlighted(view)) == 300)


def laid_out(view: ArticleView) -> int:
    """How many of the view's blocks Qt has laid out (broken into lines) so far."""
    count, block = 0, view.document().begin()
    while block.isValid():
        count += block.layout().lineCount() > 0
        block = block.next()
    return count


def test_changes_before_a_paragraph_is_first_painted_are_kept(qtbot):
    text = long_article()
    view = ArticleView(QApplication.font().family(), DEFAULT_SCHEMA)
    qtbot.addWidget(view)
    spans = speakers(text)
    view.show_document(text, spans)
    last, before_last = spans[-1], spans[-2]
    view.highlighter.remove(before_last.id)
    claim = text.rindex("«ناجحة»")
    view.highlighter.replace(Span(last.id, 1, "mona", claim, claim + len("«ناجحة»"), "CLAIM"))
    assert view.highlighter.spans_at(before_last.start + 1) == []
    assert view.highlighter.spans_at(last.start + 1) == []
    assert view.highlighter.spans_at(spans[-3].start + 1) == [spans[-3]]
    qtbot.waitUntil(lambda: len(highlighted(view)) == 299)
    assert highlighted(view)[-2:] == ["الوزيرُ", "«ناجحة»"]


def test_block_starts_are_where_qt_starts_each_block():
    text = "أ\nب\u2029ج\ufdd0د\ufdd1هـ\u2028و\n\nز"
    document = QTextDocument()
    document.setPlainText(text)
    positions, block = [], document.begin()
    while block.isValid():
        positions.append(block.position())
        block = block.next()
    assert block_starts(text) == positions


def test_the_selected_span_is_waved_and_its_linked_spans_darker(qtbot):
    text = "قال الوزيرُ إن الخطة «ناجحة» وقال الوزيرُ إنها جاهزة."
    view = shown_view(qtbot)
    first, second = text.index("الوزيرُ"), text.rindex("الوزيرُ")
    claim = text.index("«ناجحة»")
    view.show_document(text, [Span(1, 1, "mona", claim, claim + len("«ناجحة»"), "CLAIM"),
                              Span(2, 1, "mona", first, first + len("الوزيرُ"), "SPEAKER"),
                              Span(3, 1, "mona", second, second + len("الوزيرُ"), "SPEAKER")])

    def format_at(offset: int):
        formats = view.document().begin().layout().formats()
        return QTextCharFormat(next(f.format for f in formats if f.start == offset))

    plain = format_at(second).background().color()
    view.highlighter.set_selected(1, {2})
    assert format_at(claim).underlineStyle() == format_at(claim).underlineStyle().WaveUnderline
    assert format_at(first).background().color().lightness() < plain.lightness()
    assert format_at(second).background().color() == plain
    view.highlighter.set_selected(None)
    assert format_at(claim).underlineStyle() == format_at(claim).underlineStyle().NoUnderline
    assert format_at(first).background().color() == plain


def test_after_opening_the_highlighter_still_follows_changes_to_the_text(qtbot):
    view = ArticleView(QApplication.font().family(), DEFAULT_SCHEMA)
    qtbot.addWidget(view)
    view.show_document("قال الوزيرُ\nإن الخطة ناجحة", [])
    calls = []
    highlight = view.highlighter.highlightBlock
    view.highlighter.highlightBlock = lambda block_text: calls.append(block_text) or highlight(block_text)
    QTextCursor(view.document()).insertText("و")
    assert calls == ["وقال الوزيرُ"]
