"""How the store's rows look: the columns it reads, the models it makes of them, the edit
log's entries, and the checks every span's offsets pass."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from annotator.core import text as textmod
from annotator.core.errors import ValidationError
from annotator.core.model import Document, Relation, Span
from annotator.core.store.connection import Connection


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def check_span_offsets(text: str, start: int, end: int) -> None:
    """Refuse offsets outside the text, empty spans, and ends inside a grapheme cluster."""
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        raise ValidationError(f"span offsets must be whole numbers, got {start!r} and {end!r}")
    if not 0 <= start < end <= len(text):
        raise ValidationError(
            f"span [{start}, {end}) is outside the text (0 to {len(text)}) or empty"
        )
    for offset in (start, end):
        if not textmod.is_grapheme_boundary(text, offset):
            line, column = textmod.line_and_column(text, offset)
            raise ValidationError(
                f"offset {offset} (line {line}, column {column}) falls inside a character "
                "with its marks (a letter and its harakat, or an emoji); move it to the "
                "edge of the character"
            )


def layer_name(name: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ValidationError("a layer (annotator) name must be a non-empty text")
    return name.strip()


def log_action(db: Connection, action: str, layer: str | None, document: int | None, detail: dict[str, Any]) -> None:
    db.write(
        "INSERT INTO edit_log (at, layer, document, action, detail) VALUES (?, ?, ?, ?, ?)",
        [now(), layer, document, action, dumps(detail)],
    )


def span_detail(span: Span) -> dict[str, Any]:
    return {"span": span.id, "start": span.start, "end": span.end, "label": span.label, "attrs": span.attrs}


def relation_detail(relation: Relation) -> dict[str, Any]:
    return {"relation": relation.id, "type": relation.type, "head": relation.head, "child": relation.child}


DOCUMENT_COLUMNS = "key, id, title, text, text_sha256, source, url, published, meta, imported_at"
SPAN_COLUMNS = 's.id, s.document, l.name, s.start, s."end", s.label, s.attrs'
RELATION_COLUMNS = "r.id, r.document, l.name, r.type, r.head, r.child"


def document_of(row: tuple) -> Document:
    key, id_, title, text, sha, source, url, published, meta, imported_at = row
    return Document(key, id_, title, text, sha, source, url, published, json.loads(meta), imported_at)


def span_of(row: tuple) -> Span:
    span_id, document, layer, start, end, label, attrs = row
    return Span(span_id, document, layer, start, end, label, attrs_of(attrs))


def attrs_of(stored: str) -> dict[str, Any]:
    """A span's attributes from their JSON; most spans have none, stored as ``{}``, which
    needs no parser (making 10,000 spans' objects took half the time without it)."""
    return {} if stored == "{}" else json.loads(stored)


def spans_in_text_order(rows: list[tuple], document: int, layer: str) -> list[Span]:
    """Spans from (start, end, label, id, attrs) rows, sorted here by start, end, label and
    id: the database would sort all but the start in a temporary tree, slower on a long
    article's 10,000 spans."""
    rows.sort()
    return [Span(id_, document, layer, start, end, label, attrs_of(attrs)) for start, end, label, id_, attrs in rows]


def relation_of(row: tuple) -> Relation:
    return Relation(*row)
