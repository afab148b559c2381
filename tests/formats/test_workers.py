"""Exports whose lines are made by worker processes write what one process writes.

The command line hands a Prodigy or CoNLL export's records to worker processes in
chunks; the lines must come back in order, with the format's report whole, and a record
a worker refuses must stop the export with nothing written, as it does without them.

Workers are forked only on Linux and from a process that runs no other thread (a test run has some:
tqdm's monitor, Qt's), so each test runs in a fresh interpreter, as the command does,
with two records a chunk so that the small corpus goes out in several chunks."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.formats.golden import GOLDEN

FORKS = sys.platform.startswith("linux")  # elsewhere the same lines are made in the one process
ROOT = Path(__file__).resolve().parent.parent.parent


def in_a_fresh_process(code: str) -> dict:
    """Run ``code`` (which prints one JSON object last) where the command line runs."""
    prelude = "from annotator.formats import workers\nworkers.CHUNK = 2\nworkers.AHEAD = 1\nworkers.WORKERS_FROM_DOCUMENTS = 1\n"
    done = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("name", "golden"), [("prodigy", "prodigy.jsonl"), ("conll", "corpus.conll")])
def test_an_export_made_by_workers_is_the_golden_one(tmp_path: Path, name: str, golden: str) -> None:
    destination = tmp_path / golden
    said = in_a_fresh_process(f"""
        import json, os
        from pathlib import Path
        from annotator.formats import registry
        from tests.formats.golden import build_project
        pids = Path({str(tmp_path / "pids")!r})
        make = registry.FORMATS[{name!r}]._module()
        line_of = make.task_line if {name!r} == "prodigy" else make.document_block
        def watched(record, report):
            with open(pids, "a") as out:
                out.write(f"{{os.getpid()}}\\n")
            return line_of(record, report)
        if {name!r} == "prodigy":
            make.task_line = watched
        else:
            make.document_block = watched
        with build_project(Path({str(tmp_path / "golden.annotator")!r})) as project:
            report = registry.export(project, {name!r}, Path({str(destination)!r}), "all", workers=3)
        made_in = set(pids.read_text().split())
        print(json.dumps({{"summary": report.summary(), "here": str(os.getpid()) in made_in,
                          "processes": len(made_in)}}))
    """)
    assert destination.read_bytes() == (GOLDEN / golden).read_bytes()
    assert said["summary"] == json.loads((GOLDEN / "reports.json").read_text(encoding="utf-8"))[golden]
    if FORKS:
        assert not said["here"] and said["processes"] >= 2
    else:
        assert said["here"] and said["processes"] == 1


def test_lines_come_back_in_order_with_the_whole_report() -> None:
    said = in_a_fresh_process("""
        import json, os
        from annotator.formats.common import ExportReport
        def pid_line(record, report):
            report.lost["seen"] += 1
            report.adjusted.append(str(record["id"]))
            return f"{record['id']} {os.getpid()}", 1
        records = [{"id": number, "text": "", "spans": [], "relations": []} for number in range(25)]
        report = ExportReport()
        made = list(workers.made_lines(records, pid_line, report, workers=2))
        print(json.dumps({"lines": [line for _, line, _ in made], "main": os.getpid(), "seen": report.lost["seen"],
                          "adjusted": report.adjusted, "splits": sum(splits for _, _, splits in made)}))
    """)
    assert [line.split()[0] for line in said["lines"]] == [str(number) for number in range(25)]
    assert (str(said["main"]) not in {line.split()[1] for line in said["lines"]}) == FORKS
    assert said["seen"] == 25 and said["splits"] == 25
    assert said["adjusted"] == [str(number) for number in range(25)]


def test_a_record_a_worker_refuses_stops_the_export_and_writes_nothing(tmp_path: Path) -> None:
    destination = tmp_path / "tasks.jsonl"
    said = in_a_fresh_process(f"""
        import json
        from pathlib import Path
        from annotator.core.errors import AnnotatorError
        from annotator.formats import prodigy
        good = {{"id": "d", "title": "t", "text": "قال الوزير", "meta": {{}}, "layer": "mona", "status": "done",
                "relations": [], "spans": [{{"id": 1, "start": 0, "end": 3, "label": "CLAIM", "text": "قال",
                                            "attrs": {{}}}}]}}
        bad = dict(good, id="broken", spans=[dict(good["spans"][0], text="ليس")])
        try:
            prodigy.write([good] * 5 + [bad] + [good] * 5, Path({str(destination)!r}), None, workers=2)
            print(json.dumps({{"error": None}}))
        except AnnotatorError as error:
            print(json.dumps({{"error": str(error)}}))
    """)
    assert "broken" in said["error"]
    assert list(tmp_path.iterdir()) == []


def test_where_workers_are_not_forked_the_lines_are_made_here() -> None:
    """What a system other than Linux does (``workers._FORKS`` false): no worker, the
    same lines, and the command line asks for none."""
    said = in_a_fresh_process("""
        import json, os
        from annotator.formats.common import ExportReport
        workers._FORKS = False
        made = list(workers.made_lines([{"id": n, "text": "", "spans": [], "relations": []} for n in range(5)],
                                       lambda record, report: (str(os.getpid()), 0), ExportReport(), workers=4))
        print(json.dumps({"pids": sorted({line for _, line, _ in made}), "main": os.getpid(),
                          "default": workers.default_workers()}))
    """)
    assert said["pids"] == [str(said["main"])] and said["default"] == 1


@pytest.mark.parametrize("layer", ["all", "gold"])
def test_workers_read_the_project_as_one_process_does(tmp_path: Path, layer: str) -> None:
    """Workers that read their runs of documents themselves write the same file, the same
    report (notes counted as lost too) and report progress once per document."""
    said = in_a_fresh_process(f"""
        import json
        from pathlib import Path
        from annotator.core.session import DocumentSession
        from annotator.formats import registry
        from tests.formats.golden import build_project
        with build_project(Path({str(tmp_path / "golden.annotator")!r})) as project:
            keys = [document.key for document in project.documents()]
            session = DocumentSession(project, keys[0], "mona")
            session.set_note(None, "one source only")
            session.set_note(project.spans(keys[0], "mona")[0].id, "speaker or source?")
            project.set_status(keys[4], "gold", "done")
            made = {{}}
            for workers_asked in (1, 2):
                calls = []
                destination = Path({str(tmp_path)!r}) / f"{{workers_asked}}.conll"
                report = registry.export(project, "conll", destination, {layer!r}, progress=calls.append,
                                         workers=workers_asked)
                made[workers_asked] = [destination.read_text(encoding="utf-8"), report.summary(), len(calls)]
            print(json.dumps({{"made": made, "documents": len(keys)}}))
    """)
    one, two = said["made"]["1"], said["made"]["2"]
    assert two == one
    assert one[2] == said["documents"]
    assert any("notes (CoNLL BIO has no place for them) (2)" in line for line in one[1]) == (layer == "all")


def test_a_small_project_is_laid_out_in_the_one_process(tmp_path: Path) -> None:
    """Starting workers costs more than a few hundred documents take: below
    ``WORKERS_FROM_DOCUMENTS`` the lines are made here, the same ones."""
    said = in_a_fresh_process(f"""
        import json, os
        from pathlib import Path
        from annotator.formats import conll, registry
        from tests.formats.golden import build_project
        workers.WORKERS_FROM_DOCUMENTS = 2000
        made_in = set()
        block = conll.document_block
        def watched(record, report):
            made_in.add(os.getpid())
            return block(record, report)
        conll.document_block = watched
        with build_project(Path({str(tmp_path / "golden.annotator")!r})) as project:
            registry.export(project, "conll", Path({str(tmp_path / "corpus.conll")!r}), "all", workers=3)
        print(json.dumps({{"made_in": sorted(made_in), "main": os.getpid()}}))
    """)
    assert said["made_in"] == [said["main"]]
    assert (tmp_path / "corpus.conll").read_bytes() == (GOLDEN / "corpus.conll").read_bytes()
