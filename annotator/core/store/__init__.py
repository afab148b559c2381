"""The store: the one package that speaks SQL to a project.

``Project`` (``project.py``) is the store's public, typed API: every read the rest of the
program needs and every user action, each action one transaction that returns the
``Changes`` it made. Nothing outside this package opens a connection, runs SQL or
touches a private member of ``Project`` (an import-linter contract and
``tests/core/test_store_boundary.py`` keep it so).

The project file is SQLite: ``project_file`` recognises, checks and locks it and watches
its write-ahead log, ``connection`` runs statements and transactions, ``migrations``
moves an older file forward, ``backup`` copies it.
"""

from annotator.core.store.project import Project, check_span_offsets, dumps, now

__all__ = ["Project", "check_span_offsets", "dumps", "now"]
