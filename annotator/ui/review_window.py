"""The reviewer's window: settle where annotators disagree, into the gold layer.

``ReviewWindow(project, reviewer="name")`` is also the scripting surface for tests:
``open_document(doc_id)``, then clicks and key presses as a reviewer makes them, or the
decisions themselves (``window.decisions``, ``review_decisions.py``); what a unit shows is
``window.details`` (``review_details.py``).

Left, the review units of the document (``adjudicate.units_of``), open disagreements
marked; center, the article, read-only and right to left, with the gold layer
highlighted and the current unit selected; right, every annotator's version of the
current unit side by side, and the decisions (pick, combine, edit, reject, accept all
agreed). Each decision is one core call made through the gold layer's document session
(``window.session``), which publishes its change set to ``apply_changes``; undo and redo
go back through the session. Whatever the core refuses is said in the status bar, and
nothing changes.

The window works on the project it is given: the main window passes its own open
``Project``, so one process never holds the file twice (a path opens one that the review
window then owns and closes, as ``annotator review`` does).

Single keys follow the physical key (``keys.physical_key``), so 1..9, J and K work on
an Arabic layout too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QFont, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core import adjudicate
from annotator.core.adjudicate import Unit, Version
from annotator.core.model import GOLD_LAYER, Changes, Span
from annotator.core.session import DocumentSession
from annotator.core.store import Project
from annotator.core.store import notes as note_store
from annotator.ui import shown_names
from annotator.ui.actions import add_action
from annotator.ui.app import application, load_arabic_font
from annotator.ui.article_view import ArticleView
from annotator.ui.bidi import isolate
from annotator.ui.focus_return import hand_back_keyboard
from annotator.ui.i18n import interface_language
from annotator.ui.keys import physical_key
from annotator.ui.settings import app_settings
from annotator.ui.tooltips import plain_tooltip

from annotator.ui.review_decide_box import decide_box
from annotator.ui.review_decisions import ReviewDecisions
from annotator.ui.review_details import ReviewDetails
from annotator.ui.review_document_labels import ReviewDocumentLabels
from annotator.ui.review_links import ReviewLinks
from annotator.ui.review_reasons import DecisionReasons
from annotator.ui.review_reviewer import ReviewerName
from annotator.ui.review_parts import (
    COLUMNS_PER_ROW,
    gold_status_text,
    OPEN_DISAGREEMENT,
    SETTLED_TEXT,
    UNIT_KEY_ROLE,
    VersionColumn,
    _NEXT_KEYS,
    _NO_SHORTCUT_MODIFIERS,
    _PICK_KEYS,
    _PREVIOUS_KEYS,
    _hidden,
    one_line,
    plain_label,
    differences,
    unit_state,
    visible,
)


class ReviewWindow(QMainWindow):
    gold_changed = Signal(object)  # the Changes of a decision, its undo or redo

    def __init__(self, project: Project | str | Path, reviewer: str | None = None, offered_reviewer: str | None = None):
        application()
        super().__init__()
        self.owns_project = not isinstance(project, Project)
        self.project = Project.open(project) if self.owns_project else project
        self.project_path = self.project.path
        self.settings = app_settings()
        self.reviewer_name = ReviewerName(self, reviewer, offered_reviewer)  # asked unless given or remembered
        self.reviewer = self.reviewer_name.name
        self.document: int | None = None
        self.text = ""
        self.layers: list[str] = []
        self.units: list[Unit] = []
        self.gold: dict[int, Span] = {}
        self.current_key: str | None = None
        self._links: dict[int, dict[str, Span]] = {}
        self.session: DocumentSession | None = None  # the open document's gold layer
        self.versions: list[Version] = []  # its annotators' spans, read when it was opened
        self._filling = False
        self.undo_stack = QUndoStack(self)
        self.decisions = ReviewDecisions(self)
        self.details = ReviewDetails(self)
        self.links = ReviewLinks(self)
        self.decision_reasons = DecisionReasons()
        self.document_labels = ReviewDocumentLabels(self)
        family = load_arabic_font()
        self.arabic = QFont(family, 13)

        self._make_left()
        self.article = ArticleView(family, self.project.schema)
        self.article.set_point_size(int(self.settings.value("zoom", 16)))
        self.article.describe = self._describe
        self.article.span_clicked.connect(self._gold_span_clicked)
        self._make_right()
        splitter = QSplitter()
        for widget in (self.left, self.article, self.right):
            splitter.addWidget(widget)
        splitter.setSizes([340, 480, 580])
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self._make_actions()
        self._make_status_bar()
        for widget in (self.unit_list, self.article):
            widget.installEventFilter(self)
        hand_back_keyboard(self.right, self.unit_list)
        self.resize(1400, 850)
        first = next(self.project.documents(), None)
        if first is not None:
            self.open_document(first.id)

    # -- building ------------------------------------------------------------------------

    def _make_left(self) -> None:
        self.left = QWidget()
        column = QVBoxLayout(self.left)
        column.setContentsMargins(4, 4, 4, 4)
        self.document_choice = QComboBox()
        for document in self.project.documents():
            title = one_line(document.title, 40) if document.title else ""
            self.document_choice.addItem(f"{document.id}  {isolate(title)}" if title else str(document.id), document.id)
        self.document_choice.activated.connect(
            lambda index: self.open_document(self.document_choice.itemData(index)))
        self.only_open = QCheckBox(self.tr("Only open units"))
        self.only_open.toggled.connect(lambda _: self._apply_filter())
        self.unit_list = QTreeWidget()
        self.unit_list.setHeaderLabels([self.tr("State"), self.tr("Words")])
        self.unit_list.setRootIsDecorated(False)
        self.unit_list.setUniformRowHeights(True)
        self.unit_list.setAllColumnsShowFocus(True)
        header = self.unit_list.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 170)
        self.unit_list.currentItemChanged.connect(self._item_changed)
        column.addWidget(self.document_choice)
        column.addWidget(self.only_open)
        column.addWidget(self.unit_list, 1)

    def _make_right(self) -> None:
        self.right = QScrollArea()
        self.right.setWidgetResizable(True)
        self.right.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inside = QWidget()
        column = QVBoxLayout(inside)
        self.unit_title = plain_label()
        self.unit_title.setStyleSheet("font-weight: bold;")
        self.unit_words = plain_label(rtl=True, font=self.arabic)
        self.versions = QWidget()
        self.versions_row = QGridLayout(self.versions)
        self.versions_row.setContentsMargins(0, 0, 0, 0)
        self.columns: list[VersionColumn] = []
        self.gold_now = plain_label()
        self.gold_now.setStyleSheet("color: #1d5e20;")
        self.gold_words = plain_label(rtl=True, font=self.arabic)
        self.gold_words.setStyleSheet("color: #1d5e20;")

        decide = decide_box(self)

        self.accept_button = QPushButton(self.tr("Accept all agreed  (Ctrl+Shift+A)"))
        self.accept_button.clicked.connect(self.decisions.accept_agreed)
        self.adjudicated_button = QPushButton(self.tr("Mark adjudicated"))
        self.adjudicated_button.setCheckable(True)
        self.adjudicated_button.clicked.connect(lambda _: self.decisions.toggle_adjudicated())
        self.undo_button = QPushButton(self.tr("Undo"))
        self.redo_button = QPushButton(self.tr("Redo"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)

        row = QHBoxLayout()
        for button in (self.accept_button, self.adjudicated_button, self.undo_button, self.redo_button):
            row.addWidget(button)
        column.addLayout(row)
        column.addWidget(self.unit_title)
        column.addWidget(self.unit_words)
        column.addWidget(self.versions)
        column.addWidget(self.gold_now)
        column.addWidget(self.gold_words)
        column.addWidget(decide)
        column.addWidget(self.document_labels)
        column.addStretch(1)
        self.right.setWidget(inside)

    def _action(self, menu, text: str, shortcuts: list[str], slot) -> QAction:
        return add_action(self, menu, text, shortcuts, slot)

    def _make_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("Reviewer name…"), [], self.reviewer_name.ask)
        self._action(file_menu, self.tr("Close"), ["Ctrl+W"], self.close)
        edit = bar.addMenu(self.tr("&Edit"))
        undo = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (undo, redo):
            edit.addAction(action)
            self.addAction(action)
        review = bar.addMenu(self.tr("&Review"))
        self._action(review, self.tr("Accept all agreed"), ["Ctrl+Shift+A"], self.decisions.accept_agreed)
        # Single keys are read by physical position in eventFilter; the menu names them.
        review.addAction(self._hint(self.tr("Pick the 1st…9th annotator's version"), "1…9"))
        review.addAction(self._hint(self.tr("Combine"), "C"))
        review.addAction(self._hint(self.tr("Edit: the selected words as gold"), "E"))
        review.addAction(self._hint(self.tr("Reject"), "X"))
        for relation in self.project.schema.relations:
            if relation.key:
                review.addAction(self._hint(self.tr("Link gold: {0}, then click its {1}").format(
                    shown_names.relation(self.project.schema, relation.name),
                    shown_names.label(self.project.schema, relation.child)), relation.key.upper()))
        review.addSeparator()
        review.addAction(self._hint(self.tr("Next unit"), "Down, J"))
        review.addAction(self._hint(self.tr("Previous unit"), "Up, K"))
        self._action(review, self.tr("Next open unit"), ["Ctrl+J"], lambda: self.go_to_next_open(self.current_key))
        review.addSeparator()
        self._action(review, self.tr("Mark adjudicated / in review"), ["Ctrl+Shift+D"], self.decisions.toggle_adjudicated)

    def _hint(self, text: str, keys: str) -> QAction:
        action = QAction(f"{text}\t{keys}", self)
        action.setEnabled(False)
        return action

    def _make_status_bar(self) -> None:
        self.settled_label, self.gold_status_label = QLabel(), QLabel()
        self.statusBar().addPermanentWidget(self.reviewer_name.button)
        for label in (self.settled_label, self.gold_status_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.statusBar().addPermanentWidget(label)
        self.reviewer_name.show()

    def say(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # -- documents and units ---------------------------------------------------------------

    def open_document(self, doc_id: str) -> None:
        """Open a document by the id it has in the JSONL export."""
        document = self.project.document_by_id(doc_id)
        if document is None:
            raise KeyError(doc_id)
        self.document = document.key
        self.text = document.text
        self.undo_stack.clear()
        self.links.forget()
        self.decision_reasons.forget()
        self.current_key = None
        self.document_choice.setCurrentIndex(max(0, self.document_choice.findData(document.id)))
        self.layers = adjudicate.annotator_layers(self.project, document.key)
        self._build_columns()
        self.reload()
        self.article.show_document(self.text, list(self.session.spans.values()))
        self.go_to_next_open(None, quiet=True)
        if self.current_key is None and self.units:
            self.go_to_unit(self.units[0].key)
        if not self.layers:
            self.say(self.tr("No annotator has annotated this document yet"))
        self.unit_list.setFocus()

    def _build_columns(self) -> None:
        for column in self.columns:
            self.versions_row.removeWidget(column)
            column.hide()
            column.setParent(None)
            column.deleteLater()
        self.columns = []
        for number, layer in enumerate(self.layers, start=1):
            column = VersionColumn(number, layer, self.arabic, lambda _=False, n=number - 1: self.decisions.pick_nth(n),
                                   self.project.schema)
            hand_back_keyboard(column, self.unit_list)
            row, place = divmod(number - 1, COLUMNS_PER_ROW)
            self.versions_row.addWidget(column, row, place)
            self.versions_row.setColumnStretch(place, 1)
            column.show()
            self.columns.append(column)
        for combo in (self.boundaries_from, self.attributes_from):
            combo.clear()
            combo.addItems(self.layers)
        if len(self.layers) > 1:
            self.attributes_from.setCurrentIndex(1)

    def reload(self) -> None:
        """Read the annotators' layers and gold again from the file, and show the units.
        A decision does not come here: its change set does (``apply_changes``)."""
        if self.document is None:
            return
        self.session = DocumentSession(self.project, self.document, GOLD_LAYER)
        self.session.subscribe(self.apply_changes)
        self.versions = adjudicate.read_versions(self.project, self.document, self.layers)
        self._links = {}
        for layer in self.layers:
            spans = {s.id: s for s in self.project.spans(self.document, layer)}
            for relation in self.project.relations(self.document, layer):
                if relation.child in spans:
                    self._links.setdefault(relation.head, {})[relation.type] = spans[relation.child]
        self._line_up()
        self.document_labels.show_document()
        notes = {note.layer: note.text for note in note_store.notes_of(self.project, self.document) if note.span is None}
        for column in self.columns:
            column.show_document_note(notes.get(column.layer))

    def _line_up(self) -> None:
        """The units again, from the layers as read and gold as the session holds it."""
        session = self.session
        self.units = adjudicate.units_of(self.versions, self.layers, session.spans.values(), session.rejected_units,
                                         self.text, self.project.schema) if self.layers else []
        self.gold = dict(session.spans)
        self._fill_list()
        self._show_current()
        self._update_status()

    def _fill_list(self) -> None:
        self._filling = True
        try:
            self.unit_list.clear()
            bold = QFont(self.unit_list.font())
            bold.setBold(True)
            for unit in self.units:
                marker = "✓" if unit.settled == "gold" else "✗" if unit.settled else "○" if unit.agreed else "●"
                item = QTreeWidgetItem([f"{marker} {unit_state(unit, self.project.schema)}",
                                        one_line(self.text[unit.start:unit.end])])
                item.setData(0, UNIT_KEY_ROLE, unit.key)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                                      | Qt.AlignmentFlag.AlignVCenter)
                item.setFont(1, self.arabic)
                tip = unit_state(unit, self.project.schema)
                if unit.settled and unit.differences:
                    tip += "\n" + self.tr("annotators differed: {0}").format(differences(unit, self.project.schema))
                if unit.hidden_controls:
                    tip += f"\n{_hidden(unit)}"
                    item.setText(0, item.text(0) + " ⚠")
                item.setToolTip(0, plain_tooltip(tip))
                if unit.settled:
                    for col in (0, 1):
                        item.setForeground(col, QBrush(SETTLED_TEXT))
                elif unit.differences:
                    item.setFont(0, bold)
                    for col in (0, 1):
                        item.setBackground(col, QBrush(OPEN_DISAGREEMENT))
                self.unit_list.addTopLevelItem(item)
            self._apply_filter()
            item = self._item(self.current_key)
            if item is not None:
                self.unit_list.setCurrentItem(item)
        finally:
            self._filling = False

    def _apply_filter(self) -> None:
        only_open = self.only_open.isChecked()
        for index, unit in enumerate(self.units):
            item = self.unit_list.topLevelItem(index)
            item.setHidden(only_open and unit.settled is not None and unit.key != self.current_key)

    def _item(self, key: str | None) -> QTreeWidgetItem | None:
        for index in range(self.unit_list.topLevelItemCount()):
            item = self.unit_list.topLevelItem(index)
            if item.data(0, UNIT_KEY_ROLE) == key:
                return item
        return None

    def current_unit(self) -> Unit | None:
        return next((u for u in self.units if u.key == self.current_key), None)

    def go_to_unit(self, key: str | None) -> None:
        item = self._item(key)
        if item is None:
            return
        self.current_key = key
        self._filling = True
        try:
            self._apply_filter()
            self.unit_list.setCurrentItem(item)
            self.unit_list.scrollToItem(item)
        finally:
            self._filling = False
        self._show_current()

    def _item_changed(self, item: QTreeWidgetItem | None, _previous) -> None:
        if self._filling or item is None:
            return
        self.current_key = item.data(0, UNIT_KEY_ROLE)
        self._show_current()

    def step(self, direction: int) -> None:
        """The next (1) or previous (-1) unit the list shows."""
        visible = [u.key for i, u in enumerate(self.units) if not self.unit_list.topLevelItem(i).isHidden()]
        if not visible:
            return
        if self.current_key not in visible:
            self.go_to_unit(visible[0])
            return
        index = visible.index(self.current_key) + direction
        if 0 <= index < len(visible):
            self.go_to_unit(visible[index])

    def go_to_next_open(self, after: str | None, quiet: bool = False) -> None:
        """The next unsettled disagreement after ``after`` (wrapping), else any unsettled unit."""
        keys = [u.key for u in self.units]
        start = keys.index(after) + 1 if after in keys else 0
        ahead = self.units[start:] + self.units[:start]
        for wanted in (lambda u: u.settled is None and u.differences, lambda u: u.settled is None):
            unit = next((u for u in ahead if wanted(u)), None)
            if unit is not None:
                self.go_to_unit(unit.key)
                return
        if not quiet:
            self.say(self.tr("Every unit is settled: {0} of {0}. Mark the document adjudicated when you are "
                             "done.").format(len(self.units)))

    # -- showing the current unit ------------------------------------------------------------

    def _show_current(self) -> None:
        unit = self.current_unit()
        self.decision_reasons.unit_shown(unit.key if unit is not None else None)
        if unit is None:
            self.unit_title.setText(self.tr("No units in this document") if not self.units else self.tr("Choose a unit"))
            self.unit_words.setText("")
            for column in self.columns:
                column.show_versions([], None)
                column.pick_button.setEnabled(False)
            self.gold_now.setText("")
            self.gold_words.setText("")
            self.article.show_links([])
            return
        number = self.units.index(unit) + 1
        title = self.tr("Unit {0} of {1}: {2}").format(number, len(self.units), unit_state(unit, self.project.schema))
        if unit.hidden_controls:
            title += f"\n⚠ {_hidden(unit)}"
        self.unit_title.setText(title)
        self.unit_words.setText(visible(self.text[unit.start:unit.end]))
        fields_differing = set(unit.differences)
        for column in self.columns:
            versions = [v for v in unit.versions if v.layer == column.layer]
            color = None
            if versions:
                color = self.details.label_color(versions[0].span.label)
            column.show_versions([self.details.fields(v, fields_differing) for v in versions], color)
            column.pick_button.setEnabled(unit.settled is None and len(versions) == 1)
        self.details.show_gold(unit)
        for button in (self.combine_button, self.edit_button, self.reject_button):
            button.setEnabled(unit.settled is None)
        first = unit.versions[0].span
        self.edit_label.setCurrentIndex(max(self.edit_label.findData(first.label), 0))
        self._fill_attribute_choice()
        self.article.select_range(unit.start, unit.end)
        self.details.show_gold_links(unit)

    def _fill_attribute_choice(self) -> None:
        """The chosen label's first attribute, titled by its name: a list of its values, or
        free text offered with what the versions gave it."""
        unit = self.current_unit()
        label = self.project.schema.label(self.edit_label.currentData()) if self.edit_label.currentData() else None
        attribute = label.attributes[0] if label and label.attributes else None
        self.edit_attribute.clear()
        self.edit_attribute.setEnabled(attribute is not None)
        if attribute is None:
            self.edit_attribute_name.setText(self.tr("(no attribute)"))
            return
        self.edit_attribute_name.setText(attribute.shown_name(interface_language()))
        seen = []
        if unit is not None:
            for version in unit.versions:
                value = version.span.attrs.get(attribute.name)
                if version.span.label == label.name and value and value not in seen:
                    seen.append(value)
        self.edit_attribute.setEditable(not attribute.values)
        self.edit_attribute.addItem("", "")
        for value in attribute.values or seen:
            self.edit_attribute.addItem(attribute.shown_value(value, interface_language()), value)
        if seen:
            self.edit_attribute.setCurrentIndex(max(self.edit_attribute.findData(seen[0]), 0))

    def _describe(self, spans: list[Span]) -> str:
        schema = self.project.schema
        return ", ".join(" ".join([shown_names.label(schema, s.label),
                                   *(shown_names.value(schema, s.label, k, str(v)) for k, v in s.attrs.items())])
                         for s in spans)

    def _gold_span_clicked(self, span_id: int | None) -> None:
        if self.links.clicked(span_id):
            return
        span = self.gold.get(span_id) if span_id is not None else None
        if span is None:
            return
        origin = self.project.provenance(span.id)
        key = origin["unit"] if origin else None
        if key is None:
            key = next((u.key for u in self.units if u.start < span.end and span.start < u.end), None)
        self.go_to_unit(key)

    def _update_status(self) -> None:
        settled = sum(1 for u in self.units if u.settled is not None)
        self.settled_label.setText(self.tr("{0} of {1} units settled").format(settled, len(self.units)))
        status = self.session.status if self.session is not None else "new"
        self.gold_status_label.setText(self.tr("gold: {0}").format(gold_status_text(status)))
        self.adjudicated_button.setChecked(status == "done")
        self.adjudicated_button.setText(self.tr("Adjudicated ✓ (undo: click)") if status == "done" else self.tr("Mark adjudicated"))

    # -- decisions -----------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self.key_pressed(event)
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self.key_pressed(event):
            super().keyPressEvent(event)

    def key_pressed(self, event: QKeyEvent) -> bool:
        """Single keys, by physical position: 1..9 pick, J/K and arrows move, C/E/X decide,
        the schema's relation keys link gold spans (Esc cancels)."""
        if event.modifiers() & _NO_SHORTCUT_MODIFIERS:
            return False
        key = physical_key(event)
        if key == Qt.Key.Key_Escape.value:
            return self.links.cancel()
        if key in _PICK_KEYS:
            self.decisions.pick_nth(_PICK_KEYS[key])
        elif key in _NEXT_KEYS:
            self.step(1)
        elif key in _PREVIOUS_KEYS:
            self.step(-1)
        elif key == ord("C"):
            self.decisions.combine()
        elif key == ord("E"):
            self.decisions.edit()
        elif key == ord("X"):
            self.decisions.reject()
        elif key in self.links.keys:
            self.links.start(self.links.keys[key])
        else:
            return False
        return True

    def apply_changes(self, changes: Changes) -> None:
        """Show what a decision, undo or redo changed, from its change set (the gold
        session publishes it here): gold in the article, the units, the status."""
        if changes.document != self.document:
            return
        self.gold_changed.emit(changes)
        for span in changes.spans_removed:
            self.article.highlighter.remove(span.id)
        for span in changes.spans_added:
            if span.layer == GOLD_LAYER:
                self.article.highlighter.add(span)
        self._line_up()


    def closeEvent(self, event) -> None:  # noqa: N802
        self.undo_stack.clear()
        if self.owns_project:
            self.project.close()
        super().closeEvent(event)
