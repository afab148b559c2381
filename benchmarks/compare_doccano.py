"""Side by side with doccano 1.8.4: import and export of the same doccano JSONL (issue 22).

The same 2,000 Arabic documents of 3,000 characters with 20 spans each (doccano's
sequence-labelling JSONL, ``{"text", "label": [[start, end, label], ...]}``, the file
doccano's own export writes and its import reads) go through:

- ours: ``annotator import PROJECT FILE`` and ``annotator export PROJECT --format doccano``,
  each a fresh process, its start included;
- doccano's: a throwaway venv holding ``doccano==1.8.4`` from the package registry
  (``--install``), its database made by its own ``doccano init`` and ``doccano createuser``
  commands, a sequence-labelling project made through its Django models, the file staged
  as doccano's upload API stages it, then doccano's own import task
  (``data_import.celery_tasks.import_dataset``) and export task
  (``data_export.celery_tasks.export_dataset``, JSONL), each run in a fresh process.

Each measurement is the wall time and the peak resident memory (the child's
``ru_maxrss`` from ``os.wait4``) of its process, repeated (the two tools taking turns) and
printed as median with spread (min–max). For doccano the task's own time is printed too,
without Django's start-up. Not part of ``make bench`` nor ``make test``.

Run: .venv/bin/python benchmarks/compare_doccano.py            (ours only)
     .venv/bin/python benchmarks/compare_doccano.py --install  (and doccano, in a throwaway venv)
     .venv/bin/python benchmarks/compare_doccano.py --venv DIR (doccano from a venv that has it;
                                                               with --install, made there and kept)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_import import PARAGRAPHS  # noqa: E402
from measure import Figure, turns  # noqa: E402

DOCCANO = "doccano==1.8.4"
# What pip picks today for doccano 1.8.4's open ranges does not run: environs 9.5 reads
# marshmallow.__version_info__, which marshmallow 4 dropped (`doccano` stops with an
# AttributeError), and pandas 1.5 is built against numpy 1 ("numpy.dtype size changed").
CONSTRAINTS = ("marshmallow<4", "numpy<2")
DOCUMENTS = 2_000
CHARACTERS = 3_000
SPANS = 20
LABELS = ("SPEAKER", "CLAIM", "TARGET")
ROUNDS = 3
USER = "admin"

# Run with the venv's Python: doccano's own settings, as its `doccano` command sets them
# (importing backend.cli does that, and puts doccano's backend on the path), then its
# tasks called in this process as a Celery worker would call them.
DOCCANO_DRIVER = r"""
import json, sys, time, zipfile
import backend.cli  # noqa: F401  (doccano's settings and path, as its own command has them)
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.files import File
from django_drf_filepond.models import TemporaryUpload
import shortuuid
from projects.models import Member, SequenceLabelingProject
from roles.models import Role
from examples.models import Example
from labels.models import Span

action, argument = sys.argv[1], sys.argv[2]
user = get_user_model().objects.get(username=sys.argv[3])
if action == "import":
    from data_import.celery_tasks import import_dataset
    project = SequenceLabelingProject.objects.create(
        name=f"bench {time.time()}", description="compare_doccano", project_type="SequenceLabeling",
        created_by=user)
    Member.objects.create(user=user, project=project, role=Role.objects.get(name="project_admin"))
    upload_id, file_id = shortuuid.uuid(), shortuuid.uuid()
    with open(argument, "rb") as handle:  # what doccano's upload API (filepond) stores
        TemporaryUpload.objects.create(upload_id=upload_id, file_id=file_id, file=File(handle, name=file_id),
                                       upload_name="bench.jsonl", upload_type=TemporaryUpload.FILE_DATA,
                                       uploaded_by=user)
    started = time.perf_counter()
    result = import_dataset(user_id=user.id, project_id=project.id, file_format="JSONL", upload_ids=[upload_id],
                            task="SequenceLabeling", column_data="text", column_label="label", encoding="utf_8")
    seconds = time.perf_counter() - started
    print(json.dumps({"task_seconds": seconds, "project": project.id, "errors": result["error"][:3],
                      "documents": Example.objects.filter(project=project).count(),
                      "spans": Span.objects.filter(example__project=project).count()}))
else:
    from data_export.celery_tasks import export_dataset
    started = time.perf_counter()
    archive = export_dataset(int(argument), "JSONL", False)
    seconds = time.perf_counter() - started
    with zipfile.ZipFile(archive) as packed:
        lines = [json.loads(line) for name in packed.namelist() for line in packed.read(name).splitlines()]
    print(json.dumps({"task_seconds": seconds, "documents": len(lines),
                      "spans": sum(len(line.get("label", [])) for line in lines)}))
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output: str


def measured(argv: list[str], env: dict[str, str] | None = None) -> Run:
    """Wall time and peak RSS of one child process, from spawn to exit."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=ROOT)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output, errors = out.read(), err.read()
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:3])} ... failed (exit {child.returncode}):\n{errors[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, output)


def article(n: int) -> str:
    """Exactly CHARACTERS code points of Arabic news prose, its own for each n."""
    head = f"تقرير رقم {n}: الاقتصاد والشارع في العام {2000 + n % 27}\n\n"
    body = "\n\n".join(PARAGRAPHS[(n + i) % len(PARAGRAPHS)] for i in range(len(PARAGRAPHS)))
    text = head
    while len(text) < CHARACTERS:
        text += body + "\n\n"
    return text[:CHARACTERS]


def labelled(text: str) -> list[list]:
    """SPANS whole words spread over the text, [start, end, label] as doccano writes them."""
    spans, step = [], CHARACTERS // SPANS
    for i in range(SPANS):
        start = text.index(" ", i * step) + 1
        end = text.find(" ", start)
        spans.append([start, end if end != -1 else len(text), LABELS[i % len(LABELS)]])
    return spans


def write_corpus(path: Path, documents: int) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for n in range(1, documents + 1):
            text = article(n)
            out.write(json.dumps({"text": text, "label": labelled(text)}, ensure_ascii=False) + "\n")


class Ours:
    def __init__(self, folder: Path, corpus: Path) -> None:
        self.annotator = str(Path(sys.executable).parent / "annotator")
        self.folder, self.corpus, self.runs = folder, corpus, 0
        self.env = {**os.environ, "ANNOTATOR_CONFIG_DIR": str(folder / "config")}

    def round(self) -> tuple[Run, Run]:
        self.runs += 1
        project = self.folder / f"ours-{self.runs}.annotator"
        subprocess.run([self.annotator, "init", str(project)], check=True, capture_output=True, env=self.env)
        imported = measured([self.annotator, "import", str(project), str(self.corpus), "--format", "doccano",
                             "--annotator", USER], self.env)
        destination = self.folder / f"ours-{self.runs}.jsonl"
        exported = measured([self.annotator, "export", str(project), "--format", "doccano",
                             "--doccano-flavour", "labels", "-o", str(destination)], self.env)
        lines = destination.read_text(encoding="utf-8").splitlines()
        spans = sum(len(json.loads(line).get("label", [])) for line in lines)
        exported.output = f"{len(lines)} documents, {spans} spans"
        return imported, exported


class Doccano:
    def __init__(self, venv: Path, folder: Path, corpus: Path, documents: int) -> None:
        self.python, self.corpus, self.documents = str(venv / "bin" / "python"), corpus, documents
        self.env = {**os.environ, "DOCCANO_HOME": str(folder / "doccano-home"), "DEBUG": "False"}
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        for command in (["init"], ["createuser", "--username", USER, "--password", "bench-password"]):
            subprocess.run([str(venv / "bin" / "doccano"), *command], check=True, capture_output=True,
                           env=self.env)

    def round(self) -> tuple[Run, Run]:
        imported = measured([self.python, "-c", DOCCANO_DRIVER, "import", str(self.corpus), USER], self.env)
        result = json.loads(imported.output.strip().splitlines()[-1])
        if result["errors"] or (result["documents"], result["spans"]) != (self.documents, self.documents * SPANS):
            raise RuntimeError(f"doccano's import: {result}")
        exported = measured([self.python, "-c", DOCCANO_DRIVER, "export", str(result["project"]), USER], self.env)
        self.exported = json.loads(exported.output.strip().splitlines()[-1])
        return imported, exported


def install(venv: Path) -> None:
    print(f"installing {DOCCANO} into {venv} ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    installed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", DOCCANO,
                                *CONSTRAINTS], capture_output=True, text=True)
    if installed.returncode != 0:
        raise SystemExit(f"pip could not install {DOCCANO} (exit {installed.returncode}):\n"
                         f"{installed.stderr[-3000:]}")


def has_doccano(venv: Path) -> bool:
    return subprocess.run([str(venv / "bin" / "python"), "-c", "import backend.cli"], capture_output=True,
                          cwd=tempfile.gettempdir()).returncode == 0 if (venv / "bin" / "python").exists() else False


def task_seconds(run: Run) -> float:
    return json.loads(run.output.strip().splitlines()[-1])["task_seconds"]


def report(name: str, runs: list[tuple[Run, Run]], with_task: bool) -> None:
    for position, step in enumerate(("import", "export")):
        chosen = [pair[position] for pair in runs]
        wall = Figure(tuple(run.seconds for run in chosen))
        peak = Figure(tuple(run.peak_mb for run in chosen))
        line = f"{name:<8} {step:<6} process {wall.show()}, peak RSS {peak.show('MB', 0).replace(' MB', '', 1)}"
        if with_task:
            line += f"; the task alone {Figure(tuple(task_seconds(run) for run in chosen)).show()}"
        print(line)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--install", action="store_true", help=f"install {DOCCANO} into a throwaway venv")
    options.add_argument("--venv", type=Path, help="a venv holding doccano (with --install: made there, kept)")
    options.add_argument("--documents", type=int, default=DOCUMENTS)
    options.add_argument("--rounds", type=int, default=ROUNDS)
    arguments = options.parse_args()
    documents = arguments.documents
    with tempfile.TemporaryDirectory(prefix="compare-doccano-") as scratch:
        folder = Path(scratch)
        corpus = folder / "corpus.jsonl"
        write_corpus(corpus, documents)
        print(f"{documents} documents of {CHARACTERS} characters, {SPANS} spans each: "
              f"{corpus.stat().st_size / 1e6:.1f} MB of doccano JSONL")
        sides = {"ours": Ours(folder, corpus)}
        venv = arguments.venv or folder / "doccano-venv"
        if arguments.install and not has_doccano(venv):
            install(venv)
        if has_doccano(venv):
            try:
                sides["doccano"] = Doccano(venv, folder, corpus, documents)
            except subprocess.CalledProcessError as error:
                print(f"doccano: not measured: `doccano {error.cmd[1]}` failed:\n{error.stderr.decode()[-2000:]}")
        else:
            print("doccano: not measured (no venv with it; --install makes one)")
        runs: dict[str, list] = {name: [] for name in sides}
        for name in turns(list(sides), arguments.rounds):
            if name not in sides:
                continue
            try:
                runs[name].append(sides[name].round())
            except RuntimeError as error:
                if name == "ours":
                    raise
                print(f"doccano: not measured: {error}")  # ours is still worth reporting
                del sides[name]
        print(f"median (min–max) of {arguments.rounds} rounds, the tools taking turns; "
              f"peak RSS in MB; ours exported {runs['ours'][-1][1].output}"
              + (f", doccano {sides['doccano'].exported['documents']} documents, "
                 f"{sides['doccano'].exported['spans']} spans" if "doccano" in sides else ""))
        for name in sides:
            report(name, runs[name], with_task=name == "doccano")
        if arguments.install and not arguments.venv:
            shutil.rmtree(venv, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
