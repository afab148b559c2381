"""Display names per interface language: the schema's `shown` and `shown_values`, checked
when the file is read; the stored names stay what files and exports keep."""

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.schema import DEFAULT_SCHEMA, Schema, load_schema_file

SHOWN = """
name = "events"

[[labels]]
name = "ACTOR"
color = "#ff8800"
key = "a"
shown = { ar = "فاعل" }

[[labels]]
name = "EVENT"
color = "#0088ff"
key = "e"
shown = { ar = "حدث" }
[[labels.attributes]]
name = "polarity"
values = ["POS", "NEG"]
shown = { ar = "القطبية" }
shown_values = { ar = ["إيجابي", "سلبي"] }

[[relations]]
name = "DOES"
head = "EVENT"
child = "ACTOR"
shown = { ar = "يقوم به" }
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "events.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shown_names_follow_the_language_and_fall_back_to_the_stored_name(tmp_path):
    schema = load_schema_file(write(tmp_path, SHOWN))
    assert schema.shown_label("EVENT", "ar") == "حدث"
    assert schema.shown_label("EVENT", "en") == "EVENT"
    assert schema.shown_value("EVENT", "polarity", "NEG", "ar") == "سلبي"
    assert schema.shown_value("EVENT", "polarity", "NEG", "en") == "NEG"
    assert schema.shown_attribute("polarity", "ar") == "القطبية"
    assert schema.shown_relation("DOES", "ar") == "يقوم به"
    # What the project stores keeps the stored names beside the shown ones.
    assert Schema.from_dict(schema.to_dict()) == schema
    assert [label["name"] for label in schema.to_dict()["labels"]] == ["ACTOR", "EVENT"]


def test_the_default_schema_ships_arabic_names_and_an_older_default_project_gets_them():
    shown = [DEFAULT_SCHEMA.shown_label(label.name, "ar") for label in DEFAULT_SCHEMA.labels]
    assert shown == ["متحدث", "تصريح", "موضوع"]
    stances = [DEFAULT_SCHEMA.shown_value("CLAIM", "stance", v, "ar") for v in ("FAVOR", "AGAINST", "NEUTRAL", "UNCLEAR")]
    assert stances == ["مؤيد", "معارض", "محايد", "غير واضح"]
    stored = DEFAULT_SCHEMA.to_dict()
    for label in stored["labels"]:
        label.pop("shown")
        for attribute in label["attributes"]:
            attribute.pop("shown")
            attribute.pop("shown_values", None)
    for relation in stored["relations"]:
        relation.pop("shown")
    assert Schema.from_dict(stored) == DEFAULT_SCHEMA


@pytest.mark.parametrize(
    "change, message",
    [
        (('shown = { ar = "فاعل" }', 'shown = "فاعل"'), "label ACTOR: 'shown' must be a table of languages"),
        (('shown = { ar = "فاعل" }', 'shown = { arabic = "فاعل" }'), "'arabic', which is not a language code"),
        (('shown = { ar = "فاعل" }', 'shown = { ar = "" }'), "label ACTOR: shown name for 'ar' must be a non-empty"),
        (('shown = { ar = "فاعل" }', 'shown = { ar = "حدث" }'), "labels ACTOR and EVENT have the same shown name"),
        (('["إيجابي", "سلبي"]', '["إيجابي"]'), "shown_values for 'ar' needs one name for each of its 2 values"),
        (('shown = { ar = "يقوم به" }', 'shown = { ar = 3 }'), "relation DOES: shown name for 'ar' must be"),
        (('shown = { ar = "القطبية" }', 'shown = { ar = "القطبية" }\nshow = { ar = "x" }'), "unknown key(s) show"),
    ],
)
def test_bad_shown_names_are_refused_with_the_file_and_the_entry(tmp_path, change, message):
    old, new = change
    assert old in SHOWN
    path = write(tmp_path, SHOWN.replace(old, new, 1))
    with pytest.raises(InputError) as caught:
        load_schema_file(path)
    text = str(caught.value)
    assert message in text
    assert "events.toml" in text and "docs/schema.md" in text


def test_shown_values_on_a_free_text_attribute_are_refused(tmp_path):
    text = SHOWN.replace('values = ["POS", "NEG"]\n', "")
    with pytest.raises(InputError, match="'shown_values' needs 'values'"):
        load_schema_file(write(tmp_path, text))
