"""An annotator's queue in the window: the documents the lead assigned to them are listed
first (My queue, the default when they have any), Ctrl+Enter goes to the next unfinished
one of the queue, the status bar counts the queue, and a document not assigned to them is
refused when the lead allows only assigned ones."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project, assignments
from annotator.ui.bidi import strip_isolates
from annotator.ui.document_list import QUEUE
from annotator.ui.main_window import MainWindow

# Written for these tests, after /work/shared/guidelines.md: six short news sentences.
TEXTS = {"d1": "قال الوزير إن الخطة ناجحة",
         "d2": "رفضت النقابة الخطة وطالبت بزيادة الأجور",
         "d3": "أكد المتحدث أن المفاوضات مستمرة",
         "d4": "نفت الشركة وجود خسائر هذا العام",
         "d5": "أعلن المحافظ افتتاح المدرسة الجديدة غدا",
         "d6": "قالت الهيئة إن الأسعار ستنخفض"}
MONA = ["d2", "d4", "d5"]


@pytest.fixture
def open_window(qtbot, tmp_path):
    path = tmp_path / "team.sqlite"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=text, path=f"{doc_id}.txt", id=doc_id)
                                   for doc_id, text in TEXTS.items()])
        keys = {doc_id: project.document_by_id(doc_id).key for doc_id in TEXTS}
        assignments.change(project, added=[(keys[doc_id], "mona") for doc_id in MONA] + [(keys["d4"], "karim")])

    def make(annotator="mona", only_assigned=False):
        if only_assigned:
            with Project.open(path) as project:
                assignments.set_only_assigned(project, True)
        window = MainWindow(path, annotator=annotator)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def listed(window):
    model = window.documents.model
    return [window.project.document(model.key_at(row)).id for row in range(model.rowCount())]


def current_id(window):
    return window.project.document(window.editor.document).id


def done_and_next(window):
    """Ctrl+Enter as the system delivers it: to the native window, which hands it on."""
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_the_list_shows_my_queue_by_default_and_opens_its_first_unfinished_document(open_window):
    window = open_window()
    assert window.documents.filter.currentText() == "My queue"
    assert listed(window) == MONA
    assert current_id(window) == "d2"
    window.documents.set_filter(None)
    assert listed(window) == list(TEXTS)


def test_an_annotator_without_assignments_sees_every_document(open_window):
    window = open_window("huda")
    assert window.documents.filter_status() is None
    assert listed(window) == list(TEXTS)
    assert window.progress.text() == "done 0 of 6"
    window.set_annotator("mona")  # mona has a queue: it becomes the list
    assert window.documents.filter_status() == QUEUE and listed(window) == MONA


def test_ctrl_enter_marks_done_and_goes_to_the_next_unfinished_document_of_the_queue(open_window):
    window = open_window()
    assert window.progress.text() == "My queue: 0 of 3 done"
    done_and_next(window)
    assert current_id(window) == "d4"  # d3 is not mona's
    assert window.progress.text() == "My queue: 1 of 3 done"
    window.open_document("d5")
    done_and_next(window)
    assert current_id(window) == "d4"  # round to the start: d2 is done
    assert window.progress.text() == "My queue: 2 of 3 done"
    with Project.open(window.project_path) as project:
        done = [doc_id for doc_id in TEXTS if project.status(project.document_by_id(doc_id).key, "mona") == "done"]
    assert done == ["d2", "d5"]


def test_once_the_queue_is_done_ctrl_enter_says_so_and_goes_on_in_the_project(open_window):
    window = open_window()
    for _ in MONA:
        done_and_next(window)
    assert window.progress.text() == "My queue: 3 of 3 done"
    assert current_id(window) == "d6"  # the next unfinished of the project after d5, listed under All
    assert window.statusBar().currentMessage().startswith("Your queue is done")
    assert window.documents.filter_status() is None


def test_once_the_queue_is_done_with_only_assigned_documents_ctrl_enter_stays(open_window):
    window = open_window(only_assigned=True)
    for _ in MONA:
        done_and_next(window)
    assert current_id(window) == "d5"
    assert window.statusBar().currentMessage() == "Every document of your queue is done"


def test_a_document_not_assigned_is_listed_but_refused_when_the_lead_allows_only_assigned(qtbot, open_window):
    window = open_window(only_assigned=True)
    window.documents.set_filter(None)
    assert listed(window) == list(TEXTS)  # listed, so that All still shows the project
    view = window.documents.view
    row = window.documents.model.row_of(window.project.document_by_id("d3").key)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(window.documents.model.index(row, 0)).center())
    assert current_id(window) == "d2"
    message = strip_isolates(window.statusBar().currentMessage())
    assert message.startswith(f"{TEXTS['d3']} is not assigned to mona: the lead lets annotators open only")
    open_row = window.documents.model.row_of(window.editor.document)
    qtbot.waitUntil(lambda: window.documents.current_key() == window.editor.document  # the list shows what is open
                    and [i.row() for i in view.selectionModel().selectedRows()] == [open_row])  # highlighted too
    window.open_document("d4")
    assert current_id(window) == "d4"


def test_a_document_not_assigned_opens_while_the_lead_allows_it(open_window):
    window = open_window()
    window.open_document("d3")
    assert current_id(window) == "d3"
    assert window.documents.filter_status() is None  # the list shows every document to show it


def test_the_window_opens_again_on_the_queue_even_after_a_document_outside_it(qtbot, open_window):
    window = open_window()
    window.open_document("d3")
    window.open_document("d4")
    window.close()
    again = open_window()
    assert current_id(again) == "d4" and again.documents.filter_status() == QUEUE
    again.open_document("d3")
    again.close()
    third = open_window()
    assert current_id(third) == "d2" and third.documents.filter_status() == QUEUE


def test_a_search_hit_in_a_document_not_assigned_selects_nothing_in_the_open_one(open_window):
    window = open_window(only_assigned=True)
    window.show_words("d3", 0, 3)
    assert current_id(window) == "d2"
    assert window.article.selected_range() is None
