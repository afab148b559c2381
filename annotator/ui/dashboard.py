"""The reviewer's dashboard: agreement per label and pair, stance, progress, worst documents.

Charts come from pyqtgraph; every chart has its numbers beside it in a table, and a
click on a document asks for it to be opened for adjudication.
"""

from __future__ import annotations

from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import project_agreement
from annotator.core.model import GOLD_LAYER
from annotator.core.store import Project
from annotator.core.store.active_time import time_per_annotator
from annotator.core.store.listing import progress_over_time
from annotator.ui import dashboard_document_labels
from annotator.ui.dashboard_assignments import assignments_box
from annotator.ui.dashboard_gold import AgainstGold
from annotator.ui.dashboard_quick import QuickDecisions
from annotator.ui.tooltips import plain_tooltip
from annotator.ui import shown_names
from annotator.ui.bidi import isolate

BAR_COLORS = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2")
LEGEND_COLUMNS = 3
MIN_TITLE_WIDTH = 160  # a document title's column, elided below its full width
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole


def _number(value) -> str:
    return QCoreApplication.translate("Dashboard", "n/a") if value is None else f"{value:.3f}"


def _minutes(value) -> str:
    return QCoreApplication.translate("Dashboard", "n/a") if value is None else f"{value:.1f}"


def _table(headers: list[str], rows: list[list[str]], elide_first: bool = False) -> QTableWidget:
    """A read-only table that asks for the width its columns' texts need, so that no figure
    is clipped or scrolled out of sight; with ``elide_first`` its first column (document
    titles) takes the width left and elides what does not fit, its full text in a tooltip."""
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if c == 0 and elide_first:
                item.setToolTip(plain_tooltip(text))
            table.setItem(r, c, item)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if elide_first:
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.resizeColumnsToContents()
    first = 1 if elide_first else 0
    needed = sum(table.columnWidth(c) for c in range(first, len(headers)))
    needed += MIN_TITLE_WIDTH if elide_first else 0
    table.setMinimumWidth(needed + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width())
    if not elide_first:  # as tall as its rows: the chart above it takes the rest
        table.setMaximumHeight(header.sizeHint().height() + table.verticalHeader().length() + 2 * table.frameWidth())
    return table


def _bars(title: str, categories: list[str], series: dict[str, list[float | None]]) -> pg.PlotWidget:
    """Grouped bars, one group per category and one bar per series; undefined values are gaps."""
    plot = pg.PlotWidget(title=title)
    plot.setBackground("w")
    low = min([0.0] + [v for vs in series.values() for v in vs if v is not None])
    plot.setYRange(low, 1.0, padding=0)  # agreement reaches 1 at most: nothing is drawn above it
    plot.setMouseEnabled(x=False, y=False)
    plot.getAxis("left").setStyle(tickTextOffset=4, autoExpandTextSpace=True)
    width = 0.8 / max(1, len(series))
    legend = pg.LegendItem(colCount=min(len(series), LEGEND_COLUMNS))
    legend.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # mirrored, a sample left its label's side
    plot.getPlotItem().layout.addItem(legend, 4, 1)  # below the bars, never over them
    for index, (name, values) in enumerate(series.items()):
        xs = [c + index * width - 0.4 + width / 2 for c, v in enumerate(values) if v is not None]
        heights = [v for v in values if v is not None]
        bars = pg.BarGraphItem(x=xs, height=heights, width=width * 0.9,
                               brush=BAR_COLORS[index % len(BAR_COLORS)], name=name)
        plot.addItem(bars)
        legend.addItem(bars, name)
    plot.getAxis("bottom").setTicks([list(enumerate(categories))])
    return plot


class Dashboard(QWidget):
    document_chosen = Signal(str)  # the document's export id

    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(self.tr("Agreement and progress"))
        self.figures: dict = {}
        self.layout_ = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.layout_.addWidget(self.summary)
        self.pages = QTabWidget()  # the overview, and annotators against gold
        overview = QWidget()
        self.grid = QGridLayout(overview)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.pages.addTab(overview, self.tr("Agreement and progress"))
        self.layout_.addWidget(self.pages)
        self.against_gold: AgainstGold | None = None
        self.refresh()

    def refresh(self) -> None:
        self.figures = project_agreement(self.project)
        while self.grid.count():
            self.grid.takeAt(0).widget().deleteLater()
        figures = self.figures
        parts = [self.tr("{0} kappa {1}, alpha {2}").format(self._attribute_key(key), _number(values.get("kappa")),
                                                             _number(values.get("alpha")))
                 for key, values in figures["attributes"].items()]
        parts += [self.tr("{0} agreement {1}").format(shown_names.relation(self.project.schema, relation),
                                                      _number(values.get("agreement")))
                  for relation, values in figures["relations"].items()]
        parts += dashboard_document_labels.summary_parts(self.project.schema, figures, _number)
        self.summary.setText(self.tr("Annotators: {0}").format(shown_names.listed(map(isolate, figures["layers"])) or self.tr("none"))
                             + "".join(" · " + part for part in parts))
        self.grid.addWidget(self._labels_box(), 0, 0)
        self.grid.addWidget(self._pairs_box(), 0, 1)
        self.grid.addWidget(self._progress_box(), 1, 0)
        self.grid.addWidget(self._documents_box(), 1, 1)
        self.quick = QuickDecisions(self.project, self.document_chosen.emit)
        self.grid.addWidget(self.quick, 2, 0, 1, 2)
        labels_box = dashboard_document_labels.document_labels_box(self.project.schema, figures, _number, _table)
        if labels_box is not None:
            self.grid.addWidget(labels_box, 3, 0, 1, 2)
        self.assignments = assignments_box(self.project, _table, self.document_chosen.emit)
        if self.assignments is not None:
            self.grid.addWidget(self.assignments, 4, 0, 1, 2)
        if self.against_gold is not None:
            self.pages.removeTab(self.pages.indexOf(self.against_gold))
            self.against_gold.deleteLater()
        self.against_gold = AgainstGold(self.project, _table)
        self.pages.addTab(self.against_gold, self.against_gold.windowTitle())

    def _box(self, title: str, chart: QWidget, table: QTableWidget) -> QGroupBox:
        """A chart with its figures in a table below it, as wide as the chart: a table
        beside a chart left one of them too narrow."""
        box = QGroupBox(title)
        column = QVBoxLayout(box)
        column.addWidget(chart, 3)
        column.addWidget(table, 2)
        return box

    def _attribute_key(self, key: str) -> str:
        """``LABEL.attribute`` as the window shows them: "stance (CLAIM)" in the interface language."""
        label, _, attribute = key.partition(".")
        schema = self.project.schema
        shown = (shown_names.label(schema, label), shown_names.attribute(schema, attribute))
        return key if shown == (label, attribute) else f"{shown[1]} ({shown[0]})"

    def _labels_box(self) -> QGroupBox:
        labels = self.figures["labels"]
        names = list(labels)
        shown = [shown_names.label(self.project.schema, n) for n in names]
        chart = _bars(self.tr("Span agreement per label"), shown, {
            self.tr("F1 exact"): [labels[n].get("f1_exact") for n in names],
            self.tr("F1 overlap"): [labels[n].get("f1_overlap") for n in names],
            self.tr("alpha_U"): [labels[n].get("alpha_u") for n in names],
        })
        table = _table([self.tr("label"), self.tr("F1 exact"), self.tr("F1 overlap"), self.tr("alpha_U")], [
            [title, _number(labels[n].get("f1_exact")), _number(labels[n].get("f1_overlap")),
             _number(labels[n].get("alpha_u"))] for title, n in zip(shown, names)])
        return self._box(self.tr("Labels"), chart, table)

    def _pairs_box(self) -> QGroupBox:
        pairs = self.figures["pairs"]
        names = [f"{isolate(p['a'])} / {isolate(p['b'])}" for p in pairs]
        keys = list(self.figures["attributes"])
        kappa_titles = [self.tr("{0} kappa").format(self._attribute_key(key)) for key in keys]
        chart = _bars(self.tr("Agreement per annotator pair"), names, {
            self.tr("F1 overlap"): [p.get("f1_overlap") for p in pairs],
            **{title: [p["attributes"].get(key) for p in pairs] for title, key in zip(kappa_titles, keys)},
        })
        table = _table([self.tr("pair"), self.tr("F1 exact"), self.tr("F1 overlap"), *kappa_titles], [
            [n, _number(p.get("f1_exact")), _number(p.get("f1_overlap")),
             *(_number(p["attributes"].get(key)) for key in keys)]
            for n, p in zip(names, pairs)])
        return self._box(self.tr("Annotator pairs"), chart, table)

    def _progress_box(self) -> QGroupBox:
        series = progress_over_time(self.project)
        gold = series.pop(GOLD_LAYER, [])  # the reviewers' layer: not an annotator's progress
        plot = pg.PlotWidget(title=self.tr("Documents done over time"))
        plot.setBackground("w")
        plot.addLegend(offset=(10, 5)).setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        plot.setMouseEnabled(x=False, y=False)
        days = sorted({day for points in series.values() for day, _ in points})
        first = date.fromisoformat(days[0]) if days else date.today()
        for index, (layer, points) in enumerate(series.items()):
            xs = [(date.fromisoformat(day) - first).days for day, _ in points]
            plot.plot(xs, [count for _, count in points], pen=pg.mkPen(BAR_COLORS[index % 6], width=2),
                      symbol="o", symbolBrush=BAR_COLORS[index % 6], name=layer)
        last = max([(date.fromisoformat(day) - first).days for day in days] or [0])
        plot.setXRange(-1, max(last, 1) + 1)
        plot.setYRange(0, max([points[-1][1] for points in series.values()] or [1]) * 1.3)
        plot.setLabel("bottom", self.tr("days since {0}").format(first.isoformat()))
        table = self._progress_table(series)
        box = self._box(self.tr("Progress"), plot, table)
        self.adjudicated = QLabel(self.tr("Documents adjudicated into gold: {0}").format(gold[-1][1] if gold else 0))
        self.adjudicated.setTextFormat(Qt.TextFormat.PlainText)
        box.layout().addWidget(self.adjudicated)
        return box

    def _progress_table(self, series: dict[str, list]) -> QTableWidget:
        """Documents done and active time per annotator: the median minutes a document
        took, and per 1,000 of its words (an annotator with time and nothing done yet too)."""
        times = time_per_annotator(self.project)
        layers = sorted((series.keys() | times.keys()) - {GOLD_LAYER})
        no_time = {"median_minutes_per_document": None, "median_minutes_per_1000_words": None}
        rows = [[layer, str(series[layer][-1][1] if layer in series else 0),
                 *(_minutes(times.get(layer, no_time)[key]) for key in no_time)] for layer in layers]
        table = _table([self.tr("annotator"), self.tr("done"), self.tr("minutes per document (median)"),
                        self.tr("minutes per 1,000 words (median)")], rows)
        self.progress_table = table
        return table

    def _documents_box(self) -> QGroupBox:
        documents = self.figures["documents"]
        table = _table([self.tr("document"), self.tr("F1 overlap"), self.tr("disagreements")], [
            [d.get("title") or d["id"], _number(d.get("f1_overlap")), str(d.get("disagreements", 0))]
            for d in documents], elide_first=True)
        for row, document in enumerate(documents):
            table.item(row, 0).setData(DOCUMENT_ID_ROLE, document["id"])
        table.cellDoubleClicked.connect(lambda row, _c: self.document_chosen.emit(documents[row]["id"]))
        table.cellClicked.connect(lambda row, _c: self.document_chosen.emit(documents[row]["id"]))
        self.documents_table = table
        box = QGroupBox(self.tr("Most disagreement first (click to adjudicate)"))
        QVBoxLayout(box).addWidget(table)
        return box
