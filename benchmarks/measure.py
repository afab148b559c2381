"""What every benchmark does with its timings: take turns, repeat, keep the median.

A verdict is read from medians of measurements that took turns with what they are
compared to, so that a slower moment of this shared machine falls on both sides alike
and one stray run does not flip it. Each figure is printed as its median with its spread
(min–max over the repeats), so a reader sees how far one run can stray from another.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Callable, Iterator, Mapping, Sequence, TypeVar

Key = TypeVar("Key")


@dataclass(frozen=True)
class Figure:
    """The repeated measurements of one quantity."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)

    def show(self, unit: str = "s", digits: int = 2) -> str:
        """``1.23 s (1.20–1.31)``, or in ms with ``unit="ms"``."""
        scale = 1000.0 if unit == "ms" else 1.0
        return (f"{self.median * scale:.{digits}f} {unit} "
                f"({self.low * scale:.{digits}f}–{self.high * scale:.{digits}f})")


def turns(keys: Sequence[Key], rounds: int) -> Iterator[Key]:
    """Every key once per round, the order turned by one each round, so that no side
    always goes first (first often pays for a cold cache) and a busy moment of the
    machine falls on all sides alike."""
    keys = list(keys)
    for round_number in range(rounds):
        shift = round_number % len(keys)
        yield from keys[shift:] + keys[:shift]


def interleaved(candidates: Mapping[Key, Callable[[], float]], rounds: int) -> dict[Key, Figure]:
    """Each candidate's figure over ``rounds`` turns (see ``turns``); a candidate returns
    the seconds it measured."""
    samples: dict[Key, list[float]] = {key: [] for key in candidates}
    for key in turns(list(candidates), rounds):
        samples[key].append(candidates[key]())
    return {key: Figure(tuple(values)) for key, values in samples.items()}


def ratio(numerator: Figure, denominator: Figure) -> float:
    """The ratio of the medians, which is what a ratio target is held to."""
    return numerator.median / denominator.median


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"
