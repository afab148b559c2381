"""Offline work (a format: a project file of one annotator's work): check an annotator's documents out to a project file of their own, and
check their layer back in.

A check-out file is an ordinary project file: the annotator's assigned documents (every
document with ``everything``), the schema, the guidelines, and their layer so far (spans,
relations, attributes, status, notes, document labels, active time), copied through the
native format's records and the import (``ingest.import_documents``). The project
remembers, per document, a hash of that layer as copied (``store/checkouts.py``).

A check-in compares three hashes per document: the check-out's, the file's now and the
project's now. The file changed and the project did not: the file's layer is taken. Both
changed: a conflict, left alone unless ``prefer`` says which side wins. A document whose
text differs from the project's, or that the project lacks, is refused by name. What is
taken replaces the annotator's layer on those documents in one transaction; no other
layer is touched. The taken documents' hashes move forward, so checking the same file in
again changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.model import GOLD_LAYER, Document
from annotator.core.store import Project, assignments, checkouts, guidelines, now
from annotator.formats.native import parse_record
from annotator.formats.native_export import layer_records

PREFERENCES = ("checkout", "project")
EXAMPLES = 5  # how many documents a line names before "and N more"

# The record's fields that are the document's, not the layer's: left out of a layer's hash.
_DOCUMENT_FIELDS = ("id", "title", "text", "meta", "text_sha256", "source", "url", "published")


@dataclass
class CheckoutReport:
    destination: Path
    annotator: str
    token: str
    documents: int

    def summary(self) -> list[str]:
        return [f"checked out {self.documents} document(s) with {self.annotator}'s layer to {self.destination}",
                f"  check it in with: annotator checkin PROJECT {self.destination}"]


@dataclass
class CheckinReport:
    source: Path
    annotator: str
    taken: list[str] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)  # left alone
    settled: list[str] = field(default_factory=list)  # conflicts ``prefer`` settled
    prefer: str | None = None
    refused: list[tuple[str, str]] = field(default_factory=list)  # (document id, why)

    def summary(self) -> list[str]:
        if not (self.taken or self.conflicts or self.settled or self.refused):
            return [f"nothing new to check in from {self.source}: {self.annotator}'s layer there is as the "
                    f"project already has it ({self.unchanged} document(s)); nothing changed"]
        lines = [f"checked in {self.annotator}'s layer on {len(self.taken)} document(s) from {self.source}"]
        if self.unchanged:
            lines.append(f"  {self.unchanged} document(s) unchanged since the check-out")
        if self.settled:
            lines.append(f"  {len(self.settled)} document(s) edited on both sides, settled for the {self.prefer} "
                         f"(--prefer {self.prefer}): " + _examples(self.settled))
        if self.conflicts:
            lines.append(f"  {len(self.conflicts)} document(s) left alone: {self.annotator}'s layer was edited in "
                         "the project too since the check-out; choose with --prefer checkout or --prefer "
                         "project: " + _examples(self.conflicts))
        if self.refused:
            lines.append(f"  {len(self.refused)} document(s) refused: "
                         + _examples(f"{doc_id} ({why})" for doc_id, why in self.refused))
        return lines


def _examples(items: Iterable[str]) -> str:
    items = list(items)
    shown = ", ".join(items[:EXAMPLES])
    return shown if len(items) <= EXAMPLES else f"{shown} and {len(items) - EXAMPLES} more"


def layer_hash(records: list[dict[str, Any]]) -> str:
    """A hash of one annotator's layer on one document, as the native export gives it,
    without the document's fields and the spans' entity ids: those are the project's
    registry (a merge elsewhere changes them), not the annotator's work."""
    layer_only = [{k: v for k, v in record.items() if k not in _DOCUMENT_FIELDS} for record in records]
    for record in layer_only:
        record["spans"] = [{k: v for k, v in span.items() if k != "entity_id"} for span in record.get("spans", [])]
    return hashlib.sha256(json.dumps(layer_only, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


# -- check-out ---------------------------------------------------------------------------


def check_out(project: Project, annotator: str, destination: str | Path, everything: bool = False) -> CheckoutReport:
    """Write ``destination``: a project of ``annotator``'s assigned documents (all with
    ``everything``) and their layer; remember the check-out in ``project``. The file
    appears whole or not at all."""
    annotator = _annotator_name(annotator)
    destination = Path(destination)
    if destination.exists():
        raise AnnotatorError(f"{destination} already exists; choose another file name for the check-out")
    documents = _documents_to_check_out(project, annotator, everything)
    token = secrets.token_hex(8)
    building = destination.with_name(f".{destination.name}.checking-out")
    _remove_leftovers(building)
    try:
        hashes = _write_copy(project, annotator, documents, building, token)
        checkouts.record(project, token, {"annotator": annotator, "file": destination.name, "at": now(),
                                          "documents": hashes, "checked_in": []})
        os.replace(building, destination)
    except BaseException:
        _remove_leftovers(building)
        raise
    return CheckoutReport(destination, annotator, token, len(documents))


def _annotator_name(annotator: str) -> str:
    name = (annotator or "").strip()
    if not name or name == GOLD_LAYER:
        raise AnnotatorError("name the annotator whose layer goes (--annotator NAME); gold is settled in review, "
                             "not checked out")
    return name


def _documents_to_check_out(project: Project, annotator: str, everything: bool) -> list[Document]:
    if everything:
        return list(project.documents())
    keys = assignments.queue(project, annotator)
    if not keys:
        raise AnnotatorError(
            f"{annotator} has no documents assigned in {project.path}; assign them some first (annotator assign, "
            "docs/team.md), or check out every document with --all")
    return [project.document(key) for key in keys]


def _remove_leftovers(building: Path) -> None:
    for path in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        path.unlink(missing_ok=True)


def _write_copy(project: Project, annotator: str, documents: list[Document], building: Path,
                token: str) -> dict[str, str]:
    """The check-out file under its temporary name; the hash of the layer per document id."""
    hashes: dict[str, str] = {}
    inputs: list[DocumentInput] = []
    for document, records in layer_records(project, documents, annotator):
        hashes[document.id] = layer_hash(records)
        inputs += _inputs(document, records, str(project.path))
    with Project.create(building, project.schema) as copy:
        with copy.transaction():
            import_documents(copy, inputs)
            for language, markdown in sorted(guidelines.read(project).items()):
                guidelines.replace(copy, markdown, language or None)
            keys = [copy.document_by_id(document.id).key for document in documents]
            for key, document in zip(keys, documents):
                checkouts.put_active_rows(copy, key, annotator, checkouts.active_rows(project, document.key, annotator))
            assignments.change(copy, added=[(key, annotator) for key in keys])
            checkouts.mark(copy, {"token": token, "project": str(project.path), "annotator": annotator})
    return hashes


def _inputs(document: Document, records: list[dict[str, Any]], where: str) -> list[DocumentInput]:
    """What the import needs for one document: its layer's records, or the bare document."""
    if not records:
        return [DocumentInput(text=document.text, path=where, id=document.id, id_is_explicit=True,
                              title=document.title, source=document.source, url=document.url,
                              published=document.published, meta=document.meta)]
    return [parse_record(record, where, document.key) for record in records]


# -- check-in ------------------------------------------------------------------------------


@dataclass
class _Plan:
    report: CheckinReport
    inputs: list[DocumentInput] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)  # (project key, file key)
    hashes: dict[str, str] = field(default_factory=dict)  # document id: the file's layer hash


def check_in(project: Project, source: str | Path, prefer: str | None = None) -> CheckinReport:
    """Bring the annotator's layer back from the check-out file ``source``: what changed
    there and not here, and the conflicts ``prefer`` settles, in one transaction."""
    source = Path(source)
    if prefer not in (None, *PREFERENCES):
        raise AnnotatorError(f"--prefer is {' or '.join(PREFERENCES)}, not {prefer!r}")
    if not source.is_file():
        raise AnnotatorError(f"{source}: no such file; name the file annotator checkout wrote")
    if source.resolve() == project.path.resolve():
        raise AnnotatorError(f"{source} is the project itself; name the checked-out file to check in")
    with Project.open(source) as copy:
        token, entry = _checkout_of(project, copy, source)
        plan = _plan(project, copy, entry, prefer, CheckinReport(source, entry["annotator"], prefer=prefer))
        with project.transaction():
            annotator = entry["annotator"]
            for key, _ in plan.taken:
                checkouts.clear_layer(project, key, annotator)
            if plan.inputs:
                import_documents(project, plan.inputs, annotator=annotator)
            for key, copy_key in plan.taken:
                checkouts.put_active_rows(project, key, annotator, checkouts.active_rows(copy, copy_key, annotator))
            if plan.hashes:
                updated = {**entry, "documents": {**entry["documents"], **plan.hashes},
                           "checked_in": [*entry.get("checked_in", []), now()]}
                checkouts.checked_in(project, token, updated, {"documents": len(plan.taken),
                                                               "conflicts": len(plan.report.conflicts)})
    return plan.report


def _checkout_of(project: Project, copy: Project, source: Path) -> tuple[str, dict[str, Any]]:
    mark = checkouts.mark_of(copy)
    if not isinstance(mark, dict) or not isinstance(mark.get("token"), str):
        raise AnnotatorError(f"{source} is not a checked-out file (annotator checkout writes one); nothing was "
                             "checked in")
    entry = checkouts.entry(project, mark["token"])
    if entry is None:
        raise AnnotatorError(f"{source} was checked out of {mark.get('project')}, not of {project.path}; check it "
                             "in to the project it came from; nothing was checked in")
    return mark["token"], entry


def _plan(project: Project, copy: Project, entry: dict[str, Any], prefer: str | None,
          report: CheckinReport) -> _Plan:
    """What the check-in takes, leaves and refuses, decided before anything is written."""
    annotator, checked_out = report.annotator, entry["documents"]
    plan = _Plan(report)
    candidates: list[tuple[Document, Document, list[dict[str, Any]], str]] = []
    for document, records in layer_records(copy, copy.documents(), annotator):
        target = project.document_by_id(document.id)
        why = _refusal(document, target, checked_out)
        if why:
            report.refused.append((document.id, why))
            continue
        file_hash = layer_hash(records)
        if file_hash == checked_out[document.id]:
            report.unchanged += 1
            continue
        candidates.append((document, target, records, file_hash))
    targets = [target for _, target, _, _ in candidates]
    project_hashes = {document.key: layer_hash(records) for document, records in layer_records(project, targets, annotator)}
    for document, target, records, file_hash in candidates:
        if project_hashes[target.key] != checked_out[document.id]:
            if prefer is None:
                report.conflicts.append(document.id)
                continue
            report.settled.append(document.id)
            if prefer == "project":
                plan.hashes[document.id] = file_hash  # this file's version is settled: not a conflict again
                continue
        report.taken.append(document.id)
        plan.taken.append((target.key, document.key))
        plan.inputs += [parse_record(record, str(report.source), document.key) for record in records]
        plan.hashes[document.id] = file_hash
    return plan


def _refusal(document: Document, target: Document | None, checked_out: dict[str, str]) -> str | None:
    if document.id not in checked_out:
        return "it was not checked out"
    if target is None:
        return "the project no longer has it"
    if target.text_sha256 != document.text_sha256:
        return "its text differs from the project's"
    return None
