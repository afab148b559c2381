"""The window's value keys follow the project's schema (issue 17): a schema of its own
sets its attributes with its own keys, and the default's F/G/N/U mean nothing there."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.schema import load_schema_file
from annotator.core.store import Project
from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA



def test_a_schema_of_its_own_sets_its_attribute_with_its_own_keys(qtbot, make_window):
    window = make_window({"q1": QUOTE_TEXT}, schema=load_schema_file(QUOTES_SCHEMA))
    path = window.project_path
    start = QUOTE_TEXT.index("الطرق")
    window.article.select_range(start, start + len("الطرق ستُصلح قريباً"))
    qtbot.keyClick(window.article, Qt.Key.Key_Q)
    quote = window.editor.selected

    qtbot.keyClick(window.article, Qt.Key.Key_F)  # the default schema's FAVOR key: nothing here
    qtbot.keyClick(window.article, Qt.Key.Key_X)
    with Project.open(path, read_only=True) as reader:
        assert reader.span(quote).attrs == {"tone": "ANGRY"}

    window.article.select_range(QUOTE_TEXT.index("رئيس"), QUOTE_TEXT.index("رئيس") + len("رئيس البلدية"))
    qtbot.keyClick(window.article, Qt.Key.Key_P)
    qtbot.keyClick(window.article, Qt.Key.Key_C)  # a PERSON has no tone
    assert window.statusBar().currentMessage() == "Select a QUOTE to set its tone"
    with Project.open(path, read_only=True) as reader:
        assert [s.attrs for s in reader.spans(1, "mona") if s.label == "PERSON"] == [{}]
