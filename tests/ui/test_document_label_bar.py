"""Document labels in the annotator's window (issue 21, item 8): the bar above the article
shows each label of the schema with its values; a value's key in the article or a click
sets it, pressed again clears it, Ctrl+Z takes it back, and it is in the file at once.
A schema without document labels shows no bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.schema import load_schema_file
from annotator.core.store import Project
from annotator.core.store import document_labels as document_label_store
from annotator.ui.document_list import STATUS_COLUMN

SCHEMA = Path(__file__).parents[1] / "data" / "news_documents.toml"
TEXT = "قال المتحدث باسم الوزارة إن الاتفاق سيوقع غدا، بحسب مصدر مطلع."  # written for these tests


def focused(qtbot, window):
    """The window active with the keyboard in the article, as an annotator has it: its
    shortcuts (Ctrl+Z) answer only then."""
    window.activateWindow()
    window.article.setFocus()
    qtbot.waitUntil(window.article.hasFocus)
    return window


def in_the_file(path, layer="mona") -> dict:
    with Project.open(path, read_only=True) as reader:
        return {d.name: d.value for d in document_label_store.labels_of(reader, 1, layer)}


def test_a_value_key_sets_it_again_clears_it_and_ctrl_z_brings_it_back(qtbot, make_window):
    window = focused(qtbot, make_window({"t": TEXT}, schema=load_schema_file(SCHEMA)))
    bar = window.document_labels
    assert bar.isVisible() and bar.shown_values() == {}
    assert window.documents.model.index(0, STATUS_COLUMN).data() == "new"
    qtbot.keyClick(window.article, Qt.Key.Key_Y)
    assert in_the_file(window.project_path) == {"reports_stance": "YES"}
    assert bar.shown_values() == {"reports_stance": "YES"}
    qtbot.keyClick(window.article, Qt.Key.Key_X)  # the other value replaces it
    assert in_the_file(window.project_path) == {"reports_stance": "NO"}
    qtbot.keyClick(window.article, Qt.Key.Key_X)  # pressed again: cleared
    assert in_the_file(window.project_path) == {} and bar.shown_values() == {}
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert in_the_file(window.project_path) == {"reports_stance": "NO"} and bar.shown_values() == {"reports_stance": "NO"}
    qtbot.keyClick(window.article, Qt.Key.Key_8)
    assert in_the_file(window.project_path) == {"reports_stance": "NO", "genre": "OPINION"}
    assert window.documents.model.index(0, STATUS_COLUMN).data() == "in progress"  # the document list follows


def test_a_click_sets_a_value_and_a_click_on_it_clears_it(qtbot, make_window):
    window = make_window({"t": TEXT}, schema=load_schema_file(SCHEMA))
    interview = window.document_labels.buttons[("genre", "INTERVIEW")]
    assert interview.text() == "INTERVIEW (9)"
    qtbot.mouseClick(interview, Qt.MouseButton.LeftButton)
    assert in_the_file(window.project_path) == {"genre": "INTERVIEW"} and interview.isChecked()
    qtbot.mouseClick(interview, Qt.MouseButton.LeftButton)
    assert in_the_file(window.project_path) == {} and not interview.isChecked()
    assert window.article.hasFocus() or not interview.hasFocus()  # the keyboard stays with the article


def test_a_span_label_key_still_labels_and_no_bar_without_document_labels(qtbot, make_window):
    window = make_window({"t": TEXT})
    assert not window.document_labels.isVisible()
    start = TEXT.index("مصدر مطلع")
    window.article.select_range(start, start + len("مصدر مطلع"))
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    assert window.editor.span(window.editor.selected).label == "SPEAKER"


def test_the_shortcuts_list_names_each_document_label_key(qtbot):
    from annotator.ui.help_dialog import shortcut_rows

    rows = dict(shortcut_rows(load_schema_file(SCHEMA)))
    assert rows["Y"] == "reports_stance: YES, for the whole article (again: clear it)"
    assert rows["9"] == "genre: INTERVIEW, for the whole article (again: clear it)"
