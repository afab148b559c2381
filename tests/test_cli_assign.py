"""``annotator assign``, ``unassign`` and ``assignments`` (issue 20, item 1) on real project
files: the documents shared by words with the overlap asked, the summary, reassigning
a leaver's and idle work, and what is refused in one line, changing nothing."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.session import DocumentSession
from annotator.core.store import Project, assignments
from tests.conftest import file_state

# Written for these tests, after /work/shared/guidelines.md.
PHRASES = ("قال الوزير إن الخطة ناجحة", "رفضت النقابة الخطة", "وطالبت بزيادة الأجور",
           "وأكد المتحدث أن الحوار مستمر")


def article(number: int) -> str:
    return " ".join(PHRASES[(number + step) % len(PHRASES)] for step in range(2 + number % 7))


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def add_documents(path, numbers) -> None:
    with Project.open(path, writer=True) as project:
        import_documents(project, [DocumentInput(text=article(n), path=f"d{n}.txt", id=f"d{n:02d}") for n in numbers])


@pytest.fixture
def team(tmp_path):
    path = tmp_path / "team.annotator"
    Project.create(path).close()
    add_documents(path, range(1, 21))
    return path


def held(path) -> dict[int, list[str]]:
    with Project.open(path, read_only=True) as project:
        return assignments.assignees(project)


def test_assign_shares_every_document_with_the_overlap_asked_and_says_so(team):
    result = run("assign", team, "--annotators", "mona,karim,huda", "--overlap", "0.3", "--seed", "4")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "assigned 20 document(s) to 3 annotator(s), seed 4: 6 of them (30.0%) to two or more"
    assert [line.split(":")[0].strip() for line in lines[1:4]] == ["huda", "karim", "mona"]
    assert lines[4:8] == ["overlap per pair:", "  huda & karim: 2 document(s)", "  huda & mona: 2 document(s)",
                          "  karim & mona: 2 document(s)"]
    assert lines[-1] == "the same again: --seed 4"
    found = held(team)
    assert len(found) == 20 and sum(len(names) == 2 for names in found.values()) == 6
    words = [int(line.split(", ")[1].split()[0].replace(",", "")) for line in lines[1:4]]
    with Project.open(team, read_only=True) as project:
        median_article = sorted(assignments.words(project).values())[10]
    assert max(words) - min(words) <= median_article


def test_the_same_seed_again_changes_nothing_and_another_seed_draws_anew(team):
    run("assign", team, "--annotators", "mona,karim,huda", "--overlap", "0.3", "--seed", "4")
    first = held(team)
    again = run("assign", team, "--annotators", "mona,karim,huda", "--overlap", "0.3", "--seed", "4")
    assert "replaced" not in again.output and held(team) == first
    other = run("assign", team, "--annotators", "mona,karim,huda", "--overlap", "0.3", "--seed", "5")
    assert "earlier assignment(s) of these documents were replaced" in other.output
    assert held(team) != first and len(held(team)) == 20


def test_per_document_gives_every_document_that_many_annotators(team):
    assert run("assign", team, "--annotators", "mona,karim,huda", "--per-document", "2").exit_code == 0
    assert all(len(names) == 2 for names in held(team).values()) and len(held(team)) == 20


def test_only_unassigned_leaves_assigned_documents_alone_and_counts_their_words(team):
    run("assign", team, "--annotators", "mona", "--seed", "1")
    before = held(team)
    add_documents(team, range(21, 27))
    result = run("assign", team, "--annotators", "mona,karim", "--only-unassigned", "--seed", "1")
    assert result.output.startswith("assigned 6 document(s) to 2 annotator(s)")
    after = held(team)
    assert {key: names for key, names in after.items() if key in before} == before
    assert all(names == ["karim"] for key, names in after.items() if key not in before)  # mona holds 20 already


def test_documents_named_in_a_file_are_the_only_ones_assigned(team, tmp_path):
    listed = tmp_path / "batch.txt"
    listed.write_text("# this week\nd03\n\nd07\nd11\n", encoding="utf-8")
    assert run("assign", team, "--annotators", "mona,karim", "--documents", listed).exit_code == 0
    with Project.open(team, read_only=True) as project:
        assert set(held(team)) == {project.document_by_id(doc_id).key for doc_id in ("d03", "d07", "d11")}


def test_assignments_prints_each_annotators_progress_and_every_pairs_documents(team):
    assert "no document is assigned yet" in run("assignments", team).output
    run("assign", team, "--annotators", "mona,karim", "--overlap", "1", "--seed", "2")
    with Project.open(team, writer=True) as project:
        DocumentSession(project, 1, "mona").set_status("done")
        DocumentSession(project, 2, "mona").set_status("in_progress")
    lines = run("assignments", team).output.splitlines()
    assert lines[0] == "annotators may open any document (their queue first)"
    assert lines[1] == "20 of 20 document(s) assigned"
    assert lines[2].startswith("  karim: 20 assigned, 0 in progress, 0 done, ")
    assert lines[3].startswith("  mona: 20 assigned, 1 in progress, 1 done, ")
    assert lines[4:] == ["overlap per pair:", "  karim & mona: 20 document(s)"]
    found = json.loads(run("assignments", team, "--json").output)
    assert found["annotators"]["mona"]["done"] == 1 and found["assigned_documents"] == 20
    assert found["pairs"] == [{"annotators": ["karim", "mona"], "documents": [f"d{n:02d}" for n in range(1, 21)]}]


def test_reassign_moves_a_leavers_unfinished_documents_and_leaves_the_done_ones(team):
    run("assign", team, "--annotators", "mona,karim", "--seed", "3")
    mine = sorted(key for key, names in held(team).items() if names == ["mona"])
    with Project.open(team, writer=True) as project:
        DocumentSession(project, mine[0], "mona").set_status("done")
    result = run("assign", team, "--reassign", "mona", "--to", "huda,sami")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"moved {len(mine) - 1} document(s), ")
    assert lines[1].startswith("  mona -> huda: ") and lines[2].startswith("  mona -> sami: ")
    assert lines[-1] == "1 document(s) mona marked done stay theirs"
    after = held(team)
    assert after[mine[0]] == ["mona"] and all(after[key] in (["huda"], ["sami"]) for key in mine[1:])


def age(path, annotator: str, when: str = "2026-01-01T00:00:00.000+00:00") -> None:
    """As if ``annotator``'s documents had been assigned long ago (tests only write SQL)."""
    with sqlite3.connect(path) as db:
        db.execute("UPDATE assignments SET assigned_at = ? WHERE layer = (SELECT id FROM layers WHERE name = ?)",
                   [when, annotator])
    db.close()


def test_reassign_idle_moves_only_documents_left_untouched_that_long(team):
    run("assign", team, "--annotators", "mona,karim,huda", "--seed", "3")
    mine = sorted(key for key, names in held(team).items() if names == ["mona"])
    age(team, "mona")
    with Project.open(team, writer=True) as project:
        DocumentSession(project, mine[0], "mona").set_status("in_progress")  # touched today
    assert run("assign", team, "--reassign-idle", "30d").exit_code == 0
    after = held(team)
    assert after[mine[0]] == ["mona"]
    assert all(after[key] in (["huda"], ["karim"]) for key in mine[1:])
    assert run("assign", team, "--reassign-idle", "30d").output == "no document has been idle for 30d: nothing moved\n"


def test_unassign_takes_back_all_or_the_listed_documents_of_an_annotator(team, tmp_path):
    run("assign", team, "--annotators", "mona,karim", "--overlap", "1", "--seed", "1")
    listed = tmp_path / "two.txt"
    listed.write_text("d01\nd02\n", encoding="utf-8")
    result = run("unassign", team, "--annotator", "mona", "--documents", listed)
    assert result.output.startswith("unassigned 2 document(s) from mona; 18 stay assigned to them")
    assert run("unassign", team, "--annotator", "mona").output.startswith("unassigned 18 document(s) from mona")
    assert all(names == ["karim"] for names in held(team).values())


@pytest.mark.parametrize("args, message", [
    (["--annotators", ""], "--annotators needs names"),
    (["--annotators", "mona,,karim"], "has an empty name"),
    (["--annotators", "mona,karim", "--overlap", "1.5"], "--overlap 1.5 is not a share"),
    (["--annotators", "mona,karim", "--overlap", "0.2", "--per-document", "2"], "not both"),
    (["--annotators", "mona,karim", "--per-document", "3"], "--per-document 3 is more than the 2 annotator(s)"),
    (["--annotators", "mona,gold"], "gold is settled by reviewers"),
    (["--reassign", "nobody", "--to", "mona"], "no document is assigned to nobody"),
    (["--reassign-idle", "a week"], "is not a duration"),
    (["--reassign", "mona", "--annotators", "karim"], "--reassign and --reassign-idle take only --to"),
    (["--annotators", "mona", "--to", "karim"], "--to goes with --reassign"),
])
def test_bad_input_is_refused_in_one_line_and_changes_nothing(team, args, message):
    run("assign", team, "--annotators", "mona,karim", "--seed", "1")
    before = file_state(team)
    result = run("assign", team, *args)
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1, result.output
    assert file_state(team) == before


def test_a_documents_file_naming_an_unknown_id_is_refused_with_its_line(team, tmp_path):
    listed = tmp_path / "batch.txt"
    listed.write_text("d01\nd99\n", encoding="utf-8")
    before = file_state(team)
    result = run("assign", team, "--annotators", "mona", "--documents", listed)
    assert result.exit_code == 1 and f"{listed}:2: no document has the id 'd99'" in result.output
    assert file_state(team) == before


def test_a_documents_file_that_is_not_utf8_is_refused_by_name_not_logged_as_a_bug(team, tmp_path):
    listed = tmp_path / "batch.txt"
    listed.write_bytes("d01\nوثيقة\n".encode("cp1256"))
    before = file_state(team)
    result = run("assign", team, "--annotators", "mona", "--documents", listed)
    assert result.exit_code == 1
    assert result.output == f"annotator: {listed}: is not UTF-8 text; save it as UTF-8, one document id a line\n"
    assert file_state(team) == before


def test_assigning_an_empty_project_or_nothing_left_says_so(team, tmp_path):
    empty = tmp_path / "empty.annotator"
    Project.create(empty).close()
    assert run("assign", empty, "--annotators", "mona").output.startswith("no document to assign: import documents")
    run("assign", team, "--annotators", "mona")
    result = run("assign", team, "--annotators", "mona,karim", "--only-unassigned")
    assert result.output == "every selected document has assignees already: nothing to assign\n"
    result = run("unassign", team, "--annotator", "karim")
    assert result.exit_code == 1 and "no document is assigned to karim" in result.output


def test_a_document_idle_for_both_its_assignees_goes_to_two_others(team):
    run("assign", team, "--annotators", "mona,karim", "--overlap", "1", "--seed", "1")
    age(team, "mona")
    age(team, "karim")
    result = run("assign", team, "--reassign-idle", "7d", "--to", "huda,sami")
    assert result.output.startswith("moved 20 document(s) (40 assignments), ")
    assert all(names == ["huda", "sami"] for names in held(team).values())


def test_the_lead_lets_annotators_open_only_their_assignments_and_back(team):
    run("assign", team, "--annotators", "mona,karim", "--seed", "2")
    result = run("assignments", team, "--only-assigned", "on")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "annotators may open only the documents assigned to them"
    with Project.open(team, read_only=True) as project:
        assert assignments.only_assigned(project) is True
        theirs = assignments.queue(project, "karim")
        assert not assignments.may_open(project, "mona", theirs[0])
    assert json.loads(run("assignments", team, "--json").output)["only_assigned"] is True
    run("assignments", team, "--only-assigned", "off")
    with Project.open(team, read_only=True) as project:
        assert assignments.only_assigned(project) is False
    assert run("assignments", team, "--only-assigned", "maybe").exit_code == 2
