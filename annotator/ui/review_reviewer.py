"""Who decides in the review window: the reviewer's name, shown and changeable.

Every gold decision records its reviewer (its provenance's ``decided_by``). The name is
the one given to the window (``annotator review --reviewer NAME``), else the one the
settings remember (``reviewer``). A window with neither asks when it is first shown,
offering the annotator's name (``offered``), and remembers the answer: a reviewer is never the
annotator without being asked. The window's title and the status bar show the name; a
click on it there, or File > Reviewer name…, changes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QToolButton

from annotator.ui.bidi import isolate
from annotator.ui.tooltips import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtWidgets import QInputDialog

    from annotator.ui.review_window import ReviewWindow

REVIEWER_KEY = "reviewer"
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


class ReviewerName(QObject):
    def __init__(self, window: "ReviewWindow", given: str | None, offered: str | None = None):
        super().__init__(window)
        self.window = window
        remembered = str(window.settings.value(REVIEWER_KEY, "") or "").strip()
        annotator = str(window.settings.value("annotator", "") or "").strip()
        self.name = (given or "").strip() or remembered or (offered or "").strip() or annotator or "reviewer"
        self.must_ask = not (given or "").strip() and not remembered
        self.dialog: QInputDialog | None = None
        self.button = QToolButton()
        self.button.setAutoRaise(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.setToolTip(plain_tooltip(
            translate("ReviewerName", "Recorded on every gold decision; click to change")))
        self.button.clicked.connect(self.ask)
        window.installEventFilter(self)

    def show(self) -> None:
        """The name in the window's title and on the status bar's button."""
        window = self.window
        window.setWindowTitle(translate("ReviewerName", "Review: {0} — reviewer: {1}")
                              .format(window.project_path.name, self.name))
        self.button.setText(translate("ReviewWindow", "reviewer: {0}").format(isolate(self.name)))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.Show and self.must_ask:
            QTimer.singleShot(0, self._ask_if_shown)  # once the window is on screen, the question over it
        return False

    def _ask_if_shown(self) -> None:
        """Ask, unless the window closed before the question came (it asks when shown again)."""
        if self.must_ask and self.window.isVisible():
            self.must_ask = False
            self.ask()

    def ask(self) -> "QInputDialog":
        from PySide6.QtWidgets import QInputDialog  # on first use (docs/architecture.md, "Layers")

        dialog = QInputDialog(self.window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setWindowTitle(translate("ReviewerName", "Who is reviewing?"))
        dialog.setLabelText(translate("ReviewerName", "Your name as reviewer (recorded on every gold decision):"))
        dialog.setTextValue(self.name)
        dialog.textValueSelected.connect(self.set)
        dialog.open()
        self.dialog = dialog
        return dialog

    def set(self, name: str) -> None:
        name = name.strip()
        if not name:
            self.window.say(translate("ReviewerName", "A reviewer needs a name: it stays {0}").format(isolate(self.name)))
            return
        self.name = self.window.reviewer = name
        self.window.settings.setValue(REVIEWER_KEY, name)
        self.show()
