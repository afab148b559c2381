"""The window as a reader sees it: the article laid out right to left, as plain text."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.ui.main_window import MainWindow

# Written for this test: a paragraph that starts with a Latin word, and markup-like text.
ARTICLE = ("وزارة النقل تفتتح خطاً جديداً\n"
           "Bloomberg: «سيخدم 40 ألف راكب».\n"
           "<b>ليس وسماً</b> &amp; <img src='x.png'>")


def make_project(tmp_path):
    path = tmp_path / "p.sqlite"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=ARTICLE, path="t.txt", id="transport")])
    return path


def test_the_article_is_plain_text_right_to_left_in_the_bundled_font(qtbot, tmp_path):
    window = MainWindow(make_project(tmp_path))
    qtbot.addWidget(window)
    window.open_document("transport")
    view = window.article
    assert view.toPlainText() == ARTICLE
    assert view.document().toRawText().replace("\u2029", "\n") == ARTICLE
    option = view.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert option.alignment() & Qt.AlignmentFlag.AlignRight
    assert view.font().family() == "Noto Naskh Arabic"
    latin_first = view.document().findBlockByNumber(1)
    assert latin_first.text().startswith("Bloomberg")
    assert latin_first.textDirection() == Qt.LayoutDirection.RightToLeft


def test_a_latin_first_line_still_reaches_the_right_margin(qtbot, tmp_path):
    window = MainWindow(make_project(tmp_path))
    qtbot.addWidget(window)
    window.resize(1400, 700)
    window.show()
    qtbot.waitExposed(window)
    window.open_document("transport")
    view = window.article
    image = view.viewport().grab().toImage()
    block = view.document().findBlockByNumber(1)
    line_box = view.blockBoundingGeometry(block).translated(view.contentOffset())
    y = int(line_box.center().y())
    background = QColor(image.pixel(2, y))
    inked = [x for x in range(image.width()) if QColor(image.pixel(x, y)) != background]
    assert inked, "the second line drew nothing"
    assert max(inked) > image.width() * 0.85, "a line starting with a Latin word is not right-aligned"
    assert min(inked) > image.width() * 0.15


def test_quitting_closes_the_dashboards_and_review_windows_it_opened(qtbot, tmp_path):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QApplication

    window = MainWindow(make_project(tmp_path), annotator="mona")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    def press_in_window(sequence):
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        qtbot.keySequence(window, QKeySequence(sequence))

    press_in_window("Ctrl+D")
    first = window.dashboard
    press_in_window("Ctrl+D")  # the same dashboard again, not a second one left behind
    press_in_window("Ctrl+R")
    review = window.review
    opened = [first, window.dashboard, review]
    for other in opened:
        qtbot.addWidget(other)
    assert all(other.isVisible() for other in opened)
    quit_action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "Quit")
    quit_action.trigger()  # File > Quit (StandardKey.Quit has no key on the offscreen platform)
    assert not window.isVisible()
    assert not any(other.isVisible() for other in opened)
    ours = (window, *opened)

    def of_ours(widget):
        while widget is not None and not any(widget is mine for mine in ours):
            widget = widget.parentWidget()
        return widget is not None

    # the reviewer's question too
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible() and of_ours(w)] == []
