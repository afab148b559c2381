"""A corpus whose export in every format is kept byte for byte in tests/data/golden_exports/.

The writers are made faster from time to time; what they write must not change. The
corpus holds what each writer treats specially: the round-trip corpus of conftest (CRLF,
harakat, an emoji, nested and crossing spans, a span across a line break), a gold layer
with provenance, document fields and metadata that clash with a format's own keys,
attribute names Prodigy keeps for itself, floats and nested values, quotes, backslashes,
tabs, U+2028, U+0085 and U+001C (white space to Python, not to Unicode) in the
text, a ZWJ emoji, a mark after a space, a prepended Arabic sign before a space (a grapheme cluster
that takes the space in), a span that starts after a clitic, one with white space at its
ends, one of line breaks only, a note with a line break, and ids that are no file names.

Regenerate (only when an export is meant to change, and say so in the commit):
    .venv/bin/python -m tests.formats.golden
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

from annotator.core.ingest import import_documents
from annotator.core.schema import DEFAULT_SCHEMA, Schema
from annotator.core.store import Project
from annotator.formats import registry
from annotator.formats.native import parse_record
from tests.formats.conftest import SOURCE_RECORDS

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "golden_exports"
# (name in the golden folder, format, options)
EXPORTS = (
    ("native.jsonl", "jsonl", {}),
    ("prodigy.jsonl", "prodigy", {}),
    ("doccano.jsonl", "doccano", {}),
    ("doccano-labels.jsonl", "doccano", {"flavour": "labels"}),
    ("labelstudio.json", "labelstudio", {}),
    ("brat", "brat", {}),
    ("corpus.conll", "conll", {}),
)

MIXED_TEXT = (
    'قال "المتحدث" باسم الوزارة: إن الخطة\tستنجح، وأضاف أن C:\\data\\file و1e16 صحيحة.\n'
    "\n"
    "۝ ١٢ سورة\u2028بعد الفاصل؛ وقالت شركة Hydromar S.A. إن ٢٫٥ مليون  دولار   كافية.\n"
    "\n\n"
    "وبحسب البيان، «لن نتراجع» عن القرار. 👩\u200d💻 \u064eحرف\x1cآخر\x85نهاية"
)


def _span(number: int, text: str, piece: str, label: str, attrs: dict[str, Any] | None = None,
          occurrence: int = 0, **extra: Any) -> dict[str, Any]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    return {"id": number, "start": start, "end": start + len(piece), "label": label, "text": piece,
            "attrs": attrs or {}, **extra}


def _decided(decision: str, sources: list[str], reason: str | None = None) -> dict[str, Any]:
    return {"decision": decision, "sources": sources, "decided_by": "salma",
            "decided_at": "2026-03-01T10:00:00.000+00:00", "reason": reason}


MIXED_SPANS = [
    _span(1, MIXED_TEXT, '"المتحدث" باسم الوزارة', "SPEAKER", {"entity": "المتحدث\nباسم الوزارة"}),
    _span(2, MIXED_TEXT, "الخطة\tستنجح", "CLAIM", {"stance": "FAVOR", "score": "0.1", "note": "1e16 \\ \"x\""}),
    _span(3, MIXED_TEXT, "أضاف", "SPEAKER"),  # after the clitic و: a token split
    _span(4, MIXED_TEXT, "الفاصل؛ ", "TARGET"),  # white space at its end
    _span(10, MIXED_TEXT, "سورة\u2028بعد", "TARGET"),  # across U+2028
    _span(5, MIXED_TEXT, "\n\n", "TARGET"),  # line breaks only
    _span(6, MIXED_TEXT, "Hydromar S.A.", "SPEAKER", {"entity": "Hydromar"}),
    _span(7, MIXED_TEXT, "٢٫٥ مليون  دولار   كافية", "CLAIM", {"stance": "NEUTRAL"}),
    _span(8, MIXED_TEXT, "البيان، «لن نتراجع» عن", "CLAIM", {"stance": "AGAINST", "source": "clash"}),
    _span(9, MIXED_TEXT, "C:\\data\\file", "TARGET"),
]
MIXED_RELATIONS = [
    {"id": 1, "type": "SAID_BY", "head": 2, "child": 1},
    {"id": 2, "type": "ABOUT", "head": 2, "child": 9},
    {"id": 3, "type": "SAID_BY", "head": 7, "child": 6},
    {"id": 4, "type": "ABOUT", "head": 8, "child": 4},
]
GOLD_TEXT = "أكد الوزير أن الاتفاق نهائي. وقالت المعارضة إنه مؤقت."
GOLD_SPANS = [
    _span(1, GOLD_TEXT, "الوزير", "SPEAKER", {"entity": "الوزير"}, provenance=_decided("agreed", ["mona", "karim"])),
    _span(2, GOLD_TEXT, "الاتفاق نهائي", "CLAIM", {"stance": "FAVOR"},
          provenance=_decided("picked", ["mona"], "كما في النص")),
    _span(3, GOLD_TEXT, "المعارضة", "SPEAKER"),
    _span(4, GOLD_TEXT, "إنه مؤقت", "CLAIM", {"stance": "AGAINST"}, provenance=_decided("edited", [])),
]
GOLD_RELATIONS = [{"id": 1, "type": "SAID_BY", "head": 2, "child": 1},
                  {"id": 2, "type": "SAID_BY", "head": 4, "child": 3}]
FIELDS = {"title": "عنوان: \"مقتبس\"", "source": "وكالة", "url": "https://example.org/a?b=1&c=2",
          "published": "2026-02-28",
          "meta": {"id": "clash", "status": "clash", "title": "clash", "section": "سياسة",
                   "rank": 3, "ratio": 0.30000000000000004, "big": 12345678901234567890,
                   "tags": ["أ", "b"], "nested": {"k": [1.5, None, False]}}}

GOLDEN_RECORDS = [
    *SOURCE_RECORDS,
    {"id": "mixed/1", "text": MIXED_TEXT, "layer": "mona", "status": "in_progress",
     "spans": MIXED_SPANS, "relations": MIXED_RELATIONS, **FIELDS},
    {"id": "mixed/1", "text": MIXED_TEXT, "layer": "karim", "status": "done",
     "spans": [_span(1, MIXED_TEXT, "Hydromar", "SPEAKER"), _span(2, MIXED_TEXT, "لن نتراجع", "CLAIM")],
     "relations": [{"id": 1, "type": "SAID_BY", "head": 2, "child": 1}]},
    {"id": ".hidden", "text": GOLD_TEXT, "layer": "gold", "status": "done",
     "spans": GOLD_SPANS, "relations": GOLD_RELATIONS},
    {"id": ".hidden", "text": GOLD_TEXT, "layer": "mona", "status": "done",
     "spans": [dict(span, provenance=None) for span in GOLD_SPANS[:2]], "relations": []},
    {"id": "Plain", "text": "نص قصير بلا شيء.", "title": "قصير"},
]


def golden_schema() -> Schema:
    """The default schema, with CLAIM's free-text attributes ``score`` and ``source`` (keys
    Prodigy keeps for itself on a span) and ``note`` (a second free-text attribute)."""
    data = DEFAULT_SCHEMA.to_dict()
    claim = next(label for label in data["labels"] if label["name"] == "CLAIM")
    claim["attributes"] += [{"name": name, "values": [], "help": "", "keys": []} for name in ("score", "source", "note")]
    return Schema.from_dict(data)


def build_project(path: Path) -> Project:
    """The golden corpus in a new project at ``path`` (open; the caller closes it)."""
    project = Project.create(path, golden_schema())
    records = [{key: value for key, value in record.items()} for record in GOLDEN_RECORDS]
    for record in records:
        for span in record.get("spans", []):
            if span.get("provenance") is None:
                span.pop("provenance", None)
    import_documents(project, (parse_record(r, "golden", n) for n, r in enumerate(records, 1)))
    return project


def export_all(project: Project, folder: Path) -> dict[str, list[str]]:
    """Every export of ``EXPORTS`` into ``folder``; each one's report summary by name."""
    summaries = {}
    for name, format_, options in EXPORTS:
        report = registry.export(project, format_, folder / name, "all", **options)
        summaries[name] = report.summary()
    return summaries


def spacy_docs(path: Path) -> list[dict[str, Any]]:
    """What a spaCy user reads back from a ``.spacy`` file or a folder of them: each Doc's
    text, tokens, span group and user data, as plain JSON."""
    import spacy
    from spacy.tokens import DocBin

    files = sorted(path.glob("*.spacy")) if path.is_dir() else [path]
    vocab = spacy.blank("ar").vocab
    return [_doc_json(doc) for file in files for doc in DocBin().from_disk(file).get_docs(vocab)]


def _doc_json(doc: Any) -> dict[str, Any]:
    return json.loads(json.dumps({
        "text": doc.text,
        "tokens": [token.text for token in doc],
        "spans": {key: [[s.start_char, s.end_char, s.label_, s.id_] for s in group] for key, group in doc.spans.items()},
        "user_data": {str(key): value for key, value in doc.user_data.items()},
    }, ensure_ascii=False))


def write_golden() -> None:
    import tempfile

    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    GOLDEN.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as scratch:
        project = build_project(Path(scratch) / "golden.annotator")
        try:
            summaries = export_all(project, GOLDEN)
            summaries["spacy"] = registry.export(project, "spacy", Path(scratch) / "corpus.spacy", "all").summary()
            docs = spacy_docs(Path(scratch) / "corpus.spacy")
        finally:
            project.close()
    (GOLDEN / "spacy-docs.json").write_text(json.dumps(docs, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (GOLDEN / "reports.json").write_text(json.dumps(summaries, ensure_ascii=False, indent=1) + "\n",
                                         encoding="utf-8")


if __name__ == "__main__":
    write_golden()
    sys.exit(0)
