"""Errors a user sees: each says what is wrong, and carries the facts behind it.

The core words an error without naming any way to act on it that only one front end
has (a command-line flag, a dialog): ``remedy`` names what would help, as a key, and the
command line (``launch.command_line_message``) and the window (``ui.dialogs.user_message``)
each add it in their own words. Nothing outside the core reads an error's text.
"""

from __future__ import annotations


def quoted(value: object, limit: int = 60) -> str:
    """``repr(value)``, cut to about ``limit`` characters for a one-line message."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


class Remedy:
    """What would let an import or an open go through; each front end words it."""

    NAME_LAYER = "name-layer"  # say whose layer (which annotator) the annotations are
    REPLACE_LAYER = "replace-layer"  # allow replacing a layer a document already has
    NAME_ENCODING = "name-encoding"  # say which text encoding a file is in
    NAME_FORMAT = "name-format"  # say which interchange format a file is in


class AnnotatorError(Exception):
    """A problem the user can act on; the message is complete without ``remedy``."""

    remedy: str | None = None


class InputError(AnnotatorError):
    """Bad input: names the file and, where there is one, the line. ``cause`` is the
    core error it wraps (a record the schema refused, say), with its own facts."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 remedy: str | None = None, cause: AnnotatorError | None = None):
        self.path = path
        self.line = line
        self.reason = message
        self.cause = cause
        self.remedy = remedy if remedy is not None else (cause.remedy if cause is not None else None)
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


class ProjectError(AnnotatorError):
    """The project file cannot be opened or used as asked."""


class ValidationError(AnnotatorError):
    """An annotation the schema or the text does not allow; nothing was stored."""


class DecidedMeanwhile(ValidationError):
    """Another reviewer settled the unit since this one was shown; nothing was stored,
    and the review should show the unit as it is now."""


class LayerNeeded(ValidationError):
    """A record has annotations but nothing says whose layer they are."""

    remedy = Remedy.NAME_LAYER

    def __init__(self) -> None:
        super().__init__("this record has annotations but no layer")


class LayerTaken(ValidationError):
    """A document already has the layer an import would add."""

    remedy = Remedy.REPLACE_LAYER

    def __init__(self, document: str, layer: str):
        self.document = document
        self.layer = layer
        super().__init__(f"document {document!r} already has annotations by {layer!r}")
