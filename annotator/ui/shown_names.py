"""What the window calls a schema's labels, attributes, values and relations, the review's
states and decisions, and the suggester's rules: in the interface language.

The schema's ``shown`` names (docs/schema.md) give the labels, attributes, values and
relations; the rest are words of the application, translated like any other. The stored
names and codes stay in the project file, the exports and the edit log: only what the
window shows changes.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from annotator.core.schema import Schema
from annotator.ui.i18n import interface_language

# Each of the suggester's rules (core/suggest.py ``Suggestion.rule``), shown as its code in
# English, where annotators learn the codes from docs/suggestions.md.
RULES = {
    "quote": QT_TRANSLATE_NOOP("SuggestionRule", "quote"),
    "quote-colon": QT_TRANSLATE_NOOP("SuggestionRule", "quote-colon"),
    "quote-first": QT_TRANSLATE_NOOP("SuggestionRule", "quote-first"),
    "verb-first+inna": QT_TRANSLATE_NOOP("SuggestionRule", "verb-first+inna"),
    "subject-first": QT_TRANSLATE_NOOP("SuggestionRule", "subject-first"),
    "participle": QT_TRANSLATE_NOOP("SuggestionRule", "participle"),
    "pro-drop": QT_TRANSLATE_NOOP("SuggestionRule", "pro-drop"),
    "naqala-an": QT_TRANSLATE_NOOP("SuggestionRule", "naqala-an"),
    "according-to": QT_TRANSLATE_NOOP("SuggestionRule", "according-to"),
}
# How a review unit was settled (adjudicate.Unit.settled) and a gold decision's kind (provenance).
REVIEW_WORDS = {
    "gold": QT_TRANSLATE_NOOP("ReviewWords", "gold"),
    "rejected": QT_TRANSLATE_NOOP("ReviewWords", "rejected"),
    "agreed": QT_TRANSLATE_NOOP("ReviewWords", "agreed"),
    "picked": QT_TRANSLATE_NOOP("ReviewWords", "picked"),
    "combined": QT_TRANSLATE_NOOP("ReviewWords", "combined"),
    "edited": QT_TRANSLATE_NOOP("ReviewWords", "edited"),
}
# What can differ between a unit's versions besides attributes and links (adjudicate._differences).
DIFFERENCES = {
    "split differently": QT_TRANSLATE_NOOP("ReviewWords", "split differently"),
    "boundaries": QT_TRANSLATE_NOOP("ReviewWords", "boundaries"),
    "label": QT_TRANSLATE_NOOP("ReviewWords", "label"),
}
_MISSING = "missing in "


def label(schema: Schema, name: str) -> str:
    return schema.shown_label(name, interface_language())


def relation(schema: Schema, name: str) -> str:
    return schema.shown_relation(name, interface_language())


def attribute(schema: Schema, name: str) -> str:
    return schema.shown_attribute(name, interface_language())


def value(schema: Schema, label_name: str, attribute_name: str, stored: str) -> str:
    return schema.shown_value(label_name, attribute_name, stored, interface_language())


def any_value(schema: Schema, attribute_name: str, stored: str) -> str:
    """A value of an attribute, shown as the first label that declares it with that value shows it."""
    for found in schema.labels:
        declared = found.attribute(attribute_name)
        if declared is not None and stored in declared.values:
            return declared.shown_value(stored, interface_language())
    return stored


def rule(code: str) -> str:
    return QCoreApplication.translate("SuggestionRule", RULES[code]) if code in RULES else code


def review_word(word: str | None) -> str:
    """A unit's settlement or a gold decision's kind; an unknown one as it is stored."""
    if word is None:
        return ""
    return QCoreApplication.translate("ReviewWords", REVIEW_WORDS[word]) if word in REVIEW_WORDS else word


def listed(items) -> str:
    """Items in a line, joined as the interface language joins them (Arabic with «،»)."""
    return QCoreApplication.translate("ReviewWords", ", ").join(items)


def difference(schema: Schema, what: str) -> str:
    """One of ``Unit.differences`` as the reviewer reads it: an attribute or link by its shown name."""
    if what.startswith(_MISSING):
        return QCoreApplication.translate("ReviewWords", "missing in {0}").format(what[len(_MISSING):])
    if what in DIFFERENCES:
        return QCoreApplication.translate("ReviewWords", DIFFERENCES[what])
    return link_field(schema, what) or attribute(schema, what)


def link_field(schema: Schema, field: str) -> str | None:
    """A relation named as ``adjudicate.link_field`` names it (its child label, lower case,
    or its own name), shown as that label or relation; None when no relation is called so."""
    from annotator.core.adjudicate import link_field as field_of  # on first use (docs/architecture.md, "Layers")

    for found in schema.relations:
        if field_of(schema, found) == field:
            stored, shown = ((found.child, label(schema, found.child)) if field == found.child.lower()
                             else (found.name, relation(schema, found.name)))
            return field if shown == stored else shown
    return None
