"""Beside the article: the tree of linked spans, the selected span's details, and where
gold differs. What it shows follows the project's schema: the tree its first relation
(annotator/ui/links_tree.py), the details one editor for each attribute of its labels.

Every text here comes from the article, the schema or annotators and is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Changes, Relation, Span
from annotator.core.schema import Attribute, Label, Schema
from annotator.ui import shown_names
from annotator.ui.attribute_editors import KnownValuesBox, ValueList
from annotator.ui.i18n import interface_language
from annotator.ui.links_tree import LinksTree, TreeShape, tree_shape
from annotator.ui.notes_box import NotesBox

SPAN_ID_ROLE = Qt.ItemDataRole.UserRole
FIXED_ROWS_BEFORE_ATTRIBUTES = 2  # Label and Text


def plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def free_text_attributes(schema: Schema) -> dict[str, tuple[str, ...]]:
    """Each free-text attribute's name, with the labels that have it: the values already
    written on spans of those labels are the ones its box offers."""
    found: dict[str, tuple[str, ...]] = {}
    for label in schema.labels:
        for attribute in label.attributes:
            if not attribute.values:
                found[attribute.name] = (*found.get(attribute.name, ()), label.name)
    return found


class AnnotationPanel(QWidget):
    span_chosen = Signal(int)
    attribute_edited = Signal(int, str, object)  # span id, attribute name, new value

    def __init__(self, schema: Schema, parent=None):
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.tree.setUniformRowHeights(True)  # one line a row: the view need not measure each
        self.tree.itemClicked.connect(self._item_clicked)
        self.links_tree = LinksTree(self.tree, SPAN_ID_ROLE)
        self.label = plain_label()
        self.words = plain_label()
        self.links = plain_label()
        self.editors: dict[str, ValueList | KnownValuesBox] = {}
        self._labels: dict[str, Label] = {}
        self._span: Span | None = None
        self.details = QFormLayout()
        self.details.addRow(self.tr("Label"), self.label)
        self.details.addRow(self.tr("Text"), self.words)
        self.details.addRow(self.tr("Links"), self.links)
        self.gold = QListWidget()
        self.gold.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        # Each difference wraps onto lines of its own: a long one is read whole, never cut off.
        self.gold.setWordWrap(True)
        self.gold.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.gold.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.gold.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.gold.itemClicked.connect(self._gold_item_clicked)
        self.gold_title = plain_label(self.tr("Compared with gold"))
        self.notes = NotesBox()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 3)
        layout.addLayout(self.details, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.gold_title)
        layout.addWidget(self.gold, 1)
        self.set_schema(schema)

    def set_schema(self, schema: Schema) -> None:
        """Follow ``schema``: the tree's groups and columns, and one editor per attribute."""
        self._labels = {label.name: label for label in schema.labels}
        self._schema = schema
        self._shape_tree(tree_shape(schema))
        self._make_editors(schema)
        self.show_span(None, "", [])

    # -- the tree -------------------------------------------------------------------------

    def show_tree(self, text: str, spans: Iterable[Span], relations: Iterable[Relation]) -> None:
        """The linked spans of a newly opened document, groups and items in reading order."""
        self.links_tree.show(text, spans, relations)

    def update_tree(self, changes: Changes) -> None:
        """Show what one action changed in the tree (only what it touched is redrawn)."""
        self.links_tree.apply(changes)

    def _shape_tree(self, shape: TreeShape | None) -> None:
        """A schema without relations has nothing to group by: no tree, and the details
        get its room."""
        self.tree.setVisible(shape is not None)
        if shape is None:
            self.links_tree.follow(None, "")
            return
        self.tree.setColumnCount(1 + len(shape.columns))
        language = interface_language()
        self.tree.setHeaderLabels([self.tr("{0} by {1}").format(shape.head.shown_in(language),
                                                                shape.child.shown_in(language)),
                                   *(column.shown_name(language) for column in shape.columns)])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for index, column in enumerate(shape.columns, 1):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(index, self._value_column_width(index, column))
        self.links_tree.follow(shape, self.tr("(no {0})").format(shape.child.shown_in(language)))

    def _value_column_width(self, index: int, attribute: Attribute) -> int:
        """A value column fits its title and the attribute's longest value. It is fixed:
        fitted to its contents, it would measure its rows after every action, so an action
        on an article with thousands of spans would cost more than on one with a few."""
        metrics = self.tree.fontMetrics()
        language = interface_language()
        widest = max(metrics.horizontalAdvance(attribute.shown_value(value, language)) for value in attribute.values)
        return max(self.tree.header().sectionSizeHint(index), widest + 2 * metrics.averageCharWidth())

    def _item_clicked(self, item: QTreeWidgetItem) -> None:
        span_id = item.data(0, SPAN_ID_ROLE)
        if span_id is not None:
            self.span_chosen.emit(span_id)

    # -- gold -------------------------------------------------------------------------------

    def show_gold_differences(self, lines: list[tuple[str, int | None]] | None) -> None:
        """How gold differs from this annotator's layer; ``None`` when there is no gold yet."""
        self.gold.clear()
        self.gold_title.setVisible(lines is not None)
        self.gold.setVisible(lines is not None)
        if lines is None:
            return
        if not lines:
            self.gold.addItem(self.tr("Gold agrees with your annotations"))
        for text, span_id in lines:
            item = QListWidgetItem(text)
            item.setData(SPAN_ID_ROLE, span_id)
            self.gold.addItem(item)

    def _gold_item_clicked(self, item: QListWidgetItem) -> None:
        span_id = item.data(SPAN_ID_ROLE)
        if span_id is not None:
            self.span_chosen.emit(span_id)

    # -- details ----------------------------------------------------------------------------

    def _make_editors(self, schema: Schema) -> None:
        """One row per attribute name of the schema's labels, titled with that name: a list
        of values for a closed attribute, a box offering the known values for free text."""
        for editor in self.editors.values():
            self.details.removeRow(editor)
        self.editors = {}
        for label in schema.labels:
            for attribute in label.attributes:
                if attribute.name not in self.editors:
                    editor = self._editor_for(attribute)
                    editor.setToolTip(attribute.help)
                    self.details.insertRow(FIXED_ROWS_BEFORE_ATTRIBUTES + len(self.editors),
                                           attribute.shown_name(interface_language()), editor)
                    self.editors[attribute.name] = editor

    def _editor_for(self, attribute: Attribute) -> ValueList | KnownValuesBox:
        if attribute.values:
            editor = ValueList(attribute)
            editor.chosen.connect(partial(self._value_chosen, attribute.name))
            return editor
        box = KnownValuesBox()
        box.finished.connect(partial(self._text_finished, attribute.name))
        return box

    def set_known_values(self, name: str, values: list[str]) -> None:
        """The values already written for free-text attribute ``name``, offered as the annotator types."""
        editor = self.editors.get(name)
        if isinstance(editor, KnownValuesBox):
            editor.set_known(values)

    def propose_values(self, proposed: dict[str, str]) -> None:
        """Offer the selected span's empty free-text attributes these values (one key takes each)."""
        for name, editor in self.editors.items():
            if isinstance(editor, KnownValuesBox):
                editor.propose(proposed.get(name))

    def show_span(self, span: Span | None, text: str, links: list[str]) -> None:
        self._span = span
        self.label.setText(shown_names.label(self._schema, span.label) if span else self.tr("no span selected"))
        self.words.setText(text[span.start:span.end] if span else "")
        self.links.setText("\n".join(links))
        for name, editor in self.editors.items():
            attribute = self._selected_attribute(name)
            editor.show_value(attribute, span.attrs.get(name, "") if attribute else "")

    def _selected_attribute(self, name: str) -> Attribute | None:
        """Attribute ``name`` of the selected span's label, if it has one."""
        label = self._labels.get(self._span.label) if self._span else None
        return label.attribute(name) if label else None

    def _value_chosen(self, name: str, value: str | None) -> None:
        if self._selected_attribute(name) is not None:
            self.attribute_edited.emit(self._span.id, name, value)

    def _text_finished(self, name: str) -> None:
        attribute = self._selected_attribute(name)
        if attribute is None or attribute.values:
            return
        value = self.editors[name].settled()
        if value != self._span.attrs.get(name, ""):
            self.attribute_edited.emit(self._span.id, name, value or None)
