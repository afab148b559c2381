"""The corpus search's query language, read against a project's schema (docs/search.md).

A query is terms separated by spaces, all of which a hit must match:

- a bare word or a "quoted phrase": the span's words contain it;
- ``label:NAME``: the span has that label (several ``label:`` terms: any of them);
- ``layer:NAME``: the span is in that layer (several: any of them);
- ``doc:ID``: the span is in the document of that id (several: any of them);
- ``ATTRIBUTE:VALUE``, for each attribute the schema defines: a closed attribute has that
  value (its stored name or the name the interface shows); a label's name attribute (its
  first free-text one, a speaker's entity) contains the words;
- ``RELATION:WORDS``, for each relation type (lower case: ``said_by:``, ``about:``): the
  span is the head of such a link whose child's words or name contain WORDS;
- ``has:note`` (the span has a note) and ``has:RELATION`` (the span heads such a link);
- ``disagree:LABEL``: the document's annotators did not mark LABEL alike.

Words are compared folded (``search.entity_key``: harakat and tatweel ignored, alef,
hamza and yeh forms as one, whitespace runs as one space), as the find bar in the article
compares them. Names of keys are read in any case; names of labels and values as the
schema spells them or in any case. No Qt and no SQL here: ``store/find.py`` runs a query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.core.errors import ValidationError
from annotator.core.schema import Schema
from annotator.core.search import entity_key

RESERVED = ("label", "layer", "doc", "has", "disagree")
NOTE = "note"

# One term: an optional key and a value, quoted or not; an unclosed quote is caught by
# the pattern's last branch.
_TERM = re.compile(r'\s*(?:(?P<key>[^\s:"]+):)?(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"]+)|(?P<open>"[^"]*$))?')


class QueryError(ValidationError):
    """A query that cannot be run: the message says what is wrong and what exists."""


@dataclass(frozen=True)
class AttributeTerm:
    """``name:value``: ``values`` are the closed values allowed (any of them), or, for a
    free-text name attribute, ``words`` is the folded text it must contain."""

    name: str
    labels: tuple[str, ...]  # the labels that have this attribute
    values: tuple[str, ...] = ()
    words: str = ""


@dataclass(frozen=True)
class RelationTerm:
    """``relation:words`` (words folded), or ``has:relation`` (``words`` empty)."""

    name: str
    head: str
    words: str = ""


@dataclass(frozen=True)
class DocumentLabelTerm:
    """``name:value`` for a label of a whole document (``[[document_labels]]``): a span's
    document must have that value in the span's own layer; a document, in any layer (or
    in the layers ``layer:`` names)."""

    name: str
    value: str


@dataclass(frozen=True)
class Query:
    labels: tuple[str, ...] = ()
    layers: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    attributes: tuple[AttributeTerm, ...] = ()
    relations: tuple[RelationTerm, ...] = ()
    words: tuple[str, ...] = ()
    has_note: bool = False
    disagree: tuple[str, ...] = ()
    document_labels: tuple[DocumentLabelTerm, ...] = ()

    @property
    def finds_spans(self) -> bool:
        """Whether hits are spans; a query of only ``doc:``, ``disagree:``, ``layer:`` with
        document labels, and document labels finds documents."""
        return bool(self.labels or (self.layers and not self.document_labels) or self.attributes
                    or self.relations or self.words or self.has_note)

    def span_labels(self) -> tuple[str, ...] | None:
        """The labels a hit may have (None: any): those named, narrowed by what the
        attributes and relations asked for belong to."""
        allowed: set[str] | None = set(self.labels) if self.labels else None
        for owners in [a.labels for a in self.attributes] + [(r.head,) for r in self.relations]:
            allowed = set(owners) if allowed is None else allowed & set(owners)
        return None if allowed is None else tuple(sorted(allowed))


@dataclass(frozen=True)
class Hit:
    """A span found (or, for a query of documents, a document: ``span`` None), with up
    to ``store.find.CONTEXT`` code points of its text on each side of its words."""

    document: int
    doc_id: str
    title: str
    layer: str | None
    span: int | None
    label: str | None
    start: int | None
    end: int | None
    before: str
    words: str
    after: str


def tokens(text: str) -> list[tuple[str | None, str]]:
    """The query's terms as (key or None, value), quotes removed."""
    found: list[tuple[str | None, str]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TERM.match(text, position)
        if match.group("open") is not None:
            raise QueryError(f"the quote opened at character {match.start('open') + 1} is not closed; "
                             'close it with a second "')
        key, value = match.group("key"), match.group("quoted") if match.group("quoted") is not None \
            else match.group("bare")
        if match.end() == position:  # a lone ':' or '"' the pattern cannot take
            raise QueryError(f"cannot read the query at character {position + 1} ({text[position:][:20]!r}); "
                             'write key:value, words, or "a phrase"')
        position = match.end()
        if key is None and value is None:
            continue
        if value is None or (key is not None and not value.strip()):
            raise QueryError(f"{key}: needs a value, as in {key}:VALUE")
        found.append((key, value))
    return found


def parse(text: str, schema: Schema, layers: list[str] | None = None) -> Query:
    """The query ``text`` reads as, checked against ``schema`` (and the project's
    ``layers``, when given); a ``QueryError`` says what is wrong and what exists."""
    parts: dict[str, list] = {"labels": [], "layers": [], "documents": [], "attributes": [],
                              "relations": [], "words": [], "disagree": [], "document_labels": []}
    has_note = False
    terms = tokens(text)
    if not terms:
        raise QueryError("the query is empty; write words to find, or terms such as label:NAME "
                         f"(fields: {', '.join(fields(schema))})")
    for key, value in terms:
        if key is None:
            parts["words"].append(_words(value, "words"))
            continue
        name = key.lower()
        if name == "label":
            parts["labels"].append(_label(schema, value))
        elif name == "layer":
            parts["layers"].append(_layer(value, layers))
        elif name == "doc":
            parts["documents"].append(value)
        elif name == "disagree":
            parts["disagree"].append(_label(schema, value))
        elif name == "has":
            if value.lower() == NOTE:
                has_note = True
            else:
                parts["relations"].append(RelationTerm(*_relation(schema, value, "has:")))
        elif _relation_named(schema, name):
            relation, head = _relation(schema, name, "")
            parts["relations"].append(RelationTerm(relation, head, _words(value, key)))
        elif _attribute_labels(schema, name):
            parts["attributes"].append(_attribute(schema, name, value))
        elif _document_label_named(schema, name):
            parts["document_labels"].append(_document_label(schema, name, value))
        else:
            raise QueryError(f"unknown field {key}:; fields: {', '.join(fields(schema))}")
    query = Query(**{key: tuple(values) for key, values in parts.items()}, has_note=has_note)
    if query.span_labels() == ():
        raise QueryError(_no_label_fits(schema, query))
    return query


def fields(schema: Schema) -> list[str]:
    """Every key a query of this schema may use, with its colon."""
    attributes = dict.fromkeys(a.name for label in schema.labels for a in label.attributes)
    relations = [r.name.lower() for r in schema.relations]
    documents = [d.name.lower() for d in schema.document_labels]
    return [f"{name}:" for name in [*RESERVED, *attributes, *relations, *documents]]


def _words(value: str, key: str) -> str:
    words = entity_key(value)
    if not words:
        raise QueryError(f"{key}: {value!r} has no letters to find once harakat and tatweel are set aside")
    return words


def _label(schema: Schema, value: str) -> str:
    names = [label.name for label in schema.labels]
    found = _named(value, names, [(label.name, dict(label.shown).values()) for label in schema.labels])
    if found is None:
        raise QueryError(f"unknown label {value!r}; labels: {', '.join(names)}")
    return found


def _layer(value: str, layers: list[str] | None) -> str:
    if layers is None or value in layers:
        return value
    raise QueryError(f"unknown layer {value!r}; layers: {', '.join(layers) or 'none yet'}")


def _named(value: str, names: list[str], shown: list[tuple[str, object]]) -> str | None:
    """The name ``value`` stands for: as spelled, in another case, or a shown name."""
    if value in names:
        return value
    folded = entity_key(value)
    for name, others in shown:
        if folded == entity_key(name) or any(folded == entity_key(other) for other in others):
            return name
    return None


def _relation_named(schema: Schema, name: str):
    return next((r for r in schema.relations if r.name.lower() == name.lower()), None)


def _relation(schema: Schema, name: str, prefix: str) -> tuple[str, str]:
    relation = _relation_named(schema, name)
    if relation is None:
        known = [NOTE, *(r.name.lower() for r in schema.relations)]
        raise QueryError(f"unknown {prefix}{name}; has: takes {', '.join(known)}")
    return relation.name, relation.head


def _attribute_labels(schema: Schema, name: str) -> list:
    return [(label, attribute) for label in schema.labels for attribute in label.attributes
            if attribute.name.lower() == name]


def _attribute(schema: Schema, name: str, value: str) -> AttributeTerm:
    owners = _attribute_labels(schema, name)
    stored = owners[0][1].name
    labels = tuple(label.name for label, _ in owners)
    closed = [(label, attribute) for label, attribute in owners if attribute.values]
    if not closed:
        return AttributeTerm(stored, labels, words=_words(value, stored))
    values = list(dict.fromkeys(v for _, attribute in closed for v in attribute.values))
    shown = [(v, [attribute.shown_value(v, code) for _, attribute in closed for code, _ in attribute.shown_values])
             for v in values]
    found = _named(value, values, shown)
    if found is None:
        raise QueryError(f"{value!r} is not a value of {stored}; values: {', '.join(values)}")
    return AttributeTerm(stored, tuple(label.name for label, _ in closed), values=(found,))


def _document_label_named(schema: Schema, name: str):
    return next((d for d in schema.document_labels if d.name.lower() == name), None)


def _document_label(schema: Schema, name: str, value: str) -> DocumentLabelTerm:
    definition = _document_label_named(schema, name)
    shown = [(v, [definition.shown_value(v, code) for code, _ in definition.shown_values]) for v in definition.values]
    found = _named(value, list(definition.values), shown)
    if found is None:
        raise QueryError(f"{value!r} is not a value of {definition.name}; values: {', '.join(definition.values)}")
    return DocumentLabelTerm(definition.name, found)


def _no_label_fits(schema: Schema, query: Query) -> str:
    asked = [f"label:{name}" for name in query.labels]
    asked += [f"{a.name}: (on {', '.join(a.labels)})" for a in query.attributes]
    asked += [f"{r.name.lower()}: (on {r.head})" for r in query.relations]
    return f"no span can match all of {'; '.join(asked)}: they belong to different labels"
