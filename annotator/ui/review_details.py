"""What the review window shows of a unit: each version's fields, and what gold holds.

Part of ``ReviewWindow`` (``window.details``): it reads the window's project, text, links
and gold spans, and fills the gold labels and the article's links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from annotator.core.adjudicate import Unit, Version, link_field
from annotator.core.model import Note, Span
from annotator.core.store import notes as note_store
from annotator.ui import shown_names
from annotator.ui.bidi import isolate, isolate_words
from annotator.ui.review_parts import right_to_left, visible

if TYPE_CHECKING:
    from annotator.ui.review_window import ReviewWindow


class ReviewDetails:
    def __init__(self, window: "ReviewWindow"):
        self.window = window
        self._notes: dict[int, Note] = {}
        self._notes_read_with: object = None

    def label_color(self, label: str) -> str | None:
        for definition in self.window.project.schema.labels:
            if definition.name == label:
                color = QColor(definition.color)
                color.setAlpha(90)
                return f"rgba({color.red()}, {color.green()}, {color.blue()}, 90)"
        return None

    def fields(self, version: Version, differing: set[str]) -> list[tuple[str, str, bool, bool]]:
        """A version's rows: its words, label, every attribute and every link its label may
        have (named as ``Unit.differences`` names them), and its characters."""
        span = version.span
        label = shown_names.label(self.window.project.schema, span.label)
        rows = [("words", visible(self.window.text[span.start:span.end]), True, "boundaries" in differing),
                ("label", label, right_to_left(label), "label" in differing)]
        rows += self._attribute_rows(span, differing)
        rows += self._link_rows(span, differing)
        rows += self._note_rows(span)
        rows.append(("chars", f"{span.start}–{span.end}", False, "boundaries" in differing))
        return rows

    def _note_rows(self, span: Span) -> list[tuple[str, str, bool, bool]]:
        """The annotator's note on this version, which a reviewer always may read."""
        if self._notes_read_with is not self.window.versions:  # the layers were read again
            self._notes_read_with = self.window.versions
            self._notes = {note.span: note for note in note_store.notes_of(self.window.project, self.window.document)
                           if note.span is not None}
        note = self._notes.get(span.id)
        return [("note", note.text, right_to_left(note.text), False)] if note else []

    def _attribute_rows(self, span: Span, differing: set[str]) -> list[tuple[str, str, bool, bool]]:
        names = [a.name for a in self.window.project.schema.label(span.label).attributes]
        names += [n for n in span.attrs if n not in names]
        rows = []
        for name in names:
            value = shown_names.value(self.window.project.schema, span.label, name, span.attrs.get(name) or "")
            rows.append((name, value or "—", right_to_left(value), name in differing))
        return rows

    def _link_rows(self, span: Span, differing: set[str]) -> list[tuple[str, str, bool, bool]]:
        schema = self.window.project.schema
        links = self.window._links.get(span.id, {})
        rows = []
        for relation in schema.relations_of(span.label):
            name = link_field(schema, relation)
            child = links.get(relation.name)
            value = self._child_name(child) if child is not None else "—"
            rows.append((name, value, right_to_left(value), name in differing))
        return rows

    def _child_name(self, child: Span) -> str:
        """A linked span's words, and the name it was given where that says something else."""
        words = visible(self.window.text[child.start:child.end])
        named = self.window.project.schema.label(child.label).shown_name(child.attrs, words)
        # The name with its parentheses is one run: wrapped in a right-to-left line, a Latin
        # name split over two lines would read "Russian) ... (sources" from the left.
        return f"{isolate_words(words)} {isolate(f'({named})')}" if named != words else words

    def gold_of(self, unit: Unit) -> list[Span]:
        """The gold spans a decision on this unit made."""
        found = []
        for span in self.window.gold.values():
            if span.start < unit.end and unit.start < span.end:
                origin = self.window.project.provenance(span.id)
                if origin is not None and origin["unit"] == unit.key:
                    found.append(span)
        return found

    def show_gold(self, unit: Unit) -> None:
        """What gold has for this unit: the decision, who made it and why, and the words."""
        if unit.settled == "rejected":
            self.window.gold_now.setText(QCoreApplication.translate("ReviewWindow", "Gold: rejected, no span here."))
            self.window.gold_words.setText("")
            return
        lines, words = [], []
        for span in self.gold_of(unit):
            origin = self.window.project.provenance(span.id) or {}
            line = QCoreApplication.translate("ReviewWindow", "Gold: {0}").format(
                shown_names.label(self.window.project.schema, span.label))
            line += self._gold_attributes(span)
            line += QCoreApplication.translate("ReviewWindow", " — {0} by {1}").format(
                shown_names.review_word(origin.get("decision")), isolate(origin.get("decided_by") or ""))
            if origin.get("sources"):
                sources = ", ".join(map(isolate, origin["sources"]))
                line += QCoreApplication.translate("ReviewWindow", " from {0}").format(sources)
            if origin.get("reason"):
                line += QCoreApplication.translate("ReviewWindow", "; reason: {0}").format(isolate(origin["reason"]))
            lines += [line, *self._gold_links(span)]
            words.append(visible(self.window.text[span.start:span.end]))
        if not lines and unit.settled == "gold":
            lines.append(QCoreApplication.translate("ReviewWindow", "Gold: settled by a gold span over these words."))
        self.window.gold_now.setText("\n".join(lines) or QCoreApplication.translate("ReviewWindow", "Gold: nothing yet."))
        self.window.gold_words.setText("\n".join(words))
        self.window.gold_words.setVisible(bool(words))

    def _gold_links(self, span: Span) -> list[str]:
        """Each gold link from this span, with the words (or name) of the span it ties to."""
        gold, lines = self.window.gold, []
        for relation in self.window.session.links_of(span.id):
            if relation.head == span.id and relation.child in gold:
                # a colon, not an arrow: an arrow points the wrong way in a right-to-left line
                lines.append(f"  {relation.type}: {isolate_words(self._child_name(gold[relation.child]))}")
        return lines

    def _gold_attributes(self, span: Span) -> str:
        """A gold span's attributes but its name, which the gold words below already show."""
        schema = self.window.project.schema
        named = schema.label(span.label).name_attribute
        return "".join(f", {shown_names.attribute(schema, k)} {shown_names.value(schema, span.label, k, v)}"
                       for k, v in span.attrs.items() if named is None or k != named.name)

    def show_gold_links(self, unit: Unit) -> None:
        mine = {s.id for s in self.gold_of(unit)}
        pairs = [(self.window.gold[r.head], self.window.gold[r.child])
                 for r in self.window.session.relations.values()
                 if r.head in mine and r.head in self.window.gold and r.child in self.window.gold]
        self.window.article.show_links(pairs)
