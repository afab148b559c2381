"""Settings and About from the annotator's window: a change applies at once."""

from pathlib import Path

from annotator.core.store import Project
from annotator.ui.settings import app_settings


def test_settings_change_the_article_size_and_the_annotator_at_once(make_window):
    window = make_window({"one": "قال المتحدث إن الخطة ستنجح."})
    dialog = window.open_settings()
    dialog.font_size.setValue(24)
    dialog.annotator.setText("huda")
    dialog.accept()
    assert window.article.font().pointSize() == 24
    assert window.annotator == "huda"
    assert app_settings().value("annotator") == "huda"


def test_about_names_the_settings_file(make_window):
    window = make_window({"one": "نص قصير."})
    dialog = window.show_about()
    shown = " ".join(label.text() for label in dialog.findChildren(type(window.progress)))
    assert app_settings().fileName() in shown


def test_quit_after_env_closes_the_window_so_it_saves_its_place(make_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app import quit_after_env

    window = make_window({"one": "نص قصير.", "two": "نص آخر."})
    window.open_document("two")
    monkeypatch.setenv("ANNOTATOR_QUIT_AFTER_MS", "10")
    quit_after_env(QApplication.instance())
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    with Project.open(window.project_path, writer=True):  # the window let go of the project
        pass
    assert app_settings().value(window._last_document_key()) == "two"


def test_the_window_reopens_with_the_pane_widths_it_was_closed_with(make_window, qtbot):
    from annotator.ui.main_window import MainWindow

    window = make_window({"one": "نص قصير."})
    window.resize(760, 560)  # inside the offscreen screen (800x600), which clamps a restored window
    window.splitter.setSizes([150, 450, 150])
    chosen = window.splitter.sizes()
    window.close()
    again = MainWindow(window.project_path, annotator="mona")
    qtbot.addWidget(again)
    again.show()
    assert (again.size().width(), again.size().height()) == (760, 560)
    assert again.splitter.sizes() == chosen


def test_an_unexpected_error_is_logged_and_shown_without_the_traceback(monkeypatch, tmp_path):
    import sys

    from annotator.paths import user_log_dir
    from annotator.ui import dialogs
    from annotator.ui.app import report_unexpected_errors

    shown = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(dialogs, "warn", lambda parent, title, text: shown.append(text))
    report_unexpected_errors()
    try:
        raise KeyError("the broken thing")
    except KeyError as error:
        sys.excepthook(KeyError, error, error.__traceback__)
    log = user_log_dir() / "crash.log"
    assert "the broken thing" in log.read_text(encoding="utf-8")
    assert str(log) in shown[0] and "Traceback" not in shown[0] and "KeyError" in shown[0]


def test_reopening_where_the_user_left_off_leaves_the_settings_file_alone(make_window, qtbot):
    """Each settings change rewrites the whole file and flushes it to disk; a start that
    changes nothing (same annotator, project, document and window) must not write."""
    from annotator.ui.app import open_main_window

    window = make_window({"one": "نص قصير.", "two": "نص آخر."})
    app_settings().setValue("annotator", "mona")
    window.close()
    first = open_main_window(window.project_path)
    qtbot.addWidget(first)
    first.open_document("two")
    first.close()
    settings_file = Path(app_settings().fileName())
    before = settings_file.stat().st_ino, settings_file.read_bytes()

    again = open_main_window(window.project_path)
    qtbot.addWidget(again)
    assert again.editor.document == again.project.document_by_id("two").key
    again.close()
    assert (settings_file.stat().st_ino, settings_file.read_bytes()) == before
