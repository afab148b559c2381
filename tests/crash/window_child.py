"""The window child of the crash harness: a person at the real window, until killed.

    python -m tests.crash.window_child PROJECT SEED ACTIONS

Starts ``MainWindow`` offscreen as annotator "mona" and does ACTIONS seeded random
steps a person does: label words and set a claim's stance through the window's editor,
delete a span, set a status, make a gold decision in the review window, open the
dashboard and the settings, import a text file, export through the Export dialog, back
up. Qt events are processed between steps, as the event loop would.

Each step prints two JSON lines (flushed): ``{"n": N, "intent": STEP, ...}`` before it
runs, with what it will do, and ``{"n": N, "action": STEP, "result": "saved" | "refused",
...}`` after it returned. The second line carries the step's effect on the project: the
span, relation, status and document rows it added, removed or changed, read back
through the window's own connection once the step returned. The parent
(tests/test_crash_window.py) kills this process with SIGKILL and checks that the file
holds every acknowledged effect; meanwhile it runs the command line against the same
file and watches this process's descriptors for a write-ahead log unlinked under it.

Warnings and questions print ``{"event": "warn" | "ask", ...}`` instead of waiting for a
click (a question is answered No). After ACTIONS steps it prints ``{"event": "done"}``
and waits, the project still open, for the kill or for its stdin to close.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core import adjudicate  # noqa: E402
from annotator.core.errors import AnnotatorError  # noqa: E402
from annotator.core.model import STATUSES  # noqa: E402
from annotator.core.schema import DEFAULT_SCHEMA  # noqa: E402
from annotator.core.text import is_grapheme_boundary  # noqa: E402
from annotator.ui import dialogs  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402
from annotator.ui.settings import app_settings  # noqa: E402
from tests.crash import make_text, words  # noqa: E402

STANCES = DEFAULT_SCHEMA.label("CLAIM").attribute("stance").values
from tests.crash.child import emit  # noqa: E402

ANNOTATOR = "mona"
LABELS = ("SPEAKER", "CLAIM", "CLAIM", "TARGET")
WEIGHTS = {"label_words": 26, "set_stance": 10, "delete_span": 8, "set_status": 6, "add_mid_letter": 3,
           "review": 12, "dashboard": 4, "import_text": 6, "export": 6, "back_up": 5, "settings": 4}


def process_events() -> None:
    QApplication.processEvents()


def quiet_dialogs(said: list[str]) -> None:
    """Warnings and questions become JSON lines: a modal box would wait for a click forever."""
    def warn(_parent, title: str, text: str) -> None:
        said.append(text)
        emit(event="warn", title=title, text=text)

    def ask(_parent, title: str, text: str) -> bool:
        emit(event="ask", title=title, text=text, answer="no")
        return False

    dialogs.warn = warn
    dialogs.ask = ask


# -- what the window's connection sees --------------------------------------------------


def snapshot(db) -> dict:
    """Every span, relation, status and document row, keyed as the effect lines name them."""
    spans = {row[0]: {"id": row[0], "document": row[1], "layer": row[2], "start": row[3], "end": row[4],
                      "label": row[5], "attrs": json.loads(row[6])}
             for row in db.execute('SELECT s.id, s.document, l.name, s.start, s."end", s.label, s.attrs '
                                   "FROM spans s JOIN layers l ON l.id = s.layer")}
    relations = {row[0]: {"id": row[0], "document": row[1], "layer": row[2], "type": row[3], "head": row[4],
                          "child": row[5]}
                 for row in db.execute("SELECT r.id, r.document, l.name, r.type, r.head, r.child "
                                       "FROM relations r JOIN layers l ON l.id = r.layer")}
    statuses = {(row[0], row[1]): row[2] for row in db.execute(
        "SELECT ds.document, l.name, ds.status FROM document_status ds JOIN layers l ON l.id = ds.layer")}
    documents = {row[0]: {"key": row[0], "id": row[1], "sha": row[2]}
                 for row in db.execute("SELECT key, id, text_sha256 FROM documents")}
    return {"spans": spans, "relations": relations, "statuses": statuses, "documents": documents}


def effect(before: dict, after: dict) -> dict:
    """The rows a step added, removed or changed; empty lists left out."""
    def added(kind):
        return [after[kind][k] for k in sorted(after[kind].keys() - before[kind].keys())]

    def removed(kind):
        return [before[kind][k] for k in sorted(before[kind].keys() - after[kind].keys())]

    found = {
        "spans_added": added("spans"), "spans_removed": removed("spans"),
        "spans_changed": [after["spans"][k] for k in sorted(before["spans"].keys() & after["spans"].keys())
                          if before["spans"][k] != after["spans"][k]],
        "relations_added": added("relations"), "relations_removed": removed("relations"),
        "statuses": [[*key, status] for key, status in sorted(after["statuses"].items())
                     if before["statuses"].get(key) != status],
        "documents_added": added("documents"), "documents_removed": removed("documents"),
    }
    return {name: rows for name, rows in found.items() if rows}


# -- the person at the window -----------------------------------------------------------


class WindowSession:
    """Chooses and runs the steps. Each chooser returns (step, intent arguments, run); run
    returns None when the step was saved, else what the window said when it refused."""

    def __init__(self, window: MainWindow, rng: random.Random, seed: int, folder: Path):
        self.window = window
        self.project = window.project
        self.rng = rng
        self.seed = seed
        self.folder = folder
        self.warnings: list[str] = []
        self.told: list = []  # the Changes the editor reported during the current step
        self.editor_said: list[str] = []
        window.editor.changed.connect(self.told.append)
        window.editor.message.connect(self.editor_said.append)
        quiet_dialogs(self.warnings)

    # -- helpers ------------------------------------------------------------------------

    def documents(self) -> dict[int, str]:
        return {d.key: d.id for d in self.project.documents()}

    def open_document(self, key: int) -> None:
        """Bring a document into the article, as a click in the document list does."""
        if self.window.editor.document != key:
            self.window.open_document(self.project.document(key).id)
            process_events()

    def mine(self, label: str | None = None) -> list:
        spans = [s for k in self.documents() for s in self.project.spans(k, ANNOTATOR)]
        return [s for s in spans if label is None or s.label == label]

    def through_editor(self, call) -> str | None:
        """Run an editor intent; None when the editor reported a saved change, else what it said."""
        self.editor_said.clear()
        call()
        if self.told:
            return None
        return (self.editor_said or ["the editor changed nothing"])[-1]

    # -- edits in the article -------------------------------------------------------------

    def label_words(self):
        key = self.rng.choice(sorted(self.documents()))
        self.open_document(key)
        bounds = words(self.project.document(key).text)
        first = self.rng.randrange(len(bounds))
        last = min(len(bounds) - 1, first + self.rng.randint(0, 3))
        self.window.article.select_range(bounds[first][0], bounds[last][1])
        start, end = self.window.article.selected_range()
        label = self.rng.choice(LABELS)
        args = {"document": key, "layer": ANNOTATOR, "start": start, "end": end, "label": label}
        return "label_words", args, lambda: self.through_editor(lambda: self.window.editor.label_selection(label))

    def set_stance(self):
        claims = self.mine("CLAIM")
        if not claims:
            return self.label_words()
        span = self.rng.choice(sorted(claims, key=lambda s: s.id))
        self.open_document(span.document)
        choices = [s for s in STANCES if s != span.attrs.get("stance")]
        stance = "MAYBE" if self.rng.random() < 0.08 else self.rng.choice(choices)  # MAYBE: refused
        args = {"span": span.id, "document": span.document, "stance": stance}
        return "set_stance", args, lambda: self.through_editor(
            lambda: self.window.editor.set_attribute(span.id, "stance", stance))

    def delete_span(self):
        spans = self.mine()
        if not spans:
            return self.label_words()
        span = self.rng.choice(sorted(spans, key=lambda s: s.id))
        self.open_document(span.document)

        def run():
            self.window.editor.select(span.id)
            return self.through_editor(self.window.editor.delete_selected)

        return "delete_span", {"span": span.id, "document": span.document}, run

    def set_status(self):
        key = self.rng.choice(sorted(self.documents()))
        self.open_document(key)
        status = self.rng.choice([s for s in STATUSES if s != self.project.status(key, ANNOTATOR)])
        args = {"document": key, "layer": ANNOTATOR, "status": status}
        return "set_status", args, lambda: self.through_editor(lambda: self.window.editor.set_status(status))

    def add_mid_letter(self):
        """A span starting between a letter and its harakat, through the window's project: refused."""
        key = self.rng.choice(sorted(self.documents()))
        text = self.project.document(key).text
        inside = [o for o in range(1, len(text)) if not is_grapheme_boundary(text, o)]
        if not inside:
            return self.label_words()
        start = self.rng.choice(inside)
        end = next((e for _, e in words(text) if e > start), len(text))
        args = {"document": key, "layer": ANNOTATOR, "start": start, "end": end, "label": "TARGET"}

        def run():
            try:
                self.project.add_span(key, ANNOTATOR, start, end, "TARGET")
            except AnnotatorError as error:
                return str(error)
            return None

        return "add_mid_letter", args, run

    # -- the other windows and dialogs ----------------------------------------------------

    def review(self):
        """Open the review window on a document, make one gold decision in it, close it."""
        keys = sorted(self.documents())
        annotated = [k for k in keys if adjudicate.annotator_layers(self.project, k)]
        key = self.rng.choice(annotated if annotated and self.rng.random() < 0.85 else keys)
        units = adjudicate.line_up(self.project, key) if key in annotated else []
        decision, unit, layer, gold = self.choose_decision(units)
        args = {"document": key, "decision": decision, "unit": unit.key if unit else None, "layer": layer,
                "gold": [[s.start, s.end, s.label, s.attrs] for s in gold]}
        return "review", args, lambda: self.decide(key, decision, unit, layer)

    def choose_decision(self, units: list) -> tuple:
        """Accept the agreed units, or pick one layer's version of any unit (a settled unit, or
        a layer with no single span there, is refused), with the gold spans it would add."""
        agreed = [u for u in units if u.agreed and u.settled is None and len(u.layers) > 1]
        if agreed and self.rng.random() < 0.5:
            return "accept_agreed", None, None, [u.versions[0].span for u in agreed]
        if not units:
            return "pick", None, None, []
        unit = self.rng.choice(units)
        layer = self.rng.choice(unit.layers)
        chosen = [v.span for v in unit.versions if v.layer == layer]
        return "pick", unit, layer, chosen if unit.settled is None and len(chosen) == 1 else []

    def decide(self, key: int, decision: str, unit, layer: str | None) -> str | None:
        review = self.window.open_review(self.project.document(key).id)
        process_events()
        decided = review.undo_stack.count()
        if decision == "accept_agreed":
            review.decisions.accept_agreed()
        elif unit is not None:
            review.go_to_unit(unit.key)
            review.decisions.pick(layer)
        process_events()
        said = review.statusBar().currentMessage() or "no decision was made"
        refused = review.undo_stack.count() == decided
        review.close()
        process_events()
        return said if refused else None

    def dashboard(self):
        def run():
            board = self.window.open_dashboard()
            process_events()
            board.close()
            return None

        return "dashboard", {}, run

    def settings(self):
        size, accept = self.rng.randint(12, 22), self.rng.random() < 0.6

        def run():
            dialog = self.window.open_settings()
            process_events()
            dialog.font_size.setValue(size)
            dialog.accept() if accept else dialog.reject()
            return None

        return "settings", {"font_size": size, "accept": accept}, run

    def import_text(self):
        """A text file of our own made-up Arabic news; now and then an empty one (refused)."""
        folder = self.folder / "imports"
        folder.mkdir(exist_ok=True)
        path = folder / f"window-{self.seed}-{self.n}.txt"
        empty = self.rng.random() < 0.1
        text = "" if empty else make_text(self.rng, f"{self.seed}{self.n}", self.rng.randint(15, 60))
        path.write_text(text, encoding="utf-8")

        def run():
            self.warnings.clear()
            if self.window.import_annotations(str(path)):
                return None
            return (self.warnings or ["nothing imported"])[-1]

        return "import_text", {"file": str(path), "id": path.stem, "empty": empty}, run

    def export(self):
        folder = self.folder / "exports"
        folder.mkdir(exist_ok=True)
        destination = folder / f"window-{self.n}.jsonl"

        def run():
            dialog = self.window.export()
            process_events()
            dialog.destination.setText(str(destination))
            done = dialog.run_export()
            said = dialog.summary.toPlainText()
            dialog.close()
            return None if done else said

        return "export", {"file": str(destination)}, run

    def back_up(self):
        def run():
            self.warnings.clear()
            self.made = self.window.back_up()
            return None if self.made is not None else (self.warnings or ["no backup made"])[-1]

        return "back_up", {}, run

    # -- running -------------------------------------------------------------------------

    def run(self, actions: int) -> None:
        for self.n in range(1, actions + 1):
            chosen = self.rng.choices(list(WEIGHTS), list(WEIGHTS.values()))[0]
            name, args, run = getattr(self, chosen)()
            before = snapshot(self.project.db)
            self.told.clear()
            emit(n=self.n, intent=name, **args)
            error = run()
            process_events()
            changed = effect(before, snapshot(self.project.db))
            outcome = {"result": "saved"} if error is None else {"result": "refused", "error": error}
            emit(n=self.n, action=name, **outcome, **changed, **self.extra(name, args, error))

    def reported(self) -> dict:
        """The ids the editor told the views it saved, to hold against the rows read back."""
        if not self.told:
            return {}
        kinds = ("spans_added", "spans_removed", "spans_changed", "relations_added", "relations_removed")
        return {"reported": {kind: sorted(row.id for changes in self.told for row in getattr(changes, kind))
                             for kind in kinds}}

    def extra(self, name: str, args: dict, error: str | None) -> dict:
        """What the editor reported, and what a step made outside the project: the export's
        bytes, the backup's name."""
        if error is not None:
            return {}
        if self.told:
            return self.reported()
        if name == "export":
            data = Path(args["file"]).read_bytes()
            return {"file": args["file"], "sha256": hashlib.sha256(data).hexdigest(), "lines": data.count(b"\n")}
        if name == "back_up":
            return {"backup": str(self.made)}
        return {}


def main(argv: list[str] | None = None) -> int:
    project, seed, actions = (argv or sys.argv[1:])[:3]
    app_settings().setValue("annotator", ANNOTATOR)  # the name given at first start (confirm_annotator)
    window = MainWindow(project, annotator=ANNOTATOR)
    window.show()
    process_events()
    emit(event="pid", pid=os.getpid())
    emit(event="ready")
    session = WindowSession(window, random.Random(int(seed)), int(seed), Path(project).parent)
    session.run(int(actions))
    emit(event="done")
    sys.stdin.read()  # the project stays open until the kill, or until the parent goes
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
