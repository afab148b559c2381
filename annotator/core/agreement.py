"""Inter-annotator agreement: span identification, stance, attribution and alpha_U.

The pure functions come first and work on plain data, so each can be checked against
published figures; ``project_agreement`` then reads a whole project with a handful of
SQL queries and produces the figures the CLI (``annotator agreement``) and the
dashboard show. No Qt here.

Conventions:
- A span is a tuple ``(start, end, label)``: a half-open range ``[start, end)`` of code
  points, as stored in the project.
- Overlap matching is one-to-one and maximal: among spans of the same label whose
  ranges intersect, it finds a *maximum-cardinality* matching (augmenting paths, Kuhn's
  algorithm), seeded by greedily pairing the largest overlaps first, so a pair it keeps
  is the best-overlapping one wherever that does not cost a match. The number of
  matches is therefore the true maximum, whatever the order of the input, and
  ``f1_overlap(a, b) == f1_overlap(b, a)``.
- A figure that is undefined (no data, or no variation for a chance-corrected
  coefficient) is ``None``, never NaN, so the result goes to JSON with
  ``allow_nan=False``.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from fractions import Fraction
from itertools import combinations
from typing import TYPE_CHECKING, Any

import krippendorff
import numpy as np

from annotator.core.errors import ValidationError
from annotator.core.model import GOLD_LAYER
from annotator.core.search import entity_key

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

Segment = tuple[int, int, str]


# -- span identification ---------------------------------------------------------------


def _segments(spans: Iterable[Sequence[Any]]) -> list[Segment]:
    out = []
    for span in spans:
        start, end, label = span
        if not (isinstance(start, int) and isinstance(end, int)) or not start < end:
            raise ValueError(f"a span is (start, end, label) with whole numbers start < end, not {span!r}")
        out.append((start, end, label))
    return out


def _f1(matches: int, size_a: int, size_b: int) -> float:
    """2 * matches / (|a| + |b|); 1.0 when both sides are empty (nothing to disagree on)."""
    total = size_a + size_b
    return 1.0 if total == 0 else 2 * matches / total


def f1_exact(a: Iterable[Sequence[Any]], b: Iterable[Sequence[Any]]) -> float:
    """F1 of two annotators' spans where a match needs equal start, end and label.

    Either side is treated as a multiset: a span marked twice by one annotator can
    match twice only if the other marked it twice too.
    """
    left, right = Counter(_segments(a)), Counter(_segments(b))
    matches = sum((left & right).values())
    return _f1(matches, sum(left.values()), sum(right.values()))


def f1_overlap(a: Iterable[Sequence[Any]], b: Iterable[Sequence[Any]]) -> float:
    """F1 where a match needs the same label and intersecting ranges, matched one to one
    (maximum-cardinality matching; see the module notes)."""
    left, right = _segments(a), _segments(b)
    return _f1(len(overlap_matching(left, right)), len(left), len(right))


def overlap_matching(a: Sequence[Sequence[Any]], b: Sequence[Sequence[Any]]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``: ``a[i]`` matched one to one with ``b[j]`` (same label,
    intersecting ranges), as many pairs as possible, best overlaps preferred."""
    left, right = _segments(a), _segments(b)
    groups: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for index, (_, _, label) in enumerate(left):
        groups[label][0].append(index)
    for index, (_, _, label) in enumerate(right):
        groups[label][1].append(index)
    pairs = []
    for indexes_a, indexes_b in groups.values():
        if indexes_a and indexes_b:
            ranges_a = [left[i][:2] for i in indexes_a]
            ranges_b = [right[j][:2] for j in indexes_b]
            pairs += [(indexes_a[i], indexes_b[j]) for i, j in _match_ranges(ranges_a, ranges_b)]
    return sorted(pairs)


def _overlapping(ranges_a: Sequence[Sequence[int]], ranges_b: Sequence[Sequence[int]]):
    """Yield ``(i, j, overlap)`` for every intersecting pair of ranges (anything whose
    first two items are start and end), without testing all pairs: ``b`` sorted by
    start; for each ``a`` only the ``b`` that start before it ends and whose running
    maximum end passes its start are looked at."""
    order = sorted(range(len(ranges_b)), key=lambda j: (ranges_b[j][0], ranges_b[j][1]))
    starts = [ranges_b[j][0] for j in order]
    running_end, highest = [], -math.inf
    for j in order:
        highest = max(highest, ranges_b[j][1])
        running_end.append(highest)
    for i, range_a in enumerate(ranges_a):
        start, end = range_a[0], range_a[1]
        for k in range(bisect_right(running_end, start), bisect_left(starts, end)):
            other = ranges_b[order[k]]
            if other[1] > start:
                yield i, order[k], min(end, other[1]) - max(start, other[0])


# Weights for the greedy seed: the overlap first, then closeness of the boundaries.
_CLOSENESS = 1 << 40


def _match_ranges(ranges_a: Sequence[Sequence[int]], ranges_b: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Maximum one-to-one matching of intersecting ranges, largest overlaps preferred."""
    edges = []
    for i, j, overlap in _overlapping(ranges_a, ranges_b):
        a, b = ranges_a[i], ranges_b[j]
        edges.append((overlap * _CLOSENESS - abs(a[0] - b[0]) - abs(a[1] - b[1]), i, j))
    match = _max_matching(len(ranges_a), len(ranges_b), edges)
    return [(i, j) for i, j in enumerate(match) if j >= 0]


def _max_matching(n_left: int, n_right: int, edges: list[tuple[int, int, int]]) -> list[int]:
    """A maximum-cardinality bipartite matching; ``edges`` are ``(weight, left, right)``.

    First pairs greedily by weight, largest first (ties by position), then grows the
    matching along augmenting paths found breadth first from each free left node
    (Kuhn): a free node with no augmenting path now never gets one later, so one pass
    gives a maximum matching. Returns, for each left node, its right partner or -1.
    """
    ordered = sorted((-weight, i, j) for weight, i, j in edges)
    match_left, match_right = [-1] * n_left, [-1] * n_right
    for _, i, j in ordered:
        if match_left[i] < 0 and match_right[j] < 0:
            match_left[i], match_right[j] = j, i
    if len(ordered) == n_left - match_left.count(-1):
        return match_left  # every edge used: nothing left to augment
    adjacency: list[list[int]] = [[] for _ in range(n_left)]
    for _, i, j in ordered:
        adjacency[i].append(j)
    for root in range(n_left):
        if match_left[root] >= 0 or not adjacency[root]:
            continue
        came_from: dict[int, int] = {}
        queue, head, free = [root], 0, -1
        while head < len(queue) and free < 0:
            node = queue[head]
            head += 1
            for j in adjacency[node]:
                if j in came_from:
                    continue
                came_from[j] = node
                if match_right[j] < 0:
                    free = j
                    break
                queue.append(match_right[j])
        j = free
        while j >= 0:
            i = came_from[j]
            previous = match_left[i]
            match_left[i], match_right[j] = j, i
            j = previous
    return match_left


# -- coefficients on coded units -------------------------------------------------------


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _finite(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def cohen_kappa(x: Sequence[Hashable], y: Sequence[Hashable]) -> float | None:
    """Cohen's kappa for two annotators' labels of the same units, in the same order.

    Positions where either label is missing (None or NaN) are left out. None when no
    unit is left or chance agreement is total (both used one and the same label).
    """
    if len(x) != len(y):
        raise ValueError(f"the two label sequences differ in length ({len(x)} and {len(y)})")
    pairs = [(a, b) for a, b in zip(x, y) if not _is_missing(a) and not _is_missing(b)]
    n = len(pairs)
    if n == 0:
        return None
    agreed = sum(1 for a, b in pairs if a == b)
    counts_x = Counter(a for a, _ in pairs)
    counts_y = Counter(b for _, b in pairs)
    chance = sum(count * counts_y.get(label, 0) for label, count in counts_x.items())
    denominator = n * n - chance
    if denominator == 0:
        return None
    return (agreed * n - chance) / denominator


def alpha_nominal(matrix: Sequence[Sequence[Any]]) -> float | None:
    """Krippendorff's alpha (nominal) for coders x units; None or NaN is a missing value.

    Values may be any hashable (strings are mapped to integers). Wraps
    ``krippendorff.alpha``. None when undefined: no unit coded by two coders, or a
    single value among those pairable units (no expected disagreement).
    """
    rows = [list(row) for row in matrix]
    if not rows:
        return None
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise ValueError("every coder's row must have one entry per unit")
    codes: dict[Any, int] = {}
    data = np.full((len(rows), width), np.nan)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if not _is_missing(value):
                data[i, j] = codes.setdefault(value, len(codes))
    coded = ~np.isnan(data)
    pairable = coded.sum(axis=0) >= 2
    if not pairable.any() or len(np.unique(data[:, pairable][coded[:, pairable]])) < 2:
        return None
    with np.errstate(all="ignore"):
        value = krippendorff.alpha(
            reliability_data=data, value_domain=list(range(len(codes))), level_of_measurement="nominal"
        )
    return _finite(value)


# -- Krippendorff's unitizing alpha ------------------------------------------------------
#
# Krippendorff (1995) "On the reliability of unitizing contiguous data", and (2004)
# "Content Analysis", 2nd ed., ch. 12 / "Measuring the reliability of qualitative text
# analysis data": m coders each cut a continuum [B, B+L) into units of a category c and
# the gaps between them. For coder i's section g (begin b, length l, w = 1 for a unit,
# 0 for a gap) and coder j's section h, the squared distance is
#   (b_ig - b_jh)^2 + (e_ig - e_jh)^2   both units, and they intersect;
#   l_ig^2                              g a unit lying inside the gap h;
#   l_jh^2                              h a unit lying inside the gap g;
#   0                                   otherwise.
# Observed:  D_o = sum over ordered coder pairs i != j and their sections of the
#            distance, / (m (m-1) L^2).
# Expected:  D_e = (2/L) sum over all units g of c [ (N_c - 1) (2l^3 - 3l^2 + l) / 3
#                  + l^2 sum over all gaps h (any coder) with l_h >= l of (l_h - l + 1) ]
#            / ( mL(mL - 1) - sum over all units of l (l - 1) ),
# N_c being the number of units of c over all coders; alpha_U(c) = 1 - D_o / D_e.
# This is the coefficient DKPro Agreement's KrippendorffAlphaUnitizingAgreement
# computes (and INCEpTION offers); its overall value over several categories is
# 1 - mean D_o / mean D_e. Where D_e = 0 (no unit of c at all) alpha_U is undefined:
# None here, where DKPro answers 0. Checked against Krippendorff's (1995, 2004) worked
# examples and against the definition computed naively (tests/core/test_agreement.py).
# Krippendorff et al. (2016, Quality & Quantity) later revised the definition because it
# misbehaves with more than two coders; this is the 1995/2004 one that INCEpTION uses.


def _units_of(coding: Iterable[Sequence[Any]], label: str | None, begin: int, end: int) -> list[tuple[int, int]]:
    """One coder's units of ``label`` as sorted ``(start, end)``, each inside the
    continuum. alpha_U needs a coder's units of one category not to overlap: as in
    INCEpTION, the first (then the longest) is kept and a later one that overlaps a
    kept unit is dropped (INCEpTION also lets a dropped unit block later ones)."""
    units = []
    for start, end_, unit_label in _segments(coding):
        if not begin <= start < end_ <= end:
            raise ValueError(f"unit [{start}, {end_}) lies outside the continuum [{begin}, {end})")
        if label is None or unit_label == label:
            units.append((start, end_))
    units.sort(key=lambda unit: (unit[0], -unit[1]))
    kept: list[tuple[int, int]] = []
    for start, end_ in units:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end_))
    return kept


def _sections(units: list[tuple[int, int]], begin: int, end: int) -> list[tuple[int, int, bool]]:
    """The coder's tiling of the continuum: ``(start, end, is_unit)``, gaps between units."""
    sections, position = [], begin
    for start, end_ in units:
        if start > position:
            sections.append((position, start, False))
        sections.append((start, end_, True))
        position = end_
    if position < end:
        sections.append((position, end, False))
    return sections


def _observed_sum(first: list[tuple[int, int, bool]], second: list[tuple[int, int, bool]]) -> int:
    """Sum of squared distances over the sections of two coders that intersect (pairs
    that do not intersect are at distance 0), walking both tilings once."""
    total, p, q = 0, 0, 0
    while p < len(first) and q < len(second):
        s1, e1, unit1 = first[p]
        s2, e2, unit2 = second[q]
        if unit1 and unit2:
            total += (s1 - s2) ** 2 + (e1 - e2) ** 2
        elif unit1:
            if s2 <= s1 and e1 <= e2:
                total += (e1 - s1) ** 2
        elif unit2:
            if s1 <= s2 and e2 <= e1:
                total += (e2 - s2) ** 2
        if e1 <= e2:
            p += 1
        if e2 <= e1:
            q += 1
    return total


def _unitizing(units_by_coder: list[list[tuple[int, int]]], begin: int, length: int) -> tuple[int, int, int, int]:
    """D_o and D_e for one category as exact ratios ``(D_o num, den, D_e num, den)``;
    each coder's units are already sorted and non-overlapping."""
    m, end = len(units_by_coder), begin + length
    tilings = [_sections(units, begin, end) for units in units_by_coder]
    observed = 2 * sum(_observed_sum(a, b) for a, b in combinations(tilings, 2))
    observed_den = m * (m - 1) * length * length
    lengths = Counter(e - s for units in units_by_coder for s, e in units)
    n_c = sum(lengths.values())
    if n_c == 0:
        return observed, observed_den, 0, 1
    gaps = sorted(e - s for tiling in tilings for s, e, unit in tiling if not unit)
    suffix = [0] * (len(gaps) + 1)
    for k in range(len(gaps) - 1, -1, -1):
        suffix[k] = suffix[k + 1] + gaps[k]
    numerator = 0
    for l, count in lengths.items():
        k = bisect_left(gaps, l)
        within_gaps = suffix[k] - (l - 1) * (len(gaps) - k)  # sum of (l_h - l + 1), l_h >= l
        # (2l^3 - 3l^2 + l) / 3 = l(l-1)(2l-1)/3, a whole number.
        numerator += count * ((n_c - 1) * (l * (l - 1) * (2 * l - 1) // 3) + l * l * within_gaps)
    denominator = m * length * (m * length - 1) - sum(count * l * (l - 1) for l, count in lengths.items())
    return observed, observed_den, 2 * numerator, length * denominator


def _ratios(codings: Sequence[Iterable[Sequence[Any]]], length: int, label: str, begin: int) -> tuple[Fraction, Fraction]:
    o, o_den, e, e_den = _unitizing([_units_of(c, label, begin, begin + length) for c in codings], begin, length)
    return Fraction(o, o_den), Fraction(e, e_den)


def unitizing_disagreement(
    codings: Sequence[Iterable[Sequence[Any]]], length: int, label: str, *, begin: int = 0
) -> tuple[float, float]:
    """Observed and expected disagreement ``(D_o, D_e)`` of alpha_U for ``label``.

    ``codings`` holds one collection of ``(start, end, label)`` units per coder (at
    least two), all inside the continuum ``[begin, begin + length)``."""
    if len(codings) < 2 or length <= 0:
        raise ValueError("alpha_U needs two or more coders and a continuum of positive length")
    d_o, d_e = _ratios(codings, length, label, begin)
    return float(d_o), float(d_e)


def alpha_unitizing(
    codings: Sequence[Iterable[Sequence[Any]]], length: int, label: str | None = None, *, begin: int = 0
) -> float | None:
    """Krippendorff's unitizing alpha (alpha_U, 1995/2004, as in DKPro Agreement).

    For ``label``, or with ``label=None`` over every label present (1 - mean D_o /
    mean D_e). None when it is undefined: fewer than two coders, or no unit at all
    (no expected disagreement).
    """
    if len(codings) < 2 or length <= 0:
        return None
    codings = [_segments(c) for c in codings]
    labels = [label] if label is not None else sorted({s[2] for c in codings for s in c})
    observed = expected = Fraction(0)
    for name in labels:
        d_o, d_e = _ratios(codings, length, name, begin)
        observed += d_o
        expected += d_e
    if expected == 0:
        return None
    return float(1 - observed / expected)


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
    db = project.db
    loaded = _Loaded()
    ids = {row[0]: row[1] for row in db.execute(
        f"SELECT id, name FROM layers WHERE name IN ({','.join('?' * len(layers))})", layers)}
    marks, layer_ids = ",".join("?" * len(ids)), list(ids)
    touched = loaded.touched
    for document, layer in db.execute(
        f"SELECT document, layer FROM document_status WHERE layer IN ({marks})", layer_ids
    ):
        touched[document].add(ids[layer])
    spans: dict[int, tuple] = {}
    keys: dict[str, str | None] = {}
    current: tuple[int, int] | None = None
    by_label: dict[str, list[tuple]] = {}
    for span_id, document, layer, start, end, label, attribute, text in db.execute(
        f"""SELECT s.id, s.document, s.layer, s.start, s."end", s.label,
                   CASE s.label WHEN '{CLAIM}' THEN json_extract(s.attrs, '$.stance')
                                WHEN '{SPEAKER}' THEN json_extract(s.attrs, '$.entity') END,
                   CASE s.label WHEN '{SPEAKER}' THEN substr(d.text, s.start + 1, s."end" - s.start) END
            FROM spans s JOIN documents d ON d.key = s.document
            WHERE s.layer IN ({marks})
            ORDER BY s.document, s.layer, s.start""",
        layer_ids,
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
    for document, layer, type_, head, child in db.execute(
        f"""SELECT document, layer, type, head, child FROM relations
            WHERE layer IN ({marks}) AND type IN ('{SAID_BY}', '{ABOUT}') ORDER BY id""",
        layer_ids,
    ):
        linked = spans.get(child)
        if linked is None or head not in spans:
            continue
        data = loaded.layers[document].setdefault(ids[layer], _LayerDocument())
        (data.speakers if type_ == SAID_BY else data.targets).setdefault(head, []).append(linked)
    counted = [key for key, names in touched.items() if len(names) >= 2]
    if counted:
        for key, doc_id, title, length in db.execute(
            f"SELECT key, id, title, length(text) FROM documents WHERE key IN ({','.join('?' * len(counted))})",
            counted,
        ):
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
