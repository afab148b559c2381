"""Per-user settings (annotator name, zoom, last document) in an INI file.

The folder is the platformdirs config folder, or ``ANNOTATOR_CONFIG_DIR`` when set
(tests point it at a temporary folder so that they never touch a real user's settings).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings

from annotator.paths import APP_NAME

LANGUAGE_KEY = "language"
LANGUAGES = ("en", "ar", "")  # "" follows the system


def settings_path() -> Path:
    folder = os.environ.get("ANNOTATOR_CONFIG_DIR")
    base = Path(folder) if folder else platformdirs.user_config_path(APP_NAME, appauthor=False)
    base.mkdir(parents=True, exist_ok=True)
    return base / "settings.ini"


def app_settings() -> QSettings:
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def store_if_changed(settings: QSettings, key: str, value: object) -> None:
    """Set ``key`` unless it already holds ``value``. Each change rewrites the whole file
    and flushes it to disk (two fdatasync calls) when the QSettings object syncs, and
    opening a window would otherwise rewrite unchanged values at every start."""
    if settings.value(key) != value:
        settings.setValue(key, value)


def stored_language(settings=None) -> str:
    """The chosen interface language: "en", "ar", or "" to follow the system. Kept here,
    not in the settings dialog, because the translator reads it at every start."""
    value = str((settings or app_settings()).value(LANGUAGE_KEY, "") or "")
    return value if value in LANGUAGES else ""


def last_document_key(project_path: Path) -> str:
    """The setting that holds the id of the document a project's window opens with."""
    place = Path(project_path).resolve() if isinstance(project_path, (str, Path)) else project_path
    return f"last_document/{place}".replace("\\", "/")


def open_with(project_path: Path, doc_id: str) -> None:
    """The next window on ``project_path`` opens ``doc_id`` (an article just imported)."""
    store_if_changed(app_settings(), last_document_key(project_path), doc_id)
