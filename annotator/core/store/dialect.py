"""The store's SQL, written in the project file's dialect, put into PostgreSQL's.

Only what differs in the words of a statement is changed here; what differs in meaning
is defined on the server instead (``server_schema.SQLITE_FUNCTIONS``). The changes:

- placeholders: ``?`` becomes ``%s`` and ``:name`` ``%(name)s`` (psycopg's), and a
  ``%`` that is meant as itself (``LIKE '%x'``) ``%%``;
- ``INSERT OR IGNORE`` becomes ``INSERT … ON CONFLICT DO NOTHING``;
- the scalar two-argument ``max(a, b)`` and ``min(a, b)`` become ``greatest`` and ``least``.

String literals and quoted identifiers are left as they are, but for ``%``.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PIECES = re.compile(r"""('(?:[^']|'')*')|("(?:[^"]|"")*")|([^'"]+)""", re.DOTALL)
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_OR_IGNORE = re.compile(r"\bINSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_SCALAR_EXTREME = re.compile(r"\b(max|min)\(([^()]*,[^()]*)\)", re.IGNORECASE)
_EXTREMES = {"max": "greatest", "min": "least"}


@lru_cache(maxsize=2048)
def to_postgres(sql: str) -> str:
    """``sql`` as PostgreSQL (through psycopg) takes it."""
    pieces = []
    for literal, identifier, code in _PIECES.findall(sql):
        if literal or identifier:
            pieces.append((literal or identifier).replace("%", "%%"))
        else:
            code = code.replace("%", "%%").replace("?", "%s")
            code = _NAMED.sub(r"%(\1)s", code)
            code = _SCALAR_EXTREME.sub(lambda match: f"{_EXTREMES[match[1].lower()]}({match[2]})", code)
            pieces.append(code)
    statement = "".join(pieces)
    if _OR_IGNORE.search(statement):
        statement = _OR_IGNORE.sub("INSERT INTO", statement).rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    return statement
