"""Rotating backups of a project file, made with SQLite's backup API.

A backup is written to a temporary name, checked with ``integrity_check``, then renamed,
so a backup that exists under its final name is whole. Backups live beside the project
in ``<name>.backups/`` and are thinned: the newest few, then one a day for a week, one a
week for a month, one a month for a year.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from annotator.core.errors import ProjectError

KEEP_RECENT = 5
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime


def backup_folder(project: Path) -> Path:
    return project.with_name(project.name + ".backups")


def list_backups(project: Path) -> list[Backup]:
    """Backups of ``project``, newest first."""
    found = []
    for path in backup_folder(project).glob(f"{project.stem}-*.sqlite"):
        taken = _parse_stamp(path.stem.rsplit("-", 1)[1])
        if taken is not None:
            found.append(Backup(path, taken))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def _parse_stamp(stamp: str) -> datetime | None:
    """The time in a backup's name (``_STAMP``), or None for a name that is not one.

    Sliced by hand: ``strptime`` loads its locale machinery, which would slow every start
    (the window lists the backups when it opens).
    """
    if len(stamp) != 22 or not stamp[:8].isdigit() or stamp[8] != "T" or not stamp[9:21].isdigit() \
            or stamp[21] != "Z":
        return None
    try:
        return datetime(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]), int(stamp[9:11]), int(stamp[11:13]),
                        int(stamp[13:15]), int(stamp[15:21]), tzinfo=timezone.utc)
    except ValueError:
        return None


def make_backup(connection: sqlite3.Connection, project: Path, destination: Path | None = None) -> Path:
    """Copy the open database (WAL included) to a verified backup file; returns its path."""
    taken = datetime.now(timezone.utc)
    if destination is None:
        folder = backup_folder(project)
        folder.mkdir(exist_ok=True)
        destination = folder / f"{project.stem}-{taken.strftime(_STAMP)}.sqlite"
    for stale in destination.parent.glob(".*.partial"):  # left by a backup that was killed
        stale.unlink(missing_ok=True)
    temporary = destination.with_name(f".{destination.name}.partial")
    target = sqlite3.connect(str(temporary))
    try:
        connection.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
        verdict = target.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        target.close()
    if verdict != "ok":
        temporary.unlink(missing_ok=True)
        raise ProjectError(f"the backup of {project} did not verify ({verdict}); the project was not changed")
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, destination)
    sync_folder(destination.parent)
    if destination.parent == backup_folder(project):
        thin(project)
    return destination


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (where the platform allows it)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def thin(project: Path, now: datetime | None = None) -> list[Path]:
    """Delete backups no longer needed; returns the deleted paths."""
    now = now or datetime.now(timezone.utc)
    keep: set[Path] = set()
    seen: set[tuple[str, object]] = set()
    for index, backup in enumerate(list_backups(project)):
        age = now - backup.taken
        if index < KEEP_RECENT:
            keep.add(backup.path)
            continue
        if age <= timedelta(days=7):
            bucket = ("day", backup.taken.date())
        elif age <= timedelta(days=31):
            bucket = ("week", backup.taken.isocalendar()[:2])
        elif age <= timedelta(days=366):
            bucket = ("month", (backup.taken.year, backup.taken.month))
        else:
            continue
        if bucket not in seen:
            seen.add(bucket)
            keep.add(backup.path)
    deleted = [b.path for b in list_backups(project) if b.path not in keep]
    for path in deleted:
        path.unlink(missing_ok=True)
    return deleted


def restore(project: Path, backup: Path) -> Path | None:
    """Put a backup in place of the project; the current file (if any) is kept aside,
    never deleted, and its new name returned."""
    check = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        verdict = check.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise ProjectError(f"{backup} is not a readable backup: {error}") from None
    finally:
        check.close()
    if verdict != "ok":
        raise ProjectError(f"{backup} is damaged ({verdict}); choose another backup")
    aside = set_aside(project, "replaced") if project.exists() else None
    temporary = project.with_name(f".{project.name}.restoring")
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(str(temporary))
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    os.replace(temporary, project)
    sync_folder(project.parent)
    return aside


def set_aside(project: Path, why: str) -> Path:
    """Move a project file and its -wal/-shm out of the way under one timestamped name."""
    stamp = datetime.now(timezone.utc).strftime(_STAMP)
    aside = project.with_name(f"{project.name}.{why}-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(project) + suffix)
        if source.exists():
            os.replace(source, Path(str(aside) + suffix))
    return aside
