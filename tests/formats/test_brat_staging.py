"""A brat export is staged in hidden folders inside DEST: all of it in place, or DEST as it was."""

import copy
import shutil
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.schema import DEFAULT_SCHEMA
from annotator.formats import brat, common


def export(records, destination: Path) -> None:
    brat.write(iter(records), destination, DEFAULT_SCHEMA)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry below ``folder``: a file's bytes, None for a folder."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
            for p in sorted(folder.rglob("*"))}


def hidden_entries(folder: Path) -> list[str]:
    return [p.relative_to(folder).as_posix() for p in folder.rglob(".*")]


def an_earlier_export(corpus_records, destination: Path) -> None:
    """An earlier export, since edited, with files of the user's own beside it."""
    export(corpus_records, destination)
    (destination / "annotation.conf").write_text("[entities]\nOLD\n", encoding="utf-8")
    (destination / "mona" / "budget.ann").write_text("an older .ann\n", encoding="utf-8")
    (destination / "mona" / "my notes.txt").write_text("mine", encoding="utf-8")
    (destination / "README.md").write_text("mine too", encoding="utf-8")


def broken(corpus_records) -> dict:
    record = copy.deepcopy(next(r for r in corpus_records if r["id"] == "hydromar"))
    record["id"] = "zz-broken"
    record["spans"][0]["start"] += 1
    return record


def test_an_export_into_an_earlier_one_replaces_its_files_and_keeps_the_others(corpus_records, tmp_path):
    fresh = tmp_path / "fresh"
    export(corpus_records, fresh)
    destination = tmp_path / "out"
    an_earlier_export(corpus_records, destination)
    export(corpus_records, destination)
    after = snapshot(destination)
    assert after.pop("mona/my notes.txt") == b"mine"
    assert after.pop("README.md") == b"mine too"
    assert after == snapshot(fresh)
    assert hidden_entries(destination) == []


def test_a_record_refused_midway_leaves_the_destination_as_it_was(corpus_records, tmp_path):
    destination = tmp_path / "out"
    an_earlier_export(corpus_records, destination)
    before = snapshot(destination)
    with pytest.raises(AnnotatorError, match="does not match its offsets"):
        export([*corpus_records, broken(corpus_records)], destination)
    assert snapshot(destination) == before
    assert hidden_entries(destination) == []


def test_a_refused_export_into_a_new_folder_leaves_no_folder(corpus_records, tmp_path):
    with pytest.raises(AnnotatorError, match="does not match its offsets"):
        export([*corpus_records, broken(corpus_records)], tmp_path / "new")
    assert not (tmp_path / "new").exists()


def test_a_file_that_does_not_read_back_as_written_is_not_put_in_place(corpus_records, tmp_path, monkeypatch):
    destination = tmp_path / "out"
    an_earlier_export(corpus_records, destination)
    before = snapshot(destination)
    real = common._read_back

    def flip_a_byte_then_read_back(path, size, expected_sha256):
        if Path(path).name == "budget.txt":
            data = bytearray(Path(path).read_bytes())
            data[0] ^= 0x01
            Path(path).write_bytes(bytes(data))
        real(path, size, expected_sha256)

    monkeypatch.setattr(common, "_read_back", flip_a_byte_then_read_back)
    with pytest.raises(AnnotatorError, match="did not read back as it was written"):
        export(corpus_records, destination)
    assert snapshot(destination) == before
    assert hidden_entries(destination) == []


def test_a_staging_folder_left_by_a_crash_is_not_read_as_a_layer(corpus_records, tmp_path):
    destination = tmp_path / "out"
    export(corpus_records, destination)
    shutil.copytree(destination / "karim", destination / ".karim.0badcafe.tmp")
    shutil.copytree(destination / "mona", destination / ".0badcafe.tmp")
    documents = list(brat.read(destination))
    assert sorted((d.id, d.layer.name if d.layer else None) for d in documents) == [
        ("budget", "mona"), ("hydromar", "karim"), ("plain", None)]
    only_leftovers = tmp_path / "crashed"
    only_leftovers.mkdir()
    shutil.copytree(destination / "karim", only_leftovers / ".karim.0badcafe.tmp")
    assert not brat.sniff(only_leftovers)
    with pytest.raises(AnnotatorError, match="no .ann files"):
        list(brat.read(only_leftovers))


def test_files_checked_a_few_at_a_time_make_the_same_export(corpus_records, tmp_path, monkeypatch):
    """A large export checks its files in batches (its memory stays flat): with batches
    of two, the export is the same and every file was read back."""
    whole = tmp_path / "whole"
    export(corpus_records, whole)
    in_batches = tmp_path / "in-batches"
    an_earlier_export(corpus_records, in_batches)
    monkeypatch.setattr(common.AtomicFiles, "BATCH", 2)
    checked = []
    real = common._read_back

    staged_at_first_check = []

    def counted(path, size, expected_sha256):
        if not checked:
            staged_at_first_check.append(sum(1 for p in in_batches.glob(".*/*")))
        checked.append(Path(path).name)
        real(path, size, expected_sha256)

    monkeypatch.setattr(common, "_read_back", counted)
    export(corpus_records, in_batches)
    after = snapshot(in_batches)
    assert after.pop("mona/my notes.txt") == b"mine" and after.pop("README.md") == b"mine too"
    assert after == snapshot(whole)
    assert sorted(checked) == sorted(p.name for p in whole.rglob("*") if p.is_file())
    assert staged_at_first_check == [2]  # checked before the rest were written
