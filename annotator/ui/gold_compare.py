"""The lines of the annotator's "Compared with gold" list (``core/gold_differences.py``
worded in the interface language): a place a line, its words, then what differs: a
span gold does not have or only gold has, an attribute with gold's value beside the
annotator's, a link missing, extra or tied to another span, with the words it ties to."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.core import gold_differences as gd
from annotator.core.schema import Schema
from annotator.ui import shown_names
from annotator.ui.bidi import isolate, isolate_words

MOST_WORDS = 60  # characters of a place's words shown; the rest elided


def _tr(text: str) -> str:
    return QCoreApplication.translate("GoldCompare", text)


def gold_lines(places: list[gd.Place], text: str, schema: Schema) -> list[tuple[str, int | None]]:
    """(line, the annotator's span id or None) for each place."""
    lines = []
    for place in places:
        words = text[place.start:place.end]
        words = words if len(words) <= MOST_WORDS else words[:MOST_WORDS - 1] + "…"
        what = shown_names.listed(_worded(d, schema) for d in place.differences)
        # Isolated, so that the list's right-to-left lines keep an English explanation's order
        lines.append((f"{isolate_words(words)} — {isolate(what)}", place.span_id))
    return lines


def _worded(difference: gd.Difference, schema: Schema) -> str:
    kind, name = difference.kind, difference.name
    if kind == gd.NOT_IN_GOLD:
        return _tr("not in gold")
    if kind == gd.ONLY_IN_GOLD:
        return _tr("only in gold")
    if kind == gd.ATTRIBUTE:
        return _tr("{0}: gold {1}, yours {2}").format(
            shown_names.attribute(schema, name), _value(schema, name, difference.gold),
            _value(schema, name, difference.mine))
    if kind == gd.LINK_MISSING:
        return _tr("{0} link missing: gold ties it to «{1}»").format(
            shown_names.relation(schema, name), isolate(difference.gold))
    if kind == gd.LINK_EXTRA:
        return _tr("{0} link not in gold: yours ties it to «{1}»").format(
            shown_names.relation(schema, name), isolate(difference.mine))
    if kind == gd.LINK_ELSEWHERE:
        return _tr("{0}: gold ties it to «{1}», yours to «{2}»").format(
            shown_names.relation(schema, name), isolate(difference.gold), isolate(difference.mine))
    return shown_names.difference(schema, kind)


def _value(schema: Schema, attribute: str, value) -> str:
    if value is None or value == "":
        return _tr("none")
    return isolate(shown_names.any_value(schema, attribute, value)) if isinstance(value, str) else str(value)
