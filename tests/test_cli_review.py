"""A first release from the command line: settling what every annotator agrees on without
the window (and taking it back), an empty release refused with what to do, and splits that
hold their shares and load in Hugging Face `datasets`."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core import adjudicate
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Project
from tests.conftest import file_state

# Written for these tests; {n} makes each document's text its own.
TEXT = "قال الوزير سامي العلي إن الخطة «ناجحة» رقم {n}، وأكدت النقابة أن الأجور منخفضة."


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def at(text, phrase):
    start = text.index(phrase)
    return start, start + len(phrase)


def annotate(project, key, layer, stance="FAVOR", union=False):
    """A speaker, a claim said by them with ``stance``, and with ``union`` the union too."""
    text = project.document(key).text
    speaker = project.add_span(key, layer, *at(text, "سامي العلي"), "SPEAKER", {"entity": "سامي العلي"}).spans_added[0]
    claim = project.add_span(key, layer, *at(text, "الخطة «ناجحة»"), "CLAIM", {"stance": stance}).spans_added[0]
    project.add_relation("SAID_BY", claim.id, speaker.id)
    if union:
        project.add_span(key, layer, *at(text, "النقابة"), "SPEAKER")


def build(path: Path, documents: int) -> Project:
    project = Project.create(path)
    import_documents(project, [DocumentInput(text=TEXT.format(n=n), path="t.txt", id=f"doc-{n:02}")
                               for n in range(documents)])
    return project


def reviewed_project(path: Path) -> Path:
    """doc-00: three annotators agree on the speaker and (with its link) on nothing else
    (stances differ) but mona alone marks the union; doc-01: mona and karim agree on
    everything; doc-02: mona alone; doc-03: nobody; doc-04: agreed, but already adjudicated."""
    project = build(path, 5)
    keys = [project.document_by_id(f"doc-{n:02}").key for n in range(5)]
    annotate(project, keys[0], "mona", "FAVOR", union=True)
    annotate(project, keys[0], "karim", "AGAINST")
    annotate(project, keys[0], "sara", "FAVOR")
    for layer in ("mona", "karim"):
        annotate(project, keys[1], layer)
        annotate(project, keys[4], layer)
    annotate(project, keys[2], "mona")
    project.set_status(keys[4], GOLD_LAYER, "done")
    project.close()
    return path


@pytest.fixture
def reviewed(tmp_path):
    return reviewed_project(tmp_path / "review.sqlite")


def gold_of(path: Path) -> dict[str, list[tuple]]:
    with Project.open(path, read_only=True) as project:
        found = {}
        for document in project.documents():
            spans = project.spans(document.key, GOLD_LAYER)
            shapes = {s.id: (s.start, s.end, s.label) for s in spans}
            found[document.id] = sorted(
                [(s.start, s.end, s.label, json.dumps(s.attrs, sort_keys=True)) for s in spans]
                + [(shapes[r.head], r.type, shapes[r.child]) for r in project.relations(document.key, GOLD_LAYER)],
                key=repr)
        return found


def undo_command(output: str) -> str:
    (stamp,) = re.findall(r"to undo this run: annotator review \S+ --undo-accept-agreed (\S+)", output)
    return stamp


# -- settling what everyone agrees on ---------------------------------------------------


def test_accept_agreed_settles_what_the_windows_accept_all_agreed_would_and_says_what_is_left(reviewed, tmp_path):
    by_window = tmp_path / "window.sqlite"
    shutil.copy(reviewed, by_window)
    with Project.open(by_window) as project:
        for n in range(4):  # the window's action, document by document (not the adjudicated one)
            adjudicate.accept_agreed(project, project.document_by_id(f"doc-{n:02}").key, by="huda")
    adjudicated_before = gold_of(reviewed)["doc-04"]

    result = run("review", reviewed, "--accept-agreed", "--reviewer", "huda")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "doc-00: settled 1 (SPEAKER 1); left open 2 (stance: 1; missing in karim, sara: 1)" in lines
    assert "doc-01: settled 2 (SPEAKER 1, CLAIM 1) and 1 link(s); nothing left open" in lines
    assert "doc-02: nothing agreed to settle; left open 2 (only one annotator: 2)" in lines
    assert not any(line.startswith(("doc-03", "doc-04")) for line in lines)
    assert "settled 3 unit(s) in 2 of 4 document(s) (SPEAKER 2, CLAIM 1) and 1 link(s)" in lines
    assert ("left open for you to decide: 4 unit(s) in 2 document(s) "
            "(only one annotator: 2; stance: 1; missing in karim, sara: 1)") in lines
    assert "skipped 1 adjudicated document(s)" in lines
    undo_command(result.output)

    gold = gold_of(reviewed)
    assert {doc: spans for doc, spans in gold.items() if doc != "doc-04"} == \
           {doc: spans for doc, spans in gold_of(by_window).items() if doc != "doc-04"}
    assert gold["doc-04"] == adjudicated_before == []
    with Project.open(reviewed, read_only=True) as project:
        document = project.document_by_id("doc-01").key
        for span in project.spans(document, GOLD_LAYER):
            origin = project.provenance(span.id)
            assert (origin["decision"], origin["decided_by"], origin["sources"]) == ("agreed", "huda", ["karim", "mona"])
        assert project.status(document, GOLD_LAYER) == "in_progress"
        assert project.status(project.document_by_id("doc-02").key, GOLD_LAYER) == "new"  # nothing was settled


def test_a_second_run_finds_nothing_left_to_settle(reviewed):
    run("review", reviewed, "--accept-agreed", "--reviewer", "huda")
    again = run("review", reviewed, "--accept-agreed", "--reviewer", "huda")
    assert again.exit_code == 0
    assert "settled nothing: no document of the 4 had an agreed unit left to settle" in again.output
    assert "--undo-accept-agreed" not in again.output


def test_one_document_and_an_adjudicated_one_when_named(reviewed):
    result = run("review", reviewed, "--accept-agreed", "--reviewer", "huda", "--document", "doc-04")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "doc-04: settled 2 (SPEAKER 1, CLAIM 1) and 1 link(s); nothing left open"
    assert [doc for doc, spans in gold_of(reviewed).items() if spans] == ["doc-04"]


def test_undo_takes_back_one_run_and_keeps_every_other_decision(reviewed):
    first = run("review", reviewed, "--accept-agreed", "--reviewer", "huda", "--document", "doc-01")
    after_first = gold_of(reviewed)
    second = run("review", reviewed, "--accept-agreed", "--reviewer", "huda")
    with Project.open(reviewed) as project:  # a decision in the window after the run
        document = project.document_by_id("doc-00").key
        claim = next(u for u in adjudicate.line_up(project, document) if u.settled is None and "stance" in u.differences)
        adjudicate.pick(project, document, claim.key, "mona", by="huda")
    picked = gold_of(reviewed)["doc-00"]
    assert len(picked) == 3  # the speaker of the second run, the claim picked, their link

    undone = run("review", reviewed, "--undo-accept-agreed", "last")
    assert undone.exit_code == 0, undone.output
    assert f"undid the --accept-agreed run of {undo_command(second.output)} by huda: " \
           "removed 1 gold span(s) and 1 link(s) in 1 document(s)" in undone.output
    gold = gold_of(reviewed)
    assert gold["doc-01"] == after_first["doc-01"] != []
    assert [entry[2] for entry in gold["doc-00"]] == ["CLAIM"]  # the pick stays; its link went with the speaker

    undone = run("review", reviewed, "--undo-accept-agreed", undo_command(first.output))
    assert undone.exit_code == 0, undone.output
    assert "doc-01: removed 2 gold span(s) and 1 link(s)" in undone.output
    assert gold_of(reviewed)["doc-01"] == []

    before = file_state(reviewed)
    nothing = run("review", reviewed, "--undo-accept-agreed", "last")
    assert nothing.exit_code == 1 and "no --accept-agreed run left to undo" in nothing.output
    assert file_state(reviewed) == before


def test_an_unknown_run_names_the_runs_there_are(reviewed):
    first = run("review", reviewed, "--accept-agreed", "--reviewer", "huda")
    result = run("review", reviewed, "--undo-accept-agreed", "2001-01-01T00:00:00.000+00:00")
    assert result.exit_code == 1
    assert f"the last runs: {undo_command(first.output)} by huda (3 span(s) in 2 document(s))" in result.output


@pytest.mark.parametrize("arguments, problem", [
    (["--accept-agreed"], "name yourself with --reviewer NAME"),
    (["--accept-agreed", "--reviewer", "huda", "--document", "nope"], "has no document 'nope'"),
    (["--accept-agreed", "--reviewer", "huda", "--undo-accept-agreed", "last"], "one at a time"),
])
def test_refusals_change_nothing(reviewed, arguments, problem):
    before = file_state(reviewed)
    result = run("review", reviewed, *arguments)
    assert result.exit_code == 1 and problem in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert file_state(reviewed) == before


def test_accept_agreed_opens_no_window_and_never_imports_qt(reviewed):
    script = ("import json, sys\nfrom annotator.cli import cli\n"
              "try:\n    cli(sys.argv[1:], prog_name='annotator')\nexcept SystemExit:\n    pass\n"
              "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))))")
    for arguments in (["--accept-agreed", "--reviewer", "huda"], ["--undo-accept-agreed", "last"]):
        done = subprocess.run([sys.executable, "-c", script, "review", str(reviewed), *arguments],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout.splitlines()[-1]) == []


# -- the release --------------------------------------------------------------------------


@pytest.fixture
def twenty(tmp_path):
    """Twenty documents that mona annotated, eight of them karim too, alike; no gold yet."""
    path = tmp_path / "twenty.sqlite"
    project = build(path, 20)
    for n in range(20):
        key = project.document_by_id(f"doc-{n:02}").key
        annotate(project, key, "mona")
        if n >= 12:
            annotate(project, key, "karim")
    project.close()
    return path


def test_a_release_before_any_gold_is_refused_with_what_to_do(twenty, tmp_path):
    before = file_state(twenty)
    result = run("export", twenty, "--layer", "gold", "--release", tmp_path / "rel")
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert line.startswith("annotator: nothing released: none of the 20 document(s) is adjudicated "
                           "(20 without a gold layer); settle what the annotators agree on with "
                           f"`annotator review {twenty} --reviewer NAME --accept-agreed`")
    assert not (tmp_path / "rel").exists() and file_state(twenty) == before


def test_a_release_of_gold_in_review_is_refused_and_says_why_per_document(twenty, tmp_path):
    assert run("review", twenty, "--accept-agreed", "--reviewer", "huda").exit_code == 0
    result = run("export", twenty, "--layer", "gold", "--release", tmp_path / "rel")
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert "none of the 20 document(s) is adjudicated (12 without a gold layer, 8 with gold not yet adjudicated); " \
           "mark documents adjudicated in the review window" in line
    assert line.endswith("or release the gold still in review with --layer gold+review")
    assert not (tmp_path / "rel").exists()

    released = run("export", twenty, "--layer", "gold+review", "--release", tmp_path / "rel")
    assert released.exit_code == 0, released.output
    assert released.output.splitlines()[:2] == ["released 8 document(s): train 6, dev 1, test 1",
                                                "  left out 12 document(s): 12 without a gold layer"]


def test_twenty_adjudicated_documents_split_sixteen_two_two_and_load_in_datasets(twenty, tmp_path, monkeypatch):
    datasets = pytest.importorskip("datasets")
    with Project.open(twenty) as project:
        for n in range(20):
            key = project.document_by_id(f"doc-{n:02}").key
            if n >= 12:
                adjudicate.accept_agreed(project, key, by="huda")
            adjudicate.set_adjudicated(project, key)  # the others: adjudicated as having no statement
    result = run("export", twenty, "--layer", "gold", "--release", tmp_path / "rel", "--seed", "3")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "released 20 document(s): train 16, dev 2, test 2"
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    files = {name: str(tmp_path / "rel" / f"{name}.jsonl") for name in ("train", "dev", "test")}
    loaded = datasets.load_dataset("json", data_files=files, cache_dir=str(tmp_path / "cache"))
    assert {name: loaded[name].num_rows for name in files} == {"train": 16, "dev": 2, "test": 2}
    rows = [row for name in files for row in loaded[name]]
    assert sorted(row["id"] for row in rows) == [f"doc-{n:02}" for n in range(20)]
    assert sum(len(row["spans"]) for row in rows) == 16
    assert all(row["text"][s["start"]:s["end"]] == s["text"] for row in rows for s in row["spans"])
