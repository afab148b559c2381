"""The window's value keys follow the project's schema (issue 17): a schema of its own
sets its attributes with its own keys, and the default's F/G/N/U mean nothing there."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import load_schema_file
from annotator.core.store import Project
from annotator.ui.main_window import MainWindow
from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA



def test_a_schema_of_its_own_sets_its_attribute_with_its_own_keys(qtbot, tmp_path):
    path = tmp_path / "q.sqlite"
    with Project.create(path, load_schema_file(QUOTES_SCHEMA)) as project:
        import_documents(project, [DocumentInput(text=QUOTE_TEXT, path="t", id="q1")])
    window = MainWindow(path, annotator="mona")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
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
