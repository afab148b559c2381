"""Agreement on a schema of the project's own (issue 17): every attribute of every label
and every relation type is compared, whatever they are called."""

from __future__ import annotations

import json

from annotator.core.agreement import project_agreement
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.schema import load_schema_file
from annotator.core.store import Project
from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA
from tests.core.test_agreement import where



def test_a_schema_of_its_own_is_compared_attribute_by_attribute_and_relation_by_relation(make_location):
    """The measured case of issue 17: the same quote with different tones, and one
    annotator tying it to another person, used to give 0 disagreements and no figures."""
    with Project.open(make_location(load_schema_file(QUOTES_SCHEMA))) as project:
        import_documents(project, [DocumentInput(text=QUOTE_TEXT, path="t", id="q1")])
        for layer, tone, person in (("ali", "CALM", "رئيس البلدية"), ("bea", "ANGRY", "أحد السكان")):
            quote = project.add_span(1, layer, *where(QUOTE_TEXT, "الطرق ستُصلح قريباً"), "QUOTE",
                                     {"tone": tone}).spans_added[0]
            said = project.add_span(1, layer, *where(QUOTE_TEXT, person), "PERSON").spans_added[0]
            project.add_relation("SAYS", quote.id, said.id)
        result = project_agreement(project)
    json.dumps(result, allow_nan=False)
    (pair,) = result["pairs"]
    assert pair["per_label"]["QUOTE"] == {"f1_exact": 1.0, "f1_overlap": 1.0}
    assert set(result["attributes"]) == {"QUOTE.tone"}
    assert pair["attributes"]["QUOTE.tone"] == 0.0  # one matched quote, CALM against ANGRY
    assert result["relations"] == {"SAYS": {"agreement": 0.0, "compared": 1}}
    # Unmatched persons (one each), the tone, the quote's person.
    assert result["documents"][0]["disagreements"] == 4
