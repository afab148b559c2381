"""Relabelling by key keeps the attributes the new label also has, says in the status bar
which it dropped, and Ctrl+Z brings label and attributes back."""

from PySide6.QtCore import Qt

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import DEFAULT_SCHEMA, Attribute, Label, Schema
from annotator.core.store import Project
from annotator.ui.bidi import strip_isolates
from annotator.ui.main_window import MainWindow

STANCES = DEFAULT_SCHEMA.label("CLAIM").attribute("stance").values

# Written for these tests: a speaker and what he said.
TEXT = "قال غاتيلوف إن المفاوضات متوقفة حتى إشعار آخر."
SPEAKER = "غاتيلوف"
CLAIM = "المفاوضات متوقفة"

# Two labels that share the stance attribute, one that has none.
SHARED = Schema(name="doubts", labels=(
    Label("CLAIM", "#7cc4f4", "2", attributes=(Attribute("stance", STANCES),)),
    Label("DOUBT", "#f4a27c", "4", attributes=(Attribute("stance", STANCES), Attribute("source"))),
    Label("TOPIC", "#a8e6a1", "5"),
))


def open_window(qtbot, path, spans, schema=None):
    """A project file holding ``spans`` (words, label, attributes), open in the window with
    the first span selected (by Tab from the article)."""
    with Project.create(path, schema) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="t.txt", id="t")])
        key = project.document_by_id("t").key
        for words, label, attrs in spans:
            start = TEXT.index(words)
            project.add_span(key, "mona", start, start + len(words), label, attrs)
    window = MainWindow(path, annotator="mona")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.editor.suggestions_deferred)
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts such as Ctrl+Z reach only the active window
    window.article.setFocus()
    qtbot.keyClick(window.article, Qt.Key.Key_Tab)
    return window


def stored(window):
    with Project.open(window.project_path) as project:
        key = project.document_by_id("t").key
        return [(TEXT[s.start:s.end], s.label, s.attrs) for s in project.spans(key, "mona")]


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.article, key, modifier)


def status(window):
    return strip_isolates(window.statusBar().currentMessage())


def test_a_dropped_entity_is_named_and_ctrl_z_brings_it_back(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "p.sqlite", [(SPEAKER, "SPEAKER", {"entity": "Gatilov"})])
    press(qtbot, window, Qt.Key.Key_3)
    assert stored(window) == [(SPEAKER, "TARGET", {})]
    assert status(window) == 'Relabelled as TARGET; dropped entity "Gatilov" (Ctrl+Z brings it back)'
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window) == [(SPEAKER, "SPEAKER", {"entity": "Gatilov"})]
    assert window.panel.editors["entity"].text() == "Gatilov"


def test_an_attribute_both_labels_have_survives_the_relabel(qtbot, tmp_path):
    doubt = {"stance": "AGAINST", "source": "Reuters"}
    window = open_window(qtbot, tmp_path / "p.sqlite", [(CLAIM, "DOUBT", doubt)], SHARED)
    press(qtbot, window, Qt.Key.Key_2)
    assert stored(window) == [(CLAIM, "CLAIM", {"stance": "AGAINST"})]
    assert status(window) == 'Relabelled as CLAIM; dropped source "Reuters" (Ctrl+Z brings it back)'
    press(qtbot, window, Qt.Key.Key_4)
    assert stored(window) == [(CLAIM, "DOUBT", {"stance": "AGAINST"})]
    assert status(window) == "Relabelled as DOUBT"
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window) == [(CLAIM, "DOUBT", doubt)]


def test_every_dropped_attribute_is_named(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "p.sqlite", [(CLAIM, "DOUBT", {"stance": "FAVOR", "source": "Reuters"})],
                         SHARED)
    press(qtbot, window, Qt.Key.Key_5)
    assert stored(window) == [(CLAIM, "TOPIC", {})]
    assert status(window) == ('Relabelled as TOPIC; dropped stance "FAVOR", source "Reuters" '
                              "(Ctrl+Z brings them back)")


def test_a_relabel_its_link_would_not_fit_changes_nothing_and_says_why(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "p.sqlite", [(SPEAKER, "SPEAKER", {"entity": "Gatilov"}),
                                                        (CLAIM, "CLAIM", {})])
    press(qtbot, window, Qt.Key.Key_Tab)  # the claim
    for key in (Qt.Key.Key_S, Qt.Key.Key_Tab, Qt.Key.Key_Return):  # said by the speaker
        press(qtbot, window, key)
    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, Qt.Key.Key_Tab)  # the speaker
    press(qtbot, window, Qt.Key.Key_3)
    assert stored(window) == [(SPEAKER, "SPEAKER", {"entity": "Gatilov"}), (CLAIM, "CLAIM", {})]
    assert status(window).startswith("Not done: cannot relabel to TARGET")
    with Project.open(window.project_path) as project:
        assert [r.type for r in project.relations(project.document_by_id("t").key, "mona")] == ["SAID_BY"]
