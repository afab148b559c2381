"""The ``annotator`` command: a thin click layer over core and formats.

Every failure a user can cause ends as one line on stderr and exit status 1.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotator.core.errors import AnnotatorError
from annotator.core.schema import load_schema_file
from annotator.core.store import Project
from annotator.formats.registry import EXPORT_FORMATS, FORMATS
from annotator.cli_errors import CommandFailure, command_errors
from annotator.cli_location import NEW_PROJECT, PROJECT
from annotator.launch import Failure, check_project, collect_later, open_demo, open_window, welcome

if TYPE_CHECKING:
    from annotator.core.ingest import ImportReport


def _start(window: Callable[..., int], *arguments) -> None:
    """Run one of ``launch``'s windows and exit with its status."""
    try:
        status = window(*arguments)
    except Failure as failure:
        raise CommandFailure(str(failure)) from None
    sys.exit(status)


@click.group(invoke_without_command=True)
@click.version_option(package_name="annotator")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Annotate speakers, claims, targets and stance in Arabic news articles.

    With no command, shows the welcome window (recent projects, new, open, the demo).
    """
    if ctx.invoked_subcommand is None:
        _start(welcome)


@cli.command()
@click.argument("project", type=NEW_PROJECT)
@click.option("--schema", "schema_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A TOML schema file; the default schema (SPEAKER, CLAIM, TARGET) otherwise.")
@click.option("--guidelines", "guidelines_file", type=click.Path(path_type=Path),
              help="A Markdown file of annotation guidelines, shown beside the article.")
def init(project: Path, schema_file: Path | None, guidelines_file: Path | None) -> None:
    """Create a new, empty project: a file, or a postgresql://USER@HOST:PORT/DATABASE URL
    of an existing, empty database (?schema=NAME: a new schema of it)."""
    from annotator.core.guidelines import read_guidelines_file
    from annotator.core.store import guidelines

    with command_errors():
        schema = load_schema_file(schema_file) if schema_file else None
        markdown = read_guidelines_file(guidelines_file) if guidelines_file else None
        with Project.create(project, schema) as created:
            if markdown is not None:
                guidelines.replace(created, markdown)
    click.echo(f"created {project}", err=True)


@cli.command("guidelines")
@click.argument("project", type=PROJECT)
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--language", help="Replace (or print) only this interface language's guidelines (ar, en).")
def guidelines_(project: Path, file: Path | None, language: str | None) -> None:
    """Replace the project's annotation guidelines with a Markdown FILE (those of every
    language, unless --language names one), or print them when no FILE is given."""
    from annotator.core.guidelines import for_language, read_guidelines_file
    from annotator.core.store import guidelines

    with command_errors():
        if file is None:
            with Project.open(project, read_only=True) as opened:
                stored = guidelines.read(opened)
            if not stored:
                raise CommandFailure(f"{project} has no guidelines; add them with: annotator guidelines {project} FILE.md")
            click.echo(for_language(stored, language or "en"), nl=False)
            return
        markdown = read_guidelines_file(file)
        with Project.open(project, writer=True) as opened:
            guidelines.replace(opened, markdown, language)
    click.echo(f"{project}: guidelines replaced from {file}", err=True)


@cli.command("import")
@click.argument("project", type=NEW_PROJECT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "format_", type=click.Choice(("auto", *FORMATS)), default="auto", show_default=True,
              help="auto: from each file's content, then its extension (a folder: brat, else its .txt files).")
@click.option("--encoding", help="Decode every file with this encoding instead of detecting it.")
@click.option("--annotator", help="Layer (annotator) name for every annotation imported, over any name the files give.")
@click.option("--replace", is_flag=True, help="Replace a layer a document already has.")
@click.option("--verbose", is_flag=True, help="Also a line per document and per file.")
def import_(project: Path, paths: tuple[Path, ...], format_: str, encoding: str | None,
            annotator: str | None, replace: bool, verbose: bool) -> None:
    """Import articles and annotations (text, native JSONL, Prodigy, doccano, Label Studio,
    brat, spaCy, CoNLL) in one transaction: all of them or, on the first error, none.
    A doccano file's layer is its file's name (admin.jsonl: admin) unless its lines or
    --annotator name one."""
    from annotator.formats import registry

    _warn_if_networked(project)
    with command_errors(), Project.open(project, writer=True) as opened:
        items = registry.gather(paths, format_)
        with _progress_bar(registry.expected_records(items), "importing") as bar:
            report = registry.import_files(opened, items, encoding=encoding, annotator=annotator,
                                           replace=replace, progress=bar, per_record=True)
    _print_report(report, verbose)


def _warn_if_networked(project: Path) -> None:
    from annotator.core.store.project_file import network_warning

    if not isinstance(project, Path):  # a project on a server
        return
    warning = network_warning(project)
    if warning:
        click.echo(warning, err=True)


def _print_report(report: ImportReport, verbose: bool = False) -> None:
    for line in report.summary(verbose):
        click.echo(line, err=True)


@cli.command()
@click.argument("project", type=PROJECT)
@click.option("-o", "--output", default="-", show_default=True,
              help="Output file (a folder for brat); - for stdout (native JSONL only).")
@click.option("--format", "format_", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True,
              help="jsonl is the native format; the others are read by the tools of the same name.")
@click.option("--layer", default="all", show_default=True,
              help="all; gold (adjudicated documents only); gold+review (also those in review); "
                   "or an annotator's name.")
@click.option("--doccano-flavour", type=click.Choice(("relations", "labels")), default="relations",
              show_default=True, help="doccano: relation extraction, or sequence labelling only.")
@click.option("--release", "release_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write a dataset release into this folder: one JSONL per split and a dataset card.")
@click.option("--split", "split_spec", default="train=0.8,dev=0.1,test=0.1", show_default=True,
              help="With --release: split names and fractions (summing to 1).")
@click.option("--seed", default=0, show_default=True, type=int,
              help="With --release: the seed of the split by document id.")
def export(project: Path, output: str, format_: str, layer: str, doccano_flavour: str,
           release_dir: Path | None, split_spec: str, seed: int) -> None:
    """Export documents and annotations (one line per document and layer in native JSONL),
    or a dataset release with --release."""
    from annotator.formats import registry
    from annotator.formats.workers import default_workers

    with command_errors(), Project.open(project) as opened:
        if release_dir is not None:
            _export_release(opened, release_dir, layer, split_spec, seed)
            return
        if format_ != "jsonl" and output == "-":
            raise AnnotatorError(f"--format {format_} writes a file or folder; name it with -o")
        options = {"flavour": doccano_flavour} if format_ == "doccano" else {}
        with _progress_bar(opened.document_count() if output != "-" else 0, "exporting") as bar:
            report = registry.export(opened, format_, output, layer, progress=bar, workers=default_workers(),
                                     **options)
    if format_ == "jsonl":
        if output != "-":
            click.echo(f"wrote {report.documents} line(s) to {output}", err=True)
        return
    for line in report.summary():
        click.echo(line, err=True)
    click.echo(f"written to {', '.join(str(f) for f in report.files)}", err=True)


def _export_release(opened: Project, folder: Path, layer: str, split_spec: str, seed: int) -> None:
    from annotator.formats.release import NothingToRelease, parse_splits, write_release

    splits = parse_splits(split_spec)
    try:
        with _progress_bar(opened.document_count(), "exporting") as bar:
            report = write_release(opened, folder, layer, splits, seed, progress=bar)
    except NothingToRelease as empty:
        raise CommandFailure(f"nothing released: {empty.facts()}; {_release_remedy(empty, opened.path)}") from None
    for line in report.summary():
        click.echo(line, err=True)


def _release_remedy(empty, project: Path) -> str:
    """What to do about an empty release, in the command line's words."""
    from annotator.core.model import GOLD_LAYER
    from annotator.formats.native_export import GOLD_WITH_REVIEW

    review = f"annotator review {project} --reviewer NAME"
    if empty.layer == GOLD_LAYER and empty.in_review:
        return (f"mark documents adjudicated in the review window ({review}), "
                "or release the gold still in review with --layer gold+review")
    if empty.layer in (GOLD_LAYER, GOLD_WITH_REVIEW) and empty.documents:
        return (f"settle what the annotators agree on with `{review} --accept-agreed` "
                f"(then --layer gold+review), or adjudicate in the review window ({review})")
    return "import documents first" if not empty.documents else "choose another --layer"


@contextmanager
def _progress_bar(total: int | None, label: str, threshold: int = 200) -> Iterator[Callable[[int], None] | None]:
    """The one progress bar of the command line, for long imports and exports: on a
    terminal only, never in pipes and tests. ``total`` None: not known, the bar counts."""
    if (total is not None and total < threshold) or not sys.stderr.isatty():
        yield None
        return
    # An iterable of unknown length (never iterated) makes click count without an end.
    extent = {"length": total} if total is not None else {"iterable": itertools.count(), "show_pos": True}
    with click.progressbar(label=label, file=sys.stderr, **extent) as bar:
        yield bar.update


@cli.command()
@click.argument("project", type=PROJECT)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(project: Path, as_json: bool) -> None:
    """Documents, annotators, spans per label, status counts and active time per annotator."""
    with command_errors(), Project.open(project) as opened:
        from annotator.core.store.summary import stats as project_stats

        figures = project_stats(opened)
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    click.echo(f"documents: {figures['documents']}")
    click.echo(f"annotators: {', '.join(figures['annotators']) or 'none'}")
    click.echo(f"spans: {figures['spans']}, relations: {figures['relations']}")
    for layer, labels in figures["spans_per_label"].items():
        click.echo(f"  {layer}: " + ", ".join(f"{label} {n}" for label, n in labels.items()))
    for layer, counts in figures["status"].items():
        click.echo(f"  {layer} status: " + ", ".join(f"{s} {n}" for s, n in counts.items()))
    for layer, timed in figures["active_time"].items():
        per_words = timed["median_minutes_per_1000_words"]
        documents = timed["documents"]
        click.echo(f"  {layer} active time: {timed['minutes']:.1f} min on {documents} "
                   f"document{'' if documents == 1 else 's'}, "
                   f"median {timed['median_minutes_per_document']:.1f} min per document"
                   + ("" if per_words is None else f", {per_words:.1f} min per 1,000 words"))


@cli.command()
@click.argument("project", type=PROJECT)
@click.option("--layers", help="Comma-separated annotator layers; every annotator's layer by default.")
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
def agreement(project: Path, layers: str | None, as_json: bool) -> None:
    """Inter-annotator agreement: span F1 and alpha_U per label, kappa and alpha per attribute, agreement per relation type;
    and each annotator against gold on the adjudicated documents, per label and over time (``vs_gold``)."""
    from annotator.cli_vs_gold import print_vs_gold
    from annotator.core.vs_gold import agreement_with_vs_gold

    chosen = [name.strip() for name in layers.split(",") if name.strip()] if layers else None
    with command_errors(), Project.open(project) as opened:
        figures = agreement_with_vs_gold(opened, chosen)
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2, allow_nan=False))
        return
    _print_agreement(figures)
    print_vs_gold(figures["vs_gold"])


def _figure(value) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _print_agreement(figures: dict) -> None:
    click.echo(f"layers: {', '.join(figures['layers']) or 'none'}")
    click.echo(f"{'label':<10} {'F1 exact':>9} {'F1 overlap':>11} {'alpha_U':>8}")
    for label, values in figures["labels"].items():
        click.echo(f"{label:<10} {_figure(values.get('f1_exact')):>9} {_figure(values.get('f1_overlap')):>11} "
                   f"{_figure(values.get('alpha_u')):>8}")
    for key, values in figures["attributes"].items():
        click.echo(f"{key}: kappa {_figure(values.get('kappa'))}, alpha {_figure(values.get('alpha'))}")
    for relation, values in figures["relations"].items():
        click.echo(f"{relation}: agreement {_figure(values.get('agreement'))} over {values.get('compared', 0)} "
                   "matched head(s)")
    for name, values in figures.get("document_labels", {}).items():
        click.echo(f"document label {name}: kappa {_figure(values['kappa'])}, alpha {_figure(values['alpha'])}, "
                   f"agreement {_figure(values['agreement'])} over {values['compared']} document(s)")
        for pair in values["pairs"]:
            click.echo(f"  {pair['a']} / {pair['b']}: kappa {_figure(pair['kappa'])} over {pair['compared']} document(s)")
    for pair in figures["pairs"]:
        kappas = "".join(f", {key} kappa {_figure(value)}" for key, value in pair["attributes"].items())
        click.echo(f"  {pair['a']} / {pair['b']}: F1 exact {_figure(pair.get('f1_exact'))}, "
                   f"overlap {_figure(pair.get('f1_overlap'))}{kappas}")
    worst = figures["documents"][:10]
    if worst:
        click.echo("documents with the most disagreement:")
        for document in worst:
            click.echo(f"  {document['id']}: F1 overlap {_figure(document.get('f1_overlap'))}, "
                       f"{document.get('disagreements', 0)} disagreement(s)")


@cli.command()
@click.argument("project", type=PROJECT)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the backup here instead of beside the project (a server project: required).")
def backup(project: Path, output: Path | None) -> None:
    """Make a verified backup (SQLite's backup API, safe while the window is open). A
    project on a server (a URL) is written with -o as an ordinary project file: what
    the server held at one moment, whatever the team writes meanwhile."""
    if output is None and not isinstance(project, Path):
        raise CommandFailure(f"{project}: name the project file to write with -o, as in "
                             f"annotator backup URL -o copy.annotator")
    with command_errors(), Project.open(project, read_only=True) as opened:
        made = opened.backup(output)
    click.echo(f"backed up to {made}", err=True)


@cli.command()
@click.argument("project", type=NEW_PROJECT)
@click.argument("backup_file", metavar="BACKUP", type=PROJECT)
def restore(project: Path, backup_file: Path) -> None:
    """Put a backup in place of the project; the current file is kept aside. With a
    postgresql:// URL (either way round: restore copy.annotator URL), copy the project
    file into that empty database (or new ?schema=NAME) in one transaction."""
    from annotator.core.store.backup import restore as restore_backup
    from annotator.core.store.project_file import WriterLock

    if not isinstance(project, Path) or not isinstance(backup_file, Path):
        _restore_to_server(project, backup_file)
        return
    with command_errors():
        lock = WriterLock(project).acquire()
        try:
            aside = restore_backup(project, backup_file)
        finally:
            lock.release()
    kept = f"; the previous file is kept as {aside}" if aside else ""
    click.echo(f"restored {backup_file} as {project}{kept}", err=True)


def _restore_to_server(first, second) -> None:
    """``restore URL FILE`` or ``restore FILE URL``: the file into the server's empty database."""
    from annotator.core.store.server_backup import restore_to_server

    if not isinstance(first, Path) and not isinstance(second, Path):
        raise CommandFailure(f"{first} and {second} are both on a server; restore copies a project file to a "
                             "server: back the first up with `annotator backup URL -o FILE`, then restore FILE")
    address, source = (first, second) if isinstance(second, Path) else (second, first)
    if not source.is_file():
        raise CommandFailure(f"{source}: no such project file to restore; name the file made by "
                             "`annotator backup URL -o FILE`")
    with command_errors():
        documents = restore_to_server(source, address)
    click.echo(f"restored {source} into {address} ({documents} document(s))", err=True)


@cli.command()
@click.argument("project", type=PROJECT)
def check(project: Path) -> None:
    """Check the project file and every annotation in it; repairs nothing."""
    from annotator.core.store.summary import findings

    with command_errors(), Project.open(project, read_only=True) as opened:
        found = findings(opened)
    if found:
        for finding in found:
            click.echo(finding)
        raise CommandFailure(f"{project}: {len(found)} problem(s) found; nothing was changed")
    click.echo(f"{project}: sound")


@cli.command()
@click.option("--no-window", is_flag=True, help="Only create the demo project and print its path.")
def demo(no_window: bool) -> None:
    """Create the demo project in your data folder if missing, and open it."""
    if no_window:
        from annotator.demo import ensure_demo_project

        with command_errors():
            click.echo(str(ensure_demo_project()))
        return
    _start(open_demo)


@cli.command("open")
@click.argument("project", type=PROJECT)
def open_(project: Path) -> None:
    """Open a project in the window."""
    _start(open_window, project)


@cli.command()
@click.argument("project", type=PROJECT)
@click.option("--document", "doc_id", help="Only this document (its export id).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per suggestion.")
def suggest(project: Path, doc_id: str | None, as_json: bool) -> None:
    """Suggested statements and who made them, as the schema's [suggestions] labels them
    (never stored)."""
    from annotator.core.suggest import suggest as suggest_for

    with command_errors(), Project.open(project, read_only=True) as opened:
        if opened.schema.suggestions is None:
            raise AnnotatorError(f"{project}: its schema {opened.schema.name!r} asks for no suggestions; "
                                 "a [suggestions] table in the schema file does (see docs/schema.md)")
        documents = list(opened.documents())
        if doc_id is not None:
            documents = [d for d in documents if d.id == doc_id]
            if not documents:
                raise AnnotatorError(f"{project} has no document {doc_id!r}")
        for document in documents:
            for found in suggest_for(document.text):
                _print_suggestion(document, found, as_json)


def _print_suggestion(document, found, as_json: bool) -> None:
    text = document.text
    speaker = text[found.speaker[0]:found.speaker[1]] if found.speaker else None
    if as_json:
        click.echo(json.dumps({
            "document": document.id, "rule": found.rule, "confidence": found.confidence,
            "claim": {"start": found.claim[0], "end": found.claim[1], "text": text[found.claim[0]:found.claim[1]]},
            "speaker": ({"start": found.speaker[0], "end": found.speaker[1], "text": speaker}
                        if found.speaker else None),
            "speaker_is_guess": found.speaker_is_guess,
        }, ensure_ascii=False))
        return
    guess = " (guess)" if found.speaker_is_guess else ""
    click.echo(f"{document.id}\t{found.rule}\t{found.confidence:.2f}\t{speaker or '-'}{guess}\t"
               f"{text[found.claim[0]:found.claim[1]]}")


@cli.command()
@click.argument("project", type=PROJECT)
@click.option("--reviewer", help="Your name, recorded on every gold decision (an undo needs none).")
@click.option("--document", "doc_id", help="Open this document (its export id) first; with --accept-agreed, "
                                           "only this document.")
@click.option("--accept-agreed", is_flag=True,
              help="Without the window: settle every unit all annotators agree on, in every document not yet "
                   "adjudicated, into gold, as the window's 'Accept all agreed' does; print what is left open.")
@click.option("--undo-accept-agreed", "undo_run", metavar="RUN",
              help="Take back what an --accept-agreed run added: RUN is the time it printed, or 'last'.")
def review(project: Path, reviewer: str | None, doc_id: str | None, accept_agreed: bool,
           undo_run: str | None) -> None:
    """Open the review window: compare annotators and build the gold layer. With
    --accept-agreed or --undo-accept-agreed, no window opens."""
    if accept_agreed or undo_run:
        from annotator import cli_review

        if accept_agreed and undo_run:
            raise CommandFailure("--accept-agreed and --undo-accept-agreed go one at a time")
        reviewer = _reviewer(reviewer) if accept_agreed else reviewer
        with command_errors(), Project.open(project, writer=True) as opened:
            if undo_run:
                cli_review.undo(opened, undo_run)
            else:
                cli_review.accept(opened, reviewer, doc_id)
        return
    with command_errors():
        reviewer = _reviewer(reviewer)
        check_project(project)
        collect_later()
        from annotator.ui.app import application, event_loop
        from annotator.ui.review_window import ReviewWindow

        app = application()
        window = ReviewWindow(project, reviewer=reviewer)
        if doc_id:
            window.open_document(doc_id)
        window.show()
        status = event_loop(app)
    sys.exit(status)


def _reviewer(name: str | None) -> str:
    if not name or not name.strip():
        raise CommandFailure("name yourself with --reviewer NAME: it is recorded on every gold decision")
    return name.strip()


from annotator.cli_review_report import review_report  # noqa: E402 (a command of its own module)

cli.add_command(review_report)

from annotator.cli_notes import notes  # noqa: E402 (a command of its own module)

cli.add_command(notes)

from annotator.cli_find import find  # noqa: E402 (a command of its own module)

cli.add_command(find)

from annotator.cli_speakers import speakers_command  # noqa: E402 (a command of its own module)

cli.add_command(speakers_command)

from annotator.cli_assign import assign_command, assignments_command, unassign_command  # noqa: E402 (own module)

cli.add_command(assign_command)
cli.add_command(unassign_command)
cli.add_command(assignments_command)

from annotator.cli_checkout import checkin, checkout  # noqa: E402 (commands of their own module)

cli.add_command(checkout)
cli.add_command(checkin)

from annotator.cli_team import team  # noqa: E402 (a command group of its own module)

cli.add_command(team)


def main() -> None:
    """The click command line; ``annotator.launch.main``, the installed command, starts
    the window itself for ``annotator``, ``annotator demo`` and ``annotator open PROJECT``."""
    cli(prog_name="annotator")
