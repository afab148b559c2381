"""Tooltips that show their text as text.

A tooltip guesses whether its text is HTML, so an article's words or a document id could
be rendered as markup. Escaped and wrapped in a paragraph that keeps its spaces, the
text is always shown as it is.
"""

from __future__ import annotations


def plain_tooltip(text: str) -> str:
    from html import escape  # on first use (docs/architecture.md, "Layers")

    return f"<p style='white-space:pre-wrap'>{escape(text)}</p>"
