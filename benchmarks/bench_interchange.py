"""Export 10,000 documents carrying 200,000 spans in every interchange format (issue 5).

Builds the projects of bench_export (N and 2N documents), then, in a fresh child process
per format and size, runs the export the CLI and window run (``registry.export``) and
reports its time, how often it reported progress, and how far peak RSS (VmHWM) rose.
Targets: progress once per document; memory flat (the 2N rise at most 1.25x the N rise,
or both under 8 MB). spaCy's DocBin is serialized in one piece by spaCy itself, so its
memory grows with the corpus (about 0.2 MB per document here): it is measured on
1,000 and 2,000 documents and shown, not held to the target.
Run: .venv/bin/python benchmarks/bench_interchange.py [N]   (default N = 10000)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_export import MEMORY_FLOOR_MB, MEMORY_RATIO_TARGET, build, vm_hwm_kb  # noqa: E402

from annotator.core.store import Project  # noqa: E402
from annotator.formats import registry  # noqa: E402

IN_MEMORY_BY_DESIGN = {"spacy"}
SPACY_DOCUMENTS = 1_000


def child(name: str, project_path: str, destination: str) -> None:
    """In a fresh process: one export, its time, progress calls and peak RSS rise."""
    calls = []
    with Project.open(project_path) as project:
        documents = project.document_count()
        before = vm_hwm_kb()
        started = time.perf_counter()
        report = registry.export(project, name, Path(destination), "all", progress=calls.append)
        seconds = time.perf_counter() - started
        after = vm_hwm_kb()
    print(json.dumps({"seconds": seconds, "rise_kb": after - before, "progress": len(calls),
                      "documents": documents, "spans": report.spans}))


def measure(name: str, project: Path, destination: Path) -> dict:
    output = subprocess.run([sys.executable, __file__, "--child", name, str(project), str(destination)],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
        return 0
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        small = min(n, SPACY_DOCUMENTS)
        paths = {size: folder / f"interchange-{size}.annotator" for size in {n, 2 * n, small, 2 * small}}
        for size, path in paths.items():
            build(path, size)
        print(f"{'format':<12} {'N s':>7} {'2N s':>7} {'rise N MB':>10} {'rise 2N MB':>11} progress  memory")
        for name in registry.EXPORT_FORMATS:
            base = small if name in IN_MEMORY_BY_DESIGN else n
            runs = {size: measure(name, paths[size], folder / f"{name}-{size}{registry.FORMATS[name].suffix or '.d'}")
                    for size in (base, 2 * base)}
            rise_n, rise_2n = (runs[s]["rise_kb"] / 1024 for s in (base, 2 * base))
            flat = (rise_n < MEMORY_FLOOR_MB and rise_2n < MEMORY_FLOOR_MB) or \
                rise_2n <= MEMORY_RATIO_TARGET * max(rise_n, 0.001)
            progress = all(runs[s]["progress"] == runs[s]["documents"] for s in runs)
            verdict = "PASS" if flat else ("grows (spaCy builds one DocBin)" if name in IN_MEMORY_BY_DESIGN else "FAIL")
            ok &= progress and (flat or name in IN_MEMORY_BY_DESIGN)
            print(f"{name:<12} {runs[base]['seconds']:>7.2f} {runs[2 * base]['seconds']:>7.2f} {rise_n:>10.1f} "
                  f"{rise_2n:>11.1f} {'PASS' if progress else 'FAIL':>8}  {verdict}"
                  + (f" (N = {base})" if base != n else ""))
        print(f"N = {n} documents with {20 * n} spans; target: progress once per document, "
              f"peak RSS rise flat (2N at most {MEMORY_RATIO_TARGET}x N, or both under {MEMORY_FLOOR_MB:.0f} MB)")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
