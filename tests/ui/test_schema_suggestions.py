"""Suggestions follow the project's schema (issue 17): its [suggestions] table says which
labels and relation an accepted suggestion gets, and a schema without it gets none."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import load_schema_file
from annotator.core.store import Project
from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA

MAYOR = "رئيس البلدية"
PROMISE = "الطرق ستُصلح قريباً، وردّ أحد السكان بأن الوعود لا تكفي"  # what the suggester takes as said


def open_quotes(make_window, tmp_path, suggestions: bool):
    schema_file = tmp_path / "quotes.toml"
    table = '\n[suggestions]\nstatement = "QUOTE"\nsource = "PERSON"\nrelation = "SAYS"\n'
    schema_file.write_text(QUOTES_SCHEMA.read_text(encoding="utf-8") + (table if suggestions else ""),
                           encoding="utf-8")
    return make_window({"q1": QUOTE_TEXT}, schema=load_schema_file(schema_file))


def stored(path):
    with Project.open(path, read_only=True) as project:
        spans = {s.id: s for s in project.spans(1, "mona")}
        words = {i: (QUOTE_TEXT[s.start:s.end], s.label) for i, s in spans.items()}
        return sorted(words.values()), [(r.type, words[r.head], words[r.child]) for r in project.relations(1, "mona")]


def test_an_accepted_suggestion_gets_the_labels_and_relation_the_schema_names(qtbot, make_window, tmp_path):
    window = open_quotes(make_window, tmp_path, suggestions=True)
    found = {QUOTE_TEXT[s.claim[0]:s.claim[1]]: pseudo for pseudo, s in window.editor.suggestions.items()}
    assert PROMISE in found
    drawn = {span.label for span in window.article.highlighter.spans().values() if span.id < 0}
    assert drawn == {"QUOTE", "PERSON"}

    window.editor.span_clicked(found[PROMISE])
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    spans, links = stored(window.project_path)
    assert spans == sorted([(PROMISE, "QUOTE"), (MAYOR, "PERSON")])
    assert links == [("SAYS", (PROMISE, "QUOTE"), (MAYOR, "PERSON"))]
    assert PROMISE not in [QUOTE_TEXT[s.claim[0]:s.claim[1]] for s in window.editor.suggestions.values()]

    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window.project_path) == ([], [])


def test_a_schema_without_suggestions_gets_none(make_window, tmp_path):
    window = open_quotes(make_window, tmp_path, suggestions=False)
    assert window.editor.suggestions == {}
    assert [span for span in window.article.highlighter.spans().values() if span.id < 0] == []


def test_the_command_line_says_a_schema_without_suggestions_has_none(tmp_path):
    from click.testing import CliRunner

    from annotator.cli import cli

    path = tmp_path / "q.sqlite"
    with Project.create(path, load_schema_file(QUOTES_SCHEMA)) as project:
        import_documents(project, [DocumentInput(text=QUOTE_TEXT, path="t", id="q1")])
    result = CliRunner().invoke(cli, ["suggest", str(path)])
    assert result.exit_code == 1
    assert "asks for no suggestions" in result.output and "[suggestions]" in result.output
    assert "Traceback" not in result.output
