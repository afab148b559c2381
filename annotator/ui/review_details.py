"""What the review window shows of a unit: each version's fields, and what gold holds.

Part of ``ReviewWindow`` (``window.details``): it reads the window's project, text, links
and gold spans, and fills the gold labels and the article's links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from annotator.core.adjudicate import Unit, Version
from annotator.core.model import GOLD_LAYER, Span
from annotator.ui.review_parts import right_to_left, visible

if TYPE_CHECKING:
    from annotator.ui.review_window import ReviewWindow


class ReviewDetails:
    def __init__(self, window: "ReviewWindow"):
        self.window = window

    def label_color(self, label: str) -> str | None:
        for definition in self.window.project.schema.labels:
            if definition.name == label:
                color = QColor(definition.color)
                color.setAlpha(90)
                return f"rgba({color.red()}, {color.green()}, {color.blue()}, 90)"
        return None

    def fields(self, version: Version, differing: set[str]) -> list[tuple[str, str, bool, bool]]:
        span = version.span
        definition = next((d for d in self.window.project.schema.labels if d.name == span.label), None)
        rows = [("words", visible(self.window.text[span.start:span.end]), True, "boundaries" in differing),
                ("label", span.label, False, "label" in differing)]
        names = [a.name for a in definition.attributes] if definition else []
        names += [n for n in span.attrs if n not in names]
        for name in names:
            value = span.attrs.get(name)
            rows.append((name, value or "—", right_to_left(value or ""), bool({"stance", "attributes"} & differing)))
        links = self.window._links.get(span.id, {})
        for relation in self.window.project.schema.relations:
            if relation.head != span.label:
                continue
            child = links.get(relation.name)
            name = "speaker" if relation.name == "SAID_BY" else "target" if relation.name == "ABOUT" else relation.name
            if child is None:
                rows.append((name, "—", False, name in differing))
                continue
            words = visible(self.window.text[child.start:child.end])
            entity = child.attrs.get("entity")
            value = f"{words} ({entity})" if entity and entity != words else words
            rows.append((name, value, right_to_left(value), name in differing))
        rows.append(("chars", f"{span.start}–{span.end}", False, "boundaries" in differing))
        return rows

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
            line = QCoreApplication.translate("ReviewWindow", "Gold: {0}").format(span.label)
            line += "".join(f", {k} {v}" for k, v in span.attrs.items() if k != "entity")
            line += QCoreApplication.translate("ReviewWindow", " — {0} by {1}").format(
                origin.get("decision"), origin.get("decided_by"))
            if origin.get("sources"):
                line += QCoreApplication.translate("ReviewWindow", " from {0}").format(", ".join(origin["sources"]))
            if origin.get("reason"):
                line += QCoreApplication.translate("ReviewWindow", "; reason: {0}").format(origin["reason"])
            lines.append(line)
            words.append(visible(self.window.text[span.start:span.end]))
        if not lines and unit.settled == "gold":
            lines.append(QCoreApplication.translate("ReviewWindow", "Gold: settled by a gold span over these words."))
        self.window.gold_now.setText("\n".join(lines) or QCoreApplication.translate("ReviewWindow", "Gold: nothing yet."))
        self.window.gold_words.setText("\n".join(words))
        self.window.gold_words.setVisible(bool(words))

    def show_gold_links(self, unit: Unit) -> None:
        mine = {s.id for s in self.gold_of(unit)}
        pairs = [(self.window.gold[r.head], self.window.gold[r.child])
                 for r in self.window.project.relations(self.window.document, GOLD_LAYER)
                 if r.head in mine and r.head in self.window.gold and r.child in self.window.gold]
        self.window.article.show_links(pairs)
