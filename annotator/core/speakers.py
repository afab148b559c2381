"""The speaker registry: every entity the project's spans name, with its mentions across
documents and layers, and the two user actions on an entity, merge and rename.

Which spans name an entity comes from the schema: each label's name attribute (its first
free-text attribute, ``Label.name_attribute``: the default schema's SPEAKER ``entity``).
Spellings of a name are one entity when their ``search.entity_key`` is (folded, spaces
collapsed), as the entity box proposes them.

An entity's id is derived from its key (``derived_id``) unless a rename, a merge or an
import gave the key another one (``store/speakers.given_ids``): a rename gives the new
name the entity's id, a merge gives every name of the absorbed entity the kept one's. The
old names keep pointing at the entity, so a mention spelled the old way later joins it.

Merge and rename rewrite the name on every span of the entity in every layer, gold
included: the name is the corpus's spelling of one entity, not an annotator's judgment,
and a released gold that kept the old spelling beside a new id would say two things.
Each is one transaction, logged with what it replaced; ``undo_entry`` takes it back.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace

from annotator.core.errors import ValidationError
from annotator.core.model import Changes, Span
from annotator.core.schema import Schema
from annotator.core.search import entity_key
from annotator.core.store import Project
from annotator.core.store import speakers as store
from annotator.core.store.speakers import Mention


def entity_fields(schema: Schema) -> dict[str, str]:
    """Each label that names an entity, with the attribute that names it."""
    return {label.name: label.name_attribute.name for label in schema.labels if label.name_attribute}


def derived_id(key: str) -> str:
    """The id an entity key has unless it was given another: the same in every project."""
    return "E" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def id_of(key: str, given: dict[str, str]) -> str:
    return given.get(key) or derived_id(key)


@dataclass(frozen=True, eq=False)
class Speaker:
    """One entity: its id, its name (the spelling most mentions give it), how many spans
    mention it, in which documents (ids, in import order) and layers; the spellings of its
    name and the words that mention it (spellings that fold alike counted as one, under
    the most frequent), each with its count, most frequent first."""

    id: str
    name: str
    count: int
    documents: tuple[str, ...]
    layers: dict[str, int]
    names: tuple[tuple[str, int], ...]
    variants: tuple[tuple[str, int], ...]


def _first(counts: Counter[str]) -> str:
    """The most frequent; of equals, the first met (in import and reading order)."""
    return counts.most_common(1)[0][0]


def _most_frequent(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@dataclass
class _Tally:
    """What the registry adds up for one entity."""

    names: Counter[str] = field(default_factory=Counter)
    documents: dict[str, None] = field(default_factory=dict)
    layers: Counter[str] = field(default_factory=Counter)
    words: dict[str, Counter[str]] = field(default_factory=dict)  # folded words -> spellings

    def speaker(self, id_: str) -> Speaker:
        variants = Counter({_first(spellings): sum(spellings.values()) for spellings in self.words.values()})
        return Speaker(id_, _first(self.names), sum(self.names.values()), tuple(self.documents),
                       dict(sorted(self.layers.items())), _most_frequent(self.names), _most_frequent(variants))


def registry(project: Project) -> list[Speaker]:
    """Every entity with a mention, the most mentioned first (ties by name): the spans that
    name one read in one pass and counted, each distinct name folded once."""
    fields, given = entity_fields(project.schema), store.given_ids(project)
    ids = functools.lru_cache(maxsize=None)(lambda value: id_of(entity_key(value), given))
    rows, layers = store.names(project, fields)
    rows = [row for row in rows if _names_something(row[0])]
    tallies: dict[str, _Tally] = {}
    for value, document_id in dict.fromkeys((value, document_id) for value, document_id, _, _ in rows):
        tally = tallies.get(ids(value))
        if tally is None:
            tally = tallies[ids(value)] = _Tally()
        tally.names[value] += 0  # in the order met
        tally.documents[document_id] = None
    for (value, layer, words), count in Counter((value, layer, words) for value, _, layer, words in rows).items():
        tally = tallies[ids(value)]
        tally.names[value] += count
        tally.layers[layers[layer]] += count
        tally.words.setdefault(entity_key(words), Counter())[words] += count
    speakers = [tally.speaker(id_) for id_, tally in tallies.items()]
    return sorted(speakers, key=lambda speaker: (-speaker.count, speaker.name))


@functools.lru_cache(maxsize=4096)
def _names_something(value: str) -> bool:
    """Whether a name has letters once folded (tatweel or harakat alone name no one)."""
    return bool(entity_key(value))


def mentions_of(project: Project, speaker: Speaker) -> list[Mention]:
    """The spans that mention ``speaker``, in every layer, by document and offset."""
    return store.mentions(project, entity_fields(project.schema), [name for name, _ in speaker.names])


class EntityIds:
    """The entity id of a span's name, for an export: the given ids read once, each
    distinct name folded once."""

    def __init__(self, project: Project):
        self.fields = entity_fields(project.schema)
        self.given = store.given_ids(project)
        self._ids: dict[str, str] = {}

    def of(self, label: str, attrs: dict) -> str | None:
        """The id of the entity a span of ``label`` with ``attrs`` names, or None."""
        attribute = self.fields.get(label)
        value = attrs.get(attribute) if attribute else None
        if not isinstance(value, str):
            return None
        found = self._ids.get(value)
        if found is None:
            key = entity_key(value)
            found = self._ids[value] = id_of(key, self.given) if key else ""
        return found or None


def named_id(schema: Schema, label: str, attrs: dict, entity_id: str) -> dict[str, str]:
    """{the entity key of the name a span gives: ``entity_id``}, or {} for a span that names none."""
    attribute = entity_fields(schema).get(label)
    value = attrs.get(attribute) if attribute else None
    key = entity_key(value) if isinstance(value, str) else ""
    return {key: entity_id} if key else {}


def adopt_ids(project: Project, incoming: dict[str, str]) -> None:
    """Keep the entity ids an imported file gave its names (key -> id), part of the
    import's transaction: a name the project gave an id of its own keeps that one."""
    given = store.given_ids(project)
    store.give_ids(project, {key: id_ for key, id_ in incoming.items()
                             if key not in given and derived_id(key) != id_})


class EntityNameTaken(ValidationError):
    """A rename to a name another entity has: the two should be merged instead."""

    def __init__(self, renamed: Speaker, holder: Speaker):
        self.renamed, self.holder = renamed, holder
        super().__init__(f"«{holder.name}» is already the name of another entity ({holder.count} mention(s) in "
                         f"{len(holder.documents)} document(s)); merge «{renamed.name}» into it instead of renaming")


def find(speakers: list[Speaker], given: dict[str, str], name_or_id: str) -> Speaker:
    """The entity with this id, or this name in any spelling that folds alike."""
    wanted = name_or_id.strip()
    by_id = {speaker.id: speaker for speaker in speakers}
    found = by_id.get(wanted) or by_id.get(id_of(entity_key(wanted), given)) if wanted else None
    if found is None:
        known = ", ".join(f"«{speaker.name}»" for speaker in speakers[:8]) or "none yet"
        raise ValidationError(f"no entity is named «{wanted}» (nor has that id); the most mentioned: {known}")
    return found


@dataclass(frozen=True)
class EntityEdit:
    """A done merge or rename: the change sets per document, and how to undo and redo it,
    each one transaction (``entry``: its edit-log entry)."""

    kind: str
    subject: str
    entry: int
    changes: list[Changes]

    def undo(self, project: Project) -> list[Changes]:
        return undo_entry(project, self.entry).changes

    def redo(self, project: Project) -> "EntityEdit":
        entry, changes = _replay(project, self.entry, forward=True)
        return replace(self, entry=entry, changes=changes)


def rename(project: Project, name_or_id: str, new_name: str) -> EntityEdit:
    """Give every mention of an entity, in every layer, the name ``new_name``; its id stays."""
    new = " ".join(new_name.split())
    if not entity_key(new):
        raise ValidationError("an entity's name cannot be empty (nor only harakat or tatweel); type the new name")
    speakers, given = registry(project), store.given_ids(project)
    renamed = find(speakers, given, name_or_id)
    holder = next((s for s in speakers if s.id == id_of(entity_key(new), given)), None)
    if holder is not None and holder.id != renamed.id:
        raise EntityNameTaken(renamed, holder)
    if [name for name, _ in renamed.names] == [new]:
        raise ValidationError(f"every mention of the entity is named «{new}» already; nothing to rename")
    ids = dict(given)
    for key in {entity_key(name) for name, _ in renamed.names} | {entity_key(new)}:
        _point(ids, key, renamed.id)  # the old names keep pointing at it
    entry, changes = store.rewrite(project, "rename_entity", _named(project, renamed, new, ids),
                                   {"entity": renamed.id, "from": renamed.name, "to": new})
    return EntityEdit("rename", new, entry, changes)


def merge(project: Project, keep: str, absorb: str) -> EntityEdit:
    """Make ``absorb`` one entity with ``keep``: its mentions take ``keep``'s name, and
    every name it had takes ``keep``'s id."""
    speakers, given = registry(project), store.given_ids(project)
    kept, absorbed = find(speakers, given, keep), find(speakers, given, absorb)
    if kept.id == absorbed.id:
        raise ValidationError(f"«{keep.strip()}» and «{absorb.strip()}» are one entity already "
                              f"(«{kept.name}», {kept.id}); choose two different entities to merge")
    ids = dict(given)
    keys = {entity_key(name) for name, _ in absorbed.names}
    keys |= {key for key, id_ in given.items() if id_ == absorbed.id}
    for key in keys:
        _point(ids, key, kept.id)
    entry, changes = store.rewrite(project, "merge_entities", _named(project, absorbed, kept.name, ids),
                                   {"entity": kept.id, "absorbed": absorbed.id, "from": absorbed.name,
                                    "to": kept.name})
    return EntityEdit("merge", kept.name, entry, changes)


def _point(ids: dict[str, str], key: str, entity: str) -> None:
    if derived_id(key) == entity:
        ids.pop(key, None)
    else:
        ids[key] = entity


def _named(project: Project, speaker: Speaker, name: str, ids: dict[str, str]) -> store.Rewrite:
    """Every span that mentions ``speaker`` named ``name``, and the given ids ``ids``."""
    fields = entity_fields(project.schema)
    found = store.spans_by_id(project, [mention.span for mention in mentions_of(project, speaker)])
    spans = tuple(replace(span, attrs={**span.attrs, fields[span.label]: name}) for span in found.values())
    return store.Rewrite(spans, ids)


@dataclass(frozen=True)
class Undone:
    """What an undo put back, and how many spans it left as they were (changed since)."""

    logged: store.Logged
    changes: list[Changes]
    left: int


def undo_last(project: Project) -> Undone:
    """Take back the latest merge or rename that is not undone yet."""
    found = store.last_undoable(project)
    if found is None:
        raise ValidationError(f"{project.path} has no merge or rename of an entity left to undo")
    return undo_entry(project, found.entry)


def undo_entry(project: Project, entry: int) -> Undone:
    found = store.logged(project, entry)
    if found is None:
        raise ValidationError(f"{project.path} has no merge or rename numbered {entry} in its edit log")
    _, changes = _replay(project, entry, forward=False)
    moved = sum(len(change.spans_changed) for change in changes)
    return Undone(found, changes, len(found.detail["spans"]) - moved)


def _replay(project: Project, entry: int, *, forward: bool) -> tuple[int, list[Changes]]:
    """Write logged ``entry`` again (``forward``) or take it back: each span that still
    holds what the other direction left, and each given id likewise; one transaction,
    logged (an undo names the entry it undoes)."""
    found = store.logged(project, entry)
    rows = [(span, before, after) if forward else (span, after, before) for span, before, after in found.detail["spans"]]
    current = store.spans_by_id(project, [row[0] for row in rows])
    spans = tuple(replace(current[span], attrs=wanted) for span, was, wanted in rows
                  if span in current and current[span].attrs == was)
    was, wanted = found.detail["ids"] if forward else reversed(found.detail["ids"])
    ids = dict(store.given_ids(project))
    for key in was.keys() | wanted.keys():
        if was.get(key) != wanted.get(key) and ids.get(key) == was.get(key):
            if key in wanted:
                ids[key] = wanted[key]
            else:
                ids.pop(key, None)
    if forward:
        return store.rewrite(project, found.action, store.Rewrite(spans, ids), _summary(found.detail))
    return store.rewrite(project, store.UNDO_ACTION, store.Rewrite(spans, ids), {"undoes": entry})


def _summary(detail: dict) -> dict:
    return {key: value for key, value in detail.items() if key not in ("spans", "ids")}

