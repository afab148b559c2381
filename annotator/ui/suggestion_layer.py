"""The suggestions drawn over the article: found from the text, drawn as spans with
negative ids, and kept open or closed as the document session's change sets arrive.

Suggestion ``i`` of a document is drawn as pseudo spans: ``-(2i + 1)`` its claim,
``-(2i + 2)`` its speaker, labelled as the project's schema gives suggestions
(``Schema.suggestions``; a schema without them gets none). It is open (drawn) unless
this layer rejected it (the session's ``rejected``) or a span of the statement's label
overlaps its claim. After an edit
only the suggestions under the spans it changed, and those rejected or taken back, are
looked at again, and only those whose state changed are redrawn: a long article has
thousands, and redrawing them all on every edit would make an edit cost more the longer
the article.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from shiboken6 import isValid

from annotator.core.model import Changes, Span
from annotator.core.session import DocumentSession
from annotator.ui.article_view import ArticleView

if TYPE_CHECKING:
    from annotator.core.suggest import Suggestion

LONG_ARTICLE = 100_000  # code points; a longer article gets its suggestions a step at a time


class SuggestionLayer(QObject):
    def __init__(self, view: ArticleView, closed: Callable[[int], None]):
        super().__init__(view)
        self.view = view
        self.closed = closed              # told the claim id of a drawn suggestion that closed
        self.show = True
        self.session: DocumentSession | None = None
        self.open: dict[int, Suggestion] = {}   # the open ones, by their claim's pseudo span id
        self.finding = False              # a long article's are still being found
        self.deferred = False             # they wait for the article's first frame
        self._reset()
        self._request = 0                 # the latest request for suggestions

    def _reset(self) -> None:
        self._claim_of: dict[int, int] = {}   # any pseudo span id -> its claim's pseudo id
        self._found: list[Suggestion] = []    # this document's, by claim start
        self._keys: list[str] = []            # Suggestion.key() of each
        self._index_of: dict[str, int] = {}   # and back
        self._starts: list[int] = []          # claim start of each
        self._longest = 0                     # the longest claim
        self._rejected: set[str] = set()      # as of the last look

    # -- reading ----------------------------------------------------------------------------

    def drawn_as(self, span_id: int) -> Suggestion | None:
        """The open suggestion a drawn (negative) span id belongs to, if any."""
        return self.open.get(self._claim_of.get(span_id, 0))

    def claim_of(self, span_id: int) -> int | None:
        """The claim's pseudo id of the suggestion drawn as ``span_id``."""
        return self._claim_of.get(span_id)

    def drawn_ids(self) -> set[int]:
        return set(self._claim_of)

    # -- finding ----------------------------------------------------------------------------

    def find(self, session: DocumentSession) -> None:
        """The session's document's suggestions, in place of the old ones. An article of
        usual length gets them all at once; a long one the first step's at once (the top
        of the article, on screen) and the rest a step at a time from the event loop, so
        that it shows, and can be annotated, while they are found.

        A document opened before the article is first painted (a window's first) gets
        them from the event loop right after that first frame: finding them imports the
        suggester, the search fold table and pyarabic, and the window shows sooner
        without waiting for those (docs/architecture.md, "Layers")."""
        self.session = session
        self._request += 1
        self.finding = self.deferred = False
        self.view.highlighter.remove_many(list(self._claim_of), self.view.visible_blocks())
        self.open = {}
        self._reset()
        if not self.show or session.project.schema.suggestions is None:
            return
        request = self._request
        self.deferred = not self.view.painted
        if self.deferred:
            self.finding = True
            self.view.after_first_frame(lambda: request == self._request and self._suggest(request))
            return
        self._suggest(request)

    def _suggest(self, request: int) -> None:
        from annotator.core.suggest import suggest_in_steps  # on first use (docs/architecture.md, "Layers")

        self.deferred = False
        text = self.session.text
        steps = suggest_in_steps(text)
        if len(text) <= LONG_ARTICLE:
            self._add_found([suggestion for step in steps for suggestion in step])
            self.finding = False
            return
        self._add_found(next(steps, []))

        def next_step() -> None:
            if not isValid(self) or request != self._request:
                return  # the window was closed, or another document opened, meanwhile
            step = next(steps, None)
            self.finding = step is not None
            if step is not None:
                self._add_found(step)
                QTimer.singleShot(0, next_step)

        self.finding = True
        QTimer.singleShot(0, next_step)

    def _add_found(self, found: list[Suggestion]) -> None:
        """More suggestions, later in the text than those already found; draw the open
        ones all at once (``add_many``: one repaint each takes seconds on a long article)."""
        first = len(self._found)
        self._found.extend(found)
        for index, suggestion in enumerate(found, first):
            key = suggestion.key()
            self._keys.append(key)
            self._index_of[key] = index
            self._starts.append(suggestion.claim[0])
            self._longest = max(self._longest, suggestion.claim[1] - suggestion.claim[0])
        self._rejected = set(self.session.rejected)
        opened = [index for index in range(first, len(self._found))
                  if self._keys[index] not in self._rejected and not self._claimed(self._found[index].claim)]
        self.view.highlighter.add_many([span for index in opened for span in self._mark_open(index)],
                                       self.view.visible_blocks())

    # -- following the session --------------------------------------------------------------

    def refresh(self, changes: Changes) -> None:
        """Draw the suggestions that ``changes`` opened and remove those it closed."""
        if self.session is None or not self._found:
            return
        rejected = self.session.rejected
        changed = {self._index_of[key] for key in rejected ^ self._rejected if key in self._index_of}
        for index in sorted(self._under(changes) | changed):
            shown = -(2 * index + 1) in self.open
            open_now = self._keys[index] not in rejected and not self._claimed(self._found[index].claim)
            if shown and not open_now:
                self._hide(index)
            elif open_now and not shown:
                for span in self._mark_open(index):
                    self.view.highlighter.add(span)
        self._rejected = set(rejected)

    def _under(self, changes: Changes) -> set[int]:
        """The suggestions whose claim overlaps a span the action added, removed or changed."""
        found = set()
        for span in (*changes.spans_added, *changes.spans_removed, *changes.spans_changed):
            low = bisect_left(self._starts, span.start - self._longest)
            high = bisect_left(self._starts, span.end)
            found.update(i for i in range(low, high) if self._found[i].claim[1] > span.start)
        return found

    def _claimed(self, claim: tuple[int, int]) -> bool:
        statement = self.session.project.schema.suggestions.statement
        return any(span.id > 0 and span.label == statement for span in self.view.highlighter.spans_over(*claim))

    def _mark_open(self, index: int) -> list[Span]:
        """Count suggestion ``index`` as open; the pseudo spans to draw for it."""
        suggestion, session = self._found[index], self.session
        labels = session.project.schema.suggestions
        claim_id, speaker_id = -(2 * index + 1), -(2 * index + 2)
        self.open[claim_id] = suggestion
        self._claim_of[claim_id] = claim_id
        pseudo = [Span(claim_id, session.document, session.layer, *suggestion.claim, labels.statement)]
        if suggestion.speaker is not None:
            self._claim_of[speaker_id] = claim_id
            pseudo.append(Span(speaker_id, session.document, session.layer, *suggestion.speaker, labels.source))
        return pseudo

    def _hide(self, index: int) -> None:
        claim_id, speaker_id = -(2 * index + 1), -(2 * index + 2)
        self.open.pop(claim_id, None)
        for pseudo in (claim_id, speaker_id):
            if self._claim_of.pop(pseudo, None) is not None:
                self.view.highlighter.remove(pseudo)
        self.closed(claim_id)
