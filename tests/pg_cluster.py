"""A throwaway PostgreSQL server for one test run: ``initdb`` in a temporary folder, a
free local port, stopped and removed at the end.

Debian's ``postgresql`` package provides the server programs (``/usr/lib/postgresql/N/bin``);
where they are missing the tests that need a server fail with a message that names the
package, never skip. ``initdb`` refuses to run as root, so under root (CI) the cluster
belongs to the ``postgres`` account the package creates (or ``nobody``).

Connections over TCP (127.0.0.1) need a password (scram-sha-256), as on a team's server;
the superuser's own are over the Unix socket without one.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path

SUPERUSER = "postgres"
SUPERUSER_PASSWORD = "test-superuser"
MISSING = ("the PostgreSQL server programs (initdb, pg_ctl) were not found: install Debian's package "
           "postgresql (apt-get install postgresql), which `bash scripts/system-packages.sh test` does")


def server_programs(debian_root: Path = Path("/usr/lib/postgresql"), path: str | None = None) -> Path:
    """The folder holding initdb and pg_ctl, newest version first; raises if none."""
    found = sorted(debian_root.glob("*/bin/initdb"), key=lambda initdb: int(initdb.parent.parent.name),
                   reverse=True) if debian_root.is_dir() else []
    on_path = shutil.which("initdb", path=path)
    candidates = [path.parent for path in found] + ([Path(on_path).resolve().parent] if on_path else [])
    for folder in candidates:
        if (folder / "pg_ctl").exists():
            return folder
    raise RuntimeError(MISSING)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _account() -> tuple[list[str], int | None]:
    """The command prefix that runs a server program, and the uid that owns the cluster."""
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", "nobody"):
        try:
            uid = pwd.getpwnam(name).pw_uid
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], uid
    raise RuntimeError("running as root, and there is no 'postgres' or 'nobody' account to own the test cluster")


class Cluster:
    """One running server. ``url(database, user, password)`` makes connection strings."""

    def __init__(self) -> None:
        self.bin = server_programs()
        self.prefix, self.uid = _account()
        self.folder = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
        self.data = self.folder / "data"
        self.socket_folder = self.folder / "socket"
        self.port = _free_port()
        self.host = "127.0.0.1"
        self._databases = count(1)

    def _run(self, *arguments: str) -> None:
        done = subprocess.run([*self.prefix, *arguments], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"{arguments[0]} failed ({done.returncode}): {done.stderr or done.stdout}")

    def start(self) -> Cluster:
        self.socket_folder.mkdir(parents=True)
        password_file = self.folder / "superuser-password"
        password_file.write_text(SUPERUSER_PASSWORD + "\n")
        if self.uid is not None:
            for path in (self.folder, self.socket_folder, password_file):
                os.chown(path, self.uid, -1)
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync", "--auth-local=trust", "--auth-host=scram-sha-256",
                  f"--pwfile={password_file}")
        self.start_server()
        return self

    def start_server(self) -> None:
        options = (f"-p {self.port} -k {self.socket_folder} -c listen_addresses={self.host} "
                   "-c fsync=off -c full_page_writes=off -c max_connections=200")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "server.log"), "-w", "start")

    def stop_server(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart_server(self) -> None:
        """Stop the server abruptly (``immediate``: no checkpoint, as a crash) and start it again."""
        self.stop_server("immediate")
        self.start_server()

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str | None = SUPERUSER_PASSWORD) -> str:
        secret = f":{password}" if password else ""
        return f"postgresql://{user}{secret}@{self.host}:{self.port}/{database}"

    def admin(self, sql: str, database: str = "postgres") -> None:
        """Run ``sql`` as the superuser (over the socket) with psql."""
        subprocess.run([str(self.bin.parent / "bin" / "psql") if (self.bin / "psql").exists() else "psql",
                        "-h", str(self.socket_folder), "-p", str(self.port), "-U", SUPERUSER, "-d", database,
                        "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True, capture_output=True, text=True)

    def new_database(self) -> str:
        """A new, empty database owned by the superuser; its name."""
        name = f"project_{next(self._databases)}"
        self.admin(f"CREATE DATABASE {name}")
        return name

    def destroy(self) -> None:
        try:
            self.stop_server("immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def running_cluster() -> Iterator[Cluster]:
    cluster = Cluster()
    try:
        yield cluster.start()
    finally:
        cluster.destroy()
