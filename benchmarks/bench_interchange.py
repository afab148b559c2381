"""Export 10,000 documents carrying 200,000 spans in every interchange format (issue 22, item 5).

Builds the projects of bench_export (N and 2N documents), then, in a fresh child process
per run, runs the export the CLI runs (``registry.export``, with the CLI's worker
processes for the formats that use them; the window makes its lines in one) and reports its
time, how often it reported progress, and how far peak RSS (VmHWM) rose. The formats
take turns with the native JSONL export of the same documents (``measure.turns``), RUNS
rounds, and each figure is printed as its median with its spread (min–max).

Targets, held to medians: each format's time at most 3x the native export's (ratio of
the medians); progress once per document; memory flat (the 2N rise at most 1.25x the N
rise, or both under 8 MB). spaCy is timed on 1,000 documents (and 2,000 for memory)
beside the native export of the same documents; its time is mostly spaCy's own
tokenizer and DocBin, so it is held instead to at most 1.5x "spaCy alone": the same
texts through ``make_doc``, ``DocBin.add`` and ``to_bytes`` with nothing of ours; its
ratio to native is printed beside, for what a user waits.
Run: .venv/bin/python benchmarks/bench_interchange.py [N] [RUNS]   (default N = 10000, RUNS = 3)
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_export import MEMORY_FLOOR_MB, MEMORY_RATIO_TARGET, build, memory_is_flat, vm_hwm_kb  # noqa: E402
from measure import Figure, ratio, turns, verdict  # noqa: E402

from annotator.core.store import Project  # noqa: E402
from annotator.formats import registry  # noqa: E402
from annotator.formats.workers import default_workers  # noqa: E402

RUNS = 3
RATIO_TARGET = 3.0
SPACY_DOCUMENTS = 1_000
SPACY_ALONE = "spacy alone"
SPACY_ALONE_TARGET = 1.5


def child(name: str, project_path: str, destination: str) -> None:
    """In a fresh process: one export, its time, progress calls and peak RSS rise."""
    calls = []
    with Project.open(project_path) as project:
        documents = project.document_count()
        if name == SPACY_ALONE:
            print(json.dumps({"seconds": spacy_alone(project, Path(destination)), "rise_kb": 0,
                              "progress": documents, "documents": documents}))
            return
        before = vm_hwm_kb()
        started = time.perf_counter()
        registry.export(project, name, Path(destination), "all", progress=calls.append, workers=default_workers())
        seconds = time.perf_counter() - started
        after = vm_hwm_kb()
    print(json.dumps({"seconds": seconds, "rise_kb": after - before, "progress": len(calls),
                      "documents": documents}))


def spacy_alone(project: Project, destination: Path) -> float:
    """spaCy's own work on the export's texts, already in memory: start spaCy, tokenize,
    add to a DocBin (with user data, as the export stores it) and serialize, a DocBin per
    1,000."""
    from annotator.formats.native_export import records

    texts = [record["text"] for record in records(project)]
    started = time.perf_counter()
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("ar")
    for first in range(0, len(texts), SPACY_DOCUMENTS):
        doc_bin = DocBin(store_user_data=True)
        for text in texts[first:first + SPACY_DOCUMENTS]:
            doc = nlp.make_doc(text)
            doc.user_data["annotator"] = {"text": text}
            doc_bin.add(doc)
        destination.write_bytes(doc_bin.to_bytes())
    return time.perf_counter() - started


def measure(name: str, project: Path, destination: Path) -> dict:
    output = subprocess.run([sys.executable, __file__, "--child", name, str(project), str(destination)],
                            check=True, capture_output=True, text=True).stdout
    measured = json.loads(output.strip().splitlines()[-1])
    if destination.is_dir():
        measured["bytes"] = sum(path.stat().st_size for path in destination.rglob("*") if path.is_file())
        shutil.rmtree(destination)
    else:
        measured["bytes"] = destination.stat().st_size if destination.exists() else 0
        destination.unlink(missing_ok=True)
    return measured


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
        return 0
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else RUNS
    small = min(n, SPACY_DOCUMENTS)
    formats = [name for name in registry.EXPORT_FORMATS if name != "jsonl"]
    base = {name: small if name == "spacy" else n for name in formats}
    # Each run: (format, size). Native runs at both sizes the formats are timed at.
    keys = [("jsonl", n), *((name, base[name]) for name in formats), *((name, 2 * base[name]) for name in formats)]
    if small != n:
        keys += [("jsonl", small)]
    keys += [(SPACY_ALONE, small)]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        paths = {size: folder / f"interchange-{size}.annotator" for size in {n, 2 * n, small, 2 * small}}
        for size, path in paths.items():
            build(path, size)
        results: dict[tuple[str, int], list[dict]] = {key: [] for key in keys}
        for number, (name, size) in enumerate(turns(keys, runs)):
            suffix = registry.FORMATS[name].suffix if name in registry.FORMATS else ".spacy"
            results[(name, size)].append(measure(name, paths[size], folder / f"run-{number}{suffix or '.d'}"))
    ok = report(n, runs, formats, base, results)
    print(verdict(ok))
    return 0 if ok else 1


def figure(runs: list[dict], key: str, scale: float = 1.0) -> Figure:
    return Figure(tuple(run[key] * scale for run in runs))


def report(n: int, runs: int, formats: list[str], base: dict[str, int],
           results: dict[tuple[str, int], list[dict]]) -> bool:
    native = {size: figure(results[("jsonl", size)], "seconds") for (name, size) in results if name == "jsonl"}
    print(f"{n} documents with {20 * n} spans; each figure the median (min–max) of {runs} runs, "
          "the formats taking turns with the native export of the same documents")
    written = {size: figure(results[("jsonl", size)], "bytes", 1 / 2**20).median
               for (name, size) in results if name == "jsonl"}
    print(f"{'format':<12} {'time':>22} {'x native':>9}  target  {'RSS rise N MB':>20} {'RSS rise 2N MB':>20} "
          f"progress memory  {'written':>9} {'per MB':>7}")
    print(f"{'jsonl':<12} {native[n].show():>22} {1:>9.2f}  {'':>6}  {'':>20} {'':>20} {'':>8} {'':>6}  "
          f"{written[n]:>6.1f} MB {1:>6.2f}x")
    ok = True
    for name in formats:
        size = base[name]
        timed, doubled = results[(name, size)], results[(name, 2 * size)]
        seconds = figure(timed, "seconds")
        times_native = ratio(seconds, native[size])
        rise_n, rise_2n = figure(timed, "rise_kb", 1 / 1024), figure(doubled, "rise_kb", 1 / 1024)
        flat = memory_is_flat(rise_n.median, rise_2n.median)
        progress = all(run["progress"] == run["documents"] for run in timed + doubled)
        if name == "spacy":
            alone = ratio(seconds, figure(results[(SPACY_ALONE, size)], "seconds"))
            fast = alone <= SPACY_ALONE_TARGET
            target = f"{alone:.2f}x spaCy alone (at most {SPACY_ALONE_TARGET}x)"
        else:
            fast = times_native <= RATIO_TARGET
            target = f"at most {RATIO_TARGET:.0f}x"
        ok &= fast and flat and progress
        megabytes = figure(timed, "bytes", 1 / 2**20).median
        # spaCy's compressed DocBin is a tenth of the text: its time is spaCy's, not its size's
        per_megabyte = "" if name == "spacy" else f"{times_native * written[size] / megabytes:.2f}x"
        print(f"{name:<12} {seconds.show():>22} {times_native:>9.2f}  {verdict(fast)}  {rise_n.show('MB', 1):>20} "
              f"{rise_2n.show('MB', 1):>20} {verdict(progress):>8} {verdict(flat)}  {megabytes:>6.1f} MB "
              f"{per_megabyte:>7}  ({target}" + (f"; N = {size}" if size != n else "") + ")")
    if (SPACY_ALONE, min(n, SPACY_DOCUMENTS)) in results:
        alone = figure(results[(SPACY_ALONE, min(n, SPACY_DOCUMENTS))], "seconds")
        print(f"spaCy alone (make_doc, DocBin.add, to_bytes on the same {min(n, SPACY_DOCUMENTS)} texts): "
              f"{alone.show()}, {ratio(alone, native[min(n, SPACY_DOCUMENTS)]):.2f}x native")
    print("written: the bytes the export wrote; per MB: its seconds per megabyte written over the native export's "
          "(no target: it says how much of a ratio is the format's size)")
    print(f"targets: time at most {RATIO_TARGET:.0f}x the native export of the same documents (ratio of medians); "
          "progress once per document; peak RSS rise flat "
          f"(2N at most {MEMORY_RATIO_TARGET}x N, or both under {MEMORY_FLOOR_MB:.0f} MB)")
    return ok


if __name__ == "__main__":
    sys.exit(main())
