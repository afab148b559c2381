"""The corpus search on a PostgreSQL server beside a project file (issue 19): the same
corpus as ``bench_find`` (two annotators, six spans each per article, relations, notes),
written into a project file and into a database on a throwaway server
(``tests/pg_cluster.Cluster``, reached over TCP), then for each: the spans written (the
server's triggers note each statement's spans pending), the first search's fold of every
span (``span_words.flush``: SQLite folds inside one bulk insert; the server's spans are
read, folded in Python and written back), and ``find`` for each query of ``bench_find``,
the two backends taking turns (``measure.interleaved``), RUNS times each; each figure is
the median with its spread (min–max). Target: every server median at most 1 s.
Run: .venv/bin/python benchmarks/bench_find_server.py [N]   (default N = 1000)
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_find import LIMIT, QUERIES, article  # noqa: E402
from measure import interleaved, verdict  # noqa: E402

from annotator.core.find_query import parse  # noqa: E402
from annotator.core.store import Project  # noqa: E402
from annotator.core.store import span_words  # noqa: E402
from annotator.core.store.find import find  # noqa: E402
from tests.pg_cluster import running_cluster  # noqa: E402

RUNS = 5
TARGET_S = 1.0
STAMP = "2026-01-01T00:00:00.000+00:00"


def rows(documents: int, layers: dict[str, int]) -> dict[str, list[tuple]]:
    """``bench_find``'s corpus as the rows of each table."""
    rng = random.Random(21)
    found: dict[str, list[tuple]] = {"documents": [], "spans": [], "relations": [], "status": [], "notes": []}
    span_id = relation_id = 0
    for key in range(1, documents + 1):
        text, spans = article(key, rng)
        found["documents"].append((key, f"doc-{key:06d}", f"خبر رقم {key}", text,
                                   hashlib.sha256(text.encode("utf-8")).hexdigest(), "{}", STAMP))
        for name, layer in layers.items():
            ids = {}
            for label, start, end, slot in spans:
                if name == "sami" and slot == "s1" and key % 200 == 0:
                    start += 5
                attrs = {}
                if label == "SPEAKER":
                    attrs = {"entity": text[start:end]}
                elif label == "CLAIM":
                    differs = name == "sami" and slot == "c0" and key % 3 == 0
                    attrs = {"stance": "FAVOR" if (slot == "c0") != differs else "AGAINST"}
                span_id += 1
                ids[slot] = span_id
                found["spans"].append((span_id, key, layer, start, end, label, json.dumps(attrs)))
                if span_id % 100 == 0:
                    found["notes"].append((key, layer, span_id, "غير متأكد", STAMP, STAMP))
            for i in range(2):
                for type_, child in (("SAID_BY", f"s{i}"), ("ABOUT", f"t{i}")):
                    relation_id += 1
                    found["relations"].append((relation_id, key, layer, type_, ids[f"c{i}"], ids[child]))
            found["status"].append((key, layer, "in_progress", STAMP))
    return found


def build(location, documents: int) -> dict[str, float]:
    """Write the corpus and fold it; the seconds each step took."""
    seconds = {}
    with Project.create(location) as project:
        db = project.db
        layers = {name: project.ensure_layer(name) for name in ("mona", "sami")}
        table = rows(documents, layers)
        with db.atomic():
            db.executemany("INSERT INTO documents (key, id, title, text, text_sha256, meta, imported_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)", table["documents"])
            started = time.perf_counter()
            db.executemany('INSERT INTO spans (id, document, layer, start, "end", label, attrs) '
                           "VALUES (?, ?, ?, ?, ?, ?, ?)", table["spans"])
            seconds["spans written"] = time.perf_counter() - started
            db.executemany("INSERT INTO relations (id, document, layer, type, head, child) "
                           "VALUES (?, ?, ?, ?, ?, ?)", table["relations"])
            db.executemany("INSERT INTO document_status (document, layer, status, updated_at) "
                           "VALUES (?, ?, ?, ?)", table["status"])
            db.executemany("INSERT INTO notes (document, layer, span, text, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?)", table["notes"])
        started = time.perf_counter()
        assert span_words.flush(db)
        seconds["first fold (every span)"] = time.perf_counter() - started
        db.execute("ANALYZE")
        seconds["spans"] = len(table["spans"])
    return seconds


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder, running_cluster() as cluster:
        places = {"file": Path(folder) / "find.annotator", "server": cluster.url(cluster.new_database())}
        built = {backend: build(place, n) for backend, place in places.items()}
        projects = {backend: Project.open(place) for backend, place in places.items()}
        counts: dict[tuple[str, str], str] = {}

        def timed(backend: str, text: str) -> float:
            project = projects[backend]
            began = time.perf_counter()
            hits, more = find(project, parse(text, project.schema, project.layer_names()), LIMIT)
            seconds = time.perf_counter() - began
            counts[backend, text] = f"{len(hits)}{'+' if more else ''}"
            return seconds

        figures = interleaved({(backend, text): (lambda backend=backend, text=text: timed(backend, text))
                               for text in QUERIES.values() for backend in places}, RUNS)
        for project in projects.values():
            project.close()
    print(f"{n} documents, {built['file']['spans']:.0f} spans")
    for step in ("spans written", "first fold (every span)"):
        print(f"{step:<42}{'file':>6} {built['file'][step]:.2f} s   server {built['server'][step]:.2f} s")
    print(f"find, first page of {LIMIT} hits; median (min–max) over {RUNS} runs, the backends taking turns")
    print(f"{'query':<42}{'hits':>6}{'file':>26}{'server':>26}   target (server)")
    ok = True
    for name, text in QUERIES.items():
        file, server = figures["file", text], figures["server", text]
        ok &= server.median <= TARGET_S and counts["file", text] == counts["server", text]
        print(f"{name:<42}{counts['server', text]:>6}{file.show('ms', 1):>26}{server.show('ms', 1):>26}"
              f"   at most {TARGET_S * 1000:.0f} ms, the file's hits")
    print(verdict(ok))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
