"""What every interchange format shares.

Each format module (prodigy, doccano, labelstudio, brat, spacy_docbin, conll) has:

- ``read(path, encoding=None) -> Iterator[DocumentInput]``: a reader that fixes up the
  text (BOM, CRLF), maps the file's offsets onto the fixed text, checks the file's own span
  text where the format has one, and raises ``InputError`` naming the file and line;
- ``write(records, destination, schema, progress=None) -> ExportReport``: a writer that
  takes native export records (``native_export.document_records``), checks every span's text
  against its offsets before writing (``check_record``), writes atomically, and reports
  what the format could not carry.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson

from annotator.core.errors import AnnotatorError, InputError, quoted
from annotator.core.store.backup import sync_folder
from annotator.core.text import FixedText, decode_bytes, fix_up

Progress = Callable[[int], None] | None


@dataclass
class ExportReport:
    """What an export wrote, and what the format could not carry (``lost``: a reason and
    how many times it applied) or had to change (``adjusted``: one line per change)."""

    documents: int = 0
    spans: int = 0
    relations: int = 0
    files: list[Path] = field(default_factory=list)
    lost: Counter[str] = field(default_factory=Counter)
    adjusted: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how the export is laid out, where it says more than files

    def count(self, record: dict[str, Any]) -> None:
        """Count a record written whole: its document, every span and relation."""
        self.add(len(record["spans"]), len(record["relations"]))

    def add(self, spans: int, relations: int) -> None:
        """Count a record written whole, of ``spans`` spans and ``relations`` relations."""
        self.documents += 1
        self.spans += spans
        self.relations += relations

    def summary(self) -> list[str]:
        lines = [f"wrote {self.documents} document(s), {self.spans} span(s), {self.relations} relation(s)"]
        lines += [f"  not carried by this format: {reason} ({count})" for reason, count in sorted(self.lost.items())]
        lines += [f"  changed: {line}" for line in self.adjusted]
        lines += [f"  written as {line}" for line in self.notes]
        return lines


def check_record(record: dict[str, Any]) -> None:
    """Refuse a record whose span text does not match its offsets: nothing is written."""
    text = record["text"]
    for span in record["spans"]:
        if text[span["start"]:span["end"]] != span["text"]:
            raise AnnotatorError(
                f"document {record['id']!r}: span {span['id']} does not match its offsets; "
                "nothing was written"
            )


def fixed_text(text: str) -> FixedText:
    """The import fix-up, skipped when there is nothing to fix (the usual case)."""
    if "\r" not in text and not text.startswith("\ufeff"):
        return FixedText(text)
    return fix_up(text)


def map_span(fixed: FixedText, raw_text: str, start: Any, end: Any, path: str, line: int | None,
             where: str, expected_text: str | None = None) -> tuple[int, int]:
    """Check a span given in the file's own text and map it onto the fixed-up text."""
    if not _is_offset(start) or not _is_offset(end):
        raise InputError(f"{where}: start and end must be whole numbers, not {start!r} and {end!r}",
                         path=path, line=line)
    if not 0 <= start < end <= len(raw_text):
        raise InputError(f"{where}: [{start}, {end}) is outside the text (0 to {len(raw_text)}) or empty",
                         path=path, line=line)
    if expected_text is not None and raw_text[start:end] != expected_text:
        raise InputError(
            f"{where}: the text at [{start}, {end}) is {quoted(raw_text[start:end])}, not the span's "
            f"text {quoted(expected_text)}; the offsets do not fit this text",
            path=path, line=line,
        )
    new_start, new_end = fixed.map_offset(start), fixed.map_offset(end)
    if new_start is None or new_end is None:
        raise InputError(f"{where}: an end falls between the two characters of a CRLF line break",
                         path=path, line=line)
    return new_start, new_end


def _is_offset(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _HashingFile(io.RawIOBase):
    """A binary file that keeps the SHA-256 of every byte written.

    The buffer above hands over a view of its own memory, hashed and written before
    ``write`` returns: no copy of it is needed (an export of Prodigy tasks writes five
    times the bytes of the native one, and every pass over them shows)."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.digest = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.digest.update(data)
        return self.raw.write(data)


class AtomicFile:
    """What ``atomic_file`` yields: ``out``, the stream to write to, text or binary.
    ``expected_lines``, when the writer sets it, is checked against the lines read back."""

    def __init__(self, out: IO[Any], hashing: _HashingFile):
        self.out = out
        self.hashing = hashing
        self.expected_lines: int | None = None


@contextmanager
def atomic_file(destination: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write ``destination`` whole or not at all: the stream to write to."""
    with atomic_writer(destination, mode) as written:
        yield written.out


@contextmanager
def atomic_writer(destination: Path, mode: str = "w") -> Iterator[AtomicFile]:
    """The one way an export reaches its file: written under a temporary name beside it,
    flushed to disk, read back (its SHA-256 against that of the bytes written, and its
    lines where the writer says how many), and only then renamed. An interrupted or
    corrupted write never leaves a file under the final name."""
    destination = Path(destination)
    raw = tempfile.NamedTemporaryFile("wb", dir=destination.parent, prefix=f".{destination.name}.",
                                      suffix=".tmp", delete=False)
    try:
        with raw:
            hashing = _HashingFile(raw)
            buffered = io.BufferedWriter(hashing, buffer_size=_CHUNK)
            out = buffered if "b" in mode else io.TextIOWrapper(buffered, encoding="utf-8", newline="\n")
            written = AtomicFile(out, hashing)
            yield written
            out.flush()
            os.fsync(raw.fileno())
        verify_written(Path(raw.name), hashing.digest.hexdigest(), written.expected_lines)
        os.replace(raw.name, destination)
        sync_folder(destination.parent)
    except BaseException:
        Path(raw.name).unlink(missing_ok=True)
        raise


class AtomicFiles:
    """Many small files in a few folders (a brat export: a pair per document, a folder
    per layer), put in place only once every one of them is on disk and checked.

    Each folder's files are written under their final names into a fresh staging folder
    beside it (``DEST/.<folder>.<random>.tmp``; the root's own is ``DEST/.<random>.tmp``,
    dot-folders the brat reader skips), flushed with one ``os.sync`` where it waits for
    the disk (Linux; elsewhere an fsync per file), and each read back against the SHA-256
    of the bytes written. Only then does a folder take its place: one that does not exist
    yet by renaming its staging folder (one rename, however many files), one that does
    (an earlier export's, or the root) file by file with ``os.replace``, which leaves
    its other files alone. A file is never under its final name half-written; if
    anything fails before the files are moved, the staging folders are removed and the
    destination is as it was (a root this export created is removed too). Per-file
    temporary names, opens and renames cost more than all the rest of such an export.
    Use as a context: the files are put in place at the end, or removed if it failed.
    Files are flushed and checked ``BATCH`` at a time, so that what is remembered about
    them, and so memory, does not grow with the export."""

    BATCH = 2000

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.mark = secrets.token_hex(4)
        self.created_root = False
        self.staging: dict[Path, str] = {}  # final folder: its staging folder
        self.unchecked: list[tuple[str, int, bytes]] = []  # staged file, size and SHA-256 of the bytes written

    def __enter__(self) -> AtomicFiles:
        if not self.root.is_dir():
            self.root.mkdir(parents=True)
            self.created_root = True
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()

    def write_text(self, folder: Path, name: str, text: str) -> None:
        """Stage ``folder/name`` as UTF-8; ``folder`` is the root or a folder directly in it."""
        staging = self.staging.get(folder) or self._stage(folder)
        data = text.encode("utf-8")
        staged = f"{staging}{os.sep}{name}"  # no Path per file: they cost as much as the writing
        handle = os.open(staged, _NEW_FILE, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
            if not _SYNC_WAITS:
                os.fsync(handle)
        finally:
            os.close(handle)
        self.unchecked.append((staged, len(data), hashlib.sha256(data).digest()))
        if len(self.unchecked) >= self.BATCH:
            self._check()

    def _check(self) -> None:
        """Flush the files staged since the last check to disk and read each one back."""
        if _SYNC_WAITS:
            os.sync()
        for staged, size, digest in self.unchecked:
            _read_back(staged, size, digest)
        self.unchecked.clear()

    def _stage(self, folder: Path) -> str:
        if folder != self.root and folder.parent != self.root:
            raise ValueError(f"{folder} is not {self.root} nor a folder directly in it")
        if folder != self.root and (folder.exists() or folder.is_symlink()) and not folder.is_dir():
            raise AnnotatorError(f"{folder} is a file, not a folder; move it away or export elsewhere")
        prefix = f".{folder.name}." if folder != self.root else "."
        while True:
            staging = self.root / f"{prefix}{secrets.token_hex(4)}.tmp"
            try:
                staging.mkdir()
                break
            except FileExistsError:
                continue
        self.staging[folder] = str(staging)
        return self.staging[folder]

    def commit(self) -> None:
        """Flush and check every staged file, then put each folder's files in place."""
        try:
            self._check()
            for folder, staging in self.staging.items():
                sync_folder(Path(staging))  # its entries, where os.sync did not flush them
                self._put_in_place(folder, staging)
        except BaseException:
            self.discard()
            raise
        self.staging.clear()
        sync_folder(self.root)

    def _put_in_place(self, folder: Path, staging: str) -> None:
        if folder != self.root and not os.path.lexists(folder):
            try:
                os.rename(staging, folder)
                return
            except OSError:
                if not folder.is_dir():  # not made by someone else meanwhile: a real failure
                    raise
        for name in os.listdir(staging):
            os.replace(os.path.join(staging, name), os.path.join(folder, name))
        os.rmdir(staging)
        sync_folder(folder)

    def discard(self) -> None:
        """Remove the staging folders, and the root if this export made it and it is empty."""
        for staging in self.staging.values():
            shutil.rmtree(staging, ignore_errors=True)
        self.staging.clear()
        self.unchecked.clear()
        if self.created_root:
            try:
                self.root.rmdir()
            except OSError:
                pass


# Linux's sync waits until the data is on disk; POSIX lets other systems return sooner.
_SYNC_WAITS = sys.platform.startswith("linux") and hasattr(os, "sync")
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_READ = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def _read_back(path: str, size: int, expected_sha256: bytes) -> None:
    """The bytes in ``path`` must be the ``size`` bytes written (their SHA-256)."""
    handle = os.open(path, _READ)
    try:
        chunks, read = [], 0
        while read <= size and (chunk := os.read(handle, size + 1 - read)):  # one byte more: a longer file
            chunks.append(chunk)
            read += len(chunk)
    finally:
        os.close(handle)
    if hashlib.sha256(b"".join(chunks)).digest() != expected_sha256:
        raise AnnotatorError("the export did not read back as it was written (its SHA-256 differs); "
                             "nothing was written")


def verify_written(path: Path, expected_sha256: str, expected_lines: int | None = None) -> None:
    """Re-read what was written before it takes the final name: the bytes in the file must
    be the bytes written (their SHA-256), and ``expected_lines`` lines of them if given."""
    digest = hashlib.sha256()
    lines = 0
    with open(path, "rb") as written:
        while chunk := written.read(_CHUNK):
            digest.update(chunk)
            lines += chunk.count(b"\n")
    if expected_lines is not None and lines != expected_lines:
        raise AnnotatorError(f"the export read back {lines} line(s) instead of {expected_lines}; nothing was written")
    if digest.hexdigest() != expected_sha256:
        raise AnnotatorError("the export did not read back as it was written (its SHA-256 differs); "
                             "nothing was written")


_CHUNK = 1 << 20


# -- JSON lines (native, Prodigy, doccano) ------------------------------------------


def dumps_line(value: dict[str, Any]) -> str:
    """One JSON line; the characters ``str.splitlines`` breaks on are escaped, so no
    reader that splits lines that way breaks a record in two."""
    line = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\u0085", "\\u0085")


def spaced_json(value: Any, sort_keys: bool = False) -> bytes | None:
    """``json.dumps(value, ensure_ascii=False, sort_keys=...)`` as UTF-8, written by orjson
    (several times faster), or None where that could differ: a value orjson refuses (a
    lone surrogate, a whole number beyond 64 bits, a key that is not a string), or a
    string holding an escaped quote. The caller makes sure ``value`` holds no float
    (orjson writes some of them otherwise: ``1e-7`` for ``1e-07``).

    orjson writes strings as the json module does but leaves out the spaces after ``,``
    and ``:``; they are put back between the strings: cut at ``"``, every other piece is
    outside a string (no string holds a bare ``"``), and only those pieces get them."""
    try:
        compact = orjson.dumps(value, option=orjson.OPT_SORT_KEYS if sort_keys else 0)
    except orjson.JSONEncodeError:
        return None
    if b'\\"' in compact:
        return None
    pieces = compact.split(b'"')
    # Outside strings there are only brackets, separators, numbers, true, false and null:
    # never a NUL byte to join them with.
    pieces[0::2] = b"\0".join(pieces[0::2]).replace(b",", b", ").replace(b":", b": ").split(b"\0")
    return b'"'.join(pieces)


# The UTF-8 of what dumps_line escapes: U+2028, U+2029 and U+0085.
_LINE_BREAKS_UTF8 = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"), (b"\xc2\x85", b"\\u0085"))


def escape_line_breaks(line: bytes) -> bytes:
    """``dumps_line``'s escapes, on a JSON line already encoded as UTF-8.

    Each is looked for from the end (``rfind``), where CPython's search skips ahead on the
    pattern's first byte (E2, C2: rare in Arabic) instead of its last (A8, A9, 85:
    continuation bytes of common Arabic letters): much faster on Arabic text. A line
    without the byte E2 (one memchr) holds neither U+2028 nor U+2029."""
    has_e2 = b"\xe2" in line
    for character, escaped in _LINE_BREAKS_UTF8:
        if (has_e2 or character[0] != 0xE2) and line.rfind(character) >= 0:
            line = line.replace(character, escaped)
    return line


def read_head(path: Path, size: int) -> str | None:
    """The first ``size`` bytes as text without leading white space, or None if unreadable."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(size)
        return data.decode("utf-8-sig", errors="ignore" if len(data) == size else "strict").lstrip()
    except (OSError, UnicodeDecodeError):
        return None


def first_object_line(path: Path, size: int) -> str | None:
    """The first line of a file that starts with a JSON object (read from its first
    ``size`` bytes), for a sniffer to look at; None if it does not start so."""
    head = read_head(path, size)
    if head is None or not head.startswith("{"):
        return None
    return head.split("\n", 1)[0]


def json_lines(path: Path, encoding: str | None) -> Iterator[tuple[int, Any]]:
    """(line number, value) for each non-blank line of a JSON-lines file."""
    text = decode_bytes(Path(path).read_bytes(), encoding, path=str(path)).text
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"not valid JSON ({error.msg} at column {error.colno}); "
                             "each line must be one JSON object", path=str(path), line=number) from None
        except (RecursionError, ValueError):
            raise InputError("not valid JSON here (nested too deeply or a number too long); "
                             "each line must be one JSON object", path=str(path), line=number) from None


class TaskError(Exception):
    """A problem with one line; the reader adds the file and line."""
