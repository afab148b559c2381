"""Document labels in native JSONL: a record's ``document_labels`` maps each label of the
schema its layer gave to its value (``{"genre": "NEWS"}``); a gold record's
``document_label_provenance`` says, per label, how it was decided (docs/formats.md). A
record without document labels has neither key."""

from __future__ import annotations

from typing import Any

from annotator.core.document_label_import import DocumentLabelInput
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Project
from annotator.core.store import document_labels as document_label_store

LABELS = "document_labels"
PROVENANCE = "document_label_provenance"
_DECISION_FIELDS = ("decision", "sources", "decided_by", "decided_at", "reason")


def add_to_records(project: Project, found: list[dict[str, Any]], key: int) -> None:
    """Put each layer's document labels on its record of document ``key``; a schema
    without document labels costs nothing."""
    if not project.schema.document_labels:
        return
    held = document_label_store.labels_of(project, key)
    for record in found:
        mine = [label for label in held if label.layer == record["layer"]]
        if mine:
            record[LABELS] = {label.name: label.value for label in mine}
        decided = {label.name: {field: list(label.sources) if field == "sources" else getattr(label, field)
                                for field in _DECISION_FIELDS}
                   for label in mine if label.decision is not None and label.layer == GOLD_LAYER}
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
