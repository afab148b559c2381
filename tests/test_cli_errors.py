"""Every command says it failed the same way: one line, ``annotator: …``; a failure
already worded by an inner step stays that line instead of becoming "unexpected"."""

from __future__ import annotations

import pytest

from annotator.core.errors import ValidationError
from annotator.launch import Failure, user_errors


def test_a_failure_worded_inside_is_not_taken_for_a_bug(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_LOG_DIR", str(tmp_path))
    with pytest.raises(Failure) as raised:
        with user_errors():
            with user_errors():
                raise ValidationError("the overlap is a share between 0 and 1")
    assert str(raised.value) == "the overlap is a share between 0 and 1"
    assert not (tmp_path / "crash.log").exists()
