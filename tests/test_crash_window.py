"""Promise 1 (docs/reliability.md) at the real window, with the command line beside it.

A person works in the window (tests/crash/window_child.py: the real MainWindow, its
editor, review window, dashboard, settings, Import and Export, Back up) while, in other
processes, ``annotator stats``, ``export`` and ``check`` run against the same file, as
people do. That is how issue 16 was lost work: the window's process closed a descriptor
of its own open project (reading the header with ``open``), which dropped SQLite's locks,
so the next command believed itself the last user and deleted the write-ahead log under
the window; everything acknowledged after that went into a deleted file.

Each round makes a project, starts the window, runs the commands in a loop beside it
(each must exit 0), watches the window's descriptors in /proc for the project's -wal or
-shm unlinked under it (until just before the kill: a dying process closes its files in
any order, and a command may then rightly clean up after it), and kills the window with
SIGKILL after a seeded number of acknowledged steps or at a seeded moment. Then the file
must be whole (integrity_check, foreign keys, ``annotator check``'s findings) and hold
exactly what was acknowledged: every row a saved step added or changed, none it removed;
only the one unacknowledged step may differ, and then wholly.

Short by default; ``make crash-test`` runs ``ANNOTATOR_CRASH_WINDOW_ROUNDS`` rounds
(``CRASH_WINDOW_ROUNDS``). The seeds are fixed (``ANNOTATOR_CRASH_WINDOW_SEED``) and
printed on failure.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time

import pytest

from tests.crash.window_round import (
    CLI, REPO, Figures, LogWatcher, WindowCheckFailed, WindowRound, check_file, make_project, report,
)

ROUNDS = int(os.environ.get("ANNOTATOR_CRASH_WINDOW_ROUNDS", "3"))


# -- the tests -------------------------------------------------------------------------------


def test_a_killed_window_beside_the_command_line_loses_no_acknowledged_work(tmp_path):
    started = time.monotonic()
    figures = Figures()
    timing = {"step": 0.08}
    for number in range(ROUNDS):
        WindowRound(tmp_path, number, figures, timing).run()
    figures.seconds = round(time.monotonic() - started, 1)
    report("window crash harness", figures)
    assert figures.kills == ROUNDS
    assert figures.acknowledged and sum(figures.commands_beside.values()) >= ROUNDS
    assert figures.descriptor_scans > ROUNDS


def test_the_window_checker_notices_lost_and_unremoved_spans(tmp_path):
    """The check can fail: a span acknowledged but absent, a removal acknowledged but undone."""
    path = tmp_path / "p.sqlite"
    initial = make_project(path, random.Random(1))
    key = min(initial.documents)
    intent = {"n": 1, "intent": "label_words", "document": key, "layer": "mona", "start": 0, "end": 3,
              "label": "TARGET"}
    lost = {"n": 1, "action": "label_words", "result": "saved",
            "spans_added": [{"id": 999, "document": key, "layer": "mona", "start": 0, "end": 3, "label": "TARGET",
                             "attrs": {}}]}
    with pytest.raises(WindowCheckFailed, match="no step was in flight"):
        check_file(path, initial, [intent, lost], Figures())
    span_id, row = next(iter(initial.spans.items()))
    links = [{"id": k, "document": r[0], "layer": r[1], "type": r[2], "head": r[3], "child": r[4]}
             for k, r in initial.relations.items() if span_id in r[3:]]
    removed = {"n": 1, "action": "delete_span", "result": "saved", "relations_removed": links,
               "spans_removed": [{"id": span_id, "document": row[0], "layer": row[1], "start": row[2],
                                  "end": row[3], "label": row[4], "attrs": json.loads(row[5])}]}
    with pytest.raises(WindowCheckFailed, match="no step was in flight"):
        check_file(path, initial, [{"n": 1, "intent": "delete_span", "span": span_id}, removed], Figures())


HOLDER = """
import json, sys
from annotator.core.store import Project
path = sys.argv[1]
project = Project.open(path, writer=True)
project.set_status(1, "mona", "done")  # a write: the log holds something
print(json.dumps({"event": "ready"}), flush=True)
sys.stdin.readline()
if sys.argv[2] == "drop":
    open(path, "rb").close()  # the old defect: any close of the file drops SQLite's locks on it
print(json.dumps({"event": "dropped"}), flush=True)
sys.stdin.readline()
"""


@pytest.mark.parametrize("drop", [True, False], ids=["locks dropped", "locks kept"])
def test_the_descriptor_watcher_sees_a_log_unlinked_under_its_process(tmp_path, drop):
    """A process that closes a descriptor of its open project (as check_header did) loses its
    locks; the next `annotator stats` deletes the log under it, and the watcher says so."""
    path = tmp_path / "p.sqlite"
    make_project(path, random.Random(2))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), "drop" if drop else "keep"], cwd=REPO,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert json.loads(holder.stdout.readline())["event"] == "ready"
        watcher = LogWatcher(holder.pid, path)
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert json.loads(holder.stdout.readline())["event"] == "dropped"
        stats = subprocess.run([*CLI, "stats", str(path)], cwd=REPO, capture_output=True, text=True, timeout=60)
        assert stats.returncode == 0, stats.stderr
        found = watcher.finish()
    finally:
        holder.kill()
        holder.wait()
        holder.stdin.close()
        holder.stdout.close()
    assert bool(found) == drop, found
    if drop:
        assert all("-wal (deleted)" in f or "-shm (deleted)" in f for f in found)
