"""The tree of linked spans (in the default schema, claims by speaker), kept up to date one
action at a time, always shows what a tree built afresh from the file shows (issue 7: an
action no longer rebuilds it)."""

import random

import pytest

from annotator.core.schema import DEFAULT_SCHEMA, load_schema_file
from annotator.ui.annotation_panel import SPAN_ID_ROLE, AnnotationPanel
from annotator.ui.bidi import strip_isolates
from tests.conftest import QUOTES_SCHEMA

ARTICLE = (
    "قال وزير المالية إن الموازنة «متوازنة». وأكدت النائبة سلمى حداد أن العجز سيرتفع.\n"
    "ورأى الخبير الاقتصادي أن الضرائب الجديدة ستضر بالأسر، فيما قال المتحدث إن الخطة جاهزة.\n"
    "وأضاف الوزير أن الرواتب ستصرف في موعدها، ونفت النقابة أن يكون الاتفاق قد وقع."
)


def shown(tree) -> list:
    """Each group's title and its claims' words, stance and span id, as on screen."""
    groups = []
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        claims = [(strip_isolates(group.child(c).text(0)), group.child(c).text(1), group.child(c).data(0, SPAN_ID_ROLE))
                  for c in range(group.childCount())]
        groups.append((strip_isolates(group.text(0)), group.isExpanded(), claims))
    return groups


def fresh(window) -> list:
    panel = AnnotationPanel(window.project.schema)
    spans = [s for s in window.project.spans(window.editor.document, "mona")]
    panel.show_tree(window.article.text, spans, window.editor.relations())
    return shown(panel.tree)


def words(text: str, rng: random.Random) -> tuple[int, int]:
    starts = [i for i in range(len(text)) if (i == 0 or text[i - 1] in " \n«") and text[i] not in " \n«»"]
    start = rng.choice(starts)
    end = start
    while end < len(text) and text[end] not in " \n«»،.":
        end += 1
    return start, max(end, start + 1)


def test_the_tree_after_each_action_is_the_tree_made_afresh(make_window):
    window = make_window({"a": ARTICLE})
    editor, project = window.editor, window.project
    schema = {r.name: r for r in project.schema.relations}
    rng = random.Random(7)
    for step in range(80):
        spans = [s for s in project.spans(editor.document, "mona")]
        claims = [s for s in spans if s.label == "CLAIM"]
        speakers = [s for s in spans if s.label == "SPEAKER"]
        targets = [s for s in spans if s.label == "TARGET"]
        move = rng.random()
        if move < 0.35 or not spans:
            start, end = words(ARTICLE, rng)
            window.article.select_range(start, end)
            editor.label_selection(rng.choice(["CLAIM", "CLAIM", "SPEAKER", "TARGET"]))
        elif move < 0.5 and claims and speakers:
            editor.link(rng.choice(claims).id, rng.choice(speakers).id, schema["SAID_BY"])
        elif move < 0.55 and claims and targets:
            editor.link(rng.choice(claims).id, rng.choice(targets).id, schema["ABOUT"])
        elif move < 0.65 and speakers:
            editor.set_attribute(rng.choice(speakers).id, "entity", rng.choice(["وزارة المالية", "", "حداد"]))
        elif move < 0.72 and claims:
            editor.set_attribute(rng.choice(claims).id, "stance", rng.choice(["FAVOR", "AGAINST", None]))
        elif move < 0.8:
            span = rng.choice(spans)
            editor.relabel(span.id, rng.choice(["CLAIM", "SPEAKER", "TARGET"]))
        elif move < 0.9:
            editor.select(rng.choice(spans).id)
            editor.delete_selected()
        else:
            editor.undo_stack.undo()
        assert shown(window.panel.tree) == fresh(window), f"after step {step}"
    assert window.panel.tree.topLevelItemCount() > 1


@pytest.mark.parametrize("schema", ["default", "quotes"])
def test_the_value_column_shows_every_value_in_full(qtbot, schema):
    """The column has a fixed width (fitting it to the rows measured a thousand of them
    after each action); it must still hold the longest value, not an elided one."""
    schema = DEFAULT_SCHEMA if schema == "default" else load_schema_file(QUOTES_SCHEMA)
    (_label, attribute), = schema.closed_attributes()
    panel = AnnotationPanel(schema)
    qtbot.addWidget(panel)
    panel.show()
    metrics = panel.tree.fontMetrics()
    column = panel.tree.header().sectionSize(1)
    text_margins = 6  # an item view leaves 3 px on each side of a cell's text (Fusion)
    assert panel.tree.headerItem().text(1) == attribute.name
    assert all(metrics.horizontalAdvance(value) + text_margins <= column for value in attribute.values)
    assert column >= panel.tree.header().sectionSizeHint(1)


def test_the_default_schema_shows_claims_by_speaker_and_their_target(make_window):
    window = make_window({"a": ARTICLE})
    editor = window.editor
    relation = window.project.schema.relation

    def label(words, name):
        start = ARTICLE.index(words)
        window.article.select_range(start, start + len(words))
        return editor.label_selection(name).id

    claim, speaker, target = label("متوازنة", "CLAIM"), label("وزير المالية", "SPEAKER"), label("الموازنة", "TARGET")
    assert [window.panel.tree.headerItem().text(c) for c in range(2)] == ["CLAIM by SPEAKER", "stance"]
    assert shown(window.panel.tree) == [("(no SPEAKER) (1)", True, [("متوازنة", "", claim)])]
    editor.link(claim, speaker, relation("SAID_BY"))
    editor.link(claim, target, relation("ABOUT"))
    editor.set_attribute(speaker, "entity", "وزارة المالية")
    assert shown(window.panel.tree) == [("وزارة المالية (1)", True, [("متوازنة ← الموازنة", "", claim)])]
