"""A dataset release: one native JSONL file per split and a dataset card (README.md).

Each document goes to one split, decided only by the seed and the document id (a SHA-256
of ``f"{seed}:{id}"`` read as a number in [0, 1) and cut by the cumulative fractions): the
same seed gives the same split, and adding documents never moves the old ones. Every line
is a native record (``native_export.document_records``) of the chosen layer, so a release file is
also an ordinary native JSONL file that ``annotator import`` reads back. Offsets are
Unicode code points, end exclusive: ``text[start:end] == span["text"]``.

The card gives the schema, the counts per split, label, relation type and value of every
closed attribute (``LABEL.attribute``), the agreement figures, who contributed, the seed
and fractions, and the ``datasets`` code (with explicit ``Features``) that loads the
release. Nothing is lost: every field of the native record is kept; documents outside the
chosen layer (for ``gold``: not adjudicated) are left out and counted.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
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
from annotator.formats.common import Progress, atomic_file, check_record
from annotator.formats.native_export import GOLD_WITH_REVIEW, document_records, dumps_record

DEFAULT_SPLITS = {"train": 0.8, "dev": 0.1, "test": 0.1}
_TOLERANCE = 1e-9
_RESERVED = {"all"}  # datasets refuses a split named so


@dataclass
class ReleaseReport:
    """What a release wrote: documents per split, the files, and the documents left out."""

    documents: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    left_out: int = 0

    def summary(self) -> list[str]:
        counts = ", ".join(f"{name} {count}" for name, count in self.documents.items())
        lines = [f"released {sum(self.documents.values())} document(s): {counts}"]
        if self.left_out:
            lines.append(f"  left out {self.left_out} document(s) without the chosen layer")
        lines += [f"  wrote {path}" for path in self.files]
        return lines


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


def split_of(seed: int | str, document_id: str, splits: dict[str, float]) -> str:
    """The split of a document: depends only on the seed, its id and the fractions."""
    digest = hashlib.sha256(f"{seed}:{document_id}".encode("utf-8")).digest()
    point = int.from_bytes(digest[:8], "big") / 2**64
    cumulative = 0.0
    for name, fraction in splits.items():
        cumulative += fraction
        if point < cumulative:
            return name
    return name  # the fractions summed to a hair under 1 and the point fell in the gap


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
    left_out: int = 0

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
    complete. ``progress`` is called with 1 after each document of the project.
    """
    splits = check_splits(DEFAULT_SPLITS if splits is None else splits)
    _check_layer(project, layer)
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise AnnotatorError(f"{directory} is a file; a release needs a folder")
    directory.mkdir(parents=True, exist_ok=True)
    report = ReleaseReport(files=[directory / f"{name}.jsonl" for name in splits])
    tally = _Tally(closed=_closed_attributes(project.schema))
    with ExitStack() as stack:
        handles = {name: stack.enter_context(atomic_file(path)) for name, path in zip(splits, report.files)}
        _stream(project, layer, splits, seed, handles, tally, progress)
        card = directory / "README.md"
        with atomic_file(card) as out:
            out.write(dataset_card(project, layer, splits, seed, tally, today or date.today()))
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


def _stream(project: Project, layer: str, splits: dict[str, float], seed: int | str,
            handles: dict[str, IO[str]], tally: _Tally, progress: Progress) -> None:
    for document in project.documents():
        released = False
        for record in document_records(project, document, layer):
            check_record(record)
            split = split_of(seed, record["id"], splits)
            handles[split].write(dumps_record(record) + "\n")
            tally.add(split, record)
            released = True
        tally.left_out += not released
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
            f"Layer: {chosen}. {released} of {released + tally.left_out} documents are released; "
            f"the other {tally.left_out} have no record in that layer"
            f"{' (not adjudicated)' if layer == GOLD_LAYER else ''}.")


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
        f"Seed `{seed}`; fractions: {fractions}. A document's split depends only on the seed and "
        f"its id: SHA-256 of `\"{{seed}}:{{id}}\"`, its first 8 bytes read as a number in [0, 1), "
        "cut by the cumulative fractions. The same seed always gives the same split, and adding "
        "documents never moves the old ones. With few documents the proportions are only "
        "approximate: the counts above are the actual ones."
    )


def _loading_section(schema: Schema, splits: dict[str, float], tally: _Tally) -> str:
    files = ", ".join(f'"{name}": "{name}.jsonl"' for name in splits if tally.documents[name])
    empty = [name for name in splits if not tally.documents[name]]
    note = (f"\n\n`{'`, `'.join(empty)}` {'is' if len(empty) == 1 else 'are'} empty and left out of "
            "`data_files` (`datasets` refuses an empty split).") if empty else ""
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
}})
'''

