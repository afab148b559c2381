"""``annotator notes`` (issue 21, item 2): lists the notes with their author, document and
words, as text or JSON, and lets the lead open them to every annotator or close them."""

from __future__ import annotations

import json

from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.session import DocumentSession
from annotator.core.store import Project
from annotator.core.store import notes as note_store

TEXT = "قال المتحدث باسم الوزارة إن الاتفاق سيوقع غدا."  # written for these tests


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def noted_project(tmp_path):
    path = tmp_path / "p.sqlite"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="a.txt", id="budget")])
        session = DocumentSession(project, 1, "mona")
        start = TEXT.index("المتحدث باسم الوزارة")
        speaker = session.label(start, start + len("المتحدث باسم الوزارة"), "SPEAKER").changes.spans_added[0]
        session.set_note(speaker.id, "a spokesman: the ministry speaks")
    return path


def test_notes_are_listed_with_their_words_and_who_may_read_them(tmp_path):
    path = noted_project(tmp_path)
    result = run("notes", path)
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "notes: 1, visible to reviewers",
        "  budget mona «المتحدث باسم الوزارة»: a spokesman: the ministry speaks"]
    found = json.loads(run("notes", path, "--json").output)
    assert found["visible_to"] == "reviewers"
    assert [(n["document"], n["layer"], n["words"], n["text"]) for n in found["notes"]] == [
        ("budget", "mona", "المتحدث باسم الوزارة", "a spokesman: the ministry speaks")]


def test_the_lead_opens_the_notes_to_all_and_closes_them_again(tmp_path):
    path = noted_project(tmp_path)
    assert run("notes", path, "--visible-to", "all").output.startswith("notes: 1, visible to all")
    with Project.open(path, read_only=True) as reader:
        assert [n.text for n in note_store.visible_notes(reader, 1, "omar")] == ["a spokesman: the ministry speaks"]
    run("notes", path, "--visible-to", "reviewers")
    with Project.open(path, read_only=True) as reader:
        assert note_store.visible_notes(reader, 1, "omar") == []


def test_an_unknown_audience_is_refused_and_changes_nothing(tmp_path):
    path = noted_project(tmp_path)
    result = CliRunner().invoke(cli, ["notes", str(path), "--visible-to", "everyone"])
    assert result.exit_code == 2 and "'everyone' is not one of 'reviewers', 'all'" in result.output
    with Project.open(path, read_only=True) as reader:
        assert note_store.visible_to(reader) == "reviewers"
