"""The dashboard on the demo project: real disagreements, numbers beside the charts."""

import pytest
from PySide6.QtCore import Qt

from annotator.demo import ensure_demo_project
from annotator.ui.bidi import strip_isolates
from annotator.ui.main_window import MainWindow


def test_the_dashboard_shows_the_demo_disagreements_and_opens_a_document_for_review(qtbot, tmp_path):
    window = MainWindow(ensure_demo_project(tmp_path / "demo.sqlite"), annotator="huda")
    qtbot.addWidget(window)
    dashboard = window.open_dashboard()
    qtbot.addWidget(dashboard)
    figures = dashboard.figures
    assert figures["layers"] == ["karim", "mona"]
    assert 0 < figures["attributes"]["CLAIM.stance"]["kappa"] < 1
    assert "karim, mona" in strip_isolates(dashboard.summary.text())
    assert "CLAIM.stance kappa" in dashboard.summary.text() and "SAID_BY agreement" in dashboard.summary.text()
    table = dashboard.documents_table
    assert table.rowCount() == 2
    assert table.item(0, 2).text() != "0"
    chosen = []
    dashboard.document_chosen.connect(chosen.append)
    table.cellClicked.emit(0, 0)
    assert chosen[0] == figures["documents"][0]["id"]
    review = window.review
    qtbot.addWidget(review)
    assert review.isVisible()
    assert review.project.document_by_id(chosen[0]) is not None


def _figure_columns_fit(table):
    """Each column of figures is as wide as its widest text and header, and all of it is in
    the table's view (no horizontal scrolling hides a figure)."""
    from PySide6.QtWidgets import QStyle

    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    header = table.horizontalHeader()
    first = 1 if table is table.window().documents_table else 0  # document titles elide, with a tooltip
    for column in range(first, table.columnCount()):
        width = table.columnWidth(column)
        title = table.horizontalHeaderItem(column).text()
        assert header.fontMetrics().horizontalAdvance(title) + margin <= width, title
        for row in range(table.rowCount()):
            text = table.item(row, column).text()
            assert table.fontMetrics().horizontalAdvance(text) + margin <= width, (title, text)
        assert 0 <= table.columnViewportPosition(column)
        assert table.columnViewportPosition(column) + width <= table.viewport().width(), title


def _look_at(qtbot, window):
    from annotator.core.model import GOLD_LAYER

    for document in window.project.documents():
        window.project.set_status(document.key, GOLD_LAYER, "done")  # adjudicated: gold has a layer's progress
    dashboard = window.open_dashboard()
    qtbot.addWidget(dashboard)
    qtbot.waitExposed(dashboard)
    return dashboard


def _check(dashboard):
    import pyqtgraph as pg
    from PySide6.QtWidgets import QTableWidget

    tables = dashboard.pages.widget(0).findChildren(QTableWidget)  # the overview; annotators against gold has its own
    assert len(tables) == 4
    for table in tables:
        _figure_columns_fit(table)
    progress = dashboard.progress_table
    assert [progress.item(r, 0).text() for r in range(progress.rowCount())] == ["karim", "mona"]  # not gold
    assert str(len(list(dashboard.project.documents()))) in dashboard.adjudicated.text()
    bar_charts = [plot for plot in dashboard.findChildren(pg.PlotWidget)
                  if any(isinstance(item, pg.BarGraphItem) for item in plot.getPlotItem().items)]
    assert len(bar_charts) == 2
    for plot in bar_charts:
        low, high = plot.getViewBox().viewRange()[1]
        assert low <= 0 and high == pytest.approx(1.0)
        for sample, text in plot.getPlotItem().layout.itemAt(4, 1).items:  # the legend below the bars
            assert sample.pos().x() < text.pos().x()  # each sample beside its own label, in Arabic too


def test_figures_are_never_clipped_gold_is_no_annotator_and_agreement_stops_at_one(qtbot, tmp_path):
    window = MainWindow(ensure_demo_project(tmp_path / "demo.sqlite"), annotator="huda")
    qtbot.addWidget(window)
    _check(_look_at(qtbot, window))


def test_the_same_in_the_arabic_interface(qapp, qtbot, tmp_path):
    from annotator.ui.i18n import install_translator, uninstall_translator
    from annotator.ui.settings import app_settings

    settings = app_settings()
    settings.setValue("language", "ar")
    settings.sync()
    translator = install_translator(qapp)
    try:
        window = MainWindow(ensure_demo_project(tmp_path / "demo.sqlite"), annotator="huda")
        qtbot.addWidget(window)
        dashboard = _look_at(qtbot, window)
        assert dashboard.layoutDirection() == Qt.LayoutDirection.RightToLeft
        _check(dashboard)
        assert int(dashboard.documents_table.item(0, 2).text()) > 0  # disagreements counted in Arabic too
    finally:
        uninstall_translator(qapp, translator)
