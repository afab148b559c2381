"""Labels that mix Arabic and Latin read in the right order (issue 18, item 5).

Each string is taken from the widget that shows it and laid out as that widget lays it
out (its font, its layout direction); the test then compares where known characters land
on screen, left to right, in both interface languages."""

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QWidget

from annotator.ui.review_parts import VersionColumn
from tests.core.test_adjudicate_schema import MAYOR, QUOTE, named_persons, quotes_project, say
from tests.ui.test_arabic_interface import arabic  # noqa: F401 (a fixture)
from tests.ui.test_review_schema import go_to, review

# Written for these tests: a claim that ends on its closing guillemet.
SPEAKER, CLAIM = "أحمد الزين", "مناطق «خفض التوتر»"
TEXT = f"قال {SPEAKER} إن {CLAIM} آمنة."


class Shown:
    """Where each character of ``text`` lands, laid out in one line as ``widget`` does."""

    def __init__(self, text: str, widget: QWidget, font: QFont | None = None, width: float = 100_000):
        self.text = text
        self.layout = QTextLayout(text, font or widget.font())
        option = QTextOption()
        option.setTextDirection(widget.layoutDirection())
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        self.layout.setTextOption(option)
        self.layout.beginLayout()
        y = 0.0
        while (line := self.layout.createLine()).isValid():
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        self.layout.endLayout()

    def x(self, part: str, last: bool = False) -> tuple[float, float]:
        """The left and right edges of ``part`` (its first occurrence, or its last)."""
        rects = self.rects(part, last)
        return min(r.left() for r in rects), max(r.right() for r in rects)

    def rects(self, part: str, last: bool = False) -> list:
        start = self.text.rindex(part) if last else self.text.index(part)
        return [run.boundingRect() for run in self.layout.glyphRuns(start, len(part))]

    def line_of(self, part: str) -> int:
        return self.layout.lineForTextPosition(self.text.index(part)).lineNumber()

    def left_to_right(self, *parts: str) -> bool:
        """Whether the parts appear in this order from left to right, none overlapping."""
        edges = [self.x(p, last=p == "»") for p in parts]
        return all(a[1] <= b[0] + 0.5 for a, b in zip(edges, edges[1:]))


@pytest.fixture
def window(make_window, qtbot):
    window = make_window({"t": TEXT})
    start = TEXT.index(SPEAKER)
    window.article.select_range(start, start + len(SPEAKER))
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    speaker = window.editor.selected
    start = TEXT.index(CLAIM)
    window.article.select_range(start, start + len(CLAIM))
    qtbot.keyClick(window.article, Qt.Key.Key_2)
    claim = window.editor.selected
    window.editor.link(claim, speaker, window.project.schema.relation("SAID_BY"))
    window.editor.select(speaker)
    return window


def test_a_link_keeps_the_arabic_words_whole_after_its_name(window):
    links = window.panel.links
    shown = Shown(links.text(), links)
    # The closing guillemet ends the Arabic words, so it is their leftmost mark, not the
    # line's last character on the right.
    assert shown.left_to_right("SAID_BY", "»", "التوتر", "«", "مناطق")


def test_a_words_row_of_the_gold_comparison_keeps_its_guillemets(window):
    from annotator.core import adjudicate

    start = TEXT.index(CLAIM)
    adjudicate.edit(window.project, window.editor.document, None, start, start + len(CLAIM), "CLAIM",
                    {"stance": "AGAINST"}, by="rania")
    window._refresh_panel()
    rows = window.panel.gold
    row = next(rows.item(i).text() for i in range(rows.count()) if "«" in rows.item(i).text())
    shown = Shown(row, rows)
    # The words' guillemets are the row's first: what differs may quote a linked span's words too.
    order = ["»", "التوتر", "«", "مناطق", "—"]
    if rows.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        order = order[-1:] + order[:-1]
    edges = [shown.x(part) for part in order]
    assert all(a[1] <= b[0] + 0.5 for a, b in zip(edges, edges[1:]))


def test_in_arabic_a_version_key_reads_one_dot_before_a_latin_name(arabic):  # noqa: F811
    column = VersionColumn(1, "karim", QFont(), lambda: None)
    assert column.layoutDirection() == Qt.LayoutDirection.RightToLeft
    shown = Shown(column.title(), column)
    # Read from the right: "1." first, then the name; the full stop stays after the 1.
    assert shown.left_to_right("karim", "1", ".")
    column.deleteLater()


def test_in_english_a_version_key_reads_one_dot_before_an_arabic_name():
    column = VersionColumn(2, "كريم", QFont(), lambda: None)
    shown = Shown(column.title(), column)
    assert shown.left_to_right("2", ".", "كريم")
    column.deleteLater()


def test_in_arabic_a_file_extension_keeps_its_dot_in_front(arabic, qtbot):  # noqa: F811
    from annotator.ui.transfer import ImportDialog

    dialog = ImportDialog("")
    qtbot.addWidget(dialog)
    label = next(w for w in dialog.findChildren(QLabel) if "txt" in w.text())
    shown = Shown(label.text(), label)
    # Right to left: the opening parenthesis is on the right, ".txt" reads as written inside.
    assert shown.left_to_right(")", ".", "txt", "(")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_latin_name_given_to_arabic_words_keeps_its_parentheses_when_wrapped(qtbot, tmp_path, request, language):
    if language == "ar":
        request.getfixturevalue("arabic")
    with quotes_project(tmp_path / "q.sqlite", named_persons()) as project:
        say(project, "karim", "CALM", MAYOR, name="Russian sources")
        say(project, "sara", "ANGRY", MAYOR)
    window = review(qtbot, tmp_path / "q.sqlite")
    window.resize(1300, 800)
    go_to(window, QUOTE)
    field = window.columns[0].details[0]["person"]
    width = field.fontMetrics().horizontalAdvance(f"{MAYOR} (Russian")  # "sources)" goes to the next line
    shown = Shown(field.text(), field, width=width + 8)
    assert shown.line_of("Russian") == shown.line_of("(") == 0 and shown.line_of("sources") == 1
    # Read from the left, the first line is "... (Russian" or "(Russian ...", never "Russian)".
    assert shown.left_to_right("(", "Russian") and shown.left_to_right("sources", ")")


def test_words_that_open_with_a_latin_name_read_right_to_left_as_in_the_article(make_window):
    text = "قالت Bloomberg الأمريكية إن الخطة جيدة."
    window = make_window({"t": text})
    words = "Bloomberg الأمريكية"
    window.article.select_range(text.index(words), text.index(words) + len(words))
    window.editor.label_selection("SPEAKER")
    claim_start = text.index("الخطة")
    window.article.select_range(claim_start, claim_start + len("الخطة جيدة"))
    window.editor.label_selection("CLAIM")
    claim = window.editor.selected
    speaker = next(s.id for s in window.editor.spans() if s.label == "SPEAKER")
    window.editor.link(claim, speaker, window.project.schema.relation("SAID_BY"))
    window.editor.select(claim)
    links = window.panel.links
    assert Shown(links.text(), links).left_to_right("SAID_BY", "الأمريكية", "Bloomberg")


def test_the_paragraph_preview_numbers_its_lines_with_the_number_first_on_the_right(qtbot):
    from annotator.ui.paragraph_preview import ParagraphPreview

    dialog = ParagraphPreview(None, [("Reuters", "الخطة جيدة")])
    qtbot.addWidget(dialog)
    line = dialog.list.toPlainText()
    shown = Shown(line, dialog.list)
    assert dialog.list.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert shown.left_to_right("الخطة", ":", "Reuters", "1", ".")
