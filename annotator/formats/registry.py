"""Every format the CLI and the window offer, by name, and how ``auto`` picks one.

Readers share one call shape here (``path, encoding, schema``) and writers another
(``records, destination, schema, progress``); the native JSONL export is not listed among
the writers because it reads the project itself (``native_export.write_jsonl``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.errors import AnnotatorError, InputError, Remedy
from annotator.core.store.project_file import refuse_if_open_here

if TYPE_CHECKING:  # the table below is read by every start of the command line; the rest on use
    from annotator.core.ingest import DocumentInput, ImportReport
    from annotator.core.schema import Schema
    from annotator.core.store import Project
    from annotator.formats.common import ExportReport, Progress


@dataclass(frozen=True)
class Format:
    name: str
    title: str  # as the window's dialogs list it
    module: str  # in annotator.formats
    suffix: str  # what an export is called; "" for a folder
    reads_folders: bool = False  # a folder is one input (brat), not a set of files
    reader: str = "read"  # the module's reader: (path, encoding) -> DocumentInputs
    reader_takes_schema: bool = False  # brat: which attribute a note fills depends on it
    # The peer writes one file per annotator, named after them (doccano's admin.jsonl):
    # the module's ``layer_of_file(path)`` names the layer its records do not name.
    files_named_after_annotators: bool = False
    record_per_line: bool = False  # JSON lines: a non-blank line is a record, for the progress bar
    # Its writer can make its lines in worker processes (``workers.made_lines``).
    uses_workers: bool = False

    def _module(self) -> Any:
        return import_module(f"annotator.formats.{self.module}")

    def read(self, path: Path, encoding: str | None, schema: Schema) -> Iterator[DocumentInput]:
        reader = getattr(self._module(), self.reader)
        return reader(path, encoding, schema=schema) if self.reader_takes_schema else reader(path, encoding)

    def write(self, records: Iterable[dict[str, Any]], destination: Path, schema: Schema,
              progress: Progress = None, **options: Any) -> ExportReport:
        return self._module().write(records, destination, schema, progress=progress, **options)

    def sniff(self, path: Path) -> bool:
        return bool(self._module().sniff(path))

    def layer_of_file(self, path: Path) -> str | None:
        """The layer that ``path``'s name gives records that name none, if the peer names
        its files so."""
        return self._module().layer_of_file(path) if self.files_named_after_annotators else None


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("jsonl", "Annotator JSONL (native)", "native", ".jsonl", reader="read_jsonl", record_per_line=True),
    Format("text", "Plain text articles (.txt)", "plaintext", ".txt", reader="read_text_file"),
    Format("prodigy", "Prodigy JSONL", "prodigy", ".jsonl", record_per_line=True, uses_workers=True),
    Format("doccano", "doccano JSONL", "doccano", ".jsonl", files_named_after_annotators=True, record_per_line=True),
    Format("labelstudio", "Label Studio JSON", "labelstudio", ".json"),
    Format("brat", "brat standoff (folder)", "brat", "", reads_folders=True, reader_takes_schema=True),
    Format("spacy", "spaCy DocBin", "spacy_docbin", ".spacy", reads_folders=True),  # a folder of shards
    Format("conll", "CoNLL BIO", "conll", ".conll", uses_workers=True),
)}
EXPORT_FORMATS = tuple(name for name in FORMATS if name != "text")
# Content checks, most specific first: each sniffer refuses the others' files.
_SNIFF_ORDER = ("brat", "spacy", "labelstudio", "prodigy", "doccano", "conll")


def detect(path: Path) -> str:
    """The format of ``path`` from its content, then its name; refuses with what to do."""
    for name in _SNIFF_ORDER:
        if path.is_dir() and not FORMATS[name].reads_folders:
            continue
        if FORMATS[name].sniff(path):
            return name
    if path.is_dir():
        return "text"
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        return "jsonl"
    if suffix in (".txt", ".text", ""):
        return "text"
    raise InputError(f"cannot tell the format from its content or from {suffix!r}", path=str(path),
                     remedy=Remedy.NAME_FORMAT)


def export(project: Project, name: str, destination: Path, layer: str = "all",
           progress: Progress = None, workers: int = 1, **options: Any) -> ExportReport:
    """Export ``layer`` of every document in format ``name``; ``progress(1)`` after each
    document read. Refuses an unknown layer before writing anything. ``workers``: how
    many processes make the lines of a format that can use them (the command line's
    ``workers.default_workers()``; the window makes them in its own process)."""
    from annotator.core.model import GOLD_LAYER
    from annotator.formats.common import ExportReport
    from annotator.formats import native_document_labels
    from annotator.formats.native_export import GOLD_WITH_REVIEW, write_jsonl
    from annotator.formats.workers import ProjectRecords

    refuse_if_open_here(Path(destination))
    known = project.layer_names()
    if layer not in ("all", GOLD_LAYER, GOLD_WITH_REVIEW) and layer not in known:
        raise AnnotatorError(f"{project.path} has no layer {layer!r}; its layers: {', '.join(known) or 'none'}")
    if name == "jsonl":
        lines = write_jsonl(project, destination, layer, progress=progress)
        return ExportReport(documents=lines, files=[Path(destination)])
    if FORMATS[name].uses_workers:
        options["workers"] = workers
    records = ProjectRecords(project, layer, progress)
    report = FORMATS[name].write(records, Path(destination), project.schema, **options)
    if records.notes:
        report.lost[f"notes ({FORMATS[name].title.split(' (')[0]} has no place for them)"] += records.notes
    native_document_labels.report_lost(project, name, FORMATS[name].title, layer, report)
    return report


def inputs(path: Path, format_: str) -> list[tuple[Path, str]]:
    """The inputs behind one argument, each with its format: a brat folder is one input.
    The project open in this process is never among them (``refuse_if_open_here``)."""
    if not path.is_dir() and not path.is_file():
        raise AnnotatorError(f"{path}: not a regular file or folder; import files or folders of them")
    refuse_if_open_here(path)  # before the format is sniffed from its content
    found = _inputs(path, format_)
    for file, _ in found:
        refuse_if_open_here(file)
    return found


def _inputs(path: Path, format_: str) -> list[tuple[Path, str]]:
    from annotator.formats.plaintext import text_files

    if not path.is_dir():
        return [(path, detect(path) if format_ == "auto" else format_)]
    if format_ == "brat" or (format_ == "auto" and FORMATS["brat"].sniff(path)):
        return [(path, "brat")]
    if format_ == "auto" and FORMATS["spacy"].sniff(path):  # the spaCy export's folder of shards
        format_ = "spacy"
    if format_ in ("auto", "text"):
        return [(file, "text") for file in text_files(path)]
    suffix = FORMATS[format_].suffix
    return [(file, format_) for file in sorted(path.rglob(f"*{suffix}")) if file.is_file()]


def gather(paths: Iterable[Path], format_: str = "auto") -> list[tuple[Path, str]]:
    """Every input behind the chosen files and folders, each with its format, found and
    checked before anything is read (``inputs``)."""
    return [item for path in paths for item in inputs(Path(path), format_)]


def import_files(project: Project, items: list[tuple[Path, str]], *, encoding: str | None = None,
                 annotator: str | None = None, replace: bool = False,
                 progress: Progress = None, per_record: bool = False) -> ImportReport:
    """The one import of the command line and both windows: a backup of a project that
    already has documents, then every record of ``gather``'s items in one transaction
    (``ingest.import_documents``); ``progress(1)`` as each input is reached, or with
    ``per_record`` after each record (``expected_records`` tells how many to expect)."""
    from annotator.core.ingest import import_documents

    if project.document_count() and isinstance(project.path, Path):  # a server keeps its own (pg_dump)
        project.backup()
    numbered = read_inputs(items, encoding, project.schema)
    records = _each_record(numbered, progress) if per_record else _reporting(numbered, progress)
    return import_documents(project, records, annotator=annotator, replace=replace)


def _reporting(numbered: Iterator[tuple[int, DocumentInput]], progress: Progress) -> Iterator[DocumentInput]:
    reached = 0
    for number, record in numbered:
        if progress and number > reached:
            progress(number - reached)
            reached = number
        yield record


def _each_record(numbered: Iterator[tuple[int, DocumentInput]], progress: Progress) -> Iterator[DocumentInput]:
    for _, record in numbered:
        yield record
        if progress:
            progress(1)


def expected_records(items: list[tuple[Path, str]]) -> int | None:
    """About how many records ``gather``'s items hold, for a progress bar: a text file is
    one, a JSON-lines file one per line; None when a format does not tell so cheaply
    (a bar then counts without an end)."""
    total = 0
    for path, name in items:
        if name == "text":
            total += 1
        elif FORMATS[name].record_per_line and path.is_file():
            total += _lines_in(path)
        else:
            return None
    return total


def _lines_in(path: Path, chunk: int = 1 << 20) -> int:
    """The lines of ``path`` (a blank one too: they are rare), read a chunk at a time."""
    count, last = 0, b"\n"
    with open(path, "rb") as handle:
        while data := handle.read(chunk):
            count += data.count(b"\n")
            last = data[-1:]
    return count + (last != b"\n")


def read_inputs(items: list[tuple[Path, str]], encoding: str | None,
                schema: Schema) -> Iterator[tuple[int, DocumentInput]]:
    """(input number, record) for each record behind ``inputs``' items, lazily. A record
    of a peer that names its files after their annotator, and whose layer has no name,
    gets the file's (``Format.layer_of_file``); the caller's ``--annotator`` still wins."""
    for number, (path, name) in enumerate(items, 1):
        file_layer = FORMATS[name].layer_of_file(path)
        for record in FORMATS[name].read(path, encoding, schema):
            layer = record.layer
            if file_layer is not None and layer is not None and layer.name is None:
                layer.name, layer.named_after = file_layer, path.name
            yield number, record
