"""``annotator agreement``'s part on annotators against gold (``core/vs_gold.py``) as a
readable table: per annotator their figures over the adjudicated documents, per label,
and per period, so that a lead sees whether someone improves. Nothing here imports Qt."""

from __future__ import annotations

from typing import Any

import click

PERIOD_WORDS = {"day": "per day", "week": "per ISO week"}


def _figure(value) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def vs_gold_lines(found: dict[str, Any]) -> list[str]:
    if not found["documents"]:
        return ["against gold: no document is adjudicated yet"]
    lines = [f"against gold: {found['documents']} adjudicated document(s), {PERIOD_WORDS[found['period']]} "
             "of adjudication"]
    for name, figures in found["annotators"].items():
        if not figures["documents"]:
            lines.append(f"{name}: annotated none of the adjudicated documents")
            continue
        lines.append(f"{name}: {_summary(figures)}")
        labels = list(figures["per_label"])
        width = max(len("label"), *map(len, labels))
        lines.append(f"  {'label':<{width}} {'F1 exact':>9} {'F1 overlap':>11} {'spans':>6} {'gold':>6}")
        for label, values in figures["per_label"].items():
            lines.append(f"  {label:<{width}} {_figure(values['f1_exact']):>9} {_figure(values['f1_overlap']):>11} "
                         f"{values['spans']:>6} {values['gold_spans']:>6}")
        lines.append(f"  {'over time':<10} " + " ".join(f"{label:>13}" for label in labels)
                     + "   (F1 exact/overlap per label)")
        for point in figures["over_time"]:
            cells = [f"{_short(v['f1_exact'])}/{_short(v['f1_overlap'])}" if v["f1_exact"] is not None else "n/a"
                     for v in point["per_label"].values()]
            lines.append(f"  {point['period']:<10} " + " ".join(f"{cell:>13}" for cell in cells)
                         + f"   {_summary(point)}")
    return lines


def _summary(figures: dict[str, Any]) -> str:
    parts = [f"{figures['documents']} document(s)", f"F1 exact {_figure(figures['f1_exact'])}",
             f"overlap {_figure(figures['f1_overlap'])}"]
    parts += [f"{key} kappa {_figure(value)}" for key, value in figures["attributes"].items()]
    parts += [f"{relation} F1 {_figure(values['f1'])}" for relation, values in figures["relations"].items()]
    return ", ".join(parts)


def _short(value) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def print_vs_gold(found: dict[str, Any]) -> None:
    for line in vs_gold_lines(found):
        click.echo(line)
