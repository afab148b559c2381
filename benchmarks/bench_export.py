"""Export 10,000 documents carrying 200,000 spans to native JSONL (issue 7, target 4).

Builds the project with raw SQL, then times ``write_jsonl`` (which also fsyncs and
re-reads what it wrote) against a bare ``json.dumps`` loop writing the same records,
already in memory, to a file, the two taking turns (``measure.turns``), RUNS times
each: target at most 2x, held to the ratio of the medians. Then memory: a fresh child
process per run exports N or 2N documents (taking turns) and reports how far its peak
RSS (VmHWM) rose during the export; target: flat (the median 2N rise at most 1.25x
the median N rise, or both under 8 MB). Each figure is printed as its median with its
spread (min–max), so that a verdict moves only when the code does.
Run: .venv/bin/python benchmarks/bench_export.py [N]   (default N = 10000)
"""

from __future__ import annotations

import cProfile
import hashlib
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from measure import interleaved, ratio, verdict  # noqa: E402

from annotator.core.store import Project  # noqa: E402
from annotator.formats.native_export import records, write_jsonl  # noqa: E402

RUNS = 5
MEMORY_RUNS = 3
RATIO_TARGET = 2.0
MEMORY_RATIO_TARGET = 1.25
MEMORY_FLOOR_MB = 8.0
SPANS_PER_DOCUMENT = 20
SENTENCE = "وقال المتحدث باسم الوزارة إن الخطة الجديدة «ستنجح» في خفض الأسعار خلال العام المقبل. "
LABELS = ("SPEAKER", "CLAIM", "TARGET")


def build(path: Path, documents: int) -> None:
    stamp = "2026-01-01T00:00:00.000+00:00"
    step = len(SENTENCE)
    with Project.create(path) as project:
        layer = project.ensure_layer("amal")
        doc_rows, span_rows, status_rows = [], [], []
        for key in range(1, documents + 1):
            head = f"مقال رقم {key}\n"
            text = head + SENTENCE * SPANS_PER_DOCUMENT
            doc_rows.append((key, f"doc-{key:06d}", f"مقال رقم {key}", text,
                             hashlib.sha256(text.encode("utf-8")).hexdigest(), "{}", stamp))
            for s in range(SPANS_PER_DOCUMENT):
                start = len(head) + s * step + 5
                span_rows.append((key, layer, start, start + 12, LABELS[s % 3],
                                  '{"stance": "FAVOR"}' if s % 3 == 1 else "{}"))
            status_rows.append((key, layer, "in_progress", stamp))
        with project.db.atomic():
            conn = project.db.conn
            conn.executemany("INSERT INTO documents (key, id, title, text, text_sha256, meta, imported_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)", doc_rows)
            conn.executemany('INSERT INTO spans (document, layer, start, "end", label, attrs) '
                             "VALUES (?, ?, ?, ?, ?, ?)", span_rows)
            conn.executemany("INSERT INTO document_status (document, layer, status, updated_at) "
                             "VALUES (?, ?, ?, ?)", status_rows)


def vm_hwm_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def child(project_path: str, destination: str) -> None:
    """Run in a fresh process: the rise of peak RSS over one export."""
    with Project.open(project_path) as project:
        project.document_count()
        before = vm_hwm_kb()
        write_jsonl(project, destination)
        after = vm_hwm_kb()
    print(json.dumps({"rise_kb": after - before, "peak_kb": after}))


def measure_memory(project_path: Path, destination: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(project_path), str(destination)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def memory_is_flat(rise_n: float, rise_2n: float) -> bool:
    """The memory target, on rises in MB."""
    return (rise_n < MEMORY_FLOOR_MB and rise_2n < MEMORY_FLOOR_MB) or \
        rise_2n <= MEMORY_RATIO_TARGET * max(rise_n, 0.001)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return 0
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    profile = os.environ.get("BENCH_PROFILE") == "1"
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        paths = {size: folder / f"export-{size}.annotator" for size in (n, 2 * n)}
        for size, path in paths.items():
            build(path, size)
        with Project.open(paths[n]) as project:
            in_memory = list(records(project))
            spans = sum(len(r["spans"]) for r in in_memory)
            progress_calls: list[int] = []
            exports = 0

            def bare() -> float:
                started = time.perf_counter()
                with open(folder / "bare.jsonl", "w", encoding="utf-8", newline="\n") as out:
                    for record in in_memory:
                        out.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
                return time.perf_counter() - started

            def export() -> float:
                nonlocal exports
                progress_calls.clear()
                profiler = cProfile.Profile() if profile and exports == 0 else None
                exports += 1
                started = time.perf_counter()
                if profiler:
                    profiler.enable()
                count = write_jsonl(project, folder / "export.jsonl", progress=progress_calls.append)
                if profiler:
                    profiler.disable()
                    pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)
                seconds = time.perf_counter() - started
                assert count == n
                assert len(progress_calls) == n, (len(progress_calls), n)  # once per document
                return seconds

            times = interleaved({"bare": bare, "export": export}, RUNS)
            del in_memory
        rises = interleaved({size: lambda size=size: measure_memory(paths[size], folder / f"mem-{size}.jsonl")
                             ["rise_kb"] / 1024 for size in (n, 2 * n)}, MEMORY_RUNS)
    exported, bare_time = times["export"], times["bare"]
    export_ratio = ratio(exported, bare_time)
    rise_n, rise_2n = rises[n], rises[2 * n]
    flat = memory_is_flat(rise_n.median, rise_2n.median)
    print(f"export {n} documents, {spans} spans: write_jsonl {exported.show()}; bare json.dumps loop over the "
          f"records in memory {bare_time.show()} (median, min–max of {RUNS} each, taking turns)")
    print(f"ratio of medians write_jsonl/bare: {export_ratio:.2f} (target: at most {RATIO_TARGET:.1f}x) "
          f"{verdict(export_ratio <= RATIO_TARGET)}")
    print(f"progress callback: called {len(progress_calls)} times for {n} documents (once per document)")
    print(f"peak RSS rise during export: {rise_n.show('MB', 1)} for {n} documents, {rise_2n.show('MB', 1)} "
          f"for {2 * n} (median, min–max of {MEMORY_RUNS}; target: flat, the 2N median at most "
          f"{MEMORY_RATIO_TARGET}x the N median or both under {MEMORY_FLOOR_MB:.0f} MB) {verdict(flat)}")
    ok = export_ratio <= RATIO_TARGET and flat
    print(verdict(ok))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
