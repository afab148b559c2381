"""Smoke test of the built one-folder app (``make bundle-smoke``).

Runs ``dist/annotator/annotator`` offscreen with fresh, temporary data, config and log
folders, so it never touches a real user's files:

1. ``--version`` answers;
2. ``demo --no-window`` creates the demo project and prints its path; the file exists
   and ``check`` and ``stats --json`` accept it (six articles, two annotators);
3. ``export --format conll`` works from the bundle (format modules load by name);
4. ``demo`` opens the window on it (settings seeded with an annotator name, so no
   first-start question), which the app closes by itself after
   ``ANNOTATOR_QUIT_AFTER_MS``; it must exit with status 0, print no traceback, and have
   opened a document (the window records the last document in its settings);
5. ``check`` still finds the project sound after the window closed it.

Usage: python packaging/smoke_test.py [path/to/dist/annotator]
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOW_SECONDS = 60  # the window closes itself after QUIT_AFTER_MS; this is the hard limit
QUIT_AFTER_MS = "1500"


class SmokeFailure(Exception):
    pass


def executable(folder: Path) -> Path:
    name = "annotator.exe" if sys.platform == "win32" else "annotator"
    path = folder / name
    if not path.is_file():
        raise SmokeFailure(f"{path} is missing: build the bundle first (make bundle)")
    return path


def fresh_environment(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "ANNOTATOR_CONFIG_DIR": str(scratch / "config"),
        "ANNOTATOR_LOG_DIR": str(scratch / "log"),
        "ANNOTATOR_DATA_DIR": str(scratch / "data"),
    })
    env.pop("ANNOTATOR_QUIT_AFTER_MS", None)
    for folder in ("config", "log", "data"):
        (scratch / folder).mkdir()
    return env


def run(command: list[str], env: dict[str, str], timeout: float = 60,
        hint: str = "") -> subprocess.CompletedProcess:
    started = time.monotonic()
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, encoding="utf-8",
                                timeout=timeout)
    except subprocess.TimeoutExpired:
        raise SmokeFailure(f"{' '.join(command[1:])}: still running after {timeout:.0f} s, so it was "
                           f"killed{hint}") from None
    print(f"  {' '.join(command[1:])}: exit {result.returncode} in {time.monotonic() - started:.1f} s")
    if result.returncode != 0 or "Traceback" in result.stderr:
        raise SmokeFailure(f"{' '.join(command[1:])} failed (exit {result.returncode}):\n"
                           f"stdout: {result.stdout}\nstderr: {result.stderr}")
    return result


def check_project(app: Path, env: dict[str, str], project: Path) -> None:
    if not project.is_file() or project.stat().st_size == 0:
        raise SmokeFailure(f"the demo project {project} was not created")
    with sqlite3.connect(f"{project.as_uri()}?mode=ro", uri=True) as db:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise SmokeFailure(f"{project}: SQLite integrity check failed")
    run([str(app), "check", str(project)], env)
    stats = json.loads(run([str(app), "stats", str(project), "--json"], env).stdout)
    if stats.get("documents") != 6 or sorted(stats.get("annotators", [])) != ["karim", "mona"]:
        raise SmokeFailure(f"unexpected demo project statistics: {stats}")


def smoke(folder: Path) -> None:
    app = executable(folder)
    with tempfile.TemporaryDirectory(prefix="annotator-smoke-") as tmp:
        scratch = Path(tmp)
        env = fresh_environment(scratch)

        version = run([str(app), "--version"], env).stdout.strip()
        if not version.startswith("annotator, version "):
            raise SmokeFailure(f"--version printed {version!r}")

        project = Path(run([str(app), "demo", "--no-window"], env).stdout.strip())
        if scratch not in project.parents:
            raise SmokeFailure(f"the demo project {project} is outside the fresh data folder {scratch}")
        check_project(app, env, project)
        run([str(app), "export", str(project), "--format", "conll", "-o", str(scratch / "demo.conll")], env)
        if not (scratch / "demo.conll").stat().st_size:
            raise SmokeFailure("the CoNLL export is empty")

        settings = scratch / "config" / "settings.ini"
        settings.write_text("[General]\nannotator=smoke\n", encoding="utf-8")
        window_env = dict(env, ANNOTATOR_QUIT_AFTER_MS=QUIT_AFTER_MS)
        run([str(app), "demo"], window_env, timeout=WINDOW_SECONDS,
            hint=f" (the window should close itself when ANNOTATOR_QUIT_AFTER_MS={QUIT_AFTER_MS} is set)")
        if "last_document" not in settings.read_text(encoding="utf-8"):
            raise SmokeFailure("the window exited without opening a document of the demo project")
        check_project(app, env, project)


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "annotator"
    print(f"smoke test of {folder}")
    started = time.monotonic()
    try:
        smoke(folder)
    except SmokeFailure as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"passed in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
