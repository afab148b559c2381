"""A project's annotation guidelines in its ``settings`` table: one JSON object under the
key "guidelines" that maps a language code to Markdown ("" for every language).

Replacing them is a user action: one transaction, logged like every edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.errors import ProjectError
from annotator.core.guidelines import ANY_LANGUAGE
from annotator.core.store.records import log_action
from annotator.core.store.settings import read_setting, write_setting

if TYPE_CHECKING:
    from annotator.core.store.project import Project

KEY = "guidelines"


def read(project: "Project") -> dict[str, str]:
    """The project's guidelines by language; empty when it has none."""
    stored = read_setting(project.db, KEY, {})
    if not isinstance(stored, dict) or not all(isinstance(v, str) for v in stored.values()):
        raise ProjectError(f"{project.path}: the project's guidelines setting is not text by language; it is damaged")
    return stored


def replace(project: "Project", markdown: str, language: str | None = None) -> dict[str, str]:
    """Make ``markdown`` the project's guidelines: for every language when ``language`` is
    None (those of each language are dropped), else for that language alone. Returns them all."""
    with project.transaction():
        guidelines = {} if language is None else read(project)
        guidelines[ANY_LANGUAGE if language is None else language] = markdown
        write_setting(project.db, KEY, guidelines)
        log_action(project.db, "replace_guidelines", None, None,
                   {"language": language, "characters": len(markdown)})
    return guidelines
