"""The entity a name was given elsewhere: read from a real project (a file, and a
database on the test server), found by the name's entity key, the most frequent one winning."""

from annotator.core.entities import EntityIndex
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store.entities import named_words

# Written for these tests: an emoji first, so a byte or UTF-16 count would miss the words.
TEXT = "😀 قال أمجد البرقاوي إن الاجتماع انتهى، وقال امجد البرقاوي إنه غادر. وقال أمجد البرقاوي: لا تعليق."


def test_a_name_finds_the_entity_it_was_given_most_often_in_any_layer(project):
    import_documents(project, [DocumentInput(text=TEXT, path="t.txt", id="t")])
    key = project.document_by_id("t").key
    starts = [i for i in range(len(TEXT)) if TEXT.startswith(("أمجد البرقاوي", "امجد البرقاوي"), i)]
    for layer, start, entity in (("mona", starts[0], "Amjad Barqawi"), ("karim", starts[1], "Amjad Barqawi"),
                                 ("sara", starts[2], "A. Barqawi")):
        project.add_span(key, layer, start, start + len("أمجد البرقاوي"), "SPEAKER", {"entity": entity})
    project.add_span(key, "mona", TEXT.index("الاجتماع"), TEXT.index("الاجتماع") + 8, "SPEAKER")
    named = named_words(project, ("SPEAKER",), "entity")
    assert sorted(named) == [("أمجد البرقاوي", "A. Barqawi", 1), ("أمجد البرقاوي", "Amjad Barqawi", 1),
                             ("امجد البرقاوي", "Amjad Barqawi", 1)]
    index = EntityIndex(named)
    assert index.entity_for("امجد  البرقاوي") == "Amjad Barqawi"
    assert index.entity_for("الاجتماع") is None
    index.learn("أمجد البرقاوي", "A. Barqawi", 2)
    assert index.entity_for("أمجد البرقاوي") == "A. Barqawi"
