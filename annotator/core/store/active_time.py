"""Active time: the seconds a person worked on a document in their layer, per day (UTC).

The window adds small increments (``add_active_time``, one transaction each); the
figures read them back: per document and layer (``active_seconds``, for exports) and per
annotator (``time_per_annotator``, for ``annotator stats`` and the dashboard), where a
document's words are its text's white-space separated words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotator.core.errors import ValidationError
from annotator.core.store.records import now
from annotator.core.store.saving import not_saved_on_storage_errors

if TYPE_CHECKING:
    from annotator.core.store.project import Project


def add_active_time(project: "Project", document: int, layer: str, seconds: float) -> None:
    """Add ``seconds`` of active time to ``document`` in ``layer`` for today (UTC)."""
    if not seconds >= 0:
        raise ValidationError(f"active time must be a number of seconds of at least 0, not {seconds!r}")
    with not_saved_on_storage_errors(project.path), project.db.atomic():
        layer_id = project.ensure_layer(layer)
        project.db.execute(
            """INSERT INTO active_time (document, layer, day, seconds) VALUES (?, ?, ?, ?)
               ON CONFLICT (document, layer, day) DO UPDATE SET seconds = active_time.seconds + excluded.seconds""",
            [document, layer_id, now()[:10], seconds])


def active_seconds(project: "Project", keys: tuple[int, int] | None = None) -> dict[tuple[int, str], float]:
    """(document key, layer) -> active seconds, every day summed; of the documents whose keys
    are in ``keys`` (first and last, both included) or of all."""
    where, values = ("WHERE t.document BETWEEN ? AND ?", list(keys)) if keys is not None else ("", [])
    rows = project.db.execute(
        f"""SELECT t.document, l.name, sum(t.seconds) FROM active_time t JOIN layers l ON l.id = t.layer
            {where} GROUP BY t.document, l.name""", values)
    return {(key, name): seconds for key, name, seconds in rows}


def active_days(project: "Project") -> list[tuple[str, str, float]]:
    """(day, layer, seconds) of every day someone worked, oldest first."""
    return [tuple(row) for row in project.db.execute(
        """SELECT t.day, l.name, sum(t.seconds) FROM active_time t JOIN layers l ON l.id = t.layer
           GROUP BY t.day, l.name ORDER BY t.day, l.name""")]


def time_per_annotator(project: "Project") -> dict[str, dict[str, Any]]:
    """Per layer with time: documents timed, total minutes, and the median minutes per
    document and per 1,000 words (over the documents timed)."""
    from statistics import median  # on first use: the window imports this module at start

    per_layer: dict[str, list[tuple[float, int]]] = {}
    rows = project.db.execute(
        """SELECT l.name, sum(t.seconds), d.text FROM active_time t JOIN layers l ON l.id = t.layer
           JOIN documents d ON d.key = t.document GROUP BY l.name, d.key ORDER BY l.name, d.key""")
    for name, seconds, text in rows:
        per_layer.setdefault(name, []).append((seconds, len(text.split())))
    figures = {}
    for name, timed in per_layer.items():
        minutes = [seconds / 60 for seconds, _ in timed]
        per_thousand = [seconds / 60 * 1000 / words for seconds, words in timed if words]
        figures[name] = {
            "documents": len(timed),
            "minutes": round(sum(minutes), 2),
            "median_minutes_per_document": round(median(minutes), 2),
            "median_minutes_per_1000_words": round(median(per_thousand), 2) if per_thousand else None,
        }
    return figures
