"""Opening the window imports only what the first window needs (issue 7, start-up time).

The review window, the dashboard and its plots, agreement statistics, the interchange
formats, encoding detection, TOML schema files, sqlite-utils (which imports numpy
and pandas whenever they are installed) and ``regex`` (the grapheme questions of an
article's first open have a fast path) are imported when first used; a
module-level import of any of them would put its cost back on every start. Checked in
a fresh interpreter, since this test run has long imported all of them, once for the
window alone and once for `annotator demo` started through the command's entry point,
which leaves the click command line out of the window's start.

PySide creates a Qt class, with all its enums, when a module first imports it or when a
call first returns one; the window must not create classes it does not use at start.
One call that returns a plain ``QWidget*`` (``viewport()``) creates every QtWidgets
class, 10-20 ms. The window starts with the garbage collector off; it must be on again
once the window is up.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from annotator.demo import ensure_demo_project

ROOT = Path(__file__).resolve().parents[2]

IMPORTED_ON_FIRST_USE = (
    "annotator.core.adjudicate",
    "annotator.core.ingest",
    "annotator.formats.native",
    "annotator.formats.native_export",
    "orjson",
    "annotator.ui.transfer",
    "annotator.ui.help_dialog",
    "annotator.ui.settings_dialog",
    "annotator.ui.review_window",
    "annotator.ui.dashboard",
    "pyqtgraph",
    "annotator.core.agreement",
    "annotator.core.metrics",
    "krippendorff",
    "annotator.formats.registry",
    "charset_normalizer",
    "tomllib",
    "regex",
    "html",  # tooltips escape their text on the first hover
    "importlib.resources",
    "sqlite_utils",
    "numpy",
    "pandas",
)

OPEN_THE_WINDOW = """
import json, sys
from annotator.ui.main_window import MainWindow
from PySide6.QtWidgets import QApplication
window = MainWindow(sys.argv[1], annotator="startup")
window.show()
QApplication.instance().processEvents()
import PySide6.QtGui, PySide6.QtWidgets
print(json.dumps([sorted(sys.modules), sorted([*vars(PySide6.QtGui), *vars(PySide6.QtWidgets)])]))
window.close()
"""


# `annotator demo` as a user starts it, through the command's entry; once the window has
# closed itself it lists what it imported, and tells whether the garbage collector runs.
START_THE_DEMO = """
import atexit, gc, json, sys
atexit.register(lambda: print(json.dumps([sorted(sys.modules), gc.isenabled(), gc.get_freeze_count()])))
from annotator.launch import main
sys.argv = ["annotator", "demo"]
main()
"""

# Widgets no window of ours shows at start: the first four appear only when PySide has
# created every QtWidgets class; the dialogs are imported when one first shows.
NEVER_SHOWN_AT_START = ("QWizard", "QCalendarWidget", "QMdiArea", "QLCDNumber",
                        "QMessageBox", "QFileDialog", "QInputDialog")
# Nor does the start need QIcon (157 enum members), which QAction(text, parent) creates,
# or QPainter, which only draws a selected claim's links.
NOT_NEEDED_AT_START = (*NEVER_SHOWN_AT_START, "QIcon", "QPainter", "QPainterPath")


def opened(project: Path, tmp_path: Path) -> tuple[set[str], set[str]]:
    """The modules imported and the QtGui and QtWidgets classes created once the window shows."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_CONFIG_DIR": str(tmp_path / "config"),
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", OPEN_THE_WINDOW, str(project)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    modules, widget_classes = json.loads(done.stdout.strip().splitlines()[-1])
    return set(modules), set(widget_classes)


def test_opening_the_window_leaves_the_heavy_modules_for_later(tmp_path):
    modules, _classes = opened(ensure_demo_project(tmp_path / "demo.annotator"), tmp_path)
    assert "annotator.ui.main_window" in modules
    assert sorted(set(IMPORTED_ON_FIRST_USE) & modules) == []


def test_opening_the_window_creates_only_the_qt_classes_it_uses(tmp_path):
    _modules, classes = opened(ensure_demo_project(tmp_path / "demo.annotator"), tmp_path)
    assert "QPlainTextEdit" in classes
    assert sorted(set(NOT_NEEDED_AT_START) & classes) == []


# The window's first suggestions are found right after its first frame, when the
# suggester, the search fold table and pyarabic are imported (10% of a start's work).
UNTIL_THE_SUGGESTIONS = """
import json, sys, time
from PySide6.QtWidgets import QApplication
from annotator.ui.main_window import MainWindow
window = MainWindow(sys.argv[1], annotator="startup")
window.show()
shown = sorted(sys.modules)
deadline = time.monotonic() + 30
while window.editor.suggestions_deferred and time.monotonic() < deadline:
    QApplication.instance().processEvents()
print(json.dumps([shown, sorted(sys.modules), len(window.editor.suggestions)]))
window.close()
"""
AFTER_THE_FIRST_FRAME = (
    "annotator.core.suggest", "annotator.core.suggest_words", "annotator.core.suggest_text",
    "annotator.core.search", "pyarabic",
)


def test_the_suggestions_are_found_after_the_first_frame(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_CONFIG_DIR": str(tmp_path / "config"),
           "PYTHONPATH": str(ROOT)}
    project = ensure_demo_project(tmp_path / "demo.annotator")
    done = subprocess.run([sys.executable, "-c", UNTIL_THE_SUGGESTIONS, str(project)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    shown, later, found = json.loads(done.stdout.strip().splitlines()[-1])
    assert sorted(set(AFTER_THE_FIRST_FRAME) & set(shown)) == []
    assert set(AFTER_THE_FIRST_FRAME) <= set(later) and found > 0


def start_the_demo(tmp_path: Path) -> tuple[set[str], bool, int]:
    """The modules `annotator demo` imported, whether garbage is collected once its window
    is up, and how many objects start-up left frozen out of the collector's passes."""
    data, config = tmp_path / "data", tmp_path / "config"
    config.mkdir()
    (config / "settings.ini").write_text("[General]\nannotator=startup\n", encoding="utf-8")
    data.mkdir()
    ensure_demo_project(data / "demo.sqlite")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_CONFIG_DIR": str(config),
           "ANNOTATOR_DATA_DIR": str(data), "ANNOTATOR_QUIT_AFTER_MS": "0", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", START_THE_DEMO], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    modules, collecting, frozen = json.loads(done.stdout.strip().splitlines()[-1])
    return set(modules), collecting, frozen


def test_the_demo_command_leaves_the_heavy_modules_for_later(tmp_path):
    modules, _collecting, _frozen = start_the_demo(tmp_path)
    assert "annotator.ui.main_window" in modules
    # The window commands start without the click command line (annotator.launch).
    assert sorted({*IMPORTED_ON_FIRST_USE, "click", "annotator.cli"} & modules) == []


def test_garbage_is_collected_again_once_the_window_is_up(tmp_path):
    """The window starts with the collector off (a start-up cost); it must come back on,
    or every reference cycle made while annotating would stay in memory."""
    _modules, collecting, frozen = start_the_demo(tmp_path)
    assert collecting
    assert frozen > 10_000  # what start-up made: no later pass walks it again
