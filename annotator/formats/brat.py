"""brat standoff: a folder of ``.txt`` files, each with an ``.ann`` of the same stem.

Export layout: ``DEST/annotation.conf`` (the schema as brat's config), one subfolder per
layer (``DEST/<layer>/<doc>.txt`` and ``<doc>.ann``, the layout bratiaa reads: one folder
per annotator), and a document nobody annotated as ``DEST/<doc>.txt`` with an empty
``.ann``. Every file is staged in a dot-folder inside ``DEST`` and put in place only when all
are on disk and read back (``AtomicFiles``): a failed export leaves ``DEST`` as it was, and
files there this export does not write are left alone. A crashed export's leftover dot-folder is
never read as a layer. A span is a ``T`` line; one that crosses line breaks is written as
fragments (``LABEL 0 5;6 12``) that leave the line breaks out, as brat does, and its text
field joins the fragments' text with a space. A relation is an ``R`` line (``Arg1`` the head,
``Arg2`` the child: the CLAIM of SAID_BY), a closed-value attribute an ``A`` line, a
label's free-text attribute (SPEAKER's ``entity``) an ``AnnotatorNotes`` line.

Offsets are code points into the text as brat reads it: UTF-8, a BOM counted as one
character, every line break (CRLF too) counted as one (brat reads with universal
newlines). The reader also accepts offsets that count the CR of a CRLF, when the spans'
own text shows that is what the file means. Not carried: document title and metadata,
layer status, gold-span provenance, a second free-text attribute of one label.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, InputError, quoted
from annotator.core.ingest import DocumentInput, LayerInput, RelationInput, SpanInput, title_of
from annotator.core.schema import DEFAULT_SCHEMA, Label, Schema
from annotator.core.text import FixedText, decode_bytes, fix_up
from annotator.formats.common import AtomicFiles, ExportReport, Progress, check_record, map_span

CONFIG_NAME = "annotation.conf"
NOTE_TYPE = "AnnotatorNotes"
_NOT_IN_A_FILE_NAME = re.compile('[\x00-\x1f\x7f-\x9f/\\\\:*?"<>|\ud800-\udfff]')
_NOT_IN_A_BRAT_TYPE = re.compile(r"[\s:;|,=#<>!]")
_MAX_NAME_BYTES = 180
_SNIFF_BYTES = 4096
_ANN_LINE = re.compile(r"^(?:T\d+\t\S+ \d+ \d+|R\d+\t\S+ Arg1:\S+ Arg2:\S+|A\d+\t\S+ \S+|#\d+\t\S+ \S+)")
_LOST_META = "document title, source, url, published and meta (brat keeps only the text)"
_LOST_STATUS = "layer status (brat has no place for it)"
_LOST_PROVENANCE = "gold-span provenance (brat has no place for it)"
_Kinds = dict[str, tuple[str | None, frozenset[str]]]  # label: its note attribute, its closed-value ones


# -- writing ---------------------------------------------------------------------------


def annotation_conf(schema: Schema) -> str:
    """brat's ``annotation.conf`` for ``schema``: entities, relations, closed-value attributes."""
    for name in _brat_names(schema):
        if not name or _NOT_IN_A_BRAT_TYPE.search(name):
            raise AnnotatorError(
                f"{name!r} in the schema cannot be a brat type or value (spaces and :;|,=#<>! are not "
                "allowed there); rename it in the schema to export to brat"
            )
    lines = ["[entities]", *(label.name for label in schema.labels), "", "[relations]"]
    lines += [f"{r.name}\tArg1:{r.head}, Arg2:{r.child}" for r in schema.relations]
    lines += ["", "[events]", "", "[attributes]"]
    for name, (labels, values) in _closed_attributes(schema).items():
        lines.append(f"{name}\tArg:{'|'.join(labels)}, Value:{'|'.join(values)}")
    return "\n".join(lines) + "\n"


def _brat_names(schema: Schema) -> Iterator[str]:
    for label in schema.labels:
        yield label.name
        for attribute in label.attributes:
            if attribute.values:
                yield attribute.name
                yield from attribute.values
    for relation in schema.relations:
        yield relation.name


def _closed_attributes(schema: Schema) -> dict[str, tuple[list[str], list[str]]]:
    """Each closed-value attribute name with the labels that have it and all its values."""
    result: dict[str, tuple[list[str], list[str]]] = {}
    for label in schema.labels:
        for attribute in label.attributes:
            if attribute.values:
                labels, values = result.setdefault(attribute.name, ([], []))
                labels.append(label.name)
                values.extend(v for v in attribute.values if v not in values)
    return result


def note_attribute(label: Label | None) -> str | None:
    """The free-text attribute a label's ``AnnotatorNotes`` line holds: its first one."""
    if label is None:
        return None
    return next((a.name for a in label.attributes if not a.values), None)


@dataclass
class _Names:
    """Safe, unique file and folder names, and the document id each one stands for."""

    used_stems: set[str] = field(default_factory=set)
    used_folders: set[str] = field(default_factory=lambda: {CONFIG_NAME.casefold()})
    folders: dict[str, str] = field(default_factory=dict)
    last_document: tuple[str, str] | None = None

    def stem(self, document_id: str, report: ExportReport) -> str:
        if self.last_document and self.last_document[0] == document_id:
            return self.last_document[1]
        stem = _unique(safe_name(document_id), self.used_stems)
        if stem != document_id:
            report.adjusted.append(f"document {document_id!r} was written as {stem}.txt (its id on import)")
        self.last_document = (document_id, stem)
        return stem

    def folder(self, layer: str, report: ExportReport) -> str:
        if layer not in self.folders:
            folder = _unique(safe_name(layer), self.used_folders)
            if folder != layer:
                report.adjusted.append(f"layer {layer!r} was written to the folder {folder} (its name on import)")
            self.folders[layer] = folder
        return self.folders[layer]


def safe_name(name: str) -> str:
    """``name`` as one file-name component: no path separator, control or reserved
    character, no leading dot, short enough for any file system; Arabic kept."""
    safe = _NOT_IN_A_FILE_NAME.sub("_", name).strip(" ")
    safe = "_" + safe[1:] if safe.startswith(".") else safe
    safe = safe.rstrip(".") or "_"
    encoded = safe.encode("utf-8")
    if len(encoded) > _MAX_NAME_BYTES:
        safe = encoded[:_MAX_NAME_BYTES].decode("utf-8", "ignore")
    return safe


def _unique(name: str, used: set[str]) -> str:
    """``name``, or ``name~2``, ``name~3``…: unique even on a file system that ignores case."""
    candidate, number = name, 1
    while candidate.casefold() in used:
        number += 1
        candidate = f"{name}~{number}"
    used.add(candidate.casefold())
    return candidate


def write(records: Iterable[dict[str, Any]], destination: Path, schema: Schema = DEFAULT_SCHEMA,
          progress: Progress = None) -> ExportReport:
    """Write ``destination/annotation.conf`` and a ``.txt``/``.ann`` pair per record."""
    destination = Path(destination)
    config = annotation_conf(schema)
    report = ExportReport()
    names = _Names()
    kinds = attribute_kinds(schema)
    with AtomicFiles(destination) as files:  # all in place at the end, or nothing on a failure
        files.write_text(destination, CONFIG_NAME, config)
        report.files.append(destination / CONFIG_NAME)
        for record in records:
            check_record(record)
            folder = destination
            if record["layer"] is not None:
                folder = destination / names.folder(record["layer"], report)
            _write_pair(record, folder, names.stem(str(record["id"]), report), kinds, report, files)
            if progress:
                progress(1)
    return report


def _write_pair(record: dict[str, Any], folder: Path, stem: str, kinds: _Kinds, report: ExportReport,
                files: AtomicFiles) -> None:
    lines = ann_lines(record, kinds, report)
    files.write_text(folder, f"{stem}.txt", record["text"])
    files.write_text(folder, f"{stem}.ann", "\n".join(lines) + "\n" if lines else "")
    if folder not in report.files:  # the folders, not every file: an export may hold thousands of pairs
        report.files.append(folder)
    report.documents += 1
    _count_lost(record, report)


def _count_lost(record: dict[str, Any], report: ExportReport) -> None:
    if any(record.get(key) for key in ("meta", "source", "url", "published")) or \
            record.get("title") not in (None, title_of(record["text"])):
        report.lost[_LOST_META] += 1
    if record["status"] is not None:
        report.lost[_LOST_STATUS] += 1
    with_provenance = sum("provenance" in span for span in record["spans"])
    if with_provenance:
        report.lost[_LOST_PROVENANCE] += with_provenance


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at every line break, the line breaks left out."""
    if text.find("\n", start, end) < 0:
        return [(start, end)]
    pieces, position = [], start
    while position < end:
        cut = text.find("\n", position, end)
        cut = end if cut < 0 else cut
        if cut > position:
            pieces.append((position, cut))
        position = cut + 1
    return pieces


def ann_lines(record: dict[str, Any], schema: Schema | _Kinds, report: ExportReport) -> list[str]:
    """The ``.ann`` lines of one record: T, then A and notes, then R. ``schema`` may be
    given as its ``attribute_kinds``, found once for a whole export."""
    text, document = record["text"], record["id"]
    labels = attribute_kinds(schema) if isinstance(schema, Schema) else schema
    t_ids: dict[Any, str] = {}
    lines: list[str] = []
    attribute_lines: list[str] = []
    numbers = {"A": 0, "#": 0}
    for span in record["spans"]:
        pieces = fragments(text, span["start"], span["end"])
        if not pieces:
            report.lost["span made only of line breaks (brat cannot show it)"] += 1
            continue
        if (pieces[0][0], pieces[-1][1]) != (span["start"], span["end"]):
            report.adjusted.append(f"document {document!r}: span {span['id']} begins or ends with a line "
                                   "break, which brat's fragments leave out; written without it")
        t_id = t_ids[span["id"]] = f"T{len(t_ids) + 1}"
        if pieces[0] == (span["start"], span["end"]):  # one piece: the span itself
            lines.append(f"{t_id}\t{span['label']} {span['start']} {span['end']}\t{span['text']}")
        else:
            offsets = ";".join(f"{a} {b}" for a, b in pieces)
            lines.append(f"{t_id}\t{span['label']} {offsets}\t{' '.join(text[a:b] for a, b in pieces)}")
        if span["attrs"]:
            _add_attribute_lines(span, t_id, labels.get(span["label"], (None, frozenset())), attribute_lines,
                                 numbers, report)
        report.spans += 1
    lines += attribute_lines
    relations = 0
    for relation in record["relations"]:
        head, child = t_ids.get(relation["head"]), t_ids.get(relation["child"])
        if head is None or child is None:
            report.lost["relation to a span brat cannot show"] += 1
            continue
        relations += 1
        lines.append(f"R{relations}\t{relation['type']} Arg1:{head} Arg2:{child}")
    report.relations += relations
    return lines


def attribute_kinds(schema: Schema) -> _Kinds:
    """Each label's note attribute and closed-value attributes."""
    return {label.name: (note_attribute(label), frozenset(a.name for a in label.attributes if a.values))
            for label in schema.labels}


def _add_attribute_lines(span: dict[str, Any], t_id: str, kinds: tuple[str | None, frozenset[str]],
                         lines: list[str], numbers: dict[str, int], report: ExportReport) -> None:
    """Append an A line per closed-value attribute and a note for the free-text one."""
    noted, closed = kinds
    for name, value in span["attrs"].items():
        if name in closed and isinstance(value, str):
            numbers["A"] += 1
            lines.append(f"A{numbers['A']}\t{name} {t_id} {value}")
        elif name == noted and isinstance(value, str):
            numbers["#"] += 1
            lines.append(f"#{numbers['#']}\t{NOTE_TYPE} {t_id}\t{_one_line(value, span, report)}")
        else:
            report.lost[f"{span['label']} attribute {name!r} (brat keeps one note per span)"] += 1


def _one_line(value: str, span: dict[str, Any], report: ExportReport) -> str:
    if "\n" not in value and "\r" not in value:
        return value
    report.adjusted.append(f"span {span['id']}: line breaks in its note became spaces (a note is one line)")
    return re.sub(r"\r\n|[\r\n]", " ", value)


# -- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _TLine:
    line: int
    id: str
    label: str
    pieces: tuple[tuple[int, int], ...]
    text: str


@dataclass(frozen=True)
class _View:
    """The text as a tool counted offsets into it, and the map from it to the fixed text."""

    text: str
    fixed: FixedText


def ann_files(path: Path) -> list[Path]:
    """The ``.ann`` files to read: every one below a folder, or the one of a pair."""
    if path.is_dir():
        return sorted(_anns_below(path))
    return [path.with_suffix(".ann")]


def _anns_below(folder: Path) -> Iterator[Path]:
    """Every ``.ann`` below ``folder`` but those in a dot-folder: hidden, like the staging
    folder an interrupted export leaves behind, never a layer."""
    for ann in folder.rglob("*.ann"):
        if ann.is_file() and not any(part.startswith(".") for part in ann.relative_to(folder).parts[:-1]):
            yield ann


def read(path: Path, encoding: str | None = None, schema: Schema | None = None) -> Iterator[DocumentInput]:
    """Every ``.ann`` with its ``.txt``; a file in a subfolder of ``path`` belongs to the
    layer named after that subfolder. ``schema`` says which attribute a note holds."""
    path = Path(path)
    files = ann_files(path)
    if not files:
        raise InputError("no .ann files here; a brat folder holds .txt files each with an .ann", path=str(path))
    for ann in files:
        relative = ann.relative_to(path).parts if path.is_dir() else ()
        layer = relative[0] if len(relative) > 1 else None
        yield read_pair(ann, layer, encoding, schema or DEFAULT_SCHEMA)


def read_pair(ann: Path, layer: str | None, encoding: str | None, schema: Schema) -> DocumentInput:
    txt = ann.with_suffix(".txt")
    if not ann.is_file():
        raise InputError(f"there is no {ann.name}; give a brat folder, or an .ann file with its .txt", path=str(ann))
    if not txt.is_file():
        raise InputError(f"there is no {txt.name} beside it; brat needs the text of each .ann", path=str(ann))
    data = txt.read_bytes()
    decoded = decode_bytes(data, encoding, path=str(txt))
    views = _views(decoded.text, bom=data.startswith(codecs.BOM_UTF8))
    lines = _ann_text(ann).split("\n")
    t_lines = [_parse_t(line, number, ann) for number, line in enumerate(lines, 1) if line.startswith("T")]
    _no_duplicate_ids(lines, ann)
    view = _matching_view(views, t_lines, ann)
    spans = {t.id: _span(t, view, ann) for t in t_lines}
    attrs: dict[str, dict[str, Any]] = {t_id: {} for t_id in spans}
    relations = []
    for number, line in enumerate(lines, 1):
        kind = line[:1]
        if not line.strip() or kind == "T":
            continue
        if kind == "R":
            relations.append(_parse_relation(line, number, ann, spans))
        elif kind in "AM":
            _parse_attribute(line, number, ann, spans, attrs)
        elif kind == "#":
            _parse_note(line, number, ann, spans, attrs, schema)
        else:
            raise InputError(_unknown_kind(line), path=str(ann), line=number)
    text = views[0].fixed.text
    spans_with_attrs = tuple(SpanInput(s.ref, s.start, s.end, s.label, attrs[s.ref]) for s in spans.values())
    has_layer = layer is not None or spans_with_attrs
    return DocumentInput(
        text=text, path=str(ann), id=_storable(ann.stem), title=title_of(text), source=txt.name,
        encoding=decoded.encoding + (" (guessed)" if decoded.guessed else ""),
        layer=LayerInput(layer, None, spans_with_attrs, tuple(relations)) if has_layer else None,
    )


def _no_duplicate_ids(lines: list[str], ann: Path) -> None:
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        line_id = line.split("\t", 1)[0]
        if line.strip() and line_id in seen:
            raise InputError(f"the id {quoted(line_id)} is used twice in this file; give each line its own id",
                             path=str(ann), line=number)
        seen.add(line_id)


def _storable(name: str) -> str:
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _views(decoded: str, bom: bool) -> list[_View]:
    """brat's view (a BOM is a character, every line break one character), then, when
    the text has CRLF, the view of a tool that counted the CR too."""
    raw = "\ufeff" + decoded if bom else decoded
    fixed = fix_up(raw)
    if "\r" not in raw:
        return [_View(raw, fixed)]
    universal = raw.replace("\r\n", "\n").replace("\r", "\n")
    return [_View(universal, FixedText(fixed.text, bom)), _View(raw, fixed)]


def _ann_text(ann: Path) -> str:
    try:
        text = ann.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 (byte {error.start}); brat's .ann files are UTF-8", path=str(ann)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_T_FIELDS = re.compile(r"^(T\S*)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t(.*))?$")


def _parse_t(line: str, number: int, ann: Path) -> _TLine:
    match = _T_FIELDS.match(line)
    if not match:
        raise InputError("not a brat text-bound line; expected 'T1<tab>LABEL START END<tab>TEXT' "
                         "(fragments as 'START END;START END')", path=str(ann), line=number)
    t_id, label, offsets, text = match.groups()
    pieces = tuple(tuple(int(n) for n in piece.split(" ")) for piece in offsets.split(";"))
    return _TLine(number, t_id, label, pieces, text or "")


def _fragment_text(view: _View, t: _TLine) -> str | None:
    if any(not 0 <= a <= b <= len(view.text) for a, b in t.pieces):
        return None
    return " ".join(view.text[a:b] for a, b in t.pieces)


def _matching_view(views: list[_View], t_lines: list[_TLine], ann: Path) -> _View:
    """The first view in which every T line's text is the text at its offsets."""
    for view in views:
        if all(_fragment_text(view, t) == t.text for t in t_lines):
            return view
    first = next(t for t in t_lines if _fragment_text(views[0], t) != t.text)
    found = _fragment_text(views[0], first)
    if found is None:
        message = f"{first.id}: offsets {_offsets(first)} are outside the text (0 to {len(views[0].text)})"
    else:
        message = (f"{first.id}: the text at {_offsets(first)} is {quoted(found)}, not the line's text "
                   f"{quoted(first.text)}; the .ann does not fit {ann.with_suffix('.txt').name}")
    raise InputError(message, path=str(ann), line=first.line)


def _offsets(t: _TLine) -> str:
    return ";".join(f"{a} {b}" for a, b in t.pieces)


def _span(t: _TLine, view: _View, ann: Path) -> SpanInput:
    """One contiguous span: discontinuous fragments only when what lies between them is
    white space (the line breaks brat leaves out)."""
    pieces = sorted(t.pieces)
    for (_, gap_start), (gap_end, _) in zip(pieces, pieces[1:]):
        between = view.text[gap_start:gap_end]
        if gap_end < gap_start or between.strip():
            raise InputError(
                f"{t.id} is discontinuous ({_offsets(t)}) with {quoted(between)} between its fragments; "
                "spans here are contiguous: join the fragments in brat or split the annotation",
                path=str(ann), line=t.line)
    start, end = map_span(view.fixed, view.text, pieces[0][0], pieces[-1][1], str(ann), t.line, t.id)
    return SpanInput(t.id, start, end, t.label)


def _target(name: str, spans: dict[str, SpanInput], ann: Path, number: int) -> SpanInput:
    if name not in spans:
        raise InputError(f"{name!r} is not a T line of this file; fix the reference or remove the line",
                         path=str(ann), line=number)
    return spans[name]


_R_FIELDS = re.compile(r"^R\S*\t(\S+) Arg1:(\S+) Arg2:(\S+)\s*$")


def _parse_relation(line: str, number: int, ann: Path, spans: dict[str, SpanInput]) -> RelationInput:
    match = _R_FIELDS.match(line)
    if not match:
        raise InputError("not a brat relation line; expected 'R1<tab>TYPE Arg1:T1 Arg2:T2'", path=str(ann), line=number)
    type_, head, child = match.groups()
    return RelationInput(type_, _target(head, spans, ann, number).ref, _target(child, spans, ann, number).ref)


def _parse_attribute(line: str, number: int, ann: Path, spans: dict[str, SpanInput],
                     attrs: dict[str, dict[str, Any]]) -> None:
    fields = line.split("\t", 1)[-1].split()
    if len(fields) == 2:
        raise InputError(f"the attribute {fields[0]!r} has no value; attributes here take one "
                         "(e.g. 'A1<tab>stance T2 FAVOR')", path=str(ann), line=number)
    if len(fields) != 3:
        raise InputError("not a brat attribute line; expected 'A1<tab>NAME T1 VALUE'", path=str(ann), line=number)
    name, target, value = fields
    attrs[_target(target, spans, ann, number).ref][name] = value


def _parse_note(line: str, number: int, ann: Path, spans: dict[str, SpanInput],
                attrs: dict[str, dict[str, Any]], schema: Schema) -> None:
    head, _, note = line.partition("\t")[2].partition("\t")
    fields = head.split()
    if len(fields) != 2 or fields[0] != NOTE_TYPE:
        raise InputError(f"a note line must be '#1<tab>{NOTE_TYPE} T1<tab>TEXT'", path=str(ann), line=number)
    span = _target(fields[1], spans, ann, number)
    label = next((lab for lab in schema.labels if lab.name == span.label), None)
    attribute = note_attribute(label)
    if attribute is None:
        raise InputError(f"a note on {fields[1]} ({span.label}), which has no free-text attribute to hold it; "
                         "remove the note or add a free-text attribute to the label", path=str(ann), line=number)
    attrs[span.ref][attribute] = note


def _unknown_kind(line: str) -> str:
    if line.startswith("E"):
        return "an event (E line); events are not part of this schema: remove the E lines before importing"
    return (f"a brat line of a kind this import does not take ({quoted(line.split(chr(9), 1)[0])}); "
            "it reads T, R, A and AnnotatorNotes lines")


# -- sniffing --------------------------------------------------------------------------


def sniff(path: Path) -> bool:
    """A folder with ``.ann`` files (or an ``.ann``/``.txt`` pair) whose first line looks like brat's."""
    try:
        path = Path(path)
        if path.is_dir():
            first = next(_anns_below(path), None)
            return first is not None and _looks_like_ann(first, empty_ok=True)
        return path.suffix == ".ann" and path.with_suffix(".txt").is_file() and _looks_like_ann(path, empty_ok=False)
    except (OSError, ValueError):
        return False


def _looks_like_ann(ann: Path, empty_ok: bool) -> bool:
    with open(ann, "rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = head[:-4].decode("utf-8", "replace")
    lines = [line for line in text.replace("\r", "\n").split("\n") if line.strip()]
    if not lines:
        return empty_ok
    return bool(_ANN_LINE.match(lines[0]))
