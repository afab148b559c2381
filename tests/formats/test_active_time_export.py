"""Active time in exports: native JSONL's ``active_seconds`` and Label Studio's
``lead_time``, only on records that have time; a native import leaves time out."""

import json

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import DEFAULT_SCHEMA
from annotator.core.store import Project
from annotator.core.store.active_time import active_seconds, add_active_time
from annotator.formats import labelstudio
from annotator.formats.native import read_jsonl
from annotator.formats.native_export import records, write_jsonl

# Written for these tests: two short news sentences.
FIRST = "قال المتحدث إن الاجتماع سيعقد غدا."
SECOND = "أعلنت الوزارة أن الخطة جاهزة للتنفيذ في الربيع المقبل."


def timed_project(project):
    import_documents(project, [DocumentInput(text=FIRST, path="a.txt", id="a"),
                               DocumentInput(text=SECOND, path="b.txt", id="b")])
    first, second = project.document_by_id("a").key, project.document_by_id("b").key
    for key in (first, second):
        for layer in ("mona", "omar"):
            project.set_status(key, layer, "done")
    add_active_time(project, first, "mona", 95.25)
    add_active_time(project, first, "mona", 30)
    add_active_time(project, second, "omar", 61)
    return project


def times(found):
    return {(r["id"], r["layer"]): r.get("active_seconds") for r in found}


def test_native_records_carry_the_active_seconds_of_their_layer_only_when_known(project, tmp_path):
    timed_project(project)
    destination = tmp_path / "out.jsonl"
    write_jsonl(project, destination)
    lines = [json.loads(line) for line in destination.read_text(encoding="utf-8").splitlines()]
    assert times(lines) == {("a", "mona"): 125.2, ("a", "omar"): None, ("b", "mona"): None, ("b", "omar"): 61}
    assert ["active_seconds" in r for r in lines] == [True, False, False, True]
    assert list(lines[0])[-1] == "active_seconds"
    assert times(records(project, layer="omar")) == {("a", "omar"): None, ("b", "omar"): 61}


def test_label_studio_gets_the_seconds_as_each_annotations_lead_time(project, tmp_path):
    timed_project(project)
    destination = tmp_path / "tasks.json"
    labelstudio.write(records(project), destination, DEFAULT_SCHEMA)
    tasks = json.loads(destination.read_text(encoding="utf-8"))
    found = {(t["data"]["doc_id"], a["layer"]): a.get("lead_time") for t in tasks for a in t["annotations"]}
    assert found == {("a", "mona"): 125.2, ("a", "omar"): None, ("b", "mona"): None, ("b", "omar"): 61}


def test_a_native_import_leaves_the_time_out_so_a_reimport_never_doubles_it(project, tmp_path):
    timed_project(project)
    destination = tmp_path / "out.jsonl"
    write_jsonl(project, destination)
    with Project.create(tmp_path / "back.sqlite") as back:
        import_documents(back, read_jsonl(destination))
        assert active_seconds(back) == {}
        assert [r["status"] for r in records(back)] == ["done"] * 4
    import_documents(project, read_jsonl(destination), replace=True)
    assert active_seconds(project)[project.document_by_id("a").key, "mona"] == 125.25
