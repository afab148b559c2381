"""What a write the disk refused tells the user: every public writing method of ``Project``
goes through ``saving``, so a full disk, a read-only folder or a busy file reads the same
from every action, and says that nothing of it was stored. On a server, a write the
member's role does not allow (``server_roles``) is told the same way, in one line."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError


@contextmanager
def not_saved_on_storage_errors(path: Path) -> Iterator[None]:
    """A full disk, a read-only folder or a busy file: the action rolled back, say so plainly."""
    try:
        yield
    except sqlite3.OperationalError as error:
        raise ProjectError(f"not saved: {path} could not be written ({error}); "
                           "nothing of this action was stored, so it can be tried again") from None
    except Exception as error:
        state = getattr(error, "sqlstate", None)
        if state == "25006":  # a server project opened read-only
            raise ProjectError(f"not saved: {path} is open read-only; nothing of this action was stored") from None
        if state != "42501":  # a server's refusal by a grant or a policy
            raise
        from annotator.core.store.server_roles import refused_write

        raise ProjectError(refused_write(path, error)) from None


def saving(method: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        with not_saved_on_storage_errors(self.path):
            return method(self, *args, **kwargs)

    return wrapper
