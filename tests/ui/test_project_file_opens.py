"""Nothing in the window's process opens the project file but SQLite (issue 16).

Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
included; then another process's command deletes the write-ahead log under the window.
Python's audit hook sees every ``open`` the interpreter makes (SQLite's own opens are not
Python's and do not show), so this test watches a working session that uses every window
and dialog that touch the project, and fails on any ``open`` of the file or its journal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.core.store.summary import stats
from annotator.ui.main_window import MainWindow

ARTICLE = ("قال المتحدث باسم وزارة الصحة إن حملة التطعيم ستشمل جميع المدارس.\n"
           "ورفض نقيب المعلمين الخطة وقال إنها جاءت متأخرة.\n")

_watched: set[str] = set()
_seen: list[str] = []


def _record_opens(event: str, args: tuple) -> None:
    if event == "open" and _watched and isinstance(args[0], (str, bytes, os.PathLike)):
        name = os.fsdecode(args[0])
        if os.path.abspath(name) in _watched:
            _seen.append(name)


sys.addaudithook(_record_opens)  # hooks cannot be removed; it records only while watching


@pytest.fixture
def watched(tmp_path):
    path = tmp_path / "news.sqlite"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=ARTICLE, path="a.txt", id="a")])
    _watched.update(os.path.abspath(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal"))
    _seen.clear()
    yield path
    _watched.clear()


def test_a_session_with_every_window_never_opens_the_project_file(qtbot, watched, tmp_path):
    (tmp_path / "more.txt").write_text("أعلنت الحكومة خطة جديدة للنقل العام.\n", encoding="utf-8")
    window = MainWindow(watched, annotator="mona")
    qtbot.addWidget(window)
    window.show()
    window.editor.open(1)
    window.project.add_span(1, "mona", 0, 3, "SPEAKER")

    review = window.open_review("a")
    review.close()
    window.open_review("a").close()
    window.open_dashboard().close()
    window.open_settings().close()
    window.back_up()
    assert window.import_annotations(str(tmp_path))  # the project's own folder: its text files
    assert window.project.document_count() == 2
    dialog = window.export()
    dialog.destination.setText(str(tmp_path / "out.jsonl"))
    dialog.run_export()
    dialog.close()
    window.project.add_span(1, "mona", 4, 10, "CLAIM")
    window.close()

    assert _seen == [], f"the project file was opened outside SQLite: {_seen}"


def test_choosing_the_open_project_to_import_or_export_over_is_refused_unopened(qtbot, watched, tmp_path, monkeypatch):
    from annotator.ui import dialogs

    warnings = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, title, text: warnings.append(text))
    window = MainWindow(watched, annotator="mona")
    qtbot.addWidget(window)
    window.project.add_span(1, "mona", 0, 3, "SPEAKER")

    assert not window.import_annotations(str(watched))
    assert not window.import_annotations(f"{watched}-wal", format_="jsonl")
    dialog = window.export()
    dialog.destination.setText(str(watched))
    assert not dialog.run_export()
    dialog.close()
    with pytest.raises(AnnotatorError, match="belongs to the project open here"):
        window.project.backup(watched)

    assert _seen == [], f"the project file was opened outside SQLite: {_seen}"
    assert len(warnings) == 2 and all("belongs to the project open here" in text for text in warnings)
    assert stats(window.project)["spans"] == 1
    window.close()
