"""A project's annotation guidelines: Markdown the team writes, one text per language.

The store keeps them (``core/store/guidelines.py``); this module reads a guidelines file,
chooses the text for an interface language and finds a label's section in it. A heading
that names a label, by its stored name or by a shown name, starts that label's section;
the section's first paragraph is the label's definition.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.schema import Label

ANY_LANGUAGE = ""  # the key of guidelines written for every interface language
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def read_guidelines_file(path: Path) -> str:
    """The Markdown of a guidelines file, or an ``InputError`` naming the file and what to do."""
    where = str(path)
    if path.is_dir():
        raise InputError("this is a folder; give a Markdown file of guidelines", path=where)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("there is no such file; give a Markdown file of guidelines", path=where) from None
    except OSError as error:
        raise InputError(f"the file cannot be read ({error.strerror}); check that it is yours to read", path=where) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError("the file is not UTF-8 text; save the guidelines as UTF-8 Markdown", path=where, line=line) from None
    if "\x00" in text:
        raise InputError("the file holds NUL bytes, so it is not text; give a Markdown file", path=where)
    if not text.strip():
        raise InputError("the file is empty; write the guidelines in it first", path=where)
    return text.replace("\r\n", "\n")


def for_language(guidelines: dict[str, str], language: str) -> str:
    """The guidelines an interface in ``language`` shows: its own, else those for every
    language, else English's, else any; "" when the project has none."""
    for key in (language, ANY_LANGUAGE, "en"):
        if guidelines.get(key):
            return guidelines[key]
    return next((text for _, text in sorted(guidelines.items()) if text), "")


def heading_names(label: Label, heading: str) -> bool:
    """Whether a heading's words name ``label``: its stored name or a shown name, as a whole word."""
    names = {label.name, *(name for _, name in label.shown)}
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", heading, re.IGNORECASE) for name in names if name)


def headings(markdown: str) -> list[tuple[int, str]]:
    """(line number, heading text) of each Markdown heading, outside fenced code."""
    found, fenced = [], False
    for number, line in enumerate(markdown.splitlines()):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            found.append((number, match.group(2)))
    return found


def section_heading(markdown: str, label: Label) -> str | None:
    """The text of the first heading that names ``label``, or None."""
    return next((text for _, text in headings(markdown) if heading_names(label, text)), None)


def definition(markdown: str, label: Label) -> str:
    """The first paragraph of ``label``'s section, as plain words ("" without a section)."""
    lines = markdown.splitlines()
    start = next((number for number, text in headings(markdown) if heading_names(label, text)), None)
    if start is None:
        return ""
    paragraph: list[str] = []
    for line in lines[start + 1:]:
        if _HEADING.match(line) or _FENCE.match(line):
            break
        if not line.strip():
            if paragraph:
                break
            continue
        paragraph.append(line.strip())
    return _plain(" ".join(paragraph))


def _plain(text: str) -> str:
    """Markdown's inline marks taken off, so that a tooltip reads as words."""
    text = _LINK.sub(r"\1", text)
    text = re.sub(r"^([-*+]|\d+[.)])\s+", "", text)
    return _MARKUP.sub("", text)
