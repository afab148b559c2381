"""Building the gold layer from annotator layers.

``line_up`` groups the annotators' spans of one document into review units: spans of
different annotators that cover the same words (same label and overlapping, or any
labels over mostly the same characters). A unit is *agreed* when every annotator has
exactly one span there with the same boundaries, label, attributes and links, whatever
the project's schema calls them; otherwise it lists what differs (``Unit.differences``).
Free text, and what a link points at, are compared by entity key, so that two spellings
of one name agree. Decisions (accept the agreed units, pick a version, combine two, edit
by hand, reject, link two gold spans by hand) write the ``gold`` layer through the same store calls as any edit, with
provenance rows saying who had it, who decided, when and why; each decision is one
transaction and returns the Changes that ``undo`` reverses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from annotator.core.errors import DecidedMeanwhile, ValidationError
from annotator.core.model import GOLD_LAYER, Changes, DocumentLabel, Relation, Span
from annotator.core.schema import RelationType, Schema
from annotator.core.search import entity_key
from annotator.core.store import Project, decisions
from annotator.core.store import document_labels as document_label_store
from annotator.core.text import count_bidi_controls

MIN_SHARED = 0.5  # spans with different labels are one unit when they share this much


@dataclass(frozen=True)
class Version:
    """One annotator's span in a unit, as it is compared: ``attributes`` holds its
    attributes with free text by entity key, ``links`` each relation type it is the head
    of with its child's identity (``_identity``), both sorted."""

    layer: str
    span: Span
    attributes: tuple[tuple[str, Any], ...] = ()
    links: tuple[tuple[str, str], ...] = ()

    def signature(self) -> tuple:
        return (self.span.start, self.span.end, self.span.label, self.attributes, self.links)


@dataclass(frozen=True)
class Unit:
    key: str
    start: int
    end: int
    layers: tuple[str, ...]
    versions: tuple[Version, ...]
    differences: tuple[str, ...]
    settled: str | None = None  # "gold" or "rejected"
    hidden_controls: int = 0  # invisible bidi controls inside: the words may not read as shown

    @property
    def agreed(self) -> bool:
        return not self.differences

    def version(self, layer: str) -> Version:
        found = [v for v in self.versions if v.layer == layer]
        if len(found) != 1:
            raise ValidationError(f"{layer} has {len(found)} spans in this unit; pick one span, not a layer")
        return found[0]


def annotator_layers(project: Project, document: int) -> list[str]:
    return [name for name in project.layers_of(document) if name != GOLD_LAYER]


def line_up(project: Project, document: int, layers: list[str] | None = None) -> list[Unit]:
    """The review units of a document, in reading order."""
    text = project.document(document).text
    layers = layers or annotator_layers(project, document)
    return units_of(read_versions(project, document, layers), layers, project.spans(document, GOLD_LAYER),
                    project.rejected_units(document), text, project.schema)


def read_versions(project: Project, document: int, layers: list[str]) -> list[Version]:
    """Every span of these annotators' layers, as review compares them."""
    text = project.document(document).text
    return [v for layer in layers for v in _versions(project, document, layer, text)]


def units_of(versions: list[Version], layers: list[str], gold: Iterable[Span], rejected: set[str], text: str,
             schema: Schema) -> list[Unit]:
    """The review units of versions read once, settled by the gold spans and rejections
    given: the review window lines them up again after each decision without reading the
    annotators' layers, which a decision does not change."""
    gold = list(gold)
    units = [_unit(group, tuple(layers), gold, rejected, text, schema) for group in _groups(versions)]
    return sorted(units, key=lambda u: (u.start, u.end, u.key))


def _versions(project: Project, document: int, layer: str, text: str) -> list[Version]:
    return versions_of(layer, project.spans(document, layer), project.relations(document, layer), text,
                       project.schema)


def versions_of(layer: str, spans: Iterable[Span], relations: Iterable[Relation], text: str,
                schema: Schema) -> list[Version]:
    """A layer's spans as review compares them, from spans and links already in hand (a
    document session's, say)."""
    by_id = {s.id: s for s in spans}
    links: dict[int, dict[str, str]] = {}
    for relation in relations:
        child = by_id[relation.child]
        links.setdefault(relation.head, {})[relation.type] = _identity(schema, child, text[child.start:child.end])
    free_text = {label.name: {a.name for a in label.attributes if not a.values} for label in schema.labels}
    return [Version(layer, s, _compared_attributes(s, free_text[s.label]),
                    tuple(sorted(links.get(s.id, {}).items()))) for s in by_id.values()]


def _identity(schema: Schema, span: Span, words: str) -> str:
    """Who or what a span refers to: the entity key of its label's name attribute, else of
    its words. Two links agree when their children have the same identity."""
    return entity_key(schema.label(span.label).shown_name(span.attrs, words))


def _compared_attributes(span: Span, free_text: set[str]) -> tuple[tuple[str, Any], ...]:
    """A span's attributes as compared: free text by entity key."""
    return tuple(sorted((name, entity_key(value) if name in free_text and isinstance(value, str) else value)
                        for name, value in span.attrs.items()))


def link_field(schema: Schema, relation: RelationType) -> str:
    """What a relation is called where a unit's versions are compared: its child label in
    lower case (a claim's "speaker"), or its own name where another relation type has
    the same child label, so that no two relations share a name."""
    shared = sum(r.child == relation.child for r in schema.relations) > 1
    return (relation.name if shared else relation.child).lower()


def _same_unit(a: Span, b: Span) -> bool:
    shared = min(a.end, b.end) - max(a.start, b.start)
    if shared <= 0:
        return False
    if a.label == b.label:
        return True
    return shared / (max(a.end, b.end) - min(a.start, b.start)) >= MIN_SHARED


def _groups(versions: list[Version]) -> list[list[Version]]:
    """Connected groups of spans of different annotators that cover the same words."""
    parent = list(range(len(versions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(versions)), key=lambda i: versions[i].span.start)
    active: list[int] = []
    for i in order:
        span = versions[i].span
        active = [j for j in active if versions[j].span.end > span.start]
        for j in active:
            if versions[j].layer != versions[i].layer and _same_unit(versions[j].span, span):
                parent[root(i)] = root(j)
        active.append(i)
    groups: dict[int, list[Version]] = {}
    for i in order:
        groups.setdefault(root(i), []).append(versions[i])
    return list(groups.values())


def _unit(group: list[Version], layers: tuple[str, ...], gold: list[Span], rejected: set[str], text: str,
          schema: Schema) -> Unit:
    group = sorted(group, key=lambda v: (layers.index(v.layer), v.span.start, v.span.end))
    key = "|".join(f"{v.layer}:{v.span.start}-{v.span.end}:{v.span.label}" for v in group)
    start, end = min(v.span.start for v in group), max(v.span.end for v in group)
    settled = None
    if key in rejected:
        settled = "rejected"
    elif any(g.start < end and start < g.end and any(_same_unit(g, v.span) for v in group) for g in gold):
        settled = "gold"
    return Unit(key, start, end, layers, tuple(group), _differences(group, layers, schema), settled,
                count_bidi_controls(text[start:end]))


def _differences(group: list[Version], layers: tuple[str, ...], schema: Schema) -> tuple[str, ...]:
    """What differs between a unit's versions, each named as the reviewer reads it: the
    extent, the label, each attribute by its name, each relation by ``link_field``."""
    found = []
    present = [v.layer for v in group]
    missing = [layer for layer in layers if layer not in present]
    if missing:
        found.append("missing in " + ", ".join(missing))
    if len(present) != len(set(present)):
        found.append("split differently")
    if len({(v.span.start, v.span.end) for v in group}) > 1:
        found.append("boundaries")
    if len({v.span.label for v in group}) > 1:
        found.append("label")
    if _differ(v.attributes for v in group):
        found += [name for name in _attribute_names(group, schema)
                  if _differ(dict(v.attributes).get(name) for v in group)]
    if _differ(v.links for v in group):
        found += [link_field(schema, r) for r in schema.relations
                  if _differ(dict(v.links).get(r.name) for v in group)]
    return tuple(found)


def _attribute_names(group: list[Version], schema: Schema) -> list[str]:
    """The attributes the versions have, in the schema's order."""
    held = {name for v in group for name, _ in v.attributes}
    declared = dict.fromkeys(a.name for label in schema.labels for a in label.attributes)
    return [name for name in declared if name in held] + sorted(held - set(declared))


def _differ(values: Iterable[Any]) -> bool:
    return len(set(values)) > 1


def find_unit(project: Project, document: int, key: str) -> Unit:
    for unit in line_up(project, document):
        if unit.key == key:
            return unit
    raise ValidationError("this review unit no longer exists; an annotator changed it since")


# -- decisions -------------------------------------------------------------------------


def accept_agreed(project: Project, document: int, by: str) -> Changes:
    """Copy every agreed, unsettled unit into gold, with its links."""
    with project.transaction():
        decisions.hold_review(project, document)
        added: list[Span] = []
        for unit in line_up(project, document):
            if acceptable(unit):
                version = unit.versions[0]
                added.append(_add_gold(project, version.span, "agreed", unit, [v.layer for v in unit.versions], by))
        relations = _sync_relations(project, document, by)
        _mark_in_review(project, document)
    return Changes(document=document, spans_added=tuple(added), relations_added=tuple(relations))


def acceptable(unit: Unit) -> bool:
    """What accepting the agreed units takes: agreed, unsettled, and more than one annotator."""
    return unit.agreed and unit.settled is None and len(unit.layers) > 1


def pick(project: Project, document: int, unit_key: str, layer: str, by: str, reason: str | None = None) -> Changes:
    """Take one annotator's version of a unit as gold."""
    with project.transaction():
        unit = _open_unit(project, document, unit_key)
        chosen = unit.version(layer)
        sources = [v.layer for v in unit.versions if v.signature() == chosen.signature()]
        span = _add_gold(project, chosen.span, "picked", unit, sources, by, reason)
        relations = _sync_relations(project, document, by)
        _mark_in_review(project, document)
    return Changes(document=document, spans_added=(span,), relations_added=tuple(relations))


def combine(project: Project, document: int, unit_key: str, boundaries_from: str, attributes_from: str,
            by: str, reason: str | None = None) -> Changes:
    """One annotator's boundaries and label with another's attributes and links."""
    with project.transaction():
        unit = _open_unit(project, document, unit_key)
        shape, attrs = unit.version(boundaries_from).span, unit.version(attributes_from).span
        if shape.label != attrs.label:
            raise ValidationError(f"cannot give a {shape.label} the attributes of a {attrs.label}")
        merged = Span(0, document, GOLD_LAYER, shape.start, shape.end, shape.label, attrs.attrs)
        span = _add_gold(project, merged, "combined", unit, sorted({boundaries_from, attributes_from}), by, reason)
        relations = _sync_relations(project, document, by, prefer=attributes_from)
        _mark_in_review(project, document)
    return Changes(document=document, spans_added=(span,), relations_added=tuple(relations))


def edit(project: Project, document: int, unit_key: str | None, start: int, end: int, label: str,
         attrs: dict[str, Any], by: str, reason: str | None = None) -> Changes:
    """A gold span the reviewer made by hand (for a unit, or anywhere)."""
    with project.transaction():
        unit = _open_unit(project, document, unit_key) if unit_key else None
        span = _add_gold(project, Span(0, document, GOLD_LAYER, start, end, label, dict(attrs)),
                         "edited", unit, [], by, reason)
        _mark_in_review(project, document)
    return Changes(document=document, spans_added=(span,))


def reject(project: Project, document: int, unit_key: str, by: str, reason: str | None = None) -> Changes:
    """Settle a unit with no gold span: none of the versions is right."""
    with project.transaction():
        _open_unit(project, document, unit_key)
        project.record_rejection(document, unit_key, by, reason)
        project.log("reject_unit", GOLD_LAYER, document, {"unit": unit_key, "reason": reason})
        _mark_in_review(project, document)
    return Changes(document=document, units_rejected=(unit_key,))


class GoldLink:
    """A link the reviewer ties by hand between two gold spans (a gold claim to its gold
    speaker), with provenance naming the reviewer. The head's earlier gold link of that
    type goes, as in the editor (``Project.link``); ``undo`` puts it back with its own
    provenance. ``do`` may run again (a redo): it ties the link anew."""

    def __init__(self, project: Project, type_: str, head: int, child: int, by: str, reason: str | None = None):
        self.project, self.type, self.head, self.child = project, type_, head, child
        self.by, self.reason = by, reason
        self.replaced: list[tuple[Relation, dict[str, Any] | None]] = []

    def do(self) -> Changes:
        project = self.project
        with project.transaction():
            head = project.span(self.head)
            if head.layer != GOLD_LAYER:
                raise ValidationError("the review window links gold spans only")
            old = [r for r in project.relations_of(self.head) if r.head == self.head and r.type == self.type]
            self.replaced = [(r, decisions.link_origin(project, r.id)) for r in old]
            changes = project.link(self.type, self.head, self.child)
            project.record_provenance(relation=changes.relations_added[0].id, decision="edited", sources=[],
                                      decided_by=self.by, reason=self.reason)
            _mark_in_review(project, head.document)
        return changes

    def undo(self, changes: Changes) -> Changes:
        project = self.project
        with project.transaction():
            back = tuple(r for r, _ in self.replaced)
            swapped = project.swap_relations(changes.relations_added, back)
            for relation, origin in self.replaced:
                if origin is not None:
                    project.record_provenance(relation=relation.id, decision=origin["decision"],
                                              sources=origin["sources"], decided_by=origin["decided_by"],
                                              decided_at=origin["decided_at"], reason=origin["reason"],
                                              unit=origin["unit"])
        return swapped


def link_origin(project: Project, relation_id: int) -> dict[str, Any] | None:
    """Where a gold link came from: the decision, its sources, who decided, when, why."""
    return decisions.link_origin(project, relation_id)


def undo(project: Project, changes: Changes) -> Changes:
    """Reverse a decision: remove the gold spans and links it added, or its rejection."""
    with project.transaction():
        removed_relations = []
        for relation in changes.relations_added:
            if project.has_relation(relation.id):
                removed_relations += project.delete_relation(relation.id).relations_removed
        removed = [project.delete_span(span.id) for span in changes.spans_added]
        for key in changes.units_rejected:
            project.forget_rejection(changes.document, key)
        cleared = tuple(DocumentLabel(label.document, GOLD_LAYER, label.name, None) for label in changes.document_labels)
        for label in cleared:
            document_label_store.put_label(project, label)
    return Changes(
        document=changes.document,
        spans_removed=tuple(s for c in removed for s in c.spans_removed),
        relations_removed=tuple(removed_relations) + tuple(r for c in removed for r in c.relations_removed),
        units_restored=changes.units_rejected,
        document_labels=cleared,
    )


def set_adjudicated(project: Project, document: int, done: bool = True) -> Changes:
    """Gold status: ``done`` means adjudicated; ``in_progress`` means in review."""
    return project.set_status(document, GOLD_LAYER, "done" if done else "in_progress")


def _open_unit(project: Project, document: int, unit_key: str) -> Unit:
    """The unit, read once no other reviewer's decision on the document runs beside this one."""
    decisions.hold_review(project, document)
    unit = find_unit(project, document, unit_key)
    if unit.settled is not None:
        decided = decisions.unit_decision(project, document, unit_key)
        if decided is None:
            raise ValidationError(f"this unit is already settled ({unit.settled}); undo that decision first")
        how, by = decided
        raise DecidedMeanwhile(f"this unit is already settled ({how} by {by}); nothing of this decision was "
                               "stored, and the review shows the unit as it is now; undo that decision first "
                               "to decide it again")
    return unit


def _add_gold(project: Project, span: Span, decision: str, unit: Unit | None, sources: list[str],
              by: str, reason: str | None = None, at: str | None = None) -> Span:
    gold = project.insert_span(span.document, GOLD_LAYER, span.start, span.end, span.label, dict(span.attrs))
    project.touch_status(span.document, GOLD_LAYER)
    project.record_provenance(span=gold.id, decision=decision, unit=unit.key if unit else None,
                              sources=sources, decided_by=by, reason=reason, decided_at=at)
    project.log(f"gold_{decision}", GOLD_LAYER, span.document, {"span": gold.id, "sources": sources})
    return gold


def _sync_relations(project: Project, document: int, by: str, prefer: str | None = None,
                    reason: str | None = None, at: str | None = None) -> list[Relation]:
    """Give gold heads the links their source versions had, where both ends are in gold
    (their provenance with ``reason`` and decided ``at``, now unless given)."""
    gold = project.spans(document, GOLD_LAYER)
    by_shape = {(s.start, s.end, s.label): s for s in gold}
    have = {(r.head, r.type) for r in project.relations(document, GOLD_LAYER)}
    added = []
    for span in gold:
        origin = project.provenance(span.id)
        if origin is None or not origin["sources"]:
            continue
        layers = ([prefer] if prefer in origin["sources"] else []) + origin["sources"]
        for layer in layers:
            added += _copy_links(project, span, layer, by_shape, have, by, reason, at)
    return added


def _copy_links(project: Project, gold_span: Span, layer: str, by_shape: dict, have: set, by: str,
                reason: str | None, at: str | None) -> list[Relation]:
    spans = {s.id: s for s in project.spans(gold_span.document, layer)}
    source = next((s for s in spans.values() if (s.start, s.end, s.label) == (gold_span.start, gold_span.end, gold_span.label)), None)
    added = []
    if source is None:
        return added
    for relation in project.relations(gold_span.document, layer):
        if relation.head != source.id or (gold_span.id, relation.type) in have:
            continue
        child = spans[relation.child]
        gold_child = by_shape.get((child.start, child.end, child.label))
        if gold_child is None:
            continue
        made = project.insert_relation(relation.type, gold_span, gold_child)
        project.record_provenance(relation=made.id, decision="picked", sources=[layer], decided_by=by,
                                  reason=reason, decided_at=at)
        have.add((gold_span.id, relation.type))
        added.append(made)
    return added


def _mark_in_review(project: Project, document: int) -> None:
    project.touch_status(document, GOLD_LAYER)  # new gold is now in review; adjudicated stays so


# -- every document at once ------------------------------------------------------------

# The reason recorded on the gold spans and links of a run over many documents: with the
# run's time, it is how ``undo_run`` finds what the run made, in a later program.
BULK_REASON = "accepted in bulk: every agreed unit, not reviewed one by one"


@dataclass(frozen=True)
class Accepted:
    """What accepting the agreed units did in one document, and what it left open."""

    changes: Changes
    left_open: tuple[Unit, ...]


def accept_agreed_in_run(project: Project, document: int, by: str, run: str) -> Accepted:
    """``accept_agreed`` as part of a run over many documents: every gold span and link it
    adds carries the run's time ``run`` and ``BULK_REASON``, so that ``undo_run`` can take
    the whole run back; a document with nothing to accept is left as it was (its gold
    status too)."""
    with project.transaction():
        text, layers = project.document(document).text, annotator_layers(project, document)
        versions, rejected = read_versions(project, document, layers), project.rejected_units(document)

        def settled_by_gold() -> list[Unit]:
            return units_of(versions, layers, project.spans(document, GOLD_LAYER), rejected, text, project.schema)

        units = settled_by_gold()
        added = [_add_gold(project, unit.versions[0].span, "agreed", unit, [v.layer for v in unit.versions], by,
                           BULK_REASON, run) for unit in units if acceptable(unit)]
        relations = _sync_relations(project, document, by, reason=BULK_REASON, at=run) if added else []
        if added:
            _mark_in_review(project, document)
            units = settled_by_gold()
    return Accepted(Changes(document=document, spans_added=tuple(added), relations_added=tuple(relations)),
                    tuple(unit for unit in units if unit.settled is None))


def runs(project: Project) -> list[tuple[str, str, int, int]]:
    """The runs that still have gold spans: (time, reviewer, spans, documents), oldest first."""
    return decisions.runs(project, BULK_REASON)


def undo_run(project: Project, run: str) -> list[Changes]:
    """Take back what the run at time ``run`` added, as the review window's undo takes back
    a decision (``undo``), one document's Changes each; all of it or, on an error, none."""
    spans, relations = decisions.made_in_run(project, run, BULK_REASON)
    made: dict[int, tuple[list[Span], list[Relation]]] = {}
    for span in spans:
        made.setdefault(span.document, ([], []))[0].append(span)
    for relation in relations:
        made.setdefault(relation.document, ([], []))[1].append(relation)
    with project.transaction():
        return [undo(project, Changes(document=document, spans_added=tuple(added), relations_added=tuple(links)))
                for document, (added, links) in sorted(made.items())]
