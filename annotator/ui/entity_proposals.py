"""The entity the details panel proposes for a selected span whose free-text attribute
is empty: the one the same words were given elsewhere in the project (a SPEAKER «وزارة
الدفاع الروسية» named "Russian MoD" in another article). Read from the file once, when
first needed, then kept up to date from the window's own change sets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.model import Changes, Span
from annotator.ui.annotation_panel import free_text_attributes

if TYPE_CHECKING:
    from annotator.core.entities import EntityIndex
    from annotator.core.store import Project


class EntityProposals:
    def __init__(self, project: "Project"):
        self.project = project
        self._attributes = free_text_attributes(project.schema)  # name -> the labels that have it
        self._indexes: dict[str, EntityIndex] | None = None

    def for_span(self, span: Span | None, text: str) -> dict[str, str]:
        """Each empty free-text attribute of ``span`` with the value its words were given elsewhere."""
        if span is None:
            return {}
        empty = [name for name, labels in self._attributes.items() if span.label in labels and not span.attrs.get(name)]
        if not empty:
            return {}
        indexes = self._read()
        words = text[span.start:span.end]
        found = {name: indexes[name].entity_for(words) for name in empty}
        return {name: value for name, value in found.items() if value}

    def learn(self, changes: Changes, text: str) -> None:
        """The values an action wrote, on the words of the open document's ``text``."""
        if self._indexes is None:
            return
        for span in (*changes.spans_added, *changes.spans_changed):
            for name, labels in self._attributes.items():
                if span.label in labels and span.attrs.get(name):
                    self._indexes[name].learn(text[span.start:span.end], span.attrs[name])

    def forget(self) -> None:
        """Read the names from the file again when next needed: an action changed names
        in documents other than the open one (a merge or rename of an entity)."""
        self._indexes = None

    def _read(self) -> "dict[str, EntityIndex]":
        if self._indexes is None:
            # on first use (docs/architecture.md, "Layers"): the index folds with core.search
            from annotator.core.entities import EntityIndex
            from annotator.core.store.entities import named_words

            self._indexes = {name: EntityIndex(named_words(self.project, labels, name))
                             for name, labels in self._attributes.items()}
        return self._indexes
