"""Entity ids in the native JSONL: every mention of one entity carries one id in every
article and layer, a rename keeps it, a merge gives it to the absorbed entity's mentions,
and an export imported into a new project exports again with the same ids."""

from __future__ import annotations

import json

from annotator.core import speakers
from annotator.core.ingest import import_documents
from annotator.core.store import Project
from annotator.formats.native import read_jsonl
from annotator.formats.native_export import write_jsonl
from tests.core.test_speakers import AMJAD, SAMI, build_corpus


def exported_ids(path) -> dict[tuple[str, str, str], str | None]:
    """(document, layer, entity) -> the span's entity_id, for every span of an export."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for span in record["spans"]:
            found[record["id"], record["layer"], span["attrs"].get("entity", span["text"])] = span.get("entity_id")
    return found


def test_one_entity_has_one_id_across_articles_and_layers(tmp_path):
    build_corpus(tmp_path / "p.sqlite")
    with Project.open(tmp_path / "p.sqlite") as project:
        ids = {speaker.name: speaker.id for speaker in speakers.registry(project)}
        write_jsonl(project, tmp_path / "out.jsonl")
    found = exported_ids(tmp_path / "out.jsonl")
    assert found["a", "karim", "أمجد  البرقاوي"] == found["a", "mona", "امجد البرقاوي"] == ids[AMJAD]
    assert found["b", "gold", SAMI] == found["b", "karim", SAMI] == ids[SAMI]
    assert found["b", "karim", "الوزير"] is None  # a SPEAKER with no entity names none


def test_ids_survive_a_rename_and_a_merge_and_an_export_and_import(tmp_path):
    build_corpus(tmp_path / "p.sqlite")
    with Project.open(tmp_path / "p.sqlite") as project:
        ids = {speaker.name: speaker.id for speaker in speakers.registry(project)}
        speakers.rename(project, AMJAD, "Amjad Barqawi")
        speakers.merge(project, "Amjad Barqawi", "Barqawi")
        write_jsonl(project, tmp_path / "first.jsonl")
    found = exported_ids(tmp_path / "first.jsonl")
    assert found["b", "mona", "Amjad Barqawi"] == found["a", "karim", "Amjad Barqawi"] == ids[AMJAD]

    with Project.create(tmp_path / "again.sqlite") as again:
        import_documents(again, read_jsonl(tmp_path / "first.jsonl"))
        assert {s.name: s.id for s in speakers.registry(again)} == {"Amjad Barqawi": ids[AMJAD], SAMI: ids[SAMI]}
        write_jsonl(again, tmp_path / "second.jsonl")
    assert (tmp_path / "second.jsonl").read_bytes() == (tmp_path / "first.jsonl").read_bytes()


def test_a_name_the_project_gave_an_id_of_its_own_keeps_it_on_import(tmp_path):
    build_corpus(tmp_path / "p.sqlite")
    with Project.open(tmp_path / "p.sqlite") as project:
        speakers.rename(project, SAMI, "Sami")  # its file calls Sami's id "Sami"
        write_jsonl(project, tmp_path / "out.jsonl")
    build_corpus(tmp_path / "other.sqlite")
    with Project.open(tmp_path / "other.sqlite") as other:
        speakers.rename(other, AMJAD, "Sami")  # here "Sami" is Amjad's id
        amjad = next(s.id for s in speakers.registry(other) if s.name == "Sami")
        import_documents(other, read_jsonl(tmp_path / "out.jsonl"), annotator="imported", replace=True)
        named_sami = [s for s in speakers.registry(other) if s.name == "Sami"]
    assert [s.id for s in named_sami] == [amjad]
    assert "imported" in named_sami[0].layers
