"""A first article: the menu says it imports articles, the first imported article opens, and
an article without spans says how to make the first one until there is one."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.store import Project
from annotator.ui.i18n import install_translator, uninstall_translator
from annotator.ui.transfer import ImportDialog

# Written for these tests; the people are fictional.
FIRST = "أعلنت وزارة الصحة أن حملة التطعيم ستبدأ الأسبوع المقبل.\n"
SECOND = "قال رئيس البلدية إن الطريق الجديد سيفتح في الربيع.\n"
OPEN = "وأكدت المديرة سلمى يوسف أن المدرسة ستستقبل الطلاب قريبًا."


def import_from_the_menu(window, qtbot, folder) -> None:
    """File > Import articles or annotations…, the folder typed in its dialog, OK."""
    action = next(a for a in window.menuBar().actions()[0].menu().actions()
                  if a.text() == "Import articles or annotations…")

    def fill():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ImportDialog):  # not shown yet
            QTimer.singleShot(10, fill)
            return
        dialog.path.setText(str(folder))
        dialog.accept()

    QTimer.singleShot(0, fill)
    action.trigger()


def test_an_import_from_the_menu_opens_the_first_imported_article(qtbot, tmp_path, make_window):
    window = make_window({"open": OPEN})
    assert window.editor.document == window.project.document_by_id("open").key
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a_vaccines.txt").write_text(FIRST, encoding="utf-8")
    (folder / "b_road.txt").write_text(SECOND, encoding="utf-8")

    import_from_the_menu(window, qtbot, folder)

    with Project.open(window.project_path) as project:
        texts = {project.document(d.key).text for d in project.documents()}
    assert {FIRST.strip(), SECOND.strip()} <= {t.strip() for t in texts}
    assert window.article.text.strip() == FIRST.strip()
    assert window.documents.current_key() == window.editor.document


def test_an_empty_article_hints_at_the_keys_until_its_first_span(qtbot, make_window):
    window = make_window({"open": OPEN, "other": SECOND})
    hint = window.empty_hint
    assert hint.isVisible()
    assert "1\u00a0SPEAKER / 2\u00a0CLAIM / 3\u00a0TARGET" in hint.text() and "F1" in hint.text()
    assert window.article.viewport().geometry().contains(hint.geometry())

    window.article.select_range(OPEN.index("المديرة"), OPEN.index(" أن"))
    assert not hint.isVisible()  # selecting words is the first step: the hint has said enough
    qtbot.keyClick(window.article, "1")
    assert window.editor.span_count() == 1 and not hint.isVisible()

    window.open_document("other")  # no spans there yet
    assert hint.isVisible()
    window.open_document("open")  # a span there
    assert not hint.isVisible()


def test_the_hint_names_the_keys_in_arabic(qtbot, qapp, make_window):
    translator = install_translator(qapp, "ar")
    try:
        window = make_window({"open": OPEN})
        assert window.empty_hint.isVisible()
        assert "1\u00a0متحدث / 2\u00a0تصريح / 3\u00a0موضوع" in window.empty_hint.text()
        assert "F1" in window.empty_hint.text() and "Select" not in window.empty_hint.text()
    finally:
        uninstall_translator(qapp, translator)


def test_articles_imported_from_the_welcome_window_open_at_the_first_of_them(qtbot, tmp_path, monkeypatch):
    from annotator.core.ingest import DocumentInput, import_documents
    from annotator.ui import welcome
    from annotator.ui.main_window import MainWindow

    project = tmp_path / "news.sqlite"
    with Project.create(project) as made:
        import_documents(made, [DocumentInput(text=OPEN, path="open.txt", id="open")])
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a_vaccines.txt").write_text(FIRST, encoding="utf-8")
    monkeypatch.setattr(welcome, "inform", lambda *args: None)
    start = welcome.WelcomeWindow()
    qtbot.addWidget(start)
    assert start.import_into(project, [folder])

    window = MainWindow(project, annotator="mona")
    qtbot.addWidget(window)
    assert window.article.text.strip() == FIRST.strip()
