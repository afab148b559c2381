"""The throwaway server the tests start: where its programs are missing, the tests that
need it fail naming the package to install, never skip."""

from __future__ import annotations

import pytest

from tests.pg_cluster import MISSING, server_programs


def test_without_the_server_programs_the_message_names_the_package(tmp_path):
    with pytest.raises(RuntimeError) as missing:
        server_programs(debian_root=tmp_path / "none", path=str(tmp_path))
    assert str(missing.value) == MISSING
    assert "install Debian's package postgresql (apt-get install postgresql)" in MISSING


def test_the_newest_debian_version_is_taken(tmp_path):
    for version in ("13", "15"):
        folder = tmp_path / version / "bin"
        folder.mkdir(parents=True)
        for program in ("initdb", "pg_ctl"):
            (folder / program).write_text("")
    assert server_programs(debian_root=tmp_path, path=str(tmp_path / "empty")) == tmp_path / "15" / "bin"
