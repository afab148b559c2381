"""The demo project is the first thing a user sees: it must build, whole and exact."""

from annotator.core.store import Project
from annotator.demo import ensure_demo_project
from annotator.formats.native_export import records


def test_the_demo_project_has_the_corpus_and_two_disagreeing_layers(tmp_path):
    path = ensure_demo_project(tmp_path / "demo.sqlite")
    with Project.open(path) as project:
        documents = list(project.documents())
        assert len(documents) >= 5
        assert max(len(d.text.split()) for d in documents) >= 2000
        assert project.layer_names() == ["karim", "mona"]
        layered = [r for r in records(project) if r["layer"]]
        assert {r["id"] for r in layered if r["layer"] == "mona"} == {r["id"] for r in layered if r["layer"] == "karim"}
        assert len({r["id"] for r in layered}) == 2
        for record in layered:
            for span in record["spans"]:
                assert record["text"][span["start"]:span["end"]] == span["text"]
        stances = {(r["id"], r["layer"], s["text"]): s["attrs"].get("stance")
                   for r in layered for s in r["spans"] if s["label"] == "CLAIM"}
        disagreements = [key for key, stance in stances.items()
                         if key[1] == "mona" and stances.get((key[0], "karim", key[2]), stance) != stance]
        assert disagreements, "the two demo annotators should disagree on some stances"


def test_the_demo_project_is_made_once(tmp_path):
    path = ensure_demo_project(tmp_path / "demo.sqlite")
    with Project.open(path) as project:
        project.set_status(project.document_by_id("03-energy-plan").key, "mona", "done")
    assert ensure_demo_project(path) == path
    with Project.open(path) as project:
        assert project.status(project.document_by_id("03-energy-plan").key, "mona") == "done"
