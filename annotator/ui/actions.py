"""Menu actions that also work as window-wide shortcuts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget


def add_action(window: QWidget, menu: QMenu, text: str, shortcuts, slot: Callable,
               checkable: bool = False) -> QAction:
    """An action in ``menu`` whose shortcuts work anywhere in ``window``.

    ``shortcuts`` is None, one key sequence (text, QKeySequence or StandardKey) or a list;
    a checkable action passes its new state to ``slot``, another calls it with nothing.
    """
    action = QAction(window)  # QAction(text, window) would make PySide create QIcon and all its enums
    action.setText(text)
    if shortcuts:
        listed = shortcuts if isinstance(shortcuts, list) else [shortcuts]
        action.setShortcuts([s if isinstance(s, QKeySequence) else QKeySequence(s) for s in listed])
    action.setCheckable(checkable)
    action.triggered.connect(slot if checkable else (lambda *_: slot()))
    menu.addAction(action)
    window.addAction(action)
    return action
