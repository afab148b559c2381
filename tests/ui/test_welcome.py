"""The welcome window: recent projects, new project with a schema, open, demo, import.

Real project files in tmp_path; message boxes are replaced by recorders so a test sees
what the user would have been told. The per-user data folder (where the demo project
lives) is redirected per test, so nothing is written to a real user's folders.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from annotator.core.schema import DEFAULT_SCHEMA
from annotator.core.store import Project
from annotator.ui import dialogs, welcome
from annotator.ui.recent import MAX_RECENT, recent_projects, remember_project
from annotator.ui.settings import app_settings, settings_path
from annotator.ui.welcome import ImportArticlesDialog, NewProjectDialog, WelcomeWindow
from tests.core.test_schema import CUSTOM


@pytest.fixture(autouse=True)
def told(monkeypatch):
    """Every message the window shows: (kind, title, text); questions are answered from
    ``answers`` (True = Yes), one per question. No test ever waits on a modal box."""
    record = {"messages": [], "answers": []}

    def ask(parent, title, text):
        record["messages"].append(("ask", title, text))
        return record["answers"].pop(0)

    def recorder(kind):
        return lambda parent, title, text: record["messages"].append((kind, title, text))

    monkeypatch.setattr(dialogs, "ask", ask)
    monkeypatch.setattr(dialogs, "warn", recorder("warn"))
    monkeypatch.setattr(welcome, "inform", recorder("inform"))
    return record


@pytest.fixture
def make_welcome(qtbot):
    def make() -> WelcomeWindow:
        window = WelcomeWindow()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def new_project(path: Path) -> Path:
    Project.create(path).close()
    return path


def fill_new_project_dialog(monkeypatch, path: Path, schema_file: Path | None = None):
    """Make NewProjectDialog answer as a user would: fill the fields, press Create once."""
    calls = []

    def exec_(dialog):
        calls.append(dialog)
        if len(calls) > 1:
            return QDialog.DialogCode.Rejected
        dialog.path.setText(str(path))
        if schema_file:
            dialog.toml_schema.setChecked(True)
            dialog.schema_path.setText(str(schema_file))
        assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewProjectDialog, "exec", exec_)
    return calls


# -- the recent list -------------------------------------------------------------------

def test_recent_projects_are_most_recent_first_without_duplicates_and_capped(tmp_path, make_welcome):
    paths_ = [tmp_path / f"p{number}.sqlite" for number in range(MAX_RECENT + 3)]
    for path in paths_:
        remember_project(path)
    remember_project(paths_[5])
    expected = [paths_[5]] + [p for p in reversed(paths_) if p != paths_[5]][:MAX_RECENT - 1]
    assert recent_projects() == expected
    assert len(app_settings().value("recent_projects")) == MAX_RECENT, "the settings file keeps only the cap"
    assert make_welcome().recent_paths() == expected


def test_a_longer_list_in_the_settings_file_is_read_up_to_the_cap():
    listed = ", ".join(f"/p/{number}.sqlite" for number in range(MAX_RECENT + 2))
    settings_path().write_text(f"[General]\nrecent_projects={listed}\n", encoding="utf-8")
    assert recent_projects() == [Path(f"/p/{number}.sqlite") for number in range(MAX_RECENT)]


def test_one_remembered_project_reads_back_as_a_list_after_a_restart(tmp_path):
    """Qt writes a one-item list to an INI file as a bare value and reads it back as a string."""
    settings_path().write_text("[General]\nrecent_projects=/data/news 2024.sqlite\n", encoding="utf-8")
    assert recent_projects() == [Path("/data/news 2024.sqlite")]
    remember_project(tmp_path / "second.sqlite")
    assert recent_projects() == [(tmp_path / "second.sqlite").resolve(), Path("/data/news 2024.sqlite")]


def test_enter_on_a_recent_project_opens_it(tmp_path, qtbot, make_welcome):
    older = new_project(tmp_path / "older.sqlite")
    newer = new_project(tmp_path / "newer.sqlite")
    remember_project(older)
    remember_project(newer)
    window = make_welcome()
    window.recent.setCurrentRow(1)
    window.recent.setFocus()
    with qtbot.waitSignal(window.project_chosen, timeout=2000) as opened:
        qtbot.keyClick(window.recent, Qt.Key.Key_Return)
    assert opened.args == [older.resolve()]
    assert recent_projects()[0] == older.resolve()


def test_double_click_on_a_recent_project_opens_it(tmp_path, qtbot, make_welcome):
    project = new_project(tmp_path / "clicked.sqlite")
    remember_project(project)
    window = make_welcome()
    center = window.recent.visualItemRect(window.recent.item(0)).center()
    with qtbot.waitSignal(window.project_chosen, timeout=2000) as opened:
        # A real double click: press and release, then the double-click event.
        qtbot.mouseClick(window.recent.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(center))
        qtbot.mouseDClick(window.recent.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(center))
    assert opened.args == [project.resolve()]


def test_a_missing_recent_project_is_explained_and_removed_without_creating_one(
        tmp_path, qtbot, make_welcome, told):
    kept = new_project(tmp_path / "kept.sqlite")
    gone = tmp_path / "moved-away.sqlite"
    remember_project(kept)
    remember_project(gone)
    window = make_welcome()
    assert "not found" in window.recent.item(0).text()
    told["answers"].append(True)
    with qtbot.assertNotEmitted(window.project_chosen):
        assert window.open_recent(gone) is False
    kind, title, text = told["messages"][-1]
    assert kind == "ask" and str(gone) in text and "no longer there" in text
    assert not gone.exists()
    assert not list(tmp_path.glob("moved-away*"))
    assert recent_projects() == [kept.resolve()]
    assert window.recent_paths() == [kept.resolve()]


def test_a_missing_recent_project_stays_listed_when_the_user_says_no(tmp_path, make_welcome, told):
    gone = tmp_path / "on-usb-stick.sqlite"
    remember_project(gone)
    window = make_welcome()
    told["answers"].append(False)
    assert window.open_recent(gone) is False
    assert recent_projects() == [gone.resolve()]
    assert not gone.exists()


# -- new project -----------------------------------------------------------------------

def test_new_project_with_the_default_schema(tmp_path, qtbot, monkeypatch, make_welcome, told):
    target = tmp_path / "folder" / "news"
    fill_new_project_dialog(monkeypatch, target)
    window = make_welcome()
    with qtbot.waitSignal(window.project_chosen, timeout=2000) as opened:
        assert window.new_project() is True
    made = target.with_suffix(".sqlite")
    assert opened.args == [made.resolve()]
    with Project.open(made) as project:
        assert project.schema == DEFAULT_SCHEMA
    assert recent_projects()[0] == made.resolve()
    assert told["messages"] == []


def test_new_project_with_a_toml_schema(tmp_path, qtbot, monkeypatch, make_welcome):
    schema_file = tmp_path / "events.toml"
    schema_file.write_text(CUSTOM, encoding="utf-8")
    target = tmp_path / "events.sqlite"
    fill_new_project_dialog(monkeypatch, target, schema_file)
    window = make_welcome()
    with qtbot.waitSignal(window.project_chosen, timeout=2000):
        window.new_project()
    with Project.open(target) as project:
        assert project.schema.name == "events"
        assert [label.name for label in project.schema.labels] == ["ACTOR", "EVENT"]


def test_a_bad_schema_file_is_explained_and_no_project_is_made(tmp_path, qtbot, monkeypatch, make_welcome, told):
    schema_file = tmp_path / "broken.toml"
    schema_file.write_text("[[labels]\n", encoding="utf-8")
    target = tmp_path / "broken.sqlite"
    calls = fill_new_project_dialog(monkeypatch, target, schema_file)
    window = make_welcome()
    with qtbot.assertNotEmitted(window.project_chosen):
        assert window.new_project() is False
    assert len(calls) == 2, "the dialog comes back after the refusal"
    assert told["messages"][0][0] == "warn" and str(schema_file) in told["messages"][0][2]
    assert not list(tmp_path.glob("*broken.sqlite*"))


def test_new_project_dialog_needs_a_schema_file_when_toml_is_chosen(qtbot, tmp_path):
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.path.setText(str(tmp_path / "x"))
    assert ok.isEnabled() and dialog.choice() == (tmp_path / "x.sqlite", None)
    dialog.toml_schema.setChecked(True)
    assert not ok.isEnabled() and dialog.schema_path.isEnabled()
    dialog.schema_path.setText(str(tmp_path / "s.toml"))
    assert ok.isEnabled() and dialog.choice() == (tmp_path / "x.sqlite", tmp_path / "s.toml")


# -- open, demo, import ----------------------------------------------------------------

def test_open_refuses_a_file_that_is_not_a_project(tmp_path, qtbot, make_welcome, told):
    article = tmp_path / "article.txt"
    article.write_text("قال الوزير", encoding="utf-8")
    window = make_welcome()
    with qtbot.assertNotEmitted(window.project_chosen):
        assert window.open_path(article) is False
    assert told["messages"][0][0] == "warn" and "not an Annotator project" in told["messages"][0][2]
    assert recent_projects() == []
    assert article.read_text(encoding="utf-8") == "قال الوزير"


def test_the_demo_project_opens_from_the_private_data_folder(qtbot, make_welcome, private_data_dir):
    window = make_welcome()
    with qtbot.waitSignal(window.project_chosen, timeout=20000) as opened:
        assert window.open_demo() is True
    demo = opened.args[0]
    assert demo == (private_data_dir / "demo.sqlite").resolve()
    with Project.open(demo) as project:
        assert project.document_count() > 0
        assert len(project.layer_names()) >= 2
    assert recent_projects() == [demo]


def test_import_articles_into_a_project_then_open_it(tmp_path, qtbot, make_welcome, told):
    folder = tmp_path / "articles"
    (folder / "inner").mkdir(parents=True)
    one, two = "قال الوزير إن المياه تكفي.", "أكد المتحدث أن الخطة ناجحة."
    (folder / "one.txt").write_text(one, encoding="utf-8")
    (folder / "inner" / "two.txt").write_bytes(two.encode("cp1256"))
    project = new_project(tmp_path / "news.sqlite")
    window = make_welcome()
    with qtbot.waitSignal(window.project_chosen, timeout=5000) as opened:
        assert window.import_into(project, [folder]) is True
    assert opened.args == [project.resolve()]
    assert told["messages"][0][0] == "inform" and "2 article(s)" in told["messages"][0][2]
    with Project.open(project) as opened_project:
        texts = sorted(document.text for document in opened_project.documents())
    assert texts == sorted([one, two])


def test_import_refuses_a_missing_project_without_creating_it(tmp_path, qtbot, make_welcome, told):
    article = tmp_path / "one.txt"
    article.write_text("نص", encoding="utf-8")
    missing = tmp_path / "nowhere.sqlite"
    window = make_welcome()
    with qtbot.assertNotEmitted(window.project_chosen):
        assert window.import_into(missing, [article]) is False
    assert told["messages"][0][0] == "warn"
    assert not missing.exists()


def test_import_dialog_offers_the_selected_recent_project(tmp_path, qtbot, monkeypatch, make_welcome):
    project = new_project(tmp_path / "chosen.sqlite")
    remember_project(project)
    seen = []
    monkeypatch.setattr(ImportArticlesDialog, "exec",
                        lambda dialog: seen.append(dialog.choice()) or QDialog.DialogCode.Rejected)
    window = make_welcome()
    assert window.import_articles() is False
    assert seen == [(project.resolve(), [])]
