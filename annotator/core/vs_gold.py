"""Each annotator against gold: over the adjudicated documents they annotated, the figures
agreement computes between two annotators (``annotator.core.agreement``: the same
matching of spans, attributes and links, on whatever the schema declares), with gold as
the second layer, overall and per period of when the gold was settled.

A document counts once its gold is adjudicated (gold's status is done,
``adjudicate.set_adjudicated``); its period is the day (UTC) or the ISO week when a reviewer
last marked it so (``store/gold_settled.py``). No Qt here.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from annotator.core.agreement import (
    _EMPTY,
    _NONE,
    _agreement,
    _choose_layers,
    _compare,
    _Comparison,
    _cycle_collection_paused,
    _LayerDocument,
    _load,
    _Loaded,
    _pair_figures,
    _PairTally,
    _same_child,
    _share,
)
from annotator.core.model import GOLD_LAYER
from annotator.core.store.gold_settled import settled_documents

if TYPE_CHECKING:
    from annotator.core.store import Project

PERIODS = ("day", "week")
DAYS_SHOWN_BY_DAY = 28  # settled within four weeks: a point a day; longer: a point an ISO week


class _GoldTally(_PairTally):
    """A pair's tally, and per relation type the links both have (the head matched to
    gold's head, the child to gold's child), the annotator's links and gold's."""

    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])


def annotators_against_gold(project: "Project", layers: list[str] | None = None,
                            period: str | None = None) -> dict[str, Any]:
    """Each annotator's agreement with gold over the adjudicated documents they touched.

    - ``period``: "day" or "week" (ISO, "2026-W49"), as asked, or by default a day when
      the documents were settled within ``DAYS_SHOWN_BY_DAY`` days of each other, else a week;
      ``documents``: the adjudicated documents.
    - ``annotators``: per annotator layer (every non-gold layer, or ``layers``), its figures
      over all those documents and ``over_time``, a list of the same figures per period
      (with ``period`` its day or week), oldest first. The figures: ``documents``;
      ``f1_exact``, ``f1_overlap`` pooled over labels; ``per_label``, per label, the two
      F1s (None where neither the annotator nor gold has a span of it), ``spans`` and
      ``gold_spans``; ``attributes``, per "LABEL.attribute", Cohen's kappa of the values on
      the spans matched to gold; ``relations``, per relation type, ``f1`` of the links
      whose ends match gold's (the head matched to the gold link's head, the child the
      same as its child, as agreement compares them), ``links`` and ``gold_links``, and
      agreement's ``agreement`` and ``compared`` (matched heads whose children agree).
    """
    if period is not None and period not in PERIODS:
        raise ValueError(f"period is one of {', '.join(PERIODS)}, not {period!r}")
    with _cycle_collection_paused():
        return _against_gold(project, layers, period)


def agreement_with_vs_gold(project: "Project", layers: list[str] | None = None) -> dict[str, Any]:
    """``project_agreement`` with ``annotators_against_gold`` under ``vs_gold``, from one
    read of the layers and gold (``annotator agreement``)."""
    with _cycle_collection_paused():
        names = [name for name in _choose_layers(project, layers) if name != GOLD_LAYER]
        settled = settled_documents(project)
        comparison = _Comparison(project.schema)
        loaded = _load(project, [*_choose_layers(project, layers), GOLD_LAYER], comparison) \
            if settled and names else None
        figures = _agreement(project, layers, None if loaded is None else (loaded, comparison))
        figures["vs_gold"] = _against_gold(project, layers, None, (loaded, comparison, settled))
        return figures


def _against_gold(project: "Project", layers: list[str] | None, period: str | None,
                  shared: tuple[_Loaded | None, _Comparison, dict] | None = None) -> dict[str, Any]:
    names = [name for name in _choose_layers(project, layers) if name != GOLD_LAYER]
    if shared is not None:
        loaded, comparison, settled = shared
    else:
        settled = settled_documents(project)
        comparison = _Comparison(project.schema)
        loaded = _load(project, [*names, GOLD_LAYER], comparison) if settled and names else None
    period = period or _period_for(settled.values())
    labels = [label.name for label in project.schema.labels]
    if loaded is not None:
        labels += sorted(loaded.labels - set(labels))
    overall = {name: _GoldTally() for name in names}
    by_period: dict[str, dict[str, _GoldTally]] = {name: defaultdict(_GoldTally) for name in names}
    for key in sorted(settled):
        if loaded is None:
            break
        gold = loaded.layers.get(key, {}).get(GOLD_LAYER, _EMPTY)
        when = _period_of(settled[key], period)
        for name in names:
            if name not in loaded.touched.get(key, ()):
                continue
            mine = loaded.layers.get(key, {}).get(name, _EMPTY)
            for tally in (overall[name], by_period[name][when]):
                _add_document(mine, gold, labels, comparison, tally)
    return {
        "period": period,
        "documents": len(settled),
        "annotators": {
            name: {
                **_figures(name, overall[name], labels, comparison),
                "over_time": [{"period": when, **_figures(name, tally, labels, comparison)}
                              for when, tally in sorted(by_period[name].items())],
            }
            for name in names
        },
    }


def _add_document(mine: _LayerDocument, gold: _LayerDocument, labels: list[str], comparison: _Comparison,
                  tally: _GoldTally) -> None:
    def count_links(label: str, spans_mine: list[tuple], spans_gold: list[tuple], pairs: list[tuple[int, int]]):
        for relation in comparison.heads.get(label, ()):
            ours, theirs = mine.children[relation], gold.children[relation]
            counted = tally.links[relation]
            counted[1] += sum(len(ours.get(span[2], _NONE)) for span in spans_mine)
            counted[2] += sum(len(theirs.get(span[2], _NONE)) for span in spans_gold)
            counted[0] += sum(_children_alike(ours.get(spans_mine[i][2], _NONE), theirs.get(spans_gold[j][2], _NONE))
                              for i, j in pairs)

    tally.documents += 1
    _compare(mine, gold, labels, comparison, tally, count_links)


def _children_alike(xs: list[tuple], ys: list[tuple]) -> int:
    """How many of one head's children have a counterpart among the other's, one to one."""
    left = list(ys)
    found = 0
    for x in xs:
        partner = next((k for k, y in enumerate(left) if _same_child(x, y)), None)
        if partner is not None:
            del left[partner]
            found += 1
    return found


def _figures(name: str, tally: _GoldTally, labels: list[str], comparison: _Comparison) -> dict[str, Any]:
    pair = _pair_figures(name, GOLD_LAYER, tally, labels, comparison)
    per_label = {}
    for label in labels:
        _, _, spans, gold_spans = tally.per_label.get(label, (0, 0, 0, 0))
        measured = spans + gold_spans > 0
        per_label[label] = {
            "f1_exact": pair["per_label"][label]["f1_exact"] if measured else None,
            "f1_overlap": pair["per_label"][label]["f1_overlap"] if measured else None,
            "spans": spans,
            "gold_spans": gold_spans,
        }
    relations = {}
    for relation in comparison.relations:
        both, links, gold_links = tally.links.get(relation, (0, 0, 0))
        relations[relation] = {"f1": _share(2 * both, links + gold_links), "links": links, "gold_links": gold_links,
                               **pair["relations"][relation]}
    return {"documents": tally.documents, "f1_exact": pair["f1_exact"], "f1_overlap": pair["f1_overlap"],
            "per_label": per_label, "attributes": pair["attributes"], "relations": relations}


def _period_for(settled_at) -> str:
    days = sorted({date.fromisoformat(at[:10]) for at in settled_at})
    return "day" if not days or (days[-1] - days[0]).days < DAYS_SHOWN_BY_DAY else "week"


def _period_of(settled_at: str, period: str) -> str:
    if period == "day":
        return settled_at[:10]
    year, week, _ = date.fromisoformat(settled_at[:10]).isocalendar()
    return f"{year}-W{week:02d}"
