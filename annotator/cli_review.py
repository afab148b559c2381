"""``annotator review --accept-agreed`` and ``--undo-accept-agreed``: the review window's
"Accept all agreed" over every document, from the command line, and its undo. Nothing
here imports Qt: a reviewer runs it over thousands of documents on a machine without a
screen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import click

from annotator.core import adjudicate, document_label_review
from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Project, now

ONE_ANNOTATOR = "only one annotator"  # an open unit that agrees with itself: nobody to agree with


@dataclass
class _Totals:
    documents: int = 0
    settled_in: int = 0
    open_in: int = 0
    adjudicated: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    links: int = 0
    open_units: int = 0
    open: Counter[str] = field(default_factory=Counter)  # what differs, over the open units
    document_labels: Counter[str] = field(default_factory=Counter)  # settled, by document label

    def add(self, accepted: adjudicate.Accepted) -> None:
        self.documents += 1
        changes = accepted.changes
        self.settled_in += bool(changes.spans_added)
        self.open_in += bool(accepted.left_open)
        self.labels.update(span.label for span in changes.spans_added)
        self.links += len(changes.relations_added)
        self.open_units += len(accepted.left_open)
        self.open.update(_open_reasons(accepted.left_open))


def accept(project: Project, reviewer: str, doc_id: str | None) -> None:
    """Settle the agreed units of one document, or of every document not adjudicated yet
    (an adjudicated one is the reviewer's finished word), in one transaction as an import
    is: all of it or, interrupted, none. Prints a line per document that has units and, at
    the end, the totals, what is left open and how to undo the run."""
    run = now()  # every span and link of the run carries this time: undo finds them by it
    totals = _Totals()
    try:
        with project.transaction():
            for key, document_id in _documents(project, doc_id):
                if doc_id is None and project.status(key, GOLD_LAYER) == "done":
                    totals.adjudicated += 1
                    continue
                accepted = adjudicate.accept_agreed_in_run(project, key, reviewer, run)
                totals.add(accepted)
                if accepted.changes.spans_added or accepted.left_open:
                    click.echo(f"{document_id}: {_settled(accepted)}; {_left_open(accepted)}")
                labels = document_label_review.accept_agreed(project, key, reviewer, run).document_labels
                totals.document_labels.update(label.name for label in labels)
                if labels:
                    click.echo(f"{document_id}: settled document label(s) "
                               + ", ".join(f"{label.name} {label.value}" for label in labels))
    except KeyboardInterrupt:
        click.echo(f"interrupted after {totals.documents} document(s): nothing was settled", err=True)
        raise SystemExit(130) from None
    _print_totals(project, totals, run)


def _documents(project: Project, doc_id: str | None) -> list[tuple[int, str]]:
    """(key, id) of the documents to settle, read before the first decision is written."""
    if doc_id is None:
        return [(document.key, document.id) for document in project.documents()]
    document = project.document_by_id(doc_id)
    if document is None:
        raise AnnotatorError(f"{project.path} has no document {doc_id!r}")
    return [(document.key, document.id)]


def _open_reasons(units: tuple[adjudicate.Unit, ...]) -> list[str]:
    return [difference for unit in units for difference in unit.differences or (ONE_ANNOTATOR,)]


def _settled(accepted: adjudicate.Accepted) -> str:
    spans, links = accepted.changes.spans_added, accepted.changes.relations_added
    if not spans:
        return "nothing agreed to settle"
    labels = Counter(span.label for span in spans)
    return f"settled {len(spans)} ({_listing(labels)})" + (f" and {len(links)} link(s)" if links else "")


def _left_open(accepted: adjudicate.Accepted) -> str:
    if not accepted.left_open:
        return "nothing left open"
    return f"left open {len(accepted.left_open)} ({_reasons(Counter(_open_reasons(accepted.left_open)))})"


def _listing(counts: Counter[str]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.most_common())


def _reasons(counts: Counter[str]) -> str:
    """What differs in the open units, each with how many units (a reason such as
    "missing in karim, sara" has commas of its own)."""
    return "; ".join(f"{reason}: {count}" for reason, count in counts.most_common())


def _print_totals(project: Project, totals: _Totals, run: str) -> None:
    settled = sum(totals.labels.values())
    if settled:
        links = f" and {totals.links} link(s)" if totals.links else ""
        click.echo(f"settled {settled} unit(s) in {totals.settled_in} of {totals.documents} document(s) "
                   f"({_listing(totals.labels)}){links}")
    else:
        click.echo(f"settled nothing: no document of the {totals.documents} had an agreed unit left to settle")
    if totals.document_labels:
        click.echo(f"settled {sum(totals.document_labels.values())} document label(s) "
                   f"({_listing(totals.document_labels)})")
    if totals.open_units:
        click.echo(f"left open for you to decide: {totals.open_units} unit(s) in {totals.open_in} document(s) "
                   f"({_reasons(totals.open)})")
    else:
        click.echo("left open: nothing")
    if totals.adjudicated:
        click.echo(f"skipped {totals.adjudicated} adjudicated document(s)")
    if settled:
        click.echo("the documents with new gold are in review: mark them adjudicated in the review window, "
                   "or release them with --layer gold+review")
        click.echo(f"to undo this run: annotator review {project.path} --undo-accept-agreed {run}")


def undo(project: Project, run: str) -> None:
    """Take back the run at time ``run`` (or the last one), printing what each document lost."""
    known = document_label_review.with_label_runs(project, adjudicate.runs(project))
    if not known:
        raise AnnotatorError(f"{project.path} has no --accept-agreed run left to undo")
    chosen = known[-1] if run == "last" else next((found for found in known if found[0] == run), None)
    if chosen is None:
        listed = "; ".join(f"{at} by {by} ({spans} span(s) in {documents} document(s))"
                           for at, by, spans, documents in known[-5:])
        raise AnnotatorError(f"{project.path} has no --accept-agreed run at {run!r}; the last runs: {listed}")
    at, by = chosen[0], chosen[1]
    undone = adjudicate.undo_run(project, at)
    for changes in undone:
        click.echo(f"{project.document(changes.document).id}: removed {len(changes.spans_removed)} gold span(s)"
                   + (f" and {len(changes.relations_removed)} link(s)" if changes.relations_removed else ""))
    labels = document_label_review.undo_run(project, at)
    if labels:
        click.echo(f"removed {len(labels)} gold document label(s) in {len({label.document for label in labels})} document(s)")
    spans = sum(len(changes.spans_removed) for changes in undone)
    links = sum(len(changes.relations_removed) for changes in undone)
    click.echo(f"undid the --accept-agreed run of {at} by {by}: removed {spans} gold span(s) and {links} link(s) "
               f"in {len(undone)} document(s)")
