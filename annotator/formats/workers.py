"""Lay out an export's records on several cores (the CLI's Prodigy and CoNLL exports).

Writing a Prodigy task or a CoNLL block costs 0.3 to 0.6 ms of Python per document (a
few hundred token objects or rows each), several times what reading the record from the
project costs, so on one core those exports take 4 to 8 times the native one. Here worker
processes make the lines, and the lines come back in the records' order, to be written
by the one process that owns the file. An export of a project (``ProjectRecords``) hands
each worker a run of documents by key, which the worker reads from the project file
itself, in one transaction, over its own connection: the records never travel between
processes, and the reading is shared out too. Records given as a list travel there in
chunks. At most a few runs or chunks are on their way at once, so memory stays flat
however many documents there are.

Workers are forked (no interpreter starts, nothing is imported again) and only where
that is safe: on a system whose processes fork (Linux), from a process that runs no
other thread. The command line asks for them (``default_workers``); the window, whose
process runs Qt's threads, lays out its records in its own process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, NamedTuple

from annotator.core.store import Project
from annotator.core.store.rows import Keys, key_runs
from annotator.formats.common import ExportReport, Progress, check_record
from annotator.formats.native_export import records_between, records_by_document

# One record in, its line (or block) and how many tokens were split for it out; problems
# the format has with the record go into the report.
MakeLine = Callable[[dict[str, Any], ExportReport], tuple[Any, int]]


class Counted(NamedTuple):
    """What the report counts of a record written: its spans and relations."""

    spans: int
    relations: int


def counted(record: dict[str, Any]) -> Counted:
    return Counted(len(record["spans"]), len(record["relations"]))


class ProjectRecords:
    """The records of an export of ``layer`` of a project, read a document at a time: here,
    as they are iterated, or by worker processes (``made_lines``). ``progress(1)`` after
    each document read; ``notes`` counts the notes of the records read."""

    def __init__(self, project: Project, layer: str, progress: Progress = None):
        self.project, self.layer, self.progress = project, layer, progress
        self.notes = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for found in records_by_document(self.project, self.layer):
            self.notes += sum(len(record.get("notes", ())) for record in found)
            yield from found
            if self.progress:
                self.progress(1)

    def read(self, documents: int, notes: int) -> None:
        """A worker read ``documents`` documents whose records hold ``notes`` notes."""
        self.notes += notes
        for _ in range(documents if self.progress else 0):
            self.progress(1)


CHUNK = 64  # records per hand-out: enough to make the trip worth it, few enough to keep all busy
AHEAD = 2  # chunks on their way per worker
# Starting the workers (each opens the project) costs about 0.3 s, what one process takes
# to lay out some 1,000 documents: a smaller project is laid out here.
WORKERS_FROM_DOCUMENTS = 2000


def default_workers() -> int:
    """How many worker processes a command-line export uses: one per core, up to 8; 1
    (none) where workers are not forked (``forking_is_safe``)."""
    return max(1, min(os.cpu_count() or 1, 8)) if _FORKS else 1


def made_lines(records: Iterable[dict[str, Any]], make_line: MakeLine, report: ExportReport,
               workers: int = 1) -> Iterator[tuple[Counted, Any, int]]:
    """For each record (checked with ``check_record``), in order: what the report counts
    of it, its line and its splits. With ``workers`` above 1, and where forking is safe,
    made by that many processes; those of ``ProjectRecords`` also read there."""
    if isinstance(records, ProjectRecords) and records.project.document_count() < WORKERS_FROM_DOCUMENTS:
        workers = 1
    if workers <= 1 or not forking_is_safe():
        for record in records:
            check_record(record)
            line, splits = make_line(record, report)
            yield counted(record), line, splits
    elif isinstance(records, ProjectRecords):
        yield from _made_from_runs(records, make_line, report, workers)
    else:
        yield from _made_by_workers(iter(records), make_line, report, workers)


# Linux only: elsewhere a forked process may not use what its parent loaded (macOS's
# system libraries) or cannot fork at all (Windows).
_FORKS = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def forking_is_safe() -> bool:
    """Workers are forked only on Linux and from a process that runs no other thread."""
    return _FORKS and threading.active_count() == 1


def _made_from_runs(records: ProjectRecords, make_line: MakeLine, report: ExportReport,
                    workers: int) -> Iterator[tuple[Counted, Any, int]]:
    """Runs of ``CHUNK`` documents, each read and made into lines by a worker, which opens
    the project read-only when it starts."""
    runs = key_runs(records.project, CHUNK)
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_open_project, initargs=(records.project.path,)) as pool:
        pending: deque[Any] = deque()
        for run in runs:
            pending.append(pool.apply_async(_make_run, (make_line, records.layer, run)))
            if len(pending) > AHEAD * workers:
                yield from _collect_run(pending.popleft().get(), records, report)
        while pending:
            yield from _collect_run(pending.popleft().get(), records, report)


_project: Project | None = None  # in a worker: the project it reads runs of documents from


def _open_project(path: Any) -> None:
    """In a worker: the project file's ``Path``, or a server project's ``ServerAddress``
    (whose connection string, password included, never passes through ``str``)."""
    global _project
    _project = Project.open(path, read_only=True)


def _make_run(make_line: MakeLine, layer: str, run: Keys) -> tuple[list[tuple[Counted, Any, int]], int, int,
                                                                   Counter[str], list[str]]:
    """In a worker: the lines of the records of a run of documents, read in one
    transaction; how many documents and notes it read; what the format reported."""
    assert _project is not None
    report = ExportReport()
    made, documents, notes = [], 0, 0
    with _project.db.atomic():  # the run's documents as they were at one moment
        for found in records_between(_project, layer, run):
            documents += 1
            for record in found:
                check_record(record)
                notes += len(record.get("notes", ()))
                made.append((counted(record), *make_line(record, report)))
    return made, documents, notes, report.lost, report.adjusted


def _collect_run(result: tuple, records: ProjectRecords, report: ExportReport) -> Iterator[tuple[Counted, Any, int]]:
    made, documents, notes, lost, adjusted = result
    report.lost.update(lost)
    report.adjusted.extend(adjusted)
    records.read(documents, notes)
    yield from made


def _made_by_workers(records: Iterator[dict[str, Any]], make_line: MakeLine, report: ExportReport,
                     workers: int) -> Iterator[tuple[Counted, Any, int]]:
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending: deque[tuple[list[dict[str, Any]], Any]] = deque()
        while chunk := list(islice(records, CHUNK)):
            pending.append((chunk, pool.apply_async(_make_chunk, (make_line, chunk))))
            if len(pending) > AHEAD * workers:
                yield from _collect(*pending.popleft(), report)
        while pending:
            yield from _collect(*pending.popleft(), report)


def _make_chunk(make_line: MakeLine, chunk: list[dict[str, Any]]) -> tuple[list[tuple[Any, int]], Counter[str],
                                                                          list[str]]:
    """In a worker: the chunk's lines, and what the format reported about them."""
    report = ExportReport()
    made = []
    for record in chunk:
        check_record(record)
        made.append(make_line(record, report))
    return made, report.lost, report.adjusted


def _collect(chunk: list[dict[str, Any]], result: Any, report: ExportReport
             ) -> Iterator[tuple[dict[str, Any], Any, int]]:
    made, lost, adjusted = result.get()  # a worker's exception is raised here, as it was there
    report.lost.update(lost)
    report.adjusted.extend(adjusted)
    for record, (line, splits) in zip(chunk, made):
        yield counted(record), line, splits
