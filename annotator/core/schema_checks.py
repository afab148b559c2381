"""The checks every part of a schema file passes: known keys, non-empty text, no
duplicates, and display names by interface language (``shown``, ``shown_values``).
Messages name the entry at fault (``schema.load_schema_file`` adds the file)."""

from __future__ import annotations

import re
from typing import Any

from annotator.core.errors import ValidationError

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")

# A display name per interface language, as (language, name) pairs so that schema parts stay
# hashable; the stored name is what every file and export keeps.
Shown = tuple[tuple[str, str], ...]


def shown_in(shown: Shown, language: str, stored: str) -> str:
    return next((name for code, name in shown if code == language), stored)


def unknown_keys(entry: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise ValidationError(
            f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}"
        )


def text_of(entry: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValidationError(f"{where}: {key!r} must be a non-empty string")
    return value


def no_duplicates(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        folded = value.casefold()
        if folded in seen:
            raise ValidationError(f"duplicate {what} {value!r}")
        seen.add(folded)


_SHOWN_EXAMPLE = 'shown = { ar = "متحدث" }'


def _languages(entry: dict[str, Any], key: str, where: str, example: str) -> dict[str, Any]:
    """A ``{language = ...}`` table, each key a lower-case language code such as ``ar``."""
    table = entry.get(key, {})
    if not isinstance(table, dict):
        raise ValidationError(f"{where}: {key!r} must be a table of languages, such as {example}")
    for code in table:
        if not _LANGUAGE.match(code):
            raise ValidationError(
                f"{where}: {key!r} has {code!r}, which is not a language code; use two or three "
                f"lower-case letters, such as {example}"
            )
    return table


def parse_shown(entry: dict[str, Any], where: str) -> Shown:
    """The optional ``shown`` table: the name shown in each interface language."""
    shown = []
    for code, name in _languages(entry, "shown", where, _SHOWN_EXAMPLE).items():
        if not isinstance(name, str) or not name.strip():
            raise ValidationError(f"{where}: shown name for {code!r} must be a non-empty string")
        shown.append((code, name.strip()))
    return tuple(shown)


def parse_shown_values(entry: dict[str, Any], values: tuple[str, ...], where: str
                        ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The optional ``shown_values`` table: per language, one shown name for each value."""
    example = 'shown_values = { ar = ["مؤيد", "معارض"] }'
    table = _languages(entry, "shown_values", where, example)
    if table and not values:
        raise ValidationError(f"{where}: 'shown_values' needs 'values' (a free-text attribute has none to show)")
    found = []
    for code, names in table.items():
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise ValidationError(f"{where}: shown_values for {code!r} must be a list of non-empty strings")
        if len(names) != len(values):
            raise ValidationError(
                f"{where}: shown_values for {code!r} needs one name for each of its {len(values)} values "
                f"({', '.join(values)}), in the same order; it has {len(names)}"
            )
        names = [n.strip() for n in names]
        no_duplicates(names, f"shown value for {code!r} in {where}")
        found.append((code, tuple(names)))
    return tuple(found)


def no_duplicate_shown(entries: list[tuple[str, Shown]], what: str) -> None:
    """Two labels (or relations) shown alike in one language could not be told apart."""
    seen: dict[tuple[str, str], str] = {}
    for name, shown in entries:
        for code, text in shown:
            other = seen.setdefault((code, text.casefold()), name)
            if other != name:
                raise ValidationError(f"{what}s {other} and {name} have the same shown name {text!r} in {code!r}")
