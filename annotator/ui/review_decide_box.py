"""The review window's "decide this unit" box: the reason, combine, edit as gold and
reject, with the widgets set on the window (``window.reason``, ``window.edit_button``…)
where its decisions and tests reach them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLineEdit, QPushButton

from annotator.ui import shown_names
from annotator.ui.review_parts import plain_label
from annotator.ui.tooltips import plain_tooltip

if TYPE_CHECKING:
    from annotator.ui.review_window import ReviewWindow


def decide_box(window: "ReviewWindow") -> QGroupBox:
    """The box, its widgets set on ``window``; the unit list and decisions exist already.
    Its texts keep the window's translation context."""
    window.reason = QLineEdit()
    window.reason.setPlaceholderText(
        QCoreApplication.translate("ReviewWindow", "Reason (optional; saved with the next decision)"))
    window.reason.setClearButtonEnabled(True)
    window.reason.returnPressed.connect(window.unit_list.setFocus)

    window.combine_button = QPushButton(QCoreApplication.translate("ReviewWindow", "Combine  (C)"))
    window.boundaries_from = QComboBox()
    window.attributes_from = QComboBox()
    window.combine_button.clicked.connect(window.decisions.combine)
    window.edit_label = QComboBox()
    for combo in (window.boundaries_from, window.attributes_from, window.edit_label):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
    for label in window.project.schema.labels:  # shown in the interface language, holding the stored name
        window.edit_label.addItem(shown_names.label(window.project.schema, label.name), label.name)
    window.edit_label.currentTextChanged.connect(lambda _: window._fill_attribute_choice())
    window.edit_attribute_name = plain_label()
    window.edit_attribute = QComboBox()
    window.edit_attribute.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    window.edit_attribute.setMinimumContentsLength(8)
    window._fill_attribute_choice()
    window.edit_button = QPushButton(
        QCoreApplication.translate("ReviewWindow", "Edit: the selected words as gold  (E)"))
    window.edit_button.setToolTip(plain_tooltip(QCoreApplication.translate(
        "ReviewWindow", "Select the words in the article, choose the label and attribute, then Edit")))
    window.edit_button.clicked.connect(window.decisions.edit)
    window.reject_button = QPushButton(QCoreApplication.translate("ReviewWindow", "Reject: no gold span here  (X)"))
    window.reject_button.clicked.connect(window.decisions.reject)

    decide = QGroupBox(QCoreApplication.translate("ReviewWindow", "Decide this unit (or pick a version above)"))
    grid = QGridLayout(decide)
    grid.addWidget(plain_label(QCoreApplication.translate("ReviewWindow", "Reason")), 0, 0)
    grid.addLayout(window.decision_reasons.beside(window.reason), 0, 1, 1, 3)
    grid.addWidget(plain_label(QCoreApplication.translate("ReviewWindow", "Combine: boundaries from")), 1, 0)
    grid.addWidget(window.boundaries_from, 1, 1)
    grid.addWidget(plain_label(QCoreApplication.translate("ReviewWindow", "attributes from")), 1, 2)
    grid.addWidget(window.attributes_from, 1, 3)
    grid.addWidget(window.combine_button, 2, 0, 1, 4)
    grid.addWidget(plain_label(QCoreApplication.translate("ReviewWindow", "Edit: label")), 3, 0)
    grid.addWidget(window.edit_label, 3, 1)
    grid.addWidget(window.edit_attribute_name, 3, 2)
    grid.addWidget(window.edit_attribute, 3, 3)
    grid.addWidget(window.edit_button, 4, 0, 1, 4)
    grid.addWidget(window.reject_button, 5, 0, 1, 4)
    grid.setColumnStretch(1, 1)
    grid.setColumnStretch(3, 1)
    return decide
