"""The store: the one package that speaks SQL to a project.

``Project`` (``project.py``) is the store's public, typed API: every read the rest of the
program needs and every user action, each action one transaction that returns the
``Changes`` it made. Nothing outside this package opens a connection, runs SQL or
touches a private member of ``Project`` (``tests/core/test_store_boundary.py`` keeps it
so).

``Project`` reaches its database only through ``backend.Backend``, the seam a second
backend implements (``tests/core/test_backend.py`` is what every backend must pass); the
SQLite backend is ``connection.Connection``. Creating, opening and migrating a project
are still SQLite's alone (``opening``). ``records`` holds the rows' shapes; ``summary``
what a file holds and what is wrong with it.

The project file is SQLite: ``project_file`` recognizes, checks and locks it and watches
its write-ahead log, ``connection`` runs statements and transactions, ``migrations``
moves an older file forward, ``backup`` copies it. ``listing`` pages through the
documents of a layer and ``rows`` streams a layer's rows a document at a time, for the
document list, agreement and exports over whole projects.
"""

import sqlite3

from annotator.core.store.project import Project
from annotator.core.store.records import check_span_offsets, dumps, now

ENGINE_VERSION = sqlite3.sqlite_version  # the database library's, for the About box

__all__ = ["ENGINE_VERSION", "Project", "check_span_offsets", "dumps", "now"]
