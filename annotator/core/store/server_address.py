"""Where a team's project lives on a PostgreSQL server: a ``postgresql://`` URL, taken
wherever a project file is taken.

Credentials follow libpq's conventions (``PGPASSWORD``, ``~/.pgpass``, ``PGSERVICE``,
``sslmode=`` in the URL): the URL goes to libpq as it is, but for ``schema=NAME``,
ours, which puts the project in that PostgreSQL schema of the database instead of
``public``. A password in the URL is never shown: ``str(address)`` leaves it out.

It stands where a project file's path stands (``Project.path``), so it answers the few
things asked of a path in messages: ``name`` and ``stem`` (the database's name).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

SCHEMES = ("postgresql://", "postgres://")


def is_server_url(location: object) -> bool:
    return isinstance(location, (str, ServerAddress)) and str(location).startswith(SCHEMES)


class ServerAddress:
    """A parsed ``postgresql://user@host:port/database[?schema=NAME&sslmode=…]``."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(str(url))
        query = parse_qsl(parts.query, keep_blank_values=True)
        self.schema = next((value for key, value in query if key == "schema"), None) or None
        kept = urlencode([(key, value) for key, value in query if key != "schema"])
        self.conninfo = urlunsplit((parts.scheme, parts.netloc, parts.path, kept, ""))
        self.user = unquote(parts.username) if parts.username else None
        self.host = parts.hostname or "localhost"
        self.port = parts.port or 5432
        self.database = unquote(parts.path.lstrip("/")) or (self.user or "")
        netloc = f"{self.user}@" if self.user else ""
        shown_query = urlencode([(key, value) for key, value in query if key != "password"])
        self._shown = urlunsplit((parts.scheme, f"{netloc}{parts.hostname or ''}"
                                  + (f":{parts.port}" if parts.port else ""), parts.path, shown_query, ""))

    def __str__(self) -> str:
        return self._shown

    def __repr__(self) -> str:
        return f"ServerAddress({self._shown!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServerAddress) and other._shown == self._shown and other.schema == self.schema

    def __hash__(self) -> int:
        return hash(self._shown)

    @property
    def name(self) -> str:
        return self.database + (f".{self.schema}" if self.schema else "")

    @property
    def stem(self) -> str:
        return self.name

    def resolve(self) -> "ServerAddress":
        return self

    def server(self) -> str:
        return f"the PostgreSQL server at {self.host}:{self.port}"

    def refusal(self, error: Exception) -> str:
        """One line for a connection the server refused, naming it and what to do."""
        reason = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
        lowered = reason.lower()
        if "password authentication failed" in lowered or "no password supplied" in lowered:
            advice = ("check the user name and password (PGPASSWORD, ~/.pgpass, or the password the lead "
                      "set with `annotator team add`)")
        elif "does not exist" in lowered and "database" in lowered:
            advice = "ask the lead for the project's database name, or create it with createdb"
        elif "connection refused" in lowered or "could not connect" in lowered or "timeout" in lowered:
            advice = "check that the server is running and the host and port are right"
        else:
            advice = "check the URL and that the server is reachable"
        return f"{self}: could not connect to {self.server()} ({reason}); {advice}"
