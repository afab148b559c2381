"""A long article shows its first screen, highlighted, before all its spans are read
(``Editor.open``, issue 19's open of 1 MB with 10,000 spans within 3x a bare load)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import DEFAULT_SCHEMA
from annotator.core.store import Project
from annotator.ui.article_view import ArticleView
from annotator.ui.editor import FIRST_SCREEN_FROM, Editor
from tests.ui.test_highlighter import highlighted

PARAGRAPH = "قال الوزيرُ إن الخطة «ناجحة» وستُعرض على البرلمان الأسبوع المقبل."


def long_article_project(path) -> tuple[Project, int, str]:
    """A project whose one article is long enough to open in two steps, with a span on its
    first line and one on its last."""
    lines = [PARAGRAPH] * (FIRST_SCREEN_FROM // len(PARAGRAPH) + 10)
    lines[-1] = "وفي الختام أكدت المتحدثة أن القرار نهائي."
    text = "\n".join(lines)
    with Project.create(path) as made:
        import_documents(made, [DocumentInput(text=text, path="long.txt", id="long")])
        key = made.document_by_id("long").key
        made.add_span(key, "mona", text.index("الوزيرُ"), text.index("الوزيرُ") + len("الوزيرُ"), "SPEAKER")
        made.add_span(key, "mona", text.rindex("المتحدثة"), text.rindex("المتحدثة") + len("المتحدثة"), "SPEAKER")
    return Project.open(path), key, text


@pytest.fixture
def editor_of(qtbot):
    """An editor over a view on screen, for ``project``; the view's event filter is taken
    off at the end, so that a failed test's editor does not outlive its Python side."""
    made = []

    def make(project: Project) -> Editor:
        view = ArticleView(QApplication.font().family(), DEFAULT_SCHEMA)
        qtbot.addWidget(view)
        view.resize(700, 500)
        view.show()
        qtbot.waitExposed(view)
        made.append(Editor(project, view, "mona"))
        return made[-1]

    yield make
    for editor in made:
        editor.view.removeEventFilter(editor)
        editor.project.close()


def test_a_long_article_is_painted_with_its_first_screens_spans_before_the_rest_are_read(qtbot, tmp_path, editor_of):
    project, key, text = long_article_project(tmp_path / "long.annotator")
    editor = editor_of(project)
    view = editor.view
    at_first_paint = {}
    paint_now = view.paint_now

    def first_paint() -> None:
        paint_now()
        at_first_paint.update(highlighted=highlighted(view), session=editor.session)

    view.paint_now = first_paint
    editor.open(key)
    assert at_first_paint["session"] is None  # painted before the document's spans were all read
    assert at_first_paint["highlighted"] == ["الوزيرُ"]  # the first screen's span, on its own letters
    assert [text[s.start:s.end] for s in editor.spans()] == ["الوزيرُ", "المتحدثة"]
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: "المتحدثة" in highlighted(view))


def test_a_short_article_opens_in_one_step(tmp_path, editor_of):
    with Project.create(tmp_path / "short.annotator") as made:
        import_documents(made, [DocumentInput(text=PARAGRAPH, path="short.txt", id="short")])
        key = made.document_by_id("short").key
        made.add_span(key, "mona", 4, 11, "SPEAKER")
    editor = editor_of(Project.open(tmp_path / "short.annotator"))
    painted_first = []
    editor.view.paint_now = lambda: painted_first.append(True)
    editor.open(key)
    assert not painted_first and highlighted(editor.view) == [PARAGRAPH[4:11]]
