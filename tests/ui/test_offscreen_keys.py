"""A key that edits the selected span acts only on a span the annotator can see: one left
off screen (scrolled or searched away from) is brought into view by the first press, and
the second press edits it."""

import pytest
from PySide6.QtCore import Qt

from annotator.core.store import Project

# Written for these tests: four sentences, repeated into a long article, and a last one.
SENTENCES = (
    "قال وزير المالية إن الميزانية ستُعرض على البرلمان الأسبوع المقبل.",
    "وأوضح المتحدث باسم الحكومة أن المحادثات مع النقابات ما زالت جارية.",
    "وأشار التقرير إلى أن أسعار الخبز ارتفعت في الأسواق الشعبية.",
    "وقالت مديرة المدرسة إن الدروس ستُستأنف بعد العطلة.",
)
LAST = "وفي الختام شكر رئيس الجلسة الحضور، بحسب وكالة Reuters."
TEXT = "\n".join([*(f"{SENTENCES[n % 4]} ({n})" for n in range(160)), LAST])
CLAIM = "الميزانية ستُعرض على البرلمان"


@pytest.fixture
def window(make_window, qtbot):
    """The long article with a claim in its first paragraph, made and selected by key."""
    opened = make_window({"long": TEXT})
    start = TEXT.index(CLAIM)
    opened.article.select_range(start, start + len(CLAIM))
    qtbot.keyClick(opened.article, Qt.Key.Key_2)
    assert stored(opened) == [(CLAIM, "CLAIM", {})]
    return opened


def stored(window):
    with Project.open(window.project_path) as project:
        document = project.document_by_id("long")
        return [(TEXT[s.start:s.end], s.label, s.attrs) for s in project.spans(document.key, "mona")]


def claim_on_screen(window):
    return 0 in window.article.visible_blocks()


def scroll_to_the_end(qtbot, window):
    bar = window.article.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: not claim_on_screen(window))


def test_a_stance_key_first_shows_the_claim_then_sets_its_stance(qtbot, window):
    scroll_to_the_end(qtbot, window)
    qtbot.keyClick(window.article, Qt.Key.Key_F)
    assert stored(window) == [(CLAIM, "CLAIM", {})]
    assert window.statusBar().currentMessage() == (
        "The selected CLAIM was off screen: it is shown now; press F again to set its stance")
    assert claim_on_screen(window)
    qtbot.keyClick(window.article, Qt.Key.Key_F)
    assert stored(window) == [(CLAIM, "CLAIM", {"stance": "FAVOR"})]


def test_a_claim_below_the_screen_is_shown_first_too(qtbot, window):
    thanks = "شكر رئيس الجلسة الحضور"
    start = TEXT.index(thanks)
    window.article.select_range(start, start + len(thanks))
    qtbot.keyClick(window.article, Qt.Key.Key_2)
    bar = window.article.verticalScrollBar()
    bar.setValue(0)
    qtbot.waitUntil(lambda: claim_on_screen(window))
    last = TEXT.count("\n")
    assert last not in window.article.visible_blocks()
    qtbot.keyClick(window.article, Qt.Key.Key_U)
    assert stored(window) == [(CLAIM, "CLAIM", {}), (thanks, "CLAIM", {})]
    assert last in window.article.visible_blocks()
    qtbot.keyClick(window.article, Qt.Key.Key_U)
    assert stored(window) == [(CLAIM, "CLAIM", {}), (thanks, "CLAIM", {"stance": "UNCLEAR"})]


def test_a_claim_searched_away_from_is_shown_before_a_key_changes_it(qtbot, window):
    qtbot.keyClick(window.article, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search.query, "Reuters")  # QTest types Latin letters only
    qtbot.keyClick(window.search.query, Qt.Key.Key_Return)
    qtbot.keyClick(window.search.query, Qt.Key.Key_Escape)
    assert window.article.hasFocus() and not claim_on_screen(window)
    qtbot.keyClick(window.article, Qt.Key.Key_G)
    assert stored(window) == [(CLAIM, "CLAIM", {})]
    assert claim_on_screen(window)
    qtbot.keyClick(window.article, Qt.Key.Key_G)
    assert stored(window) == [(CLAIM, "CLAIM", {"stance": "AGAINST"})]


@pytest.mark.parametrize("key, words, after", [
    (Qt.Key.Key_Delete, "Delete again to delete it", []),
    (Qt.Key.Key_3, "3 again to relabel it as TARGET", [(CLAIM, "TARGET", {})]),
])
def test_delete_and_relabel_wait_for_the_claim_to_be_shown(qtbot, window, key, words, after):
    scroll_to_the_end(qtbot, window)
    qtbot.keyClick(window.article, key)
    assert stored(window) == [(CLAIM, "CLAIM", {})]
    assert window.statusBar().currentMessage().endswith(words)
    assert claim_on_screen(window)
    qtbot.keyClick(window.article, key)
    assert stored(window) == after


def test_a_link_key_waits_for_the_claim_to_be_shown(qtbot, window):
    scroll_to_the_end(qtbot, window)
    qtbot.keyClick(window.article, Qt.Key.Key_S)
    assert window.editor.linking is None and claim_on_screen(window)
    qtbot.keyClick(window.article, Qt.Key.Key_S)
    assert window.editor.linking is not None


def test_keys_on_a_claim_on_screen_act_at_once(qtbot, window):
    qtbot.keyClick(window.article, Qt.Key.Key_N)
    assert stored(window) == [(CLAIM, "CLAIM", {"stance": "NEUTRAL"})]
