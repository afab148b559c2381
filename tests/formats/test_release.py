"""Dataset releases: a split fixed by seed and id, native lines, a card that loads in `datasets`."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.adjudicate import accept_agreed, set_adjudicated
from annotator.core.errors import AnnotatorError
from annotator.core.ingest import import_documents
from annotator.core.schema import Attribute, Label, Schema
from annotator.core.store import Project
from annotator.formats.native import parse_record, read_jsonl
from annotator.formats.native_export import write_jsonl
from annotator.formats.release import (
    NothingToRelease,
    assign_splits,
    draw_point,
    features_code,
    moved_bound,
    parse_splits,
    split_counts,
    write_release,
)
from tests.formats.conftest import (
    KARIM_RELATIONS,
    KARIM_SPANS,
    MONA_RELATIONS,
    MONA_SPANS,
    RAW_TEXT,
    SECOND_TEXT,
    SOURCE_RECORDS,
)

TODAY = date(2026, 11, 29)
SPLITS = {"train": 0.5, "dev": 0.25, "test": 0.25}


def short_document(number: int) -> dict:
    text = f"قال المتحدث رقم {number} إن الخطة ناجحة."
    claim = text.index("الخطة")
    speaker = text.index("المتحدث")
    meta = {"section": "economy", "tags": ["budget", number]} if number % 3 else {"page": number}
    return {"id": f"doc-{number:03}", "text": text, "meta": meta, "layer": "gold", "status": "done",
            "spans": [{"id": 1, "start": speaker, "end": speaker + 7, "label": "SPEAKER", "attrs": {}},
                      {"id": 2, "start": claim, "end": len(text) - 1, "label": "CLAIM",
                       "attrs": {"stance": "FAVOR" if number % 2 else "AGAINST"}}],
            "relations": [{"type": "SAID_BY", "head": 2, "child": 1}]}


def gold_project(path: Path, extra: range = range(20)) -> Project:
    """The round-trip corpus, adjudicated: "budget" by accepting what mona and karim agree
    on (gold spans with provenance), "hydromar" with an imported gold layer still in review,
    "plain" untouched; plus short documents with an imported, adjudicated gold layer."""
    project = Project.create(path)
    karim_on_budget = {**SOURCE_RECORDS[0], "layer": "karim", "spans": MONA_SPANS, "relations": MONA_RELATIONS}
    gold_on_hydromar = {"id": "hydromar", "text": SECOND_TEXT, "layer": "gold", "status": "in_progress",
                        "spans": KARIM_SPANS, "relations": KARIM_RELATIONS}
    inputs = [*SOURCE_RECORDS, karim_on_budget, gold_on_hydromar, *(short_document(n) for n in extra)]
    import_documents(project, (parse_record(r, "corpus", n) for n, r in enumerate(inputs, 1)))
    budget = project.document_by_id("budget").key
    accept_agreed(project, budget, by="lead")
    set_adjudicated(project, budget)
    for number in extra:
        project.set_status(project.document_by_id(f"doc-{number:03}").key, "gold", "done")
    return project


@pytest.fixture
def project(tmp_path):
    project = gold_project(tmp_path / "gold.sqlite")
    yield project
    project.close()


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def assignment(directory: Path, splits=SPLITS) -> dict[str, str]:
    """Each released document's split; a split no document fell in has no file."""
    return {record["id"]: name for name in splits if (directory / f"{name}.jsonl").exists()
            for record in lines_of(directory / f"{name}.jsonl")}


def card_code(directory: Path) -> str:
    card = (directory / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", card, re.S)
    return code


def load_with_card(directory: Path, cache: Path, monkeypatch):
    """Run the card's own loading code in the release folder."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.chdir(directory)
    code = card_code(directory)
    assert code.count("features=features)") == 1
    namespace: dict = {}
    exec(code.replace("features=features)", f"features=features, cache_dir={str(cache)!r})"), namespace)
    return namespace["dataset"]


# -- splits ----------------------------------------------------------------------------


def test_parse_splits_reads_names_and_fractions():
    assert parse_splits("train=0.8, dev=0.1,test=0.1") == {"train": 0.8, "dev": 0.1, "test": 0.1}
    assert parse_splits("all_of_it=1") == {"all_of_it": 1.0}


@pytest.mark.parametrize("text, problem", [
    ("train=0.8,dev=0.1", "sum to 0.9"),
    ("train=0.8,dev=0.3,test=-0.1", "positive"),
    ("train=1,dev=0", "positive"),
    ("train=0.5,train=0.5", "given twice"),
    ("train-set=0.5,dev=0.5", "identifier"),
    ("all=1", "identifier"),
    ("train=abc,dev=1", "not a number"),
    ("train,dev=1", "no fraction"),
    ("train=nan,dev=1", "positive"),
])
def test_parse_splits_refuses_and_names_the_problem(text, problem):
    with pytest.raises(AnnotatorError, match=problem):
        parse_splits(text)


def fractions(weights: list[int]) -> dict[str, float]:
    return {f"split{n}": weight / sum(weights) for n, weight in enumerate(weights)}


any_fractions = st.lists(st.integers(1, 1000), min_size=1, max_size=6).map(fractions)


@settings(max_examples=300)
@given(st.integers(0, 5000), any_fractions)
def test_every_split_gets_its_share_to_within_one_document(total, splits):
    counts = split_counts(total, splits)
    assert sum(counts.values()) == total
    assert all(abs(counts[name] - total * share) < 1 for name, share in splits.items())


@settings(max_examples=200)
@given(st.sets(st.text(min_size=1, max_size=20), max_size=60), any_fractions, st.integers(0, 10**6))
def test_the_draw_gives_those_counts_and_depends_on_the_ids_and_seed_not_their_order(ids, splits, seed):
    first = assign_splits(sorted(ids), splits, seed)
    assert first == assign_splits(sorted(ids, reverse=True), dict(splits), seed)
    assert set(first) == ids
    assert {name: list(first.values()).count(name) for name in splits} == split_counts(len(ids), splits)


@settings(max_examples=300)
@given(st.sets(st.integers(0, 10**4), max_size=80), st.sets(st.integers(0, 10**4), min_size=1, max_size=20),
       any_fractions, st.integers(0, 99))
def test_adding_documents_moves_at_most_the_stated_bound_of_the_old_ones(old, added, splits, seed):
    old_ids, added_ids = [f"doc-{n}" for n in old], [f"new-{n}" for n in added]
    before = assign_splits(old_ids, splits, seed)
    after = assign_splits(old_ids + added_ids, splits, seed)
    moved = sum(before[doc] != after[doc] for doc in old_ids)
    assert moved <= moved_bound(len(added_ids), splits)


def test_twenty_documents_split_sixteen_two_two_mostly_where_their_points_fall():
    splits = {"train": 0.8, "dev": 0.1, "test": 0.1}
    assert split_counts(20, splits) == {"train": 16, "dev": 2, "test": 2}
    ids = [f"doc-{number}" for number in range(10_000)]
    assignment = assign_splits(ids, splits, seed=7)
    assert [list(assignment.values()).count(name) for name in splits] == [8000, 1000, 1000]
    where_points_fall = {doc: "train" if draw_point(7, doc) < 0.8 else "dev" if draw_point(7, doc) < 0.9 else "test"
                         for doc in ids}
    assert sum(assignment[doc] != where_points_fall[doc] for doc in ids) < 200


# -- the release files ------------------------------------------------------------------


def test_same_seed_gives_identical_bytes(project, tmp_path):
    first = write_release(project, tmp_path / "one", splits=SPLITS, seed=3, today=TODAY)
    second = write_release(project, tmp_path / "two", splits=SPLITS, seed=3, today=TODAY)
    assert [p.name for p in first.files] == ["train.jsonl", "dev.jsonl", "test.jsonl", "README.md"]
    for a, b in zip(first.files, second.files):
        assert a.read_bytes() == b.read_bytes()
    assert first.documents == second.documents


def test_another_seed_moves_documents(project, tmp_path):
    write_release(project, tmp_path / "zero", splits=SPLITS, seed=0, today=TODAY)
    write_release(project, tmp_path / "one", splits=SPLITS, seed=1, today=TODAY)
    zero, one = assignment(tmp_path / "zero"), assignment(tmp_path / "one")
    assert zero.keys() == one.keys() and zero != one


def test_gold_releases_only_adjudicated_documents_as_native_lines(project, tmp_path):
    report = write_release(project, tmp_path / "rel", splits=SPLITS, today=TODAY)
    released = [r for name in SPLITS for r in lines_of(tmp_path / "rel" / f"{name}.jsonl")]
    assert sorted(r["id"] for r in released) == sorted(["budget", *(f"doc-{n:03}" for n in range(20))])
    assert sum(report.documents.values()) == 21
    assert report.left_out == {"with gold not yet adjudicated": 1, "without a gold layer": 1}
    assert "  left out 2 document(s): 1 with gold not yet adjudicated, 1 without a gold layer" in report.summary()
    assert {r["layer"] for r in released} == {"gold"} and {r["status"] for r in released} == {"done"}
    budget = next(r for r in released if r["id"] == "budget")
    assert budget["text"] == RAW_TEXT.replace("\r\n", "\n")
    assert all(budget["text"][s["start"]:s["end"]] == s["text"] for s in budget["spans"])
    assert {s["provenance"]["decision"] for s in budget["spans"]} == {"agreed"}
    assert len(budget["relations"]) == len(MONA_RELATIONS)


def test_gold_with_review_and_an_annotator_layer(project, tmp_path):
    write_release(project, tmp_path / "review", layer="gold+review", splits=SPLITS, today=TODAY)
    assert "hydromar" in assignment(tmp_path / "review")
    report = write_release(project, tmp_path / "karim", layer="karim", splits=SPLITS, today=TODAY)
    assert sorted(assignment(tmp_path / "karim")) == ["budget", "hydromar"]
    assert report.left_out == {"without a layer by karim": 21}


def test_a_layer_that_does_not_exist_is_refused_before_writing(project, tmp_path):
    with pytest.raises(AnnotatorError, match="no layer 'nobody'.*gold\\+review.*karim"):
        write_release(project, tmp_path / "rel", layer="nobody")
    assert not (tmp_path / "rel").exists()


def test_progress_is_called_once_per_document(project, tmp_path):
    calls = []
    write_release(project, tmp_path / "rel", splits=SPLITS, progress=calls.append, today=TODAY)
    assert calls == [1] * project.document_count()


def test_a_release_that_stops_half_way_leaves_the_previous_one_intact(project, tmp_path):
    write_release(project, tmp_path / "rel", splits=SPLITS, today=TODAY)
    before = {path.name: path.read_bytes() for path in (tmp_path / "rel").iterdir()}

    calls = []

    def stop_at_the_fifth(step):
        calls.append(step)
        if len(calls) == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_release(project, tmp_path / "rel", splits=SPLITS, seed=9, progress=stop_at_the_fifth)
    assert {path.name: path.read_bytes() for path in (tmp_path / "rel").iterdir()} == before


def test_release_files_read_back_as_native_jsonl(project, tmp_path):
    write_release(project, tmp_path / "rel", splits={"all_docs": 1.0}, today=TODAY)
    back = Project.create(tmp_path / "back.sqlite")
    try:
        report = import_documents(back, read_jsonl(tmp_path / "rel" / "all_docs.jsonl"))
        assert len(report.added) == 21
    finally:
        back.close()


def test_a_release_draws_its_splits_over_the_released_documents(project, tmp_path):
    report = write_release(project, tmp_path / "rel", splits=SPLITS, seed=4, today=TODAY)
    released = sorted(["budget", *(f"doc-{n:03}" for n in range(20))])
    assert assignment(tmp_path / "rel") == assign_splits(released, SPLITS, 4)
    assert report.documents == {"train": 11, "dev": 5, "test": 5}


def test_a_release_with_no_document_is_refused_and_writes_nothing(tmp_path):
    project = gold_project(tmp_path / "p.sqlite", extra=range(0))
    try:
        project.set_status(project.document_by_id("budget").key, "gold", "in_progress")
        with pytest.raises(NothingToRelease, match=r"none of the 3 document.s. is adjudicated "
                                                   r"\(2 with gold not yet adjudicated, 1 without a gold layer\); "
                                                   r"mark documents adjudicated .*gold\+review"):
            write_release(project, tmp_path / "rel", today=TODAY)
        assert not (tmp_path / "rel").exists()
    finally:
        project.close()


# -- the card ---------------------------------------------------------------------------


def test_the_card_gives_schema_counts_seed_and_date(project, tmp_path):
    report = write_release(project, tmp_path / "rel", splits=SPLITS, seed=5, today=TODAY)
    card = (tmp_path / "rel" / "README.md").read_text(encoding="utf-8")
    assert "2026-11-29" in card and "Seed `5`" in card and "train 0.5, dev 0.25, test 0.25" in card
    assert "21 of 23 documents are released; left out: 1 with gold not yet adjudicated, 1 without a gold layer." in card
    assert "largest remainders" in card and "adding k documents moves at most 2k + 2 of them" in card
    assert "Unicode code points" in card and 'text[start:end] == span["text"]' in card
    assert "The claim's position toward its target." in card and "`FAVOR`, `AGAINST`" in card
    assert "Ties a claim to its speaker." in card
    released = {name: lines_of(tmp_path / "rel" / f"{name}.jsonl") for name in SPLITS}
    header = "| split | documents | SPEAKER | CLAIM | TARGET | SAID_BY | ABOUT |"
    assert header in card
    assert "Stance of the CLAIM spans (`CLAIM.stance`) per split (`(none)`: no stance given):" in card
    assert "| split | FAVOR | AGAINST | NEUTRAL | UNCLEAR |" in card
    for name, lines in released.items():
        labels = [sum(s["label"] == x for r in lines for s in r["spans"]) for x in ("SPEAKER", "CLAIM", "TARGET")]
        types = [sum(t["type"] == x for r in lines for t in r["relations"]) for x in ("SAID_BY", "ABOUT")]
        row = "| " + " | ".join(map(str, [name, report.documents[name], *labels, *types])) + " |"
        assert row in card
        stances = [sum(s["attrs"].get("stance") == x for r in lines for s in r["spans"])
                   for x in ("FAVOR", "AGAINST", "NEUTRAL", "UNCLEAR")]
        assert "| " + " | ".join(map(str, [name, *stances])) + " |" in card
    assert "| total | 21 | 23 | 23 | 2 | 23 | 1 |" in card
    assert "| mona / karim |" in card or "| karim / mona |" in card
    assert "**whole project**" in card
    assert "Documents per layer released: `gold` 21." in card
    assert "taken from each annotator (from `provenance`): `karim` 8, `mona` 8." in card
    assert "Gold span decisions: `agreed` 8." in card


def test_the_card_code_loads_every_split_in_datasets(project, tmp_path, monkeypatch):
    report = write_release(project, tmp_path / "rel", splits=SPLITS, today=TODAY)
    dataset = load_with_card(tmp_path / "rel", tmp_path / "cache", monkeypatch)
    assert {name: dataset[name].num_rows for name in dataset} == report.documents
    for name in SPLITS:
        for row in dataset[name]:
            assert row["spans"]
            for span in row["spans"]:
                assert row["text"][span["start"]:span["end"]] == span["text"]
                assert set(span["attrs"]) == {"entity", "stance"}
    budget = next(row for name in SPLITS for row in dataset[name] if row["id"] == "budget")
    assert budget["spans"][0]["provenance"]["sources"] == ["karim", "mona"]


def test_an_empty_split_gets_no_file_and_is_left_out_of_the_card_code(project, tmp_path, monkeypatch):
    splits = {"train": 0.5, "dev": 0.4999999999, "test": 0.0000000001}
    (tmp_path / "rel").mkdir()
    (tmp_path / "rel" / "test.jsonl").write_text('{"id": "from an earlier release"}\n', encoding="utf-8")
    report = write_release(project, tmp_path / "rel", splits=splits, today=TODAY)
    assert report.documents["test"] == 0 and not (tmp_path / "rel" / "test.jsonl").exists()
    assert "  test: no document fell in it (too few documents for the shares asked); no file written" \
        in report.summary()
    assert sorted(p.name for p in (tmp_path / "rel").iterdir()) == ["README.md", "dev.jsonl", "train.jsonl"]
    dataset = load_with_card(tmp_path / "rel", tmp_path / "cache", monkeypatch)
    assert set(dataset) == {"train", "dev"}
    assert "`test` is empty: no document fell in it" in (tmp_path / "rel" / "README.md").read_text(encoding="utf-8")


def test_the_native_export_loads_with_the_documented_features(project, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    write_jsonl(project, tmp_path / "export.jsonl")
    namespace: dict = {}
    exec(features_code(project.schema), namespace)
    dataset = namespace["load_dataset"]("json", data_files={"export": str(tmp_path / "export.jsonl")},
                                        features=namespace["features"], cache_dir=str(tmp_path / "cache"))
    exported = lines_of(tmp_path / "export.jsonl")
    assert dataset["export"].num_rows == len(exported)
    for row, record in zip(dataset["export"], exported):
        assert (row["id"], row["layer"], row["meta"]) == (record["id"], record["layer"], record["meta"])
        assert [(s["start"], s["end"], s["text"]) for s in row["spans"]] == \
               [(s["start"], s["end"], s["text"]) for s in record["spans"]]
        for span, original in zip(row["spans"], record["spans"]):
            assert {k: v for k, v in span["attrs"].items() if v is not None} == original["attrs"]
            assert (span["provenance"] is not None) == ("provenance" in original)


def test_the_features_follow_a_custom_schema(tmp_path, monkeypatch):
    schema = Schema(labels=(Label("QUOTE", "#aaaaaa", "1", "A quotation.",
                                  (Attribute("certainty", ("HIGH", "LOW")),)),
                            Label("SOURCE", "#bbbbbb", "2")), name="custom")
    project = Project.create(tmp_path / "custom.sqlite", schema=schema)
    try:
        text = "قال المصدر: «سنبني الجسر»."
        quote = text.index("سنبني")
        record = {"id": "q", "text": text, "layer": "ali", "status": "done",
                  "spans": [{"start": quote, "end": quote + 10, "label": "QUOTE", "attrs": {"certainty": "HIGH"}},
                            {"start": 4, "end": 10, "label": "SOURCE"}]}
        import_documents(project, [parse_record(record, "custom", 1)])
        write_release(project, tmp_path / "rel", layer="ali", splits={"everything": 1.0}, today=TODAY)
        assert '"attrs": {"certainty": Value("string")}' in card_code(tmp_path / "rel")
        assert "| `QUOTE` | A quotation. | `certainty`: `HIGH`, `LOW` |" in \
            (tmp_path / "rel" / "README.md").read_text(encoding="utf-8")
        dataset = load_with_card(tmp_path / "rel", tmp_path / "cache", monkeypatch)
        assert [span["attrs"] for span in dataset["everything"][0]["spans"]] == \
            [{"certainty": None}, {"certainty": "HIGH"}]
    finally:
        project.close()


def test_the_documented_features_are_the_ones_the_card_prints():
    from annotator.core.schema import DEFAULT_SCHEMA

    doc = (Path(__file__).parents[2] / "docs" / "formats.md").read_text(encoding="utf-8")
    assert features_code(DEFAULT_SCHEMA) in doc[doc.index("## Hugging Face datasets"):]
