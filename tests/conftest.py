"""Shared fixtures. Qt must run offscreen: with no display and no platform set, Qt aborts
the whole run with a misleading libxcb-cursor0 message."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Time limits per example fail at random on a loaded 2-core CI machine; speed lives in benchmarks/.
settings.register_profile("annotator", deadline=None)
settings.load_profile("annotator")

from annotator.core.store import Project  # noqa: E402


QUOTES_SCHEMA = Path(__file__).parent / "data" / "quotes.toml"  # PERSON, QUOTE with a tone, SAYS
QUOTE_TEXT = "قال رئيس البلدية إن الطرق ستُصلح قريباً، وردّ أحد السكان بأن الوعود لا تكفي."


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "project.sqlite"
    Project.create(path).close()
    return path


@pytest.fixture
def project(project_path: Path):
    with Project.open(project_path) as opened:
        yield opened


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
