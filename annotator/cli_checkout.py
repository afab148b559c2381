"""``annotator checkout PROJECT --annotator NAME -o FILE`` writes an annotator's assigned
documents and their layer to a project file of their own for offline work;
``annotator checkin PROJECT FILE [--prefer checkout|project]`` brings that layer back
(``formats/checkout.py`` says what is taken, left alone and refused). Nothing here
imports Qt."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli_errors import command_errors
from annotator.cli_location import PROJECT
from annotator.core.store import Project


@click.command("checkout")
@click.argument("project", type=PROJECT)
@click.option("--annotator", required=True, help="Whose assigned documents and layer go into the file.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The project file to write (it must not exist yet).")
@click.option("--all", "everything", is_flag=True,
              help="Every document of the project, for an annotator with no assignments.")
def checkout(project: Path, annotator: str, output: Path, everything: bool) -> None:
    """Check an annotator's documents out to a project file of their own, for offline work."""
    from annotator.formats.checkout import check_out

    with command_errors(), Project.open(project, writer=True) as opened:
        report = check_out(opened, annotator, output, everything)
    for line in report.summary():
        click.echo(line.replace("PROJECT", str(project)), err=True)


@click.command("checkin")
@click.argument("project", type=PROJECT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--prefer", type=click.Choice(("checkout", "project")),
              help="Which side wins on a document edited both in the file and in the project since the "
                   "check-out (without it such documents are listed and left alone).")
def checkin(project: Path, file: Path, prefer: str | None) -> None:
    """Bring an annotator's layer back from a checked-out file, in one transaction."""
    from annotator.formats.checkout import check_in

    with command_errors(), Project.open(project, writer=True) as opened:
        report = check_in(opened, file, prefer)
    for line in report.summary():
        click.echo(line, err=True)
