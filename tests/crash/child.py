"""The scripted child of the crash harness: annotate until killed.

    python -m tests.crash.child PROJECT SEED [--wait] [--actions N] [--create] [--server --folder DIR]

Opens PROJECT through ``Project.open(path, writer=True)`` as the window does, then
performs random annotation actions chosen by SEED through the same core calls the
window and the import/export commands use. It writes one JSON line to stdout (flushed)
for each step:

- ``{"event": ...}``: ready, opening, opened, and markers around backups and migrations;
- ``{"n": N, "intent": ACTION, ...}``: action N is about to run, with its arguments;
- ``{"n": N, "progress": I}``: action N (import or export) reached record/document I; a
  check-in prints progress 1 inside its transaction, as it starts to put the file's layer in;
- ``{"n": N, "action": ACTION, "result": "saved" | "refused", ...}``: action N returned;
  the line describes the effect completely (ids, offsets, labels, attributes, the
  imported documents and spans, the export's line count and SHA-256).

An acknowledgement is printed only after the core call returned, i.e. after its
transaction committed. The parent (tests/test_crash.py) kills this process with SIGKILL
and checks that every acknowledged action is in the file and nothing is half done.

``--wait`` reads one line from stdin before opening (the parent starts the next child
while it checks the previous one). ``--actions N`` stops after N actions (0: just open).
``--create`` makes PROJECT with ``Project.create`` instead of opening it.

``--server``: PROJECT is a postgresql:// URL (tests/crash/server_round.py), and the child
takes only the actions that make sense there (no checkpoint, check-out or check-in); the
batches and exports go to ``--folder``. The server may restart under it: an action refused
``offline:`` or ``not saved:`` is printed refused (nothing of it was stored) and the child
carries on, the connection made again by itself; an action whose commit went unanswered
(``not acknowledged:``: it may or may not be stored) is printed
``{"n": N, "unacknowledged": ACTION}``, neither saved nor refused, and the child stops
there, in flight, until it is killed. What it reads after a commit (an import's description)
it reads again until the server answers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.ingest import import_documents
from annotator.core.model import STATUSES, Relation, Span
from annotator.core.schema import DEFAULT_SCHEMA
from annotator.core.store import Project
from annotator.core.store.listing import DocumentListing
from annotator.core.text import is_grapheme_boundary
from annotator.formats import checkout as checkout_module
from annotator.formats.checkout import check_in, check_out
from annotator.formats.native import read_jsonl
from annotator.formats.native_export import write_jsonl
from tests.crash import ENTITIES, EXPORTS, LAYERS, make_text, words

STANCES = DEFAULT_SCHEMA.label("CLAIM").attribute("stance").values

def emit(**fields) -> None:
    print(json.dumps(fields, sort_keys=True), flush=True)


def span_dict(span: Span) -> dict:
    return {"id": span.id, "document": span.document, "layer": span.layer, "start": span.start,
            "end": span.end, "label": span.label, "attrs": span.attrs}


def relation_dict(relation: Relation) -> dict:
    return {"id": relation.id, "document": relation.document, "layer": relation.layer,
            "type": relation.type, "head": relation.head, "child": relation.child}


def instrument() -> None:
    """Print markers around the slow steps of opening, so the parent can kill inside them.

    Only wraps (never changes) the calls; a renamed internal just loses its marker. The
    one addition: a pause of a few milliseconds after each migration, inside the
    transaction that holds them all. The four migrations take about 2 ms together, less
    than the parent needs to see the marker and aim, so without it few kills would land
    between two migrations, the moment this harness is for.

    Imported here, not above: the migrations bring sqlite_utils (and pandas where it is
    installed, 1.5 s), which a child on a server does not need.
    """
    from annotator.core.store import backup as backup_module
    from annotator.core.store import migrations as migrations_module
    from annotator.core.store import opening

    migrations = migrations_module.project_migrations
    apply = migrations.apply
    for migration in migrations._migrations:
        def paused(db, _fn=migration.fn):
            _fn(db)
            time.sleep(0.005)

        migration.fn = paused

    def marked_apply(db, *args, **kwargs):
        emit(event="migrating")
        started = time.monotonic()
        result = apply(db, *args, **kwargs)
        emit(event="migrated", seconds=round(time.monotonic() - started, 4))
        return result

    migrations.apply = marked_apply
    for module, name, before, after in (
        (backup_module, "make_backup", "backup-start", "backup-done"),  # where the backend finds it
        (opening, "backup_before_migration", "format-backup-start", "format-backup-done"),
    ):
        original = getattr(module, name, None)
        if original is None:
            continue

        def marked(*args, _original=original, _before=before, _after=after, **kwargs):
            emit(event=_before)
            started = time.monotonic()
            result = _original(*args, **kwargs)
            emit(event=_after, seconds=round(time.monotonic() - started, 4))
            return result

        setattr(module, name, marked)


class Session:
    """What the child knows of the project; kept in step with each action's result."""

    def __init__(self, project: Project, rng: random.Random, seed: int, folder: Path | None = None,
                 server: bool = False):
        self.project = project
        self.rng = rng
        self.seed = seed
        self.folder = folder or project.path.parent
        self.server = server
        db = project.db
        self.texts = dict(db.execute("SELECT key, text FROM documents").fetchall())
        self.keys = sorted(self.texts)
        self.spans: dict[int, Span] = {}
        for row in db.execute(
            'SELECT s.id, s.document, l.name, s.start, s."end", s.label, s.attrs '
            "FROM spans s JOIN layers l ON l.id = s.layer"
        ):
            self.spans[row[0]] = Span(*row[:6], json.loads(row[6]))
        self.relations: dict[int, Relation] = {
            row[0]: Relation(*row)
            for row in db.execute(
                "SELECT r.id, r.document, l.name, r.type, r.head, r.child "
                "FROM relations r JOIN layers l ON l.id = r.layer"
            )
        }
        self.undo: list[tuple[Span, tuple[Relation, ...]]] = []
        self.listing: DocumentListing | None = None  # the window's document list, kept across actions
        self.checkouts: dict[str, list[str]] = {}  # checked-out file: the ids of the documents edited there

    # -- choosing ------------------------------------------------------------------

    def next_action(self):
        weights = {
            self.add_span: 28, self.update_span: 12, self.delete_span: 8, self.restore_span: 4,
            self.add_relation: 12, self.delete_relation: 4, self.set_status: 8,
            self.import_batch: 6, self.export: 7, self.checkpoint: 4, self.checkout: 3, self.checkin: 8,
            self.list_documents: 0,
        }
        if not self.checkouts:
            weights[self.checkin] = 0
        if self.server:  # file things: a server has no WAL to checkpoint, and no check-outs
            weights[self.checkpoint] = weights[self.checkout] = weights[self.checkin] = 0
            weights[self.list_documents] = 6  # a cached list read again after a reconnect
        if not self.spans:
            weights[self.update_span] = weights[self.delete_span] = 0
        if not self.relations:
            weights[self.delete_relation] = 0
        if not self.undo:
            weights[self.restore_span] = 0
        return self.rng.choices(list(weights), list(weights.values()))[0]

    def attrs_for(self, label: str) -> dict:
        if label == "CLAIM" and self.rng.random() < 0.8:
            return {"stance": self.rng.choice(STANCES)}
        if label == "SPEAKER" and self.rng.random() < 0.7:
            return {"entity": self.rng.choice(ENTITIES)}
        return {}

    def pick_span(self, label: str | None = None) -> Span | None:
        candidates = [s for s in self.spans.values() if label is None or s.label == label]
        return self.rng.choice(sorted(candidates, key=lambda s: s.id)) if candidates else None

    # -- actions: each returns (intent, call, describe) ------------------------------

    def add_span(self):
        document = self.rng.choice(self.keys[:4] if self.rng.random() < 0.6 else self.keys)
        text = self.texts[document]
        bounds = words(text)
        first = self.rng.randrange(len(bounds))
        last = min(len(bounds) - 1, first + self.rng.randint(0, 3))
        start, end = bounds[first][0], bounds[last][1]
        if self.rng.random() < 0.06:  # an offset inside a letter and its harakat: refused
            inside = [o for o in range(start + 1, end) if not is_grapheme_boundary(text, o)]
            if inside:
                start = self.rng.choice(inside)
        label = self.rng.choice(("SPEAKER", "CLAIM", "CLAIM", "TARGET"))
        args = {"document": document, "layer": self.rng.choice(LAYERS), "start": start,
                "end": end, "label": label, "attrs": self.attrs_for(label)}

        def call():
            span = self.project.add_span(**args).spans_added[0]
            self.spans[span.id] = span
            return {"span": span_dict(span)}

        return args, call

    def update_span(self):
        span = self.pick_span()
        label = span.label
        if self.rng.random() < 0.25:
            label = self.rng.choice([x for x in ("SPEAKER", "CLAIM", "TARGET") if x != span.label])
        args = {"span": span.id, "label": label, "attrs": self.attrs_for(label)}

        def call():
            new = self.project.update_span(span.id, label=label, attrs=args["attrs"]).spans_changed[0]
            self.spans[new.id] = new
            return {"span": span_dict(new)}

        return args, call

    def delete_span(self):
        span = self.pick_span()

        def call():
            changes = self.project.delete_span(span.id)
            del self.spans[span.id]
            for relation in changes.relations_removed:
                self.relations.pop(relation.id, None)
            self.undo.append((span, changes.relations_removed))
            return {"span": span.id, "relations": [r.id for r in changes.relations_removed]}

        return {"span": span.id}, call

    def restore_span(self):
        span, relations = self.undo.pop(self.rng.randrange(len(self.undo)))
        args = {"span": span_dict(span), "relations": [relation_dict(r) for r in relations]}

        def call():
            self.project.restore_span(span, relations)
            self.spans[span.id] = span
            self.relations.update({r.id: r for r in relations})
            return args

        return args, call

    def add_relation(self):
        roll = self.rng.random()
        if roll < 0.75:
            type_, wanted = "SAID_BY", "SPEAKER"
        elif roll < 0.92:
            type_, wanted = "ABOUT", "TARGET"
        else:
            type_, wanted = "SAID_BY", "CLAIM"  # refused: a claim is not a speaker
        head = self.pick_span("CLAIM")
        children = [s for s in self.spans.values() if head is not None and s.label == wanted
                    and s.document == head.document and s.layer == head.layer and s.id != head.id]
        if head is None or not children:
            return self.add_span()
        child = self.rng.choice(sorted(children, key=lambda s: s.id))
        args = {"type": type_, "head": head.id, "child": child.id}

        def call():
            relation = self.project.add_relation(type_, head.id, child.id).relations_added[0]
            self.relations[relation.id] = relation
            return {"relation": relation_dict(relation)}

        return args, call

    def delete_relation(self):
        relation = self.rng.choice(sorted(self.relations.values(), key=lambda r: r.id))

        def call():
            self.project.delete_relation(relation.id)
            del self.relations[relation.id]
            return {"relation": relation.id}

        return {"relation": relation.id}, call

    def set_status(self):
        args = {"document": self.rng.choice(self.keys), "layer": self.rng.choice(LAYERS),
                "status": self.rng.choice(STATUSES)}

        def call():
            self.project.set_status(**args)
            return dict(args)

        return args, call

    def import_batch(self):
        roll = self.rng.random()
        count, size = (self.rng.randint(1, 3), 30) if roll < 0.6 else (
            (self.rng.randint(10, 30), 60) if roll < 0.92 else (self.rng.randint(80, 150), 200))
        poisoned = self.rng.random() < 0.1
        folder = self.folder / "batches"
        folder.mkdir(exist_ok=True)
        path = folder / f"batch-{self.seed}-{self.n}.jsonl"
        lines = []
        for i in range(count):
            tag = f"{self.seed}-{self.n}-{i}"
            text = make_text(self.rng, tag, self.rng.randint(size // 2, size))
            record = {"id": f"crash-{tag}", "text": text, "meta": {"batch": path.name, "i": i}}
            if self.rng.random() < 0.4:
                record.update(self.annotated(text))
            lines.append(record)
        if poisoned:  # the last record reuses a document id: the whole import is refused
            lines[-1]["id"] = self.project.document(self.rng.choice(self.keys)).id
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            for record in lines:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        args = {"file": str(path), "records": count, "poisoned": poisoned}
        n = self.n

        def counted(records):
            for number, record in enumerate(records, 1):
                emit(n=n, progress=number)
                yield record

        def call():
            report = import_documents(self.project, counted(read_jsonl(path)))
            return self.after_commit(lambda: self.describe_import(path, report.added))

        return args, call

    def annotated(self, text: str) -> dict:
        """A layer for an imported record: word-aligned spans, a SAID_BY and a status."""
        bounds = words(text)
        spans = []
        for number, (start, end) in enumerate(self.rng.sample(bounds, min(len(bounds), 3)), 1):
            label = ("CLAIM", "SPEAKER", "TARGET")[number - 1]
            spans.append({"id": number, "start": start, "end": end, "label": label,
                          "text": text[start:end], "attrs": self.attrs_for(label)})
        record = {"layer": self.rng.choice(LAYERS), "spans": spans,
                  "status": self.rng.choice((None, "in_progress", "done"))}
        if len(spans) >= 2:
            record["relations"] = [{"type": "SAID_BY", "head": 1, "child": 2}]
        return record

    def describe_import(self, path: Path, added: list[str]) -> dict:
        """Everything the import stored, read back after it committed."""
        documents, spans, relations, statuses = [], [], [], []
        for doc_id in added:
            document = self.project.document_by_id(doc_id)
            documents.append({"key": document.key, "id": document.id, "sha": document.text_sha256})
            if document.key not in self.texts:  # read again after a refused read: once
                self.keys.append(document.key)
            self.texts[document.key] = document.text
            for layer in self.project.layers_of(document.key):
                for span in self.project.spans(document.key, layer):
                    spans.append(span_dict(span))
                    self.spans[span.id] = span
                for relation in self.project.relations(document.key, layer):
                    relations.append(relation_dict(relation))
                    self.relations[relation.id] = relation
                statuses.append([document.key, layer, self.project.status(document.key, layer)])
        return {"file": str(path), "documents": documents, "spans": spans,
                "relations": relations, "statuses": statuses}

    def export(self):
        name = self.rng.choice(sorted(EXPORTS))
        folder = self.folder / "exports"
        folder.mkdir(exist_ok=True)
        destination = folder / name
        n = self.n
        args = {"file": str(destination), "layer": EXPORTS[name]}

        def call():
            done = 0

            def progress(step: int) -> None:
                nonlocal done
                done += step
                emit(n=n, progress=done)

            lines = write_jsonl(self.project, destination, EXPORTS[name], progress=progress)
            digest = hashlib.sha256(destination.read_bytes()).hexdigest()
            return {**args, "lines": lines, "sha256": digest}

        return args, call

    def checkout(self):
        """Check mona's layer out (every document) and work in the file: a span more on a few."""
        folder = self.folder / "checkouts"
        folder.mkdir(exist_ok=True)
        destination = folder / f"co-{self.seed}-{self.n}.sqlite"
        edits = self.rng.randint(1, 3)

        def call():
            report = check_out(self.project, "mona", destination, everything=True)
            edited = []
            with Project.open(destination, writer=True) as copy:
                for document in self.rng.sample(list(copy.documents()), min(edits, report.documents)):
                    start, end = self.rng.choice(words(document.text))
                    try:  # the check-out is stored already: a refused edit of the file must not say otherwise
                        copy.add_span(document.key, "mona", start, end, "TARGET", {})
                    except AnnotatorError:
                        continue
                    if self.rng.random() < 0.5:
                        copy.set_status(document.key, "mona", self.rng.choice(STATUSES))
                    edited.append(document.id)
            self.checkouts[str(destination)] = edited
            return {"file": str(destination), "token": report.token}

        return {"file": str(destination)}, call

    def checkin(self):
        """Check a file of this child's back in, the file's side winning conflicts; the intent
        carries what each taken document's mona layer must be after it (nothing when the file
        was checked in already)."""
        source = self.rng.choice(sorted(self.checkouts))
        args = {"file": source, "expected": self.expected_checkin(source)}
        n = self.n

        def marked_import(*args, **kwargs):  # inside the check-in's transaction: where the parent aims
            emit(n=n, progress=1)
            return import_documents(*args, **kwargs)

        def call():
            started = time.monotonic()
            checkout_module.import_documents = marked_import
            try:
                report = check_in(self.project, source, prefer="checkout")
            finally:
                checkout_module.import_documents = import_documents
            seconds = round(time.monotonic() - started, 4)
            keys = [self.project.document_by_id(doc_id).key for doc_id in report.taken]
            gone = [s.id for s in self.spans.values() if s.layer == "mona" and s.document in keys]
            for span_id in gone:
                del self.spans[span_id]
            for relation in [r for r in self.relations.values() if r.layer == "mona" and r.document in keys]:
                del self.relations[relation.id]
            spans, relations = [], []
            for key in keys:
                for span in self.project.spans(key, "mona"):
                    self.spans[span.id] = span
                    spans.append(span_dict(span))
                for relation in self.project.relations(key, "mona"):
                    self.relations[relation.id] = relation
                    relations.append(relation_dict(relation))
            self.checkouts[source] = []
            return {**args, "documents": keys, "spans": spans, "relations": relations, "seconds": seconds,
                    "statuses": [[key, "mona", self.project.status(key, "mona")] for key in keys]}

        return args, call

    def expected_checkin(self, source: str) -> list:
        """[project key, mona's spans, links and status in the file] of each document edited there."""
        expected = []
        with Project.open(source) as copy:
            for doc_id in self.checkouts[source]:
                key = copy.document_by_id(doc_id).key
                spans = copy.spans(key, "mona")
                triples = {s.id: [s.start, s.end, s.label] for s in spans}
                expected.append([self.project.document_by_id(doc_id).key,
                                 [[s.start, s.end, s.label, s.attrs] for s in spans],
                                 [[r.type, triples[r.head], triples[r.child]] for r in copy.relations(key, "mona")],
                                 copy.status(key, "mona")])
        return expected

    def list_documents(self):
        """The document list as the window keeps it: one listing, switched between layers
        and filters (which reuses what it read while nothing changed), counted and paged."""
        args = {"layer": self.rng.choice(LAYERS), "status": self.rng.choice((None, None, "in_progress", "done"))}

        def call():
            if self.listing is None:
                self.listing = DocumentListing(self.project, args["layer"], args["status"])
            self.listing = self.listing.with_layer(args["layer"]).with_status(args["status"])
            count = self.listing.count()
            rows = self.listing.page(0, 5)
            return {**args, "count": count, "page": [row.key for row in rows]}

        return args, call

    def checkpoint(self):
        def call():
            row = self.project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            return {"checkpoint": list(row)}

        return {}, call

    def after_commit(self, read):
        """``read()``: what a committed action stored, read back. On a server that went away
        after the commit, read again until it answers (the action is not acknowledged before)."""
        while True:
            try:
                return read()
            except AnnotatorError:
                if not self.server:
                    raise
                time.sleep(0.02)

    # -- running -------------------------------------------------------------------

    def run(self, actions: int | None) -> None:
        self.n = 0
        while actions is None or self.n < actions:
            self.n += 1
            chooser = self.next_action()
            try:
                args, call = chooser()
            except AnnotatorError:  # a read to choose the arguments, on a server that is away
                if not self.server:
                    raise
                time.sleep(0.02)
                continue
            action = call.__qualname__.split(".")[1]
            emit(n=self.n, intent=action, **args)
            try:
                result = call()
            except AnnotatorError as error:  # refused by a check: nothing may have changed
                if self.server and str(error).startswith("not acknowledged:"):
                    emit(n=self.n, unacknowledged=action, error=str(error))
                    sys.stdin.readline()  # in flight: wait to be killed
                    return
                emit(n=self.n, action=action, result="refused", error=str(error))
                if self.server and str(error).startswith(("offline:", "not saved:")):
                    time.sleep(0.02)  # as a user would, before trying again
                continue
            emit(n=self.n, action=action, result="saved", **result)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project", help="a project file, or with --server a postgresql:// URL")
    parser.add_argument("seed", type=int)
    parser.add_argument("--wait", action="store_true", help="read a line from stdin before opening")
    parser.add_argument("--actions", type=int, default=None, help="stop after this many actions")
    parser.add_argument("--create", action="store_true", help="create the project instead")
    parser.add_argument("--server", action="store_true", help="PROJECT is on a server: server actions only")
    parser.add_argument("--folder", type=Path, default=None, help="where batches and exports go")
    options = parser.parse_args(argv)
    if options.server:
        return run_on_server(options)
    options.project = Path(options.project)
    instrument()
    emit(event="ready", pid=os.getpid())
    if options.wait:
        sys.stdin.readline()
    started = time.monotonic()
    emit(event="opening")
    if options.create:
        project = Project.create(options.project)
    else:
        project = Project.open(options.project, writer=True)
    version = project.db.execute("PRAGMA user_version").fetchone()[0]
    emit(event="opened", format=version, seconds=round(time.monotonic() - started, 4))
    session = Session(project, random.Random(options.seed), options.seed)
    session.run(options.actions)
    project.close()
    emit(event="closed")
    return 0


def run_on_server(options: argparse.Namespace) -> int:
    """The same session on a project on a server, which may be restarting: opening and the
    first reads are tried again until it answers."""
    from annotator.core.store import server  # noqa: F401 - psycopg, imported before the clock starts

    emit(event="ready", pid=os.getpid())
    if options.wait:
        sys.stdin.readline()
    started = time.monotonic()
    emit(event="opening")
    while True:
        project = None
        try:
            project = Project.open(options.project, writer=True)
            session = Session(project, random.Random(options.seed), options.seed, options.folder, server=True)
            break
        except AnnotatorError:
            if project is not None:
                project.close()
            time.sleep(0.02)
    emit(event="opened", format=None, seconds=round(time.monotonic() - started, 4),
         backend=project.db.conn.info.backend_pid)
    session.run(options.actions)
    project.close()
    emit(event="closed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
