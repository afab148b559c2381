"""Start-up to an interactive window on the demo project (issue 7, target 6).

Each start is a fresh Python process (QT_QPA_PLATFORM=offscreen), timed from spawn to
the moment the child says its window is shown and the event queue is drained; the
baseline is a bare ``QApplication`` + empty ``QMainWindow`` shown the same way, in the
same run. Best of 3 each; target: at most 2x. The demo project is made beforehand with
``ensure_demo_project`` in a temporary folder, and ANNOTATOR_CONFIG_DIR points at a
temporary folder, so no dialog asks for a name. The package is compiled to bytecode first,
as an installed copy is: with PYTHONDONTWRITEBYTECODE set, every start would otherwise
compile each of our modules from source, a cost the bare baseline (and a user) never pays.
Run: .venv/bin/python benchmarks/bench_startup.py
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RATIO_TARGET = 2.0
RUNS = 3

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1400, 850)
window.show()
app.processEvents()
print("ready", flush=True)
"""

APP = """
import sys
from annotator.ui.main_window import MainWindow
window = MainWindow(sys.argv[1], annotator="bench")
window.show()
from PySide6.QtWidgets import QApplication
QApplication.instance().processEvents()
print("ready", flush=True)
window.close()
window.project.close()
"""


def start(code: str, args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    _out, err = child.communicate(timeout=60)
    if line.strip() != "ready" or child.returncode != 0:
        raise RuntimeError(f"the child failed (exit {child.returncode}):\n{err}")
    return elapsed


def main() -> int:
    compileall.compile_dir(ROOT / "annotator", quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_CONFIG_DIR": str(folder / "config"),
               "PYTHONPATH": str(ROOT)}
        from annotator.demo import ensure_demo_project
        project = ensure_demo_project(folder / "demo.annotator")
        bare, app = [], []
        for _ in range(RUNS):  # interleaved, so a busy moment hits both alike
            bare.append(start(BARE, [], env))
            app.append(start(APP, [str(project)], env))
    ratio = min(app) / min(bare)
    print(f"start-up to an interactive window on the demo project: {min(app):.2f} s; "
          f"bare QApplication + empty QMainWindow shown: {min(bare):.2f} s (best of {RUNS}, fresh processes)")
    print(f"ratio: {ratio:.2f} (target: at most {RATIO_TARGET:.1f}x)")
    print("PASS" if ratio <= RATIO_TARGET else "FAIL")
    return 0 if ratio <= RATIO_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
