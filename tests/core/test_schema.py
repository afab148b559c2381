from pathlib import Path

import pytest

from annotator.core.errors import InputError, ValidationError
from annotator.core.schema import DEFAULT_SCHEMA, Schema, load_schema_file

CUSTOM = """
name = "events"

[[labels]]
name = "ACTOR"
color = "#ff8800"
key = "a"

[[labels]]
name = "EVENT"
color = "#0088ff"
key = "e"
[[labels.attributes]]
name = "polarity"
values = ["POS", "NEG"]

[[relations]]
name = "DOES"
head = "EVENT"
child = "ACTOR"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "schema.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_default_schema_has_the_labels_relations_and_stances():
    assert [label.name for label in DEFAULT_SCHEMA.labels] == ["SPEAKER", "CLAIM", "TARGET"]
    assert [label.key for label in DEFAULT_SCHEMA.labels] == ["1", "2", "3"]
    assert DEFAULT_SCHEMA.label("CLAIM").attribute("stance").values == (
        "FAVOR", "AGAINST", "NEUTRAL", "UNCLEAR")
    assert DEFAULT_SCHEMA.label("SPEAKER").attribute("entity").values == ()
    said_by = DEFAULT_SCHEMA.relation("SAID_BY")
    assert (said_by.head, said_by.child) == ("CLAIM", "SPEAKER")


def test_schema_survives_its_stored_form():
    assert Schema.from_dict(DEFAULT_SCHEMA.to_dict()) == DEFAULT_SCHEMA


def test_custom_schema_loads(tmp_path):
    schema = load_schema_file(write(tmp_path, CUSTOM))
    assert schema.name == "events"
    schema.check_span("EVENT", {"polarity": "NEG"})
    schema.check_relation("DOES", "EVENT", "ACTOR")


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda s: s.replace('key = "e"', 'key = "a"'), "duplicate key 'a'"),
        (lambda s: s.replace('name = "EVENT"', 'name = "ACTOR"'), "duplicate label name 'ACTOR'"),
        (lambda s: s.replace('child = "ACTOR"', 'child = "PLACE"'), "'PLACE' is not a label"),
        (lambda s: s.replace('color = "#ff8800"', 'colour = "#ff8800"'), "unknown key(s) colour"),  # the UK spelling is not a key
        (lambda s: s.replace('color = "#ff8800"', 'color = "orange"'), "must look like #RRGGBB"),
        (lambda s: s.replace('key = "a"', 'key = "ab"'), "must be a single character"),
    ],
)
def test_bad_schemas_are_refused_with_the_file_and_the_reason(tmp_path, change, message):
    path = write(tmp_path, change(CUSTOM))
    with pytest.raises(InputError) as error:
        load_schema_file(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_invalid_toml_names_the_line(tmp_path):
    path = write(tmp_path, CUSTOM + "\n[[labels]\n")
    with pytest.raises(InputError) as error:
        load_schema_file(path)
    assert str(path) in str(error.value) and "line" in str(error.value)


def test_spans_outside_the_schema_are_refused():
    with pytest.raises(ValidationError, match="not in the schema"):
        DEFAULT_SCHEMA.check_span("PLACE", {})
    with pytest.raises(ValidationError, match="allowed: FAVOR"):
        DEFAULT_SCHEMA.check_span("CLAIM", {"stance": "POSITIVE"})
    with pytest.raises(ValidationError, match="no attribute 'stance'"):
        DEFAULT_SCHEMA.check_span("SPEAKER", {"stance": "FAVOR"})
    with pytest.raises(ValidationError, match="links a CLAIM to a SPEAKER"):
        DEFAULT_SCHEMA.check_relation("SAID_BY", "SPEAKER", "CLAIM")


def test_a_relabel_keeps_the_attributes_the_new_label_also_has_and_drops_the_rest():
    from annotator.core.schema import Attribute, Label

    schema = Schema(labels=(
        Label("CLAIM", "#111111", "1", attributes=(Attribute("stance", ("FAVOR", "AGAINST", "NEUTRAL")),
                                                    Attribute("note"))),
        Label("DOUBT", "#222222", "2", attributes=(Attribute("stance", ("FAVOR", "AGAINST")), Attribute("source"))),
    ))
    assert schema.attributes_kept("DOUBT", {"stance": "FAVOR", "note": "x"}) == ({"stance": "FAVOR"}, {"note": "x"})
    # A value the new label does not allow is dropped with the rest, not kept to be refused.
    assert schema.attributes_kept("DOUBT", {"stance": "NEUTRAL"}) == ({}, {"stance": "NEUTRAL"})
    assert schema.attributes_kept("CLAIM", {}) == ({}, {})
    assert DEFAULT_SCHEMA.attributes_kept("TARGET", {"entity": "Gatilov"}) == ({}, {"entity": "Gatilov"})
    with pytest.raises(ValidationError, match="not in the schema"):
        schema.attributes_kept("PLACE", {"note": "x"})


def test_value_keys_come_from_the_schema_and_are_checked(tmp_path):
    keyed = CUSTOM.replace('values = ["POS", "NEG"]', 'values = ["POS", "NEG"]\nkeys = ["p", "n"]')
    path = tmp_path / "keyed.toml"
    path.write_text(keyed, encoding="utf-8")
    schema = load_schema_file(path)
    assert schema.value_keys() == {"P": {"EVENT": ("polarity", "POS")}, "N": {"EVENT": ("polarity", "NEG")}}
    assert Schema.from_dict(schema.to_dict()) == schema
    for broken, reason in ((keyed.replace('keys = ["p", "n"]', 'keys = ["p"]'), "one key for each"),
                           (keyed.replace('keys = ["p", "n"]', 'keys = ["a", "n"]'), "label or link keys"),
                           (keyed.replace('keys = ["p", "n"]', 'keys = ["p", "P"]'), "key of")):
        path.write_text(broken, encoding="utf-8")
        with pytest.raises(InputError, match=reason):
            load_schema_file(path)


def test_a_project_stored_before_value_keys_keeps_f_g_n_u():
    stored = DEFAULT_SCHEMA.to_dict()
    for label in stored["labels"]:
        for attribute in label["attributes"]:
            attribute.pop("keys", None)
    assert Schema.from_dict(stored).value_keys()["F"] == {"CLAIM": ("stance", "FAVOR")}


def test_the_default_schema_is_the_bundled_file_and_asks_for_suggestions():
    from annotator.paths import resource_path

    assert load_schema_file(resource_path("schemas", "default.toml")) == DEFAULT_SCHEMA
    suggestions = DEFAULT_SCHEMA.suggestions
    assert (suggestions.statement, suggestions.source, suggestions.relation) == ("CLAIM", "SPEAKER", "SAID_BY")


def test_a_default_project_stored_before_suggestions_gets_them_and_a_custom_one_does_not():
    stored = DEFAULT_SCHEMA.to_dict()
    del stored["suggestions"]
    assert Schema.from_dict(stored).suggestions == DEFAULT_SCHEMA.suggestions
    assert Schema.from_dict(stored | {"name": "mine"}).suggestions is None


def test_suggestions_must_name_a_relation_from_statement_to_source(tmp_path):
    path = write(tmp_path, CUSTOM + '\n[suggestions]\nstatement = "EVENT"\nsource = "ACTOR"\nrelation = "DOES"\n')
    suggestions = load_schema_file(path).suggestions
    assert (suggestions.statement, suggestions.source) == ("EVENT", "ACTOR")
    for broken, reason in (('relation = "DOES"', 'relation = "NONE"'), ('source = "ACTOR"', 'source = "EVENT"')):
        path.write_text(path.read_text(encoding="utf-8").replace(*[broken, reason]), encoding="utf-8")
        with pytest.raises(InputError, match="suggestions: relation"):
            load_schema_file(path)
        path.write_text(path.read_text(encoding="utf-8").replace(reason, broken), encoding="utf-8")


def test_a_span_is_called_by_its_first_free_text_attribute_or_its_words():
    speaker = DEFAULT_SCHEMA.label("SPEAKER")
    assert speaker.name_attribute.name == "entity"
    assert speaker.shown_name({"entity": "Gatilov"}, "غاتيلوف") == "Gatilov"
    assert speaker.shown_name({}, "غاتيلوف") == "غاتيلوف"
    assert DEFAULT_SCHEMA.label("CLAIM").name_attribute is None
