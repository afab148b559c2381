"""A project's guidelines from the command line: given at `init`, replaced and printed with
`annotator guidelines`, kept in the project file; a bad guidelines file is refused with a
line that names it, and the project is left as it was."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.guidelines import definition, for_language
from annotator.core.store import Project
from annotator.core.store import guidelines
from tests.conftest import file_state

# Written for these tests, after /work/shared/guidelines.md.
FIRST = "# Our guidelines\n\n## CLAIM\n\nWhat a **speaker** is reported to have said.\n\nMore rules.\n"
SECOND = "# Version two\n\n## SPEAKER\n\nWho a statement is attributed to.\n"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def markdown_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def stored(project_path: Path) -> dict[str, str]:
    with Project.open(project_path) as project:
        return guidelines.read(project)


def test_init_with_guidelines_keeps_them_in_the_project_file(tmp_path):
    project = tmp_path / "team.annotator"
    result = run("init", project, "--guidelines", markdown_file(tmp_path, "rules.md", FIRST))
    assert result.exit_code == 0, result.output
    assert stored(project) == {"": FIRST}
    printed = run("guidelines", project)
    assert printed.exit_code == 0 and printed.output == FIRST


def test_guidelines_replace_those_of_the_project(tmp_path):
    project = tmp_path / "team.annotator"
    run("init", project, "--guidelines", markdown_file(tmp_path, "rules.md", FIRST))
    result = run("guidelines", project, markdown_file(tmp_path, "v2.md", SECOND))
    assert result.exit_code == 0, result.output
    assert "guidelines replaced" in result.output
    assert stored(project) == {"": SECOND}
    assert run("guidelines", project).output == SECOND


def test_guidelines_of_one_language_keep_the_others(tmp_path):
    project = tmp_path / "team.annotator"
    run("init", project, "--guidelines", markdown_file(tmp_path, "rules.md", FIRST))
    run("guidelines", project, markdown_file(tmp_path, "ar.md", "## تصريح\n\nما قاله المتحدث.\n"), "--language", "ar")
    assert stored(project) == {"": FIRST, "ar": "## تصريح\n\nما قاله المتحدث.\n"}
    assert run("guidelines", project, "--language", "ar").output == "## تصريح\n\nما قاله المتحدث.\n"
    assert run("guidelines", project).output == FIRST


def test_a_project_without_guidelines_says_how_to_add_them(tmp_path):
    project = tmp_path / "team.annotator"
    run("init", project)
    result = run("guidelines", project)
    assert result.exit_code == 1
    assert "has no guidelines" in result.output and "annotator guidelines" in result.output


BAD_FILES = {
    "not UTF-8": lambda folder: _write_bytes(folder / "latin.md", "## CLAIM\n\nCafé".encode("latin-1")),
    "empty": lambda folder: _write_bytes(folder / "empty.md", b"  \n\n"),
    "a folder": lambda folder: _folder(folder / "rules.md"),
    "missing": lambda folder: folder / "nowhere.md",
}


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_guidelines_file_is_refused_and_nothing_changes(tmp_path, kind):
    project = tmp_path / "team.annotator"
    run("init", project, "--guidelines", markdown_file(tmp_path, "rules.md" if kind != "a folder" else "ok.md", FIRST))
    before = file_state(project)
    bad = BAD_FILES[kind](tmp_path)
    result = run("guidelines", project, bad)
    assert result.exit_code == 1
    line = result.output.strip()
    assert line.startswith(f"annotator: {bad}") and "Traceback" not in line, line
    assert file_state(project) == before
    assert stored(project) == {"": FIRST}


def test_init_with_a_bad_guidelines_file_makes_no_project(tmp_path):
    project = tmp_path / "team.annotator"
    result = run("init", project, "--guidelines", BAD_FILES["not UTF-8"](tmp_path))
    assert result.exit_code == 1
    assert "latin.md:3: the file is not UTF-8 text" in result.output
    assert not project.exists()


def test_the_store_keeps_guidelines_by_language_across_reopening(tmp_path):
    path = tmp_path / "round.annotator"
    with Project.create(path) as project:
        assert guidelines.read(project) == {}
        guidelines.replace(project, FIRST)
        guidelines.replace(project, "## تصريح\n\nما قاله المتحدث.\n", "ar")
    with Project.open(path) as project:
        kept = guidelines.read(project)
        schema = project.schema
    assert kept == {"": FIRST, "ar": "## تصريح\n\nما قاله المتحدث.\n"}
    assert for_language(kept, "ar").startswith("## تصريح")
    assert for_language(kept, "en") == FIRST
    assert definition(for_language(kept, "en"), schema.label("CLAIM")) == "What a speaker is reported to have said."
    assert definition(for_language(kept, "ar"), schema.label("CLAIM")) == "ما قاله المتحدث."
    assert definition(FIRST, schema.label("TARGET")) == ""
