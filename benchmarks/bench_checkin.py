"""Check-in of a 1,000-document layer (issue 20, item 4): ``annotator checkin`` against the
native import of the same layer.

Builds a project of N articles of bench_import.py, each with a layer of mona's (twenty
spans: speakers and claims with a stance, a SAID_BY link per claim, in progress),
all assigned to her; checks them out; in the checked-out file sets every document done and
adds a span to each, as a day of offline work would; and exports her layer from that file
as native JSONL. Then times, taking turns (``measure.interleaved``), on a fresh copy of the
project each run: ``check_in`` of the file (open it, compare the three hashes of every
document, replace her layer on all N, in one transaction) against ``read_jsonl`` +
``import_documents(annotator="mona", replace=True)`` of the JSONL (the same layer onto the
same documents). Target: at most 2x.
Run: .venv/bin/python benchmarks/bench_checkin.py [N]   (default N = 1000)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import article  # noqa: E402
from measure import interleaved, ratio, verdict  # noqa: E402

from annotator.core.ingest import DocumentInput, import_documents  # noqa: E402
from annotator.core.store import Project, assignments  # noqa: E402
from annotator.formats.checkout import check_in, check_out  # noqa: E402
from annotator.formats.native import read_jsonl  # noqa: E402
from annotator.formats.native_export import write_jsonl  # noqa: E402

RATIO_TARGET = 2.0
RUNS = 5
SPANS = 20
STANCES = ("FAVOR", "AGAINST", "NEUTRAL", "UNCLEAR")


def words(text: str) -> list[tuple[int, int]]:
    found, start = [], None
    for offset, character in enumerate(text + " "):
        if character.isspace():
            if start is not None:
                found.append((start, offset))
                start = None
        elif start is None:
            start = offset
    return found


def build(path: Path, n: int) -> None:
    """N articles, each with mona's layer of SPANS spans and their links; all hers."""
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=article(i)["text"], path="bench", id=f"art-{i:06d}")
                                   for i in range(1, n + 1)])
        with project.transaction():
            for key in range(1, n + 1):
                bounds = words(project.document(key).text)
                speaker = None
                for number in range(SPANS):
                    start, end = bounds[number * 7]
                    if number % 2 == 0:
                        speaker = project.insert_span(key, "mona", start, end, "SPEAKER", {})
                    else:
                        claim = project.insert_span(key, "mona", start, bounds[number * 7 + 3][1], "CLAIM",
                                                    {"stance": STANCES[number % 4]})
                        project.insert_relation("SAID_BY", claim, speaker)
                project.touch_status(key, "mona")
        assignments.change(project, added=[(key, "mona") for key in range(1, n + 1)])


def work_offline(path: Path, n: int) -> None:
    """A span more and the status done on every document of the checked-out file."""
    with Project.open(path, writer=True) as copy:
        with copy.transaction():
            for key in range(1, n + 1):
                start, end = words(copy.document(key).text)[-1]
                copy.insert_span(key, "mona", start, end, "SPEAKER", {})
                copy.write_status(key, copy.ensure_layer("mona"), "done")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        base, offline, layer = Path(folder) / "base.sqlite", Path(folder) / "mona.sqlite", Path(folder) / "mona.jsonl"
        started = time.perf_counter()
        build(base, n)
        with Project.open(base, writer=True) as project:
            check_out(project, "mona", offline)
        work_offline(offline, n)
        with Project.open(offline) as copy:
            write_jsonl(copy, layer, "mona")
        print(f"built {n} documents with mona's layer, checked out and worked on in "
              f"{time.perf_counter() - started:.1f} s")
        counter = iter(range(10 * RUNS))

        def fresh() -> Path:
            path = Path(folder) / f"run-{next(counter)}.sqlite"
            shutil.copy(base, path)
            return path

        def time_checkin() -> float:
            with Project.open(fresh()) as project:
                began = time.perf_counter()
                report = check_in(project, offline)
                seconds = time.perf_counter() - began
            assert len(report.taken) == n and not report.conflicts, report.summary()
            return seconds

        def time_import() -> float:
            with Project.open(fresh()) as project:
                began = time.perf_counter()
                report = import_documents(project, read_jsonl(layer), annotator="mona", replace=True)
                seconds = time.perf_counter() - began
            assert len(report.layers_replaced) == n
            return seconds

        figures = interleaved({"check-in": time_checkin, "native import": time_import}, RUNS)
    slower = ratio(figures["check-in"], figures["native import"])
    print(f"mona's layer on {n} documents ({SPANS + 1} spans each); median (min–max) over {RUNS} runs")
    print(f"{'check-in':<16}{figures['check-in'].show('s', 2):>24}")
    print(f"{'native import':<16}{figures['native import'].show('s', 2):>24}")
    print(f"check-in / native import: {slower:.2f}x   at most {RATIO_TARGET:.0f}x")
    ok = slower <= RATIO_TARGET
    print(verdict(ok))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
