"""Every writer writes today what it wrote when tests/data/golden_exports/ was made.

The writers are tuned for speed; a user who exports the same project again must get the
same bytes (a diff of two releases shows only what changed in the annotations). spaCy's
DocBin is compressed msgpack whose bytes spaCy does not promise to keep: what a spaCy
user reads back from it is compared instead.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.store import Project
from annotator.formats import registry
from tests.formats.golden import EXPORTS, GOLDEN, build_project, export_all, spacy_docs


@pytest.fixture
def golden_project(tmp_path: Path) -> Project:
    project = build_project(tmp_path / "golden.annotator")
    yield project
    project.close()


def files_under(path: Path) -> dict[str, bytes]:
    """Each file of an export (one file, or a folder's files) by its path inside it."""
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {file.relative_to(path).as_posix(): file.read_bytes() for file in sorted(path.rglob("*")) if file.is_file()}


@pytest.mark.parametrize("name", [name for name, _, _ in EXPORTS])
def test_an_export_writes_the_same_bytes_as_before(golden_project: Project, tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    summaries = export_all(golden_project, out)
    expected = files_under(GOLDEN / name)
    written = files_under(out / name)
    assert sorted(written) == sorted(expected)
    for file, data in expected.items():
        assert written[file] == data, f"{name}: {file} differs from {GOLDEN / name}"
    if name == "labelstudio.json":
        config = "labelstudio.config.xml"
        assert (out / config).read_bytes() == (GOLDEN / config).read_bytes()
    assert summaries[name] == json.loads((GOLDEN / "reports.json").read_text(encoding="utf-8"))[name]


def test_a_spacy_export_reads_back_as_before(golden_project: Project, tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    report = registry.export(golden_project, "spacy", tmp_path / "corpus.spacy", "all")
    expected = json.loads((GOLDEN / "spacy-docs.json").read_text(encoding="utf-8"))
    assert spacy_docs(tmp_path / "corpus.spacy") == expected
    assert report.summary()[:3] == json.loads((GOLDEN / "reports.json").read_text(encoding="utf-8"))["spacy"]
