"""Who annotates which document (core/assign.py): every selected document assigned, the
load balanced by words, the overlap the lead asked for spread over every pair, and the
same seed giving the same assignment."""

from __future__ import annotations

from itertools import combinations
from statistics import median

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.assign import Request, check, loads, overlap_by_pair, plan, redistribute
from annotator.core.errors import ValidationError

NAMES = ("mona", "karim", "huda", "sami", "lina", "omar")


@st.composite
def corpora(draw, least_per_annotator: int = 4):
    """Annotators and documents of a news article's words (150 to 1,500), several each."""
    annotators = NAMES[:draw(st.integers(2, len(NAMES)))]
    count = draw(st.integers(least_per_annotator * len(annotators), 120))
    words = draw(st.lists(st.integers(150, 1500), min_size=count, max_size=count))
    return annotators, {key: count for key, count in enumerate(words, start=1)}


@st.composite
def requests(draw):
    annotators, words = draw(corpora())
    if draw(st.booleans()):
        request = Request(annotators, overlap=draw(st.floats(0, 1)), seed=draw(st.integers(0, 2**32)))
    else:
        request = Request(annotators, per_document=draw(st.integers(1, len(annotators))),
                          seed=draw(st.integers(0, 2**32)))
    return request, words


def shared(assigned: dict[int, tuple[str, ...]]) -> int:
    return sum(len(names) > 1 for names in assigned.values())


@settings(max_examples=300, deadline=None)
@given(requests())
def test_every_document_goes_to_as_many_different_annotators_as_asked(case):
    request, words = case
    assigned = plan(words, request)
    assert set(assigned) == set(words)
    for names in assigned.values():
        assert len(set(names)) == len(names) and set(names) <= set(request.annotators)
        assert len(names) in ((request.per_document,) if request.per_document else (1, 2))


@settings(max_examples=300, deadline=None)
@given(corpora(), st.floats(0, 1), st.integers(0, 1000))
def test_the_overlap_is_the_asked_share_within_one_document(corpus, share, seed):
    annotators, words = corpus
    assigned = plan(words, Request(annotators, overlap=share, seed=seed))
    assert abs(shared(assigned) - share * len(words)) <= 1


def spread(assigned: dict[int, tuple[str, ...]], words: dict[int, int]) -> int:
    totals = [total for _, total in loads(assigned, words).values()]
    return max(totals) - min(totals)


@settings(max_examples=500, deadline=None)
@given(corpora(), st.floats(0, 0.5), st.integers(0, 1000))
def test_no_annotator_has_more_than_one_median_article_above_another(corpus, share, seed):
    annotators, words = corpus
    assigned = plan(words, Request(annotators, overlap=share, seed=seed))
    totals = {name: total for name, (_, total) in loads(assigned, words).items()}
    assert len(totals) == len(annotators)
    heaviest, lightest = max(totals, key=totals.get), min(totals, key=totals.get)
    gap = totals[heaviest] - totals[lightest]
    # unless no one can do better: one long article among short ones may outweigh the rest,
    # and then none of the heaviest's own documents would narrow the gap by moving
    assert gap <= median(words.values()) or all(
        words[key] >= gap for key, names in assigned.items() if names == (heaviest,))


@settings(max_examples=300, deadline=None)
@given(requests())
def test_with_few_single_documents_no_annotator_has_more_than_one_article_above_another(case):
    # A large overlap leaves few single documents to even out with: one long article
    # among short ones may then outweigh a median article, never the longest one.
    request, words = case
    assigned = plan(words, request)
    assert len(loads(assigned, words)) == len(request.annotators)
    assert spread(assigned, words) <= max(words.values())


@settings(max_examples=100, deadline=None)
@given(requests())
def test_the_same_seed_gives_the_same_assignment(case):
    request, words = case
    assert plan(words, request) == plan(dict(reversed(words.items())), request)


@settings(max_examples=300, deadline=None)
@given(corpora(), st.floats(0, 1), st.integers(0, 1000))
def test_the_overlap_spreads_evenly_over_every_pair(corpus, share, seed):
    annotators, words = corpus
    assigned = plan(words, Request(annotators, overlap=share, seed=seed))
    per_pair = [len(keys) for keys in overlap_by_pair(assigned, annotators).values()]
    assert len(per_pair) == len(list(combinations(annotators, 2)))
    assert max(per_pair) - min(per_pair) <= 1
    if shared(assigned) >= len(per_pair):
        assert min(per_pair) >= 1


def test_another_seed_draws_other_overlap_documents():
    words = {key: 300 + key for key in range(1, 101)}
    drawn = {seed: {key for key, names in plan(words, Request(NAMES[:3], overlap=0.2, seed=seed)).items()
                    if len(names) > 1} for seed in (1, 2)}
    assert len(drawn[1]) == len(drawn[2]) == 20 and drawn[1] != drawn[2]


def test_the_load_is_balanced_by_words_not_by_documents():
    words = {1: 1200, 2: 300, 3: 300, 4: 300, 5: 300}  # one long article weighs four short ones
    assigned = plan(words, Request(("mona", "karim"), seed=0))
    assert loads(assigned, words) == {"karim": (4, 1200), "mona": (1, 1200)} or \
        loads(assigned, words) == {"karim": (1, 1200), "mona": (4, 1200)}


def test_documents_already_held_count_in_the_loads():
    words = {1: 900, 2: 300, 3: 300, 4: 300}
    assigned = plan(words, Request(("mona", "karim"), seed=0), existing={1: ("mona",)})
    assert set(assigned) == {2, 3, 4}
    assert all(names == ("karim",) for names in assigned.values())


@pytest.mark.parametrize("request_, message", [
    (Request(()), "name the annotators"),
    (Request(("mona", "mona")), "mona named twice"),
    (Request(("mona", "gold")), "gold is settled by reviewers"),
    (Request(("mona", "karim"), overlap=1.5), "--overlap 1.5 is not a share"),
    (Request(("mona", "karim"), overlap=-0.1), "is not a share"),
    (Request(("mona", "karim"), overlap=0.2, per_document=2), "not both"),
    (Request(("mona", "karim"), per_document=3), "--per-document 3 is more than the 2 annotator(s)"),
    (Request(("mona", "karim"), per_document=0), "--per-document must be 1 or more"),
    (Request(("mona",), overlap=0.2), "an overlap needs two annotators"),
])
def test_a_request_that_cannot_be_met_is_refused_in_one_line(request_, message):
    with pytest.raises(ValidationError) as refused:
        check(request_)
    assert message in str(refused.value) and "\n" not in str(refused.value)


def test_reassigned_documents_go_to_the_lightest_receiver_never_twice_to_one_holder():
    documents = {1: 800, 2: 500, 3: 400}
    holders = {2: ["karim", "mona"], 3: ["karim", "huda"]}
    given = redistribute(documents, ["karim", "huda"], {"karim": 0, "huda": 600}, holders)
    assert given == {1: "karim", 2: "huda", 3: None}
