"""Offline check-out and check-in (issue 20, item 3): ``annotator checkout`` writes an
annotator's assigned documents and layer to a project file of their own, and
``annotator checkin`` brings that layer back, touching no other layer, refusing a
document whose text differs, leaving conflicts alone unless --prefer says, and changing
nothing when the same file comes back twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import load_schema_file
from annotator.core.session import DocumentSession
from annotator.core.store import Project, assignments, guidelines
from annotator.core.store.active_time import add_active_time

SCHEMA = Path(__file__).parent / "data" / "news_documents.toml"
# Written for these tests: four short reports, one sentence each.
TEXTS = {
    "d1": "قال وزير الخارجية إن المحادثات مثمرة.",
    "d2": "أعلنت الوزارة أن الطريق سيغلق يوم الجمعة.",
    "d3": "رفض النائب الخطة الجديدة للنقل.",
    "d4": "قالت النقابة إنها تؤيد رفع الأجور.",
}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def words_of(project: Project, key: int, words: str) -> tuple[int, int]:
    start = project.document(key).text.index(words)
    return start, start + len(words)


def annotate(project: Project, key: int, layer: str, speaker: str, claim: str, note: str = "") -> None:
    """A speaker, a claim said by them, an attribute, a note, a document label, time."""
    session = DocumentSession(project, key, layer)
    who = session.label(*words_of(project, key, speaker), "SPEAKER").changes.spans_added[0]
    what = session.label(*words_of(project, key, claim), "CLAIM").changes.spans_added[0]
    session.set_attribute(what.id, "stance", "FAVOR")
    session.link("SAID_BY", what.id, who.id)
    if note:
        session.set_note(None, note)
    session.set_document_label("reports_stance", "YES")
    add_active_time(project, key, layer, 42.5)


@pytest.fixture
def project_path(tmp_path) -> Path:
    """d1-d3 assigned to mona (d1 annotated by her), d4 to karim; karim annotated d1 too."""
    path = tmp_path / "p.sqlite"
    with Project.create(path, schema=load_schema_file(SCHEMA)) as project:
        import_documents(project, [DocumentInput(text=text, path=f"{i}.txt", id=i) for i, text in TEXTS.items()])
        assignments.change(project, added=[(1, "mona"), (2, "mona"), (3, "mona"), (4, "karim"), (1, "karim")])
        guidelines.replace(project, "# Mark every speaker\n")
        annotate(project, 1, "mona", "وزير الخارجية", "المحادثات مثمرة", note="checked the source")
        annotate(project, 1, "karim", "وزير", "مثمرة")
    return path


def export(path: Path, layer: str) -> bytes:
    result = run("export", path, "--layer", layer)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def check_out(project_path: Path, out: Path) -> None:
    result = run("checkout", project_path, "--annotator", "mona", "-o", out)
    assert result.exit_code == 0, result.output


def test_a_check_out_and_check_in_round_trip_to_the_same_export(project_path, tmp_path):
    before = {layer: export(project_path, layer) for layer in ("mona", "all")}
    out = tmp_path / "mona.sqlite"
    check_out(project_path, out)
    with Project.open(out) as copy:
        assert [d.id for d in copy.documents()] == ["d1", "d2", "d3"]
        assert guidelines.read(copy) == {"": "# Mark every speaker\n"}
        assert copy.layer_names() == ["mona"]
        assert assignments.queue(copy, "mona") == [1, 2, 3]
    assert export(out, "mona") == before["mona"]
    result = run("checkin", project_path, out)
    assert result.exit_code == 0, result.output
    assert "nothing new to check in" in result.output
    assert {layer: export(project_path, layer) for layer in ("mona", "all")} == before


def test_the_offline_work_comes_back_and_no_other_layer_is_touched(project_path, tmp_path):
    out = tmp_path / "mona.sqlite"
    check_out(project_path, out)
    karim_before = export(project_path, "karim")
    with Project.open(out, writer=True) as copy:
        annotate(copy, 2, "mona", "الوزارة", "الطريق سيغلق", note="offline")
        DocumentSession(copy, 2, "mona").set_status("done")
        DocumentSession(copy, 1, "mona").set_note(None, "")  # her note on d1 cleared offline
    offline = export(out, "mona")
    result = run("checkin", project_path, out)
    assert result.exit_code == 0, result.output
    assert "on 2 document(s)" in result.output
    assert export(project_path, "mona") == offline
    assert export(project_path, "karim") == karim_before
    with Project.open(project_path) as project:
        assert project.status(2, "mona") == "done"


def test_a_second_check_in_of_the_same_file_changes_nothing(project_path, tmp_path):
    out = tmp_path / "mona.sqlite"
    check_out(project_path, out)
    with Project.open(out, writer=True) as copy:
        annotate(copy, 3, "mona", "النائب", "الخطة الجديدة")
    assert run("checkin", project_path, out).exit_code == 0
    after_first = project_path.read_bytes()
    result = run("checkin", project_path, out)
    assert result.exit_code == 0
    assert "nothing new to check in" in result.output and "nothing changed" in result.output
    assert project_path.read_bytes() == after_first


def edit_both_sides(project_path: Path, out: Path) -> None:
    """d2 edited offline and in the project; d3 offline only."""
    with Project.open(out, writer=True) as copy:
        annotate(copy, 2, "mona", "الوزارة", "الطريق سيغلق")
        annotate(copy, 3, "mona", "النائب", "الخطة الجديدة")
    with Project.open(project_path, writer=True) as project:
        DocumentSession(project, 2, "mona").label(*words_of(project, 2, "يوم الجمعة"), "SPEAKER")


def test_a_document_edited_on_both_sides_is_a_conflict_left_alone(project_path, tmp_path):
    out = tmp_path / "mona.sqlite"
    check_out(project_path, out)
    edit_both_sides(project_path, out)
    result = run("checkin", project_path, out)
    assert result.exit_code == 0, result.output
    assert "1 document(s) left alone" in result.output and ": d2" in result.output
    with Project.open(project_path) as project:
        assert [project.document(2).text[s.start:s.end] for s in project.spans(2, "mona")] == ["يوم الجمعة"]
        assert [s.label for s in project.spans(3, "mona")] == ["SPEAKER", "CLAIM"]


@pytest.mark.parametrize("prefer, d2_words", [("checkout", ["الطريق سيغلق", "الوزارة"]),
                                                 ("project", ["يوم الجمعة"])])
def test_prefer_says_which_side_wins_a_conflict(project_path, tmp_path, prefer, d2_words):
    out = tmp_path / "mona.sqlite"
    check_out(project_path, out)
    edit_both_sides(project_path, out)
    result = run("checkin", project_path, out, "--prefer", prefer)
    assert result.exit_code == 0, result.output
    assert f"settled for the {prefer}" in result.output
    with Project.open(project_path) as project:
        assert sorted(project.document(2).text[s.start:s.end] for s in project.spans(2, "mona")) == d2_words
        assert [s.label for s in project.spans(3, "mona")] == ["SPEAKER", "CLAIM"]
    again = run("checkin", project_path, out)
    assert "nothing new to check in" in again.output


def test_a_document_whose_text_differs_is_refused_by_name(project_path, tmp_path):
    out = tmp_path / "mona.sqlite"
    check_out(project_path, out)
    with Project.open(out, writer=True) as copy:
        annotate(copy, 2, "mona", "الوزارة", "الطريق سيغلق")
        annotate(copy, 3, "mona", "النائب", "الخطة الجديدة")
    connection = sqlite3.connect(out)  # a file edited by hand: d3's text is no longer the project's
    connection.execute("UPDATE documents SET text = text || ' ', text_sha256 = '" + "0" * 64 + "' WHERE id = 'd3'")
    connection.commit()
    connection.close()
    result = run("checkin", project_path, out)
    assert result.exit_code == 0, result.output
    assert "d3 (its text differs from the project's)" in result.output
    with Project.open(project_path) as project:
        assert project.spans(3, "mona") == []
        assert [s.label for s in project.spans(2, "mona")] == ["SPEAKER", "CLAIM"]


def test_files_that_are_no_check_out_of_this_project_are_refused_in_one_line(project_path, tmp_path):
    before = project_path.read_bytes()
    missing = run("checkin", project_path, tmp_path / "nowhere.sqlite")
    assert missing.exit_code == 1 and "no such file" in missing.output
    other = tmp_path / "other.sqlite"
    Project.create(other).close()
    plain = run("checkin", project_path, other)
    assert plain.exit_code == 1 and "is not a checked-out file" in plain.output
    elsewhere = tmp_path / "elsewhere.sqlite"
    with Project.create(elsewhere, schema=load_schema_file(SCHEMA)) as project:
        import_documents(project, [DocumentInput(text=TEXTS["d1"], path="d1.txt", id="d1")])
    check = run("checkout", elsewhere, "--annotator", "mona", "-o", tmp_path / "e.sqlite", "--all")
    assert check.exit_code == 0, check.output
    foreign = run("checkin", project_path, tmp_path / "e.sqlite")
    assert foreign.exit_code == 1 and "not of" in foreign.output and "Traceback" not in foreign.output
    for result in (missing, plain, foreign):
        assert len(result.output.strip().splitlines()) == 1, result.output
    assert project_path.read_bytes() == before


def test_a_check_out_needs_assignments_or_all_and_a_new_file(project_path, tmp_path):
    none = run("checkout", project_path, "--annotator", "huda", "-o", tmp_path / "h.sqlite")
    assert none.exit_code == 1 and "no documents assigned" in none.output and "--all" in none.output
    assert not (tmp_path / "h.sqlite").exists()
    everything = run("checkout", project_path, "--annotator", "huda", "-o", tmp_path / "h.sqlite", "--all")
    assert everything.exit_code == 0 and "4 document(s)" in everything.output
    taken = run("checkout", project_path, "--annotator", "mona", "-o", tmp_path / "h.sqlite")
    assert taken.exit_code == 1 and "already exists" in taken.output
