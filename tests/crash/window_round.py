"""The window crash round's parts: the file's rows, the replay of acknowledgements, the
processes beside the window and one round (tests/test_crash_window.py)."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import queue
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


from annotator.core.store.summary import findings
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from tests.crash import ENTITIES, LAYERS, TEXTS, words
from tests.crash.process import REPO, KillFigures, ScriptedChild


STEPS = int(os.environ.get("ANNOTATOR_CRASH_WINDOW_STEPS", "25"))
BASE_SEED = int(os.environ.get("ANNOTATOR_CRASH_WINDOW_SEED", "7001"))
CLI = (sys.executable, "-c", "from annotator.cli import main; main()")
UNLINKED = "the write-ahead log was unlinked while the window was open"
READY_TIMEOUT = 60.0  # seconds for the window to come up on a loaded machine
EFFECTS = ("spans_added", "spans_removed", "spans_changed", "relations_added", "relations_removed",
           "statuses", "documents_added", "documents_removed")


class WindowCheckFailed(AssertionError):
    pass


def require(condition: bool, message: str) -> None:
    if not condition:
        raise WindowCheckFailed(message)


# -- what a project holds --------------------------------------------------------------


def span_row(span: dict) -> tuple:
    attrs = json.dumps(span["attrs"], sort_keys=True, ensure_ascii=False)
    return (span["document"], span["layer"], span["start"], span["end"], span["label"], attrs)


def relation_row(relation: dict) -> tuple:
    return (relation["document"], relation["layer"], relation["type"], relation["head"], relation["child"])


@dataclass
class State:
    spans: dict[int, tuple] = field(default_factory=dict)  # id: span_row
    relations: dict[int, tuple] = field(default_factory=dict)  # id: relation_row
    statuses: dict[tuple[int, str], str] = field(default_factory=dict)
    documents: dict[int, tuple[str, str]] = field(default_factory=dict)  # key: (id, sha)

    def copy(self) -> "State":
        return State(dict(self.spans), dict(self.relations), dict(self.statuses), dict(self.documents))

    def differences(self, found: "State", limit: int = 8) -> list[str]:
        """How ``found`` (the file) differs from self (what was acknowledged)."""
        lines = []
        for name in ("spans", "relations", "statuses", "documents"):
            mine, theirs = getattr(self, name), getattr(found, name)
            for key in sorted(mine.keys() | theirs.keys(), key=str):
                if mine.get(key) != theirs.get(key):
                    lines.append(f"{name}[{key}]: acknowledged {mine.get(key)!r}, file has {theirs.get(key)!r}")
        return lines[:limit] + ([f"... {len(lines) - limit} more"] if len(lines) > limit else [])


def read_state(db) -> State:
    """The rows the harness compares, from an open connection (the window child's columns)."""
    state = State()
    for row in db.execute('SELECT s.id, s.document, l.name, s.start, s."end", s.label, s.attrs '
                          "FROM spans s JOIN layers l ON l.id = s.layer"):
        state.spans[row[0]] = span_row(dict(zip(("document", "layer", "start", "end", "label"), row[1:6]),
                                            attrs=json.loads(row[6])))
    for row in db.execute("SELECT r.id, r.document, l.name, r.type, r.head, r.child "
                          "FROM relations r JOIN layers l ON l.id = r.layer"):
        state.relations[row[0]] = tuple(row[1:])
    for document, layer, status in db.execute(
            "SELECT ds.document, l.name, ds.status FROM document_status ds JOIN layers l ON l.id = ds.layer"):
        state.statuses[(document, layer)] = status
    for key, doc_id, sha in db.execute("SELECT key, id, text_sha256 FROM documents"):
        state.documents[key] = (doc_id, sha)
    return state


def make_project(path: Path, rng: random.Random) -> State:
    """The four Arabic texts, annotated by both layers: some units agreed, some not."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=t, path="texts", id=f"text-{i}") for i, t in enumerate(TEXTS)])
        for document in list(project.documents()):
            bounds = words(document.text)
            stance = rng.choice(("FAVOR", "AGAINST"))
            for layer in LAYERS:
                speaker = project.add_span(document.key, layer, bounds[0][0], bounds[1][1], "SPEAKER",
                                           {"entity": ENTITIES[document.key % len(ENTITIES)]}).spans_added[0]
                differs = layer != LAYERS[0] and rng.random() < 0.5
                claim = project.add_span(document.key, layer, bounds[3][0], bounds[5][1], "CLAIM",
                                         {"stance": "NEUTRAL" if differs else stance}).spans_added[0]
                project.add_relation("SAID_BY", claim.id, speaker.id)
        return read_state(project.db)


# -- replaying acknowledgements ------------------------------------------------------------


def apply_ack(state: State, ack: dict) -> None:
    """Put one acknowledged step's effect into ``state``, refusing effects that cannot be."""
    where = f"step {ack['n']} ({ack['action']})"
    if ack["result"] == "refused":
        changed = [name for name in EFFECTS if ack.get(name)]
        require(not changed, f"{where} was refused, yet the window saw it change {changed}")
        return
    for kind, ids in ack.get("reported", {}).items():
        read_back = sorted(row["id"] for row in ack.get(kind, ()))
        require(ids == read_back, f"{where}: the editor reported {kind} {ids}, the rows read back are {read_back}")
    require(not ack.get("documents_removed"), f"{where} removed documents: {ack.get('documents_removed')}")
    for span in ack.get("spans_removed", ()):
        require(state.spans.get(span["id"]) == span_row(span), f"{where} removed span {span} the file did not hold")
        del state.spans[span["id"]]
    for span in ack.get("spans_changed", ()):
        old = state.spans.get(span["id"])
        require(old is not None and old[:4] == span_row(span)[:4], f"{where} changed unknown span {span}")
        state.spans[span["id"]] = span_row(span)
    for span in ack.get("spans_added", ()):
        require(span["id"] not in state.spans, f"{where} reused span id {span['id']}")
        state.spans[span["id"]] = span_row(span)
    for relation in ack.get("relations_removed", ()):
        require(state.relations.pop(relation["id"], None) == relation_row(relation),
                f"{where} removed relation {relation} the file did not hold")
    for relation in ack.get("relations_added", ()):
        require(relation["id"] not in state.relations, f"{where} reused relation id {relation['id']}")
        state.relations[relation["id"]] = relation_row(relation)
    for document, layer, status in ack.get("statuses", ()):
        state.statuses[(document, layer)] = status
    for document in ack.get("documents_added", ()):
        require(document["key"] not in state.documents, f"{where} reused document key {document['key']}")
        state.documents[document["key"]] = (document["id"], document["sha"])


def delta(expected: State, found: State) -> dict[str, dict]:
    """What the file holds beyond (or short of) the acknowledged state, by kind."""
    def beyond(a: dict, b: dict) -> dict:
        return {k: a[k] for k in a.keys() - b.keys()}

    return {
        "spans_added": beyond(found.spans, expected.spans), "spans_removed": beyond(expected.spans, found.spans),
        "spans_changed": {k: found.spans[k] for k in found.spans.keys() & expected.spans.keys()
                          if found.spans[k] != expected.spans[k]},
        "relations_added": beyond(found.relations, expected.relations),
        "relations_removed": beyond(expected.relations, found.relations),
        "statuses": {k: found.statuses.get(k) for k in found.statuses.keys() | expected.statuses.keys()
                     if found.statuses.get(k) != expected.statuses.get(k)},
        "documents_added": beyond(found.documents, expected.documents),
        "documents_removed": beyond(expected.documents, found.documents),
    }


def statuses_only_of(change: dict, document: int, layer: str) -> None:
    require(set(change["statuses"]) <= {(document, layer)}, f"statuses of other documents: {change['statuses']}")


def whole_new_span(pending: dict, expected: State, change: dict) -> set[str]:
    wanted = (pending["document"], pending["layer"], pending["start"], pending["end"], pending["label"], "{}")
    require(list(change["spans_added"].values()) == [wanted], f"spans added {change['spans_added']}, not {wanted}")
    statuses_only_of(change, pending["document"], pending["layer"])
    return {"spans_added", "statuses"}


def whole_stance(pending: dict, expected: State, change: dict) -> set[str]:
    old = expected.spans[pending["span"]]
    attrs = dict(json.loads(old[5]), stance=pending["stance"])
    wanted = {pending["span"]: (*old[:5], json.dumps(attrs, sort_keys=True, ensure_ascii=False))}
    require(change["spans_changed"] == wanted, f"spans changed {change['spans_changed']}, not {wanted}")
    statuses_only_of(change, old[0], old[1])
    return {"spans_changed", "statuses"}


def whole_deletion(pending: dict, expected: State, change: dict) -> set[str]:
    span = pending["span"]
    require(change["spans_removed"] == {span: expected.spans[span]}, f"spans removed {change['spans_removed']}")
    links = {k: r for k, r in expected.relations.items() if span in (r[3], r[4])}
    require(change["relations_removed"] == links, f"relations removed {change['relations_removed']}, not {links}")
    statuses_only_of(change, *expected.spans[span][:2])
    return {"spans_removed", "relations_removed", "statuses"}


def whole_status(pending: dict, expected: State, change: dict) -> set[str]:
    wanted = {(pending["document"], pending["layer"]): pending["status"]}
    require(change["statuses"] == wanted, f"statuses {change['statuses']}, not {wanted}")
    return {"statuses"}


def whole_decision(pending: dict, expected: State, change: dict) -> set[str]:
    """Gold spans of exactly the shapes the decision takes, with gold links between them."""
    document = pending["document"]
    shapes = Counter((start, end, label, json.dumps(attrs, sort_keys=True, ensure_ascii=False))
                     for start, end, label, attrs in pending["gold"])
    added = change["spans_added"].values()
    require(all(row[:2] == (document, "gold") for row in added), f"the decision added non-gold spans {added}")
    require(Counter(row[2:] for row in added) == shapes, f"gold spans {list(added)}, not {dict(shapes)}")
    for relation in change["relations_added"].values():
        require(relation[:2] == (document, "gold"), f"the decision added relation {relation}")
    statuses_only_of(change, document, "gold")
    return {"spans_added", "relations_added", "statuses"}


def whole_import(pending: dict, expected: State, change: dict) -> set[str]:
    ids = [doc_id for doc_id, _ in change["documents_added"].values()]
    require(ids == [pending["id"]], f"documents added {ids}, not [{pending['id']!r}]")
    return {"documents_added"}


IN_FLIGHT = {"label_words": whole_new_span, "add_mid_letter": whole_new_span, "set_stance": whole_stance,
             "delete_span": whole_deletion, "set_status": whole_status, "review": whole_decision,
             "import_text": whole_import}


def check_in_flight(pending: dict | None, expected: State, found: State) -> None:
    """The file differs from the acknowledged state: only the in-flight step, wholly, may explain it."""
    differences = "\n".join(expected.differences(found))
    require(pending is not None, f"the file differs from the acknowledged steps, and no step was in flight:\n"
            f"{differences}")
    rule = IN_FLIGHT.get(pending["intent"])
    require(rule is not None, f"the file differs, but the unacknowledged {pending['intent']} changes nothing "
            f"in the project:\n{differences}")
    change = delta(expected, found)
    try:
        explained = rule(pending, expected, change)
    except WindowCheckFailed as failure:
        raise WindowCheckFailed(f"the unacknowledged {pending['intent']} is half applied: {failure}\n"
                                f"{differences}") from None
    rest = {name: rows for name, rows in change.items() if rows and name not in explained}
    require(not rest, f"beside the unacknowledged {pending['intent']}, the file differs: {rest}")


def pending_intent(lines: list[dict]) -> dict | None:
    intents = [line for line in lines if "intent" in line]
    acked = {line["n"] for line in lines if "action" in line}
    return intents[-1] if intents and intents[-1]["n"] not in acked else None


# -- the processes beside the window ---------------------------------------------------------


def unlinked_logs(pid: int, project: Path) -> list[str]:
    """The descriptors of ``pid`` open on the project's -wal or -shm after it was unlinked."""
    wanted = {f"{os.path.realpath(project)}{suffix} (deleted)" for suffix in ("-wal", "-shm")}
    folder = f"/proc/{pid}/fd"
    try:
        descriptors = os.listdir(folder)
    except OSError:  # the process is gone
        return []
    found = []
    for descriptor in descriptors:
        try:
            target = os.readlink(f"{folder}/{descriptor}")
        except OSError:  # closed meanwhile
            continue
        if target in wanted:
            found.append(f"fd {descriptor} -> {target}")
    return found


class LogWatcher:
    """Reads /proc/PID/fd every few milliseconds: SQLite keeps its log open, so a log deleted
    by another process shows there as " (deleted)", whether or not anything was lost yet."""

    def __init__(self, pid: int, project: Path):
        self.pid, self.project = pid, project
        self.found: list[str] = []
        self.scans = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        while not self.stop.wait(0.003):
            self.scan()

    def scan(self) -> None:
        self.scans += 1
        if not self.found:
            self.found = unlinked_logs(self.pid, self.project)

    def finish(self) -> list[str]:
        """Stop, with one last look."""
        self.stop.set()
        self.thread.join()
        self.scan()
        return self.found


class CommandsBeside:
    """``annotator stats``, ``export`` and ``check`` in turn, in their own processes, until stopped."""

    def __init__(self, project: Path, folder: Path, env: dict[str, str]):
        self.commands = (("stats", str(project)), ("export", str(project), "-o", str(folder / "x.jsonl")),
                         ("check", str(project)))
        self.env = env
        self.ran: Counter = Counter()
        self.failures: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        for command in itertools.cycle(self.commands):
            if self.stop.is_set():
                return
            done = subprocess.run([*CLI, *command], cwd=REPO, env=self.env, capture_output=True, text=True,
                                  timeout=120)
            self.ran[command[0]] += 1
            if done.returncode != 0:
                self.failures.append(f"`annotator {' '.join(command)}` exited {done.returncode}:\n"
                                     f"{(done.stdout + done.stderr)[-1500:]}")

    def finish(self) -> None:
        self.stop.set()
        self.thread.join()


class WindowChild(ScriptedChild):
    """The window child (tests/crash/window_child.py)."""

    def __init__(self, project: Path, seed: int, steps: int, env: dict[str, str]):
        super().__init__([sys.executable, "-m", "tests.crash.window_child", str(project), str(seed), str(steps)],
                         project.parent / "window.stderr", env)

    def next_line(self, timeout: float) -> dict | None | bool:
        """The next line; None when the child ended; False when none came in time."""
        try:
            line = self.lines.get(timeout=max(timeout, 0.0))
        except queue.Empty:
            return False
        if line is None:
            self.lines.put(None)  # for finish, which reads to the end
        return line


# -- a round -------------------------------------------------------------------------------


class KillPlan:
    """When to kill: after a seeded number of acknowledgements (0 included), a moment later
    or at once, or at a seeded time; at the latest when the child says it is done."""

    def __init__(self, rng: random.Random, steps: int, step_seconds: float):
        self.kind = rng.choice(("acks", "acks", "time"))
        self.acks = rng.choice((0, rng.randint(1, max(1, steps // 2)), rng.randint(1, steps)))
        self.delay = rng.choice((0.0, rng.uniform(0, step_seconds)))
        self.seconds = rng.uniform(0, steps * step_seconds)

    def start(self, now: float) -> float | None:
        if self.kind == "time":
            return now + self.seconds
        return now + self.delay if self.acks == 0 else None

    def see(self, line: dict, acked: int, now: float) -> float | None:
        if line.get("event") == "done":
            return now
        if self.kind == "acks" and "action" in line and acked >= self.acks:
            return now + self.delay
        return None


@dataclass
class Figures(KillFigures):
    finished_before_kill: int = 0
    steps: Counter = field(default_factory=Counter)
    kill_landed: Counter = field(default_factory=Counter)
    commands_beside: Counter = field(default_factory=Counter)
    descriptor_scans: int = 0
    exports_checked: int = 0
    backups_checked: int = 0
    warnings_shown: int = 0


def child_env(folder: Path) -> dict[str, str]:
    """Settings, logs and data in the round's folder (tests/conftest.py private_settings)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONHASHSEED": "0"}
    for name, sub in (("ANNOTATOR_CONFIG_DIR", "config"), ("ANNOTATOR_LOG_DIR", "log"), ("ANNOTATOR_DATA_DIR", "data")):
        (folder / sub).mkdir(exist_ok=True)
        env[name] = str(folder / sub)
    return env


def wait_ready(child: WindowChild, lines: list[dict]) -> None:
    """Read the lines up to the window's "ready" into ``lines``; its pid must be the process's."""
    give_up = time.monotonic() + READY_TIMEOUT
    while not any(line.get("event") == "ready" for line in lines):
        line = child.next_line(give_up - time.monotonic())
        if not line:
            raise WindowCheckFailed(f"the window did not start: {lines}\n{child.stderr()}")
        lines.append(line)
    pid = next(line["pid"] for line in lines if line.get("event") == "pid")
    require(pid == child.process.pid, f"the child says it is {pid}, not {child.process.pid}")


def drive(child: WindowChild, plan: KillPlan, timing: dict[str, float], lines: list[dict]) -> None:
    """Read the child's lines into ``lines`` until the plan says kill (the caller kills); keep
    a running estimate of a step's time in ``timing``, to aim the next rounds' timed kills."""
    wait_ready(child, lines)
    acked, ready_at = 0, time.monotonic()
    kill_at, give_up = plan.start(ready_at), ready_at + READY_TIMEOUT + 4 * STEPS
    while (now := time.monotonic()) < min(kill_at or give_up, give_up):
        line = child.next_line(min(kill_at or give_up, give_up) - now)
        if line is None:
            raise WindowCheckFailed(f"the window ended by itself (exit {child.process.wait(10)}):\n{child.stderr()}")
        if line is False:
            continue
        lines.append(line)
        acked += "action" in line
        if "action" in line and acked >= 3:
            timing["step"] = 0.8 * timing["step"] + 0.2 * (time.monotonic() - ready_at) / acked
        if kill_at is None:
            kill_at = plan.see(line, acked, time.monotonic())


def kill_landed(lines: list[dict]) -> str:
    if any(line.get("event") == "done" for line in lines):
        return "after the last step"
    pending = pending_intent(lines)
    if pending is not None:
        return f"in {pending['intent']}"
    return "between steps" if any("action" in line for line in lines) else "before the first step"


class WindowRound:
    """One project, one window, the commands beside it, one kill, one check."""

    def __init__(self, folder: Path, number: int, figures: Figures, timing: dict[str, float]):
        self.number, self.figures, self.timing = number, figures, timing
        self.seed = BASE_SEED * 1000 + number
        self.rng = random.Random(f"window-{self.seed}")
        self.path = folder / f"round-{number}" / "p.sqlite"

    def run(self) -> None:
        initial = make_project(self.path, self.rng)
        env = child_env(self.path.parent)
        child = WindowChild(self.path, self.seed, STEPS, env)
        watcher = LogWatcher(child.process.pid, self.path)
        beside = CommandsBeside(self.path, self.path.parent, env)
        lines, stopped = self.until_killed(child, watcher, beside)
        try:
            require(not watcher.found, f"{UNLINKED}: {watcher.found}" + (f"\nthen: {stopped}" if stopped else ""))
            require(not beside.failures, "a command beside the window failed:\n" + "\n".join(beside.failures))
            if stopped is not None:
                raise stopped
            check_file(self.path, initial, lines, self.figures)
        except WindowCheckFailed as failure:
            raise WindowCheckFailed(
                f"{failure}\n\nround {self.number}, child seed {self.seed} (ANNOTATOR_CRASH_WINDOW_SEED={BASE_SEED}), "
                f"killed {kill_landed(lines)}\nproject: {self.path}\nchild stderr: {child.stderr()[-800:]}\n"
                f"last lines: {json.dumps(lines[-6:], ensure_ascii=False)[:3000]}") from None
        self.count(lines, watcher, beside)

    def until_killed(self, child: WindowChild, watcher: LogWatcher,
                     beside: CommandsBeside) -> tuple[list[dict], WindowCheckFailed | None]:
        """Drive the child to its kill; the watcher looks a last time before it (a dying
        process closes its files in any order, and a command may then clean up after it)."""
        lines: list[dict] = []
        stopped = None
        try:
            drive(child, KillPlan(self.rng, STEPS, self.timing["step"]), self.timing, lines)
        except WindowCheckFailed as failure:  # reported after the watcher's finding, its likelier cause
            stopped = failure
        finally:
            watcher.finish()
            child.kill()
            lines += child.finish()
            beside.finish()
        return lines, stopped

    def count(self, lines: list[dict], watcher: LogWatcher, beside: CommandsBeside) -> None:
        figures = self.figures
        figures.rounds += 1
        figures.kills += 1
        figures.kill_landed[kill_landed(lines)] += 1
        figures.finished_before_kill += any(line.get("event") == "done" for line in lines)
        figures.descriptor_scans += watcher.scans
        figures.commands_beside.update(beside.ran)
        figures.warnings_shown += sum(line.get("event") == "warn" for line in lines)


def check_file(path: Path, initial: State, lines: list[dict], figures: Figures) -> None:
    """The killed window's project against what it acknowledged."""
    expected = initial.copy()
    for ack in (line for line in lines if "action" in line):
        require("write-ahead log" not in ack.get("error", ""),
                f"{UNLINKED}: the window refused step {ack['n']}: {ack.get('error')}")
        apply_ack(expected, ack)
        figures.acknowledged += 1
        figures.steps[ack["action"]] += 1
        figures.saved += ack["result"] == "saved"
        figures.refused += ack["result"] == "refused"
    pending = pending_intent(lines)
    with Project.open(path) as project:
        verdict = [row[0] for row in project.db.execute("PRAGMA integrity_check")]
        require(verdict == ["ok"], f"integrity_check: {verdict[:5]}")
        require(not project.db.execute("PRAGMA foreign_key_check").fetchall(), "foreign_key_check failed")
        problems = findings(project)
        require(not problems, f"annotator check finds: {problems[:5]}")
        found = read_state(project.db)
    if expected.differences(found):
        check_in_flight(pending, expected, found)
        figures.in_flight_found += 1
    else:
        figures.in_flight_not_found += pending is not None and pending["intent"] in IN_FLIGHT
    check_made_files(lines, pending, figures)


def check_made_files(lines: list[dict], pending: dict | None, figures: Figures) -> None:
    """Each acknowledged export has the bytes it had; each acknowledged backup is whole; an
    unacknowledged export is absent or whole (it is renamed into place when written)."""
    for ack in (line for line in lines if line.get("result") == "saved"):
        if ack["action"] == "export":
            data = Path(ack["file"]).read_bytes()
            require(hashlib.sha256(data).hexdigest() == ack["sha256"], f"export {ack['file']} changed")
            figures.exports_checked += 1
        elif ack["action"] == "back_up":
            connection = sqlite3.connect(f"{Path(ack['backup']).resolve().as_uri()}?mode=ro", uri=True)
            try:
                verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                connection.close()
            require(verdict == "ok", f"backup {ack['backup']}: {verdict}")
            figures.backups_checked += 1
    if pending is not None and pending["intent"] == "export" and Path(pending["file"]).exists():
        data = Path(pending["file"]).read_bytes()
        require(data.endswith(b"\n") or not data, f"the unacknowledged export {pending['file']} is cut short")
        for line in data.splitlines():
            json.loads(line)


def report(title: str, figures) -> None:
    print(f"\n{title}: " + json.dumps(vars(figures), ensure_ascii=False, default=dict), file=sys.stderr)


