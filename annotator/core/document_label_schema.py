"""Labels of a whole document in a schema (``[[document_labels]]``): a genre, "relevant:
yes/no". Read and checked here; ``schema.Schema.document_labels`` holds them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core.errors import ValidationError
from annotator.core.schema_checks import (Shown, no_duplicate_shown, no_duplicates, parse_shown,
                                          parse_shown_values, shown_in, text_of, unknown_keys)

if TYPE_CHECKING:
    from annotator.core.schema import Label, RelationType


@dataclass(frozen=True)
class DocumentLabelType:
    """A label of a whole document (a genre, "relevant: yes/no"): one of ``values`` per
    document and layer. ``keys``, where given, holds one key per value: pressed in the
    article, it sets that value on the open document (pressed again, it clears it)."""

    name: str
    values: tuple[str, ...]
    help: str = ""
    keys: tuple[str, ...] = ()
    shown: Shown = ()
    shown_values: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def shown_name(self, language: str) -> str:
        return shown_in(self.shown, language, self.name)

    def shown_value(self, value: str, language: str) -> str:
        names = next((names for code, names in self.shown_values if code == language), ())
        if value in self.values and names:
            return names[self.values.index(value)]
        return value

    def check(self, value: Any) -> None:
        if not isinstance(value, str) or value not in self.values:
            raise ValidationError(f"{value!r} is not a value of the document label {self.name}; "
                                  f"allowed: {', '.join(self.values)}")


_DOCUMENT_LABEL_KEYS = {"name", "values", "help", "keys", "shown", "shown_values"}
# The editor's keys for a document label: a letter or digit, which the editor finds by its
# physical position (ui/keys.py) on any layout; M is the editor's note key.
_PHYSICAL_KEYS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_EDITOR_KEYS = {"M": "the note key"}


def parse_document_labels(raw: Any, labels: tuple["Label", ...], relations: tuple["RelationType", ...]
                           ) -> tuple[DocumentLabelType, ...]:
    if not isinstance(raw, list):
        raise ValidationError("schema: 'document_labels' must be a list of [[document_labels]] tables")
    found = tuple(_parse_document_label(entry, i) for i, entry in enumerate(raw, 1))
    no_duplicates([d.name for d in found], "document label name")
    no_duplicate_shown([(d.name, d.shown) for d in found], "document label")
    taken = {label.key.upper(): f"the key of label {label.name}" for label in labels}
    taken.update({r.key.upper(): f"the key of relation {r.name}" for r in relations if r.key})
    for label in labels:
        for attribute in label.attributes:
            taken.update({k.upper(): f"a value key of {label.name} attribute {attribute.name}" for k in attribute.keys})
    taken.update(_EDITOR_KEYS)
    for document_label in found:
        for key in document_label.keys:
            if key.upper() in taken:
                raise ValidationError(f"document label {document_label.name}: key {key!r} is already "
                                      f"{taken[key.upper()]}; give it another letter or digit")
            taken[key.upper()] = f"a key of document label {document_label.name}"
    return found


def _parse_document_label(entry: Any, index: int) -> DocumentLabelType:
    where = f"document_labels entry {index}"
    if not isinstance(entry, dict):
        raise ValidationError(f"{where}: must be a table")
    unknown_keys(entry, _DOCUMENT_LABEL_KEYS, where)
    name = text_of(entry, "name", where)
    where = f"document label {name}"
    values = entry.get("values")
    if not isinstance(values, list) or len(values) < 2 or not all(isinstance(v, str) and v.strip() for v in values):
        raise ValidationError(f"{where}: 'values' must be a list of at least two non-empty strings, "
                              'such as values = ["yes", "no"]')
    no_duplicates(values, f"value of {where}")
    keys = entry.get("keys", [])
    if not isinstance(keys, list) or not all(isinstance(k, str) and len(k) == 1 for k in keys):
        raise ValidationError(f"{where}: 'keys' must be a list of single characters")
    if keys and len(keys) != len(values):
        raise ValidationError(f"{where}: 'keys' needs one key for each of its {len(values)} values, in their order")
    for key in keys:
        if key.upper() not in _PHYSICAL_KEYS:
            raise ValidationError(f"{where}: key {key!r} must be a Latin letter or a digit (keys follow "
                                  "the key's place on the keyboard, whatever its layout)")
    no_duplicates([k.upper() for k in keys], f"key of {where}")
    return DocumentLabelType(name, tuple(values), text_of(entry, "help", where, required=False), tuple(keys),
                             parse_shown(entry, where), parse_shown_values(entry, tuple(values), where))
