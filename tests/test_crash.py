"""Promise 1 (docs/reliability.md): an action is reported saved only after its transaction
committed, and each action is all or nothing, whenever the process is killed.

A scripted child (tests/crash/child.py) annotates a project through the core calls the
window uses and acknowledges each action on stdout after it returned. This parent kills
it with SIGKILL at random moments (after a random number of acknowledgements, at a random
time, inside an import, an export, a check-in, a backup, a checkpoint, a migration), reopens the
project and checks it: ``integrity_check``, ``foreign_key_check``, valid offsets and
links, every acknowledged action present, and the one unacknowledged action either wholly
there or not at all. The next round continues on the same file, so kills accumulate.

Short by default (CI). The long run: ``make crash-test``, or
``ANNOTATOR_CRASH_ROUNDS=2000 pytest tests/test_crash.py -s``. The seeds are fixed
(``ANNOTATOR_CRASH_SEED``) and printed on failure.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlite_utils import Database

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.core.store import checkouts
from annotator.core.store.migrations import LATEST_VERSION, project_migrations
from annotator.formats.checkout import check_in, check_out
from annotator.formats.native import read_jsonl
from tests.crash import make_text, words
from tests.crash.harness import (Child, Harness, Trigger, lost_span_log, phase_of, remember_timing, report,
                                  run_child)
from tests.crash.state import CrashCheckFailed, State, read_state, require

REPO = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("ANNOTATOR_CRASH_ROUNDS", "60"))
MIGRATION_ROUNDS = int(os.environ.get("ANNOTATOR_CRASH_MIGRATION_ROUNDS", str(max(20, ROUNDS // 10))))
ROUNDS_PER_PROJECT = int(os.environ.get("ANNOTATOR_CRASH_ROUNDS_PER_PROJECT", "40"))
BASE_SEED = int(os.environ.get("ANNOTATOR_CRASH_SEED", "6001"))


# -- the tests -----------------------------------------------------------------------


def test_killed_annotation_sessions_lose_no_acknowledged_work(tmp_path):
    figures = Harness(tmp_path, BASE_SEED).run(ROUNDS, ROUNDS_PER_PROJECT)
    report("crash harness", figures)
    assert figures.kills >= min(ROUNDS, 50)
    assert figures.saved > figures.kills  # the kills did not all land before any work
    assert figures.in_flight_found and figures.in_flight_not_found
    if ROUNDS >= 50:  # the kills reached inside the long steps
        for phase in ("import_batch (part way)", "export (part way)", "opening: backup"):
            assert figures.phases[phase], (phase, figures.phases)
        assert figures.phases["checkin"] + figures.phases["checkin (part way)"], figures.phases


def test_the_checker_notices_lost_and_half_done_work(tmp_path):
    """The harness can fail: an acknowledged span missing, and half an import."""
    harness = Harness(tmp_path, BASE_SEED)
    harness.new_project(0)
    key = min(harness.state.documents)
    with pytest.raises(CrashCheckFailed, match="no action was in flight"):
        harness.check_round(lost_span_log(key))
    batch = harness.path.parent / "batch.jsonl"
    batch.write_text("".join(json.dumps({"id": f"half-{i}", "text": make_text(random.Random(i), f"h{i}", 12)},
                                        ensure_ascii=False) + "\n" for i in range(3)), encoding="utf-8")
    with Project.open(harness.path) as project:
        import_documents(project, list(read_jsonl(batch))[:2])
    with pytest.raises(CrashCheckFailed, match="half applied"):
        harness.check_round([{"n": 1, "intent": "import_batch", "file": str(batch), "records": 3}])


def test_the_checker_notices_a_half_done_check_in(tmp_path):
    """A check-in is mona's layer replaced on every document it takes, or on none: the
    harness fails the file where her layer was cleared and the file's not put in."""
    harness = Harness(tmp_path, BASE_SEED)
    harness.new_project(0)
    copy = harness.path.parent / "mona.sqlite"
    with Project.open(harness.path) as project:
        check_out(project, "mona", copy, everything=True)
        harness.state, _ = read_state(project.db.conn)
        key = project.document_by_id("text-0").key
    with Project.open(copy, writer=True) as offline:
        text = offline.document(key).text
        offline.add_span(key, "mona", *words(text)[2], "TARGET", {})
        expected = [[key, [[s.start, s.end, s.label, s.attrs] for s in offline.spans(key, "mona")], [],
                     offline.status(key, "mona")]]
    intent = {"n": 1, "intent": "checkin", "file": str(copy), "expected": expected}
    pristine = harness.path.parent / "pristine.sqlite"
    shutil.copy(harness.path, pristine)
    with Project.open(harness.path) as project, project.transaction():
        checkouts.clear_layer(project, key, "mona")  # the first half of a check-in
    with pytest.raises(CrashCheckFailed, match="half applied"):
        harness.check_round([intent])
    shutil.copy(pristine, harness.path)
    with Project.open(harness.path) as project:
        assert check_in(project, copy).taken == ["text-0"]
    harness.check_round([intent])  # the whole check-in, killed before it said so


# -- migrations ------------------------------------------------------------------------


def formats() -> dict[int, tuple[set[str], list[str]]]:
    """Each project format: its tables and the migrations applied, built from the migrations."""
    names = [m.name for m in project_migrations.pending(Database(memory=True))]
    found = {}
    for stop in names[1:] + [None]:
        db = Database(memory=True)
        project_migrations.apply(db, stop_before=stop)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        found[version] = (schema_objects(db.conn), [m.name for m in project_migrations.applied(db)])
    assert max(found) == LATEST_VERSION, found
    return found


def schema_objects(connection: sqlite3.Connection) -> set[tuple[str, str]]:
    """The tables and named indexes of a file, as (type, name): a migration may add either."""
    return set(connection.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL"))


def format1_copy(source: Path, target: Path, known: dict) -> None:
    """The same data as a format-1 file: the later migrations' tables and records removed."""
    shutil.copy(source, target)
    tables, applied = known[1]
    connection = sqlite3.connect(target, isolation_level=None)
    connection.execute("BEGIN")
    later = connection.execute("SELECT type, name FROM sqlite_master WHERE type = 'trigger' "  # format 1 has none
                               "OR sql LIKE 'CREATE VIRTUAL TABLE%'").fetchall()  # each drops its own tables
    for kind, name in later:
        connection.execute(f"DROP {kind.upper()} IF EXISTS {name}")
    for kind, name in sorted(known[LATEST_VERSION][0] - tables, reverse=True):  # tables, then indexes
        connection.execute(f"DROP {kind.upper()} IF EXISTS {name}")
    connection.execute(f"DELETE FROM _sqlite_migrations WHERE name NOT IN ({', '.join('?' * len(applied))})", applied)
    connection.execute("PRAGMA user_version = 1")
    connection.execute("COMMIT")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def file_format(connection: sqlite3.Connection, known: dict) -> int:
    """The file's format, after checking it is wholly that format (no half migration)."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    require(version in known, f"unknown format {version}")
    tables = schema_objects(connection)
    applied = [row[0] for row in connection.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    require((tables, applied) == known[version],
            f"format {version} file with tables {sorted(tables)} and migrations {applied}: half migrated")
    return version


@dataclass
class MigrationFigures:
    rounds: int = 0
    kills: int = 0
    formats_found: Counter = field(default_factory=Counter)
    phases: Counter = field(default_factory=Counter)
    format_backups_checked: int = 0
    format_backups_incomplete: int = 0


class MigrationTrigger(Trigger):
    KINDS = ("migrating", "format-backup-start", "backup-start", "time")

    def __init__(self, kind: str, rng: random.Random, timing: dict[str, float]):
        self.kind, self.rng, self.timing = kind, rng, timing

    def start(self, now: float) -> float | None:
        return now + self.rng.uniform(0, self.timing["open"]) if self.kind == "time" else None

    def see(self, line: dict, now: float, acked: int) -> float | None:
        if line.get("event") == self.kind:
            estimate = {"migrating": "migration", "format-backup-start": "format-backup"}.get(self.kind, "backup")
            return now + self.rng.uniform(0, self.timing[estimate])
        return None


def test_a_migration_killed_at_any_moment_leaves_a_whole_format(tmp_path):
    """Opening a format-1 project migrates it; killed at any moment, the file is wholly
    format 1 or wholly a later format (each migration is one transaction), with its data."""
    started = time.monotonic()
    known = formats()
    harness = Harness(tmp_path, BASE_SEED)
    harness.new_project(0)
    with Project.open(harness.path) as project:
        rng = random.Random(BASE_SEED)
        import_documents(project, [DocumentInput(text=make_text(rng, f"m{i}", 200), path="m", id=f"m-{i}")
                                   for i in range(60)])
        key = project.document_by_id("text-1").key
        text = project.document(key).text
        (c0, c1), (s0, s1) = words(text)[-3], words(text)[0]
        claim = project.add_span(key, "mona", c0, c1, "CLAIM", {"stance": "AGAINST"}).spans_added[0]
        speaker = project.add_span(key, "mona", s0, s1, "SPEAKER").spans_added[0]
        project.add_relation("SAID_BY", claim.id, speaker.id)
        project.set_status(key, "mona", "done")
    template = tmp_path / "format1.sqlite"
    format1_copy(harness.path, template, known)
    connection = sqlite3.connect(template)
    expected, _ = read_state(connection)
    assert file_format(connection, known) == 1
    connection.close()
    figures = MigrationFigures()
    paths = [tmp_path / f"migration-{number}" / "old.sqlite" for number in range(MIGRATION_ROUNDS)]
    waiting = deque()
    try:
        for number, path in enumerate(paths):
            while len(waiting) < 2 and number + len(waiting) < len(paths):
                ahead = number + len(waiting)
                waiting.append(Child(paths[ahead], harness.seed(ahead), "--actions", "0", logs=tmp_path))
            seed = harness.seed(number)
            path.parent.mkdir()
            shutil.copy(template, path)
            child = waiting.popleft()
            rng = random.Random(f"migration-{seed}")
            kind = MigrationTrigger.KINDS[number % len(MigrationTrigger.KINDS)]
            lines, killed = run_child(child, MigrationTrigger(kind, rng, harness.timing))
            require(killed or child.process.returncode == 0, f"the child failed:\n{child.stderr()}")
            where = phase_of(lines) if killed else "not killed"
            try:
                version = check_migrated_file(path, expected, known, figures)
            except CrashCheckFailed as failure:
                raise CrashCheckFailed(f"{failure}\nmigration round {number}, seed {seed}, killed in {where}, "
                                       f"file {path}") from None
            figures.rounds += 1
            figures.kills += killed
            figures.phases[where] += 1
            figures.formats_found[version] += 1
            remember_timing(lines, harness.timing)
            child.stderr_path.unlink()
            shutil.rmtree(path.parent)
    finally:
        for child in waiting:
            child.kill()
            child.finish()
    figures.seconds = round(time.monotonic() - started, 1)
    report("migration crash harness", figures)
    assert figures.kills >= MIGRATION_ROUNDS // 2
    assert figures.phases["opening: migration"], figures.phases
    assert figures.formats_found[1] and figures.formats_found[LATEST_VERSION], figures.formats_found


def check_migrated_file(path: Path, expected: State, known: dict, figures: MigrationFigures) -> int:
    """Before anything else opens it: whole, one format, data unchanged; then it opens."""
    connection = sqlite3.connect(path)
    try:
        verdict = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        require(verdict == ["ok"], f"integrity_check after a killed migration: {verdict[:5]}")
        require(not connection.execute("PRAGMA foreign_key_check").fetchall(), "foreign_key_check")
        version = file_format(connection, known)
        found, _ = read_state(connection)
    finally:
        connection.close()
    differences = expected.differences(found)
    require(not differences, "a killed migration changed the data:\n" + "\n".join(differences))
    backup = path.with_name(path.name + ".format1.bak")
    if backup.exists():
        copy = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            whole = copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok" and file_format(copy, known) == 1
            whole = whole and not expected.differences(read_state(copy)[0])
        except (sqlite3.DatabaseError, CrashCheckFailed):
            whole = False
        finally:
            copy.close()
        if version > 1:
            require(whole, "the file was migrated but its format-1 backup is not whole")
            figures.format_backups_checked += 1
        else:
            figures.format_backups_incomplete += not whole
    with Project.open(path) as project:
        require(project.db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION, "not migrated on open")
        found, _ = read_state(project.db.conn)
        require(not expected.differences(found), "opening after a killed migration changed the data")
    return version


# -- creating ---------------------------------------------------------------------------


def test_a_project_killed_while_being_created_never_leaves_half_a_project(tmp_path):
    """A kill between Project.create's migrations and its settings: the project's name
    holds nothing, and creating it again works (it is built under a temporary name)."""
    path = tmp_path / "new.sqlite"
    child = textwrap.dedent(f"""
        import os, signal
        from annotator.core.store import opening as store
        real_log = store.log_action
        def killed(db, action, *rest):
            if action == "create_project":
                os.kill(os.getpid(), signal.SIGKILL)
            real_log(db, action, *rest)
        store.log_action = killed
        from annotator.core.store import Project
        Project.create({str(path)!r})
    """)
    done = subprocess.run([sys.executable, "-c", child], cwd=REPO, capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL
    assert not path.exists()
    Project.create(path).close()
    with Project.open(path) as project:
        assert project.document_count() == 0
