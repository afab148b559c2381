"""Start the Qt application: one QApplication, the bundled font, the main window."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from annotator.core.store.project_file import ProjectLockedError
from annotator.paths import resource_path

ARABIC_FONT_FILE = "NotoNaskhArabic-Regular.ttf"


def load_arabic_font() -> str:
    """Register the bundled Arabic font and return its family name."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", ARABIC_FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else QFont().defaultFamily()


def application() -> QApplication:
    existing = QApplication.instance()
    app = existing or QApplication(sys.argv[:1])
    if existing is None:
        from annotator.ui.i18n import install_translator

        install_translator(app)
    app.setApplicationName("Annotator")
    app.setOrganizationName("annotator")
    app.setDesktopFileName("annotator")  # the Wayland app id matches packaging/annotator.desktop
    return app


def quit_after_env(app: QApplication) -> None:
    """``ANNOTATOR_QUIT_AFTER_MS=N``: close every window N ms after the event loop starts,
    then quit (packaging/smoke_test.py starts the bundled app this way). Closing, not just
    quitting, lets each window save its settings and close its project."""
    delay = os.environ.get("ANNOTATOR_QUIT_AFTER_MS", "").strip()
    if not delay.isdigit():
        return

    def close_and_quit() -> None:
        app.closeAllWindows()
        app.quit()

    QTimer.singleShot(int(delay), close_and_quit)


def report_unexpected_errors() -> None:
    """An error no code path expected: log the traceback to the user's log folder and
    show a short message that says where it is, never the traceback itself."""
    import traceback

    from annotator.paths import user_log_dir
    from annotator.ui import dialogs

    def handle(kind, error, trace) -> None:
        log = user_log_dir() / "crash.log"
        with open(log, "a", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(kind, error, trace)) + "\n")
        dialogs.warn(None, QApplication.translate("App", "Something went wrong"),
                     QApplication.translate("App", "Annotator met an error it did not expect ({0}). Your saved "
                                            "work is safe. The details are in {1}.").format(kind.__name__, log))

    sys.excepthook = handle


def open_main_window(project: Path):
    """The annotator's window on ``project`` (read-only if another window writes it), or
    None when the user declines; the project goes to the top of the recent list."""
    from annotator.ui import dialogs
    from annotator.ui.main_window import MainWindow, confirm_annotator
    from annotator.ui.recent import remember_project

    annotator = confirm_annotator()
    if annotator is None:
        return None
    try:
        window = MainWindow(project, annotator)
    except ProjectLockedError as error:
        if not dialogs.ask(None, QCoreApplication.translate("app", "Project in use"),
                           QCoreApplication.translate("app", "{0}\n\nOpen it read-only?").format(error)):
            return None
        window = MainWindow(project, annotator, read_only=True)
    if isinstance(project, Path):  # the recent list holds files; a server project (a URL) is not listed yet
        remember_project(project)
    window.show()
    return window


def event_loop(app: QApplication) -> int:
    """``app.exec()``, with the garbage collector back on once the loop runs.

    Start-up makes tens of thousands of tracked objects that live as long as the
    process: modules, classes, PySide's enums. Each pass of the collector during
    start-up would walk them all again and slow the start, so windows are started with
    collection off (``launch.collect_later``).
    When the first window is up, those objects are frozen out of every later pass and
    collection resumes."""
    QTimer.singleShot(0, _collect_from_now_on)
    return app.exec()


def _collect_from_now_on() -> None:
    gc.freeze()
    gc.enable()


def run(project: Path) -> int:
    app = application()
    report_unexpected_errors()
    window = open_main_window(project)
    if window is None:
        return 0
    quit_after_env(app)
    return event_loop(app)


def run_welcome() -> int:
    """The welcome window: recent projects, new, open, the demo, import articles."""
    from annotator.ui.welcome import WelcomeWindow

    app = application()
    report_unexpected_errors()
    welcome, windows = WelcomeWindow(), []

    def chosen(path: Path) -> None:
        window = open_main_window(path)
        if window:
            windows.append(window)
            welcome.close()

    welcome.project_chosen.connect(chosen)
    welcome.show()
    return event_loop(app)
