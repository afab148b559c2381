"""The command line as a maintainer uses it: real files in, real files out, one-line errors."""

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from tests.conftest import file_state

# Written for these tests.
ARTICLE = ("وزارة المياه تعلن خطة طوارئ\n"
           "قال المتحدث باسم الوزارة إن «الخطة ستبدأ في 3 يونيو».\r\n"
           "وأضاف أن مشروع Aqua-2 سيُنجَز قريباً.\r\n")


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result


def test_init_import_folder_export_and_stats(tmp_path):
    project = tmp_path / "p.sqlite"
    folder = tmp_path / "batch" / "week1"
    folder.mkdir(parents=True)
    (folder / "utf8.txt").write_text(ARTICLE, encoding="utf-8", newline="")
    (folder / "cp1256.txt").write_bytes(ARTICLE.replace("Aqua-2", "Aqua-3").encode("cp1256"))
    (folder / "utf16.txt").write_bytes(ARTICLE.replace("3 يونيو", "4 يونيو").encode("utf-16"))
    (tmp_path / "batch" / "notes.md").write_text("ignored", encoding="utf-8")

    assert run("init", project).exit_code == 0
    result = run("import", project, tmp_path / "batch")
    assert result.exit_code == 0, result.output
    assert "imported 3 document(s)" in result.output
    assert "Windows-1256" in result.output and "UTF-16" in result.output

    out = tmp_path / "out.jsonl"
    assert run("export", project, "-o", out).exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 3
    assert all(row["layer"] is None and row["spans"] == [] for row in rows)
    assert all("\r" not in row["text"] and row["title"] == "وزارة المياه تعلن خطة طوارئ" for row in rows)

    stats = json.loads(run("stats", project, "--json").output)
    assert stats["documents"] == 3


def test_reimporting_the_same_text_skips_it_and_a_layer_needs_replace(tmp_path):
    project = tmp_path / "p.sqlite"
    run("init", project)
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    run("import", project, article)
    result = run("import", project, article)
    assert "imported 0 document(s)" in result.output
    assert f"skipped 1 record(s) whose text is already in the project: {article} (as a)" in result.output

    text = ARTICLE.replace("\r\n", "\n")
    start = text.index("المتحدث")
    layer = {"text": text, "spans": [{"id": 1, "start": start, "end": start + 7, "label": "SPEAKER"}]}
    annotations = tmp_path / "mona.jsonl"
    annotations.write_text(json.dumps(layer, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run("import", project, annotations, "--annotator", "mona").exit_code == 0
    again = run("import", project, annotations, "--annotator", "mona")
    assert again.exit_code == 1 and "--replace" in again.output
    assert run("import", project, annotations, "--annotator", "mona", "--replace").exit_code == 0
    stats = json.loads(run("stats", project, "--json").output)
    assert stats["documents"] == 1 and stats["spans_per_label"] == {"mona": {"SPEAKER": 1}}


def test_an_undecodable_file_is_one_clear_line_and_changes_nothing(tmp_path):
    project = tmp_path / "p.sqlite"
    run("init", project)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("نص".encode("utf-8") + b"\xff\xfe\x00")
    before = file_state(project)
    result = run("import", project, good, bad, "--encoding", "utf-8")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "--encoding" in lines[0]
    assert "Traceback" not in result.output
    assert file_state(project) == before


def test_export_of_a_layer_nobody_has_writes_an_empty_file(tmp_path):
    project = tmp_path / "p.sqlite"
    run("init", project)
    out = tmp_path / "gold.jsonl"
    result = run("export", project, "--layer", "gold", "-o", out)
    assert result.exit_code == 0 and out.read_bytes() == b""


def test_errors_reach_the_terminal_as_one_line_without_a_traceback(tmp_path):
    not_a_project = tmp_path / "x.sqlite"
    not_a_project.write_text("hello", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "annotator", "stats", str(not_a_project)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"annotator: {not_a_project} is not an Annotator project (not an SQLite database)"]


def test_the_window_commands_refuse_a_file_that_is_not_a_project_before_qt_loads(tmp_path):
    """Told on the terminal, even with no screen to show a window on: Qt is not loaded."""
    not_a_project = tmp_path / "x.sqlite"
    not_a_project.write_text("hello", encoding="utf-8")
    no_screen = {key: value for key, value in os.environ.items()
                 if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    for command in (["open"], ["review", "--reviewer", "sara"]):
        done = subprocess.run([sys.executable, "-m", "annotator", *command, str(not_a_project)],
                              capture_output=True, text=True, env=no_screen, timeout=60)
        assert done.returncode == 1, done.stderr
        assert done.stderr.strip().splitlines() == [
            f"annotator: {not_a_project} is not an Annotator project (not an SQLite database)"]


def test_the_installed_command_hands_everything_but_a_window_start_to_the_command_line(tmp_path):
    """`annotator`, `annotator demo` and `annotator open FILE` start the window without
    click (annotator.launch); every other use gets the click command line's answers."""
    env = {**os.environ, "ANNOTATOR_DATA_DIR": str(tmp_path / "data")}

    def annotator(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True,
                              env=env, timeout=60)

    missing = annotator("open", str(tmp_path / "missing.sqlite"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    made = annotator("demo", "--no-window")
    assert made.returncode == 0 and made.stdout.strip() == str(tmp_path / "data" / "demo.sqlite")
    assert annotator("--version").stdout.startswith("annotator, version ")
    assert "Open a project in the window." in annotator("open", "--help").stdout


def test_ctrl_c_while_the_window_starts_ends_as_the_command_line_ends_it(monkeypatch, capsys):
    from annotator import launch

    def interrupted() -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(launch, "open_demo", interrupted)
    monkeypatch.setattr(sys, "argv", ["annotator", "demo"])
    with pytest.raises(SystemExit) as ended:
        launch.main()
    assert ended.value.code == 1 and capsys.readouterr().err == "\nAborted!\n"


def test_init_with_a_bad_schema_names_the_file(tmp_path):
    schema = tmp_path / "schema.toml"
    schema.write_text('[[labels]]\nname = "X"\ncolor = "red"\nkey = "x"\n', encoding="utf-8")
    result = run("init", tmp_path / "p.sqlite", "--schema", schema)
    assert result.exit_code == 1 and str(schema) in result.output and "#RRGGBB" in result.output
    assert not (tmp_path / "p.sqlite").exists()


def test_agreement_on_the_demo_project(tmp_path):
    from annotator.demo import ensure_demo_project

    demo = ensure_demo_project(tmp_path / "demo.sqlite")
    table = run("agreement", demo)
    assert table.exit_code == 0, table.output
    assert "CLAIM.stance: kappa" in table.output and "SAID_BY: agreement" in table.output
    assert "01-water-crisis" in table.output
    figures = json.loads(run("agreement", demo, "--json").output)
    assert figures["layers"] == ["karim", "mona"] and figures["attributes"]["CLAIM.stance"]["kappa"] < 1
    unknown = run("agreement", demo, "--layers", "mona,nobody")
    assert unknown.exit_code == 1 and "nobody" in unknown.output


def test_suggest_prints_exact_offsets(tmp_path):
    from annotator.demo import ensure_demo_project

    demo = ensure_demo_project(tmp_path / "demo.sqlite")
    result = run("suggest", demo, "--document", "03-energy-plan", "--json")
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in result.output.splitlines()]
    assert found
    from annotator.core.store import Project

    with Project.open(demo) as project:
        text = project.document_by_id("03-energy-plan").text
    for item in found:
        assert text[item["claim"]["start"]:item["claim"]["end"]] == item["claim"]["text"]
    assert run("suggest", demo, "--document", "nope").exit_code == 1


def test_a_device_is_not_read_as_an_article(tmp_path):
    project = tmp_path / "p.sqlite"
    run("init", project)
    result = run("import", project, "/dev/zero")
    assert result.exit_code == 1 and "not a regular file" in result.output
