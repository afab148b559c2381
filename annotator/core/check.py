"""``annotator check``: every consistency rule of a project file, reported, never repaired."""

from __future__ import annotations

from annotator.core.store import Project


def findings(project: Project) -> list[str]:
    """Everything wrong with the project, one sentence each; empty when it is sound."""
    return project.findings()
