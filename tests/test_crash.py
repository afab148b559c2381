"""Promise 1 (docs/reliability.md): an action is reported saved only after its transaction
committed, and each action is all or nothing, whenever the process is killed.

A scripted child (tests/crash/child.py) annotates a project through the core calls the
window uses and acknowledges each action on stdout after it returned. This parent kills
it with SIGKILL at random moments (after a random number of acknowledgements, at a random
time, inside an import, an export, a backup, a checkpoint, a migration), reopens the
project and checks it: ``integrity_check``, ``foreign_key_check``, valid offsets and
links, every acknowledged action present, and the one unacknowledged action either wholly
there or not at all. The next round continues on the same file, so kills accumulate.

Short by default (CI). The long run: ``make crash-test``, or
``ANNOTATOR_CRASH_ROUNDS=2000 pytest tests/test_crash.py -s``. The seeds are fixed
(``ANNOTATOR_CRASH_SEED``) and printed on failure.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlite_utils import Database

from annotator.core.errors import AnnotatorError
from annotator.core.ingest import DocumentInput, import_documents, text_sha256
from annotator.core.store.migrations import LATEST_VERSION, project_migrations
from annotator.core.store import Project, check_span_offsets
from annotator.formats.native import read_jsonl
from annotator.formats.native_export import write_jsonl
from tests.crash import EXPORTS, LAYERS, TEXTS, make_text, words

REPO = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("ANNOTATOR_CRASH_ROUNDS", "60"))
MIGRATION_ROUNDS = int(os.environ.get("ANNOTATOR_CRASH_MIGRATION_ROUNDS", str(max(20, ROUNDS // 10))))
ROUNDS_PER_PROJECT = int(os.environ.get("ANNOTATOR_CRASH_ROUNDS_PER_PROJECT", "40"))
BASE_SEED = int(os.environ.get("ANNOTATOR_CRASH_SEED", "6001"))
CHILD_TIMEOUT = 20.0  # seconds to wait for a child's "ready" on a loaded machine
LOG_NAMES = {"import_batch": "import"}


class CrashCheckFailed(AssertionError):
    pass


def require(condition: bool, message: str) -> None:
    if not condition:
        raise CrashCheckFailed(message)


# -- what a project holds, as compared by the harness --------------------------------


def attrs_key(attrs) -> str:
    if isinstance(attrs, str):
        attrs = json.loads(attrs)
    return json.dumps(attrs, sort_keys=True, ensure_ascii=False)


@dataclass
class State:
    documents: dict[int, tuple[str, str]] = field(default_factory=dict)  # key: (id, sha)
    spans: dict[int, tuple] = field(default_factory=dict)  # id: (document, layer, start, end, label, attrs)
    relations: dict[int, tuple] = field(default_factory=dict)  # id: (document, layer, type, head, child)
    status: dict[tuple[int, str], str] = field(default_factory=dict)
    layers: set[str] = field(default_factory=set)
    log: int = 0
    last_log: str | None = None

    def copy(self) -> "State":
        return State(dict(self.documents), dict(self.spans), dict(self.relations),
                     dict(self.status), set(self.layers), self.log, self.last_log)

    def differences(self, other: "State", limit: int = 8) -> list[str]:
        """How ``other`` (the file) differs from self (the expectation)."""
        found = []
        for name in ("documents", "spans", "relations", "status"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for key in sorted(set(mine) | set(theirs), key=str):
                if mine.get(key) != theirs.get(key):
                    found.append(f"{name}[{key}]: expected {mine.get(key)!r}, file has {theirs.get(key)!r}")
        if self.layers != other.layers:
            found.append(f"layers: expected {sorted(self.layers)}, file has {sorted(other.layers)}")
        if (self.log, self.last_log) != (other.log, other.last_log):
            found.append(f"edit log: expected {self.log} rows ending {self.last_log!r}, "
                         f"file has {other.log} ending {other.last_log!r}")
        return found[:limit] + ([f"... {len(found) - limit} more"] if len(found) > limit else [])


def read_state(connection: sqlite3.Connection) -> tuple[State, dict[int, str]]:
    state, texts = State(), {}
    for key, doc_id, sha, text in connection.execute("SELECT key, id, text_sha256, text FROM documents"):
        state.documents[key] = (doc_id, sha)
        texts[key] = text
    for row in connection.execute(
        'SELECT s.id, s.document, l.name, s.start, s."end", s.label, s.attrs '
        "FROM spans s LEFT JOIN layers l ON l.id = s.layer"
    ):
        state.spans[row[0]] = (*row[1:6], attrs_key(row[6]))
    for row in connection.execute(
        "SELECT r.id, r.document, l.name, r.type, r.head, r.child "
        "FROM relations r LEFT JOIN layers l ON l.id = r.layer"
    ):
        state.relations[row[0]] = tuple(row[1:])
    for document, layer, status in connection.execute(
        "SELECT ds.document, l.name, ds.status FROM document_status ds LEFT JOIN layers l ON l.id = ds.layer"
    ):
        state.status[(document, layer)] = status
    state.layers = {row[0] for row in connection.execute("SELECT name FROM layers")}
    state.log, state.last_log = connection.execute(
        "SELECT count(*), (SELECT action FROM edit_log ORDER BY id DESC LIMIT 1) FROM edit_log"
    ).fetchone()
    return state, texts


def check_invariants(project: Project, state: State, texts: dict[int, str]) -> None:
    """What must hold in any file, whatever was acknowledged."""
    db = project.db
    verdict = [row[0] for row in db.execute("PRAGMA integrity_check")]
    require(verdict == ["ok"], f"integrity_check: {verdict[:5]}")
    broken = db.execute("PRAGMA foreign_key_check").fetchall()
    require(not broken, f"foreign_key_check: {broken[:5]}")
    for key, (doc_id, sha) in state.documents.items():
        require(text_sha256(texts[key]) == sha, f"document {doc_id}: text does not match its SHA-256")
    for span_id, (document, layer, start, end, label, attrs) in state.spans.items():
        require(document in texts and layer is not None, f"span {span_id} has no document or layer")
        try:
            check_span_offsets(texts[document], start, end)
            project.schema.check_span(label, json.loads(attrs))
        except AnnotatorError as error:
            raise CrashCheckFailed(f"span {span_id}: {error}") from None
    for relation_id, (document, layer, type_, head, child) in state.relations.items():
        require(head in state.spans and child in state.spans,
                f"relation {relation_id} points to a missing span ({head} -> {child})")
        for end in (head, child):
            require(state.spans[end][:2] == (document, layer),
                    f"relation {relation_id} links spans of another document or layer")
        try:
            project.schema.check_relation(type_, state.spans[head][4], state.spans[child][4])
        except AnnotatorError as error:
            raise CrashCheckFailed(f"relation {relation_id}: {error}") from None
    for (document, layer), status in state.status.items():
        require(document in state.documents and layer is not None, f"status row for missing {document}/{layer}")


# -- replaying acknowledgements -------------------------------------------------------


def span_row(span: dict) -> tuple:
    return (span["document"], span["layer"], span["start"], span["end"], span["label"], attrs_key(span["attrs"]))


def relation_row(relation: dict) -> tuple:
    return (relation["document"], relation["layer"], relation["type"], relation["head"], relation["child"])


def touch(state: State, document: int, layer: str) -> None:
    state.layers.add(layer)
    if state.status.get((document, layer), "new") == "new":
        state.status[(document, layer)] = "in_progress"


def apply(state: State, ack: dict) -> None:
    """Put one saved action's described effect into ``state``; refuse impossible ones."""
    action = ack["action"]
    if ack["result"] != "saved" or action in ("export", "checkpoint"):
        return
    if action == "add_span":
        span = ack["span"]
        require(span["id"] not in state.spans, f"add_span reused span id {span['id']}")
        state.spans[span["id"]] = span_row(span)
        touch(state, span["document"], span["layer"])
    elif action == "update_span":
        span = ack["span"]
        old = state.spans.get(span["id"])
        require(old is not None and old[:4] == span_row(span)[:4], f"update_span of unknown span {span}")
        state.spans[span["id"]] = span_row(span)
        touch(state, span["document"], span["layer"])
    elif action == "delete_span":
        span_id = ack["span"]
        require(span_id in state.spans, f"delete_span of unknown span {span_id}")
        using = {rid for rid, r in state.relations.items() if span_id in (r[3], r[4])}
        require(set(ack["relations"]) == using,
                f"delete_span {span_id} removed relations {ack['relations']}, expected {sorted(using)}")
        document, layer = state.spans.pop(span_id)[:2]
        for relation_id in using:
            del state.relations[relation_id]
        touch(state, document, layer)
    elif action == "restore_span":
        span = ack["span"]
        require(span["id"] not in state.spans, f"restore_span over existing span {span['id']}")
        state.spans[span["id"]] = span_row(span)
        for relation in ack["relations"]:
            require(relation["head"] in state.spans and relation["child"] in state.spans
                    and relation["id"] not in state.relations, f"restore_span relation {relation}")
            state.relations[relation["id"]] = relation_row(relation)
        touch(state, span["document"], span["layer"])
    elif action == "add_relation":
        relation = ack["relation"]
        require(relation["id"] not in state.relations, f"add_relation reused id {relation['id']}")
        require(relation["head"] in state.spans and relation["child"] in state.spans,
                f"add_relation to a missing span {relation}")
        state.relations[relation["id"]] = relation_row(relation)
        touch(state, relation["document"], relation["layer"])
    elif action == "delete_relation":
        require(ack["relation"] in state.relations, f"delete_relation of unknown {ack['relation']}")
        del state.relations[ack["relation"]]
    elif action == "set_status":
        state.status[(ack["document"], ack["layer"])] = ack["status"]
        state.layers.add(ack["layer"])
    elif action == "import_batch":
        apply_import(state, ack)
        if not ack["documents"]:
            return
        state.log += len(ack["relations"])  # import logs each relation it adds, then itself
    else:
        raise CrashCheckFailed(f"unknown action {action!r}")
    state.log += 1
    state.last_log = LOG_NAMES.get(action, action)


def apply_import(state: State, ack: dict) -> None:
    """An import is the whole batch file or nothing: compare its effect with the file."""
    records = list(read_jsonl(Path(ack["file"])))
    batch = {text_sha256(r.text): r for r in records}
    stored = {d["sha"]: d for d in ack["documents"]}
    require(set(stored) == set(batch) and len(ack["documents"]) == len(records),
            f"import of {ack['file']}: {len(stored)} of its {len(records)} documents are in the file")
    by_key = {}
    for sha, document in stored.items():
        require(document["key"] not in state.documents and sha not in {s for _, s in state.documents.values()},
                f"import reused document {document}")
        require(document["id"] == batch[sha].id, f"import stored {document['id']} for {batch[sha].id}")
        state.documents[document["key"]] = (document["id"], sha)
        by_key[document["key"]] = batch[sha]
    spans = {span["id"]: span for span in ack["spans"]}
    expected_status = {}
    for key, record in by_key.items():
        layer = record.layer
        mine = [s for s in spans.values() if s["document"] == key]
        if layer is None:
            require(not mine, f"import added spans to bare record {record.id}")
            continue
        got = Counter((s["layer"], s["start"], s["end"], s["label"], attrs_key(s["attrs"])) for s in mine)
        want = Counter((layer.name, s.start, s.end, s.label, attrs_key(s.attrs)) for s in layer.spans)
        require(got == want, f"import of {record.id}: spans {dict(got)} instead of {dict(want)}")
        refs = {s.ref: (s.start, s.end, s.label) for s in layer.spans}
        got_links = Counter(
            (r["type"], tuple(spans[r["head"]][k] for k in ("start", "end", "label")),
             tuple(spans[r["child"]][k] for k in ("start", "end", "label")))
            for r in ack["relations"] if r["document"] == key
        )
        want_links = Counter((r.type, refs[r.head], refs[r.child]) for r in layer.relations)
        require(got_links == want_links, f"import of {record.id}: relations {got_links} instead of {want_links}")
        expected_status[(key, layer.name)] = layer.status or ("in_progress" if layer.spans else "new")
    statuses = {(key, layer): status for key, layer, status in ack["statuses"]}
    require(statuses == expected_status, f"import statuses {statuses} instead of {expected_status}")
    for span in spans.values():
        require(span["id"] not in state.spans, f"import reused span id {span['id']}")
        state.spans[span["id"]] = span_row(span)
        state.layers.add(span["layer"])
    for relation in ack["relations"]:
        state.relations[relation["id"]] = relation_row(relation)
    state.status.update(statuses)
    state.layers.update(layer for _, layer in statuses)


def as_if_done(intent: dict, before: State, found: State) -> dict | None:
    """The acknowledgement the unacknowledged action would have printed, had it finished,
    with any new ids taken from the file; None if it cannot have changed anything."""
    kind, saved = intent["intent"], {"action": intent["intent"], "result": "saved"}
    if kind == "add_span":
        new = set(found.spans) - set(before.spans)
        if len(new) != 1:
            return None
        fields = {k: intent[k] for k in ("document", "layer", "start", "end", "label", "attrs")}
        return {**saved, "span": {"id": new.pop(), **fields}}
    if kind == "update_span":
        if intent["span"] not in before.spans:
            return None
        document, layer, start, end = before.spans[intent["span"]][:4]
        return {**saved, "span": {"id": intent["span"], "document": document, "layer": layer, "start": start,
                                  "end": end, "label": intent["label"], "attrs": intent["attrs"]}}
    if kind == "delete_span":
        using = [rid for rid, r in before.relations.items() if intent["span"] in (r[3], r[4])]
        return {**saved, "span": intent["span"], "relations": using}
    if kind == "restore_span":
        return {**saved, "span": intent["span"], "relations": intent["relations"]}
    if kind == "add_relation":
        new = set(found.relations) - set(before.relations)
        if len(new) != 1 or intent["head"] not in before.spans:
            return None
        document, layer = before.spans[intent["head"]][:2]
        return {**saved, "relation": {"id": new.pop(), "document": document, "layer": layer,
                                      "type": intent["type"], "head": intent["head"], "child": intent["child"]}}
    if kind == "delete_relation":
        return {**saved, "relation": intent["relation"]}
    if kind == "set_status":
        return {**saved, **{k: intent[k] for k in ("document", "layer", "status")}}
    if kind == "import_batch":
        keys = set(found.documents) - set(before.documents)
        return {**saved, "file": intent["file"],
                "documents": [{"key": k, "id": found.documents[k][0], "sha": found.documents[k][1]} for k in keys],
                "spans": [{"id": i, "document": s[0], "layer": s[1], "start": s[2], "end": s[3], "label": s[4],
                           "attrs": json.loads(s[5])} for i, s in found.spans.items() if s[0] in keys],
                "relations": [{"id": i, "document": r[0], "layer": r[1], "type": r[2], "head": r[3], "child": r[4]}
                              for i, r in found.relations.items() if r[0] in keys],
                "statuses": [[k, layer, s] for (k, layer), s in found.status.items() if k in keys]}
    return None  # export, checkpoint: no change to the project file


# -- the child process ----------------------------------------------------------------


class Child:
    """One scripted child; its stdout lines arrive on a queue read by a thread."""

    def __init__(self, project: Path, seed: int, *extra: str, logs: Path | None = None):
        self.seed = seed
        self.stderr_path = (logs or project.parent) / f"child-{seed}.stderr"
        with open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.crash.child", str(project), str(seed), "--wait", *extra],
                cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                env={**os.environ, "PYTHONHASHSEED": "0"},
            )
        self.lines: queue.Queue = queue.Queue()
        self.partial = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for raw in self.process.stdout:
            if raw.endswith(b"\n"):
                self.lines.put(json.loads(raw))
            else:
                self.partial += 1  # cut off by the kill: not an acknowledgement
        self.lines.put(None)

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

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)

    def finish(self) -> list[dict]:
        """Every whole line it printed, after it ended."""
        self.process.wait()
        self.reader.join()
        self.process.stdin.close()
        self.process.stdout.close()
        rest = []
        while (line := self.lines.get()) is not None:
            rest.append(line)
        return rest

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")[-3000:]


class Trigger:
    """When to kill: chosen per round from its seed."""

    KINDS = ("acks", "time", "import", "export", "backup", "checkpoint")
    WEIGHTS = (30, 22, 18, 15, 10, 5)

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


# -- the harness ---------------------------------------------------------------------


@dataclass
class Figures:
    kills: int = 0
    rounds: int = 0
    acknowledged: int = 0
    saved: int = 0
    refused: int = 0
    in_flight_found: int = 0  # the unacknowledged action was wholly in the file
    in_flight_not_found: int = 0  # ... or not at all
    exports_in_flight_found: int = 0  # an unacknowledged export had reached its final name
    phases: Counter = field(default_factory=Counter)
    actions: Counter = field(default_factory=Counter)
    export_temp_files: int = 0
    exports_checked: int = 0
    backups_checked: int = 0
    partial_backups: int = 0
    partial_lines: int = 0
    projects: int = 0


class Harness:
    def __init__(self, folder: Path, base_seed: int):
        self.folder = folder
        self.base_seed = base_seed
        self.figures = Figures()
        self.timing = {"open": 0.1, "backup": 0.02, "migration": 0.01, "format-backup": 0.02}
        self.path: Path | None = None

    def new_project(self, number: int) -> None:
        """A fresh project with the four Arabic texts and a few spans, made by the parent."""
        self.path = self.project_path(number)
        self.path.parent.mkdir()
        with Project.create(self.path) as project:
            import_documents(project, [DocumentInput(text=t, path="texts", id=f"text-{i}") for i, t in enumerate(TEXTS)])
            first = project.document_by_id("text-0")
            start, end = words(first.text)[0]
            project.add_span(first.key, LAYERS[0], start, end, "SPEAKER", {"entity": "وزير الخارجية"})
            self.state, _ = read_state(project.db.conn)
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
                    waiting.append(Child(self.project_path(spawned // per_project), self.seed(spawned),
                                         logs=self.folder))
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

    def run_round(self, number: int, child: "Child") -> None:
        seed = self.seed(number)
        trigger = Trigger(random.Random(f"kill-{seed}"), self.timing, len(self.state.documents))
        lines, killed = run_child(child, trigger)
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
            found, texts = read_state(project.db.conn)
            check_invariants(project, found, texts)
            self.check_against_acknowledged(expected, found, pending)
            self.check_exports(project, pending)
        self.check_backups(before)
        for batch in (self.path.parent / "batches").glob("*.jsonl"):
            batch.unlink()
        self.state = found

    def check_against_acknowledged(self, expected: State, found: State, pending: dict | None) -> None:
        differences = expected.differences(found)
        if not differences:
            self.figures.in_flight_not_found += pending is not None and pending["intent"] not in ("export", "checkpoint")
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
        folder = self.path.parent / "exports"
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


def test_the_checker_notices_lost_and_half_done_work(tmp_path):
    """The harness can fail: an acknowledged span missing, and half an import."""
    harness = Harness(tmp_path, BASE_SEED)
    harness.new_project(0)
    key = min(harness.state.documents)
    lost = [{"n": 1, "intent": "add_span"},
            {"n": 1, "action": "add_span", "result": "saved",
             "span": {"id": 999, "document": key, "layer": "mona", "start": 0, "end": 3,
                      "label": "TARGET", "attrs": {}}}]
    with pytest.raises(CrashCheckFailed, match="no action was in flight"):
        harness.check_round(lost)
    batch = harness.path.parent / "batch.jsonl"
    batch.write_text("".join(json.dumps({"id": f"half-{i}", "text": make_text(random.Random(i), f"h{i}", 12)},
                                        ensure_ascii=False) + "\n" for i in range(3)), encoding="utf-8")
    with Project.open(harness.path) as project:
        import_documents(project, list(read_jsonl(batch))[:2])
    with pytest.raises(CrashCheckFailed, match="half applied"):
        harness.check_round([{"n": 1, "intent": "import_batch", "file": str(batch), "records": 3}])


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
        from annotator.core.store import project as store
        real_log = store._log
        def killed(db, action, *rest):
            if action == "create_project":
                os.kill(os.getpid(), signal.SIGKILL)
            real_log(db, action, *rest)
        store._log = killed
        store.Project.create({str(path)!r})
    """)
    done = subprocess.run([sys.executable, "-c", child], cwd=REPO, capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL
    assert not path.exists()
    Project.create(path).close()
    with Project.open(path) as project:
        assert project.document_count() == 0
