"""How every command says it failed: one line, ``annotator: …``, on standard error, exit 1.

``command_errors`` wraps a command's work: an expected failure (``launch.user_errors``:
bad input, a file that cannot be read) becomes that line, an unexpected one is logged
and named by its log file, and click's own usage errors pass through. ``CommandFailure``
is raised directly where a command finds something wrong itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from annotator.launch import Failure, user_errors


class CommandFailure(click.ClickException):
    def show(self, file=None) -> None:
        click.echo(f"annotator: {self.message}", err=True)


@contextmanager
def command_errors(passing: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """Every expected failure as one clear line; the unexpected ones logged. ``passing``
    (besides click's own exceptions) goes through unchanged, for the caller to word."""
    try:
        with user_errors(passing=(click.ClickException, *passing)):
            yield
    except Failure as failure:
        raise CommandFailure(str(failure)) from None
