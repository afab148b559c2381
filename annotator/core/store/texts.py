"""The texts of recently used documents, kept for the checks of each edit.

A document's text never changes after import, and every edit checks its offsets against
it: reading it each time would cost a team's server a round trip per action. The texts
last used are kept, up to a total length rather than a number of documents, so that a
reviewer or a script moving among many short articles finds each one kept, and a few
long ones do not hold much memory.

They are forgotten whenever the connection rolls anything back (``Backend.rollbacks``):
an import that did not commit leaves its documents' keys free, and the next import gives
them to other texts (the crash harness found a span checked against the text of a
document whose import had been rolled back, and stored off its letters).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

BUDGET = 4_000_000  # characters: four 1 MB articles, or about a thousand news articles


class DocumentTexts:
    def __init__(self, load: Callable[[int], str], rollbacks: Callable[[], int], budget: int = BUDGET) -> None:
        self._load = load
        self._rollbacks = rollbacks
        self._seen_rollbacks = rollbacks()
        self._budget = budget
        self._texts: OrderedDict[int, str] = OrderedDict()
        self._held = 0

    def __call__(self, key: int) -> str:
        if self._rollbacks() != self._seen_rollbacks:
            self.cache_clear()
            self._seen_rollbacks = self._rollbacks()
        text = self._texts.get(key)
        if text is not None:
            self._texts.move_to_end(key)
            return text
        text = self._load(key)
        self._texts[key] = text
        self._held += len(text)
        while self._held > self._budget and len(self._texts) > 1:
            self._held -= len(self._texts.popitem(last=False)[1])
        return text

    def cache_clear(self) -> None:
        self._texts.clear()
        self._held = 0
