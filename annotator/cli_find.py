"""``annotator find PROJECT QUERY [--json] [--limit N]``: the corpus search of the window's
Edit → Search the corpus…, on the command line (docs/search.md). Nothing here imports Qt."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

import click

from annotator.cli_errors import command_errors
from annotator.cli_location import PROJECT
from annotator.core.find_query import Hit, parse
from annotator.core.store import Project
from annotator.core.store.find import find as run_find


@click.command("find")
@click.argument("project", type=PROJECT)
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=200, show_default=True,
              help="Hits listed at most.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
def find(project: Path, query: str, limit: int, as_json: bool) -> None:
    """Find spans by their words and annotations, for instance
    label:CLAIM stance:AGAINST about:"مسار جنيف" layer:mona (docs/search.md)."""
    with command_errors(), Project.open(project) as opened:
        hits, more = run_find(opened, parse(query, opened.schema, opened.layer_names()), limit)
    if as_json:
        click.echo(json.dumps({"query": query, "hits": [_record(hit) for hit in hits], "more": more},
                              ensure_ascii=False, indent=2))
        return
    for hit in hits:
        click.echo(line_of(hit))
    shown = f"{len(hits)} hit{'' if len(hits) == 1 else 's'}"
    click.echo(f"{shown}; more follow: raise --limit to see them" if more else shown)


def line_of(hit: Hit) -> str:
    """``doc-1  mona  CLAIM  120-139  …before [words] after…``, on one line."""
    if hit.span is None:
        return f"{hit.doc_id}  {_flat(hit.title)}"
    context = f"{_flat(hit.before)}[{_flat(hit.words)}]{_flat(hit.after)}"
    return f"{hit.doc_id}  {hit.layer}  {hit.label}  {hit.start}-{hit.end}  {context}"


def _record(hit: Hit) -> dict:
    return {"document": hit.doc_id, "title": hit.title, **{k: v for k, v in asdict(hit).items()
                                                           if k not in ("document", "doc_id", "title")}}


def _flat(text: str) -> str:
    """The text on one line: each run of whitespace (a line break too) as one space."""
    return re.sub(r"\s+", " ", text)
