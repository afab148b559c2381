"""The dashboard's annotators against gold: a tab per annotator with a chart of their F1
against gold per label over the days gold was settled, and the figures as text, on the
hand-made project of tests/core/test_vs_gold.py whose figures were worked out by hand."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt

from annotator.core.store import Project
from annotator.ui.bidi import strip_isolates
from annotator.ui.dashboard import Dashboard
from tests.core.test_vs_gold import settled  # noqa: F401 (the fixture)
from tests.ui.test_dashboard import _figure_columns_fit


@pytest.fixture
def against_gold(qtbot, settled):  # noqa: F811
    with Project.open(settled) as project:
        dashboard = Dashboard(project)
        qtbot.addWidget(dashboard)
        dashboard.resize(1300, 800)
        dashboard.show()
        qtbot.waitExposed(dashboard)
        dashboard.pages.setCurrentWidget(dashboard.against_gold)
        yield dashboard.against_gold


def table_text(table) -> list[list[str]]:
    header = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    return [header] + [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def lines_of(chart) -> list[list[float]]:
    return [list(item.yData) for item in chart.getPlotItem().listDataItems()]


def test_a_tab_per_annotator_shows_f1_against_gold_per_day_and_label(against_gold):
    assert against_gold.summary.text() == "Adjudicated documents: 2; a point per day of adjudication"
    tabs = against_gold.tabs
    assert [strip_isolates(tabs.tabText(i)) for i in range(tabs.count())] == ["karim", "mona"]
    tabs.setCurrentIndex(1)
    assert table_text(against_gold.tables["mona"]) == [
        ["period", "documents", "SPEAKER", "CLAIM", "TARGET", "SPEAKER.entity kappa", "CLAIM.stance kappa",
         "SAID_BY F1", "ABOUT F1"],
        ["2026-11-30", "1", "0.500", "1.000", "0.000", "n/a", "0.000", "0.667", "0.000"],
        ["2026-12-01", "1", "1.000", "1.000", "n/a", "n/a", "n/a", "1.000", "n/a"],
        ["all", "2", "0.667", "1.000", "0.000", "n/a", "0.400", "0.800", "0.000"],
    ]
    chart = against_gold.charts["mona"]
    assert lines_of(chart) == [[0.5, 1.0], [1.0, 1.0], [0.0]]  # SPEAKER, CLAIM, TARGET (one day with a target)
    assert [text for _, text in chart.getAxis("bottom")._tickLevels[0]] == ["2026-11-30", "2026-12-01"]
    assert "SPEAKER 0.500" in strip_isolates(chart.toolTip())
    _figure_columns_fit(against_gold.tables["mona"])


def test_overlap_f1_is_one_choice_away(against_gold):
    against_gold.tabs.setCurrentIndex(1)
    against_gold.measure.setCurrentIndex(1)
    assert against_gold.tabs.currentIndex() == 1
    assert table_text(against_gold.tables["mona"])[1][2] == "1.000"  # the longer speaker overlaps gold's
    assert lines_of(against_gold.charts["mona"])[0] == [1.0, 1.0]
    assert "F1 overlap" in against_gold.charts["mona"].getPlotItem().titleLabel.text


def test_before_any_adjudication_the_page_says_so(qtbot, project):
    dashboard = Dashboard(project)
    qtbot.addWidget(dashboard)
    assert dashboard.against_gold.summary.text().startswith("No document is adjudicated yet")
    assert dashboard.against_gold.tabs.isHidden() and not dashboard.against_gold.findChildren(pg.PlotWidget)
    assert dashboard.pages.tabText(1) == "Annotators against gold"
    dashboard.refresh()  # the window's Dashboard action on an open dashboard
    assert dashboard.pages.count() == 2 and dashboard.pages.widget(1) is dashboard.against_gold


def test_the_legend_keeps_each_sample_beside_its_label_in_arabic(qapp, qtbot, settled):  # noqa: F811
    from annotator.ui.i18n import install_translator, uninstall_translator
    from annotator.ui.settings import app_settings

    settings = app_settings()
    settings.setValue("language", "ar")
    settings.sync()
    translator = install_translator(qapp)
    try:
        with Project.open(settled) as project:
            dashboard = Dashboard(project)
            qtbot.addWidget(dashboard)
            page = dashboard.against_gold
            assert dashboard.pages.tabText(1) == "المُوسِّمون مقارنةً بالمرجع الذهبي"
            assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
            legend = next(item for item in page.charts["mona"].getPlotItem().layout.itemAt(4, 1).items)
            sample, text = legend
            assert sample.pos().x() < text.pos().x()  # the sample, then its label
            assert text.text == "متحدث"
    finally:
        uninstall_translator(qapp, translator)


def test_a_schema_of_its_own_has_its_labels_attribute_and_relation_as_columns(qtbot, tmp_path):
    from annotator.core import adjudicate
    from annotator.core.ingest import DocumentInput, import_documents
    from annotator.core.schema import load_schema_file
    from tests.conftest import QUOTE_TEXT, QUOTES_SCHEMA
    from tests.core.test_vs_gold import where

    with Project.create(tmp_path / "q.sqlite", load_schema_file(QUOTES_SCHEMA)) as project:
        import_documents(project, [DocumentInput(text=QUOTE_TEXT, path="t", id="q1")])
        for layer, tone in (("gold", "ANGRY"), ("ali", "CALM")):
            project.add_span(1, layer, *where(QUOTE_TEXT, "الطرق ستُصلح قريباً"), "QUOTE", {"tone": tone})
        project.add_span(1, "ali", *where(QUOTE_TEXT, "رئيس البلدية"), "PERSON")
        adjudicate.set_adjudicated(project, 1)
        dashboard = Dashboard(project)
        qtbot.addWidget(dashboard)
        header, *rows = table_text(dashboard.against_gold.tables["ali"])
    assert header == ["period", "documents", "PERSON", "QUOTE", "QUOTE.tone kappa", "SAYS F1"]
    assert rows[-1] == ["all", "1", "0.000", "1.000", "0.000", "n/a"]
