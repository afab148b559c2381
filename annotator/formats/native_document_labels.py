"""Document labels in native JSONL: a record's ``document_labels`` maps each label of the
schema its layer gave to its value (``{"genre": "NEWS"}``); a gold record's
``document_label_provenance`` says, per label, how it was decided (docs/formats.md). A
record without document labels has neither key."""

from __future__ import annotations

import json
from typing import Any

from annotator.core.document_label_import import DocumentLabelInput
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Project
from annotator.core.store import document_labels as document_label_store

LABELS = "document_labels"
PROVENANCE = "document_label_provenance"


def add_to_records(found: list[dict[str, Any]], held: dict[str, list[tuple]]) -> None:
    """Put each layer's document labels on its record of a document; ``held`` is the
    document's rows of ``RowsByDocument(project, DOCUMENT_LABELS, ...)`` by layer name."""
    for record in found:
        rows = held.get(record["layer"])
        if not rows:
            continue
        record[LABELS] = {row[2]: row[3] for row in rows}
        if record["layer"] == GOLD_LAYER:
            decided = {name: {"decision": decision, "sources": json.loads(sources) if sources else [],
                              "decided_by": by, "decided_at": at, "reason": reason}
                       for _, _, name, _, decision, sources, by, at, reason in rows if decision is not None}
            if decided:
                record[PROVENANCE] = decided


def parse(record: dict[str, Any], error: type[Exception]) -> tuple[DocumentLabelInput, ...]:
    """A record's document labels; ``error`` is the reader's error for a malformed record."""
    labels, provenance = record.get(LABELS), record.get(PROVENANCE)
    if labels is None and provenance is None:
        return ()
    labels, provenance = labels or {}, provenance or {}
    if not isinstance(labels, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in labels.items()):
        raise error(f'"{LABELS}" must be an object of label names and their values, such as {{"genre": "NEWS"}}')
    if not isinstance(provenance, dict) or set(provenance) - set(labels):
        raise error(f'"{PROVENANCE}" must be an object whose keys are labels of "{LABELS}"')
    return tuple(DocumentLabelInput(name, value, provenance.get(name)) for name, value in labels.items())


CARRIED_BY = ("labelstudio",)  # besides the native JSONL: as document-level choices


def report_lost(project: Project, name: str, title: str, layer: str, report) -> None:
    """An export in a format without a place for document labels says how many it left out.
    ``layer`` is the export's ("all", "gold", "gold+review" or a layer's name); for gold,
    gold's values are counted, adjudicated or not."""
    if name in CARRIED_BY or not project.schema.document_labels:
        return
    wanted = None if layer == "all" else GOLD_LAYER if layer.startswith(GOLD_LAYER) else layer
    lost = document_label_store.count_labels(project, wanted)
    if lost:
        report.lost[f"document labels ({title.split(' (')[0]} has no place for them)"] += lost
