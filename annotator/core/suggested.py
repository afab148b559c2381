"""Accepting a suggestion, and taking the acceptance back.

Suggestions are computed from the text on demand and never stored as annotations; only
an annotator's rejections are kept, per document and layer, so they are not offered
again (``DocumentSession.reject_suggestion``). Accepting one creates ordinary spans and a
SAID_BY link through the store, in one transaction.
"""

from __future__ import annotations

from annotator.core.model import Changes, Relation, Span
from annotator.core.store import Project
from annotator.core.suggest import Suggestion


def accept(project: Project, document: int, layer: str, suggestion: Suggestion) -> Changes:
    """The claim, its speaker (reusing an identical SPEAKER span) and their SAID_BY link."""
    with project.transaction():
        added: list[Span] = []
        speaker = None
        if suggestion.speaker is not None:
            speaker = _speaker_span(project, document, layer, suggestion.speaker)
            if speaker is None:
                speaker = project.add_span(document, layer, *suggestion.speaker, "SPEAKER").spans_added[0]
                added.append(speaker)
        claim = project.add_span(document, layer, *suggestion.claim, "CLAIM").spans_added[0]
        added.append(claim)
        relations: tuple[Relation, ...] = ()
        if speaker is not None:
            relations = project.add_relation("SAID_BY", claim.id, speaker.id).relations_added
        project.log("accept_suggestion", layer, document, {"suggestion": suggestion.key(), "rule": suggestion.rule})
    return Changes(document=document, spans_added=tuple(added), relations_added=relations)


def _speaker_span(project: Project, document: int, layer: str, where: tuple[int, int]) -> Span | None:
    return project.span_at(document, layer, *where, "SPEAKER")


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
        for span in changes.spans_added:  # the speaker (if new) comes before its claim
            links = tuple(r for r in changes.relations_added if r.head == span.id)
            project.restore_span(span, links)
    return changes
