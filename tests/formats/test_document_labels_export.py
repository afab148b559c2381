"""Document labels in exports (issue 21, item 8): the native JSONL carries each layer's
values, and gold's decisions, and reads them back the same; Label Studio gets them as
document-level choices; every other format's report says it left them out; the release
counts them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core import document_label_review
from annotator.core.errors import InputError
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import load_schema_file
from annotator.core.session import DocumentSession
from annotator.core.store import Project
from annotator.core.store import document_labels as document_label_store
from annotator.formats import registry
from annotator.formats.native import read_jsonl
from annotator.formats.native_export import records, write_jsonl

SCHEMA = Path(__file__).parents[1] / "data" / "news_documents.toml"
TEXT = "قال رئيس البلدية إن الحديقة ستفتح في الربيع."  # written for these tests


@pytest.fixture
def labelled(tmp_path):
    """mona and karim agree on the genre and differ on whether a stance is reported; gold
    settled both."""
    project = Project.create(tmp_path / "p.sqlite", schema=load_schema_file(SCHEMA))
    import_documents(project, [DocumentInput(text=TEXT, path="a.txt", id="park")])
    for layer, stance in (("mona", "YES"), ("karim", "NO")):
        session = DocumentSession(project, 1, layer)
        session.set_document_label("genre", "NEWS")
        session.set_document_label("reports_stance", stance)
    document_label_review.accept_agreed(project, 1, "lead")
    stance = next(v for v in document_label_review.versions_of(project, 1) if v.name == "reports_stance")
    DocumentSession(project, 1, "gold").put_document_label(
        document_label_review.decided(stance, 1, "YES", "lead", "the mayor's promise is a position"))
    yield project
    project.close()


def test_native_jsonl_carries_document_labels_and_reads_them_back_the_same(labelled, tmp_path):
    by_layer = {record["layer"]: record for record in records(labelled)}
    assert by_layer["karim"]["document_labels"] == {"genre": "NEWS", "reports_stance": "NO"}
    assert "document_label_provenance" not in by_layer["karim"]
    gold = by_layer["gold"]["document_label_provenance"]
    assert gold["genre"]["decision"] == "agreed" and gold["genre"]["sources"] == ["karim", "mona"]
    assert (gold["reports_stance"]["decision"], gold["reports_stance"]["sources"]) == ("picked", ["mona"])
    assert gold["reports_stance"]["reason"] == "the mayor's promise is a position"
    first = tmp_path / "first.jsonl"
    write_jsonl(labelled, first)
    with Project.create(tmp_path / "again.sqlite", schema=load_schema_file(SCHEMA)) as again:
        import_documents(again, read_jsonl(first))
        picked = document_label_store.label_on(again, 1, "gold", "reports_stance")
        assert (picked.value, picked.decided_by, picked.sources) == ("YES", "lead", ("mona",))
        second = tmp_path / "second.jsonl"
        write_jsonl(again, second)
    assert first.read_bytes() == second.read_bytes()


def test_a_record_without_document_labels_has_no_such_key(tmp_path):
    with Project.create(tmp_path / "p.sqlite", schema=load_schema_file(SCHEMA)) as project:
        import_documents(project, [DocumentInput(text=TEXT, path="a.txt", id="park")])
        DocumentSession(project, 1, "mona").set_status("done")
        (exported,) = records(project)
    assert "document_labels" not in exported and "document_label_provenance" not in exported


@pytest.mark.parametrize("labels, message", [
    ({"genre": "SATIRE"}, "'SATIRE' is not a value of the document label genre"),
    ({"mood": "CALM"}, "document label 'mood' is not in the schema"),
    (["genre", "NEWS"], '"document_labels" must be an object'),
])
def test_a_wrong_document_label_in_a_file_is_refused_naming_the_line(tmp_path, labels, message):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "park", "text": TEXT, "layer": "mona", "spans": [], "relations": [],
                                  "document_labels": labels}, ensure_ascii=False) + "\n", encoding="utf-8")
    with Project.create(tmp_path / "p.sqlite", schema=load_schema_file(SCHEMA)) as project:
        with pytest.raises(InputError) as refused:
            import_documents(project, read_jsonl(source))
        assert str(refused.value).startswith(f"{source}:1") and message in str(refused.value)
        assert project.document_count() == 0


def test_label_studio_gets_them_as_document_level_choices(labelled, tmp_path):
    destination = tmp_path / "out.json"
    report = registry.export(labelled, "labelstudio", destination)
    assert not any("document labels" in reason for reason in report.lost)
    tasks = json.loads(destination.read_text(encoding="utf-8"))
    karim = next(a for a in tasks[0]["annotations"] if a["layer"] == "karim")
    chosen = {item["from_name"]: item["value"]["choices"] for item in karim["result"] if "start" not in item.get("value", {})}
    assert chosen == {"document_genre": ["NEWS"], "document_reports_stance": ["NO"]}
    config = destination.with_name("out.config.xml").read_text(encoding="utf-8")
    assert '<Choices name="document_genre" toName="text" choice="single">' in config


@pytest.mark.parametrize("name", ["prodigy", "doccano", "brat", "conll"])
def test_every_other_format_reports_the_document_labels_it_left_out(labelled, tmp_path, name):
    report = registry.export(labelled, name, tmp_path / f"out-{name}")
    title = registry.FORMATS[name].title.split(" (")[0]
    assert report.lost[f"document labels ({title} has no place for them)"] == 6  # 2 layers and gold, 2 labels each
    gold_only = registry.export(labelled, name, tmp_path / f"gold-{name}", layer="gold+review")
    assert gold_only.lost[f"document labels ({title} has no place for them)"] == 2


def test_the_release_carries_document_labels_counts_them_and_loads_in_datasets(labelled, tmp_path, monkeypatch):
    from annotator.formats.release import write_release
    from tests.formats.test_release import load_with_card

    write_release(labelled, tmp_path / "rel", layer="gold+review", splits={"train": 1.0})
    card = (tmp_path / "rel" / "README.md").read_text(encoding="utf-8")
    assert "## Document labels" in card and "| `genre` | `NEWS`, `OPINION`, `INTERVIEW` |" in card
    assert "| train | 1 | 0 | 0 |" in card  # the one document: genre NEWS
    assert "`reports_stance`: mean kappa 0.000" in card and "`genre`: mean kappa n/a" in card
    dataset = load_with_card(tmp_path / "rel", tmp_path / "cache", monkeypatch)
    (row,) = dataset["train"]
    assert row["document_labels"] == {"reports_stance": "YES", "genre": "NEWS"}
    assert row["document_label_provenance"]["reports_stance"]["decision"] == "picked"
