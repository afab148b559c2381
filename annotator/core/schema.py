"""The annotation schema: span labels, their attributes, and relation types.

A project stores its schema as JSON (``Schema.to_dict``); a custom one comes from a
TOML file given at ``init``, validated here with messages that name the file and the
entry at fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from annotator.core.document_label_schema import DocumentLabelType, parse_document_labels
from annotator.core.errors import InputError, ValidationError
from annotator.core.schema_checks import Shown, no_duplicate_shown, no_duplicates, parse_shown, parse_shown_values
from annotator.core.schema_checks import shown_in as _shown_in
from annotator.core.schema_checks import text_of as _text
from annotator.core.schema_checks import unknown_keys as _unknown_keys

__all__ = ["Attribute", "DocumentLabelType", "Label", "RelationType", "Schema", "Shown", "Suggestions",
           "default_schema", "load_schema_file"]

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Attribute:
    """A span attribute: a closed set of ``values``, or free text when ``values`` is empty.
    ``keys``, where given, holds one key per value: with a span of the label selected, the
    key sets that value."""

    name: str
    values: tuple[str, ...] = ()
    help: str = ""
    keys: tuple[str, ...] = ()
    shown: Shown = ()
    shown_values: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def shown_name(self, language: str) -> str:
        """The attribute's name in the interface ``language`` (its stored name where none is given)."""
        return _shown_in(self.shown, language, self.name)

    def shown_value(self, value: str, language: str) -> str:
        """A value as the interface ``language`` shows it; the stored value where none is given."""
        names = next((names for code, names in self.shown_values if code == language), ())
        if value in self.values and names:
            return names[self.values.index(value)]
        return value

    def allows(self, value: Any) -> bool:
        return isinstance(value, str) and (not self.values or value in self.values)

    def check(self, label: str, value: Any) -> None:
        if not isinstance(value, str):
            raise ValidationError(
                f"attribute {self.name!r} of {label} must be text, not {type(value).__name__}"
            )
        if self.values and value not in self.values:
            raise ValidationError(
                f"{value!r} is not a {self.name} of {label}; allowed: {', '.join(self.values)}"
            )


@dataclass(frozen=True)
class Label:
    name: str
    color: str
    key: str
    help: str = ""
    attributes: tuple[Attribute, ...] = ()
    shown: Shown = ()

    def shown_in(self, language: str) -> str:
        """The label's name in the interface ``language`` (its stored name where none is given)."""
        return _shown_in(self.shown, language, self.name)

    def attribute(self, name: str) -> Attribute | None:
        return next((a for a in self.attributes if a.name == name), None)

    @property
    def name_attribute(self) -> Attribute | None:
        """The attribute that names what a span of this label refers to: its first free-text
        one. Spans are told apart by it (or by their words where it is empty) wherever
        layers are compared, linked spans grouped, and known names offered."""
        return next((a for a in self.attributes if not a.values), None)

    def shown_name(self, attrs: dict[str, Any], words: str) -> str:
        """What a span of this label is called: its name attribute's value, else its words."""
        named = self.name_attribute
        return (attrs.get(named.name) if named else None) or words


@dataclass(frozen=True)
class RelationType:
    name: str
    head: str
    child: str
    key: str = ""
    help: str = ""
    shown: Shown = ()

    def shown_in(self, language: str) -> str:
        """The relation's name in the interface ``language`` (its stored name where none is given)."""
        return _shown_in(self.shown, language, self.name)


@dataclass(frozen=True)
class Suggestions:
    """Which labels the reported-speech suggester (``core/suggest.py``) gives what it finds:
    the ``statement`` made, its ``source``, and the ``relation`` that ties the statement
    (head) to its source (child). A schema without it gets no suggestions."""

    statement: str
    source: str
    relation: str


@dataclass(frozen=True)
class Schema:
    labels: tuple[Label, ...]
    relations: tuple[RelationType, ...] = ()
    name: str = "default"
    suggestions: Suggestions | None = None
    document_labels: tuple[DocumentLabelType, ...] = ()
    _by_name: dict[str, Label] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {label.name: label for label in self.labels})

    def label(self, name: str) -> Label:
        try:
            return self._by_name[name]
        except KeyError:
            allowed = ", ".join(self._by_name)
            raise ValidationError(f"label {name!r} is not in the schema; allowed: {allowed}") from None

    def relation(self, name: str) -> RelationType:
        for relation in self.relations:
            if relation.name == name:
                return relation
        allowed = ", ".join(r.name for r in self.relations) or "none"
        raise ValidationError(f"relation type {name!r} is not in the schema; allowed: {allowed}")

    def document_label(self, name: str) -> DocumentLabelType:
        found = next((d for d in self.document_labels if d.name == name), None)
        if found is None:
            allowed = ", ".join(d.name for d in self.document_labels) or "none"
            raise ValidationError(f"document label {name!r} is not in the schema; allowed: {allowed}")
        return found

    def document_label_keys(self) -> dict[str, tuple[str, str]]:
        """Each document label key (upper case) -> (document label, value) it sets."""
        return {key.upper(): (d.name, value) for d in self.document_labels for key, value in zip(d.keys, d.values)}

    def check_span(self, label: str, attrs: dict[str, Any]) -> None:
        """Refuse a label or attribute the schema does not define."""
        definition = self.label(label)
        for name, value in attrs.items():
            attribute = definition.attribute(name)
            if attribute is None:
                known = ", ".join(a.name for a in definition.attributes) or "none"
                raise ValidationError(
                    f"{label} has no attribute {name!r}; its attributes: {known}"
                )
            attribute.check(label, value)

    def attributes_kept(self, label: str, attrs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """What a relabel as ``label`` does to a span's attributes: ``(kept, dropped)``.
        Kept: each one ``label`` also declares, with a value it allows. Dropped: the rest.
        The one rule of relabelling, for the store and the window alike."""
        definition = self.label(label)
        kept: dict[str, Any] = {}
        dropped: dict[str, Any] = {}
        for name, value in attrs.items():
            attribute = definition.attribute(name)
            if attribute is not None and attribute.allows(value):
                kept[name] = value
            else:
                dropped[name] = value
        return kept, dropped

    def value_keys(self) -> dict[str, dict[str, tuple[str, str]]]:
        """Each value key (upper case) -> label -> (attribute, value) it sets on a span of that label."""
        found: dict[str, dict[str, tuple[str, str]]] = {}
        for label in self.labels:
            for attribute in label.attributes:
                for key, value in zip(attribute.keys, attribute.values):
                    found.setdefault(key.upper(), {})[label.name] = (attribute.name, value)
        return found

    def check_relation(self, type_: str, head_label: str, child_label: str) -> None:
        relation = self.relation(type_)
        if (head_label, child_label) != (relation.head, relation.child):
            raise ValidationError(
                f"{type_} links a {relation.head} to a {relation.child}, "
                f"not a {head_label} to a {child_label}"
            )

    def shown_label(self, name: str, language: str) -> str:
        """What the interface ``language`` calls a label; a name the schema lacks as it is."""
        label = self._by_name.get(name)
        return label.shown_in(language) if label else name

    def shown_relation(self, name: str, language: str) -> str:
        relation = next((r for r in self.relations if r.name == name), None)
        return relation.shown_in(language) if relation else name

    def shown_attribute(self, name: str, language: str) -> str:
        """An attribute's name in ``language``, from the first label that declares it."""
        found = next((a for label in self.labels for a in label.attributes if a.name == name), None)
        return found.shown_name(language) if found else name

    def shown_value(self, label: str, attribute: str, value: str, language: str) -> str:
        found = self._by_name.get(label)
        declared = found.attribute(attribute) if found else None
        return declared.shown_value(value, language) if declared else value

    def relations_of(self, label: str) -> tuple[RelationType, ...]:
        """The relation types whose head has this label."""
        return tuple(r for r in self.relations if r.head == label)

    def closed_attributes(self) -> tuple[tuple[Label, Attribute], ...]:
        """Every attribute with a closed set of values, with its label, in schema order."""
        return tuple((label, a) for label in self.labels for a in label.attributes if a.values)

    def to_dict(self) -> dict[str, Any]:
        suggestions = self.suggestions
        return {
            "name": self.name,
            "labels": [
                {
                    "name": label.name,
                    "color": label.color,
                    "key": label.key,
                    "help": label.help,
                    "attributes": [
                        {"name": a.name, "values": list(a.values), "help": a.help,
                         **({"keys": list(a.keys)} if a.keys else {}),
                         **({"shown": dict(a.shown)} if a.shown else {}),
                         **({"shown_values": {code: list(names) for code, names in a.shown_values}}
                            if a.shown_values else {})}
                        for a in label.attributes
                    ],
                    **({"shown": dict(label.shown)} if label.shown else {}),
                }
                for label in self.labels
            ],
            "relations": [
                {"name": r.name, "head": r.head, "child": r.child, "key": r.key, "help": r.help,
                 **({"shown": dict(r.shown)} if r.shown else {})}
                for r in self.relations
            ],
            **({"suggestions": {"statement": suggestions.statement, "source": suggestions.source,
                                "relation": suggestions.relation}} if suggestions else {}),
            **({"document_labels": [
                {"name": d.name, "values": list(d.values), "help": d.help,
                 **({"keys": list(d.keys)} if d.keys else {}),
                 **({"shown": dict(d.shown)} if d.shown else {}),
                 **({"shown_values": {code: list(names) for code, names in d.shown_values}} if d.shown_values else {})}
                for d in self.document_labels]} if self.document_labels else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Schema":
        """A project's stored schema (``to_dict``)."""
        return _with_defaults(_parse(data, source="the project's schema"))


def default_schema() -> Schema:
    """The schema of a project made without one: ``resources/schemas/default.toml``, read once."""
    global _default
    if _default is None:
        from annotator.paths import resource_path  # on first use (docs/architecture.md, "Layers")

        _default = load_schema_file(resource_path("schemas", "default.toml"))
    return _default


_default: Schema | None = None


def __getattr__(name: str) -> Any:
    """``DEFAULT_SCHEMA``, read when first asked for, so starting the window does not parse TOML."""
    if name == "DEFAULT_SCHEMA":
        return default_schema()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_schema_file(path: str | Path) -> Schema:
    """Read and validate a TOML schema; errors name the file and the entry at fault."""
    import tomllib  # on first use (docs/architecture.md, "Layers")

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("no such schema file", path=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("a schema file must be UTF-8 TOML", path=str(path)) from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"not valid TOML: {error}", path=str(path)) from None
    try:
        return _parse(data, source=str(path))
    except ValidationError as error:
        raise InputError(f"{error}; see docs/schema.md", path=str(path)) from None


_SCHEMA_KEYS = {"name", "labels", "relations", "suggestions", "document_labels"}
_SUGGESTIONS_KEYS = {"statement", "source", "relation"}
_LABEL_KEYS = {"name", "color", "key", "help", "attributes", "shown"}
_ATTRIBUTE_KEYS = {"name", "values", "help", "keys", "shown", "shown_values"}
_RELATION_KEYS = {"name", "head", "child", "key", "help", "shown"}


def _parse(data: dict[str, Any], source: str) -> Schema:
    if not isinstance(data, dict):
        raise ValidationError(f"{source}: the schema must be a table")
    _unknown_keys(data, _SCHEMA_KEYS, "schema")
    raw_labels = data.get("labels")
    if not isinstance(raw_labels, list) or not raw_labels:
        raise ValidationError("schema: at least one [[labels]] entry is needed")
    labels = tuple(_parse_label(entry, i) for i, entry in enumerate(raw_labels, 1))
    no_duplicates([label.name for label in labels], "label name")
    no_duplicate_shown([(label.name, label.shown) for label in labels], "label")
    raw_relations = data.get("relations", [])
    if not isinstance(raw_relations, list):
        raise ValidationError("schema: 'relations' must be a list of [[relations]] tables")
    relations = tuple(_parse_relation(entry, i) for i, entry in enumerate(raw_relations, 1))
    no_duplicates([r.name for r in relations], "relation name")
    no_duplicate_shown([(r.name, r.shown) for r in relations], "relation")
    no_duplicates([label.key for label in labels] + [r.key for r in relations if r.key], "key")
    names = {label.name for label in labels}
    for relation in relations:
        for end in (relation.head, relation.child):
            if end not in names:
                raise ValidationError(
                    f"relation {relation.name}: {end!r} is not a label of this schema"
                )
    label_keys = {label.key.upper() for label in labels} | {r.key.upper() for r in relations if r.key}
    for label in labels:
        clash = sorted(label_keys & {k.upper() for a in label.attributes for k in a.keys})
        if clash:
            raise ValidationError(f"label {label.name}: value key(s) {', '.join(clash)} are label or link keys")
    name = data.get("name", "custom")
    if not isinstance(name, str):
        raise ValidationError("schema: 'name' must be a string")
    suggestions = _parse_suggestions(data.get("suggestions"), relations)
    document_labels = parse_document_labels(data.get("document_labels", []), labels, relations)
    return Schema(labels=labels, relations=relations, name=name, suggestions=suggestions,
                  document_labels=document_labels)


def _parse_suggestions(entry: Any, relations: tuple[RelationType, ...]) -> Suggestions | None:
    if entry is None:
        return None
    where = "suggestions"
    if not isinstance(entry, dict):
        raise ValidationError(f"{where}: must be a table")
    _unknown_keys(entry, _SUGGESTIONS_KEYS, where)
    suggestions = Suggestions(*(_text(entry, key, where) for key in ("statement", "source", "relation")))
    relation = next((r for r in relations if r.name == suggestions.relation), None)
    if relation is None or (relation.head, relation.child) != (suggestions.statement, suggestions.source):
        raise ValidationError(
            f"{where}: relation {suggestions.relation!r} must be a relation of this schema from "
            f"{suggestions.statement} (head) to {suggestions.source} (child)"
        )
    return suggestions


def _with_defaults(schema: Schema) -> Schema:
    """A project stored before attributes had keys, or before suggestions were part of the
    schema, gets the default schema's where it has the default's labels, attributes and
    relation, so its value keys and suggestions keep working."""
    taken = {label.key.upper() for label in schema.labels} | {r.key.upper() for r in schema.relations if r.key}
    labels = []
    for label in schema.labels:
        attributes = []
        for attribute in label.attributes:
            default = _default_attribute(label.name, attribute)
            fits = default is not None and not attribute.keys and not taken & {k.upper() for k in default.keys}
            attributes.append(replace(attribute, keys=default.keys) if fits else attribute)
        labels.append(replace(label, attributes=tuple(attributes)))
    schema = Schema(labels=tuple(labels), relations=schema.relations, name=schema.name,
                    suggestions=schema.suggestions or _default_suggestions(schema),
                    document_labels=schema.document_labels)
    return _with_default_shown(schema) if schema.name == "default" else schema


def _with_default_shown(schema: Schema) -> Schema:
    """A default project stored before schemas had display names gets the default's, where
    its label, attribute (with the same values) or relation (between the same labels) has none."""
    if all(label.shown and all(a.shown for a in label.attributes) for label in schema.labels) and all(
            r.shown for r in schema.relations):
        return schema  # nothing to fill: the default file need not be read
    default = default_schema()
    labels = []
    for label in schema.labels:
        model = next((d for d in default.labels if d.name == label.name), None)
        if model is None:
            labels.append(label)
            continue
        attributes = []
        for attribute in label.attributes:
            other = model.attribute(attribute.name)
            if other is not None and other.values == attribute.values:
                attribute = replace(attribute, shown=attribute.shown or other.shown,
                                    shown_values=attribute.shown_values or other.shown_values)
            attributes.append(attribute)
        labels.append(replace(label, shown=label.shown or model.shown, attributes=tuple(attributes)))
    relations = []
    for relation in schema.relations:
        model = next((d for d in default.relations
                      if (d.name, d.head, d.child) == (relation.name, relation.head, relation.child)), None)
        relations.append(replace(relation, shown=relation.shown or model.shown) if model else relation)
    return Schema(labels=tuple(labels), relations=tuple(relations), name=schema.name,
                  suggestions=schema.suggestions, document_labels=schema.document_labels)


def _default_suggestions(schema: Schema) -> Suggestions | None:
    if schema.name != "default":  # a custom schema asks for suggestions itself
        return None
    default = default_schema().suggestions
    if default is None:
        return None
    fits = any((r.name, r.head, r.child) == (default.relation, default.statement, default.source)
               for r in schema.relations)
    return default if fits else None


def _default_attribute(label: str, attribute: Attribute) -> Attribute | None:
    if attribute.keys or not attribute.values:
        return None
    found = next((d for d in default_schema().labels if d.name == label), None)
    default = found.attribute(attribute.name) if found else None
    return default if default is not None and default.values == attribute.values else None


def _parse_label(entry: Any, index: int) -> Label:
    where = f"labels entry {index}"
    if not isinstance(entry, dict):
        raise ValidationError(f"{where}: must be a table")
    _unknown_keys(entry, _LABEL_KEYS, where)
    name = _text(entry, "name", where)
    where = f"label {name}"
    color = _text(entry, "color", where)
    if not _COLOR.match(color):
        raise ValidationError(f"{where}: color {color!r} must look like #RRGGBB")
    key = _text(entry, "key", where)
    if len(key) != 1:
        raise ValidationError(f"{where}: key {key!r} must be a single character")
    raw_attributes = entry.get("attributes", [])
    if not isinstance(raw_attributes, list):
        raise ValidationError(f"{where}: 'attributes' must be a list of tables")
    attributes = tuple(_parse_attribute(a, where) for a in raw_attributes)
    no_duplicates([a.name for a in attributes], f"attribute name in {where}")
    return Label(name, color, key, _text(entry, "help", where, required=False), attributes,
                 parse_shown(entry, where))


def _parse_attribute(entry: Any, label_where: str) -> Attribute:
    if not isinstance(entry, dict):
        raise ValidationError(f"{label_where}: each attribute must be a table")
    _unknown_keys(entry, _ATTRIBUTE_KEYS, f"{label_where} attribute")
    name = _text(entry, "name", f"{label_where} attribute")
    values = entry.get("values", [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise ValidationError(f"{label_where} attribute {name}: 'values' must be a list of strings")
    no_duplicates(values, f"value of {label_where} attribute {name}")
    keys = entry.get("keys", [])
    if not isinstance(keys, list) or not all(isinstance(k, str) and len(k) == 1 for k in keys):
        raise ValidationError(f"{label_where} attribute {name}: 'keys' must be a list of single characters")
    if keys and len(keys) != len(values):
        raise ValidationError(f"{label_where} attribute {name}: 'keys' needs one key for each of its values")
    no_duplicates([k.upper() for k in keys], f"key of {label_where} attribute {name}")
    where = f"{label_where} attribute {name}"
    return Attribute(name, tuple(values), _text(entry, "help", label_where, required=False), tuple(keys),
                     parse_shown(entry, where), parse_shown_values(entry, tuple(values), where))


def _parse_relation(entry: Any, index: int) -> RelationType:
    where = f"relations entry {index}"
    if not isinstance(entry, dict):
        raise ValidationError(f"{where}: must be a table")
    _unknown_keys(entry, _RELATION_KEYS, where)
    name = _text(entry, "name", where)
    where = f"relation {name}"
    key = _text(entry, "key", where, required=False)
    if len(key) > 1:
        raise ValidationError(f"{where}: key {key!r} must be a single character")
    return RelationType(
        name,
        _text(entry, "head", where),
        _text(entry, "child", where),
        key,
        _text(entry, "help", where, required=False),
        parse_shown(entry, where),
    )
