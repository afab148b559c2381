"""The PROJECT argument of every command: a project file, or a ``postgresql://`` URL of
a team's project on a server (issue 19).

A file must exist (click's own message when it does not), except where the command makes
it (``init``); a URL becomes a ``ServerAddress``, which keeps the full connection string
for libpq (``.conninfo``) and shows itself without the password: whatever a command
prints about its project, a password given in the URL never appears. Credentials follow
libpq's conventions (``PGPASSWORD``, ``~/.pgpass``, ``PGSERVICE``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from annotator.core.store.server_address import SCHEMES, ServerAddress, is_server_url


class ProjectLocation(click.ParamType):
    """A project file's ``Path`` or a server project's ``ServerAddress``.

    ``exists=False``: the file may be new (``init``, a restore's target)."""

    name = "project"

    def __init__(self, exists: bool = True) -> None:
        self._file = click.Path(exists=exists, dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path | ServerAddress:
        if isinstance(value, ServerAddress) or (isinstance(value, str) and is_server_url(value)):
            return _address(value, lambda message: self.fail(message, param, ctx))
        return self._file.convert(value, param, ctx)


def _address(value: Any, fail: Any) -> ServerAddress:
    if isinstance(value, ServerAddress):
        return value
    try:
        return ServerAddress(value)
    except ValueError as error:  # urlsplit's words name the port, never the password
        scheme = next(scheme for scheme in SCHEMES if value.startswith(scheme))
        fail(f"not a valid {scheme}USER@HOST:PORT/DATABASE URL ({error})")
        raise  # fail raises; never reached


PROJECT = ProjectLocation()
NEW_PROJECT = ProjectLocation(exists=False)
