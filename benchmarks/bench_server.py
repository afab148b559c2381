"""A team's project on a local PostgreSQL server (issue 19, item 8): four figures, each
measured side by side with its baseline in one run, against a throwaway server that this
script starts and removes (``tests/pg_cluster.Cluster``: initdb in a temporary folder, a
free port on 127.0.0.1, scram-sha-256 over TCP, as a team's server is reached), with
PostgreSQL's own durability (fsync on, which the tests turn off; ``--no-fsync`` runs it
as the tests do).

a. One action: ``Project.add_span`` on the server project against a bare psycopg insert
   of the same row into ``spans`` and a commit, each over its own TCP connection; they
   take turns (``measure.turns``) a round of actions at a time. Target: at most 2x.
b. 20 simulated annotators at once, each a process with its own connection writing its
   own layer, 500 actions each (add_span; every tenth a set_status), against one
   annotator alone doing the same. A simulated annotator pauses between actions (a random
   think time, mean ``--think-ms``, 50 ms: a person acts every few seconds, so this is a
   team 20 to 100 times faster than a real one); the same annotators with no pause at
   all are also run and printed, as the server's throughput on this machine, where 20
   processes flat out share its CPUs with the server. Every acknowledged action is
   checked in the database afterwards: nothing lost, nothing in another layer.
   Target: p95 latency per action with 20 at most 3x one alone (paced).
c. Import of 10,000 articles (about 3 kB of Arabic each, ``bench_import.article``) with
   ``import_documents`` against a raw ``COPY`` of the same rows into ``documents``, each
   into a fresh database, taking turns. Target: at most 2x.
d. Opening a 1 MB article carrying 10,000 spans from the server, as the window opens it
   (``Editor.open``: the text shown with the spans on its first screen, painted, then all
   the spans read into the document's session), to its first paint, against a bare
   ``QPlainTextEdit.setPlainText`` of the text (``bench_article_view``), with the same
   open from a project file, and the time until all spans are read, printed beside.
   Target: at most 3x.

Each figure is the median of its repeats with their spread (min–max); each verdict the
ratio of the medians. Exit 1 if any target is missed. On a machine of few cores, b's 20
client processes (each on a laptop of its own in a real team) share them with the server,
which makes its figure pessimistic.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_server.py [--quick] [--only abcd]
     [--think-ms 50] [--no-fsync]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import count
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import psycopg  # noqa: E402

from annotator.core.ingest import DocumentInput, import_documents, title_of  # noqa: E402
from annotator.core.store import Project, dumps, now  # noqa: E402
from bench_import import article as news_article  # noqa: E402
from measure import Figure, interleaved, ratio, verdict  # noqa: E402
from tests.pg_cluster import Cluster  # noqa: E402

ACTION_TARGET = 2.0
CROWD_TARGET = 3.0
IMPORT_TARGET = 2.0
OPEN_TARGET = 3.0
LABELS = ("SPEAKER", "CLAIM", "TARGET")


@dataclass(frozen=True)
class Sizes:
    action_rounds: int = 11  # rounds of single actions, each side a round at a time
    actions_per_round: int = 200
    annotators: int = 20
    actions: int = 500  # per annotator
    think_ms: float = 50.0
    crowd_rounds: int = 3
    articles: int = 10_000
    import_runs: int = 5
    opens: int = 7

    @classmethod
    def quick(cls, think_ms: float) -> "Sizes":
        return cls(action_rounds=5, actions_per_round=50, annotators=20, actions=60, think_ms=think_ms, crowd_rounds=1,
                   articles=1_000, import_runs=3, opens=3)


# -- the project the annotators work on ---------------------------------------------------


class TeamServer(Cluster):
    """The tests' throwaway server, made durable as a team's is: the tests turn fsync and
    full-page writes off for speed, a team's server keeps PostgreSQL's defaults (every
    commit waits for its WAL to reach the disk)."""

    durable = True

    def start_server(self) -> None:
        if not self.durable:
            return super().start_server()
        options = f"-p {self.port} -k {self.socket_folder} -c listen_addresses={self.host} -c max_connections=200"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "server.log"), "-w", "start")


def words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def annotated_project(cluster: Cluster, documents: int = 20) -> str:
    """A server project holding ``documents`` news articles; its URL."""
    url = cluster.url(cluster.new_database())
    with Project.create(url) as project:
        import_documents(project, [DocumentInput(text=news_article(n)["text"], path="bench", id=f"doc-{n}")
                                   for n in range(1, documents + 1)])
    return url


def document_words(url: str) -> dict[int, tuple[str, list[tuple[int, int]]]]:
    with Project.open(url) as project:
        return {d.key: (d.text, words(d.text)) for d in project.documents()}


# -- a. one action ------------------------------------------------------------------------


def one_action(cluster: Cluster, sizes: Sizes) -> bool:
    url = annotated_project(cluster)
    texts = document_words(url)
    keys = sorted(texts)
    rng = random.Random(1)
    project = Project.open(url)
    layer_id = project.ensure_layer("solo")
    bare = psycopg.connect(url)  # a transaction per statement until commit(), as psycopg's default
    insert = 'INSERT INTO spans (document, layer, start, "end", label, attrs) VALUES (%s, %s, %s, %s, %s, %s)'

    def rows(number: int) -> list[tuple[int, int, int, str]]:
        chosen = []
        for _ in range(number):
            key = rng.choice(keys)
            start, end = rng.choice(texts[key][1])
            chosen.append((key, start, end, rng.choice(LABELS)))
        return chosen

    def ours() -> float:
        batch = rows(sizes.actions_per_round)
        started = time.perf_counter()
        for key, start, end, label in batch:
            project.add_span(key, "solo", start, end, label)
        return (time.perf_counter() - started) / len(batch)

    def raw() -> float:
        batch = rows(sizes.actions_per_round)
        started = time.perf_counter()
        for key, start, end, label in batch:
            bare.execute(insert, (key, layer_id, start, end, label, "{}"))
            bare.commit()
        return (time.perf_counter() - started) / len(batch)

    ours(), raw()  # warm both connections' caches before anything is timed
    times = interleaved({"raw": raw, "ours": ours}, sizes.action_rounds)
    bare.close()
    project.close()
    cost = ratio(times["ours"], times["raw"])
    ok = cost <= ACTION_TARGET
    print(f"a. one action on a local server (TCP), median (min–max) of {sizes.action_rounds} rounds of "
          f"{sizes.actions_per_round}, taking turns: bare psycopg insert + commit {times['raw'].show('ms', 3)}, "
          f"Project.add_span (span, status, edit log, one transaction) {times['ours'].show('ms', 3)}")
    print(f"   ratio of medians add_span/bare: {cost:.2f} (target: at most {ACTION_TARGET:.0f}x) {verdict(ok)}")
    return ok


# -- b. many annotators at once -----------------------------------------------------------


def annotator_run(url: str, layer: str, actions: int, think_ms: float, seed: int, start_at, results) -> None:
    """One simulated annotator in its own process: its own connection, its own layer.
    Puts (latencies, acknowledged spans, acknowledged statuses) on ``results``."""
    rng = random.Random(seed)
    texts = document_words(url)
    keys = sorted(texts)
    latencies: list[float] = []
    spans: list[tuple[int, int, int, int, str]] = []  # id, document, start, end, label
    statuses: dict[int, str] = {}
    with Project.open(url) as project:
        project.ensure_layer(layer)
        start_at.wait()
        began = time.monotonic()
        for number in range(actions):
            if think_ms:
                time.sleep(rng.expovariate(1000.0 / think_ms))
            key = rng.choice(keys)
            if number % 10 == 9:
                status = rng.choice(("in_progress", "done"))
                started = time.perf_counter()
                project.set_status(key, layer, status)
                latencies.append(time.perf_counter() - started)
                statuses[key] = status
            else:
                start, end = rng.choice(texts[key][1])
                label = rng.choice(LABELS)
                started = time.perf_counter()
                span = project.add_span(key, layer, start, end, label).spans_added[0]
                latencies.append(time.perf_counter() - started)
                spans.append((span.id, key, start, end, label))
        ended = time.monotonic()
    results.put((layer, latencies, spans, statuses, began, ended))


def crowd(url: str, layers: list[str], sizes: Sizes, think_ms: float,
          seed: int) -> tuple[list[float], float, list[str]]:
    """``layers`` annotators at once: every latency, the seconds from the first one's start
    to the last one's end, and what the database lacks or mixes."""
    context = multiprocessing.get_context("spawn")
    start_at = context.Barrier(len(layers))
    results = context.Queue()
    workers = [context.Process(target=annotator_run,
                               args=(url, layer, sizes.actions, think_ms, seed + i, start_at, results))
               for i, layer in enumerate(layers)]
    for worker in workers:
        worker.start()
    outcomes = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
        if worker.exitcode:
            raise RuntimeError(f"a simulated annotator failed (exit {worker.exitcode})")
    latencies = [latency for outcome in outcomes for latency in outcome[1]]
    elapsed = max(outcome[5] for outcome in outcomes) - min(outcome[4] for outcome in outcomes)
    return latencies, elapsed, audit(url, outcomes)


def audit(url: str, outcomes: list) -> list[str]:
    """Every acknowledged span and status is in the database in its own layer, and no
    layer holds a span nobody was told was saved."""
    problems = []
    with psycopg.connect(url) as conn:
        stored = {row[0]: row[1:] for row in conn.execute(
            'SELECT s.id, l.name, s.document, s.start, s."end", s.label FROM spans s JOIN layers l ON l.id = s.layer')}
        status_rows = {(row[0], row[1]): row[2] for row in conn.execute(
            "SELECT l.name, d.document, d.status FROM document_status d JOIN layers l ON l.id = d.layer")}
        logged = dict(conn.execute("SELECT layer, count(*) FROM edit_log GROUP BY layer").fetchall())
    for layer, latencies, spans, statuses, _, _ in outcomes:
        for span_id, key, start, end, label in spans:
            row = stored.get(span_id)
            if row is None:
                problems.append(f"{layer}: span {span_id} acknowledged, not in the database")
            elif row != (layer, key, start, end, label):
                problems.append(f"{layer}: span {span_id} stored as {row}")
        held = sum(1 for row in stored.values() if row[0] == layer)
        if held != len(spans):
            problems.append(f"{layer}: {held} spans in the database, {len(spans)} acknowledged")
        for key, status in statuses.items():
            if status_rows.get((layer, key)) != status:
                problems.append(f"{layer}: document {key} acknowledged {status}, stored {status_rows.get((layer, key))}")
        if logged.get(layer) != len(latencies):
            problems.append(f"{layer}: {logged.get(layer)} actions in the edit log, {len(latencies)} acknowledged")
    return problems


def p95(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=20, method="inclusive")[18]


def many_annotators(cluster: Cluster, sizes: Sizes) -> bool:
    url = annotated_project(cluster)
    runs = count(1)
    problems: list[str] = []
    rates: dict[int, list[float]] = {}

    def side(annotators: int, think_ms: float) -> float:
        """One run of ``annotators`` at once, each in layers of its own; their p95."""
        run = next(runs)
        latencies, elapsed, found = crowd(url, [f"run{run}-annotator{i:02d}" for i in range(annotators)], sizes,
                                          think_ms, seed=100 * run)
        problems.extend(found)
        rates.setdefault(annotators, []).append(len(latencies) / elapsed)
        return p95(latencies)

    many = sizes.annotators
    paced = interleaved({"alone": lambda: side(1, sizes.think_ms), "together": lambda: side(many, sizes.think_ms)},
                        sizes.crowd_rounds)
    paced_rates = {count_: statistics.median(values) for count_, values in rates.items()}
    rates.clear()
    flat_alone, flat_together = side(1, 0.0), side(many, 0.0)
    slower = ratio(paced["together"], paced["alone"])
    ok = slower <= CROWD_TARGET and not problems
    print(f"b. {many} simulated annotators at once, {sizes.actions} actions each (add_span, every tenth set_status), "
          f"each its own process, connection and layer, pausing {sizes.think_ms:.0f} ms on average between actions; "
          f"p95 latency per action, median (min–max) of {sizes.crowd_rounds} runs a side, taking turns: "
          f"one alone {paced['alone'].show('ms', 1)}, {many} at once {paced['together'].show('ms', 1)} "
          f"({paced_rates[many]:.0f} actions/s together)")
    print(f"   flat out (no pause, {many} processes and the server sharing {os.cpu_count()} CPUs; no target): "
          f"p95 one alone {flat_alone * 1000:.1f} ms ({rates[1][0]:.0f} actions/s), {many} at once "
          f"{flat_together * 1000:.1f} ms ({rates[many][0]:.0f} actions/s)")
    print(f"   every acknowledged action of every run checked in the database: "
          f"{'nothing lost, nothing in another layer' if not problems else f'{len(problems)} problems'} "
          f"{verdict(not problems)}")
    for problem in problems[:10]:
        print(f"   {problem}")
    print(f"   ratio of medians p95 {many} at once / alone: {slower:.2f} (target: at most {CROWD_TARGET:.0f}x) "
          f"{verdict(slower <= CROWD_TARGET)}")
    return ok


# -- c. import ----------------------------------------------------------------------------


def raw_copy_rows(records: list[dict]) -> list[tuple]:
    import hashlib

    stamp = now()
    return [(n, r["id"], title_of(r["text"]), r["text"], hashlib.sha256(r["text"].encode("utf-8")).hexdigest(),
             r["source"], None, None, dumps(r["meta"]), stamp) for n, r in enumerate(records, start=1)]


def import_articles(cluster: Cluster, sizes: Sizes) -> bool:
    from annotator.formats.native import read_jsonl
    from bench_import import write_corpus

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        records = write_corpus(corpus, sizes.articles)
        size = corpus.stat().st_size

        def ours() -> float:
            with Project.create(cluster.url(cluster.new_database())) as project:
                started = time.perf_counter()
                report = import_documents(project, read_jsonl(corpus))
                elapsed = time.perf_counter() - started
                assert len(report.added) == sizes.articles
            return elapsed

        def raw() -> float:
            url = cluster.url(cluster.new_database())
            Project.create(url).close()
            rows = raw_copy_rows(records)
            with psycopg.connect(url) as conn:
                started = time.perf_counter()
                with conn.cursor().copy("COPY documents (key, id, title, text, text_sha256, source, url, published, "
                                        "meta, imported_at) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                conn.commit()
                elapsed = time.perf_counter() - started
                assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == sizes.articles
            return elapsed

        times = interleaved({"raw": raw, "ours": ours}, sizes.import_runs)
    cost = ratio(times["ours"], times["raw"])
    ok = cost <= IMPORT_TARGET
    print(f"c. import {sizes.articles:,} articles ({size / 1e6:.1f} MB of JSONL) into a server project, median "
          f"(min–max) of {sizes.import_runs} each, taking turns: raw COPY of the same rows {times['raw'].show()}, "
          f"read_jsonl + import_documents {times['ours'].show()}")
    print(f"   ratio of medians import/COPY: {cost:.2f} (target: at most {IMPORT_TARGET:.0f}x) {verdict(ok)}")
    return ok


# -- d. opening a long article ------------------------------------------------------------


def open_article(cluster: Cluster, sizes: Sizes) -> bool:
    from PySide6.QtWidgets import QApplication

    from annotator.core.schema import DEFAULT_SCHEMA
    from annotator.ui.app import application, load_arabic_font
    from annotator.ui.article_view import ArticleView
    from annotator.ui.editor import Editor
    from bench_article_view import article, bare_open, painted, spans_for

    application()
    font = load_arabic_font()
    text = article()
    folder = tempfile.TemporaryDirectory()
    places = {"server": cluster.url(cluster.new_database()), "file": Path(folder.name) / "article.annotator"}
    projects, keys = {}, {}
    for where, place in places.items():
        with Project.create(place) as project:
            import_documents(project, [DocumentInput(text=text, path="bench", id="article")])
            layer = project.ensure_layer("bench")
            key = project.document_by_id("article").key
            rows = [(key, layer, s.start, s.end, s.label, "{}") for s in spans_for(text, 10_000)]
            with project.transaction():
                project.db.executemany(
                    'INSERT INTO spans (document, layer, start, "end", label, attrs) VALUES (?, ?, ?, ?, ?, ?)', rows)
        projects[where], keys[where] = Project.open(place), key

    whole: dict[str, list[float]] = {"server": [], "file": []}

    def ours(where: str) -> float:
        """The window's open (``Editor.open``): its first paint, and beside it the time until
        every span is read and the screen painted with them all."""
        project = projects[where]
        project.text.cache_clear()
        view = ArticleView(font, DEFAULT_SCHEMA)
        view.resize(1000, 800)
        view.show()
        editor = Editor(project, view, "bench")
        first_paint: list[float] = []
        paint_now = view.paint_now
        view.paint_now = lambda: (paint_now(), first_paint.append(time.perf_counter()))
        started = time.perf_counter()
        editor.open(keys[where])
        whole[where].append(time.perf_counter() - started + painted(view))
        assert len(editor.session.spans) == 10_000 and first_paint
        view.close()
        view.deleteLater()
        QApplication.processEvents()
        return first_paint[0] - started

    opens = interleaved({"bare": lambda: bare_open(text), "server": lambda: ours("server"),
                         "file": lambda: ours("file")}, sizes.opens)
    for project in projects.values():
        project.close()
    folder.cleanup()
    cost = ratio(opens["server"], opens["bare"])
    ok = cost <= OPEN_TARGET
    print(f"d. open a {len(text) / 1e6:.1f} M-character article with 10,000 spans to first paint, median (min–max) "
          f"of {sizes.opens} each, taking turns: bare setPlainText {opens['bare'].show('ms', 0)}, from the server "
          f"{opens['server'].show('ms', 0)}, from a project file {opens['file'].show('ms', 0)}")
    print(f"   ratio of medians server/bare: {cost:.2f} (target: at most {OPEN_TARGET:.0f}x) {verdict(ok)}; "
          f"file/bare {ratio(opens['file'], opens['bare']):.2f}")
    print(f"   until all 10,000 spans are read and the screen painted with them (no target): from the server "
          f"{Figure(tuple(whole['server'])).show('ms', 0)}, from a project file {Figure(tuple(whole['file'])).show('ms', 0)}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a first look (about a minute)")
    parser.add_argument("--only", default="abcd", help="which figures, e.g. --only ac")
    parser.add_argument("--think-ms", type=float, default=Sizes.think_ms,
                        help="a simulated annotator's mean pause between actions (b)")
    parser.add_argument("--no-fsync", action="store_true",
                        help="run the server as the tests do, fsync off (a team's server keeps it on)")
    options = parser.parse_args()
    sizes = Sizes.quick(options.think_ms) if options.quick else Sizes(think_ms=options.think_ms)
    benches = {"a": one_action, "b": many_annotators, "c": import_articles, "d": open_article}
    TeamServer.durable = not options.no_fsync
    try:
        cluster = TeamServer().start()
    except RuntimeError as error:
        print(f"bench_server: {error}")
        return 1
    try:
        version = psycopg.connect(cluster.url()).execute("SHOW server_version").fetchone()[0]
        print(f"PostgreSQL {version} at {cluster.host}:{cluster.port}, fsync {'on' if TeamServer.durable else 'off'}; "
              f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at the start")
        results = [benches[letter](cluster, sizes) for letter in options.only if letter in benches]
    finally:
        cluster.destroy()
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    ok = all(results)
    print(verdict(ok))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
