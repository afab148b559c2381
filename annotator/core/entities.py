"""Which entity a name was given elsewhere: the words of spans that have an entity,
keyed as search keys entities (``search.entity_key``: folded, spaces collapsed), so
وزارة الدفاع and وزاره  الدفاع find the entity either was given. When one name was
given several, the most frequent wins (ties: the first in alphabetical order)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from annotator.core.search import entity_key


class EntityIndex:
    def __init__(self, named: Iterable[tuple[str, str, int]] = ()):
        self._given: dict[str, Counter[str]] = {}
        for words, value, count in named:
            self.learn(words, value, count)

    def learn(self, words: str, value: str, count: int = 1) -> None:
        """``words`` were given entity ``value`` (``count`` times)."""
        key = entity_key(words)
        if key and value:
            self._given.setdefault(key, Counter())[value] += count

    def entity_for(self, words: str) -> str | None:
        """The entity most often given to these words, or None."""
        given = self._given.get(entity_key(words))
        if not given:
            return None
        return min(given, key=lambda value: (-given[value], value))
