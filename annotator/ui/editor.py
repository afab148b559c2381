"""What a key or a click in the article means: the editor's actions on one document.

``Editor`` turns keys and clicks into intents of the open document's ``DocumentSession``
(label the selection, delete the selected span, link, set the stance) and pushes the
``Edit`` each returns on the undo stack. It follows the session's change sets like every
other view; it holds the selection and the drawn suggestions, and no annotation.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack

from annotator.core.errors import AnnotatorError
from annotator.core.model import Changes, Relation, Span
from annotator.core.schema import RelationType
from annotator.core.session import DocumentSession, Edit
from annotator.core.store import Project
from annotator.ui import commands, shown_names
from annotator.ui.article_view import ArticleView
from annotator.ui.bidi import isolate
from annotator.ui.boundary_moves import BoundaryMoves
from annotator.ui.editor_keys import EditorKeys
from annotator.ui.hover import hover_text
from annotator.ui.suggestion_layer import SuggestionLayer

FIRST_SCREEN_FROM = 100_000  # code points: a longer article shows its first screen before its spans are all read

if TYPE_CHECKING:
    from collections.abc import Callable

    from annotator.core.suggest import Suggestion


class Editor(QObject):
    changed = Signal(object)        # Changes, after every action, undo and redo
    selection_changed = Signal(object)  # the selected span id or None
    message = Signal(str)           # a sentence for the status bar
    note_wanted = Signal(object)    # M or Shift+M: write a note on this span id (None: the document)
    opened = Signal(object)         # a document's key, once its session is open

    def __init__(self, project: Project, view: ArticleView, layer: str):
        super().__init__(view)
        self.project = project
        self.view = view
        self.layer = layer
        self.document: int | None = None
        self.session: DocumentSession | None = None
        self.selected: int | None = None
        self._linking: RelationType | None = None
        self.link_candidate: int | None = None
        self.label_definition: Callable[[str], str] = lambda label: ""  # from the guidelines (ui/guidelines_panel.py)
        self.saved_at: datetime | None = None
        self.undo_stack = QUndoStack(self)
        self.drawn = SuggestionLayer(view, self._drawn_suggestion_closed)
        self.keys = EditorKeys(self)
        self.boundaries = BoundaryMoves(self)
        view.span_clicked.connect(self.span_clicked)
        view.installEventFilter(self)
        view.describe = self.describe

    # -- documents --------------------------------------------------------------------

    def open(self, document: int) -> None:
        self.document = document
        self.undo_stack.clear()
        self.linking = None
        self.view.links = []
        self.session = None
        text = self.project.text(document)
        first_screen = len(text) >= FIRST_SCREEN_FROM and self.view.isVisible()
        if first_screen:
            self._show_first_screen(document, text)
        self.session = DocumentSession(self.project, document, self.layer)
        spans = list(self.session.spans.values())
        if first_screen:
            self.view.show_spans(spans)
        else:
            self.view.show_document(text, spans)
        self.session.subscribe(self.apply)
        self.drawn.find(self.session)
        self.select(None)
        self.opened.emit(document)

    def _show_first_screen(self, document: int, text: str) -> None:
        """A long article on screen at once, with the spans it shows there, before all its
        spans are read (10,000 of them take longer to read than the text takes to show)."""
        self.view.show_document(text, [])
        shown = self.view.shown_range()
        if shown is not None:
            self.view.show_spans(self.project.spans(document, self.layer, over=shown))
            self.view.paint_now()

    def spans(self) -> list[Span]:
        """This document's spans in reading order."""
        return self.session.in_reading_order() if self.session else []

    def span(self, span_id: int | None) -> Span | None:
        """A span of the open document, or None (a suggestion's drawn span is not one)."""
        return self.session.spans.get(span_id) if self.session and span_id else None

    def span_count(self) -> int:
        """How many spans the annotator made here (the suggestions drawn are not spans)."""
        return len(self.session.spans) if self.session else 0

    def relations(self) -> list[Relation]:
        return list(self.session.relations.values()) if self.session else []

    def links_of(self, span_id: int) -> list[Relation]:
        return self.session.links_of(span_id) if self.session and span_id > 0 else []

    # -- applying changes to the views ------------------------------------------------

    def apply(self, changes: Changes) -> None:
        """Show what one action changed; called after the core has saved it."""
        highlighter = self.view.highlighter
        if changes.document == self.document:
            for span in changes.spans_removed:
                highlighter.remove(span.id)
                if span.id == self.selected:
                    self.select(None)
            for span in changes.spans_added:
                highlighter.add(span)
            for span in changes.spans_changed:
                highlighter.replace(span)
        self.saved_at = datetime.now()
        if changes.document == self.document:
            self.drawn.refresh(changes)
        self.changed.emit(changes)
        if self.selected is not None:
            self._mark_selection()

    def _do(self, intent: Callable[[], Edit | None]) -> Edit | None:
        """Run one intent of the session; push its edit only if the store accepted it."""
        if self.project.read_only:
            self.message.emit(self.tr("This project is open read-only: nothing can be changed here"))
            return None
        try:
            edit = intent()
        except AnnotatorError as error:
            self.message.emit(self.tr("Not done: {0}").format(error))
            return None
        if edit is not None:
            self.undo_stack.push(commands.EditCommand(self.session, edit))
        return edit

    # -- intents --------------------------------------------------------------------------

    def label_selection(self, label: str) -> Span | None:
        """Create a span of ``label`` over the selection, or relabel the selected span."""
        if self.document is None:
            return None
        selection = self.view.selected_range()
        if selection is None:
            if self.view.textCursor().hasSelection():  # the key meant the selected text, not the span
                self.message.emit(self.tr("Not done: the selection holds no whole word to label "
                                          "(hold Alt while selecting for part of a word)"))
                return None
            if self.selected is not None:
                self.relabel(self.selected, label)
            return None
        start, end = selection
        edit = self._do(lambda: self.session.label(start, end, label))
        if edit is None:
            return None
        span = edit.changes.spans_added[0]
        self.view.clear_selection()
        self.select(span.id)
        return span

    def relabel(self, span_id: int, label: str) -> None:
        """Give the span another label; it keeps the attributes the new label also has, and
        the status bar names those it drops."""
        edit = self._do(lambda: self.session.relabel(span_id, label))
        if edit is not None:
            self.message.emit(self._relabelled(label, edit.dropped))

    def _relabelled(self, label: str, dropped: dict[str, str]) -> str:
        schema, label = self.project.schema, self._shown(label)
        dropped = {shown_names.attribute(schema, name): shown_names.any_value(schema, name, value)
                   for name, value in dropped.items()}
        if not dropped:
            return self.tr("Relabelled as {0}").format(label)
        words = ", ".join(self.tr('{0} "{1}"').format(name, isolate(value)) for name, value in dropped.items())
        if len(dropped) == 1:
            return self.tr("Relabelled as {0}; dropped {1} (Ctrl+Z brings it back)").format(label, words)
        return self.tr("Relabelled as {0}; dropped {1} (Ctrl+Z brings them back)").format(label, words)

    def set_attribute(self, span_id: int, name: str, value: str | None) -> None:
        self._do(lambda: self.session.set_attribute(span_id, name, value))

    def set_note(self, span_id: int | None, text: str) -> None:
        """Write, rewrite or (empty) clear this layer's note on a span or (None) the document."""
        if self.session is not None:
            self._do(lambda: self.session.set_note(span_id, text))

    def toggle_document_label(self, name: str, value: str) -> None:
        """Set this layer's ``value`` of the document label ``name``; where it is set already, clear it."""
        if self.session is not None:
            held = self.session.document_labels.get(name)
            chosen = None if held is not None and held.value == value else value
            self._do(lambda: self.session.set_document_label(name, chosen))

    def move_boundaries(self, span_id: int, start: int, end: int) -> Edit | None:
        """Move a span's start and end in place (``boundary_moves.py``): one undoable edit."""
        return self._do(lambda: self.session.resize(span_id, start, end))

    def delete_selected(self) -> None:
        if self.selected is None:
            return
        span_id = self.selected
        self._do(lambda: self.session.delete(span_id))

    def start_link(self, relation: RelationType) -> None:
        span = self._selected_span()
        if span is None or span.label != relation.head:
            self.message.emit(self.tr("Select a {0} first, then press {1} and click its {2}")
                              .format(self._shown(relation.head), relation.key, self._shown(relation.child)))
            return
        self.linking = relation
        self.message.emit(self.tr("{0}: click the {1} to tie this {2} to (Esc cancels)")
                          .format(shown_names.relation(self.project.schema, relation.name),
                                  self._shown(relation.child), self._shown(relation.head)))

    @property
    def linking(self) -> RelationType | None:
        """The relation of the link under way (its prompt is in the status bar), or None."""
        return self._linking

    @linking.setter
    def linking(self, relation: RelationType | None) -> None:
        ended = self._linking is not None and relation is None
        self._linking = relation
        if ended:  # made or cancelled: its prompt would mislead
            self.message.emit("")

    def link(self, head_id: int, child_id: int, relation: RelationType) -> None:
        """Tie a head to its child (a claim to its speaker); the session replaces the head's earlier link of the type."""
        if any((r.head, r.child, r.type) == (head_id, child_id, relation.name) for r in self.relations()):
            self.message.emit(self.tr("Already linked"))
            return
        self._do(lambda: self.session.link(relation.name, head_id, child_id))

    def set_status(self, status: str) -> None:
        if self.session is not None:
            self._do(lambda: self.session.set_status(status))

    # -- suggestions (drawn by suggestion_layer.SuggestionLayer) ---------------------------

    def set_show_suggestions(self, show: bool) -> None:
        self.drawn.show = show
        if self.session is not None:
            self.drawn.find(self.session)

    @property
    def suggestions(self) -> "dict[int, Suggestion]":
        """The open suggestions, by their claim's drawn (negative) span id."""
        return self.drawn.open

    @property
    def finding_suggestions(self) -> bool:
        return self.drawn.finding

    @property
    def suggestions_deferred(self) -> bool:
        return self.drawn.deferred

    def suggestion_drawn_as(self, span_id: int) -> "Suggestion | None":
        """The open suggestion a drawn (negative) span id belongs to, if any."""
        return self.drawn.drawn_as(span_id)

    def accept_suggestion(self, claim_id: int) -> None:
        from annotator.core import suggested

        suggestion, project = self.suggestions[claim_id], self.project
        document, layer = self.document, self.layer
        edit = self._do(lambda: self.session.perform(
            "accept", "suggestion", lambda: suggested.accept(project, document, layer, suggestion),
            lambda c: lambda: suggested.reaccept(project, c), lambda c: lambda: suggested.unaccept(project, c)))
        if edit is not None:
            self.select(edit.changes.spans_added[-1].id)  # the statement (suggested.accept)

    def reject_suggestion(self, claim_id: int) -> None:
        key = self.suggestions[claim_id].key()
        self._do(lambda: self.session.reject_suggestion(key))

    def accept_paragraph(self, claim_id: int) -> None:
        """Accept every open suggestion in the paragraph of this one, once the annotator
        has seen what they are and how many, and said yes."""
        from annotator.ui.paragraph_preview import confirm_paragraph  # on first use (docs/architecture.md, "Layers")

        text = self.view.text
        start = text.rfind("\n", 0, self.suggestions[claim_id].claim[0]) + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        chosen = sorted((s for s in self.suggestions.values() if start <= s.claim[0] < end), key=lambda s: s.claim)
        words = [(text[s.speaker[0]:s.speaker[1]] if s.speaker else None, text[s.claim[0]:s.claim[1]]) for s in chosen]
        if not confirm_paragraph(self.view, words):
            return
        self.undo_stack.beginMacro(self.tr("accept suggestions in paragraph"))
        try:
            for suggestion in chosen:  # each accept closes suggestions it overlaps
                current = next((k for k, s in self.suggestions.items() if s == suggestion), None)
                if current is not None:
                    self.accept_suggestion(current)
        finally:
            self.undo_stack.endMacro()

    def _drawn_suggestion_closed(self, claim_id: int) -> None:
        if self.selected == claim_id:
            self.select(None)

    # -- keys and hover text (editor_keys.py, hover.py) ----------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.view and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            return self.keys.pressed(event)
        return False

    def key_pressed(self, event: QKeyEvent) -> bool:
        return self.keys.pressed(event)

    def describe(self, spans: list[Span]) -> str:
        return hover_text(self, spans)

    def _shown(self, label: str) -> str:
        """A label as the window shows it (its display name in the interface language)."""
        return shown_names.label(self.project.schema, label)

    # -- selection ----------------------------------------------------------------------

    def span_clicked(self, span_id: int | None) -> None:
        if span_id is not None and span_id < 0:
            span_id = self.drawn.claim_of(span_id)
        if self.linking is not None and span_id is not None:
            relation, self.linking = self.linking, None
            target = self.session.span(span_id)
            if target.label != relation.child:
                self.message.emit(self.tr("{0} needs a {1}, not a {2}").format(
                    shown_names.relation(self.project.schema, relation.name), self._shown(relation.child),
                    self._shown(target.label)))
                return
            self.link(self.selected, span_id, relation)
            return
        self.select(span_id)

    def select(self, span_id: int | None) -> None:
        self.selected = span_id
        self._mark_selection()
        self.selection_changed.emit(span_id)

    def _mark_selection(self) -> None:
        if self.selected is not None and self.selected < 0:  # a suggestion: drawn, not held
            spans = self.view.highlighter.spans()
            speaker = self.selected - 1
            pairs = [(spans[self.selected], spans[speaker])] if speaker in spans else []
            self.view.highlighter.set_selected(self.selected, {speaker} if pairs else set())
            self.view.show_links(pairs)
            return
        held = self.session.spans if self.session else {}
        links = self.links_of(self.selected) if self.selected is not None else []
        pairs = [(held[r.head], held[r.child]) for r in links if r.head in held and r.child in held]
        self.view.highlighter.set_selected(self.selected, {s.id for pair in pairs for s in pair} - {self.selected})
        self.view.show_links(pairs)

    def _selected_span(self) -> Span | None:
        return self.span(self.selected)

    def walk(self, step: int) -> None:
        """Select the next (or previous) span or suggestion in reading order, for Tab and Shift+Tab."""
        span = self._neighbor(step)
        if span is None:
            return
        if self.linking is not None:
            self.link_candidate = span.id
            self.view.highlighter.set_selected(self.selected, {span.id})
        else:
            self.select(span.id)
        self.view.select_range(span.start, span.end)
        self.view.clear_selection()

    def _neighbor(self, step: int) -> Span | None:
        """The span or open suggestion (its claim) after (``step`` 1) or before (-1) the
        selected one in reading order, wrapping round; a link under way walks its child
        label's spans only. One pass, not a sort: it runs on a key press, on articles
        with thousands of spans too."""
        def order(span: Span) -> tuple[int, int, int]:
            return (span.start, span.end, span.id)

        held = self.session.spans.values() if self.session else ()
        spans = [s for s in held if self.linking is None or s.label == self.linking.child]
        drawn = self.view.highlighter.spans()
        if self.linking is None:
            spans += [drawn[claim] for claim in self.drawn.open if claim in drawn]
        if not spans:
            return None
        pick = min if step > 0 else max
        current = drawn.get(self.selected) if self.selected is not None and self.selected < 0 else self.span(self.selected)
        if current is not None and current in spans:
            here = order(current)
            beyond = [s for s in spans if (order(s) > here if step > 0 else order(s) < here)]
            if beyond:
                return pick(beyond, key=order)
        return pick(spans, key=order)
