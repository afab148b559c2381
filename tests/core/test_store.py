"""The project file: opening, refusing, and one transaction per action."""

import sqlite3

import pytest

from annotator.core.errors import ProjectError, ValidationError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.core.store.migrations import APPLICATION_ID, LATEST_VERSION
from tests.conftest import older_project

# Written for these tests: harakat on قالَ and سيُعقَد, a Latin name, digits, an emoji.
ARTICLE = "قالَ المتحدث باسم Nordlicht إن الاجتماع سيُعقَد في 12 مايو 🇩🇿 «قريباً»."


def add_article(project, text=ARTICLE):
    import_documents(project, [DocumentInput(text=text, path="test.txt", id="a1")])
    return project.document_by_id("a1").key


def test_a_new_project_is_marked_as_ours_and_uses_wal(project_path):
    connection = sqlite3.connect(project_path)
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert connection.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def test_create_refuses_to_overwrite(project_path):
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(project_path)


def test_a_newer_project_file_is_refused_and_left_alone(project_path):
    connection = sqlite3.connect(project_path)
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.close()
    before = project_path.read_bytes()
    with pytest.raises(ProjectError, match="newer Annotator") as error:
        Project.open(project_path)
    assert f"format {LATEST_VERSION + 1}" in str(error.value)
    assert project_path.read_bytes() == before


def test_an_sqlite_file_that_is_not_a_project_is_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE t (x)")
    connection.close()
    with pytest.raises(ProjectError, match="not an Annotator project"):
        Project.open(other)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    other = tmp_path / "notes.sqlite"
    other.write_text("مرحبا", encoding="utf-8")
    with pytest.raises(ProjectError, match="not an SQLite database"):
        Project.open(other)
    assert other.read_text(encoding="utf-8") == "مرحبا"


def test_a_missing_file_says_how_to_create_one(tmp_path):
    with pytest.raises(ProjectError, match="annotator init"):
        Project.open(tmp_path / "missing.sqlite")


def test_a_span_is_saved_with_its_exact_offsets(project_path):
    with Project.open(project_path) as project:
        key = add_article(project)
        start = ARTICLE.index("Nordlicht")
        project.add_span(key, "mona", start, start + len("Nordlicht"), "SPEAKER", {"entity": "Nordlicht"})
        assert not project.db.in_transaction
    with Project.open(project_path) as reopened:
        (span,) = reopened.spans(key, "mona")
        assert ARTICLE[span.start:span.end] == "Nordlicht"
        assert span.attrs == {"entity": "Nordlicht"}
        assert reopened.status(key, "mona") == "in_progress"


@pytest.mark.parametrize(
    "start, end, message",
    [
        (0, 0, "outside the text"),
        (5, 3, "outside the text"),
        (0, len(ARTICLE) + 1, "outside the text"),
        (0, 3, "inside a character"),  # between ل and its fatha in قالَ
        (ARTICLE.index("🇩🇿") + 1, ARTICLE.index("🇩🇿") + 2, "inside a character"),
    ],
)
def test_bad_offsets_are_refused_and_nothing_is_stored(project, start, end, message):
    key = add_article(project)
    with pytest.raises(ValidationError, match=message):
        project.add_span(key, "mona", start, end, "CLAIM")
    assert project.spans(key, "mona") == []
    assert not project.db.in_transaction


def test_labels_and_attributes_outside_the_schema_are_refused(project):
    key = add_article(project)
    with pytest.raises(ValidationError, match="not in the schema"):
        project.add_span(key, "mona", 0, 4, "PLACE")
    with pytest.raises(ValidationError, match="allowed: FAVOR"):
        project.add_span(key, "mona", 0, 4, "CLAIM", {"stance": "YES"})
    assert project.spans(key, "mona") == []


def test_a_claim_links_to_its_speaker_and_the_link_goes_with_the_span(project):
    key = add_article(project)
    speaker = project.add_span(key, "mona", 18, 27, "SPEAKER").spans_added[0]
    claim_start = ARTICLE.index("الاجتماع")
    claim = project.add_span(key, "mona", claim_start, len(ARTICLE) - 1, "CLAIM",
                             {"stance": "NEUTRAL"}).spans_added[0]
    relation = project.add_relation("SAID_BY", claim.id, speaker.id).relations_added[0]
    assert project.relations(key, "mona") == [relation]
    with pytest.raises(ValidationError, match="already linked"):
        project.add_relation("SAID_BY", claim.id, speaker.id)
    with pytest.raises(ValidationError, match="links a CLAIM to a SPEAKER"):
        project.add_relation("SAID_BY", speaker.id, claim.id)
    changes = project.delete_span(speaker.id)
    assert changes.relations_removed == (relation,)
    assert project.relations(key, "mona") == []
    assert not project.db.in_transaction


def test_relabelling_keeps_or_refuses_links_and_attributes(project):
    key = add_article(project)
    speaker = project.add_span(key, "mona", 18, 27, "SPEAKER").spans_added[0]
    claim = project.add_span(key, "mona", 31, 40, "CLAIM", {"stance": "FAVOR"}).spans_added[0]
    project.add_relation("SAID_BY", claim.id, speaker.id)
    with pytest.raises(ValidationError, match="remove the link first"):
        project.update_span(speaker.id, label="TARGET")
    assert project.span(speaker.id).label == "SPEAKER"
    changed = project.update_span(claim.id, attrs={"stance": "AGAINST"}).spans_changed[0]
    assert changed.attrs == {"stance": "AGAINST"}
    assert project.span(claim.id).attrs == {"stance": "AGAINST"}


def test_a_relabel_keeps_the_attributes_the_new_label_also_has(tmp_path):
    from annotator.core.schema import DEFAULT_SCHEMA, Attribute, Label, Schema

    STANCES = DEFAULT_SCHEMA.label("CLAIM").attribute("stance").values
    schema = Schema(labels=(
        Label("CLAIM", "#111111", "1", attributes=(Attribute("stance", STANCES), Attribute("note"))),
        Label("DOUBT", "#222222", "2", attributes=(Attribute("stance", STANCES),)),
        Label("TOPIC", "#333333", "3"),
    ))
    with Project.create(tmp_path / "custom.sqlite", schema) as project:
        key = add_article(project)
        span = project.add_span(key, "mona", 31, 40, "CLAIM", {"stance": "FAVOR", "note": "x"}).spans_added[0]
        assert project.update_span(span.id, label="DOUBT").spans_changed[0].attrs == {"stance": "FAVOR"}
        assert project.span(span.id).attrs == {"stance": "FAVOR"}
        project.update_span(span.id, label="TOPIC")
        assert project.span(span.id).attrs == {}
        project.update_span(span.id, label="CLAIM", attrs={"stance": "AGAINST"})
        assert project.span(span.id).attrs == {"stance": "AGAINST"}


def test_status_is_explicit_and_edits_do_not_undo_done(project):
    key = add_article(project)
    assert project.status(key, "mona") == "new"
    project.set_status(key, "mona", "done")
    project.add_span(key, "mona", 18, 27, "SPEAKER")
    assert project.status(key, "mona") == "done"
    with pytest.raises(ValidationError, match="not one of"):
        project.set_status(key, "mona", "finished")


def test_every_action_is_in_the_edit_log(project):
    key = add_article(project)
    span = project.add_span(key, "mona", 18, 27, "SPEAKER").spans_added[0]
    project.update_span(span.id, attrs={"entity": "Nordlicht"})
    project.delete_span(span.id)
    actions = [row[0] for row in project.db.execute("SELECT action FROM edit_log ORDER BY id")]
    assert actions[-3:] == ["add_span", "update_span", "delete_span"]


def test_undoing_a_delete_restores_the_span_and_its_links_under_their_ids(project_path):
    with Project.open(project_path) as project:
        key = add_article(project)
        speaker = project.add_span(key, "mona", 18, 27, "SPEAKER").spans_added[0]
        claim = project.add_span(key, "mona", 31, 40, "CLAIM", {"stance": "FAVOR"}).spans_added[0]
        link = project.add_relation("SAID_BY", claim.id, speaker.id).relations_added[0]
        removed = project.delete_span(speaker.id)
        newer = project.add_span(key, "mona", 0, 4, "TARGET").spans_added[0]
        assert newer.id not in (speaker.id, claim.id)
        project.restore_span(removed.spans_removed[0], removed.relations_removed)
        assert not project.db.in_transaction
    with Project.open(project_path) as reopened:
        assert reopened.span(speaker.id) == speaker
        assert reopened.relations(key, "mona") == [link]
        with pytest.raises(ValidationError, match="exists already"):
            reopened.restore_span(speaker)


@pytest.mark.parametrize("stop_before, version", [("0002_review", 1), ("0003_suggestions", 2)])
def test_an_older_project_is_backed_up_then_migrated(tmp_path, stop_before, version):
    old = older_project(tmp_path / "old.sqlite", stop_before, documents=[(1, "d", "قال الوزير إن الخطة جاهزة.")])
    with Project.open(old) as project:
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        tables = {row[0] for row in project.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"provenance", "rejected_suggestions"} <= tables
        assert project.document_by_id("d").text == "قال الوزير إن الخطة جاهزة."
    backup = tmp_path / f"old.sqlite.format{version}.bak"
    check = sqlite3.connect(backup)
    assert check.execute("PRAGMA user_version").fetchone()[0] == version
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()


def test_a_failed_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    from annotator.core.store.migrations import project_migrations

    old = older_project(tmp_path / "old.sqlite", "0002_review")
    before = old.read_bytes()

    def half_then_fail(db):
        db.execute("CREATE TABLE provenance (id INTEGER PRIMARY KEY)")
        raise RuntimeError("simulated failure half way")

    monkeypatch.setattr(project_migrations._migrations[1], "fn", half_then_fail)
    with pytest.raises(ProjectError, match="left as it was"):
        Project.open(old)
    assert old.read_bytes() == before
    assert not (tmp_path / "old.sqlite-wal").exists() or (tmp_path / "old.sqlite-wal").stat().st_size == 0


def test_a_migration_failing_after_others_succeeded_rolls_them_all_back(tmp_path, monkeypatch):
    from annotator.core.store.migrations import project_migrations

    old = older_project(tmp_path / "old.sqlite", "0002_review")

    def fail(db):
        raise RuntimeError("the last migration fails")

    monkeypatch.setattr(project_migrations._migrations[-1], "fn", fail)
    with pytest.raises(ProjectError, match="left as it was"):
        Project.open(old)
    check = sqlite3.connect(old)
    assert check.execute("PRAGMA user_version").fetchone()[0] == 1
    assert [r[0] for r in check.execute("SELECT name FROM _sqlite_migrations")] == ["0001_initial"]
    check.close()
