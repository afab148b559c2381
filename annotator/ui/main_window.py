"""The annotator's window: documents, the article, and beside it the linked spans and the details.

``MainWindow(project_path, annotator="name")`` is also the scripting surface for tests:
``open_document(doc_id)``, ``article.select_range(start, end)``, then key presses on the
focused article, exactly as a person would.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError, Remedy
from annotator.core.model import GOLD_LAYER, Changes
from annotator.core.store import Project
from annotator.core.store.backup import backup_folder
from annotator.core.store.backup import restore as restore_file
from annotator.core.store.project_file import network_warning
from annotator.ui import dialogs, my_queue, shown_names
from annotator.ui.active_time import ActiveTimeWatch
from annotator.ui.actions import add_action
from annotator.ui.annotation_panel import AnnotationPanel, free_text_attributes
from annotator.ui.notes_box import others_visible
from annotator.ui.app import application, load_arabic_font
from annotator.ui.article_view import ArticleView
from annotator.ui.bidi import isolate, isolate_words
from annotator.ui.checkout_actions import install as install_checkout
from annotator.ui.document_list import DocumentList
from annotator.ui.document_label_bar import DocumentLabelBar
from annotator.ui.editor import Editor
from annotator.ui.empty_hint import EmptyHint
from annotator.ui.entity_proposals import EntityProposals
from annotator.ui.focus_return import hand_back_keyboard
from annotator.ui.guidelines_panel import install as install_guidelines
from annotator.ui.live import LiveProject
from annotator.ui.team_open import install as install_team_open
from annotator.ui.team_open import review_refused
from annotator.ui.search_bar import SearchBar
from annotator.ui.settings import app_settings, last_document_key, store_if_changed

if TYPE_CHECKING:
    from annotator.ui.transfer import ExportDialog


class MainWindow(QMainWindow):
    def __init__(self, project_path: str | Path, annotator: str | None = None, read_only: bool = False):
        application()
        super().__init__()
        self.project = Project.open(project_path, writer=not read_only, read_only=read_only)
        self.project_path = self.project.path  # a file's Path, or a team server's address
        self.review = None
        self.dashboard = None
        self._known: dict[str, set[str]] = {}  # free-text attribute -> the values its box offers
        self._gold = None  # the open document's gold, as review compares it (gold_differences.LayerSide)
        self.settings = app_settings()
        self.annotator = annotator or str(self.settings.value("annotator", "")) or "annotator"
        self.setWindowTitle((self.tr("Annotator: {0} (read-only)") if read_only else self.tr("Annotator: {0}"))
                            .format(self.project_path.name))

        self.article = ArticleView(load_arabic_font(), self.project.schema)
        self.article.set_point_size(int(self.settings.value("zoom", 16)))
        self.article.zoom_changed.connect(lambda size: self.settings.setValue("zoom", size))
        self.editor = Editor(self.project, self.article, self.annotator)
        self.active_time = ActiveTimeWatch(self, self.editor, self.project)
        self.empty_hint = EmptyHint(self.editor)
        self.search = SearchBar(self.article)
        self.search.hide()
        self.document_labels = DocumentLabelBar(self.editor)
        self.documents = DocumentList(self.project, self.annotator)
        self.panel = AnnotationPanel(self.project.schema)
        self.entity_proposals = EntityProposals(self.project)
        self._suggestion_prompt = ""  # the status bar's words on the selected suggestion
        self._lay_out()
        self._make_actions()
        self._make_status_bar()

        self.documents.document_chosen.connect(self._document_chosen)
        self.editor.changed.connect(self._changed)
        self.editor.selection_changed.connect(self._selection_changed)
        self.editor.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.panel.span_chosen.connect(self._span_chosen_in_panel)
        self.panel.attribute_edited.connect(self.editor.set_attribute)
        self.panel.notes.note_edited.connect(self.editor.set_note)
        self.editor.note_wanted.connect(self.panel.notes.focus_note)
        for area in (self.panel, self.documents):
            hand_back_keyboard(area, self.article)
        self.resize(1400, 850)
        self._restore_layout()
        self._open_first_document()
        warning = network_warning(self.project_path) if isinstance(self.project_path, Path) else None
        if warning:
            self.statusBar().showMessage(warning)
        self.live = LiveProject(self, self.project)
        self.live.changed.connect(self._others_changed)
        self.live.offline.connect(self.statusBar().showMessage)
        self.live.online.connect(self.statusBar().clearMessage)

    def _others_changed(self) -> None:
        """Someone else committed: the list and an open dashboard show it, the open document stays."""
        self.documents.refresh()
        if self.editor.document is not None:
            self.documents.select_quietly(self.editor.document)
        if self.dashboard is not None and self.dashboard.isVisible():
            self.dashboard.refresh()

    # -- building -------------------------------------------------------------------------

    def _lay_out(self) -> None:
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.document_labels)
        column.addWidget(self.article)
        splitter = QSplitter()
        for widget in (self.documents, middle, self.panel):
            splitter.addWidget(widget)
        splitter.setSizes([300, 750, 350])
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.splitter = splitter

    def _restore_layout(self) -> None:
        """The window's size, place and pane widths as the annotator left them."""
        geometry, panes = self.settings.value("window/geometry"), self.settings.value("window/panes")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if panes is not None:
            self.splitter.restoreState(panes)

    def _action(self, menu, text: str, shortcut, slot, checkable: bool = False) -> QAction:
        return add_action(self, menu, text, shortcut, slot, checkable)

    def _make_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        install_team_open(self, file_menu)
        self._action(file_menu, self.tr("Import articles or annotations…"), QKeySequence("Ctrl+I"),
                     lambda: self.import_annotations())
        self._action(file_menu, self.tr("Export…"), QKeySequence("Ctrl+E"), self.export)
        self._action(file_menu, self.tr("Back up now"), None, self.back_up)
        self._action(file_menu, self.tr("Restore a backup…"), None, self.restore_backup)
        self._action(file_menu, self.tr("Change annotator…"), None, self.ask_annotator)
        self._action(file_menu, self.tr("Settings…"), QKeySequence.StandardKey.Preferences, self.open_settings)
        self._action(file_menu, self.tr("Quit"), QKeySequence.StandardKey.Quit, self.close)
        edit = bar.addMenu(self.tr("&Edit"))
        undo = self.editor.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = self.editor.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (undo, redo):
            edit.addAction(action)
            self.addAction(action)
        self._action(edit, self.tr("Find in article"), QKeySequence("Ctrl+F"), self.search.open_bar)
        self._action(edit, self.tr("Search the corpus…"), QKeySequence("Ctrl+Shift+F"), self.open_find)
        view = bar.addMenu(self.tr("&View"))
        self._action(view, self.tr("Zoom in"), [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")],
                     lambda: self.article.zoom_by(1))
        self._action(view, self.tr("Zoom out"), QKeySequence("Ctrl+-"), lambda: self.article.zoom_by(-1))
        self.invisibles = self._action(view, self.tr("Show invisible characters"), QKeySequence("Ctrl+Shift+I"),
                                       self.article.set_show_invisibles, checkable=True)
        self.suggestions_action = self._action(view, self.tr("Show suggestions"), QKeySequence("Ctrl+Shift+G"),
                                               self.editor.set_show_suggestions, checkable=True)
        self.suggestions_action.setChecked(True)
        self.guidelines = install_guidelines(self, file_menu, view)
        install_checkout(self, file_menu)
        document = bar.addMenu(self.tr("&Document"))
        self._action(document, self.tr("Mark done and go to next unfinished"),
                     [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")], self.done_and_next)
        self._action(document, self.tr("Next unfinished"), QKeySequence("Ctrl+N"), self.next_unfinished)
        self._action(document, self.tr("Mark in progress"), None, lambda: self.editor.set_status("in_progress"))
        self._action(document, self.tr("Note on this document (Shift+M)"), None, lambda: self.panel.notes.focus_note(None))
        review = bar.addMenu(self.tr("&Review"))
        self._action(review, self.tr("Review and adjudicate…"), QKeySequence("Ctrl+R"), self.open_review)
        self._action(review, self.tr("Agreement dashboard…"), QKeySequence("Ctrl+D"), self.open_dashboard)
        self._action(review, self.tr("Speakers…"), QKeySequence("Ctrl+Shift+K"), self.open_speakers)
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("Keyboard shortcuts"), QKeySequence("F1"),
                     self.show_shortcuts)
        self._action(help_menu, self.tr("About Annotator"), None, self.show_about)

    def _make_status_bar(self) -> None:
        self.who = QLabel()
        self.progress = QLabel()
        self.counts = QLabel()
        self.saved = QLabel(self.tr("all saved"))
        for label in (self.who, self.progress, self.counts, self.saved):
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.statusBar().addPermanentWidget(label)
        self._update_status()

    # -- documents --------------------------------------------------------------------------

    def _open_first_document(self) -> None:
        remembered = self.settings.value(self._last_document_key())
        document = self.project.document_by_id(str(remembered)) if remembered else None
        key = my_queue.first_document(self.project, self.annotator, document.key if document else None)
        if key is not None:
            self.documents.select_key(key)
            if self.editor.document != key:
                self._document_chosen(key)

    def _last_document_key(self) -> str:
        return last_document_key(self.project_path)

    def open_document(self, doc_id: str) -> None:
        """Open a document by the id it has in the JSONL export."""
        document = self.project.document_by_id(doc_id)
        if document is None:
            raise KeyError(doc_id)
        self.documents.select_key(document.key)
        if self.editor.document != document.key:
            self._document_chosen(document.key)

    def show_words(self, doc_id: str, start: int | None = None, end: int | None = None, layer: str | None = None,
                   span: int | None = None) -> None:
        """Open a document, brought to the front, with the words ``start``-``end`` (if given)
        selected and in view (a search hit, a speaker's mention); a span of this window's
        own layer is selected as a span too, its details beside."""
        self.open_document(doc_id)
        if self.editor.document != self.project.document_by_id(doc_id).key:
            return  # refused: only assigned documents may be opened, and the status bar says so
        if start is not None and end is not None:
            self.article.select_range(start, end)
        if span is not None and layer == self.editor.layer and self.editor.span(span) is not None:
            self.editor.select(span)
        self.raise_()
        self.activateWindow()
        self.article.setFocus()

    def _document_chosen(self, key: int) -> None:
        refused = my_queue.refusal(self.project, self.annotator, key)
        if refused is not None:
            self.statusBar().showMessage(refused, 10000)
            if self.editor.document is not None:  # after the click that chose the row has selected it
                QTimer.singleShot(0, lambda open_key=self.editor.document: self.documents.select_quietly(open_key))
            return
        self.editor.open(key)
        store_if_changed(self.settings, self._last_document_key(), self.project.document(key).id)
        if self.search.isVisible():
            self.search.search(self.search.query.text())
        self._refresh_panel()
        self._update_status()
        self.article.setFocus()

    def next_unfinished(self) -> None:
        key, message = my_queue.next_document(self.project, self.documents.listing, self.annotator,
                                              self.editor.document)
        if message is not None:
            self.statusBar().showMessage(message, 6000)
        if key is None:
            return
        self.documents.select_key(key)
        if self.editor.document != key:
            self._document_chosen(key)

    def done_and_next(self) -> None:
        self.editor.set_status("done")
        self.next_unfinished()

    # -- reacting to changes -----------------------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        if changes.document == self.editor.document:
            self.entity_proposals.learn(changes, self.article.text)
        if changes.document is not None:
            self.documents.model.apply(changes)
        self._refresh_panel(changes)
        self._update_status()
        self.saved.setText(self.tr("saved {0}").format(f"{self.editor.saved_at:%H:%M:%S}"))

    def _refresh_panel(self, changes: Changes | None = None) -> None:
        """Everything beside the article for the open document, or, after an action, what
        ``changes`` touched, so an action costs the same on a long article as on a short one."""
        if changes is None or changes.document != self.editor.document:
            self.panel.show_tree(self.article.text, self.editor.spans(), self.editor.relations())
            self._read_gold()
            if self.editor.document is not None:
                self.panel.notes.show_others(others_visible(self.project, self.editor.document, self.editor.layer))
        else:
            self.panel.update_tree(changes)
        self._refresh_known_values(changes)
        self.panel.show_gold_differences(self._gold_differences())
        self._selection_changed(self.editor.selected)

    def _refresh_known_values(self, changes: Changes | None) -> None:
        """The values each free-text attribute's box offers: read from the file when a
        document opens, and after an edit joined by the values its change set brings. A
        value no span has any more is offered until the next document: offering a name
        once used does no harm, and finding out would mean reading the file after an edit."""
        for name, labels in free_text_attributes(self.project.schema).items():
            if changes is None:
                self._known[name] = {value for label in labels for value in self.project.attribute_values(label, name)}
            else:
                brought = {span.attrs[name] for span in (*changes.spans_added, *changes.spans_changed)
                           if span.label in labels and span.attrs.get(name)}
                if brought <= self._known.setdefault(name, set()):
                    continue
                self._known[name] |= brought
            self.panel.set_known_values(name, sorted(self._known[name]))

    def gold_changed(self, changes: Changes) -> None:
        """The review window changed gold: compare this layer with it again."""
        if changes.document == self.editor.document:
            self._read_gold()
            self.panel.show_gold_differences(self._gold_differences())

    def _read_gold(self) -> None:
        """Gold as review compares it, read when a document opens or review changes it; an
        annotator's edit does not change gold, so it compares against this."""
        document = self.editor.document
        self._gold = None
        if document is None or self.annotator == GOLD_LAYER:
            return
        gold = self.project.spans(document, GOLD_LAYER)
        if gold:
            from annotator.core.gold_differences import LayerSide  # on first use (docs/architecture.md, "Layers")

            self._gold = LayerSide(GOLD_LAYER, gold, self.project.relations(document, GOLD_LAYER), self.article.text,
                                   self.project.schema)

    def _gold_differences(self) -> list[tuple[str, int | None]] | None:
        """Each place where gold differs from this annotator's layer, in reading order: the
        layer as the document session holds it against gold as last read."""
        if self._gold is None:
            return None
        from annotator.core.gold_differences import LayerSide, against_gold  # on first use (docs/architecture.md, "Layers")
        from annotator.ui.gold_compare import gold_lines  # on first use (docs/architecture.md, "Layers")

        text, schema = self.article.text, self.project.schema
        mine = LayerSide(self.annotator, self.editor.spans(), self.editor.relations(), text, schema)
        return gold_lines(against_gold(self.annotator, mine, self._gold, text, schema), text, schema)

    def _selection_changed(self, span_id: int | None) -> None:
        if span_id is not None and span_id < 0:
            suggestion = self.editor.suggestions.get(span_id)
            if suggestion is not None:
                self._suggestion_prompt = self.tr(
                    "Suggestion ({0}, confidence {1}): Enter accepts, Shift+Enter accepts the paragraph, "
                    "Backspace rejects").format(shown_names.rule(suggestion.rule), f"{suggestion.confidence:.2f}")
                self.statusBar().showMessage(self._suggestion_prompt, 10000)
            span_id = None
        elif self.statusBar().currentMessage() == self._suggestion_prompt:  # accepted, rejected or left
            self.statusBar().clearMessage()
        span = self.editor.span(span_id)
        links = []
        if span is not None:
            for relation in self.editor.links_of(span.id):
                other = self.editor.span(relation.child if relation.head == span.id else relation.head)
                if other is not None:
                    shown = shown_names.relation(self.project.schema, relation.type)
                    links.append(f"{shown}: {isolate_words(self.article.text[other.start:other.end])}")
        self.panel.show_span(span, self.article.text, links)
        self.panel.propose_values(self.entity_proposals.for_span(span, self.article.text))
        self.panel.notes.show_notes(span.id if span else None, self.editor.session.notes if self.editor.session else {})

    def _span_chosen_in_panel(self, span_id: int) -> None:
        span = self.editor.span(span_id)
        if span is not None:
            self.article.select_range(span.start, span.end)
            self.article.clear_selection()
            self.editor.select(span_id)
            self.article.setFocus()

    def _update_status(self) -> None:
        done, total = self.documents.listing.progress()
        self.who.setText(self.tr("annotator: {0}").format(isolate(self.annotator)))
        self.progress.setText(my_queue.progress_text(self.documents.listing)
                              or self.tr("done {0} of {1}").format(done, total))
        self.counts.setText(self.tr("{0} spans in this article").format(self.editor.span_count()))

    # -- other annotators and review -------------------------------------------------------------

    def import_annotations(self, path: str | None = None, annotator: str | None = None,
                           format_: str | None = None) -> bool:
        """Import articles (.txt) or annotations from a file or folder in any format we read,
        as one transaction, then open the first article it added.

        ``format_`` None detects the format. The import and export dialogs, like every
        window but the first, are imported on first use (docs/architecture.md, "Layers").
        """
        from annotator.ui.transfer import AUTO, ImportDialog, import_summary

        format_ = format_ or AUTO
        if path is None:
            dialog = ImportDialog("", self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            chosen, format_, annotator = dialog.choice()
            path = str(chosen)
        name = (annotator or "").strip() or None
        try:
            report = self._import(Path(path), format_, name, replace=False)
        except AnnotatorError as error:
            if error.remedy != Remedy.REPLACE_LAYER:
                dialogs.warn(self, self.tr("Nothing imported"), dialogs.user_message(error))
                return False
            if not dialogs.ask(self, self.tr("Replace annotations?"),
                               self.tr("{0} already has annotations on some of these documents. Replace them?")
                               .format(isolate(name) if name else self.tr("This file"))):
                return False
            try:
                report = self._import(Path(path), format_, name, replace=True)
            except AnnotatorError as error:
                dialogs.warn(self, self.tr("Nothing imported"), dialogs.user_message(error))
                return False
        self.documents.refresh()
        if report.added:
            self.open_document(report.added[0])
        elif self.editor.document is not None:
            self._document_chosen(self.editor.document)
        self.statusBar().showMessage(import_summary(report, name or ""), 8000)
        return True

    def _import(self, path: Path, format_: str, annotator: str | None, replace: bool):
        from annotator.formats.registry import gather, import_files
        from annotator.ui.transfer import busy_progress

        items = gather([path], format_)
        with busy_progress(self, len(items)) as progress:
            return import_files(self.project, items, annotator=annotator, replace=replace, progress=progress)

    def export(self) -> ExportDialog:
        from annotator.ui.transfer import ExportDialog

        dialog = ExportDialog(self.project, self)
        dialog.show()
        return dialog

    def back_up(self) -> Path | None:
        try:
            made = self.project.backup()
        except AnnotatorError as error:
            dialogs.warn(self, self.tr("No backup made"), dialogs.user_message(error))
            return None
        self.statusBar().showMessage(self.tr("Backed up to {0}").format(isolate(str(made))), 8000)
        return made

    def restore_backup(self, backup: str | Path | None = None) -> "MainWindow | None":
        """Put a backup in place of this project (the current file is kept aside) and reopen."""
        if backup is None:
            from PySide6.QtWidgets import QFileDialog  # on first use (docs/architecture.md, "Layers")

            folder = backup_folder(self.project_path)
            backup, _ = QFileDialog.getOpenFileName(self, self.tr("Restore a backup"), str(folder), self.tr("Backups (*.sqlite *.bak)"))
            if not backup:
                return None
        if not dialogs.ask(self, self.tr("Restore this backup?"),
                           self.tr("{0} will be replaced by {1}. The current file is kept aside, not deleted. "
                                   "Continue?").format(self.project_path, backup)):
            return None
        self._close_companions()
        self.active_time.stop()
        self.live.stop()
        self.project.close()
        try:
            aside = restore_file(self.project_path, Path(backup))
        except AnnotatorError as error:
            dialogs.warn(self, self.tr("Not restored"), dialogs.user_message(error))
            aside = None
        replacement = MainWindow(self.project_path, self.annotator)
        replacement.show()
        if aside is not None:
            replacement.statusBar().showMessage(
                self.tr("Restored {0}; the previous file is kept as {1}").format(isolate(str(backup)), isolate(str(aside))))
        self.replacement = replacement
        self.close()
        return replacement

    def open_review(self, doc_id: str | None = None):
        from annotator.ui.review_window import ReviewWindow

        if review_refused(self):
            return None
        if self.review is None or not self.review.isVisible():
            self.review = ReviewWindow(self.project, offered_reviewer=self.annotator)  # asked, not taken
            self.review.gold_changed.connect(self.gold_changed)
        if doc_id or self.editor.document is not None:
            self.review.open_document(doc_id or self.project.document(self.editor.document).id)
        self.review.show()
        self.review.raise_()
        return self.review

    def open_find(self):
        from annotator.ui.find_window import open_find_window

        return open_find_window(self)

    def open_speakers(self):
        from annotator.ui.speakers_window import open_speakers_window

        return open_speakers_window(self)

    def open_dashboard(self):
        from annotator.ui.dashboard import Dashboard

        if review_refused(self, dashboard=True):
            return None
        if self.dashboard is None or not self.dashboard.isVisible():  # one dashboard, closed with this window
            self.dashboard = Dashboard(self.project)
            self.dashboard.document_chosen.connect(self.open_review)
            self.dashboard.resize(1300, 800)
        else:
            self.dashboard.refresh()
        self.dashboard.show()
        self.dashboard.raise_()
        return self.dashboard

    # -- annotator -----------------------------------------------------------------------------

    def open_settings(self):
        from annotator.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        dialog.saved.connect(self._settings_saved)
        dialog.open()
        return dialog

    def _settings_saved(self, changed: dict) -> None:
        if "zoom" in changed:
            self.article.set_point_size(changed["zoom"])
        if "annotator" in changed:
            self.set_annotator(changed["annotator"])

    def show_shortcuts(self) -> None:
        from annotator.ui.help_dialog import show_shortcuts

        show_shortcuts(self, self.project.schema, self.guidelines.definition)

    def show_about(self):
        from annotator.ui.about import show_about

        return show_about(self)

    def ask_annotator(self) -> None:
        from PySide6.QtWidgets import QInputDialog  # on first use (docs/architecture.md, "Layers")

        name, ok = QInputDialog.getText(self, self.tr("Who is annotating?"), self.tr("Your name (each annotator has a layer):"),
                                        text=self.annotator)
        name = name.strip()
        if ok and name and name != self.annotator:
            self.set_annotator(name)

    def set_annotator(self, name: str) -> None:
        self.annotator = name
        self.settings.setValue("annotator", name)
        self.editor.layer = name
        self.documents.set_layer(name)
        if self.editor.document is not None:
            self._document_chosen(self.editor.document)
        self._update_status()

    def closeEvent(self, event) -> None:  # noqa: N802
        store_if_changed(self.settings, "window/geometry", self.saveGeometry())
        store_if_changed(self.settings, "window/panes", self.splitter.saveState())
        self.settings.sync()
        self._close_companions()
        self.active_time.stop()
        self.live.stop()
        self.project.close()
        super().closeEvent(event)

    def _close_companions(self) -> None:
        """The review window and the dashboard work on this window's project: they close first."""
        for window in (self.review, self.dashboard):
            if window is not None:
                window.close()


def confirm_annotator(parent=None) -> str | None:
    """Ask for the annotator's name on first start; remembered afterwards."""
    settings = app_settings()
    name = str(settings.value("annotator", "") or "")
    if name:
        return name
    from PySide6.QtWidgets import QInputDialog  # on first use (docs/architecture.md, "Layers")

    while not name:
        name, ok = QInputDialog.getText(parent, QCoreApplication.translate("MainWindow", "Who is annotating?"),
                                        QCoreApplication.translate(
                                            "MainWindow", "Your name; each annotator writes their own layer:"))
        if not ok:
            return None
        name = name.strip()
        if not name:
            dialogs.warn(parent, QCoreApplication.translate("MainWindow", "Annotator"),
                         QCoreApplication.translate("MainWindow", "Please type a name."))
    settings.setValue("annotator", name)
    return name
