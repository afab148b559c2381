"""spaCy's binary ``.spacy`` file: a ``DocBin`` of one ``Doc`` per document and layer.

Each ``Doc`` is the record's text tokenized by ``spacy.blank("ar")``, with the layer's
spans in ``doc.spans["sc"]`` (label as the span's label, our span id as its ``id``). A
spaCy span is whole tokens: a span that starts or ends inside a spaCy token is widened
to the whole token (``alignment_mode="expand"``), and the export report lists each one.
spaCy's Arabic tokenizer keeps clitics attached (``وأضاف``, ``بالحكومة`` stay one token)
and some punctuation too (``2027.``), so a span on ``أضاف`` becomes ``وأضاف`` there.

Everything else sits in ``doc.user_data["annotator"]`` (the file is written with
``store_user_data=True``): the document id, title, source, url, published date and meta,
the layer and its status, and every span with its own code-point offsets, text,
attributes (stance, entity) and provenance, and the relations between span ids. Our
reader takes the spans from there, so a round trip is exact even where the spaCy span
was widened. A ``.spacy`` file from elsewhere (no ``user_data``) imports with the spans
of every span group and the named entities (each start, end and label once) and no
layer name. Offsets are code points (spaCy's ``start_char``/``end_char``).

spaCy is optional (``pip install 'annotator[spacy]'``). A ``DocBin`` holds every ``Doc``
in memory until it is written, so the export is a folder of shards of ``SHARD_DOCUMENTS``
Docs each (``part-00001.spacy``, ...), which spaCy's ``Corpus`` reads as one corpus;
the reader takes a single ``.spacy`` file or such a folder.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.ingest import DocumentInput, LayerInput, RelationInput, SpanInput
from annotator.core.schema import DEFAULT_SCHEMA, Schema
from annotator.core.text import FixedText
from annotator.formats.common import ExportReport, Progress, atomic_file, check_record, map_span

SPAN_KEY = "sc"
USER_DATA_KEY = "annotator"
LANGUAGE = "ar"
_DOCUMENT_FIELDS = ("id", "title", "source", "url", "published", "meta", "layer", "status")
_SNIFF_BYTES = 4096


def _spacy() -> Any:
    try:
        import spacy
    except ImportError:
        raise AnnotatorError("the spaCy format needs spaCy: pip install 'annotator[spacy]'") from None
    return spacy


# -- writing ---------------------------------------------------------------------------


def write(records: Iterable[dict[str, Any]], destination: Path, schema: Schema = DEFAULT_SCHEMA,
          progress: Progress = None) -> ExportReport:
    """One ``Doc`` per record, in a folder of ``.spacy`` files of ``SHARD_DOCUMENTS`` each.

    A ``DocBin`` holds its Docs in memory until it is written, so one file for a whole
    project grows with it; shards keep the memory to one shard's. Each shard is written
    whole under a temporary name; only when all are written do they take their names,
    and shards of an earlier, longer export of the same folder are removed, so the
    folder never mixes two exports."""
    spacy = _spacy()
    destination = Path(destination)
    if destination.exists() and not destination.is_dir():
        raise AnnotatorError(f"{destination} is a file; the spaCy export writes a folder of .spacy files "
                             "(spaCy reads the folder as one corpus): name a folder, or remove the file")
    destination.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank(LANGUAGE)
    report = ExportReport(files=[destination])
    pending: list[Path] = []
    try:
        with _entry_points_read_once():
            for shard in _shards(records, nlp, report, progress):
                pending.append(_write_pending(shard, destination, len(pending) + 1))
        names = [destination / shard_name(number) for number in range(1, len(pending) + 1)]
        for written, name in zip(pending, names):
            os.replace(written, name)
    except BaseException:
        for written in pending:
            written.unlink(missing_ok=True)
        raise
    stale = [path for path in destination.glob("part-*.spacy") if _SHARD.fullmatch(path.name) and path not in names]
    for path in stale:
        path.unlink()
    report.notes.append(f"{len(names)} .spacy file(s) of at most {SHARD_DOCUMENTS} documents each in "
                        f"{destination} (spaCy's Corpus reads the folder; DocBin().from_disk each file)"
                        + (f"; removed {len(stale)} left by an earlier export" if stale else ""))
    return report


SHARD_DOCUMENTS = 1000
_SHARD = re.compile(r"part-\d{5,}\.spacy")


def shard_name(number: int) -> str:
    return f"part-{number:05d}.spacy"


def _shards(records: Iterable[dict[str, Any]], nlp: Any, report: ExportReport, progress: Progress) -> Iterator[Any]:
    """DocBins of ``SHARD_DOCUMENTS`` Docs (the last one fewer, and one even when empty)."""
    from spacy.tokens import DocBin

    doc_bin = DocBin(store_user_data=True)
    written = False
    for record in records:
        check_record(record)
        _add(doc_bin, doc_of(nlp, record, report), record)
        report.count(record)
        if progress:
            progress(1)
        if len(doc_bin) == SHARD_DOCUMENTS:
            yield doc_bin
            written, doc_bin = True, DocBin(store_user_data=True)
    if len(doc_bin) or not written:
        yield doc_bin


def _write_pending(doc_bin: Any, folder: Path, number: int) -> Path:
    pending = folder / f".{shard_name(number)}.{os.getpid()}.pending"
    with atomic_file(pending, mode="wb") as out:
        out.write(doc_bin.to_bytes())
    return pending


@contextmanager
def _entry_points_read_once() -> Iterator[None]:
    """srsly's msgpack, which ``DocBin.add`` calls three times per Doc, asks catalogue for
    its encoders on every call, and catalogue reads the entry points of every installed
    package each time (milliseconds a call: most of the export). During the export its
    first answer is kept; the registry is as it was afterwards."""
    try:
        from srsly.msgpack import msgpack_encoders
    except ImportError:
        yield
        return
    if "get_all" in vars(msgpack_encoders):  # already kept by an export under way
        yield
        return
    found = msgpack_encoders.get_all()
    msgpack_encoders.get_all = lambda: found
    try:
        yield
    finally:
        del msgpack_encoders.get_all


def doc_of(nlp: Any, record: dict[str, Any], report: ExportReport) -> Any:
    """The record's ``Doc``: spaCy tokens, the spans as a span group, the rest in user_data."""
    doc = nlp.make_doc(record["text"])
    if doc.text != record["text"]:
        raise AnnotatorError(f"document {record['id']!r}: spaCy's tokens do not give back the text; "
                             "nothing was written")
    group = []
    for span in record["spans"]:
        spacy_span = doc.char_span(span["start"], span["end"], label=span["label"],
                                   span_id=str(span["id"]), alignment_mode="expand")
        if spacy_span is None:
            report.adjusted.append(f"{_where(record)}: span {span['text']!r} covers no spaCy token; it is "
                                   f'only in user_data, not in doc.spans["{SPAN_KEY}"]')
            continue
        if (spacy_span.start_char, spacy_span.end_char) != (span["start"], span["end"]):
            report.adjusted.append(_expansion(record, span, spacy_span))
        group.append(spacy_span)
    doc.spans[SPAN_KEY] = group
    doc.user_data[USER_DATA_KEY] = user_data(record)
    return doc


def _where(record: dict[str, Any]) -> str:
    layer = f", layer {record['layer']!r}" if record["layer"] is not None else ""
    return f"document {record['id']!r}{layer}"


def _expansion(record: dict[str, Any], span: dict[str, Any], spacy_span: Any) -> str:
    text = record["text"]
    before = text[spacy_span.start_char:span["start"]]
    after = text[span["end"]:spacy_span.end_char]
    if spacy_span.start_char > span["start"] or spacy_span.end_char < span["end"]:
        why = "white space at its ends is part of no token"
    else:
        pieces = " and ".join(f"{piece!r} {side}" for piece, side in ((before, "before"), (after, "after")) if piece)
        why = f"spaCy's tokens keep {pieces} attached"
    return (f"{_where(record)}: span {span['text']!r} is {spacy_span.text!r} in doc.spans[\"{SPAN_KEY}\"] "
            f"({why}; user_data keeps the exact offsets)")


def user_data(record: dict[str, Any]) -> dict[str, Any]:
    """What the ``Doc`` cannot hold itself, for our reader to restore exactly."""
    data = {key: record[key] for key in _DOCUMENT_FIELDS if key in record}
    data["spans"] = [{key: span[key] for key in ("id", "start", "end", "label", "text", "attrs", "provenance")
                      if key in span} for span in record["spans"]]
    data["relations"] = [{key: relation[key] for key in ("type", "head", "child")}
                         for relation in record["relations"]]
    return data


def _add(doc_bin: Any, doc: Any, record: dict[str, Any]) -> None:
    try:
        doc_bin.add(doc)
    except (OverflowError, TypeError, ValueError) as error:
        raise AnnotatorError(f"document {record['id']!r}: its metadata or attributes cannot be stored in a "
                             f".spacy file ({error}); nothing was written") from None


# -- sniffing --------------------------------------------------------------------------


def shard_files(folder: Path) -> list[Path]:
    """The ``.spacy`` files below a folder, in name order."""
    return sorted(file for file in Path(folder).rglob("*.spacy") if file.is_file())


def sniff(path: Path) -> bool:
    """A zlib stream whose start is the msgpack map of a DocBin (``version``, ``attrs``);
    for a folder, that its first ``.spacy`` file is one."""
    if path.is_dir():
        files = shard_files(path)
        return bool(files) and sniff(files[0])
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
        start = zlib.decompressobj().decompress(head, 256)
    except (OSError, zlib.error):
        return False
    return start[:1] in (b"\x88", b"\x89", b"\x8a") and b"version" in start and b"attrs" in start


# -- reading ---------------------------------------------------------------------------


def read(path: Path, encoding: str | None = None) -> Iterator[DocumentInput]:
    """Each ``Doc`` of the ``.spacy`` file, or of each ``.spacy`` file of a folder (the
    export's shards, in name order); ``encoding`` is not used (the files are binary)."""
    path = Path(path)
    if path.is_dir():
        files = shard_files(path)
        if not files:
            raise InputError("no .spacy files in this folder; nothing to import", path=str(path))
        for file in files:
            yield from read(file, encoding)
        return
    spacy = _spacy()
    docs = _docs(spacy, path)
    if not docs:
        raise InputError("the file holds no documents; nothing to import", path=str(path))
    for number, doc in enumerate(docs, 1):
        data = doc.user_data.get(USER_DATA_KEY)
        if data is None:
            yield _foreign_document(doc, str(path), number)
        else:
            yield _own_document(doc.text, data, str(path), number)


def _docs(spacy: Any, path: Path) -> list[Any]:
    from spacy.tokens import DocBin

    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file ({error.strerror})", path=str(path)) from None
    try:
        doc_bin = DocBin(store_user_data=True).from_bytes(data)
        return list(doc_bin.get_docs(spacy.blank(LANGUAGE).vocab))
    except Exception as error:  # whatever a damaged file makes spaCy, zlib or msgpack raise
        raise InputError(f"not a readable spaCy DocBin ({type(error).__name__}); export it again with "
                         "DocBin.to_disk", path=str(path)) from None


def _foreign_document(doc: Any, path: str, number: int) -> DocumentInput:
    seen: dict[tuple[int, int, str], None] = {}
    for group in doc.spans.values():
        for span in group:
            seen.setdefault((span.start_char, span.end_char, span.label_), None)
    for span in doc.ents:
        seen.setdefault((span.start_char, span.end_char, span.label_), None)
    spans = tuple(SpanInput(ref=n, start=start, end=end, label=label)
                  for n, (start, end, label) in enumerate(seen, 1) if label)
    return DocumentInput(text=_checked_text(doc.text, path, number), path=path,
                         layer=LayerInput(name=None, spans=spans) if spans else None)


def _checked_text(text: str, path: str, number: int) -> str:
    if "\r" in text or text.startswith("\ufeff"):
        raise InputError(f"document {number}: its text has a carriage return or BOM, which an "
                         "Annotator text cannot hold; fix the text before building the .spacy file", path=path)
    return text


def _own_document(text: str, data: Any, path: str, number: int) -> DocumentInput:
    where = f"document {number}"
    if not isinstance(data, dict):
        raise InputError(f'{where}: user_data["{USER_DATA_KEY}"] must be a mapping', path=path)
    fields = {key: _plain(data.get(key)) for key in _DOCUMENT_FIELDS}
    for key in ("id", "title", "source", "url", "published", "layer", "status"):
        if fields[key] is not None and not isinstance(fields[key], str):
            raise InputError(f'{where}: user_data "{key}" must be a string', path=path)
    if not isinstance(fields["meta"] or {}, dict):
        raise InputError(f'{where}: user_data "meta" must be a mapping', path=path)
    text = _checked_text(text, path, number)
    spans = [_own_span(span, n, text, path, where) for n, span in enumerate(_sequence(data, "spans", where, path), 1)]
    relations = [_own_relation(r, n, path, where) for n, r in enumerate(_sequence(data, "relations", where, path), 1)]
    layer = None
    if fields["layer"] is not None or spans or relations:
        layer = LayerInput(name=fields["layer"], status=fields["status"], spans=tuple(spans),
                           relations=tuple(relations))
    return DocumentInput(text=text, path=path, id=fields["id"], id_is_explicit=fields["id"] is not None,
                         title=fields["title"], source=fields["source"], url=fields["url"],
                         published=fields["published"], meta=fields["meta"] or {}, layer=layer)


def _plain(value: Any) -> Any:
    """msgpack gives tuples for lists (DocBin reads with ``use_list=False``): lists again."""
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _sequence(data: dict[str, Any], key: str, where: str, path: str) -> list[Any]:
    value = _plain(data.get(key) or [])
    if not isinstance(value, list):
        raise InputError(f'{where}: user_data "{key}" must be a list', path=path)
    return value


def _own_span(span: Any, number: int, text: str, path: str, where: str) -> SpanInput:
    where = f"{where}, span {number}"
    if not isinstance(span, dict) or not isinstance(span.get("label"), str):
        raise InputError(f'{where} must be a mapping with a "label" string', path=path)
    expected = span.get("text")
    if expected is not None and not isinstance(expected, str):
        raise InputError(f'{where}: "text" must be a string', path=path)
    start, end = map_span(FixedText(text), text, span.get("start"), span.get("end"), path, None, where, expected)
    attrs = span.get("attrs") or {}
    if not isinstance(attrs, dict):
        raise InputError(f'{where}: "attrs" must be a mapping', path=path)
    return SpanInput(ref=span.get("id", number), start=start, end=end, label=span["label"], attrs=attrs,
                     provenance=span.get("provenance"))


def _own_relation(relation: Any, number: int, path: str, where: str) -> RelationInput:
    if not isinstance(relation, dict) or not isinstance(relation.get("type"), str) \
            or "head" not in relation or "child" not in relation:
        raise InputError(f'{where}, relation {number} must be a mapping with "type", "head" and "child"',
                         path=path)
    return RelationInput(type=relation["type"], head=relation["head"], child=relation["child"])
