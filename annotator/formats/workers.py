"""Lay out an export's records on several cores (the CLI's Prodigy and CoNLL exports).

Writing a Prodigy task or a CoNLL block costs 0.3 to 0.6 ms of Python per document (a
few hundred token objects or rows each), several times what reading the record from the
project costs, so on one core those exports take 4 to 8 times the native one. Here the
records are handed out in chunks to worker processes, which make the lines, and the
lines come back in the records' order, to be written by the one process that owns the
file. At most a few chunks are on their way at once, so memory stays flat however many
documents there are.

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
from typing import Any

from annotator.formats.common import ExportReport, check_record

# One record in, its line (or block) and how many tokens were split for it out; problems
# the format has with the record go into the report.
MakeLine = Callable[[dict[str, Any], ExportReport], tuple[Any, int]]

CHUNK = 64  # records per hand-out: enough to make the trip worth it, few enough to keep all busy
AHEAD = 2  # chunks on their way per worker


def default_workers() -> int:
    """How many worker processes a command-line export uses: one per core, up to 8; 1
    (none) where workers are not forked (``forking_is_safe``)."""
    return max(1, min(os.cpu_count() or 1, 8)) if _FORKS else 1


def made_lines(records: Iterable[dict[str, Any]], make_line: MakeLine, report: ExportReport,
               workers: int = 1) -> Iterator[tuple[dict[str, Any], Any, int]]:
    """Each record (checked with ``check_record``) with its line and splits, in order.
    With ``workers`` above 1, and where forking is safe, made by that many processes."""
    if workers <= 1 or not forking_is_safe():
        for record in records:
            check_record(record)
            line, splits = make_line(record, report)
            yield record, line, splits
        return
    yield from _made_by_workers(iter(records), make_line, report, workers)


# Linux only: elsewhere a forked process may not use what its parent loaded (macOS's
# system libraries) or cannot fork at all (Windows).
_FORKS = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def forking_is_safe() -> bool:
    """Workers are forked only on Linux and from a process that runs no other thread."""
    return _FORKS and threading.active_count() == 1


def _made_by_workers(records: Iterator[dict[str, Any]], make_line: MakeLine, report: ExportReport,
                     workers: int) -> Iterator[tuple[dict[str, Any], Any, int]]:
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
        yield record, line, splits
