"""Import 10,000 Arabic articles (about 30 MB) from native JSONL (issue 7, target 3).

Generates the articles from a few paragraphs of Arabic, varied per article (numbers,
paragraph order) so every text hash differs; writes them as native JSONL; then times
``read_jsonl`` + ``import_documents`` into a fresh project against a raw
``sqlite3.executemany`` of the same document rows (already in memory) in one
transaction, into another fresh project, in the same run, the two taking turns
(``measure.turns``); each is printed as the median of its runs with their spread
(min–max), and the verdict is the ratio of the medians. Target: at most 2x.
Run: .venv/bin/python benchmarks/bench_import.py [N]   (default N = 10000)
"""

from __future__ import annotations

import cProfile
import hashlib
import json
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotator.core.ingest import import_documents, title_of  # noqa: E402
from annotator.core.store import Project, dumps, now  # noqa: E402
from annotator.formats.native import read_jsonl  # noqa: E402
from measure import Figure, interleaved, ratio, verdict  # noqa: E402

RATIO_TARGET = 2.0
RUNS = 11
PARAGRAPHS = (
    "أعلنت وزارة الاقتصاد اليوم عن خطة جديدة لدعم المشاريع الصغيرة والمتوسطة في المحافظات "
    "الجنوبية، وقال المتحدث باسم الوزارة إن الخطة ستوفر تمويلاً ميسراً لآلاف الشباب خلال "
    "الأعوام الثلاثة المقبلة، وإنها تهدف إلى خفض نسبة البطالة وتحسين مستوى المعيشة.",
    "من جهته، انتقد عدد من الخبراء الاقتصاديين توقيت الإعلان، معتبرين أن الحكومة تأخرت كثيراً "
    "في اتخاذ إجراءات فعلية، وأن ارتفاع الأسعار خلال الأشهر الماضية أثقل كاهل الأسر "
    "محدودة الدخل، وطالبوا بمراجعة السياسات الضريبية قبل أي خطوة أخرى.",
    "وفي سياق متصل، شهدت العاصمة مظاهرات سلمية شارك فيها مئات المواطنين للمطالبة برفع "
    "الأجور وتحسين الخدمات العامة، ورفع المتظاهرون لافتات تدعو إلى الشفافية ومحاسبة "
    "المسؤولين عن الفساد الإداري في المؤسسات الحكومية.",
    "وأكد رئيس الوزراء في كلمة متلفزة أن حكومته ملتزمة بالإصلاح الشامل، مشيراً إلى أن "
    "المرحلة المقبلة ستشهد إطلاق حزمة من المشاريع في قطاعات الطاقة والنقل والتعليم، "
    "وأن الاستثمار في الإنسان هو الطريق الوحيد نحو التنمية المستدامة.",
    "يذكر أن البلاد تواجه تحديات اقتصادية كبيرة منذ سنوات، أبرزها تراجع قيمة العملة "
    "المحلية وارتفاع الدين العام، في ظل تقلبات أسعار النفط في الأسواق العالمية "
    "وتداعيات الأزمات الإقليمية على حركة التجارة والسياحة.",
    "وعلى الصعيد الدولي، رحب صندوق النقد بالخطوات الأخيرة، لكنه دعا إلى تسريع وتيرة "
    "الإصلاحات الهيكلية وضبط الإنفاق العام، محذراً من أن أي تأخير قد ينعكس سلباً على "
    "ثقة المستثمرين وعلى قدرة البلاد على الوصول إلى أسواق التمويل.",
)


def article(n: int) -> dict:
    """About 3 kB of UTF-8: a numbered headline and the paragraphs in an order of its own."""
    order = [PARAGRAPHS[(n + i) % len(PARAGRAPHS)] for i in range(len(PARAGRAPHS))]
    if n % 2:
        order.reverse()
    head = f"تقرير رقم {n}: الاقتصاد والشارع في العام {2000 + n % 27}"
    body = "\n\n".join(f"{p} (الفقرة {i + 1} من المقال {n})" for i, p in enumerate(order))
    return {"id": f"art-{n:06d}", "text": head + "\n\n" + body, "source": "bench", "meta": {"n": n}}


def write_corpus(path: Path, n: int) -> list[dict]:
    records = [article(i) for i in range(1, n + 1)]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return records


def raw_rows(records: list[dict]) -> list[tuple]:
    stamp = now()
    return [
        (r["id"], title_of(r["text"]), r["text"], hashlib.sha256(r["text"].encode("utf-8")).hexdigest(),
         r["source"], None, None, dumps(r["meta"]), stamp)
        for r in records
    ]


def fresh_texts(records: list[dict]) -> list[dict]:
    """The records with texts that are new string objects, holding no cached UTF-8."""
    return [{**record, "text": record["text"].encode("utf-8").decode("utf-8")} for record in records]


def time_raw(path: Path, rows: list[tuple]) -> float:
    with Project.create(path) as project:
        conn = project.db.conn
        started = time.perf_counter()
        with project.db.atomic():
            conn.executemany(
                """INSERT INTO documents (id, title, text, text_sha256, source, url, published, meta, imported_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows)
        elapsed = time.perf_counter() - started
        assert project.document_count() == len(rows)
    return elapsed


def time_import(path: Path, corpus: Path, n: int, profile: bool = False) -> float:
    with Project.create(path) as project:
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        report = import_documents(project, read_jsonl(corpus))
        if profiler:
            profiler.disable()
        elapsed = time.perf_counter() - started
        assert len(report.added) == n, (len(report.added), n)
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)
    return elapsed


def time_read(corpus: Path) -> float:
    """read_jsonl alone, for the breakdown: the records are read and dropped."""
    started = time.perf_counter()
    for _ in read_jsonl(corpus):
        pass
    return time.perf_counter() - started


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    profile = os.environ.get("BENCH_PROFILE") == "1"
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        corpus = folder / "corpus.jsonl"
        records = write_corpus(corpus, n)
        size = corpus.stat().st_size
        # Fresh rows for each raw run: once sqlite3 has bound a str it keeps that string's
        # UTF-8 inside the str object, so re-inserting the same rows would skip the encoding
        # that the first run (and every import) pays.
        runs = iter(range(2 * RUNS))

        def raw_run() -> float:
            return time_raw(folder / f"raw{next(runs)}.annotator", raw_rows(fresh_texts(records)))

        def import_run() -> float:
            run = next(runs)
            return time_import(folder / f"imp{run}.annotator", corpus, n, profile and run < 2)

        times = interleaved({"raw": raw_run, "import": import_run}, RUNS)
        raw, imported = times["raw"], times["import"]
        reading = Figure(tuple(time_read(corpus) for _ in range(3)))
    import_ratio = ratio(imported, raw)
    ok = import_ratio <= RATIO_TARGET
    print(f"import {n} articles, {size / 1e6:.1f} MB of JSONL: read_jsonl + import_documents "
          f"{imported.show()}; raw executemany of the same rows in one transaction {raw.show()} "
          f"(median, min–max of {RUNS} each, taking turns)")
    print(f"breakdown: read_jsonl alone (parse and check, timed apart) {reading.show()}; "
          f"the rest (hash, batch, insert, commit) about {imported.median - reading.median:.2f} s")
    print(f"ratio of medians import/raw: {import_ratio:.2f} (target: at most {RATIO_TARGET:.1f}x) {verdict(ok)}")
    print(verdict(ok))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
