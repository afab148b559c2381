"""The project's annotation guidelines beside the article (File → Guidelines…, View menu).

The panel renders the project's own Markdown, nothing else: links do not navigate and no
image or other resource is loaded. It scrolls to the section of the label of the selected
span, or of the span the caret is in, and gives each label's definition (its section's
first paragraph, ``core/guidelines.py``) to the hover texts and the F1 help.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import QDockWidget, QTextBrowser

from annotator.core import guidelines as rules
from annotator.core.errors import AnnotatorError
from annotator.core.schema import Label, Schema
from annotator.core.store import Project
from annotator.core.store import guidelines as stored
from annotator.ui.i18n import interface_language
from annotator.ui.tooltips import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from annotator.ui.main_window import MainWindow

SHOWN_SETTING = "window/guidelines_shown"


translate = QCoreApplication.translate  # outside a QObject; lupdate reads translate("Context", "text")


class OwnMarkdownBrowser(QTextBrowser):
    """A text browser that shows only the text it is given: an image the Markdown names is
    never read. The answer must not be empty: on an empty one the document reads a local
    file by itself."""

    def loadResource(self, kind, name):  # noqa: N802
        blank = QImage(1, 1, QImage.Format.Format_ARGB32)
        blank.fill(0)
        return blank


class GuidelinesPanel(QDockWidget):
    def __init__(self, project: Project, settings, parent=None):
        super().__init__(parent)
        self.settings = settings  # the window's QSettings: whether the panel is shown
        self.setObjectName("guidelines")
        self.setWindowTitle(translate("GuidelinesPanel", "Guidelines"))
        self.project = project
        self.schema: Schema = project.schema
        self.browser = OwnMarkdownBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.setWidget(self.browser)
        self.markdown = ""
        self._rendered = False
        self._shown_span: int | None = None
        self._followed_label: str | None = None  # the label of the span followed, to scroll to on showing
        # Per label, read once per reload: each selection asks for both, and each answer
        # would otherwise scan the whole Markdown (definition) or every rendered block (heading).
        self._definitions: dict[str, str] = {}
        self._heading_numbers: dict[str, int | None] = {}
        self.reload()

    # -- what it shows ------------------------------------------------------------------

    def reload(self) -> None:
        """Read the project's guidelines in the interface language; they are rendered when
        the panel is shown (a hidden panel costs the window's start nothing)."""
        self.markdown = rules.for_language(stored.read(self.project), interface_language())
        self._rendered = False
        self._shown_span = None
        self._definitions.clear()
        self._heading_numbers.clear()
        if self.isVisible():
            self._render()

    def _render(self) -> None:
        """Show the guidelines (or a line on adding them) in the browser, once per reload."""
        if self._rendered:
            return
        self._rendered = True
        if self.markdown:
            self.browser.setMarkdown(self.markdown)
        else:
            self.browser.setPlainText(translate(
                "GuidelinesPanel", "This project has no guidelines yet. Load a Markdown file with File → Guidelines…, "
                "or from the command line: annotator guidelines PROJECT FILE.md"))

    def showEvent(self, event) -> None:  # noqa: N802
        self._render()
        super().showEvent(event)
        if self._followed_label is not None:
            self.scroll_to_label(self._followed_label)

    def _label(self, name: str) -> Label | None:
        return next((label for label in self.schema.labels if label.name == name), None)

    def definition(self, label: str) -> str:
        """The first paragraph of ``label``'s section ("" where the guidelines have none)."""
        if label not in self._definitions:
            wanted = self._label(label)
            self._definitions[label] = rules.definition(self.markdown, wanted) if self.markdown and wanted else ""
        return self._definitions[label]

    def heading_block(self, label: str):
        """The rendered heading that starts ``label``'s section, or None."""
        wanted = self._label(label)
        if not self.markdown or wanted is None:
            return None
        self._render()
        if label not in self._heading_numbers:
            self._heading_numbers[label] = self._find_heading(wanted)
        number = self._heading_numbers[label]
        return None if number is None else self.browser.document().findBlockByNumber(number)

    def _find_heading(self, wanted: Label) -> int | None:
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and rules.heading_names(wanted, block.text()):
                return block.blockNumber()
            block = block.next()
        return None

    def scroll_to_label(self, label: str) -> bool:
        """Put ``label``'s section at the top of the panel; False when it has none."""
        block = self.heading_block(label)
        if block is None:
            return False
        top = self.browser.document().documentLayout().blockBoundingRect(block).top()
        self.browser.verticalScrollBar().setValue(int(top))
        return True

    def top_block_text(self) -> str:
        """The words of the first block whose line shows at the top of the panel."""
        self._render()
        layout, top = self.browser.document().documentLayout(), self.browser.verticalScrollBar().value()
        block = self.browser.document().begin()
        while block.isValid() and layout.blockBoundingRect(block).bottom() <= top:
            block = block.next()
        return block.text() if block.isValid() else ""

    # -- following the article ------------------------------------------------------------

    def follow_span(self, span_id: int | None, label: str | None) -> None:
        """Scroll to ``label``'s section when the span under the cursor changes (None: no span,
        so that coming back into the same span scrolls again)."""
        if span_id == self._shown_span:
            return
        self._shown_span = span_id
        self._followed_label = label if span_id is not None else None
        if self._followed_label is not None and self.isVisible():
            self.scroll_to_label(self._followed_label)

    # -- loading a file ------------------------------------------------------------------

    def load_file(self, path: str) -> bool:
        """Make the Markdown file at ``path`` the project's guidelines, for every language."""
        from pathlib import Path

        from annotator.ui import dialogs

        try:
            stored.replace(self.project, rules.read_guidelines_file(Path(path)))
        except AnnotatorError as error:
            dialogs.warn(self, translate("GuidelinesPanel", "Guidelines not loaded"), dialogs.user_message(error))
            return False
        self.reload()
        self.show()
        return True

    def choose_file(self) -> bool:
        from PySide6.QtWidgets import QFileDialog  # on first use (docs/architecture.md, "Layers")

        path, _ = QFileDialog.getOpenFileName(self, translate("GuidelinesPanel", "Load guidelines (Markdown)"), "",
                                              translate("GuidelinesPanel", "Markdown (*.md *.markdown *.txt);;All files (*)"))
        return bool(path) and self.load_file(path)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.settings.setValue(SHOWN_SETTING, False)
        super().closeEvent(event)


def install(window: "MainWindow", file_menu: "QMenu", view_menu: "QMenu") -> GuidelinesPanel:
    """The panel at the window's side, File → Guidelines… (before Quit) and its View menu
    switch, whose state is remembered."""
    panel = GuidelinesPanel(window.project, window.settings, window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
    window.resizeDocks([panel], [320], Qt.Orientation.Horizontal)
    panel.load_action = QAction(window)
    panel.load_action.setText(translate("GuidelinesPanel", "Guidelines…"))
    panel.load_action.triggered.connect(lambda *_: panel.choose_file())
    panel.load_action.setEnabled(not window.project.read_only)
    quit_action = file_menu.actions()[-1]
    file_menu.insertAction(quit_action, panel.load_action)
    file_menu.insertSeparator(quit_action)
    toggle = panel.toggleViewAction()
    toggle.setText(translate("GuidelinesPanel", "Show guidelines"))
    toggle.setShortcut(QKeySequence("Ctrl+G"))
    toggle.triggered.connect(lambda shown: window.settings.setValue(SHOWN_SETTING, shown))
    view_menu.addAction(toggle)
    # Hidden until asked for (Ctrl+G), then as it was left: beside the tree and the details it
    # would leave the article a third of a 1400-pixel window.
    panel.setVisible(window.settings.value(SHOWN_SETTING, False, type=bool))
    window.editor.label_definition = panel.definition
    window.editor.selection_changed.connect(lambda span_id: _follow_selection(window, panel, span_id))
    window.article.cursorPositionChanged.connect(lambda: _follow_caret(window, panel))
    return panel


def _follow_selection(window: "MainWindow", panel: GuidelinesPanel, span_id: int | None) -> None:
    span = window.editor.span(span_id)
    definition = panel.definition(span.label) if span else ""
    window.panel.label.setToolTip(plain_tooltip(definition) if definition else "")
    panel.follow_span(span.id if span else None, span.label if span else None)


def _follow_caret(window: "MainWindow", panel: GuidelinesPanel) -> None:
    article = window.article
    if not article.text or not panel.isVisible():
        return
    offset = article.offsets.from_qt(article.textCursor().position())
    spans = [s for s in article.highlighter.spans_at(offset) if s.id > 0]
    if spans:
        panel.follow_span(spans[0].id, spans[0].label)

