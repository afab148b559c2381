"""Who annotates which document: the decision behind ``annotator assign`` (issue 20).

Pure: given each selected document's words, the annotators and what they already hold,
it returns each document's assignees; the store writes them (``store/assignments.py``).

- The load is balanced by words, not by documents: documents go largest first to the
  annotators with the fewest words so far (greedy, a round of as many documents as there
  are annotators at a time), then single-assignee documents move from the heaviest to the
  lightest annotator while the gap is wider than one median article.
- The overlap (documents annotated by two people, which agreement needs) is a share of the
  documents drawn with ``random.Random(seed)``: the same seed, documents and annotators
  give the same assignment. The overlap documents go to pairs in a round-robin schedule
  (every pair once before any pair twice), so they spread evenly over the pairs and every
  pair has documents in common once there are as many overlap documents as pairs.
  ``per_document`` gives every document that many annotators instead.
- Documents already assigned are left to their assignees (``only_unassigned``); their
  words count in the loads (and, for three or more per document, the documents they
  share in the choice of who works together).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, filterfalse
from operator import add
from statistics import median

from annotator.core.errors import ValidationError
from annotator.core.model import GOLD_LAYER


@dataclass(frozen=True)
class Request:
    """What the lead asked for: the annotators, and either an overlap share or a number of
    annotators per document (neither: one annotator each)."""

    annotators: tuple[str, ...]
    overlap: float | None = None
    per_document: int | None = None
    seed: int = 0


def check(request: Request) -> None:
    """Refuse a request that cannot be met, with one line saying what to change."""
    names = request.annotators
    if not names or any(not name for name in names):
        raise ValidationError("name the annotators, e.g. --annotators mona,karim,huda")
    if len(set(names)) != len(names):
        twice = sorted({name for name in names if names.count(name) > 1})
        raise ValidationError(f"{', '.join(twice)} named twice in --annotators")
    if GOLD_LAYER in names:
        raise ValidationError("gold is settled by reviewers, not assigned: leave it out of --annotators")
    if request.overlap is not None and request.per_document is not None:
        raise ValidationError("give --overlap or --per-document, not both")
    if request.overlap is not None and not 0.0 <= request.overlap <= 1.0:
        raise ValidationError(f"--overlap {request.overlap:g} is not a share: give one from 0 to 1, e.g. 0.2")
    if request.overlap is not None and request.overlap > 0 and len(names) < 2:
        raise ValidationError("an overlap needs two annotators or more in --annotators")
    if request.per_document is not None and request.per_document < 1:
        raise ValidationError("--per-document must be 1 or more")
    if request.per_document is not None and request.per_document > len(names):
        raise ValidationError(f"--per-document {request.per_document} is more than the {len(names)} "
                              f"annotator(s) in --annotators: name more or ask fewer")


def plan(words: Mapping[int, int], request: Request,
         existing: Mapping[int, Sequence[str]] | None = None) -> dict[int, tuple[str, ...]]:
    """Each document of ``words`` (key -> words) that is not in ``existing`` with its
    assignees (largest document first). ``existing`` (key -> assignees) are documents
    already decided: their words count in the loads."""
    check(request)
    existing = existing or {}
    team = _Team(request.annotators, words, existing)
    decided = {key: count for key, count in words.items() if key not in existing} if existing else words
    keys = sorted(decided)
    order = sorted(keys, key=decided.__getitem__, reverse=True)  # stable: ties stay in key order
    if request.per_document is not None and request.per_document > 2:
        chosen = {key: team.give_many(decided[key], request.per_document) for key in order}
    else:
        shared = {None: _drawn(keys, request), 1: set(), 2: set(keys)}[request.per_document]
        chosen = team.give_in_order(order, decided, shared)
    team.even_out(chosen, decided)
    return chosen


def redistribute(documents: Mapping[int, int], receivers: Sequence[str], loads: Mapping[str, int],
                 holders: Mapping[int, Sequence[str]]) -> dict[int, str | None]:
    """Each document (key -> words) given to one of ``receivers``, largest first to the one
    with the fewest words (``loads`` their words so far), never to someone in ``holders``
    of it already; None where every receiver holds it. What reassigning and idle work use."""
    load = {name: loads.get(name, 0) for name in receivers}
    given: dict[int, str | None] = {}
    for key in sorted(sorted(documents), key=documents.__getitem__, reverse=True):
        held = set(holders.get(key, ()))
        free = [name for name in receivers if name not in held]
        if not free:
            given[key] = None
            continue
        taker = min(free, key=lambda name: (load[name], receivers.index(name)))
        load[taker] += documents[key]
        given[key] = taker
    return given


def overlap_by_pair(assignees: Mapping[int, Sequence[str]],
                    annotators: Sequence[str] | None = None) -> dict[tuple[str, str], list[int]]:
    """The documents each pair of annotators shares (names in alphabetical order within a
    pair); every pair of ``annotators`` is listed, with none in common if so."""
    pairs: dict[tuple[str, str], list[int]] = {}
    if annotators is not None:
        pairs = {pair: [] for pair in combinations(sorted(set(annotators)), 2)}
    for key in sorted(assignees):
        for pair in combinations(sorted(assignees[key]), 2):
            if annotators is None or pair in pairs:
                pairs.setdefault(pair, []).append(key)
    return pairs


def loads(assignees: Mapping[int, Sequence[str]], words: Mapping[int, int]) -> dict[str, tuple[int, int]]:
    """Each annotator's documents and words in ``assignees``."""
    found: dict[str, list[int]] = {}
    for key, names in assignees.items():
        for name in names:
            row = found.setdefault(name, [0, 0])
            row[0] += 1
            row[1] += words.get(key, 0)
    return {name: (row[0], row[1]) for name, row in sorted(found.items())}


def _drawn(keys: list[int], request: Request) -> set[int]:
    """The overlap documents: the asked share of ``keys`` (in key order), drawn with the seed."""
    share = request.overlap or 0.0
    count = round(share * len(keys)) if len(request.annotators) > 1 else 0
    return set(random.Random(request.seed).sample(keys, count))


def _round_robin(count: int) -> list[list[tuple[int, int]]]:
    """Rounds in which each of ``count`` annotators meets another once, every pair meeting
    once over all the rounds (the circle method; with an odd count, one sits out a round)."""
    seats: list[int | None] = list(range(count)) + ([None] if count % 2 else [])
    rounds = []
    for _ in range(len(seats) - 1):
        facing = zip(seats[:len(seats) // 2], reversed(seats[len(seats) // 2:]))
        rounds.append([(first, second) for first, second in facing if first is not None and second is not None])
        seats = [seats[0], seats[-1], *seats[1:-1]]
    return rounds


class _Team:
    """The annotators' loads in words and the documents each pair shares, as the plan grows."""

    def __init__(self, names: Sequence[str], words: Mapping[int, int], existing: Mapping[int, Sequence[str]]):
        self.names = list(names)
        index = {name: number for number, name in enumerate(self.names)}
        self.load = [0] * len(self.names)
        self.shared = [[0] * len(self.names) for _ in self.names]
        # more than anyone shares with all the others together: one's own partner
        self.never = (len(words) + len(existing) + 1) * len(self.names)
        for number in range(len(self.names)):
            self.shared[number][number] = self.never
        self.order = range(len(self.names))
        self.alone = [(name,) for name in self.names]
        self.pairs = {(first, second): tuple(sorted((self.names[first], self.names[second])))
                      for first in self.order for second in self.order if first != second}
        for key, holders in existing.items():
            held = [index[name] for name in holders if name in index]
            for number in held:
                self.load[number] += words.get(key, 0)
            for first, second in combinations(held, 2):
                self.shared[first][second] += 1
                self.shared[second][first] += 1
        self.rounds = _round_robin(len(self.names))
        self.resting = [next(iter(set(self.order).difference(*pairs)), None) for pairs in self.rounds]

    def give_in_order(self, order: list[int], words: Mapping[int, int], shared: set[int]) -> dict[int, tuple[str, ...]]:
        """The documents of ``shared`` to pairs, then the others to one annotator each, both
        largest first and a round at a time: a sort per round, not a search per document
        (this runs on every document of a large project).

        Pairs come from a round-robin schedule: each round pairs every annotator with
        another once, and the rounds together pair everyone with everyone once, so the
        shared documents spread evenly over the pairs; within a round the largest document
        goes to the pair with the fewest words. Then each round of single documents goes
        the largest to the lightest annotator, the next to the next."""
        load, alone, annotators = self.load, self.alone, self.order
        chosen: dict[int, tuple[str, ...]] = {}
        pair_documents = list(filter(shared.__contains__, order))
        start, waiting = 0, []
        while start < len(pair_documents):
            waiting = waiting or list(range(len(self.rounds)))
            pairs = self.rounds[self._next_round(waiting)]
            lightest_first = sorted(pairs, key=lambda pair: load[pair[0]] + load[pair[1]])
            batch = pair_documents[start:start + len(pairs)]
            chosen.update(zip(batch, map(self.pairs.__getitem__, lightest_first)))
            for (first, second), count in zip(lightest_first, map(words.__getitem__, batch)):
                load[first] += count
                load[second] += count
            start += len(pairs)
        singles = list(filterfalse(shared.__contains__, order))
        ranked = sorted(zip(load, annotators))  # (words, annotator), lightest first
        padding = [0] * len(annotators)
        for start in range(0, len(singles), len(annotators)):
            batch = singles[start:start + len(annotators)]
            loads, numbers = zip(*ranked)
            chosen.update(zip(batch, map(alone.__getitem__, numbers)))
            given = [*map(words.__getitem__, batch), *padding[len(batch):]]
            ranked = sorted(zip(map(add, loads, given), numbers))
        for total, number in ranked:
            load[number] = total
        return chosen

    def _next_round(self, waiting: list[int]) -> int:
        """The round of ``waiting`` (taken from it) whose annotator sitting out has the most
        words: with an odd count of annotators someone sits out each round, and it had
        better be the one ahead. With an even count everyone plays every round."""
        resting = self.resting
        chosen = max(waiting, key=lambda number: -1 if resting[number] is None else self.load[resting[number]])
        waiting.remove(chosen)
        return chosen

    def give_many(self, words: int, count: int) -> tuple[str, ...]:
        chosen = [min(self.order, key=self.load.__getitem__)]
        together = list(self.shared[chosen[0]])  # documents shared with those chosen; theirs are huge
        while len(chosen) < count:
            ceiling = min(load for load, shared in zip(self.load, together) if shared < self.never) + words
            _, _, _, pick = min(zip([load > ceiling for load in self.load], together, self.load, self.order))
            chosen.append(pick)
            together = [sum(pair) for pair in zip(together, self.shared[pick])]
        for first, second in combinations(chosen, 2):
            self._tie(first, second)
        for number in chosen:
            self.load[number] += words
        return tuple(sorted(self.names[number] for number in chosen))

    def _tie(self, first: int, second: int) -> None:
        self.shared[first][second] += 1
        self.shared[second][first] += 1

    def even_out(self, chosen: dict[int, tuple[str, ...]], words: Mapping[int, int]) -> None:
        """Move single-assignee documents from the heaviest annotator to the lightest while
        a move narrows the gap by more than nothing and it is wider than one median article."""
        if len(self.names) < 2 or not words:
            return
        if max(self.load) - min(self.load) <= min(words.values()):
            return  # within the shortest article, so within a median one: no need to sort for the median
        allowed = median(words.values())
        index = {name: number for number, name in enumerate(self.names)}
        singles: dict[int, list[int]] = {number: [] for number in range(len(self.names))}
        for key, holders in chosen.items():
            if len(holders) == 1:
                singles[index[holders[0]]].append(key)
        for _ in range(len(words)):
            heaviest = max(range(len(self.load)), key=self.load.__getitem__)
            lightest = min(range(len(self.load)), key=self.load.__getitem__)
            gap = self.load[heaviest] - self.load[lightest]
            if gap <= allowed:
                return
            movable = [key for key in singles[heaviest] if 0 < words[key] < gap]
            if not movable:
                return
            key = min(movable, key=lambda key: abs(gap - 2 * words[key]))
            singles[heaviest].remove(key)
            singles[lightest].append(key)
            self.load[heaviest] -= words[key]
            self.load[lightest] += words[key]
            chosen[key] = (self.names[lightest],)
