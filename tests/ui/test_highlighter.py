"""Highlights land on the right letters, whatever separates the paragraphs."""

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.model import Span
from annotator.core.schema import DEFAULT_SCHEMA
from annotator.ui.article_view import ArticleView


def highlighted(view: ArticleView) -> list[str]:
    """The text under each highlight format, read from Qt's own layout of each block."""
    found = []
    block = view.document().begin()
    while block.isValid():
        for fmt_range in block.layout().formats():
            found.append(block.text()[fmt_range.start:fmt_range.start + fmt_range.length])
        block = block.next()
    return found


@pytest.mark.parametrize("separator", ["\n", "\u2029", "\ufdd0"])
def test_a_span_after_a_paragraph_break_is_painted_on_its_own_letters(qtbot, separator):
    text = f"الفقرة الأولى 😀{separator}قال الوزيرُ إن الخطة «ناجحة»."
    view = ArticleView(QApplication.font().family(), DEFAULT_SCHEMA)
    qtbot.addWidget(view)
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
    view = ArticleView(QApplication.font().family(), DEFAULT_SCHEMA)
    qtbot.addWidget(view)
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
