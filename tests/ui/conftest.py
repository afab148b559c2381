"""A real project file with given articles, opened in the annotator's window."""

import pytest

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import Schema
from annotator.core.store import Project
from annotator.ui.main_window import MainWindow


@pytest.fixture
def make_window(qtbot, tmp_path):
    def make(articles: dict[str, str], annotator: str = "mona", schema: Schema | None = None) -> MainWindow:
        path = tmp_path / "p.sqlite"
        with Project.create(path, schema) as project:
            import_documents(project, [DocumentInput(text=text, path=f"{doc_id}.txt", id=doc_id)
                                       for doc_id, text in articles.items()])
        window = MainWindow(path, annotator=annotator)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: not window.editor.suggestions_deferred)  # found after the first frame
        return window

    return make
