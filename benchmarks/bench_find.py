"""The corpus search on 100,000 documents (issue 21, item 6): every query within a second.

Builds a project of N short Arabic articles with raw SQL, then folds and indexes its
spans as the first search after an import would (``span_words.flush``): two annotators,
each with two speakers (an entity of 600 names), two claims (stance mostly FAVOR or
AGAINST, rarely UNCLEAR) and two targets per article, each claim linked to its speaker
and target; the annotators disagree on a claim in a third of the articles and on a
speaker in one in two hundred; one span in a hundred has a note; one article in a
thousand has a target on مَسارُ جنيـف. Then times ``find`` (the parse and the SQL, the
first page of 200 hits, as the window and ``annotator find`` ask) for each query below,
taking turns (``measure.turns``), RUNS times each; each figure is the median with its
spread (min–max); target: every median at most 1 s.
Run: .venv/bin/python benchmarks/bench_find.py [N]   (default N = 100000)
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from measure import interleaved, verdict  # noqa: E402

from annotator.core.find_query import parse  # noqa: E402
from annotator.core.store import Project  # noqa: E402
from annotator.core.store import span_words  # noqa: E402
from annotator.core.store.find import find  # noqa: E402

RUNS = 5
TARGET_S = 1.0
LIMIT = 200
FIRST = ["أمجد", "سلمى", "خالد", "ليلى", "يوسف", "هدى", "عمر", "رنا", "طارق", "منى", "سامي", "نادية",
         "فادي", "ريم", "ماجد", "دينا", "زياد", "لبنى", "وائل", "سعاد"]
FAMILY = ["البرقاوي", "الحسيني", "العمري", "الخطيب", "النجار", "الحداد", "السعدي", "الشامي", "القاسم",
          "المصري", "الزعبي", "التميمي", "الهاشمي", "الراشد", "الجبوري", "الكردي", "العلي", "الصالح",
          "الأحمد", "الدباغ", "الفارس", "البدوي", "السقا", "الموسى", "النمر", "العبيدي", "الخوري",
          "الطحان", "الجمال", "العطار"]
TARGETS = ["الخطة الاقتصادية", "أسعار الوقود", "قانون الانتخابات", "الموازنة العامة", "إصلاح التعليم",
           "مفاوضات السلام", "دعم الخبز", "الضرائب الجديدة"]
RARE_TARGET = "مَسارُ جنيـف"
QUERIES = {
    "against, about a rare target, one layer": 'label:CLAIM stance:AGAINST about:"مسار جنيف" layer:mona',
    "claims said by one entity": 'said_by:"امجد البرقاوي"',
    "words (common)": "الحكومة",
    "words (in no span)": '"لا توجد في اي مقال"',
    "rare value, one layer": "stance:UNCLEAR layer:sami",
    "spans with a note": "has:note",
    "disagree on CLAIM (1 in 3)": "disagree:CLAIM",
    "disagree on SPEAKER (1 in 200)": "disagree:SPEAKER",
    "two letters (no index)": "جن label:TARGET",
}


def article(key: int, rng: random.Random) -> tuple[str, list[tuple]]:
    """An article's text and its spans as (label, start, end, slot), slot naming the span
    in its layer: s0 s1 (speakers), c0 c1 (claims), t0 t1 (targets)."""
    parts, spans = [f"خبر رقم {key}\n"], []

    def add(words: str, label: str, slot: str) -> None:
        start = sum(map(len, parts))
        parts.append(words)
        spans.append((label, start, start + len(words), slot))

    for i in range(2):
        speaker = f"{rng.choice(FIRST)} {rng.choice(FAMILY)}"
        target = RARE_TARGET if key % 1000 == 0 and i == 1 else rng.choice(TARGETS)
        parts.append("وقال ")
        add(speaker, "SPEAKER", f"s{i}")
        parts.append(" إن ")
        add(target, "TARGET", f"t{i}")
        parts.append(" ")
        add("لن تنجح كما تريد الحكومة" if i else "ستؤدي إلى نتائج أفضل للمواطنين", "CLAIM", f"c{i}")
        parts.append(". وأضاف أن الأمر يحتاج إلى مزيد من النقاش بين الأطراف المعنية خلال الأسابيع المقبلة.\n")
    return "".join(parts), spans


def build(path: Path, documents: int) -> None:
    rng = random.Random(21)
    stamp = "2026-01-01T00:00:00.000+00:00"
    with Project.create(path) as project:
        layers = {name: project.ensure_layer(name) for name in ("mona", "sami")}
        conn = project.db.conn
        with project.db.atomic():
            span_id = relation_id = 0
            for first in range(1, documents + 1, 5000):
                doc_rows, span_rows, relation_rows, status_rows, note_rows = [], [], [], [], []
                for key in range(first, min(first + 5000, documents + 1)):
                    text, spans = article(key, rng)
                    doc_rows.append((key, f"doc-{key:06d}", f"خبر رقم {key}", text,
                                     hashlib.sha256(text.encode("utf-8")).hexdigest(), "{}", stamp))
                    for name, layer in layers.items():
                        ids = {}
                        for label, start, end, slot in spans:
                            if name == "sami" and slot == "s1" and key % 200 == 0:
                                start += 5  # the speaker's family name alone
                            attrs = {}
                            if label == "SPEAKER":
                                attrs = {"entity": text[start:end]}
                            elif label == "CLAIM":
                                differs = name == "sami" and slot == "c0" and key % 3 == 0
                                attrs = {"stance": "UNCLEAR" if key % 5000 == 7 and name == "sami" else
                                         ("FAVOR" if (slot == "c0") != differs else "AGAINST")}
                            span_id += 1
                            ids[slot] = span_id
                            span_rows.append((span_id, key, layer, start, end, label, json.dumps(attrs)))
                            if span_id % 100 == 0:
                                note_rows.append((key, layer, span_id, "غير متأكد", stamp, stamp))
                        for i in range(2):
                            for type_, child in (("SAID_BY", f"s{i}"), ("ABOUT", f"t{i}")):
                                relation_id += 1
                                relation_rows.append((relation_id, key, layer, type_, ids[f"c{i}"], ids[child]))
                        status_rows.append((key, layer, "in_progress", stamp))
                conn.executemany("INSERT INTO documents (key, id, title, text, text_sha256, meta, imported_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)", doc_rows)
                conn.executemany('INSERT INTO spans (id, document, layer, start, "end", label, attrs) '
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)", span_rows)
                conn.executemany("INSERT INTO relations (id, document, layer, type, head, child) "
                                 "VALUES (?, ?, ?, ?, ?, ?)", relation_rows)
                conn.executemany("INSERT INTO document_status (document, layer, status, updated_at) "
                                 "VALUES (?, ?, ?, ?)", status_rows)
                conn.executemany("INSERT INTO notes (document, layer, span, text, created_at, updated_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?)", note_rows)
        started = time.perf_counter()
        span_words.flush(project.db)
        print(f"folded and indexed the spans in {time.perf_counter() - started:.1f} s")
        conn.execute("ANALYZE")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "find.annotator"
        started = time.perf_counter()
        build(path, n)
        print(f"built {n} documents in {time.perf_counter() - started:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB)")
        with Project.open(path, read_only=True) as project:
            counts = {}

            def timed(text: str) -> float:
                began = time.perf_counter()
                hits, more = find(project, parse(text, project.schema, project.layer_names()), LIMIT)
                seconds = time.perf_counter() - began
                counts[text] = f"{len(hits)}{'+' if more else ''}"
                return seconds

            figures = interleaved({name: (lambda text=text: timed(text)) for name, text in QUERIES.items()}, RUNS)
    print(f"find on {n} documents, first page of {LIMIT} hits; median (min–max) over {RUNS} runs")
    print(f"{'query':<42}{'hits':>6}{'time':>26}   target")
    ok = True
    for name, text in QUERIES.items():
        figure = figures[name]
        ok &= figure.median <= TARGET_S
        print(f"{name:<42}{counts[text]:>6}{figure.show('ms', 1):>26}   at most {TARGET_S * 1000:.0f} ms")
    print(verdict(ok))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
