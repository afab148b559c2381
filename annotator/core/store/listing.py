"""The document list as pages: what a list view shows, read from the project a page at a time.

A project may hold 100,000 documents, so nothing here reads the documents table whole, and
a status filter never reads all the keys it lists. The rows of a list are documents in key
order, optionally only those with one status for one layer (the current annotator). Three
facts keep every question cheap:

- The keys of the documents are nearly always the dense run ``min..max`` (SQLite gives a
  new row ``max(key) + 1``, and the app never deletes a document). Then row ``r`` of the
  unfiltered list is key ``min + r``, found without walking the table. An ``OFFSET`` on
  the documents table would instead step through every row before it, whose pages hold
  the article texts: more than a frame with a warm cache near the end of a large
  project, and a read of the whole file when cold. If the keys have gaps (a document
  removed by another tool), their list is read once through the small ``id`` index.
- A status filter is a ``_StatusBlocks``: the keys are cut into blocks of
  ``DocumentListing.block_size`` consecutive keys, and one statement counts, per block,
  the layer's status rows of the wanted statuses on the index ``document_status_by_layer
  (layer, status, document)``. That is about 100 numbers for 100,000 documents, and gives
  the filter's row count and which block holds row ``r``. "new" keeps the keys *without*
  a done or in_progress row, which includes documents with no status row for the layer
  and those set back to an explicit 'new'; done and in_progress keep the keys with one.
  The keys of one block are read only when a row in it is asked for: one index range of
  at most a block's keys. Reading every key of a filter instead, and building arrays from
  them, would take more than a frame on a large project.
- A page's rows are then read by primary key, their status by the primary key
  ``(document, layer)`` of ``document_status``, and their span counts by one grouped
  query on the ``spans_by_document (document, layer, start)`` index.

An annotator's queue (``queue=True``) lists the documents assigned to the layer
(``store/assignments.py``): their keys are read once through the ``assignments_by_layer``
index, as one JSON array (tens of thousands of numbers in a few milliseconds), and then
serve like the dense keys.

What is read is cached until the file changes: ``PRAGMA data_version`` moves when another
connection commits, ``total_changes`` when this one writes. A listing never writes.
"""

from __future__ import annotations

import json
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import STATUSES, Changes
from annotator.core.store import assignments

_CHUNK = 500  # keys per IN (...) list; far below SQLite's limit on bound parameters
_NOT_NEW = ("done", "in_progress")  # a document is "new" for a layer unless it has one of these

Keys = Sequence[int]  # sorted ascending: a range, an array('q'), or a _StatusBlocks


@dataclass(frozen=True)
class DocumentRow:
    """One line of the document list; ``status`` and ``spans`` are for one layer."""

    key: int
    id: str
    title: str
    status: str  # new | in_progress | done
    spans: int


class DocumentListing:
    """Read-only, paged view of a project's documents for one layer and status filter.

    ``status`` is None for every document, or one of new, in_progress, done; "new"
    includes documents with no status row for the layer. A layer that does not exist
    yet (a new annotator) is allowed: every document is new, with no spans.
    """

    #: Keys per block of a status filter: one block's keys are read to find a row in it.
    block_size = 1024

    def __init__(self, project: Any, layer: str, status: str | None = None, queue: bool = False):
        if queue and status is not None:
            raise ValidationError("the queue lists every status: a status filter does not apply to it")
        if status is not None and status not in STATUSES:
            raise ValidationError(f"status {status!r} is not one of {', '.join(STATUSES)} (or None for all)")
        self.project = project
        self.layer = layer.strip() if isinstance(layer, str) else layer
        self.status = status
        self.queue = queue
        self._token: tuple[int, ...] | None = None
        self._others: int | None = None  # the other connections' commits when the cache was read
        self._cache: dict[str, Any] = {}
        self._universe: tuple[tuple, Keys] | None = None  # survives edits that leave documents alone

    def with_status(self, status: str | None) -> DocumentListing:
        """The same layer under another filter, keeping what this listing has read that
        the filter does not change (the keys, each status filter's blocks, the done
        count): switching filters on a large project then reads one page, not the index."""
        other = DocumentListing(self.project, self.layer, status)
        other._universe = self._universe
        if self._token is not None and self._token == self.project.db.change_token():
            other._token, other._others = self._token, self._others
            other._cache = {name: value for name, value in self._cache.items() if name != "rows"}
        return other

    def with_layer(self, layer: str) -> DocumentListing:
        """Another layer under the same filter, keeping the keys of the documents."""
        other = DocumentListing(self.project, layer, self.status, self.queue)
        other._universe = self._universe
        if self._token is not None and self._token == self.project.db.change_token() and "keys" in self._cache:
            other._token, other._others = self._token, self._others
            other._cache = {"keys": self._cache["keys"]}
        return other

    def with_queue(self) -> DocumentListing:
        """The same layer's queue: the documents assigned to it, whatever their status."""
        other = self.with_status(None)
        other.queue = True
        other._cache.pop("rows", None)
        return other

    # -- questions ---------------------------------------------------------------------------

    def count(self) -> int:
        """How many documents pass the filter."""
        return len(self._rows())

    def page(self, offset: int, limit: int) -> list[DocumentRow]:
        """Rows ``offset`` to ``offset + limit - 1`` of the filtered list, in key order."""
        rows = self._rows()
        offset = max(0, offset)
        end = min(len(rows), offset + max(0, limit))
        if offset >= end:
            return []
        return self._read(list(rows[offset:end]))

    def row_of(self, key: int) -> int | None:
        """The row number of document ``key`` under the filter, or None if it is not listed."""
        return _position(self._rows(), key)

    def next_unfinished(self, after_key: int | None) -> int | None:
        """The first document after ``after_key`` (wrapping round) not done for this layer.

        The filter does not apply: this is the annotator's "next" over all documents.
        ``after_key`` itself comes last, so it is returned only if it is the one left.
        """
        keys = self._keys()
        unfinished = self._filtered(("done",), keep=False)
        if not len(unfinished):
            return None
        if after_key is None:
            return unfinished[0]
        index = unfinished.first_from_rank(_rank_after(keys, after_key))
        return unfinished[index] if index < len(unfinished) else unfinished[0]

    def progress(self) -> tuple[int, int]:
        """(documents done, all documents) for this layer; the filter does not apply."""
        cache = self._fresh()
        if "done_count" not in cache:
            layer = self._layer_id()
            # A count over the index, not the keys: the "new" filter need not read "done".
            cache["done_count"] = 0 if layer is None else self.project.db.execute(
                "SELECT count(*) FROM document_status WHERE layer = ? AND status = 'done'", [layer]
            ).fetchone()[0]
        return cache["done_count"], len(self._keys())

    def queue_progress(self) -> tuple[int, int]:
        """(documents of this layer's queue done, documents in its queue); (0, 0) without one."""
        cache = self._fresh()
        if "queue_done" not in cache:
            cache["queue_done"] = assignments.queue_done(self.project, self.layer)
        return cache["queue_done"]

    def apply(self, changes: Changes) -> bool:
        """Take in an edit this connection made, as its change set says, and keep what is
        cached instead of reading it again. True when the filtered list may have gained or
        lost the document (its status changed under a status filter); its rows are then
        read again when next asked for. A project another connection wrote to since is read
        again whatever this says."""
        token, others = self.project.db.tokens()
        if self._token is None or others != self._others:
            return True  # another connection wrote: everything is read afresh
        if self._cache.get("layer", 0) is None:  # this edit made the layer: read it afresh
            self._token, self._cache = token, {}
            return changes.status is not None and self.status is not None
        self._token = token
        if changes.status is None or changes.status == changes.status_was:
            return False
        if "done_count" in self._cache:
            self._cache["done_count"] += (changes.status == "done") - (changes.status_was == "done")
        stale = ("queue_done",) if self.queue else ("rows", "queue_done")  # a status moves no document in or out of a queue
        for name in [name for name in self._cache if name in stale or isinstance(name, tuple)]:
            del self._cache[name]
        return self.status is not None

    # -- what is cached until the file changes ------------------------------------------------

    def _fresh(self) -> dict[str, Any]:
        token, others = self.project.db.tokens()
        if token != self._token:
            self._token, self._others = token, others
            self._cache = {}
        return self._cache

    def _rows(self) -> Keys:
        """The keys of the listed documents, ascending, without reading them all."""
        cache = self._fresh()
        if "rows" not in cache:
            if self.queue:
                rows: Keys = self._queue_keys()
            elif self.status is None:
                rows = self._keys()
            elif self.status == "new":
                rows = self._filtered(_NOT_NEW, keep=False)
            else:
                rows = self._filtered((self.status,), keep=True)
            cache["rows"] = rows
        return cache["rows"]

    def _keys(self) -> Keys:
        """Every document key, ascending: a range when they are dense (the usual case)."""
        cache = self._fresh()
        if "keys" not in cache:
            db = self.project.db
            # count(*) walks the smallest index; min and max each read one b-tree edge.
            total = db.execute("SELECT count(*) FROM documents").fetchone()[0]
            low = db.execute("SELECT min(key) FROM documents").fetchone()[0]
            high = db.execute("SELECT max(key) FROM documents").fetchone()[0]
            if total == 0:
                keys: Keys = range(0)
            elif high - low + 1 == total:
                keys = range(low, high + 1)
            else:
                keys = self._sparse_keys(total, low, high)
            cache["keys"] = keys
        return cache["keys"]

    def _queue_keys(self) -> Keys:
        """The keys assigned to this layer, ascending, read as one JSON array on the
        ``assignments_by_layer`` index: a row per key costs a frame at 20,000 of them."""
        layer = self._layer_id()
        if layer is None:
            return array("q")
        (found,) = self.project.db.execute(
            "SELECT json_group_array(document) FROM assignments WHERE layer = ?", [layer]).fetchone()
        return array("q", sorted(json.loads(found)))

    def _sparse_keys(self, total: int, low: int, high: int) -> Keys:
        db = self.project.db
        checksum = db.execute("SELECT total(key) FROM documents").fetchone()[0]
        shape = (total, low, high, checksum)
        if self._universe is None or self._universe[0] != shape:
            # Without ORDER BY, SQLite reads the keys from a small index, not the texts.
            keys = array("q", sorted(row[0] for row in db.execute("SELECT key FROM documents")))
            self._universe = (shape, keys)
        return self._universe[1]

    def _layer_id(self) -> int | None:
        cache = self._fresh()
        if "layer" not in cache:
            row = self.project.db.execute("SELECT id FROM layers WHERE name = ?", [self.layer]).fetchone()
            cache["layer"] = row[0] if row else None
        return cache["layer"]

    def _filtered(self, statuses: tuple[str, ...], keep: bool) -> "_StatusBlocks":
        """The keys with (``keep``) or without one of ``statuses`` for this layer."""
        cache = self._fresh()
        name = ("filtered", statuses, keep)
        if name not in cache:
            cache[name] = _StatusBlocks(
                self.project.db, self._layer_id(), statuses, keep, self._keys(), self.block_size
            )
        return cache[name]

    # -- reading a page -------------------------------------------------------------------------

    def _read(self, keys: list[int]) -> list[DocumentRow]:
        db = self.project.db
        layer = self._layer_id()
        found: dict[int, tuple[str, str, str]] = {}
        spans: dict[int, int] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start:start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            for key, doc_id, title, status in db.execute(
                f"""SELECT d.key, d.id, d.title, coalesce(ds.status, 'new')
                    FROM documents d
                    LEFT JOIN document_status ds ON ds.document = d.key AND ds.layer = ?
                    WHERE d.key IN ({marks})""",
                [layer, *chunk],
            ):
                found[key] = (doc_id, title, status)
            if layer is not None:
                spans.update(db.execute(
                    f"""SELECT document, count(*) FROM spans
                        WHERE document IN ({marks}) AND layer = ? GROUP BY document""",
                    [*chunk, layer],
                ).fetchall())
        return [
            DocumentRow(key, *found[key], spans.get(key, 0))
            for key in keys
            if key in found  # a document removed since the keys were read
        ]


class _StatusBlocks(Sequence[int]):
    """The sorted keys of ``universe`` whose status for ``layer`` is one of ``statuses``
    (``keep=True``), or is not (``keep=False``, which includes keys with no status row).

    Block ``b`` holds the keys at positions ``b * size`` up to ``(b + 1) * size`` of the
    universe. Building this costs one statement that counts each block's status rows on
    the index; ``kept_before[b]`` is then how many kept keys come before block ``b``, so
    finding row ``r`` is a bisection plus reading one block's status rows (cached).

    A status row whose document is not in the universe (removed by a tool that did not
    cascade the delete) must not count. Rows outside ``min..max`` of a block are outside
    its key range; a block whose keys have gaps has its rows read and checked instead of
    counted, and only documents with the sparse keys of an abnormal file have such blocks.
    """

    def __init__(self, db: Any, layer: int | None, statuses: tuple[str, ...], keep: bool,
                 universe: Keys, size: int):
        self.db = db
        self.layer = layer
        self.statuses = statuses
        self.keep = keep
        self.universe = universe
        self.size = size
        self._blocks: dict[int, Sequence[int]] = {}  # block number -> its kept keys
        blocks = range(0, len(universe), size)
        if layer is None:
            marked = [0] * len(blocks)
        else:
            bounds = [self._bounds(number) for number in range(len(blocks))]
            marked = [count for (count,) in db.execute(
                f"""SELECT (SELECT count(*) FROM document_status s
                            WHERE {self._where} AND s.document
                                BETWEEN CAST(json_extract(b.value, '$[0]') AS INTEGER)
                                    AND CAST(json_extract(b.value, '$[1]') AS INTEGER))
                    FROM json_each(:bounds) b ORDER BY b.key""",
                {**self._params, "bounds": json.dumps(bounds)},
            )]
            for number, (low, high) in enumerate(bounds):
                if high - low + 1 != self._block_length(number):  # gaps: count only real documents
                    marked[number] = len(self._marked(number))
        kept = marked if keep else [self._block_length(n) - m for n, m in enumerate(marked)]
        self.kept_before = list(accumulate(kept, initial=0))

    @property
    def _where(self) -> str:
        marks = ", ".join(f":status{i}" for i in range(len(self.statuses)))
        return f"s.layer = :layer AND s.status IN ({marks})"

    @property
    def _params(self) -> dict[str, Any]:
        return {"layer": self.layer, **{f"status{i}": s for i, s in enumerate(self.statuses)}}

    def _block_length(self, number: int) -> int:
        return min(self.size, len(self.universe) - number * self.size)

    def _bounds(self, number: int) -> tuple[int, int]:
        """The first and last key of block ``number``."""
        start = number * self.size
        return self.universe[start], self.universe[start + self._block_length(number) - 1]

    def _universe_keys(self, number: int) -> Sequence[int]:
        start = number * self.size
        return self.universe[start:start + self._block_length(number)]

    def _marked(self, number: int) -> list[int]:
        """The keys of block ``number`` that have one of the statuses, ascending."""
        if self.layer is None:
            return []
        low, high = self._bounds(number)
        marked = [key for (key,) in self.db.execute(
            f"""SELECT s.document FROM document_status s
                WHERE {self._where} AND s.document BETWEEN :low AND :high ORDER BY s.document""",
            {**self._params, "low": low, "high": high},
        )]
        if high - low + 1 != self._block_length(number):
            present = set(self._universe_keys(number))
            marked = [key for key in marked if key in present]
        return marked

    def _kept(self, number: int) -> Sequence[int]:
        """The kept keys of block ``number``, ascending."""
        if number not in self._blocks:
            marked = self._marked(number)
            if self.keep:
                kept: Sequence[int] = marked
            elif not marked:
                kept = self._universe_keys(number)
            else:
                excluded = set(marked)
                kept = [key for key in self._universe_keys(number) if key not in excluded]
            self._blocks[number] = kept
        return self._blocks[number]

    def __len__(self) -> int:
        return self.kept_before[-1]

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            return self._run(start, stop)
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        number = bisect_right(self.kept_before, index) - 1
        return self._kept(number)[index - self.kept_before[number]]

    def _run(self, start: int, stop: int) -> list[int]:
        """Kept keys ``start`` to ``stop - 1``, read block by block."""
        keys: list[int] = []
        number = bisect_right(self.kept_before, start) - 1
        while start < stop:
            first = self.kept_before[number]
            block = self._kept(number)
            keys.extend(block[start - first:stop - first])
            start = first + len(block)
            number += 1
        return keys

    def first_from_rank(self, rank: int) -> int:
        """The index of the first kept key whose rank in the universe is at least ``rank``."""
        if rank >= len(self.universe):
            return len(self)
        number = rank // self.size
        return self.kept_before[number] + bisect_left(self._kept(number), self.universe[rank])

    def index_of(self, key: int) -> int | None:
        rank = _position(self.universe, key)
        if rank is None:
            return None
        number = rank // self.size
        kept = self._kept(number)
        index = bisect_left(kept, key)
        if index < len(kept) and kept[index] == key:
            return self.kept_before[number] + index
        return None


def _rank_after(keys: Keys, key: int) -> int:
    """How many of the sorted ``keys`` are at or below ``key``."""
    if isinstance(keys, range):
        return min(max(key - keys.start + 1, 0), len(keys))
    return bisect_right(keys, key)


def _position(keys: Keys, key: int) -> int | None:
    """The index of ``key`` in the sorted ``keys``, or None."""
    if isinstance(keys, _StatusBlocks):
        return keys.index_of(key)
    if isinstance(keys, range):
        return key - keys.start if key in keys else None
    index = bisect_left(keys, key)
    return index if index < len(keys) and keys[index] == key else None


def progress_over_time(project: Any) -> dict[str, list[tuple[str, int]]]:
    """Per layer, the running count of documents marked done, by day (``YYYY-MM-DD``).

    A document marked done again later counts at its latest change.
    """
    rows = project.db.execute(
        """SELECT l.name, substr(ds.updated_at, 1, 10) AS day, count(*)
           FROM document_status ds JOIN layers l ON l.id = ds.layer
           WHERE ds.status = 'done' GROUP BY l.name, day ORDER BY l.name, day"""
    )
    series: dict[str, list[tuple[str, int]]] = {}
    for layer, day, done in rows:
        points = series.setdefault(layer, [])
        points.append((day, (points[-1][1] if points else 0) + done))
    return series
