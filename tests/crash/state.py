"""The crash harness's picture of a project: what the file holds, the invariants it must
keep, and the replay of acknowledgements into what it should hold (tests/test_crash.py)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.ingest import text_sha256
from annotator.core.store import Project, check_span_offsets
from annotator.formats.native import read_jsonl


LOG_NAMES = {"import_batch": "import"}


class CrashCheckFailed(AssertionError):
    pass


def require(condition: bool, message: str) -> None:
    if not condition:
        raise CrashCheckFailed(message)


# -- what a project holds, as compared by the harness --------------------------------


def attrs_key(attrs) -> str:
    if isinstance(attrs, str):
        attrs = json.loads(attrs)
    return json.dumps(attrs, sort_keys=True, ensure_ascii=False)


@dataclass
class State:
    documents: dict[int, tuple[str, str]] = field(default_factory=dict)  # key: (id, sha)
    spans: dict[int, tuple] = field(default_factory=dict)  # id: (document, layer, start, end, label, attrs)
    relations: dict[int, tuple] = field(default_factory=dict)  # id: (document, layer, type, head, child)
    status: dict[tuple[int, str], str] = field(default_factory=dict)
    layers: set[str] = field(default_factory=set)
    log: int = 0
    last_log: str | None = None

    def copy(self) -> "State":
        return State(dict(self.documents), dict(self.spans), dict(self.relations),
                     dict(self.status), set(self.layers), self.log, self.last_log)

    def differences(self, other: "State", limit: int = 8) -> list[str]:
        """How ``other`` (the file) differs from self (the expectation)."""
        found = []
        for name in ("documents", "spans", "relations", "status"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for key in sorted(set(mine) | set(theirs), key=str):
                if mine.get(key) != theirs.get(key):
                    found.append(f"{name}[{key}]: expected {mine.get(key)!r}, file has {theirs.get(key)!r}")
        if self.layers != other.layers:
            found.append(f"layers: expected {sorted(self.layers)}, file has {sorted(other.layers)}")
        if (self.log, self.last_log) != (other.log, other.last_log):
            found.append(f"edit log: expected {self.log} rows ending {self.last_log!r}, "
                         f"file has {other.log} ending {other.last_log!r}")
        return found[:limit] + ([f"... {len(found) - limit} more"] if len(found) > limit else [])


def read_state(connection) -> tuple[State, dict[int, str]]:
    """What ``connection`` holds: a sqlite3 connection, or a project's ``db`` (a file's or a server's)."""
    state, texts = State(), {}
    for key, doc_id, sha, text in connection.execute("SELECT key, id, text_sha256, text FROM documents"):
        state.documents[key] = (doc_id, sha)
        texts[key] = text
    for row in connection.execute(
        'SELECT s.id, s.document, l.name, s.start, s."end", s.label, s.attrs '
        "FROM spans s LEFT JOIN layers l ON l.id = s.layer"
    ):
        state.spans[row[0]] = (*row[1:6], attrs_key(row[6]))
    for row in connection.execute(
        "SELECT r.id, r.document, l.name, r.type, r.head, r.child "
        "FROM relations r LEFT JOIN layers l ON l.id = r.layer"
    ):
        state.relations[row[0]] = tuple(row[1:])
    for document, layer, status in connection.execute(
        "SELECT ds.document, l.name, ds.status FROM document_status ds LEFT JOIN layers l ON l.id = ds.layer"
    ):
        state.status[(document, layer)] = status
    state.layers = {row[0] for row in connection.execute("SELECT name FROM layers")}
    state.log, state.last_log = connection.execute(
        "SELECT count(*), (SELECT action FROM edit_log ORDER BY id DESC LIMIT 1) FROM edit_log"
    ).fetchone()
    return state, texts


def check_invariants(project: Project, state: State, texts: dict[int, str]) -> None:
    """What must hold in any project, whatever was acknowledged: a file's own checks
    (``integrity_check``, ``foreign_key_check``), or on a server the backend's findings
    (it keeps its constraints at every commit); then the same checks of the rows."""
    db = project.db
    if isinstance(project.path, Path):
        verdict = [row[0] for row in db.execute("PRAGMA integrity_check")]
        require(verdict == ["ok"], f"integrity_check: {verdict[:5]}")
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        require(not broken, f"foreign_key_check: {broken[:5]}")
    else:
        findings = db.integrity_findings()
        require(not findings, f"integrity findings: {findings[:5]}")
    for key, (doc_id, sha) in state.documents.items():
        require(text_sha256(texts[key]) == sha, f"document {doc_id}: text does not match its SHA-256")
    for span_id, (document, layer, start, end, label, attrs) in state.spans.items():
        require(document in texts and layer is not None, f"span {span_id} has no document or layer")
        try:
            check_span_offsets(texts[document], start, end)
            project.schema.check_span(label, json.loads(attrs))
        except AnnotatorError as error:
            raise CrashCheckFailed(f"span {span_id}: {error}") from None
    for relation_id, (document, layer, type_, head, child) in state.relations.items():
        require(head in state.spans and child in state.spans,
                f"relation {relation_id} points to a missing span ({head} -> {child})")
        for end in (head, child):
            require(state.spans[end][:2] == (document, layer),
                    f"relation {relation_id} links spans of another document or layer")
        try:
            project.schema.check_relation(type_, state.spans[head][4], state.spans[child][4])
        except AnnotatorError as error:
            raise CrashCheckFailed(f"relation {relation_id}: {error}") from None
    for (document, layer), status in state.status.items():
        require(document in state.documents and layer is not None, f"status row for missing {document}/{layer}")


# -- replaying acknowledgements -------------------------------------------------------


def span_row(span: dict) -> tuple:
    return (span["document"], span["layer"], span["start"], span["end"], span["label"], attrs_key(span["attrs"]))


def relation_row(relation: dict) -> tuple:
    return (relation["document"], relation["layer"], relation["type"], relation["head"], relation["child"])


def touch(state: State, document: int, layer: str) -> None:
    state.layers.add(layer)
    if state.status.get((document, layer), "new") == "new":
        state.status[(document, layer)] = "in_progress"


def apply(state: State, ack: dict) -> None:
    """Put one saved action's described effect into ``state``; refuse impossible ones."""
    action = ack["action"]
    if action == "list_documents" and ack["result"] == "saved":
        check_listing(state, ack)
    if ack["result"] != "saved" or action in ("export", "checkpoint", "list_documents"):
        return
    if action == "add_span":
        span = ack["span"]
        require(span["id"] not in state.spans, f"add_span reused span id {span['id']}")
        state.spans[span["id"]] = span_row(span)
        touch(state, span["document"], span["layer"])
    elif action == "update_span":
        span = ack["span"]
        old = state.spans.get(span["id"])
        require(old is not None and old[:4] == span_row(span)[:4], f"update_span of unknown span {span}")
        state.spans[span["id"]] = span_row(span)
        touch(state, span["document"], span["layer"])
    elif action == "delete_span":
        span_id = ack["span"]
        require(span_id in state.spans, f"delete_span of unknown span {span_id}")
        using = {rid for rid, r in state.relations.items() if span_id in (r[3], r[4])}
        require(set(ack["relations"]) == using,
                f"delete_span {span_id} removed relations {ack['relations']}, expected {sorted(using)}")
        document, layer = state.spans.pop(span_id)[:2]
        for relation_id in using:
            del state.relations[relation_id]
        touch(state, document, layer)
    elif action == "restore_span":
        span = ack["span"]
        require(span["id"] not in state.spans, f"restore_span over existing span {span['id']}")
        state.spans[span["id"]] = span_row(span)
        for relation in ack["relations"]:
            require(relation["head"] in state.spans and relation["child"] in state.spans
                    and relation["id"] not in state.relations, f"restore_span relation {relation}")
            state.relations[relation["id"]] = relation_row(relation)
        touch(state, span["document"], span["layer"])
    elif action == "add_relation":
        relation = ack["relation"]
        require(relation["id"] not in state.relations, f"add_relation reused id {relation['id']}")
        require(relation["head"] in state.spans and relation["child"] in state.spans,
                f"add_relation to a missing span {relation}")
        state.relations[relation["id"]] = relation_row(relation)
        touch(state, relation["document"], relation["layer"])
    elif action == "delete_relation":
        require(ack["relation"] in state.relations, f"delete_relation of unknown {ack['relation']}")
        del state.relations[ack["relation"]]
    elif action == "set_status":
        state.status[(ack["document"], ack["layer"])] = ack["status"]
        state.layers.add(ack["layer"])
    elif action == "import_batch":
        apply_import(state, ack)
        if not ack["documents"]:
            return
        state.log += len(ack["relations"])  # import logs each relation it adds, then itself
    elif action == "checkin":
        apply_checkin(state, ack)
        return
    elif action == "checkout":
        pass  # the project only remembers it: one row of the edit log
    else:
        raise CrashCheckFailed(f"unknown action {action!r}")
    state.log += 1
    state.last_log = LOG_NAMES.get(action, action)


def check_listing(state: State, ack: dict) -> None:
    """A document list read: what the project held then (the acknowledgements before it)."""
    layer, status = ack["layer"], ack["status"]
    keys = sorted(key for key in state.documents
                  if status is None or state.status.get((key, layer), "new") == status)
    require(ack["count"] == len(keys) and ack["page"] == keys[:5],
            f"the document list of {layer}/{status} read {ack['count']} documents {ack['page']}, "
            f"the project held {len(keys)} {keys[:5]}")


def apply_import(state: State, ack: dict) -> None:
    """An import is the whole batch file or nothing: compare its effect with the file."""
    records = list(read_jsonl(Path(ack["file"])))
    batch = {text_sha256(r.text): r for r in records}
    stored = {d["sha"]: d for d in ack["documents"]}
    require(set(stored) == set(batch) and len(ack["documents"]) == len(records),
            f"import of {ack['file']}: {len(stored)} of its {len(records)} documents are in the file")
    by_key = {}
    for sha, document in stored.items():
        require(document["key"] not in state.documents and sha not in {s for _, s in state.documents.values()},
                f"import reused document {document}")
        require(document["id"] == batch[sha].id, f"import stored {document['id']} for {batch[sha].id}")
        state.documents[document["key"]] = (document["id"], sha)
        by_key[document["key"]] = batch[sha]
    spans = {span["id"]: span for span in ack["spans"]}
    expected_status = {}
    for key, record in by_key.items():
        layer = record.layer
        mine = [s for s in spans.values() if s["document"] == key]
        if layer is None:
            require(not mine, f"import added spans to bare record {record.id}")
            continue
        got = Counter((s["layer"], s["start"], s["end"], s["label"], attrs_key(s["attrs"])) for s in mine)
        want = Counter((layer.name, s.start, s.end, s.label, attrs_key(s.attrs)) for s in layer.spans)
        require(got == want, f"import of {record.id}: spans {dict(got)} instead of {dict(want)}")
        refs = {s.ref: (s.start, s.end, s.label) for s in layer.spans}
        got_links = Counter(
            (r["type"], tuple(spans[r["head"]][k] for k in ("start", "end", "label")),
             tuple(spans[r["child"]][k] for k in ("start", "end", "label")))
            for r in ack["relations"] if r["document"] == key
        )
        want_links = Counter((r.type, refs[r.head], refs[r.child]) for r in layer.relations)
        require(got_links == want_links, f"import of {record.id}: relations {got_links} instead of {want_links}")
        expected_status[(key, layer.name)] = layer.status or ("in_progress" if layer.spans else "new")
    statuses = {(key, layer): status for key, layer, status in ack["statuses"]}
    require(statuses == expected_status, f"import statuses {statuses} instead of {expected_status}")
    for span in spans.values():
        require(span["id"] not in state.spans, f"import reused span id {span['id']}")
        state.spans[span["id"]] = span_row(span)
        state.layers.add(span["layer"])
    for relation in ack["relations"]:
        state.relations[relation["id"]] = relation_row(relation)
    state.status.update(statuses)
    state.layers.update(layer for _, layer in statuses)


def apply_checkin(state: State, ack: dict) -> None:
    """A check-in replaces mona's layer on every document it expected to take, or on none:
    each taken document's spans, links and status must be the file's."""
    expected = {key: (spans, links, status) for key, spans, links, status in ack["expected"]}
    require(sorted(ack["documents"]) == sorted(expected),
            f"check-in of {ack['file']} took documents {sorted(ack['documents'])}, expected {sorted(expected)}")
    if not expected:
        return  # the file was checked in already: nothing changes, nothing is logged
    spans = {span["id"]: span for span in ack["spans"]}
    for key, (want_spans, want_links, want_status) in expected.items():
        mine = [s for s in spans.values() if s["document"] == key]
        got = Counter((s["start"], s["end"], s["label"], attrs_key(s["attrs"])) for s in mine)
        want = Counter((start, end, label, attrs_key(attrs)) for start, end, label, attrs in want_spans)
        require(got == want, f"check-in of document {key}: spans {dict(got)} instead of {dict(want)}")
        triple = {s["id"]: (s["start"], s["end"], s["label"]) for s in mine}
        got_links = Counter((r["type"], triple[r["head"]], triple[r["child"]])
                            for r in ack["relations"] if r["document"] == key)
        want_links = Counter((type_, tuple(head), tuple(child)) for type_, head, child in want_links)
        require(got_links == want_links, f"check-in of document {key}: links {got_links} instead of {want_links}")
        for span_id in [i for i, s in state.spans.items() if s[:2] == (key, "mona")]:
            del state.spans[span_id]
        for relation_id in [i for i, r in state.relations.items() if r[:2] == (key, "mona")]:
            del state.relations[relation_id]
        state.status.pop((key, "mona"), None)
    for span in spans.values():
        require(span["id"] not in state.spans, f"check-in reused span id {span['id']}")
        state.spans[span["id"]] = span_row(span)
    for relation in ack["relations"]:
        state.relations[relation["id"]] = relation_row(relation)
    statuses = {(key, layer): status for key, layer, status in ack["statuses"]}
    require(statuses == {(key, "mona"): status for key, (_, _, status) in expected.items()},
            f"check-in statuses {statuses}")
    state.status.update(statuses)
    state.log += len(ack["relations"]) + 2  # the import logs each link and itself; then the check-in
    state.last_log = "checkin"


def as_if_done(intent: dict, before: State, found: State) -> dict | None:
    """The acknowledgement the unacknowledged action would have printed, had it finished,
    with any new ids taken from the file; None if it cannot have changed anything."""
    kind, saved = intent["intent"], {"action": intent["intent"], "result": "saved"}
    if kind == "add_span":
        new = set(found.spans) - set(before.spans)
        if len(new) != 1:
            return None
        fields = {k: intent[k] for k in ("document", "layer", "start", "end", "label", "attrs")}
        return {**saved, "span": {"id": new.pop(), **fields}}
    if kind == "update_span":
        if intent["span"] not in before.spans:
            return None
        document, layer, start, end = before.spans[intent["span"]][:4]
        return {**saved, "span": {"id": intent["span"], "document": document, "layer": layer, "start": start,
                                  "end": end, "label": intent["label"], "attrs": intent["attrs"]}}
    if kind == "delete_span":
        using = [rid for rid, r in before.relations.items() if intent["span"] in (r[3], r[4])]
        return {**saved, "span": intent["span"], "relations": using}
    if kind == "restore_span":
        return {**saved, "span": intent["span"], "relations": intent["relations"]}
    if kind == "add_relation":
        new = set(found.relations) - set(before.relations)
        if len(new) != 1 or intent["head"] not in before.spans:
            return None
        document, layer = before.spans[intent["head"]][:2]
        return {**saved, "relation": {"id": new.pop(), "document": document, "layer": layer,
                                      "type": intent["type"], "head": intent["head"], "child": intent["child"]}}
    if kind == "delete_relation":
        return {**saved, "relation": intent["relation"]}
    if kind == "set_status":
        return {**saved, **{k: intent[k] for k in ("document", "layer", "status")}}
    if kind == "import_batch":
        keys = set(found.documents) - set(before.documents)
        return {**saved, "file": intent["file"],
                "documents": [{"key": k, "id": found.documents[k][0], "sha": found.documents[k][1]} for k in keys],
                "spans": [{"id": i, "document": s[0], "layer": s[1], "start": s[2], "end": s[3], "label": s[4],
                           "attrs": json.loads(s[5])} for i, s in found.spans.items() if s[0] in keys],
                "relations": [{"id": i, "document": r[0], "layer": r[1], "type": r[2], "head": r[3], "child": r[4]}
                              for i, r in found.relations.items() if r[0] in keys],
                "statuses": [[k, layer, s] for (k, layer), s in found.status.items() if k in keys]}
    if kind == "checkout":
        return saved
    if kind == "checkin":
        keys = {key for key, *_ in intent["expected"]}
        return {**saved, "file": intent["file"], "expected": intent["expected"], "documents": sorted(keys),
                "spans": [{"id": i, "document": s[0], "layer": s[1], "start": s[2], "end": s[3], "label": s[4],
                           "attrs": json.loads(s[5])} for i, s in found.spans.items() if s[:2] in
                          {(k, "mona") for k in keys}],
                "relations": [{"id": i, "document": r[0], "layer": r[1], "type": r[2], "head": r[3], "child": r[4]}
                              for i, r in found.relations.items() if r[:2] in {(k, "mona") for k in keys}],
                "statuses": [[k, layer, s] for (k, layer), s in found.status.items() if (k, layer) in
                             {(k, "mona") for k in keys}]}
    return None  # export, checkpoint: no change to the project file


