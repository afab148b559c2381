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

from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

SCHEMES = ("postgresql://", "postgres://")


def is_server_url(location: object) -> bool:
    return isinstance(location, (str, ServerAddress)) and str(location).startswith(SCHEMES)


def _joined(scheme: str, netloc: str, path: str, query: str) -> str:
    """A URL again, keeping ``//`` when there is no host (``postgresql:///news?service=team``:
    libpq then takes the host from the service file or its defaults); urlunsplit drops it."""
    return f"{scheme}://{netloc}{path}" + (f"?{query}" if query else "")


class ServerAddress:
    """A parsed ``postgresql://user@host:port/database[?schema=NAME&sslmode=…]``."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(str(url))
        query = parse_qsl(parts.query, keep_blank_values=True)
        self.schema = next((value for key, value in query if key == "schema"), None) or None
        kept = urlencode([(key, value) for key, value in query if key != "schema"])
        self.conninfo = _joined(parts.scheme, parts.netloc, parts.path, kept)
        self.user = unquote(parts.username) if parts.username else None
        self.host = parts.hostname or "localhost"
        self.port = parts.port or 5432
        self.database = unquote(parts.path.lstrip("/")) or (self.user or "")
        netloc = f"{self.user}@" if self.user else ""
        shown_query = urlencode([(key, value) for key, value in query if key != "password"])
        self._shown = _joined(parts.scheme, f"{netloc}{parts.hostname or ''}" + (f":{parts.port}" if parts.port else ""),
                              parts.path, shown_query)

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
        """One line for a connection the server refused: who refused what, and what to do.
        libpq's words come last and are kept only in the case none of these fits; they
        never hold the password (libpq does not repeat it)."""
        text = " ".join(str(error).split())
        lowered = text.lower()
        user = f'"{self.user}"' if self.user else "your login name"
        if "password authentication failed" in lowered:
            return (f"{self}: {self.server()} refused the password of user {user}; check the user name and "
                    "password (PGPASSWORD, ~/.pgpass, or the one the lead set with `annotator team add`)")
        if "no password supplied" in lowered:
            return (f"{self}: {self.server()} wants a password for user {user} and none was given; put it in "
                    "PGPASSWORD or ~/.pgpass")
        if "does not exist" in lowered and "database" in lowered:
            return (f'{self}: {self.server()} has no database "{self.database}"; check the database name in '
                    f"the URL, or ask the server's administrator to create it (createdb {self.database})")
        if "role" in lowered and "does not exist" in lowered:
            return f"{self}: {self.server()} has no user {user}; check the user name in the URL"
        if "connection refused" in lowered or "no such file or directory" in lowered:
            return (f"{self}: no PostgreSQL server answers at {self.host}:{self.port} (connection refused); "
                    "check that the server is running and that the host and port in the URL are right")
        if "resolve host" in lowered or "could not translate host name" in lowered:
            return f"{self}: the host {self.host} was not found; check the host name in the URL"
        if "timeout" in lowered or "timed out" in lowered:
            return (f"{self}: {self.server()} did not answer in time; check that the server is running, the "
                    "host and port in the URL, and the network between (a firewall, a VPN)")
        if "pg_hba.conf" in lowered:
            return (f"{self}: {self.server()} does not let user {user} in from here (pg_hba.conf); ask the "
                    "server's administrator to allow this connection")
        reason = text.removeprefix("connection failed: ") or type(error).__name__
        return f"{self}: could not connect to {self.server()} ({reason}); check the URL and that the server is reachable"
