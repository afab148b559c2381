"""Opening a project file safely: recognize it, check it, and keep a single writer.

- ``check_header`` refuses files that are not ours or are newer, before anything writes.
- ``check_health`` runs ``quick_check`` (a full ``integrity_check`` after an unclean
  shutdown, i.e. a leftover non-empty ``-wal``) and refuses a damaged file, naming the
  newest backup to restore; it never replaces the file.
- ``WriterLock`` lets one window or command write at a time (an OS advisory lock on
  ``<name>.lock``, released by the OS if the process dies); readers need no lock.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.core.store.backup import list_backups
from annotator.core.store.connection import Connection

APPLICATION_ID = 0x414E4E4F  # "ANNO": tells our project files from other SQLite files
LATEST_VERSION = 10  # the number of migrations in ``migrations.py``; raise it with each new one
BUSY_TIMEOUT_SECONDS = 5.0

try:
    import fcntl
except ImportError:  # Windows: SQLite's own locking still prevents lost writes
    fcntl = None


class ProjectLockedError(ProjectError):
    """Another window or command is writing to this project."""


class DamagedProjectError(ProjectError):
    """The file failed its integrity check; it was left exactly as it was."""


def connect(path: Path, read_only: bool = False) -> Connection:
    connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    db = Connection(connection)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        connection.close()
        raise ProjectError(f"{path}: cannot use a write-ahead log here (journal mode {mode})")
    db.execute("PRAGMA synchronous = FULL")
    if read_only:
        db.execute("PRAGMA query_only = ON")
    db.watch = LogWatch(path)
    return db


_open_here: Counter[tuple[int, int]] = Counter()  # the project files this process has open


def _identity(path: Path | str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def refuse_if_open_here(path: Path) -> None:
    """Refuse to read or write ``path`` as an ordinary file when it is a project (or its
    journal) that this process has open: opening and closing it outside SQLite would drop
    SQLite's locks on it (see ``check_header``), and replacing it would lose the project."""
    name = str(path)
    for suffix in ("-wal", "-shm"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    identity = _identity(name)
    if identity is not None and _open_here[identity] > 0:
        raise ProjectError(f"{path} belongs to the project open here; choose another file")


class LogTakenAwayError(ProjectError):
    """The write-ahead log this connection writes to is no longer the file at its path."""


class LogWatch:
    """Notices when the project's write-ahead log was deleted or replaced under an open
    connection, so that no action is reported saved into a log no one will ever read.

    While a connection is open, SQLite keeps its log; another process deletes it only when
    it believes it is the last user, which happens if this process lost its locks. The
    log's identity (device and inode) is taken when the connection opens it and compared
    before and after every transaction: one ``stat`` each. The watch also counts the
    project among the files this process has open (``refuse_if_open_here``).
    """

    def __init__(self, path: Path):
        self.project = path
        self.log = Path(f"{path}-wal")
        self.identity = _identity(self.log)
        self.broken = False
        self.file = _identity(path)
        if self.file is not None:
            _open_here[self.file] += 1

    def check(self) -> None:
        if self.identity is None:  # not made yet when the connection opened: take it now
            self.identity = _identity(self.log)
        if not self.broken and _identity(self.log) == self.identity:
            return
        self.broken = True
        raise LogTakenAwayError(
            f"{self.project}: another program removed this project's write-ahead log while it was "
            "open here, so this action was not saved and nothing more can be saved safely. Close "
            "the project and open it again, then check the last changes."
        )

    def release(self) -> None:
        if self.file is not None:
            _open_here[self.file] -= 1
            self.file = None


def check_file(path: Path) -> int:
    """The project format version of ``path``, after refusing a missing file, a file that
    is not a project, or a newer one: what the file says about itself, read without
    opening it (``Project.open`` also checks its health, which reads the whole file)."""
    if not path.is_file():
        raise ProjectError(f"{path}: no such project file; create one with `annotator init {path}`")
    return check_header(path)


def check_header(path: Path) -> int:
    """The file's format version, after refusing files that are not ours or are newer.

    The file is read through SQLite only, never with ``open``: closing any descriptor of a
    file drops every POSIX lock this process holds on it, SQLite's included, and a process
    that already has the project open would then let another process delete its
    write-ahead log under it (SQLite's "How To Corrupt", section 2.2).
    """
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            raise ProjectError(f"{path} is not an Annotator project (not an SQLite database)") from None
        raise ProjectError(f"{path} cannot be read as a project: {error}") from None
    if application_id != APPLICATION_ID:
        raise ProjectError(
            f"{path} is an SQLite database but not an Annotator project; "
            "create a project with `annotator init`"
        )
    if version > LATEST_VERSION:
        raise ProjectError(
            f"{path} was made by a newer Annotator (project format {version}; this version "
            f"reads up to format {LATEST_VERSION}). Install a newer Annotator to open it."
        )
    return version


def shut_down_uncleanly(path: Path) -> bool:
    """A non-empty write-ahead log left beside a file no one is writing."""
    wal = Path(str(path) + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def check_health(db: Connection, path: Path, thorough: bool) -> None:
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        findings = [row[0] for row in db.execute(f"PRAGMA {pragma}")]
        problems = [f"{row[0]}.{row[2]}" for row in db.execute("PRAGMA foreign_key_check")]
    except sqlite3.DatabaseError as error:
        findings, problems = [str(error)], []
    if findings == ["ok"] and not problems:
        return
    detail = "; ".join((findings if findings != ["ok"] else []) + [f"broken link in {p}" for p in problems][:5])
    backups = list_backups(path)
    offer = (f"The newest backup is from {backups[0].taken:%Y-%m-%d %H:%M} UTC: "
             f"`annotator restore {path} {backups[0].path}` puts it back and keeps this file aside."
             if backups else "There is no backup of it.")
    raise DamagedProjectError(f"{path} is damaged ({detail[:300]}); it was not changed. {offer}")


class WriterLock:
    """Held by the one process allowed to write to a project."""

    def __init__(self, path: Path):
        self.path = path.with_name(path.name + ".lock")
        self.handle = None

    def acquire(self) -> "WriterLock":
        if fcntl is None:
            return self
        handle = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "another program"
            handle.close()
            raise ProjectLockedError(
                f"{self.path.with_suffix('')} is open for writing in {holder}; close it there, "
                "or open this one read-only (export, stats and agreement work meanwhile)"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}")
        handle.flush()
        self.handle = handle
        return self

    def release(self) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle.fileno(), fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ceph",
                       "glusterfs", "davfs", "fuse.rclone", "fuse.gvfsd-fuse"}


def network_filesystem(path: Path, mounts: str | None = None) -> str | None:
    """The network file system type holding ``path``, if any (SQLite's locking is unreliable there)."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = str(Path(path).resolve())
    best, kind = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fields[2]
    return kind if kind in NETWORK_FILESYSTEMS else None


def network_warning(path: Path) -> str | None:
    kind = network_filesystem(path)
    if kind is None:
        return None
    return (f"warning: {path} is on a network file system ({kind}); SQLite cannot lock files reliably "
            "there, so keep the project on a local disk and copy it to share it")
