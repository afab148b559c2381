"""Accepting a suggestion, and taking the acceptance back.

Suggestions are computed from the text on demand and never stored as annotations; only
an annotator's rejections are kept, per document and layer, so they are not offered
again (``DocumentSession.reject_suggestion``). Accepting one creates ordinary spans and
their link through the store, in one transaction, with the labels and relation the
project's schema gives suggestions (``Schema.suggestions``).
"""

from __future__ import annotations

from annotator.core.errors import ValidationError
from annotator.core.model import Changes, Relation, Span
from annotator.core.schema import Schema, Suggestions
from annotator.core.store import Project
from annotator.core.suggest import Suggestion


def roles(schema: Schema) -> Suggestions:
    """The labels and relation suggestions are accepted as; a schema without them gets none."""
    if schema.suggestions is None:
        raise ValidationError(f"the schema {schema.name!r} asks for no suggestions (see docs/schema.md)")
    return schema.suggestions


def accept(project: Project, document: int, layer: str, suggestion: Suggestion) -> Changes:
    """The statement, its source (reusing an identical span of the source's label) and
    their link. The statement is the last span added."""
    made = roles(project.schema)
    with project.transaction():
        added: list[Span] = []
        source = None
        if suggestion.speaker is not None:
            source = project.span_at(document, layer, *suggestion.speaker, made.source)
            if source is None:
                source = project.add_span(document, layer, *suggestion.speaker, made.source).spans_added[0]
                added.append(source)
        statement = project.add_span(document, layer, *suggestion.claim, made.statement).spans_added[0]
        added.append(statement)
        relations: tuple[Relation, ...] = ()
        if source is not None:
            relations = project.add_relation(made.relation, statement.id, source.id).relations_added
        project.log("accept_suggestion", layer, document, {"suggestion": suggestion.key(), "rule": suggestion.rule})
    return Changes(document=document, spans_added=tuple(added), relations_added=relations)


def unaccept(project: Project, changes: Changes) -> Changes:
    """Undo an accept: remove the spans it made (their link goes with them)."""
    with project.transaction():
        removed = [project.delete_span(span.id) for span in reversed(changes.spans_added)]
    return Changes(
        document=changes.document,
        spans_removed=tuple(s for c in removed for s in c.spans_removed),
        relations_removed=tuple(r for c in removed for r in c.relations_removed),
    )


def reaccept(project: Project, changes: Changes) -> Changes:
    """Redo an accept: the same spans and link, under their old ids."""
    with project.transaction():
        for span in changes.spans_added:  # the source (if new) comes before its statement
            links = tuple(r for r in changes.relations_added if r.head == span.id)
            project.restore_span(span, links)
    return changes
