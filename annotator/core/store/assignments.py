"""Assignments: which annotator should annotate which document (migration 0010).

A row ties a document to an annotator's layer; a document may have several (the overlap
that agreement needs). Each document's words (``document_words``, kept by a trigger) are
what a lead balances a load by. Every change is one transaction, logged in the edit log
(``assign``, ``unassign``) with the pairs it changed, so that a lead can see what moved.
Whether annotators may open documents not assigned to them is the ``only_assigned``
setting (open by default).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.model import GOLD_LAYER
from annotator.core.store.records import log_action, now
from annotator.core.store.saving import saving
from annotator.core.store.settings import read_setting, write_setting

if TYPE_CHECKING:
    from annotator.core.store.project import Project

ONLY_ASSIGNED_SETTING = "only_assigned"
Pair = tuple[int, str]  # (document key, annotator name)


@saving
def change(project: "Project", added: Iterable[Pair] = (), removed: Iterable[Pair] = ()) -> tuple[int, int]:
    """Assign the ``added`` pairs and unassign the ``removed`` ones, in one transaction;
    a pair already so is left as it is. Returns how many were added and removed."""
    return _write(project, sorted(set(added)), sorted(set(removed)))


@saving
def change_plan(project: "Project", plan: Mapping[int, Sequence[str]], removed: Iterable[Pair] = ()) -> tuple[int, int]:
    """``change`` for a whole assignment, each document with its distinct assignees (what
    ``core/assign.plan`` gives): its pairs made in one pass, in the table's order, so that
    assigning 100,000 documents costs little more than inserting their rows."""
    return _write(project, [(key, name) for key in sorted(plan) for name in plan[key]], sorted(set(removed)))


def _write(project: "Project", added: list[Pair], removed: list[Pair]) -> tuple[int, int]:
    names = {name for _, name in added} | {name for _, name in removed}
    if GOLD_LAYER in names:
        raise ValueError("gold is settled by reviewers, not assigned")
    at = now()
    with project.db.atomic():
        layers = {name: project.ensure_layer(name) for name in names}
        gone = _changed(project, "DELETE FROM assignments WHERE document = ? AND layer = ?",
                        [(key, layers[name]) for key, name in removed])
        new = _changed(project, "INSERT OR IGNORE INTO assignments (document, layer, assigned_at) VALUES (?, ?, ?)",
                       [(key, layers[name], at) for key, name in added])
        if new:
            log_action(project.db, "assign", None, None, {"pairs": added if len(added) <= 1000 else len(added)})
        if gone:
            log_action(project.db, "unassign", None, None, {"pairs": removed if len(removed) <= 1000 else len(removed)})
    return new, gone


def _changed(project: "Project", sql: str, rows: list[tuple]) -> int:
    return project.db.executemany(sql, rows)


def assignees(project: "Project") -> dict[int, list[str]]:
    """Every assigned document's annotators, by name."""
    found: dict[int, list[str]] = {}
    for key, name in project.db.execute(
            "SELECT a.document, l.name FROM assignments a JOIN layers l ON l.id = a.layer ORDER BY a.document, l.name"):
        found.setdefault(key, []).append(name)
    return found


def queue(project: "Project", annotator: str) -> list[int]:
    """The keys of the documents assigned to ``annotator``, in import order."""
    return [key for (key,) in project.db.execute(
        """SELECT a.document FROM assignments a JOIN layers l ON l.id = a.layer
           WHERE l.name = ? ORDER BY a.document""", [annotator])]


def words(project: "Project", documents: Iterable[int] | None = None) -> dict[int, int]:
    """Each document's words (all documents', or those of ``documents``)."""
    rows = project.db.execute("SELECT document, words FROM document_words")
    if documents is None:
        return dict(rows)
    wanted = set(documents)
    return {key: count for key, count in rows if key in wanted}


def progress(project: "Project") -> dict[str, dict[str, Any]]:
    """Per annotator with assignments: documents assigned, new, in progress and done (their
    layer's status on them) and the assigned documents' words."""
    found: dict[str, dict[str, Any]] = {}
    for name, status, documents, total in project.db.execute(
            """SELECT l.name, coalesce(s.status, 'new'), count(*), sum(w.words)
               FROM assignments a JOIN layers l ON l.id = a.layer
               JOIN document_words w ON w.document = a.document
               LEFT JOIN document_status s ON s.document = a.document AND s.layer = a.layer
               GROUP BY l.name, coalesce(s.status, 'new') ORDER BY l.name"""):
        row = found.setdefault(name, {"assigned": 0, "new": 0, "in_progress": 0, "done": 0, "words": 0})
        row[status] += documents
        row["assigned"] += documents
        row["words"] += total or 0
    return found


def last_touched(project: "Project") -> list[tuple[int, str, str, str | None]]:
    """Each assignment as (document, annotator, assigned at, the last time the annotator's
    layer changed on that document or None): what finds work left idle. The edit log is
    read once, grouped (it has no index by document and layer: a lookup per assignment
    read it whole each time, minutes for 20,000 assignments)."""
    return [tuple(row) for row in project.db.execute(
        """SELECT a.document, l.name, a.assigned_at, e.last
           FROM assignments a JOIN layers l ON l.id = a.layer
           LEFT JOIN (SELECT document, layer, max(at) AS last FROM edit_log
                      WHERE document IS NOT NULL GROUP BY document, layer) e
                  ON e.document = a.document AND e.layer = l.name
           ORDER BY a.document, l.name""")]


def only_assigned(project: "Project") -> bool:
    """Whether annotators may open only the documents assigned to them."""
    return bool(read_setting(project.db, ONLY_ASSIGNED_SETTING, False))


@saving
def set_only_assigned(project: "Project", only: bool) -> None:
    with project.db.atomic():
        write_setting(project.db, ONLY_ASSIGNED_SETTING, bool(only))
        log_action(project.db, "only_assigned", None, None, {"to": bool(only)})


# -- the annotator's queue in the window, and the reviewer's view of it ----------------------

def has_queue(project: "Project", annotator: str) -> bool:
    """Whether any document is assigned to ``annotator`` (one step on the index)."""
    return project.db.execute(
        """SELECT EXISTS (SELECT 1 FROM assignments a JOIN layers l ON l.id = a.layer WHERE l.name = ?)""",
        [annotator]).fetchone()[0] == 1


def queue_done(project: "Project", annotator: str) -> tuple[int, int]:
    """(documents of ``annotator``'s queue they marked done, documents in their queue)."""
    done, assigned = project.db.execute(
        """SELECT coalesce(sum(s.status = 'done'), 0), count(*) FROM assignments a JOIN layers l ON l.id = a.layer
           LEFT JOIN document_status s ON s.document = a.document AND s.layer = a.layer
           WHERE l.name = ?""", [annotator]).fetchone()
    return done, assigned


def next_unfinished(project: "Project", annotator: str, after: int | None) -> int | None:
    """The first document of ``annotator``'s queue after ``after`` (wrapping round) that
    they have not marked done; ``after`` itself comes last. None when all are done."""
    row = project.db.execute(
        """SELECT a.document FROM assignments a JOIN layers l ON l.id = a.layer
           LEFT JOIN document_status s ON s.document = a.document AND s.layer = a.layer
           WHERE l.name = ? AND coalesce(s.status, 'new') != 'done'
           ORDER BY a.document <= ?, a.document LIMIT 1""", [annotator, -1 if after is None else after]).fetchone()
    return row[0] if row else None


def may_open(project: "Project", annotator: str, document: int) -> bool:
    """Whether ``annotator`` may open ``document`` for annotating: always, unless the lead
    turned ``only_assigned`` on and the document is not assigned to them. Gold's reviewers
    adjudicate every document."""
    if annotator == GOLD_LAYER or not only_assigned(project):
        return True
    return project.db.execute(
        """SELECT EXISTS (SELECT 1 FROM assignments a JOIN layers l ON l.id = a.layer
                          WHERE l.name = ? AND a.document = ?)""", [annotator, document]).fetchone()[0] == 1


def pace(project: "Project") -> dict[str, dict[str, int]]:
    """Per annotator with assignments: the words of their assigned documents they marked
    done, and the days they worked (UTC): a day with active time in the window or with a
    document marked done, so that a layer worked without the window's clock counts too."""
    found = {name: {"done_words": 0, "days": 0} for name in annotators(project)}
    for name, done_words in project.db.execute(
            """SELECT l.name, sum(w.words) FROM assignments a JOIN layers l ON l.id = a.layer
               JOIN document_words w ON w.document = a.document
               JOIN document_status s ON s.document = a.document AND s.layer = a.layer AND s.status = 'done'
               GROUP BY l.name"""):
        found[name]["done_words"] = done_words or 0
    for name, days in project.db.execute(
            """SELECT l.name, count(DISTINCT worked.day) FROM (
                   SELECT layer, day FROM active_time
                   UNION SELECT layer, substr(updated_at, 1, 10) FROM document_status WHERE status = 'done'
               ) worked JOIN layers l ON l.id = worked.layer GROUP BY l.name"""):
        if name in found:
            found[name]["days"] = days
    return found


def annotators(project: "Project") -> list[str]:
    """The annotators with assignments, by name."""
    return [name for (name,) in project.db.execute(
        "SELECT DISTINCT l.name FROM assignments a JOIN layers l ON l.id = a.layer ORDER BY l.name")]


def ready_to_adjudicate(project: "Project") -> list[dict[str, Any]]:
    """The documents assigned to two or more annotators that every one of them marked done
    and that gold has not settled yet (its status is not done), in import order: each with
    its key, id, title and assignees."""
    rows = project.db.execute(
        """SELECT a.document, d.id, d.title, json_group_array(l.name) FROM assignments a
           JOIN layers l ON l.id = a.layer JOIN documents d ON d.key = a.document
           LEFT JOIN document_status s ON s.document = a.document AND s.layer = a.layer
           GROUP BY a.document, d.id, d.title
           HAVING count(*) >= 2 AND sum(coalesce(s.status, 'new') = 'done') = count(*)
              AND NOT EXISTS (SELECT 1 FROM document_status g JOIN layers gl ON gl.id = g.layer
                              WHERE g.document = a.document AND gl.name = ? AND g.status = 'done')
           ORDER BY a.document""", [GOLD_LAYER])
    return [{"key": key, "id": doc_id, "title": title, "assignees": sorted(json.loads(names))}
            for key, doc_id, title, names in rows]

