"""``annotator notes PROJECT [--visible-to all|reviewers] [--json]``: the project's notes
(each with its author, document, span and times), and who may read them. Notes are
private to their author and the reviewers unless the lead opens them to everyone:
annotators who read each other's doubts agree more than their own judgment would.
Nothing here imports Qt."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from annotator.cli_errors import command_errors
from annotator.cli_location import PROJECT
from annotator.core.store import Project
from annotator.core.store import notes as note_store


@click.command("notes")
@click.argument("project", type=PROJECT)
@click.option("--visible-to", type=click.Choice(note_store.VISIBILITIES),
              help="Who may read an annotator's notes: the reviewers only (the default) or all annotators.")
@click.option("--json", "as_json", is_flag=True, help="Print the notes as JSON.")
def notes(project: Path, visible_to: str | None, as_json: bool) -> None:
    """List the project's notes; --visible-to opens them to all annotators or closes them again."""
    with command_errors(), Project.open(project, writer=visible_to is not None) as opened:
        if visible_to is not None:
            note_store.set_visible_to(opened, visible_to)
        found = listing(opened)
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    click.echo(f"notes: {len(found['notes'])}, visible to {found['visible_to']}")
    for note in found["notes"]:
        words = f" «{' '.join(note['words'].split())}»" if note["words"] is not None else " (the document)"
        click.echo(f"  {note['document']} {note['layer']}{words}: {note['text']}")


def listing(project: Project) -> dict[str, Any]:
    """Who may read the notes, and every note with the words of its span."""
    texts: dict[int, str] = {}
    found = []
    for doc_id, note in note_store.all_notes(project):
        words = None
        if note.span is not None:
            span = project.span(note.span)
            text = texts.setdefault(note.document, project.document(note.document).text)
            words = text[span.start:span.end]
        found.append({"document": doc_id, "layer": note.layer, "span": note.span, "words": words,
                      "text": note.text, "created_at": note.created_at, "updated_at": note.updated_at})
    return {"visible_to": note_store.visible_to(project), "notes": found}
