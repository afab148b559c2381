"""The crash harness's parent side: the scripted child it starts and kills, when it kills,
and the rounds that check the file after each kill (tests/test_crash.py)."""

from __future__ import annotations

import hashlib
import json
import os
import queue
import random
import signal
import sqlite3
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.formats.native import read_jsonl
from annotator.formats.native_export import write_jsonl
from tests.crash import EXPORTS, LAYERS, TEXTS, words
from tests.crash.process import KillFigures, ScriptedChild
from tests.crash.state import CrashCheckFailed, State, apply, as_if_done, check_invariants, read_state, require

CHILD_TIMEOUT = 20.0  # seconds to wait for a child's "ready" on a loaded machine


# -- the child process ----------------------------------------------------------------


class Child(ScriptedChild):
    """One scripted child (tests/crash/child.py), waiting for "go" on its stdin."""

    def __init__(self, project: Path | str, seed: int, *extra: str, logs: Path | None = None):
        self.seed = seed
        super().__init__([sys.executable, "-m", "tests.crash.child", str(project), str(seed), "--wait", *extra],
                         (logs or project.parent) / f"child-{seed}.stderr", {**os.environ, "PYTHONHASHSEED": "0"})

    def wait_ready(self) -> None:
        try:
            first = self.lines.get(timeout=CHILD_TIMEOUT)
        except queue.Empty:
            first = None
        require(first is not None and first.get("event") == "ready",
                f"child {self.seed} did not start: {first!r}\n{self.stderr()}")

    def go(self) -> None:
        self.process.stdin.write(b"go\n")
        self.process.stdin.flush()


class Trigger:
    """When to kill: chosen per round from its seed."""

    KINDS = ("acks", "time", "import", "export", "backup", "checkpoint", "checkin")
    WEIGHTS = (30, 22, 18, 15, 10, 5, 12)

    def __init__(self, rng: random.Random, timing: dict[str, float], documents: int):
        self.rng = rng
        self.kind = rng.choices(self.KINDS, self.WEIGHTS)[0]
        self.timing = timing
        self.documents = documents
        self.acks = rng.choice((0, rng.randint(1, 8), rng.randint(1, 30)))
        self.at_progress: int | None = None
        self.watching: int | None = None

    def start(self, now: float) -> float | None:
        if self.kind == "time":
            return now + self.rng.uniform(0, self.timing["open"] + 0.3)
        return None

    def see(self, line: dict, now: float, acked: int) -> float | None:
        """A kill time, if this line calls for one."""
        rng = self.rng
        if self.kind == "acks":
            if (self.acks == 0 and line.get("event") == "opened") or (line.get("action") and acked >= self.acks):
                return now + rng.choice((0.0, rng.uniform(0, 0.004)))
        elif self.kind in ("import", "export"):
            intent = {"import": "import_batch", "export": "export"}[self.kind]
            if line.get("intent") == intent:
                total = line.get("records", self.documents)
                self.watching, self.at_progress = line["n"], rng.randint(0, max(1, total))
                if self.at_progress == 0:
                    return now + rng.uniform(0, 0.002)
            elif self.watching is not None and (line.get("n"), line.get("progress")) == (self.watching, self.at_progress):
                return now
        elif self.kind == "backup":
            if line.get("event") == "backup-start":
                return now + rng.uniform(0, self.timing["backup"])
        elif self.kind == "checkpoint":
            if line.get("intent") == "checkpoint":
                return now + rng.uniform(0, 0.003)
        elif self.kind == "checkin":
            if line.get("intent") == "checkin" and line["expected"]:  # one that changes the project
                self.watching = line["n"]
                if rng.random() < 0.3:  # while it compares the file with the project
                    return now + rng.uniform(0, self.timing["checkin"])
            elif self.watching is not None and (line.get("n"), line.get("progress")) == (self.watching, 1):
                return now + rng.uniform(0, 0.003)  # inside its transaction: her layer cleared, the file's going in
        return None


def run_child(child: Child, trigger: Trigger, deadline: float = 1.5) -> tuple[list[dict], bool]:
    """Let the child go, kill it when the trigger says; its lines and whether it was killed."""
    child.wait_ready()
    child.go()
    now = time.monotonic()
    give_up = now + deadline
    kill_at = trigger.start(now)
    seen, acked = [], 0
    while True:
        now = time.monotonic()
        limit = min(kill_at if kill_at is not None else give_up, give_up)
        if now >= limit:
            break
        try:
            line = child.lines.get(timeout=limit - now)
        except queue.Empty:
            continue
        if line is None:  # it ended by itself
            child.lines.put(None)
            break
        seen.append(line)
        acked += "action" in line
        if kill_at is None:
            kill_at = trigger.see(line, time.monotonic(), acked)
    child.kill()
    seen += child.finish()
    return seen, child.process.returncode == -signal.SIGKILL


_TIMED = {"opened": "open", "backup-done": "backup", "migrated": "migration", "format-backup-done": "format-backup"}


def remember_timing(lines: list[dict], timing: dict[str, float]) -> None:
    """Running estimates of how long the steps of opening take, to aim kills inside them."""
    for line in lines:
        if line.get("event") in _TIMED:
            name = _TIMED[line["event"]]
            timing[name] = 0.7 * timing[name] + 0.3 * line["seconds"]
        elif line.get("action") == "checkin" and line.get("expected"):
            timing["checkin"] = 0.7 * timing.get("checkin", 0.05) + 0.3 * line["seconds"]


def phase_of(lines: list[dict]) -> str:
    """Where the kill landed, from the last lines the child printed."""
    events = [line["event"] for line in lines if "event" in line]
    if "opened" not in events:
        for start, end, name in (("migrating", "migrated", "migration"),
                                 ("format-backup-start", "format-backup-done", "pre-migration backup"),
                                 ("backup-start", "backup-done", "backup")):
            if start in events and end not in events[events.index(start):]:
                return f"opening: {name}"
        return "opening"
    pending = pending_intent(lines)
    if pending is None:
        return "between actions"
    progressed = any(line.get("n") == pending["n"] and "progress" in line for line in lines)
    return pending["intent"] + (" (part way)" if progressed else "")


def pending_intent(lines: list[dict]) -> dict | None:
    intents = [line for line in lines if "intent" in line]
    acked = {line["n"] for line in lines if "action" in line}
    return intents[-1] if intents and intents[-1]["n"] not in acked else None


def lost_span_log(document: int) -> list[dict]:
    """A child's log acknowledging a span the project does not have: what a checker that
    can fail must refuse ("no action was in flight")."""
    return [{"n": 1, "intent": "add_span"},
            {"n": 1, "action": "add_span", "result": "saved",
             "span": {"id": 999, "document": document, "layer": "mona", "start": 0, "end": 3,
                      "label": "TARGET", "attrs": {}}}]


# -- the harness ---------------------------------------------------------------------


@dataclass
class Figures(KillFigures):
    exports_in_flight_found: int = 0  # an unacknowledged export had reached its final name
    phases: Counter = field(default_factory=Counter)
    actions: Counter = field(default_factory=Counter)
    checkins_killed: Counter = field(default_factory=Counter)  # "applied" or "not applied" when the kill came
    export_temp_files: int = 0
    exports_checked: int = 0
    backups_checked: int = 0
    partial_backups: int = 0
    partial_lines: int = 0
    projects: int = 0


class Harness:
    """The rounds on project files. What differs for a project elsewhere (a server:
    ``server_round.ServerHarness``) is in ``new_project``, ``new_child``, ``trigger`` and
    ``play``: where the project is, how its child is started and killed; ``side`` is the
    folder of the batches and exports the child writes beside the project."""

    def __init__(self, folder: Path, base_seed: int):
        self.folder = folder
        self.base_seed = base_seed
        self.figures = Figures()
        self.timing = {"open": 0.1, "backup": 0.02, "migration": 0.01, "format-backup": 0.02, "checkin": 0.05}
        self.path: Path | None = None

    def new_project(self, number: int) -> None:
        """A fresh project with the four Arabic texts and a few spans, made by the parent."""
        self.path = self.project_path(number)
        self.path.parent.mkdir()
        self.fill(Project.create(self.path), self.path.parent)

    def fill(self, project: Project, side: Path) -> None:
        """A new project's texts and first span; the harness's picture of it starts here."""
        with project:
            import_documents(project, [DocumentInput(text=t, path="texts", id=f"text-{i}") for i, t in enumerate(TEXTS)])
            first = project.document_by_id("text-0")
            start, end = words(first.text)[0]
            project.add_span(first.key, LAYERS[0], start, end, "SPEAKER", {"entity": "وزير الخارجية"})
            self.state, _ = read_state(project.db)
        self.side = side
        self.exports: dict[str, str] = {}  # name: SHA-256 of the last whole export
        self.exports_read: set[str] = set()
        self.backups_seen: set[str] = set()
        self.figures.projects += 1

    def seed(self, number: int) -> int:
        return self.base_seed * 100_000 + number

    def project_path(self, number: int) -> Path:
        return self.folder / f"project-{number}" / "p.sqlite"

    def run(self, rounds: int, per_project: int, ahead: int = 2) -> Figures:
        """``ahead`` children start (and import Python) while earlier rounds run and are checked."""
        started = time.monotonic()
        waiting: deque[Child] = deque()
        spawned = 0
        try:
            for number in range(rounds):
                while spawned < min(rounds, number + 1 + ahead):
                    waiting.append(self.new_child(spawned // per_project, self.seed(spawned)))
                    spawned += 1
                if number % per_project == 0:
                    self.new_project(number // per_project)
                child = waiting.popleft()
                self.run_round(number, child)
        finally:
            for child in waiting:
                child.kill()
                child.finish()
        self.figures.seconds = round(time.monotonic() - started, 1)
        return self.figures

    def new_child(self, project: int, seed: int) -> Child:
        return Child(self.project_path(project), seed, logs=self.folder)

    def trigger(self, seed: int) -> Trigger:
        return Trigger(random.Random(f"kill-{seed}"), self.timing, len(self.state.documents))

    def play(self, child: Child, trigger: Trigger) -> tuple[list[dict], bool]:
        return run_child(child, trigger)

    def run_round(self, number: int, child: "Child") -> None:
        seed = self.seed(number)
        trigger = self.trigger(seed)
        lines, killed = self.play(child, trigger)
        self.remember_timing(lines)
        try:
            require(killed, f"the child ended by itself (exit {child.process.returncode}):\n{child.stderr()}")
            self.check_round(lines)
        except CrashCheckFailed as failure:
            raise CrashCheckFailed(
                f"{failure}\n\nround {number}, child seed {seed} (ANNOTATOR_CRASH_SEED={self.base_seed}), "
                f"kill trigger {trigger.kind}, killed in: {phase_of(lines)}\nproject: {self.path}\n"
                f"last lines: {json.dumps(lines[-6:], ensure_ascii=False)[:3000]}"
            ) from None
        child.stderr_path.unlink()
        self.figures.rounds += 1
        self.figures.kills += killed
        self.figures.phases[phase_of(lines)] += 1
        self.figures.partial_lines += child.partial

    def remember_timing(self, lines: list[dict]) -> None:
        remember_timing(lines, self.timing)

    def check_round(self, lines: list[dict]) -> None:
        before = self.state
        expected = before.copy()
        for line in lines:
            if "action" in line:
                apply(expected, line)
                self.figures.acknowledged += 1
                self.figures.actions[line["action"]] += 1
                if line["result"] == "saved":
                    self.figures.saved += 1
                    if line["action"] == "export":
                        self.exports[Path(line["file"]).name] = line["sha256"]
                else:
                    self.figures.refused += 1
        pending = pending_intent(lines)
        with Project.open(self.path) as project:
            found, texts = read_state(project.db)
            check_invariants(project, found, texts)
            self.check_against_acknowledged(expected, found, pending)
            self.check_exports(project, pending)
        self.check_backups(before)
        for batch in (self.side / "batches").glob("*.jsonl"):
            batch.unlink()
        self.state = found

    def check_against_acknowledged(self, expected: State, found: State, pending: dict | None) -> None:
        differences = expected.differences(found)
        if pending is not None and pending["intent"] == "checkin" and pending["expected"]:
            self.figures.checkins_killed["applied" if differences else "not applied"] += 1
        if not differences:
            self.figures.in_flight_not_found += (pending is not None
                                                 and pending["intent"] not in ("export", "checkpoint", "list_documents"))
            return
        require(pending is not None,
                "the file differs from the acknowledged actions, and no action was in flight:\n"
                + "\n".join(differences))
        done = as_if_done(pending, expected, found)
        require(done is not None,
                f"the unacknowledged {pending['intent']} left a partial change:\n" + "\n".join(differences))
        whole = expected.copy()
        try:
            apply(whole, done)
        except CrashCheckFailed as error:
            raise CrashCheckFailed(f"the unacknowledged {pending['intent']} is half applied: {error}") from None
        rest = whole.differences(found)
        require(not rest, f"the file is neither before nor after the unacknowledged {pending['intent']}:\n"
                + "\n".join(differences) + "\nversus after it:\n" + "\n".join(rest))
        self.figures.in_flight_found += 1

    def check_exports(self, project: Project, pending: dict | None) -> None:
        folder = self.side / "exports"
        if not folder.exists():
            return
        leftovers = list(folder.glob(".*.tmp"))
        self.figures.export_temp_files += len(leftovers)
        for leftover in leftovers:
            leftover.unlink()
        for name, layer in EXPORTS.items():
            path = folder / name
            if not path.exists():
                require(name not in self.exports, f"the acknowledged export {name} is gone")
                continue
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest not in self.exports_read:  # read back each new export once
                require(data == b"" or data.endswith(b"\n"), f"export {name} does not end with a line break")
                try:
                    records = list(read_jsonl(path))
                except AnnotatorError as error:
                    raise CrashCheckFailed(f"export {name} cannot be read back: {error}") from None
                require(len(records) == data.count(b"\n"), f"export {name}: a line is not a record")
                self.exports_read.add(digest)
            if digest != self.exports.get(name):
                require(pending is not None and pending["intent"] == "export" and Path(pending["file"]).name == name,
                        f"export {name} changed without an acknowledged export")
                fresh = self.folder / "fresh.jsonl"
                write_jsonl(project, fresh, layer)
                require(fresh.read_bytes() == data, f"the unacknowledged export {name} is not a whole export")
                fresh.unlink()
                self.exports[name] = digest
                self.figures.exports_in_flight_found += 1
            self.figures.exports_checked += 1

    def check_backups(self, before: State) -> None:
        if not isinstance(self.path, Path):
            return  # a server keeps its own
        folder = self.path.with_name(self.path.name + ".backups")
        if not folder.exists():
            return
        partial = list(folder.glob(".*.partial"))
        self.figures.partial_backups += len(partial)
        for leftover in partial:
            leftover.unlink()
        for backup in sorted(folder.glob("*.sqlite")):
            if backup.name in self.backups_seen:
                continue
            connection = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
            try:
                verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
                require(verdict == "ok", f"backup {backup.name}: {verdict}")
                state, _ = read_state(connection)
            finally:
                connection.close()
            differences = before.differences(state)
            require(not differences, f"backup {backup.name} is not the project as it was opened:\n"
                    + "\n".join(differences))
            self.backups_seen.add(backup.name)
            self.figures.backups_checked += 1


def report(title: str, figures) -> None:
    print(f"\n{title}: " + json.dumps(vars(figures), ensure_ascii=False, default=dict), file=sys.stderr)


