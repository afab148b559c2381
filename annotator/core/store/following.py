"""What an open window follows of a project: whether another connection committed since
it last looked (a team's work on a server, or the command line beside a project file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.store.project import Project


def others_token(project: "Project") -> int:
    """Moves only when another connection commits; raises ``ProjectError`` (``offline: …``)
    while a server project cannot be reached."""
    return project.db.others_token()
