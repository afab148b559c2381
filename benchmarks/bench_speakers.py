"""The speaker registry on 100,000 documents (issue 21, item 7): what Review → Speakers…
and ``annotator speakers`` read, and a merge with its undo.

Builds the corpus of bench_find.py (two annotators, two speakers each per article: 400,000
mentions of 600 names); then times, taking turns (``measure.interleaved``), RUNS times
each: the registry (every entity with its counts, documents, layers and words), the
mentions of the most mentioned entity (what opening its row reads), and a merge of the two
most mentioned entities followed by its undo (each one transaction). Targets: the
registry at most 5 s (the window's opening), a merge with its undo at most 10 s.
Run: .venv/bin/python benchmarks/bench_speakers.py [N]   (default N = 100000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_find import build  # noqa: E402
from measure import interleaved, verdict  # noqa: E402

from annotator.core import speakers  # noqa: E402
from annotator.core.store import Project  # noqa: E402

RUNS = 3
TARGETS_S = {"registry": 5.0, "mentions of one entity": 1.0, "merge and its undo": 10.0}


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "speakers.annotator"
        started = time.perf_counter()
        build(path, n)
        print(f"built {n} documents in {time.perf_counter() - started:.1f} s")
        with Project.open(path) as project:
            found = speakers.registry(project)
            first, second = found[0], found[1]

            def timed(action) -> float:
                began = time.perf_counter()
                action()
                return time.perf_counter() - began

            def merge_and_undo() -> None:
                speakers.merge(project, first.id, second.id)
                speakers.undo_last(project)

            figures = interleaved({
                "registry": lambda: timed(lambda: speakers.registry(project)),
                "mentions of one entity": lambda: timed(lambda: speakers.mentions_of(project, first)),
                "merge and its undo": lambda: timed(merge_and_undo),
            }, RUNS)
    mentions = sum(speaker.count for speaker in found)
    print(f"speakers on {n} documents: {len(found)} entities, {mentions} mentions; "
          f"median (min–max) over {RUNS} runs")
    ok = True
    for name, target in TARGETS_S.items():
        ok &= figures[name].median <= target
        print(f"{name:<28}{figures[name].show('s', 2):>26}   at most {target:.0f} s")
    print(verdict(ok))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
