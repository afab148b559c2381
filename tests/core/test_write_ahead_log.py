"""The write-ahead log of an open project stays the one its writer writes to (issue 16).

POSIX drops every lock a process holds on a file when the process closes *any* descriptor
of it. Reading a project's header with ``open`` in the process that has the project open
therefore let the next command in another process delete the log under the window, and
every action after that was acknowledged but lost. These tests do what people did: check
the file (as a second window or dialog does) while it is open, run a command beside it,
then go on annotating, and read what another process finds in the file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.core.store.project_file import check_file, check_header

ARTICLE = "قال وزير الزراعة إن موسم القمح سيكون جيداً هذا العام."


def log_identity(path: Path) -> tuple[int, int]:
    found = os.stat(f"{path}-wal")
    return found.st_dev, found.st_ino


def run_elsewhere(path: Path, code: str) -> str:
    """Run ``code`` with ``project`` open in another process, as a command beside the window."""
    script = ("import json, sys\nfrom annotator.core.store import Project\n"
              f"project = Project.open({str(path)!r}, read_only=True)\n{code}\nproject.close()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def spans_seen_elsewhere(path: Path) -> int:
    return int(run_elsewhere(path, "from annotator.core.store.summary import stats; print(stats(project)['spans'])"))


@pytest.fixture
def writing(tmp_path):
    path = tmp_path / "news.sqlite"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=ARTICLE, path="a.txt", id="a")])
    project = Project.open(path, writer=True)
    yield project
    project.close()


def test_checking_the_open_file_then_a_command_beside_it_keeps_the_log(writing):
    path = writing.path
    writing.add_span(1, "mona", 0, 3, "SPEAKER")
    before = log_identity(path)

    check_file(path)
    check_header(path)
    Project.open(path).close()  # what the review window did before it shared the project
    assert spans_seen_elsewhere(path) == 1  # the command closes its connection, as `stats` does

    assert log_identity(path) == before, "the log was deleted or replaced under the open project"
    writing.add_span(1, "mona", 4, 8, "TARGET")
    assert spans_seen_elsewhere(path) == 2, "an acknowledged span went into a log no one reads"


def test_a_log_taken_away_refuses_the_next_action_and_every_one_after(writing):
    path = writing.path
    writing.add_span(1, "mona", 0, 3, "SPEAKER")
    for suffix in ("-wal", "-shm"):
        os.unlink(f"{path}{suffix}")

    with pytest.raises(ProjectError) as refused:
        writing.add_span(1, "mona", 4, 8, "TARGET")
    message = str(refused.value)
    assert str(path) in message and "write-ahead log" in message and "open it again" in message
    with pytest.raises(ProjectError):
        writing.set_status(1, "mona", "done")


def test_a_log_replaced_by_another_file_is_noticed_after_the_commit(writing):
    """An action whose commit went into a log that is no longer the file's is not acknowledged."""
    path = writing.path
    writing.add_span(1, "mona", 0, 3, "SPEAKER")
    os.rename(f"{path}-wal", f"{path}-wal.old")
    Path(f"{path}-wal").write_bytes(b"")
    with pytest.raises(ProjectError, match="write-ahead log"):
        writing.add_span(1, "mona", 4, 8, "TARGET")


def test_the_header_check_still_tells_foreign_files_apart(tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database at all, just some notes\n" * 20, encoding="utf-8")
    with pytest.raises(ProjectError, match="not an SQLite database"):
        check_header(text)
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(ProjectError, match="not an Annotator project"):
        check_header(empty)
