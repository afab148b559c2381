"""The dashboard's annotators against gold (``core/vs_gold.py``): a tab per annotator with a
chart of their F1 against gold per label over the periods when gold was settled, so a
lead sees whether someone improves, and the same figures in a table below it (each
period's F1 per label, kappa per attribute, F1 of links per relation type). A choice
above the tabs switches between exact and overlap F1.

pyqtgraph draws the lines, as it draws the dashboard's other charts (PySide6 here ships
no QtCharts); it is imported with the dashboard, never at the window's start.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.store import Project
from annotator.core.vs_gold import annotators_against_gold
from annotator.ui import shown_names
from annotator.ui.bidi import isolate, isolate_ltr

LINE_COLORS = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2")
MEASURES = ("f1_exact", "f1_overlap")
LEGEND_COLUMNS = 4
MOST_TICKS = 8
DODGE = 0.04  # of the distance between two periods, between one label's points and the next's  # period names under the chart; with more periods, every n-th one


def _number(value) -> str:
    return QCoreApplication.translate("AgainstGold", "n/a") if value is None else f"{value:.3f}"


class AgainstGold(QWidget):
    """Each annotator's F1 against gold over time, per label, with its numbers as text: a
    page of the dashboard, titled by its window title."""

    def __init__(self, project: Project, make_table, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Annotators against gold"))
        self.project = project
        self.make_table = make_table  # the dashboard's tables, whose columns never clip a figure
        self.figures: dict[str, Any] = annotators_against_gold(project)
        self.charts: dict[str, pg.PlotWidget] = {}
        self.tables: dict[str, QTableWidget] = {}
        column = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel(self._summary_text())
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.measure = QComboBox()
        self.measure.addItems([self.tr("F1 exact"), self.tr("F1 overlap")])
        self.measure.currentIndexChanged.connect(self._show_measure)
        top.addWidget(self.measure)
        column.addLayout(top)
        self.tabs = QTabWidget()
        column.addWidget(self.tabs, 1)
        adjudicated = self.figures["documents"] > 0
        self.measure.setVisible(adjudicated)
        self.tabs.setVisible(adjudicated)
        if adjudicated:
            self._show_measure()

    def _summary_text(self) -> str:
        found = self.figures
        if not found["documents"]:
            return self.tr("No document is adjudicated yet: once gold is marked adjudicated, each annotator is "
                           "measured against it here")
        if found["period"] == "day":
            return self.tr("Adjudicated documents: {0}; a point per day of adjudication").format(found["documents"])
        return self.tr("Adjudicated documents: {0}; a point per week of adjudication").format(found["documents"])

    @property
    def measure_key(self) -> str:
        return MEASURES[max(0, self.measure.currentIndex())]

    def _show_measure(self) -> None:
        shown = self.tabs.currentIndex()
        self.tabs.clear()
        self.charts, self.tables = {}, {}
        for name, figures in self.figures["annotators"].items():
            self.tabs.addTab(self._annotator_tab(name, figures), isolate(name))
        self.tabs.setCurrentIndex(max(0, shown))

    def _annotator_tab(self, name: str, figures: dict[str, Any]) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        if not figures["documents"]:
            empty = QLabel(self.tr("{0} annotated none of the adjudicated documents").format(isolate(name)))
            empty.setTextFormat(Qt.TextFormat.PlainText)
            column.addWidget(empty)
            return tab
        self.charts[name] = self._chart(figures)
        self.tables[name] = self._figures_table(figures)
        column.addWidget(self.charts[name], 3)
        column.addWidget(self.tables[name], 2)
        return tab

    def _labels(self, figures: dict[str, Any]) -> list[str]:
        """The labels that gold or the annotator used on these documents."""
        return [label for label, values in figures["per_label"].items() if values["spans"] or values["gold_spans"]]

    def _chart(self, figures: dict[str, Any]) -> pg.PlotWidget:
        schema = self.project.schema
        plot = pg.PlotWidget(title=self.tr("{0} against gold, per label").format(self.measure.currentText()))
        plot.setBackground("w")
        plot.setMouseEnabled(x=False, y=False)
        legend = pg.LegendItem(colCount=LEGEND_COLUMNS)
        legend.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # mirrored, a sample left its label's side
        plot.getPlotItem().layout.addItem(legend, 4, 1)  # below the lines, never over them
        points = figures["over_time"]
        labels = self._labels(figures)
        for index, label in enumerate(labels):
            xs = [x for x, point in enumerate(points) if point["per_label"][label][self.measure_key] is not None]
            ys = [points[x]["per_label"][label][self.measure_key] for x in xs]
            color = LINE_COLORS[index % len(LINE_COLORS)]
            dodge = (index - (len(labels) - 1) / 2) * DODGE  # labels with the same figure stay apart
            line = plot.plot([x + dodge for x in xs], ys, pen=pg.mkPen(color, width=2), symbol="o", symbolBrush=color)
            legend.addItem(line, shown_names.label(schema, label))
        step = max(1, -(-len(points) // MOST_TICKS))
        plot.getAxis("bottom").setTicks([[(x, point["period"]) for x, point in enumerate(points)][::step]])
        plot.setXRange(-0.5, max(len(points) - 0.5, 0.5))
        plot.setYRange(0, 1.05, padding=0)  # agreement with gold reaches 1 at most
        plot.setToolTip(self._chart_tooltip(figures))
        return plot

    def _chart_tooltip(self, figures: dict[str, Any]) -> str:
        """The chart's points as plain text: a period a line, each label's F1."""
        schema = self.project.schema
        lines = []
        for point in figures["over_time"]:
            values = shown_names.listed(f"{shown_names.label(schema, label)} "
                                        f"{_number(point['per_label'][label][self.measure_key])}"
                                        for label in self._labels(figures))
            lines.append(f"{isolate_ltr(point['period'])}: {values}")
        return "\n".join(lines)

    def _figures_table(self, figures: dict[str, Any]) -> QTableWidget:
        """A row per period and one for all of them: documents, F1 per label, kappa per
        attribute, F1 of the links per relation type."""
        schema = self.project.schema
        labels = self._labels(figures)
        attributes = list(figures["attributes"])
        relations = list(figures["relations"])
        headers = [self.tr("period"), self.tr("documents"),
                   *(shown_names.label(schema, label) for label in labels),
                   *(self.tr("{0} kappa").format(self._attribute_key(key)) for key in attributes),
                   *(self.tr("{0} F1").format(shown_names.relation(schema, relation)) for relation in relations)]
        rows = [self._row(point["period"], point, labels, attributes, relations) for point in figures["over_time"]]
        rows.append(self._row(self.tr("all"), figures, labels, attributes, relations))
        return self.make_table(headers, rows)

    def _row(self, title: str, figures: dict[str, Any], labels: list[str], attributes: list[str],
             relations: list[str]) -> list[str]:
        return [title, str(figures["documents"]),
                *(_number(figures["per_label"][label][self.measure_key]) for label in labels),
                *(_number(figures["attributes"][key]) for key in attributes),
                *(_number(figures["relations"][relation]["f1"]) for relation in relations)]

    def _attribute_key(self, key: str) -> str:
        label, _, attribute = key.partition(".")
        schema = self.project.schema
        shown = (shown_names.label(schema, label), shown_names.attribute(schema, attribute))
        return key if shown == (label, attribute) else f"{shown[1]} ({shown[0]})"
