"""Inter-annotator agreement of a project on whatever its schema declares: span
identification and alpha_U per label, each attribute's kappa and alpha, each relation
type's agreement, per annotator pair and per document (worst first).

``project_agreement`` reads a whole project with a handful of SQL queries and produces
the figures the CLI (``annotator agreement``) and the dashboard show, using the
coefficients in ``annotator.core.metrics``. No Qt here.
"""

from __future__ import annotations

import gc
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import combinations
from typing import TYPE_CHECKING, Any

from annotator.core.document_label_agreement import document_label_agreement
from annotator.core.errors import ValidationError
from annotator.core.metrics import (  # noqa: F401 -- the coefficients are re-exported from here
    _finite,
    _match_ranges,
    _max_matching,
    _overlapping,
    _unitizing,
    alpha_nominal,
    alpha_unitizing,
    cohen_kappa,
    f1_exact,
    f1_overlap,
    overlap_matching,
    unitizing_disagreement,
)
from annotator.core.model import GOLD_LAYER
from annotator.core.search import entity_key
from annotator.core.store import rows

if TYPE_CHECKING:
    from annotator.core.schema import Schema
    from annotator.core.store import Project

__all__ = [
    "f1_exact",
    "f1_overlap",
    "overlap_matching",
    "cohen_kappa",
    "alpha_nominal",
    "unitizing_disagreement",
    "alpha_unitizing",
    "project_agreement",
]

# -- what the schema asks to compare --------------------------------------------------------
#
# A span read from the project is a tuple (start, end, id, values, key): ``values`` holds
# its label's attributes in the schema's order (free-text ones by their entity key, so
# that spelling variants agree), ``key`` tells a relation's child apart from others: the
# entity key of its label's first free-text attribute or, without a value, of its words;
# None for a label without a free-text attribute (its children agree by overlap alone).
# Tuples, not objects, so that a large project's spans load quickly.


class _Comparison:
    """Every attribute of every label, and every relation type, of the project's schema."""

    def __init__(self, schema: "Schema"):
        self.attributes = {label.name: tuple(a.name for a in label.attributes) for label in schema.labels}
        self.free_text = {label.name: tuple(not a.values for a in label.attributes) for label in schema.labels}
        self.identity = {label.name: next((a.name for a in label.attributes if not a.values), None)
                         for label in schema.labels}
        self.relations = [relation.name for relation in schema.relations]
        self.heads: dict[str, list[str]] = defaultdict(list)
        for relation in schema.relations:
            self.heads[relation.head].append(relation.name)
        self.named_by_words = frozenset(r.child for r in schema.relations if self.identity.get(r.child))
        self.keys = [f"{label}.{name}" for label, names in self.attributes.items() for name in names]


class _LayerDocument:
    """One layer's spans on one document, by label, and each relation's children by head."""

    __slots__ = ("by_label", "children")

    def __init__(self) -> None:
        self.by_label: dict[str, list[tuple]] = {}
        self.children: dict[str, dict[int, list[tuple]]] = defaultdict(dict)


_EMPTY = _LayerDocument()


class _Loaded:
    def __init__(self) -> None:
        self.documents: dict[int, tuple[str, str, int]] = {}  # key -> (id, title, length)
        self.layers: dict[int, dict[str, _LayerDocument]] = defaultdict(dict)  # key -> layer -> data
        self.touched: dict[int, set[str]] = defaultdict(set)
        self.labels: set[str] = set()


class _SpanValues:
    """A span's ``values`` and ``key`` from its stored attributes, each distinct stored
    text parsed once per label (attributes repeat across a project's spans)."""

    def __init__(self, comparison: _Comparison):
        self.comparison = comparison
        self.parsed: dict[tuple[str, str], tuple[tuple, str | None]] = {}
        self.keys: dict[str, str | None] = {}

    def __call__(self, label: str, stored: str, words: str | None) -> tuple[tuple, str | None]:
        found = self.parsed.get((label, stored))
        if found is None:
            found = self.parsed[(label, stored)] = self._parse(label, stored)
        values, key = found
        if key is None and words is not None:  # named by no attribute: by its words
            key = self.keys.get(words)
            if key is None and words not in self.keys:
                key = self.keys[words] = entity_key(words) or None
        return values, key

    def _parse(self, label: str, stored: str) -> tuple[tuple, str | None]:
        attrs = json.loads(stored) if stored not in ("{}", "") else {}
        names = self.comparison.attributes.get(label, ())
        free = self.comparison.free_text.get(label, ())
        values = tuple(self._value(attrs.get(name), is_free) for name, is_free in zip(names, free))
        identity = self.comparison.identity.get(label)
        key = self._value(attrs.get(identity), True) if identity else None
        return values, key

    @staticmethod
    def _value(value: Any, free_text: bool) -> Any:
        if value is None or not isinstance(value, str) or not value.strip():
            return None
        return (entity_key(value) or None) if free_text else value


def _load(project: "Project", layers: list[str], comparison: _Comparison) -> _Loaded:
    """Everything agreement needs, in four queries whatever the number of documents."""
    loaded = _Loaded()
    ids = rows.layer_ids(project, layers)
    layer_ids = list(ids)
    touched = loaded.touched
    for document, layer in rows.statuses_of_layers(project, layer_ids):
        touched[document].add(ids[layer])
    spans: dict[int, tuple] = {}
    span_values = _SpanValues(comparison)
    current: tuple[int, int] | None = None
    by_label: dict[str, list[tuple]] = {}
    for span_id, document, layer, start, end, label, stored, words in rows.spans_of_layers(
        project, layer_ids, comparison.named_by_words,
    ):
        if (document, layer) != current:
            current = (document, layer)
            data = loaded.layers[document][ids[layer]] = _LayerDocument()
            by_label = data.by_label
            touched[document].add(ids[layer])
        values, key = span_values(label, stored, words)
        span = spans[span_id] = (start, end, span_id, values, key)
        spans_of_label = by_label.get(label)
        if spans_of_label is None:
            spans_of_label = by_label[label] = []
        spans_of_label.append(span)
    for document_layers in loaded.layers.values():
        for data in document_layers.values():
            loaded.labels.update(data.by_label)
    for document, layer, type_, head, child in rows.relations_of_layers(project, layer_ids, comparison.relations):
        linked = spans.get(child)
        if linked is None or head not in spans:
            continue
        data = loaded.layers[document].setdefault(ids[layer], _LayerDocument())
        data.children[type_].setdefault(head, []).append(linked)
    counted = [key for key, names in touched.items() if len(names) >= 2]
    if counted:
        for key, doc_id, title, length in rows.document_summaries(project, counted):
            loaded.documents[key] = (doc_id, title, length)
    return loaded


def _overlap(x: tuple, y: tuple) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def _same_child(x: tuple, y: tuple) -> bool:
    """Two children of a relation agree when they name the same one or overlap."""
    return (x[4] is not None and x[4] == y[4]) or _overlap(x, y)


def _sides_agree(xs: list[tuple], ys: list[tuple], same) -> bool:
    """Both empty, or every span on each side has a counterpart on the other."""
    if len(xs) == 1 and len(ys) == 1:
        return same(xs[0], ys[0])
    return all(any(same(x, y) for y in ys) for x in xs) and all(any(same(x, y) for x in xs) for y in ys)


class _PairTally:
    """What one pair of annotators did on the documents both touched."""

    def __init__(self) -> None:
        self.documents = 0
        self.per_label: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # exact, overlap, |a|, |b|
        self.values: dict[str, tuple[list[Any], list[Any]]] = defaultdict(lambda: ([], []))  # "LABEL.attr"
        self.relations: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # matched heads, children agreed


_NONE: list[tuple] = []


def _exact_count(spans_a: list[tuple], spans_b: list[tuple]) -> int:
    ranges_a = [(s[0], s[1]) for s in spans_a]
    ranges_b = [(s[0], s[1]) for s in spans_b]
    set_a, set_b = set(ranges_a), set(ranges_b)
    if len(set_a) == len(ranges_a) and len(set_b) == len(ranges_b):
        return len(set_a & set_b)
    return sum((Counter(ranges_a) & Counter(ranges_b)).values())


def _compare(a: _LayerDocument, b: _LayerDocument, labels: list[str], comparison: _Comparison,
             tally: _PairTally, matched=None) -> tuple[float, int]:
    """Add one document to a pair's tally; return its overlap F1 and disagreements.
    ``matched(label, spans_a, spans_b, pairs)``, if given, sees each label's matching."""
    matched_total = size_total = disagreements = 0
    for label in labels:
        spans_a, spans_b = a.by_label.get(label, _NONE), b.by_label.get(label, _NONE)
        if not spans_a and not spans_b:
            continue
        counts = tally.per_label[label]
        pairs = _match_ranges(spans_a, spans_b) if spans_a and spans_b else []
        if matched is not None:
            matched(label, spans_a, spans_b, pairs)
        counts[0] += _exact_count(spans_a, spans_b) if pairs else 0
        counts[1] += len(pairs)
        counts[2] += len(spans_a)
        counts[3] += len(spans_b)
        matched_total += len(pairs)
        size_total += len(spans_a) + len(spans_b)
        disagreements += len(spans_a) + len(spans_b) - 2 * len(pairs)
        names = [(f"{label}.{name}", k) for k, name in enumerate(comparison.attributes.get(label, ()))]
        heads = comparison.heads.get(label, ())
        for i, j in pairs:
            x, y = spans_a[i], spans_b[j]
            disagreements += x[0] != y[0] or x[1] != y[1]
            for key, k in names:
                values = tally.values[key]
                values[0].append(x[3][k])
                values[1].append(y[3][k])
                disagreements += x[3][k] != y[3][k]
            for relation in heads:
                agree = _sides_agree(a.children[relation].get(x[2], _NONE), b.children[relation].get(y[2], _NONE),
                                     _same_child)
                counted = tally.relations[relation]
                counted[0] += 1
                counted[1] += agree
                disagreements += not agree
    return (2 * matched_total / size_total if size_total else 1.0), disagreements


def _units(per_layer: dict[str, _LayerDocument], names: list[str], label: str) -> list[dict[str, tuple]]:
    """Spans of one label on one document grouped across annotators, at most one per
    annotator: the annotators are taken in order, and each one's spans are matched one to
    one (maximum matching, largest overlap first) to the units built so far, a span
    joining a unit when it overlaps any span already in it; the rest start units."""
    units: list[dict[str, tuple]] = []
    for name in names:
        claims = per_layer.get(name, _EMPTY).by_label.get(label, _NONE)
        if not claims:
            continue
        members = [(u, span) for u, unit in enumerate(units) for span in unit.values()]
        best: dict[tuple[int, int], int] = {}
        for m, c, overlap in _overlapping([span for _, span in members], claims):
            key = (members[m][0], c)
            best[key] = max(best.get(key, 0), overlap)
        match = _max_matching(len(units), len(claims), [(w, u, c) for (u, c), w in best.items()])
        taken = set()
        for u, c in enumerate(match):
            if c >= 0:
                units[u][name] = claims[c]
                taken.add(c)
        units += [{name: claim} for c, claim in enumerate(claims) if c not in taken]
    return units


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return _finite(sum(present) / len(present)) if present else None


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _kept(spans: list[tuple]) -> list[tuple[int, int]]:
    """``_units_of`` for spans read from the project (inside the text already)."""
    units = sorted(((s[0], s[1]) for s in spans), key=lambda unit: (unit[0], -unit[1]))
    kept: list[tuple[int, int]] = []
    for start, end in units:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def project_agreement(project: "Project", layers: list[str] | None = None) -> dict[str, Any]:
    """Agreement between annotator layers (every non-gold layer by default), on whatever
    the project's schema declares: every label, every attribute of each label, every
    relation type.

    Only documents that at least two of the chosen layers touched (spans or a status)
    count; a pair of layers is compared on the documents both touched.

    - ``pairs``: per pair of layers, span F1 (exact and overlap) pooled over its
      documents, overall and ``per_label``; ``attributes``: per "LABEL.attribute",
      Cohen's kappa of the values on overlap-matched spans of the label (spans without a
      value left out; free-text values compared by their entity key); ``relations``: per
      relation type, the share of matched heads whose children agree (``agreement``: the
      same child, named alike by the child label's first free-text attribute or its
      words, or overlapping; both without one agree; with several, each needs a
      counterpart) and the number of matched heads (``compared``).
    - ``labels``: per label, the mean over pairs of the pair's F1, and ``alpha_u``.
    - ``attributes``: per "LABEL.attribute", ``kappa`` the mean of the pairs' kappas
      (Light's kappa; for two annotators Cohen's kappa), ``alpha`` Krippendorff's nominal
      alpha over the label's spans matched across all the layers (see ``_units``); an
      annotator without a span in a unit, or without the document, is a missing value.
    - ``relations``: the pairs' counts pooled, per relation type.
    - ``alpha_u``: per label, Krippendorff's alpha_U computed per document over its
      character continuum with the chosen layers that touched it (as INCEpTION does),
      then averaged over the documents where it is defined (where someone used it).
    - ``document_labels``: per document label, kappa per pair and alpha
      (``document_label_agreement``).
    - ``documents``: ``id``, ``title``, ``f1_overlap`` (mean over pairs of the overlap
      F1 on that document, all labels) and ``disagreements`` (over pairs: spans without
      an overlapping partner, matched spans with other boundaries, and on matched spans
      each differing attribute and each relation whose children differ); the worst
      first: lowest F1, then most disagreements.

    Every figure is a float, or None when undefined; never NaN.
    """
    with _cycle_collection_paused():
        return _agreement(project, layers)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """The comparison makes objects for every span, none of them in a reference cycle,
    and each pass of Python's cyclic collector would walk them all again: the passes grow
    with the project, so a project twice the size would take more than twice the time.
    Reference counting still frees every object."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _agreement(project: "Project", layers: list[str] | None, shared: tuple[_Loaded, _Comparison] | None = None,
               ) -> dict[str, Any]:
    """``shared``: what ``_load`` read of more layers than these (gold too, for vs_gold),
    with its comparison, so that one read serves both."""
    names = _choose_layers(project, layers)
    if shared is not None:
        loaded, comparison = shared
        used = {label for per_layer in loaded.layers.values() for name, data in per_layer.items()
                if name in names for label in data.by_label}
    else:
        comparison = _Comparison(project.schema)
        loaded = _load(project, names, comparison) if len(names) >= 2 else _Loaded()
        used = loaded.labels
    labels = [label.name for label in project.schema.labels]
    labels += sorted(used - set(labels))

    tallies = {pair: _PairTally() for pair in combinations(names, 2)}
    unit_rows: dict[str, dict[str, list[Any]]] = {key: {name: [] for name in names} for key in comparison.keys}
    alpha_u_values: dict[str, list[float]] = {label: [] for label in labels}
    documents = []
    for key in sorted(loaded.documents):
        doc_id, title, length = loaded.documents[key]
        present = [name for name in names if name in loaded.touched[key]]
        if len(present) < 2:  # touched by one of these and a layer read only for the sharer
            continue
        per_layer = loaded.layers.get(key, {})
        scores, disagreements = [], 0
        for a, b in combinations(present, 2):
            tally = tallies[(a, b)]
            tally.documents += 1
            score, count = _compare(per_layer.get(a, _EMPTY), per_layer.get(b, _EMPTY), labels, comparison, tally)
            scores.append(score)
            disagreements += count
        _add_units(per_layer, present, names, comparison, unit_rows)
        for label in labels:
            coded = [per_layer.get(name, _EMPTY).by_label.get(label, _NONE) for name in present]
            if length > 0 and any(coded):
                o, o_den, e, e_den = _unitizing([_kept(spans) for spans in coded], 0, length)
                if e:
                    alpha_u_values[label].append(1 - (o * e_den) / (o_den * e))
        documents.append({"id": doc_id, "title": title, "f1_overlap": _mean(scores),
                          "disagreements": disagreements})
    documents.sort(key=lambda d: (d["f1_overlap"] if d["f1_overlap"] is not None else 1.0,
                                  -d["disagreements"], d["id"]))

    pairs = [_pair_figures(a, b, tally, labels, comparison) for (a, b), tally in tallies.items()]
    alpha_u = {label: _mean(alpha_u_values[label]) for label in labels}
    return {
        "layers": names,
        "pairs": pairs,
        "labels": {
            label: {
                "f1_exact": _mean(p["per_label"][label]["f1_exact"] for p in pairs),
                "f1_overlap": _mean(p["per_label"][label]["f1_overlap"] for p in pairs),
                "alpha_u": alpha_u[label],
            }
            for label in labels
        },
        "attributes": {
            key: {
                "kappa": _mean(p["attributes"][key] for p in pairs),
                "alpha": alpha_nominal([unit_rows[key][name] for name in names]) if len(names) >= 2 else None,
            }
            for key in comparison.keys
        },
        "relations": {relation: _relation_figures(tallies.values(), relation) for relation in comparison.relations},
        "alpha_u": alpha_u,
        "document_labels": document_label_agreement(project, names),
        "documents": documents,
    }


def _add_units(per_layer: dict[str, _LayerDocument], present: list[str], names: list[str],
               comparison: _Comparison, unit_rows: dict[str, dict[str, list[Any]]]) -> None:
    """Each attribute's values on one document's spans matched across the layers."""
    for label, attributes in comparison.attributes.items():
        if not attributes:
            continue
        for unit in _units(per_layer, present, label):
            for k, attribute in enumerate(attributes):
                rows_of = unit_rows[f"{label}.{attribute}"]
                for name in names:
                    span = unit.get(name)
                    rows_of[name].append(span[3][k] if span is not None else None)


def _relation_figures(tallies: Iterable[_PairTally], relation: str) -> dict[str, Any]:
    compared = agreed = 0
    for tally in tallies:
        counted = tally.relations.get(relation, (0, 0))
        compared, agreed = compared + counted[0], agreed + counted[1]
    return {"agreement": _share(agreed, compared), "compared": compared}


def _pair_figures(a: str, b: str, tally: _PairTally, labels: list[str], comparison: _Comparison) -> dict[str, Any]:
    compared = tally.documents > 0
    per_label = {}
    exact = overlap = size = 0
    for label in labels:
        e, o, na, nb = tally.per_label.get(label, (0, 0, 0, 0))
        exact, overlap, size = exact + e, overlap + o, size + na + nb
        per_label[label] = {
            "f1_exact": (2 * e / (na + nb) if na + nb else 1.0) if compared else None,
            "f1_overlap": (2 * o / (na + nb) if na + nb else 1.0) if compared else None,
        }
    return {
        "a": a,
        "b": b,
        "f1_exact": (2 * exact / size if size else 1.0) if compared else None,
        "f1_overlap": (2 * overlap / size if size else 1.0) if compared else None,
        "per_label": per_label,
        "attributes": {key: _finite(cohen_kappa(*tally.values[key])) if key in tally.values else None
                       for key in comparison.keys},
        "relations": {relation: _relation_figures([tally], relation) for relation in comparison.relations},
    }


def _choose_layers(project: "Project", layers: list[str] | None) -> list[str]:
    existing = project.layer_names()
    if layers is None:
        return [name for name in existing if name != GOLD_LAYER]
    chosen: list[str] = []
    for name in (n.strip() for n in layers):
        if name not in existing:
            known = ", ".join(existing) or "none"
            raise ValidationError(f"there is no layer {name!r} in this project; its layers: {known}")
        if name not in chosen:
            chosen.append(name)
    return chosen
