"""The one place that finds bundled resources and per-user folders.

Resources live in the top-level ``resources/`` folder of a source checkout, which the
package maps to ``annotator.resources`` (pyproject ``package-dir``), so the same lookup
works from a checkout, an editable install, a wheel and a PyInstaller bundle.
"""

from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path

import platformdirs

APP_NAME = "annotator"


def resource_path(*parts: str) -> Path:
    """The path of a bundled resource, e.g. ``resource_path("fonts", "OFL.txt")``."""
    base = _resources_folder()
    path = base.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"bundled resource {'/'.join(parts)} is missing from {base}")
    return path


def _resources_folder() -> Path:
    """The folder of the ``annotator.resources`` package, from its import spec: the same
    answer as ``importlib.resources.files`` for a folder on disk, without importing
    ``importlib.resources``, which would slow every start."""
    spec = find_spec("annotator.resources")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the bundled resources (package annotator.resources) are missing")
    return Path(next(iter(spec.submodule_search_locations)))


def user_data_dir() -> Path:
    """The demo project lives here; ``ANNOTATOR_DATA_DIR`` overrides it (tests and the
    bundle's smoke test do)."""
    return _overridden("ANNOTATOR_DATA_DIR") or platformdirs.user_data_path(APP_NAME, appauthor=False,
                                                                          ensure_exists=True)


def user_log_dir() -> Path:
    """Where unexpected errors are logged; ``ANNOTATOR_LOG_DIR`` overrides it (tests do)."""
    return _overridden("ANNOTATOR_LOG_DIR") or platformdirs.user_log_path(APP_NAME, appauthor=False,
                                                                        ensure_exists=True)


def _overridden(variable: str) -> Path | None:
    folder = os.environ.get(variable)
    if not folder:
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder)


def demo_project_path() -> Path:
    return user_data_dir() / "demo.sqlite"
