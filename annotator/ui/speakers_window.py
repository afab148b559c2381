"""Review → Speakers… (Ctrl+Shift+K): the speaker registry (``core/speakers.py``) in a window
of its own. Each entity is a row with its mentions, documents, layers, the words that
mention it and its id; its mentions are the rows under it, and opening one (Enter or a
double click) opens its document in the main window with the words selected and in
view. The filter box folds as search does (harakat, hamza forms, tatweel). Merge (two
entities selected) and Rename are each one core call; the window's Undo and Redo
(Ctrl+Z, Ctrl+Shift+Z here) take them back and forth, and the main window's open
document follows. A refused action is answered under the list, never by a dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core import speakers
from annotator.core.errors import AnnotatorError
from annotator.core.model import Changes
from annotator.core.search import entity_key
from annotator.core.store.speakers import Mention
from annotator.ui.bidi import isolate, isolate_words
from annotator.ui.tooltips import plain_tooltip

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

translate = QCoreApplication.translate  # outside a QObject; lupdate reads translate("Context", "text")
ITEM_ROLE = Qt.ItemDataRole.UserRole  # a Speaker on an entity's row, a Mention on a mention's


class SpeakersWindow(QWidget):
    def __init__(self, window: "MainWindow"):
        super().__init__(window, Qt.WindowType.Window)
        self.main = window
        self.project = window.project
        self.undo_stack = QUndoStack(self)
        self.speakers: list[speakers.Speaker] = []
        self._folded: dict[str, str] = {}  # entity id -> its names and words, folded
        self.setWindowTitle(self.tr("Speakers"))
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filter by a name or the words of a mention"))
        self.filter.textChanged.connect(self._show)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Entity"), self.tr("Mentions"), self.tr("Documents"), self.tr("Layers"),
                                   self.tr("Words"), self.tr("Id")])
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemExpanded.connect(self._expanded)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self._lay_out()
        self.refresh()
        self.resize(1000, 600)

    def _lay_out(self) -> None:
        self.merge_button = QPushButton(self.tr("Merge the two selected"))
        self.merge_button.clicked.connect(self.merge_selected)
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.rename_button.clicked.connect(self.rename_selected)
        self.open_button = QPushButton(self.tr("Open mention"))
        self.open_button.clicked.connect(lambda: self.open_mention(self._chosen_mention()))
        buttons = QHBoxLayout()
        for button in (self.merge_button, self.rename_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        stack = self.undo_stack
        for text, keys, act, can in ((self.tr("Undo"), "Ctrl+Z", stack.undo, stack.canUndoChanged),
                                     (self.tr("Redo"), "Ctrl+Shift+Z", stack.redo, stack.canRedoChanged)):
            button = QPushButton(text)
            button.clicked.connect(act)
            button.setEnabled(False)
            can.connect(button.setEnabled)  # a slot of the button: gone with it, unlike a lambda
            QShortcut(QKeySequence(keys), self, act, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.addWidget(self.filter)
        column.addWidget(self.tree, 1)
        column.addLayout(buttons)
        column.addWidget(self.message)
        self._selection_changed()

    # -- showing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the registry again and show it under the filter."""
        self.speakers = speakers.registry(self.project)
        self._folded = {speaker.id: _folded_names(speaker) for speaker in self.speakers}
        self._show()

    def _show(self) -> None:
        wanted = entity_key(self.filter.text())
        self.tree.clear()
        shown = [speaker for speaker in self.speakers
                 if not wanted or wanted in self._folded[speaker.id] or wanted in speaker.id.casefold()]
        for speaker in shown:
            self.tree.addTopLevelItem(self._entity_item(speaker))
        self._fit_columns()
        self.message.setText(self.tr("Entities: {0} of {1}").format(len(shown), len(self.speakers)))

    def _fit_columns(self) -> None:
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)

    def _entity_item(self, speaker: speakers.Speaker) -> QTreeWidgetItem:
        layers = ", ".join(f"{isolate(name)} {count}" for name, count in speaker.layers.items())
        words = "، ".join(f"{isolate_words(variant)} ({count})" for variant, count in speaker.variants)
        item = QTreeWidgetItem([isolate_words(speaker.name), str(speaker.count), str(len(speaker.documents)),
                                layers, words, speaker.id])
        item.setData(0, ITEM_ROLE, speaker)
        item.setToolTip(0, plain_tooltip("، ".join(isolate_words(name) for name, _ in speaker.names)))
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)  # read when opened
        return item

    def _expanded(self, item: QTreeWidgetItem) -> None:
        if item.parent() is None and not item.childCount():
            for mention in speakers.mentions_of(self.project, item.data(0, ITEM_ROLE)):
                child = QTreeWidgetItem([isolate_words(mention.words), "", isolate(mention.document_id),
                                         isolate(mention.layer), "", ""])
                child.setData(0, ITEM_ROLE, mention)
                child.setToolTip(0, plain_tooltip(isolate_words(mention.value)))  # the name this mention was given
                item.addChild(child)
        self._fit_columns()

    def _selected_speakers(self) -> list[speakers.Speaker]:
        found: dict[str, speakers.Speaker] = {}
        for item in self.tree.selectedItems():
            entity = item if item.parent() is None else item.parent()
            speaker = entity.data(0, ITEM_ROLE)
            found[speaker.id] = speaker
        return list(found.values())

    def _chosen_mention(self) -> Mention | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        found = item.data(0, ITEM_ROLE)
        return found if isinstance(found, Mention) else speakers.mentions_of(self.project, found)[0]

    def _selection_changed(self) -> None:
        chosen = self._selected_speakers()
        self.merge_button.setEnabled(len(chosen) == 2)
        self.rename_button.setEnabled(len(chosen) == 1)
        self.open_button.setEnabled(self.tree.currentItem() is not None)

    def _activated(self, item: QTreeWidgetItem) -> None:
        found = item.data(0, ITEM_ROLE)
        if isinstance(found, Mention):
            self.open_mention(found)
        else:
            item.setExpanded(not item.isExpanded())

    # -- acting -----------------------------------------------------------------------------

    def open_mention(self, mention: Mention | None) -> None:
        """Open the mention's document in the main window, its words selected and in view;
        a span of the window's own layer is selected as a span too (its details beside)."""
        if mention is None:
            return
        self.main.show_words(mention.document_id, mention.start, mention.end, mention.layer, mention.span)

    def merge_selected(self) -> None:
        chosen = self._selected_speakers()
        if len(chosen) != 2:
            self.message.setText(self.tr("Select two entities to merge"))
            return
        kept = self.ask_kept(*chosen)
        if kept is not None:
            absorbed = chosen[1] if kept is chosen[0] else chosen[0]
            self.merge(kept.id, absorbed.id)

    def ask_kept(self, first: speakers.Speaker, second: speakers.Speaker) -> speakers.Speaker | None:
        """Which of two entities keeps its name and id (the more mentioned is offered first)."""
        from PySide6.QtWidgets import QMessageBox  # on first use (docs/architecture.md, "Layers")

        first, second = sorted((first, second), key=lambda speaker: -speaker.count)
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Merge two entities"))
        box.setText(self.tr("Which name do both keep? The other's mentions take it and its id, "
                            "in every layer, gold included."))
        keep_first = box.addButton(self.tr("Keep {0} ({1})").format(isolate_words(first.name), first.count),
                                   QMessageBox.ButtonRole.AcceptRole)
        keep_second = box.addButton(self.tr("Keep {0} ({1})").format(isolate_words(second.name), second.count),
                                    QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return {keep_first: first, keep_second: second}.get(box.clickedButton())

    def merge(self, keep: str, absorb: str) -> bool:
        """One core call; the edit goes on the window's undo stack."""
        return self._do(lambda: speakers.merge(self.project, keep, absorb))

    def rename_selected(self) -> None:
        chosen = self._selected_speakers()
        if len(chosen) != 1:
            self.message.setText(self.tr("Select one entity to rename"))
            return
        from PySide6.QtWidgets import QInputDialog  # on first use (docs/architecture.md, "Layers")

        new, given = QInputDialog.getText(self, self.tr("Rename an entity"),
                                          self.tr("The new name of every mention, in every layer:"),
                                          text=chosen[0].name)
        if given:
            self.rename(chosen[0].id, new)

    def rename(self, entity: str, new_name: str) -> bool:
        """One core call; a name another entity has offers to merge the two instead."""
        try:
            return self._do(lambda: speakers.rename(self.project, entity, new_name), passing=True)
        except speakers.EntityNameTaken as taken:
            if self.ask_merge_instead(taken):
                return self.merge(taken.holder.id, taken.renamed.id)
            self.message.setText(str(taken))
            return False

    def ask_merge_instead(self, taken: speakers.EntityNameTaken) -> bool:
        from PySide6.QtWidgets import QMessageBox  # on first use (docs/architecture.md, "Layers")

        answer = QMessageBox.question(
            self, self.tr("Merge two entities"),
            self.tr("{0} is already the name of another entity ({1} mention(s)). Merge {2} into it?").format(
                isolate_words(taken.holder.name), taken.holder.count, isolate_words(taken.renamed.name)))
        return answer == QMessageBox.StandardButton.Yes

    def _do(self, action, passing: bool = False) -> bool:
        try:
            edit = action()
        except speakers.EntityNameTaken:
            if passing:
                raise
            return False
        except AnnotatorError as error:
            self.message.setText(str(error))
            return False
        self.undo_stack.push(_EntityCommand(self, edit))
        self.changed(edit.changes)
        return True

    def changed(self, changes: list[Changes]) -> None:
        """Show the registry again and let the main window's open document, the names its
        entity box proposes and an open review of a document changed follow."""
        self.refresh()
        self.main.entity_proposals.forget()
        review = self.main.review
        if review is not None and review.isVisible() and review.document in {c.document for c in changes}:
            review.reload()  # the units again, from the layers and gold as they now are
        editor = self.main.editor
        for change in changes:
            if change.document != editor.document or editor.session is None:
                continue
            own = tuple(span for span in change.spans_changed if span.layer == editor.layer)
            if own:
                editor.session.publish(Changes(document=change.document, spans_changed=own))
            self.main.gold_changed(change)


class _EntityCommand(QUndoCommand):
    """A merge or rename, done before it was pushed: the first redo is skipped."""

    def __init__(self, window: SpeakersWindow, edit: speakers.EntityEdit):
        words = {"merge": translate("SpeakersWindow", "merge into {0}"),
                 "rename": translate("SpeakersWindow", "rename to {0}")}[edit.kind]
        super().__init__(words.format(isolate_words(edit.subject)))
        self._window, self._edit = window, edit
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        try:
            self._edit = self._edit.redo(self._window.project)
        except AnnotatorError as error:  # the disk refused it: said under the list
            self._window.message.setText(str(error))
            return
        self._window.changed(self._edit.changes)

    def undo(self) -> None:
        try:
            changes = self._edit.undo(self._window.project)
        except AnnotatorError as error:
            self._window.message.setText(str(error))
            return
        self._window.changed(changes)


def _folded_names(speaker: speakers.Speaker) -> str:
    """Its names and the words that mention it, folded, one per line: what the filter looks in."""
    return "\n".join(entity_key(name) for name, _ in (*speaker.names, *speaker.variants))


def open_speakers_window(window: "MainWindow") -> SpeakersWindow:
    """The main window's speakers window (made on first use, closed with it), in front, read anew."""
    found = window.findChild(SpeakersWindow)
    if found is None:
        found = SpeakersWindow(window)
    else:
        found.refresh()
    found.show()
    found.raise_()
    found.activateWindow()
    found.filter.setFocus()
    return found
