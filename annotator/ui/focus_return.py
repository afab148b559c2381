"""The keyboard goes back to where the annotator works once a button, a list box or a
line's Return has done its part: the article in the main window, the unit list in the
review window. Keys (labels, 1 to 9, Tab) act there, and a click on a panel must not
leave them dead until the article is clicked again. A box being typed into keeps the
keyboard until its Return: only finished actions hand it back.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QWidget
from shiboken6 import isValid

from annotator.ui.attribute_editors import KnownValuesBox


def hand_back_keyboard(area: QWidget, target: QWidget) -> None:
    """After a click on any button in ``area``, a choice in any of its list boxes, a
    Return in any of its lines or a value taken in a box's offers (clicked, or proposed
    and taken by Tab), ``target`` gets the keyboard (after the action itself, whose slot
    was connected first)."""
    def back(*_args) -> None:
        if isValid(target) and target.isVisible():
            target.setFocus()

    for button in area.findChildren(QAbstractButton):
        if not isinstance(button.parentWidget(), QLineEdit):  # a line's clear button: typing goes on
            button.clicked.connect(back)
    for combo in area.findChildren(QComboBox):
        combo.activated.connect(back)
    for line in area.findChildren(QLineEdit):
        line.returnPressed.connect(back)
    for box in area.findChildren(KnownValuesBox):
        box.taken.connect(back)
