"""The annotation rules the window applies by itself, in words the help shows.

The rule lives in ``core/span_edges.py``; this is how an annotator reads it (the same
words as docs/guidelines.md, "Span edges").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel


def span_edge_rule() -> str:
    # The Arabic marks and the example are wrapped in invisible isolates (FSI ... PDI) so
    # that a left-to-right line keeps them in the order written.
    return QCoreApplication.translate(
        "Guidelines",
        "Span edges, the same for every selection, suggestion and gold edit: white space and the "
        "punctuation ⁨،⁩ ⁨؛⁩ . , : ⁨؟⁩ ! … – — at a span's start or end are left out. Quote marks and "
        "brackets « » ‹ › “ ” \" ( ) [ ] { } stay only in pairs: ⁨«وقف إطلاق النار».⁩ keeps both "
        "guillemets and loses its full stop; a closing » whose opening « lies outside the "
        "selection is left out. A selection of punctuation alone is kept. A drag takes every word "
        "it touches; Shift+arrows take the word they start in and, at the other end, only words "
        "selected whole.")


def span_edge_label() -> QLabel:
    """The rule as a plain-text label that wraps, for a help window."""
    label = QLabel(span_edge_rule())
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label
