"""Document labels (issue 21, item 8): labels of a whole document declared by the schema,
checked when the file is read; set, changed and cleared as one undoable action per layer,
in the file at once; an older project file gains them. No Qt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError, ValidationError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import DEFAULT_SCHEMA, Schema, load_schema_file
from annotator.core.session import DocumentSession
from annotator.core.store import Project
from annotator.core.store import document_labels as document_label_store
from tests.conftest import older_project

SCHEMA = Path(__file__).parents[1] / "data" / "news_documents.toml"
TEXT = "قال وزير المالية إن الميزانية متوازنة، وقال النائب إنها غير واقعية."

SMALL = """
[[labels]]
name = "CLAIM"
color = "#7cc4f4"
key = "2"
[[labels.attributes]]
name = "stance"
values = ["FAVOR", "AGAINST"]
keys = ["F", "G"]

[[relations]]
name = "SAID_BY"
head = "CLAIM"
child = "CLAIM"
key = "S"
"""


def schema_with(tmp_path: Path, document_labels: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(SMALL + document_labels, encoding="utf-8")
    return path


def test_the_second_schema_declares_two_document_labels_and_keeps_them_in_the_project():
    schema = load_schema_file(SCHEMA)
    assert [d.name for d in schema.document_labels] == ["reports_stance", "genre"]
    genre = schema.document_label("genre")
    assert genre.values == ("NEWS", "OPINION", "INTERVIEW") and genre.shown_value("OPINION", "ar") == "رأي"
    assert genre.shown_name("ar") == "النوع" and genre.shown_name("en") == "genre"
    assert schema.document_label_keys()["Y"] == ("reports_stance", "YES")
    assert Schema.from_dict(json.loads(json.dumps(schema.to_dict()))) == schema
    assert DEFAULT_SCHEMA.document_labels == ()


@pytest.mark.parametrize("entry, message", [
    ('[[document_labels]]\nname = "relevant"\nvalues = ["YES"]\n', "at least two"),
    ('[[document_labels]]\nname = "relevant"\nvalues = ["YES", "NO"]\nkeys = ["2", "9"]\n',
     "key '2' is already the key of label CLAIM"),
    ('[[document_labels]]\nname = "relevant"\nvalues = ["YES", "NO"]\nkeys = ["y", "s"]\n',
     "key 's' is already the key of relation SAID_BY"),
    ('[[document_labels]]\nname = "relevant"\nvalues = ["YES", "NO"]\nkeys = ["f", "n"]\n',
     "key 'f' is already a value key of CLAIM attribute stance"),
    ('[[document_labels]]\nname = "relevant"\nvalues = ["YES", "NO"]\nkeys = ["m", "n"]\n',
     "key 'm' is already the note key"),
    ('[[document_labels]]\nname = "relevant"\nvalues = ["YES", "NO"]\nkeys = ["y"]\n',
     "one key for each of its 2 values"),
    ('[[document_labels]]\nname = "relevant"\nvalues = ["YES", "NO"]\nkeys = ["ن", "y"]\n',
     "must be a Latin letter or a digit"),
    ('[[document_labels]]\nname = "relevant"\nvalues = ["YES", "NO"]\nkeys = ["y", "n"]\n'
     '[[document_labels]]\nname = "genre"\nvalues = ["NEWS", "OPINION"]\nkeys = ["N", "o"]\n',
     "key 'N' is already a key of document label relevant"),
    ('[[document_labels]]\nname = "relevant"\nvalues = ["YES", "NO"]\n'
     '[[document_labels]]\nname = "Relevant"\nvalues = ["A", "B"]\n', "duplicate document label name"),
    ('[[document_labels]]\nname = "relevant"\nvalues = ["YES", "NO"]\nshown_values = { ar = ["نعم"] }\n',
     "needs one name for each of its 2 values"),
    ('[[document_labels]]\nname = "relevant"\nvalues = ["YES", "NO"]\ncolour = "#ffffff"\n',
     "unknown key(s) colour"),
])
def test_a_wrong_document_label_is_refused_naming_the_file_and_the_entry(tmp_path, entry, message):
    path = schema_with(tmp_path, entry)
    with pytest.raises(InputError) as refused:
        load_schema_file(path)
    assert str(path) in str(refused.value) and message in str(refused.value)
    assert "document label" in str(refused.value) or "document_labels" in str(refused.value)


@pytest.fixture
def path(make_location):
    path = make_location(load_schema_file(SCHEMA))
    with Project.open(path) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="a.txt", id="a")])
    return path


@pytest.fixture
def session(path):
    project = Project.open(path, writer=True)
    yield DocumentSession(project, 1, "mona")
    project.close()


def in_the_file(path, layer: str = "mona") -> dict:
    """What another process reads: the layer's document labels, from a fresh open."""
    with Project.open(path, read_only=True) as reader:
        return {d.name: d.value for d in document_label_store.labels_of(reader, 1, layer)}


def test_a_document_label_is_set_changed_cleared_and_each_step_undoes(session, path):
    seen = []
    session.subscribe(seen.append)
    first = session.set_document_label("genre", "NEWS")
    assert in_the_file(path) == {"genre": "NEWS"} and session.status == "in_progress"
    assert seen[-1].document_labels[0].value == "NEWS"
    second = session.set_document_label("genre", "OPINION")
    session.set_document_label("reports_stance", "YES")
    assert in_the_file(path) == {"genre": "OPINION", "reports_stance": "YES"}
    assert session.set_document_label("genre", "OPINION") is None  # nothing changes: no action
    cleared = session.set_document_label("genre", None)
    assert in_the_file(path) == {"reports_stance": "YES"} and "genre" not in session.document_labels
    session.undo(cleared)
    assert in_the_file(path)["genre"] == "OPINION" and session.document_labels["genre"].value == "OPINION"
    session.undo(second)
    assert in_the_file(path)["genre"] == "NEWS"
    session.undo(first)
    assert "genre" not in in_the_file(path)
    session.redo(first)
    assert in_the_file(path)["genre"] == "NEWS"
    assert in_the_file(path, "karim") == {}  # another layer's labels are its own


def test_a_value_or_label_the_schema_lacks_is_refused_and_nothing_changes(session, path):
    with pytest.raises(ValidationError, match="allowed: NEWS, OPINION, INTERVIEW"):
        session.set_document_label("genre", "SATIRE")
    with pytest.raises(ValidationError, match="document label 'tone' is not in the schema"):
        session.set_document_label("tone", "CALM")
    assert in_the_file(path) == {} and session.document_labels == {} and session.status == "new"


def test_an_older_project_file_gains_document_labels(tmp_path):
    from annotator.core.store.migrations import LATEST_VERSION

    old = older_project(tmp_path / "old.sqlite", "0008_document_labels", documents=[(1, "a", TEXT)],
                        schema=load_schema_file(SCHEMA))
    with Project.open(old, writer=True) as project:
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        session = DocumentSession(project, 1, "mona")
        assert session.document_labels == {}
        session.set_document_label("reports_stance", "NO")
    assert in_the_file(old) == {"reports_stance": "NO"}
