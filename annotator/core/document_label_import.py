"""Document labels read from a file (native JSONL carries them): one value per label of
the schema for a record's layer, gold's with the decision that settled it. Inserted inside
the import's transaction; a label or value the schema lacks refuses the record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import DocumentLabel
from annotator.core.store import Project
from annotator.core.store import document_labels as document_label_store

_DECISIONS = ("agreed", "picked", "edited")  # the CHECK of migration 0008


@dataclass(frozen=True)
class DocumentLabelInput:
    name: str
    value: str
    provenance: dict[str, Any] | None = None  # gold's: decision, sources, decided_by, decided_at, reason


def insert_document_labels(project: Project, key: int, layer: str, found: tuple[DocumentLabelInput, ...]) -> None:
    """Make the layer's document labels on document ``key`` exactly ``found``."""
    labels = []
    for given in found:
        try:
            project.schema.document_label(given.name).check(given.value)
        except ValidationError as error:
            raise ValidationError(f"{error}; the project's schema decides which document labels it takes") from None
        labels.append(DocumentLabel(key, layer, given.name, given.value, *_decision(given)))
    document_label_store.insert_labels(project, key, layer, labels)


def _decision(given: DocumentLabelInput) -> tuple:
    origin = given.provenance
    if origin is None:
        return ()
    where = f"the provenance of document label {given.name}"
    if not isinstance(origin, dict) or origin.get("decision") not in _DECISIONS:
        raise ValidationError(f"{where} needs a decision, one of {', '.join(_DECISIONS)}")
    sources = origin.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(x, str) for x in sources):
        raise ValidationError(f"{where}: sources must be a list of annotator names")
    for field in ("decided_by", "decided_at"):
        if not isinstance(origin.get(field), str):
            raise ValidationError(f"{where} needs {field!r} as text")
    reason = origin.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise ValidationError(f"{where}: reason must be text or null")
    return origin["decision"], tuple(sources), origin["decided_by"], origin["decided_at"], reason
