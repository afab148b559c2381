"""Adjudication of document labels: each annotator layer's value of each of the schema's
document labels, and gold's, settled with a decision as a gold span is (``agreed`` when
every version gives it, ``picked`` when some do, ``edited`` when none does), with who
decided, when, from which layers and why. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import GOLD_LAYER, Changes, DocumentLabel
from annotator.core.store import Project
from annotator.core.store import document_labels as document_label_store

BULK_REASON = "accepted in bulk: every agreed unit, not reviewed one by one"  # as adjudicate.BULK_REASON


@dataclass(frozen=True)
class Versions:
    """One document label of one document: each annotator layer's value and gold's."""

    name: str
    by_layer: dict[str, str]  # layer -> value, the layers that gave one
    gold: DocumentLabel | None

    @property
    def agreed(self) -> str | None:
        """The value when two or more layers gave one and all gave the same."""
        values = set(self.by_layer.values())
        return next(iter(values)) if len(self.by_layer) > 1 and len(values) == 1 else None

    @property
    def settled(self) -> bool:
        return self.gold is not None


def versions_of(project: Project, document: int) -> list[Versions]:
    """Every document label of the schema on ``document``, in schema order."""
    held = document_label_store.labels_of(project, document)
    found = []
    for definition in project.schema.document_labels:
        mine = [label for label in held if label.name == definition.name]
        found.append(Versions(definition.name, {d.layer: d.value for d in mine if d.layer != GOLD_LAYER},
                              next((d for d in mine if d.layer == GOLD_LAYER), None)))
    return found


def decided(versions: Versions, document: int, value: str, by: str, reason: str | None = None) -> DocumentLabel:
    """Gold's ``value`` for this document label, as the reviewer ``by`` decides it, with the
    layers that gave it as its sources."""
    sources = sorted(layer for layer, given in versions.by_layer.items() if given == value)
    if not sources:
        decision = "edited"
    elif len(sources) == len(versions.by_layer) and len(sources) > 1:
        decision = "agreed"
    else:
        decision = "picked"
    return document_label_store.decided(DocumentLabel(document, GOLD_LAYER, versions.name, value), decision,
                                        sources, by, reason)


def accept_agreed(project: Project, document: int, by: str, run: str | None = None) -> Changes:
    """Settle into gold every document label that two or more layers gave alike and gold
    has not settled; one transaction (or part of the caller's run, stamped ``run``)."""
    settled = []
    with project.transaction():
        for versions in versions_of(project, document):
            if versions.settled or versions.agreed is None:
                continue
            label = decided(versions, document, versions.agreed, by, BULK_REASON if run else None)
            if run:
                label = DocumentLabel(**{**label.__dict__, "decided_at": run})
            document_label_store.put_label(project, label)
            settled.append(label)
    return Changes(document=document, document_labels=tuple(settled))


def accept_agreed_with_units(project: Project, document: int, by: str) -> Changes:
    """The review window's "Accept all agreed": the agreed units (``adjudicate.accept_agreed``)
    and the agreed document labels, in one transaction; ``adjudicate.undo`` takes both back."""
    from dataclasses import replace

    from annotator.core import adjudicate

    with project.transaction():
        units = adjudicate.accept_agreed(project, document, by)
        labels = accept_agreed(project, document, by)
    return replace(units, document_labels=labels.document_labels)


def unsettled_agreed(project: Project, document: int) -> int:
    """How many document labels two or more layers gave alike and gold has not settled."""
    return sum(1 for versions in versions_of(project, document) if not versions.settled and versions.agreed is not None)


def undo_run(project: Project, run: str) -> list[DocumentLabel]:
    """Take back the document labels an ``accept_agreed`` run stamped ``run`` settled; one
    transaction. Returns what it removed."""
    found = document_label_store.decided_in_run(project, run, BULK_REASON)
    with project.transaction():
        for label in found:
            document_label_store.put_label(project, DocumentLabel(label.document, GOLD_LAYER, label.name, None))
    return found


def with_label_runs(project: Project, span_runs: list[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
    """``adjudicate.runs`` joined by the runs that settled document labels and no span
    (0 spans), oldest first: an ``--undo-accept-agreed`` can take either back."""
    known = {run[0] for run in span_runs}
    more = [(at, by, 0, documents) for at, by, documents in document_label_store.runs(project, BULK_REASON)
            if at not in known]
    return sorted([*span_runs, *more])
