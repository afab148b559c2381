"""Why the reviewer decides: a category and a "guidelines need updating" flag beside the
reason box, and the time the decision took.

Part of ``ReviewWindow`` (``window.decision_reasons``). The choice is remembered per
unit until that unit is decided (a reviewer who looks at another unit and comes back
finds it as they left it), and starts empty; the time runs from showing a unit to
deciding it. ``why`` hands them to the decision (``decision_reasons.decided_with``),
which stores them in its own transaction.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QElapsedTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout

from annotator.core.decision_reasons import Why
from annotator.ui.tooltips import plain_tooltip

CATEGORY_NAMES = (
    (None, QT_TRANSLATE_NOOP("DecisionReasons", "Why: not given")),
    ("annotator_error", QT_TRANSLATE_NOOP("DecisionReasons", "Annotator error")),
    ("ambiguous_text", QT_TRANSLATE_NOOP("DecisionReasons", "Ambiguous text")),
    ("guideline_gap", QT_TRANSLATE_NOOP("DecisionReasons", "Guideline gap")),
    ("schema_gap", QT_TRANSLATE_NOOP("DecisionReasons", "Schema gap")),
)


translate = QCoreApplication.translate  # not a QObject; lupdate reads translate("Context", "text")


def _tr(text: str) -> str:
    return translate("DecisionReasons", text)


class DecisionReasons:
    def __init__(self) -> None:
        self.category = QComboBox()
        for value, name in CATEGORY_NAMES:
            self.category.addItem(_tr(name), value)
        self.category.setToolTip(plain_tooltip(translate(
            "DecisionReasons", "Why the annotators' versions differ; saved with the next decision on this unit")))
        self.flag = QCheckBox(translate("DecisionReasons", "Guidelines need updating"))
        self.category.currentIndexChanged.connect(lambda _: self._remember())
        self.flag.toggled.connect(lambda _: self._remember())
        self._chosen: dict[str, tuple[str | None, bool]] = {}
        self._shown: str | None = None
        self._clock = QElapsedTimer()

    def beside(self, reason: QLineEdit) -> QVBoxLayout:
        """The reason box with the category and the flag under it."""
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(reason)
        row = QHBoxLayout()
        row.addWidget(self.category, 1)
        row.addWidget(self.flag)
        column.addLayout(row)
        return column

    def unit_shown(self, key: str | None) -> None:
        """Show the choice made for this unit (none at first) and start its clock."""
        if key == self._shown:
            return
        self._shown = key
        self._clock.start()
        category, flag = self._chosen.get(key, (None, False)) if key else (None, False)
        self._set(category, flag)

    def why(self, unit_key: str | None) -> Why | None:
        """What goes with a decision on ``unit_key``; None for a decision on no one unit."""
        if unit_key is None:
            return None
        category, flag = self._chosen.get(unit_key, (None, False))
        shown_ms = self._clock.elapsed() if unit_key == self._shown and self._clock.isValid() else None
        return Why(category, flag, shown_ms)

    def decided(self, unit_key: str | None) -> None:
        if unit_key is not None:
            self._chosen.pop(unit_key, None)
        if unit_key == self._shown:
            self._set(None, False)

    def forget(self) -> None:
        """Another document: nothing chosen for its units yet."""
        self._chosen.clear()
        self._shown = None
        self._set(None, False)

    def _set(self, category: str | None, flag: bool) -> None:
        for widget in (self.category, self.flag):
            widget.blockSignals(True)
        self.category.setCurrentIndex(max(self.category.findData(category), 0))
        self.flag.setChecked(flag)
        for widget in (self.category, self.flag):
            widget.blockSignals(False)

    def _remember(self) -> None:
        if self._shown is not None:
            self._chosen[self._shown] = (self.category.currentData(), self.flag.isChecked())
