"""A scripted child process of the crash harnesses: started with its command, its stdout
read line by line (one JSON object each) on a queue by a thread, killed with SIGKILL."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


class ScriptedChild:
    def __init__(self, command: list[str], stderr_path: Path, env: dict[str, str]):
        self.stderr_path = stderr_path
        with open(stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(command, cwd=REPO, env=env, stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=stderr)
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

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)

    def finish(self) -> list[dict]:
        """Every whole line not yet taken, after it ended."""
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


@dataclass
class KillFigures:
    """What every kill round counts; each harness adds its own."""

    rounds: int = 0
    kills: int = 0
    acknowledged: int = 0
    saved: int = 0
    refused: int = 0
    in_flight_found: int = 0  # the unacknowledged step was wholly in the file
    in_flight_not_found: int = 0  # ... or not at all
