"""The details panel and the tree beside the article follow the project's schema (issue 17):
a project of people and their quotes gets a tone list and its quotes grouped by person,
and nothing of the default schema's stance or entity."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import DEFAULT_SCHEMA, Attribute, Label, Schema, load_schema_file
from annotator.core.store import Project
from annotator.ui.annotation_panel import AnnotationPanel
from annotator.ui.main_window import MainWindow
from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA
from tests.ui.test_links_tree import shown

MAYOR, RESIDENT = "رئيس البلدية", "أحد السكان"
ROADS, PROMISES = "الطرق ستُصلح قريباً", "الوعود لا تكفي"


@pytest.fixture
def quotes() -> Schema:
    return load_schema_file(QUOTES_SCHEMA)


def open_window(qtbot, tmp_path, schema, spans=(), links=()) -> tuple[MainWindow, dict[str, int]]:
    """A project on ``schema`` holding ``spans`` (words, label, attributes) and ``links``
    (relation, head words, child words), open in the window; and the spans' ids by words."""
    path = tmp_path / "q.sqlite"
    ids = {}
    with Project.create(path, schema) as project:
        import_documents(project, [DocumentInput(text=QUOTE_TEXT, path="q.txt", id="q1")])
        key = project.document_by_id("q1").key
        for words, label, attrs in spans:
            start = QUOTE_TEXT.index(words)
            ids[words] = project.add_span(key, "mona", start, start + len(words), label, attrs).spans_added[0].id
        for relation, head, child in links:
            project.add_relation(relation, ids[head], ids[child])
    window = MainWindow(path, annotator="mona")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, ids


def stored_attrs(window, span_id):
    with Project.open(window.project_path, read_only=True) as reader:
        return reader.span(span_id).attrs


def headers(panel) -> list[str]:
    header = panel.tree.headerItem()
    return [header.text(column) for column in range(panel.tree.columnCount())]


def test_a_quote_gets_a_tone_list_and_no_stance_or_entity_box(qtbot, tmp_path, quotes):
    window, ids = open_window(qtbot, tmp_path, quotes, [(MAYOR, "PERSON", {}), (ROADS, "QUOTE", {"tone": "CALM"})])
    panel = window.panel
    tone = panel.editors["tone"]
    assert list(panel.editors) == ["tone"]
    attribute_boxes = [box for box in panel.findChildren(QLineEdit) if not panel.notes.isAncestorOf(box)]
    assert panel.findChildren(QComboBox) == [tone] and attribute_boxes == []
    assert panel.details.labelForField(tone).text() == "tone"

    window.editor.select(ids[ROADS])
    assert tone.isEnabled()
    assert [tone.itemText(i) for i in range(tone.count())] == ["", "CALM", "ANGRY"]
    assert tone.currentText() == "CALM"
    window.editor.select(ids[MAYOR])
    assert not tone.isEnabled() and tone.currentText() == ""


def test_a_tone_chosen_in_the_panel_is_stored_and_shown_in_the_tree(qtbot, tmp_path, quotes):
    window, ids = open_window(qtbot, tmp_path, quotes, [(ROADS, "QUOTE", {})])
    window.editor.select(ids[ROADS])
    tone = window.panel.editors["tone"]
    tone.setFocus()
    qtbot.keyClick(tone, Qt.Key.Key_Down)  # the blank entry to the first tone
    assert stored_attrs(window, ids[ROADS]) == {"tone": "CALM"}
    assert shown(window.panel.tree)[0][2][0][1] == "CALM"
    window.editor.undo_stack.undo()
    assert stored_attrs(window, ids[ROADS]) == {}
    assert tone.currentText() == ""


def test_quotes_are_grouped_under_their_person_with_their_tone(qtbot, tmp_path, quotes):
    window, ids = open_window(
        qtbot, tmp_path, quotes,
        [(MAYOR, "PERSON", {}), (RESIDENT, "PERSON", {}),
         (ROADS, "QUOTE", {"tone": "ANGRY"}), (PROMISES, "QUOTE", {})],
        [("SAYS", ROADS, MAYOR)])
    panel = window.panel
    assert headers(panel) == ["QUOTE by PERSON", "tone"]
    assert shown(panel.tree) == [
        (f"{MAYOR} (1)", True, [(ROADS, "ANGRY", ids[ROADS])]),
        ("(no PERSON) (1)", True, [(PROMISES, "", ids[PROMISES])]),
    ]
    window.editor.link(ids[PROMISES], ids[RESIDENT], window.project.schema.relation("SAYS"))
    assert shown(panel.tree) == [
        (f"{MAYOR} (1)", True, [(ROADS, "ANGRY", ids[ROADS])]),
        (f"{RESIDENT} (1)", True, [(PROMISES, "", ids[PROMISES])]),
    ]


def named_people(quotes: Schema) -> Schema:
    """The quotes schema whose PERSON has a free-text name: what names the person."""
    person = replace(quotes.label("PERSON"), attributes=(Attribute("name"),))
    return replace(quotes, labels=(person, quotes.label("QUOTE")))


def test_a_free_text_attribute_of_any_schema_offers_and_keeps_the_names_already_written(qtbot, tmp_path, quotes):
    window, ids = open_window(qtbot, tmp_path, named_people(quotes),
                              [(MAYOR, "PERSON", {"name": "Mayor Haddad"}), (RESIDENT, "PERSON", {}),
                               (ROADS, "QUOTE", {}), (PROMISES, "QUOTE", {})],
                              [("SAYS", ROADS, MAYOR), ("SAYS", PROMISES, RESIDENT)])
    box = window.panel.editors["name"]
    assert window.panel.details.labelForField(box).text() == "name"
    assert [group[0] for group in shown(window.panel.tree)] == ["Mayor Haddad (1)", f"{RESIDENT} (1)"]
    window.editor.select(ids[RESIDENT])
    assert box.isEnabled() and box.text() == ""
    box.setText("mayor  haddad")
    box.textEdited.emit("haddad")
    assert box._offered.stringList() == ["Mayor Haddad"]
    box.editingFinished.emit()
    assert stored_attrs(window, ids[RESIDENT]) == {"name": "Mayor Haddad"}  # the known spelling
    assert [group[0] for group in shown(window.panel.tree)] == ["Mayor Haddad (2)"]

    window.editor.set_attribute(ids[MAYOR], "name", "Salma")
    box.textEdited.emit("sal")
    assert box._offered.stringList() == ["Salma"]  # known values follow each edit


def test_a_schema_without_relations_shows_no_tree(qtbot, tmp_path):
    role = Attribute("role", ("HOST", "GUEST"))
    people = Schema(name="people", labels=(Label("PERSON", "#ff8800", "p", attributes=(role,)),))
    window, ids = open_window(qtbot, tmp_path, people, [(MAYOR, "PERSON", {"role": "HOST"})])
    assert window.panel.tree.isHidden()
    assert window.panel.tree.topLevelItemCount() == 0
    window.editor.select(ids[MAYOR])
    assert window.panel.editors["role"].currentText() == "HOST"
    start = QUOTE_TEXT.index(RESIDENT)
    window.article.select_range(start, start + len(RESIDENT))
    qtbot.keyClick(window.article, Qt.Key.Key_P)
    assert window.editor.span(window.editor.selected).label == "PERSON"
    assert window.panel.tree.topLevelItemCount() == 0


def test_the_panel_follows_another_schema(qtbot, quotes):
    panel = AnnotationPanel(DEFAULT_SCHEMA)
    qtbot.addWidget(panel)
    assert list(panel.editors) == ["entity", "stance"]
    panel.set_schema(quotes)
    assert list(panel.editors) == ["tone"]
    assert [panel.details.itemAt(row, panel.details.ItemRole.LabelRole).widget().text()
            for row in range(panel.details.rowCount())] == ["Label", "Text", "tone", "Links"]
    assert headers(panel) == ["QUOTE by PERSON", "tone"]


def test_an_attribute_two_labels_share_lists_the_values_of_the_selected_spans_label(qtbot, tmp_path, quotes):
    person = replace(quotes.label("PERSON"), attributes=(Attribute("tone", ("SHOUTING", "WHISPERING")),))
    schema = replace(quotes, labels=(person, quotes.label("QUOTE")))
    window, ids = open_window(qtbot, tmp_path, schema,
                              [(MAYOR, "PERSON", {"tone": "WHISPERING"}), (ROADS, "QUOTE", {})])
    tone = window.panel.editors["tone"]
    window.editor.select(ids[MAYOR])
    assert [tone.itemText(i) for i in range(tone.count())] == ["", "SHOUTING", "WHISPERING"]
    assert tone.currentText() == "WHISPERING"
    window.editor.select(ids[ROADS])
    assert [tone.itemText(i) for i in range(tone.count())] == ["", "CALM", "ANGRY"]
    assert tone.currentText() == ""
