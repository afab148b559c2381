"""The dashboard's document labels: per label of the schema's ``document_labels``, the
annotators' agreement (mean kappa, Krippendorff's alpha, the share of documents given one
value) and each pair's kappa, from ``project_agreement``'s ``document_labels``. A schema
without document labels has no box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGroupBox, QTableWidget, QVBoxLayout

from annotator.core.schema import Schema
from annotator.ui.bidi import isolate
from annotator.ui.i18n import interface_language

translate = QCoreApplication.translate  # outside a QObject; lupdate reads translate("Context", "text")


def summary_parts(schema: Schema, figures: dict, number: Callable[[float | None], str]) -> list[str]:
    """The dashboard's summary line: each document label's kappa and alpha."""
    language = interface_language()
    return [translate("Dashboard", "{0} kappa {1}, alpha {2}").format(
        schema.document_label(name).shown_name(language), number(values["kappa"]), number(values["alpha"]))
        for name, values in figures.get("document_labels", {}).items()]


def document_labels_box(schema: Schema, figures: dict, number: Callable[[float | None], str],
                        table: Callable[[list[str], list[list[str]]], QTableWidget]) -> QGroupBox | None:
    found = figures.get("document_labels", {})
    if not found:
        return None
    language = interface_language()
    pairs = [(p["a"], p["b"]) for p in next(iter(found.values()))["pairs"]]
    headers = [translate("Dashboard", "document label"), translate("Dashboard", "kappa"),
               translate("Dashboard", "alpha"), translate("Dashboard", "one value"),
               translate("Dashboard", "documents"),
               *(translate("Dashboard", "{0} kappa").format(f"{isolate(a)} / {isolate(b)}") for a, b in pairs)]
    rows = [[schema.document_label(name).shown_name(language), number(values["kappa"]), number(values["alpha"]),
             number(values["agreement"]), str(values["compared"]), *(number(p["kappa"]) for p in values["pairs"])]
            for name, values in found.items()]
    box = QGroupBox(translate("Dashboard", "Document labels"))
    QVBoxLayout(box).addWidget(table(headers, rows))
    return box
