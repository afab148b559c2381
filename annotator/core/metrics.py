"""Agreement coefficients on plain data: span F1 (exact and overlap), Cohen's kappa,
Krippendorff's alpha (nominal) and unitizing alpha (alpha_U).

Each is checked against published figures in tests/core/test_agreement.py; the project-
level figures built from them are in ``annotator.core.agreement``. No Qt here.

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
from typing import Any

import krippendorff
import numpy as np


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
