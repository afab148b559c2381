"""Shared fixtures. Qt must run offscreen: with no display and no platform set, Qt aborts
the whole run with a misleading libxcb-cursor0 message."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Time limits per example fail at random on a loaded 2-core CI machine; speed lives in benchmarks/.
settings.register_profile("annotator", deadline=None)
settings.load_profile("annotator")

from annotator.core.schema import DEFAULT_SCHEMA, Schema  # noqa: E402
from annotator.core.store import Project  # noqa: E402


QUOTES_SCHEMA = Path(__file__).parent / "data" / "quotes.toml"  # PERSON, QUOTE with a tone, SAYS
QUOTE_TEXT = "قال رئيس البلدية إن الطرق ستُصلح قريباً، وردّ أحد السكان بأن الوعود لا تكفي."


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "project.sqlite"
    Project.create(path).close()
    return path


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server for the whole run (``tests/pg_cluster.py``); where
    the server programs are missing, every test that needs it fails saying which package
    to install."""
    from tests.pg_cluster import Cluster

    try:
        cluster = Cluster().start()
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    yield cluster
    cluster.destroy()


@pytest.fixture
def server_url(pg_cluster) -> str:
    """The URL of a new, empty database on the test server, as its superuser."""
    return pg_cluster.url(pg_cluster.new_database())


@pytest.fixture(params=["file", "server"])
def make_location(request, tmp_path: Path):
    """``make(schema=None)`` creates a new, empty project and returns where it is, once on
    each backend: a project file, then a database on the test server. Each call makes
    another project (another file, another database)."""
    made = iter(range(1, 1000))

    def make(schema: Schema | None = None) -> str | Path:
        if request.param == "file":
            location: str | Path = tmp_path / f"project-{next(made)}.sqlite"
        else:
            cluster = request.getfixturevalue("pg_cluster")
            location = cluster.url(cluster.new_database())
        Project.create(location, schema).close()
        return location

    make.backend = request.param
    return make


@pytest.fixture
def project_location(make_location) -> str | Path:
    """Where a new, empty project is, once on each backend: a project file, then a
    database on the test server. Tests of the store, ingest, review, agreement, export
    and check take it to run against both."""
    return make_location()


@pytest.fixture
def project(project_path: Path):
    with Project.open(project_path) as opened:
        yield opened


def older_project(path: Path, stop_before: str, documents: Sequence[tuple[int, str, str]] = (),
                  schema: Schema = DEFAULT_SCHEMA, rows: Sequence[tuple[str, Sequence[Any]]] = ()) -> Path:
    """A project file as an older version left it: migrated up to ``stop_before`` (checked),
    holding ``schema``, ``documents`` as (key, id, text), then ``rows`` as (SQL, parameters)."""
    from sqlite_utils import Database

    from annotator.core.store.migrations import project_migrations

    db = Database(sqlite3.connect(path, isolation_level=None))
    db.execute("PRAGMA journal_mode = WAL")  # as every project file is
    project_migrations.apply(db, stop_before=stop_before)
    assert db.execute("PRAGMA user_version").fetchone()[0] == int(stop_before.split("_")[0]) - 1
    db.execute("INSERT INTO settings (key, value) VALUES ('schema', ?)", [json.dumps(schema.to_dict())])
    for key, doc_id, text in documents:
        db.execute("""INSERT INTO documents (key, id, title, text, text_sha256, meta, imported_at)
                      VALUES (?, ?, 'خبر', ?, ?, '{}', '2026-01-01')""", [key, doc_id, text, "0" * 64])
    for sql, parameters in rows:
        db.execute(sql, list(parameters))
    db.close()
    return path


def file_state(path: Path) -> dict[str, bytes]:
    """The bytes of a closed project file and any journal beside it (the writer's lock
    file holds no data and is left in place)."""
    return {
        candidate.name: candidate.read_bytes()
        for candidate in sorted(path.parent.glob(path.name + "*"))
        if candidate.is_file() and candidate.suffix != ".lock"
    }


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory, monkeypatch):
    """Each test gets its own settings folder; a real user's settings are never touched."""
    monkeypatch.setenv("ANNOTATOR_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("ANNOTATOR_LOG_DIR", str(tmp_path_factory.mktemp("log")))


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch) -> Path:
    """Each test gets its own data folder (the demo project): the user's is never touched."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(folder))
    return folder
