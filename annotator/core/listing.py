"""The document list as pages: what a list view shows, read from the project a page at a time.

A project may hold 100,000 documents, so nothing here reads the documents table whole.
The rows of a list are documents in key order, optionally only those with one status for
one layer (the current annotator). Three facts keep every question cheap:

- The keys of the documents are nearly always the dense run ``min..max`` (SQLite gives a
  new row ``max(key) + 1``, and the app never deletes a document). Then row ``r`` of the
  unfiltered list is key ``min + r``, found without walking the table. ``OFFSET 99900``
  on the documents table would instead step through 99,900 rows whose pages hold the
  article texts: measured at about 60 ms with a warm cache on 100,000 articles of 3,000
  letters, and a read of the whole file when cold. If the keys have gaps (a document
  removed by another tool), their list is read once through the small ``id`` index.
- Statuses for a layer live in ``document_status`` (a few bytes a row); a layer's rows
  are read into two sorted lists, ``done`` and ``in_progress``. "new" is the rest,
  which includes documents that have no status row for the layer at all. The i-th
  "new" key is found by bisecting the sorted list of the others.
- A page's rows are then read by primary key, their status by the primary key
  ``(document, layer)`` of ``document_status``, and their span counts by one grouped
  query on the ``spans_by_document (document, layer, start)`` index.

What is read is cached until the file changes: ``PRAGMA data_version`` moves when another
connection commits, ``total_changes`` when this one writes. A listing never writes.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count, repeat
from operator import sub
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import STATUSES

_CHUNK = 500  # keys per IN (...) list; far below SQLite's limit on bound parameters

Keys = Sequence[int]  # sorted ascending: a range, an array('q'), or a _Without


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

    def __init__(self, project: Any, layer: str, status: str | None = None):
        if status is not None and status not in STATUSES:
            raise ValidationError(f"status {status!r} is not one of {', '.join(STATUSES)} (or None for all)")
        self.project = project
        self.layer = layer.strip() if isinstance(layer, str) else layer
        self.status = status
        self._token: tuple[int, int] | None = None
        self._cache: dict[str, Any] = {}
        self._universe: tuple[tuple, Keys] | None = None  # survives edits that leave documents alone

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
        if isinstance(rows, _Without):
            keys = [rows[i] for i in range(offset, end)]
        else:
            keys = list(rows[offset:end])
        return self._read(keys)

    def row_of(self, key: int) -> int | None:
        """The row number of document ``key`` under the filter, or None if it is not listed."""
        return _position(self._rows(), key)

    def next_unfinished(self, after_key: int | None) -> int | None:
        """The first document after ``after_key`` (wrapping round) not done for this layer.

        The filter does not apply: this is the annotator's "next" over all documents.
        ``after_key`` itself comes last, so it is returned only if it is the one left.
        """
        keys = self._keys()
        unfinished = self._without("done")
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

    # -- what is cached until the file changes ------------------------------------------------

    def _fresh(self) -> dict[str, Any]:
        db = self.project.db
        token = (db.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes)
        if token != self._token:
            self._token = token
            self._cache = {}
        return self._cache

    def _rows(self) -> Keys:
        """The keys of the listed documents, ascending, without reading them all."""
        cache = self._fresh()
        if "rows" not in cache:
            if self.status is None:
                rows: Keys = self._keys()
            elif self.status == "new":
                rows = self._without("not_new")
            else:
                rows = self._statuses(self.status)
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

    def _statuses(self, name: str) -> Keys:
        """Sorted keys of this layer's ``name`` documents: done, in_progress, or not_new
        (both together). Each is read when first asked for: a filter needs only one."""
        cache = self._fresh()
        cache.setdefault("statuses", {})
        statuses = cache["statuses"]
        if name not in statuses:
            keys = self._keys()
            layer = self._layer_id()
            wanted = ("done", "in_progress") if name == "not_new" else (name,)
            documents = array("q")
            if layer is not None:
                # One scan, and the keys come back as one string: no Python step per row.
                marks = ", ".join("?" * len(wanted))
                joined = self.project.db.execute(
                    f"""SELECT group_concat(document) FROM document_status
                        WHERE layer = ? AND status IN ({marks})""",
                    [layer, *wanted],
                ).fetchone()[0]
                if joined:
                    # Already in key order, or two runs, from the index: sorting is one pass.
                    documents = array("q", sorted(map(int, joined.split(","))))
            if isinstance(keys, range):
                if documents and (documents[0] < keys.start or documents[-1] >= keys.stop):
                    documents = array("q", [d for d in documents if d in keys])
            else:
                documents = array("q", [d for d in documents if _position(keys, d) is not None])
            statuses[name] = documents
        return statuses[name]

    def _without(self, status: str) -> "_Without":
        """Every key except this layer's ``status`` ones (done, or not_new)."""
        cache = self._fresh()
        name = f"without_{status}"
        if name not in cache:
            cache[name] = _Without(self._keys(), self._statuses(status))
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


class _Without:
    """The sorted keys of ``keys`` that are not in ``excluded`` (sorted, a subset of keys).

    Indexing and lookup cost a bisection, not a walk: ``shifted[j]`` is how many kept
    keys come before the j-th excluded one, so the kept key number ``i`` is
    ``keys[i + j]`` with ``j`` the number of excluded keys among those before it.
    """

    def __init__(self, keys: Keys, excluded: Keys):
        self.keys = keys
        if isinstance(keys, range):  # the usual case: a rank is an offset, computed in C
            self.ranks = array("q", map(sub, excluded, repeat(keys.start)))
        else:
            self.ranks = array("q", (_rank(keys, key) for key in excluded))
        self.shifted = array("q", map(sub, self.ranks, count()))

    def __len__(self) -> int:
        return len(self.keys) - len(self.ranks)

    def __getitem__(self, index: int) -> int:
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.keys[index + bisect_right(self.shifted, index)]

    def first_from_rank(self, rank: int) -> int:
        """The index of the first kept key whose rank in ``keys`` is at least ``rank``."""
        return rank - bisect_left(self.ranks, rank)

    def index_of(self, key: int) -> int | None:
        rank = _position(self.keys, key)
        if rank is None:
            return None
        j = bisect_left(self.ranks, rank)
        if j < len(self.ranks) and self.ranks[j] == rank:
            return None
        return rank - j


def _rank(keys: Keys, key: int) -> int:
    """How many of the sorted ``keys`` are below ``key``."""
    if isinstance(keys, range):
        return min(max(key - keys.start, 0), len(keys))
    return bisect_left(keys, key)


def _rank_after(keys: Keys, key: int) -> int:
    """How many of the sorted ``keys`` are at or below ``key``."""
    if isinstance(keys, range):
        return min(max(key - keys.start + 1, 0), len(keys))
    return bisect_right(keys, key)


def _position(keys: Keys, key: int) -> int | None:
    """The index of ``key`` in the sorted ``keys``, or None."""
    if isinstance(keys, _Without):
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
