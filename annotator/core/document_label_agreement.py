"""Agreement on the schema's document labels (``Schema.document_labels``): each label's
value is one unit per document, compared between annotator layers.

Per label: Cohen's kappa per pair of layers, on the documents both gave a value; their
mean (Light's kappa; Cohen's for two annotators); Krippendorff's nominal alpha over every
document at least two layers gave a value (a layer without one is a missing value); and
the share of such documents where every value given is the same. ``project_agreement``
puts this under ``document_labels``. No Qt here.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Any

from annotator.core.metrics import _finite, alpha_nominal, cohen_kappa
from annotator.core.store import document_labels as document_label_store

if TYPE_CHECKING:
    from annotator.core.store import Project


def document_label_agreement(project: "Project", layers: list[str]) -> dict[str, Any]:
    """Per document label of the schema, in schema order: ``kappa``, ``alpha``,
    ``agreement`` (share of documents with two or more values that are all the same),
    ``compared`` (those documents) and ``pairs`` (``a``, ``b``, ``kappa``, ``compared``).
    Each figure is a float, or None when undefined."""
    labelled = document_label_store.all_labels(project)
    figures = {}
    for definition in project.schema.document_labels:
        rows = {layer: [] for layer in layers}
        for by_layer in labelled.values():
            given = [layer for layer in layers if definition.name in by_layer.get(layer, {})]
            if len(given) < 2:
                continue
            for layer in layers:
                rows[layer].append(by_layer.get(layer, {}).get(definition.name))
        figures[definition.name] = _figures(rows, layers)
    return figures


def _figures(rows: dict[str, list[str | None]], layers: list[str]) -> dict[str, Any]:
    pairs = []
    for a, b in combinations(layers, 2):
        compared = sum(1 for x, y in zip(rows[a], rows[b]) if x is not None and y is not None)
        pairs.append({"a": a, "b": b, "kappa": _finite(cohen_kappa(rows[a], rows[b])) if compared else None,
                      "compared": compared})
    kappas = [p["kappa"] for p in pairs if p["kappa"] is not None]
    units = list(zip(*(rows[layer] for layer in layers))) if layers else []
    unanimous = sum(1 for unit in units if len({v for v in unit if v is not None}) == 1)
    return {
        "kappa": sum(kappas) / len(kappas) if kappas else None,
        "alpha": _finite(alpha_nominal([rows[layer] for layer in layers])) if len(layers) >= 2 and units else None,
        "agreement": unanimous / len(units) if units else None,
        "compared": len(units),
        "pairs": pairs,
    }
