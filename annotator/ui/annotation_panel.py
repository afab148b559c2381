"""Beside the article: the claims grouped by speaker, and the selected span's details.

Every text here comes from the article or from annotators and is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Changes, Relation, Span
from annotator.core.schema import STANCES
from annotator.ui.claims_tree import ClaimsTree

SPAN_ID_ROLE = Qt.ItemDataRole.UserRole
NO_SPEAKER = QT_TRANSLATE_NOOP("AnnotationPanel", "(no speaker)")


def plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AnnotationPanel(QWidget):
    span_chosen = Signal(int)
    attribute_edited = Signal(int, str, object)  # span id, attribute name, new value

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Claims by speaker"), self.tr("Stance")])
        self.tree.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.tree.setUniformRowHeights(True)  # one line a row: the view need not measure each
        self.tree.itemClicked.connect(self._item_clicked)
        self.claims = ClaimsTree(self.tree, self._speaker_title, SPAN_ID_ROLE)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self._stance_width())
        self.label = plain_label()
        self.words = plain_label()
        self.links = plain_label()
        self.stance = QComboBox()
        self.stance.addItems(["", *STANCES])
        self.stance.activated.connect(self._stance_chosen)
        self.entity = QLineEdit()
        self.entity.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.entity.setPlaceholderText(self.tr("canonical name of this speaker"))
        self._entities = QStringListModel()
        self._completer = self._entity_completer()
        self._popup: QAbstractItemView | None = None
        self.entity.textEdited.connect(self._suggest_entities)
        self.entity.editingFinished.connect(self._entity_finished)
        self._known_entities: list[str] = []
        self._span: Span | None = None
        details = QFormLayout()
        details.addRow(self.tr("Label"), self.label)
        details.addRow(self.tr("Text"), self.words)
        details.addRow(self.tr("Stance"), self.stance)
        details.addRow(self.tr("Entity"), self.entity)
        details.addRow(self.tr("Links"), self.links)
        self.gold = QListWidget()
        self.gold.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.gold.itemClicked.connect(self._gold_item_clicked)
        self.gold_title = plain_label(self.tr("Compared with gold"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 3)
        layout.addLayout(details, 1)
        layout.addWidget(self.gold_title)
        layout.addWidget(self.gold, 1)
        self.show_span(None, "", [])

    # -- the claims tree ------------------------------------------------------------------

    def show_claims(self, text: str, spans: Iterable[Span], relations: Iterable[Relation]) -> None:
        """The claims of a newly opened document, grouped under their speaker's entity (or
        the speaker's words), groups and claims in reading order."""
        self.claims.show(text, spans, relations, NO_SPEAKER)

    def update_claims(self, changes: Changes) -> None:
        """Show what one action changed in the claims (only what it touched is redrawn)."""
        self.claims.apply(changes)

    def _speaker_title(self, name: str) -> str:
        return self.tr(NO_SPEAKER) if name == NO_SPEAKER else name

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

    def _item_clicked(self, item: QTreeWidgetItem) -> None:
        span_id = item.data(0, SPAN_ID_ROLE)
        if span_id is not None:
            self.span_chosen.emit(span_id)

    # -- details ----------------------------------------------------------------------------

    def set_entities(self, entities: list[str]) -> None:
        self._known_entities = sorted(set(entities))
        self._entities.setStringList(self._known_entities)
        if self._popup is not None:
            self._popup.hide()  # it offered entries of the old list, for what was typed

    def show_span(self, span: Span | None, text: str, links: list[str]) -> None:
        self._span = span
        self.label.setText(span.label if span else self.tr("no span selected"))
        self.words.setText(text[span.start:span.end] if span else "")
        self.links.setText("\n".join(links))
        is_claim = bool(span and span.label == "CLAIM")
        self.stance.setEnabled(is_claim)
        self.stance.setCurrentText(span.attrs.get("stance", "") if is_claim else "")
        is_speaker = bool(span and span.label == "SPEAKER")
        self.entity.setEnabled(is_speaker)
        self.entity.setText(span.attrs.get("entity", "") if is_speaker else "")

    def _stance_width(self) -> int:
        """The stance column fits its title and the longest stance. It is fixed: fitted to
        its contents, it would measure its rows after every action, so an action on an
        article with thousands of claims would cost more than on one with a few."""
        metrics = self.tree.fontMetrics()
        widest = max(metrics.horizontalAdvance(stance) for stance in STANCES)
        return max(self.tree.header().sectionSizeHint(1), widest + 2 * metrics.averageCharWidth())

    def _stance_chosen(self) -> None:
        if self._span is not None:
            self.attribute_edited.emit(self._span.id, "stance", self.stance.currentText() or None)

    def _entity_completer(self) -> QCompleter:
        """The known entities, offered under the Entity box as the annotator types. It is
        not the box's own completer (``setCompleter``): that one writes the popup's current
        row into the box on Return, a row the annotator may never have chosen, and after
        the save has refilled the list, a row of another list. Here only an entry moved to
        with Up or Down, or clicked, goes into the box."""
        completer = QCompleter(self._entities, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setWidget(self.entity)
        completer.highlighted[QModelIndex].connect(self._entity_highlighted)
        return completer

    def _entity_popup(self) -> QAbstractItemView:
        """The completer's popup, made when first needed (not at start): a click takes an entry."""
        if self._popup is None:
            self._popup = self._completer.popup()
            self._popup.clicked.connect(self._entity_clicked)
        return self._popup

    def _suggest_entities(self, typed: str) -> None:
        """Offer the entities whose folded spelling contains what was typed (أ/ا, ى/ي, ة/ه,
        harakat, spaces), none of them chosen until the annotator moves to one."""
        from annotator.core.search import entity_key  # on first use (docs/architecture.md, "Layers")

        wanted = entity_key(typed)
        self._entities.setStringList([e for e in self._known_entities if wanted in entity_key(e)])
        popup = self._entity_popup()
        if not wanted or not self._entities.rowCount():
            popup.hide()
            return
        self._completer.complete()
        popup.selectionModel().clearCurrentIndex()

    def _entity_highlighted(self, index: QModelIndex) -> None:
        if index.isValid():  # an entry moved to; an invalid index comes when the list is refilled
            self.entity.setText(index.data())

    def _entity_clicked(self, index: QModelIndex) -> None:
        self.entity.setText(index.data())
        self._entity_finished()

    def _entity_finished(self) -> None:
        if self._span is None or self._span.label != "SPEAKER":
            return
        from annotator.core.search import entity_key  # on first use (docs/architecture.md, "Layers")

        typed = " ".join(self.entity.text().split())
        canonical = next((e for e in self._known_entities if entity_key(e) == entity_key(typed)), typed) if typed else ""
        if canonical != typed:
            self.entity.setText(canonical)
        if canonical != self._span.attrs.get("entity", ""):
            self.attribute_edited.emit(self._span.id, "entity", canonical or None)
