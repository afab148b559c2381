"""Who annotates what, from the command line (issue 20, item 1).

``annotator assign PROJECT --annotators mona,karim,huda [--overlap 0.2 | --per-document 2]``
decides each selected document's assignees (``core/assign.py``) and writes them in one
transaction; ``--reassign FROM`` and ``--reassign-idle 7d`` move unfinished documents to
others, balanced by words; ``annotator unassign`` takes assignments back and
``annotator assignments`` prints where the team stands. Assigning never touches anyone's
annotations: a layer stays as it is when its annotator is unassigned. Nothing here
imports Qt.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import click

from annotator.cli_errors import command_errors
from annotator.cli_location import PROJECT
from annotator.core import assign
from annotator.core.errors import InputError, ValidationError
from annotator.core.store import Project
from annotator.core.store import assignment_details, assignments

DOCUMENTS = click.Path(exists=True, dir_okay=False, path_type=Path)
SHOWN_PAIRS = 10  # more pairs than this are summed up in one line (--json lists them all)


@dataclass(frozen=True)
class Assigned:
    """What one ``annotator assign`` decided and changed."""

    plan: dict[int, tuple[str, ...]]
    added: int
    removed: int
    seed: int


def assign_documents(project: Project, request: assign.Request, selected: Iterable[int] | None = None,
                     only_unassigned: bool = False) -> Assigned:
    """Decide the selected documents' assignees (all documents when None) and write them in
    one transaction: the assignees a decided document had before and the plan does not keep
    are unassigned. With ``only_unassigned`` a document that has assignees is left alone."""
    assign.check(request)
    words = assignments.words(project)
    held = assignments.assignees(project)
    keys = set(words) if selected is None else set(selected)
    if only_unassigned:
        keys -= set(held)
    existing = {key: names for key, names in held.items() if key not in keys}
    if len(keys) < len(words):
        words = {key: count for key, count in words.items() if key in keys or key in existing}
    plan = assign.plan(words, request, existing)
    earlier = [(key, name) for key in keys & set(held) for name in held[key] if name not in plan[key]]
    added, removed = assignments.change_plan(project, plan, removed=earlier)
    return Assigned(plan, added, removed, request.seed)


@dataclass(frozen=True)
class Moved:
    """Documents moved from one annotator to others, and those left where they were."""

    moves: dict[tuple[int, str], str]  # (document, from) -> to
    kept_held: int


def reassign(project: Project, sources: Mapping[str, Sequence[int]], receivers: Sequence[str]) -> Moved:
    """Move each source annotator's listed documents to ``receivers``, balanced by words (the
    receivers' assigned words so far), never to someone who holds the document already;
    a document every receiver holds stays where it is. One transaction."""
    words = assignments.words(project)
    held = assignments.assignees(project)
    loads = {name: row["words"] for name, row in assignments.progress(project).items()}
    moves: dict[tuple[int, str], str] = {}
    kept = 0
    for source, keys in sources.items():  # one after another: a document idle for two moves twice
        given = assign.redistribute({key: words.get(key, 0) for key in keys}, receivers, loads, held)
        for key, taker in given.items():
            if taker is None:
                kept += 1
                continue
            moves[key, source] = taker
            loads[taker] = loads.get(taker, 0) + words.get(key, 0)
            held[key] = [*held.get(key, ()), taker]
    assignments.change(project, added=[(key, to) for (key, _), to in moves.items()], removed=list(moves))
    return Moved(moves, kept)


def unfinished(project: Project, annotator: str) -> tuple[list[int], int]:
    """``annotator``'s assigned documents not done, and how many of theirs are done."""
    status = {key: value for (key, name), value in assignment_details.statuses(project).items() if name == annotator}
    return sorted(key for key, value in status.items() if value != "done"), sum(v == "done" for v in status.values())


def idle(project: Project, since: datetime) -> dict[str, list[int]]:
    """Per annotator, the documents assigned to them, not done, that they have not touched
    (nor been given) since ``since``."""
    status = assignment_details.statuses(project)
    found: dict[str, list[int]] = {}
    for key, name, assigned_at, touched in assignments.last_touched(project):
        latest = max(assigned_at, touched or assigned_at)
        if status.get((key, name)) != "done" and datetime.fromisoformat(latest) < since:
            found.setdefault(name, []).append(key)
    return found


def parse_duration(text: str) -> timedelta:
    """``7d``, ``12h``, ``30m`` or ``2w``."""
    match = re.fullmatch(r"\s*(\d+)\s*([mhdw])\s*", text or "")
    if not match:
        raise ValidationError(f"--reassign-idle {text!r} is not a duration: give e.g. 7d (days), 12h, 30m or 2w")
    amount, unit = int(match.group(1)), match.group(2)
    return timedelta(**{{"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[unit]: amount})


def names_of(text: str | None, option: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in (text or "").split(","))
    if not any(names):
        raise ValidationError(f"{option} needs names, e.g. {option} mona,karim,huda")
    if not all(names):
        raise ValidationError(f"{option} {text!r} has an empty name: separate the names by single commas")
    return names


def read_documents(path: Path, ids: Mapping[str, int]) -> list[int]:
    """The documents a file names, one id a line (blank lines and lines starting with # are
    skipped); an unknown id is refused with its line."""
    keys = []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text; save it as UTF-8, one document id a line", path=str(path)) from None
    for number, line in enumerate(lines, 1):
        doc_id = line.strip()
        if not doc_id or doc_id.startswith("#"):
            continue
        if doc_id not in ids:
            raise ValidationError(f"{path}:{number}: no document has the id {doc_id!r}; "
                                  f"give one id a line, as 'annotator export' writes them")
        keys.append(ids[doc_id])
    if not keys:
        raise ValidationError(f"{path}: names no document; give one document id a line")
    return keys


@click.command("assign")
@click.argument("project", type=PROJECT)
@click.option("--annotators", metavar="A,B,C", help="Who annotates: the documents are shared among them by words.")
@click.option("--overlap", type=float, metavar="SHARE",
              help="The share of documents (0 to 1) two annotators annotate, drawn at random, e.g. 0.2.")
@click.option("--per-document", type=int, metavar="N", help="Every document to N annotators instead.")
@click.option("--seed", type=int, help="Makes the draw repeatable: the same seed gives the same assignment.")
@click.option("--only-unassigned", is_flag=True, help="Leave documents that have assignees as they are.")
@click.option("--documents", type=DOCUMENTS, metavar="FILE", help="Only the documents this file names, one id a line.")
@click.option("--reassign", "reassign_from", metavar="FROM", help="Move FROM's unfinished documents to --to.")
@click.option("--reassign-idle", metavar="DURATION",
              help="Move documents their assignee has not touched for this long (7d, 12h) to others.")
@click.option("--to", "receivers", metavar="A,B", help="Who takes reassigned documents (default: the other assignees).")
def assign_command(project: Path, annotators: str | None, overlap: float | None, per_document: int | None,
                   seed: int | None, only_unassigned: bool, documents: Path | None, reassign_from: str | None,
                   reassign_idle: str | None, receivers: str | None) -> None:
    """Share the documents among annotators, balanced by words, with an overlap for agreement;
    or move unfinished work to others."""
    moving = reassign_from is not None or reassign_idle is not None
    with command_errors(), Project.open(project, writer=True) as opened:
        if reassign_from is not None and reassign_idle is not None:
            raise ValidationError("--reassign and --reassign-idle go one at a time")
        if moving:
            if annotators or overlap is not None or per_document is not None or only_unassigned or documents:
                raise ValidationError("--reassign and --reassign-idle take only --to; "
                                      "share documents anew with --annotators")
            click.echo(_move(opened, reassign_from, reassign_idle, receivers))
            return
        if receivers:
            raise ValidationError("--to goes with --reassign FROM or --reassign-idle DURATION")
        request = assign.Request(names_of(annotators, "--annotators"), overlap, per_document,
                                 random.randrange(1_000_000) if seed is None else seed)
        assign.check(request)
        selected = None
        if documents is not None:
            selected = read_documents(documents, {doc_id: key for key, doc_id in
                                                  assignment_details.document_ids(opened).items()})
        done = assign_documents(opened, request, selected, only_unassigned)
        if not done.plan:
            click.echo("every selected document has assignees already: nothing to assign" if only_unassigned
                       else f"no document to assign: import documents first (annotator import {project} FILES)")
            return
        click.echo(_assigned_summary(opened, done, request))


def _move(project: Project, source: str | None, idle_for: str | None, receivers: str | None) -> str:
    held = assignments.assignees(project)
    everyone = sorted({name for names in held.values() for name in names})
    if source is not None:
        source = source.strip()
        if source not in everyone:
            raise ValidationError(f"no document is assigned to {source}; "
                                  f"'annotator assignments {project.path}' lists who holds what")
        keys, done = unfinished(project, source)
        sources = {source: keys}
        away = {source}
    else:
        since = datetime.now(timezone.utc) - parse_duration(idle_for)
        sources = idle(project, since)
        done = 0
        away = set(sources)
    takers = names_of(receivers, "--to") if receivers else tuple(name for name in everyone if name not in away)
    if not any(sources.values()):
        what = f"{source} has no unfinished documents" if source else f"no document has been idle for {idle_for}"
        return f"{what}: nothing moved"
    if not takers:
        raise ValidationError("no one else holds documents to take them: name who does with --to A,B")
    moved = reassign(project, sources, takers)
    return _moved_summary(project, moved, done, source)


def _moved_summary(project: Project, moved: Moved, done: int, source: str | None) -> str:
    words = assignments.words(project)
    documents = {key for key, _ in moved.moves}
    twice = f" ({len(moved.moves)} assignments)" if len(moved.moves) > len(documents) else ""
    lines = [f"moved {len(documents)} document(s){twice}, {_n(sum(words.get(key, 0) for key in documents))} words"]
    pairs: dict[tuple[str, str], list[int]] = {}
    for (key, origin), taker in sorted(moved.moves.items()):
        pairs.setdefault((origin, taker), []).append(key)
    for (origin, taker), keys in sorted(pairs.items()):
        lines.append(f"  {origin} -> {taker}: {len(keys)} document(s), {_n(sum(words.get(k, 0) for k in keys))} words")
    if moved.kept_held:
        lines.append(f"left {moved.kept_held} document(s) where they were: "
                     f"everyone who could take them holds them already")
    if done:
        lines.append(f"{done} document(s) {source} marked done stay theirs")
    return "\n".join(lines)


def _assigned_summary(project: Project, done: Assigned, request: assign.Request) -> str:
    words = assignments.words(project)
    held = assignments.assignees(project)
    shared = sum(1 for names in done.plan.values() if len(names) > 1)
    total = len(done.plan)
    share = f" ({shared / total:.1%})" if total else ""
    lines = [f"assigned {total} document(s) to {len(request.annotators)} annotator(s), seed {done.seed}: "
             f"{shared} of them{share} to two or more"]
    if done.removed:
        lines.append(f"{done.removed} earlier assignment(s) of these documents were replaced")
    totals = assign.loads(held, words)
    for name in sorted(request.annotators):
        count, total_words = totals.get(name, (0, 0))
        lines.append(f"  {name}: {count} document(s), {_n(total_words)} words")
    lines.extend(_pair_lines(assign.overlap_by_pair(held, request.annotators)))
    lines.append(f"the same again: --seed {done.seed}")
    return "\n".join(lines)


def _pair_lines(pairs: Mapping[tuple[str, str], list[int]]) -> list[str]:
    if not pairs:
        return []
    counts = [len(keys) for keys in pairs.values()]
    if len(pairs) > SHOWN_PAIRS:
        return [f"overlap per pair: {min(counts)} to {max(counts)} document(s) in common, over {len(pairs)} pairs"]
    return ["overlap per pair:"] + [f"  {first} & {second}: {len(keys)} document(s)"
                                    for (first, second), keys in pairs.items()]


@click.command("unassign")
@click.argument("project", type=PROJECT)
@click.option("--annotator", required=True, help="Whose assignments to take back.")
@click.option("--documents", type=DOCUMENTS, metavar="FILE", help="Only the documents this file names, one id a line.")
def unassign_command(project: Path, annotator: str, documents: Path | None) -> None:
    """Take an annotator's assignments back (their annotations stay in their layer)."""
    annotator = annotator.strip()
    with command_errors(), Project.open(project, writer=True) as opened:
        mine = set(assignments.queue(opened, annotator))
        if not mine:
            raise ValidationError(f"no document is assigned to {annotator}; "
                                  f"'annotator assignments {project}' lists who holds what")
        keys = mine
        if documents is not None:
            ids = assignment_details.document_ids(opened)
            keys = set(read_documents(documents, {doc_id: key for key, doc_id in ids.items()})) & mine
        _, removed = assignments.change(opened, removed=[(key, annotator) for key in keys])
    click.echo(f"unassigned {removed} document(s) from {annotator}; {len(mine) - removed} stay assigned to them; "
               f"their annotations stay in their layer")


@click.command("assignments")
@click.argument("project", type=PROJECT)
@click.option("--json", "as_json", is_flag=True, help="Print it as JSON, with every pair's documents by id.")
@click.option("--only-assigned", type=click.Choice(["on", "off"]),
              help="on: annotators may open only the documents assigned to them; off: any document (the default).")
def assignments_command(project: Path, as_json: bool, only_assigned: str | None) -> None:
    """Per annotator: documents assigned, in progress and done, their words; the documents each pair shares."""
    with command_errors(), Project.open(project, writer=only_assigned is not None,
                                     read_only=only_assigned is None) as opened:
        if only_assigned is not None:
            assignments.set_only_assigned(opened, only_assigned == "on")
        found = overview(opened)
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    click.echo("annotators may open only the documents assigned to them" if found["only_assigned"]
               else "annotators may open any document (their queue first)")
    if not found["annotators"]:
        click.echo(f"no document is assigned yet: annotator assign {project} --annotators A,B,C")
        return
    click.echo(f"{found['assigned_documents']} of {found['documents']} document(s) assigned")
    for name, row in found["annotators"].items():
        click.echo(f"  {name}: {row['assigned']} assigned, {row['in_progress']} in progress, {row['done']} done, "
                   f"{_n(row['words'])} words")
    pairs = {(pair["annotators"][0], pair["annotators"][1]): pair["documents"] for pair in found["pairs"]}
    for line in _pair_lines(pairs):
        click.echo(line)


def overview(project: Project) -> dict[str, Any]:
    """What ``annotator assignments`` prints: every annotator's progress and every pair's
    shared documents (by id)."""
    held = assignments.assignees(project)
    ids = assignment_details.document_ids(project)
    pairs = assign.overlap_by_pair(held, sorted({name for names in held.values() for name in names}))
    return {"documents": len(ids), "assigned_documents": len(held), "only_assigned": assignments.only_assigned(project),
            "annotators": assignments.progress(project),
            "pairs": [{"annotators": list(pair), "documents": [ids[key] for key in keys]}
                      for pair, keys in pairs.items()]}


def _n(number: int) -> str:
    return f"{number:,}"
