"""Start the Qt application: one QApplication, the bundled font, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from annotator.core.project_file import ProjectLockedError
from annotator.paths import resource_path

ARABIC_FONT_FILE = "NotoNaskhArabic-Regular.ttf"


def load_arabic_font() -> str:
    """Register the bundled Arabic font and return its family name."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", ARABIC_FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else QFont().defaultFamily()


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Annotator")
    app.setOrganizationName("annotator")
    return app


def run(project: Path) -> int:
    from annotator.ui import dialogs
    from annotator.ui.main_window import MainWindow, confirm_annotator

    app = application()
    annotator = confirm_annotator()
    if annotator is None:
        return 0
    try:
        window = MainWindow(project, annotator)
    except ProjectLockedError as error:
        if not dialogs.ask(None, "Project in use", f"{error}\n\nOpen it read-only?"):
            return 0
        window = MainWindow(project, annotator, read_only=True)
    window.show()
    return app.exec()
