"""The document list on 100,000 documents: rows come from pages of SQLite, read once each."""

from __future__ import annotations

import hashlib
import time
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHeaderView

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.session import DocumentSession
from annotator.core.store import Project, now
from annotator.ui.document_list import (
    DOCUMENT_KEY_ROLE,
    PAGE_SIZE,
    SPANS_COLUMN,
    STATUS_COLUMN,
    TITLE_COLUMN,
    DocumentList,
    DocumentListModel,
)

N = 100_000
DISPLAY = Qt.ItemDataRole.DisplayRole


def status_of(key: int) -> str | None:
    return {0: "done", 1: "in_progress", 2: "new"}.get(key % 25)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    project = Project.create(tmp_path_factory.mktemp("big") / "big.sqlite")
    stamp = now()
    with project.db.atomic():
        project.db.conn.executemany(
            "INSERT INTO documents (id, title, text, text_sha256, meta, imported_at) "
            "VALUES (?, ?, ?, ?, '{}', ?)",
            ((f"doc-{key:06d}", f"مقال رقم {key}", f"نص المقال {key}",
              hashlib.sha256(str(key).encode()).hexdigest(), stamp) for key in range(1, N + 1)),
        )
        mona = project.ensure_layer("mona")
        rows = [(key, status_of(key)) for key in range(1, N + 1) if status_of(key)]
        project.db.conn.executemany(
            "INSERT INTO document_status (document, layer, status, updated_at) VALUES (?, ?, ?, ?)",
            [(key, mona, status, stamp) for key, status in rows],
        )
        project.db.conn.executemany(
            'INSERT INTO spans (document, layer, start, "end", label) VALUES (?, ?, 0, 1, ?)',
            [(key, mona, "CLAIM") for key, status in rows if status == "done"],
        )
    yield project
    project.close()


@contextmanager
def page_reads(project):
    """Count the queries that read rows of documents (one per page)."""
    reads = []
    with project.db.tracer(lambda sql, params: reads.append(sql) if "d.title" in sql else None):
        yield reads


def timed(label, call):
    started = time.perf_counter()
    result = call()
    print(f"  {label}: {(time.perf_counter() - started) * 1000:.1f} ms")
    return result


def test_the_model_has_every_row_and_reads_only_the_page_it_is_asked_for(big, qtbot):
    print()
    model = timed("model on 100,000 documents", lambda: DocumentListModel(big, "mona"))
    assert model.rowCount() == N and model.columnCount() == 3
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Title", "Status", "Spans"]
    with page_reads(big) as reads:
        last = model.index(N - 1, TITLE_COLUMN)
        assert timed("data at row 99,999", lambda: model.data(last)) == "مقال رقم 100000"
        assert model.data(model.index(N - 1, STATUS_COLUMN)) == "done"
        assert model.data(model.index(N - 1, SPANS_COLUMN)) == 1
        assert model.data(last, DOCUMENT_KEY_ROLE) == N
        assert model.data(last, Qt.ItemDataRole.ToolTipRole) == "<p style='white-space:pre-wrap'>doc-100000</p>"
        assert model.data(model.index(N - 25, STATUS_COLUMN)) == "in progress"
        assert model.key_at(N - 2) == N - 1
    assert len(reads) == 1
    assert model.row_of(N) == N - 1 and model.row_of(N + 1) is None


def test_data_touches_sqlite_at_most_once_per_page(big, qtbot):
    model = DocumentListModel(big, "mona")
    roles = [DISPLAY, DOCUMENT_KEY_ROLE, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole]
    with page_reads(big) as reads:
        for _ in range(2):
            for row in range(3 * PAGE_SIZE):
                for column in range(3):
                    for role in roles:
                        model.data(model.index(row, column), role)
    assert len(reads) == 3


def test_the_page_cache_is_small_and_forgets_the_oldest_page(big, qtbot):
    model = DocumentListModel(big, "mona", page_size=100, cached_pages=2)
    with page_reads(big) as reads:
        for row in (0, 100, 0, 200, 150, 0):  # pages 0, 1, 0 (kept), 2, 1 (forgotten), 0 (forgotten)
            model.data(model.index(row, TITLE_COLUMN))
    assert len(reads) == 5


def test_the_list_scrolls_to_the_end_and_filters_without_reading_everything(big, qtbot):
    widget = DocumentList(big, "mona")
    qtbot.addWidget(widget)
    widget.resize(400, 600)
    widget.show()
    qtbot.waitExposed(widget)
    view = widget.view
    header = view.horizontalHeader()
    assert not view.showGrid() and view.verticalHeader().isHidden()
    assert header.sectionResizeMode(TITLE_COLUMN) == QHeaderView.ResizeMode.Stretch
    print()
    with page_reads(big) as reads:
        def to_the_end():
            view.scrollToBottom()
            view.viewport().repaint()
            QApplication.processEvents()
        timed("scroll to the end and paint", to_the_end)
    assert 1 <= len(reads) <= 2
    assert view.rowAt(view.viewport().height() - 1) == N - 1

    done = len([k for k in range(1, N + 1) if status_of(k) == "done"])
    with page_reads(big) as reads:
        def filter_done():
            widget.set_filter("done")
            view.viewport().repaint()
            QApplication.processEvents()
        timed("filter by done and paint", filter_done)
    assert widget.filter.currentText() == "Done"
    assert widget.model.rowCount() == done
    assert {widget.model.data(widget.model.index(r, STATUS_COLUMN)) for r in (0, done - 1)} == {"done"}
    assert len(reads) <= 2

    with page_reads(big) as reads:
        def filter_new():
            widget.set_filter("new")
            view.scrollToBottom()
            view.viewport().repaint()
            QApplication.processEvents()
        timed("filter by new, scroll to the end and paint", filter_new)
    assert widget.model.rowCount() == len([k for k in range(1, N + 1) if status_of(k) in (None, "new")])
    assert len(reads) <= 2


def test_choosing_a_row_says_which_document_and_select_key_finds_it(big, qtbot):
    widget = DocumentList(big, "mona")
    qtbot.addWidget(widget)
    chosen = []
    widget.document_chosen.connect(chosen.append)
    timed_select = timed("select_key(99,950)", lambda: widget.select_key(99_950))
    assert timed_select is True
    assert chosen == [99_950] and widget.current_key() == 99_950
    assert widget.view.currentIndex().row() == 99_949
    assert widget.view.selectionModel().isRowSelected(99_949)
    widget.view.setCurrentIndex(widget.model.index(4, TITLE_COLUMN))
    assert chosen == [99_950, 5]
    widget.select_key(5)
    assert chosen == [99_950, 5]  # the same document is not announced twice
    widget.set_filter("done")
    assert widget.select_key(4) is True  # hidden by the filter: the list shows all again
    assert widget.filter.currentText() == "All" and widget.current_key() == 4
    assert widget.select_key(N + 1) is False


def test_a_filter_change_keeps_the_current_document_when_it_is_still_listed(big, qtbot):
    widget = DocumentList(big, "mona")
    qtbot.addWidget(widget)
    chosen = []
    widget.document_chosen.connect(chosen.append)
    widget.select_key(50)
    widget.set_filter("done")
    assert widget.current_key() == 50 and widget.view.currentIndex().row() == 1
    widget.set_filter("new")
    assert widget.current_key() is None  # 50 is done: not listed, nothing selected
    widget.set_filter(None)
    assert widget.current_key() == 50  # listed again, selected again
    assert chosen == [50]  # and the window was never told to open anything else


# -- a small project, for edits -----------------------------------------------------------------

# Written for these tests: titles with markup-like text and a Latin one.
ARTICLES = [
    ("a1", "<b>ليس وسماً</b> &amp; عنوان\nنص الخبر."),
    ("a2", "Election results announced\nThe count ended late."),
    ("a3", "وزير النقل يفتتح خطاً جديداً\nقال الوزير إن الخط جاهز."),
]


@pytest.fixture
def small(project):
    import_documents(project, [DocumentInput(text=text, path="t", id=doc_id) for doc_id, text in ARTICLES])
    return project


def test_titles_are_plain_text_and_arabic_titles_sit_at_the_right(small, qtbot):
    model = DocumentListModel(small, "mona")
    assert model.data(model.index(0, TITLE_COLUMN)) == "<b>ليس وسماً</b> &amp; عنوان"
    alignment = Qt.ItemDataRole.TextAlignmentRole
    assert model.data(model.index(2, TITLE_COLUMN), alignment) & Qt.AlignmentFlag.AlignRight
    assert model.data(model.index(1, TITLE_COLUMN), alignment) is None  # Latin: the default
    assert model.data(model.index(0, TITLE_COLUMN), alignment) is None  # starts with Latin "b"
    assert model.data(model.index(2, STATUS_COLUMN)) == "new"


def test_an_edit_repaints_its_row_from_the_change_set_without_reading_the_file(small, qtbot):
    model = DocumentListModel(small, "mona")
    key = small.document_by_id("a2").key
    assert model.data(model.index(1, SPANS_COLUMN)) == 0
    assert model.listing.progress() == (0, 3)
    session = DocumentSession(small, key, "mona")
    model.apply(session.label(0, 8, "SPEAKER").changes)  # makes the layer: later edits read nothing
    model.apply(session.label(0, 4, "TARGET").changes)
    model.listing.progress()  # the status bar reads it after every edit
    changed = []
    model.dataChanged.connect(lambda first, last, roles: changed.append((first.row(), last.row())))
    edits = [session.label(9, 12, "TARGET").changes, session.set_status("done").changes]
    statements = []
    small.db.conn.set_trace_callback(statements.append)
    try:
        with qtbot.assertNotEmitted(model.modelReset):
            for changes in edits:
                model.apply(changes)
            shown = [model.data(model.index(1, column)) for column in (STATUS_COLUMN, SPANS_COLUMN)]
            progress = model.listing.progress()
    finally:
        small.db.conn.set_trace_callback(None)
    assert changed == [(1, 1), (1, 1)]
    assert shown == ["done", 3] and progress == (1, 3)
    assert [s for s in statements if "PRAGMA" not in s] == []


def test_the_first_edit_shows_the_document_in_progress(small, qtbot):
    model = DocumentListModel(small, "mona")
    key = small.document_by_id("a2").key
    model.data(model.index(1, STATUS_COLUMN))
    model.apply(DocumentSession(small, key, "mona").label(0, 8, "SPEAKER").changes)
    assert model.data(model.index(1, STATUS_COLUMN)) == "in progress"
    assert model.data(model.index(1, SPANS_COLUMN)) == 1


def test_an_edit_that_moves_a_document_out_of_the_filter_relists(small, qtbot):
    widget = DocumentList(small, "mona")
    qtbot.addWidget(widget)
    widget.set_filter("new")
    keys = [small.document_by_id(doc_id).key for doc_id, _ in ARTICLES]
    widget.select_key(keys[2])
    with qtbot.waitSignal(widget.model.modelReset, timeout=1000):
        widget.model.apply(DocumentSession(small, keys[0], "mona").set_status("done").changes)
    assert widget.model.rowCount() == 2
    assert widget.current_key() == keys[2] and widget.view.currentIndex().row() == 1


def test_set_layer_and_refresh(small, qtbot):
    model = DocumentListModel(small, "mona")
    key = small.document_by_id("a3").key
    small.set_status(key, "omar", "done")
    model.set_layer("omar")
    assert model.data(model.index(2, STATUS_COLUMN)) == "done"
    model.set_filter("done")
    assert model.rowCount() == 1 and model.key_at(0) == key
    import_documents(small, [DocumentInput(text="خبر رابع\nنص.", path="t", id="a4")])
    model.set_filter(None)
    assert model.rowCount() == 4
    import_documents(small, [DocumentInput(text="خبر خامس\nنص.", path="t", id="a5")])
    assert model.rowCount() == 4  # the model says what it told the view until refreshed
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.refresh()
    assert model.rowCount() == 5
    assert model.data(model.index(4, TITLE_COLUMN)) == "خبر خامس"


def test_a_document_id_that_looks_like_markup_is_shown_as_text(qtbot, tmp_path):
    with Project.create(tmp_path / "p.sqlite") as project:
        import_documents(project, [DocumentInput(text="نص الخبر.", path="t", id="<img src='file:///etc/hostname'>")])
        model = DocumentListModel(project, "mona")
        tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip == "<p style='white-space:pre-wrap'>&lt;img src=&#x27;file:///etc/hostname&#x27;&gt;</p>"
