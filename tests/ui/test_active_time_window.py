"""Active time as the window counts it: keys on the article, a document switch, the
application sent to the back, a read-only window; the clocks are fake, nothing sleeps."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.store import Project
from annotator.core.store.active_time import active_seconds
from annotator.ui import active_time
from annotator.ui.main_window import MainWindow

# Written for these tests: two short news sentences.
FIRST = "قال المتحدث إن الاجتماع سيعقد غدا."
SECOND = "أعلنت الوزارة أن الخطة جاهزة للتنفيذ في الربيع المقبل."


class FakeClock:
    def __init__(self):
        self.now = 5000.0

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(active_time, "monotonic", lambda: fake.now)
    monkeypatch.setattr(active_time, "wall_clock", lambda: fake.now + 1_800_000_000)
    return fake


def press(window, key=Qt.Key.Key_Left, modifier=Qt.KeyboardModifier.NoModifier):
    """A key as the system delivers it: to the native window, which hands it to the article."""
    QTest.keyClick(window.windowHandle(), key, modifier)


def keys_every(window, clock, seconds, times):
    for _ in range(times):
        clock.advance(seconds)
        press(window)


def stored_seconds(path):
    with Project.open(path) as project:
        keys = {document.key: document.id for document in project.documents()}
        return {(keys[key], layer): round(seconds, 3) for (key, layer), seconds in active_seconds(project).items()}


def test_time_on_each_document_is_written_to_it_when_the_window_closes(make_window, clock):
    window = make_window({"a": FIRST, "b": SECOND})
    assert window.editor.document == window.project.document_by_id("a").key
    assert window.active_time.counter.active
    press(window)
    keys_every(window, clock, 10, 2)
    keys_every(window, clock, 600, 1)  # back after ten minutes away: not counted
    window.open_document("b")
    keys_every(window, clock, 5, 2)  # written only when the window closes
    path = window.project_path
    window.close()
    assert stored_seconds(path) == {("a", "mona"): 20, ("b", "mona"): 10}


def test_time_with_the_application_in_the_back_is_not_counted(make_window, clock):
    window = make_window({"a": FIRST})
    app = QApplication.instance()
    press(window)
    keys_every(window, clock, 15, 1)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    clock.advance(40)
    QTest.mouseMove(window.windowHandle(), QPoint(300, 200))  # the mouse over the window behind another
    clock.advance(40)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    keys_every(window, clock, 3, 2)
    path = window.project_path
    window.close()
    assert stored_seconds(path) == {("a", "mona"): 18}


def test_a_read_only_window_counts_and_writes_nothing(make_window, clock, caplog):
    path = make_window({"a": FIRST, "b": SECOND}).project_path
    for window in QApplication.topLevelWidgets():
        if isinstance(window, MainWindow):
            window.close()
    reader = MainWindow(path, annotator="mona", read_only=True)
    reader.show()
    press(reader)
    keys_every(reader, clock, 10, 3)
    reader.close()
    assert stored_seconds(path) == {}
    assert not [record for record in caplog.records if "active time" in record.getMessage()]


def test_the_dashboard_shows_each_annotators_median_minutes(make_window, clock):
    window = make_window({"a": FIRST, "b": SECOND})
    keys_every(window, clock, 30, 3)  # 60 seconds on the first document (6 words)
    window.open_document("b")
    keys_every(window, clock, 60, 3)  # 180 on the second (9 words)
    window.open_document("a")
    press(window)
    window.set_annotator("omar")
    dashboard = window.open_dashboard()
    table = dashboard.progress_table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[2:] == ["minutes per document (median)", "minutes per 1,000 words (median)"]
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    # 1 and 3 minutes: 166.7 and 333.3 minutes per 1,000 words, whose median is 250
    assert rows == [["mona", "0", "2.0", "250.0"]]
    dashboard.close()


def test_going_to_the_next_document_by_key_writes_the_time_at_once(make_window, clock, qtbot):
    window = make_window({"a": FIRST, "b": SECOND})
    press(window)
    keys_every(window, clock, 12, 1)
    press(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # next unfinished
    assert window.editor.document == window.project.document_by_id("b").key
    qtbot.waitUntil(lambda: bool(active_seconds(window.project)))  # while the window is still open
    assert active_seconds(window.project) == {(window.project.document_by_id("a").key, "mona"): 12}
