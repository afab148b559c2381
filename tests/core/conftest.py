"""The store's tests run against both backends: ``project`` is a new project once as a
file and once as a database on the test server (``project_location``)."""

from __future__ import annotations

import pytest

from annotator.core.store import Project


@pytest.fixture
def project(project_location):
    with Project.open(project_location) as opened:
        yield opened
