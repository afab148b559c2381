"""The interface in Arabic: every visible string of every window and dialog is translated,
the layout is mirrored, and the article stays right to left; the committed .qm matches the .ts."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from annotator.paths import resource_path
from annotator.ui.i18n import install_translator, uninstall_translator
from annotator.ui.settings import app_settings

# Words that stay Latin in Arabic: format and product names, keys, user data. The default
# schema's names are not among them: the Arabic interface shows its Arabic display names.
ALLOWED = {
    "Prodigy", "CoNLL", "brat", "spaCy", "JSONL", "Label", "Studio", "doccano", "TOML", "English", "NAME",
    "Python", "Qt", "PySide6", "SQLite", "CPython", "Noto", "Naskh", "Arabic", "F1", "U", "gold",
    "Ctrl", "Shift", "Alt", "Enter", "Return", "Backspace", "Tab", "Esc", "Delete", "Del", "Up", "Down",
    "plus", "minus", "F", "G", "N", "C", "E", "X", "J", "K", "A", "S", "D", "I", "R", "Z", "Y", "W", "M", "mona",
}
LATIN = re.compile(r"[A-Za-z]")
SOURCES = Path(__file__).parents[2] / "annotator" / "ui"


def untranslated(text: str) -> list[str]:
    """The Latin words of ``text`` that are not allowed: paths, file names and versions are,
    and so is user text, which the interface isolates (FSI ... PDI)."""
    text = re.sub("[\u2066-\u2068][^\u2069]*\u2069", " ", text)
    words = re.split(r"[\s,،؛;:()\[\]{}«»<>·—=+&\t\"'…]+", text.replace("&&", ""))
    return [w for w in words if LATIN.search(w) and w not in ALLOWED and not re.search(r"[/\\.\d]", w)]


def texts_of(widget: QWidget) -> list[str]:
    found = [widget.windowTitle()]
    for action in widget.findChildren(QAction):
        found.append(action.text())
    for menu_action in getattr(widget, "menuBar", lambda: None)() and widget.menuBar().actions() or []:
        found.append(menu_action.text())
    for kind, read in ((QLabel, QLabel.text), (QAbstractButton, QAbstractButton.text), (QGroupBox, QGroupBox.title),
                       (QLineEdit, QLineEdit.placeholderText)):
        found += [read(child) for child in widget.findChildren(kind)]
    for tabs in widget.findChildren(QTabWidget):
        found += [tabs.tabText(i) for i in range(tabs.count())]
    for header in widget.findChildren(QHeaderView):
        model = header.model()
        if model is not None:
            count = model.columnCount() if header.orientation() == Qt.Orientation.Horizontal else 0
            found += [str(model.headerData(i, Qt.Orientation.Horizontal) or "") for i in range(count)]
    return [t for t in found if t]


def assert_arabic(widget: QWidget) -> None:
    bad = {t: untranslated(t) for t in texts_of(widget) if untranslated(t)}
    assert not bad, f"untranslated in {type(widget).__name__}: {bad}"


@pytest.fixture
def arabic(qapp):
    settings = app_settings()
    settings.setValue("language", "ar")
    settings.sync()
    translator = install_translator(qapp)
    assert translator is not None
    yield qapp
    uninstall_translator(qapp, translator)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_every_window_and_dialog_reads_in_arabic(arabic, make_window, qtbot):
    assert arabic.layoutDirection() == Qt.LayoutDirection.RightToLeft
    window = make_window({"a1": "قال الوزير إن الاقتصاد يتحسن.", "a2": "وأكد المتحدث أن الحكومة ستدعم القطاع."})
    assert window.article.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert_arabic(window)
    assert "ملف" in window.menuBar().actions()[0].text()
    review = window.open_review()
    assert review.article.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert_arabic(review)
    assert_arabic(window.open_dashboard())
    assert_arabic(window.export())
    assert_arabic(window.open_settings())
    assert_arabic(window.show_about())

    from annotator.ui.help_dialog import show_shortcuts
    from annotator.ui.transfer import ImportDialog
    from annotator.ui.welcome import ImportArticlesDialog, NewProjectDialog, WelcomeWindow

    shortcuts = show_shortcuts(window, window.project.schema)
    qtbot.addWidget(shortcuts)
    assert_arabic(shortcuts)
    for dialog in (ImportDialog("", window), NewProjectDialog(), ImportArticlesDialog(), WelcomeWindow()):
        qtbot.addWidget(dialog)
        assert_arabic(dialog)


def test_untranslated_words_are_caught():
    assert untranslated("Export…") == ["Export"]
    assert untranslated("تصدير (Ctrl+E) p.sqlite") == []


def test_the_committed_qm_is_compiled_from_the_ts(tmp_path):
    ts = resource_path("translations", "annotator_ar.ts")
    built = tmp_path / "annotator_ar.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(ts), "-qm", str(built)], check=True, capture_output=True)
    assert built.read_bytes() == resource_path("translations", "annotator_ar.qm").read_bytes()


def test_every_translation_is_finished(tmp_path):
    """Every string the interface's code marks for translation is in the .ts, translated:
    lupdate, run over the sources into a copy, finds nothing new or unfinished."""
    committed = resource_path("translations", "annotator_ar.ts")
    copy = tmp_path / "translations" / committed.name
    copy.parent.mkdir()
    copy.write_bytes(committed.read_bytes())
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), *sorted(map(str, SOURCES.glob("*.py"))), "-ts", str(copy)],
                   check=True, capture_output=True)
    text = copy.read_text(encoding="utf-8")
    unfinished = re.findall(r"<source>([^<]*)</source>\s*<translation type=\"unfinished\"", text)
    assert unfinished == [], f"not translated in {committed.name}: {unfinished}"
    assert text.count("<message") > 250


def test_qt_own_buttons_are_arabic_too(arabic):
    from PySide6.QtWidgets import QApplication

    assert QApplication.translate("QPlatformTheme", "Cancel") != "Cancel"


def press(window, key) -> None:
    window.editor.key_pressed(QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))


def test_editor_messages_and_undo_names_read_in_arabic(arabic, make_window):
    text = "قال الوزير إن الاقتصاد يتحسن."
    window = make_window({"a1": text})
    undo = next(a for a in window.menuBar().actions()[1].menu().actions() if a.shortcut().toString() == "Ctrl+Z")

    window.article.select_range(text.index("إن"), len(text) - 1)
    claim = window.editor.label_selection("CLAIM")
    assert claim is not None and claim.label == "CLAIM"
    assert undo.text().startswith("تراجع") and "تصريح" in undo.text() and not untranslated(undo.text())

    press(window, Qt.Key.Key_F)
    assert "الموقف" in undo.text() and not untranslated(undo.text())
    said_by = next(r for r in window.project.schema.relations if r.head == "CLAIM")
    window.editor.start_link(said_by)  # a status-bar message naming the schema's relation
    message = window.statusBar().currentMessage()
    assert message and "منسوب إلى" in message and not untranslated(message)

    window.editor.select(None)
    press(window, Qt.Key.Key_G)  # refused: no CLAIM selected
    message = window.statusBar().currentMessage()
    assert "تصريح" in message and not untranslated(message), message

    window.editor.undo_stack.undo()
    assert "تصريح" in undo.text() and not untranslated(undo.text())
