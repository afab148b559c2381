"""The names already given an entity: the words of each span that has a free-text
attribute (a speaker's entity), with the value it was given, across the project's
documents and layers. The window offers the entity for a new span of the same words
(``core/entities.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.store.project import Project


def named_words(project: "Project", labels: tuple[str, ...], attribute: str) -> list[tuple[str, str, int]]:
    """Each distinct (words, value) pair of spans of ``labels`` whose ``attribute`` is
    set, with how many spans have it; the words are the document's code points the span
    covers (SQLite's substr counts code points, as span offsets do)."""
    if not labels:
        return []
    marks = ", ".join("?" for _ in labels)
    rows = project.db.execute(  # the value tested outside: PostgreSQL's WHERE cannot see an alias
        f"""SELECT words, value, count(*) FROM (
                SELECT substr(d.text, s.start + 1, s."end" - s.start) AS words,
                       json_extract(s.attrs, '$.' || ?) AS value
                FROM spans s JOIN documents d ON d.key = s.document
                WHERE s.label IN ({marks})) AS named
            WHERE value IS NOT NULL AND value != ''
            GROUP BY words, value""",
        [attribute, *labels])
    return [(words, str(value), count) for words, value, count in rows]
