"""``annotator speakers PROJECT [--json]``: every entity the project's spans name, with its
id, mentions, documents, layers and the words that mention it; ``--merge KEEP OTHER``
makes two entities one, ``--rename OLD NEW`` renames one, ``--undo`` takes the latest of
either back. An entity is given by any spelling of its name or by its id. Each change is
one transaction over every layer, gold included (``core/speakers.py`` says why). Nothing
here imports Qt."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from annotator.cli_errors import CommandFailure, command_errors
from annotator.cli_location import PROJECT
from annotator.core import speakers
from annotator.core.store import Project


@click.command("speakers")
@click.argument("project", type=PROJECT)
@click.option("--merge", nargs=2, metavar="KEEP OTHER", help="Make OTHER one entity with KEEP (KEEP's name and id).")
@click.option("--rename", nargs=2, metavar="OLD NEW", help="Give every mention of entity OLD the name NEW.")
@click.option("--undo", is_flag=True, help="Take back the latest merge or rename not undone yet.")
@click.option("--json", "as_json", is_flag=True, help="Print the entities as JSON.")
def speakers_command(project: Path, merge: tuple[str, str] | None, rename: tuple[str, str] | None, undo: bool,
                     as_json: bool) -> None:
    """List the entities speakers are named by, across documents and layers; merge or rename one."""
    if sum(bool(asked) for asked in (merge, rename, undo)) > 1:
        raise click.UsageError("--merge, --rename and --undo go one at a time")
    changing = bool(merge or rename or undo)
    try:
        with command_errors(passing=(speakers.EntityNameTaken,)), Project.open(project, writer=changing) as opened:
            if changing:
                click.echo(_change(opened, merge, rename, undo))
                return
            found = [_entry(speaker) for speaker in speakers.registry(opened)]
    except speakers.EntityNameTaken as taken:
        raise CommandFailure(f"{taken}: annotator speakers {project} --merge "
                             f"{_quoted(taken.holder.name)} {_quoted(taken.renamed.name)}") from None
    if as_json:
        click.echo(json.dumps({"entities": found}, ensure_ascii=False, indent=2))
        return
    click.echo(f"entities: {len(found)}, mentions: {sum(entity['mentions'] for entity in found)}")
    for entity in found:
        words = ", ".join(f"{variant} ({count})" for variant, count in entity["variants"])
        click.echo(f"  {entity['id']} «{entity['name']}»: {entity['mentions']} mention(s) in "
                   f"{len(entity['documents'])} document(s), layers {_counts(entity['layers'])}; words: {words}")


def _change(project: Project, merge, rename, undo: bool) -> str:
    if undo:
        undone = speakers.undo_last(project)
        detail = undone.logged.detail
        left = f"; {undone.left} mention(s) changed since were left as they are" if undone.left else ""
        verb = "merge of" if undone.logged.action == "merge_entities" else "rename of"
        return f"undid the {verb} «{detail['from']}» into «{detail['to']}» ({undone.logged.at}){left}"
    if merge:
        edit = speakers.merge(project, *merge)
        done = f"merged «{merge[1].strip()}» into «{edit.subject}»"
    else:
        edit = speakers.rename(project, *rename)
        done = f"renamed «{rename[0].strip()}» to «{edit.subject}»"
    mentions = sum(len(changes.spans_changed) for changes in edit.changes)
    return (f"{done}: {mentions} mention(s) in {len(edit.changes)} document(s)\n"
            f"to undo it: annotator speakers {project.path} --undo")


def _entry(speaker: speakers.Speaker) -> dict[str, Any]:
    return {"id": speaker.id, "name": speaker.name, "mentions": speaker.count,
            "documents": list(speaker.documents), "layers": speaker.layers,
            "names": [list(pair) for pair in speaker.names], "variants": [list(pair) for pair in speaker.variants]}


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items())


def _quoted(name: str) -> str:
    return f"'{name}'" if any(c.isspace() for c in name) else name
