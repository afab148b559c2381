"""What `annotator import` says: a summary of a few lines however large the import, a line
per document only with --verbose, warnings grouped by kind, a progress bar on a terminal."""

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.store import Project
from annotator.formats.native_export import records
from tests.conftest import file_state

# Written for these tests.
SENTENCE = "قال رئيس البلدية نادر الخوري إن أعمال الصيانة ستنتهي قبل الشتاء"
SPEAKER, CLAIM = "نادر الخوري", "أعمال الصيانة ستنتهي قبل الشتاء"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def doccano_export(path: Path, documents: int) -> Path:
    """A doccano member's export: every example, a few without spans, each with Comments."""
    with path.open("w", encoding="utf-8") as out:
        for number in range(documents):
            text = f"{SENTENCE} (الخبر رقم {number})."
            spans = [] if number % 5 == 0 else [[text.index(SPEAKER), text.index(SPEAKER) + len(SPEAKER), "SPEAKER"],
                                                [text.index(CLAIM), text.index(CLAIM) + len(CLAIM), "CLAIM"]]
            out.write(json.dumps({"id": number + 1, "text": text, "Comments": [], "label": spans},
                                 ensure_ascii=False) + "\n")
    return path


def new_project(tmp_path: Path) -> Path:
    project = tmp_path / "p.sqlite"
    assert run("init", project).exit_code == 0
    return project


def test_a_doccano_members_file_imports_under_its_name_with_exact_offsets(tmp_path):
    project = new_project(tmp_path)
    result = run("import", project, doccano_export(tmp_path / "admin.jsonl", 4))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "imported 4 document(s), 6 span(s), 0 relation(s)",
        "  layer 'admin' taken from the file name admin.jsonl",
        "  layers added: admin on 3 document(s)",
    ]
    with Project.open(project) as opened:
        exported = [record for record in records(opened) if record["layer"]]
    assert {record["layer"] for record in exported} == {"admin"}
    for record in exported:
        assert [(s["text"], s["label"]) for s in record["spans"]] == [(SPEAKER, "SPEAKER"), (CLAIM, "CLAIM")]
        assert all(record["text"][s["start"]:s["end"]] == s["text"] for s in record["spans"])


def test_annotator_wins_over_the_file_name(tmp_path):
    project = new_project(tmp_path)
    result = run("import", project, doccano_export(tmp_path / "admin.jsonl", 3), "--annotator", "ريم")
    assert result.exit_code == 0, result.output
    assert "file name" not in result.output
    assert json.loads(run("stats", project, "--json").output)["annotators"] == ["ريم"]


def test_a_native_file_without_a_layer_still_stops_with_one_line(tmp_path):
    project = new_project(tmp_path)
    native = tmp_path / "admin.jsonl"
    start = SENTENCE.index(SPEAKER)
    native.write_text(json.dumps({"text": SENTENCE, "Comments": [], "spans": [
        {"start": start, "end": start + len(SPEAKER), "label": "SPEAKER"}]}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    before = file_state(project)
    result = run("import", project, native)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"annotator: {native}:1: this record has annotations but no layer; name one with --annotator NAME"]
    assert file_state(project) == before


def test_two_thousand_documents_give_a_few_lines_and_verbose_a_line_each(tmp_path):
    source = doccano_export(tmp_path / "admin.jsonl", 2000)
    quiet = run("import", new_project(tmp_path), source)
    assert quiet.exit_code == 0, quiet.output
    lines = quiet.output.splitlines()
    assert len(lines) <= 15, lines
    assert lines[0] == "imported 2000 document(s), 3200 span(s), 0 relation(s)"
    assert "  layers added: admin on 1600 document(s)" in lines

    again = tmp_path / "again"
    again.mkdir()
    verbose = run("import", new_project(again), source, "--verbose")
    assert verbose.exit_code == 0
    assert sum("annotations by admin added" in line for line in verbose.output.splitlines()) == 1600


def test_skipped_texts_and_warnings_are_grouped_with_a_count_and_three_examples(tmp_path):
    project = new_project(tmp_path)
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(5):  # each holds a right-to-left mark and an embedding: invisible controls
        (folder / f"خبر-{number}.txt").write_text(f"عنوان {number}\n\u200fنص \u202bمقتبس\u202c.\n", encoding="utf-8")
    (folder / "old.txt").write_bytes("خبر قديم بترميز ويندوز\n".encode("cp1256"))
    first = run("import", project, folder)
    assert first.exit_code == 0, first.output
    assert first.output.splitlines() == [
        "imported 6 document(s), 0 span(s), 0 relation(s)",
        "  read as UTF-8 (5 file(s)), Windows-1256 (1 file(s))",
        "  warning: 5 document(s) contain invisible bidi control characters, which can make the text display in "
        "a misleading order: خبر-0 (3), خبر-1 (3), خبر-2 (3) and 2 more",
    ]
    second = run("import", project, folder)
    skipped = [line for line in second.output.splitlines() if "skipped" in line]
    assert skipped == [f"  skipped 6 record(s) whose text is already in the project: {folder / 'old.txt'} (as old), "
                       f"{folder / 'خبر-0.txt'} (as خبر-0), {folder / 'خبر-1.txt'} (as خبر-1) and 3 more"]
    verbose = run("import", project, folder, "--verbose").output
    assert f"  skipped {folder / 'خبر-4.txt'}: its text is already in the project as خبر-4" in verbose


def test_on_a_terminal_a_progress_bar_counts_the_documents(tmp_path):
    """stderr on a pseudo-terminal, as a user's shell has it: the bar runs to 100% by
    documents, even for a single file, and the summary follows."""
    project = new_project(tmp_path)
    source = doccano_export(tmp_path / "admin.jsonl", 300)
    controller, terminal = pty.openpty()
    done = subprocess.Popen([sys.executable, "-m", "annotator", "import", str(project), str(source)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal's other end closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert done.wait(timeout=60) == 0, shown
    text = shown.decode("utf-8")
    assert "importing" in text and "100%" in text
    assert "imported 300 document(s), 480 span(s)" in text
