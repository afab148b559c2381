"""Nothing lost: one writer, checked opening, verified backups, and `annotator check`."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.errors import ProjectError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.core.store.backup import list_backups, restore, thin
from annotator.core.store.project_file import DamagedProjectError, ProjectLockedError
from tests.conftest import file_state

# Written for these tests.
TEXT = "قال المتحدث إن الاجتماع سيُعقد غداً في العاصمة."


def filled(path):
    """A project at ``path`` (made there unless it is one already) holding one document with a span."""
    if isinstance(path, Path) and not path.exists():
        Project.create(path).close()
    with Project.open(path) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="t.txt", id="t")])
        project.add_span(project.document_by_id("t").key, "mona", 4, 11, "SPEAKER")
    return path


def stored(location) -> object:
    """What a project holds, to see that something changed none of it: a file's bytes, or
    a server project's documents and edit log."""
    if isinstance(location, Path):
        return file_state(location)
    with Project.open(location, read_only=True) as project:
        return (project.db.execute("SELECT key, text, text_sha256 FROM documents ORDER BY key").fetchall(),
                project.db.execute("SELECT count(*) FROM edit_log").fetchone()[0])


def test_one_writer_at_a_time_while_readers_keep_working(tmp_path):
    path = filled(tmp_path / "p.sqlite")
    with Project.open(path, writer=True):
        with pytest.raises(ProjectLockedError, match="open for writing in process"):
            Project.open(path, writer=True)
        with Project.open(path, read_only=True) as reader:
            assert reader.document_count() == 1
            with pytest.raises(ProjectError, match="not saved"):
                reader.set_status(reader.document_by_id("t").key, "mona", "done")
        result = CliRunner().invoke(cli, ["import", str(path), str(tmp_path)])
        assert result.exit_code == 1 and "open for writing" in result.output
        assert CliRunner().invoke(cli, ["stats", str(path)]).exit_code == 0
    Project.open(path, writer=True).close()


def test_a_damaged_file_is_refused_unchanged_and_the_newest_backup_offered(tmp_path):
    path = filled(tmp_path / "p.sqlite")
    with Project.open(path, writer=True):
        pass
    (newest,) = list_backups(path)
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2: page * 2 + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))
    before = file_state(path)
    with pytest.raises(DamagedProjectError) as error:
        Project.open(path)
    assert "was not changed" in str(error.value) and str(newest.path) in str(error.value)
    assert file_state(path) == before
    result = CliRunner().invoke(cli, ["restore", str(path), str(newest.path)])
    assert result.exit_code == 0, result.output
    with Project.open(path) as project:
        assert project.document_by_id("t") is not None
    assert any(p.name.startswith("p.sqlite.replaced-") for p in tmp_path.iterdir())


def test_a_backup_is_whole_and_restore_refuses_a_damaged_one(tmp_path):
    path = filled(tmp_path / "p.sqlite")
    copy = tmp_path / "copy.sqlite"
    assert CliRunner().invoke(cli, ["backup", str(path), "-o", str(copy)]).exit_code == 0
    with Project.open(copy) as project:
        assert len(project.spans(project.document_by_id("t").key, "mona")) == 1
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    before = file_state(path)
    with pytest.raises(ProjectError):
        restore(path, broken)
    assert file_state(path) == before


def test_editing_then_opening_makes_a_backup_and_old_ones_are_thinned(tmp_path):
    path = filled(tmp_path / "p.sqlite")
    with Project.open(path, writer=True) as project:
        assert len(list_backups(path)) == 1
        project.set_status(project.document_by_id("t").key, "mona", "done")
    with Project.open(path, writer=True):
        assert len(list_backups(path)) == 2
    with Project.open(path, writer=True):
        assert len(list_backups(path)) == 2  # nothing changed since the last one
    folder = path.with_name("p.sqlite.backups")
    now = datetime.now(timezone.utc)
    for days in range(1, 60):
        taken = now - timedelta(days=days, hours=1)
        (folder / f"p-{taken:%Y%m%dT%H%M%S%fZ}.sqlite").write_bytes(b"")
    thin(path, now)
    ages = sorted((now - b.taken).days for b in list_backups(path))
    assert ages[:2] == [0, 0] and len(ages) < 20
    assert len([a for a in ages if a <= 7]) >= 7


def test_check_reports_problems_and_changes_nothing(project_location):
    path = filled(project_location)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 0 and "sound" in result.output
    with Project.open(path) as project:
        project.db.execute("UPDATE documents SET text = text || ' ' ")
    before = stored(path)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "no longer matches its SHA-256" in result.output
    assert stored(path) == before


def test_a_full_disk_reports_not_saved_keeps_everything_and_can_be_retried(tmp_path):
    path = filled(tmp_path / "p.sqlite")
    with Project.open(path) as project:
        key = project.document_by_id("t").key
        pages = project.db.execute("PRAGMA page_count").fetchone()[0]
        project.db.execute(f"PRAGMA max_page_count = {pages}")
        big = {"entity": "س" * 20000}
        with pytest.raises(ProjectError, match="not saved"):
            project.add_span(key, "mona", 15, 23, "SPEAKER", big)
        assert not project.db.in_transaction
        assert len(project.spans(key, "mona")) == 1
        project.db.execute(f"PRAGMA max_page_count = {pages + 100}")
        project.add_span(key, "mona", 15, 23, "SPEAKER", big)
        assert len(project.spans(key, "mona")) == 2


def test_a_project_on_a_network_file_system_is_recognized():
    from annotator.core.store.project_file import network_filesystem

    mounts = ("/dev/sda1 / ext4 rw 0 0\n"
              "server:/export /mnt/team nfs4 rw 0 0\n"
              "//nas/share /mnt/team/local\\040copy ext4 rw 0 0\n")
    assert network_filesystem(Path("/mnt/team/news.sqlite"), mounts) == "nfs4"
    assert network_filesystem(Path("/mnt/team/local copy/news.sqlite"), mounts) is None
    assert network_filesystem(Path("/home/mona/news.sqlite"), mounts) is None


def test_backups_are_listed_newest_first_with_their_times_and_other_files_ignored(tmp_path):
    path = filled(tmp_path / "p.sqlite")
    folder = tmp_path / "p.sqlite.backups"
    folder.mkdir(exist_ok=True)
    for name in ("p-20260102T030405000006Z.sqlite", "p-20251231T235959999999Z.sqlite",
                 "p-20261399T000000000000Z.sqlite", "p-copy.sqlite", "p-20260102T030405000006.sqlite"):
        (folder / name).write_bytes(b"")
    listed = [(b.path.name, b.taken.isoformat()) for b in list_backups(path)]
    assert listed == [("p-20260102T030405000006Z.sqlite", "2026-01-02T03:04:05.000006+00:00"),
                      ("p-20251231T235959999999Z.sqlite", "2025-12-31T23:59:59.999999+00:00")]
