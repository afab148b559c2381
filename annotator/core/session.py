"""An open document for one layer: what it holds, the rules of editing it, and the change
sets every view follows.

``DocumentSession`` keeps the document's spans, links, status, rejected suggestions, notes
and document labels for one layer. Each intent (label, relabel, set an attribute, move a
boundary, delete, link, write a note, set a document label, set the status, or an action
composed elsewhere such as accepting a suggestion) is one store call, one transaction,
that returns the ``Changes`` it made; the session applies them to what it holds and
publishes them to every subscriber, which repaints from them without asking the store.
An intent returns an ``Edit``: what it changed, and how to undo and redo it, each again
one store call published the same way. A refused intent raises the store's error and
changes nothing. No Qt here: the window's undo stack holds ``Edit``s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import GOLD_LAYER, Changes, DocumentLabel, Note, Relation, Span
from annotator.core.store import Project
from annotator.core.store import document_labels as document_label_store
from annotator.core.store import notes as note_store

Subscriber = Callable[[Changes], None]
Action = Callable[[], Changes]


@dataclass(frozen=True)
class Edit:
    """One done intent. ``kind`` and ``subject`` name it for an undo menu (``"relabel"``,
    ``"TARGET"``); ``dropped`` holds the attributes a relabel dropped."""

    kind: str
    subject: str
    changes: Changes
    redo: Action
    undo: Action
    dropped: dict[str, Any] = field(default_factory=dict)


class DocumentSession:
    def __init__(self, project: Project, document: int, layer: str):
        self.project = project
        self.document = document
        self.layer = layer
        self.text = project.text(document)
        self.spans: dict[int, Span] = {span.id: span for span in project.spans(document, layer)}
        self.relations: dict[int, Relation] = {}
        self._links: dict[int, set[int]] = {}  # span id -> ids of the relations at either end
        for relation in project.relations(document, layer):
            self._hold_relation(relation)
        self.status = project.status(document, layer)
        self.rejected: set[str] = project.rejected_suggestions(document, layer)  # Suggestion.key()s
        # Review units settled with no gold span (``adjudicate.reject``): gold's alone.
        self.rejected_units: set[str] = project.rejected_units(document) if layer == GOLD_LAYER else set()
        # This layer's notes by the span they are on; the document's own under None.
        self.notes: dict[int | None, Note] = {n.span: n for n in note_store.notes_of(project, document, layer)}
        # This layer's values of the schema's document labels, by label name (set ones only).
        self.document_labels: dict[str, DocumentLabel] = {
            d.name: d for d in document_label_store.labels_of(project, document, layer)}
        self._subscribers: list[Subscriber] = []

    # -- following it ---------------------------------------------------------------------

    def subscribe(self, subscriber: Subscriber) -> None:
        self._subscribers.append(subscriber)

    def run(self, action: Action) -> Changes:
        """Make one store call, hold what it changed, and tell every subscriber."""
        self.project.take_status_moves(self.document, self.layer)  # earlier ones are not this action's
        changes = action()
        was = self.project.take_status_moves(self.document, self.layer)
        if was is not None and changes.status is None:
            changes = replace(changes, status="in_progress", status_was=was)
        return self.publish(changes)

    def publish(self, changes: Changes) -> Changes:
        if changes.document == self.document:
            self._hold(changes)
        for subscriber in list(self._subscribers):
            subscriber(changes)
        return changes

    def _hold(self, changes: Changes) -> None:
        """Take in one change set; its cost follows the change, not the document's size."""
        for relation in changes.relations_removed:
            self._drop_relation(relation.id)
        for span in changes.spans_removed:
            self.spans.pop(span.id, None)
            self.notes.pop(span.id, None)  # the store removed it with the span
            for relation_id in list(self._links.pop(span.id, ())):  # the store removed them with it
                self._drop_relation(relation_id)
        for span in (*changes.spans_added, *changes.spans_changed):
            if span.layer == self.layer:
                self.spans[span.id] = span
        for relation in changes.relations_added:
            if relation.layer == self.layer:
                self._hold_relation(relation)
        for note in changes.notes_cleared:
            if note.layer == self.layer:
                self.notes.pop(note.span, None)
        for note in changes.notes_set:
            if note.layer == self.layer:
                self.notes[note.span] = note
        for label in changes.document_labels:
            if label.layer == self.layer and label.value is None:
                self.document_labels.pop(label.name, None)
            elif label.layer == self.layer:
                self.document_labels[label.name] = label
        if changes.status is not None:
            self.status = changes.status
        self.rejected.difference_update(changes.suggestions_restored)
        self.rejected.update(changes.suggestions_rejected)
        if self.layer == GOLD_LAYER:
            self.rejected_units.difference_update(changes.units_restored)
            self.rejected_units.update(changes.units_rejected)

    def _hold_relation(self, relation: Relation) -> None:
        self.relations[relation.id] = relation
        for end in (relation.head, relation.child):
            self._links.setdefault(end, set()).add(relation.id)

    def _drop_relation(self, relation_id: int) -> None:
        relation = self.relations.pop(relation_id, None)
        if relation is not None:
            for end in (relation.head, relation.child):
                self._links.get(end, set()).discard(relation_id)

    def redo(self, edit: Edit) -> Changes:
        return self.run(edit.redo)

    def undo(self, edit: Edit) -> Changes:
        return self.run(edit.undo)

    # -- reading --------------------------------------------------------------------------

    def span(self, span_id: int) -> Span:
        try:
            return self.spans[span_id]
        except KeyError:
            raise ValidationError(f"there is no span number {span_id} in this document's {self.layer} layer") from None

    def in_reading_order(self) -> list[Span]:
        return sorted(self.spans.values(), key=lambda s: (s.start, s.end, s.id))

    def links_of(self, span_id: int) -> list[Relation]:
        return sorted((self.relations[i] for i in self._links.get(span_id, ())), key=lambda r: r.id)

    # -- intents --------------------------------------------------------------------------

    def perform(self, kind: str, subject: str, do: Action, redo: Callable[[Changes], Action],
                undo: Callable[[Changes], Action]) -> Edit:
        """An intent composed elsewhere (accepting a suggestion, say): ``do`` once, then
        ``redo(changes)`` and ``undo(changes)`` make the calls that repeat and reverse it."""
        changes = self.run(do)
        return Edit(kind, subject, changes, redo(changes), undo(changes))

    def perform_again(self, kind: str, subject: str, do: Action, reverse: Callable[[Changes], Changes]) -> Edit:
        """An intent whose redo makes new rows (a review decision writes new gold spans):
        redo is ``do`` again, and undo reverses the latest run's changes, not the first's."""
        latest = [self.run(do)]

        def redo() -> Changes:
            latest[0] = do()
            return latest[0]

        return Edit(kind, subject, latest[0], redo, lambda: reverse(latest[0]))

    def label(self, start: int, end: int, label: str) -> Edit:
        project, document, layer = self.project, self.document, self.layer
        changes = self.run(lambda: project.add_span(document, layer, start, end, label))
        span = changes.spans_added[0]
        return Edit("add", label, changes, lambda: project.restore_span(span), lambda: project.delete_span(span.id))

    def relabel(self, span_id: int, label: str) -> Edit | None:
        """The span keeps the attributes the new label also has (``Schema.attributes_kept``);
        the edit names those it drops. None when the span has that label already."""
        before = self.span(span_id)
        if before.label == label:
            return None
        kept, dropped = self.project.schema.attributes_kept(label, before.attrs)
        edit = self._update(before, replace(before, label=label, attrs=kept), "relabel", label)
        return replace(edit, dropped=dropped)

    def set_attribute(self, span_id: int, name: str, value: str | None) -> Edit | None:
        """Set (or, with None or "", clear) one attribute; None when nothing changes."""
        before = self.span(span_id)
        attrs = {k: v for k, v in before.attrs.items() if k != name}
        if value not in (None, ""):
            attrs[name] = value
        if attrs == before.attrs:
            return None
        return self._update(before, replace(before, attrs=attrs), "set", name)

    def resize(self, span_id: int, start: int, end: int) -> Edit | None:
        """Move the span's boundaries to ``[start, end)``; it keeps its id, label,
        attributes and links, and may overlap other spans. A boundary inside a grapheme
        cluster is refused by the store; None when nothing moves."""
        before = self.span(span_id)
        if (start, end) == (before.start, before.end):
            return None
        if start >= end:
            raise ValidationError(f"the {before.label}'s start would reach or pass its end: "
                                  "a span keeps at least one character (Delete removes it)")
        return self._update(before, replace(before, start=start, end=end), "resize", before.label)

    def _update(self, before: Span, after: Span, kind: str, subject: str) -> Edit:
        def set_to(span: Span) -> Action:
            return lambda: self.project.update_span(span.id, label=span.label, attrs=span.attrs,
                                                    start=span.start, end=span.end)

        changes = self.run(set_to(after))
        return Edit(kind, subject, changes, set_to(after), set_to(before))

    def delete(self, span_id: int) -> Edit:
        """The span goes with its links and its note; undo brings all three back."""
        project, note = self.project, self.notes.get(span_id)
        changes = self.run(lambda: project.delete_span(span_id))
        span, links = changes.spans_removed[0], changes.relations_removed

        def restore_with_note() -> Changes:
            with project.transaction():
                restored = project.restore_span(span, links)
                note_store.put_note(project, span.document, span.layer, span.id, note)
            return replace(restored, notes_set=(note,))

        return Edit("delete", span.label, changes, lambda: project.delete_span(span.id),
                    restore_with_note if note is not None else lambda: project.restore_span(span, links))

    def set_note(self, span_id: int | None, text: str) -> Edit | None:
        """Write, rewrite or (with empty text) clear this layer's note on a span or, with
        ``span_id`` None, on the document; None when nothing changes."""
        if span_id is not None:
            self.span(span_id)
        before = self.notes.get(span_id)
        after = note_store.written(self.document, self.layer, span_id, text, before)
        if (after and after.text) == (before and before.text):
            return None
        project, document, layer = self.project, self.document, self.layer

        def put(note: Note | None) -> Action:
            return lambda: note_store.put_note(project, document, layer, span_id, note)

        changes = self.run(put(after))
        return Edit("note", "write" if after else "clear", changes, put(after), put(before))

    def set_document_label(self, name: str, value: str | None) -> Edit | None:
        """Set (or, with None, clear) this layer's value of the document label ``name``;
        None when nothing changes. A value the schema lacks is refused."""
        held = self.document_labels.get(name)
        if (held.value if held else None) == value:
            return None
        return self.put_document_label(DocumentLabel(self.document, self.layer, name, value))

    def put_document_label(self, after: DocumentLabel) -> Edit | None:
        """Make this layer's ``after.name`` exactly ``after`` (on gold, with its decision);
        undo puts back the value it had, with its own decision."""
        before = self.document_labels.get(after.name) or DocumentLabel(self.document, self.layer, after.name, None)
        if after == before:
            return None
        project = self.project

        def put(label: DocumentLabel) -> Action:
            return lambda: document_label_store.put_label(project, label)

        changes = self.run(put(after))
        return Edit("document label", after.name, changes, put(after), put(before))

    def link(self, type_: str, head: int, child: int) -> Edit:
        """Tie ``head`` to ``child``; the head's earlier link of that type goes (``Project.link``)."""
        project = self.project
        changes = self.run(lambda: project.link(type_, head, child))
        added, removed = changes.relations_added, changes.relations_removed
        return Edit("link", type_, changes, lambda: project.swap_relations(removed, added),
                    lambda: project.swap_relations(added, removed))

    def reject_suggestion(self, key: str) -> Edit:
        """Not offered again to this layer in this document (``Suggestion.key``)."""
        project, document, layer = self.project, self.document, self.layer
        changes = self.run(lambda: project.reject_suggestion(document, layer, key))
        return Edit("reject", "suggestion", changes, lambda: project.reject_suggestion(document, layer, key),
                    lambda: project.unreject_suggestion(document, layer, key))

    def set_status(self, status: str) -> Edit | None:
        before = self.status
        if before == status:
            return None
        project, document, layer = self.project, self.document, self.layer
        changes = self.run(lambda: project.set_status(document, layer, status))
        return Edit("status", status, changes, lambda: project.set_status(document, layer, status),
                    lambda: project.set_status(document, layer, before))
