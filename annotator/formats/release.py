"""A dataset release: one native JSONL file per split and a dataset card (README.md).

Each split gets its share of the released documents to within one (largest remainder);
which documents go where is drawn by the seed and the document ids (``assign_splits``), so
that the same documents and seed give the same split and adding documents moves few of
the old ones. A release with no document is refused (``NothingToRelease``). Every line
is a native record (``native_export.document_records``) of the chosen layer, so a release file is
also an ordinary native JSONL file that ``annotator import`` reads back. Offsets are
Unicode code points, end exclusive: ``text[start:end] == span["text"]``.

The card gives the schema, the counts per split, label, relation type and value of every
closed attribute (``LABEL.attribute``), the agreement figures, who contributed, the seed
and fractions, and the ``datasets`` code (with explicit ``Features``) that loads the
release. Nothing is lost: every field of the native record is kept; documents outside the
chosen layer (for ``gold``: not adjudicated) are left out and counted by why.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from annotator.core.agreement import project_agreement
from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD_LAYER
from annotator.core.schema import Attribute, Schema
from annotator.core.store import Project
from annotator.core.store.rows import RowsByDocument
from annotator.formats import release_document_labels
from annotator.formats.common import Progress, atomic_file, check_record
from annotator.formats.native_export import GOLD_WITH_REVIEW, document_records, dumps_record

DEFAULT_SPLITS = {"train": 0.8, "dev": 0.1, "test": 0.1}
_TOLERANCE = 1e-9
_RESERVED = {"all"}  # datasets refuses a split named so
# Why a document is left out of a release of gold (of an annotator's layer: "without a layer by NAME").
NO_GOLD = "without a gold layer"
NOT_ADJUDICATED = "with gold not yet adjudicated"


@dataclass
class ReleaseReport:
    """What a release wrote: documents per split, the files, and the documents left out,
    counted by why."""

    documents: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)

    def summary(self) -> list[str]:
        counts = ", ".join(f"{name} {count}" for name, count in self.documents.items())
        lines = [f"released {sum(self.documents.values())} document(s): {counts}"]
        if self.left_out:
            lines.append(f"  left out {sum(self.left_out.values())} document(s): {reasons(self.left_out)}")
        empty = [name for name, count in self.documents.items() if not count]
        if empty:
            lines.append(f"  {', '.join(empty)}: no document fell in {'it' if len(empty) == 1 else 'them'} "
                         f"(too few documents for the shares asked); no file written")
        lines += [f"  wrote {path}" for path in self.files]
        return lines


def reasons(left_out: dict[str, int]) -> str:
    """``{"without a gold layer": 12, ...}`` -> ``"12 without a gold layer, ..."``."""
    return ", ".join(f"{count} {reason}" for reason, count in left_out.items())


class NothingToRelease(AnnotatorError):
    """No document has a record in the chosen layer. Nothing is written: empty split files
    are no dataset (``datasets`` cannot load them)."""

    def __init__(self, layer: str, documents: int, left_out: dict[str, int]):
        self.layer = layer
        self.documents = documents
        self.left_out = dict(left_out)
        super().__init__(f"nothing to release: {self.facts()}; {self._remedy()}")

    def _remedy(self) -> str:
        if self.layer == GOLD_LAYER and self.in_review:
            return "mark documents adjudicated in the review window, or release the gold still in review (gold+review)"
        if self.layer in (GOLD_LAYER, GOLD_WITH_REVIEW):
            return "build gold in the review window"
        return "choose another layer"

    @property
    def in_review(self) -> int:
        """Documents with gold that is not adjudicated yet."""
        return self.left_out.get(NOT_ADJUDICATED, 0)

    def facts(self) -> str:
        if not self.documents:
            return "the project has no documents"
        chosen = {GOLD_LAYER: "is adjudicated", GOLD_WITH_REVIEW: "has a gold layer"}.get(
            self.layer, f"has a layer by {self.layer}")
        return f"none of the {self.documents} document(s) {chosen} ({reasons(self.left_out)})"


# -- splits ----------------------------------------------------------------------------


def parse_splits(text: str) -> dict[str, float]:
    """``"train=0.8,dev=0.1,test=0.1"`` -> ``{"train": 0.8, ...}``, checked."""
    splits: dict[str, float] = {}
    for part in text.split(","):
        name, equals, value = part.partition("=")
        name = name.strip()
        if not equals:
            raise AnnotatorError(f"split {part.strip()!r} has no fraction; write name=fraction, "
                                 "e.g. train=0.8,dev=0.1,test=0.1")
        if name in splits:
            raise AnnotatorError(f"split {name!r} is given twice")
        try:
            splits[name] = float(value)
        except ValueError:
            raise AnnotatorError(f"the fraction of split {name!r} is {value.strip()!r}, not a number") from None
    return check_splits(splits)


def check_splits(splits: dict[str, float]) -> dict[str, float]:
    """Refuse split names that are not identifiers and fractions that are not positive or
    do not sum to 1."""
    if not splits:
        raise AnnotatorError("no splits given; e.g. train=0.8,dev=0.1,test=0.1")
    for name, fraction in splits.items():
        if not isinstance(name, str) or not name.isidentifier() or name in _RESERVED:
            raise AnnotatorError(f"split name {name!r} must be an identifier (letters, digits, _) "
                                 f"other than {', '.join(sorted(_RESERVED))}")
        if isinstance(fraction, bool) or not isinstance(fraction, (int, float)) or not fraction > 0:
            raise AnnotatorError(f"the fraction of split {name!r} must be a positive number, not {fraction!r}")
    total = sum(splits.values())
    if abs(total - 1) > _TOLERANCE:
        raise AnnotatorError(f"the split fractions sum to {total:g}, not 1")
    return dict(splits)


def split_counts(total: int, splits: dict[str, float]) -> dict[str, int]:
    """How many of ``total`` documents each split gets: ``total * fraction`` rounded down,
    and the documents still unplaced one each to the splits with the largest remainders
    (the first named on a tie), so that every count is within one of its share."""
    whole = sum(splits.values())
    shares = {name: total * fraction / whole for name, fraction in splits.items()}
    counts = {name: math.floor(share) for name, share in shares.items()}
    by_remainder = sorted(splits, key=lambda name: counts[name] - shares[name])  # stable: ties keep order
    for name in by_remainder[:total - sum(counts.values())]:
        counts[name] += 1
    return counts


def draw_point(seed: int | str, document_id: str) -> float:
    """Where the seed puts a document in [0, 1): the first 8 bytes of the SHA-256 of
    ``f"{seed}:{id}"``. It depends on nothing else."""
    digest = hashlib.sha256(f"{seed}:{document_id}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign_splits(ids: Iterable[str], splits: dict[str, float], seed: int | str) -> dict[str, str]:
    """Each document's split: the documents in the order of their points (``draw_point``),
    the first ``split_counts`` of them to the first split, the next to the second, and so
    on. A document's split is thus the one its point falls in, cut at the fractions, except
    near a cut, where the counts decide; and adding ``k`` documents moves at most
    ``moved_bound(k, splits)`` of the others (each cut shifts by at most that many)."""
    order = sorted(set(ids), key=lambda document_id: (draw_point(seed, document_id), document_id))
    assignment: dict[str, str] = {}
    start = 0
    for name, count in split_counts(len(order), splits).items():
        assignment.update(dict.fromkeys(order[start:start + count], name))
        start += count
    return assignment


def moved_bound(added: int, splits: dict[str, float]) -> int:
    """The most documents already released that adding ``added`` documents can move to
    another split: each cut ``j`` (of ``m - 1``) moves at most ``added + 2 * min(j, m - j) - 1``
    of them (the new documents take up to ``added`` places on one side of it, and rounding
    shifts it by less than ``min(j, m - j)`` before and after); with three splits, ``2 * added + 2``."""
    cuts = len(splits) - 1
    return 0 if not added else sum(added + 2 * min(j, cuts + 1 - j) - 1 for j in range(1, cuts + 1))


# -- writing ---------------------------------------------------------------------------


NO_VALUE = "(none)"  # a span without a value of a closed attribute, in the card's counts


@dataclass
class _Tally:
    """What the card reports, counted while the records stream past. ``closed`` names the
    closed attributes of each label; ``values`` counts them per ``LABEL.attribute`` and split."""

    closed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    documents: Counter[str] = field(default_factory=Counter)
    spans: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    relations: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    values: dict[str, dict[str, Counter[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Counter)))
    layers: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    decisions: Counter[str] = field(default_factory=Counter)
    left_out: dict[str, int] = field(default_factory=dict)
    document_labels: tuple = ()  # the schema's (``Schema.document_labels``), counted in ``values``

    def add(self, split: str, record: dict[str, Any]) -> None:
        self.documents[split] += 1
        self.layers[record["layer"]] += 1
        for span in record["spans"]:
            self.spans[split][span["label"]] += 1
            for name in self.closed.get(span["label"], ()):
                self.values[f"{span['label']}.{name}"][split][span["attrs"].get(name) or NO_VALUE] += 1
            origin = span.get("provenance")
            if origin:
                self.decisions[origin.get("decision") or "(unknown)"] += 1
                for source in origin.get("sources") or ():
                    self.sources[source] += 1
        for relation in record["relations"]:
            self.relations[split][relation["type"]] += 1
        release_document_labels.count(self.values, split, record, self.document_labels)


def write_release(
    project: Project,
    directory: str | Path,
    layer: str = GOLD_LAYER,
    splits: dict[str, float] | None = None,
    seed: int | str = 0,
    progress: Progress = None,
    today: date | None = None,
) -> ReleaseReport:
    """Write ``<split>.jsonl`` for every split and ``README.md`` into ``directory``.

    Every file is written under a temporary name and renamed only when all of them are
    complete. ``progress`` is called with 1 after each document of the project. A release
    with no document raises ``NothingToRelease`` before anything is written.
    """
    splits = check_splits(DEFAULT_SPLITS if splits is None else splits)
    _check_layer(project, layer)
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise AnnotatorError(f"{directory} is a file; a release needs a folder")
    released, left_out = released_documents(project, layer)
    if not released:
        raise NothingToRelease(layer, sum(left_out.values()), left_out)
    directory.mkdir(parents=True, exist_ok=True)
    assignment = assign_splits(released, splits, seed)
    # A split no document falls in gets no file (`datasets` cannot load an empty one),
    # and a file of that name left by an earlier release goes, so none misleads.
    filled = [name for name in splits if name in set(assignment.values())]
    report = ReleaseReport(files=[directory / f"{name}.jsonl" for name in filled])
    tally = _Tally(closed=_closed_attributes(project.schema), left_out=left_out,
                   document_labels=project.schema.document_labels)
    with ExitStack() as stack:
        handles = {name: stack.enter_context(atomic_file(path)) for name, path in zip(filled, report.files)}
        _stream(project, layer, assignment, handles, tally, progress)
        card = directory / "README.md"
        with atomic_file(card) as out:
            out.write(dataset_card(project, layer, splits, seed, tally, today or date.today()))
    for name in splits:
        if name not in filled:
            (directory / f"{name}.jsonl").unlink(missing_ok=True)
    report.files.append(card)
    report.documents = {name: tally.documents[name] for name in splits}
    report.left_out = tally.left_out
    return report


def _closed_attributes(schema: Schema) -> dict[str, tuple[str, ...]]:
    closed: dict[str, tuple[str, ...]] = {}
    for label, attribute in schema.closed_attributes():
        closed[label.name] = (*closed.get(label.name, ()), attribute.name)
    return closed


def _check_layer(project: Project, layer: str) -> None:
    if layer in (GOLD_LAYER, GOLD_WITH_REVIEW) or layer in project.layer_names():
        return
    known = ", ".join([GOLD_LAYER, GOLD_WITH_REVIEW, *(n for n in project.layer_names() if n != GOLD_LAYER)])
    raise AnnotatorError(f"there is no layer {layer!r} to release; choose one of: {known}")


def released_documents(project: Project, layer: str) -> tuple[list[str], dict[str, int]]:
    """The ids of the documents with a record in ``layer`` (as ``document_records`` selects
    them: a layer touched a document when it has spans or a status there; ``gold`` also
    needs the status done), and the others counted by why they are left out."""
    wanted = GOLD_LAYER if layer == GOLD_WITH_REVIEW else layer
    spans, statuses = RowsByDocument(project, "spans", wanted), RowsByDocument(project, "statuses", wanted)
    released: list[str] = []
    left_out: Counter[str] = Counter()
    absent = NO_GOLD if wanted == GOLD_LAYER else f"without a layer by {layer}"
    for document in project.documents():
        rows, has_spans = statuses.take(document.key).get(wanted), bool(spans.take(document.key))
        status = rows[0][2] if rows else None
        if status is None and not has_spans:
            left_out[absent] += 1
        elif layer == GOLD_LAYER and status != "done":
            left_out[NOT_ADJUDICATED] += 1
        else:
            released.append(document.id)
    return released, dict(sorted(left_out.items(), key=lambda item: (-item[1], item[0])))


def _stream(project: Project, layer: str, assignment: dict[str, str], handles: dict[str, IO[str]],
            tally: _Tally, progress: Progress) -> None:
    for document in project.documents():
        for record in document_records(project, document, layer):
            check_record(record)
            split = assignment[record["id"]]
            handles[split].write(dumps_record(record) + "\n")
            tally.add(split, record)
        if progress:
            progress(1)


# -- the dataset card ------------------------------------------------------------------


def dataset_card(project: Project, layer: str, splits: dict[str, float], seed: int | str,
                 tally: _Tally, day: date) -> str:
    sections = [
        _heading(project, layer, tally, day),
        _schema_section(project.schema),
        _offsets_section(),
        _counts_section(project.schema, splits, tally),
        *filter(None, [release_document_labels.section(project, splits, tally.values)]),
        _agreement_section(project),
        _contributors_section(layer, tally),
        _split_section(splits, seed),
        _loading_section(project.schema, splits, tally),
    ]
    return "\n\n".join(sections) + "\n"


def _heading(project: Project, layer: str, tally: _Tally, day: date) -> str:
    released = sum(tally.documents.values())
    chosen = {GOLD_LAYER: "gold (adjudicated documents only)",
              GOLD_WITH_REVIEW: "gold, adjudicated and still in review"}.get(layer, f"annotator layer {layer!r}")
    return (f"# {project.path.stem}\n\n"
            f"Released {day.isoformat()} from the Annotator project `{project.path.name}`.\n"
            f"Layer: {chosen}. {released} of {released + sum(tally.left_out.values())} documents are released"
            + (f"; left out: {reasons(tally.left_out)}." if tally.left_out else "."))


def _schema_section(schema: Schema) -> str:
    lines = ["## Schema", "", "| label | meaning | attributes |", "| --- | --- | --- |"]
    for label in schema.labels:
        attributes = "; ".join(
            f"`{a.name}`: {', '.join(f'`{v}`' for v in a.values) if a.values else 'free text'}"
            f"{' (' + a.help + ')' if a.help else ''}"
            for a in label.attributes
        ) or "none"
        lines.append(f"| `{label.name}` | {_cell(label.help)} | {_cell(attributes)} |")
    lines += ["", "| relation | from | to | meaning |", "| --- | --- | --- | --- |"]
    lines += [f"| `{r.name}` | `{r.head}` | `{r.child}` | {_cell(r.help)} |" for r in schema.relations]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _offsets_section() -> str:
    return (
        "## Records and offsets\n\n"
        "One JSON object per line and document (the native Annotator JSONL record): `id`, `title`, "
        "`text`, `meta`, `text_sha256`, optional `source`, `url`, `published`, `layer`, `status`, "
        "`spans` (`id`, `start`, `end`, `label`, `text`, `attrs`, and on gold spans `provenance`) and "
        "`relations` (`id`, `type`, `head`, `child`: span ids of the same line).\n\n"
        "Offsets are **Unicode code points** (Python `str` indices, not bytes, not UTF-16 units), "
        "end exclusive: `text[start:end] == span[\"text\"]` holds for every span. `attrs` holds only "
        "the attributes a span has: one it was not given has no key."
    )


def _counts_section(schema: Schema, splits: dict[str, float], tally: _Tally) -> str:
    labels = _names([label.name for label in schema.labels], tally.spans)
    types = _names([relation.name for relation in schema.relations], tally.relations)
    header = ["split", "documents", *labels, *types]
    rows = [[name, tally.documents[name], *(tally.spans[name][x] for x in labels),
             *(tally.relations[name][x] for x in types)] for name in splits]
    rows.append(["total", sum(tally.documents.values()),
                 *(sum(tally.spans[n][x] for n in splits) for x in labels),
                 *(sum(tally.relations[n][x] for n in splits) for x in types)])
    counts = "## Counts\n\nDocuments, spans per label and relations per type:\n\n" + _table(header, rows)
    values = [_values_table(label.name, attribute, splits, tally) for label, attribute in schema.closed_attributes()]
    return "\n\n".join([counts, *values])


def _values_table(label: str, attribute: Attribute, splits: dict[str, float], tally: _Tally) -> str:
    """How often each value of a closed attribute was given, per split."""
    counts = tally.values[f"{label}.{attribute.name}"]
    values = _names(list(attribute.values), counts)
    rows = [[name, *(counts[name][x] for x in values)] for name in splits]
    title = attribute.name[:1].upper() + attribute.name[1:]
    return (f"{title} of the {label} spans (`{label}.{attribute.name}`) per split "
            f"(`{NO_VALUE}`: no {attribute.name} given):\n\n" + _table(["split", *values], rows))


def _names(known: list[str], seen: dict[str, Counter[str]]) -> list[str]:
    """The schema's names, then any other name found in the records."""
    found = {name for counts in seen.values() for name in counts}
    return [*dict.fromkeys(known), *sorted(found - set(known))]


def _table(header: list[Any], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(str(h) for h in header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _agreement_section(project: Project) -> str:
    figures = project_agreement(project)
    intro = ("## Agreement\n\nInter-annotator agreement between the annotator layers "
             f"({', '.join(figures['layers']) or 'none'}), computed over the **whole project** "
             "(every document that two annotators touched, released or not).\n\n")
    if not figures["pairs"]:
        return intro + "Not available: the project has fewer than two annotator layers."
    keys, relations = list(figures["attributes"]), list(figures["relations"])
    rows = [[f"{p['a']} / {p['b']}", _figure(p["f1_exact"]), _figure(p["f1_overlap"]),
             *(_figure(p["attributes"][key]) for key in keys),
             *(f"{_figure(p['relations'][r]['agreement'])} of {p['relations'][r]['compared']}" for r in relations)]
            for p in figures["pairs"]]
    alpha_u = ", ".join(f"{label} {_figure(value)}" for label, value in figures["alpha_u"].items())
    attributes = "; ".join(f"{key}: mean kappa {_figure(v['kappa'])}, Krippendorff's alpha {_figure(v['alpha'])}"
                           for key, v in figures["attributes"].items())
    header = ["pair", "span F1 exact", "span F1 overlap", *(f"{key} kappa" for key in keys),
              *(f"{relation} agrees (of heads matched)" for relation in relations)]
    return (intro + _table(header, rows)
            + (f"\n\nAttributes: {attributes}." if attributes else "") + f"\n\nalpha_U per label: {alpha_u}.")


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _contributors_section(layer: str, tally: _Tally) -> str:
    lines = ["## Annotators", "", f"Documents per layer released: {_listing(tally.layers) or 'none'}."]
    if tally.decisions:
        lines.append(f"Gold spans taken from each annotator (from `provenance`): {_listing(tally.sources)}.")
        lines.append(f"Gold span decisions: {_listing(tally.decisions)}.")
    elif layer in (GOLD_LAYER, GOLD_WITH_REVIEW):
        lines.append("No gold span carries provenance (the gold layer was imported, not adjudicated here).")
    return "\n".join(lines)


def _listing(counts: Counter[str]) -> str:
    return ", ".join(f"`{name}` {count}" for name, count in sorted(counts.items()))


def _split_section(splits: dict[str, float], seed: int | str) -> str:
    fractions = ", ".join(f"{name} {fraction:g}" for name, fraction in splits.items())
    return (
        "## Splits\n\n"
        f"Seed `{seed}`; fractions: {fractions}. Each split holds its fraction of the released "
        "documents to within one document: the fraction times the number of documents, rounded "
        "down, and the documents left over one each to the splits with the largest remainders. "
        "Which documents they are is drawn by the seed: each document gets a point in [0, 1), the "
        f"first 8 bytes of the SHA-256 of `\"{{seed}}:{{id}}\"`, which depends on nothing else; the "
        "documents in the order of their points fill the splits in the order above. So a document "
        "goes to the split its point falls in when the fractions cut [0, 1), except near a cut, "
        "where the counts decide. The same documents and seed always give the same split, byte "
        "for byte. Adding documents moves few of the ones already released: adding k documents "
        f"moves at most {_moved_formula(splits)} of them to another split, and usually far fewer, as "
        "the new points fall on both sides of each cut."
    )


def _moved_formula(splits: dict[str, float]) -> str:
    """``moved_bound`` in words: ``"2k + 2"`` for three splits."""
    slope = len(splits) - 1
    if not slope:
        return "0"
    rest = moved_bound(1, splits) - slope
    return f"{'' if slope == 1 else slope}k + {rest}"


def _loading_section(schema: Schema, splits: dict[str, float], tally: _Tally) -> str:
    files = ", ".join(f'"{name}": "{name}.jsonl"' for name in splits if tally.documents[name])
    empty = [name for name in splits if not tally.documents[name]]
    note = (f"\n\n`{'`, `'.join(empty)}` {'is' if len(empty) == 1 else 'are'} empty: no document fell in "
            f"{'it' if len(empty) == 1 else 'them'}, so the release has no file for "
            f"{'it' if len(empty) == 1 else 'them'} (`datasets` refuses an empty split).") if empty else ""
    return (
        "## Loading with Hugging Face `datasets`\n\n"
        "Needs `datasets` 4.7 or later (tested with 5.2). `meta` differs between documents, so it "
        "is a `Json()` feature (new in 4.7); "
        "an attribute a span lacks, an optional field a record lacks, and `provenance` on non-gold "
        "spans load as `None`.\n\n"
        "```python\n"
        + features_code(schema)
        + f"\ndataset = load_dataset(\"json\", data_files={{{files}}}, features=features)\n"
        "```" + note
    )


def features_code(schema: Schema) -> str:
    """The Python code defining ``features`` for the native records of a project with
    this schema: one string field in ``attrs`` per attribute name of the schema."""
    attributes = dict.fromkeys(a.name for label in schema.labels for a in label.attributes)
    attrs = ", ".join(f'"{name}": Value("string")' for name in attributes)
    return f'''from datasets import Features, Json, List, Value, load_dataset

features = Features({{
    "id": Value("string"),
    "title": Value("string"),
    "text": Value("string"),
    "meta": Json(),
    "text_sha256": Value("string"),
    "source": Value("string"),
    "url": Value("string"),
    "published": Value("string"),
    "layer": Value("string"),
    "status": Value("string"),
    "spans": List({{
        "id": Value("int64"),
        "start": Value("int64"),
        "end": Value("int64"),
        "label": Value("string"),
        "text": Value("string"),
        "attrs": {{{attrs}}},
        "entity_id": Value("string"),
        "provenance": {{
            "decision": Value("string"),
            "sources": List(Value("string")),
            "decided_by": Value("string"),
            "decided_at": Value("string"),
            "reason": Value("string"),
        }},
    }}),
    "relations": List({{
        "id": Value("int64"),
        "type": Value("string"),
        "head": Value("int64"),
        "child": Value("int64"),
    }}),
{release_document_labels.features(schema)}}})
'''

