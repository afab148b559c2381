"""Assigning 100,000 documents to 20 annotators with a 0.2 overlap (issue 20, item 4).

Builds a project of N short documents whose words (``document_words``, what assignment
balances by) are set to a news article's spread, 150 to 1,500 words, so that the file
stays small; then times, taking turns (``measure.interleaved``), RUNS times each:

- assign: what ``annotator assign PROJECT --annotators a01,…,a20 --overlap 0.2 --seed 1``
  does after opening the file (``cli_assign.assign_documents``): read every document's
  words and assignees, decide, write the rows in one transaction;
- bare insert: one ``executemany`` of the same assignment rows into the same table, in one
  transaction, already in key order (the table's, so its fastest): the least any
  assignment could cost.

The assignments are deleted (not timed) before each run. Target: assign within 2x the
bare insert, on the wall clock; the CPU time of each is printed beside (no target), which a
machine busy with other work skews less. Run: .venv/bin/python benchmarks/bench_assign.py [N]   (default N = 100000)
"""

from __future__ import annotations

import hashlib
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from measure import Figure, interleaved, ratio, verdict  # noqa: E402

from annotator.cli_assign import assign_documents  # noqa: E402
from annotator.core.assign import Request  # noqa: E402
from annotator.core.store import Project, now  # noqa: E402

RUNS = 7
ANNOTATORS = tuple(f"a{number:02d}" for number in range(1, 21))
TARGET_RATIO = 2.0


def build(path: Path, documents: int) -> None:
    rng = random.Random(20)
    stamp = "2026-01-01T00:00:00.000+00:00"
    with Project.create(path) as project:
        for name in ANNOTATORS:
            project.ensure_layer(name)
        conn = project.db.conn
        with project.db.atomic():
            rows = []
            for key in range(1, documents + 1):
                text = f"خبر رقم {key}"
                rows.append((key, f"doc-{key:06d}", text, text, hashlib.sha256(text.encode()).hexdigest(), "{}", stamp))
            conn.executemany("INSERT INTO documents (key, id, title, text, text_sha256, meta, imported_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            conn.executemany("UPDATE document_words SET words = ? WHERE document = ?",
                             [(rng.randint(150, 1500), key) for key in range(1, documents + 1)])


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    request = Request(ANNOTATORS, overlap=0.2, seed=1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "assign.annotator"
        started = time.perf_counter()
        build(path, n)
        print(f"built {n} documents in {time.perf_counter() - started:.1f} s")
        with Project.open(path, writer=True) as project:
            layers = {name: project.ensure_layer(name) for name in ANNOTATORS}
            planned = assign_documents(project, request).plan
            # in the table's key order: its fastest
            rows = sorted((key, layers[name]) for key, names in planned.items() for name in names)

            def cleared() -> None:
                with project.db.atomic():
                    project.db.execute("DELETE FROM assignments")

            cpu: dict[str, list[float]] = {"assign": [], "bare insert": []}

            def timed(name: str, action) -> float:
                cleared()
                began, began_cpu = time.perf_counter(), time.process_time()
                action()
                cpu[name].append(time.process_time() - began_cpu)
                return time.perf_counter() - began

            def bare_insert() -> None:
                at = now()
                with project.db.atomic():
                    project.db.conn.executemany(
                        "INSERT INTO assignments (document, layer, assigned_at) VALUES (?, ?, ?)",
                        [(key, layer, at) for key, layer in rows])

            figures = interleaved({"assign": lambda: timed("assign", lambda: assign_documents(project, request)),
                                   "bare insert": lambda: timed("bare insert", bare_insert)}, RUNS)
    times = ratio(figures["assign"], figures["bare insert"])
    print(f"assigning {n} documents to {len(ANNOTATORS)} annotators, overlap 0.2: {len(rows)} assignment rows; "
          f"median (min–max) over {RUNS} runs")
    print(f"{'assign':<14}{figures['assign'].show('s', 2):>24}")
    print(f"{'bare insert':<14}{figures['bare insert'].show('s', 2):>24}")
    ok = times <= TARGET_RATIO
    print(f"{'ratio':<14}{times:>13.2f}x{'':>10}at most {TARGET_RATIO:.0f}x")
    in_cpu = {name: Figure(tuple(samples)) for name, samples in cpu.items()}
    print(f"in CPU time: assign {in_cpu['assign'].show('s', 2)}, bare insert {in_cpu['bare insert'].show('s', 2)}: "
          f"ratio {ratio(in_cpu['assign'], in_cpu['bare insert']):.2f}x (no target: what a busy machine does not skew)")
    print(verdict(ok))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
