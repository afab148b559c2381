"""A reader that stops early (`annotator suggest P --json | head`) ends the command
quietly, as it ends a Unix tool: nothing on stderr, exit status 141 (annotator.launch).

Real processes through the installed `annotator` command, since the closed pipe, the
kernel's SIGPIPE and the interpreter's last flush are what is under test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.launch import READER_GONE
from annotator.paths import resource_path

ANNOTATOR = Path(sys.executable).parent / "annotator"  # what `pip install -e .` put beside python
COPIES = 8  # of the six demo articles: far more output than a pipe holds (64 KB on Linux)


@pytest.fixture(scope="module")
def environment(tmp_path_factory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pipes")
    assert ANNOTATOR.exists(), f"{ANNOTATOR} is missing: `make test` installs it (pip install -e .)"
    # Output buffered as it is for a user (what is left in the buffer fails at the last flush).
    inherited = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    return {**inherited, "ANNOTATOR_DATA_DIR": str(home / "data"), "ANNOTATOR_CONFIG_DIR": str(home / "config")}


@pytest.fixture(scope="module")
def project(environment, tmp_path_factory) -> Path:
    """The demo project (two annotators' layers) and many more of its articles."""
    path = Path(run_to_the_end(["demo", "--no-window"], environment).strip())
    articles = tmp_path_factory.mktemp("articles")
    for copy in range(1, COPIES):
        for article in sorted((resource_path("samples") / "articles").glob("*.txt")):
            text = article.read_text(encoding="utf-8")
            (articles / f"{copy}-{article.name}").write_text(f"{text}\n({copy})\n", encoding="utf-8")
    run_to_the_end(["import", path, articles], environment)
    exported = run_to_the_end(["export", path, "-o", "-"], environment)
    assert len(exported.encode("utf-8")) > 4 * 65536  # the pipe fills long before a command is done
    return path


def run_to_the_end(args: list, environment: dict[str, str]) -> str:
    """The command's output, read to the end; its errors in the message if it fails."""
    done = subprocess.run([ANNOTATOR, *args], capture_output=True, text=True, env=environment, timeout=300)
    assert done.returncode == 0, f"annotator {' '.join(map(str, args))}: {done.stderr}"
    return done.stdout


def read_one_line_then_close(args: list, environment: dict[str, str]) -> tuple[bytes, int, str]:
    """What `annotator ARGS | head -1` does to the command: its first line, its exit status
    and what it wrote on stderr."""
    command = subprocess.Popen([ANNOTATOR, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=environment)
    first = command.stdout.readline()
    command.stdout.close()
    errors = command.stderr.read().decode("utf-8", "replace")
    return first, command.wait(timeout=300), errors


def run_with_the_reader_gone(args: list, environment: dict[str, str]) -> tuple[int, str]:
    """What `annotator ARGS | true` does to the command when `true` has already ended: the
    first line written meets a pipe without a reader."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        command = subprocess.Popen([ANNOTATOR, *args], stdout=writer, stderr=subprocess.PIPE, env=environment)
    finally:
        os.close(writer)
    errors = command.stderr.read().decode("utf-8", "replace")
    return command.wait(timeout=300), errors


@pytest.mark.parametrize("args", [["export", "{project}", "-o", "-"], ["suggest", "{project}", "--json"],
                                  ["suggest", "{project}"]], ids=lambda args: " ".join(args[:1] + args[2:]))
def test_a_reader_that_takes_one_line_ends_the_command_quietly(project, environment, args):
    args = [str(project) if arg == "{project}" else arg for arg in args]
    first, status, errors = read_one_line_then_close(args, environment)
    assert first.startswith(b"{") or b"\t" in first
    assert errors == ""
    assert status == READER_GONE == 141


@pytest.mark.parametrize("args", [["stats", "{project}"], ["stats", "{project}", "--json"],
                                  ["agreement", "{project}", "--json"], ["agreement", "{project}"],
                                  ["check", "{project}"], ["export", "{project}", "-o", "-"],
                                  ["suggest", "{project}", "--json"], ["--help"], ["export", "--help"],
                                  ["--version"], ["demo", "--no-window"]],
                         ids=lambda args: " ".join(arg for arg in args if arg != "{project}"))
def test_a_reader_gone_before_the_first_line_ends_every_command_quietly(project, environment, args):
    status, errors = run_with_the_reader_gone([str(project) if arg == "{project}" else arg for arg in args],
                                              environment)
    assert errors == ""
    assert status == READER_GONE


def test_a_real_failure_with_the_reader_gone_still_says_what_is_wrong(tmp_path, environment):
    not_a_project = tmp_path / "notes.sqlite"
    not_a_project.write_text("hello", encoding="utf-8")
    for args in (["stats", not_a_project], ["open", not_a_project]):
        status, errors = run_with_the_reader_gone(args, environment)
        assert status == 1
        assert errors.splitlines() == [
            f"annotator: {not_a_project} is not an Annotator project (not an SQLite database)"]


def test_output_still_in_the_buffer_at_the_end_leaves_quietly_too(tmp_path, environment):
    """An export smaller than stdout's buffer meets the closed pipe only at the last flush."""
    project, article = tmp_path / "small.sqlite", tmp_path / "article.txt"
    article.write_text("قال الوزير إن المياه تكفي الصيف كله.\n", encoding="utf-8")
    for args in (["init", project], ["import", project, article]):
        run_to_the_end(args, environment)
    status, errors = run_with_the_reader_gone(["export", project, "-o", "-"], environment)
    assert errors == ""
    assert status == READER_GONE
