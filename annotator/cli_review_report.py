"""``annotator review-report PROJECT [--json]``: the review decisions by category, the
guideline gaps first, each group with its count and examples (document, words, the
versions it came from, the decision), so that a team sees why annotators disagreed and
what to change in the guidelines. Nothing here imports Qt."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from annotator.cli_errors import command_errors
from annotator.cli_location import PROJECT
from annotator.core.decision_reasons import EXAMPLES, GUIDELINE_GAPS, NOT_GIVEN, report
from annotator.core.store import Project

GROUP_TITLES = {
    GUIDELINE_GAPS: "Guideline gaps (category guideline gap, or guidelines need updating)",
    "annotator_error": "Annotator error",
    "ambiguous_text": "Ambiguous text",
    "schema_gap": "Schema gap",
    NOT_GIVEN: "No category given",
}
CATEGORY_WORDS = {"annotator_error": "annotator error", "ambiguous_text": "ambiguous text",
                  "guideline_gap": "guideline gap", "schema_gap": "schema gap", NOT_GIVEN: "not given"}


@click.command("review-report")
@click.argument("project", type=PROJECT)
@click.option("--examples", type=click.IntRange(min=0), default=EXAMPLES, show_default=True,
              help="Examples listed per category, newest first.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def review_report(project: Path, examples: int, as_json: bool) -> None:
    """Review decisions by category (annotator error, ambiguous text, guideline gap,
    schema gap), the guideline gaps first, with examples and counts."""
    with command_errors(), Project.open(project) as opened:
        found = report(opened, examples)
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for line in report_lines(found):
        click.echo(line)


def report_lines(found: dict[str, Any]) -> list[str]:
    lines = [f"review decisions: {found['decisions']}"
             + (f" ({found['accepted_agreed']} agreed units accepted without a decision of their own are not listed)"
                if found["accepted_agreed"] else ""),
             "by category: " + ", ".join(f"{CATEGORY_WORDS[name]} {n}" for name, n in found["counts"].items()),
             f"guidelines need updating: {found['guidelines_need_update']}"]
    for group in found["groups"]:
        if not group["count"]:
            continue
        lines += ["", f"{GROUP_TITLES[group['group']]}: {group['count']}"]
        lines += [f"  {_example(example)}" for example in group["examples"]]
        if group["count"] > len(group["examples"]):
            lines.append(f"  … and {group['count'] - len(group['examples'])} more")
    return lines


def _example(example: dict[str, Any]) -> str:
    decision = example["decision"] + (f" {example['label']}" if example["label"] else "")
    why = [CATEGORY_WORDS[example["category"]]] if example["category"] else []
    if example["guidelines_need_update"]:
        why.append("guidelines need updating")
    parts = [example["document"], f"«{' '.join(example['text'].split())}»", decision,
             "versions: " + (", ".join(example["versions"]) or "none (drawn by the reviewer)")]
    if why:
        parts.append("; ".join(why))
    if example["reason"]:
        parts.append(f"reason: {example['reason']}")
    parts.append(f"by {example['decided_by']} at {example['decided_at']}")
    if example["decision_ms"] is not None:
        parts.append(f"took {example['decision_ms'] / 1000:.1f} s")
    return "  ".join(parts)
