"""Errors a user sees: each carries a message that says what is wrong and what to do.

The CLI and the window show ``str(error)`` as it is; nothing here is a traceback.
"""

from __future__ import annotations


class AnnotatorError(Exception):
    """A problem the user can act on; the message is complete and shown as is."""


class InputError(AnnotatorError):
    """Bad input: names the file and, where there is one, the line."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = message
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


class ProjectError(AnnotatorError):
    """The project file cannot be opened or used as asked."""


class ValidationError(AnnotatorError):
    """An annotation the schema or the text does not allow; nothing was stored."""
