"""The interface language: install the Arabic translation and mirror the layout.

English is the source language of every string, so "en" installs nothing. The choice
comes from the ``language`` setting ("" follows the system locale). The article view
sets its own direction and stays right to left whichever language is chosen.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from annotator.paths import resource_path
from annotator.ui.settings import stored_language

TRANSLATED = ("ar",)
_installed = "en"  # the language of the installed translation: the one schema names are shown in


def interface_language() -> str:
    """The language the window speaks now: "en", or the code of the installed translation."""
    return _installed


def effective_language(language: str | None = None) -> str:
    """ "en" or "ar": the stored choice, or the system locale's language when it is ""."""
    chosen = stored_language() if language is None else language
    if not chosen:
        chosen = QLocale.system().name().split("_")[0]
    return chosen if chosen in TRANSLATED else "en"


def install_translator(app: QApplication, language: str | None = None) -> QTranslator | None:
    """Load ``annotator_<language>.qm`` into ``app``; return the translator (None for English)."""
    global _installed
    _installed = "en"
    code = effective_language(language)
    if code == "en":
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        return None
    translator = QTranslator(app)
    if not translator.load(str(resource_path("translations", f"annotator_{code}.qm"))):
        return None
    app.installTranslator(translator)
    # Qt's own dialogs (file pickers, Yes/No) from the translations that ship with Qt.
    translator.qt_base = QTranslator(app)
    if translator.qt_base.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator.qt_base)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    _installed = code
    return translator


def uninstall_translator(app: QApplication, translator: QTranslator | None) -> None:
    global _installed
    _installed = "en"
    if translator is not None:
        app.removeTranslator(translator)
        app.removeTranslator(translator.qt_base)
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
