"""The spaCy export as a folder of shards: spaCy reads it as one corpus, our import reads
it back, and the folder never mixes two exports."""

from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")
from spacy.training import Corpus  # noqa: E402

from annotator.core.errors import AnnotatorError  # noqa: E402
from annotator.core.schema import DEFAULT_SCHEMA  # noqa: E402
from annotator.formats import registry, spacy_docbin  # noqa: E402
from tests.formats.conftest import import_into_new_project  # noqa: E402


def records(count: int, text: str = "قال الوزير إن الخطة ستنجح.") -> list[dict]:
    return [{"id": f"d{n}", "title": "t", "text": f"{n} {text}", "meta": {}, "layer": "mona", "status": "done",
             "spans": [{"id": 1, "start": 0, "end": len(str(n)), "label": "TARGET", "text": str(n), "attrs": {}}],
             "relations": []} for n in range(1, count + 1)]


@pytest.fixture
def small_shards(monkeypatch):
    monkeypatch.setattr(spacy_docbin, "SHARD_DOCUMENTS", 2)


def test_shards_are_read_by_spacy_and_by_our_import_as_one_corpus(small_shards, tmp_path: Path) -> None:
    folder = tmp_path / "train"
    report = spacy_docbin.write(iter(records(5)), folder, DEFAULT_SCHEMA)
    assert sorted(p.name for p in folder.iterdir()) == ["part-00001.spacy", "part-00002.spacy", "part-00003.spacy"]
    assert report.files == [folder]
    assert f"written as 3 .spacy file(s) of at most 2 documents each in {folder}" in "\n".join(report.summary())
    examples = list(Corpus(folder, shuffle=False)(spacy.blank("ar")))
    assert sorted(example.reference.text for example in examples) == sorted(r["text"] for r in records(5))
    assert registry.gather([folder]) == [(folder / f"part-0000{n}.spacy", "spacy") for n in (1, 2, 3)]
    back = import_into_new_project(tmp_path, (r for file, _ in registry.gather([folder])
                                              for r in spacy_docbin.read(file)))
    assert [(r["id"], r["text"], r["layer"]) for r in back] == [(r["id"], r["text"], r["layer"]) for r in records(5)]
    assert len(list(spacy_docbin.read(folder))) == 5


def test_a_shorter_export_removes_the_shards_of_a_longer_one(small_shards, tmp_path: Path) -> None:
    folder = tmp_path / "train"
    spacy_docbin.write(iter(records(5)), folder, DEFAULT_SCHEMA)
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    report = spacy_docbin.write(iter(records(2)), folder, DEFAULT_SCHEMA)
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt", "part-00001.spacy"]
    assert "removed 2 left by an earlier export" in report.notes[0]
    assert len(list(spacy_docbin.read(folder))) == 2


def test_a_failed_export_leaves_the_folder_as_it_was(small_shards, tmp_path: Path) -> None:
    folder = tmp_path / "train"
    spacy_docbin.write(iter(records(3)), folder, DEFAULT_SCHEMA)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    broken = records(5, text="نص آخر تماما.")
    broken[3]["spans"][0]["text"] = "not the text"
    with pytest.raises(AnnotatorError, match="does not match its offsets"):
        spacy_docbin.write(iter(broken), folder, DEFAULT_SCHEMA)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_file_where_the_folder_would_go_is_refused(tmp_path: Path) -> None:
    single = tmp_path / "train.spacy"
    single.write_bytes(b"an older export")
    with pytest.raises(AnnotatorError, match="name a folder"):
        spacy_docbin.write(iter(records(1)), single, DEFAULT_SCHEMA)
    assert single.read_bytes() == b"an older export"
