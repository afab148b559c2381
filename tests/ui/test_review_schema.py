"""The review window on a schema of the project's own (issue 17): a QUOTE's tone and the
PERSON it is tied to are shown and marked where the annotators differ, the edit box is
titled by the attribute it edits, and picking a version settles the tone and the link."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from annotator.core.model import GOLD_LAYER
from annotator.core.schema import load_schema_file
from annotator.core.store import Project
from annotator.ui.bidi import strip_isolates
from annotator.ui.review_window import ReviewWindow
from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA
from tests.core.test_adjudicate_schema import MAYOR, QUOTE, RESIDENT, named_persons, quotes_project, say
from tests.ui.test_review_window import shown


def review(qtbot, path) -> ReviewWindow:
    window = shown(qtbot, ReviewWindow(path, reviewer="huda"))
    window.open_document("q1")
    return window


def go_to(window: ReviewWindow, words: str) -> None:
    window.go_to_unit(next(u.key for u in window.units if QUOTE_TEXT[u.start:u.end] == words))


def marked(column) -> set[str]:
    """The field names a version column marks as differing."""
    return {label.text()[2:] for label in column.findChildren(QLabel) if label.text().startswith("≠ ")}


@pytest.fixture
def window(qtbot, tmp_path):
    with quotes_project(tmp_path / "q.sqlite") as project:
        say(project, "ali", "CALM", MAYOR)
        say(project, "bea", "ANGRY", RESIDENT)
    return review(qtbot, tmp_path / "q.sqlite")


def test_a_quote_shows_its_tone_and_person_and_marks_both(window):
    go_to(window, QUOTE)
    assert window.unit_list.currentItem().text(0).endswith("differs: tone, person")
    ali, bea = window.columns
    assert (ali.field("tone"), bea.field("tone")) == ("CALM", "ANGRY")
    assert (ali.field("person"), bea.field("person")) == (MAYOR, RESIDENT)
    assert marked(ali) == marked(bea) == {"tone", "person"}
    assert window.edit_attribute_name.text() == "tone"
    assert [window.edit_attribute.itemText(i) for i in range(window.edit_attribute.count())] == ["", "CALM", "ANGRY"]


def test_picking_by_key_settles_the_tone_and_the_person(qtbot, window):
    go_to(window, RESIDENT)
    qtbot.keyClick(window.unit_list, Qt.Key.Key_2)  # bea
    go_to(window, QUOTE)
    qtbot.keyClick(window.unit_list, Qt.Key.Key_2)
    with Project.open(window.project_path) as project:
        spans = {s.id: s for s in project.spans(1, GOLD_LAYER)}
        (link,) = project.relations(1, GOLD_LAYER)
    quote, person = spans[link.head], spans[link.child]
    assert (QUOTE_TEXT[quote.start:quote.end], quote.attrs, link.type) == (QUOTE, {"tone": "ANGRY"}, "SAYS")
    assert QUOTE_TEXT[person.start:person.end] == RESIDENT
    go_to(window, QUOTE)
    assert strip_isolates(window.gold_now.text()).startswith("Gold: QUOTE, tone ANGRY — picked by huda from bea")


def test_a_linked_person_is_shown_with_the_name_it_was_given(qtbot, tmp_path):
    with quotes_project(tmp_path / "q.sqlite", named_persons()) as project:
        say(project, "ali", "CALM", MAYOR, name="أحمد سليم")
        say(project, "bea", "ANGRY", MAYOR)
    window = review(qtbot, tmp_path / "q.sqlite")
    go_to(window, QUOTE)
    ali, bea = window.columns
    assert (ali.field("person"), bea.field("person")) == (f"{MAYOR} (أحمد سليم)", MAYOR)
    assert marked(ali) == {"tone", "person"}
    go_to(window, MAYOR)
    assert (ali.field("name"), bea.field("name")) == ("أحمد سليم", "—") and marked(ali) == {"name"}
    qtbot.keyClick(window.unit_list, Qt.Key.Key_1)  # ali's
    go_to(window, MAYOR)
    assert strip_isolates(window.gold_now.text()) == "Gold: PERSON — picked by huda from ali"  # the name is the words below


def test_the_edit_box_is_titled_by_the_attribute_of_the_chosen_label(qtbot, tmp_path):
    Project.create(tmp_path / "empty.sqlite", load_schema_file(QUOTES_SCHEMA)).close()
    window = shown(qtbot, ReviewWindow(tmp_path / "empty.sqlite", reviewer="huda"))
    assert window.edit_label.currentText() == "PERSON"
    assert window.edit_attribute_name.text() == "(no attribute)" and not window.edit_attribute.isEnabled()
    window.edit_label.setCurrentText("QUOTE")
    assert window.edit_attribute_name.text() == "tone"
