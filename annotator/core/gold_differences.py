"""Where gold differs from one annotator's layer on a document, as the annotator reads it:
the review's units (``adjudicate.units_of``, the same comparison a reviewer sees) with
each difference spelled out: a span gold does not have or only gold has, other
boundaries or label, an attribute with gold's value beside the annotator's, and a link
missing, extra or tied elsewhere, with the words of the span each side ties it to.
No Qt here: ``ui/gold_compare.py`` words it for the window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from annotator.core.adjudicate import Version, link_field, units_of, versions_of
from annotator.core.model import GOLD_LAYER, Relation, Span
from annotator.core.schema import Schema

NOT_IN_GOLD, ONLY_IN_GOLD = "not in gold", "only in gold"
ATTRIBUTE = "attribute"
LINK_MISSING, LINK_EXTRA, LINK_ELSEWHERE = "link missing", "link extra", "link elsewhere"


@dataclass(frozen=True)
class Difference:
    """One thing that differs: ``kind`` (the constants above, or one of the review's
    ``DIFFERENCES``: boundaries, label, split differently); ``name`` the attribute or
    relation type; ``mine`` and ``gold`` the values, or what each side's link ties to
    (the child's name or words), None where a side has none."""

    kind: str
    name: str | None = None
    mine: Any = None
    gold: Any = None


@dataclass(frozen=True)
class Place:
    """Where they differ: the words' range, the annotator's span there (None where only
    gold has one) and what differs, in the schema's order."""

    start: int
    end: int
    span_id: int | None
    differences: tuple[Difference, ...]


class LayerSide:
    """One side's spans and links on the document, as compared and as shown."""

    def __init__(self, layer: str, spans: Iterable[Span], relations: Iterable[Relation], text: str, schema: Schema):
        self.spans = list(spans)
        self.relations = list(relations)
        self.versions = versions_of(layer, self.spans, self.relations, text, schema)
        by_id = {span.id: span for span in self.spans}
        self.children: dict[tuple[int, str], str] = {}
        for relation in self.relations:
            child = by_id[relation.child]
            words = text[child.start:child.end]
            self.children[(relation.head, relation.type)] = schema.label(child.label).shown_name(child.attrs, words)


def against_gold(layer: str, mine: LayerSide, gold: LayerSide, text: str, schema: Schema) -> list[Place]:
    """Each place where gold differs from ``layer``, in reading order."""
    fields = {link_field(schema, relation): relation.name for relation in schema.relations}
    places = []
    for unit in units_of(mine.versions + gold.versions, [layer, GOLD_LAYER], (), set(), text, schema):
        if not unit.differences:
            continue
        own = _first(unit.versions, layer)
        theirs = _first(unit.versions, GOLD_LAYER)
        found = tuple(_spelled(what, own, theirs, layer, fields, mine, gold) for what in unit.differences)
        places.append(Place(unit.start, unit.end, own.span.id if own else None, found))
    return places


def _first(versions: Iterable[Version], layer: str) -> Version | None:
    return next((v for v in versions if v.layer == layer), None)


def _spelled(what: str, own: Version | None, theirs: Version | None, layer: str, fields: dict[str, str],
             mine: LayerSide, gold: LayerSide) -> Difference:
    if what == f"missing in {GOLD_LAYER}":
        return Difference(NOT_IN_GOLD)
    if what == f"missing in {layer}":
        return Difference(ONLY_IN_GOLD)
    if own is None or theirs is None or what in ("split differently", "boundaries", "label"):
        return Difference(what)
    if what in fields:
        relation = fields[what]
        ours = mine.children.get((own.span.id, relation))
        theirs_child = gold.children.get((theirs.span.id, relation))
        kind = LINK_MISSING if ours is None else LINK_EXTRA if theirs_child is None else LINK_ELSEWHERE
        return Difference(kind, relation, ours, theirs_child)
    return Difference(ATTRIBUTE, what, own.span.attrs.get(what), theirs.span.attrs.get(what))
