"""Reasons for review decisions, and what they add up to.

A reviewer's decision (pick, combine, edit, reject) may carry ``Why``: a category (the
annotator erred, the text is ambiguous, the guidelines or the schema did not cover it),
whether the guidelines need updating, and how long the decision took. ``decided_with``
stores it in the decision's own transaction, so that undoing the decision removes it
too (its rows go with the gold spans and the rejection). ``report`` groups the decisions
for ``annotator review-report``, the guideline gaps first; ``quick_decisions`` lists
those taken too fast to have been read closely, for the dashboard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import Changes
from annotator.core.store import Project
from annotator.core.store import reasons as stored
from annotator.core.store.reasons import CATEGORIES

__all__ = ["CATEGORIES", "GROUPS", "QUICK_MS", "Why", "decided_with", "quick_decisions", "report", "why_of"]

GUIDELINE_GAPS = "guideline_gaps"  # category guideline_gap, or the guidelines flagged as needing an update
NOT_GIVEN = "not_given"
GROUPS = (GUIDELINE_GAPS, "annotator_error", "ambiguous_text", "schema_gap", NOT_GIVEN)  # the report's order
QUICK_MS = 2000  # a decision taken faster than this is worth a second look
EXAMPLES = 5


@dataclass(frozen=True)
class Why:
    category: str | None = None
    guidelines_need_update: bool = False
    decision_ms: int | None = None  # from showing the unit to deciding; None when unknown

    def __post_init__(self) -> None:
        if self.category is not None and self.category not in CATEGORIES:
            raise ValidationError(f"unknown decision category {self.category!r}; one of {', '.join(CATEGORIES)}")
        if self.decision_ms is not None and self.decision_ms < 0:
            raise ValidationError("a decision cannot take less than no time")


def decided_with(project: Project, why: Why, decide: Callable[[], Changes]) -> Changes:
    """Run a decision (an ``adjudicate`` call) and store why beside what it made, all in
    one transaction."""
    with project.transaction():
        changes = decide()
        stored.record(project, changes, why.category, why.guidelines_need_update, why.decision_ms)
    return changes


def why_of(project: Project, *, span: int | None = None, document: int | None = None,
           unit: str | None = None) -> dict[str, Any] | None:
    """What was stored with the decision that made a gold span, or rejected a unit."""
    if span is not None:
        return stored.of_span(project, span)
    return stored.of_rejection(project, document, unit)


def _decisions(project: Project) -> tuple[list[dict[str, Any]], int]:
    """The reviewed decisions (gold spans and rejections), and how many agreed units were
    accepted without a look at each (those carry no reason and are not listed)."""
    gold = stored.gold_decisions(project)
    reviewed = [d for d in gold if d["decision"] != "agreed"]
    texts: dict[int, str] = {}
    for rejection in stored.rejections(project):
        key = rejection.pop("document_key")
        if key not in texts:
            texts[key] = project.document(key).text
        start, end, versions = _unit_extent(rejection["unit"])
        rejection.update(text=texts[key][start:end], start=start, end=end, label=None, versions=versions)
        reviewed.append(rejection)
    reviewed.sort(key=lambda d: d["decided_at"])
    return reviewed, len(gold) - len([d for d in gold if d["decision"] != "agreed"])


def _unit_extent(unit: str) -> tuple[int, int, list[str]]:
    """A unit key (``layer:start-end:LABEL|...``) as the words it covers and its layers."""
    starts, ends, layers = [], [], []
    for part in unit.split("|"):
        layer, _, rest = part.partition(":")
        extent = rest.split(":", 1)[0]
        start, _, end = extent.partition("-")
        starts.append(int(start))
        ends.append(int(end))
        if layer not in layers:
            layers.append(layer)
    return min(starts), max(ends), layers


def _group(decision: dict[str, Any]) -> str:
    if decision["category"] == "guideline_gap" or decision["guidelines_need_update"]:
        return GUIDELINE_GAPS
    return decision["category"] or NOT_GIVEN


def report(project: Project, examples: int = EXAMPLES) -> dict[str, Any]:
    """The reviewed decisions by category, guideline gaps first, each group with its count
    and up to ``examples`` decisions (newest first); and the count of each category."""
    decisions, agreed = _decisions(project)
    groups: dict[str, list[dict[str, Any]]] = {name: [] for name in GROUPS}
    for decision in decisions:
        groups[_group(decision)].append(decision)
    counts = {name: sum(d["category"] == name for d in decisions) for name in CATEGORIES}
    counts[NOT_GIVEN] = sum(d["category"] is None for d in decisions)
    return {
        "decisions": len(decisions),
        "accepted_agreed": agreed,
        "counts": counts,
        "guidelines_need_update": sum(bool(d["guidelines_need_update"]) for d in decisions),
        "groups": [{"group": name, "count": len(found), "examples": [_shown(d) for d in reversed(found)][:examples]}
                   for name, found in groups.items()],
    }


def _shown(decision: dict[str, Any]) -> dict[str, Any]:
    return {key: decision[key] for key in ("document", "text", "start", "end", "label", "versions", "decision",
                                           "category", "guidelines_need_update", "reason", "decided_by",
                                           "decided_at", "decision_ms")}


def quick_decisions(project: Project, under_ms: int = QUICK_MS) -> list[dict[str, Any]]:
    """The reviewed decisions taken in under ``under_ms`` milliseconds, quickest first."""
    decisions, _ = _decisions(project)
    quick = [d for d in decisions if d["decision_ms"] is not None and d["decision_ms"] < under_ms]
    return [_shown(d) for d in sorted(quick, key=lambda d: d["decision_ms"])]
