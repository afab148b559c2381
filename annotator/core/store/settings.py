"""Project-wide settings: one JSON value by key in the project's ``settings`` table.

Writing joins the caller's transaction and logs nothing: each caller keeps its own
transaction and edit-log entry."""

from __future__ import annotations

import json
from typing import Any

from annotator.core.store.records import dumps

MISSING = object()  # a default no stored value can equal, for a setting the project must have


def read_setting(db: Any, key: str, default: Any = None) -> Any:
    """The value stored under ``key``, or ``default`` when the project has none."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row is not None else default


def write_setting(db: Any, key: str, value: Any) -> None:
    """Store ``value`` under ``key``, replacing what was there."""
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
               "SET value = excluded.value", [key, dumps(value)])
