"""The dataset card's section on document labels (``Schema.document_labels``): what each
means, how often each value was given per split, and how well the annotators agreed on
it (``core/document_label_agreement.py``). A schema without document labels has none."""

from __future__ import annotations

from collections import Counter
from typing import Any

from annotator.core.document_label_agreement import document_label_agreement
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Project

NO_VALUE = "(none)"  # as release.NO_VALUE


def tally_key(name: str) -> str:
    """Where the release's tally counts a document label's values, beside ``LABEL.attribute``."""
    return f"document:{name}"


def count(values: dict[str, dict[str, Counter[str]]], split: str, record: dict[str, Any], project_labels) -> None:
    """Add one released record's document labels to the tally."""
    given = record.get("document_labels", {})
    for definition in project_labels:
        values[tally_key(definition.name)][split][given.get(definition.name) or NO_VALUE] += 1


def section(project: Project, splits: dict[str, float], values: dict[str, dict[str, Counter[str]]]) -> str | None:
    schema = project.schema
    if not schema.document_labels:
        return None
    lines = ["## Document labels", "", "Each record's `document_labels` gives the document's value of each "
             "label below (a label it was not given has no key).", "",
             "| document label | values | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{d.name}` | {', '.join(f'`{v}`' for v in d.values)} | {d.help.replace('|', '/')} |"
              for d in schema.document_labels]
    for definition in schema.document_labels:
        counts = values[tally_key(definition.name)]
        shown = [*definition.values, *sorted({v for c in counts.values() for v in c} - set(definition.values))]
        lines += ["", f"`{definition.name}` per split (`{NO_VALUE}`: not given):", "",
                  "| split | " + " | ".join(shown) + " |", "|" + " --- |" * (len(shown) + 1)]
        lines += ["| " + " | ".join([name, *(str(counts[name][v]) for v in shown)]) + " |" for name in splits]
    layers = [name for name in project.layer_names() if name != GOLD_LAYER]
    figures = document_label_agreement(project, layers)
    agreement = "; ".join(f"`{name}`: mean kappa {_figure(f['kappa'])}, Krippendorff's alpha {_figure(f['alpha'])} "
                          f"over {f['compared']} document(s)" for name, f in figures.items())
    lines += ["", f"Agreement between the annotator layers ({', '.join(layers) or 'none'}), over the whole "
              f"project: {agreement}."]
    return "\n".join(lines)


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def features(schema) -> str:
    """The lines of the card's ``datasets`` features for a schema's document labels (none
    without them): a string per label, and gold's decision per label."""
    if not schema.document_labels:
        return ""
    names = [d.name for d in schema.document_labels]
    values = ", ".join(f'"{name}": Value("string")' for name in names)
    decision = ('{"decision": Value("string"), "sources": List(Value("string")), "decided_by": Value("string"), '
                '"decided_at": Value("string"), "reason": Value("string")}')
    decisions = "".join(f'\n        "{name}": {decision},' for name in names)
    return (f'    "document_labels": {{{values}}},\n'
            f'    "document_label_provenance": {{{decisions}\n    }},\n')
