"""Inter-annotator agreement of a project: span identification, stance, attribution
and alpha_U, per label, per annotator pair and per document (worst first).

``project_agreement`` reads a whole project with a handful of SQL queries and produces
the figures the CLI (``annotator agreement``) and the dashboard show, using the
coefficients in ``annotator.core.metrics``. No Qt here.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import combinations
from typing import TYPE_CHECKING, Any

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

SPEAKER, CLAIM, TARGET = "SPEAKER", "CLAIM", "TARGET"
SAID_BY, ABOUT = "SAID_BY", "ABOUT"


# -- the project -------------------------------------------------------------------------
#
# A span read from the project is a tuple (start, end, id, value): for a CLAIM the value
# is its stance, for a SPEAKER the entity key of its ``entity`` attribute or, without
# one, of its text; None otherwise. Tuples, not objects: 150,000 spans load in a blink.


class _LayerDocument:
    """One layer's spans on one document, by label, and its claims' speakers and targets."""

    __slots__ = ("by_label", "speakers", "targets")

    def __init__(self) -> None:
        self.by_label: dict[str, list[tuple]] = {}
        self.speakers: dict[int, list[tuple]] = {}
        self.targets: dict[int, list[tuple]] = {}


_EMPTY = _LayerDocument()


class _Loaded:
    def __init__(self) -> None:
        self.documents: dict[int, tuple[str, str, int]] = {}  # key -> (id, title, length)
        self.layers: dict[int, dict[str, _LayerDocument]] = defaultdict(dict)  # key -> layer -> data
        self.touched: dict[int, set[str]] = defaultdict(set)
        self.labels: set[str] = set()


def _load(project: "Project", layers: list[str]) -> _Loaded:
    """Everything agreement needs, in four queries whatever the number of documents."""
    loaded = _Loaded()
    ids = rows.layer_ids(project, layers)
    layer_ids = list(ids)
    touched = loaded.touched
    for document, layer in rows.statuses_of_layers(project, layer_ids):
        touched[document].add(ids[layer])
    spans: dict[int, tuple] = {}
    keys: dict[str, str | None] = {}
    current: tuple[int, int] | None = None
    by_label: dict[str, list[tuple]] = {}
    for span_id, document, layer, start, end, label, attribute, text in rows.spans_of_layers(
        project, layer_ids, {CLAIM: "stance", SPEAKER: "entity"}, frozenset({SPEAKER}),
    ):
        if (document, layer) != current:
            current = (document, layer)
            data = loaded.layers[document][ids[layer]] = _LayerDocument()
            by_label = data.by_label
            touched[document].add(ids[layer])
        if label == SPEAKER:
            name = attribute if attribute is not None and str(attribute).strip() else text
            value = keys.get(name)
            if value is None and name not in keys:
                value = keys[name] = entity_key(str(name or "")) or None
        else:
            value = attribute
        span = spans[span_id] = (start, end, span_id, value)
        spans_of_label = by_label.get(label)
        if spans_of_label is None:
            spans_of_label = by_label[label] = []
        spans_of_label.append(span)
    for document_layers in loaded.layers.values():
        for data in document_layers.values():
            loaded.labels.update(data.by_label)
    for document, layer, type_, head, child in rows.relations_of_layers(project, layer_ids, [SAID_BY, ABOUT]):
        linked = spans.get(child)
        if linked is None or head not in spans:
            continue
        data = loaded.layers[document].setdefault(ids[layer], _LayerDocument())
        (data.speakers if type_ == SAID_BY else data.targets).setdefault(head, []).append(linked)
    counted = [key for key, names in touched.items() if len(names) >= 2]
    if counted:
        for key, doc_id, title, length in rows.document_summaries(project, counted):
            loaded.documents[key] = (doc_id, title, length)
    return loaded


def _overlap(x: tuple, y: tuple) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def _same_speaker(x: tuple, y: tuple) -> bool:
    return (x[3] is not None and x[3] == y[3]) or _overlap(x, y)


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
        self.stances: tuple[list[Any], list[Any]] = ([], [])
        self.claims = self.speaker = self.target = 0


_NONE: list[tuple] = []


def _exact_count(spans_a: list[tuple], spans_b: list[tuple]) -> int:
    ranges_a = [(s[0], s[1]) for s in spans_a]
    ranges_b = [(s[0], s[1]) for s in spans_b]
    set_a, set_b = set(ranges_a), set(ranges_b)
    if len(set_a) == len(ranges_a) and len(set_b) == len(ranges_b):
        return len(set_a & set_b)
    return sum((Counter(ranges_a) & Counter(ranges_b)).values())


def _compare(a: _LayerDocument, b: _LayerDocument, labels: list[str], tally: _PairTally) -> tuple[float, int]:
    """Add one document to a pair's tally; return its overlap F1 and disagreements."""
    matched_total = size_total = disagreements = 0
    for label in labels:
        spans_a, spans_b = a.by_label.get(label, _NONE), b.by_label.get(label, _NONE)
        if not spans_a and not spans_b:
            continue
        counts = tally.per_label[label]
        pairs = _match_ranges(spans_a, spans_b) if spans_a and spans_b else []
        counts[0] += _exact_count(spans_a, spans_b) if pairs else 0
        counts[1] += len(pairs)
        counts[2] += len(spans_a)
        counts[3] += len(spans_b)
        matched_total += len(pairs)
        size_total += len(spans_a) + len(spans_b)
        disagreements += len(spans_a) + len(spans_b) - 2 * len(pairs)
        claims = label == CLAIM
        for i, j in pairs:
            x, y = spans_a[i], spans_b[j]
            disagreements += x[0] != y[0] or x[1] != y[1]
            if not claims:
                continue
            tally.stances[0].append(x[3])
            tally.stances[1].append(y[3])
            disagreements += x[3] != y[3]
            speaker = _sides_agree(a.speakers.get(x[2], _NONE), b.speakers.get(y[2], _NONE), _same_speaker)
            target = _sides_agree(a.targets.get(x[2], _NONE), b.targets.get(y[2], _NONE), _overlap)
            tally.claims += 1
            tally.speaker += speaker
            tally.target += target
            disagreements += (not speaker) + (not target)
    return (2 * matched_total / size_total if size_total else 1.0), disagreements


def _claim_units(per_layer: dict[str, _LayerDocument], names: list[str]) -> list[dict[str, tuple]]:
    """Claims of one document grouped across annotators, at most one per annotator:
    the annotators are taken in order, and each one's claims are matched one to one
    (maximum matching, largest overlap first) to the units built so far, a claim
    joining a unit when it overlaps any claim already in it; the rest start units."""
    units: list[dict[str, tuple]] = []
    for name in names:
        claims = per_layer.get(name, _EMPTY).by_label.get(CLAIM, _NONE)
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
    """Agreement between annotator layers (every non-gold layer by default).

    Only documents that at least two of the chosen layers touched (spans or a status)
    count; a pair of layers is compared on the documents both touched.

    - ``pairs``: per pair of layers, span F1 (exact and overlap) pooled over its
      documents, overall and ``per_label``; Cohen's kappa of stance on overlap-matched
      CLAIMs (claims without a stance left out); ``attribution``: the share of matched
      claims whose speakers agree (same entity key of the SAID_BY speaker's ``entity``,
      or of its text without one, or overlapping SPEAKER spans; both without a speaker
      agree; with several, each needs a counterpart) and whose targets agree
      (overlapping ABOUT targets, or both without), and the number of matched claims.
    - ``labels``: per label, the mean over pairs of the pair's F1, and ``alpha_u``.
    - ``stance``: ``kappa`` the mean of the pairs' Cohen's kappas (Light's kappa; for
      two annotators Cohen's kappa), ``alpha`` Krippendorff's nominal alpha over claim
      units matched across all the layers (see ``_claim_units``); an annotator without
      a claim in a unit, or without the document, is a missing value.
    - ``attribution``: the pairs' counts pooled.
    - ``alpha_u``: per label, Krippendorff's alpha_U computed per document over its
      character continuum with the chosen layers that touched it (as INCEpTION does),
      then averaged over the documents where it is defined (where someone used it).
    - ``documents``: ``id``, ``title``, ``f1_overlap`` (mean over pairs of the overlap
      F1 on that document, all labels) and ``disagreements`` (over pairs: spans without
      an overlapping partner, matched spans with other boundaries, and on matched
      claims each differing stance, speaker and target); the worst first: lowest F1,
      then most disagreements.

    Every figure is a float, or None when undefined; never NaN.
    """
    with _cycle_collection_paused():
        return _agreement(project, layers)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """The comparison makes objects for every span, none of them in a reference cycle,
    and each pass of Python's cyclic collector walked them all again: the passes grew
    with the project, and doubling it took 2.15-2.36x the time with them, 1.99-2.05x
    without (measured). Reference counting still frees every object as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _agreement(project: "Project", layers: list[str] | None) -> dict[str, Any]:
    names = _choose_layers(project, layers)
    loaded = _load(project, names) if len(names) >= 2 else _Loaded()
    labels = [label.name for label in project.schema.labels]
    labels += sorted(loaded.labels - set(labels))

    tallies = {pair: _PairTally() for pair in combinations(names, 2)}
    stance_rows: dict[str, list[Any]] = {name: [] for name in names}
    alpha_u_values: dict[str, list[float]] = {label: [] for label in labels}
    documents = []
    for key in sorted(loaded.documents):
        doc_id, title, length = loaded.documents[key]
        present = [name for name in names if name in loaded.touched[key]]
        per_layer = loaded.layers.get(key, {})
        scores, disagreements = [], 0
        for a, b in combinations(present, 2):
            tally = tallies[(a, b)]
            tally.documents += 1
            score, count = _compare(per_layer.get(a, _EMPTY), per_layer.get(b, _EMPTY), labels, tally)
            scores.append(score)
            disagreements += count
        for unit in _claim_units(per_layer, present):
            for name in names:
                span = unit.get(name)
                stance_rows[name].append(span[3] if span is not None else None)
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

    pairs = [_pair_figures(a, b, tally, labels) for (a, b), tally in tallies.items()]
    alpha_u = {label: _mean(alpha_u_values[label]) for label in labels}
    claims = sum(t.claims for t in tallies.values())
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
        "stance": {
            "kappa": _mean(p["stance_kappa"] for p in pairs),
            "alpha": alpha_nominal([stance_rows[name] for name in names]) if len(names) >= 2 else None,
        },
        "attribution": {
            "speaker": _share(sum(t.speaker for t in tallies.values()), claims),
            "target": _share(sum(t.target for t in tallies.values()), claims),
            "claims_compared": claims,
        },
        "alpha_u": alpha_u,
        "documents": documents,
    }


def _pair_figures(a: str, b: str, tally: _PairTally, labels: list[str]) -> dict[str, Any]:
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
        "stance_kappa": _finite(cohen_kappa(*tally.stances)),
        "attribution": {
            "speaker": _share(tally.speaker, tally.claims),
            "target": _share(tally.target, tally.claims),
            "claims_compared": tally.claims,
        },
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
