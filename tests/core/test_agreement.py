"""Inter-annotator agreement (annotator.core.agreement): published oracles, hand-checked
examples, properties, a hand-built three-annotator project, and the demo corpus."""

from __future__ import annotations

import json
from fractions import Fraction
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import (
    alpha_nominal,
    alpha_unitizing,
    cohen_kappa,
    f1_exact,
    f1_overlap,
    overlap_matching,
    project_agreement,
    unitizing_disagreement,
)
from annotator.core.errors import ValidationError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.demo import ensure_demo_project

# -- published oracles --------------------------------------------------------------------

# Krippendorff (2011) "Computing Krippendorff's alpha-reliability", 4 coders x 12 units.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
# Krippendorff (1995) "On the reliability of unitizing contiguous data", example A.
BERTHA = [int(c) for c in "001111111100001111110000"]
BILL = [int(c) for c in "000011110000000110000000"]


def test_alpha_nominal_krippendorff_2011():
    assert round(alpha_nominal(KRIPPENDORFF_2011), 3) == 0.743


def test_alpha_nominal_takes_strings_and_nan_as_missing():
    names = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
    as_text = [[names.get(v) if v is not None else float("nan") for v in row] for row in KRIPPENDORFF_2011]
    assert alpha_nominal(as_text) == pytest.approx(alpha_nominal(KRIPPENDORFF_2011))


def test_kappa_and_alpha_krippendorff_1995_example_a():
    assert round(cohen_kappa(BERTHA, BILL), 3) == 0.385
    assert round(alpha_nominal([BERTHA, BILL]), 3) == 0.329


def test_f1_on_the_issue_example():
    a = {(4, 25, "SPEAKER"), (29, 63, "CLAIM")}
    b = {(4, 16, "SPEAKER"), (29, 63, "CLAIM"), (64, 65, "CLAIM")}
    # exact: only the CLAIM (29, 63) matches: 2 * 1 / (2 + 3) = 0.4
    assert f1_exact(a, b) == pytest.approx(0.4)
    # overlap: the SPEAKERs overlap too; (64, 65) has no partner: 2 * 2 / 5 = 0.8
    assert f1_overlap(a, b) == pytest.approx(0.8)


def test_f1_edge_cases():
    assert f1_exact([], []) == f1_overlap([], []) == 1.0
    assert f1_exact([(0, 1, "X")], []) == f1_overlap([(0, 1, "X")], []) == 0.0
    # same range, other label: no match
    assert f1_overlap([(0, 5, "SPEAKER")], [(0, 5, "TARGET")]) == 0.0
    # touching is not overlapping: ranges are half-open
    assert f1_overlap([(0, 5, "X")], [(5, 9, "X")]) == 0.0
    # one to one: one long span cannot match two short ones
    assert f1_overlap([(0, 10, "X")], [(0, 4, "X"), (5, 9, "X")]) == pytest.approx(2 / 3)
    # a span marked twice matches twice only if marked twice on the other side
    assert f1_exact([(0, 3, "X"), (0, 3, "X")], [(0, 3, "X")]) == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        f1_exact([(5, 5, "X")], [])


def test_overlap_matching_finds_the_maximum_not_the_greedy_choice():
    # Greedy by largest overlap pairs a0 with b0 (overlap 9) and leaves a1 alone;
    # the maximum matching pairs a0-b1 and a1-b0.
    a = [(0, 10, "X"), (8, 9, "X")]
    b = [(0, 10, "X"), (0, 2, "X")]
    assert overlap_matching(a, b) == [(0, 1), (1, 0)]
    assert f1_overlap(a, b) == 1.0


def test_cohen_kappa_edge_cases():
    assert cohen_kappa([], []) is None
    assert cohen_kappa(["A", "A"], ["A", "A"]) is None  # chance agreement is total
    assert cohen_kappa(["A", "B"], ["A", "B"]) == 1.0
    assert cohen_kappa(["A", "B"], ["B", "A"]) == -1.0
    assert cohen_kappa(["A", None, "B"], ["A", "B", "B"]) == 1.0  # missing pairs left out
    with pytest.raises(ValueError):
        cohen_kappa(["A"], [])


def test_alpha_nominal_edge_cases():
    assert alpha_nominal([]) is None
    assert alpha_nominal([["A", "B"], [None, None]]) is None  # nothing pairable
    assert alpha_nominal([["A", "A"], ["A", "A"]]) is None  # no variation
    assert alpha_nominal([["A", "B"], ["A", "B"]]) == 1.0
    with pytest.raises(ValueError):
        alpha_nominal([["A"], ["A", "B"]])


# -- alpha_U --------------------------------------------------------------------------------


def test_alpha_u_hand_example_two_coders():
    # Continuum [0, 10). Coder 1: unit [2, 6); coder 2: unit [3, 6).
    # Sections: coder 1 gap [0,2) unit [2,6) gap [6,10); coder 2 gap [0,3) unit [3,6) gap [6,10).
    # Observed: the two units intersect: (2-3)^2 + (6-6)^2 = 1; unit [2,6) is not inside
    #   gap [0,3); gaps with gaps count 0. Over ordered pairs 2 * 1 = 2;
    #   D_o = 2 / (m(m-1) L^2) = 2 / (2 * 100) = 1/100.
    # Expected: N_c = 2 units (lengths 4 and 3); gaps 2, 4, 3, 4.
    #   l = 4: (N_c-1)(2*64 - 3*16 + 4)/3 = 28; gaps >= 4: 4, 4 -> (1 + 1) * 16 = 32; 60.
    #   l = 3: (2*27 - 3*9 + 3)/3 = 10; gaps >= 3: 3, 4, 4 -> (1 + 2 + 2) * 9 = 45; 55.
    #   D_e = (2/L) * 115 / (mL(mL-1) - (4*3 + 3*2)) = 0.2 * 115 / (380 - 18) = 23/362.
    # alpha_U = 1 - (1/100) / (23/362) = 1 - 362/2300 = 969/1150 = 0.84261
    coders = [[(2, 6, "c")], [(3, 6, "c")]]
    d_o, d_e = unitizing_disagreement(coders, 10, "c")
    assert d_o == pytest.approx(1 / 100)
    assert d_e == pytest.approx(23 / 362)
    assert alpha_unitizing(coders, 10, "c") == pytest.approx(969 / 1150)


def test_alpha_u_hand_example_three_coders():
    # The same two coders and a third who marked nothing (one gap [0, 10)).
    # Observed: pair 1-2: 1 (as above); 1-3: unit [2,6) inside gap [0,10): 4^2 = 16;
    #   2-3: unit [3,6) inside: 3^2 = 9. Sum 26, ordered 52; D_o = 52 / (3*2*100) = 13/150.
    # Expected: gaps 2, 4, 3, 4, 10.
    #   l = 4: 28 + 16 * (1 + 1 + 7) = 172;  l = 3: 10 + 9 * (1 + 2 + 2 + 8) = 127.
    #   D_e = 0.2 * 299 / (30*29 - 18) = 59.8 / 852 = 299/4260.
    # alpha_U = 1 - (13/150) / (299/4260) = 1 - 142/115 = -27/115 = -0.23478
    coders = [[(2, 6, "c")], [(3, 6, "c")], []]
    d_o, d_e = unitizing_disagreement(coders, 10, "c")
    assert d_o == pytest.approx(13 / 150)
    assert d_e == pytest.approx(299 / 4260)
    assert alpha_unitizing(coders, 10, "c") == pytest.approx(-27 / 115)


def krippendorff_2004():
    """Krippendorff (2004: 254) continuum [150, 450), categories c and k; the figures
    are the ones DKPro Agreement's Krippendorff2004Test checks."""
    first = [(225, 295, "c"), (370, 400, "c"), (180, 240, "k"), (300, 350, "k")]
    second = [(220, 300, "c"), (355, 375, "c"), (400, 420, "c"), (180, 240, "k"), (300, 350, "k")]
    return [first, second]


def test_alpha_u_krippendorff_2004():
    coders = krippendorff_2004()
    d_o, d_e = unitizing_disagreement(coders, 300, "c", begin=150)
    assert round(d_o, 4) == 0.0144
    assert round(d_e, 4) == 0.0532
    assert round(alpha_unitizing(coders, 300, "c", begin=150), 4) == 0.7286
    assert unitizing_disagreement(coders, 300, "k", begin=150)[0] == 0.0
    assert round(unitizing_disagreement(coders, 300, "k", begin=150)[1], 4) == 0.0490
    assert alpha_unitizing(coders, 300, "k", begin=150) == 1.0
    # Over both categories: 1 - (D_o,c + D_o,k) / (D_e,c + D_e,k). The published 0.8591
    # comes from the rounded figures (1 - 0.0144 / 0.1022); unrounded it is 0.8587.
    assert alpha_unitizing(coders, 300, begin=150) == pytest.approx(0.8591, abs=0.0005)


def krippendorff_1995(stretch: int):
    """Krippendorff (1995: 57), four pairs of coders on a continuum of 24, each pair
    with its own category; ``stretch`` multiplies every offset."""
    def unit(begin, length, label):
        return (begin * stretch, (begin + length) * stretch, label)
    first = [unit(2, 8, "A"), unit(14, 6, "A"), unit(0, 18, "B"),
             unit(2, 6, "C"), unit(10, 2, "C"), unit(14, 4, "C"), unit(20, 2, "C"),
             unit(0, 2, "D"), unit(2, 8, "D"), unit(10, 4, "D"), unit(14, 6, "D"), unit(20, 4, "D")]
    second = [unit(4, 4, "A"), unit(15, 2, "A"),
              unit(0, 2, "B"), unit(2, 1, "B"), unit(3, 1, "B"), unit(4, 1, "B"), unit(5, 1, "B"),
              unit(6, 3, "B"), unit(9, 1, "B"),
              unit(0, 2, "C"), unit(4, 4, "C"), unit(10, 4, "C"), unit(16, 2, "C"), unit(20, 2, "C"),
              unit(0, 4, "D"), unit(4, 4, "D"), unit(8, 7, "D"), unit(15, 2, "D"), unit(17, 7, "D")]
    return [first, second], 24 * stretch


def test_alpha_u_krippendorff_1995_observed_disagreement():
    coders, length = krippendorff_1995(1)
    observed = {label: unitizing_disagreement(coders, length, label)[0] for label in "ABCD"}
    # B by hand: John's unit [0,18) against Jill's seven units (0,2) ... (9,10):
    # 256 + 229 + 205 + 185 + 169 + 117 + 145 = 1306; 2 * 1306 / (2 * 24^2) = 2.26736
    assert observed == pytest.approx({"A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715}, abs=1e-5)
    # D_o does not change when the continuum is stretched.
    stretched, long = krippendorff_1995(50)
    assert unitizing_disagreement(stretched, long, "B")[0] == pytest.approx(observed["B"])


def test_alpha_u_krippendorff_1995_large_continuum():
    # Krippendorff (1995) reports alpha_U for a fine-grained continuum; DKPro checks its
    # implementation against those figures within 0.02 (it notes an error in the
    # paper's D_e). A, B and D agree to 0.003; C comes to 0.693 against 0.679.
    coders, length = krippendorff_1995(50_000)
    published = {"A": 0.553, "B": -0.926, "C": 0.679, "D": 0.066}
    for label, value in published.items():
        assert alpha_unitizing(coders, length, label) == pytest.approx(value, abs=0.02)


def naive_unitizing(codings, length, label):
    """D_o and D_e straight from the definition: every pair of sections of every ordered
    pair of coders, every unit against every gap; sections from per-position marks."""
    m = len(codings)
    sections = []
    for coding in codings:
        marks = [None] * length
        for number, (start, end, unit_label) in enumerate(coding):
            if unit_label == label:
                for position in range(start, end):
                    marks[position] = number
        cuts, position = [], 0
        while position < length:
            end = position
            while end < length and marks[end] == marks[position]:
                end += 1
            cuts.append((position, end - position, marks[position] is not None))
            position = end
        sections.append(cuts)

    def distance(g, h):
        (b1, l1, w1), (b2, l2, w2) = g, h
        if w1 and w2 and -l1 < b1 - b2 < l2:
            return (b1 - b2) ** 2 + (b1 + l1 - b2 - l2) ** 2
        if w1 and not w2 and l2 - l1 >= b1 - b2 >= 0:
            return l1 ** 2
        if not w1 and w2 and l1 - l2 >= b2 - b1 >= 0:
            return l2 ** 2
        return 0

    observed = sum(distance(g, h) for i in range(m) for j in range(m) if i != j
                   for g in sections[i] for h in sections[j])
    units = [l for cuts in sections for (_, l, w) in cuts if w]
    gaps = [l for cuts in sections for (_, l, w) in cuts if not w]
    n_c = len(units)
    expected = sum(Fraction((n_c - 1) * (2 * l ** 3 - 3 * l ** 2 + l), 3)
                   + l * l * sum(h - l + 1 for h in gaps if h >= l) for l in units)
    d_o = Fraction(observed, m * (m - 1) * length ** 2)
    d_e = Fraction(2, length) * expected / (m * length * (m * length - 1) - sum(l * (l - 1) for l in units))
    return d_o, d_e


@st.composite
def codings(draw, labels=("c", "k")):
    """Two to four coders on a continuum of up to 40; each coder's units of one label
    do not overlap (they may touch)."""
    length = draw(st.integers(1, 40))
    coders = []
    for _ in range(draw(st.integers(2, 4))):
        units = []
        for label in labels:
            cuts = sorted(draw(st.sets(st.integers(0, length), max_size=8)))
            for start, end in zip(cuts[::2], cuts[1::2]):
                if start < end and draw(st.booleans()):
                    units.append((start, end, label))
        coders.append(units)
    return coders, length


@settings(max_examples=200, deadline=None)
@given(codings())
def test_alpha_u_matches_the_definition_computed_naively(data):
    coders, length = data
    for label in ("c", "k"):
        d_o, d_e = naive_unitizing(coders, length, label)
        assert unitizing_disagreement(coders, length, label) == pytest.approx((float(d_o), float(d_e)))
        expected = None if d_e == 0 else float(1 - d_o / d_e)
        assert alpha_unitizing(coders, length, label) == (pytest.approx(expected) if expected is not None else None)


@settings(max_examples=100, deadline=None)
@given(codings(), st.integers(0, 1000))
def test_alpha_u_invariances(data, shift):
    coders, length = data
    value = alpha_unitizing(coders, length)
    # the order of the coders does not matter
    for order in permutations(coders):
        assert alpha_unitizing(list(order), length) == (pytest.approx(value) if value is not None else None)
    # moving the whole continuum does not matter
    moved = [[(s + shift, e + shift, label) for s, e, label in c] for c in coders]
    assert alpha_unitizing(moved, length, begin=shift) == (pytest.approx(value) if value is not None else None)
    # identical segmentations agree perfectly, unless alpha_U is undefined: nothing
    # marked, or (a corner case) all marked in units of one character with no gaps
    same = [coders[0]] * len(coders)
    defined = sum(naive_unitizing(same, length, label)[1] for label in ("c", "k")) > 0
    assert alpha_unitizing(same, length) == (1.0 if defined else None)
    assert defined or not coders[0] or all(e - s == 1 for s, e, _ in coders[0])


def test_alpha_u_identical_and_undefined():
    assert alpha_unitizing([[(0, 3, "c"), (5, 9, "c")]] * 3, 12, "c") == 1.0
    assert alpha_unitizing([[], []], 12, "c") is None  # nobody marked anything
    assert alpha_unitizing([[(0, 3, "c")]], 12, "c") is None  # one coder
    with pytest.raises(ValueError):
        alpha_unitizing([[(0, 13, "c")], []], 12, "c")  # outside the continuum


def test_alpha_u_drops_a_coders_overlapping_units_like_inception():
    # A coder's second unit overlapping the first (same label) is left out.
    assert alpha_unitizing([[(2, 6, "c"), (4, 8, "c")], [(3, 6, "c")]], 10, "c") == pytest.approx(969 / 1150)


# -- properties of F1 and kappa ---------------------------------------------------------------

spans = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 8), st.sampled_from(["SPEAKER", "CLAIM"])).map(
        lambda t: (t[0], t[0] + t[1], t[2])),
    max_size=7,
)


def brute_force_matching(a, b):
    def best(i, used):
        if i == len(a):
            return 0
        result = best(i + 1, used)
        for j, other in enumerate(b):
            if j not in used and other[2] == a[i][2] and a[i][0] < other[1] and other[0] < a[i][1]:
                result = max(result, 1 + best(i + 1, used | {j}))
        return result
    return best(0, frozenset())


@settings(max_examples=300, deadline=None)
@given(spans, spans)
def test_f1_properties(a, b):
    assert f1_exact(a, b) == f1_exact(b, a)
    assert f1_overlap(a, b) == f1_overlap(b, a)
    assert 0.0 <= f1_exact(a, b) <= f1_overlap(a, b) <= 1.0
    assert f1_exact(a, a) == f1_overlap(a, a) == 1.0
    pairs = overlap_matching(a, b)
    assert len(pairs) == brute_force_matching(a, b)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    for i, j in pairs:
        assert a[i][2] == b[j][2] and a[i][0] < b[j][1] and b[j][0] < a[i][1]


labels = st.lists(st.tuples(st.sampled_from("FAN"), st.sampled_from("FAN")), min_size=1, max_size=30)


@given(labels)
def test_kappa_properties(pairs):
    x, y = [p[0] for p in pairs], [p[1] for p in pairs]
    kappa = cohen_kappa(x, y)
    assert kappa == cohen_kappa(y, x)
    if kappa is not None:
        assert -1.0 <= kappa <= 1.0
    # renaming the categories changes nothing
    rename = {"F": "FAVOR", "A": "AGAINST", "N": "NEUTRAL"}
    assert cohen_kappa([rename[v] for v in x], [rename[v] for v in y]) == kappa
    # Krippendorff's alpha does not depend on the order of coders
    alpha = alpha_nominal([x, y])
    assert alpha_nominal([y, x]) == (pytest.approx(alpha) if alpha is not None else None)


# -- a hand-built project: three annotators, one missing a document -------------------------------

TEXT_1 = "قال أمجد البرقاوي إن الخطة ناجحة. وقالت سعاد إن الميزانية ضعيفة."
TEXT_2 = "وأكد الوزير أن الإصلاح ضروري."
TEXT_3 = "ولم يعلق أحد على القرار."


def where(text, part, after=0):
    start = text.index(part, after)
    return start, start + len(part)


def annotate(project, key, layer, text, speaker, claim, stance, target=None, entity=None):
    """A claim with its stance, optionally its speaker (entity) and target; returns ids."""
    claim_id = project.add_span(key, layer, *where(text, claim), "CLAIM", {"stance": stance}).spans_added[0].id
    if speaker:
        attrs = {"entity": entity} if entity else {}
        speaker_id = project.add_span(key, layer, *where(text, speaker), "SPEAKER", attrs).spans_added[0].id
        project.add_relation("SAID_BY", claim_id, speaker_id)
    if target:
        target_id = project.add_span(key, layer, *where(text, target), "TARGET").spans_added[0].id
        project.add_relation("ABOUT", claim_id, target_id)


@pytest.fixture
def three(project):
    import_documents(project, [DocumentInput(text=TEXT_1, path="t", id="d1"),
                               DocumentInput(text=TEXT_2, path="t", id="d2"),
                               DocumentInput(text=TEXT_3, path="t", id="d3")])
    d1, d2, d3 = (project.document_by_id(i).key for i in ("d1", "d2", "d3"))
    # Document 1, all three annotators.
    # ali: two claims, each with its speaker; the first about "الخطة".
    annotate(project, d1, "ali", TEXT_1, "أمجد البرقاوي", "الخطة ناجحة", "FAVOR", "الخطة", "أمجد البرقاوي")
    annotate(project, d1, "ali", TEXT_1, "سعاد", "الميزانية ضعيفة", "AGAINST")
    # bea: the first claim starts earlier (overlap, not exact), the entity is spelled
    # without hamza (same entity key); the second claim's stance differs.
    annotate(project, d1, "bea", TEXT_1, "أمجد البرقاوي", "إن الخطة ناجحة", "FAVOR", "الخطة", "امجد البرقاوي")
    annotate(project, d1, "bea", TEXT_1, "سعاد", "الميزانية ضعيفة", "NEUTRAL")
    # cem: only the first claim, AGAINST, no target, a shorter speaker mention
    # without entity (its text's key differs, but the spans overlap).
    annotate(project, d1, "cem", TEXT_1, "البرقاوي", "الخطة ناجحة", "AGAINST")
    # Document 2: ali and bea agree; cem never touched it.
    annotate(project, d2, "ali", TEXT_2, None, "الإصلاح ضروري", "FAVOR")
    annotate(project, d2, "bea", TEXT_2, None, "الإصلاح ضروري", "FAVOR")
    # Document 3: only ali: not compared.
    annotate(project, d3, "ali", TEXT_3, None, "لم يعلق أحد", "NEUTRAL")
    # Gold is not an annotator: left out unless asked for.
    annotate(project, d1, "gold", TEXT_1, None, "الميزانية ضعيفة", "AGAINST")
    return project


def test_three_annotators_by_hand(three):
    result = project_agreement(three)
    json.dumps(result, allow_nan=False)
    assert result["layers"] == ["ali", "bea", "cem"]
    pairs = {(p["a"], p["b"]): p for p in result["pairs"]}
    assert list(pairs) == [("ali", "bea"), ("ali", "cem"), ("bea", "cem")]

    # ali / bea on d1 and d2. SPEAKER 2 vs 2, both exact. CLAIM 3 vs 3: the first
    # overlaps only, so exact 2 -> 4/6, overlap 1. TARGET 1 vs 1 exact.
    # Overall exact 2*5/12, overlap 1.
    ab = pairs[("ali", "bea")]
    assert ab["per_label"]["SPEAKER"] == {"f1_exact": 1.0, "f1_overlap": 1.0}
    assert ab["per_label"]["CLAIM"] == {"f1_exact": pytest.approx(2 / 3), "f1_overlap": 1.0}
    assert ab["per_label"]["TARGET"] == {"f1_exact": 1.0, "f1_overlap": 1.0}
    assert ab["f1_exact"] == pytest.approx(10 / 12) and ab["f1_overlap"] == 1.0
    # Stances ali F A F, bea F N F: agreement 2/3; chance (2*2)/9;
    # kappa = (2*3 - 4) / (9 - 4) = 0.4.
    assert ab["attributes"]["CLAIM.stance"] == pytest.approx(0.4)
    # Speakers: the same entity (hamza folded), the same span, none on d2: all agree.
    # Targets: the same target, none, none: all agree.
    assert ab["relations"] == {"SAID_BY": {"agreement": 1.0, "compared": 3}, "ABOUT": {"agreement": 1.0, "compared": 3}}

    # ali / cem on d1 only. SPEAKER 2 vs 1 (overlapping, not exact): exact 0, overlap 2/3.
    # CLAIM 2 vs 1 exact: 2/3 and 2/3. TARGET 1 vs 0: 0. Overall exact 2*1/7, overlap 2*2/7.
    ac = pairs[("ali", "cem")]
    assert ac["per_label"]["SPEAKER"] == {"f1_exact": 0.0, "f1_overlap": pytest.approx(2 / 3)}
    assert ac["per_label"]["CLAIM"] == {"f1_exact": pytest.approx(2 / 3), "f1_overlap": pytest.approx(2 / 3)}
    assert ac["per_label"]["TARGET"] == {"f1_exact": 0.0, "f1_overlap": 0.0}
    assert ac["f1_exact"] == pytest.approx(2 / 7) and ac["f1_overlap"] == pytest.approx(4 / 7)
    # One matched claim, FAVOR vs AGAINST: p_o = 0, p_e = 0, kappa 0.
    assert ac["attributes"]["CLAIM.stance"] == 0.0
    # Speaker keys differ but the mentions overlap: agree. Target: ali has one, cem none.
    assert ac["relations"] == {"SAID_BY": {"agreement": 1.0, "compared": 1}, "ABOUT": {"agreement": 0.0, "compared": 1}}

    # bea / cem on d1: claims overlap but are not exact, so CLAIM exact is 0.
    bc = pairs[("bea", "cem")]
    assert bc["f1_exact"] == 0.0 and bc["f1_overlap"] == pytest.approx(4 / 7)
    assert bc["attributes"]["CLAIM.stance"] == 0.0
    assert bc["relations"] == {"SAID_BY": {"agreement": 1.0, "compared": 1}, "ABOUT": {"agreement": 0.0, "compared": 1}}

    # Labels: means over the three pairs.
    assert result["labels"]["SPEAKER"]["f1_exact"] == pytest.approx((1 + 0 + 0) / 3)
    assert result["labels"]["SPEAKER"]["f1_overlap"] == pytest.approx((1 + 2 / 3 + 2 / 3) / 3)
    assert result["labels"]["CLAIM"]["f1_exact"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert result["labels"]["TARGET"]["f1_overlap"] == pytest.approx(1 / 3)
    assert result["attributes"]["CLAIM.stance"]["kappa"] == pytest.approx(0.4 / 3)
    # Claim units: d1 (ali F, bea F, cem A), (ali A, bea N, cem -); d2 (ali F, bea F, cem -).
    # Coincidences: FF 1 + 2 (second unit of d2), FA 1, AF 1, AN 1, NA 1; n_F 4, n_A 2,
    # n_N 1, n 7. D_o = 4/7; D_e = (49 - 16 - 4 - 1) / 42 = 2/3; alpha = 1 - 6/7 = 1/7.
    assert result["attributes"]["CLAIM.stance"]["alpha"] == pytest.approx(1 / 7)
    # Attribution pooled over pairs: 5 matched claims, speakers all agree, targets 3 of 5.
    assert result["relations"] == {"SAID_BY": {"agreement": 1.0, "compared": 5}, "ABOUT": {"agreement": pytest.approx(0.6), "compared": 5}}

    # alpha_U is computed per document with those who touched it, then averaged:
    # d1 with three coders, d2 (CLAIM only, identical) with two.
    d1_claims = [[where(TEXT_1, "الخطة ناجحة") + ("CLAIM",), where(TEXT_1, "الميزانية ضعيفة") + ("CLAIM",)],
                 [where(TEXT_1, "إن الخطة ناجحة") + ("CLAIM",), where(TEXT_1, "الميزانية ضعيفة") + ("CLAIM",)],
                 [where(TEXT_1, "الخطة ناجحة") + ("CLAIM",)]]
    d1_value = alpha_unitizing(d1_claims, len(TEXT_1), "CLAIM")
    assert result["alpha_u"]["CLAIM"] == pytest.approx((d1_value + 1.0) / 2)
    assert result["labels"]["CLAIM"]["alpha_u"] == result["alpha_u"]["CLAIM"]
    d1_targets = [[where(TEXT_1, "الخطة") + ("TARGET",)], [where(TEXT_1, "الخطة") + ("TARGET",)], []]
    assert result["alpha_u"]["TARGET"] == pytest.approx(alpha_unitizing(d1_targets, len(TEXT_1), "TARGET"))

    # Documents: d3 (one annotator) is left out; d1 first. Its overlap F1 is the mean of
    # 1, 4/7, 4/7. Disagreements: ali/bea 2 (claim boundary, stance); ali/cem 7
    # (unmatched speaker, speaker boundary, its entity (cem gave none), unmatched claim,
    # stance, target, unmatched target); bea/cem 8 (the same and the claim boundary).
    assert [d["id"] for d in result["documents"]] == ["d1", "d2"]
    first, second = result["documents"]
    assert first["f1_overlap"] == pytest.approx((1 + 4 / 7 + 4 / 7) / 3)
    assert first["disagreements"] == 17
    assert first["title"] == TEXT_1
    assert second == {"id": "d2", "title": TEXT_2, "f1_overlap": 1.0, "disagreements": 0}


def test_chosen_layers(three):
    result = project_agreement(three, ["bea", "ali"])
    assert result["layers"] == ["bea", "ali"]
    assert len(result["pairs"]) == 1
    assert result["attributes"]["CLAIM.stance"]["kappa"] == pytest.approx(0.4)
    with pytest.raises(ValidationError, match="no layer 'zed'"):
        project_agreement(three, ["ali", "zed"])
    with_gold = project_agreement(three, ["ali", "gold"])
    assert with_gold["pairs"][0]["per_label"]["CLAIM"]["f1_exact"] == pytest.approx(2 / 3)
    alone = project_agreement(three, ["ali"])
    assert alone["pairs"] == [] and alone["documents"] == []
    assert alone["attributes"]["CLAIM.stance"] == {"kappa": None, "alpha": None}
    json.dumps(alone, allow_nan=False)


def test_identical_layers_agree_perfectly(project):
    import_documents(project, [DocumentInput(text=TEXT_1, path="t", id="d1"),
                               DocumentInput(text=TEXT_2, path="t", id="d2")])
    d1, d2 = (project.document_by_id(i).key for i in ("d1", "d2"))
    for layer in ("ali", "bea", "cem"):
        annotate(project, d1, layer, TEXT_1, "أمجد البرقاوي", "الخطة ناجحة", "FAVOR", "الخطة", "أمجد البرقاوي")
        annotate(project, d1, layer, TEXT_1, "سعاد", "الميزانية ضعيفة", "AGAINST")
        annotate(project, d2, layer, TEXT_2, "الوزير", "الإصلاح ضروري", "NEUTRAL", "الإصلاح")
    result = project_agreement(project)
    json.dumps(result, allow_nan=False)
    for pair in result["pairs"]:
        assert pair["f1_exact"] == pair["f1_overlap"] == pair["attributes"]["CLAIM.stance"] == 1.0
        assert all(v == 1.0 for figures in pair["per_label"].values() for v in figures.values())
        assert pair["relations"] == {"SAID_BY": {"agreement": 1.0, "compared": 3}, "ABOUT": {"agreement": 1.0, "compared": 3}}
    for figures in result["labels"].values():
        assert figures == {"f1_exact": 1.0, "f1_overlap": 1.0, "alpha_u": 1.0}
    assert result["attributes"]["CLAIM.stance"] == {"kappa": 1.0, "alpha": 1.0}
    assert result["alpha_u"] == {"SPEAKER": 1.0, "CLAIM": 1.0, "TARGET": 1.0}
    assert [d["disagreements"] for d in result["documents"]] == [0, 0]


def test_empty_project(project):
    result = project_agreement(project)
    assert result["layers"] == [] and result["pairs"] == [] and result["documents"] == []
    assert result["relations"] == {"SAID_BY": {"agreement": None, "compared": 0}, "ABOUT": {"agreement": None, "compared": 0}}
    json.dumps(result, allow_nan=False)


# -- the demo corpus ------------------------------------------------------------------------------


@pytest.fixture
def demo(make_location, tmp_path, request):
    """The demo corpus on the fixture's backend: the demo project file, or that file
    restored into an empty database on the test server."""
    path = ensure_demo_project(tmp_path / "demo.sqlite")
    if make_location.backend == "file":
        return path
    from annotator.core.store.server_address import ServerAddress
    from annotator.core.store.server_backup import restore_to_server

    url = request.getfixturevalue("server_url")
    restore_to_server(path, ServerAddress(url))
    return url


def test_demo_corpus_shows_the_disagreements(demo):
    with Project.open(demo) as project:
        result = project_agreement(project)
    json.dumps(result, allow_nan=False)
    assert result["layers"] == ["karim", "mona"]
    (pair,) = result["pairs"]
    assert pair["attributes"]["CLAIM.stance"] < 1.0
    assert result["attributes"]["CLAIM.stance"]["alpha"] < 1.0
    assert pair["f1_exact"] < 1.0
    # One claim boundary differs: every claim matches by overlap, one not exactly.
    claims = pair["per_label"]["CLAIM"]
    assert claims["f1_overlap"] == 1.0
    compared = pair["relations"]["SAID_BY"]["compared"]
    assert claims["f1_exact"] == pytest.approx((compared - 1) / compared)
    # A missing speaker mention; the SAID_BY to another mention of the same entity
    # still agrees; the extra target costs one claim its target agreement.
    assert pair["per_label"]["SPEAKER"]["f1_overlap"] < 1.0
    assert pair["relations"]["SAID_BY"]["agreement"] == 1.0
    assert pair["relations"]["ABOUT"]["agreement"] == pytest.approx((compared - 1) / compared)
    assert all(value is not None and value < 1.0 for value in result["alpha_u"].values())
    worst = result["documents"][0]
    assert worst["f1_overlap"] < 1.0 and worst["disagreements"] > 0
    assert result["documents"] == sorted(result["documents"], key=lambda d: (d["f1_overlap"], -d["disagreements"]))


@pytest.mark.parametrize("collecting", [True, False])
def test_agreement_leaves_the_garbage_collector_as_it_found_it(demo, collecting):
    """The comparison pauses the cyclic collector (its passes grew with the project); a
    collector left off would keep every later reference cycle of the process."""
    import gc

    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        with Project.open(demo) as project:
            assert project_agreement(project)["layers"] == ["karim", "mona"]
            assert gc.isenabled() is collecting
            with pytest.raises(ValidationError):
                project_agreement(project, ["nobody"])  # refused: no such layer
            assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()

