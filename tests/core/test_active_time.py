"""Active time per document: the counter on a fake clock, and the store that keeps it."""

from contextlib import closing

import pytest
from sqlite_utils import Database

from annotator.core.active_time import ActiveTimeCounter
from annotator.core.errors import ValidationError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.core.store.active_time import active_days, active_seconds, add_active_time, time_per_annotator
from tests.conftest import older_project

# Written for these tests: two short news sentences.
FIRST = "قال المتحدث إن الاجتماع سيعقد غدا."
SECOND = "أعلنت الوزارة أن الخطة جاهزة للتنفيذ في الربيع المقبل."


class FakeClock:
    """Monotonic and wall clocks that move only when told; ``sleep`` moves the wall clock
    alone, as a suspended computer's clocks do."""

    def __init__(self):
        self.monotonic, self.wall = 1000.0, 1_800_000_000.0

    def advance(self, seconds):
        self.monotonic += seconds
        self.wall += seconds

    def sleep(self, seconds):
        self.wall += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def written():
    return []


@pytest.fixture
def counter(clock, written):
    return ActiveTimeCounter(lambda document, layer, seconds: written.append((document, layer, seconds)),
                             clock=lambda: clock.monotonic, wall_clock=lambda: clock.wall)


def inputs_every(counter, clock, seconds, times):
    for _ in range(times):
        clock.advance(seconds)
        counter.input()


def totals(written):
    found = {}
    for document, layer, seconds in written:
        found[document, layer] = found.get((document, layer), 0) + seconds
    return found


def test_the_time_between_inputs_counts_and_is_written_every_half_minute(counter, clock, written):
    counter.open(1, "mona")
    counter.input()
    inputs_every(counter, clock, 10, 7)
    assert [seconds for *_, seconds in written] == [30, 30]  # at 30 and 60 seconds
    assert counter.pending == 10
    counter.flush()
    assert totals(written) == {(1, "mona"): 70}


def test_a_pause_over_two_minutes_counts_nothing_and_one_of_two_minutes_counts_whole(counter, clock, written):
    counter.open(1, "mona")
    counter.input()
    clock.advance(120)
    counter.input()
    clock.advance(121)
    counter.input()
    clock.advance(5)
    counter.input()
    counter.flush()
    assert totals(written) == {(1, "mona"): 125}


def test_a_suspended_computer_counts_nothing_though_the_monotonic_clock_stood_still(counter, clock, written):
    counter.open(1, "mona")
    counter.input()
    clock.advance(20)
    clock.sleep(8 * 3600)
    counter.input()
    clock.advance(3)
    counter.input()
    counter.flush()
    assert totals(written) == {(1, "mona"): 3}


def test_while_the_application_is_inactive_nothing_counts(counter, clock, written):
    counter.open(1, "mona")
    counter.input()
    clock.advance(30)
    counter.set_active(False)  # another program in front: the 30 s before it count
    clock.advance(60)
    counter.input()  # a mouse move over the window behind: not taken
    clock.advance(50)
    counter.set_active(True)
    clock.advance(10)
    counter.input()  # the first input back starts a new stretch
    clock.advance(4)
    counter.input()
    counter.flush()
    assert totals(written) == {(1, "mona"): 34}


def test_switching_documents_writes_each_its_own_time(counter, clock, written):
    counter.open(1, "mona")
    counter.input()
    inputs_every(counter, clock, 7, 2)
    counter.open(2, "mona")
    assert totals(written) == {(1, "mona"): 14}
    inputs_every(counter, clock, 5, 3)
    counter.open(2, "omar")  # another annotator on the same document
    inputs_every(counter, clock, 1, 2)
    counter.open(None, None)
    inputs_every(counter, clock, 9, 2)  # nothing open: nothing counts
    counter.flush()
    assert totals(written) == {(1, "mona"): 14, (2, "mona"): 15, (2, "omar"): 2}


def test_a_failed_write_keeps_the_seconds_for_the_next(clock):
    kept, failing = [], [True]

    def write(document, layer, seconds):
        if failing[0]:
            raise OSError("disk full")
        kept.append(seconds)

    counter = ActiveTimeCounter(write, clock=lambda: clock.monotonic, wall_clock=lambda: clock.wall)
    counter.open(1, "mona")
    counter.input()
    clock.advance(8)
    counter.input()
    with pytest.raises(OSError):
        counter.flush()
    failing[0] = False
    counter.flush()
    assert kept == [8]


# -- the store ------------------------------------------------------------------------------


def two_documents(project):
    import_documents(project, [DocumentInput(text=FIRST, path="a.txt", id="a"),
                               DocumentInput(text=SECOND, path="b.txt", id="b")])
    return project.document_by_id("a").key, project.document_by_id("b").key


def test_time_is_added_up_and_kept_in_the_file(project):
    first, second = two_documents(project)
    add_active_time(project, first, "mona", 30.5)
    add_active_time(project, first, "mona", 29.5)
    add_active_time(project, second, "mona", 180)
    add_active_time(project, first, "omar", 120)
    assert not project.db.in_transaction
    project.close()
    with Project.open(project.path) as reopened:
        assert active_seconds(reopened) == {(first, "mona"): 60, (second, "mona"): 180, (first, "omar"): 120}
        assert active_seconds(reopened, (second, second)) == {(second, "mona"): 180}
        days = active_days(reopened)
        assert [(layer, seconds) for _, layer, seconds in days] == [("mona", 240), ("omar", 120)]
        assert len(days[0][0]) == len("2026-12-07")
        figures = time_per_annotator(reopened)
    # mona: 1 and 3 minutes on documents of 6 and 9 words: 166.67 and 333.33 minutes per 1,000 words
    assert figures["mona"] == {"documents": 2, "minutes": 4.0, "median_minutes_per_document": 2.0,
                               "median_minutes_per_1000_words": 250.0}
    assert figures["omar"]["median_minutes_per_1000_words"] == 333.33


def test_negative_time_is_refused_and_changes_nothing(project):
    first, _ = two_documents(project)
    with pytest.raises(ValidationError, match="at least 0"):
        add_active_time(project, first, "mona", -1)
    assert active_seconds(project) == {}


def test_an_older_project_gets_the_time_table_and_keeps_its_documents(tmp_path):
    from annotator.core.store.migrations import LATEST_VERSION

    old = older_project(tmp_path / "old.sqlite", "0006_time", documents=[(1, "d", FIRST)])
    with closing(Database(old)) as db:
        assert "active_time" not in db.table_names()
    with Project.open(old) as project:
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        key = project.document_by_id("d").key
        assert active_seconds(project) == {}
        add_active_time(project, key, "mona", 12)
        assert active_seconds(project) == {(key, "mona"): 12}
