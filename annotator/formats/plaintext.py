"""Plain-text articles: one ``.txt`` file is one document, its first line the title."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from annotator.core.ingest import DocumentInput, title_of
from annotator.core.text import decode_bytes, fix_up

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def text_files(path: Path) -> list[Path]:
    """``path`` itself, or every ``.txt`` below it, in a stable order."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".txt")
    return [path]


def read_text_file(path: Path, encoding: str | None = None) -> Iterator[DocumentInput]:
    decoded = decode_bytes(path.read_bytes(), encoding, path=str(path))
    text = fix_up(decoded.text).text
    label = decoded.encoding + (" (guessed)" if decoded.guessed else "")
    yield DocumentInput(
        text=text,
        path=str(path),
        id=_storable(path.stem),
        title=title_of(text),
        source=_storable(path.name),
        encoding=label,
    )


def _storable(name: str) -> str:
    """A file name as a printable id SQLite can store: bytes that were not valid in the file
    system's encoding (which Python keeps as lone surrogates) and control characters (a line
    break or an escape sequence in the name) become U+FFFD."""
    return _CONTROL.sub("\ufffd", name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
