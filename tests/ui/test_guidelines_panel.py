"""The project's guidelines beside the article: rendered from its Markdown, scrolled to the
section of the span under the cursor, a label's definition over its spans and keys, loaded
from File → Guidelines…, and the demo's own guidelines in both interface languages."""

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableWidget, QToolTip

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.core.store import guidelines
from annotator.demo import ensure_demo_project
from annotator.ui import dialogs
from annotator.ui.guidelines_panel import SHOWN_SETTING
from annotator.ui.i18n import install_translator, uninstall_translator
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import app_settings

# Written for these tests, after /work/shared/guidelines.md; the people are fictional.
TEXT = "قال الوزير سامي العلي إن الخطة «ناجحة»، وأكدت النقابة أن الأجور منخفضة."
FILLER = "\n\n".join(f"Rule {n}: read the whole sentence before you mark it." for n in range(30))
GUIDELINES = (f"# Team guidelines\n\nRead these first.\n\n## SPEAKER\n\nWho a statement is **attributed** to.\n\n{FILLER}\n\n"
              f"## CLAIM\n\nWhat the speaker is reported to have said.\n\n{FILLER}\n\n"
              f"## TARGET\n\nWhat a claim takes a position on.\n\n{FILLER}\n")


def open_window(qtbot, path, annotator="mona", guidelines_shown=True):
    """The window as someone who left the guidelines shown (Ctrl+G) opens it."""
    app_settings().setValue(SHOWN_SETTING, guidelines_shown)
    window = MainWindow(path, annotator=annotator)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def project_path(tmp_path):
    path = tmp_path / "team.annotator"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="t.txt", id="t")])
        guidelines.replace(project, GUIDELINES)
    return path


@pytest.fixture
def window(qtbot, project_path):
    return open_window(qtbot, project_path)


def label(qtbot, window, phrase, key):
    start = TEXT.index(phrase)
    window.article.select_range(start, start + len(phrase))
    qtbot.keyClick(window.article, key)
    return window.editor.selected


def headings(panel):
    found, block = [], panel.browser.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            found.append((block.blockFormat().headingLevel(), block.text()))
        block = block.next()
    return found


def test_the_panel_renders_the_projects_markdown(window):
    panel = window.guidelines
    assert panel.isVisible()
    assert headings(panel) == [(1, "Team guidelines"), (2, "SPEAKER"), (2, "CLAIM"), (2, "TARGET")]
    shown = panel.browser.toPlainText()
    assert "Who a statement is attributed to." in shown
    assert "##" not in shown and "**" not in shown
    assert panel.top_block_text() == "Team guidelines"


def test_selecting_a_span_scrolls_to_its_labels_section(qtbot, window):
    panel = window.guidelines
    claim = label(qtbot, window, "الخطة «ناجحة»", Qt.Key.Key_2)
    speaker = label(qtbot, window, "سامي العلي", Qt.Key.Key_1)
    assert panel.top_block_text() == "SPEAKER"
    window.editor.select(claim)
    assert panel.top_block_text() == "CLAIM"
    window.editor.select(speaker)
    assert panel.top_block_text() == "SPEAKER"


def test_the_caret_in_a_span_scrolls_to_its_labels_section(qtbot, window):
    label(qtbot, window, "الخطة «ناجحة»", Qt.Key.Key_2)
    window.editor.select(None)
    window.guidelines.browser.verticalScrollBar().setValue(0)
    window.article.select_range(TEXT.index("ناجحة") + 1, TEXT.index("ناجحة") + 1)
    assert window.guidelines.top_block_text() == "CLAIM"


def test_hovering_a_span_shows_its_labels_definition(qtbot, window):
    label(qtbot, window, "الخطة «ناجحة»", Qt.Key.Key_2)
    window.editor.select(None)
    viewport = window.article.viewport()
    point = window.article._cursor_rect(TEXT.index("ناجحة") + 2).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    window.article.viewportEvent(event)
    assert "What the speaker is reported to have said." in QToolTip.text()
    assert "CLAIM" in QToolTip.text()
    QToolTip.hideText()


def test_a_labels_key_and_the_details_label_show_its_definition(qtbot, window):
    claim = label(qtbot, window, "الخطة «ناجحة»", Qt.Key.Key_2)
    window.editor.select(claim)
    assert "What the speaker is reported to have said." in window.panel.label.toolTip()
    window.show_shortcuts()
    table = window.findChildren(QTableWidget)[-1]
    keys = {table.item(row, 0).text(): table.item(row, 0).toolTip() for row in range(3)}
    assert "Who a statement is attributed to." in keys["1"]
    assert "What a claim takes a position on." in keys["3"]


def test_a_project_without_guidelines_says_how_to_add_them(qtbot, tmp_path):
    path = tmp_path / "bare.annotator"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="t.txt", id="t")])
    window = open_window(qtbot, path)
    shown = window.guidelines.browser.toPlainText()
    assert "no guidelines" in shown and "File → Guidelines…" in shown
    assert window.editor.describe(window.article.highlighter.spans_at(0)) == ""


def test_file_guidelines_loads_a_markdown_file_into_the_project(qtbot, window, project_path, tmp_path):
    new = tmp_path / "v2.md"
    new.write_text("# Version two\n\n## CLAIM\n\nThe words a speaker is quoted as saying.\n", encoding="utf-8")
    assert window.guidelines.load_file(str(new))
    assert headings(window.guidelines) == [(1, "Version two"), (2, "CLAIM")]
    assert window.guidelines.definition("CLAIM") == "The words a speaker is quoted as saying."
    window.close()
    with Project.open(project_path) as project:
        assert guidelines.read(project) == {"": new.read_text(encoding="utf-8")}


def test_a_bad_file_is_refused_with_its_name_and_nothing_changes(qtbot, window, project_path, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, title, text: warnings.append(text))
    bad = tmp_path / "latin.md"
    bad.write_bytes("## CLAIM\n\nCafé".encode("latin-1"))
    assert not window.guidelines.load_file(str(bad))
    assert len(warnings) == 1 and str(bad) in warnings[0] and "not UTF-8" in warnings[0]
    assert headings(window.guidelines)[1] == (2, "SPEAKER")
    window.close()
    with Project.open(project_path) as project:
        assert guidelines.read(project) == {"": GUIDELINES}


def test_the_panel_starts_hidden_and_then_as_it_was_left(qtbot, project_path):
    app_settings().remove(SHOWN_SETTING)
    window = MainWindow(project_path, annotator="mona")  # a first start
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    panel = window.guidelines
    assert not panel.isVisible() and panel.browser.toPlainText() == ""  # nothing rendered at start
    assert panel.definition("SPEAKER") == "Who a statement is attributed to."  # the hover texts have it
    label(qtbot, window, "النقابة", Qt.Key.Key_1)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)  # as the system delivers it
    assert panel.isVisible() and panel.toggleViewAction().text() == "Show guidelines"
    assert headings(panel)[1] == (2, "SPEAKER")
    assert panel.top_block_text() == "SPEAKER"  # at the section of the span selected while it was hidden
    window.close()
    assert app_settings().value(SHOWN_SETTING, type=bool) is True
    again = MainWindow(project_path, annotator="mona")
    qtbot.addWidget(again)
    again.show()
    assert again.guidelines.isVisible()
    again.guidelines.toggleViewAction().trigger()
    assert not again.guidelines.isVisible()
    again.close()
    assert app_settings().value(SHOWN_SETTING, type=bool) is False


@pytest.fixture
def arabic(qapp):
    settings = app_settings()
    settings.setValue("language", "ar")
    settings.sync()
    translator = install_translator(qapp)
    yield qapp
    uninstall_translator(qapp, translator)
    settings.setValue("language", "en")
    settings.sync()


def demo_window(qtbot, tmp_path):
    window = open_window(qtbot, ensure_demo_project(tmp_path / "demo.annotator"))
    qtbot.waitUntil(lambda: not window.editor.suggestions_deferred)
    return window


def test_the_demo_ships_english_guidelines_with_every_labels_definition(qtbot, tmp_path):
    window = demo_window(qtbot, tmp_path)
    with_english = headings(window.guidelines)
    assert (2, "CLAIM") in with_english and (2, "Every span") in with_english
    for name in ("SPEAKER", "CLAIM", "TARGET"):
        assert window.guidelines.definition(name), name
    assert window.guidelines.definition("CLAIM").startswith("The content the article reports")


def test_the_demo_ships_arabic_guidelines_shown_in_the_arabic_interface(qtbot, tmp_path, arabic):
    window = demo_window(qtbot, tmp_path)
    assert (2, "تصريح (CLAIM)") in headings(window.guidelines)
    assert window.guidelines.definition("CLAIM").startswith("مضمون ما ينسبه المقال")
    window.resize(1200, 500)
    qtbot.waitUntil(lambda: window.guidelines.browser.viewport().height() < 460)
    assert not heading_in_view(window.guidelines, "تصريح (CLAIM)")
    claim = next(s for s in window.editor.spans() if s.label == "CLAIM")
    window.editor.select(claim.id)
    assert heading_in_view(window.guidelines, "تصريح (CLAIM)")
    window.editor.select(next(s for s in window.editor.spans() if s.label == "SPEAKER").id)
    assert window.guidelines.top_block_text() == "متحدث (SPEAKER)"


def heading_in_view(panel, text):
    """Whether the heading's whole line is inside the panel's visible part (the end of the
    guidelines cannot scroll to the top)."""
    block = panel.browser.document().find(text).block()
    top = panel.browser.document().documentLayout().blockBoundingRect(block).top()
    scrolled = panel.browser.verticalScrollBar().value()
    return block.text() == text and 0 <= top - scrolled <= panel.browser.viewport().height() - 20


def test_file_guidelines_is_in_the_file_menu_and_off_in_a_read_only_window(qtbot, project_path):
    window = open_window(qtbot, project_path)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [action.text() for action in file_menu.actions()]
    assert texts[-3:] == ["Guidelines…", "", "Quit"]
    assert window.guidelines.load_action.isEnabled()
    window.close()
    reader = MainWindow(project_path, annotator="mona", read_only=True)
    qtbot.addWidget(reader)
    reader.show()
    assert not reader.guidelines.load_action.isEnabled()
    assert headings(reader.guidelines)[1] == (2, "SPEAKER")


def test_a_second_schemas_labels_find_their_sections(qtbot, tmp_path):
    from annotator.core.schema import load_schema_file
    from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA

    path = tmp_path / "quotes.annotator"
    with Project.create(path, load_schema_file(QUOTES_SCHEMA)) as project:
        import_documents(project, [DocumentInput(text=QUOTE_TEXT, path="q.txt", id="q")])
        guidelines.replace(project, f"# Quotes\n\n## Person\n\nWho speaks.\n\n{FILLER}\n\n## Quote\n\n"
                                    f"Words given between quote marks or reported.\n\n{FILLER}\n")
    window = open_window(qtbot, path)
    start = QUOTE_TEXT.index("الطرق ستُصلح قريباً")
    window.article.select_range(start, start + len("الطرق ستُصلح قريباً"))
    qtbot.keyClick(window.article, Qt.Key.Key_Q)
    assert window.guidelines.top_block_text() == "Quote"
    described = window.editor.describe(window.article.highlighter.spans_at(start))
    assert described.endswith("Words given between quote marks or reported.")


def test_the_panel_reads_no_file_the_markdown_names(qtbot, window, tmp_path):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QColor, QImage, QTextDocument

    picture = tmp_path / "picture.png"
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    image.save(str(picture))
    markdown = tmp_path / "with-image.md"
    markdown.write_text(f"# With an image\n\n![picture]({picture.as_uri()})\n", encoding="utf-8")
    assert window.guidelines.load_file(str(markdown))
    qtbot.wait(50)
    loaded = window.guidelines.browser.document().resource(QTextDocument.ResourceType.ImageResource,
                                                           QUrl(picture.as_uri()))
    assert loaded is None or loaded.width() <= 1


def test_new_guidelines_replace_what_a_selection_showed_of_the_old(qtbot, window, tmp_path):
    claim = label(qtbot, window, "الخطة «ناجحة»", Qt.Key.Key_2)
    assert window.guidelines.definition("CLAIM") == "What the speaker is reported to have said."
    new = tmp_path / "v2.md"
    new.write_text(f"# Version two\n\n{FILLER}\n\n## CLAIM\n\nThe words a speaker is quoted as saying.\n\n{FILLER}\n",
                   encoding="utf-8")
    assert window.guidelines.load_file(str(new))
    window.editor.select(None)
    window.editor.select(claim)
    assert window.guidelines.definition("CLAIM") == "The words a speaker is quoted as saying."
    assert window.guidelines.top_block_text() == "CLAIM"
