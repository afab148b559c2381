"""The annotator's own window says where gold differs on the open document: besides spans
gold lacks, a stance that differs with gold's value beside theirs, and a link missing,
extra or tied to another span; on the default schema and on a schema of its own."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core import adjudicate
from annotator.core.ingest import DocumentInput, import_documents
from annotator.core.model import GOLD_LAYER
from annotator.core.schema import load_schema_file
from annotator.core.store import Project
from annotator.ui.bidi import strip_isolates
from annotator.ui.main_window import MainWindow
from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA
from tests.core.test_vs_gold import TEXT_1, claim, where


def open_window(qtbot, path) -> MainWindow:
    window = MainWindow(path, annotator="mona")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def shown(window) -> list[str]:
    return [strip_isolates(window.panel.gold.item(i).text()) for i in range(window.panel.gold.count())]


def differing_layers(tmp_path):
    """mona ties her first claim to its speaker and to a target gold does not have, and
    gives her second claim no speaker and another stance; gold ties the first to ليلى."""
    path = tmp_path / "p.sqlite"
    with Project.create(path) as project:
        import_documents(project, [DocumentInput(text=TEXT_1, path="t", id="d1")])
        claim(project, 1, "mona", TEXT_1, "الخطة ستنجح", "FAVOR", speaker="سامي الحلو", target="الخطة")
        claim(project, 1, "mona", TEXT_1, "الضرائب مرتفعة جدا", "FAVOR")
        project.add_span(1, "mona", *where(TEXT_1, "ليلى"), "SPEAKER")
        first = claim(project, 1, GOLD_LAYER, TEXT_1, "الخطة ستنجح", "FAVOR")
        project.add_span(1, GOLD_LAYER, *where(TEXT_1, "سامي الحلو"), "SPEAKER")
        second = claim(project, 1, GOLD_LAYER, TEXT_1, "الضرائب مرتفعة جدا", "AGAINST", speaker="ليلى")
        laila = project.relations(1, GOLD_LAYER)[0].child
        project.add_relation("SAID_BY", first, laila)
        adjudicate.set_adjudicated(project, 1)
        assert second
    return path


def test_a_differing_stance_and_links_missing_extra_or_elsewhere_are_marked(qtbot, tmp_path):
    window = open_window(qtbot, differing_layers(tmp_path))
    assert shown(window) == [
        "الخطة — not in gold",
        "الخطة ستنجح — SAID_BY: gold ties it to «ليلى», yours to «سامي الحلو», "
        "ABOUT link not in gold: yours ties it to «الخطة»",
        "الضرائب مرتفعة جدا — stance: gold AGAINST, yours FAVOR, SAID_BY link missing: gold ties it to «ليلى»",
    ]
    claim_id = next(s.id for s in window.editor.spans() if s.label == "CLAIM" and s.attrs["stance"] == "FAVOR"
                    and TEXT_1[s.start:s.end] == "الضرائب مرتفعة جدا")
    assert window.panel.gold.item(2).data(Qt.ItemDataRole.UserRole) == claim_id


def test_fixing_the_stance_and_the_link_clears_their_marks(qtbot, tmp_path):
    window = open_window(qtbot, differing_layers(tmp_path))
    second = next(s for s in window.editor.spans() if TEXT_1[s.start:s.end] == "الضرائب مرتفعة جدا")
    laila = next(s for s in window.editor.spans() if TEXT_1[s.start:s.end] == "ليلى")
    window.editor.select(second.id)
    qtbot.keyClick(window.article, Qt.Key.Key_G)  # AGAINST, as gold has it
    assert shown(window)[-1] == "الضرائب مرتفعة جدا — SAID_BY link missing: gold ties it to «ليلى»"
    window.editor.link(second.id, laila.id, window.project.schema.relation("SAID_BY"))
    assert len(shown(window)) == 2


def test_the_marks_read_in_arabic(qapp, qtbot, tmp_path):
    from annotator.ui.i18n import install_translator, uninstall_translator
    from annotator.ui.settings import app_settings

    settings = app_settings()
    settings.setValue("language", "ar")
    settings.sync()
    translator = install_translator(qapp)
    try:
        window = open_window(qtbot, differing_layers(tmp_path))
        last = shown(window)[-1]
        assert last == ("الضرائب مرتفعة جدا — الموقف: في المرجع الذهبي معارض، وعندك مؤيد، "
                        "رابط منسوب إلى ناقص: المرجع الذهبي يربطه بـ«ليلى»")
    finally:
        uninstall_translator(qapp, translator)


def test_a_schema_of_its_own_marks_its_attribute_and_relation(qtbot, tmp_path):
    path = tmp_path / "q.sqlite"
    with Project.create(path, load_schema_file(QUOTES_SCHEMA)) as project:
        import_documents(project, [DocumentInput(text=QUOTE_TEXT, path="t", id="q1")])
        for layer, tone in (("mona", "CALM"), (GOLD_LAYER, "ANGRY")):
            quote = project.add_span(1, layer, *where(QUOTE_TEXT, "الطرق ستُصلح قريباً"), "QUOTE",
                                     {"tone": tone}).spans_added[0]
            person = project.add_span(1, layer, *where(QUOTE_TEXT, "رئيس البلدية"), "PERSON").spans_added[0]
            if layer == GOLD_LAYER:
                project.add_relation("SAYS", quote.id, person.id)
    window = open_window(qtbot, path)
    assert shown(window) == [
        "الطرق ستُصلح قريباً — tone: gold ANGRY, yours CALM, SAYS link missing: gold ties it to «رئيس البلدية»"]
