"""The round-trip corpus every interchange format is tested on.

One article with everything that breaks offsets elsewhere: harakat, an emoji (outside
the BMP: two UTF-16 units), CRLF line endings in the source, Latin words in Arabic text,
a span nested in another, two spans that cross, and a span that crosses a line break.
A second article is annotated by a second annotator; a third has no annotations.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotator.core.ingest import import_documents
from annotator.core.store import Project
from annotator.formats.native import parse_record
from annotator.formats.native_export import records

# Source text as a user's file has it: CRLF line ends.
RAW_TEXT = (
    "قالَ وزيرُ الماليةِ أحمد الكردي لوكالة Reuters إنّ الحكومةَ ستخفّض الضرائب 😀 هذا العام.\r\n"
    "وأضاف: «الخطة ambitious لكنها ممكنة»، بحسب المتحدث.\r\n"
    "وقالت النقابة إن القرار خاطئ."
)


def _at(text: str, piece: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


def _span(number: int, piece: str, label: str, attrs: dict[str, Any] | None = None) -> dict[str, Any]:
    start, end = _at(RAW_TEXT, piece)
    return {"id": number, "start": start, "end": end, "label": label, "text": piece, "attrs": attrs or {}}


MONA_SPANS = [
    _span(1, "وزيرُ الماليةِ أحمد الكردي", "SPEAKER", {"entity": "أحمد الكردي"}),
    _span(2, "الحكومةَ ستخفّض الضرائب 😀 هذا العام", "CLAIM", {"stance": "FAVOR"}),
    _span(3, "الحكومةَ", "TARGET"),  # nested in claim 2
    _span(4, "الضرائب 😀 هذا العام.\r\nوأضاف", "TARGET"),  # crosses claim 2 and a line break
    _span(5, "الخطة ambitious لكنها ممكنة", "CLAIM", {"stance": "NEUTRAL"}),
    _span(6, "المتحدث", "SPEAKER"),
    _span(7, "النقابة", "SPEAKER", {"entity": "النقابة"}),
    _span(8, "القرار خاطئ", "CLAIM", {"stance": "AGAINST"}),
]
MONA_RELATIONS = [
    {"id": 1, "type": "SAID_BY", "head": 2, "child": 1},
    {"id": 2, "type": "ABOUT", "head": 2, "child": 3},
    {"id": 3, "type": "SAID_BY", "head": 5, "child": 6},
    {"id": 4, "type": "SAID_BY", "head": 8, "child": 7},
]
SECOND_TEXT = "أكدت شركةُ Hydromar أن المشروع سيكتمل في 2027.\nوقال مسؤول إنه لن يتأخر."
KARIM_SPANS = [
    {"id": 1, "start": 5, "end": 19, "label": "SPEAKER", "text": SECOND_TEXT[5:19], "attrs": {}},
    {"id": 2, "start": 23, "end": 46, "label": "CLAIM", "text": SECOND_TEXT[23:46], "attrs": {"stance": "UNCLEAR"}},
]
KARIM_RELATIONS = [{"id": 1, "type": "SAID_BY", "head": 2, "child": 1}]
PLAIN_TEXT = "مقال بلا تعليقات.\nسطر ثانٍ."

SOURCE_RECORDS = [
    {"id": "budget", "text": RAW_TEXT, "layer": "mona", "status": "done",
     "spans": MONA_SPANS, "relations": MONA_RELATIONS},
    {"id": "hydromar", "text": SECOND_TEXT, "layer": "karim", "status": "in_progress",
     "spans": KARIM_SPANS, "relations": KARIM_RELATIONS},
    {"id": "plain", "text": PLAIN_TEXT},
]


@pytest.fixture
def project(project_location):
    """A new project, once as a file and once on the test server."""
    with Project.open(project_location) as opened:
        yield opened


@pytest.fixture
def corpus_project(project_location) -> Project:
    """A project holding the round-trip corpus (imported from native records), once as a
    file and once on the test server."""
    project = Project.open(project_location)
    import_documents(project, (parse_record(r, "corpus", n) for n, r in enumerate(SOURCE_RECORDS, 1)))
    yield project
    project.close()


@pytest.fixture
def corpus_records(corpus_project: Project) -> list[dict[str, Any]]:
    """The corpus as native export records: the input of every writer."""
    return list(records(corpus_project))


def annotations(project_records: list[dict[str, Any]]) -> dict[tuple[str, str | None], dict[str, Any]]:
    """What a round trip must keep, independent of ids and order: per (document text, layer),
    the spans as (start, end, label, attrs) and the relations as (type, head span, child span)."""
    result = {}
    for record in project_records:
        by_id = {s["id"]: (s["start"], s["end"], s["label"]) for s in record["spans"]}
        result[(record["text"], record["layer"])] = {
            "spans": sorted((s["start"], s["end"], s["label"], tuple(sorted(s["attrs"].items())))
                            for s in record["spans"]),
            "relations": sorted((r["type"], by_id[r["head"]], by_id[r["child"]]) for r in record["relations"]),
        }
    return result


def import_into_new_project(tmp_path: Path, inputs, name: str = "back.sqlite") -> list[dict[str, Any]]:
    """Import reader output into a fresh project and return its native export records."""
    project = Project.create(tmp_path / name)
    try:
        import_documents(project, inputs)
        return list(records(project))
    finally:
        project.close()
