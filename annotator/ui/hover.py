"""Hover text over the article: each span's label, attributes and links, and what a drawn
suggestion is and how to take it. Shown as plain text (``tooltips.plain_tooltip``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from annotator.core.model import Span
from annotator.ui import shown_names
from annotator.ui.bidi import isolate, isolate_words

if TYPE_CHECKING:
    from annotator.ui.editor import Editor

translate = QCoreApplication.translate  # outside a QObject; lupdate reads translate("Context", "text")


def hover_text(editor: "Editor", spans: list[Span]) -> str:
    """Hover text: each span's label, attributes, and who said a claim."""
    lines, schema = [], editor.project.schema
    real = [s for s in spans if s.id > 0]
    for span in real or spans:
        if span.id < 0:
            suggestion = editor.suggestion_drawn_as(span.id)
            if suggestion is not None:
                lines.append(translate("Editor", "suggested {0} ({1}, confidence {2}) · Enter accepts, Backspace rejects")
                             .format(shown_names.label(schema, span.label), shown_names.rule(suggestion.rule),
                                     f"{suggestion.confidence:.2f}"))
            continue
        parts = [shown_names.label(schema, span.label)] + [
            f"{shown_names.attribute(schema, k)}: {isolate(shown_names.value(schema, span.label, k, v))}"
            for k, v in span.attrs.items()]
        for relation in editor.links_of(span.id):
            if relation.head == span.id:
                other = editor.span(relation.child)
                if other:
                    words = isolate_words(editor.view.text[other.start:other.end])
                    parts.append(f"{shown_names.relation(schema, relation.type)}: {words}")
        lines.append(" · ".join(parts))
        definition = editor.label_definition(span.label)
        if definition:
            lines.append(definition)
    return "\n".join(lines)

