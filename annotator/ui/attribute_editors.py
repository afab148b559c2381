"""The details panel's editors of a span's attributes, one kind for each kind of attribute
in a schema: a list of a closed attribute's values, and a box for a free-text one that
offers the values already written."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QCompleter, QLineEdit

from annotator.core.schema import Attribute
from annotator.ui.bidi import isolate
from annotator.ui.i18n import interface_language


class ValueList(QComboBox):
    """A closed attribute: a blank entry (no value) and the attribute's values."""

    chosen = Signal(object)  # the value chosen, or None for the blank entry

    def __init__(self, attribute: Attribute, parent=None):
        super().__init__(parent)
        self._values: tuple[str, ...] = ()
        self._offer(attribute)
        self.activated.connect(lambda: self.chosen.emit(self.currentData() or None))

    def show_value(self, attribute: Attribute | None, value: str) -> None:
        """``value`` among ``attribute``'s values, or blank and disabled when the selected
        span has no such attribute. Two labels may give an attribute of one name values of
        their own: the list holds those of the selected span's label."""
        usable = attribute is not None and bool(attribute.values)
        if usable and attribute.values != self._values:
            self._offer(attribute)
        self.setEnabled(usable)
        self.setCurrentIndex(max(self.findData(value), 0) if usable else 0)

    def _offer(self, attribute: Attribute) -> None:
        """Each value shown by its name in the interface language, holding the stored value."""
        self.clear()
        self.addItem("", "")
        language = interface_language()
        for value in attribute.values:
            self.addItem(attribute.shown_value(value, language), value)
        self._values = attribute.values


class KnownValuesBox(QLineEdit):
    """A free-text attribute, with the values already written offered under it as the
    annotator types. Return keeps what was typed; an offered value goes in only when the
    annotator moves to it (Down or Up) or clicks it."""

    finished = Signal()  # Return, leaving the box, or an offered value clicked
    taken = Signal()  # after ``finished``: an offered value clicked, or the proposed one taken

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self._known: list[str] = []
        self._offered = QStringListModel(self)
        self._completer = self._make_completer()
        self._popup: QAbstractItemView | None = None
        self._proposed: str | None = None
        self.textEdited.connect(self._offer)
        self.editingFinished.connect(self.finished)

    def set_known(self, values: list[str]) -> None:
        self._known = sorted(set(values))
        self._offered.setStringList(self._known)
        if self._popup is not None:
            self._popup.hide()  # it offered entries of the old list, for what was typed

    def show_value(self, attribute: Attribute | None, value: str) -> None:
        """``value``, or empty and disabled when the selected span has no such free-text attribute."""
        usable = attribute is not None and not attribute.values
        self.setEnabled(usable)
        self.setText(value if usable else "")
        self.propose(None)

    def propose(self, value: str | None) -> None:
        """Offer ``value`` (the entity the same words were given elsewhere) in the empty
        box: Tab or Return takes it, typing anything else ignores it."""
        self._proposed = value if value and self.isEnabled() and not self.text() else None
        self.setPlaceholderText(self.tr("{0}  (Tab or Enter takes it)").format(isolate(self._proposed))
                                if self._proposed else "")

    def event(self, event) -> bool:  # noqa: A003 - Tab reaches event(), never keyPressEvent
        if (event.type() == QEvent.Type.KeyPress and not event.modifiers() and self._proposed and not self.text()
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.setText(self._proposed)
            self.propose(None)
            self.finished.emit()
            self.taken.emit()
            return True
        return super().event(event)

    def settled(self) -> str:
        """What the annotator wrote, spaces collapsed; spelled as the known value it equals
        by entity key, if any, so one name keeps one spelling. The box shows it too."""
        from annotator.core.search import entity_key  # on first use (docs/architecture.md, "Layers")

        typed = " ".join(self.text().split())
        known = next((v for v in self._known if entity_key(v) == entity_key(typed)), typed) if typed else ""
        if known != typed:
            self.setText(known)
        return known

    def _make_completer(self) -> QCompleter:
        """Not the box's own completer (``setCompleter``): that one writes the popup's current
        row into the box on Return, a row the annotator may never have chosen, and after
        the save has refilled the list, a row of another list."""
        completer = QCompleter(self._offered, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setWidget(self)
        completer.highlighted[QModelIndex].connect(self._highlighted)
        return completer

    def _popup_view(self) -> QAbstractItemView:
        """The completer's popup, made when first needed (not at start): a click takes an entry."""
        if self._popup is None:
            self._popup = self._completer.popup()
            self._popup.clicked.connect(self._clicked)
        return self._popup

    def _offer(self, typed: str) -> None:
        """Offer the known values whose folded spelling contains what was typed (أ/ا, ى/ي,
        ة/ه, harakat, spaces), none of them chosen until the annotator moves to one."""
        from annotator.core.search import entity_key  # on first use (docs/architecture.md, "Layers")

        wanted = entity_key(typed)
        self._offered.setStringList([v for v in self._known if wanted in entity_key(v)])
        popup = self._popup_view()
        if not wanted or not self._offered.rowCount():
            popup.hide()
            return
        self._completer.complete()
        popup.selectionModel().clearCurrentIndex()

    def _highlighted(self, index: QModelIndex) -> None:
        if index.isValid():  # an entry moved to; an invalid index comes when the list is refilled
            self.setText(index.data())

    def _clicked(self, index: QModelIndex) -> None:
        self.setText(index.data())
        self.finished.emit()
        self.taken.emit()
