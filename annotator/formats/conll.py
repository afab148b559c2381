"""CoNLL BIO: one token per row with its BIO tag, for token-classification training.

Blocks in the CoNLL-U manner, separated by a blank line: one block per line of the
document's text. The first block of a document starts with ``# newdoc id = <id>`` and,
when the record has a layer, ``# layer = <name>``; every block has ``# text = <the line>``
and then one ``token<TAB>tag`` row per token, the tag ``B-LABEL``, ``I-LABEL`` or ``O``.
An empty line of text is a block with ``# text = `` and no rows, so the text comes back
exactly. Tokens are ``tokens.tokenize``'s, split where a span starts or ends inside a
word (the report counts the splits). A span that crosses a line break goes on with
``I-`` tags at the start of the next block.

BIO gives a token one label: of nested or crossing spans the longest is kept (then the
earliest, then by label), and each span that shares a token with a kept one is dropped
and counted as lost. Not carried: relations, span attributes (stance, entity), layer
status, document title and metadata, gold-span provenance. White space at the ends of a
span is left out of it (reported); a span of white space only is lost.

The reader rebuilds each document's text from its ``# text`` lines joined by ``\\n``,
checks that each block's tokens come in order in its line (only white space between
them), and rebuilds spans from runs of tags: ``B-X`` starts a span, ``I-X`` continues
one of label X on the previous token (across a block boundary too, where both blocks
have ``# text``), and an ``I-X`` after anything else starts a span, as conlleval does.
A file without ``# text`` comments (CoNLL 2003: ``token ... tag``, tab- or
space-separated, the token first and the tag last) imports too: tokens joined by one
space within a sentence, sentences by ``\\n``; ``-DOCSTART-`` rows start documents.
The layer name is the ``# layer`` comment, else None (the importer's ``--annotator``).
Offsets are code points.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from annotator.core.errors import InputError
from annotator.core.ingest import DocumentInput, LayerInput, SpanInput
from annotator.core.schema import DEFAULT_SCHEMA, Schema
from annotator.core.text import decode_bytes, fix_up
from annotator.formats.common import ExportReport, Progress, atomic_file
from annotator.formats.workers import made_lines
from annotator.formats.tokens import Tokens, split_tokens, tokens_of

OUTSIDE = "O"
DOCSTART = "-DOCSTART-"
_SNIFF_BYTES = 4096
_WHITE_SPACE = regex.compile(r"\s*")  # white space as tokens.tokenize sees it
_COMMENT = re.compile(r"#\s*(newdoc id|layer|text)\s*=(?: (.*)|$)")
_ROW = re.compile(r"\S+(?:[\t ][^\t\n]*)?[\t ](?:O|[BI]-\S+)")
_LOST_RELATIONS = "relations (BIO tags have no place for them)"
_LOST_OVERLAP = "spans nested in or crossing a longer span (BIO gives a token one label)"
_LOST_WHITE = "spans of white space only (no token to tag)"
_LOST_STATUS = "layer status (CoNLL has no place for it)"
_LOST_DOCUMENT = "document title, source, url, published and meta (CoNLL keeps the id and the text)"
_LOST_PROVENANCE = "gold-span provenance (CoNLL has no place for it)"


# -- writing ---------------------------------------------------------------------------


def write(records: Iterable[dict[str, Any]], destination: Path, schema: Schema = DEFAULT_SCHEMA,
          progress: Progress = None, workers: int = 1) -> ExportReport:
    """One run of blocks per record; ``schema`` is not needed (tags are plain labels).
    With ``workers``, the blocks are made by that many processes (``workers.made_lines``)."""
    destination = Path(destination)
    report = ExportReport(files=[destination])
    splits = 0
    with atomic_file(destination) as out:
        for written_counts, block, record_splits in made_lines(records, document_block, report, workers):
            splits += record_splits
            out.write(block)
            report.add(*written_counts)
            if progress:
                progress(1)
    if splits:
        report.adjusted.append(f"split {splits} token(s) where a span starts or ends inside a word, "
                               "so that every span is whole tokens")
    return report


def document_block(record: dict[str, Any], report: ExportReport) -> tuple[str, int]:
    """The record's blocks (each ends with a blank line), and the splits made. The rows
    are laid out for all tokens at once (texts and tags by slice assignment); each line
    of the text takes the rows of the tokens that end in it (found by bisection)."""
    text = record["text"]
    kept = keep_one_label_per_token(record["spans"], report)
    tokens = tokens_of(text)
    splits = split_tokens(tokens, text, [o for s in kept for o in (s["start"], s["end"])])
    tags = _tags(tokens, kept, record, report)
    _count_lost(record, report)
    rows: list[str] = ["", "\t", "", "\n"] * len(tags)
    rows[0::4] = tokens.texts
    rows[2::4] = tags
    pieces = [f"# newdoc id = {record['id']}\n"]
    if record["layer"] is not None:
        pieces.append(f"# layer = {record['layer']}\n")
    ends = tokens.ends
    position, first = 0, 0
    for line in text.split("\n"):
        position += len(line)
        stop = bisect_right(ends, position, first)  # the tokens that end in this line
        pieces.append(f"# text = {line}\n")
        pieces += rows[4 * first:4 * stop]
        pieces.append("\n")
        position, first = position + 1, stop
    return "".join(pieces), splits


def keep_one_label_per_token(spans: list[dict[str, Any]], report: ExportReport) -> list[dict[str, Any]]:
    """The spans BIO can hold: longest first, then earliest, then by label; a span that
    overlaps one already kept is dropped and counted as lost."""
    kept: list[dict[str, Any]] = []
    for span in sorted(spans, key=lambda s: (s["start"] - s["end"], s["start"], s["label"], str(s["id"]))):
        if any(span["start"] < other["end"] and other["start"] < span["end"] for other in kept):
            report.lost[_LOST_OVERLAP] += 1
        else:
            kept.append(span)
    return sorted(kept, key=lambda s: s["start"])


def _tags(tokens: Tokens, spans: list[dict[str, Any]], record: dict[str, Any], report: ExportReport) -> list[str]:
    """Each token's BIO tag. The tokens inside a span (start at or after its start, end at
    or before its end) are a run, found by bisection: starts and ends both ascend."""
    starts, ends = tokens.starts, tokens.ends
    tags = [OUTSIDE] * len(starts)
    for span in spans:
        first, stop = bisect_left(starts, span["start"]), bisect_right(ends, span["end"])
        if first >= stop:
            report.lost[_LOST_WHITE] += 1
            continue
        if (starts[first], ends[stop - 1]) != (span["start"], span["end"]):
            report.adjusted.append(f"document {record['id']!r}: span {span['text']!r} is "
                                   f"{record['text'][starts[first]:ends[stop - 1]]!r} (white space at its ends is in no "
                                   "token)")
        tags[first] = f"B-{span['label']}"
        tags[first + 1:stop] = [f"I-{span['label']}"] * (stop - first - 1)
    return tags


def _count_lost(record: dict[str, Any], report: ExportReport) -> None:
    if record["relations"]:
        report.lost[_LOST_RELATIONS] += len(record["relations"])
    for span in record["spans"]:
        for name in span["attrs"]:
            report.lost[f"span attribute {name!r} (BIO tags carry only the label)"] += 1
        if "provenance" in span:
            report.lost[_LOST_PROVENANCE] += 1
    if record["layer"] is not None and record["status"] is not None:
        report.lost[_LOST_STATUS] += 1
    if record.get("title") or record.get("meta") or any(record.get(k) for k in ("source", "url", "published")):
        report.lost[_LOST_DOCUMENT] += 1


# -- sniffing --------------------------------------------------------------------------


def sniff(path: Path) -> bool:
    """The file starts with our comments or ``-DOCSTART-``, or its first rows are all
    ``token ... tag`` with BIO tags."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(_SNIFF_BYTES)
        text = data.decode("utf-8-sig", errors="ignore" if len(data) == _SNIFF_BYTES else "strict")
    except (OSError, UnicodeDecodeError):
        return False
    lines = [line.rstrip("\r") for line in text.split("\n")]
    if len(data) == _SNIFF_BYTES:
        lines = lines[:-1]  # perhaps cut short
    lines = [line for line in lines if line.strip()]
    if not lines:
        return False
    if _COMMENT.fullmatch(lines[0]) or lines[0].split()[0] == DOCSTART:
        return True
    return all(_ROW.fullmatch(line) for line in lines)


# -- reading ---------------------------------------------------------------------------


@dataclass
class _Block:
    line: int  # the file line of its first line
    comments: dict[str, str] = field(default_factory=dict)
    rows: list[tuple[int, str, str]] = field(default_factory=list)  # (file line, token, tag)
    docstart: bool = False


@dataclass
class _Document:
    line: int
    id: str | None = None
    layer: str | None = None
    blocks: list[_Block] = field(default_factory=list)


def read(path: Path, encoding: str | None = None) -> Iterator[DocumentInput]:
    path = Path(path)
    text = fix_up(decode_bytes(path.read_bytes(), encoding, path=str(path)).text).text
    found = False
    for document in _documents(_blocks(text.split("\n"), str(path))):
        found = True
        yield _document_input(document, str(path))
    if not found:
        raise InputError("the file holds no tokens and no # text lines; nothing to import", path=str(path))


def _blocks(lines: list[str], path: str) -> Iterator[_Block]:
    block: _Block | None = None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            if block is not None:
                yield block
            block = None
            continue
        block = block or _Block(number)
        if line.startswith("#") and not block.rows and not line.startswith("#\t"):
            _add_comment(block, line)
        else:
            _add_row(block, line, number, path)
    if block is not None:
        yield block


def _add_comment(block: _Block, line: str) -> None:
    found = _COMMENT.fullmatch(line)
    if found:
        block.comments[found.group(1)] = found.group(2) or ""


def _add_row(block: _Block, line: str, number: int, path: str) -> None:
    fields = line.split("\t") if "\t" in line else line.split()
    if fields[0] == DOCSTART:
        block.docstart = True
        return
    if len(fields) < 2 or not fields[0]:
        raise InputError(f"a token row needs the token and its tag, separated by a tab; found {line[:60]!r}",
                         path=path, line=number)
    tag = fields[-1].strip()
    if tag != OUTSIDE and not (tag[:2] in ("B-", "I-") and len(tag) > 2):
        raise InputError(f"the tag {tag[:60]!r} is not BIO: write B-LABEL, I-LABEL or O", path=path, line=number)
    block.rows.append((number, fields[0], tag))


def _documents(blocks: Iterable[_Block]) -> Iterator[_Document]:
    document: _Document | None = None
    for block in blocks:
        if block.docstart or "newdoc id" in block.comments:
            if document is not None and document.blocks:
                yield document
            document = _Document(block.line, block.comments.get("newdoc id"), block.comments.get("layer"))
            if block.docstart and not block.rows and "text" not in block.comments:
                continue
        document = document or _Document(block.line)
        document.layer = block.comments.get("layer", document.layer)
        document.blocks.append(block)
    if document is not None and document.blocks:
        yield document


def _document_input(document: _Document, path: str) -> DocumentInput:
    pieces: list[str] = []
    spans = _SpanBuilder()
    position, previous_has_text = 0, False
    for block in document.blocks:
        has_text = "text" in block.comments
        line = block.comments["text"] if has_text else " ".join(token for _, token, _ in block.rows)
        if not (has_text and previous_has_text):
            spans.close()
        for (number, _, tag), (start, end) in zip(block.rows, _token_offsets(block, line, path)):
            spans.add(tag, position + start, position + end)
        pieces.append(line)
        position += len(line) + 1
        previous_has_text = has_text
    text = "\n".join(pieces)
    spans.close()
    layer = None
    if document.layer is not None or spans.found:
        layer = LayerInput(name=document.layer or None, spans=tuple(spans.found))
    return DocumentInput(text=text, path=path, line=document.line, id=document.id,
                         id_is_explicit=document.id is not None, layer=layer)


def _token_offsets(block: _Block, line: str, path: str) -> list[tuple[int, int]]:
    """Where each row's token sits in the block's line; only white space may come between."""
    offsets, cursor = [], 0
    for number, token, _ in block.rows:
        start = _WHITE_SPACE.match(line, cursor).end()
        if not line.startswith(token, start):
            raise InputError(f"the token {token[:60]!r} is not what comes next in the line's text "
                             f"(# text at line {block.line}: {line[start:start + 30]!r}); the tokens of a block "
                             "must spell its # text in order", path=path, line=number)
        cursor = start + len(token)
        offsets.append((start, cursor))
    return offsets


class _SpanBuilder:
    """Spans from runs of BIO tags, as conlleval reads them."""

    def __init__(self) -> None:
        self.found: list[SpanInput] = []
        self.open: tuple[str, int, int] | None = None  # label, start, end

    def add(self, tag: str, start: int, end: int) -> None:
        if tag == OUTSIDE:
            self.close()
            return
        prefix, label = tag[0], tag[2:]
        if prefix == "I" and self.open is not None and self.open[0] == label:
            self.open = (label, self.open[1], end)
            return
        self.close()
        self.open = (label, start, end)

    def close(self) -> None:
        if self.open is not None:
            label, start, end = self.open
            self.found.append(SpanInput(ref=len(self.found) + 1, start=start, end=end, label=label))
        self.open = None
