"""Document labels on the command line (issue 21, item 8): ``annotator agreement`` gives
each one's kappa per pair and alpha, worked out by hand below on a project made for it;
``annotator review --accept-agreed`` settles the unanimous ones into gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import load_schema_file
from annotator.core.session import DocumentSession
from annotator.core.store import Project
from annotator.core.store import document_labels as document_label_store

SCHEMA = Path(__file__).parent / "data" / "news_documents.toml"
# Written for these tests: five short reports, one sentence each.
TEXTS = [
    "قال وزير الخارجية إن المحادثات مثمرة.",
    "أعلنت الوزارة أن الطريق سيغلق يوم الجمعة.",
    "رفض النائب الخطة الجديدة للنقل.",
    "افتتح المحافظ المعرض السنوي للكتاب.",
    "قالت النقابة إنها تؤيد رفع الأجور.",
]
# reports_stance per document and annotator (None: not given); kappa and alpha by hand:
#   mona/karim on d1-d4: 3 of 4 alike; mona YES 2 NO 2, karim YES 1 NO 3; chance 2*1 + 2*3 = 8;
#     kappa = (3*4 - 8) / (4*4 - 8) = 0.5
#   mona/sara on d1, d2, d4: 3 of 3 alike; both YES 2 NO 1; chance 5; kappa = (9 - 5) / (9 - 5) = 1
#   karim/sara on d1, d2, d4: 2 of 3 alike; karim YES 1 NO 2, sara YES 2 NO 1; chance 4;
#     kappa = (6 - 4) / (9 - 4) = 0.4;  mean kappa (0.5 + 1 + 0.4) / 3 = 0.6333
#   alpha: units d1-d4 (d5 has one value); coincidences YES-YES 3 + 1, YES-NO 1, NO-YES 1,
#     NO-NO 2 + 3; n_YES 5, n_NO 6, n 11; alpha = 1 - (11 - 1) * 2 / (2 * 5 * 6) = 2/3
GIVEN = {
    "d1": ("YES", "YES", "YES"),
    "d2": ("YES", "NO", "YES"),
    "d3": ("NO", "NO", None),
    "d4": ("NO", "NO", "NO"),
    "d5": ("YES", None, None),
}
LAYERS = ("mona", "karim", "sara")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def labelled(tmp_path):
    path = tmp_path / "p.sqlite"
    with Project.create(path, schema=load_schema_file(SCHEMA)) as project:
        import_documents(project, [DocumentInput(text=text, path=f"d{i}.txt", id=f"d{i}")
                                   for i, text in enumerate(TEXTS, 1)])
        for key, (doc_id, values) in enumerate(GIVEN.items(), 1):
            assert project.document(key).id == doc_id
            for layer, value in zip(LAYERS, values):
                session = DocumentSession(project, key, layer)
                session.set_document_label("genre", "NEWS")
                if value is not None:
                    session.set_document_label("reports_stance", value)
    return path


def test_agreement_gives_each_document_label_its_kappa_per_pair_and_alpha(labelled):
    figures = json.loads(run("agreement", labelled, "--json").output)["document_labels"]
    stance = figures["reports_stance"]
    assert [(p["a"], p["b"], p["kappa"], p["compared"]) for p in stance["pairs"]] == [
        ("karim", "mona", 0.5, 4), ("karim", "sara", pytest.approx(0.4), 3), ("mona", "sara", 1.0, 3)]
    assert stance["kappa"] == pytest.approx(0.6333, abs=1e-4)
    assert stance["alpha"] == pytest.approx(2 / 3)
    assert stance["compared"] == 4 and stance["agreement"] == 0.75
    assert figures["genre"]["kappa"] is None and figures["genre"]["agreement"] == 1.0  # one value: no chance term
    table = run("agreement", labelled).output
    assert "document label reports_stance: kappa 0.633, alpha 0.667, agreement 0.750 over 4 document(s)" in table
    assert "  karim / sara: kappa 0.400 over 3 document(s)" in table


def test_accept_agreed_settles_the_unanimous_document_labels_into_gold(labelled):
    result = run("review", labelled, "--accept-agreed", "--reviewer", "lead")
    assert result.exit_code == 0, result.output
    assert "document label" in result.output
    with Project.open(labelled, read_only=True) as project:
        gold = {project.document(key).id: {d.name: d for d in document_label_store.labels_of(project, key, "gold")}
                for key in range(1, 6)}
    assert {doc: labels["reports_stance"].value for doc, labels in gold.items() if "reports_stance" in labels} == {
        "d1": "YES", "d3": "NO", "d4": "NO"}  # d2 differs, d5 has one version
    agreed = gold["d3"]["reports_stance"]
    assert (agreed.decision, agreed.sources, agreed.decided_by) == ("agreed", ("karim", "mona"), "lead")
    assert all(labels["genre"].value == "NEWS" for labels in gold.values() if "genre" in labels)

    undone = run("review", labelled, "--undo-accept-agreed", "last")
    assert undone.exit_code == 0, undone.output
    assert "removed 8 gold document label(s) in 5 document(s)" in undone.output
    with Project.open(labelled, read_only=True) as project:
        assert all(document_label_store.labels_of(project, key, "gold") == [] for key in range(1, 6))
