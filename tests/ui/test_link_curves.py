"""Link curves run beside the words they join, never through them (issue 18, item 3):
the drawn path of each link, widened by its pen, misses the glyphs of both spans, on
one line, on lines apart either way, and from a claim wrapping over several lines.

Set ANNOTATOR_SCREENSHOT_DIR to keep a PNG of each case."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPathStroker

from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.store import Project
from annotator.ui.link_curves import link_path
from annotator.ui.main_window import MainWindow

# Written for these tests: (article, speaker, claim); the claim is tied to its speaker.
LONG_CLAIM = " ".join(f"المرحلة رقم {n} من الخطة ستبدأ في الربيع" for n in range(9))
CASES = {
    "one line": ("قال الوزير إن الخطة ناجحة.\nوفي خبر آخر ارتفع سعر الخبز.", "الوزير", "الخطة ناجحة"),
    "speaker above": ("وصرح المتحدث باسم الوزارة صباح اليوم:\nسيفتح المعبر غداً أمام المسافرين.\nانتهى.",
                      "المتحدث باسم الوزارة", "سيفتح المعبر غداً أمام المسافرين"),
    "speaker below": ("بداية النص.\nالأسعار ستنخفض قريباً في كل الأسواق\nهذا ما قاله التاجر سمير أمس.",
                      "التاجر سمير", "الأسعار ستنخفض قريباً في كل الأسواق"),
    "long claim": (f"بداية النص.\n«{LONG_CLAIM}» قالت المديرة هالة.\nنهاية.", "المديرة هالة", LONG_CLAIM),
    "long claim, speaker first": (f"بداية النص.\nقالت المديرة هالة إن {LONG_CLAIM}.\nنهاية.",
                                  "المديرة هالة", LONG_CLAIM),
}


def glyph_boxes(view, start: int, end: int) -> list[QRectF]:
    """The ink of the glyphs of stored code points [start, end), in viewport coordinates."""
    qt_start, qt_end = view.offsets.range_to_qt(start, end)
    boxes = []
    block = view.document().findBlock(qt_start)
    while block.isValid() and block.position() < qt_end:
        origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
        begin = max(qt_start, block.position()) - block.position()
        length = min(qt_end, block.position() + block.length() - 1) - block.position() - begin
        for run in block.layout().glyphRuns(begin, length):  # a run's own rectangle is its line's height
            font = run.rawFont()
            for glyph, at in zip(run.glyphIndexes(), run.positions()):
                boxes.append(font.boundingRect(glyph).translated(at + origin))
        block = block.next()
    return boxes


@pytest.mark.parametrize("case", CASES)
def test_a_link_curve_misses_the_glyphs_of_the_words_it_joins(qtbot, tmp_path, case):
    text, speaker, claim = CASES[case]
    path = tmp_path / "p.sqlite"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=text, path="t.txt", id="t")])
        key = project.document_by_id("t").key
        said = project.add_span(key, "mona", text.index(speaker), text.index(speaker) + len(speaker), "SPEAKER")
        told = project.add_span(key, "mona", text.index(claim), text.index(claim) + len(claim), "CLAIM")
        project.add_relation("SAID_BY", told.spans_added[0].id, said.spans_added[0].id)
        claim_id = told.spans_added[0].id
    window = MainWindow(path, annotator="mona")
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    window.editor.set_show_suggestions(False)
    window.editor.select(claim_id)
    view = window.article
    ((head, child),) = view.links
    stroke = QPainterPathStroker()
    stroke.setWidth(2)
    drawn = stroke.createStroke(link_path(view, head, child))
    boxes = glyph_boxes(view, head.start, head.end) + glyph_boxes(view, child.start, child.end)
    assert boxes and not drawn.isEmpty()
    assert [box for box in boxes if not box.isEmpty() and drawn.intersects(box)] == []
    if os.environ.get("ANNOTATOR_SCREENSHOT_DIR"):
        view.grab().save(str(Path(os.environ["ANNOTATOR_SCREENSHOT_DIR"]) / f"link-{case.replace(' ', '-')}.png"))
