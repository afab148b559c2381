"""Recently opened projects, most recent first, kept in the settings file.

The list lives under ``recent_projects`` in ``app_settings()``; each entry is an absolute
path. A project that no longer exists stays listed until the user chooses to remove it
(the welcome window explains and offers to), so a drive that is briefly unplugged does
not wipe the list.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from annotator.ui.settings import app_settings

RECENT_KEY = "recent_projects"
MAX_RECENT = 10


def _absolute(path: str | Path) -> Path:
    return Path(path).expanduser().resolve()


def _read(settings: QSettings) -> list[Path]:
    """The stored list; an INI file gives one entry back as a string, none as None."""
    stored = settings.value(RECENT_KEY, [])
    if isinstance(stored, str):
        stored = [stored]
    entries = [Path(str(entry)) for entry in (stored or []) if str(entry).strip()]
    unique: list[Path] = []
    for entry in entries:
        if entry not in unique:
            unique.append(entry)
    return unique


def _write(settings: QSettings, paths: list[Path]) -> None:
    """Store the list, unless it is the one stored: opening the most recent project again
    (the usual start) then leaves the file alone instead of rewriting and flushing it."""
    if paths[:MAX_RECENT] == _read(settings)[:MAX_RECENT]:
        return
    settings.setValue(RECENT_KEY, [str(path) for path in paths[:MAX_RECENT]])
    settings.sync()


def recent_projects(settings: QSettings | None = None) -> list[Path]:
    """Recently opened projects, most recent first, at most ``MAX_RECENT``."""
    return _read(settings or app_settings())[:MAX_RECENT]


def remember_project(path: str | Path, settings: QSettings | None = None) -> list[Path]:
    """Put ``path`` first in the recent list (moving it if it was listed); returns the list."""
    settings = settings or app_settings()
    chosen = _absolute(path)
    paths = [chosen] + [entry for entry in _read(settings) if entry != chosen]
    _write(settings, paths)
    return _read(settings)


def forget_project(path: str | Path, settings: QSettings | None = None) -> list[Path]:
    """Remove ``path`` from the recent list; returns the list."""
    settings = settings or app_settings()
    gone = {Path(path), _absolute(path)}
    paths = [entry for entry in _read(settings) if entry not in gone]
    _write(settings, paths)
    return paths
