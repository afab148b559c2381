"""The crash harness's PostgreSQL round (issue 19, item 6): the scripted child annotates a
project on a server (``child.py --server``), and the parent, at random moments, kills it
with SIGKILL or restarts the server under it (an immediate stop, as a crash, then a start)
and lets it carry on before killing it; then every acknowledged action must be on the
server and the one in flight all or nothing (tests/test_crash_server.py).

Everything but what differs is ``harness.Harness``'s: the checks of each round, the
replay of the acknowledgements, the exports. What differs: the project is a database of
the test cluster, the child takes only the actions a server has (no checkpoint, check-out,
check-in, backup or migration), its kills aim at acknowledgements, times, imports and
exports, and before the parent looks it waits until the killed child's connections are
gone from the server (a COMMIT sent just before the kill may still be landing).
"""

from __future__ import annotations

import queue
import random
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from annotator.core.store import Project
from tests.crash.harness import Child, Figures, Harness, Trigger, pending_intent
from tests.crash.state import CrashCheckFailed, require

SETTLE_SECONDS = 15.0  # for the killed child's connections to leave the server


class ServerTrigger(Trigger):
    """When to kill, or to restart the server: the file trigger's kinds that a server has."""

    KINDS = ("acks", "time", "import", "export")
    WEIGHTS = (35, 25, 22, 18)


@dataclass
class ServerFigures(Figures):
    restarts: int = 0  # server restarts while a child was working
    killed_while_down: int = 0  # the child killed before the restarted server was back
    offline: int = 0  # actions refused "offline:" (the server away)
    not_saved: int = 0  # actions refused "not saved:" (the connection lost inside one)
    unacknowledged: int = 0  # commits whose answer was lost: left in flight
    saved_after_restart: int = 0  # actions acknowledged after a restart, on a new connection


class Restart:
    """A server restart running beside the child: ``pg_cluster.restart_server`` in a thread."""

    def __init__(self, cluster) -> None:
        self.began = time.monotonic()
        self.ended: float | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(cluster,), daemon=True)
        self.thread.start()

    def _run(self, cluster) -> None:
        try:
            cluster.restart_server()
        except BaseException as error:  # noqa: BLE001 - raised in the parent by ``join``
            self.error = error
        self.ended = time.monotonic()

    def join(self) -> None:
        self.thread.join()
        if self.error is not None:
            raise self.error


class ServerHarness(Harness):
    """Rounds on a database of ``cluster`` (tests/pg_cluster.py); ``restarts`` is the share
    of rounds that restart the server under the child."""

    def __init__(self, folder: Path, base_seed: int, cluster, restarts: float = 0.6):
        super().__init__(folder, base_seed)
        self.figures = ServerFigures()
        self.cluster = cluster
        self.restarts = restarts

    def database(self, number: int) -> str:
        return f"crash_{self.base_seed}_{number}"

    def project_path(self, number: int) -> str:
        return self.cluster.url(self.database(number))

    def new_project(self, number: int) -> None:
        self.cluster.admin(f"DROP DATABASE IF EXISTS {self.database(number)}")
        self.cluster.admin(f"CREATE DATABASE {self.database(number)}")
        self.path = self.project_path(number)
        side = self.folder / f"project-{number}"
        side.mkdir()
        self.fill(Project.create(self.path), side)

    def new_child(self, project: int, seed: int) -> Child:
        side = self.folder / f"project-{project}"
        return Child(self.project_path(project), seed, "--server", "--folder", str(side), logs=self.folder)

    def trigger(self, seed: int) -> ServerTrigger:
        return ServerTrigger(random.Random(f"kill-{seed}"), self.timing, len(self.state.documents))

    def play(self, child: Child, trigger: Trigger) -> tuple[list[dict], bool]:
        """Let the child go; when the trigger fires, either kill it (as the file rounds do)
        or restart the server and kill it later: while the server is down, or once it is
        back, after a few more acknowledgements or a moment."""
        rng = random.Random(f"restart-{child.seed}")
        restarting = rng.random() < self.restarts
        after = rng.choice(("while down", "acks", "acks", "time"))
        more_acks, linger = rng.randint(1, 5), rng.uniform(0, 0.4)
        child.wait_ready()
        child.go()
        now = time.monotonic()
        fire_by = now + 1.0  # a trigger that has not fired by then (no import came) fires then
        give_up = fire_by + 2.0
        fire_at = trigger.start(now)
        kill_at: float | None = None
        restart: Restart | None = None
        seen, acked, saved_since = [], 0, 0
        while True:
            now = time.monotonic()
            if restart is None and (fire_at is None or fire_at > fire_by) and now >= fire_by:
                fire_at = fire_by
            if restart is None and fire_at is not None and now >= fire_at:
                if not restarting:
                    break
                restart = Restart(self.cluster)
                if after == "while down":
                    kill_at = restart.began + rng.uniform(0, 0.3)  # pg_ctl stop and start take 0.3 s here
            if restart is not None and kill_at is None and restart.ended is not None:
                if after == "time" or (after == "acks" and saved_since >= more_acks):
                    kill_at = max(restart.ended, now) + (linger if after == "time" else 0.0)
            if kill_at is not None and now >= kill_at:
                break
            if now >= give_up:
                break
            limits = [give_up] + [t for t in (kill_at, fire_by if restart is None else None,
                                              fire_at if restart is None else None) if t is not None]
            wait = min(limits) - now
            if restart is not None and restart.ended is None:
                wait = min(wait, 0.01)  # look again soon: the restart may end
            try:
                line = child.lines.get(timeout=max(wait, 0))
            except queue.Empty:
                continue
            if line is None:  # it ended by itself
                child.lines.put(None)
                break
            seen.append(line)
            acked += "action" in line
            if "unacknowledged" in line:
                break  # it waits in flight: nothing more will come
            if restart is not None and restart.ended is not None and line.get("result") == "saved":
                saved_since += 1
            if restart is None and fire_at is None:
                fire_at = trigger.see(line, time.monotonic(), acked)
        child.kill()
        seen += child.finish()
        if restart is not None:
            down = restart.ended is None
            restart.join()
            self.figures.restarts += 1
            self.figures.killed_while_down += down
            self.figures.saved_after_restart += saved_since
        for line in seen:
            error = line.get("error", "")
            self.figures.offline += error.startswith("offline:")
            self.figures.not_saved += error.startswith("not saved:")
            self.figures.unacknowledged += "unacknowledged" in line
        return seen, child.process.returncode == -signal.SIGKILL

    def check_round(self, lines: list[dict]) -> None:
        self.settle()
        pending = pending_intent(lines)
        unacknowledged = [line["n"] for line in lines if "unacknowledged" in line]
        require(not unacknowledged or (pending is not None and unacknowledged == [pending["n"]]),
                f"the child went on after action {unacknowledged} was not acknowledged")
        super().check_round(lines)

    def settle(self) -> None:
        """Wait until no connection but the parent's is on the project's database: a killed
        child's last COMMIT may reach the server after the kill, and must be seen now,
        not in the next round."""
        deadline = time.monotonic() + SETTLE_SECONDS
        with psycopg.connect(self.path, autocommit=True) as connection:
            while True:
                others = connection.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND backend_type = 'client backend'").fetchone()[0]
                if not others:
                    return
                if time.monotonic() > deadline:
                    raise CrashCheckFailed(f"{others} connections of a killed child still on the server")
                time.sleep(0.005)
