"""Plain records for what a project holds. No behavior beyond small derived values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

GOLD_LAYER = "gold"
STATUSES = ("new", "in_progress", "done")


@dataclass(frozen=True)
class Document:
    """An imported article. ``text`` never changes after import; offsets point into it."""

    key: int
    id: str
    title: str
    text: str
    text_sha256: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    imported_at: str | None = None


@dataclass(frozen=True)
class Span:
    """A labelled range ``[start, end)`` of code points in a document's text."""

    id: int
    document: int
    layer: str
    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Relation:
    """A typed link from a head span (e.g. a CLAIM) to a child span (its SPEAKER)."""

    id: int
    document: int
    layer: str
    type: str
    head: int
    child: int


@dataclass(frozen=True)
class Note:
    """An annotator's note on one of their spans (``span``) or on the document (``span``
    None), in their own layer: private to them and the reviewers unless the project
    opens notes to everyone (``store.notes``)."""

    document: int
    layer: str
    span: int | None
    text: str
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class DocumentLabel:
    """One layer's value of one of the schema's document labels (``Schema.document_labels``)
    for a whole document; ``value`` None: not set. A gold value records its decision
    (``decision``, ``sources``, ``decided_by``, ``decided_at``, ``reason``) as gold spans do."""

    document: int
    layer: str
    name: str
    value: str | None
    decision: str | None = None
    sources: tuple[str, ...] = ()
    decided_by: str | None = None
    decided_at: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Changes:
    """What one action changed, so that views repaint only that."""

    document: int | None = None
    spans_added: tuple[Span, ...] = ()
    spans_removed: tuple[Span, ...] = ()
    spans_changed: tuple[Span, ...] = ()
    relations_added: tuple[Relation, ...] = ()
    relations_removed: tuple[Relation, ...] = ()
    status: str | None = None
    status_was: str | None = None  # with ``status``: the document's status before the action
    units_rejected: tuple[str, ...] = ()  # review units settled with no gold span
    units_restored: tuple[str, ...] = ()  # rejections taken back
    suggestions_rejected: tuple[str, ...] = ()  # Suggestion.key() of each
    suggestions_restored: tuple[str, ...] = ()
    notes_set: tuple[Note, ...] = ()  # written or rewritten
    notes_cleared: tuple[Note, ...] = ()  # as they were before they went
    document_labels: tuple[DocumentLabel, ...] = ()  # as they are after the action (value None: cleared)
